# itertools.izip/imap/ifilter/izip_longest/ifilterfalse, imported both ways.
import itertools
from itertools import izip, imap, ifilterfalse

names = ["ann", "ben", "cid"]
scores = [90, 85, 77, 60]
print "izip:", list(izip(names, scores))
print "imap:", list(imap(lambda n, s: "%s=%d" % (n, s), names, scores))
print "ifilter:", list(itertools.ifilter(lambda s: s > 80, scores))
print "ifilterfalse:", list(ifilterfalse(lambda s: s > 80, scores))
print "izip_longest:", list(itertools.izip_longest(names, scores, fillvalue="-"))
print "imap pow:", list(itertools.imap(pow, [2, 3], [3, 2]))
for i, (name, score) in enumerate(izip(names, scores)):
    print i, name, score
print "chain:", list(itertools.chain(names, ["dan"]))
print "islice:", list(itertools.islice(itertools.count(5), 3))
print "groupby:", [(k, len(list(g))) for k, g in itertools.groupby("aabccc")]
