# A generator pipeline: reading records, filtering, grouping with dict((k, v)
# for ...) and set([...]), generator.throw with Python 2's arguments, and
# `while 1` loops.


def numbers(limit):
    n = 0
    while 1:
        if n >= limit:
            raise StopIteration
        yield n
        n += 1


def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n


def chunks(source, size):
    chunk = []
    for item in source:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def resilient():
    total = 0
    while True:
        try:
            value = yield total
            total += value
        except ValueError, e:
            print "recovered from", e.args[0]


print "evens:", list(evens(numbers(10)))
print "chunks:", list(chunks(xrange(7), 3))
squares = dict((n, n * n) for n in range(5))
print "squares:", sorted(squares.items())
unique = set([3, 1, 3, 2, 1])
print "unique:", sorted(unique)
lookup = dict([(name, len(name)) for name in ["ab", "cde"]])
print "lookup:", sorted(lookup.iteritems())

acc = resilient()
acc.next()
print "sent:", acc.send(5), acc.send(7)
print "after throw:", acc.throw(ValueError, "bad value")
print "sent again:", acc.send(1)
acc.close()

pipeline = (n * 10 for n in evens(numbers(6)))
print "first of pipeline:", pipeline.next()
print "rest:", list(pipeline)
