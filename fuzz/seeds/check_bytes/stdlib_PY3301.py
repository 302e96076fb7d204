"""A small client for the inventory service, with an on-disk cache."""
import anydbm
import dbm
import httplib
import json
import Queue
import SocketServer as socketserver
from ConfigParser import SafeConfigParser
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
        if response.status != httplib.OK:
            raise IOError(response.reason)
        body = response.read()
        self.cache[path] = pickle.dumps(body)
        return json.load(StringIO(body))


def read_config(path):
    parser = SafeConfigParser()
    parser.read(path)
    return parser


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(self.server.store.get(self.request.recv(1024)))


def open_index(path):
    # `dbm` is also Python 3's generic package: not reported
    return dbm.open(path, "r")
