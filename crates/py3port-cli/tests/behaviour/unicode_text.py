# -*- coding: utf-8 -*-
# Text and bytes: u'' literals, unicode(), encode/decode, basestring, unichr.
name = u"café"
print "length:", len(name)
print "upper:", name.upper()
encoded = name.encode("utf-8")
print "encoded length:", len(encoded)
decoded = encoded.decode("utf-8")
print "round trip:", decoded == name
print "unicode():", unicode(42) + u"!"
print "unichr:", unichr(233) == u"\xe9", ord(unichr(0x263a))


def describe(value):
    if isinstance(value, basestring):
        return "text %s" % value
    return "other %r" % (value,)


print describe(u"hello")
print describe("bytes-ish")
print describe(12)

greeting = u"Hello, %s" % "world"
print greeting
print "type check:", isinstance(greeting, unicode)
print "ascii decode:", "plain".decode("ascii")
print "join:", u"-".join([u"a", u"b", u"c"])
print "format:", u"{0} and {1}".format(u"x", "y")
parts = u"one,two,,three".split(u",")
print "parts:", len(parts), u"|".join([p for p in parts if p])
print "title:", u"é".upper().encode("utf-8")
print "isdigit:", u"123".isdigit(), u"12a".isdigit()
