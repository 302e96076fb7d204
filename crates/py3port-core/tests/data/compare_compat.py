"""Compares py3port's `py2-py3` output with futurize's or modernize's expected output, as
tests/data/README.md says. Reads JSON lines `[actual, expected, strip]` on stdin and
writes one verdict a line:

- `equal`;
- `imports`: the code is the same, the module-level imports are not;
- `code`: the rest of the module differs;
- `invalid`: the expected output is valid Python 3 and the actual output is not;
- `text`: the expected output is not valid Python 3 and the texts differ (ignoring
  whitespace).

`strip` says which import lines both sides lose first: `none`; `futurize`, what
futurize's own `CodeHandler.strip_future_imports` ignores when a test passes
`ignore_imports=True` (`from __future__ import`, `from future`, `from future.`,
`from builtins`, lines calling `install_hooks()` or `install_aliases()`); `future`, the
`from __future__ import` statements only.

Module-level `import` and `from ... import` statements are compared as a set of imported
names, in any order and place; everything else must have the same Python 3 AST
(`ast.dump`), in order.
"""
import ast
import json
import sys


def strip_lines(text, strip):
    if strip != "futurize":
        return text
    kept = []
    for line in text.split("\n"):
        if not (
            line.startswith("from __future__ import ")
            or line.startswith("from future ")
            or line.startswith("from builtins ")
            or "install_hooks()" in line
            or "install_aliases()" in line
            or line.startswith("from future.")
        ):
            kept.append(line)
    return "\n".join(kept)


def normal(text, strip):
    """(imports, statements) of the module, or None if it is not valid Python 3."""
    try:
        tree = ast.parse(strip_lines(text, strip))
    except SyntaxError:
        return None
    imports, statements = set(), []
    for node in tree.body:
        if isinstance(node, ast.Import):
            imports.update(("import", alias.name, alias.asname) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if strip == "future" and node.module == "__future__":
                continue
            imports.update(("from", node.level, node.module, alias.name, alias.asname) for alias in node.names)
        else:
            statements.append(ast.dump(node))
    return imports, statements


for line in sys.stdin:
    actual, expected, strip = json.loads(line)
    want = normal(expected, strip)
    if want is None:
        same = "".join(strip_lines(actual, strip).split()) == "".join(strip_lines(expected, strip).split())
        verdict = "equal" if same else "text"
    else:
        got = normal(actual, strip)
        if got is None:
            verdict = "invalid"
        elif got[1] != want[1]:
            verdict = "code"
        elif got[0] != want[0]:
            verdict = "imports"
        else:
            verdict = "equal"
    print(verdict, flush=True)
