//! PY3420: `__unicode__`, which Python 3 never calls.

use tree_sitter::Node;

use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::behaviour::{member_names, special_method};
use crate::rules::declare_rule;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `__unicode__`: Python 3 calls `__str__` for text.
    ///
    /// ## What it does
    /// Checks classes that define `__unicode__`. Files that are already Python 3 are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Python 3 never calls `__unicode__`. A class with only `__unicode__` prints as
    /// `<Model object at 0x...>`; the common Python 2 pair, where `__str__` returns
    /// `unicode(self).encode("utf-8")`, returns bytes from `__str__` on Python 3 and
    /// `str(obj)` raises `TypeError`.
    ///
    /// ## Example
    /// ```python
    /// class Tag(object):
    ///     def __unicode__(self):
    ///         return u"#" + self.name
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Tag(object):
    ///     def __str__(self):
    ///         return u"#" + self.name
    /// ```
    ///
    /// ## Fix safety
    /// Where the class has no `__str__`, the fix renames `__unicode__` to `__str__`;
    /// it is safe on Python 3 (on Python 2, `str()` of such an object then encodes
    /// with ASCII). Where the class also defines `__str__` there is no fix: the two
    /// methods have to be merged by hand, usually keeping `__unicode__`'s body.
    fix: Sometimes,
    kinds: [FunctionDefinition],
    names: ["__unicode__"],
    check: Some(check),
    lib2to3: [],
    catalogue: [55],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((name, _, body)) = special_method(cx, node, &["__unicode__"]) else { return };
    let has_str = member_names(cx, body).contains(&"__str__");
    let (message, fix) = if has_str {
        ("Python 3 never calls `__unicode__`; its `__str__` must return the text itself", None)
    } else {
        (
            "Python 3 never calls `__unicode__`; it is `__str__` there",
            Fix::safe("Rename to `__str__`", vec![Edit::replace(crate::ast::range(name), "__str__")]),
        )
    };
    let compat = (cx.settings.target == crate::settings::Target::Py2Py3 && fix.is_some()).then(|| {
        // 2-and-3 code: `__str__` plus the library's decorator, which makes Python 2's
        // `__str__` encode and `__unicode__` return the text.
        let (decorator, import) = match cx.settings.compat_library {
            crate::settings::CompatLibrary::Six => (
                "six.python_2_unicode_compatible",
                crate::checker::ImportRequest { module: "six", name: None, after: None },
            ),
            crate::settings::CompatLibrary::Future => (
                "python_2_unicode_compatible",
                crate::checker::ImportRequest {
                    module: "future.utils",
                    name: Some("python_2_unicode_compatible"),
                    after: None,
                },
            ),
            crate::settings::CompatLibrary::None => return crate::compat::Compat::Fix(None, Vec::new()),
        };
        let Some((class, _)) = crate::rules::behaviour::method_class(node) else {
            return crate::compat::Compat::Fix(None, Vec::new());
        };
        let statement = class.parent().filter(|p| NodeKind::of(*p) == NodeKind::DecoratedDefinition).unwrap_or(class);
        if !crate::ast::starts_line(cx.source, statement) {
            return crate::compat::Compat::Fix(None, Vec::new());
        }
        let indentation = cx.indentation_at(statement.start_byte() as u32);
        let edits = vec![
            Edit::insert(statement.start_byte() as u32, format!("@{decorator}{}{indentation}", cx.newline())),
            Edit::replace(crate::ast::range(name), "__str__"),
        ];
        crate::compat::Compat::Fix(Fix::safe(format!("Rename to `__str__` with `@{decorator}`"), edits), vec![import])
    });
    let diagnostic = Diagnostic::new(Rule::UnicodeMethod, crate::ast::range(name), message).with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.compat = compat;
    cx.push(candidate);
}
