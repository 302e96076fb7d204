# Removed builtins and statements: backquotes, exec, execfile, apply, reduce,
# intern, callable, buffer, coerce-free arithmetic.
import os
import tempfile


def add(a, b, c=0):
    return a + b + c


print "apply:", apply(add, (1, 2))
print "apply kw:", apply(add, (1, 2), {"c": 3})
print "reduce:", reduce(lambda a, b: a * b, [1, 2, 3, 4])
print "reduce init:", reduce(lambda a, b: a + b, [], 10)
print "backquote:", `[1, "two", 3.0]`
print "nested:", `("a", 1)`
print "callable:", callable(add), callable(3)
s = intern("hello" + " world")
print "intern:", s is intern("hello world")

namespace = {}
exec "result = 6 * 7" in namespace
print "exec in ns:", namespace["result"]
exec "greeting = 'hi'" in namespace, namespace
print "exec globals/locals:", namespace["greeting"]
code = compile("doubled = result * 2", "<string>", "exec")
exec code in namespace
print "exec code:", namespace["doubled"]

directory = tempfile.mkdtemp()
script = os.path.join(directory, "settings.py")
handle = open(script, "w")
handle.write("NAME = 'demo'\nVALUE = 40 + 2\n")
handle.close()
settings = {}
execfile(script, settings)
print "execfile:", settings["NAME"], settings["VALUE"]
os.remove(script)
os.rmdir(directory)

view = buffer("abcdef", 2, 3)
print "buffer:", str(view), len(view)
print "buffer index:", view[0]
