//! PY3432: indexing `bytes` as if the items were one-character strings.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::infer::{Ty, infer};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `ord(data[i])` or `data[i] == "x"` on `bytes`, whose items are integers on Python 3.
    ///
    /// ## What it does
    /// Checks `ord()` of an item of a value known to be `bytes` (a `b''` literal,
    /// `.encode()`, `struct.pack()`, `zlib.compress()`, `os.urandom()`, a socket's
    /// `recv()`, `.digest()`, ...), and comparisons of such an item with a one-character
    /// string. Files that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Indexing Python 3 `bytes` gives an `int`: `ord(data[0])` raises `TypeError:
    /// ord() expected string of length 1, but int found`, and `data[0] == "\x00"` is
    /// always `False`.
    ///
    /// ## Example
    /// ```python
    /// def bucket(payload):
    ///     digest = hashlib.md5(payload).digest()
    ///     return ord(digest[0]) % 16
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def bucket(payload):
    ///     digest = hashlib.md5(payload).digest()
    ///     return digest[0] % 16
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: `data[0]` alone is right on Python 3 but wrong on Python 2;
    /// code that runs on both uses `bytearray(data)[0]` or `six.indexbytes`.
    fix: Never,
    kinds: [Call, ComparisonOperator],
    names: ["ord"],
    check: Some(check),
    lib2to3: [],
    catalogue: [97],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // Every finding needs something that infers as `bytes`.
    if !cx.may_hold_bytes(node) {
        return;
    }
    if NodeKind::of(node) == NodeKind::Call {
        if ast::call_name(cx.source, node) != Some("ord") || cx.rebinds("ord") {
            return;
        }
        let Some(args) = call_args(node) else { return };
        let [item] = args.positional.as_slice() else { return };
        if !is_bytes_item(cx, *item) {
            return;
        }
        let diagnostic = Diagnostic::new(
            Rule::BytesIndexing,
            ast::range(node),
            "An item of `bytes` is already an `int` on Python 3: `ord()` of it raises `TypeError`",
        );
        cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
        return;
    }
    let children = ast::children(node);
    for window in children.windows(3) {
        let [left, operator, right] = window else { continue };
        if !matches!(operator.kind(), "==" | "!=") {
            continue;
        }
        // `"a"`, `"\n"`, `"\x00"`: one character.
        let one_char = |n: Node<'_>| {
            cx.string_parts(n).is_some_and(|p| {
                let content = cx.slice(p.content);
                let escaped = content.starts_with('\\')
                    && (content.len() == 2 || (content.starts_with("\\x") && content.len() == 4));
                !p.is_bytes() && (content.chars().count() == 1 || escaped)
            })
        };
        if (is_bytes_item(cx, *left) && one_char(*right)) || (is_bytes_item(cx, *right) && one_char(*left)) {
            let diagnostic = Diagnostic::new(
                Rule::BytesIndexing,
                ast::range(node),
                "An item of `bytes` is an `int` on Python 3: comparing it with a string is always unequal",
            );
            cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
            return;
        }
    }
}

/// `data[i]` (not a slice) where `data` is known to be `bytes`.
fn is_bytes_item(cx: &Checker<'_>, node: Node<'_>) -> bool {
    if NodeKind::of(node) != NodeKind::Subscript {
        return false;
    }
    let index = field(node, Field::Subscript);
    if index.is_none_or(|i| NodeKind::of(i) == NodeKind::Slice) {
        return false;
    }
    field(node, Field::Value).is_some_and(|value| infer(cx, value) == Ty::Bytes)
}
