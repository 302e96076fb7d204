# Reading from standard input: raw_input() and Python 2's evaluating input().
import sys

name = raw_input("Name? ")
print
print "Hello, %s!" % name
first = int(raw_input("First number? "))
second = int(raw_input())
print
print "sum:", first + second
print "quotient:", first / second
expression = input("Expression? ")
print
print "evaluated:", expression, type(expression).__name__
answer = raw_input().strip().lower()
print "answer:", answer == "yes"
rest = sys.stdin.read()
print "rest:", repr(rest)
try:
    raw_input()
except EOFError:
    print "EOF reached"
