//! PY3539: `try`/`except` shims whose Python 2 side is dead code on Python 3
//! (`try: import cPickle as pickle / except ImportError: import pickle`,
//! `try: unicode / except NameError: unicode = str`).

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::rules::leftovers::{dedented_block, report};
use crate::rules::stdlib::tables::{REMOVED, RENAMED, URLLIB, urllib_target};
use crate::rules::stdlib::{from_module, from_names, imported_modules};
use crate::semantic::caught_names;
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// A `try`/`except ImportError` (or `NameError`) shim with a Python 2 side: `try: import cPickle as pickle` / `except ImportError: import pickle`.
    ///
    /// ## What it does
    /// Checks `try` statements with one `except` clause that catches `ImportError`,
    /// `ModuleNotFoundError` or `NameError` (or everything), where one side imports a
    /// Python 2 module or name (`cPickle`, `urllib2`, `from itertools import izip`,
    /// `from urllib import urlencode`, a backport such as `unittest2`) or reads a
    /// Python 2 builtin (`unicode`, `basestring`, `xrange`, `raw_input`, ...), and the
    /// other side does not.
    ///
    /// ## Why is this bad?
    /// On Python 3 the Python 2 side always fails (or is never reached): the shim is
    /// dead code that hides which module the code really uses.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     import cPickle as pickle
    /// except ImportError:
    ///     import pickle
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import pickle
    /// ```
    ///
    /// ## Fix safety
    /// The fix keeps what Python 3 runs, re-indented: the `except` body (and the
    /// `finally` body) when the Python 2 side is the first statement of the `try`; the
    /// `try` body with its `else` and `finally` bodies when the Python 2 side is the
    /// `except` body. The first is safe. The second is unsafe: the fallback also served
    /// if the `try` side failed for another reason (a third-party module not installed).
    /// A Python 2 side after other statements of the `try` gets no fix.
    fix: Sometimes,
    kinds: [TryStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [186],
}

/// Python 2 builtins whose use raises `NameError` on Python 3.
const PY2_BUILTINS: &[&str] = &[
    "unicode",
    "basestring",
    "long",
    "xrange",
    "raw_input",
    "unichr",
    "reduce",
    "intern",
    "file",
    "buffer",
    "cmp",
    "execfile",
    "reload",
    "apply",
    "coerce",
    "StandardError",
];

/// Backports that exist for Python 2 only.
const PY2_BACKPORTS: &[&str] = &["unittest2", "ordereddict", "subprocess32", "functools32", "backports"];

/// Names that moved out of a module that Python 3 still has.
const PY2_MEMBERS: &[(&str, &[&str])] = &[
    ("itertools", &["izip", "imap", "ifilter", "izip_longest", "ifilterfalse"]),
    ("string", &["maketrans", "letters", "lowercase", "uppercase", "atoi", "atof", "atol", "join", "split"]),
    ("os", &["getcwdu"]),
    ("sys", &["maxint"]),
    ("types", &["StringType", "UnicodeType", "StringTypes", "LongType", "IntType", "ClassType", "InstanceType"]),
    ("HTMLParser", &["HTMLParseError"]),
];

/// Whether the module is Python 2's only.
fn python2_module(module: &str) -> bool {
    let top = module.split('.').next().unwrap_or(module);
    (RENAMED.iter().any(|r| r.old == module && r.old != "test.test_support"))
        || URLLIB.iter().any(|(old, _)| *old == module && *old != "urllib")
        || REMOVED.iter().any(|(old, _)| *old == module)
        || PY2_BACKPORTS.contains(&top)
}

/// Whether the statement fails on Python 3: an import of a Python 2 module or name, or
/// a statement that reads a Python 2 builtin.
fn python2_statement(cx: &Checker<'_>, statement: Node<'_>) -> bool {
    match NodeKind::of(statement) {
        NodeKind::ImportStatement => imported_modules(cx, statement).iter().any(|m| python2_module(&m.name)),
        NodeKind::ImportFromStatement => {
            let Some((module, _)) = from_module(cx, statement) else { return false };
            if python2_module(&module) {
                return true;
            }
            let names: Vec<&str> = from_names(statement).iter().map(|(name, _)| cx.text(*name)).collect();
            names.iter().any(|name| {
                (module == "urllib" && urllib_target("urllib", name).is_some())
                    || PY2_MEMBERS.iter().any(|(m, members)| *m == module && members.contains(name))
            })
        }
        NodeKind::ExpressionStatement | NodeKind::Assignment => {
            // `unicode`, `text_type = unicode`, `input = raw_input`: the value reads it.
            let value = if NodeKind::of(statement) == NodeKind::Assignment {
                field(statement, Field::Right)
            } else {
                statement.named_child(0).and_then(|e| {
                    if NodeKind::of(e) == NodeKind::Assignment { field(e, Field::Right) } else { Some(e) }
                })
            };
            let Some(value) = value else { return false };
            let mut reads = false;
            ast::walk_named(value, |n| {
                match NodeKind::of(n) {
                    NodeKind::Lambda | NodeKind::FunctionDefinition => return false,
                    NodeKind::Identifier => reads |= PY2_BUILTINS.contains(&cx.text(n)),
                    NodeKind::Attribute => {
                        if let Some(object) = field(n, Field::Object) {
                            reads |=
                                NodeKind::of(object) == NodeKind::Identifier && PY2_BUILTINS.contains(&cx.text(object));
                        }
                        return false;
                    }
                    _ => {}
                }
                !reads
            });
            reads
        }
        _ => false,
    }
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(body) = field(node, Field::Body) else { return };
    let clauses = ast::named_children(node);
    let handlers: Vec<Node<'_>> =
        clauses.iter().copied().filter(|c| NodeKind::of(*c) == NodeKind::ExceptClause).collect();
    let [handler] = handlers[..] else { return };
    let else_body =
        clauses.iter().find(|c| NodeKind::of(**c) == NodeKind::ElseClause).and_then(|c| field(*c, Field::Body));
    let finally_body = clauses
        .iter()
        .find(|c| NodeKind::of(**c) == NodeKind::FinallyClause)
        .and_then(|c| ast::named_children(*c).into_iter().find(|n| NodeKind::of(*n) == NodeKind::Block));
    let Some(handler_body) = ast::named_children(handler).into_iter().find(|n| NodeKind::of(*n) == NodeKind::Block)
    else {
        return;
    };
    let caught = caught_names(cx.source, handler);
    let catches = |wanted: &[&str]| {
        caught
            .iter()
            .any(|name| wanted.contains(&name.as_str()) || matches!(name.as_str(), "" | "Exception" | "BaseException"))
    };
    let try_statements = ast::block_statements(body);
    let handler_statements = ast::block_statements(handler_body);
    let first_python2 = try_statements.iter().position(|s| python2_statement(cx, *s));
    let handler_python2 = handler_statements.iter().find(|s| python2_statement(cx, **s)).copied();
    let imports = |statements: &[Node<'_>]| {
        statements.iter().any(|s| matches!(NodeKind::of(*s), NodeKind::ImportStatement | NodeKind::ImportFromStatement))
    };
    let indent = cx.indentation_at(node.start_byte() as u32).to_owned();
    let separator = format!("{}{indent}", cx.newline());
    let keep = |blocks: &[Option<Node<'_>>]| -> Option<String> {
        let parts: Option<Vec<String>> = blocks.iter().flatten().map(|b| dedented_block(cx, *b, &indent)).collect();
        let parts = parts?;
        // `pass` alone is nothing to keep.
        let parts: Vec<String> = parts.into_iter().filter(|p| p.trim() != "pass").collect();
        Some(parts.join(&separator))
    };
    let replace_with = |text: Option<String>| -> Option<Edit> {
        match text {
            Some(text) if text.is_empty() => Some(remove_statement(cx, node)),
            Some(text) => Some(Edit::replace(ast::range(node), text)),
            None => None,
        }
    };
    if let Some(index) = first_python2 {
        // Python 3 fails there and runs the handler.
        let wanted: &[&str] = if imports(&try_statements[index..=index]) {
            &["ImportError", "ModuleNotFoundError"]
        } else {
            &["NameError"]
        };
        if !catches(wanted) || handler_python2.is_some() {
            return;
        }
        let python2 = try_statements[index];
        let fix = (index == 0)
            .then(|| replace_with(keep(&[Some(handler_body), finally_body])))
            .flatten()
            .and_then(|edit| Fix::safe("Keep the Python 3 side", vec![edit]));
        let message = "Python 2 shim: on Python 3 this fails and the `except` branch runs";
        report(cx, Rule::CompatShim, range_of_first_line(cx, python2), message, fix);
    } else if let Some(python2) = handler_python2 {
        // Python 3 takes the `try` side; the handler is Python 2's fallback.
        let wanted: &[&str] =
            if imports(&try_statements) { &["ImportError", "ModuleNotFoundError"] } else { &["NameError"] };
        if !catches(wanted) {
            return;
        }
        let fix = replace_with(keep(&[Some(body), else_body, finally_body]))
            .and_then(|edit| Fix::unsafe_edits("Keep the Python 3 side", vec![edit]));
        let message = "Python 2 fallback: on Python 3 the `try` side succeeds and this never runs";
        report(cx, Rule::CompatShim, range_of_first_line(cx, python2), message, fix);
    }
}

/// The statement's range, cut at its first line (an import in parentheses can be long).
fn range_of_first_line(cx: &Checker<'_>, statement: Node<'_>) -> TextRange {
    let range = ast::range(statement);
    let line = crate::checker::line_of(cx.source, range);
    TextRange::new(range.start(), range.end().min(line.end()))
}
