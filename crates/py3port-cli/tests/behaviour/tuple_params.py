# Tuple parameters in def and lambda.


def distance((x1, y1), (x2, y2)):
    return abs(x2 - x1) + abs(y2 - y1)


def describe(name, (low, high)=(0, 10)):
    return "%s in [%d, %d]" % (name, low, high)


def nested(((a, b), c), d):
    return a + b + c + d


print "distance:", distance((1, 2), (4, 6))
print "default:", describe("x")
print "given:", describe("y", (3, 4))
print "nested:", nested(((1, 2), 3), 4)
points = [(3, 1), (1, 2), (2, 0)]
print "sorted by y:", sorted(points, key=lambda (x, y): y)
print "sums:", map(lambda (a, b): a + b, points)
print "labels:", [(lambda (k, v): "%s=%s" % (k, v))(item) for item in [("a", 1), ("b", 2)]]
