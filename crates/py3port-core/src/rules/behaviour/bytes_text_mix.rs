//! PY3430: `bytes` and text mixed where Python 3 keeps them apart.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::infer::{Ty, dotted, infer, infer_shallow};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `bytes` concatenated with, compared with, formatted into or searched for text: an error or a silent change on Python 3.
    ///
    /// ## What it does
    /// Checks expressions whose operands are known to be `bytes` on one side and text
    /// on the other (Python 2's `str` was both): a string literal, `str()`, `'%s' %
    /// x` and `.decode()` are text; a `b''` literal, `.encode()`, `struct.pack()`,
    /// `zlib.compress()`, `base64.b64encode()`, `subprocess.check_output()` and
    /// `.digest()` are bytes. It reports `+`, `==` and `!=`, `in`, `%` formatting and
    /// `str()` of bytes, text arguments to `bytes` methods (`output.split("\n")`), and
    /// `bytes` written to `sys.stdout`. Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// `data.encode("utf-8") + "\n"` raises `TypeError: can't concat str to bytes`;
    /// `b"OK" == "OK"` is silently `False`; `"id=%s" % key.encode("ascii")` and
    /// `str(raw)` produce `"id=b'42'"`; `check_output(cmd).split("\n")` raises
    /// `TypeError`.
    ///
    /// ## Example
    /// ```python
    /// line = name.encode("utf-8") + "\n"
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// line = name.encode("utf-8") + b"\n"
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: whether the code should work in bytes or in text is the
    /// decision the port has to make, usually at the boundary where data comes in.
    fix: Never,
    kinds: [BinaryOperator, ComparisonOperator, Call],
    names: [
        "str", "write", "split", "rsplit", "startswith", "endswith", "replace", "find", "rfind", "index", "rindex",
        "count", "strip", "lstrip", "rstrip", "partition", "rpartition", "join",
    ],
    check: Some(check),
    lib2to3: [],
    catalogue: [96, 101],
}

/// The types of two operands, when at least one shows as `bytes` or text without
/// following names (a cheap first look that skips most operators).
fn both(cx: &Checker<'_>, left: Node<'_>, right: Node<'_>) -> Option<(Ty, Ty)> {
    let stringy = |ty: Ty| matches!(ty, Ty::Bytes | Ty::Text);
    let (l, r) = (infer_shallow(cx, left), infer_shallow(cx, right));
    match (stringy(l), stringy(r)) {
        (false, false) => None,
        (true, true) => Some((l, r)),
        (true, false) => Some((l, infer(cx, right))),
        (false, true) => Some((infer(cx, left), r)),
    }
}

fn mixed(a: Ty, b: Ty) -> bool {
    matches!((a, b), (Ty::Bytes, Ty::Text) | (Ty::Text, Ty::Bytes))
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // Every finding needs something that infers as `bytes`.
    if !cx.may_hold_bytes(node) {
        return;
    }
    let message = match NodeKind::of(node) {
        NodeKind::BinaryOperator => binary(cx, node),
        NodeKind::ComparisonOperator => comparison(cx, node),
        _ => call(cx, node),
    };
    let Some(message) = message else { return };
    let diagnostic = Diagnostic::new(Rule::BytesTextMix, ast::range(node), message);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}

fn binary(cx: &Checker<'_>, node: Node<'_>) -> Option<String> {
    let operator = field(node, Field::Operator)?.kind();
    let (left, right) = (field(node, Field::Left)?, field(node, Field::Right)?);
    match operator {
        "+" => {
            let (l, r) = both(cx, left, right)?;
            mixed(l, r).then(|| "Python 3 cannot concatenate `bytes` and text: this raises `TypeError`".to_owned())
        }
        "%" if matches!(NodeKind::of(left), NodeKind::String | NodeKind::ConcatenatedString)
            && infer(cx, left) == Ty::Text =>
        {
            // `"%s" % b` or `"%s %s" % (a, b)`.
            let values = if NodeKind::of(right) == NodeKind::Tuple { ast::named_children(right) } else { vec![right] };
            // `%` formatting is everywhere in Python 2 code: only values that show as
            // bytes where they are (`x.encode()`, `struct.pack()`), not through names.
            values
                .iter()
                .any(|v| infer_shallow(cx, *v) == Ty::Bytes)
                .then(|| "Formatting `bytes` into text gives `b'...'` on Python 3; decode it first".to_owned())
        }
        _ => None,
    }
}

fn comparison(cx: &Checker<'_>, node: Node<'_>) -> Option<String> {
    let children = ast::children(node);
    for window in children.windows(3) {
        let [left, operator, right] = window else { continue };
        if !matches!(operator.kind(), "==" | "!=" | "in" | "not in") {
            continue;
        }
        let Some((l, r)) = both(cx, *left, *right) else { continue };
        if !mixed(l, r) {
            continue;
        }
        match operator.kind() {
            "==" | "!=" => {
                return Some("`bytes` never equal text on Python 3: this comparison is always the same".to_owned());
            }
            "in" | "not in" => {
                return Some(
                    "Python 3 cannot look for text in `bytes` (or the reverse): this raises `TypeError`".to_owned(),
                );
            }
            _ => {}
        }
    }
    None
}

/// Methods of `bytes` that take `bytes` arguments.
const BYTES_METHODS: &[&str] = &[
    "split",
    "rsplit",
    "startswith",
    "endswith",
    "replace",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "strip",
    "lstrip",
    "rstrip",
    "partition",
    "rpartition",
    "join",
];

fn call(cx: &Checker<'_>, node: Node<'_>) -> Option<String> {
    let function = field(node, Field::Function)?;
    // `str(data)` of bytes.
    if NodeKind::of(function) == NodeKind::Identifier && cx.text(function) == "str" && !cx.rebinds("str") {
        let args = call_args(node)?;
        if args.positional.len() == 1 && args.keywords.is_empty() && infer(cx, args.positional[0]) == Ty::Bytes {
            return Some("`str()` of `bytes` gives `\"b'...'\"` on Python 3; decode it instead".to_owned());
        }
        return None;
    }
    // `sys.stdout.write(data.encode(...))`
    if let Some(name) = dotted(cx, function)
        && matches!(name.as_str(), "sys.stdout.write" | "sys.stderr.write")
    {
        let args = call_args(node)?;
        if args.positional.first().is_some_and(|a| infer(cx, *a) == Ty::Bytes) {
            return Some(format!("`{name}()` takes text on Python 3; write `bytes` to `sys.stdout.buffer`"));
        }
        return None;
    }
    // `output.split("\n")` where `output` is bytes.
    let (object, method) = method_call(node)?;
    let method = cx.text(method);
    if !BYTES_METHODS.contains(&method) || infer(cx, object) != Ty::Bytes {
        return None;
    }
    let args = call_args(node)?;
    let text_argument = args.positional.iter().any(|a| {
        let ty = infer(cx, *a);
        ty == Ty::Text || (method == "join" && NodeKind::of(*a) == NodeKind::List && list_of_text(cx, *a))
    });
    text_argument.then(|| format!("`bytes.{method}()` with a text argument raises `TypeError` on Python 3"))
}

fn list_of_text(cx: &Checker<'_>, list: Node<'_>) -> bool {
    let items = ast::named_children(list);
    !items.is_empty() && items.iter().all(|item| infer(cx, *item) == Ty::Text)
}
