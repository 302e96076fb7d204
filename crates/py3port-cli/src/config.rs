//! Finding and reading configuration: `[tool.py3port]` in the nearest `pyproject.toml`,
//! or `py3port.toml`, plus what the project's metadata says about its Python.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use py3port_core::{ProjectPython, SettingValue, Settings};

/// The resolved configuration for a run.
#[derive(Debug)]
pub struct Config {
    pub settings: Settings,
    /// What the project declares about its Python.
    pub project: ProjectPython,
    /// The configuration files applied, the most basic (the end of the `extend` chain)
    /// first; empty when the defaults apply.
    pub layers: Vec<ConfigLayer>,
    /// The project root: the directory of the configuration file, else the working
    /// directory. `per-file-ignores` patterns and the result
    /// cache are relative to it.
    pub root: PathBuf,
}

/// One configuration file's settings, as written (`extend` resolved into other layers).
#[derive(Clone, Debug)]
pub struct ConfigLayer {
    pub path: PathBuf,
    pub entries: Vec<(String, SettingValue)>,
}

/// Where a setting's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    CommandLine,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// Finds the configuration for `start` (a directory or file): `explicit` if given, else
/// the nearest `py3port.toml`, or `pyproject.toml` with a `[tool.py3port]` table, in
/// `start` or its ancestors. Without one, the defaults.
pub fn discover(start: &Path, explicit: Option<&Path>) -> Result<Config> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let directory =
        if start.is_dir() { start.clone() } else { start.parent().map(Path::to_path_buf).unwrap_or(start.clone()) };
    let mut settings = Settings::default();
    let file = match explicit {
        Some(path) => Some(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())),
        None => find_file(&directory)?,
    };
    let layers = match &file {
        Some(path) => file_layers(path)?,
        None => Vec::new(),
    };
    for layer in &layers {
        apply_layer(&mut settings, layer)?;
    }
    // Without a configuration file, the project root is the working directory, as ruff
    // decides.
    let root = file
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| std::env::current_dir().unwrap_or_else(|_| directory.clone()), Path::to_path_buf);
    Ok(Config { settings, project: project_python(&directory), layers, root })
}

/// The most configuration files an `extend` chain may hold; a longer one is most likely
/// a mistake.
const MAX_EXTEND_DEPTH: usize = 16;

/// The layers of configuration `path` stands for: the file its `extend` names (and that
/// file's base, and so on) first, `path` last. Each `extend` is relative to the file that
/// says it; a cycle is an error.
pub fn file_layers(path: &Path) -> Result<Vec<ConfigLayer>> {
    let mut layers = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(path) = next.take() {
        if layers.len() == MAX_EXTEND_DEPTH {
            bail!("{}: `extend` chain is longer than {MAX_EXTEND_DEPTH} files", path.display());
        }
        let canonical = path.canonicalize().with_context(|| format!("cannot read {}", path.display()))?;
        if layers.iter().any(|layer: &ConfigLayer| layer.path.canonicalize().ok().as_ref() == Some(&canonical)) {
            bail!("{}: `extend` cycle: the file extends itself through its bases", path.display());
        }
        let table = read_toml(&path)?;
        let is_pyproject = path.file_name().is_some_and(|name| name == "pyproject.toml");
        let table = if is_pyproject { tool_table(&table).cloned().unwrap_or_default() } else { table };
        let mut entries = Vec::new();
        for (key, value) in table {
            let value = setting_value(&value).with_context(|| format!("{}: `{key}`", path.display()))?;
            if key == "extend" {
                let SettingValue::String(base) = &value else {
                    bail!("{}: `extend` must be a path (a string)", path.display());
                };
                let directory = path.parent().unwrap_or(Path::new("."));
                next = Some(directory.join(base));
            }
            entries.push((key, value));
        }
        layers.push(ConfigLayer { path, entries });
    }
    layers.reverse();
    Ok(layers)
}

fn apply_layer(settings: &mut Settings, layer: &ConfigLayer) -> Result<()> {
    for (key, value) in &layer.entries {
        settings
            .set(key, value.clone())
            .with_context(|| format!("invalid configuration in {}", layer.path.display()))?;
    }
    Ok(())
}

/// The canonical (kebab-case) spelling of a settings key, if it is one.
pub fn canonical_key(key: &str) -> Option<&'static str> {
    py3port_core::SETTINGS.iter().find(|doc| doc.kebab == key || doc.camel == key).map(|doc| doc.kebab)
}

/// For each key of the settings table, the value the configuration gives it and where it
/// came from: the last layer that sets the key, else the default. `overrides` are the
/// keys the command line set, with their values.
pub fn origins(
    config: &Config,
    overrides: &[(&str, SettingValue)],
) -> Vec<(&'static str, Option<SettingValue>, Origin)> {
    py3port_core::SETTINGS
        .iter()
        .map(|doc| {
            if let Some((_, value)) = overrides.iter().rev().find(|(key, _)| canonical_key(key) == Some(doc.kebab)) {
                return (doc.kebab, Some(value.clone()), Origin::CommandLine);
            }
            let from_file = config.layers.iter().rev().find_map(|layer| {
                layer
                    .entries
                    .iter()
                    .rev()
                    .find(|(key, _)| canonical_key(key) == Some(doc.kebab))
                    .map(|(_, value)| (value.clone(), layer.path.clone()))
            });
            match from_file {
                Some((value, path)) => (doc.kebab, Some(value), Origin::File(path)),
                None => (doc.kebab, None, Origin::Default),
            }
        })
        .collect()
}

/// `per-file-ignores`, compiled: which rules to ignore in a file, by glob patterns
/// matched against its path relative to the project root (and, for a pattern without a
/// `/`, against its file name).
#[derive(Clone, Debug, Default)]
pub struct PerFileIgnores {
    root: PathBuf,
    patterns: Vec<(String, globset::GlobMatcher, Option<globset::GlobMatcher>, Vec<py3port_core::RuleSelector>)>,
}

impl PerFileIgnores {
    pub fn new(settings: &Settings, root: &Path) -> Result<Self> {
        let mut patterns = Vec::new();
        for (pattern, selectors) in &settings.per_file_ignores {
            let trimmed = pattern.trim_start_matches("./");
            let glob = globset::Glob::new(trimmed)
                .with_context(|| format!("invalid per-file-ignores pattern `{pattern}`"))?
                .compile_matcher();
            let anywhere =
                (!trimmed.contains('/')).then(|| globset::Glob::new(&format!("**/{trimmed}"))).transpose()?;
            patterns.push((pattern.clone(), glob, anywhere.map(|g| g.compile_matcher()), selectors.clone()));
        }
        Ok(Self { root: std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()), patterns })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The patterns that match `path`, with the rules each ignores.
    pub fn matching(&self, path: &Path) -> Vec<(&str, &[py3port_core::RuleSelector])> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        let relative = relative.strip_prefix("./").unwrap_or(relative);
        self.patterns
            .iter()
            .filter(|(_, glob, anywhere, _)| {
                glob.is_match(relative)
                    || anywhere.as_ref().is_some_and(|g| g.is_match(relative))
                    || path.file_name().is_some_and(|name| glob.is_match(name))
            })
            .map(|(pattern, _, _, selectors)| (pattern.as_str(), selectors.as_slice()))
            .collect()
    }

    /// The settings for `path`: `settings` with the matching patterns' rules off, whatever
    /// `select` says (a per-file ignore is the last word, as in ruff). `None` when no
    /// pattern matches.
    pub fn settings_for(&self, settings: &Settings, rules: &py3port_core::RuleTable, path: &Path) -> Option<Settings> {
        let matching = self.matching(path);
        if matching.is_empty() {
            return None;
        }
        let selectors: Vec<&py3port_core::RuleSelector> = matching.iter().flat_map(|(_, s)| s.iter()).collect();
        let mut file_settings = settings.clone();
        // The exact set of rules still on, by name, so that no selector's specificity can
        // bring an ignored rule back.
        file_settings.select = Some(
            rules
                .enabled_rules()
                .filter(|&rule| !selectors.iter().any(|selector| selector.matches(rule)))
                .map(|rule| py3port_core::RuleSelector::Name(rule.name().to_owned()))
                .collect(),
        );
        file_settings.extend_select.clear();
        file_settings.ignore.clear();
        file_settings.extend_ignore.clear();
        Some(file_settings)
    }
}

/// The configuration file [`discover`] would read for `directory`: the nearest
/// `py3port.toml`, or `pyproject.toml` with a `[tool.py3port]` table, in `directory` or its
/// ancestors. The language server uses it to report where each setting came from.
pub fn find_file(directory: &Path) -> Result<Option<PathBuf>> {
    for ancestor in directory.ancestors() {
        let dedicated = ancestor.join("py3port.toml");
        if dedicated.is_file() {
            return Ok(Some(dedicated));
        }
        let pyproject = ancestor.join("pyproject.toml");
        if pyproject.is_file() && tool_table(&read_toml(&pyproject)?).is_some() {
            return Ok(Some(pyproject));
        }
    }
    Ok(None)
}

/// The settings a configuration file holds, converted but not applied, so
/// that a caller can layer them with other sources key by key. A value that cannot be
/// converted is an error for that key only.
pub fn file_entries(path: &Path) -> Result<Vec<(String, Result<SettingValue>)>> {
    let table = read_toml(path)?;
    let is_pyproject = path.file_name().is_some_and(|name| name == "pyproject.toml");
    let table = if is_pyproject { tool_table(&table).cloned().unwrap_or_default() } else { table };
    Ok(table.iter().map(|(key, value)| (key.clone(), setting_value(value))).collect())
}

fn read_toml(path: &Path) -> Result<toml::Table> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.parse::<toml::Table>().with_context(|| format!("{} is not valid TOML", path.display()))
}

fn tool_table(table: &toml::Table) -> Option<&toml::Table> {
    table.get("tool")?.as_table()?.get("py3port")?.as_table()
}

/// Converts a TOML value into the core's setting value.
pub fn setting_value(value: &toml::Value) -> Result<SettingValue> {
    Ok(match value {
        toml::Value::String(text) => SettingValue::String(text.clone()),
        toml::Value::Integer(number) => SettingValue::Integer(*number),
        toml::Value::Boolean(flag) => SettingValue::Bool(*flag),
        toml::Value::Array(items) => SettingValue::List(items.iter().map(setting_value).collect::<Result<_>>()?),
        toml::Value::Table(table) => {
            SettingValue::Table(table.iter().map(|(k, v)| Ok((k.clone(), setting_value(v)?))).collect::<Result<_>>()?)
        }
        toml::Value::Float(_) | toml::Value::Datetime(_) => bail!("unsupported value type"),
    })
}

/// What the nearest project metadata (`pyproject.toml`'s `[project]`, `setup.cfg`,
/// `setup.py`) says about the project's Python.
pub fn project_python(directory: &Path) -> ProjectPython {
    for ancestor in directory.ancestors() {
        let pyproject = ancestor.join("pyproject.toml");
        if let Ok(table) = read_toml(&pyproject)
            && let Some(project) = table.get("project").and_then(toml::Value::as_table)
        {
            let requires = project.get("requires-python").and_then(toml::Value::as_str);
            let classifiers = strings(project.get("classifiers"));
            return ProjectPython::from_metadata(requires, &classifiers);
        }
        let setup_cfg = ancestor.join("setup.cfg");
        if let Ok(text) = std::fs::read_to_string(&setup_cfg)
            && let Some(requires) = ini_value(&text, "python_requires")
        {
            return ProjectPython::from_metadata(Some(&requires), &[]);
        }
        let setup_py = ancestor.join("setup.py");
        if let Ok(bytes) = std::fs::read(&setup_py)
            && let Ok(source) = crate::source::decode(&bytes)
        {
            let metadata = py3port_core::metadata::read_setup_py(&source.text);
            return ProjectPython::from_metadata(metadata.python_requires.as_deref(), &metadata.classifiers);
        }
        if ancestor.join(".git").exists() {
            break;
        }
    }
    ProjectPython::Unknown
}

fn strings(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(toml::Value::as_array)
        .map_or_else(Vec::new, |items| items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect())
}

/// The value of `key = value` in an INI file, any section.
fn ini_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(['=', ':'])?;
        (name.trim() == key).then(|| value.trim().to_owned())
    })
}

/// A setting value as TOML writes it (`["PY31", "PY3405"]`, `{ "tests/*" = ["PY34"] }`).
pub fn value_toml(value: &SettingValue) -> String {
    match value {
        SettingValue::Bool(flag) => flag.to_string(),
        SettingValue::Integer(number) => number.to_string(),
        SettingValue::String(text) => toml::Value::String(text.clone()).to_string(),
        SettingValue::List(items) => format!("[{}]", items.iter().map(value_toml).collect::<Vec<_>>().join(", ")),
        SettingValue::Table(entries) if entries.is_empty() => "{}".to_owned(),
        SettingValue::Table(entries) => format!(
            "{{ {} }}",
            entries
                .iter()
                .map(|(key, value)| format!("{} = {}", toml::Value::String(key.clone()), value_toml(value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A setting value as JSON.
pub fn value_json(value: &SettingValue) -> serde_json::Value {
    match value {
        SettingValue::Bool(flag) => serde_json::Value::Bool(*flag),
        SettingValue::Integer(number) => serde_json::Value::from(*number),
        SettingValue::String(text) => serde_json::Value::String(text.clone()),
        SettingValue::List(items) => serde_json::Value::Array(items.iter().map(value_json).collect()),
        SettingValue::Table(entries) => {
            serde_json::Value::Object(entries.iter().map(|(key, value)| (key.clone(), value_json(value))).collect())
        }
    }
}
