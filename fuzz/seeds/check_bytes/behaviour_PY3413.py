"""Pagination and statistics for the report views (Python 2: print statements below)."""
import math
import time

PAGE_SIZE = 25
RATIO = 0.75


def page_count(items):
    return (len(items) + PAGE_SIZE - 1) / PAGE_SIZE  # two integers: floor division on Python 2


def middle(items):
    return items[len(items) / 2]


def halves(total):
    half = total / 2  # `total` is a parameter: type unknown, medium confidence
    for i in range(10):
        offset = i / 3  # `i` comes from range(): an integer
        print offset,
    return half


def scaled(count):
    width = count * 4
    width /= 3  # augmented: `width` has more than one binding, medium confidence
    return width


def averages(values, elapsed):
    # none of these is integer division: a float operand makes it true division
    mean = sum(values) / float(len(values))
    rate = len(values) / elapsed if elapsed else 0.0
    spread = math.sqrt(len(values)) / 2
    share = len(values) / 100.0
    started = time.time() / 60
    scaled_ratio = len(values) / RATIO
    return mean, rate, spread, share, started, scaled_ratio


def paths(root):
    # not numbers at all
    return root / "static", "%d%%" % 5
