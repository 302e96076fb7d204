import sys


def report(rows, out=sys.stdout):
    print "Report"
    print "=" * 20, len(rows)
    for name, value in rows:
        print "%-10s %5d" % (name, value),
        print >>out, name
    print >>sys.stderr, "done", len(rows),
    print >> out
    print
    print (1, 2)
    print("half-ported already", len(rows))
    print ("parenthesised single argument is the same on both")
    print(x for x in rows)
    print -1
    print (rows), len(rows)
    print(rows)[0]
    if rows: print "inline"; print
    print "continued", \
        "line"


def not_print():
    printer = print_it = None
    printer(1, 2)
    sys.stdout.write("x")
    return print_it
