# Division: `/` on known integers, on floats, `/=`, and on values whose type the
# checker cannot know.
items = ["a", "b", "c", "d", "e", "f", "g"]
middle = items[len(items) / 2]
print "middle:", middle

total = 17
count = 5
print "average (ints):", total / count
print "remainder:", total % count
print "negative:", -7 / 2
print "float operand:", 7 / 2.0
print "float() operand:", float(total) / count
print "floor already:", 7 // 2

pages = 0
for n in range(23):
    pages += 1
pages /= 10
print "pages:", pages

width = 80
columns = 3
column_width = width / columns
print "columns:", [column_width] * columns


def split_evenly(amount, parts):
    # Unknown operand types: py3port reports this with medium confidence only.
    share = amount / parts
    return [share] * parts


print "shares:", split_evenly(10, 4)


def percent(part, whole):
    return 100 * part / whole


print "percent: %d%%" % percent(3, 8)
print "percent as str:", percent(3, 8)
