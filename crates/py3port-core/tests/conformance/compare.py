"""Compares py3port's fixed output with lib2to3's expected output, as the conformance
README says: by Python 3 AST, falling back to whitespace-insensitive text where the
expected output is not valid Python 3. Reads JSON pairs on stdin, writes one verdict per
line ("equal" or "different")."""
import ast
import json
import sys


def normal(text):
    try:
        return ("ast", ast.dump(ast.parse(text)))
    except SyntaxError:
        return ("text", "".join(text.split()))


for line in sys.stdin:
    actual, expected = json.loads(line)
    kind, want = normal(expected)
    if kind == "ast":
        try:
            got = ast.dump(ast.parse(actual))
        except SyntaxError:
            got = None
    else:
        got = "".join(actual.split())
    print("equal" if got == want else "different", flush=True)
