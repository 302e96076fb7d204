//! PY3520: `six.with_metaclass()` and `@six.add_metaclass`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::diagnostic::{Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::leftovers::{module_attribute, report_module_use};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// `class C(six.with_metaclass(Meta, Base))` and `@six.add_metaclass(Meta)`: the `metaclass=` keyword on Python 3.
    ///
    /// ## What it does
    /// Checks class statements whose only base is a `six.with_metaclass()` call, and
    /// classes decorated with `six.add_metaclass()`.
    ///
    /// ## Why is this bad?
    /// six built the class twice to get a metaclass on both versions; Python 3 takes it
    /// as a keyword.
    ///
    /// ## Example
    /// ```python
    /// import six
    ///
    /// class Model(six.with_metaclass(ModelBase, Base)):
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Model(Base, metaclass=ModelBase):
    ///     pass
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the keyword; it is safe.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: [],
    catalogue: [157],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // `class C(six.with_metaclass(M, B1, B2)):`
    if let Some(list) = field(node, Field::Superclasses) {
        let bases = ast::code_children(list);
        if let [call] = bases[..]
            && NodeKind::of(call) == NodeKind::Call
            && field(call, Field::Function).and_then(|f| module_attribute(cx, f, "six")) == Some("with_metaclass")
            && let Some(arguments) = field(call, Field::Arguments)
        {
            let arguments: Vec<&str> = ast::code_children(arguments).iter().map(|a| cx.text(*a)).collect();
            if let [metaclass, bases @ ..] = &arguments[..] {
                let mut new: Vec<String> = bases.iter().map(|b| (*b).to_owned()).collect();
                new.push(format!("metaclass={metaclass}"));
                let fix = Fix::safe(
                    "Use `metaclass=`",
                    vec![Edit::replace(ast::range(list), format!("({})", new.join(", ")))],
                );
                report_module_use(
                    cx,
                    Rule::SixMetaclass,
                    ast::range(call),
                    "six",
                    "`six.with_metaclass()` is `metaclass=` on Python 3",
                    fix,
                );
            }
        }
    }
    // `@six.add_metaclass(M)` above the class.
    let Some(decorated) = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::DecoratedDefinition) else { return };
    for decorator in ast::named_children(decorated).into_iter().filter(|d| NodeKind::of(*d) == NodeKind::Decorator) {
        let Some(call) = decorator.named_child(0).filter(|c| NodeKind::of(*c) == NodeKind::Call) else { continue };
        if field(call, Field::Function).and_then(|f| module_attribute(cx, f, "six")) != Some("add_metaclass") {
            continue;
        }
        let Some(arguments) = field(call, Field::Arguments) else { continue };
        let [metaclass] = ast::code_children(arguments)[..] else { continue };
        let keyword = format!("metaclass={}", cx.text(metaclass));
        let class_edit = match field(node, Field::Superclasses) {
            Some(list) => match ast::code_children(list).last() {
                Some(last) => Edit::insert(last.end_byte() as u32, format!(", {keyword}")),
                None => Edit::replace(ast::range(list), format!("({keyword})")),
            },
            None => {
                let name_end = field(node, Field::Name).map_or(node.start_byte(), |n| n.end_byte());
                Edit::insert(name_end as u32, format!("({keyword})"))
            }
        };
        // Remove the decorator's line (up to the next line's start).
        let line = crate::checker::line_of(cx.source, ast::range(decorator));
        let rest = &cx.source[line.end() as usize..];
        let newline = if rest.starts_with("\r\n") { 2 } else { u32::from(rest.starts_with(['\n', '\r'])) };
        let standalone = cx.slice(TextRange::new(line.start(), decorator.start_byte() as u32)).trim().is_empty();
        let fix = standalone
            .then(|| {
                Fix::safe(
                    "Use `metaclass=`",
                    vec![Edit::delete(TextRange::new(line.start(), line.end() + newline)), class_edit],
                )
            })
            .flatten();
        report_module_use(
            cx,
            Rule::SixMetaclass,
            ast::range(decorator),
            "six",
            "`six.add_metaclass()` is `metaclass=` on Python 3",
            fix,
        );
    }
}
