//! PY3413: `/` and `/=` on integers, which Python 2 floors and Python 3 does not.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::infer::{Ty, infer};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `/` (or `/=`) where both operands may be integers: floor division on Python 2, true division on Python 3.
    ///
    /// ## What it does
    /// Checks `a / b` and `a /= b` in modules that do not import `division` from
    /// `__future__`, in Python 2 code (Python 2 syntax or metadata, a project that is
    /// mostly Python 2, or removed builtins in the file). Where both operands are known
    /// integers (literals, `len()`, `int()`, `ord()`, a name bound only to such values
    /// or by `for i in range(...)`, integer arithmetic over them), it is reported with
    /// high confidence. Where one operand's type is unknown and neither is known to be
    /// a float (a float literal, `float()`, `time.time()`, `math.sqrt()`, ...), a string
    /// or a container, it is reported with medium confidence, shown with
    /// `min-confidence = "medium"`.
    ///
    /// ## Why is this bad?
    /// `7 / 2` is `3` on Python 2 and `3.5` on Python 3. The float then fails as an
    /// index or slice bound (`items[len(items) / 2]` raises `TypeError`), as an argument
    /// to `range()`, or silently changes results and output (`"%d"` still prints, `%s`
    /// prints `3.5`).
    ///
    /// ## Example
    /// ```python
    /// middle = items[len(items) / 2]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// middle = items[len(items) // 2]
    /// ```
    ///
    /// ## Fix safety
    /// Where both operands are known integers, the fix writes `//` (`//=`), which is what
    /// Python 2 computed, on both versions; it is safe. Where a type is unknown there is
    /// no fix: `//` would be wrong for floats, and `from __future__ import division`
    /// changes every `/` in the module.
    fix: Sometimes,
    kinds: [BinaryOperator, AugmentedAssignment],
    check: Some(check),
    lib2to3: [],
    catalogue: [20, 21],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if cx.module.future.division {
        return;
    }
    let Some(operator) = field(node, Field::Operator) else { return };
    let augmented = NodeKind::of(node) == NodeKind::AugmentedAssignment;
    if operator.kind() != if augmented { "/=" } else { "/" } {
        return;
    }
    let (Some(left), Some(right)) = (field(node, Field::Left), field(node, Field::Right)) else { return };
    let (l, r) = (infer(cx, left), infer(cx, right));
    // A float makes it true division on Python 2 too; anything else known is not a
    // number (`Path / "name"`, a string that fails either way).
    let not_integer = |ty: Ty| ty.is_known() && ty != Ty::Int;
    if not_integer(l) || not_integer(r) {
        return;
    }
    let operator_range = ast::range(operator);
    let both_int = l == Ty::Int && r == Ty::Int;
    let diagnostic = if both_int {
        let fix = Fix::safe(
            if augmented { "Use `//=`, as Python 2 did" } else { "Use `//`, as Python 2 did" },
            vec![Edit::replace(operator_range, if augmented { "//=" } else { "//" })],
        );
        Diagnostic::new(
            Rule::ClassicDivision,
            operator_range,
            "Integer division: Python 2 floors the result, Python 3 returns a float",
        )
        .with_fix(fix)
    } else {
        let mut diagnostic = Diagnostic::new(
            Rule::ClassicDivision,
            operator_range,
            "`/` may divide integers: Python 2 floors the result, Python 3 returns a float",
        );
        diagnostic.confidence = Confidence::Medium;
        diagnostic
    };
    cx.push(Candidate::new(diagnostic, DialectGate::Python2));
}
