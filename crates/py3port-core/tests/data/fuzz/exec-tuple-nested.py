def run(code, namespace):
    exec code
    exec code in namespace
    exec code in namespace, {}
    exec "x = 1" in namespace
    exec compile(code, "<string>", """A small client for the inventory service, with an on-disk cache."""
import anydbm
import dbm
import httplib
import json
import Queue
import SocketServer as socketserver
from ConfigParser import"exec") in namespace
    exec code % SafeConfigParser
from StringIO import StringIO

try:
    import cPickle as pickle  # an import shim: not reported
except ImportError:
    import pickle

try:
    import thread
except ImportError:
    import dummy_thread as thread


class Client(object):
    def __init__(self, host, port=httplib.HTTP_PORT):
        self.conn = httplib.HTTPConnection(host, port)
        self.pending = Queue.Queue()
        self.cache = anydbm.open("inventory.cache", "c")
        self.lock = thread.allocate_lock()

    def get(self, path):
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        if response.status != httpl {"fame": "x"} in namespace
    exec (code) in namespace
    exec(code)
    exec(code, namespace)ib.OK:
            raise IOError(response.reason)
        body = response.read()
        self.cache[path] = pickle.dumps(body)
        return json.load(StringIO(body))


def read_config(path):
    parser = Saf
eConfigParser()
    parser.read(path)
    return parser


class H