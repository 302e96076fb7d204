//! Where each document's settings come from, and in which order they apply.
//!
//! Precedence, lowest first (each key set by a later source replaces the earlier value):
//!
//! 1. the built-in defaults;
//! 2. the nearest configuration file: `py3port.toml`, or `pyproject.toml` with a
//!    `[tool.py3port]` table, in the document's directory or its ancestors (what
//!    `py3port check` reads);
//! 3. `initializationOptions` (the settings object itself, or under a `settings` key);
//! 4. the client's settings: `workspace/configuration` with section `py3port` for the
//!    document's workspace folder, or, for clients that cannot answer that request, the
//!    `py3port` object last sent by `workspace/didChangeConfiguration`.
//!
//! Editor settings override the file as command-line options do for `py3port check`. A
//! folder without any of these works on the defaults. `py3port.debugInformation` shows
//! each key's value and the source it came from.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use py3port_core::{FileContext, ProjectPython, RuleSelector, SETTINGS, SettingValue, Settings};
use serde_json::Value;

/// Where a setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    InitializationOptions,
    /// `workspace/configuration` for the named folder.
    WorkspaceConfiguration(String),
    DidChangeConfiguration,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::InitializationOptions => f.write_str("initializationOptions"),
            Origin::WorkspaceConfiguration(folder) => write!(f, "workspace/configuration ({folder})"),
            Origin::DidChangeConfiguration => f.write_str("workspace/didChangeConfiguration"),
        }
    }
}

/// One source's entries, converted to the core's values; a value that cannot be converted
/// keeps its error so that it is reported, not silently dropped.
#[derive(Clone, Debug)]
pub struct Layer {
    pub origin: Origin,
    pub entries: Vec<(String, Result<SettingValue, String>)>,
}

/// A document's settings, with where each came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub settings: Settings,
    /// Per TOML key that a source set: each value as given with its source, in precedence
    /// order (the last one applies).
    pub origins: BTreeMap<&'static str, Vec<(String, Origin)>>,
    /// Keys or values that were refused, with the source that gave them.
    pub errors: Vec<String>,
    pub config_file: Option<PathBuf>,
    pub context: FileContext,
    /// Whether `exclude` names the file: it is then not analysed.
    pub excluded: bool,
}

/// The entries of a JSON settings object (`null` values mean "not set" and are skipped).
pub fn json_entries(value: &Value) -> Vec<(String, Result<SettingValue, String>)> {
    let Value::Object(map) = value else { return Vec::new() };
    map.iter().filter(|(_, value)| !value.is_null()).map(|(key, value)| (key.clone(), json_value(value))).collect()
}

fn json_value(value: &Value) -> Result<SettingValue, String> {
    Ok(match value {
        Value::Bool(flag) => SettingValue::Bool(*flag),
        Value::Number(number) => SettingValue::Integer(number.as_i64().ok_or("expected an integer")?),
        Value::String(text) => SettingValue::String(text.clone()),
        Value::Array(items) => SettingValue::List(items.iter().map(json_value).collect::<Result<_, _>>()?),
        Value::Object(map) => SettingValue::Table(
            map.iter().map(|(key, value)| Ok((key.clone(), json_value(value)?))).collect::<Result<_, String>>()?,
        ),
        Value::Null => return Err("null is not a value".to_owned()),
    })
}

/// The settings object inside `initializationOptions`: under `settings` or `py3port` when
/// the client nests it, else the object itself.
pub fn initialization_settings(options: &Value) -> Value {
    options.get("settings").or_else(|| options.get("py3port")).cloned().unwrap_or_else(|| options.clone())
}

/// The `py3port` object of a `didChangeConfiguration` payload (clients send either the
/// whole settings tree or the section alone).
pub fn pushed_settings(settings: &Value) -> Value {
    settings.get("py3port").cloned().unwrap_or_else(|| settings.clone())
}

/// The most files an `extend` chain may hold.
const MAX_EXTEND: usize = 16;

/// The configuration file layers for a document in `directory`: the nearest file last,
/// after the files its `extend` key names (each relative to the file that names it), as
/// `py3port check` reads them. Empty without a file; an error to report when one cannot
/// be read.
pub fn file_layers(directory: &Path) -> Result<Vec<Layer>, String> {
    let mut next = py3port_cli::config::find_file(directory).map_err(describe)?;
    let mut layers: Vec<Layer> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    while let Some(file) = next.take() {
        let canonical = file.canonicalize().map_err(|error| format!("{}: {error}", file.display()))?;
        if seen.contains(&canonical) || seen.len() == MAX_EXTEND {
            return Err(format!("{}: `extend` cycle or chain longer than {MAX_EXTEND} files", file.display()));
        }
        seen.push(canonical);
        let mut entries: Vec<(String, Result<SettingValue, String>)> = Vec::new();
        for (key, value) in py3port_cli::config::file_entries(&file).map_err(describe)? {
            match (key.as_str(), value) {
                ("extend", Ok(SettingValue::String(base))) => {
                    next = Some(file.parent().unwrap_or(Path::new(".")).join(base));
                }
                ("extend", _) => return Err(format!("{}: `extend` must be a path (a string)", file.display())),
                (_, value) => entries.push((key, value.map_err(describe))),
            }
        }
        layers.push(Layer { origin: Origin::File(file), entries });
    }
    layers.reverse();
    Ok(layers)
}

/// An error with its causes (`{:#}` prints anyhow's chain).
fn describe(error: impl fmt::Display) -> String {
    format!("{error:#}")
}

/// What a workspace folder contributes beyond settings: the files that are Python 2 or
/// Python 3 by their syntax, and the method names the project defines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFacts {
    pub python2: Vec<PathBuf>,
    pub python3: Vec<PathBuf>,
    pub project_methods: Vec<String>,
}

impl ProjectFacts {
    /// Whether more of the project's other files are Python 2 than Python 3. The file
    /// itself is left out: the verdict matters only while its own syntax is neutral, and
    /// then it counts for neither side, whatever it was when the folder was scanned.
    pub fn mostly_python2(&self, path: Option<&Path>) -> bool {
        let others = |files: &[PathBuf]| files.iter().filter(|file| Some(file.as_path()) != path).count();
        others(&self.python2) > others(&self.python3)
    }

    /// Records a file's dialect by syntax (after a save).
    pub fn record(&mut self, path: &Path, dialect: Option<py3port_core::Dialect>) {
        self.python2.retain(|file| file != path);
        self.python3.retain(|file| file != path);
        match dialect {
            Some(py3port_core::Dialect::Python2) => self.python2.push(path.to_path_buf()),
            Some(py3port_core::Dialect::Python3) => self.python3.push(path.to_path_buf()),
            _ => {}
        }
    }
}

/// Everything a document's settings depend on.
pub struct Inputs<'a> {
    pub path: Option<&'a Path>,
    /// The workspace folder holding the document.
    pub folder: Option<&'a Path>,
    pub layers: &'a [Layer],
    pub facts: Option<&'a ProjectFacts>,
}

/// Applies the layers in order and works out the document's context.
pub fn resolve(inputs: &Inputs<'_>) -> Resolved {
    let directory = inputs.path.and_then(Path::parent);
    let mut errors = Vec::new();
    let file_layers = match directory.map(file_layers) {
        Some(Ok(layers)) => layers,
        Some(Err(error)) => {
            errors.push(error);
            Vec::new()
        }
        None => Vec::new(),
    };
    let layers = file_layers.iter().chain(inputs.layers);

    let mut settings = Settings::default();
    let mut origins = BTreeMap::new();
    for layer in layers {
        for (key, value) in &layer.entries {
            let Some(doc) = SETTINGS.iter().find(|doc| doc.kebab == key || doc.camel == key) else {
                errors.push(format!("{}: unknown setting `{key}`", layer.origin));
                continue;
            };
            let value = match value {
                Ok(value) => value,
                Err(error) => {
                    errors.push(format!("{}: `{key}`: {error}", layer.origin));
                    continue;
                }
            };
            match settings.set(doc.kebab, value.clone()) {
                Ok(()) => {
                    origins.entry(doc.kebab).or_insert_with(Vec::new).push((render(value), layer.origin.clone()));
                }
                Err(error) => errors.push(format!("{}: {error}", layer.origin)),
            }
        }
    }

    let config_file = file_layers.last().and_then(|layer| match &layer.origin {
        Origin::File(path) => Some(path.clone()),
        _ => None,
    });
    // Globs are relative to the configuration file's directory, else the folder's.
    let root = config_file.as_deref().and_then(Path::parent).or(inputs.folder).or(directory);
    let mut excluded = false;
    if let (Some(path), Some(root)) = (inputs.path, root) {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let patterns = settings.exclude.iter().chain(&settings.extend_exclude);
        match glob_set(patterns) {
            Ok(set) => excluded = matches(&set, relative),
            Err(error) => errors.push(error),
        }
        let mut ignored: Vec<RuleSelector> = Vec::new();
        for (pattern, selectors) in &settings.per_file_ignores {
            match glob_set([pattern]) {
                Ok(set) if matches(&set, relative) => ignored.extend(selectors.iter().cloned()),
                Ok(_) => {}
                Err(error) => errors.push(error),
            }
        }
        settings.extend_ignore.extend(ignored);
    }

    let context = context(inputs, directory);
    Resolved { settings, origins, errors, config_file, context, excluded }
}

/// The file's context: the project metadata's verdict (or the folder scan's when the
/// metadata says nothing), the file's module name and siblings, the project's methods.
fn context(inputs: &Inputs<'_>, directory: Option<&Path>) -> FileContext {
    let mut context = FileContext::default();
    if let Some(directory) = directory {
        context.project = py3port_cli::config::project_python(directory);
    }
    if let Some(facts) = inputs.facts {
        if context.project == ProjectPython::Unknown && facts.mostly_python2(inputs.path) {
            context.project = ProjectPython::MostlyPython2;
        }
        context.project_methods.clone_from(&facts.project_methods);
    }
    if let Some(path) = inputs.path.filter(|path| path.exists()) {
        let (module_name, siblings) = py3port_cli::layout::module_layout(path);
        context.module_name = module_name;
        context.siblings = siblings;
    }
    context
}

fn glob_set<'a>(patterns: impl IntoIterator<Item = &'a String>) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let pattern = pattern.trim_end_matches('/');
        let glob = Glob::new(pattern).map_err(|error| format!("invalid glob `{pattern}`: {error}"))?;
        builder.add(glob);
        if !pattern.contains('/') {
            builder.add(Glob::new(&format!("**/{pattern}")).map_err(|error| error.to_string())?);
        }
    }
    builder.build().map_err(|error| error.to_string())
}

/// Whether the path, or one of its parent directories, matches (as the CLI skips a whole
/// excluded directory).
fn matches(set: &GlobSet, relative: &Path) -> bool {
    !set.is_empty() && relative.ancestors().filter(|p| !p.as_os_str().is_empty()).any(|p| set.is_match(p))
}

/// A setting's value as the user would write it in TOML.
pub fn render(value: &SettingValue) -> String {
    match value {
        SettingValue::Bool(flag) => flag.to_string(),
        SettingValue::Integer(number) => number.to_string(),
        SettingValue::String(text) => format!("{text:?}"),
        SettingValue::List(items) => format!("[{}]", items.iter().map(render).collect::<Vec<_>>().join(", ")),
        SettingValue::Table(entries) => format!(
            "{{{}}}",
            entries.iter().map(|(key, value)| format!("{key:?} = {}", render(value))).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The precedence order, as `py3port.debugInformation` prints it.
pub const PRECEDENCE: &str = "defaults < configuration file (py3port.toml or [tool.py3port] in pyproject.toml) \
     < initializationOptions < workspace/configuration (section py3port) or didChangeConfiguration";

#[cfg(test)]
mod tests {
    use super::*;
    use py3port_core::Rule;
    use serde_json::json;

    fn layer(origin: Origin, value: Value) -> Layer {
        Layer { origin, entries: json_entries(&value) }
    }

    #[test]
    fn later_sources_win_key_by_key_and_errors_are_kept() {
        let layers = [
            layer(Origin::InitializationOptions, json!({"ignore": ["PY3101"], "targetVersion": "py38"})),
            layer(
                Origin::WorkspaceConfiguration("app".into()),
                json!({"ignore": ["PY3102"], "nope": 1, "minConfidence": null, "source": 3}),
            ),
        ];
        let resolved = resolve(&Inputs { path: None, folder: None, layers: &layers, facts: None });
        let table = resolved.settings.resolve();
        assert!(table.enabled(Rule::PrintStatement));
        assert!(!table.enabled(Rule::ExecStatement));
        assert_eq!(resolved.settings.target_version.to_string(), "py38");
        assert_eq!(resolved.origins["ignore"].last().unwrap().1, Origin::WorkspaceConfiguration("app".into()));
        assert_eq!(resolved.origins["target-version"].last().unwrap().1, Origin::InitializationOptions);
        assert_eq!(resolved.errors.len(), 2, "{:?}", resolved.errors);
    }

    #[test]
    fn configuration_files_follow_extend() {
        let folder = tempfile::tempdir().unwrap();
        let app = folder.path().join("app");
        std::fs::create_dir(&app).unwrap();
        std::fs::write(folder.path().join("base.toml"), "ignore = [\"PY3101\"]\ntarget-version = \"py38\"\n").unwrap();
        std::fs::write(app.join("py3port.toml"), "extend = \"../base.toml\"\nignore = [\"PY3102\"]\n").unwrap();
        let file = app.join("a.py");
        let resolved = resolve(&Inputs { path: Some(&file), folder: None, layers: &[], facts: None });
        assert!(resolved.errors.is_empty(), "{:?}", resolved.errors);
        assert_eq!(resolved.config_file.as_deref(), Some(app.join("py3port.toml").as_path()));
        assert_eq!(resolved.settings.target_version.to_string(), "py38");
        let ignore = &resolved.origins["ignore"];
        assert_eq!(ignore.len(), 2);
        assert_eq!(ignore[1], ("[\"PY3102\"]".to_owned(), Origin::File(app.join("py3port.toml"))));

        std::fs::write(folder.path().join("base.toml"), "extend = \"app/py3port.toml\"\n").unwrap();
        let resolved = resolve(&Inputs { path: Some(&file), folder: None, layers: &[], facts: None });
        assert!(resolved.errors[0].contains("`extend` cycle"), "{:?}", resolved.errors);
    }

    #[test]
    fn exclude_and_per_file_ignores_match_relative_to_the_root() {
        let folder = tempfile::tempdir().unwrap();
        let tests = folder.path().join("tests");
        std::fs::create_dir(&tests).unwrap();
        let file = tests.join("test_a.py");
        std::fs::write(&file, "print 'x'\n").unwrap();
        let layers = [layer(
            Origin::InitializationOptions,
            json!({"perFileIgnores": {"tests/*": ["PY31"]}, "exclude": ["vendor"]}),
        )];
        let inputs = Inputs { path: Some(&file), folder: Some(folder.path()), layers: &layers, facts: None };
        let resolved = resolve(&inputs);
        assert!(!resolved.excluded);
        assert!(!resolved.settings.resolve().enabled(Rule::PrintStatement));

        let vendored = folder.path().join("vendor/lib/x.py");
        let inputs = Inputs { path: Some(&vendored), ..inputs };
        assert!(resolve(&inputs).excluded);
    }
}
