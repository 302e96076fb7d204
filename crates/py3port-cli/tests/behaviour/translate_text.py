# str.translate(None, chars) and friends: cleaning up text.
phone = "(555) 123-4567"
print "digits only:", phone.translate(None, "()- ")
print "no vowels:", "programming language".translate(None, "aeiou")
cleaned = [s.translate(None, ".,!?") for s in ["Hi!", "Yes, sir.", "What?"]]
print "cleaned:", cleaned
print "lower:", "MiXeD".lower(), "swap:", "MiXeD".swapcase()
print "count:", "banana".count("a"), "partition:", "k=v".partition("=")
print "startswith tuple:", "file.py".endswith((".py", ".pyw"))
print "expandtabs:", repr("a\tb".expandtabs(4))
print "splitlines:", "a\nb\r\nc".splitlines()
print "zfill:", "42".zfill(5), "center:", repr("x".center(5, "*"))
