//! PY3533: `"...".format(...)` and `"..." % (...)` that an f-string says more plainly.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::infer::{Ty, infer};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::report;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A `str.format()` call or `%` formatting of a literal with simple arguments: an f-string since Python 3.6.
    ///
    /// ## What it does
    /// Checks `"...".format(...)` and `"..." % ...` on a string literal whose arguments
    /// are names, attributes, numbers and items by number (`row[0]`), all used, where
    /// the format converts to an f-string: every `.format` field (numbered, automatic,
    /// named, with attributes, items, a conversion and a format spec without nested
    /// fields); for `%`, `%s`, `%r` and `%a` without width, and `%d`, `%i`, `%x`,
    /// `%o`, `%f`, `%e` and `%g` with flags, width and precision when the argument is
    /// known to be a number (a string for `%s` with a width). Other uses of `%` are not
    /// reported: Python 2 had no f-strings, but `%` is not Python 2 code.
    ///
    /// ## Why is this bad?
    /// Code that had to run on Python 2 could not use f-strings, which read in order
    /// and put each value where it goes.
    ///
    /// ## Example
    /// ```python
    /// def describe(user, count):
    ///     return "{} has {:d} messages".format(user.name, count)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def describe(user, count):
    ///     return f"{user.name} has {count:d} messages"
    /// ```
    ///
    /// ## Fix safety
    /// The `.format()` fix is safe: an f-string formats each value as `format()` does.
    /// The `%` fix is unsafe: `%s` is `str()` and an f-string calls `format()`, which a
    /// class may define differently.
    fix: Always,
    kinds: [Call, BinaryOperator],
    names: ["format"],
    check: Some(check),
    lib2to3: [],
    catalogue: [173],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let converted = if NodeKind::of(node) == NodeKind::Call { format_call(cx, node) } else { printf(cx, node) };
    let Some((text, safe)) = converted else { return };
    let edits = vec![Edit::replace(ast::range(node), text)];
    let (fix, message) = if safe {
        (Fix::safe("Use an f-string", edits), "`.format()` of a literal: an f-string since Python 3.6")
    } else {
        (Fix::unsafe_edits("Use an f-string", edits), "`%` formatting of a literal: an f-string since Python 3.6")
    };
    report(cx, Rule::FString, ast::range(node), message, fix);
}

/// The literal being formatted: its prefix without `u`, quote, and content; `None` for
/// bytes, f-strings, and `\N{...}` escapes (whose braces an f-string would misread).
fn literal<'s>(cx: &Checker<'s>, node: Node<'_>) -> Option<(String, &'s str, &'s str)> {
    let parts = cx.string_parts(node)?;
    if parts.is_bytes() || parts.is_format() {
        return None;
    }
    let content = cx.slice(parts.content);
    if !parts.is_raw() && content.contains("\\N") {
        return None;
    }
    let prefix: String = parts.prefix.chars().filter(|c| !matches!(c, 'u' | 'U')).collect();
    Some((format!("{prefix}f"), parts.quote, content))
}

/// An argument simple enough to write inside an f-string, evaluated as often as used:
/// a name, an attribute of one, a number, an item by number.
fn simple(node: Node<'_>) -> bool {
    match NodeKind::of(node) {
        NodeKind::Identifier | NodeKind::Integer | NodeKind::Float => true,
        NodeKind::Attribute => field(node, Field::Object)
            .is_some_and(|o| !matches!(NodeKind::of(o), NodeKind::Integer | NodeKind::Float) && simple(o)),
        NodeKind::Subscript => {
            field(node, Field::Value).is_some_and(|v| simple(v))
                && field(node, Field::Subscript).is_some_and(|s| NodeKind::of(s) == NodeKind::Integer)
                && node.named_child_count() == 2
        }
        _ => false,
    }
}

/// The other quote character, for keys written inside the f-string.
fn inner_quote(quote: &str) -> char {
    if quote.starts_with('"') { '\'' } else { '"' }
}

/// `"{} {name}".format(a, name=b)`.
fn format_call(cx: &Checker<'_>, node: Node<'_>) -> Option<(String, bool)> {
    let function = field(node, Field::Function)?;
    if NodeKind::of(function) != NodeKind::Attribute
        || field(function, Field::Attribute).map(|a| cx.text(a)) != Some("format")
    {
        return None;
    }
    let string = field(function, Field::Object)?;
    let (prefix, quote, content) = literal(cx, string)?;
    let args = call_args(node)?;
    if args.splat || args.generator {
        return None;
    }
    if !args.positional.iter().chain(args.keywords.iter().map(|(_, v)| v)).all(|a| simple(*a)) {
        return None;
    }
    let mut used_positional = vec![false; args.positional.len()];
    let mut used_keywords = vec![false; args.keywords.len()];
    let mut automatic = 0usize;
    let (mut manual, mut auto) = (false, false);
    let mut out = String::with_capacity(content.len() + 16);
    let mut chars = content.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                out.push_str("{{");
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                out.push_str("}}");
            }
            '}' => return None,
            '{' => {
                let end = content[index..].find('}')? + index;
                let inner = &content[index + 1..end];
                if inner.contains('{') || inner.contains(['\n', '\r', '\\']) {
                    return None;
                }
                while chars.peek().is_some_and(|(i, _)| *i <= end) {
                    chars.next();
                }
                // field_name [!conversion] [:spec]
                let (head, spec) = match split_outside_brackets(inner, ':') {
                    Some((head, spec)) => (head, Some(spec)),
                    None => (inner, None),
                };
                let (name, conversion) = match split_outside_brackets(head, '!') {
                    Some((name, conversion)) => (name, Some(conversion)),
                    None => (head, None),
                };
                if conversion.is_some_and(|c| !matches!(c, "r" | "s" | "a")) {
                    return None;
                }
                let first_end = name.find(['.', '[']).unwrap_or(name.len());
                let (first, accessors) = name.split_at(first_end);
                let argument = if first.is_empty() {
                    auto = true;
                    automatic += 1;
                    let i = automatic - 1;
                    *used_positional.get_mut(i)? = true;
                    args.positional[i]
                } else if let Ok(i) = first.parse::<usize>() {
                    manual = true;
                    *used_positional.get_mut(i)? = true;
                    args.positional[i]
                } else {
                    let i = args.keywords.iter().position(|(key, _)| cx.text(*key) == first)?;
                    used_keywords[i] = true;
                    args.keywords[i].1
                };
                if manual && auto {
                    return None;
                }
                let mut expression = cx.text(argument).to_owned();
                if !accessors.is_empty() && matches!(NodeKind::of(argument), NodeKind::Integer | NodeKind::Float) {
                    return None;
                }
                write_accessors(&mut expression, accessors, inner_quote(quote))?;
                out.push('{');
                out.push_str(&expression);
                if let Some(conversion) = conversion {
                    out.push('!');
                    out.push_str(conversion);
                }
                if let Some(spec) = spec {
                    out.push(':');
                    out.push_str(spec);
                }
                out.push('}');
            }
            _ => out.push(c),
        }
    }
    if used_positional.contains(&false) || used_keywords.contains(&false) {
        return None;
    }
    Some((format!("{prefix}{quote}{out}{quote}"), true))
}

/// `.attr` and `[key]` of a replacement field, as Python: `[0]` stays, `[key]` is a
/// string key.
fn write_accessors(expression: &mut String, mut accessors: &str, quote: char) -> Option<()> {
    while !accessors.is_empty() {
        if let Some(rest) = accessors.strip_prefix('.') {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let name = &rest[..end];
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            expression.push('.');
            expression.push_str(name);
            accessors = &rest[end..];
        } else if let Some(rest) = accessors.strip_prefix('[') {
            let end = rest.find(']')?;
            let key = &rest[..end];
            if key.is_empty() || key.contains(['\'', '"', '\\']) {
                return None;
            }
            if key.chars().all(|c| c.is_ascii_digit()) {
                expression.push_str(&format!("[{key}]"));
            } else {
                expression.push_str(&format!("[{quote}{key}{quote}]"));
            }
            accessors = &rest[end + 1..];
        } else {
            return None;
        }
    }
    Some(())
}

/// Splits at the first `separator` outside `[...]`.
fn split_outside_brackets(text: &str, separator: char) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (index, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if c == separator && depth == 0 => return Some((&text[..index], &text[index + 1..])),
            _ => {}
        }
    }
    None
}

/// One `%` conversion: the mapping key, flags, width, precision and type.
struct Conversion<'s> {
    key: Option<&'s str>,
    flags: &'s str,
    width: &'s str,
    precision: Option<&'s str>,
    kind: char,
}

/// `"%s: %.2f" % (name, value)`.
fn printf(cx: &Checker<'_>, node: Node<'_>) -> Option<(String, bool)> {
    if field(node, Field::Operator).map(|o| o.kind()) != Some("%") {
        return None;
    }
    let (string, right) = (field(node, Field::Left)?, field(node, Field::Right)?);
    let (prefix, quote, content) = literal(cx, string)?;
    // The pieces: literal text and conversions.
    let mut pieces: Vec<Result<String, Conversion<'_>>> = Vec::new();
    let mut text = String::new();
    let mut rest = content;
    while let Some(at) = rest.find('%') {
        text.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('%') {
            text.push('%');
            rest = after;
            continue;
        }
        let (conversion, after) = parse_conversion(rest)?;
        rest = after;
        pieces.push(Ok(std::mem::take(&mut text)));
        pieces.push(Err(conversion));
    }
    text.push_str(rest);
    pieces.push(Ok(text));
    let conversions: Vec<&Conversion<'_>> = pieces.iter().filter_map(|p| p.as_ref().err()).collect();
    if conversions.is_empty() {
        return None;
    }
    // The value of each conversion.
    let right = ast::unparenthesize(right);
    let keyed = conversions.iter().all(|c| c.key.is_some());
    let values: Vec<Node<'_>> = if keyed {
        if NodeKind::of(right) != NodeKind::Dictionary {
            return None;
        }
        let mut pairs = Vec::new();
        for pair in ast::code_children(right) {
            if NodeKind::of(pair) != NodeKind::Pair {
                return None;
            }
            let key = field(pair, Field::Key)?;
            let parts = cx.string_parts(key)?;
            let key_text = cx.slice(parts.content);
            if parts.is_bytes() || parts.is_format() || key_text.contains('\\') {
                return None;
            }
            pairs.push((key_text, field(pair, Field::Value)?));
        }
        let values: Option<Vec<Node<'_>>> =
            conversions.iter().map(|c| pairs.iter().find(|(k, _)| Some(*k) == c.key).map(|(_, v)| *v)).collect();
        let values = values?;
        // Every entry used.
        if !pairs.iter().all(|(k, _)| conversions.iter().any(|c| c.key == Some(*k))) {
            return None;
        }
        values
    } else if conversions.iter().any(|c| c.key.is_some()) {
        return None;
    } else if NodeKind::of(right) == NodeKind::Tuple {
        let items = ast::code_children(right);
        if items.len() != conversions.len() {
            return None;
        }
        items
    } else {
        // One value that is not a tuple.
        let ty = infer(cx, right);
        if conversions.len() != 1 || !ty.is_known() || ty == Ty::Tuple {
            return None;
        }
        vec![right]
    };
    if !values.iter().all(|v| simple(*v)) {
        return None;
    }
    let mut out = String::with_capacity(content.len() + 16);
    let mut value = values.iter();
    for piece in &pieces {
        match piece {
            Ok(text) => out.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Err(conversion) => {
                let node = *value.next()?;
                out.push('{');
                out.push_str(cx.text(node));
                out.push_str(&replacement_field(conversion, infer(cx, node))?);
                out.push('}');
            }
        }
    }
    Some((format!("{prefix}{quote}{out}{quote}"), false))
}

/// `(key)flags width .precision type` after a `%`.
fn parse_conversion(text: &str) -> Option<(Conversion<'_>, &str)> {
    let mut rest = text;
    let key = match rest.strip_prefix('(') {
        Some(after) => {
            let end = after.find(')')?;
            rest = &after[end + 1..];
            Some(&after[..end])
        }
        None => None,
    };
    let flags_end = rest.find(|c: char| !matches!(c, '-' | '+' | ' ' | '#' | '0')).unwrap_or(rest.len());
    let (flags, after) = rest.split_at(flags_end);
    let width_end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
    let (width, mut after) = after.split_at(width_end);
    let precision = match after.strip_prefix('.') {
        Some(p) => {
            let end = p.find(|c: char| !c.is_ascii_digit()).unwrap_or(p.len());
            after = &p[end..];
            Some(&p[..end])
        }
        None => None,
    };
    // `%ld` is Python 2's long modifier, still accepted.
    let after = after.strip_prefix(['l', 'h', 'L']).unwrap_or(after);
    let kind = after.chars().next()?;
    Some((Conversion { key, flags, width, precision, kind }, &after[kind.len_utf8()..]))
}

/// The `!conversion:spec` an f-string field needs for a `%` conversion of a value of
/// type `ty`; `None` where the two would format differently.
fn replacement_field(conversion: &Conversion<'_>, ty: Ty) -> Option<String> {
    let plain = conversion.flags.is_empty() && conversion.width.is_empty() && conversion.precision.is_none();
    let numeric = matches!(ty, Ty::Int | Ty::Float);
    match conversion.kind {
        's' if plain => Some(String::new()),
        'r' if plain => Some("!r".to_owned()),
        'a' if plain => Some("!a".to_owned()),
        // A width on text: `%` aligns right, `format()` left unless told.
        's' if ty == Ty::Text && conversion.precision.is_none() && conversion.flags.chars().all(|f| f == '-') => {
            let align = if conversion.flags.contains('-') { '<' } else { '>' };
            Some(format!(":{align}{}", conversion.width))
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' if ty == Ty::Int && conversion.precision.is_none() => {
            let kind = match conversion.kind {
                'i' | 'u' => 'd',
                other => other,
            };
            Some(format!(":{}{kind}", spec_flags(conversion)?))
        }
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' if numeric => {
            let precision =
                conversion.precision.map(|p| format!(".{}", if p.is_empty() { "0" } else { p })).unwrap_or_default();
            Some(format!(":{}{precision}{}", spec_flags(conversion)?, conversion.kind))
        }
        _ => None,
    }
}

/// `%` flags and width as a format spec's align, sign, `#`, `0` and width.
fn spec_flags(conversion: &Conversion<'_>) -> Option<String> {
    let flags = conversion.flags;
    let mut spec = String::new();
    if flags.contains('-') {
        spec.push('<');
    }
    if flags.contains('+') {
        spec.push('+');
    } else if flags.contains(' ') {
        spec.push(' ');
    }
    if flags.contains('#') {
        spec.push('#');
    }
    // `-` wins over `0` in `%`; in a spec, `0` with `<` would pad on the right.
    if flags.contains('0') && !flags.contains('-') {
        spec.push('0');
    }
    spec.push_str(conversion.width);
    Some(spec)
}
