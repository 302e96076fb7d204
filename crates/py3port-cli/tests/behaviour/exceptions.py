# Exceptions: except E, e; raise E, V; raise E, V, T; .message; sys.exc_type;
# indexing an exception; StandardError; the variable after the handler.
import sys


class ValidationError(StandardError):
    pass


def parse_age(text):
    try:
        value = int(text)
    except ValueError, e:
        raise ValidationError, "not a number: %s" % text
    if value < 0:
        raise ValidationError, ("negative", value)
    return value


for text in ["12", "x", "-3"]:
    try:
        print "age:", parse_age(text)
    except ValidationError, error:
        print "invalid:", error.args
        print "message:", repr(error.message)

try:
    {}["missing"]
except KeyError, e:
    print "key error:", e[0]
    print "exc_type:", sys.exc_type.__name__
    print "exc_value:", sys.exc_value.args

try:
    raise IOError(2, "No such file")
except (IOError, OSError), (code, text):
    print "unpacked:", code, text

try:
    try:
        1 / 0
    except ZeroDivisionError:
        info = sys.exc_info()
        raise RuntimeError, "wrapped", info[2]
except RuntimeError, e:
    print "reraised:", e, sys.exc_info()[2] is not None

try:
    raise ValueError("first", "second")
except ValueError, e:
    pass
print "after handler:", e.args

try:
    raise KeyError, None
except KeyError, e:
    print "raise with None:", repr(e)

try:
    raise StandardError("plain")
except StandardError, e:
    print "standard error:", e.message

errors = []
for value in ["1", "a", "2"]:
    try:
        int(value)
    except ValueError, err:
        errors.append(str(err))
print "errors:", errors
print "last error variable:", err.__class__.__name__
