#!/usr/bin/env python
# A sales report: reads a CSV file, totals per region and product, and writes a
# summary CSV next to it.
import csv
import os
import tempfile
from cStringIO import StringIO

SALES = """region,product,units,price
north,widget,10,250
south,widget,4,250
north,gadget,3,1999
east,widget,7,250
south,gizmo,12,75
north,gizmo,1,75
east,gadget,2,1999
"""


def write_input(directory):
    path = os.path.join(directory, "sales.csv")
    handle = open(path, "wb")
    handle.write(SALES)
    handle.close()
    return path


def load(path):
    rows = []
    handle = open(path, "rb")
    reader = csv.DictReader(handle)
    for row in reader:
        row["units"] = int(row["units"])
        row["price"] = int(row["price"])
        rows.append(row)
    handle.close()
    return rows


def totals_by(rows, field):
    totals = {}
    for row in rows:
        key = row[field]
        if not totals.has_key(key):
            totals[key] = [0, 0]
        totals[key][0] += row["units"]
        totals[key][1] += row["units"] * row["price"]
    return totals


def cents(amount):
    return "%d.%02d" % (amount / 100, amount % 100)


def report(rows):
    by_region = totals_by(rows, "region")
    grand = sum([revenue for units, revenue in by_region.itervalues()])
    print "%-8s %6s %10s %6s" % ("region", "units", "revenue", "share")
    for region, (units, revenue) in sorted(by_region.iteritems()):
        share = revenue * 100 / grand
        print "%-8s %6d %10s %5d%%" % (region, units, cents(revenue), share)
    print "%-8s %6s %10s" % ("total", "", cents(grand))
    print
    by_product = totals_by(rows, "product")
    ranked = by_product.items()
    ranked.sort(lambda a, b: cmp(b[1][1], a[1][1]))
    for position, (product, (units, revenue)) in enumerate(ranked):
        average = revenue / units
        print "%d. %s: %d units, average %s" % (position + 1, product, units, cents(average))
    return by_region


def write_summary(directory, by_region):
    path = os.path.join(directory, "summary.csv")
    handle = open(path, "wb")
    writer = csv.writer(handle)
    writer.writerow(["region", "units", "revenue"])
    for region in sorted(by_region.keys()):
        units, revenue = by_region[region]
        writer.writerow([region, units, revenue])
    handle.close()
    return path


def main():
    directory = tempfile.mkdtemp()
    rows = load(write_input(directory))
    print "read %d rows" % len(rows)
    by_region = report(rows)
    summary = write_summary(directory, by_region)
    content = open(summary, "rb").read()
    print
    print "summary:", repr(content)
    buf = StringIO()
    csv.writer(buf, lineterminator="\n").writerows([["a", 1], ["b,c", 2]])
    print "quoted:", repr(buf.getvalue())
    for name in os.listdir(directory):
        os.remove(os.path.join(directory, name))
    os.rmdir(directory)


if __name__ == "__main__":
    main()
