# Special methods Python 3 ignores or renamed: __div__, __cmp__, __getslice__,
# __hex__/__oct__, __unicode__, __eq__ without __hash__, __nonzero__. Each part runs
# on its own, so that one failure does not hide the others.
import sys


def part(name, function):
    try:
        function()
    except Exception, error:
        print name, "failed with", type(error).__name__


class Money(object):
    def __init__(self, cents):
        self.cents = cents

    def __div__(self, n):
        return Money(self.cents / n)

    def __idiv__(self, n):
        self.cents = self.cents / n
        return self

    def __str__(self):
        return "$%d.%02d" % (self.cents / 100, self.cents % 100)


m = Money(1000)
print "divided:", m / 3
m /= 4
print "in place:", m


class Version(object):
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __cmp__(self, other):
        return cmp(self.parts, other.parts)

    def __repr__(self):
        return "Version(%s)" % ".".join(str(p) for p in self.parts)


def versions():
    print "sorted versions:", sorted([Version("1.10"), Version("1.2"), Version("0.9")])
    print "compare:", Version("2.0") > Version("1.9"), Version("1.0") == Version("1.0")


part("versions", versions)
print "cmp builtin:", cmp(1, 2), cmp("b", "a"), cmp(3, 3)


class Window(object):
    def __init__(self, data):
        self.data = data

    def __getitem__(self, index):
        return self.data[index]

    def __getslice__(self, start, stop):
        return "slice(%d, %d)" % (start, stop)


def window():
    w = Window("abcdef")
    print "getitem:", w[1]
    print "getslice:", w[1:3]


part("window", window)


class Name(object):
    def __init__(self, text):
        self.text = text

    def __unicode__(self):
        return u"Name<%s>" % self.text


print "unicode():", unicode(Name("x"))


class Flag(object):
    def __init__(self, on):
        self.on = on

    def __nonzero__(self):
        return self.on


print "flags:", [bool(Flag(True)), bool(Flag(False))]


class Point(object):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


def points():
    seen = set()
    seen.add(Point(1, 2))
    print "hashable points:", len(seen)


part("points", points)


class Mask(object):
    def __init__(self, value):
        self.value = value

    def __hex__(self):
        return "0x%04x" % self.value

    def __oct__(self):
        return "0o%o" % self.value


part("mask", lambda: sys.stdout.write("hex(): %s\n" % hex(Mask(255))))
