"""Fetch from and post to the webhook endpoints."""
import json
import urllib
import urllib2
from urllib import urlencode, quote_plus
from urllib2 import urlopen, HTTPError
from urllib2 import parse_http_list  # no known new home in 2to3's table: no fix

try:
    from urllib.parse import urljoin  # an import shim: not reported
except ImportError:
    from urlparse import urljoin


def fetch(url, params):
    request = urllib2.Request(url + "?" + urllib.urlencode(params))
    try:
        return json.load(urllib2.urlopen(request, timeout=10))
    except urllib2.HTTPError as error:
        raise RuntimeError("HTTP %d from %s" % (error.code, url))


def quote_path(path):
    return urllib.quote(path, safe="/")


def post(base, path, payload):
    body = urlencode(payload)
    try:
        return urlopen(urljoin(base, quote_plus(path)), body).read()
    except HTTPError:
        return None


def allowed_methods(header):
    return parse_http_list(header)
