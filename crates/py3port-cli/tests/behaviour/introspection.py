# Function and method attributes, the types module's constants, operator's old
# functions, sys.exitfunc and sys.exc_clear.
import operator
import sys
import types


def greet(name, punctuation="!"):
    """Says hello."""
    return "hello " + name + punctuation


class Robot(object):
    def beep(self):
        return "beep"


print "func_name:", greet.func_name
print "func_defaults:", greet.func_defaults
print "func_doc:", greet.func_doc
print "func_code args:", greet.func_code.co_varnames[:greet.func_code.co_argcount]
print "func_globals:", greet.func_globals is globals()
r = Robot()
bound = r.beep
print "im_self:", bound.im_self is r
print "im_func:", bound.im_func.__name__
print "im_class:", bound.im_class.__name__

print "IntType:", isinstance(3, types.IntType)
print "StringTypes:", isinstance("x", types.StringTypes)
print "ListType:", type([]) is types.ListType
print "DictType:", types.DictType.__name__
print "NoneType:", type(None) is types.NoneType
print "FunctionType:", isinstance(greet, types.FunctionType)

print "isCallable:", operator.isCallable(greet), operator.isCallable(1)
print "sequenceIncludes:", operator.sequenceIncludes([1, 2], 2)
print "repeat:", operator.repeat("ab", 3)
print "getitem:", operator.getitem([5, 6], 1)

try:
    raise ValueError("x")
except ValueError:
    pass
sys.exc_clear()
print "after exc_clear:", sys.exc_info()[0]


def goodbye():
    print "exit function ran"


sys.exitfunc = goodbye
print "end of program"
