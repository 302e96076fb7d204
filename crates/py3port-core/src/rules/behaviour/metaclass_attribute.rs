//! PY3410: the `__metaclass__` class attribute, ignored by Python 3.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate, ImportRequest};
use crate::compat::Compat;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::remove_statement;
use crate::settings::{CompatLibrary, Target};
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

declare_rule! {
    /// `__metaclass__ = M` in a class body, which Python 3 ignores.
    ///
    /// ## What it does
    /// Checks class bodies for an assignment to `__metaclass__`. Files that are already
    /// Python 3 are not checked.
    ///
    /// ## Why is this bad?
    /// Python 3 takes the metaclass from the class statement's `metaclass=` keyword; the
    /// attribute is just an attribute, so the class silently loses its metaclass
    /// (registries stop registering, ORMs stop mapping).
    ///
    /// ## Example
    /// ```python
    /// class Model(object):
    ///     __metaclass__ = ModelBase
    ///     table = None
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Model(object, metaclass=ModelBase):
    ///     table = None
    /// ```
    ///
    /// ## Fix safety
    /// The fix moves the metaclass into the class statement, as 2to3 does (the last
    /// assignment wins, as it did); it is safe on Python 3. The `metaclass=` syntax does
    /// not exist on Python 2.
    fix: Always,
    kinds: [ClassDefinition],
    check: Some(check),
    lib2to3: ["metaclass"],
    catalogue: [56],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    // Most classes never mention it (the cheap test first).
    if !cx.text(node).contains("__metaclass__") {
        return;
    }
    let Some(body) = field(node, Field::Body) else { return };
    let statements = ast::code_children(body);
    let assignments: Vec<(Node<'_>, Node<'_>, Node<'_>)> = statements
        .iter()
        .filter_map(|statement| {
            let assignment = statement.named_child(0).filter(|a| NodeKind::of(*a) == NodeKind::Assignment)?;
            let left = field(assignment, Field::Left)?;
            (NodeKind::of(left) == NodeKind::Identifier
                && cx.text(left) == "__metaclass__"
                && statement.named_child_count() == 1)
                .then(|| Some((*statement, assignment, field(assignment, Field::Right)?)))
                .flatten()
        })
        .collect();
    let Some(&(_, last_assignment, metaclass)) = assignments.last() else { return };
    let superclasses = field(node, Field::Superclasses);
    if superclasses.is_some_and(|s| {
        ast::code_children(s).iter().any(|arg| {
            NodeKind::of(*arg) == NodeKind::KeywordArgument
                && field(*arg, Field::Name).is_some_and(|n| cx.text(n) == "metaclass")
        })
    }) {
        return;
    }
    let keyword = format!("metaclass={}", cx.text(metaclass));
    let mut edits = Vec::new();
    match superclasses {
        Some(list) if !ast::code_children(list).is_empty() => {
            let last = *ast::code_children(list).last().expect("not empty");
            edits.push(Edit::insert(last.end_byte() as u32, format!(", {keyword}")));
        }
        Some(list) => edits.push(Edit::replace(ast::range(list), format!("({keyword})"))),
        None => {
            let name = field(node, Field::Name).map_or(node.start_byte(), |n| n.end_byte());
            edits.push(Edit::insert(name as u32, format!("({keyword})")));
        }
    }
    // Remove every `__metaclass__ =` statement; the class keeps a body.
    let only_metaclass = assignments.len() == statements.len();
    for (index, (statement, _, _)) in assignments.iter().enumerate() {
        if only_metaclass && index == 0 {
            edits.push(Edit::replace(ast::range(*statement), "pass"));
        } else if only_metaclass {
            edits.push(remove_statement(cx, *statement));
        } else {
            // `__metaclass__ = M; x = 4`: the statement shares its line.
            let next = statement.next_sibling().filter(|n| n.kind() == ";");
            match next {
                Some(semicolon) => {
                    let after = semicolon.next_sibling().map_or(semicolon.end_byte(), |n| n.start_byte());
                    edits.push(Edit::delete(TextRange::new(statement.start_byte() as u32, after as u32)));
                }
                None => edits.push(remove_statement(cx, *statement)),
            }
        }
    }
    // 2-and-3 code: `class A(six.with_metaclass(M, Base))`, the same edits otherwise.
    let compat = (cx.settings.target == Target::Py2Py3).then(|| {
        let (function, import) = match cx.settings.compat_library {
            CompatLibrary::Six => ("six.with_metaclass", ImportRequest { module: "six", name: None, after: None }),
            CompatLibrary::Future => {
                ("with_metaclass", ImportRequest { module: "future.utils", name: Some("with_metaclass"), after: None })
            }
            CompatLibrary::None => return Compat::Fix(None, Vec::new()),
        };
        let bases: Vec<&str> =
            superclasses.map(ast::code_children).unwrap_or_default().iter().map(|b| cx.text(*b)).collect();
        let arguments = std::iter::once(cx.text(metaclass)).chain(bases).collect::<Vec<_>>().join(", ");
        let call = format!("({function}({arguments}))");
        let mut compat_edits = vec![match superclasses {
            Some(list) => Edit::replace(ast::range(list), call),
            None => Edit::insert(field(node, Field::Name).map_or(node.start_byte(), |n| n.end_byte()) as u32, call),
        }];
        compat_edits.extend(edits[1..].iter().cloned());
        Compat::Fix(Fix::safe(format!("Use `{function}()`"), compat_edits), vec![import])
    });
    let fix = Fix::safe("Move the metaclass into the class statement", edits);
    let diagnostic = Diagnostic::new(
        Rule::MetaclassAttribute,
        ast::range(last_assignment),
        "Python 3 ignores `__metaclass__`; pass `metaclass=` in the class statement",
    )
    .with_fix(fix);
    let mut candidate = Candidate::new(diagnostic, DialectGate::NotPython3);
    candidate.compat = compat;
    cx.push(candidate);
}
