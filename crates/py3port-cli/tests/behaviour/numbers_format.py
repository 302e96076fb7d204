# round(), oct(), hex(), divmod, and numbers formatted for output.
values = [0.5, 1.5, 2.5, -2.5, 2.675, 7.0]
for v in values:
    print "round(%s) = %s" % (v, round(v))
print "round 2 digits:", round(2.675, 2), round(1.005, 2)
print "round int:", round(7), int(round(3.7))
print "oct:", oct(8), oct(0), oct(64)
print "hex:", hex(255), hex(-1)
print "divmod:", divmod(17, 5), divmod(-17, 5)
print "power:", 2 ** -1, pow(2, 10)
print "abs:", abs(-3), abs(-2.5)
print "format: %5.2f|%-4d|%x|%o" % (3.14159, 42, 255, 8)
print "str float:", str(0.1 + 0.2)[:4]
print "int of float:", int(7.9), int(-7.9)
print "truthy zero:", bool(0.0), bool(0)
