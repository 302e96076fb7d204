# __metaclass__ in the class body, a registry of plugins, classic classes.
registry = {}


class PluginMeta(type):
    def __new__(mcs, name, bases, namespace):
        cls = type.__new__(mcs, name, bases, namespace)
        if name != "Plugin":
            registry[name.lower()] = cls
        return cls


class Plugin(object):
    __metaclass__ = PluginMeta

    def run(self):
        return "%s ran" % self.__class__.__name__


class Compress(Plugin):
    pass


class Encrypt(Plugin):
    level = 3


print "plugins:", sorted(registry)
for name in sorted(registry):
    print name, "->", registry[name]().run()
print "metaclass:", type(Compress).__name__


class Singleton(type):
    instances = {}

    def __call__(cls, *args):
        if cls not in cls.instances:
            cls.instances[cls] = super(Singleton, cls).__call__(*args)
        return cls.instances[cls]


class Config:
    __metaclass__ = Singleton

    def __init__(self):
        self.values = {}


a = Config()
b = Config()
a.values["x"] = 1
print "singleton:", a is b, b.values
