//! `pyproject.toml` (PEP 621 `[project]`, PEP 735 `[dependency-groups]`,
//! `[build-system]`, Poetry's `[tool.poetry]`) and `Pipfile`, read with spans.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::manifest::{Declared, Form, Group, Manifest, entry_point_module, list_element_removal};
use super::marker::{Marker, Operand};
use super::requirement::{Requirement, parse_requirement};
use super::version::{Operator, Specifier, Version};
use crate::text::{TextRange, to_u32};

fn span(range: std::ops::Range<usize>) -> TextRange {
    TextRange::new(to_u32(range.start), to_u32(range.end))
}

fn table<'a, 'i>(value: &'a DeValue<'i>) -> Option<&'a DeTable<'i>> {
    value.as_table()
}

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table.get(key)
}

/// Follows a dotted path of tables.
fn path<'a, 'i>(root: &'a DeTable<'i>, keys: &[&str]) -> Option<&'a DeTable<'i>> {
    let mut current = root;
    for key in keys {
        current = table(get(current, key)?.get_ref())?;
    }
    Some(current)
}

/// The content range of a string value whose span is `range` (quotes excluded), and
/// its quote; `None` when the source text differs from the value (escapes).
fn string_content(source: &str, range: TextRange, value: &str) -> Option<(TextRange, char)> {
    let raw = &source[range.to_usize()];
    let quote_len = if raw.starts_with("\"\"\"") || raw.starts_with("'''") { 3 } else { 1 };
    let quote = raw.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    if raw.len() < 2 * quote_len {
        return None;
    }
    let inner = TextRange::new(range.start() + quote_len as u32, range.end() - quote_len as u32);
    (&source[inner.to_usize()] == value).then_some((inner, quote))
}

/// Reads an array of PEP 508 strings.
fn requirement_array(
    source: &str,
    value: &Spanned<DeValue<'_>>,
    group: Group,
    group_name: Option<&str>,
    manifest: &mut Manifest,
) {
    let Some(array) = value.get_ref().as_array() else { return };
    let items: Vec<&Spanned<DeValue<'_>>> = array.iter().collect();
    let ranges: Vec<TextRange> = items.iter().map(|item| span(item.span())).collect();
    for (index, item) in items.iter().enumerate() {
        let Some(text) = item.get_ref().as_str() else { continue };
        let range = ranges[index];
        let (requirement, translated, quote) = match string_content(source, range, text) {
            Some((inner, quote)) => (parse_requirement(text, inner.start()), false, quote),
            // Escapes: parse the value, and point at the whole string.
            None => (parse_requirement(text, 0).map(|r| relocate(r, range)), true, '"'),
        };
        let Some(requirement) = requirement else {
            manifest.invalid.push(range);
            continue;
        };
        let mut declared = Declared::new_public(requirement, group, Form::String { quote });
        declared.group_name = group_name.map(str::to_owned);
        declared.translated = translated;
        let list = span(value.span());
        declared.removal = Some(list_element_removal(source, list, ranges.clone(), index));
        manifest.requirements.push(declared);
    }
}

/// A requirement whose text is not the file's: every range becomes the string's.
fn relocate(mut requirement: Requirement, range: TextRange) -> Requirement {
    requirement.name_range = range;
    requirement.spec_range = range;
    requirement.range = range;
    requirement.marker_range = None;
    requirement
}

pub(crate) fn pyproject(source: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let (root, _errors) = DeTable::parse_recoverable(source);
    let root = root.get_ref();
    if let Some(project) = path(root, &["project"]) {
        if let Some(name) = get(project, "name").and_then(|n| n.get_ref().as_str()) {
            manifest.project_name = Some(name.to_owned());
        }
        if let Some(dependencies) = get(project, "dependencies") {
            requirement_array(source, dependencies, Group::Install, None, &mut manifest);
        }
        if let Some(optional) = path(project, &["optional-dependencies"]) {
            for (name, list) in optional.iter() {
                requirement_array(source, list, Group::Optional, Some(name.get_ref()), &mut manifest);
            }
        }
        for section in ["scripts", "gui-scripts"] {
            if let Some(scripts) = path(project, &[section]) {
                entry_points(scripts, &mut manifest);
            }
        }
        if let Some(groups) = path(project, &["entry-points"]) {
            for (_, group) in groups.iter() {
                if let Some(group) = table(group.get_ref()) {
                    entry_points(group, &mut manifest);
                }
            }
        }
    }
    if let Some(groups) = path(root, &["dependency-groups"]) {
        for (name, list) in groups.iter() {
            requirement_array(source, list, Group::Development, Some(name.get_ref()), &mut manifest);
        }
    }
    if let Some(build) = path(root, &["build-system"])
        && let Some(requires) = get(build, "requires")
    {
        requirement_array(source, requires, Group::Build, None, &mut manifest);
    }
    if let Some(poetry) = path(root, &["tool", "poetry"]) {
        if manifest.project_name.is_none() {
            manifest.project_name = get(poetry, "name").and_then(|n| n.get_ref().as_str()).map(str::to_owned);
        }
        if let Some(dependencies) = path(poetry, &["dependencies"]) {
            dependency_table(source, dependencies, Group::Install, None, Dialect::Poetry, &mut manifest);
        }
        if let Some(dependencies) = path(poetry, &["dev-dependencies"]) {
            dependency_table(source, dependencies, Group::Development, Some("dev"), Dialect::Poetry, &mut manifest);
        }
        if let Some(groups) = path(poetry, &["group"]) {
            for (name, group) in groups.iter() {
                if let Some(dependencies) = table(group.get_ref()).and_then(|g| path(g, &["dependencies"])) {
                    let group_name = name.get_ref().to_string();
                    dependency_table(
                        source,
                        dependencies,
                        Group::Development,
                        Some(&group_name),
                        Dialect::Poetry,
                        &mut manifest,
                    );
                }
            }
        }
        if let Some(scripts) = path(poetry, &["scripts"]) {
            entry_points(scripts, &mut manifest);
        }
        if let Some(plugins) = path(poetry, &["plugins"]) {
            for (_, group) in plugins.iter() {
                if let Some(group) = table(group.get_ref()) {
                    entry_points(group, &mut manifest);
                }
            }
        }
    }
    manifest.requirements.sort_by_key(|d| d.requirement.range.start());
    manifest
}

pub(crate) fn pipfile(source: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let (root, _errors) = DeTable::parse_recoverable(source);
    let root = root.get_ref();
    for (name, value) in root.iter() {
        let name = name.get_ref();
        let (group, group_name) = match name.as_ref() {
            "packages" => (Group::Install, None),
            "dev-packages" => (Group::Development, Some("dev")),
            "source" | "requires" | "scripts" | "pipenv" => continue,
            // Custom package categories (pipenv 2022.10+).
            other => (Group::Development, Some(other)),
        };
        if let Some(packages) = table(value.get_ref()) {
            dependency_table(source, packages, group, group_name, Dialect::Pipfile, &mut manifest);
        }
    }
    manifest.requirements.sort_by_key(|d| d.requirement.range.start());
    manifest
}

fn entry_points(table: &DeTable<'_>, manifest: &mut Manifest) {
    for (_, value) in table.iter() {
        let text = value
            .get_ref()
            .as_str()
            .or_else(|| value.get_ref().as_table().and_then(|t| t.get("callable")).and_then(|c| c.get_ref().as_str()));
        if let Some(module) = text.and_then(entry_point_module) {
            manifest.entry_point_modules.push(module);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Poetry,
    Pipfile,
}

/// `name = "^1.2"` / `name = {version = "^1.2", python = "<3", markers = "..."}`.
fn dependency_table(
    source: &str,
    table: &DeTable<'_>,
    group: Group,
    group_name: Option<&str>,
    dialect: Dialect,
    manifest: &mut Manifest,
) {
    for (key, value) in table.iter() {
        let name = key.get_ref().to_string();
        if dialect == Dialect::Poetry && name == "python" {
            continue;
        }
        let key_span = span(key.span());
        // A quoted key: the name is inside the quotes.
        let name_range = match source.get(key_span.to_usize()) {
            Some(raw) if raw.starts_with(['"', '\'']) && raw.len() >= 2 => {
                TextRange::new(key_span.start() + 1, key_span.end() - 1)
            }
            _ => key_span,
        };
        let value_span = span(value.span());
        let (constraint, constraint_span, detail) = match value.get_ref() {
            DeValue::String(text) => (Some(text.to_string()), Some(value_span), None),
            DeValue::Table(detail) => {
                let version = detail.get("version");
                (
                    version.and_then(|v| v.get_ref().as_str()).map(str::to_owned),
                    version.map(|v| span(v.span())),
                    Some(detail),
                )
            }
            // Poetry's multiple-constraint arrays: not followed.
            _ => (None, None, None),
        };
        let specifiers = match (dialect, constraint.as_deref()) {
            (_, None | Some("*" | "")) => Some(Vec::new()),
            (Dialect::Pipfile, Some(text)) => Specifier::parse_set(text),
            (Dialect::Poetry, Some(text)) => poetry_constraint(text),
        };
        let mut marker =
            detail.and_then(|d| d.get("markers")).and_then(|m| m.get_ref().as_str()).and_then(Marker::parse);
        if let Some(python) = detail.and_then(|d| d.get("python")).and_then(|p| p.get_ref().as_str())
            && let Some(python_marker) = poetry_constraint(python).map(|specs| python_marker(&specs))
        {
            marker = Some(match marker {
                Some(existing) => Marker::And(vec![existing, python_marker]),
                None => python_marker,
            });
        }
        let url = detail
            .and_then(|d| ["git", "url", "path", "file"].iter().find_map(|k| d.get(*k)))
            .and_then(|u| u.get_ref().as_str())
            .map(str::to_owned);
        let range = name_range.cover(value_span);
        let requirement = Requirement {
            name: name.clone(),
            name_range,
            extras: Vec::new(),
            specifiers: specifiers.clone().unwrap_or_default(),
            specifier_text: constraint.filter(|c| c != "*" && !c.is_empty()),
            spec_range: name_range,
            range,
            marker,
            marker_range: None,
            url,
        };
        let mut declared =
            Declared::new_public(requirement, group, Form::Table { key: name_range, version: constraint_span });
        declared.group_name = group_name.map(str::to_owned);
        declared.translated = dialect == Dialect::Poetry;
        if specifiers.is_none() {
            manifest.invalid.push(constraint_span.unwrap_or(value_span));
        }
        // The entry's whole line(s), when nothing else shares them.
        let line_start = source[..key_span.start() as usize].rfind('\n').map_or(0, |p| p + 1);
        let line_end =
            source[value_span.end() as usize..].find('\n').map_or(source.len(), |p| value_span.end() as usize + p + 1);
        let before = &source[line_start..key_span.start() as usize];
        let after = source[value_span.end() as usize..line_end].trim();
        if before.trim().is_empty() && (after.is_empty() || after.starts_with('#')) {
            declared.removal = Some(TextRange::new(to_u32(line_start), to_u32(line_end)));
        }
        manifest.requirements.push(declared);
    }
}

/// `python = "<3"` as a marker over `python_version`.
fn python_marker(specifiers: &[Specifier]) -> Marker {
    let parts: Vec<Marker> = specifiers
        .iter()
        .map(|s| Marker::Compare {
            left: Operand::Variable("python_version".into()),
            operator: s.operator.as_str().to_owned(),
            right: Operand::Literal(if s.wildcard { format!("{}.*", s.version) } else { s.version.clone() }),
        })
        .collect();
    match parts.len() {
        1 => parts.into_iter().next().expect("one part"),
        _ => Marker::And(parts),
    }
}

/// A Poetry version constraint in PEP 440 terms: `^1.2` is `>=1.2,<2.0`, `~1.2.3` is
/// `>=1.2.3,<1.3`, `1.2.*`, `>=1.2,<2` (or space separated), a bare `1.2.3` is `==1.2.3`.
/// `None` for alternatives (`||`) and what does not parse.
pub(crate) fn poetry_constraint(text: &str) -> Option<Vec<Specifier>> {
    let text = text.trim();
    if text.contains("||") {
        return None;
    }
    let mut out = Vec::new();
    for clause in text.split(',').flat_map(|part| split_clauses(part.trim())) {
        let clause = clause.trim();
        if clause.is_empty() || clause == "*" {
            continue;
        }
        if let Some(rest) = clause.strip_prefix('^') {
            let version = Version::parse(rest)?;
            // The first non-zero component is the one that may not change.
            let significant = version.release.iter().position(|part| *part != 0).unwrap_or(version.release.len() - 1);
            let mut upper: Vec<u64> = version.release[..=significant.min(version.release.len() - 1)].to_vec();
            *upper.last_mut()? += 1;
            out.push(Specifier::parse(&format!(">={rest}"))?);
            out.push(Specifier::parse(&format!("<{}", join(&upper)))?);
        } else if let Some(rest) = clause.strip_prefix("~=") {
            out.push(Specifier::parse(&format!("~={rest}"))?);
        } else if let Some(rest) = clause.strip_prefix('~') {
            let version = Version::parse(rest)?;
            let keep = if version.release.len() >= 2 { 2 } else { 1 };
            let mut upper: Vec<u64> = version.release[..keep].to_vec();
            *upper.last_mut()? += 1;
            out.push(Specifier::parse(&format!(">={rest}"))?);
            out.push(Specifier::parse(&format!("<{}", join(&upper)))?);
        } else if Operator::prefix(clause).is_some() {
            out.push(Specifier::parse(clause)?);
        } else {
            out.push(Specifier::parse(&format!("=={clause}"))?);
        }
    }
    Some(out)
}

/// `>=1.2 <2.0` (Poetry allows spaces between clauses).
fn split_clauses(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match out.last_mut() {
            // An operator alone (`>= 1.2`) joins the next word.
            Some(last) if Operator::prefix(last).is_some_and(|(_, length)| length == last.len()) => last.push_str(word),
            _ => out.push(word.to_owned()),
        }
    }
    out
}

fn join(release: &[u64]) -> String {
    release.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::super::manifest::{ManifestKind, parse_manifest};
    use super::*;

    #[test]
    fn poetry_constraints_in_pep_440_terms() {
        let text = |c: &str| {
            poetry_constraint(c).map(|s| {
                s.iter().map(|s| format!("{}{}", s.operator.as_str(), s.version)).collect::<Vec<_>>().join(",")
            })
        };
        assert_eq!(text("^1.2.3").as_deref(), Some(">=1.2.3,<2"));
        assert_eq!(text("^0.2.3").as_deref(), Some(">=0.2.3,<0.3"));
        assert_eq!(text("~1.2.3").as_deref(), Some(">=1.2.3,<1.3"));
        assert_eq!(text("1.4.22").as_deref(), Some("==1.4.22"));
        assert_eq!(text(">= 1.2 < 2").as_deref(), Some(">=1.2,<2"));
        assert_eq!(text("*").as_deref(), Some(""));
        assert_eq!(text("^1 || ^2"), None);
    }

    #[test]
    fn pyproject_pep_621_groups_build_and_poetry() {
        let text = r#"
[build-system]
requires = ["setuptools>=40", "wheel"]

[project]
name = "demo"
dependencies = [
    "MySQL-python==1.2.5",
    'futures; python_version < "3"',
]
[project.optional-dependencies]
pdf = ["pyPdf"]
[project.scripts]
demo = "demo.cli:main"

[dependency-groups]
test = ["mock", {include-group = "other"}]

[tool.poetry.dependencies]
python = "^2.7"
Django = "~1.4"
"PIL" = {version = "1.1.7", python = "<3"}
"#;
        let manifest = parse_manifest(ManifestKind::Pyproject, text);
        let found: Vec<(&str, Group)> =
            manifest.requirements.iter().map(|d| (d.requirement.name.as_str(), d.group)).collect();
        assert_eq!(
            found,
            [
                ("setuptools", Group::Build),
                ("wheel", Group::Build),
                ("MySQL-python", Group::Install),
                ("futures", Group::Install),
                ("pyPdf", Group::Optional),
                ("mock", Group::Development),
                ("Django", Group::Install),
                ("PIL", Group::Install),
            ]
        );
        let mysql = &manifest.requirements[2];
        assert_eq!(&text[mysql.requirement.spec_range.to_usize()], "MySQL-python==1.2.5");
        assert_eq!(&text[mysql.removal.unwrap().to_usize()], "    \"MySQL-python==1.2.5\",\n");
        assert!(matches!(manifest.requirements[3].form, Form::String { quote: '\'' }));
        let django = &manifest.requirements[6];
        assert_eq!(&text[django.requirement.name_range.to_usize()], "Django");
        assert!(super::super::version::only_below(&django.requirement.specifiers, &Version::parse("1.5").unwrap()));
        let pil = &manifest.requirements[7];
        assert_eq!(&text[pil.requirement.name_range.to_usize()], "PIL");
        assert!(!pil.requirement.marker.as_ref().unwrap().possible_on_python3(6));
        assert_eq!(manifest.entry_point_modules, ["demo.cli"]);
        assert_eq!(manifest.project_name.as_deref(), Some("demo"));
    }

    #[test]
    fn pipfile_packages() {
        let text = "[[source]]\nurl = \"https://pypi.org/simple\"\n\n[packages]\nMySQL-python = \"==1.2.5\"\nrequests = \"*\"\nenum34 = {version = \"*\", markers = \"python_version < '3.4'\"}\n\n[dev-packages]\nmock = \"*\"\n\n[requires]\npython_version = \"2.7\"\n";
        let manifest = parse_manifest(ManifestKind::Pipfile, text);
        let names: Vec<&str> = manifest.requirements.iter().map(|d| d.requirement.name.as_str()).collect();
        assert_eq!(names, ["MySQL-python", "requests", "enum34", "mock"]);
        assert_eq!(&text[manifest.requirements[0].removal.unwrap().to_usize()], "MySQL-python = \"==1.2.5\"\n");
        assert!(!manifest.requirements[2].requirement.marker.as_ref().unwrap().possible_on_python3(6));
        assert_eq!(manifest.requirements[3].group, Group::Development);
    }
}
