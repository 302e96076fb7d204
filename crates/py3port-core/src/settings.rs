//! Settings: which rules run, at what severity, for which Python, and how the source is
//! judged. One table ([`SETTINGS`]) documents every key in both spellings (kebab-case in
//! TOML, camelCase in LSP, VS Code and JavaScript); [`Settings::set`] accepts either.
//!
//! The core reads no files: the edges turn TOML, JSON or JavaScript values into
//! [`SettingValue`]s and call [`Settings::set`], so every front end validates keys and
//! values the same way and reports the same errors.

use std::fmt;

use crate::diagnostic::{Confidence, Severity};
use crate::registry::{RULES, Rule};

/// Which rules a selector names: `ALL`, a code prefix (`PY31`, `PY3101`) or a name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RuleSelector {
    All,
    Prefix(String),
    Name(String),
}

impl RuleSelector {
    pub fn parse(text: &str) -> Result<Self, SettingsError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("ALL") {
            return Ok(RuleSelector::All);
        }
        let upper = text.to_ascii_uppercase();
        if upper.starts_with("PY") && RULES.iter().any(|meta| meta.code.starts_with(&upper)) {
            return Ok(RuleSelector::Prefix(upper));
        }
        if RULES.iter().any(|meta| meta.name == text) {
            return Ok(RuleSelector::Name(text.to_owned()));
        }
        Err(SettingsError::UnknownRule(text.to_owned()))
    }

    pub fn matches(&self, rule: Rule) -> bool {
        match self {
            RuleSelector::All => true,
            RuleSelector::Prefix(prefix) => rule.code().starts_with(prefix.as_str()),
            RuleSelector::Name(name) => rule.name() == name,
        }
    }

    /// How specific the selector is; when two selectors disagree, the more specific wins.
    fn specificity(&self) -> usize {
        match self {
            RuleSelector::All => 0,
            RuleSelector::Prefix(prefix) => prefix.len(),
            RuleSelector::Name(_) => usize::MAX,
        }
    }
}

impl fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSelector::All => f.write_str("ALL"),
            RuleSelector::Prefix(text) | RuleSelector::Name(text) => f.write_str(text),
        }
    }
}

/// Which Python a file is written in, when the `source` setting forces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SourceDialect {
    /// Judge each file from its syntax and the project metadata.
    #[default]
    Auto,
    Py2,
    Py3,
}

/// What fixes produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Target {
    /// Code for Python 3 only, in 2to3's style.
    #[default]
    Py3,
    /// Code that runs on Python 2.7 and Python 3: every fix keeps Python 2 working, with
    /// `from __future__` imports and, per `compat-library`, `six` or `future`.
    Py2Py3,
}

/// The library that `target = "py2-py3"` fixes may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum CompatLibrary {
    /// `six` (as python-modernize): `six.text_type`, `six.moves`, `six.iteritems(d)`.
    #[default]
    Six,
    /// python-future (as futurize): `from builtins import str`, `from future.utils
    /// import iteritems`, `from past.builtins import basestring`.
    Future,
    /// No library: only rewrites that need none (`try`/`except ImportError` imports).
    None,
}

/// A Python 3 minor version, `py36` to `py314`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PythonVersion(pub u8);

impl PythonVersion {
    pub const MIN: PythonVersion = PythonVersion(6);
    pub const MAX: PythonVersion = PythonVersion(14);
    pub const DEFAULT: PythonVersion = PythonVersion(12);

    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.strip_prefix("py3").or_else(|| text.strip_prefix("3."))?;
        let minor: u8 = digits.parse().ok()?;
        let version = PythonVersion(minor);
        (Self::MIN..=Self::MAX).contains(&version).then_some(version)
    }
}

impl fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "py3{}", self.0)
    }
}

/// A setting's value as any front end can express it.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingValue {
    Bool(bool),
    Integer(i64),
    String(String),
    List(Vec<SettingValue>),
    Table(Vec<(String, SettingValue)>),
}

impl SettingValue {
    fn kind(&self) -> &'static str {
        match self {
            SettingValue::Bool(_) => "a boolean",
            SettingValue::Integer(_) => "an integer",
            SettingValue::String(_) => "a string",
            SettingValue::List(_) => "a list",
            SettingValue::Table(_) => "a table",
        }
    }
}

/// A setting that could not be applied. The message names the key and what it accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    UnknownKey(String),
    UnknownRule(String),
    InvalidValue { key: String, expected: String, found: String },
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::UnknownKey(key) => write!(f, "unknown setting `{key}`"),
            SettingsError::UnknownRule(rule) => {
                write!(
                    f,
                    "unknown rule selector `{rule}`: expected ALL, a code or code prefix such as PY31, or a rule name"
                )
            }
            SettingsError::InvalidValue { key, expected, found } => {
                write!(f, "invalid value for `{key}`: expected {expected}, found {found}")
            }
        }
    }
}

impl std::error::Error for SettingsError {}

/// Analysis settings. `Settings::default()` is what a project without configuration
/// gets.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// `None` means the default rule set.
    pub select: Option<Vec<RuleSelector>>,
    pub extend_select: Vec<RuleSelector>,
    pub ignore: Vec<RuleSelector>,
    pub extend_ignore: Vec<RuleSelector>,
    pub severity: Vec<(RuleSelector, Severity)>,
    pub source: SourceDialect,
    pub target: Target,
    pub compat_library: CompatLibrary,
    pub target_version: PythonVersion,
    pub max_file_size: u64,
    pub min_confidence: Confidence,
    /// Rules whose fixes are never applied by `--fix` (still shown).
    pub unfixable: Vec<RuleSelector>,
    /// Glob patterns of paths to skip (read by the edges that walk files).
    pub exclude: Vec<String>,
    pub extend_exclude: Vec<String>,
    /// Glob pattern -> rules to ignore in matching files (read by the edges).
    pub per_file_ignores: Vec<(String, Vec<RuleSelector>)>,
}

/// Default `max-file-size`: 10 MB. Analysis needs about 30 times the source in memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Self {
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            extend_ignore: Vec::new(),
            severity: Vec::new(),
            source: SourceDialect::Auto,
            target: Target::Py3,
            compat_library: CompatLibrary::Six,
            target_version: PythonVersion::DEFAULT,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            min_confidence: Confidence::High,
            unfixable: Vec::new(),
            exclude: Vec::new(),
            extend_exclude: Vec::new(),
            per_file_ignores: Vec::new(),
        }
    }
}

/// Where a setting applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingScope {
    /// Read by the core: every front end honours it.
    Analysis,
    /// Read by the front ends that walk files (CLI, language server).
    Files,
}

/// One row of the settings table.
#[derive(Debug)]
pub struct SettingDoc {
    /// The TOML key.
    pub kebab: &'static str,
    /// The LSP, VS Code and JavaScript key.
    pub camel: &'static str,
    /// The value's type, in the notation of the docs (`"py2" | "py3"`, `list[str]`, ...).
    pub ty: &'static str,
    /// The default, as TOML would write it.
    pub default: &'static str,
    pub scope: SettingScope,
    pub description: &'static str,
}

/// The settings table: every key of every front end. Later features add rows here, never
/// a second spelling elsewhere.
pub static SETTINGS: &[SettingDoc] = &[
    SettingDoc {
        kebab: "select",
        camel: "select",
        ty: "list[str]",
        default: "[] (the default rule set)",
        scope: SettingScope::Analysis,
        description: "Rules to enable, by code, code prefix, name or `ALL`. Replaces the default set.",
    },
    SettingDoc {
        kebab: "extend-select",
        camel: "extendSelect",
        ty: "list[str]",
        default: "[]",
        scope: SettingScope::Analysis,
        description: "Rules to enable in addition to `select` (or the default set).",
    },
    SettingDoc {
        kebab: "ignore",
        camel: "ignore",
        ty: "list[str]",
        default: "[]",
        scope: SettingScope::Analysis,
        description: "Rules to disable. Where a selector in `select` and one in `ignore` both match a rule, the more specific wins.",
    },
    SettingDoc {
        kebab: "extend-ignore",
        camel: "extendIgnore",
        ty: "list[str]",
        default: "[]",
        scope: SettingScope::Analysis,
        description: "Rules to disable in addition to `ignore`.",
    },
    SettingDoc {
        kebab: "severity",
        camel: "severity",
        ty: "table[str, \"error\" | \"warning\" | \"info\" | \"hint\"]",
        default: "{}",
        scope: SettingScope::Analysis,
        description: "Severity per rule selector, for example `{PY3101 = \"warning\"}`.",
    },
    SettingDoc {
        kebab: "source",
        camel: "source",
        ty: "\"auto\" | \"py2\" | \"py3\"",
        default: "\"auto\"",
        scope: SettingScope::Analysis,
        description: "Which Python the code is written in. `auto` judges each file from its syntax and the project metadata (`requires-python`, `python_requires`, classifiers).",
    },
    SettingDoc {
        kebab: "target",
        camel: "target",
        ty: "\"py3\" | \"py2-py3\"",
        default: "\"py3\"",
        scope: SettingScope::Analysis,
        description: "What fixes produce: `py3`, code for Python 3 only; `py2-py3`, code that still runs on Python 2.7 (fixes with no such form are offered without a fix).",
    },
    SettingDoc {
        kebab: "compat-library",
        camel: "compatLibrary",
        ty: "\"six\" | \"future\" | \"none\"",
        default: "\"six\"",
        scope: SettingScope::Analysis,
        description: "With `target = \"py2-py3\"`: the compatibility library fixes may use (`six.text_type`, `from builtins import str`), or `none` for rewrites that need no library.",
    },
    SettingDoc {
        kebab: "target-version",
        camel: "targetVersion",
        ty: "\"py36\" ... \"py314\"",
        default: "\"py312\"",
        scope: SettingScope::Analysis,
        description: "The oldest Python 3 the code must run on; a module removed in that version or before is an error.",
    },
    SettingDoc {
        kebab: "max-file-size",
        camel: "maxFileSize",
        ty: "int (bytes)",
        default: "10485760",
        scope: SettingScope::Analysis,
        description: "Files larger than this get one PY3190 diagnostic instead of analysis (analysis needs about 30 times the file size in memory).",
    },
    SettingDoc {
        kebab: "min-confidence",
        camel: "minConfidence",
        ty: "\"high\" | \"medium\"",
        default: "\"high\"",
        scope: SettingScope::Analysis,
        description: "The least confidence a diagnostic needs to be shown; `medium` also shows hazards the analysis cannot prove.",
    },
    SettingDoc {
        kebab: "unfixable",
        camel: "unfixable",
        ty: "list[str]",
        default: "[]",
        scope: SettingScope::Analysis,
        description: "Rules whose fixes are never applied (their diagnostics are still shown).",
    },
    SettingDoc {
        kebab: "exclude",
        camel: "exclude",
        ty: "list[str]",
        default: "[]",
        scope: SettingScope::Files,
        description: "Glob patterns of files and directories to skip, in addition to `.gitignore` and the built-in list (`.git`, `.venv`, `node_modules`, ...).",
    },
    SettingDoc {
        kebab: "extend-exclude",
        camel: "extendExclude",
        ty: "list[str]",
        default: "[]",
        scope: SettingScope::Files,
        description: "Glob patterns to skip in addition to `exclude`.",
    },
    SettingDoc {
        kebab: "extend",
        camel: "extend",
        ty: "str (path)",
        default: "none",
        scope: SettingScope::Files,
        description: "A configuration file this one builds on, relative to this file; keys set here override its keys.",
    },
    SettingDoc {
        kebab: "per-file-ignores",
        camel: "perFileIgnores",
        ty: "table[str, list[str]]",
        default: "{}",
        scope: SettingScope::Files,
        description: "Glob pattern to rules ignored in matching files, for example `{\"tests/*\" = [\"PY34\"]}`.",
    },
];

impl Settings {
    /// Applies one key, given in kebab-case or camelCase.
    pub fn set(&mut self, key: &str, value: SettingValue) -> Result<(), SettingsError> {
        let doc = SETTINGS
            .iter()
            .find(|doc| doc.kebab == key || doc.camel == key)
            .ok_or_else(|| SettingsError::UnknownKey(key.to_owned()))?;
        let key = doc.kebab;
        match key {
            "select" => self.select = Some(selectors(key, &value)?),
            "extend-select" => self.extend_select = selectors(key, &value)?,
            "ignore" => self.ignore = selectors(key, &value)?,
            "extend-ignore" => self.extend_ignore = selectors(key, &value)?,
            "unfixable" => self.unfixable = selectors(key, &value)?,
            "severity" => {
                let SettingValue::Table(entries) = &value else {
                    return Err(invalid(key, "a table of rule selector to severity", &value));
                };
                let mut severity = Vec::new();
                for (selector, level) in entries {
                    let level = match level {
                        SettingValue::String(text) => Severity::parse(text),
                        _ => None,
                    }
                    .ok_or_else(|| invalid(key, "\"error\", \"warning\", \"info\" or \"hint\"", level))?;
                    severity.push((RuleSelector::parse(selector)?, level));
                }
                self.severity = severity;
            }
            "source" => {
                self.source = match string(key, &value)? {
                    "auto" => SourceDialect::Auto,
                    "py2" => SourceDialect::Py2,
                    "py3" => SourceDialect::Py3,
                    _ => return Err(invalid(key, "\"auto\", \"py2\" or \"py3\"", &value)),
                }
            }
            "target" => {
                self.target = match string(key, &value)? {
                    "py3" => Target::Py3,
                    "py2-py3" => Target::Py2Py3,
                    _ => return Err(invalid(key, "\"py3\" or \"py2-py3\"", &value)),
                }
            }
            "compat-library" => {
                self.compat_library = match string(key, &value)? {
                    "six" => CompatLibrary::Six,
                    "future" => CompatLibrary::Future,
                    "none" => CompatLibrary::None,
                    _ => return Err(invalid(key, "\"six\", \"future\" or \"none\"", &value)),
                }
            }
            "target-version" => {
                self.target_version = PythonVersion::parse(string(key, &value)?)
                    .ok_or_else(|| invalid(key, "a version from \"py36\" to \"py314\"", &value))?;
            }
            "max-file-size" => {
                self.max_file_size = match value {
                    SettingValue::Integer(size) if size > 0 => size as u64,
                    _ => return Err(invalid(key, "a positive number of bytes", &value)),
                }
            }
            "min-confidence" => {
                self.min_confidence = match string(key, &value)? {
                    "high" => Confidence::High,
                    "medium" => Confidence::Medium,
                    _ => return Err(invalid(key, "\"high\" or \"medium\"", &value)),
                }
            }
            // Read by the edges that read configuration files, which resolve it before
            // applying the file; here it is only validated.
            "extend" => {
                string(key, &value)?;
            }
            "exclude" => self.exclude = strings(key, &value)?,
            "extend-exclude" => self.extend_exclude = strings(key, &value)?,
            "per-file-ignores" => {
                let SettingValue::Table(entries) = &value else {
                    return Err(invalid(key, "a table of glob pattern to rule selectors", &value));
                };
                self.per_file_ignores = entries
                    .iter()
                    .map(|(pattern, rules)| Ok((pattern.clone(), selectors(key, rules)?)))
                    .collect::<Result<_, SettingsError>>()?;
            }
            _ => unreachable!("every key of SETTINGS is handled"),
        }
        Ok(())
    }

    /// Applies every entry of a table (the body of `[tool.py3port]`, an LSP settings
    /// object, JavaScript options). Stops at the first error.
    pub fn apply_table(&mut self, entries: Vec<(String, SettingValue)>) -> Result<(), SettingsError> {
        for (key, value) in entries {
            self.set(&key, value)?;
        }
        Ok(())
    }

    /// Resolves which rules run, at what severity.
    pub fn resolve(&self) -> RuleTable {
        let mut enabled = vec![false; Rule::COUNT];
        let mut severity = vec![crate::diagnostic::Severity::Error; Rule::COUNT];
        let mut fixable = vec![true; Rule::COUNT];
        let mut severity_set = vec![false; Rule::COUNT];
        for meta in RULES {
            let rule = meta.rule;
            // The most specific matching selector wins; on a tie, ignoring wins.
            let mut best: Option<(usize, bool)> = None;
            let mut consider = |selector: &RuleSelector, on: bool| {
                if selector.matches(rule) {
                    let specificity = selector.specificity();
                    match best {
                        Some((current, _)) if current > specificity => {}
                        Some((current, _)) if current == specificity && !on => best = Some((specificity, false)),
                        Some((current, _)) if current == specificity => {}
                        _ => best = Some((specificity, on)),
                    }
                }
            };
            match &self.select {
                Some(select) => select.iter().for_each(|s| consider(s, true)),
                None if meta.default_enabled => consider(&RuleSelector::All, true),
                None => {}
            }
            self.extend_select.iter().for_each(|s| consider(s, true));
            self.ignore.iter().chain(&self.extend_ignore).for_each(|s| consider(s, false));
            enabled[rule.index()] = best.is_some_and(|(_, on)| on);
            severity[rule.index()] = self
                .severity
                .iter()
                .filter(|(selector, _)| selector.matches(rule))
                .max_by_key(|(selector, _)| selector.specificity())
                .map_or(meta.severity, |&(_, level)| level);
            fixable[rule.index()] = !self.unfixable.iter().any(|selector| selector.matches(rule));
            severity_set[rule.index()] = self.severity.iter().any(|(selector, _)| selector.matches(rule));
        }
        RuleTable { enabled, severity, severity_set, fixable }
    }
}

/// The resolved per-rule switches, indexed by `Rule::index()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleTable {
    enabled: Vec<bool>,
    severity: Vec<Severity>,
    severity_set: Vec<bool>,
    fixable: Vec<bool>,
}

impl RuleTable {
    #[inline]
    pub fn enabled(&self, rule: Rule) -> bool {
        self.enabled[rule.index()]
    }

    pub fn severity(&self, rule: Rule) -> Severity {
        self.severity[rule.index()]
    }

    /// Whether the settings set this rule's severity.
    pub fn severity_set(&self, rule: Rule) -> bool {
        self.severity_set[rule.index()]
    }

    pub fn fixable(&self, rule: Rule) -> bool {
        self.fixable[rule.index()]
    }

    /// Disables `rule` (per-file ignores).
    pub fn disable(&mut self, rule: Rule) {
        self.enabled[rule.index()] = false;
    }

    pub fn enabled_rules(&self) -> impl Iterator<Item = Rule> + '_ {
        Rule::all().filter(|&rule| self.enabled(rule))
    }
}

fn invalid(key: &str, expected: &str, found: &SettingValue) -> SettingsError {
    let found = match found {
        SettingValue::String(text) => format!("\"{text}\""),
        SettingValue::Integer(number) => number.to_string(),
        SettingValue::Bool(flag) => flag.to_string(),
        other => other.kind().to_owned(),
    };
    SettingsError::InvalidValue { key: key.to_owned(), expected: expected.to_owned(), found }
}

fn string<'v>(key: &str, value: &'v SettingValue) -> Result<&'v str, SettingsError> {
    match value {
        SettingValue::String(text) => Ok(text),
        other => Err(invalid(key, "a string", other)),
    }
}

fn strings(key: &str, value: &SettingValue) -> Result<Vec<String>, SettingsError> {
    match value {
        SettingValue::List(items) => items.iter().map(|item| string(key, item).map(str::to_owned)).collect(),
        other => Err(invalid(key, "a list of strings", other)),
    }
}

fn selectors(key: &str, value: &SettingValue) -> Result<Vec<RuleSelector>, SettingsError> {
    strings(key, value)?.iter().map(|text| RuleSelector::parse(text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> SettingValue {
        SettingValue::List(items.iter().map(|s| SettingValue::String((*s).to_owned())).collect())
    }

    #[test]
    fn the_more_specific_selector_wins() {
        let mut settings = Settings::default();
        settings.set("select", list(&["PY31"])).unwrap();
        settings.set("ignore", list(&["PY3101"])).unwrap();
        let table = settings.resolve();
        assert!(!table.enabled(Rule::PrintStatement));
        assert!(table.enabled(Rule::ExecStatement));

        settings.set("select", list(&["print-statement"])).unwrap();
        settings.set("ignore", list(&["PY31"])).unwrap();
        let table = settings.resolve();
        assert!(table.enabled(Rule::PrintStatement));
        assert!(!table.enabled(Rule::ExecStatement));
    }

    #[test]
    fn both_spellings_and_clear_errors() {
        let mut settings = Settings::default();
        settings.set("targetVersion", SettingValue::String("py38".into())).unwrap();
        settings.set("target-version", SettingValue::String("py311".into())).unwrap();
        assert_eq!(settings.target_version, PythonVersion(11));
        let error = settings.set("target-version", SettingValue::String("py27".into())).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid value for `target-version`: expected a version from \"py36\" to \"py314\", found \"py27\""
        );
        assert_eq!(settings.set("selct", list(&[])).unwrap_err().to_string(), "unknown setting `selct`");
        assert!(
            settings.set("select", list(&["PY99"])).unwrap_err().to_string().contains("unknown rule selector `PY99`")
        );
    }

    #[test]
    fn severity_overrides_by_most_specific_selector() {
        let mut settings = Settings::default();
        settings
            .set(
                "severity",
                SettingValue::Table(vec![
                    ("PY31".into(), SettingValue::String("warning".into())),
                    ("PY3101".into(), SettingValue::String("hint".into())),
                ]),
            )
            .unwrap();
        let table = settings.resolve();
        assert_eq!(table.severity(Rule::PrintStatement), Severity::Hint);
        assert_eq!(table.severity(Rule::ExecStatement), Severity::Warning);
    }

    #[test]
    fn every_row_has_both_spellings() {
        for doc in SETTINGS {
            let camel: String = doc
                .kebab
                .split('-')
                .enumerate()
                .map(|(i, part)| if i == 0 { part.to_owned() } else { part[..1].to_uppercase() + &part[1..] })
                .collect();
            assert_eq!(doc.camel, camel);
        }
    }
}
