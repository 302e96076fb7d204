//! PY3521: `@python_2_unicode_compatible`, which does nothing on Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::report;
use crate::syntax_kind::NodeKind;
use crate::text::TextRange;

declare_rule! {
    /// `@six.python_2_unicode_compatible` (or python-future's, or Django's): a no-op on Python 3.
    ///
    /// ## What it does
    /// Checks class decorators named `python_2_unicode_compatible`, bare or as an
    /// attribute (`six.python_2_unicode_compatible`).
    ///
    /// ## Why is this bad?
    /// It made Python 2's `__str__` return bytes encoded from `__unicode__`; Python 3
    /// returns the class unchanged.
    ///
    /// ## Example
    /// ```python
    /// @six.python_2_unicode_compatible
    /// class Tag:
    ///     def __str__(self):
    ///         return self.name
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Tag:
    ///     def __str__(self):
    ///         return self.name
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the decorator's line; it is safe.
    fix: Sometimes,
    kinds: [Decorator],
    check: Some(check),
    lib2to3: [],
    catalogue: [158],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let text = cx.text(node).trim_start_matches('@').trim();
    let name = text.rsplit('.').next().unwrap_or(text);
    if name != "python_2_unicode_compatible" {
        return;
    }
    let decorated = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::DecoratedDefinition);
    let on_class = decorated
        .and_then(|d| crate::syntax_kind::field(d, crate::syntax_kind::Field::Definition))
        .is_some_and(|d| NodeKind::of(d) == NodeKind::ClassDefinition);
    if !on_class {
        return;
    }
    let line = crate::checker::line_of(cx.source, ast::range(node));
    let rest = &cx.source[line.end() as usize..];
    let newline = if rest.starts_with("\r\n") { 2 } else { u32::from(rest.starts_with(['\n', '\r'])) };
    let standalone = cx.slice(TextRange::new(line.start(), node.start_byte() as u32)).trim().is_empty();
    let fix = standalone
        .then(|| {
            Fix::safe("Remove the decorator", vec![Edit::delete(TextRange::new(line.start(), line.end() + newline))])
        })
        .flatten();
    report(
        cx,
        Rule::UnicodeCompatibleDecorator,
        ast::range(node),
        "`python_2_unicode_compatible` does nothing on Python 3",
        fix,
    );
}
