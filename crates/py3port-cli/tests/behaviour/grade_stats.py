#!/usr/bin/env python
# Grade statistics for a class: means, medians, a histogram, letter grades,
# and a ranking, in the integer arithmetic style of Python 2 code.
STUDENTS = [
    ("ann", [88, 92, 79, 95]),
    ("ben", [72, 65, 80, 70]),
    ("cid", [90, 91, 94, 89]),
    ("dee", [55, 62, 48, 70]),
    ("eve", [81, 77, 85, 90]),
]


def mean(values):
    return sum(values) / len(values)


def median(values):
    ordered = sorted(values)
    middle = len(ordered) / 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def letter(score):
    for limit, grade in zip(range(90, 50, -10), "ABCD"):
        if score >= limit:
            return grade
    return "F"


def histogram(scores, width=10):
    buckets = {}
    for s in scores:
        bucket = s / width * width
        buckets[bucket] = buckets.get(bucket, 0) + 1
    for bucket in sorted(buckets.keys()):
        print "%3d-%3d %s" % (bucket, bucket + width - 1, "*" * buckets[bucket])


def main():
    all_scores = reduce(lambda acc, (name, scores): acc + scores, STUDENTS, [])
    print "scores:", len(all_scores)
    print "class mean:", mean(all_scores)
    print "class median:", median(all_scores)
    averages = dict(map(lambda (name, scores): (name, mean(scores)), STUDENTS))
    ranking = sorted(averages.items(), key=lambda (name, avg): -avg)
    for place, (name, avg) in enumerate(ranking):
        print "%d. %s %d %s" % (place + 1, name, avg, letter(avg))
    histogram(all_scores)
    best = max(STUDENTS, key=lambda (name, scores): max(scores))
    print "best single score:", best[0], max(best[1])
    improvement = [(name, scores[-1] - scores[0]) for name, scores in STUDENTS]
    print "improvement:", improvement
    columns = zip(*[scores for name, scores in STUDENTS])
    print "per test means:", map(mean, columns)
    passed = len(filter(lambda avg: avg >= 60, averages.values()))
    print "pass rate: %d/%d = %d%%" % (passed, len(averages), passed * 100 / len(averages))


main()
