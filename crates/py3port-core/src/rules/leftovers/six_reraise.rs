//! PY3519: `six.reraise()` and `six.raise_from()`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// `six.reraise(tp, value, tb)` and `six.raise_from(exc, cause)`: `raise` statements on Python 3.
    ///
    /// ## What it does
    /// Checks these calls as statements of their own.
    ///
    /// ## Why is this bad?
    /// Python 3's `raise` says it: `six.reraise(*sys.exc_info())` is a bare `raise` in
    /// the handler, `six.reraise(tp, value, tb)` is `raise value.with_traceback(tb)`, and
    /// `six.raise_from(exc, cause)` is `raise exc from cause`.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// six.raise_from(ConfigError(path), error)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// raise ConfigError(path) from error
    /// ```
    ///
    /// ## Fix safety
    /// `raise_from` and `reraise(*sys.exc_info())` are safe. `reraise(tp, value, tb)` is
    /// unsafe: six instantiated `tp` when `value` was `None`, which the rewrite does not.
    fix: Always,
    kinds: [Call],
    names: ["reraise", "raise_from"],
    check: Some(check),
    lib2to3: [],
    catalogue: [156],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = field(node, Field::Function) else { return };
    let Some(name) = module_attribute(cx, function, "six") else { return };
    let Some(statement) = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::ExpressionStatement) else { return };
    if statement.named_child_count() != 1 {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if !args.keywords.is_empty() {
        return;
    }
    let text = |n: Node<'_>| cx.text(n);
    let (replacement, applicability) = match (name, &args.positional[..], args.splat) {
        ("raise_from", [exception, cause], false) => {
            (format!("raise {} from {}", text(*exception), text(*cause)), Applicability::Safe)
        }
        ("reraise", [_, value, traceback], false) => {
            (format!("raise {}.with_traceback({})", text(*value), text(*traceback)), Applicability::Unsafe)
        }
        // `six.reraise(*sys.exc_info())`
        ("reraise", [], true) if cx.text(args.list).replace(' ', "") == "(*sys.exc_info())" => {
            ("raise".to_owned(), Applicability::Safe)
        }
        _ => return,
    };
    let fix = Fix::new("Use a `raise` statement", vec![Edit::replace(ast::range(node), replacement)], applicability);
    report_module_use(
        cx,
        Rule::SixReraise,
        ast::range(node),
        "six",
        format!("`six.{name}()` is a `raise` statement on Python 3"),
        fix,
    );
}
