//! Removed or renamed builtins and methods (`PY32xx`).

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::compat::{self, Compat};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::helpers::is_load;
use crate::syntax_kind::{Field, NodeKind, field};

pub(crate) mod apply_builtin;
pub(crate) mod basestring_builtin;
pub(crate) mod buffer_builtin;
pub(crate) mod cmp_builtin;
pub(crate) mod coerce_builtin;
pub(crate) mod dict_has_key;
pub(crate) mod dict_iter_method;
pub(crate) mod dict_view_method;
pub(crate) mod exception_message_attribute;
pub(crate) mod execfile_builtin;
pub(crate) mod file_builtin;
pub(crate) mod function_attribute;
pub(crate) mod generator_throw_args;
pub(crate) mod intern_builtin;
pub(crate) mod long_builtin;
pub(crate) mod method_attribute;
pub(crate) mod next_method_call;
pub(crate) mod raw_input_builtin;
pub(crate) mod reduce_builtin;
pub(crate) mod reload_builtin;
pub(crate) mod sort_cmp_argument;
pub(crate) mod standard_error;
pub(crate) mod str_decode;
pub(crate) mod string_exception;
pub(crate) mod unichr_builtin;
pub(crate) mod unicode_builtin;
pub(crate) mod xrange_builtin;
pub(crate) mod xreadlines_method;

/// Reports a use of the removed builtin `node` (an identifier), unless a scope around it
/// binds the name; `replacement` renames it with `applicability`. Inside an
/// `isinstance()` type tuple that already names the replacement, the fix drops the
/// element instead (`(int, long)` becomes `int`).
pub(crate) fn rename_builtin(
    cx: &mut Checker<'_>,
    rule: Rule,
    node: Node<'_>,
    replacement: Option<&str>,
    applicability: Applicability,
    message: impl Into<String>,
) {
    if !is_load(cx, node) {
        return;
    }
    let name = cx.text(node);
    let fix = replacement.and_then(|new| {
        let edits = isinstance_dedup(cx, node, new).unwrap_or_else(|| vec![Edit::replace(ast::range(node), new)]);
        Fix::new(format!("Replace `{name}` with `{new}`"), edits, applicability)
    });
    let has_fix = fix.is_some();
    let diagnostic = Diagnostic::new(rule, ast::range(node), message).with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    if has_fix {
        candidate.compat = Some(py2_py3_rename(cx, node, name, applicability));
    }
    cx.push_unless_bound(candidate, name);
}

/// The `target = "py2-py3"` form of renaming a removed builtin (see
/// `compat::builtin_replacement`).
pub(crate) fn py2_py3_rename(cx: &Checker<'_>, node: Node<'_>, name: &str, applicability: Applicability) -> Compat {
    if cx.settings.target != crate::settings::Target::Py2Py3 {
        return Compat::Same;
    }
    let called =
        cx.parent(node).is_some_and(|p| NodeKind::of(p) == NodeKind::Call && field(p, Field::Function) == Some(node));
    match compat::builtin_replacement(name, cx.settings.compat_library, called) {
        Some(None) => Compat::Same,
        Some(Some((text, import))) => Compat::Fix(
            Fix::new(
                format!("Replace `{name}` with `{text}`"),
                vec![Edit::replace(ast::range(node), text)],
                applicability,
            ),
            vec![import],
        ),
        None => Compat::Fix(None, Vec::new()),
    }
}

/// For `isinstance(x, (int, long))`, the edits that drop `long` because `int` is there.
fn isinstance_dedup(cx: &Checker<'_>, node: Node<'_>, replacement: &str) -> Option<Vec<Edit>> {
    let tuple = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Tuple)?;
    let list = tuple.parent().filter(|p| NodeKind::of(*p) == NodeKind::ArgumentList)?;
    let call = list.parent()?;
    if ast::call_name(cx.source, call) != Some("isinstance") || ast::code_children(list).get(1) != Some(&tuple) {
        return None;
    }
    let elements = ast::code_children(tuple);
    if !elements.iter().any(|e| cx.text(*e) == replacement) {
        return None;
    }
    let kept: Vec<&str> = elements
        .iter()
        .filter(|e| **e != node && !(NodeKind::of(**e) == NodeKind::Identifier && cx.text(**e) == cx.text(node)))
        .map(|e| cx.text(*e))
        .collect();
    let mut unique: Vec<&str> = Vec::new();
    for element in kept {
        if !unique.contains(&element) {
            unique.push(element);
        }
    }
    let text = if unique.len() == 1 { unique[0].to_owned() } else { format!("({})", unique.join(", ")) };
    Some(vec![Edit::replace(ast::range(tuple), text)])
}

/// The receiver and method name of `receiver.method(...)`, if `call` is such a call.
pub(crate) fn method_call<'t>(call: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let function = field(call, Field::Function).filter(|f| NodeKind::of(*f) == NodeKind::Attribute)?;
    Some((field(function, Field::Object)?, field(function, Field::Attribute)?))
}
