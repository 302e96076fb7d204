# -*- coding: utf-8 -*-
# A Python 2 module: py3port finds what breaks on Python 3. Edit it, or paste your own.
import urllib2
from StringIO import StringIO


class Inventory:
    def __init__(self, items):
        self.items = dict(items)

    def has(self, name):
        return self.items.has_key(name)

    def report(self):
        for name, count in self.items.iteritems():
            print "%-10s %5d" % (name, count)
        print >>sys.stderr, u"done 😀"


def fetch(url):
    try:
        return urllib2.urlopen(url).read()
    except urllib2.URLError, e:
        raise ValueError, "cannot fetch %s: %s" % (url, e)


def average(values):
    total = reduce(lambda a, b: a + b, values, 0L)
    return total / len(values)


if __name__ == '__main__':
    stock = Inventory([('apples', 3), ('pears', 0777)])
    print `stock.items`
    for i in xrange(3):
        print i,
