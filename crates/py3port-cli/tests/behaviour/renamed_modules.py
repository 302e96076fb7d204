# Renamed standard-library modules, used offline: StringIO, cStringIO, cPickle,
# ConfigParser, Queue, urlparse, urllib, UserDict, __builtin__, copy_reg, repr.
import StringIO
import cStringIO
import cPickle
import ConfigParser
import Queue
import urlparse
import urllib
import UserDict
import __builtin__
import copy_reg
from repr import repr as short_repr

buf = StringIO.StringIO()
buf.write("hello ")
buf.write("world")
print "StringIO:", buf.getvalue()
fast = cStringIO.StringIO()
fast.write("fast")
print "cStringIO:", fast.getvalue()

data = {"name": "widget", "sizes": [1, 2, 3]}
restored = cPickle.loads(cPickle.dumps(data, 2))
print "cPickle:", restored == data, sorted(restored)

parser = ConfigParser.ConfigParser()
parser.readfp(StringIO.StringIO("[server]\nhost = example.org\nport = 8080\n"))
print "ConfigParser:", parser.get("server", "host"), parser.getint("server", "port")

queue = Queue.Queue()
for item in ["a", "b", "c"]:
    queue.put(item)
print "Queue:", [queue.get() for _ in range(queue.qsize())], queue.empty()
lifo = Queue.LifoQueue()
lifo.put(1)
lifo.put(2)
print "LifoQueue:", lifo.get()

parts = urlparse.urlparse("http://example.org:8080/path/page?q=1&r=two#frag")
print "urlparse:", parts.scheme, parts.hostname, parts.port, parts.path
print "parse_qs:", sorted(urlparse.parse_qs(parts.query).items())
print "urljoin:", urlparse.urljoin("http://example.org/a/b", "../c")
print "quote:", urllib.quote("a b/c"), urllib.unquote("a%20b")
print "urlencode:", urllib.urlencode([("q", "x y"), ("n", 1)])


class Defaults(UserDict.UserDict):
    def __missing__(self, key):
        return "default"


d = Defaults({"a": 1})
print "UserDict:", d["a"], d["b"]
print "__builtin__:", __builtin__.len("abc"), __builtin__.abs(-2)


class Token(object):
    def __init__(self, text):
        self.text = text


copy_reg.pickle(Token, lambda t: (Token, (t.text.upper(),)))
print "copy_reg:", cPickle.loads(cPickle.dumps(Token("x"))).text
print "repr module:", short_repr(range(100))
