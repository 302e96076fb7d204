# -*- coding: latin-1 -*-
"""Fetching price updates from the supplier (the supplier is in Montréal)."""

import urllib
import urllib2
import httplib
import string
from StringIO import StringIO

SUPPLIER = 'http://prices.example.com/api'
GREETING = 'Bonjour, ça va?'


def fetch_prices(skus):
    query = urllib.urlencode({'skus': string.join(skus, ',')})
    try:
        response = urllib2.urlopen(SUPPLIER + '?' + query)
    except urllib2.HTTPError, error:
        if error.code == httplib.NOT_FOUND:
            return {}
        raise
    prices = {}
    for line in StringIO(response.read()):
        sku, price = line.split(',')
        prices[sku] = float(price)
    return prices


def apply_updates(catalogue, prices):
    for sku in prices.keys():
        if catalogue.items.has_key(sku):
            catalogue.items[sku].unit_price = prices[sku]
    return len(prices)
