//! PY3425: a list comprehension's loop variable used after the comprehension.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::is_load;
use crate::syntax_kind::{Field, NodeKind, field};

declare_rule! {
    /// A list comprehension's loop variable read after the comprehension: Python 3 does not leak it.
    ///
    /// ## What it does
    /// Checks list comprehensions whose loop variable is read later in the same
    /// function (or in the same module-level statement), where nothing else in that
    /// scope binds the name. Files that are already Python 3 are not checked, and where
    /// the module has a global of that name (which Python 3 code means to read), only
    /// Python 2 code is.
    ///
    /// ## Why is this bad?
    /// Python 2's list comprehensions bound their loop variable in the enclosing scope,
    /// so code could read the last item after the comprehension. Python 3 gives
    /// comprehensions their own scope: the read raises `NameError`, or picks up an
    /// unrelated global of the same name.
    ///
    /// ## Example
    /// ```python
    /// def newest(entries):
    ///     dates = [entry.date for entry in entries]
    ///     return entry
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def newest(entries):
    ///     dates = [entry.date for entry in entries]
    ///     return entries[-1]
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the code must say which item it means.
    fix: Never,
    kinds: [ListComprehension],
    check: Some(check),
    lib2to3: [],
    catalogue: [60],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let mut names = Vec::new();
    for clause in ast::named_children(node) {
        if NodeKind::of(clause) == NodeKind::ForInClause
            && let Some(left) = field(clause, Field::Left)
        {
            crate::semantic::target_names(left, &mut names);
        }
    }
    if names.is_empty() {
        return;
    }
    // The function whose body holds the comprehension, or the module-level statement.
    let ancestors = cx.ancestors(node);
    let mut scope = node;
    for (index, &parent) in ancestors.iter().enumerate() {
        scope = parent;
        if matches!(NodeKind::of(parent), NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition) {
            break;
        }
        if ancestors.get(index + 1).is_some_and(|p| NodeKind::of(*p) == NodeKind::Module) {
            break;
        }
    }
    let region = match NodeKind::of(scope) {
        NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition => field(scope, Field::Body),
        _ => Some(scope),
    };
    let Some(region) = region else { return };
    // What follows the comprehension in its scope, as text: a name that does not occur
    // there is not read there (a cheap test before walking the scope).
    let after = cx.source.get(node.end_byte()..region.end_byte()).unwrap_or("");
    for name in names {
        let text = cx.text(name);
        if !ast::contains_word(after, text) {
            continue;
        }
        if let Some(load) = escaping_read(cx, region, node, text) {
            let diagnostic = Diagnostic::new(
                Rule::ComprehensionVariableEscape,
                ast::range(load),
                format!("`{text}` is the loop variable of a list comprehension above; Python 3 does not leak it"),
            );
            // A global of that name is what Python 3 code means to read; in Python 2
            // code the function read the comprehension's leftover local instead.
            let gate = if cx.rebinds(text) { DialectGate::Python2 } else { DialectGate::NotPython3 };
            cx.push(Candidate::new(diagnostic, gate));
        }
    }
}

/// A read of `name` after `comprehension` in `region`, when nothing but list
/// comprehensions binds `name` there.
fn escaping_read<'t>(cx: &Checker<'_>, region: Node<'t>, comprehension: Node<'t>, name: &str) -> Option<Node<'t>> {
    let mut first_read = None;
    let mut stack = vec![region];
    while let Some(current) = stack.pop() {
        match NodeKind::of(current) {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition => {
                if field(current, Field::Name).is_some_and(|n| cx.text(n) == name) {
                    return None;
                }
                continue;
            }
            NodeKind::Lambda
            | NodeKind::GeneratorExpression
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension
            | NodeKind::String
            | NodeKind::Comment => continue,
            NodeKind::ListComprehension => {
                // Its own reads and bindings are its business; another comprehension
                // binding the same name leaks it too, which is the same finding.
                continue;
            }
            NodeKind::Identifier if cx.text(current) == name => {
                if binds(cx, current) {
                    return None;
                }
                if current.start_byte() >= comprehension.end_byte()
                    && is_load(cx, current)
                    && first_read.is_none_or(|r: Node<'_>| current.start_byte() < r.start_byte())
                {
                    first_read = Some(current);
                }
                continue;
            }
            _ => {}
        }
        // Only nodes whose text holds the name (as a word: a name is a whole token) can bind or read it.
        let mut cursor = current.walk();
        stack.extend(current.named_children(&mut cursor).filter(|child| ast::contains_word(cx.text(*child), name)));
    }
    // Parameters of the function bind the name too.
    let function = region.parent().filter(|p| NodeKind::of(*p) == NodeKind::FunctionDefinition);
    if let Some(parameters) = function.and_then(|f| field(f, Field::Parameters)) {
        let mut bound = Vec::new();
        crate::semantic::parameter_names(parameters, &mut bound);
        if bound.iter().any(|p| cx.text(*p) == name) {
            return None;
        }
    }
    first_read
}

/// Whether this occurrence of a name binds it (an assignment, loop or `with` target, an
/// import, `global`, an `except` name).
fn binds(cx: &Checker<'_>, name: Node<'_>) -> bool {
    let Some(parent) = name.parent() else { return false };
    match NodeKind::of(parent) {
        NodeKind::GlobalStatement | NodeKind::NonlocalStatement | NodeKind::AsPatternTarget => true,
        NodeKind::DottedName | NodeKind::AliasedImport => true,
        NodeKind::ExceptClause => true,
        _ => !is_load(cx, name) && !matches!(NodeKind::of(parent), NodeKind::Attribute | NodeKind::KeywordArgument),
    }
}
