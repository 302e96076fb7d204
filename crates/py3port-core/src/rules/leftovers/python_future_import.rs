//! PY3540: python-future's runtime layer: `past.builtins`, `past.utils.old_div`,
//! `future.standard_library`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::infer::{Ty, infer};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load, needs_parentheses, remove_statement};
use crate::rules::leftovers::{remove_items, report};
use crate::rules::stdlib::{from_module, from_names, imported_modules};
use crate::syntax_kind::{Field, NodeKind, field, field_children};

declare_rule! {
    /// python-future's Python 2 layer: `from past.builtins import ...`, `old_div(a, b)`, `standard_library.install_aliases()`.
    ///
    /// ## What it does
    /// Checks imports from `past` (python-future's Python 2 semantics on Python 3),
    /// calls of `old_div` from `past.utils`, uses of names from `past.builtins` that are
    /// Python 3 builtins under another name (`unicode`, `long`, `xrange`, `raw_input`,
    /// `unichr`), and `from future import standard_library` with its
    /// `install_aliases()` call.
    ///
    /// ## Why is this bad?
    /// futurize leaves these behind to keep Python 2 behaviour: `old_div` is classic
    /// division, `past.builtins.basestring` also matches bytes, and the `future`
    /// package stays a runtime dependency. On Python 3 `install_aliases()` does nothing.
    ///
    /// ## Example
    /// ```python
    /// from past.utils import old_div
    ///
    /// def half(total):
    ///     return old_div(total, 2.0)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def half(total):
    ///     return total / 2.0
    /// ```
    ///
    /// ## Fix safety
    /// `old_div(a, b)` becomes `a // b` where both operands are known integers and
    /// `a / b` where one is a known float; other calls get no fix. The `past.builtins`
    /// aliases become the builtin (`unicode` to `str`); `basestring`, `str` and the
    /// others that keep Python 2 behaviour get no fix. `install_aliases()` and its import
    /// are removed together, if every other use of `standard_library` goes too. Imports
    /// from `past` get no fix: an unused-import check removes them once their uses are
    /// gone (imports of `old_div` and of those aliases are not reported: their uses are).
    /// The fixes are safe.
    fix: Sometimes,
    kinds: [ImportFromStatement, ImportStatement, Identifier],
    names: ["old_div", "standard_library", "unicode", "long", "xrange", "raw_input", "unichr"],
    check: Some(check),
    lib2to3: [],
    catalogue: [187],
}

/// `past.builtins` names that are a Python 3 builtin.
fn builtin_alias(name: &str) -> Option<&'static str> {
    Some(match name {
        "unicode" => "str",
        "long" => "int",
        "xrange" => "range",
        "raw_input" => "input",
        "unichr" => "chr",
        _ => return None,
    })
}

const LINK: &str = "future.standard_library";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::ImportStatement => {
            for module in imported_modules(cx, node) {
                if module.name == "past" || module.name.starts_with("past.") {
                    let message = format!("`{}` keeps Python 2 behaviour on Python 3 (python-future)", module.name);
                    report(cx, Rule::PythonFutureImport, ast::range(module.node), message, None);
                }
            }
        }
        NodeKind::ImportFromStatement => import_from(cx, node),
        _ => identifier(cx, node),
    }
}

fn import_from(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((module, module_node)) = from_module(cx, node) else { return };
    if module == "past" || module.starts_with("past.") {
        // Names whose uses are reported (`old_div`, the builtins' aliases) are not: the
        // import goes once they do.
        let names: Vec<String> = from_names(node)
            .iter()
            .map(|(name, _)| cx.text(*name))
            .filter(|name| {
                !(module == "past.utils" && *name == "old_div"
                    || module == "past.builtins" && builtin_alias(name).is_some())
            })
            .map(|name| format!("`{name}`"))
            .collect();
        if names.is_empty() {
            return;
        }
        let verb = if names.len() == 1 { "keeps" } else { "keep" };
        let message =
            format!("{} from `{module}` {verb} Python 2 behaviour on Python 3 (python-future)", names.join(", "));
        report(cx, Rule::PythonFutureImport, ast::range(module_node), message, None);
        return;
    }
    if module != "future" {
        return;
    }
    // `from future import standard_library`: removed with `install_aliases()`.
    let items = field_children(node, Field::Name);
    let Some(index) = items.iter().position(|item| cx.text(*item) == "standard_library") else { return };
    let edits = if items.len() == 1 { vec![remove_statement(cx, node)] } else { remove_items(&items, &[index]) };
    let fix = Fix::safe("Remove `standard_library`", edits);
    let diagnostic = Diagnostic::new(
        Rule::PythonFutureImport,
        ast::range(items[index]),
        "`future.standard_library` does nothing on Python 3",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.link = Some((LINK.to_owned(), true));
    cx.push(candidate);
}

fn identifier(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) && !is_attribute_object(cx, node) {
        return;
    }
    let name = cx.text(node);
    let parent = cx.parent(node);
    match name {
        "old_div" => {
            let Some(call) =
                parent.filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node))
            else {
                return;
            };
            let fix = old_div(cx, call);
            let diagnostic = Diagnostic::new(
                Rule::PythonFutureImport,
                ast::range(call),
                "`old_div(a, b)` is Python 2's division: `//` for integers, `/` otherwise",
            )
            .with_fix(fix);
            let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
            candidate.requires_import = Some(("old_div".to_owned(), "past.utils.old_div".to_owned()));
            cx.push(candidate);
        }
        "standard_library" => {
            // Members of the link: `install_aliases()` as a statement is removed; any other
            // use keeps the import (and so no fix for the group).
            let Some(attribute) =
                parent.filter(|p| NodeKind::of(*p) == NodeKind::Attribute && field(*p, Field::Object) == Some(node))
            else {
                return;
            };
            let call = cx.parent(attribute).filter(|c| NodeKind::of(*c) == NodeKind::Call);
            let statement = call
                .and_then(|c| c.parent())
                .filter(|s| NodeKind::of(*s) == NodeKind::ExpressionStatement && s.named_child_count() == 1);
            let install = field(attribute, Field::Attribute).is_some_and(|a| cx.text(a) == "install_aliases");
            let (range, fix, message) = match statement.filter(|_| install) {
                Some(statement) => (
                    ast::range(statement),
                    Fix::safe("Remove the call", vec![remove_statement(cx, statement)]),
                    "`install_aliases()` does nothing on Python 3",
                ),
                None => (ast::range(attribute), None, "`future.standard_library` does nothing on Python 3"),
            };
            let diagnostic = Diagnostic::new(Rule::PythonFutureImport, range, message).with_fix(fix);
            let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
            candidate.requires_import = Some(("standard_library".to_owned(), "future.standard_library".to_owned()));
            candidate.link = Some((LINK.to_owned(), false));
            cx.push(candidate);
        }
        _ => {
            let Some(builtin) = builtin_alias(name) else { return };
            let fix = Fix::safe(format!("Use `{builtin}`"), vec![Edit::replace(ast::range(node), builtin)]);
            let message = format!("`{name}` from `past.builtins` is `{builtin}` on Python 3");
            let diagnostic = Diagnostic::new(Rule::PythonFutureImport, ast::range(node), message).with_fix(fix);
            let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
            candidate.requires_import = Some((name.to_owned(), format!("past.builtins.{name}")));
            cx.push(candidate);
        }
    }
}

/// `standard_library.x`: the identifier is the attribute's object (a load).
fn is_attribute_object(cx: &Checker<'_>, node: Node<'_>) -> bool {
    cx.parent(node).is_some_and(|p| NodeKind::of(p) == NodeKind::Attribute && field(p, Field::Object) == Some(node))
}

/// `old_div(a, b)` as an operator, where the operand types say which.
fn old_div(cx: &Checker<'_>, call: Node<'_>) -> Option<Fix> {
    let args = call_args(call)?;
    let [left, right] = args.positional[..] else { return None };
    if !args.keywords.is_empty() {
        return None;
    }
    let (l, r) = (infer(cx, left), infer(cx, right));
    let numeric = |t: Ty| matches!(t, Ty::Int | Ty::Float);
    let operator = match (l, r) {
        (Ty::Int, Ty::Int) => "//",
        (l, r) if numeric(l) && numeric(r) => "/",
        _ => return None,
    };
    // Operands looser than `*` keep their parentheses: `old_div(a + b, c)`.
    let operand = |n: Node<'_>| {
        let text = cx.text(n);
        let tight = matches!(
            NodeKind::of(n),
            NodeKind::Identifier
                | NodeKind::Integer
                | NodeKind::Float
                | NodeKind::Attribute
                | NodeKind::Call
                | NodeKind::Subscript
                | NodeKind::ParenthesizedExpression
        );
        if tight || !needs_parentheses(n) { text.to_owned() } else { format!("({text})") }
    };
    let expression = format!("{} {operator} {}", operand(left), operand(right));
    let wrap = !crate::rules::helpers::in_expression_slot(call);
    let text = if wrap { format!("({expression})") } else { expression };
    Fix::safe(format!("Use `{operator}`"), vec![Edit::replace(ast::range(call), text)])
}
