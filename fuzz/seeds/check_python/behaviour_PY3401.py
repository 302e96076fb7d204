# py3port-fixture: project=mostly-python2
"""Server selection and reporting for the load balancer."""
import json
import random


def first_option(options):
    return options.keys()[0]


def recent(history, count):
    return history.items()[-count:]


def pick_server(servers):
    return random.choice(servers.values())


def all_names(defaults, overrides):
    return defaults.keys() + overrides.keys()


def sorted_weights(weights):
    # through a variable: not seen by this rule (PY3402 and PY3507 are)
    values = weights.values()
    values.sort()
    return values


def last_server(servers):
    return servers.values (
    )[-1]  # odd layout, still indexed


def export(servers):
    return json.dumps(servers.keys())


def is_default(weights):
    return weights.values() == [1, 1, 1]


def healthy(servers, down):
    # views support these: iteration, len(), `in` and sorted() (PY3402 still wraps some)
    live = [name for name in servers.keys() if name not in down]
    return live, len(servers.keys()), "main" in servers.keys(), sorted(servers.keys())
