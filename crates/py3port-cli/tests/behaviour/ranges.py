# xrange and range() as a list.
total = 0
for i in xrange(10):
    total += i
print "total:", total

r = range(5)
r.append(5)
print "appended:", r
print "concat:", range(3) + range(3)
print "reversed:", range(4)[::-1]
print "xrange list:", list(xrange(2, 12, 3))
print "len xrange:", len(xrange(100))
grid = [[0] * 3 for row in range(2)]
print "grid:", grid
indices = range(len("abc"))
print "indices:", indices
print "equal:", range(3) == [0, 1, 2]
evens = range(0, 10, 2)
evens.reverse()
print "evens reversed:", evens
