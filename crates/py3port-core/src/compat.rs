//! Fixes for `target = "py2-py3"`, code that keeps running on Python 2.7: which of the
//! Python 3 fixes run on Python 2.7 as they are, which need a `from __future__` import,
//! and which rules write a fix of their own for the `compat-library` in use.
//!
//! A rule missing from [`for_rule`] and not setting [`Candidate::compat`] gets no fix in
//! `py2-py3` mode: a fix is offered only where it is known to keep Python 2 working.
//!
//! [`Candidate::compat`]: crate::checker::Candidate

use crate::checker::ImportRequest;
use crate::diagnostic::Fix;
use crate::registry::Rule;
use crate::settings::CompatLibrary;

/// How a diagnostic's fix behaves in `py2-py3` mode.
#[derive(Clone, Debug)]
pub(crate) enum Compat {
    /// The Python 3 fix runs on Python 2.7 as it is (`<>` to `!=`, `except E, e` to
    /// `except E as e`, `d.has_key(k)` to `k in d`).
    Same,
    /// It does with `from __future__ import <feature>`, added with the fix; all the fixes
    /// that need the import are applied together or not at all.
    Future(&'static str),
    /// The rule's own fix for 2-and-3 code, with the imports it needs; `None`: there is
    /// no such form in this mode.
    Fix(Option<Fix>, Vec<ImportRequest>),
}

/// The default for each rule's fixes in `py2-py3` mode; `None` where the rule decides
/// case by case (it sets `Candidate::compat`) or has no 2-and-3 fix.
pub(crate) fn for_rule(rule: Rule) -> Option<Compat> {
    use Rule::*;
    Some(match rule {
        // Syntax: the replacements are valid Python 2.6+ with the same meaning. (`raise E,
        // V, T` sets its own: `.with_traceback()` is Python 3 only.)
        ExecStatement
        | BackquoteRepr
        | DiamondNotEqual
        | OldOctalLiteral
        | LongSuffix
        | RawUnicodeLiteral
        | ExceptComma
        | RaiseComma
        | TupleParameter
        | ComprehensionBareTuple
        | InconsistentTabs
        | KeywordAsIdentifier
        | UnicodeEscapeInStr
        | NonAsciiBytesLiteral => Compat::Same,
        // Removed builtins and methods whose replacement exists in Python 2.6+.
        ApplyBuiltin
        | ExecfileBuiltin
        | ReduceBuiltin
        | FileBuiltin
        | CmpBuiltin
        | DictHasKey
        | NextMethodCall
        | XreadlinesMethod
        | FunctionAttribute
        | MethodAttribute
        | GeneratorThrowArgs
        | StandardError
        | SortCmpArgument
        | ExceptionMessageAttribute => Compat::Same,
        // The standard library's replacements that Python 2.7 has too.
        SysMaxint
        | SysExcAttribute
        | SysExcClear
        | SysExitfunc
        | StringModuleFunction
        | EmailLegacyModule
        | OpenUniversalNewlines => Compat::Same,
        // Behaviour fixes that are plain Python on both versions.
        // (Not 2to3's broad `list()` wrapping, PY3402 and PY3404: Python 3 style only.)
        DictViewAsList
        | RangeAsList
        | MapReturnsIterator
        | FilterReturnsIterator
        | ZipReturnsIterator
        | ImplicitRelativeImport
        | ClassicDivision
        | DivMethod
        | ExceptionIndexing
        | ClassicClassSemantics
        | TextToBytesApi
        | BytesConstructor
        | NonTextCodec
        | BinaryOpenMode
        | LongReprSuffix
        | OctOutput => Compat::Same,
        // Cosmetic leftovers that Python 2.7 accepts.
        RedundantIsinstanceType
        | SetLiteral
        | TypeComparison
        | WhileOne
        | SortedIdiom
        | WhitespaceBeforeComma
        | DictComprehension
        | PrintExtraParentheses
        | FormatIndexes => Compat::Same,
        _ => return None,
    })
}

/// The future feature a print-statement fix needs on Python 2: none for `print x`, which
/// becomes `print(x)`, the same on Python 2 without the import; `print_function` for
/// the other forms.
pub(crate) const PRINT_FUNCTION: &str = "print_function";

/// What a removed builtin becomes in 2-and-3 code with `library`: the replacement text
/// and the import it needs; `Some(None)` keeps the Python 3 fix (it runs on Python 2 with
/// the same meaning); `None`: no 2-and-3 form without a library.
pub(crate) fn builtin_replacement(
    name: &str,
    library: CompatLibrary,
    called: bool,
) -> Option<Option<(&'static str, ImportRequest)>> {
    let import = |module: &'static str, name: Option<&'static str>| ImportRequest { module, name, after: None };
    use CompatLibrary as L;
    Some(Some(match (name, library) {
        // `long(x)` is `int(x)` on both: Python 2's `int()` returns a long when needed.
        ("long", _) if called => return Some(None),
        // `range()` and `open()` exist on Python 2 (a list, a file: same results).
        ("xrange", L::None) | ("file", _) => return Some(None),
        // `Exception` is Python 2's base class of `StandardError`: the Python 3 fix (and
        // its applicability, unsafe in `except`) holds on both.
        ("StandardError", _) => return Some(None),
        ("unicode", L::Six) => ("six.text_type", import("six", None)),
        ("basestring", L::Six) => ("six.string_types", import("six", None)),
        ("unichr", L::Six) => ("six.unichr", import("six", None)),
        ("long", L::Six) => ("six.integer_types", import("six", None)),
        ("raw_input", L::Six) => ("input", import("six.moves", Some("input"))),
        ("xrange", L::Six) => ("range", import("six.moves", Some("range"))),
        ("intern", L::Six) => ("intern", import("six.moves", Some("intern"))),
        ("reload", L::Six) => ("reload_module", import("six.moves", Some("reload_module"))),
        ("unicode", L::Future) => ("str", import("builtins", Some("str"))),
        ("basestring", L::Future) => ("basestring", import("past.builtins", Some("basestring"))),
        ("unichr", L::Future) => ("chr", import("builtins", Some("chr"))),
        ("long", L::Future) => ("int", import("builtins", Some("int"))),
        ("raw_input", L::Future) => ("input", import("builtins", Some("input"))),
        ("xrange", L::Future) => ("range", import("builtins", Some("range"))),
        ("intern", L::Future) => ("intern", import("past.builtins", Some("intern"))),
        ("reload", L::Future) => ("reload", import("past.builtins", Some("reload"))),
        _ => return None,
    }))
}

/// `d.iteritems()` and `d.viewkeys()` in 2-and-3 code: `six.iteritems(d)`, or
/// `iteritems(d)` from `future.utils`; without a library, `d.items()` (a list on Python
/// 2, the same items) for the `iter` methods and no fix for the `view` ones.
pub(crate) fn dict_method(
    source: &str,
    call: tree_sitter::Node<'_>,
    object: tree_sitter::Node<'_>,
    old: &str,
    library: CompatLibrary,
) -> Compat {
    let Some(function) =
        ["iteritems", "iterkeys", "itervalues", "viewitems", "viewkeys", "viewvalues"].into_iter().find(|f| *f == old)
    else {
        return Compat::Fix(None, Vec::new());
    };
    let receiver = &source[object.byte_range()];
    let range = crate::text::TextRange::from_usize(call.byte_range());
    let (text, import) = match library {
        CompatLibrary::Six => {
            (format!("six.{function}({receiver})"), ImportRequest { module: "six", name: None, after: None })
        }
        CompatLibrary::Future => (
            format!("{function}({receiver})"),
            ImportRequest { module: "future.utils", name: Some(function), after: None },
        ),
        CompatLibrary::None if function.starts_with("iter") => return Compat::Same,
        CompatLibrary::None => return Compat::Fix(None, Vec::new()),
    };
    Compat::Fix(
        Fix::safe(format!("Replace with `{text}`"), vec![crate::diagnostic::Edit::replace(range, text.clone())]),
        vec![import],
    )
}

/// The library-free 2-and-3 form of an import that Python 3 renamed:
///
/// ```text
/// try:
///     import Queue
/// except ImportError:
///     import queue as Queue
/// ```
///
/// The Python 2 module is tried first: no Python 2 name exists on Python 3, while some
/// Python 3 names exist on Python 2 with another meaning (`io.StringIO` takes only
/// text, Python 2's `dbm` is `ndbm`). `new` is the Python 3 statement, binding the same
/// local names as the original, so the rest of the module is unchanged. `None` unless
/// the statement is alone on its line.
pub(crate) fn import_shim(
    cx: &crate::checker::Checker<'_>,
    statement: tree_sitter::Node<'_>,
    new: &str,
) -> Option<Fix> {
    import_shim_with(cx, statement, cx.text(statement), new, None)
}

/// [`import_shim`] for one module of a statement that imports several: `import sys,
/// urlparse` becomes `import sys` (`rest`) followed by the shim of `old` (`import
/// urlparse`).
pub(crate) fn import_shim_with(
    cx: &crate::checker::Checker<'_>,
    statement: tree_sitter::Node<'_>,
    old: &str,
    new: &str,
    rest: Option<&str>,
) -> Option<Fix> {
    if !crate::ast::starts_line(cx.source, statement) {
        return None;
    }
    let end = statement.end_byte();
    let line_end = cx.source[end..].find(['\n', '\r']).map_or(cx.source.len(), |i| end + i);
    let after = cx.source[end..line_end].trim_start();
    if !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    let indent = cx.indentation_at(statement.start_byte() as u32);
    let newline = cx.newline();
    let shim = format!("try:{newline}{indent}    {old}{newline}{indent}except ImportError:{newline}{indent}    {new}");
    let text = match rest {
        Some(rest) => format!("{rest}{newline}{indent}{shim}"),
        None => shim,
    };
    Fix::safe(
        "Import the Python 3 module, falling back to Python 2's",
        vec![crate::diagnostic::Edit::replace(crate::text::TextRange::from_usize(statement.byte_range()), text)],
    )
}
