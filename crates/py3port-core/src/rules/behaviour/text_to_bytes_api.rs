//! PY3431: text passed to APIs that take `bytes` on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::infer::{Ty, dotted, infer};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Text passed to `hashlib`, `hmac`, `base64`, `zlib`, `binascii`, `struct.unpack` or a socket's `send`: they take `bytes` on Python 3.
    ///
    /// ## What it does
    /// Checks calls of functions that take `bytes` on Python 3 (`hashlib.md5()` and the
    /// other constructors, `hmac.new()`, `base64.b64encode()`, `zlib.compress()`,
    /// `binascii.hexlify()`, `struct.unpack()`'s buffer, a socket's `send()`,
    /// `sendall()` and `sendto()`) where the argument is known to be text: a string
    /// literal, `str()`, `%` formatting, `.format()`, `.join()` of a literal. Files
    /// that are already Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 2's `str` was bytes, so `hashlib.md5("key")` worked; Python 3 raises
    /// `TypeError: Strings must be encoded before hashing`.
    ///
    /// ## Example
    /// ```python
    /// import hashlib
    ///
    /// digest = hashlib.sha1("salt" + password).hexdigest()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import hashlib
    ///
    /// digest = hashlib.sha1(("salt" + password).encode("utf-8")).hexdigest()
    /// ```
    ///
    /// ## Fix safety
    /// An ASCII string literal becomes a `b''` literal, the same value on Python 2;
    /// that is safe. Other text gets `.encode("utf-8")`, which is unsafe: on Python 2 it
    /// fails for a `str` holding non-ASCII bytes, and the right encoding is the code's
    /// decision.
    fix: Always,
    kinds: [Call],
    names: [
        "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "new", "sha", "b64encode", "urlsafe_b64encode",
        "b32encode", "b16encode", "encodestring", "encodebytes", "compress", "crc32", "adler32", "hexlify", "b2a_hex",
        "unpack", "unpack_from", "send", "sendall", "sendto",
    ],
    check: Some(check),
    lib2to3: [],
    catalogue: [98],
}

/// Functions and the index of their `bytes` argument.
const BYTES_FUNCTIONS: &[(&str, usize)] = &[
    ("hashlib.md5", 0),
    ("hashlib.sha1", 0),
    ("hashlib.sha224", 0),
    ("hashlib.sha256", 0),
    ("hashlib.sha384", 0),
    ("hashlib.sha512", 0),
    ("hashlib.new", 1),
    ("hmac.new", 0),
    ("md5.new", 0),
    ("md5.md5", 0),
    ("sha.new", 0),
    ("sha.sha", 0),
    ("base64.b64encode", 0),
    ("base64.urlsafe_b64encode", 0),
    ("base64.b32encode", 0),
    ("base64.b16encode", 0),
    ("base64.encodestring", 0),
    ("base64.encodebytes", 0),
    ("zlib.compress", 0),
    ("zlib.crc32", 0),
    ("zlib.adler32", 0),
    ("bz2.compress", 0),
    ("binascii.hexlify", 0),
    ("binascii.b2a_hex", 0),
    ("binascii.crc32", 0),
    ("struct.unpack", 1),
    ("struct.unpack_from", 1),
];

const SOCKET_METHODS: &[&str] = &["send", "sendall", "sendto"];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(args) = call_args(node) else { return };
    let (argument, what) = match dotted(cx, function) {
        Some(name) => match BYTES_FUNCTIONS.iter().find(|(n, _)| *n == name) {
            Some(&(_, index)) => (args.positional.get(index).copied(), format!("`{name}()`")),
            None => {
                let Some(method) = socket_method(cx, function) else { return };
                (args.positional.first().copied(), format!("`socket.{method}()`"))
            }
        },
        None => return,
    };
    let Some(argument) = argument else { return };
    if infer(cx, argument) != Ty::Text {
        return;
    }
    let fix = match cx.string_parts(argument) {
        Some(parts) if parts.prefix.is_empty() && cx.slice(parts.content).is_ascii() => {
            Fix::safe("Use a `b''` literal", vec![Edit::insert(argument.start_byte() as u32, "b")])
        }
        Some(parts) if parts.prefix.eq_ignore_ascii_case("u") && cx.slice(parts.content).is_ascii() => {
            Fix::safe("Use a `b''` literal", vec![Edit::replace(parts.prefix_range, "b")])
        }
        _ => {
            let text = cx.text(argument);
            let wrapped =
                if crate::rules::helpers::needs_parentheses(argument) { format!("({text})") } else { text.to_owned() };
            Fix::unsafe_edits(
                "Encode the text: `.encode(\"utf-8\")`",
                vec![Edit::replace(ast::range(argument), format!("{wrapped}.encode(\"utf-8\")"))],
            )
        }
    };
    let diagnostic = Diagnostic::new(
        Rule::TextToBytesApi,
        ast::range(argument),
        format!("{what} takes `bytes` on Python 3; this text raises `TypeError`"),
    )
    .with_fix(cx.fix_if_clean(argument, fix));
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    if let Some(module) = dotted(cx, function).and_then(|n| n.split_once('.').map(|(m, _)| m.to_owned()))
        && BYTES_FUNCTIONS.iter().any(|(n, _)| n.starts_with(&format!("{module}.")))
    {
        candidate.requires_import = Some((module.clone(), module));
    }
    cx.push(candidate);
}

/// `sock.send`, `self.socket.sendall`, `conn.sendto`: a `send` method on something
/// named like a socket or connection.
fn socket_method<'s>(cx: &Checker<'s>, function: Node<'_>) -> Option<&'s str> {
    if NodeKind::of(function) != NodeKind::Attribute {
        return None;
    }
    let method = cx.text(field(function, Field::Attribute)?);
    if !SOCKET_METHODS.contains(&method) {
        return None;
    }
    let object = field(function, Field::Object)?;
    let receiver = match NodeKind::of(object) {
        NodeKind::Identifier => cx.text(object),
        NodeKind::Attribute => cx.text(field(object, Field::Attribute)?),
        _ => return None,
    }
    .to_ascii_lowercase();
    ["sock", "socket", "conn", "connection", "client", "server", "transport", "channel"]
        .iter()
        .any(|hint| {
            receiver == *hint || receiver.ends_with(&format!("_{hint}")) || receiver.starts_with(&format!("{hint}_"))
        })
        .then_some(method)
}
