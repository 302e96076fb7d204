# Iterators: .next() calls, classes defining next(), __nonzero__ and __len__,
# generators that let StopIteration escape.


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def next(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Bag(object):
    def __init__(self, items):
        self.items = list(items)

    def __nonzero__(self):
        return any(self.items)

    def __len__(self):
        return len(self.items)


print "countdown:", list(Countdown(3))
it = iter([10, 20, 30])
print "next():", it.next(), next(it)
c = Countdown(2)
print "class next:", c.next()
lines = iter(["header", "row1", "row2"])
header = lines.next()
print "header:", header, "rest:", list(lines)

for bag in [Bag([]), Bag([0, 0]), Bag([0, 1])]:
    if bag:
        print "bag of", len(bag), "is true"
    else:
        print "bag of", len(bag), "is false"


def pairs(iterable):
    it = iter(iterable)
    while True:
        first = next(it)
        second = next(it)
        yield first, second


print "pairs:", list(pairs([1, 2, 3, 4, 5]))


def take(n, iterable):
    it = iter(iterable)
    for i in range(n):
        yield it.next()


print "take:", list(take(5, "abc"))


def until_negative(values):
    for v in values:
        if v < 0:
            raise StopIteration
        yield v


print "until negative:", list(until_negative([3, 2, -1, 5]))
gen = (x * 2 for x in range(3))
print "generator next:", gen.next(), gen.next()
