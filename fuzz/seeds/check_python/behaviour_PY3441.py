
"""Text helpers with doctests written on Python 2."""


def title(name):
    """Capitalise a name.

    >>> title(u"ada")
    u'Ada'
    >>> [title(n) for n in [u"a", u"b"]]
    [u'A', u'B']
    """
    return name.title()


def size(n):
    """
    >>> size(2 ** 70)
    1180591620717411303424L
    >>> print size(3)
    3
    """
    return n


def fine(n):
    """Doctests that read the same on Python 3.

    >>> fine(2)
    2
    >>> print(fine(3))
    3
    >>> "ulong"
    'ulong'
    """
    return n


def capture(out):
    """Prints in the code of a doctest, on continuation lines too.

    >>> def shout():
    ...     print "HEY", 2
    >>> shout()
    HEY 2
    >>> print >>out, "x"
    >>> print "no newline",
    no newline
    """
    return out
