//! PY3314: `string` module functions and constants removed in Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::{call_args, maybe_parenthesized, needs_parentheses};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Functions and constants of the `string` module that Python 3 removed (`string.join`, `string.upper`, `string.atoi`, `string.letters`, ...).
    ///
    /// ## What it does
    /// Checks `string.<name>` for the 35 functions Python 2 kept as module-level copies of
    /// `str` methods, `atoi`/`atof`/`atol`, `maketrans`, and the locale-dependent
    /// constants `letters`, `lowercase` and `uppercase`, where `string` is the `string`
    /// module (a parameter called `string` is not).
    ///
    /// ## Why is this bad?
    /// They raise `AttributeError` on Python 3.
    ///
    /// ## Example
    /// ```python
    /// line = string.join(words, ", ")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// line = ", ".join(words)
    /// ```
    ///
    /// ## Fix safety
    /// Calls of a function that was a `str` method become the method call
    /// (`string.upper(s)` becomes `s.upper()`, `string.join(words, sep)` becomes
    /// `sep.join(words)`), and `atoi`/`atof`/`atol` become `int`/`float`/`int`; these are
    /// safe when the arguments are plain (a receiver that is an expression gets
    /// parentheses). `letters`, `lowercase` and `uppercase` become their `ascii_` forms,
    /// which is unsafe: the old constants followed the locale. `maketrans` and
    /// `translate` changed signature and have no fix.
    fix: Sometimes,
    kinds: [Attribute],
    names_from: NAMES,
    check: Some(check),
    lib2to3: [],
    catalogue: [93],
}

/// Functions that were `str` methods: the method takes the other arguments.
const METHODS: &[&str] = &[
    "capitalize",
    "center",
    "count",
    "expandtabs",
    "find",
    "index",
    "ljust",
    "lower",
    "lstrip",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rsplit",
    "rstrip",
    "split",
    "strip",
    "swapcase",
    "upper",
    "zfill",
];

const NAMES: &[&str] = &[
    "capitalize",
    "center",
    "count",
    "expandtabs",
    "find",
    "index",
    "ljust",
    "lower",
    "lstrip",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rsplit",
    "rstrip",
    "split",
    "strip",
    "swapcase",
    "upper",
    "zfill",
    "join",
    "joinfields",
    "splitfields",
    "atoi",
    "atof",
    "atol",
    "maketrans",
    "translate",
    "letters",
    "lowercase",
    "uppercase",
    "atoi_error",
    "atof_error",
    "atol_error",
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "string" {
        return;
    }
    let old = cx.text(name);
    let call =
        cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node));
    let args = call.and_then(|c| call_args(c)).filter(|a| a.keywords.is_empty() && !a.splat && !a.generator);
    let fix = match old {
        "letters" | "lowercase" | "uppercase" => Fix::unsafe_edits(
            format!("Use `string.ascii_{old}`"),
            vec![Edit::replace(ast::range(name), format!("ascii_{old}"))],
        ),
        _ => match (call, args) {
            (Some(call), Some(args)) => rewrite(cx, old, call, &args.positional),
            _ => None,
        },
    };
    let message = match old {
        "letters" | "lowercase" | "uppercase" => format!(
            "`string.{old}` does not exist on Python 3; `string.ascii_{old}` is the locale-independent constant"
        ),
        _ => format!("`string.{old}` does not exist on Python 3"),
    };
    let diagnostic = Diagnostic::new(Rule::StringModuleFunction, ast::range(node), message).with_fix(fix);
    cx.push_module_attribute(Candidate::new(diagnostic, DialectGate::Any), cx.text(object), "string");
}

fn rewrite(cx: &Checker<'_>, old: &str, call: Node<'_>, args: &[Node<'_>]) -> Option<Fix> {
    let text = |n: Node<'_>| cx.text(n);
    let receiver = |n: Node<'_>| maybe_parenthesized(text(n), needs_parentheses(n));
    let replacement = match old {
        "atoi" | "atol" if (1..=2).contains(&args.len()) => {
            format!("int({})", args.iter().map(|a| text(*a)).collect::<Vec<_>>().join(", "))
        }
        "atof" if args.len() == 1 => format!("float({})", text(args[0])),
        "join" | "joinfields" if (1..=2).contains(&args.len()) => {
            let separator = args.get(1).map_or_else(|| "' '".to_owned(), |s| receiver(*s));
            format!("{separator}.join({})", text(args[0]))
        }
        "splitfields" if !args.is_empty() => format!(
            "{}.split({})",
            receiver(args[0]),
            args[1..].iter().map(|a| text(*a)).collect::<Vec<_>>().join(", ")
        ),
        _ if METHODS.contains(&old) && !args.is_empty() => {
            format!(
                "{}.{old}({})",
                receiver(args[0]),
                args[1..].iter().map(|a| text(*a)).collect::<Vec<_>>().join(", ")
            )
        }
        _ => return None,
    };
    Fix::new("Call the `str` method", vec![Edit::replace(ast::range(call), replacement)], Applicability::Safe)
}
