def distance((x1, y1), (x2, y2)):
    "Distance between two points."
    return ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5


def first(((a, b), c), d=1):
    return a


def parenthesised((name)):
    return name


pairs = sorted(items, key=lambda (k, v): v)
swapped = map(lambda (k, v): (v, k), items)
nested = lambda (x, (y, z)): x + y + z
single = lambda (x,): x
plain = lambda (x): x
attribute = lambda (obj, name): obj.name + name
one_line = lambda x, y: x + y
