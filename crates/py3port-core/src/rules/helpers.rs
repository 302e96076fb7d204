//! Helpers the rules share: call arguments, name contexts, iterating contexts.

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::syntax_kind::{Field, NodeKind, field};

/// The arguments of a call, by kind.
pub(crate) struct CallArgs<'t> {
    pub list: Node<'t>,
    pub positional: Vec<Node<'t>>,
    pub keywords: Vec<(Node<'t>, Node<'t>)>,
    /// `*args` or `**kwargs` present.
    pub splat: bool,
    pub trailing_comma: bool,
    /// A generator expression as the only argument: `f(x for x in y)`.
    pub generator: bool,
}

impl CallArgs<'_> {
    /// Only positional arguments, `count` of them.
    pub fn exactly(&self, count: usize) -> bool {
        self.positional.len() == count && self.keywords.is_empty() && !self.splat
    }

    /// Only positional arguments, between `min` and `max` of them.
    pub fn between(&self, min: usize, max: usize) -> bool {
        (min..=max).contains(&self.positional.len()) && self.keywords.is_empty() && !self.splat
    }

    pub fn keyword(&self, cx: &Checker<'_>, name: &str) -> Option<Node<'_>> {
        self.keywords.iter().find(|(key, _)| cx.text(*key) == name).map(|(_, value)| *value)
    }
}

pub(crate) fn call_args(call: Node<'_>) -> Option<CallArgs<'_>> {
    let list = field(call, Field::Arguments)?;
    if NodeKind::of(list) == NodeKind::GeneratorExpression {
        return Some(CallArgs {
            list,
            positional: vec![list],
            keywords: Vec::new(),
            splat: false,
            trailing_comma: false,
            generator: true,
        });
    }
    let mut args = CallArgs {
        list,
        positional: Vec::new(),
        keywords: Vec::new(),
        splat: false,
        trailing_comma: false,
        generator: false,
    };
    for child in ast::code_children(list) {
        match NodeKind::of(child) {
            NodeKind::KeywordArgument => {
                if let (Some(name), Some(value)) = (field(child, Field::Name), field(child, Field::Value)) {
                    args.keywords.push((name, value));
                }
            }
            NodeKind::ListSplat | NodeKind::DictionarySplat | NodeKind::ParenthesizedListSplat => args.splat = true,
            _ => args.positional.push(child),
        }
    }
    let children = ast::children(list);
    args.trailing_comma = children.len() >= 2 && children[children.len() - 2].kind() == ",";
    Some(args)
}

/// Whether an identifier is read as a variable (rather than bound, declared, used as
/// an attribute or keyword name, or imported).
pub(crate) fn is_load(cx: &Checker<'_>, name: Node<'_>) -> bool {
    let Some(parent) = cx.parent(name) else { return true };
    let is = |f: Field| field(parent, f) == Some(name);
    match NodeKind::of(parent) {
        NodeKind::Attribute => !is(Field::Attribute),
        NodeKind::KeywordArgument => !is(Field::Name),
        NodeKind::FunctionDefinition | NodeKind::ClassDefinition => !is(Field::Name),
        NodeKind::DefaultParameter | NodeKind::TypedDefaultParameter => !is(Field::Name),
        NodeKind::Parameters
        | NodeKind::LambdaParameters
        | NodeKind::TypedParameter
        | NodeKind::ListSplatPattern
        | NodeKind::DictionarySplatPattern
        | NodeKind::TuplePattern
        | NodeKind::ListPattern
        | NodeKind::PatternList
        | NodeKind::DottedName
        | NodeKind::AliasedImport
        | NodeKind::ImportStatement
        | NodeKind::ImportFromStatement
        | NodeKind::FutureImportStatement
        | NodeKind::GlobalStatement
        | NodeKind::NonlocalStatement => false,
        NodeKind::Assignment | NodeKind::ForStatement | NodeKind::ForInClause => !is(Field::Left),
        NodeKind::NamedExpression => !is(Field::Name),
        NodeKind::AsPattern => !is(Field::Alias),
        _ => true,
    }
}

/// Whether `node` is used where only iterating over it matters, as 2to3 decides: the
/// iterable of a `for` or a comprehension (if `loops`), the only argument of one of
/// `consumers` (or of `x.join`), or the first argument of `sorted` or `enumerate`.
pub(crate) fn in_iterating_context(cx: &Checker<'_>, node: Node<'_>, consumers: &[&str], loops: bool) -> bool {
    let Some(parent) = cx.parent(node) else { return false };
    match NodeKind::of(parent) {
        NodeKind::ForStatement | NodeKind::ForInClause => loops && field(parent, Field::Right) == Some(node),
        NodeKind::ArgumentList => {
            let Some(call) = parent.parent() else { return false };
            let Some(function) = field(call, Field::Function) else { return false };
            let args: Vec<Node<'_>> = ast::code_children(parent);
            let name = match NodeKind::of(function) {
                NodeKind::Identifier => cx.text(function),
                NodeKind::Attribute if field(function, Field::Attribute).is_some_and(|a| cx.text(a) == "join") => {
                    "join"
                }
                _ => return false,
            };
            let children = ast::children(parent);
            let trailing_comma = children.len() >= 2 && children[children.len() - 2].kind() == ",";
            if args.len() == 1 && args[0] == node && !trailing_comma {
                return consumers.contains(&name) || name == "join";
            }
            args.first() == Some(&node)
                && matches!(name, "sorted" | "enumerate")
                && consumers.contains(&name)
                && args[1..].iter().all(|a| NodeKind::of(*a) == NodeKind::KeywordArgument || name == "enumerate")
        }
        _ => false,
    }
}

/// The calls 2to3 treats as consuming an iterable (`fixer_util.consuming_calls`, plus
/// `iter`).
pub(crate) const CONSUMERS: &[&str] =
    &["sorted", "list", "set", "any", "all", "tuple", "sum", "min", "max", "enumerate", "iter"];

/// The calls of 2to3's `in_special_context` for map, filter, zip and range.
pub(crate) const SPECIAL_CONSUMERS: &[&str] =
    &["iter", "list", "tuple", "sorted", "set", "sum", "any", "all", "enumerate"];

/// Whether an expression needs parentheses to be called or subscripted (`(f+g)(*args)`).
pub(crate) fn needs_parentheses(node: Node<'_>) -> bool {
    !matches!(
        NodeKind::of(node),
        NodeKind::Identifier
            | NodeKind::Attribute
            | NodeKind::Call
            | NodeKind::Subscript
            | NodeKind::ParenthesizedExpression
            | NodeKind::String
            | NodeKind::ConcatenatedString
            | NodeKind::List
            | NodeKind::Dictionary
            | NodeKind::Set
            | NodeKind::Tuple
            | NodeKind::Integer
            | NodeKind::Float
            | NodeKind::ListComprehension
            | NodeKind::DictionaryComprehension
            | NodeKind::SetComprehension
            | NodeKind::GeneratorExpression
    )
}

/// Whether an expression put in `node`'s place is read whole, whatever its operators:
/// a statement's expression, an assignment's value, an argument, an element.
pub(crate) fn in_expression_slot(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else { return false };
    match NodeKind::of(parent) {
        NodeKind::ExpressionStatement
        | NodeKind::ReturnStatement
        | NodeKind::ArgumentList
        | NodeKind::ParenthesizedExpression
        | NodeKind::List
        | NodeKind::Set
        | NodeKind::Tuple
        | NodeKind::ExpressionList => true,
        NodeKind::Assignment | NodeKind::AugmentedAssignment => field(parent, Field::Right) == Some(node),
        NodeKind::KeywordArgument | NodeKind::Pair => field(parent, Field::Value) == Some(node),
        _ => false,
    }
}

/// Whether an expression used as an operand needs parentheses to keep its meaning when
/// placed before `in` (`(f or g) in a`): anything looser than a comparison.
pub(crate) fn needs_parentheses_in_comparison(node: Node<'_>) -> bool {
    matches!(
        NodeKind::of(node),
        NodeKind::BooleanOperator
            | NodeKind::NotOperator
            | NodeKind::Lambda
            | NodeKind::ConditionalExpression
            | NodeKind::ComparisonOperator
            | NodeKind::GeneratorExpression
            | NodeKind::NamedExpression
            | NodeKind::Yield
            | NodeKind::ExpressionList
    )
}

/// The text of `node`, parenthesised when `wrap` says so.
pub(crate) fn maybe_parenthesized(text: &str, wrap: bool) -> String {
    if wrap { format!("({text})") } else { text.to_owned() }
}

/// An edit that removes a statement: its whole line(s) when it has them to itself, or
/// `pass` in its place when it is the only statement of its block or shares its line.
pub(crate) fn remove_statement(cx: &Checker<'_>, statement: Node<'_>) -> crate::diagnostic::Edit {
    use crate::checker::line_of;
    use crate::diagnostic::Edit;
    use crate::text::TextRange;
    let range = ast::range(statement);
    // A block needs a statement; a module does not.
    let alone_in_block = statement
        .parent()
        .is_some_and(|block| NodeKind::of(block) == NodeKind::Block && ast::code_children(block).len() == 1);
    if alone_in_block {
        return Edit::replace(range, "pass");
    }
    let first_line = line_of(cx.source, range);
    let last_line = line_of(cx.source, TextRange::empty(range.end()));
    let before = cx.slice(TextRange::new(first_line.start(), range.start()));
    let after = cx.slice(TextRange::new(range.end(), last_line.end()));
    let after_code = after.split('#').next().unwrap_or(after);
    // A trailing comment stays, on a line of its own.
    if before.trim().is_empty() && after_code.trim().is_empty() && after.trim_start().starts_with('#') {
        let comment = range.end() + (after.len() - after.trim_start().len()) as u32;
        return Edit::delete(TextRange::new(range.start(), comment));
    }
    if before.trim().is_empty() && after_code.trim().is_empty() && after.trim().is_empty() {
        let rest = &cx.source[last_line.end() as usize..];
        let newline = if rest.starts_with("\r\n") { 2 } else { u32::from(rest.starts_with(['\n', '\r'])) };
        let end = last_line.end() + newline;
        // Between two blank lines, one of them goes too: the gap stays as it was.
        let head = &cx.source[..first_line.start() as usize];
        let terminator = if head.ends_with("\r\n") { 2 } else { u32::from(head.ends_with(['\n', '\r'])) };
        let previous = (terminator > 0)
            .then(|| line_of(cx.source, TextRange::empty(first_line.start() - terminator)))
            .filter(|line| cx.slice(*line).trim().is_empty());
        let next_blank = cx.source[end as usize..].split(['\n', '\r']).next().is_some_and(|l| l.trim().is_empty());
        if let Some(previous) = previous.filter(|_| next_blank && (end as usize) < cx.source.len()) {
            return Edit::delete(TextRange::new(previous.start(), end));
        }
        return Edit::delete(TextRange::new(first_line.start(), end));
    }
    Edit::replace(range, "pass")
}

/// Whether a function definition is a generator: its body holds a `yield` outside
/// nested functions, lambdas and classes.
pub(crate) fn is_generator(cx: &Checker<'_>, def: Node<'_>) -> bool {
    if let Some(known) = cx.generators.borrow().get(&def.id()) {
        return *known;
    }
    let mut stack: Vec<Node<'_>> = field(def, Field::Body).into_iter().collect();
    let mut found = false;
    while let Some(node) = stack.pop() {
        match NodeKind::of(node) {
            NodeKind::Yield => {
                found = true;
                break;
            }
            NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition => continue,
            NodeKind::String | NodeKind::Comment => continue,
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    cx.generators.borrow_mut().insert(def.id(), found);
    found
}

/// The `except` clause whose caught exception `name` is, when `name` is used inside that
/// handler's body (and not rebound by an inner scope): `error` in `except E as error:`
/// or `except E, error:`.
pub(crate) fn handler_name<'t>(cx: &Checker<'_>, name: Node<'t>) -> Option<Node<'t>> {
    let text = cx.text(name);
    let mut current = name.parent();
    while let Some(parent) = current {
        match NodeKind::of(parent) {
            NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition => return None,
            // The handler's own target (`as error`) is not a use inside it.
            NodeKind::ExceptClause
                if except_target(cx, parent)
                    .is_some_and(|target| cx.text(target) == text && target.id() != name.id()) =>
            {
                return Some(parent);
            }
            _ => {}
        }
        current = parent.parent();
    }
    None
}

/// The name an `except` clause binds: `e` in `except E as e:` and `except E, e:`.
pub(crate) fn except_target<'t>(cx: &Checker<'_>, clause: Node<'t>) -> Option<Node<'t>> {
    let _ = cx;
    for child in ast::named_children(clause) {
        match NodeKind::of(child) {
            NodeKind::AsPattern => {
                let alias = field(child, Field::Alias)?;
                let target = alias.named_child(0).unwrap_or(alias);
                return (NodeKind::of(target) == NodeKind::Identifier).then_some(target);
            }
            // The body: `except E, e:` has no `as` pattern; its target is read below.
            NodeKind::Block => break,
            _ => {}
        }
    }
    // `except E, e:` keeps both as values.
    let values = crate::syntax_kind::field_children(clause, Field::Value);
    match values.as_slice() {
        [_, target] if NodeKind::of(*target) == NodeKind::Identifier => Some(*target),
        _ => None,
    }
}
