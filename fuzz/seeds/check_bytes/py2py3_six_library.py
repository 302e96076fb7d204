# py3port-fixture-settings: target=py2-py3 compat-library=six
"""An order-export job, ported to run on Python 2.7 and 3 with six."""
import sys
import Queue
import urllib2
from StringIO import StringIO


class Order(object):
    __metaclass__ = type

    def __init__(self, items):
        self.items = items

    def __unicode__(self):
        return u", ".join(self.items)

    def __nonzero__(self):
        return bool(self.items)


class Batches(object):
    def __init__(self, orders):
        self.orders = iter(orders)

    def __iter__(self):
        return self

    def next(self):
        return self.orders.next()


def export(orders, totals):
    pending = Queue.Queue()
    for name, total in totals.iteritems():
        if not isinstance(name, basestring):
            name = unicode(name)
        print "%s: %d" % (name, total)
        print name, total
    for i in xrange(3):
        pending.put(i)
    answer = raw_input("send? ")
    if totals.has_key("all"):
        print
    try:
        urllib2.urlopen("http://example.invalid/orders")
    except urllib2.URLError, error:
        raise RuntimeError, str(error), sys.exc_info()[2]
    return StringIO(answer), "abc".decode("ascii")
