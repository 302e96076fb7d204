//! PY3311: `types.StringType` and the other type names of the `types` module.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::stdlib::tables::TYPES;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// Type names of the `types` module that Python 3 removed (`types.StringType`, `types.IntType`, `types.ClassType`, `types.InstanceType`, ...).
    ///
    /// ## What it does
    /// Checks `types.<Name>` for the 25 names Python 3 dropped, where `types` is the
    /// `types` module. `NoneType`, `EllipsisType` and `NotImplementedType` came back in
    /// Python 3.10 and are not reported when `target-version` is 3.10 or later.
    ///
    /// ## Why is this bad?
    /// The names raise `AttributeError` on Python 3; the builtin types replace them.
    ///
    /// ## Example
    /// ```python
    /// if type(value) is types.IntType:
    ///     value = str(value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if type(value) is int:
    ///     value = str(value)
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes lib2to3's replacement. It is unsafe for `StringType` (becomes
    /// `bytes`, which is what it was, but the values it was meant for are text now),
    /// `StringTypes` (becomes `(str,)`), `ClassType` and `BufferType`. `InstanceType`,
    /// `FileType` and `UnboundMethodType` have no replacement and no fix.
    fix: Sometimes,
    kinds: [Attribute],
    names_from: NAMES,
    check: Some(check),
    lib2to3: ["types"],
    catalogue: [90, 91],
}

const NAMES: &[&str] = &[
    "BooleanType",
    "BufferType",
    "ClassType",
    "ComplexType",
    "DictType",
    "DictionaryType",
    "EllipsisType",
    "FloatType",
    "IntType",
    "ListType",
    "LongType",
    "ObjectType",
    "NoneType",
    "NotImplementedType",
    "SliceType",
    "StringType",
    "StringTypes",
    "TupleType",
    "TypeType",
    "UnicodeType",
    "XRangeType",
    "InstanceType",
    "FileType",
    "UnboundMethodType",
    "DictProxyType",
];

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let (Some(object), Some(name)) = (field(node, Field::Object), field(node, Field::Attribute)) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "types" {
        return;
    }
    let old = cx.text(name);
    let Some(&(_, replacement, safe)) = TYPES.iter().find(|(n, _, _)| *n == old) else { return };
    if matches!(old, "NoneType" | "EllipsisType" | "NotImplementedType") && cx.settings.target_version.0 >= 10 {
        return;
    }
    let fix = replacement.and_then(|new| {
        let applicability = if safe { Applicability::Safe } else { Applicability::Unsafe };
        Fix::new(format!("Replace with `{new}`"), vec![Edit::replace(ast::range(node), new)], applicability)
    });
    let message = match replacement {
        Some(new) => format!("`types.{old}` does not exist on Python 3; use `{new}`"),
        None => format!("`types.{old}` does not exist on Python 3"),
    };
    let diagnostic = Diagnostic::new(Rule::TypesConstant, ast::range(node), message).with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::Any);
    // Builtins that Python 2.7 has under the same name mean the same there; the text
    // types need the compatibility library.
    candidate.compat = Some(match (replacement, cx.settings.compat_library) {
        (
            Some(
                "int" | "float" | "complex" | "list" | "tuple" | "dict" | "bool" | "bytes" | "object" | "type"
                | "slice",
            ),
            _,
        ) => crate::compat::Compat::Same,
        (Some(_), crate::settings::CompatLibrary::Six) if matches!(old, "StringTypes" | "UnicodeType") => {
            let new = if old == "StringTypes" { "six.string_types" } else { "six.text_type" };
            crate::compat::Compat::Fix(
                Fix::new(
                    format!("Replace with `{new}`"),
                    vec![Edit::replace(ast::range(node), new)],
                    Applicability::Safe,
                ),
                vec![crate::checker::ImportRequest { module: "six", name: None, after: None }],
            )
        }
        _ => crate::compat::Compat::Fix(None, Vec::new()),
    });
    cx.push_module_attribute(candidate, cx.text(object), "types");
}
