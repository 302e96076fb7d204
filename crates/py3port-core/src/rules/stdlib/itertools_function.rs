//! PY3313: `itertools.izip`, `imap`, `ifilter`, `izip_longest` and `ifilterfalse`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, is_load, remove_statement};
use crate::rules::stdlib::{from_module, from_names};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// `itertools.izip`, `imap`, `ifilter`, `izip_longest` and `ifilterfalse`, removed or renamed in Python 3.
    ///
    /// ## What it does
    /// Checks `itertools.<name>` uses, bare calls of the names, and `from itertools
    /// import ...` statements that import them.
    ///
    /// ## Why is this bad?
    /// Python 3's builtin `zip`, `map` and `filter` are lazy, as the `i` versions were,
    /// and the `i` names are gone; `izip_longest` and `ifilterfalse` are called
    /// `zip_longest` and `filterfalse`. The old names raise `AttributeError` or
    /// `ImportError`.
    ///
    /// ## Example
    /// ```python
    /// pairs = itertools.izip(keys, values)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pairs = zip(keys, values)
    /// ```
    ///
    /// ## Fix safety
    /// As lib2to3's `itertools` and `itertools_imports` fixers do: `izip`, `imap` and
    /// `ifilter` become the builtins (and leave the import), the other two are renamed.
    /// An aliased builtin keeps its name as an assignment (`from itertools import izip as
    /// _zip` becomes `_zip = zip`), where 2to3 drops the import and leaves the alias
    /// unbound. That is safe. With `target = "py2-py3"`, `imap` over several iterables
    /// (or with `None` for a function) has no fix: Python 2's `map` pads the shorter ones
    /// with `None` where `imap` stops.
    fix: Always,
    kinds: [Attribute, Identifier, ImportFromStatement],
    names_from: NAMES,
    check: Some(check),
    lib2to3: ["itertools", "itertools_imports"],
    catalogue: [42, 43],
}

const NAMES: &[&str] = &["izip", "imap", "ifilter", "izip_longest", "ifilterfalse"];

/// The Python 3 name, and whether it is a builtin.
fn new_name(old: &str) -> Option<(&'static str, bool)> {
    Some(match old {
        "izip" => ("zip", true),
        "imap" => ("map", true),
        "ifilter" => ("filter", true),
        "izip_longest" => ("zip_longest", false),
        "ifilterfalse" => ("filterfalse", false),
        _ => return None,
    })
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    match NodeKind::of(node) {
        NodeKind::Attribute => attribute(cx, node),
        NodeKind::Identifier => bare(cx, node),
        _ => import(cx, node),
    }
}

fn attribute(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "itertools" {
        return;
    }
    let old = cx.text(name);
    let Some((new, builtin)) = new_name(old) else { return };
    let edit = if builtin { Edit::replace(ast::range(node), new) } else { Edit::replace(ast::range(name), new) };
    let shown = if builtin { new.to_owned() } else { format!("itertools.{new}") };
    let fix = Fix::safe(format!("Use `{shown}`"), vec![edit]);
    let diagnostic = Diagnostic::new(
        Rule::ItertoolsFunction,
        ast::range(node),
        format!("`itertools.{old}` does not exist on Python 3; use `{shown}`"),
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.compat = Some(py2_py3(builtin && builtin_same_on_python_2(cx, old, node)));
    cx.push_module_attribute(candidate, cx.text(object), "itertools");
}

/// `imap(f, a)` after `from itertools import imap` (or with no binding at all, as 2to3
/// assumes).
fn bare(cx: &mut Checker<'_>, node: Node<'_>) {
    if !is_load(cx, node) {
        return;
    }
    let called =
        cx.parent(node).is_some_and(|p| NodeKind::of(p) == NodeKind::Call && field(p, Field::Function) == Some(node));
    if !called {
        return;
    }
    let old = cx.text(node);
    let Some((new, _)) = new_name(old) else { return };
    let fix = Fix::safe(format!("Use `{new}`"), vec![Edit::replace(ast::range(node), new)]);
    let diagnostic =
        Diagnostic::new(Rule::ItertoolsFunction, ast::range(node), format!("`{old}` is `{new}` on Python 3"))
            .with_fix(fix);
    let target = match old {
        "izip" => "itertools.izip",
        "imap" => "itertools.imap",
        "ifilter" => "itertools.ifilter",
        "izip_longest" => "itertools.izip_longest",
        _ => "itertools.ifilterfalse",
    };
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    let builtin = new_name(old).is_some_and(|(_, builtin)| builtin);
    candidate.compat = Some(py2_py3(builtin && builtin_same_on_python_2(cx, old, node)));
    cx.push_module_attribute(candidate, old, target);
}

/// `from itertools import imap, izip_longest, chain`.
fn import(cx: &mut Checker<'_>, node: Node<'_>) {
    if from_module(cx, node).is_none_or(|(module, _)| module != "itertools") {
        return;
    }
    let names = from_names(node);
    if !names.iter().any(|(name, _)| new_name(cx.text(*name)).is_some()) {
        return;
    }
    // Builtins leave the import; renamed names are renamed (with their alias kept).
    let kept: Vec<String> = names
        .iter()
        .filter_map(|(name, alias)| {
            let text = cx.text(*name);
            let renamed = match new_name(text) {
                Some((_, true)) => return None,
                Some((new, false)) => new,
                None => text,
            };
            Some(match alias {
                Some(alias) => format!("{renamed} as {}", cx.text(*alias)),
                None => renamed.to_owned(),
            })
        })
        .collect();
    // An aliased builtin (`izip as _zip`) keeps its name as an assignment, `_zip = zip`
    // (2to3 drops it and leaves `_zip` unbound).
    let aliases: Vec<String> = names
        .iter()
        .filter_map(|(name, alias)| {
            let (new, builtin) = new_name(cx.text(*name))?;
            Some(format!("{} = {new}", cx.text((*alias)?))).filter(|_| builtin)
        })
        .collect();
    // On a line of its own, one statement a line; after `if x:` or `a; `, on the same line.
    let line_start = crate::checker::line_of(cx.source, ast::range(node)).start();
    let separator = if cx.source[line_start as usize..node.start_byte()].trim().is_empty() {
        format!("{}{}", cx.newline(), cx.indentation_at(node.start_byte() as u32))
    } else {
        "; ".to_owned()
    };
    let edits = match (kept.is_empty(), aliases.is_empty()) {
        (true, true) => vec![remove_statement(cx, node)],
        (true, false) => vec![Edit::replace(ast::range(node), aliases.join(&separator))],
        (false, _) => {
            let first = names[0].0;
            let last = names[names.len() - 1];
            let end = last.1.unwrap_or(last.0).end_byte();
            let mut edits = vec![Edit::replace(TextRange::new(first.start_byte() as u32, end as u32), kept.join(", "))];
            if !aliases.is_empty() {
                edits.push(Edit::insert(node.end_byte() as u32, format!("{separator}{}", aliases.join(&separator))));
            }
            edits
        }
    };
    let fix = Fix::safe("Update the import", edits);
    let names_range = TextRange::new(
        names[0].0.start_byte() as u32,
        names[names.len() - 1].1.unwrap_or(names[names.len() - 1].0).end_byte() as u32,
    );
    let diagnostic = Diagnostic::new(
        Rule::ItertoolsFunction,
        names_range,
        "`itertools` has no `izip`, `imap`, `ifilter`, `izip_longest` or `ifilterfalse` on Python 3",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    let only_builtins = names.iter().all(|(name, _)| new_name(cx.text(*name)).is_none_or(|(_, builtin)| builtin));
    candidate.compat = Some(py2_py3(only_builtins));
    cx.push(candidate);
}

/// Whether the builtin that replaces `old`, called where `function` is called, returns on
/// Python 2 what `old` yields: not so for `imap` over several iterables, which Python 2's
/// `map` pads with `None` to the longest (`imap` stops at the shortest), or with `None`
/// for a function.
fn builtin_same_on_python_2(cx: &Checker<'_>, old: &str, function: Node<'_>) -> bool {
    if old != "imap" {
        return true;
    }
    let call = function
        .parent()
        .filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(function));
    call.and_then(call_args).is_some_and(|args| args.between(2, 2) && cx.text(args.positional[0]) != "None")
}

/// In 2-and-3 code, `zip`, `map` and `filter` serve on Python 2 too (as lists);
/// `zip_longest` and `filterfalse` do not exist there.
fn py2_py3(builtin: bool) -> crate::compat::Compat {
    if builtin { crate::compat::Compat::Same } else { crate::compat::Compat::Fix(None, Vec::new()) }
}
