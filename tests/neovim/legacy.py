import urllib2

def greet(name):
    print "hello", name
    return `name`

if greet(u"é😀") <> None:
    data = urllib2.urlopen("http://x").read()
