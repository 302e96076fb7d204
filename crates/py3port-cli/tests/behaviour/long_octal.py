# Long integers, their L suffix, octal literals and oct()/hex() output.
import sys

big = 12345678901234567890L
print "big:", big
print "repr big:", repr(big)
print "str big:", str(big)
small = 5L
print "small:", small, type(small) == type(1L)
print "long():", long("123") + 1
print "isinstance:", isinstance(10, (int, long))
n = 2 ** 70
print "power:", n
print "repr power:", repr(n)[:-1]
print "backquoted:", `n`[-1]
print "hex long:", hex(255L)
print "hex int:", hex(255)
mode = 0755
print "mode:", mode
print "oct:", oct(mode)
print "oct digits:", oct(8)[1:]
print "octal zero:", 00, 0L
print "maxint positive:", sys.maxint > 0
print "maxint type:", type(sys.maxint).__name__
print "long div:", 7L / 2
