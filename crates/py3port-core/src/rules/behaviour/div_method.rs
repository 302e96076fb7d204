//! PY3414: `__div__`, `__idiv__` and `__rdiv__`, which Python 3 never calls.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::{member_names, special_method};
use crate::rules::declare_rule;

declare_rule! {
    /// `__div__`, `__idiv__` or `__rdiv__` without the `__truediv__` family that Python 3 calls for `/`.
    ///
    /// ## What it does
    /// Checks classes that define `__div__`, `__idiv__` or `__rdiv__` but not the
    /// matching `__truediv__`, `__itruediv__` or `__rtruediv__`. Files that are already
    /// Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 looks up `__truediv__` for `/`: `a / b` raises `TypeError: unsupported
    /// operand type(s)`, and `/=` falls back to `__truediv__` too.
    ///
    /// ## Example
    /// ```python
    /// class Money(object):
    ///     def __div__(self, n):
    ///         return Money(self.cents // n)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Money(object):
    ///     def __truediv__(self, n):
    ///         return Money(self.cents // n)
    ///
    ///     __div__ = __truediv__
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `__truediv__ = __div__` (and likewise for the other two) after the
    /// method, so that `/` calls the same code on both versions; it is safe. A class
    /// that also supports `//` defines `__floordiv__` already, which both versions call.
    fix: Always,
    kinds: [FunctionDefinition],
    names: ["__div__", "__idiv__", "__rdiv__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [22],
}

const PAIRS: &[(&str, &str)] =
    &[("__div__", "__truediv__"), ("__idiv__", "__itruediv__"), ("__rdiv__", "__rtruediv__")];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((name, _, body)) = special_method(cx, node, &["__div__", "__idiv__", "__rdiv__"]) else { return };
    let old = cx.text(name);
    let Some(&(_, new)) = PAIRS.iter().find(|(o, _)| *o == old) else { return };
    if member_names(cx, body).contains(&new) {
        return;
    }
    let definition = cx.parent(node).filter(|p| p.kind() == "decorated_definition").unwrap_or(node);
    let indentation = cx.indentation_at(definition.start_byte() as u32).to_owned();
    let alias = format!("{}{}{indentation}{new} = {old}", cx.newline(), cx.newline());
    let fix = Fix::safe(format!("Add `{new} = {old}`"), vec![Edit::insert(node.end_byte() as u32, alias)]);
    let diagnostic = Diagnostic::new(
        Rule::DivMethod,
        crate::ast::range(name),
        format!("Python 3 calls `{new}` for `/`, not `{old}`"),
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
