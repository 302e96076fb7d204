//! PY3318: Python 2's legacy `email` module names (`email.MIMEText`, ...).

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::{from_module, imported_modules};
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// Python 2.4's `email` module names that Python 3 removed (`email.MIMEText`, `email.Utils`, `email.Header`, ...).
    ///
    /// ## What it does
    /// Checks imports of the capitalised `email` submodules that Python 2.5 renamed and
    /// kept as aliases.
    ///
    /// ## Why is this bad?
    /// The aliases do not exist on Python 3: the import raises `ImportError`.
    ///
    /// ## Example
    /// ```python
    /// from email.MIMEText import MIMEText
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// from email.mime.text import MIMEText
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the new module name; the classes and functions are the same, so it
    /// is safe. `import email.Utils` without `as` is used as `email.Utils.x`, so renaming
    /// the import alone is not enough; it has no fix.
    fix: Sometimes,
    kinds: [ImportStatement, ImportFromStatement],
    check: Some(check),
    lib2to3: [],
    catalogue: [139],
}

const RENAMES: &[(&str, &str)] = &[
    ("email.MIMEText", "email.mime.text"),
    ("email.MIMEMultipart", "email.mime.multipart"),
    ("email.MIMEBase", "email.mime.base"),
    ("email.MIMEImage", "email.mime.image"),
    ("email.MIMEAudio", "email.mime.audio"),
    ("email.MIMEMessage", "email.mime.message"),
    ("email.MIMENonMultipart", "email.mime.nonmultipart"),
    ("email.Utils", "email.utils"),
    ("email.Header", "email.header"),
    ("email.Charset", "email.charset"),
    ("email.Encoders", "email.encoders"),
    ("email.Errors", "email.errors"),
    ("email.Generator", "email.generator"),
    ("email.Iterators", "email.iterators"),
    ("email.Message", "email.message"),
    ("email.Parser", "email.parser"),
    ("email.base64MIME", "email.base64mime"),
    ("email.quopriMIME", "email.quoprimime"),
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let modules: Vec<(String, Node<'_>, bool)> = if NodeKind::of(node) == NodeKind::ImportStatement {
        imported_modules(cx, node).into_iter().map(|m| (m.name, m.node, m.alias.is_some())).collect()
    } else {
        from_module(cx, node).into_iter().map(|(name, n)| (name, n, true)).collect()
    };
    // `from email import Encoders` imports the legacy module as a member.
    if NodeKind::of(node) == NodeKind::ImportFromStatement
        && let Some((module, _)) = from_module(cx, node)
        && module == "email"
    {
        for (name, alias) in crate::rules::stdlib::from_names(node) {
            let full = format!("email.{}", cx.text(name));
            let Some((old, new)) = RENAMES.iter().find(|(old, _)| *old == full) else { continue };
            let member = &new["email.".len()..];
            let local = alias.map_or(cx.text(name), |a| cx.text(a));
            let end = alias.unwrap_or(name);
            let fix = if member.contains('.') {
                None
            } else {
                Fix::safe(
                    format!("Import `{new}`"),
                    vec![Edit::replace(
                        crate::text::TextRange::new(name.start_byte() as u32, end.end_byte() as u32),
                        format!("{member} as {local}"),
                    )],
                )
            };
            let diagnostic = Diagnostic::new(
                Rule::EmailLegacyModule,
                ast::range(name),
                format!("`{old}` does not exist on Python 3; it is `{new}`"),
            )
            .with_fix(fix);
            cx.push(Candidate::new(diagnostic, DialectGate::Any));
        }
    }
    for (module, module_node, rename_is_enough) in modules {
        let Some((old, new)) = RENAMES.iter().find(|(old, _)| *old == module) else { continue };
        // `import email.MIMEText` without `as` is used as `email.MIMEText.X`; renaming
        // the import alone would leave those uses behind.
        let fix = rename_is_enough
            .then(|| Fix::safe(format!("Use `{new}`"), vec![Edit::replace(ast::range(module_node), *new)]))
            .flatten();
        let diagnostic = Diagnostic::new(
            Rule::EmailLegacyModule,
            ast::range(module_node),
            format!("`{old}` does not exist on Python 3; it is `{new}`"),
        )
        .with_fix(fix);
        cx.push(Candidate::new(diagnostic, DialectGate::Any));
    }
}
