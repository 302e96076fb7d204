"""Loading and saving the catalogue."""

import cPickle
import csv
import os
import sys

from models import StockItem, Catalogue

DATA_MODE = 0644


def load_csv(path):
    catalogue = Catalogue()
    reader = csv.reader(open(path, 'rb'))
    header = reader.next()
    for row in reader:
        if len(row) <> len(header):
            print >>sys.stderr, "skipping malformed row", row
            continue
        catalogue.add(StockItem(*row))
    return catalogue


def save(catalogue, path):
    f = file(path, 'w')
    try:
        cPickle.dump(catalogue.items, f)
    finally:
        f.close()
    os.chmod(path, DATA_MODE)


def load(path):
    try:
        f = open(path)
    except IOError, e:
        print "cannot open", path, ":", e
        return None
    items = cPickle.load(f)
    catalogue = Catalogue()
    for (sku, item) in items.items():
        catalogue.add(item)
    return catalogue
