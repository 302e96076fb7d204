//! PY3206: the `buffer` builtin.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::rename_builtin;
use crate::rules::declare_rule;
use crate::rules::helpers::{is_load, needs_parentheses};
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// The `buffer` builtin, replaced by `memoryview` in Python 3.
    ///
    /// ## What it does
    /// Checks for uses of `buffer`, unless the module or an enclosing function defines
    /// the name or the use is in a branch that only runs on Python 2. Like 2to3's
    /// `buffer` fixer, it is off by default: enable it with `extend-select`.
    ///
    /// ## Why is this bad?
    /// `buffer` does not exist on Python 3: the name raises `NameError`.
    ///
    /// ## Example
    /// ```python
    /// view = buffer(data, 4, 16)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// view = memoryview(data)[4:4 + 16]
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames `buffer` to `memoryview`, as 2to3 does; where the call passes an
    /// offset and a size, which `memoryview` does not take (2to3's rewrite raises
    /// `TypeError`), it slices the view instead: `memoryview(data)[4:4 + 16]`. It is
    /// unsafe: a view's items are integers where a buffer's were one-byte strings, and
    /// the offset is evaluated twice.
    fix: Always,
    kinds: [Identifier],
    names: ["buffer"],
    check: Some(check),
    lib2to3: ["buffer"],
    catalogue: [72],
}

const MESSAGE: &str = "`buffer` does not exist on Python 3; use `memoryview`";

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(args) = offset_arguments(cx, node) else {
        rename_builtin(cx, Rule::BufferBuiltin, node, Some("memoryview"), Applicability::Unsafe, MESSAGE);
        return;
    };
    let Some(call) = cx.parent(node) else { return };
    let object = cx.text(args[0]);
    let offset = cx.text(args[1]);
    let replacement = match args.get(2) {
        Some(size) => {
            let offset_operand = if needs_parentheses(args[1]) { format!("({offset})") } else { offset.to_owned() };
            let size = cx.text(*size);
            let size = if needs_parentheses(args[2]) { format!("({size})") } else { size.to_owned() };
            format!("memoryview({object})[{offset}:{offset_operand} + {size}]")
        }
        None => format!("memoryview({object})[{offset}:]"),
    };
    let fix = Fix::unsafe_edits("Slice a `memoryview`", vec![Edit::replace(ast::range(call), replacement)]);
    let diagnostic = Diagnostic::new(Rule::BufferBuiltin, ast::range(node), MESSAGE).with_fix(fix);
    cx.push_unless_bound(Candidate::new(diagnostic, DialectGate::Any), cx.text(node));
}

/// The arguments of `buffer(object, offset[, size])`: two or three positional ones.
fn offset_arguments<'t>(cx: &Checker<'_>, node: Node<'t>) -> Option<Vec<Node<'t>>> {
    if !is_load(cx, node) {
        return None;
    }
    let call =
        node.parent().filter(|p| NodeKind::of(*p) == NodeKind::Call && field(*p, Field::Function) == Some(node))?;
    let arguments = field(call, Field::Arguments).filter(|a| NodeKind::of(*a) == NodeKind::ArgumentList)?;
    let args = ast::code_children(arguments);
    let plain = args.iter().all(|arg| {
        !matches!(NodeKind::of(*arg), NodeKind::KeywordArgument | NodeKind::ListSplat | NodeKind::DictionarySplat)
    });
    // A comment inside the call would be lost with the rewrite.
    let commented = ast::children(arguments).iter().any(|child| NodeKind::of(*child) == NodeKind::Comment);
    (plain && !commented && (2..=3).contains(&args.len())).then_some(args)
}
