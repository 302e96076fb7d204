//! PY3316: ABC aliases in `collections`, removed in Python 3.10.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::{from_module, from_names};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Abstract base classes imported from `collections` instead of `collections.abc` (`collections.Mapping`, `from collections import Iterable`, ...).
    ///
    /// ## What it does
    /// Checks `collections.<ABC>` uses, where `collections` is the module, and
    /// `from collections import <ABC>`. The diagnostic is an error when `target-version`
    /// is 3.10 or later, and a warning before.
    ///
    /// ## Why is this bad?
    /// The aliases were deprecated in Python 3.3 and removed in 3.10: code ported long
    /// ago fails there with `AttributeError` or `ImportError`.
    ///
    /// ## Example
    /// ```python
    /// import collections
    /// if isinstance(value, collections.Mapping):
    ///     value = dict(value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import collections.abc
    /// if isinstance(value, collections.abc.Mapping):
    ///     value = dict(value)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `collections.abc.<ABC>` (and imports from `collections.abc`); it is
    /// safe. A `from collections import` that mixes ABCs and other names is split in two.
    fix: Sometimes,
    kinds: [Attribute, ImportFromStatement],
    names_from: ABCS,
    check: Some(check),
    lib2to3: [],
    catalogue: [183],
}

const ABCS: &[&str] = &[
    "Awaitable",
    "Coroutine",
    "AsyncIterable",
    "AsyncIterator",
    "AsyncGenerator",
    "Hashable",
    "Iterable",
    "Iterator",
    "Generator",
    "Reversible",
    "Sized",
    "Container",
    "Callable",
    "Collection",
    "Set",
    "MutableSet",
    "Mapping",
    "MutableMapping",
    "MappingView",
    "KeysView",
    "ItemsView",
    "ValuesView",
    "Sequence",
    "MutableSequence",
    "ByteString",
];

fn severity(cx: &Checker<'_>) -> Severity {
    if cx.settings.target_version.0 >= 10 { Severity::Error } else { Severity::Warning }
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if crate::rules::stdlib::in_removed_package(cx) || cx.in_warning_capture(crate::ast::range(node)) {
        return;
    }
    if NodeKind::of(node) == NodeKind::Attribute {
        let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
        if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "collections" {
            return;
        }
        let abc = cx.text(name);
        // Reached through `import collections`: `collections.abc` is a submodule that the
        // fix imports explicitly.
        let fix = Fix::safe(
            format!("Use `collections.abc.{abc}`"),
            vec![Edit::replace(ast::range(object), "collections.abc")],
        );
        let diagnostic = Diagnostic::new(
            Rule::CollectionsAbcAlias,
            ast::range(node),
            format!("`collections.{abc}` was removed in Python 3.10; use `collections.abc.{abc}`"),
        )
        .with_fix(fix);
        let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
        candidate.severity = Some(severity(cx));
        candidate.imports.push(crate::checker::ImportRequest { module: "collections.abc", name: None, after: None });
        cx.push_module_attribute(candidate, cx.text(object), "collections");
        return;
    }
    if from_module(cx, node).is_none_or(|(module, _)| module != "collections") {
        return;
    }
    let names = from_names(node);
    let (abcs, others): (Vec<_>, Vec<_>) = names.iter().partition(|(name, _)| ABCS.contains(&cx.text(*name)));
    if abcs.is_empty() {
        return;
    }
    let render = |list: &[&(Node<'_>, Option<Node<'_>>)]| {
        list.iter()
            .map(|(name, alias)| match alias {
                Some(alias) => format!("{} as {}", cx.text(*name), cx.text(*alias)),
                None => cx.text(*name).to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = if others.is_empty() {
        format!("from collections.abc import {}", render(&abcs))
    } else {
        let indent = cx.indentation_at(node.start_byte() as u32).to_owned();
        format!(
            "from collections import {}{}{indent}from collections.abc import {}",
            render(&others),
            cx.newline(),
            render(&abcs)
        )
    };
    let fix = Fix::safe("Import from `collections.abc`", vec![Edit::replace(ast::range(node), text)]);
    let listed: Vec<&str> = abcs.iter().map(|(name, _)| cx.text(*name)).collect();
    let diagnostic = Diagnostic::new(
        Rule::CollectionsAbcAlias,
        ast::range(node),
        format!("`collections` has no `{}` since Python 3.10; import from `collections.abc`", listed.join("`, `")),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.severity = Some(severity(cx));
    if cx.settings.target == crate::settings::Target::Py2Py3 {
        // `try: from collections.abc import Mapping / except ImportError: ...`, when the
        // statement imports only ABCs.
        let shim = others
            .is_empty()
            .then(|| crate::compat::import_shim(cx, node, &format!("from collections.abc import {}", render(&abcs))))
            .flatten();
        candidate.compat = Some(crate::compat::Compat::Fix(shim, Vec::new()));
    }
    cx.push(candidate);
}
