"""Command line: python -m inventory.cli report stock.csv"""

import sys
from optparse import OptionParser

import storage


def report(catalogue):
    print "%-8s %-14s %8s %10s" % ('SKU', 'Name', 'Qty', 'Value')
    print '-' * 44
    for sku in catalogue.skus():
        item = catalogue.items[sku]
        print "%-8s %-14s %8d %10.2f" % (sku, item.name, item.quantity, item.value()),
        if not item:
            print ' (out of stock)'
        else:
            print
    print
    print 'Total value: %.2f' % catalogue.total_value()
    print 'Average quantity: %d' % catalogue.average_quantity()
    print 'Items in stock: %d of %d' % (len(catalogue.in_stock()), len(catalogue.items))


def main(argv=None):
    parser = OptionParser(usage='%prog report FILE')
    options, args = parser.parse_args(argv)
    if len(args) <> 2 or args[0] != 'report':
        parser.error('expected: report FILE')
    try:
        catalogue = storage.load_csv(args[1])
    except IOError, (errno, message):
        print >>sys.stderr, 'cannot read %s: %s' % (args[1], message)
        return 1
    report(catalogue)
    return 0


if __name__ == '__main__':
    sys.exit(main())
