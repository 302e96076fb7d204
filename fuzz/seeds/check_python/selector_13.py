print 'x', y
d = {}
for k in d.iterkeys(): print k
raise E, 'v'
