#!/usr/bin/env python
# An inventory kept in a pickle file: load, update, save, reload, and a
# low-stock report. Works in its own temporary directory.
import cPickle as pickle
import os
import shutil
import tempfile


class Item(object):
    def __init__(self, sku, name, quantity, price):
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.price = price

    def value(self):
        return self.quantity * self.price

    def __repr__(self):
        return "Item(%s, %s, %d)" % (self.sku, self.name, self.quantity)


class Inventory(object):
    def __init__(self, path):
        self.path = path
        self.items = {}

    def load(self):
        if not os.path.exists(self.path):
            return False
        f = open(self.path)
        self.items = pickle.load(f)
        f.close()
        return True

    def save(self):
        f = open(self.path, "w")
        pickle.dump(self.items, f)
        f.close()

    def add(self, item):
        if self.items.has_key(item.sku):
            self.items[item.sku].quantity += item.quantity
        else:
            self.items[item.sku] = item

    def remove(self, sku, quantity):
        item = self.items[sku]
        item.quantity = max(0, item.quantity - quantity)

    def low_stock(self, limit):
        low = [item for item in self.items.itervalues() if item.quantity < limit]
        low.sort(key=lambda item: item.sku)
        return low

    def total_value(self):
        return sum(map(Item.value, self.items.values()))


def main():
    directory = tempfile.mkdtemp()
    path = os.path.join(directory, "inventory.pkl")
    inventory = Inventory(path)
    print "loaded existing:", inventory.load()
    for sku, name, quantity, price in [("A1", "bolt", 500, 2), ("B2", "nut", 40, 1),
                                       ("C3", "gear", 7, 150), ("A1", "bolt", 20, 2)]:
        inventory.add(Item(sku, name, quantity, price))
    inventory.remove("C3", 3)
    inventory.save()

    again = Inventory(path)
    print "loaded saved:", again.load()
    print "skus:", sorted(again.items.keys())
    print "low stock:", again.low_stock(50)
    print "total value:", again.total_value()
    print "average price:", again.total_value() / len(again.items)
    first = sorted(again.items.values(), key=lambda i: i.sku)[0]
    print "first:", first, first.value()
    print "pickle size positive:", os.path.getsize(path) > 0
    shutil.rmtree(directory)


if __name__ == "__main__":
    main()
