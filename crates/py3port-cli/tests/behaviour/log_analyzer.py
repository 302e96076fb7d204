#!/usr/bin/env python
# Analyses a web server access log: requests per status and path, bytes served,
# the busiest client, and error rates, using urlparse to split query strings.
import re
import urlparse
from collections import defaultdict

LOG = """\
10.0.0.1 - - [10/Oct/2000:13:55:36] "GET /index.html HTTP/1.0" 200 2326
10.0.0.2 - - [10/Oct/2000:13:55:40] "GET /search?q=python&page=2 HTTP/1.0" 200 5120
10.0.0.1 - - [10/Oct/2000:13:56:01] "POST /login HTTP/1.0" 302 0
10.0.0.3 - - [10/Oct/2000:13:56:12] "GET /missing HTTP/1.0" 404 512
10.0.0.1 - - [10/Oct/2000:13:57:00] "GET /search?q=py3&page=1 HTTP/1.0" 200 4096
10.0.0.2 - - [10/Oct/2000:13:58:30] "GET /index.html HTTP/1.0" 304 -
10.0.0.4 - - [10/Oct/2000:13:59:59] "GET /admin HTTP/1.0" 500 128
garbage line
"""

LINE = re.compile(r'(\S+) \S+ \S+ \[(.*?)\] "(\S+) (\S+) \S+" (\d{3}) (\S+)')


def parse(text):
    entries = []
    bad = 0
    for line in text.splitlines():
        match = LINE.match(line)
        if match is None:
            bad += 1
            continue
        client, when, method, target, status, size = match.groups()
        url = urlparse.urlsplit(target)
        entries.append({
            "client": client,
            "method": method,
            "path": url.path,
            "query": urlparse.parse_qs(url.query),
            "status": int(status),
            "size": size != "-" and int(size) or 0,
        })
    return entries, bad


def summarise(entries):
    by_status = defaultdict(int)
    by_client = {}
    searches = []
    for e in entries:
        by_status[e["status"] / 100 * 100] += 1
        by_client.setdefault(e["client"], []).append(e)
        if e["query"].has_key("q"):
            searches.append(e["query"]["q"][0])
    return by_status, by_client, searches


def main():
    entries, bad = parse(LOG)
    print "entries: %d (skipped %d)" % (len(entries), bad)
    by_status, by_client, searches = summarise(entries)
    for status, n in sorted(by_status.iteritems()):
        print "%dxx: %d (%d%%)" % (status / 100, n, n * 100 / len(entries))
    busiest = sorted(by_client.items(), key=lambda (c, es): (-len(es), c))[0]
    print "busiest client:", busiest[0], len(busiest[1])
    total = sum(e["size"] for e in entries)
    print "bytes served:", total, "average:", total / len(entries)
    print "searches:", ", ".join(searches)
    errors = filter(lambda e: e["status"] >= 400, entries)
    print "error paths:", [e["path"] for e in errors]
    print "error rate: %.1f%%" % (len(errors) * 100.0 / len(entries))
    methods = set(e["method"] for e in entries)
    print "methods:", sorted(methods)
    paths = dict((e["path"], e["status"]) for e in entries)
    print "last status of /index.html:", paths["/index.html"]


main()
