//! PY3434: `.encode()` and `.decode()` with codecs that are not text encodings.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `s.encode("hex")`, `data.decode("base64")` and other bytes-to-bytes codecs, which Python 3's `str` and `bytes` methods refuse.
    ///
    /// ## What it does
    /// Checks `.encode()` and `.decode()` calls whose codec is a literal naming one of
    /// Python 2's non-text codecs: `hex`, `base64`, `zlib`, `bz2`, `uu`, `quopri`,
    /// `rot13` (and their `_codec` spellings), `string_escape`. Files that are already
    /// Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3's `str.encode` and `bytes.decode` only accept text encodings:
    /// `digest.encode("hex")` raises `LookupError: 'hex' is not a text encoding; use
    /// codecs.encode() to handle arbitrary codecs`.
    ///
    /// ## Example
    /// ```python
    /// token = os.urandom(16).encode("hex")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import codecs
    ///
    /// token = codecs.encode(os.urandom(16), "hex")
    /// ```
    ///
    /// ## Fix safety
    /// The fix calls `codecs.encode(x, codec)` or `codecs.decode(x, codec)` (adding
    /// `import codecs`), which works on both versions; it is unsafe because the result
    /// is `bytes` on Python 3 where code may expect text (`binascii.hexlify(x).decode()`
    /// gives text). `string_escape` has no fix: Python 3's nearest codecs,
    /// `unicode_escape` and `escape_codec`, behave differently. Nor has a receiver that is
    /// text on Python 3 (a string literal, or a name bound to one), except for `rot13`:
    /// the other codecs take only `bytes` there, so the data needs encoding first.
    fix: Sometimes,
    kinds: [Call],
    names: ["encode", "decode"],
    check: Some(check),
    lib2to3: [],
    catalogue: [99],
}

const CODECS: &[&str] = &[
    "hex",
    "hex_codec",
    "base64",
    "base_64",
    "base64_codec",
    "zlib",
    "zip",
    "zlib_codec",
    "bz2",
    "bz2_codec",
    "uu",
    "uu_codec",
    "quopri",
    "quotedprintable",
    "quoted_printable",
    "quopri_codec",
    "rot13",
    "rot_13",
    "string_escape",
    "string-escape",
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((object, method)) = method_call(node) else { return };
    let Some(args) = call_args(node) else { return };
    let Some(codec_node) = args.positional.first().copied() else { return };
    if NodeKind::of(codec_node) != NodeKind::String {
        return;
    }
    let Some(parts) = cx.string_parts(codec_node) else { return };
    let codec = cx.slice(parts.content).to_ascii_lowercase();
    if !CODECS.contains(&codec.as_str()) {
        return;
    }
    let method = cx.text(method);
    // `codecs.encode("hello", "hex")` raises `TypeError` on Python 3: only `rot13` is a
    // codec from text to text. (Only literals and names: inference takes any `.decode()`
    // for text, and `blob.decode("base64")` is bytes.)
    let text_receiver = !codec.starts_with("rot")
        && matches!(NodeKind::of(object), NodeKind::String | NodeKind::Identifier)
        && crate::infer::infer(cx, object) == crate::infer::Ty::Text;
    let fix = if codec.starts_with("string") || text_receiver || args.positional.len() != 1 || !args.keywords.is_empty()
    {
        None
    } else {
        // Any expression can be an argument as it is.
        let receiver = cx.text(object);
        Fix::unsafe_edits(
            format!("Use `codecs.{method}()`"),
            vec![Edit::replace(ast::range(node), format!("codecs.{method}({receiver}, {})", cx.text(codec_node)))],
        )
    };
    let diagnostic = Diagnostic::new(
        Rule::NonTextCodec,
        ast::range(node),
        format!(
            "`{codec}` is not a text encoding: Python 3's `.{method}()` raises `LookupError`; use `codecs.{method}()`"
        ),
    )
    .with_fix(fix.and_then(|f| cx.fix_if_clean(node, Some(f))));
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.imports.push(ImportRequest { module: "codecs", name: None, after: None });
    cx.push(candidate);
}
