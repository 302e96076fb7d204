"""Stock items and the in-memory catalogue."""

import string
import types


class StockItem:
    """One line of stock."""

    def __init__(self, sku, name, quantity, unit_price):
        self.sku = sku
        self.name = name
        self.quantity = long(quantity)
        self.unit_price = float(unit_price)

    def __repr__(self):
        return '<StockItem %s x%d>' % (self.sku, self.quantity)

    def __nonzero__(self):
        return self.quantity > 0

    def __cmp__(self, other):
        return cmp(self.sku, other.sku)

    def value(self):
        return self.quantity * self.unit_price

    def label(self):
        return string.upper(self.name) + ' (' + `self.quantity` + ')'


class Catalogue(object):

    def __init__(self):
        self.items = {}

    def add(self, item):
        if self.items.has_key(item.sku):
            raise KeyError, 'duplicate sku %s' % item.sku
        self.items[item.sku] = item

    def skus(self):
        skus = self.items.keys()
        skus.sort()
        return skus

    def in_stock(self):
        return filter(lambda item: item, self.items.values())

    def total_value(self):
        total = 0L
        for sku, item in self.items.iteritems():
            total += item.value()
        return total

    def average_quantity(self):
        if len(self.items) == 0:
            return 0
        return sum(i.quantity for i in self.items.values()) / len(self.items)

    def find(self, text):
        if isinstance(text, types.StringTypes):
            text = unicode(text, 'utf-8')
        return [i for i in self.items.itervalues() if text.lower() in i.name.lower()]
