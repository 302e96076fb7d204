//! What the walk learns about names: scopes and their bindings (so that `unicode = str`
//! or `from six.moves import xrange` stops a rule from calling `unicode` the removed
//! builtin), imports (so that `string.letters` is only reported when `string` is the
//! standard module), and the branches that run only on Python 2 (`if six.PY2:`, the
//! `else` of a Python 3 check, `try: import urllib2 / except ImportError:` shims).

use tree_sitter::Node;

use crate::ast;
use crate::syntax_kind::{Field, NodeKind, field, field_children};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Class,
    Function,
}

/// A scope being walked.
#[derive(Debug)]
pub(crate) struct Scope<'a> {
    pub kind: ScopeKind,
    /// The node that opened it (tree-sitter node id), to close it on leaving.
    pub node: usize,
    /// Where a use of a name resolves in this scope: a function's body, not its
    /// parameter defaults, decorators or annotations, which belong to the scope around it.
    pub inner: TextRange,
    pub bindings: Vec<&'a str>,
    pub globals: Vec<&'a str>,
    /// Candidates (by index) waiting to learn whether this scope binds their name.
    pub pending: Vec<(usize, &'a str)>,
}

impl<'a> Scope<'a> {
    pub fn new(kind: ScopeKind, node: usize, inner: TextRange) -> Self {
        Self { kind, node, inner, bindings: Vec::new(), globals: Vec::new(), pending: Vec::new() }
    }
}

/// An import statement's effect on one local name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImportFact {
    /// The name the import binds (`u` in `import urllib2 as u`, `os` in `import os.path`).
    pub local: String,
    /// The module (or `module.member` for `from module import member`) it refers to.
    pub target: String,
    /// Whether the name is a module (`import x`) rather than a member (`from m import x`).
    pub is_module: bool,
    /// Whether the import is at module level.
    pub module_level: bool,
}

/// The names a binding target binds: identifiers in (nested) tuples, lists and starred
/// targets; not attributes or subscripts.
pub(crate) fn target_names<'t>(target: Node<'t>, out: &mut Vec<Node<'t>>) {
    // Most targets are one name.
    if NodeKind::of(target) == NodeKind::Identifier {
        out.push(target);
        return;
    }
    let mut stack = vec![target];
    while let Some(node) = stack.pop() {
        match NodeKind::of(node) {
            NodeKind::Identifier => out.push(node),
            NodeKind::PatternList
            | NodeKind::TuplePattern
            | NodeKind::ListPattern
            | NodeKind::Tuple
            | NodeKind::List
            | NodeKind::ExpressionList
            | NodeKind::ParenthesizedExpression
            | NodeKind::ListSplatPattern
            | NodeKind::AsPatternTarget
            | NodeKind::ListSplat => stack.extend(ast::named_children(node)),
            _ => {}
        }
    }
}

/// The parameter names a `parameters` or `lambda_parameters` node binds.
pub(crate) fn parameter_names<'t>(parameters: Node<'t>, out: &mut Vec<Node<'t>>) {
    for parameter in ast::named_children(parameters) {
        match NodeKind::of(parameter) {
            NodeKind::Identifier | NodeKind::TuplePattern => target_names(parameter, out),
            NodeKind::DefaultParameter | NodeKind::TypedDefaultParameter => {
                if let Some(name) = field(parameter, Field::Name) {
                    target_names(name, out);
                }
            }
            NodeKind::TypedParameter | NodeKind::ListSplatPattern | NodeKind::DictionarySplatPattern => {
                for child in ast::named_children(parameter) {
                    if NodeKind::of(child) == NodeKind::Identifier {
                        out.push(child);
                        break;
                    }
                }
            }
            _ => {}
        }
    }
}

/// The names [`parameter_names`] finds, read from the text where the parameters are
/// simple (names, `*args`, `**kw`, `*`, `/`, and defaults without brackets, strings or
/// colons), which is cheaper than visiting their nodes; `None` where only the tree can
/// tell (annotations, tuple parameters, comments, line continuations, parse errors).
pub(crate) fn simple_parameter_names<'s>(source: &'s str, parameters: Node<'_>) -> Option<Vec<&'s str>> {
    let text = source.get(parameters.byte_range())?;
    let inner = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(text);
    let simple = inner.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'_' | b',' | b'*' | b'=' | b'/' | b'.' | b'-' | b'+')
            || b.is_ascii_whitespace()
    });
    if !simple || parameters.has_error() {
        return None;
    }
    let mut names = Vec::new();
    for piece in inner.split(',') {
        let name = piece.split('=').next().unwrap_or("").trim().trim_start_matches('*').trim_start();
        if name.is_empty() || name == "/" {
            continue;
        }
        if name.starts_with(|c: char| c.is_ascii_digit())
            || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return None;
        }
        names.push(name);
    }
    Some(names)
}

/// The names a `parameters` or `lambda_parameters` node binds, as text: read from the text
/// where it is simple, else from the nodes.
pub(crate) fn parameter_texts<'s>(source: &'s str, parameters: Node<'_>) -> Vec<&'s str> {
    simple_parameter_names(source, parameters).unwrap_or_else(|| {
        let mut names = Vec::new();
        parameter_names(parameters, &mut names);
        names.into_iter().filter_map(|name| source.get(name.byte_range())).collect()
    })
}

/// The imports of an `import` or `from ... import` statement, with the names they bind.
pub(crate) fn imports(source: &str, node: Node<'_>, module_level: bool) -> Vec<(Option<TextRange>, ImportFact)> {
    let text = |n: Node<'_>| source[n.byte_range()].split_whitespace().collect::<String>();
    let mut facts = Vec::new();
    match NodeKind::of(node) {
        NodeKind::ImportStatement => {
            for name in field_children(node, Field::Name) {
                let (module, alias) = match NodeKind::of(name) {
                    NodeKind::AliasedImport => (field(name, Field::Name), field(name, Field::Alias)),
                    _ => (Some(name), None),
                };
                let Some(module) = module else { continue };
                let module_text = text(module);
                let (local, target) = match alias {
                    Some(alias) => (text(alias), module_text.clone()),
                    // `import os.path` binds `os`.
                    None => {
                        let first = module_text.split('.').next().unwrap_or_default().to_owned();
                        (first.clone(), first)
                    }
                };
                facts.push((
                    Some(ast::range(alias.unwrap_or(module))),
                    ImportFact {
                        local,
                        target: if alias.is_some() { module_text } else { target },
                        is_module: true,
                        module_level,
                    },
                ));
            }
        }
        NodeKind::ImportFromStatement => {
            let Some(module) = field(node, Field::ModuleName) else { return facts };
            let module_text = text(module);
            for name in field_children(node, Field::Name) {
                let (member, alias) = match NodeKind::of(name) {
                    NodeKind::AliasedImport => (field(name, Field::Name), field(name, Field::Alias)),
                    _ => (Some(name), None),
                };
                let Some(member) = member else { continue };
                let member_text = text(member);
                let local = alias.map_or_else(|| member_text.clone(), text);
                facts.push((
                    Some(ast::range(alias.unwrap_or(member))),
                    ImportFact {
                        local,
                        target: format!("{module_text}.{member_text}"),
                        is_module: false,
                        module_level,
                    },
                ));
            }
        }
        _ => {}
    }
    facts
}

/// What a condition says about the Python version: `Some(true)` if it is false on every
/// Python 3 (`six.PY2`, `sys.version_info[0] == 2`, `sys.version_info < (3,)`,
/// `sys.version_info < (2, 6)`, `PY2 and x`), `Some(false)` if it is true on every
/// Python 3 (`six.PY3`, `PY3 or x`, `sys.version_info >= (2, 6)`), `None` if it does not
/// say.
pub(crate) fn version_check(source: &str, condition: Node<'_>) -> Option<bool> {
    // Every form below names a version (`sys.version_info`, `sys.hexversion`,
    // `platform.python_version()`) or a flag (`PY2`, `six.PY3`, `IS_PY3K`): a condition
    // with neither says nothing, and most conditions are that.
    let text = source.get(condition.byte_range()).unwrap_or_default();
    let names_a_flag = text.as_bytes().windows(2).any(|pair| pair.eq_ignore_ascii_case(b"py"));
    if !names_a_flag && !text.contains("version") {
        return None;
    }
    version_check_within(source, condition)
}

fn version_check_within(source: &str, condition: Node<'_>) -> Option<bool> {
    let condition = ast::unparenthesize(condition);
    let text = |n: Node<'_>| &source[n.byte_range()];
    match NodeKind::of(condition) {
        NodeKind::NotOperator => {
            field(condition, Field::Argument).and_then(|arg| version_check_within(source, arg)).map(|py2| !py2)
        }
        NodeKind::BooleanOperator => {
            // `PY2 and x` holds only on Python 2 and `PY3 or x` on every Python 3; but
            // `PY3 and x` may be false on Python 3 and `PY2 or x` true.
            let operator = field(condition, Field::Operator).map(|op| op.kind());
            let left = field(condition, Field::Left).and_then(|l| version_check_within(source, l));
            let right = field(condition, Field::Right).and_then(|r| version_check_within(source, r));
            match operator {
                Some("and") if left == Some(true) || right == Some(true) => Some(true),
                Some("or") if left == Some(false) || right == Some(false) => Some(false),
                Some("and" | "or") if left.is_some() && left == right => left,
                _ => None,
            }
        }
        NodeKind::Identifier | NodeKind::Attribute => version_flag(text(condition)),
        NodeKind::ComparisonOperator => {
            let children = ast::children(condition);
            if children.len() != 3 {
                return None;
            }
            let (left, op, right) = (children[0], children[1].kind(), children[2]);
            let left_text: String = text(left).split_whitespace().collect();
            let right_text: String = text(right).split_whitespace().collect();
            compare_version(&left_text, op, &right_text)
                .or_else(|| compare_version(&right_text, flip(op)?, &left_text))
                .or_else(|| {
                    // `PY2 == True`, `PY3 is False`
                    let flag = version_flag(&left_text)?;
                    match (op, right_text.as_str()) {
                        ("==" | "is", "True") | ("!=" | "is not", "False") => Some(flag),
                        ("==" | "is", "False") | ("!=" | "is not", "True") => Some(!flag),
                        _ => None,
                    }
                })
        }
        NodeKind::Call => {
            // `sys.version.startswith('2')`
            let function: String = field(condition, Field::Function).map(|f| text(f).split_whitespace().collect())?;
            let argument = field(condition, Field::Arguments).and_then(|a| a.named_child(0))?;
            let argument = text(argument).trim_matches(['\'', '"']);
            (function == "sys.version.startswith").then(|| argument.starts_with('2'))
        }
        _ => None,
    }
}

/// The flags compatibility code names: `PY2`, `six.PY3`, `IS_PY3K`, ...
fn version_flag(name: &str) -> Option<bool> {
    let last = name.rsplit('.').next().unwrap_or(name).trim_start_matches('_').to_ascii_uppercase();
    let last = last.strip_prefix("IS_").unwrap_or(&last);
    let last = last.strip_prefix("USING_").unwrap_or(last);
    match last {
        "PY2" | "PY2K" | "PYTHON2" | "PY27" | "PY26" | "PY25" => Some(true),
        "PY3" | "PY3K" | "PYTHON3" => Some(false),
        _ => None,
    }
}

fn flip(op: &str) -> Option<&'static str> {
    Some(match op {
        "<" => ">",
        ">" => "<",
        "<=" => ">=",
        ">=" => "<=",
        "==" => "==",
        "!=" => "!=",
        _ => return None,
    })
}

/// `version <op> constant`, where `version` is `sys.version_info`, its first item or
/// `.major`, `sys.version`, or `sys.hexversion`.
fn compare_version(left: &str, op: &str, right: &str) -> Option<bool> {
    let major_expr = matches!(
        left,
        "sys.version_info[0]" | "sys.version_info.major" | "version_info[0]" | "version_info.major" | "sys.version[0]"
    );
    let tuple_expr = matches!(
        left,
        "sys.version_info" | "version_info" | "sys.version_info[:2]" | "sys.version_info[:1]" | "sys.version_info[0:2]"
    );
    let string_expr =
        matches!(left, "sys.version" | "platform.python_version()" | "sys.version[:3]" | "sys.version[:1]");
    // The first number in the constant: `3`, `(3,)`, `(3, 0)`, `'3'`, `'2.7'`, `0x03000000`.
    let constant = right.trim_matches(['(', ')', '[', ']', '\'', '"', ',']);
    let major: f64 = if left == "sys.hexversion" {
        let value = i64::from_str_radix(constant.trim_start_matches("0x"), 16).ok()?;
        (value >> 24) as f64 + ((value >> 16) & 0xff) as f64 / 100.0
    } else if major_expr || tuple_expr || string_expr {
        let mut parts = constant.split([',', '.']).map(str::trim);
        let major: f64 = parts.next()?.parse().ok()?;
        let minor: f64 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0.0);
        // `sys.version_info` has five items, so it is greater than any shorter tuple it
        // starts with: `(3, 0, 1, 'final', 0) > (3,)`.
        let longer = matches!(left, "sys.version_info" | "version_info");
        if major_expr { major } else { major + minor / 100.0 - if longer { 0.001 } else { 0.0 } }
    } else {
        return None;
    };
    let version_is_major_only = major_expr;
    // The truth of `version op constant` for Python 2.7 and for Python 3.x.
    let holds = |version: f64| match op {
        "<" => version < major,
        "<=" => version <= major,
        ">" => version > major,
        ">=" => version >= major,
        "==" => (version - major).abs() < 1e-9,
        "!=" => (version - major).abs() >= 1e-9,
        _ => false,
    };
    let (py3_low, py3_high) = if version_is_major_only { (3.0, 3.0) } else { (3.0, 3.99) };
    let on_py3 = holds(py3_low) && holds(py3_high);
    let never_py3 = !holds(py3_low) && !holds(py3_high);
    // What Python 2 makes of it does not matter: `sys.version_info < (2, 6)` is as dead
    // on Python 3 as `sys.version_info < (3,)`.
    match (on_py3, never_py3) {
        (false, true) => Some(true),
        (true, false) => Some(false),
        _ => None,
    }
}

/// The exceptions an `except` clause catches, as written (`ImportError`, `NameError`).
pub(crate) fn caught_names(source: &str, clause: Node<'_>) -> Vec<String> {
    let Some(value) = field_children(clause, Field::Value).into_iter().next().or_else(|| {
        ast::named_children(clause)
            .into_iter()
            .find(|c| !matches!(NodeKind::of(*c), NodeKind::Block | NodeKind::Comment))
    }) else {
        return vec![String::new()];
    };
    let value = match NodeKind::of(value) {
        NodeKind::AsPattern => value.named_child(0).unwrap_or(value),
        _ => value,
    };
    let mut names = Vec::new();
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        match NodeKind::of(node) {
            NodeKind::Tuple | NodeKind::ParenthesizedExpression => stack.extend(ast::named_children(node)),
            _ => names.push(source[node.byte_range()].rsplit('.').next().unwrap_or_default().to_owned()),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn check(condition: &str) -> Option<bool> {
        let source = format!("if {condition}:\n    pass\n");
        let parsed = parse(&source);
        let statement = parsed.tree.root_node().named_child(0).unwrap();
        let condition = field(statement, Field::Condition).unwrap();
        version_check(&source, condition)
    }

    #[test]
    fn version_checks() {
        for py2 in [
            "six.PY2",
            "PY2",
            "not PY3",
            "sys.version_info[0] == 2",
            "sys.version_info < (3,)",
            "sys.version_info < (3, 0)",
            "sys.version_info.major < 3",
            "sys.version_info[0] < 3",
            "sys.version < '3'",
            "sys.hexversion < 0x03000000",
            "sys.version.startswith('2')",
            "PY2 and x",
            "(3,) > sys.version_info",
            "IS_PY3K == False",
        ] {
            assert_eq!(check(py2), Some(true), "{py2}");
        }
        for py3 in [
            "six.PY3",
            "PY3",
            "sys.version_info >= (3,)",
            "sys.version_info[0] >= 3",
            "sys.version_info > (3,)",
            "not PY2",
            "sys.version_info.major == 3",
            "PY3 or x",
            "x or not PY2",
        ] {
            assert_eq!(check(py3), Some(false), "{py3}");
        }
        // Dead on Python 3 whatever Python 2 makes of them.
        assert_eq!(check("sys.version_info < (2, 7)"), Some(true));
        assert_eq!(check("sys.version_info >= (2, 6)"), Some(false));
        for neither in ["x", "sys.version_info >= (3, 5)", "sys.version_info < (3, 8)", "PY3 and x", "PY2 or x"] {
            assert_eq!(check(neither), None, "{neither}");
        }
    }

    /// The names read from simple parameters' text are the names their nodes give; the
    /// others are left to the nodes.
    #[test]
    fn simple_parameter_names_match_the_nodes() {
        let simple = [
            "def f(): pass",
            "def f(self): pass",
            "def f(self, a, b): pass",
            "def f(a, b=1, *args, **kw): pass",
            "def f(a, b=-1.5, c=x.y, d=None,): pass",
            "def f(a, *, b=2): pass",
            "def f(a, /, b): pass",
            "def f(\n    a,\n    b=0,\n): pass",
            "def f(print, exec=1): pass",
            "g = lambda: 0",
            "g = lambda x, y=2, *z, **w: 0",
        ];
        let complex = [
            "def f(a, (b, c)): pass",
            "def f(a: int, b: str = 'x'): pass",
            "def f(a, b=[1, 2]): pass",
            "def f(a, b='s'): pass",
            "def f(a,  # first\n      b): pass",
            "def f(a, b=g(1)): pass",
            "def f(caf\u{e9}): pass",
        ];
        for (source, is_simple) in simple.iter().map(|s| (s, true)).chain(complex.iter().map(|s| (s, false))) {
            let parsed = crate::parse::parse(source);
            let mut parameters = None;
            ast::walk_named(parsed.tree.root_node(), |node| {
                if matches!(NodeKind::of(node), NodeKind::FunctionDefinition | NodeKind::Lambda) {
                    parameters = field(node, Field::Parameters);
                }
                true
            });
            let Some(parameters) = parameters else {
                assert!(source.contains("lambda: 0"), "{source}: no parameters");
                continue;
            };
            let mut nodes = Vec::new();
            parameter_names(parameters, &mut nodes);
            let expected: Vec<&str> = nodes.iter().map(|n| &source[n.byte_range()]).collect();
            match simple_parameter_names(source, parameters) {
                Some(names) => {
                    assert!(is_simple, "{source}: read from the text");
                    assert_eq!(names, expected, "{source}");
                }
                None => assert!(!is_simple, "{source}: not read from the text"),
            }
        }
    }
}
