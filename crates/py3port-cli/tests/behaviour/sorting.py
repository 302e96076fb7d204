# Sorting with cmp functions, cmp(), and orderings between mixed types.


def by_length_then_alpha(a, b):
    return cmp(len(a), len(b)) or cmp(a, b)


words = ["pear", "fig", "banana", "kiwi", "apple"]
print "sorted cmp:", sorted(words, cmp=by_length_then_alpha)
words.sort(cmp=by_length_then_alpha, reverse=True)
print "sort cmp reverse:", words
words.sort(lambda a, b: cmp(a[-1], b[-1]) or cmp(a, b))
print "positional cmp:", words
records = [("bob", 3), ("amy", 3), ("cat", 1)]
records.sort(cmp=lambda x, y: cmp(y[1], x[1]) or cmp(x[0], y[0]))
print "records:", records
print "cmp numbers:", [cmp(a, b) for a, b in [(1, 2), (2, 2), (3, 2)]]
print "sorted key:", sorted(words, key=len)
print "max key:", max(words, key=len)


def safe(name, function):
    try:
        print name, function()
    except TypeError:
        print name, "TypeError"


safe("none first:", lambda: sorted([3, None, 1]))
safe("mixed:", lambda: sorted([2, "a", 1.5]))
safe("none compare:", lambda: None < 0)
safe("max none:", lambda: max([None, 4, 2]))
