# Dictionary methods that changed: iteritems and friends, has_key, keys() as a list.
prices = {"apple": 3, "pear": 5, "plum": 2, "fig": 7}

for name, price in sorted(prices.iteritems()):
    print name, price

print "total:", sum(prices.itervalues())
print "names:", sorted(prices.iterkeys())

if prices.has_key("pear"):
    print "has pear"
if not prices.has_key("kiwi"):
    print "no kiwi"

keys = prices.keys()
keys.sort()
print "sorted keys:", keys
print "first key:", sorted(prices.keys())[0]
values = prices.values()
print "max value:", max(values)
print "keys + extra:", sorted(prices.keys() + ["kiwi"])

items = prices.items()
items.sort(key=lambda item: item[1])
print "cheapest:", items[0]

counts = {}
for word in "a b a c b a".split():
    if counts.has_key(word):
        counts[word] += 1
    else:
        counts[word] = 1
print "counts:", sorted(counts.items())

# Deleting while iterating over keys() is fine in Python 2: it was a copy.
stock = {"a": 0, "b": 4, "c": 0, "d": 1}
for key in stock.keys():
    if stock[key] == 0:
        del stock[key]
print "in stock:", sorted(stock)

it = prices.iteritems()
print "iterator type ok:", hasattr(it, "next") or hasattr(it, "__next__")
print "viewkeys:", sorted(prices.viewkeys() & set(["fig", "kiwi"]))
