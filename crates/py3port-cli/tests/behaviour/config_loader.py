#!/usr/bin/env python
# Loads an application's settings from INI files (defaults, then a site file that
# overrides them), validates them, and prints the effective configuration.
import ConfigParser
import os
import sys
import tempfile
from StringIO import StringIO

DEFAULTS = """
[DEFAULT]
root = /srv/app

[server]
host = localhost
port = 8000
workers = 4
debug = no
log = %(root)s/log/server.log

[cache]
size = 1024
ttl = 300
"""

SITE = """
[server]
port = 9090
debug = yes

[cache]
ttl = 60

[features]
beta = on
names = alpha, beta ,gamma
"""

SCHEMA = {
    "server": {"host": str, "port": int, "workers": int, "debug": bool, "log": str},
    "cache": {"size": int, "ttl": int},
}


class ConfigError(Exception):
    pass


def load(paths):
    parser = ConfigParser.SafeConfigParser()
    parser.readfp(StringIO(DEFAULTS), "<defaults>")
    read = parser.read(paths)
    print "read files:", len(read)
    return parser


def typed(parser, section, option, kind):
    if kind is int:
        return parser.getint(section, option)
    if kind is bool:
        return parser.getboolean(section, option)
    return parser.get(section, option)


def validate(parser):
    config = {}
    for section, options in sorted(SCHEMA.iteritems()):
        if not parser.has_section(section):
            raise ConfigError, "missing section [%s]" % section
        values = {}
        for option, kind in sorted(options.iteritems()):
            try:
                values[option] = typed(parser, section, option, kind)
            except ValueError, e:
                raise ConfigError("%s.%s: %s" % (section, option, e))
            except ConfigParser.NoOptionError:
                raise ConfigError, "%s.%s is missing" % (section, option)
        config[section] = values
    return config


def main():
    directory = tempfile.mkdtemp()
    site = os.path.join(directory, "site.ini")
    handle = open(site, "w")
    handle.write(SITE)
    handle.close()
    parser = load([site, os.path.join(directory, "missing.ini")])
    config = validate(parser)
    for section in sorted(config.keys()):
        print "[%s]" % section
        for option, value in sorted(config[section].items()):
            print "  %s = %r" % (option, value)
    server = config["server"]
    per_worker = config["cache"]["size"] / server["workers"]
    print "cache per worker:", per_worker
    print "sections:", parser.sections()
    if parser.has_option("features", "beta"):
        print "beta:", parser.getboolean("features", "beta")
    names = map(lambda n: n.strip(), parser.get("features", "names").split(","))
    print "feature names:", names, len(names)
    print "defaults:", sorted(parser.defaults().items())
    broken = ConfigParser.SafeConfigParser()
    broken.readfp(StringIO("[server]\nhost = h\nlog = l\nworkers = 2\nport = eighty\n[cache]\nsize=1\nttl=2\n"))
    try:
        validate(broken)
    except ConfigError, e:
        print >>sys.stderr, "config error:", e
    broken.set("server", "debug", "off")
    try:
        validate(broken)
    except ConfigError, e:
        print >>sys.stderr, "config error:", e
    os.remove(site)
    os.rmdir(directory)


main()
