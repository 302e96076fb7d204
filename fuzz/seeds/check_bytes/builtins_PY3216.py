"""Requests for the inventory HTTP client."""
import six


class Request(object):
    def __init__(self, url, headers=None, params=None):
        self.url = url
        self.headers = headers or {}
        self.params = params or {}

    def header_lines(self):
        return ["%s: %s" % (name, value) for name, value in self.headers.iteritems()]

    def query(self):
        return "&".join("%s=%s" % pair for pair in sorted(self.params.iteritems()))

    def normalized(self):
        return dict((name.lower(), value) for name, value in self.headers.iteritems())

    def first_header(self):
        # not only iterated: the fix keeps an iterator with `iter(...)`
        return next(self.headers.iteritems(), None)

    def has_param_values(self):
        return any(self.params.itervalues())

    def param_names(self):
        names = set()
        for name in self.params.iterkeys ():
            names.add(name.lower())
        return names


def dump(request, store):
    # six's helper takes the dict as an argument, and so does this store method:
    # neither is the dict method
    for name, value in six.iteritems(request.headers):
        store.save(name, value)
    return store.itervalues(prefix="header:")
