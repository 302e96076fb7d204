//! PY3312: `operator` functions removed in Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Functions of the `operator` module that Python 3 removed (`isCallable`, `sequenceIncludes`, `isSequenceType`, `isMappingType`, `isNumberType`, `repeat`, `irepeat`, `div`, `idiv`).
    ///
    /// ## What it does
    /// Checks `operator.<name>` where `operator` is the module. The bare names (after
    /// `from operator import ...`) are reported with medium confidence, since
    /// `repeat` and the others are common names of other things.
    ///
    /// ## Why is this bad?
    /// They raise `AttributeError` (or `NameError`) on Python 3.
    ///
    /// ## Example
    /// ```python
    /// if operator.isCallable(handler):
    ///     handler()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if callable(handler):
    ///     handler()
    /// ```
    ///
    /// ## Fix safety
    /// As lib2to3 does: `isCallable(x)` becomes `callable(x)`, `sequenceIncludes` becomes
    /// `operator.contains`, `repeat`/`irepeat` become `operator.mul`/`imul`, and
    /// `isSequenceType`/`isMappingType`/`isNumberType` become `isinstance` checks against
    /// `collections.abc` or `numbers`, imported as needed. The `isinstance` checks are
    /// unsafe: the old functions only looked for the methods, the ABCs need registration.
    /// `div` and `idiv` have no fix: whether `truediv` or `floordiv` is meant depends on
    /// the operands.
    fix: Sometimes,
    kinds: [Attribute, Identifier, ImportFromStatement],
    names_from: NAMES,
    check: Some(check),
    lib2to3: ["operator"],
    catalogue: [23, 92],
}

const NAMES: &[&str] = &[
    "isCallable",
    "sequenceIncludes",
    "isSequenceType",
    "isMappingType",
    "isNumberType",
    "repeat",
    "irepeat",
    "div",
    "idiv",
    "__div__",
    "__idiv__",
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::ImportFromStatement {
        if crate::rules::stdlib::from_module(cx, node).is_none_or(|(module, _)| module != "operator") {
            return;
        }
        for (name, _) in crate::rules::stdlib::from_names(node) {
            let text = cx.text(name);
            if NAMES.contains(&text) {
                let diagnostic = Diagnostic::new(Rule::OperatorFunction, ast::range(name), message(text));
                cx.push(Candidate::new(diagnostic, DialectGate::Any));
            }
        }
        return;
    }
    if NodeKind::of(node) == NodeKind::Attribute {
        let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
        if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "operator" {
            return;
        }
        let (fix, imports) = rewrite(cx, node, cx.text(name), true);
        let diagnostic =
            Diagnostic::new(Rule::OperatorFunction, ast::range(node), message(cx.text(name))).with_fix(fix);
        let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
        // `callable()`, `operator.contains` and `operator.mul` are Python 2's too; the
        // `collections.abc` checks are not.
        candidate.compat = Some(if imports.is_empty() {
            crate::compat::Compat::Same
        } else {
            crate::compat::Compat::Fix(None, Vec::new())
        });
        candidate.imports = imports;
        cx.push_module_attribute(candidate, cx.text(object), "operator");
    } else {
        // A bare name, as after `from operator import repeat`; only calls.
        if !is_load(cx, node)
            || node
                .parent()
                .is_none_or(|p| NodeKind::of(p) != NodeKind::Call || field(p, Field::Function) != Some(node))
        {
            return;
        }
        let name = cx.text(node);
        if name.starts_with("__") {
            return;
        }
        let Some(target) = BARE_TARGETS.iter().find(|t| t.strip_prefix("operator.") == Some(name)) else { return };
        let diagnostic = Diagnostic::new(
            Rule::OperatorFunction,
            ast::range(node),
            format!("`{name}` may be `operator.{name}`, which does not exist on Python 3"),
        )
        .with_confidence(Confidence::Medium);
        cx.push_module_attribute(Candidate::new(diagnostic, DialectGate::Any), name, target);
    }
}

/// What `from operator import <name>` imports, for matching bare names to it.
const BARE_TARGETS: &[&str] = &[
    "operator.isCallable",
    "operator.sequenceIncludes",
    "operator.isSequenceType",
    "operator.isMappingType",
    "operator.isNumberType",
    "operator.repeat",
    "operator.irepeat",
    "operator.div",
    "operator.idiv",
];

fn message(name: &str) -> String {
    format!("`operator.{name}` does not exist on Python 3")
}

/// The fix for `operator.<name>` (the attribute node `node`).
fn rewrite(cx: &Checker<'_>, node: Node<'_>, name: &str, _: bool) -> (Option<Fix>, Vec<ImportRequest>) {
    let Some(attribute) = field(node, Field::Attribute) else { return (None, Vec::new()) };
    let rename =
        |new: &str| Fix::safe(format!("Use `operator.{new}`"), vec![Edit::replace(ast::range(attribute), new)]);
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let single = call.and_then(|c| call_args(c)).filter(|a| a.exactly(1)).map(|a| cx.text(a.positional[0]));
    match name {
        "sequenceIncludes" => (rename("contains"), Vec::new()),
        "repeat" => (rename("mul"), Vec::new()),
        "irepeat" => (rename("imul"), Vec::new()),
        "isCallable" => match (call, single) {
            (Some(call), Some(arg)) => (
                Fix::safe("Use `callable()`", vec![Edit::replace(ast::range(call), format!("callable({arg})"))]),
                Vec::new(),
            ),
            _ => (None, Vec::new()),
        },
        "isSequenceType" | "isMappingType" | "isNumberType" => {
            let (module, abc) = match name {
                "isSequenceType" => ("collections.abc", "Sequence"),
                "isMappingType" => ("collections.abc", "Mapping"),
                _ => ("numbers", "Number"),
            };
            match (call, single) {
                (Some(call), Some(arg)) => (
                    Fix::unsafe_edits(
                        "Use `isinstance()`",
                        vec![Edit::replace(ast::range(call), format!("isinstance({arg}, {module}.{abc})"))],
                    ),
                    vec![ImportRequest { module, name: None, after: None }],
                ),
                _ => (None, Vec::new()),
            }
        }
        _ => (None, Vec::new()),
    }
}
