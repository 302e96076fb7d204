//! PY3525: `six.moves`, six's map of the standard library's Python 2 and 3 names.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::rules::stdlib::{from_module, is_star_import};
use crate::syntax_kind::{Field, NodeKind, field, field_children};
use crate::text::TextRange;

declare_rule! {
    /// `from six.moves import configparser`, `from six.moves.urllib.parse import urlencode`, `six.moves.reduce`: the standard library under six's names.
    ///
    /// ## What it does
    /// Checks imports from `six.moves` and its submodules, and `six.moves.<name>`
    /// attributes of the imported `six` module, for the names six maps: modules
    /// (`configparser`, `http_client`, `cPickle`, `urllib.parse`, ...) and functions and
    /// classes (`reduce`, `zip_longest`, `StringIO`, `getcwd`, `UserDict`, ...).
    /// `filter`, `input`, `map`, `range` and `zip` imported under their own names are
    /// PY3513.
    ///
    /// ## Why is this bad?
    /// On Python 3 each name is a module or a member of the standard library; importing
    /// it from there drops the indirection (and a dependency on six).
    ///
    /// ## Example
    /// ```python
    /// from six.moves import configparser, reduce
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import configparser
    /// from functools import reduce
    /// ```
    ///
    /// ## Fix safety
    /// The fix imports each name from its Python 3 home, under the name the code uses
    /// (`from http import client as http_client`); `six.moves.reduce` becomes
    /// `functools.reduce` with `import functools` added. It is safe. `xrange` and the
    /// like (builtins under another name) and
    /// statements that share their line or hold comments get no fix. `from six.moves
    /// import urllib` becomes an import of the `urllib` submodules the module uses
    /// (`import urllib.parse, urllib.request`); none used, no fix.
    fix: Sometimes,
    kinds: [ImportFromStatement, Attribute],
    names: [
        "builtins", "configparser", "collections_abc", "copyreg", "dbm_gnu", "dbm_ndbm", "_dummy_thread",
        "http_cookiejar", "http_cookies", "html_entities", "html_parser", "http_client", "email_mime_base",
        "email_mime_image", "email_mime_multipart", "email_mime_nonmultipart", "email_mime_text",
        "BaseHTTPServer", "CGIHTTPServer", "SimpleHTTPServer", "cPickle", "queue", "reprlib", "socketserver",
        "_thread", "tkinter", "tkinter_dialog", "tkinter_filedialog", "tkinter_scrolledtext",
        "tkinter_simpledialog", "tkinter_tix", "tkinter_ttk", "tkinter_constants", "tkinter_dnd",
        "tkinter_colorchooser", "tkinter_commondialog", "tkinter_tkfiledialog", "tkinter_font",
        "tkinter_messagebox", "tkinter_tksimpledialog", "urllib_parse", "urllib_error", "urllib_robotparser",
        "xmlrpc_client", "xmlrpc_server", "winreg", "urllib", "cStringIO", "filter", "filterfalse", "input",
        "intern", "map", "getcwd", "getcwdb", "getoutput", "range", "reload_module", "reduce", "shlex_quote",
        "StringIO", "UserDict", "UserList", "UserString", "xrange", "zip", "zip_longest",
    ],
    check: Some(check),
    lib2to3: [],
    catalogue: [162],
}

/// What a `six.moves` name is on Python 3.
#[derive(Clone, Copy)]
enum Home {
    /// A module (dotted).
    Module(&'static str),
    /// A member of a module.
    Member(&'static str, &'static str),
    /// `six.moves.urllib`: a package of the `urllib` submodules.
    Urllib,
}

fn home(name: &str) -> Option<Home> {
    use Home::{Member, Module};
    Some(match name {
        "builtins" => Module("builtins"),
        "configparser" => Module("configparser"),
        "collections_abc" => Module("collections.abc"),
        "copyreg" => Module("copyreg"),
        "dbm_gnu" => Module("dbm.gnu"),
        "dbm_ndbm" => Module("dbm.ndbm"),
        "_dummy_thread" | "_thread" => Module("_thread"),
        "http_cookiejar" => Module("http.cookiejar"),
        "http_cookies" => Module("http.cookies"),
        "html_entities" => Module("html.entities"),
        "html_parser" => Module("html.parser"),
        "http_client" => Module("http.client"),
        "email_mime_base" => Module("email.mime.base"),
        "email_mime_image" => Module("email.mime.image"),
        "email_mime_multipart" => Module("email.mime.multipart"),
        "email_mime_nonmultipart" => Module("email.mime.nonmultipart"),
        "email_mime_text" => Module("email.mime.text"),
        "BaseHTTPServer" | "CGIHTTPServer" | "SimpleHTTPServer" => Module("http.server"),
        "cPickle" => Module("pickle"),
        "queue" => Module("queue"),
        "reprlib" => Module("reprlib"),
        "socketserver" => Module("socketserver"),
        "tkinter" => Module("tkinter"),
        "tkinter_dialog" => Module("tkinter.dialog"),
        "tkinter_filedialog" | "tkinter_tkfiledialog" => Module("tkinter.filedialog"),
        "tkinter_scrolledtext" => Module("tkinter.scrolledtext"),
        "tkinter_simpledialog" | "tkinter_tksimpledialog" => Module("tkinter.simpledialog"),
        "tkinter_tix" => Module("tkinter.tix"),
        "tkinter_ttk" => Module("tkinter.ttk"),
        "tkinter_constants" => Module("tkinter.constants"),
        "tkinter_dnd" => Module("tkinter.dnd"),
        "tkinter_colorchooser" => Module("tkinter.colorchooser"),
        "tkinter_commondialog" => Module("tkinter.commondialog"),
        "tkinter_font" => Module("tkinter.font"),
        "tkinter_messagebox" => Module("tkinter.messagebox"),
        "urllib_parse" => Module("urllib.parse"),
        "urllib_error" => Module("urllib.error"),
        "urllib_robotparser" => Module("urllib.robotparser"),
        "xmlrpc_client" => Module("xmlrpc.client"),
        "xmlrpc_server" => Module("xmlrpc.server"),
        "winreg" => Module("winreg"),
        "urllib" => Home::Urllib,
        "cStringIO" | "StringIO" => Member("io", "StringIO"),
        "filter" => Member("builtins", "filter"),
        "filterfalse" => Member("itertools", "filterfalse"),
        "input" => Member("builtins", "input"),
        "intern" => Member("sys", "intern"),
        "map" => Member("builtins", "map"),
        "getcwd" => Member("os", "getcwd"),
        "getcwdb" => Member("os", "getcwdb"),
        "getoutput" => Member("subprocess", "getoutput"),
        "range" | "xrange" => Member("builtins", "range"),
        "reload_module" => Member("importlib", "reload"),
        "reduce" => Member("functools", "reduce"),
        "shlex_quote" => Member("shlex", "quote"),
        "UserDict" => Member("collections", "UserDict"),
        "UserList" => Member("collections", "UserList"),
        "UserString" => Member("collections", "UserString"),
        "zip" => Member("builtins", "zip"),
        "zip_longest" => Member("itertools", "zip_longest"),
        _ => return None,
    })
}

/// `urllib`'s submodules that `six.moves.urllib` has.
const URLLIB_MODULES: &[&str] = crate::checker::URLLIB_SUBMODULES;

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    if NodeKind::of(node) == NodeKind::Attribute {
        attribute(cx, node);
        return;
    }
    let Some((module, module_node)) = from_module(cx, node) else { return };
    if module == "six.moves" {
        from_six_moves(cx, node);
        return;
    }
    // `from six.moves.urllib.parse import x`, `from six.moves.configparser import y`.
    let Some(rest) = module.strip_prefix("six.moves.") else { return };
    let (first, tail) = rest.split_once('.').map_or((rest, None), |(a, b)| (a, Some(b)));
    let new = match (home(first), tail) {
        (Some(Home::Urllib), None) => "urllib".to_owned(),
        (Some(Home::Urllib), Some(sub)) if URLLIB_MODULES.contains(&sub) => format!("urllib.{sub}"),
        (Some(Home::Module(new)), None) => new.to_owned(),
        _ => return,
    };
    let fix = Fix::safe(format!("Import from `{new}`"), vec![Edit::replace(ast::range(module_node), new.clone())]);
    report(cx, Rule::SixMovesImport, ast::range(module_node), format!("`{module}` is `{new}` on Python 3"), fix);
}

/// `from six.moves import a, b as c`: one import per name, from its Python 3 home.
fn from_six_moves(cx: &mut Checker<'_>, node: Node<'_>) {
    if is_star_import(node) {
        report(
            cx,
            Rule::SixMovesImport,
            ast::range(node),
            "`from six.moves import *`: import each name from the standard library",
            None,
        );
        return;
    }
    let mut lines = Vec::new();
    let mut kept = Vec::new();
    let mut reported = Vec::new();
    for item in field_children(node, Field::Name) {
        let (name_node, alias) = match NodeKind::of(item) {
            NodeKind::AliasedImport => (field(item, Field::Name), field(item, Field::Alias).map(|a| cx.text(a))),
            _ => (Some(item), None),
        };
        let Some(name_node) = name_node else { return };
        let name = cx.text(name_node);
        let local = alias.unwrap_or(name);
        let line = match home(name) {
            None => None,
            Some(Home::Member("builtins", builtin)) if builtin == local => {
                // PY3513's: the builtin under its own name.
                kept.push(cx.text(item));
                continue;
            }
            Some(Home::Member("builtins", _)) => None,
            // `import urllib.parse, urllib.request`: the submodules the module uses.
            Some(Home::Urllib) if local == "urllib" => {
                let used = cx.urllib_submodules();
                (!used.is_empty()).then(|| {
                    format!("import {}", used.iter().map(|m| format!("urllib.{m}")).collect::<Vec<_>>().join(", "))
                })
            }
            Some(Home::Urllib) => None,
            Some(Home::Member(module, member)) => Some(if member == local {
                format!("from {module} import {member}")
            } else {
                format!("from {module} import {member} as {local}")
            }),
            Some(Home::Module(module)) => Some(match module.rsplit_once('.') {
                None if module == local => format!("import {module}"),
                None => format!("import {module} as {local}"),
                Some((package, last)) if last == local => format!("from {package} import {last}"),
                Some((package, last)) => format!("from {package} import {last} as {local}"),
            }),
        };
        match home(name) {
            Some(Home::Module(module)) => reported.push(format!("`{name}` is `{module}`")),
            Some(Home::Member("builtins", builtin)) => reported.push(format!("`{name}` is the builtin `{builtin}`")),
            Some(Home::Member(module, member)) => reported.push(format!("`{name}` is `{module}.{member}`")),
            Some(Home::Urllib) => reported.push("`urllib` is the `urllib` package (import its submodules)".to_owned()),
            None => {}
        }
        match line {
            Some(line) => lines.push(line),
            None => kept.push(cx.text(item)),
        }
    }
    if reported.is_empty() {
        return;
    }
    // The statement is rewritten as lines of its own: it must have its line to itself.
    let line = crate::checker::line_of(cx.source, ast::range(node));
    let end_line = crate::checker::line_of(cx.source, TextRange::empty(node.end_byte() as u32));
    let before = cx.slice(TextRange::new(line.start(), node.start_byte() as u32));
    let after = cx.slice(TextRange::new(node.end_byte() as u32, end_line.end()));
    let mut comments = false;
    ast::walk_named(node, |n| {
        comments |= NodeKind::of(n) == NodeKind::Comment;
        !comments
    });
    let own_line = before.trim().is_empty() && (after.trim().is_empty() || after.trim_start().starts_with('#'));
    let fix = (!lines.is_empty() && own_line && !comments)
        .then(|| {
            if !kept.is_empty() {
                lines.push(format!("from six.moves import {}", kept.join(", ")));
            }
            let separator = format!("{}{before}", cx.newline());
            Fix::safe("Import from the standard library", vec![Edit::replace(ast::range(node), lines.join(&separator))])
        })
        .flatten();
    let message = format!("Standard-library names from `six.moves` on Python 3: {}", reported.join(", "));
    report(cx, Rule::SixMovesImport, ast::range(node), message, fix);
}

/// `six.moves.reduce(...)`, `six.moves.urllib.parse.quote(...)`.
fn attribute(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(object) = field(node, Field::Object) else { return };
    if NodeKind::of(object) != NodeKind::Attribute
        || crate::rules::leftovers::module_attribute(cx, object, "six") != Some("moves")
    {
        return;
    }
    let Some(name) = field(node, Field::Attribute).map(|a| cx.text(a)) else { return };
    let Some(home) = home(name) else { return };
    let (range, replacement, import) = match home {
        Home::Member("builtins", builtin) => (ast::range(node), builtin.to_owned(), None),
        Home::Member(module, member) => (ast::range(node), format!("{module}.{member}"), Some(module)),
        Home::Module(module) => (ast::range(node), module.to_owned(), Some(module)),
        Home::Urllib => {
            // `six.moves.urllib.parse`: `urllib.parse`, imported.
            let parent = cx
                .parent(node)
                .filter(|p| NodeKind::of(*p) == NodeKind::Attribute && field(*p, Field::Object) == Some(node));
            let sub = parent.and_then(|p| field(p, Field::Attribute)).map(|a| cx.text(a));
            match (parent, sub.and_then(|sub| URLLIB_MODULES.iter().find(|m| **m == sub))) {
                (Some(parent), Some(sub)) => {
                    let module: &'static str = match *sub {
                        "parse" => "urllib.parse",
                        "request" => "urllib.request",
                        "response" => "urllib.response",
                        "error" => "urllib.error",
                        _ => "urllib.robotparser",
                    };
                    let fix = Fix::safe(format!("Use `{module}`"), vec![Edit::replace(ast::range(parent), module)]);
                    let name = format!("urllib.{sub}");
                    report_attribute(cx, parent, &name, format!("`{module}`"), fix, Some(module));
                    return;
                }
                _ => {
                    report_attribute(
                        cx,
                        node,
                        name,
                        "the `urllib` package (import its submodules)".to_owned(),
                        None,
                        None,
                    );
                    return;
                }
            }
        }
    };
    let fix = Fix::safe(format!("Use `{replacement}`"), vec![Edit::replace(range, replacement.clone())]);
    report_attribute(cx, node, name, format!("`{replacement}`"), fix, import);
}

fn report_attribute(
    cx: &mut Checker<'_>,
    node: Node<'_>,
    name: &str,
    says: String,
    fix: Option<Fix>,
    import: Option<&'static str>,
) {
    let diagnostic =
        Diagnostic::new(Rule::SixMovesImport, ast::range(node), format!("`six.moves.{name}` is {says} on Python 3"))
            .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    candidate.requires_import = Some(("six".to_owned(), "six".to_owned()));
    if let Some(module) = import.filter(|m| *m != "builtins") {
        candidate.imports.push(ImportRequest { module, name: None, after: None });
    }
    cx.push(candidate);
}
