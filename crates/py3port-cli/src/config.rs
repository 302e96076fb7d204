//! Finding and reading configuration: `[tool.py3port]` in the nearest `pyproject.toml`,
//! or `py3port.toml`, plus what the project's metadata says about its Python.

use std::path::Path;

use anyhow::{Context, Result, bail};
use py3port_core::{ProjectPython, SettingValue, Settings};

/// The resolved configuration for a run.
#[derive(Debug)]
pub struct Config {
    pub settings: Settings,
    /// What the project declares about its Python.
    pub project: ProjectPython,
}

/// Finds the configuration for `start` (a directory or file): `explicit` if given, else
/// the nearest `py3port.toml`, or `pyproject.toml` with a `[tool.py3port]` table, in
/// `start` or its ancestors. Without one, the defaults.
pub fn discover(start: &Path, explicit: Option<&Path>) -> Result<Config> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let directory =
        if start.is_dir() { start.clone() } else { start.parent().map(Path::to_path_buf).unwrap_or(start.clone()) };
    let mut settings = Settings::default();
    if let Some(path) = explicit {
        apply_file(&mut settings, path)?;
    } else {
        for ancestor in directory.ancestors() {
            let dedicated = ancestor.join("py3port.toml");
            if dedicated.is_file() {
                apply_file(&mut settings, &dedicated)?;
                break;
            }
            let pyproject = ancestor.join("pyproject.toml");
            if pyproject.is_file() && tool_table(&read_toml(&pyproject)?).is_some() {
                apply_file(&mut settings, &pyproject)?;
                break;
            }
        }
    }
    Ok(Config { settings, project: project_python(&directory) })
}

fn read_toml(path: &Path) -> Result<toml::Table> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.parse::<toml::Table>().with_context(|| format!("{} is not valid TOML", path.display()))
}

fn tool_table(table: &toml::Table) -> Option<&toml::Table> {
    table.get("tool")?.as_table()?.get("py3port")?.as_table()
}

/// Applies a `py3port.toml` (keys at the top level) or a `pyproject.toml`
/// (`[tool.py3port]`).
fn apply_file(settings: &mut Settings, path: &Path) -> Result<()> {
    let table = read_toml(path)?;
    let is_pyproject = path.file_name().is_some_and(|name| name == "pyproject.toml");
    let table = if is_pyproject { tool_table(&table).cloned().unwrap_or_default() } else { table };
    for (key, value) in table {
        let value = setting_value(&value).with_context(|| format!("{}: `{key}`", path.display()))?;
        settings.set(&key, value).with_context(|| format!("invalid configuration in {}", path.display()))?;
    }
    Ok(())
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
