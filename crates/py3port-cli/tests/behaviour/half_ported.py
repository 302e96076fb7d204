# A module half-way through a port: it already imports print_function and
# division from __future__, but still uses Python 2 builtins and methods.
from __future__ import print_function, division

import sys

inventory = {"apples": 7, "pears": 4}
for name, count in sorted(inventory.iteritems()):
    print(name, count, sep=": ")
print("ratio:", inventory["apples"] / inventory["pears"])
print("floor:", 7 // 2, "true:", 7 / 2)
print("has apples:", inventory.has_key("apples"))
numbers = map(int, "1 2 3".split())
print("numbers:", numbers)
print("keys:", sorted(inventory.keys()))
total = 0
for i in xrange(4):
    total += i
print("total:", total)
print("text:", unicode("abc"), file=sys.stdout)
try:
    raise KeyError("k")
except KeyError as e:
    print("caught", repr(e.args[0]))
print("done", end="\n")
