//! The rules, one file each under `rules/<family>/`. A rule file declares, with
//! [`declare_rule!`], its documentation (the doc comment), the node kinds it looks at,
//! whether it fixes, and which lib2to3 fixers and catalogue rows it corresponds to; the
//! registry table gives it a code, a name and a default severity.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::registry::FixAvailability;
use crate::syntax_kind::NodeKind;

pub(crate) mod behaviour;
pub(crate) mod builtins;
pub(crate) mod dependencies;
pub(crate) mod helpers;
pub(crate) mod leftovers;
pub(crate) mod stdlib;
pub(crate) mod syntax;

/// A rule's check, called for each node of a declared kind.
pub(crate) type CheckFn = for<'a> fn(&mut Checker<'a>, Node<'a>);

/// What a rule file declares about itself.
#[derive(Debug)]
pub(crate) struct RuleDecl {
    /// The first line of the doc comment: one sentence.
    pub summary: &'static str,
    /// The whole doc comment (empty without the `docs` feature).
    pub docs: &'static str,
    pub fix: FixAvailability,
    /// The node kinds the check is called on; empty for rules the engine emits itself.
    pub kinds: &'static [NodeKind],
    /// When not empty, on identifiers, calls, attributes and function definitions the
    /// check is called only for nodes with one of these names: an identifier's text, a
    /// call's function name (or method name), an attribute's name, a function's name. The
    /// walk looks the name up once per node instead of calling every such rule. Other
    /// kinds are dispatched unkeyed.
    pub names: &'static [&'static str],
    pub check: Option<CheckFn>,
    pub lib2to3: &'static [&'static str],
    pub catalogue: &'static [u16],
}

/// Declares a rule: its doc comment becomes its documentation.
///
/// ```text
/// declare_rule! {
///     /// Checks for ...
///     ///
///     /// ## What it does
///     /// ...
///     fix: Always,
///     kinds: [PrintStatement],
///     check: check,
///     lib2to3: ["print"],
///     catalogue: [1],
/// }
/// ```
macro_rules! declare_rule {
    (
        #[doc = $summary:literal]
        $(#[doc = $doc:literal])*
        fix: $fix:ident,
        kinds: [$($kind:ident),* $(,)?],
        $(names: [$($name:literal),* $(,)?],)?
        check: $check:expr,
        lib2to3: [$($fixer:literal),* $(,)?],
        catalogue: [$($row:literal),* $(,)?],
    ) => {
        $crate::rules::declare_rule! {
            #[doc = $summary]
            $(#[doc = $doc])*
            fix: $fix,
            kinds: [$($kind),*],
            names_from: &[$($($name),*)?],
            check: $check,
            lib2to3: [$($fixer),*],
            catalogue: [$($row),*],
        }
    };
    (
        #[doc = $summary:literal]
        $(#[doc = $doc:literal])*
        fix: $fix:ident,
        kinds: [$($kind:ident),* $(,)?],
        names_from: $names:expr,
        check: $check:expr,
        lib2to3: [$($fixer:literal),* $(,)?],
        catalogue: [$($row:literal),* $(,)?],
    ) => {
        #[cfg(feature = "docs")]
        const DOCS: &str = concat!($summary, "\n", $($doc, "\n",)*);
        #[cfg(not(feature = "docs"))]
        const DOCS: &str = "";

        pub(crate) static DECL: $crate::rules::RuleDecl = $crate::rules::RuleDecl {
            summary: $summary,
            docs: DOCS,
            fix: $crate::registry::FixAvailability::$fix,
            kinds: &[$($crate::syntax_kind::NodeKind::$kind),*],
            names: $names,
            check: $check,
            lib2to3: &[$($fixer),*],
            catalogue: &[$($row),*],
        };
    };
}
pub(crate) use declare_rule;

/// Removes the one leading space that `///` leaves on each line.
pub(crate) fn dedent_docs(docs: &str) -> String {
    let mut out = String::with_capacity(docs.len());
    for line in docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out.trim_end().to_owned() + if docs.is_empty() { "" } else { "\n" }
}
