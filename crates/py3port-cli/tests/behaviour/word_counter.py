#!/usr/bin/env python
# Counts the words of standard input and prints a frequency table with a bar
# chart, the longest words, and letter statistics.
import string
import sys

STOPWORDS = ["a", "and", "the", "over"]


def normalise(word):
    word = string.lower(word)
    return word.strip(string.punctuation)


def count_words(lines):
    counts = {}
    total = 0
    for line in lines:
        for raw in string.split(line):
            word = normalise(raw)
            if not word:
                continue
            total += 1
            if counts.has_key(word):
                counts[word] += 1
            else:
                counts[word] = 1
    return counts, total


def by_frequency(a, b):
    return cmp(b[1], a[1]) or cmp(a[0], b[0])


def bar(n, scale):
    return "#" * (n * 20 / scale)


def main():
    lines = sys.stdin.readlines()
    print "lines:", len(lines)
    counts, total = count_words(lines)
    print "words: %d, distinct: %d" % (total, len(counts))
    interesting = filter(lambda item: item[0] not in STOPWORDS, counts.items())
    interesting.sort(by_frequency)
    top = interesting[:5]
    biggest = top[0][1]
    for word, n in top:
        print "%-8s %2d %s" % (word, n, bar(n, biggest))
    print "average per line:", total / len(lines)
    longest = sorted(counts.keys(), key=lambda w: (-len(w), w))[:3]
    print "longest:", string.join(sorted(longest), ", ")
    letters = {}
    for word, n in counts.iteritems():
        for ch in word:
            letters[ch] = letters.get(ch, 0) + n
    common = sorted(letters.items(), key=lambda (ch, n): (-n, ch))[:3]
    print "common letters:", " ".join(["%s=%d" % pair for pair in common])
    vowels = reduce(lambda acc, ch: acc + letters.get(ch, 0), "aeiou", 0)
    print "vowel share: %d%%" % (vowels * 100 / sum(letters.values()))


if __name__ == "__main__":
    main()
