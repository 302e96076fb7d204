//! PY3223: `gen.throw(E, V[, T])`.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::builtins::method_call;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::NodeKind;

declare_rule! {
    /// `generator.throw(E, V[, T])`, the three-argument form Python 3 deprecated.
    ///
    /// ## What it does
    /// Checks for calls of a `throw` method with an exception class and a value (and
    /// optionally a traceback), as 2to3 does.
    ///
    /// ## Why is this bad?
    /// The signature `throw(type, value, traceback)` is deprecated since Python 3.12 and
    /// 2to3 rewrote it to pass an instance: `throw(E(V))`.
    ///
    /// ## Example
    /// ```python
    /// gen.throw(ValueError, "stop")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// gen.throw(ValueError("stop"))
    /// ```
    ///
    /// ## Fix safety
    /// As for `raise E, V` (PY3109): safe when the value is a literal or a formatting
    /// expression, unsafe otherwise, because Python 2 used the value itself when it was
    /// already an instance of the class. A string exception is reported by PY3225.
    fix: Sometimes,
    kinds: [Call],
    names: ["throw"],
    check: Some(check),
    lib2to3: ["throw"],
    catalogue: [89],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some((_, method)) = method_call(node) else { return };
    if cx.text(method) != "throw" {
        return;
    }
    let Some(args) = call_args(node) else { return };
    if args.generator
        || !args.between(2, 3)
        || matches!(NodeKind::of(args.positional[0]), NodeKind::String | NodeKind::ConcatenatedString)
    {
        return;
    }
    let exception = cx.text(args.positional[0]);
    let value = args.positional[1];
    let value_node = ast::unparenthesize(value);
    let arguments = if NodeKind::of(value_node) == NodeKind::Tuple {
        let text = cx.text(value_node);
        text[1..text.len() - 1].to_owned()
    } else {
        cx.text(value).to_owned()
    };
    let mut replacement = format!("({exception}({arguments})");
    if let Some(traceback) = args.positional.get(2) {
        replacement.push_str(&format!(".with_traceback({})", cx.text(*traceback)));
    }
    replacement.push(')');
    let plain = matches!(
        NodeKind::of(value_node),
        NodeKind::String | NodeKind::ConcatenatedString | NodeKind::Integer | NodeKind::Float | NodeKind::Tuple
    );
    let applicability = if plain { Applicability::Safe } else { Applicability::Unsafe };
    let fix =
        Fix::new("Pass an exception instance", vec![Edit::replace(ast::range(args.list), replacement)], applicability);
    let diagnostic = Diagnostic::new(
        Rule::GeneratorThrowArgs,
        ast::range(node),
        "`throw(E, V)` is deprecated on Python 3; pass `E(V)`",
    )
    .with_fix(fix);
    cx.push(Candidate::new(diagnostic, DialectGate::NotPython3));
}
