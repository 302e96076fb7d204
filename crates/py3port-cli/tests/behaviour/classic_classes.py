# Classic classes: the diamond's method resolution order, properties, and
# special methods looked up on the instance.


class Base:
    def who(self):
        return "Base"


class Left(Base):
    pass


class Right(Base):
    def who(self):
        return "Right"


class Diamond(Left, Right):
    pass


print "diamond:", Diamond().who()


class Temperature:
    def __init__(self):
        self._celsius = 0

    def get_celsius(self):
        return self._celsius

    def set_celsius(self, value):
        self._celsius = value * 10

    celsius = property(get_celsius, set_celsius)


t = Temperature()
t.celsius = 5
print "property setter:", t.celsius, t._celsius


class Shape:
    sides = 0

    def describe(self):
        return "%s with %d sides" % (self.__class__.__name__, self.sides)


class Square(Shape):
    sides = 4


print "shape:", Square().describe()
print "isinstance:", isinstance(Square(), Shape)


class Greeter:
    pass


g = Greeter()
g.__len__ = lambda: 42
try:
    print "instance len:", len(g)
except TypeError:
    print "instance len: TypeError"
