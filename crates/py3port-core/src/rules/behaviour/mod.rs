//! Code that still runs on Python 3 but means something else (`PY34xx`).

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Edit;
use crate::syntax_kind::{Field, NodeKind, field};

pub(crate) mod dict_keys_list_wrap;
pub(crate) mod dict_view_as_list;
pub(crate) mod filter_returns_iterator;
pub(crate) mod implicit_relative_import;
pub(crate) mod input_builtin;
pub(crate) mod map_returns_iterator;
pub(crate) mod metaclass_attribute;
pub(crate) mod next_method_defined;
pub(crate) mod nonzero_method;
pub(crate) mod range_as_list;
pub(crate) mod range_list_wrap;
pub(crate) mod zip_returns_iterator;

/// `list(<node>)`, as insertions around the node.
pub(crate) fn wrap_in_list(node: Node<'_>) -> Vec<Edit> {
    vec![Edit::insert(node.start_byte() as u32, "list("), Edit::insert(node.end_byte() as u32, ")")]
}

/// How a list-like value is used where a view, range or iterator does not do: indexed,
/// sliced, mutated with a list method, concatenated or repeated, compared with a list,
/// or handed to a function that needs a sequence.
/// `sequence` says the value is a sequence already (a `range`), so indexing, slicing and
/// `random.choice` work on it.
pub(crate) fn list_only_use(cx: &Checker<'_>, node: Node<'_>, sequence: bool) -> Option<&'static str> {
    let parent = node.parent()?;
    match NodeKind::of(parent) {
        NodeKind::Subscript if field(parent, Field::Value) == Some(node) && !sequence => Some("indexed"),
        NodeKind::Attribute if field(parent, Field::Object) == Some(node) => {
            let method = cx.text(field(parent, Field::Attribute)?);
            // A `range` has `index()` and `count()` on Python 3 too.
            let list_only = matches!(method, "sort" | "append" | "extend" | "insert" | "remove" | "pop" | "reverse")
                || (!sequence && matches!(method, "index" | "count"));
            list_only.then_some("used with a list method")
        }
        NodeKind::BinaryOperator => {
            let operator = field(parent, Field::Operator)?.kind();
            let other = if field(parent, Field::Left) == Some(node) {
                field(parent, Field::Right)?
            } else {
                field(parent, Field::Left)?
            };
            match operator {
                "+" if matches!(NodeKind::of(other), NodeKind::List | NodeKind::ListComprehension)
                    || is_listish_call(cx, other) =>
                {
                    Some("concatenated with a list")
                }
                "+" if is_same_kind_call(cx, node, other) => Some("concatenated"),
                "*" => Some("repeated with `*`"),
                _ => None,
            }
        }
        NodeKind::ComparisonOperator => {
            let children: Vec<Node<'_>> = crate::ast::children(parent);
            let compares_with_list = children.iter().any(|c| *c != node && NodeKind::of(*c) == NodeKind::List)
                && children.iter().any(|c| matches!(c.kind(), "==" | "!="));
            compares_with_list.then_some("compared with a list")
        }
        NodeKind::ArgumentList => {
            let call = parent.parent()?;
            let function = cx.text(field(call, Field::Function)?);
            let first = crate::ast::code_children(parent).first() == Some(&node);
            let needs_sequence = matches!(function, "random.choice" | "random.sample" | "choice");
            let needs_list = matches!(function, "random.shuffle" | "shuffle" | "json.dumps" | "json.dump");
            (first && (needs_list || (needs_sequence && !sequence))).then_some("passed where a list is needed")
        }
        _ => None,
    }
}

fn is_listish_call(cx: &Checker<'_>, node: Node<'_>) -> bool {
    NodeKind::of(node) == NodeKind::Call && crate::ast::call_name(cx.source, node) == Some("list")
}

/// `range(a) + range(b)`, `d.keys() + e.keys()`: both sides of the same lazy kind.
fn is_same_kind_call(cx: &Checker<'_>, node: Node<'_>, other: Node<'_>) -> bool {
    if NodeKind::of(other) != NodeKind::Call {
        return false;
    }
    let name = |n: Node<'_>| {
        let function = field(n, Field::Function)?;
        Some(match NodeKind::of(function) {
            NodeKind::Attribute => cx.text(field(function, Field::Attribute)?),
            _ => cx.text(function),
        })
    };
    name(node).is_some() && name(node) == name(other)
}
