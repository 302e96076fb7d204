#!/usr/bin/env python
# A package whose modules import their siblings implicitly (Python 2's relative
# imports): the entry point builds a cart and prints an invoice.
from shop import cart

c = cart.Cart()
c.add("pen", 3)
c.add("notebook", 2)
c.add("pen", 1)
print c.invoice()
print "items:", c.count()
