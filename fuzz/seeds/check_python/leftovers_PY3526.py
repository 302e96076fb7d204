"""Compatibility branches on the Python version."""
import sys

import six

if six.PY2:
    text_type = unicode
    string_types = (str, unicode)
else:
    text_type = str
    string_types = (str,)

if sys.version_info[0] == 2:
    from urllib import quote
else:
    from urllib.parse import quote

if sys.version_info < (3,):
    import cPickle as pickle

if six.PY3:
    def ensure_text(value):
        """Decode bytes.

        The docstring's continuation lines keep their indentation.
        """
        if isinstance(value, bytes):
            return value.decode("utf-8")
        return value
else:
    def ensure_text(value):
        return value


def encode(value):
    if sys.version_info >= (3, 0):
        # a comment above the kept statement stays
        return value.encode("utf-8")
    return value


def choose(value):
    if value is None:
        return ""
    elif six.PY2:
        return value.encode("utf-8")
    elif isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def pick(value):
    if value:
        return 1
    elif sys.version_info.major >= 3:
        return 2
    else:
        return 3


MAXSIZE = sys.maxsize if six.PY3 else 2 ** 31 - 1
PY3 = sys.version_info[0] >= 3
if PY3:  # a flag of the project's own: unsafe fix
    long_type = int
if not six.PY2 and sys.platform == "win32":
    # the version does not decide alone: not reported
    pass
if six.PY2: print_ = None


if sys.version_info < (2, 6):
    # no Python 3 takes this: removed whatever the target version
    import sets

if sys.version_info >= (3, 6):
    # the default target version (3.12) decides: an unsafe fix
    from typing import NamedTuple
else:
    NamedTuple = None

if sys.version_info[:2] >= (3, 13):
    # newer than the target version: not reported
    import tomllib
