# The print statement in its forms: plain, several values, soft space, >>file,
# a bare print, and a parenthesised tuple.
import sys
from StringIO import StringIO


def banner(title):
    print "=" * 10, title, "=" * 10


banner("values")
print "one"
print "two", 2, 2.5
print 1, "and", None
x = 3
print "x is", x, "and its square is", x * x

banner("soft space")
for i in range(5):
    print i,
print
print "a", ; print "b"
print "no space after tab\t",
print "next"
print "line\n",
print "after newline"

banner("tuple")
print ("a", "b")
print (x)
print ()

banner("files")
buf = StringIO()
print >>buf, "into", "the", "buffer"
print >>buf, "second line",
print >>buf, "continued"
print >>buf
print repr(buf.getvalue())
print >>sys.stdout, "to stdout explicitly"
print >>sys.stderr, "to stderr"
print >> sys.stderr, "again", "to", "stderr"

banner("end")
values = [1, 2, 3]
for v in values:
    print "%d:" % v,
    print v * 10
