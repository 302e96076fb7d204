//! Which Python a file is written in, judged from syntax evidence, the project metadata
//! and the `source` setting. Rules about Python 2 semantics stay quiet in Python 3 code.

use tree_sitter::Node;

use crate::checker::Checker;
use crate::settings::SourceDialect;
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::TextRange;

/// The language of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Uses constructs only Python 2 accepts, and none only Python 3 accepts.
    Python2,
    /// Uses constructs only Python 3 accepts (or is declared Python 3), and no Python 2
    /// syntax.
    Python3,
    /// Uses nothing specific to either: valid in both.
    Compatible,
    /// Uses constructs of both (a half-ported file), or could not be parsed enough to tell.
    Undetermined,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Python2 => "python2",
            Dialect::Python3 => "python3",
            Dialect::Compatible => "compatible",
            Dialect::Undetermined => "undetermined",
        }
    }
}

/// A construct that shows the dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub range: TextRange,
    /// What the construct is, in a few words ("f-string", "print-statement").
    pub what: &'static str,
}

/// The dialect and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DialectInfo {
    pub dialect: Dialect,
    pub py2_evidence: Option<Evidence>,
    pub py3_evidence: Option<Evidence>,
    /// Where the verdict came from.
    pub basis: DialectBasis,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialectBasis {
    /// The `source` setting.
    Setting,
    /// The file's syntax.
    Syntax,
    /// The project metadata (`requires-python`, classifiers), the file being neutral.
    ProjectMetadata,
    /// The project's other files, most of which are Python 2, the file being neutral.
    ProjectFiles,
}

/// What the project declares about its Python, as the edges read it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ProjectPython {
    /// Nothing declared, or both versions supported.
    #[default]
    Unknown,
    /// Python 3 only (`requires-python = ">=3.8"`, only Python 3 classifiers).
    Python3Only,
    /// Python 2 only (`python_requires = "<3"`, only Python 2 classifiers).
    Python2Only,
    /// Nothing declared, but more of the project's files are Python 2 than Python 3 by
    /// their syntax: an edge that sees the whole project (the command line, the language
    /// server) counts, and re-checks the neutral files that withheld findings.
    MostlyPython2,
}

impl ProjectPython {
    /// Reads a PEP 440 specifier (`>=3.8`, `>=2.7, !=3.0.*`, `<3`) and trove classifiers.
    pub fn from_metadata(requires_python: Option<&str>, classifiers: &[String]) -> Self {
        if let Some(spec) = requires_python {
            let mut min_major = None;
            let mut below_3 = false;
            for clause in spec.split(',') {
                let clause = clause.trim();
                let (op, version) = match clause.find(|c: char| c.is_ascii_digit()) {
                    Some(i) => (clause[..i].trim(), clause[i..].trim()),
                    None => continue,
                };
                let major: Option<u32> = version.split('.').next().and_then(|m| m.parse().ok());
                match (op, major) {
                    ("==" | "===", Some(major)) => {
                        min_major = Some(major);
                        below_3 |= major < 3;
                    }
                    (">=" | ">" | "~=", Some(major)) => {
                        min_major = Some(min_major.map_or(major, |m: u32| m.max(major)))
                    }
                    ("<", Some(major)) => below_3 |= major < 3 || matches!(version, "3" | "3.0" | "3.0.0"),
                    ("<=", Some(major)) => below_3 |= major < 3,
                    _ => {}
                }
            }
            if below_3 {
                return ProjectPython::Python2Only;
            }
            if min_major.is_some_and(|major| major >= 3) {
                return ProjectPython::Python3Only;
            }
        }
        let py2 = classifiers.iter().any(|c| c.starts_with("Programming Language :: Python :: 2"));
        let py3 = classifiers.iter().any(|c| c.starts_with("Programming Language :: Python :: 3"));
        match (py2, py3) {
            (false, true) => ProjectPython::Python3Only,
            (true, false) => ProjectPython::Python2Only,
            _ => ProjectPython::Unknown,
        }
    }
}

/// Decides the dialect of a file from its evidence.
pub(crate) fn decide(
    setting: SourceDialect,
    project: ProjectPython,
    py2: Option<Evidence>,
    py3: Option<Evidence>,
    unexplained_errors: bool,
) -> DialectInfo {
    let (dialect, basis) = match setting {
        SourceDialect::Py2 => (Dialect::Python2, DialectBasis::Setting),
        SourceDialect::Py3 => (Dialect::Python3, DialectBasis::Setting),
        SourceDialect::Auto => match (py2.is_some(), py3.is_some()) {
            (true, true) => (Dialect::Undetermined, DialectBasis::Syntax),
            (true, false) => (Dialect::Python2, DialectBasis::Syntax),
            (false, true) => (Dialect::Python3, DialectBasis::Syntax),
            (false, false) => match project {
                ProjectPython::Python3Only => (Dialect::Python3, DialectBasis::ProjectMetadata),
                ProjectPython::Python2Only => (Dialect::Python2, DialectBasis::ProjectMetadata),
                ProjectPython::MostlyPython2 => (Dialect::Python2, DialectBasis::ProjectFiles),
                ProjectPython::Unknown if unexplained_errors => (Dialect::Undetermined, DialectBasis::Syntax),
                ProjectPython::Unknown => (Dialect::Compatible, DialectBasis::Syntax),
            },
        },
    };
    DialectInfo { dialect, py2_evidence: py2, py3_evidence: py3, basis }
}

/// Records Python-3-only syntax. Python 2 evidence comes from the syntax rules' findings.
#[inline]
pub(crate) fn observe(cx: &mut Checker<'_>, kind: NodeKind, node: Node<'_>) {
    // Called for every node: most kinds say nothing, and are turned away before the call.
    if !observes(kind) {
        return;
    }
    observe_evidence(cx, kind, node);
}

/// The kinds [`observe_evidence`] looks at.
#[inline]
pub(crate) fn observes(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Interpolation
            | NodeKind::TypedParameter
            | NodeKind::TypedDefaultParameter
            | NodeKind::KeywordSeparator
            | NodeKind::NonlocalStatement
            | NodeKind::Await
            | NodeKind::MatchStatement
            | NodeKind::NamedExpression
            | NodeKind::FunctionDefinition
            | NodeKind::Assignment
            | NodeKind::RaiseStatement
            | NodeKind::Yield
            | NodeKind::BinaryOperator
            | NodeKind::ListSplatPattern
            | NodeKind::DictionarySplat
            | NodeKind::ClassDefinition
            | NodeKind::Call
    )
}

#[inline(never)]
fn observe_evidence(cx: &mut Checker<'_>, kind: NodeKind, node: Node<'_>) {
    let what = match kind {
        NodeKind::Interpolation => "f-string",
        NodeKind::TypedParameter | NodeKind::TypedDefaultParameter => "parameter annotation",
        NodeKind::KeywordSeparator => "keyword-only parameters",
        NodeKind::NonlocalStatement => "nonlocal statement",
        NodeKind::Await => "await expression",
        NodeKind::MatchStatement => "match statement",
        NodeKind::NamedExpression => "assignment expression",
        NodeKind::FunctionDefinition => {
            if field(node, Field::ReturnType).is_some() {
                "return annotation"
            } else if node.child(0).is_some_and(|first| first.kind() == "async") {
                "async def"
            } else {
                return;
            }
        }
        NodeKind::Assignment if field(node, Field::Type).is_some() => "variable annotation",
        NodeKind::RaiseStatement if field(node, Field::Cause).is_some() => "raise ... from",
        NodeKind::Yield if node.child(1).is_some_and(|second| second.kind() == "from") => "yield from",
        NodeKind::BinaryOperator if field(node, Field::Operator).is_some_and(|op| op.kind() == "@") => {
            "matrix multiplication"
        }
        // `a, *rest = x`; in a parameter list, `*args` is the same node and valid in both.
        NodeKind::ListSplatPattern
            if cx.parent(node).is_some_and(|parent| {
                matches!(NodeKind::of(parent), NodeKind::PatternList | NodeKind::TuplePattern | NodeKind::ListPattern)
            }) =>
        {
            "starred assignment target"
        }
        NodeKind::DictionarySplat if cx.parent(node).is_some_and(|p| NodeKind::of(p) == NodeKind::Dictionary) => {
            "dict unpacking"
        }
        NodeKind::ClassDefinition => {
            let has_keyword = field(node, Field::Superclasses).is_some_and(|supers| {
                let mut cursor = supers.walk();
                supers.named_children(&mut cursor).any(|arg| NodeKind::of(arg) == NodeKind::KeywordArgument)
            });
            if !has_keyword {
                return;
            }
            "class keyword argument"
        }
        NodeKind::Call if !cx.module.future.print_function => {
            // The text first: most calls are not `print(...)`.
            let is_print = cx.text(node).starts_with("print")
                && field(node, Field::Function).is_some_and(|f| cx.text(f) == "print");
            let has_keyword = is_print
                && field(node, Field::Arguments).is_some_and(|args| {
                    let mut cursor = args.walk();
                    args.named_children(&mut cursor).any(|arg| {
                        matches!(
                            NodeKind::of(arg),
                            NodeKind::KeywordArgument | NodeKind::ListSplat | NodeKind::DictionarySplat
                        )
                    })
                });
            if !has_keyword {
                return;
            }
            "print() with keyword arguments"
        }
        _ => return,
    };
    cx.py3_evidence(TextRange::from_usize(node.byte_range()), what);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_metadata() {
        assert_eq!(ProjectPython::from_metadata(Some(">=3.8"), &[]), ProjectPython::Python3Only);
        assert_eq!(ProjectPython::from_metadata(Some(">=2.7, !=3.0.*, !=3.1.*"), &[]), ProjectPython::Unknown);
        assert_eq!(ProjectPython::from_metadata(Some("<3"), &[]), ProjectPython::Python2Only);
        assert_eq!(ProjectPython::from_metadata(Some("~=3.6"), &[]), ProjectPython::Python3Only);
        let classifiers = vec!["Programming Language :: Python :: 2.7".to_owned()];
        assert_eq!(ProjectPython::from_metadata(None, &classifiers), ProjectPython::Python2Only);
    }
}
