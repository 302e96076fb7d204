//! PY3310: the `reload(sys); sys.setdefaultencoding(...)` hack.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `sys.setdefaultencoding()`, the Python 2 hack that changed the implicit codec.
    ///
    /// ## What it does
    /// Checks for calls of `sys.setdefaultencoding`, usually preceded by `reload(sys)`
    /// because `site` deletes the function at start-up.
    ///
    /// ## Why is this bad?
    /// The function does not exist on Python 3 (`AttributeError`). The hack made Python 2
    /// mix bytes and text silently in UTF-8; on Python 3 the code needs to decode and
    /// encode explicitly where bytes meet text.
    ///
    /// ## Example
    /// ```python
    /// reload(sys)
    /// sys.setdefaultencoding("utf-8")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// text = data.decode("utf-8")
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: deleting the call is only right once the code decodes its bytes
    /// itself.
    fix: Never,
    kinds: [Attribute],
    names: ["setdefaultencoding"],
    check: Some(check),
    lib2to3: [],
    catalogue: [86],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(object) = field(node, Field::Object) else { return };
    if NodeKind::of(object) != NodeKind::Identifier || cx.text(object) != "sys" {
        return;
    }
    let diagnostic = Diagnostic::new(
        Rule::SysSetdefaultencoding,
        ast::range(node),
        "`sys.setdefaultencoding()` does not exist on Python 3; decode and encode explicitly instead",
    );
    cx.push_module_attribute(Candidate::new(diagnostic, DialectGate::Any), cx.text(object), "sys");
}
