# map(), filter() and zip() used as lists.
numbers = [1, 2, 3, 4, 5]
squares = map(lambda n: n * n, numbers)
print "squares:", squares
print "len:", len(squares)
print "third:", squares[2]

words = ["alpha", "beta", "gamma"]
lengths = map(len, words)
print "lengths:", lengths, "sum twice:", sum(lengths), sum(lengths)

evens = filter(lambda n: n % 2 == 0, numbers)
print "evens:", evens, len(evens)
truthy = filter(None, [0, 1, "", "x", None, [], [2]])
print "truthy:", truthy

pairs = zip(words, lengths)
print "pairs:", pairs
print "first pair:", pairs[0]
names, sizes = zip(*pairs)
print "unzipped:", names, sizes

digits = filter(str.isdigit, "a1b2c3")
print "digits:", digits

padded = map(None, [1, 2, 3], ["a", "b"])
print "map None:", padded
summed = map(lambda a, b: (a or 0) + (b or 0), [1, 2, 3], [10, 20])
print "unequal map:", summed
print "identity:", map(None, "ab")

upper = map(str.upper, words)
upper.append("DELTA")
print "upper:", upper
if map(abs, []):
    print "empty map is true"
else:
    print "empty map is false"
