//! PY3442: `exec` inside a function, which can no longer rebind its local variables.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `exec` in a function without an explicit namespace: on Python 3 its assignments do not reach the function's variables.
    ///
    /// ## What it does
    /// Checks `exec` statements and `exec()` calls inside functions that pass no
    /// globals or locals mapping. When the executed code is a literal that assigns a
    /// name the function reads afterwards, it is reported with high confidence;
    /// otherwise with medium confidence. Files that are already Python 3 are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Python 2 compiled functions containing an `exec` statement with dictionary-based
    /// locals, so the executed code could create and change variables. Python 3's
    /// `exec()` writes to a snapshot of `locals()`: the function then reads the old
    /// value, or raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// def load_setting(line):
    ///     exec "value = " + line
    ///     return value
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def load_setting(line):
    ///     namespace = {}
    ///     exec("value = " + line, namespace)
    ///     return namespace["value"]
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the code must read the results from an explicit namespace.
    fix: Never,
    kinds: [ExecStatement, DeleteStatement, Call],
    names: ["exec"],
    check: Some(check),
    lib2to3: [],
    catalogue: [],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let code = match NodeKind::of(node) {
        NodeKind::ExecStatement => {
            // `exec code in ns`: the namespace follows the code.
            if ast::named_children(node).len() > 1 {
                return;
            }
            field(node, Field::Code)
        }
        // `exec "x = " + y`, which recovery parsed as a `del` statement.
        NodeKind::DeleteStatement => {
            if cx.patch(node) != Some(crate::parse::PatchKind::ExecStatement) {
                return;
            }
            let Some(body) = node.named_child(0) else { return };
            let has_namespace = NodeKind::of(body) == NodeKind::ExpressionList
                || (NodeKind::of(body) == NodeKind::ComparisonOperator
                    && ast::children(body).iter().any(|c| c.kind() == "in"));
            if has_namespace {
                return;
            }
            Some(body)
        }
        _ => {
            if ast::call_name(cx.source, node) != Some("exec") || cx.rebinds("exec") {
                return;
            }
            let Some(args) = call_args(node) else { return };
            if args.positional.len() != 1 || !args.keywords.is_empty() || args.splat {
                return;
            }
            args.positional.first().copied()
        }
    };
    let Some(function) = enclosing_function(node) else { return };
    let assigned = code.and_then(|code| assigned_name(cx, code));
    let read_later = assigned.is_some_and(|name| reads_after(cx, function, node, name));
    let mut diagnostic = Diagnostic::new(
        Rule::ExecLocals,
        ast::range(node),
        match assigned.filter(|_| read_later) {
            Some(name) => {
                format!("On Python 3, `exec` cannot set the function's variable `{name}`; pass a namespace dict")
            }
            None => {
                "On Python 3, `exec` in a function cannot change its local variables; pass a namespace dict".to_owned()
            }
        },
    );
    if !read_later {
        diagnostic.confidence = Confidence::Medium;
    }
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}

fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node.parent();
    while let Some(parent) = current {
        match NodeKind::of(parent) {
            NodeKind::FunctionDefinition => return Some(parent),
            NodeKind::ClassDefinition | NodeKind::Lambda => return None,
            _ => {}
        }
        current = parent.parent();
    }
    None
}

/// The name a literal piece of executed code assigns: `"x = 1"`, `"value = " + line`.
fn assigned_name<'s>(cx: &Checker<'s>, code: Node<'_>) -> Option<&'s str> {
    let literal = match NodeKind::of(code) {
        NodeKind::String => code,
        NodeKind::BinaryOperator => field(code, Field::Left).filter(|l| NodeKind::of(*l) == NodeKind::String)?,
        _ => return None,
    };
    let parts = cx.string_parts(literal)?;
    let content = cx.slice(parts.content).trim_start();
    let (name, rest) = content.split_once('=')?;
    let name = name.trim();
    let valid = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !rest.starts_with('=');
    valid.then_some(name)
}

/// Whether the function reads `name` after `node` without binding it itself.
fn reads_after(cx: &Checker<'_>, function: Node<'_>, node: Node<'_>, name: &str) -> bool {
    let Some(body) = field(function, Field::Body) else { return false };
    let mut read = false;
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        match NodeKind::of(current) {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition | NodeKind::Lambda => continue,
            NodeKind::String | NodeKind::Comment => continue,
            NodeKind::Identifier if cx.text(current) == name => {
                if !crate::rules::helpers::is_load(cx, current) {
                    return false;
                }
                if current.start_byte() > node.end_byte() {
                    read = true;
                }
                continue;
            }
            _ => {}
        }
        let mut cursor = current.walk();
        stack.extend(current.named_children(&mut cursor));
    }
    read
}
