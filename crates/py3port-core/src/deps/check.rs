//! The dependency rules (`PY36xx`): each declared requirement against the bundled table,
//! the project's imports and, with `--online`, what PyPI says about pinned releases.

use std::collections::BTreeMap;

use super::imports::ProjectImports;
use super::manifest::{Declared, Form, Group, Manifest, ManifestKind, parse_manifest};
use super::requirement::normalize;
use super::table::{self, Package, PackageKind};
use super::version::{Specifier, Version, only_below, pinned_version};
use crate::diagnostic::{Applicability, Confidence, Diagnostic, Edit, Fix};
use crate::fix::{FixMode, apply_edits};
use crate::registry::Rule;
use crate::settings::{RuleTable, Settings, Target};
use crate::suppression::{Directive, parse_comment};
use crate::text::{LineIndex, TextRange};

/// What PyPI's JSON API says about one release (`--online`); the edge fetches it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReleaseInfo {
    /// The distribution name as asked.
    pub name: String,
    pub version: String,
    pub requires_python: Option<String>,
    pub classifiers: Vec<String>,
}

impl ReleaseInfo {
    /// Why the release cannot run on Python 3 from `3.<minor>` on, if it cannot.
    pub fn python2_only(&self, minor: u8) -> Option<String> {
        if let Some(requires) = self.requires_python.as_deref().filter(|r| !r.trim().is_empty())
            && let Some(specifiers) = Specifier::parse_set(requires)
        {
            let any_python3 = (minor..=20).any(|m| {
                let version = Version::parse(&format!("3.{m}")).expect("a version");
                specifiers.iter().all(|s| s.contains(&version))
            });
            if !any_python3 {
                return Some(format!("its `requires_python` is `{}`", requires.trim()));
            }
            return None;
        }
        let python = |major: &str| {
            self.classifiers.iter().any(|c| {
                c.strip_prefix("Programming Language :: Python :: ").is_some_and(|rest| {
                    rest == major || rest.starts_with(&format!("{major}.")) || rest.starts_with(&format!("{major} "))
                })
            })
        };
        (python("2") && !python("3")).then(|| "its classifiers name Python 2 only".to_owned())
    }
}

/// What the edge knows beyond the manifest's text.
#[derive(Clone, Debug, Default)]
pub struct DepsContext<'a> {
    /// Every module the project's Python files import; `None` when unknown (no
    /// unused-requirement check then).
    pub imports: Option<&'a ProjectImports>,
    /// PyPI's answers for pinned releases (`--online`).
    pub releases: &'a [ReleaseInfo],
    /// The project's own distribution name (from another manifest), which is never unused.
    pub project_name: Option<&'a str>,
}

/// The result of checking one manifest.
#[derive(Clone, Debug)]
pub struct DepsAnalysis {
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    pub manifest: Manifest,
}

/// Checks the manifest `text` of `kind`.
pub fn check_dependencies(
    kind: ManifestKind,
    text: &str,
    settings: &Settings,
    context: &DepsContext<'_>,
) -> DepsAnalysis {
    let rules = settings.resolve();
    check_dependencies_with_rules(kind, text, settings, &rules, context)
}

/// [`check_dependencies`] with a resolved rule table (per-file ignores).
pub fn check_dependencies_with_rules(
    kind: ManifestKind,
    text: &str,
    settings: &Settings,
    rules: &RuleTable,
    context: &DepsContext<'_>,
) -> DepsAnalysis {
    let manifest = parse_manifest(kind, text);
    let mut diagnostics = Vec::new();
    let ignore_file = comments(text).any(|(_, directive)| directive == Directive::IgnoreFile);
    if !ignore_file {
        let cx = Cx { text, settings, context, manifest: &manifest, rules };
        for declared in &manifest.requirements {
            cx.requirement(declared, &mut diagnostics);
        }
    }
    let index = LineIndex::new(text);
    let suppressions: Vec<(u32, Directive)> = comments(text).map(|(offset, d)| (index.line_of(offset), d)).collect();
    diagnostics.retain(|d: &Diagnostic| {
        if !rules.enabled(d.rule) || d.confidence < settings.min_confidence {
            return false;
        }
        let line = index.line_of(d.range.start());
        !suppressions.iter().any(|(l, directive)| {
            *l == line
                && match directive {
                    Directive::Line(None) => true,
                    Directive::Line(Some(codes)) => {
                        crate::suppression::Suppression { rules: Some(codes.clone()), comment: TextRange::default() }
                            .suppresses(d.rule)
                    }
                    Directive::IgnoreFile => false,
                }
        })
    });
    for diagnostic in &mut diagnostics {
        diagnostic.severity = rules.severity(diagnostic.rule);
        if !rules.fixable(diagnostic.rule) {
            diagnostic.fix = None;
        }
    }
    diagnostics.sort_by_key(|d| (d.range.start(), d.rule));
    DepsAnalysis { diagnostics, manifest }
}

/// The suppression comments of a manifest: `#` comments (`;` ones too in `setup.cfg`
/// are not read) with their offsets.
fn comments(text: &str) -> impl Iterator<Item = (u32, Directive)> + '_ {
    super::manifest::lines(text).into_iter().filter_map(move |line| {
        let line_text = &text[line.to_usize()];
        let bytes = line_text.as_bytes();
        let hash = (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()))?;
        parse_comment(&line_text[hash..]).map(|directive| (line.start() + crate::text::to_u32(hash), directive))
    })
}

/// The result of fixing a manifest.
#[derive(Clone, Debug)]
pub struct DepsFixOutcome {
    pub output: String,
    pub applied: BTreeMap<Rule, usize>,
    pub remaining: DepsAnalysis,
}

impl DepsFixOutcome {
    pub fn applied_count(&self) -> usize {
        self.applied.values().sum()
    }
}

/// Applies the fixes `mode` allows, until none remain (at most ten rounds).
pub fn fix_dependencies(
    kind: ManifestKind,
    text: &str,
    settings: &Settings,
    context: &DepsContext<'_>,
    mode: FixMode,
) -> DepsFixOutcome {
    let rules = settings.resolve();
    let mut output = text.to_owned();
    let mut applied = BTreeMap::new();
    for _ in 0..crate::fix::MAX_ROUNDS {
        let analysis = check_dependencies_with_rules(kind, &output, settings, &rules, context);
        let mut chosen: Vec<&Edit> = Vec::new();
        let mut taken: Vec<TextRange> = Vec::new();
        for diagnostic in &analysis.diagnostics {
            let Some(fix) = &diagnostic.fix else { continue };
            let allowed = match mode {
                FixMode::Safe => fix.applicability == Applicability::Safe,
                FixMode::Unsafe => fix.applicability >= Applicability::Unsafe,
            };
            let range = fix.range();
            if !allowed
                || taken.iter().any(|t| {
                    t.start() < range.end().max(range.start() + 1) && range.start() < t.end().max(t.start() + 1)
                })
            {
                continue;
            }
            taken.push(range);
            chosen.extend(fix.edits());
            *applied.entry(diagnostic.rule).or_insert(0) += 1;
        }
        if chosen.is_empty() {
            return DepsFixOutcome { output, applied, remaining: analysis };
        }
        chosen.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
        output = apply_edits(&output, chosen);
    }
    let remaining = check_dependencies_with_rules(kind, &output, settings, &rules, context);
    DepsFixOutcome { output, applied, remaining }
}

struct Cx<'a> {
    text: &'a str,
    settings: &'a Settings,
    context: &'a DepsContext<'a>,
    manifest: &'a Manifest,
    rules: &'a RuleTable,
}

impl Cx<'_> {
    fn requirement(&self, declared: &Declared, out: &mut Vec<Diagnostic>) {
        let requirement = &declared.requirement;
        let minor = self.settings.target_version.0;
        let on_python3 = requirement.marker.as_ref().is_none_or(|m| m.possible_on_python3(minor));
        let entry = table::package(&requirement.name);
        let mut reported = false;
        let before = out.len();
        if on_python3 && let Some(entry) = entry {
            reported = self.table_rules(declared, entry, out);
        }
        if on_python3 && !reported {
            self.online(declared, out);
        }
        // A backport the stdlib-backport rule already says to remove is not reported as
        // unused as well.
        let removed = out[before..].iter().any(|d| d.rule == Rule::StdlibBackport && self.rules.enabled(d.rule));
        if !removed {
            self.unused(declared, entry, out);
        }
    }

    /// The table's rules; whether one reported.
    fn table_rules(&self, declared: &Declared, entry: &Package, out: &mut Vec<Diagnostic>) -> bool {
        let requirement = &declared.requirement;
        let name = &requirement.name;
        match entry.kind {
            PackageKind::NoPython3 => {
                let replacement = entry.replacement.as_deref().unwrap_or("a maintained alternative");
                let shown = replacement
                    .strip_prefix("stdlib:")
                    .map_or_else(|| format!("`{replacement}`"), |m| format!("the standard library's `{m}`"));
                let message = format!("`{name}` never supported Python 3; use {shown} instead");
                let fix = self.replacement_fix(declared, entry);
                out.push(Diagnostic::new(Rule::NoPython3Package, requirement.name_range, message).with_fix(fix));
                true
            }
            PackageKind::Backport => {
                let module = entry.stdlib_module().unwrap_or_default();
                let since = entry.stdlib_since.unwrap_or(0);
                if self.settings.target_version.0 < since {
                    return false;
                }
                // Limited by its marker to Pythons before the module was added: fine.
                if requirement
                    .marker
                    .as_ref()
                    .is_some_and(|m| !m.possible_on_python3(since.max(self.settings.target_version.0)))
                {
                    return false;
                }
                let message = format!(
                    "`{name}` is a backport of `{module}`, which is in the standard library since Python 3.{since}"
                );
                let fix = self.backport_fix(declared, entry);
                out.push(Diagnostic::new(Rule::StdlibBackport, requirement.name_range, message).with_fix(fix));
                true
            }
            PackageKind::MinVersion => {
                if let Some(first) = entry.first_python3_version.as_deref()
                    && let Some(first_version) = Version::parse(first)
                    && only_below(&requirement.specifiers, &first_version)
                {
                    let spec = requirement.specifier_text.as_deref().unwrap_or_default();
                    let message = format!(
                        "`{name}{}` allows only releases without Python 3 support: {} supports Python 3 from {first} on",
                        if spec.starts_with(|c: char| c.is_ascii_digit() || c == '^' || c == '~') {
                            format!(" {spec}")
                        } else {
                            spec.to_owned()
                        },
                        entry.name
                    );
                    let range = match &declared.form {
                        Form::Table { key, version: Some(version) } => key.cover(*version),
                        _ => requirement.spec_range,
                    };
                    let fix = entry.replacement_distribution().and_then(|_| self.replacement_fix(declared, entry)).map(
                        |mut fix| {
                            fix.applicability = Applicability::Unsafe;
                            fix
                        },
                    );
                    out.push(Diagnostic::new(Rule::Python2OnlyPin, range, message).with_fix(fix));
                    return true;
                }
                if let Some(replacement) = entry.replacement_distribution()
                    && entry.first_python3_version.is_none()
                {
                    // The note's first sentence says why; the rest is about the table.
                    let why = entry.note.split(". ").next().unwrap_or_default().trim_end_matches('.');
                    let message = format!("`{name}` is superseded by `{replacement}`: {why}");
                    let fix = self.replacement_fix(declared, entry).map(|mut fix| {
                        fix.applicability = Applicability::Unsafe;
                        fix
                    });
                    out.push(Diagnostic::new(Rule::SupersededPackage, requirement.name_range, message).with_fix(fix));
                    return true;
                }
                false
            }
        }
    }

    /// Rewrites the requirement to name the replacement (no version: the old pin does
    /// not apply to it). Safe for a drop-in with the same import name; unsafe, and
    /// saying so, when the imports change too.
    fn replacement_fix(&self, declared: &Declared, entry: &Package) -> Option<Fix> {
        let replacement = entry.replacement_distribution()?;
        let import_change = match (&entry.import_from, &entry.import_to) {
            (Some(from), Some(to)) if from != to => Some((from.as_str(), to.as_str())),
            _ => None,
        };
        // A URL names what to install: renaming the requirement would keep the old
        // project's URL under the new name. A Poetry or Pipfile entry's key is the
        // file's own text even when its constraint is translated.
        let translated = declared.translated && matches!(declared.form, Form::String { .. });
        if !(entry.drop_in || entry.same_api && import_change.is_some())
            || declared.hashes
            || translated
            || declared.requirement.url.is_some()
        {
            return None;
        }
        let name = &declared.requirement.name;
        let edits = match &declared.form {
            Form::String { .. } => vec![Edit::replace(declared.requirement.spec_range, replacement)],
            Form::Table { key, version } => {
                let mut edits = vec![Edit::replace(*key, replacement)];
                if let Some(version) = version {
                    edits.push(Edit::replace(*version, "\"*\""));
                }
                edits
            }
        };
        match import_change {
            None => Fix::new(format!("Replace `{name}` with `{replacement}`"), edits, Applicability::Safe),
            Some((from, to)) => Fix::new(
                format!("Replace `{name}` with `{replacement}` (imports of `{from}` become `{to}`)"),
                edits,
                Applicability::Unsafe,
            ),
        }
    }

    /// Removes a backport (for Python 3 only), or limits it to Python 2 with a marker
    /// (`target = "py2-py3"`).
    fn backport_fix(&self, declared: &Declared, entry: &Package) -> Option<Fix> {
        let import_change = match (&entry.import_from, &entry.import_to) {
            (Some(from), Some(to)) if from != to => Some((from.as_str(), to.as_str())),
            _ => None,
        };
        if !(entry.drop_in || entry.same_api) {
            return None;
        }
        let name = &declared.requirement.name;
        let applicability = if import_change.is_some() { Applicability::Unsafe } else { Applicability::Safe };
        let imports =
            import_change.map(|(from, to)| format!(" (imports of `{from}` must become `{to}`)")).unwrap_or_default();
        if self.settings.target == Target::Py2Py3 {
            let Form::String { quote } = declared.form else { return None };
            if declared.translated {
                return None;
            }
            let q = if quote == '"' { '\'' } else { '"' };
            let requirement = &declared.requirement;
            let edit = match requirement.marker_range {
                Some(marker) => {
                    let old = &self.text[marker.to_usize()];
                    Edit::replace(marker, format!("({old}) and python_version < {q}3{q}"))
                }
                None => {
                    let separator = if requirement.url.is_some() { " ; " } else { "; " };
                    Edit::insert(requirement.range.end(), format!("{separator}python_version < {q}3{q}"))
                }
            };
            return Fix::new(format!("Install `{name}` on Python 2 only{imports}"), vec![edit], applicability);
        }
        let removal = declared.removal?;
        Fix::new(format!("Remove `{name}`{imports}"), vec![Edit::delete(removal)], applicability)
    }

    /// PY3606: PyPI says the pinned release has no Python 3 support.
    fn online(&self, declared: &Declared, out: &mut Vec<Diagnostic>) {
        let requirement = &declared.requirement;
        let Some(version) = pinned_version(&requirement.specifiers) else { return };
        let normalized = normalize(&requirement.name);
        let Some(release) = self
            .context
            .releases
            .iter()
            .find(|r| normalize(&r.name) == normalized && Version::parse(&r.version) == Version::parse(version))
        else {
            return;
        };
        if let Some(reason) = release.python2_only(self.settings.target_version.0) {
            let message = format!("PyPI says `{}=={version}` does not run on Python 3: {reason}", requirement.name);
            let range = match &declared.form {
                Form::Table { key, version: Some(version) } => key.cover(*version),
                _ => requirement.spec_range,
            };
            out.push(Diagnostic::new(Rule::Python2OnlyRelease, range, message));
        }
    }

    /// PY3605: a declared requirement that no file imports.
    fn unused(&self, declared: &Declared, entry: Option<&Package>, out: &mut Vec<Diagnostic>) {
        let Some(imports) = self.context.imports else { return };
        if imports.is_empty() || matches!(declared.group, Group::Build | Group::Constraint) || declared.is_transitive()
        {
            return;
        }
        let requirement = &declared.requirement;
        let name = requirement.name.as_str();
        let normalized = normalize(name);
        let own = [self.manifest.project_name.as_deref(), self.context.project_name];
        if own.iter().flatten().any(|own| normalize(own) == normalized) || used_without_import(&normalized) {
            return;
        }
        let mut candidates = table::import_names(name);
        // A backport is imported under the standard-library name it provides.
        if let Some(to) = entry.and_then(|e| e.import_from.as_deref()) {
            candidates.push(to.to_owned());
        }
        if let Some(module) = entry.and_then(Package::stdlib_module).filter(|_| entry.is_some_and(|e| e.drop_in)) {
            candidates.push(module.to_owned());
        }
        if candidates.iter().any(|module| imports.imports(module))
            || self
                .manifest
                .entry_point_modules
                .iter()
                .any(|m| candidates.iter().any(|c| m.to_ascii_lowercase().starts_with(&c.to_ascii_lowercase())))
        {
            return;
        }
        let mut shown: Vec<String> = Vec::new();
        for candidate in &candidates {
            let candidate = format!("`{candidate}`");
            if shown.len() < 3 && !shown.contains(&candidate) {
                shown.push(candidate);
            }
        }
        let message = format!("`{name}` is declared but no file of the project imports it ({})", shown.join(", "));
        let fix = declared.removal.and_then(|removal| {
            Fix::new(
                format!("Remove the unused requirement `{name}`"),
                vec![Edit::delete(removal)],
                Applicability::Unsafe,
            )
        });
        out.push(
            Diagnostic::new(Rule::UnusedRequirement, requirement.name_range, message)
                .with_fix(fix)
                .with_confidence(Confidence::High),
        );
    }
}

/// Distributions used without an import: the tool table, and the families of plugins
/// and stubs that are loaded by another program (`pytest-*`, `flake8-*`, `types-*`).
fn used_without_import(normalized: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "pytest-",
        "flake8-",
        "types-",
        "sphinx",
        "mypy-",
        "pylint-",
        "pre-commit",
        "tox-",
        "coverage-",
        "setuptools",
        "pip-",
        "mkdocs",
        "nose-",
        "hypothesis-",
    ];
    const SUFFIXES: &[&str] = &["-stubs", "-pytest", "-plugin"];
    table::tool(normalized).is_some()
        || PREFIXES.iter().any(|p| normalized.starts_with(p))
        || SUFFIXES.iter().any(|s| normalized.ends_with(s))
        || matches!(normalized, "pip" | "setuptools" | "wheel" | "build")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::SettingValue;

    fn check(kind: ManifestKind, text: &str, settings: &Settings, context: &DepsContext<'_>) -> Vec<(String, Rule)> {
        check_dependencies(kind, text, settings, context)
            .diagnostics
            .into_iter()
            .map(|d| (text[d.range.to_usize()].to_owned(), d.rule))
            .collect()
    }

    #[test]
    fn table_rules_markers_and_targets() {
        let text = "MySQL-python==1.2.5\nfutures\nfutures; python_version < '3'\nDjango==1.4.22\nDjango>=1.11\ndataclasses\npycrypto\nrequests\n";
        let settings = Settings::default();
        let found = check(ManifestKind::Requirements, text, &settings, &DepsContext::default());
        assert_eq!(
            found,
            [
                ("MySQL-python".to_owned(), Rule::NoPython3Package),
                ("futures".to_owned(), Rule::StdlibBackport),
                ("Django==1.4.22".to_owned(), Rule::Python2OnlyPin),
                ("dataclasses".to_owned(), Rule::StdlibBackport),
                ("pycrypto".to_owned(), Rule::SupersededPackage),
            ]
        );
        // On Python 3.6, `dataclasses` is still needed.
        let mut py36 = Settings::default();
        py36.set("target-version", SettingValue::String("py36".into())).unwrap();
        let found = check(ManifestKind::Requirements, text, &py36, &DepsContext::default());
        assert!(!found.iter().any(|(text, _)| text == "dataclasses"));
    }

    #[test]
    fn fixes_replace_remove_or_add_markers() {
        let text = "MySQL-python==1.2.5  # the database\nfutures>=3.0\nsubprocess32\nBeautifulSoup\n";
        let settings = Settings::default();
        let safe =
            fix_dependencies(ManifestKind::Requirements, text, &settings, &DepsContext::default(), FixMode::Safe);
        assert_eq!(safe.output, "mysqlclient  # the database\nsubprocess32\nBeautifulSoup\n");
        let all =
            fix_dependencies(ManifestKind::Requirements, text, &settings, &DepsContext::default(), FixMode::Unsafe);
        assert_eq!(all.output, "mysqlclient  # the database\nBeautifulSoup\n");
        let mut both = Settings::default();
        both.set("target", SettingValue::String("py2-py3".into())).unwrap();
        let kept = fix_dependencies(ManifestKind::Requirements, text, &both, &DepsContext::default(), FixMode::Safe);
        assert_eq!(
            kept.output,
            "mysqlclient  # the database\nfutures>=3.0; python_version < \"3\"\nsubprocess32\nBeautifulSoup\n"
        );
        // A second run changes nothing.
        let again =
            fix_dependencies(ManifestKind::Requirements, &kept.output, &both, &DepsContext::default(), FixMode::Safe);
        assert_eq!(again.applied_count(), 0);
    }

    #[test]
    fn noqa_and_ignore_file() {
        let text = "MySQL-python  # noqa: PY3601\nPIL  # noqa: PY3602\n";
        let found = check(ManifestKind::Requirements, text, &Settings::default(), &DepsContext::default());
        assert_eq!(found, [("PIL".to_owned(), Rule::NoPython3Package)]);
        let text = "# py3port: ignore-file\nMySQL-python\n";
        assert!(check(ManifestKind::Requirements, text, &Settings::default(), &DepsContext::default()).is_empty());
    }

    #[test]
    fn unused_requirements() {
        let text = "PyYAML\nrequests\npytest-cov\nflake8\nsix\nmy-project\ngunicorn\npsycopg2-binary\n";
        let mut imports = ProjectImports::new();
        imports.extend(["yaml", "six.moves"]);
        let context =
            DepsContext { imports: Some(&imports), project_name: Some("My_Project"), ..DepsContext::default() };
        let found = check(ManifestKind::Requirements, text, &Settings::default(), &context);
        assert_eq!(found, [("requests".to_owned(), Rule::UnusedRequirement)]);
    }

    #[test]
    fn an_unused_backport_is_reported_once_unless_its_rule_is_off() {
        let text = "enum34
MySQL-python
";
        let mut imports = ProjectImports::new();
        imports.extend(["os"]);
        let context = DepsContext { imports: Some(&imports), ..DepsContext::default() };
        let found = check(ManifestKind::Requirements, text, &Settings::default(), &context);
        assert_eq!(
            found,
            [
                ("enum34".to_owned(), Rule::StdlibBackport),
                ("MySQL-python".to_owned(), Rule::NoPython3Package),
                ("MySQL-python".to_owned(), Rule::UnusedRequirement),
            ]
        );
        let mut settings = Settings::default();
        settings.set("ignore", SettingValue::List(vec![SettingValue::String("PY3602".into())])).unwrap();
        let found = check(ManifestKind::Requirements, text, &settings, &context);
        assert_eq!(found[0], ("enum34".to_owned(), Rule::UnusedRequirement));
        let message = &check_dependencies(ManifestKind::Requirements, text, &settings, &context).diagnostics[0].message;
        assert_eq!(message, "`enum34` is declared but no file of the project imports it (`enum`)");
    }

    #[test]
    fn releases_from_pypi() {
        let release = |requires: Option<&str>, classifiers: &[&str]| ReleaseInfo {
            name: "x".into(),
            version: "1.0".into(),
            requires_python: requires.map(str::to_owned),
            classifiers: classifiers.iter().map(|c| (*c).to_owned()).collect(),
        };
        assert!(release(Some(">=2.6, <3"), &[]).python2_only(6).is_some());
        assert!(release(Some(">=2.7, !=3.0.*"), &[]).python2_only(6).is_none());
        assert!(release(None, &["Programming Language :: Python :: 2.7"]).python2_only(6).is_some());
        assert!(
            release(None, &["Programming Language :: Python :: 2.7", "Programming Language :: Python :: 3"])
                .python2_only(6)
                .is_none()
        );
        assert!(release(None, &[]).python2_only(6).is_none());
    }
}
