//! PY3437: loading pickles that Python 2 may have written.

use tree_sitter::Node;

use crate::ast;
use crate::checker::{Candidate, Checker, DialectGate};
use crate::diagnostic::{Confidence, Diagnostic, Edit, Fix};
use crate::infer::dotted;
use crate::registry::Rule;
use crate::rules::declare_rule;
use crate::rules::helpers::call_args;
use crate::syntax_kind::Field;

declare_rule! {
    /// `pickle.load()` or `pickle.loads()` without `encoding=`: pickles written by Python 2 fail to load on Python 3.
    ///
    /// ## What it does
    /// Checks calls of `pickle.load`, `pickle.loads`, `cPickle.load`, `cPickle.loads`,
    /// `pickle.Unpickler` and `cPickle.Unpickler` without an `encoding` argument, in
    /// Python 2 code (Python 2 syntax or metadata, a project that is mostly Python 2,
    /// or removed builtins in the file). Reported with medium confidence: whether the
    /// data on disk, in caches and in queues was written by Python 2 is not visible in
    /// the code.
    ///
    /// ## Why is this bad?
    /// Python 3 decodes Python 2 `str` objects inside a pickle as ASCII by default:
    /// pickles holding non-ASCII byte strings, `datetime` objects or NumPy arrays raise
    /// `UnicodeDecodeError` when read back, during the rollout when both versions share
    /// the data.
    ///
    /// ## Example
    /// ```python
    /// import pickle
    ///
    /// with open(CACHE, "rb") as handle:
    ///     index = pickle.load(handle)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import pickle
    ///
    /// with open(CACHE, "rb") as handle:
    ///     index = pickle.load(handle, encoding="latin1")
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `encoding="latin1"`, which loads Python 2 `str` objects (and
    /// `datetime`s) as text with their bytes preserved; it is unsafe: data that is
    /// really binary may want `encoding="bytes"`, and Python 2's `pickle` does not
    /// accept the argument.
    fix: Always,
    kinds: [Call],
    names: ["load", "loads", "Unpickler"],
    check: Some(check),
    lib2to3: [],
    catalogue: [107],
}

fn check(cx: &mut Checker<'_>, node: Node<'_>) {
    let Some(function) = crate::syntax_kind::field(node, Field::Function) else { return };
    let Some(name) = dotted(cx, function) else { return };
    let Some((module, _)) = name
        .split_once('.')
        .filter(|(m, f)| matches!(*m, "pickle" | "cPickle") && matches!(*f, "load" | "loads" | "Unpickler"))
    else {
        return;
    };
    let Some(args) = call_args(node) else { return };
    if args.splat || args.positional.is_empty() || args.keywords.iter().any(|(k, _)| cx.text(*k) == "encoding") {
        return;
    }
    let fix = Fix::unsafe_edits(
        "Pass `encoding=\"latin1\"`",
        vec![Edit::insert(
            args.positional.last().map_or(node.end_byte(), |a| a.end_byte()) as u32,
            ", encoding=\"latin1\"",
        )],
    );
    let fix = fix.filter(|_| args.keywords.is_empty() && !args.trailing_comma);
    let mut diagnostic = Diagnostic::new(
        Rule::PicklePython2Data,
        ast::range(node),
        format!("`{name}()` cannot read Python 2 pickles of `str` or `datetime` without `encoding=` on Python 3"),
    )
    .with_fix(fix);
    diagnostic.confidence = Confidence::Medium;
    let mut candidate = Candidate::new(diagnostic, DialectGate::Python2);
    candidate.requires_import = Some((module.to_owned(), module.to_owned()));
    cx.push(candidate);
}
