"""Import and name shims with a dead Python 2 side."""
try:
    import cPickle as pickle
except ImportError:
    import pickle

try:
    from urllib.parse import urlencode, quote
except ImportError:  # Python 2
    from urllib import urlencode, quote

try:
    text_type = unicode
except NameError:
    text_type = str

try:
    input = raw_input
except NameError:
    pass

try:
    from itertools import izip as zip
except ImportError:
    pass

try:
    import unittest2 as unittest
except ImportError:
    import unittest
finally:
    LOADED = True

try:
    import json
    import ConfigParser as configparser
except ImportError:
    import configparser

try:
    import simplejson as json
except ImportError:
    # an optional dependency, not a Python 2 module: not reported
    import json


def read(path):
    try:
        from StringIO import StringIO
    except ImportError:
        from io import StringIO
    return StringIO(open(path).read()), pickle, urlencode, quote, text_type, input, zip, unittest, configparser, json
