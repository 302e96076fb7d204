# Names that Python 3 scopes differently: list comprehension variables, the
# exception variable after its handler, and tuples in comprehensions. Each part
# runs on its own, so that one failure does not hide the others.


def part(function):
    try:
        function()
    except NameError, error:
        print function.__name__, "failed:", error


def leak():
    squares = [n * n for n in range(5)]
    print "squares:", squares
    print "leaked n:", n


def nested_leak():
    matrix = [[1, 2], [3, 4]]
    flat = [cell for row in matrix for cell in row]
    print "flat:", flat, "last row:", row, "last cell:", cell


def bare_tuple():
    pairs = [x for x in 1, 2, 3]
    print "bare tuple:", pairs


def find_error(values):
    for value in values:
        try:
            int(value)
        except ValueError, problem:
            pass
    return problem


def escape():
    print "found:", find_error(["1", "x"]).args[0][:7]


def loops():
    total = 0
    for i in range(4):
        total += i
    print "loop variable after loop:", i, total
    gen_total = sum(k for k in range(3))
    print "generator total:", gen_total


for function in [leak, nested_leak, bare_tuple, escape, loops]:
    part(function)
