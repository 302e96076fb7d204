//! The rule registry: one hand-sorted table of every rule with its stable code, its
//! kebab-case name and its default severity. What a rule looks at, whether it fixes, and
//! its documentation are declared next to its code, in the rule's own file.
//!
//! Codes are never reused or renumbered; a removed rule keeps its line.

use crate::diagnostic::Severity;
use crate::rules::{self, RuleDecl};

/// The kind of breakage a rule is about. Also the folder of the rule under `rules/` and
/// the JSON `family` field. Derived from the code: `PY31xx` is `syntax`, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Python 2 syntax that Python 3 refuses to compile (`PY31xx`).
    Syntax,
    /// Removed or renamed builtins and methods (`PY32xx`).
    Builtins,
    /// Moved or removed standard-library modules and names (`PY33xx`).
    Stdlib,
    /// Code that still runs on Python 3 but means something else (`PY34xx`).
    Behaviour,
    /// Python 2 compatibility leftovers in Python 3 code (`PY35xx`, off by default).
    Leftovers,
    /// Dependencies without Python 3 support (`PY36xx`).
    Dependencies,
}

impl Family {
    pub const ALL: [Family; 6] =
        [Family::Syntax, Family::Builtins, Family::Stdlib, Family::Behaviour, Family::Leftovers, Family::Dependencies];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Builtins => "builtins",
            Family::Stdlib => "stdlib",
            Family::Behaviour => "behaviour",
            Family::Leftovers => "leftovers",
            Family::Dependencies => "dependencies",
        }
    }

    /// The family that owns a code, from its `PY3n` prefix.
    const fn of_code(code: &str) -> Family {
        match code.as_bytes()[3] {
            b'1' => Family::Syntax,
            b'2' => Family::Builtins,
            b'3' => Family::Stdlib,
            b'4' => Family::Behaviour,
            b'5' => Family::Leftovers,
            _ => Family::Dependencies,
        }
    }
}

/// Whether a rule offers fixes, as declared by the rule and checked by the test harness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixAvailability {
    Never,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::Never => "never",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// Everything known about a rule: the registry line plus the rule's own declaration.
#[derive(Debug)]
pub struct RuleMeta {
    pub rule: Rule,
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub default_enabled: bool,
    pub(crate) decl: &'static RuleDecl,
}

impl RuleMeta {
    /// One sentence: what the rule flags.
    pub fn summary(&self) -> &'static str {
        self.decl.summary.trim()
    }

    /// The rule's documentation in Markdown (`## What it does`, `## Why is this bad?`,
    /// `## Example`, `Use instead:`, `## Fix safety`). Empty when the crate is built
    /// without the `docs` feature (the WASM analyzer ships docs as a separate asset).
    pub fn docs(&self) -> String {
        rules::dedent_docs(self.decl.docs)
    }

    pub fn fix_availability(&self) -> FixAvailability {
        self.decl.fix
    }

    /// The lib2to3 fixers this rule corresponds to; empty when none.
    pub fn lib2to3_fixers(&self) -> &'static [&'static str] {
        self.decl.lib2to3
    }

    /// The rows of the incompatibility catalogue this rule covers.
    pub fn catalogue_rows(&self) -> &'static [u16] {
        self.decl.catalogue
    }

    /// Whether the rule looks at code (rather than being emitted by the engine itself, as
    /// parse errors and unreadable files are).
    pub fn decl_has_check(&self) -> bool {
        self.decl.check.is_some()
    }

    /// Where the rule's documentation page lives.
    pub fn url(&self) -> String {
        format!("{DOCS_BASE_URL}/{}/", self.name)
    }
}

/// Base of the rule documentation pages generated under `docs/rules/`.
pub const DOCS_BASE_URL: &str = "https://py3port.github.io/py3port/rules";

macro_rules! registry {
    ($($code:literal, $name:literal, $variant:ident, $family:ident::$module:ident, $severity:ident, $enabled:literal;)*) => {
        /// A rule, by its registry variant. `Rule::meta()` gives everything about it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u16)]
        pub enum Rule {
            $($variant,)*
        }

        /// The registry, in code order.
        pub static RULES: &[RuleMeta] = &[
            $(RuleMeta {
                rule: Rule::$variant,
                code: $code,
                name: $name,
                family: Family::of_code($code),
                severity: Severity::$severity,
                default_enabled: $enabled,
                decl: &rules::$family::$module::DECL,
            },)*
        ];

        /// The folder each rule's file lives in, for the layout test.
        #[cfg(test)]
        pub(crate) static RULE_FOLDERS: &[(Rule, &str)] = &[$((Rule::$variant, stringify!($family)),)*];
    };
}

registry! {
    "PY3100", "parse-error",                   ParseError,                 syntax::parse_error,              Error,   true;
    "PY3101", "print-statement",               PrintStatement,             syntax::print_statement,          Error,   true;
    "PY3102", "exec-statement",                ExecStatement,              syntax::exec_statement,           Error,   true;
    "PY3103", "backquote-repr",                BackquoteRepr,              syntax::backquote_repr,           Error,   true;
    "PY3104", "diamond-not-equal",             DiamondNotEqual,            syntax::diamond_not_equal,        Error,   true;
    "PY3105", "old-octal-literal",             OldOctalLiteral,            syntax::old_octal_literal,        Error,   true;
    "PY3106", "long-suffix",                   LongSuffix,                 syntax::long_suffix,              Error,   true;
    "PY3107", "raw-unicode-literal",           RawUnicodeLiteral,          syntax::raw_unicode_literal,      Error,   true;
    "PY3108", "except-comma",                  ExceptComma,                syntax::except_comma,             Error,   true;
    "PY3109", "raise-comma",                   RaiseComma,                 syntax::raise_comma,              Error,   true;
    "PY3110", "tuple-parameter",               TupleParameter,             syntax::tuple_parameter,          Error,   true;
    "PY3111", "comprehension-bare-tuple",      ComprehensionBareTuple,     syntax::comprehension_bare_tuple, Error,   true;
    "PY3112", "import-star-in-function",       ImportStarInFunction,       syntax::import_star_in_function,  Error,   true;
    "PY3113", "inconsistent-tabs",             InconsistentTabs,           syntax::inconsistent_tabs,        Error,   true;
    "PY3114", "assignment-to-keyword-constant", AssignmentToKeywordConstant, syntax::assignment_to_keyword_constant, Error, true;
    "PY3115", "keyword-as-identifier",         KeywordAsIdentifier,        syntax::keyword_as_identifier,    Error,   true;
    "PY3116", "unicode-escape-in-str",         UnicodeEscapeInStr,         syntax::unicode_escape_in_str,    Error,   true;
    "PY3117", "non-ascii-bytes-literal",       NonAsciiBytesLiteral,       syntax::non_ascii_bytes_literal,  Error,   true;
    "PY3190", "file-too-large",                FileTooLarge,               syntax::file_too_large,           Info,    true;
    "PY3191", "undecodable-source",            UndecodableSource,          syntax::undecodable_source,       Error,   true;
}

impl Rule {
    /// Number of rules in the registry.
    pub const COUNT: usize = RULES.len();

    pub fn meta(self) -> &'static RuleMeta {
        &RULES[self as usize]
    }

    pub fn code(self) -> &'static str {
        self.meta().code
    }

    pub fn name(self) -> &'static str {
        self.meta().name
    }

    pub fn family(self) -> Family {
        self.meta().family
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Every rule, in code order.
    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|meta| meta.rule)
    }

    /// The rule with this exact code (`PY3101`) or name (`print-statement`).
    pub fn from_code_or_name(text: &str) -> Option<Rule> {
        RULES.iter().find(|meta| meta.code.eq_ignore_ascii_case(text) || meta.name == text).map(|meta| meta.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_in_their_family_folder() {
        for pair in RULES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} must sort before {}", pair[0].code, pair[1].code);
        }
        for (index, meta) in RULES.iter().enumerate() {
            assert_eq!(meta.rule as usize, index);
            assert!(meta.code.len() == 6 && meta.code.starts_with("PY3"), "{}", meta.code);
            assert!(meta.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", meta.name);
        }
        for (rule, folder) in RULE_FOLDERS {
            assert_eq!(rule.family().as_str(), *folder, "{} lives in the wrong folder", rule.code());
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = RULES.iter().map(|meta| meta.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(Rule::from_code_or_name("PY3101"), Some(Rule::PrintStatement));
        assert_eq!(Rule::from_code_or_name("print-statement"), Some(Rule::PrintStatement));
        assert_eq!(Rule::from_code_or_name("PY9999"), None);
    }
}
