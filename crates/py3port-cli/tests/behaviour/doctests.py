#!/usr/bin/env python
# A module whose documentation examples are doctests written for Python 2, and
# a runner that prints, per function, how many examples pass.
import doctest
import sys


def greet(name):
    """Greets someone.

    >>> print greet("world")
    Hello, world!
    >>> print greet("you"), greet("me")
    Hello, you! Hello, me!
    """
    return "Hello, %s!" % name


def halves(n):
    """Halves with Python 2's integer division.

    >>> halves(7)
    3
    >>> [halves(x) for x in xrange(4)]
    [0, 0, 1, 1]
    """
    return n // 2


def big(n):
    """A big number.

    >>> big(3) > 10 ** 20
    True
    >>> print big(1)
    1000000000000000000000
    """
    return n * 10 ** 21


def letters(text):
    """The sorted letters of a word.

    >>> letters("banana")
    ['a', 'b', 'n']
    >>> len(letters(u"caf\\xe9"))
    4
    """
    return sorted(set(text))


def run():
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(verbose=False)
    module = sys.modules[__name__]
    for test in sorted(finder.find(module), key=lambda t: t.name):
        if not test.examples:
            continue
        result = runner.run(test, out=lambda text: None)
        print "%s: %d of %d passed" % (test.name.split(".")[-1],
                                      result.attempted - result.failed, result.attempted)


if __name__ == "__main__":
    run()
