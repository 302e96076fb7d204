//! PY3411: `input()`, which evaluates its input on Python 2.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `input()`, which on Python 2 evaluated what the user typed as Python.
    ///
    /// ## What it does
    /// Checks calls of `input()` not already inside `eval()`, unless the module binds
    /// `input` (`from six.moves import input`), in files that are Python 2: by their
    /// syntax, the project's metadata or `source = "py2"`, or because they use other
    /// removed builtins (`raw_input`, `unicode`, ...). Elsewhere `input()` may well be
    /// Python 3's already, such as the `input()` that fixing `raw_input()` leaves behind,
    /// which a second run must not wrap in `eval()` (2to3 does).
    ///
    /// ## Why is this bad?
    /// Python 3's `input()` returns the text typed, as Python 2's `raw_input()` did; code
    /// that relied on Python 2 turning `42` into an `int` now gets `"42"`.
    ///
    /// ## Example
    /// ```python
    /// count = input("How many? ")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// count = int(input(f"How many {unit}? "))
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `eval(input(...))`, as 2to3 does, which keeps Python 2's behaviour,
    /// and with it the evaluation of arbitrary user input. It is unsafe: most code meant
    /// to read a number or a string, and should convert the text explicitly instead.
    /// In a file that is Python 2 only because the project says so (its own syntax is
    /// neutral), no fix is offered: the `input()` may be the one a fix of `raw_input()`
    /// wrote, and fixing the file again must not evaluate what the user types. A file that
    /// keeps Python 2 syntax after its fixes (code the fixes cannot reach) is still read
    /// as Python 2 on a second run, whose `input()` then gets this fix: fix such a file
    /// once, or review the second run's `eval(input())`.
    fix: Always,
    kinds: [Identifier],
    names: ["input"],
    check: Some(check),
    lib2to3: ["input"],
    catalogue: [78],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let Some(call) =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node))
    else {
        return;
    };
    let in_eval = call
        .parent()
        .filter(|p| NodeKind::of(*p) == NodeKind::ArgumentList)
        .and_then(|p| p.parent())
        .is_some_and(|outer| ast::call_name(cx.source, outer) == Some("eval"));
    if in_eval {
        return;
    }
    let fix = Fix::unsafe_edits(
        "Keep Python 2's evaluation: `eval(input(...))`",
        vec![Edit::insert(call.start_byte() as u32, "eval("), Edit::insert(call.end_byte() as u32, ")")],
    );
    let diagnostic = Diagnostic::new(
        Rule::InputBuiltin,
        ast::range(call),
        "`input()` returns text on Python 3; on Python 2 it evaluated the input",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Python2);
    // 2-and-3 code: `eval()` around the library's `input`, which reads text on both.
    candidate.compat = (cx.settings.target == crate::settings::Target::Py2Py3).then(|| {
        let import = match cx.settings.compat_library {
            crate::settings::CompatLibrary::Six => {
                ImportRequest { module: "six.moves", name: Some("input"), after: None }
            }
            crate::settings::CompatLibrary::Future => {
                ImportRequest { module: "builtins", name: Some("input"), after: None }
            }
            crate::settings::CompatLibrary::None => return crate::compat::Compat::Fix(None, Vec::new()),
        };
        crate::compat::Compat::Fix(
            Fix::unsafe_edits(
                "Keep Python 2's evaluation: `eval(input(...))`",
                vec![Edit::insert(call.start_byte() as u32, "eval("), Edit::insert(call.end_byte() as u32, ")")],
            ),
            vec![import],
        )
    });
    cx.push_unless_bound(candidate, cx.text(node));
}
