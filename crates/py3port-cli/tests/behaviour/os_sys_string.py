# os.getcwdu, sys.maxint, and the string module's functions and constants.
import os
import string
import sys

cwd = os.getcwdu()
print "getcwdu matches:", cwd == os.getcwd(), isinstance(cwd, unicode)
print "maxint:", sys.maxint == 2 ** 63 - 1
biggest = -sys.maxint - 1
print "smallest:", biggest < 0
print "letters:", len(string.letters), string.letters[:5]
print "lowercase:", string.lowercase[-3:]
print "uppercase:", string.uppercase[:3]
print "digits:", string.digits
print "join:", string.join(["a", "b", "c"], "-")
print "join default:", string.join(["a", "b"])
print "split:", string.split("a,b,c", ",")
print "upper:", string.upper("shout")
print "strip:", repr(string.strip("  x  "))
print "atoi:", string.atoi("42") + 1, string.atoi("ff", 16)
print "atof:", string.atof("1.5") * 2
print "replace:", string.replace("aaa", "a", "b", 2)
print "find:", string.find("hello", "l")
print "capwords:", string.capwords("hello world")
print "zfill:", string.zfill("7", 3)
table = string.maketrans("abc", "xyz")
print "maketrans:", "aabbcc".translate(table)
