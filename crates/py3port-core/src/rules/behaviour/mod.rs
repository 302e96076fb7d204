//! Code that still runs on Python 3 but means something else (`PY34xx`).

use tree_sitter::Node;

use crate::checker::Checker;
use crate::diagnostic::Edit;
use crate::syntax_kind::{Field, NodeKind, field};

pub(crate) mod binary_open_mode;
pub(crate) mod bytes_constructor;
pub(crate) mod bytes_indexing;
pub(crate) mod bytes_text_mix;
pub(crate) mod classic_class_exception;
pub(crate) mod classic_class_semantics;
pub(crate) mod classic_division;
pub(crate) mod cmp_method;
pub(crate) mod coerce_method;
pub(crate) mod comprehension_variable_escape;
pub(crate) mod csv_binary_mode;
pub(crate) mod dict_keys_list_wrap;
pub(crate) mod dict_view_as_list;
pub(crate) mod div_method;
pub(crate) mod doctest_python2_output;
pub(crate) mod eq_without_hash;
pub(crate) mod exception_indexing;
pub(crate) mod exception_variable_escape;
pub(crate) mod exec_locals;
pub(crate) mod filter_returns_iterator;
pub(crate) mod generator_stop_iteration;
pub(crate) mod hex_oct_method;
pub(crate) mod implicit_relative_import;
pub(crate) mod input_builtin;
pub(crate) mod long_repr_suffix;
pub(crate) mod map_returns_iterator;
pub(crate) mod map_unequal_lengths;
pub(crate) mod metaclass_attribute;
pub(crate) mod next_method_defined;
pub(crate) mod non_text_codec;
pub(crate) mod nonzero_method;
pub(crate) mod oct_output;
pub(crate) mod pickle_python2_data;
pub(crate) mod range_as_list;
pub(crate) mod range_list_wrap;
pub(crate) mod round_builtin;
pub(crate) mod slice_method;
pub(crate) mod str_translate_none;
pub(crate) mod text_to_bytes_api;
pub(crate) mod unicode_method;
pub(crate) mod unorderable_comparison;
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
    let parent = cx.parent(node)?;
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

/// The class body a method definition sits in (`def` directly in a class, possibly
/// decorated), with the class node.
pub(crate) fn method_class(def: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    let mut holder = def.parent()?;
    if NodeKind::of(holder) == NodeKind::DecoratedDefinition {
        holder = holder.parent()?;
    }
    if NodeKind::of(holder) != NodeKind::Block {
        return None;
    }
    let class = holder.parent().filter(|c| NodeKind::of(*c) == NodeKind::ClassDefinition)?;
    Some((class, holder))
}

/// The names a class body defines: methods, and names assigned at class level
/// (`__hash__ = None`, `__next__ = next`).
pub(crate) fn member_names<'s>(cx: &Checker<'s>, body: Node<'_>) -> Vec<&'s str> {
    let mut names = Vec::new();
    for member in crate::ast::code_children(body) {
        let member = if NodeKind::of(member) == NodeKind::DecoratedDefinition {
            match field(member, Field::Definition) {
                Some(definition) => definition,
                None => continue,
            }
        } else {
            member
        };
        match NodeKind::of(member) {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition => {
                if let Some(name) = field(member, Field::Name) {
                    names.push(cx.text(name));
                }
            }
            NodeKind::ExpressionStatement => {
                let mut current = member.named_child(0);
                // `__hash__ = __eq__ = None` binds both.
                while let Some(assignment) = current.filter(|n| NodeKind::of(*n) == NodeKind::Assignment) {
                    if let Some(left) = field(assignment, Field::Left) {
                        let mut targets = Vec::new();
                        crate::semantic::target_names(left, &mut targets);
                        names.extend(targets.into_iter().map(|t| cx.text(t)));
                    }
                    current = field(assignment, Field::Right);
                }
            }
            _ => {}
        }
    }
    names
}

/// The name of a method definition, if `def` is a method (in a class body) with one of
/// `names`: the name node, the class and its body.
pub(crate) fn special_method<'t>(
    cx: &Checker<'_>,
    def: Node<'t>,
    names: &[&str],
) -> Option<(Node<'t>, Node<'t>, Node<'t>)> {
    let name = field(def, Field::Name)?;
    if !names.contains(&cx.text(name)) {
        return None;
    }
    let (class, body) = method_class(def)?;
    Some((name, class, body))
}

/// The superclasses of a class as written (`(object)`, `(Base, Mixin)`), or `None` for a
/// class statement without parentheses.
pub(crate) fn superclasses<'t>(class: Node<'t>) -> Option<Vec<Node<'t>>> {
    let list = field(class, Field::Superclasses)?;
    Some(crate::ast::code_children(list))
}

/// Reports a special method that Python 3 ignores, unless the class defines any of
/// `unless_defined` (its Python 3 replacement), without a fix.
pub(crate) fn report_ignored_method(
    cx: &mut Checker<'_>,
    def: Node<'_>,
    rule: crate::registry::Rule,
    names: &[&str],
    unless_defined: &[&str],
    message: impl FnOnce(&str) -> String,
) {
    let Some((name, _, body)) = special_method(cx, def, names) else { return };
    if member_names(cx, body).iter().any(|member| unless_defined.contains(member)) {
        return;
    }
    let diagnostic = crate::diagnostic::Diagnostic::new(rule, crate::ast::range(name), message(cx.text(name)));
    cx.push(crate::checker::Candidate::new(diagnostic, crate::checker::DialectGate::NotPython3));
}

/// An `open()` (or `io.open()`) call and its mode.
pub(crate) struct OpenCall<'t> {
    pub call: Node<'t>,
    /// The mode literal's text without quotes, `None` for the default `"r"`.
    pub mode: Option<String>,
    /// The mode argument, when given as a string literal.
    pub mode_node: Option<Node<'t>>,
    /// Whether the mode is given but not as a literal (then nothing is known).
    pub mode_unknown: bool,
}

/// The `open()` call that `node` is, or that the name `node` was bound to: by an
/// enclosing `with open(...) as name:`, or by the only assignment to the name in its
/// function.
pub(crate) fn opened_file<'t>(cx: &Checker<'_>, node: Node<'t>) -> Option<OpenCall<'t>> {
    match NodeKind::of(node) {
        NodeKind::Call => open_call(cx, node),
        NodeKind::Identifier => {
            let name = cx.text(node);
            let mut current = node.parent();
            while let Some(parent) = current {
                match NodeKind::of(parent) {
                    NodeKind::WithStatement => {
                        for item in with_items(parent) {
                            let Some(value) = item.named_child(0) else { continue };
                            if NodeKind::of(value) == NodeKind::AsPattern
                                && let (Some(call), Some(alias)) = (value.named_child(0), field(value, Field::Alias))
                                && cx.text(alias).trim() == name
                            {
                                return open_call(cx, call);
                            }
                        }
                    }
                    NodeKind::FunctionDefinition => {
                        return only_assignment(cx, field(parent, Field::Body)?, name).and_then(|v| open_call(cx, v));
                    }
                    // At module level, only this statement is visible to a rule.
                    _ if parent.parent().is_some_and(|p| NodeKind::of(p) == NodeKind::Module) => {
                        return only_assignment(cx, parent, name).and_then(|value| open_call(cx, value));
                    }
                    NodeKind::Lambda | NodeKind::ClassDefinition => return None,
                    _ => {}
                }
                current = parent.parent();
            }
            None
        }
        _ => None,
    }
}

fn with_items(statement: Node<'_>) -> Vec<Node<'_>> {
    crate::ast::named_children(statement)
        .into_iter()
        .filter(|c| NodeKind::of(*c) == NodeKind::WithClause)
        .flat_map(crate::ast::named_children)
        .filter(|c| NodeKind::of(*c) == NodeKind::WithItem)
        .collect()
}

/// The value of the only `name = value` in `body` (outside nested functions), if the
/// name has no other binding there.
fn only_assignment<'t>(cx: &Checker<'_>, body: Node<'t>, name: &str) -> Option<Node<'t>> {
    let mut found = None;
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        match NodeKind::of(node) {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition | NodeKind::Lambda if node != body => continue,
            NodeKind::String | NodeKind::Comment => continue,
            NodeKind::Assignment => {
                if let Some(left) = field(node, Field::Left) {
                    let mut names = Vec::new();
                    crate::semantic::target_names(left, &mut names);
                    if names.iter().any(|n| cx.text(*n) == name) {
                        if found.is_some() || NodeKind::of(left) != NodeKind::Identifier {
                            return None;
                        }
                        found = field(node, Field::Right);
                    }
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    found
}

fn open_call<'t>(cx: &Checker<'_>, call: Node<'t>) -> Option<OpenCall<'t>> {
    if NodeKind::of(call) != NodeKind::Call {
        return None;
    }
    let function = field(call, Field::Function)?;
    let name = crate::infer::dotted(cx, function)?;
    if !matches!(name.as_str(), "open" | "io.open" | "file") || (name == "open" && cx.rebinds("open")) {
        return None;
    }
    let args = crate::rules::helpers::call_args(call)?;
    let mode_node = args
        .positional
        .get(1)
        .copied()
        .or_else(|| args.keywords.iter().find(|(k, _)| cx.text(*k) == "mode").map(|(_, v)| *v));
    let Some(mode_node) = mode_node else {
        return Some(OpenCall { call, mode: None, mode_node: None, mode_unknown: args.splat });
    };
    match cx.string_parts(mode_node) {
        Some(parts) => Some(OpenCall {
            call,
            mode: Some(cx.slice(parts.content).to_owned()),
            mode_node: Some(mode_node),
            mode_unknown: false,
        }),
        None => Some(OpenCall { call, mode: None, mode_node: None, mode_unknown: true }),
    }
}

/// Functions that iterate once over any iterable they are given (beyond 2to3's list):
/// an iterator works there as well as a list.
const ITERATING_FUNCTIONS: &[&str] = &[
    "min",
    "max",
    "zip",
    "map",
    "filter",
    "dict",
    "frozenset",
    "bytearray",
    "sum",
    "any",
    "all",
    "list",
    "tuple",
    "set",
    "sorted",
    "enumerate",
    "iter",
    "reversed",
    "next",
    "itertools.chain",
    "itertools.islice",
    "itertools.starmap",
    "itertools.groupby",
    "itertools.takewhile",
    "itertools.dropwhile",
    "itertools.compress",
    "itertools.cycle",
    "itertools.tee",
    "itertools.product",
    "itertools.izip",
    "itertools.imap",
    "itertools.ifilter",
    "itertools.zip_longest",
    "itertools.izip_longest",
    "collections.deque",
    "collections.Counter",
    "collections.OrderedDict",
    "heapq.nlargest",
    "heapq.nsmallest",
    "heapq.merge",
    "operator.itemgetter",
];

/// Whether the lazy result of `node` (a `map()`, `filter()` or `zip()` call) is
/// consumed by a single iteration, so that an iterator behaves as the list did: 2to3's
/// contexts (a `for`, a comprehension, `list()`, `sorted()`, `"".join()`, ...), any
/// argument of a function that iterates once (`min()`, `zip()`, `dict()`,
/// `itertools.chain()`), `*` unpacking into a call or display, unpacking and slice
/// assignment (`a, b = map(...)`, `items[:] = filter(...)`), the right side of `in`, or
/// a variable that is assigned once in a function and then iterated exactly once
/// outside any loop.
pub(crate) fn iterated_once(cx: &Checker<'_>, node: Node<'_>) -> bool {
    consumed_where_it_is(cx, node) || single_use_variable(cx, node)
}

fn consumed_where_it_is(cx: &Checker<'_>, node: Node<'_>) -> bool {
    use crate::rules::helpers::{SPECIAL_CONSUMERS, in_iterating_context};
    if in_iterating_context(cx, node, SPECIAL_CONSUMERS, true) {
        return true;
    }
    let Some(parent) = cx.parent(node) else { return false };
    match NodeKind::of(parent) {
        NodeKind::ListSplat | NodeKind::ParenthesizedListSplat => true,
        NodeKind::ArgumentList => {
            let Some(call) = parent.parent() else { return false };
            let Some(function) = field(call, Field::Function).and_then(|f| crate::infer::dotted(cx, f)) else {
                return false;
            };
            let positional = NodeKind::of(node) != NodeKind::KeywordArgument;
            positional
                && ITERATING_FUNCTIONS.contains(&function.as_str())
                && (function.contains('.') || !cx.rebinds(&function))
        }
        // `a, b = map(...)` and `items[:] = filter(...)`.
        NodeKind::Assignment => {
            field(parent, Field::Right) == Some(node)
                && field(parent, Field::Left).is_some_and(|left| match NodeKind::of(left) {
                    NodeKind::PatternList | NodeKind::TuplePattern | NodeKind::ListPattern => true,
                    NodeKind::Subscript => {
                        field(left, Field::Subscript).is_some_and(|s| NodeKind::of(s) == NodeKind::Slice)
                    }
                    _ => false,
                })
        }
        NodeKind::ComparisonOperator => {
            let children = crate::ast::children(parent);
            children
                .iter()
                .position(|c| *c == node)
                .is_some_and(|i| i > 0 && matches!(children[i - 1].kind(), "in" | "not in") && children.len() == 3)
        }
        _ => false,
    }
}

/// `name = map(...)` in a function, with exactly one later read of `name`, which is
/// consumed where it is and not inside a loop that the assignment is outside of.
fn single_use_variable(cx: &Checker<'_>, node: Node<'_>) -> bool {
    let Some(assignment) = cx.parent(node).filter(|p| NodeKind::of(*p) == NodeKind::Assignment) else { return false };
    if field(assignment, Field::Right) != Some(node) {
        return false;
    }
    let Some(target) = field(assignment, Field::Left).filter(|l| NodeKind::of(*l) == NodeKind::Identifier) else {
        return false;
    };
    let name = cx.text(target);
    // The function whose body holds the assignment.
    let mut function = assignment.parent();
    while let Some(current) = function {
        match NodeKind::of(current) {
            NodeKind::FunctionDefinition => break,
            NodeKind::Module | NodeKind::ClassDefinition | NodeKind::Lambda => return false,
            _ => function = current.parent(),
        }
    }
    let Some(body) = function.and_then(|f| field(f, Field::Body)) else { return false };
    let mut reads = Vec::new();
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        match NodeKind::of(current) {
            NodeKind::String | NodeKind::Comment => continue,
            NodeKind::Identifier if cx.text(current) == name => {
                if current == target {
                    continue;
                }
                if !crate::rules::helpers::is_load(cx, current) {
                    return false; // bound again
                }
                reads.push(current);
                continue;
            }
            _ => {}
        }
        // Only nodes whose text holds the name (as a word: a name is a whole token) can hold a read of it.
        let mut cursor = current.walk();
        stack.extend(
            current.named_children(&mut cursor).filter(|child| crate::ast::contains_word(cx.text(*child), name)),
        );
    }
    let [read] = reads.as_slice() else { return false };
    if read.start_byte() < assignment.end_byte() || !consumed_where_it_is(cx, *read) {
        return false;
    }
    // Not read again by a loop around the read, nor from a nested function.
    let mut current = read.parent();
    while let Some(ancestor) = current {
        if ancestor == body {
            return true;
        }
        match NodeKind::of(ancestor) {
            NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition => return false,
            NodeKind::ForStatement | NodeKind::WhileStatement
                if field(ancestor, Field::Body).is_some_and(|b| b.start_byte() <= read.start_byte())
                    && !(ancestor.start_byte() <= assignment.start_byte()
                        && assignment.end_byte() <= ancestor.end_byte()) =>
            {
                return false;
            }
            _ => {}
        }
        current = ancestor.parent();
    }
    false
}
