# A shopping cart; its imports of sibling modules are implicitly relative.
import prices
from prices import format_cents
from discounts import discount_for


class Cart(object):
    def __init__(self):
        self.lines = {}

    def add(self, name, quantity):
        self.lines[name] = self.lines.get(name, 0) + quantity

    def count(self):
        return sum(self.lines.itervalues())

    def invoice(self):
        rows = []
        total = 0
        for name, quantity in sorted(self.lines.iteritems()):
            amount = prices.PRICES[name] * quantity
            amount -= amount * discount_for(name, quantity) / 100
            total += amount
            rows.append("%-10s x%d %8s" % (name, quantity, format_cents(amount)))
        rows.append("%-13s %8s" % ("total", format_cents(total)))
        return "\n".join(rows)
