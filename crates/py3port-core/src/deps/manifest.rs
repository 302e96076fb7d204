//! Reading dependency declarations: requirements files, `setup.py` (statically, from the
//! syntax tree), `setup.cfg`, `pyproject.toml` (PEP 621, PEP 735 and Poetry) and
//! `Pipfile`. Text in, data out: the edge reads the files and resolves `-r`/`-c`
//! includes.

use tree_sitter::Node;

use super::requirement::{Requirement, parse_requirement};
use crate::ast;
use crate::syntax_kind::{Field, NodeKind, field};
use crate::text::{TextRange, to_u32};

/// The kinds of file that declare dependencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ManifestKind {
    /// A pip requirements file (`requirements.txt`, `requirements/dev.txt`,
    /// `requirements.in`).
    Requirements,
    /// A pip constraints file (`constraints.txt`, or any file included with `-c`): it
    /// pins versions but declares nothing.
    Constraints,
    SetupPy,
    SetupCfg,
    Pyproject,
    Pipfile,
}

impl ManifestKind {
    /// The kind of a file from its path (`/` or `\` separated), if it declares
    /// dependencies.
    pub fn from_path(path: &str) -> Option<ManifestKind> {
        let mut parts = path.rsplit(['/', '\\']);
        let name = parts.next()?;
        let parent = parts.next().unwrap_or_default().to_ascii_lowercase();
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "setup.py" => return Some(ManifestKind::SetupPy),
            "setup.cfg" => return Some(ManifestKind::SetupCfg),
            "pyproject.toml" => return Some(ManifestKind::Pyproject),
            "pipfile" => return Some(ManifestKind::Pipfile),
            _ => {}
        }
        // setuptools writes `requires.txt` into `*.egg-info`: generated, not declared.
        if parent.ends_with(".egg-info") {
            return None;
        }
        let stem = lower.strip_suffix(".txt").or_else(|| lower.strip_suffix(".in"))?;
        if stem.contains("constraint") {
            Some(ManifestKind::Constraints)
        } else if stem.contains("requirements")
            || stem.starts_with("requires")
            || matches!(parent.as_str(), "requirements" | "reqs" | "requirements.d")
        {
            Some(ManifestKind::Requirements)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ManifestKind::Requirements => "requirements",
            ManifestKind::Constraints => "constraints",
            ManifestKind::SetupPy => "setup.py",
            ManifestKind::SetupCfg => "setup.cfg",
            ManifestKind::Pyproject => "pyproject.toml",
            ManifestKind::Pipfile => "Pipfile",
        }
    }
}

/// What a declaration is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// Installed with the project (`install_requires`, `[project] dependencies`,
    /// requirements files, `[packages]`).
    Install,
    /// An extra (`extras_require`, `[project.optional-dependencies]`).
    Optional,
    /// Development and test dependencies (`tests_require`, dependency groups, Poetry dev
    /// groups, `[dev-packages]`).
    Development,
    /// Needed to build, never imported (`setup_requires`, `[build-system] requires`).
    Build,
    /// A pin in a constraints file.
    Constraint,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Install => "install",
            Group::Optional => "optional",
            Group::Development => "development",
            Group::Build => "build",
            Group::Constraint => "constraint",
        }
    }
}

/// How a declaration is written, which decides how a fix rewrites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// A requirement string: a line of a requirements file, or the content of a string
    /// literal (`quote` is the literal's quote, which a marker's quotes must avoid).
    String { quote: char },
    /// A table entry, `name = "^1.2"` or `name = {version = "==1.2", ...}` (Poetry,
    /// Pipfile): the key, and the version string's range (with its quotes) if any.
    Table { key: TextRange, version: Option<TextRange> },
}

/// One declared requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub requirement: Requirement,
    pub group: Group,
    /// The extra's or group's name.
    pub group_name: Option<String>,
    pub form: Form,
    /// What removing the requirement deletes (its line, or its list element and comma);
    /// `None` when it cannot be removed on its own.
    pub removal: Option<TextRange>,
    /// `-e`/`--editable`.
    pub editable: bool,
    /// Pinned by `--hash` options: a replacement would need new hashes.
    pub hashes: bool,
    /// pip-compile's `# via` annotation: what pulled the requirement in. Only names of
    /// other packages (`-r requirements.in` excluded) make it transitive.
    pub via: Vec<String>,
    /// The requirement's text is not exactly what the file says (a string with escapes,
    /// a Poetry constraint translated to PEP 440): ranges inside it are not offered for
    /// edits.
    pub translated: bool,
}

impl Declared {
    pub(crate) fn new_public(requirement: Requirement, group: Group, form: Form) -> Self {
        Self::new(requirement, group, form)
    }

    fn new(requirement: Requirement, group: Group, form: Form) -> Self {
        Declared {
            requirement,
            group,
            group_name: None,
            form,
            removal: None,
            editable: false,
            hashes: false,
            via: Vec::new(),
            translated: false,
        }
    }

    /// Whether pip-compile recorded that only other packages need it.
    pub fn is_transitive(&self) -> bool {
        !self.via.is_empty() && self.via.iter().all(|via| !via.starts_with('-'))
    }
}

/// A `-r`/`-c` include of a requirements file; the edge resolves the path relative to the
/// including file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Include {
    pub path: String,
    pub range: TextRange,
    pub constraint: bool,
}

/// Everything a manifest declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub requirements: Vec<Declared>,
    pub includes: Vec<Include>,
    /// Modules named by entry points and scripts (`console_scripts = x = pkg.cli:main`,
    /// `[project.scripts]`, `[tool.poetry.plugins]`): used without an import.
    pub entry_point_modules: Vec<String>,
    /// The project's own distribution name (`name=` of `setup()`, `[project] name`).
    pub project_name: Option<String>,
    /// Lines that look like requirements but are not valid ones.
    pub invalid: Vec<TextRange>,
}

/// Reads the dependency declarations of `text`, a file of `kind`.
pub fn parse_manifest(kind: ManifestKind, text: &str) -> Manifest {
    match kind {
        ManifestKind::Requirements => requirements_txt(text, false),
        ManifestKind::Constraints => requirements_txt(text, true),
        ManifestKind::SetupPy => setup_py(text),
        ManifestKind::SetupCfg => setup_cfg(text),
        ManifestKind::Pyproject => super::toml_manifest::pyproject(text),
        ManifestKind::Pipfile => super::toml_manifest::pipfile(text),
    }
}

/// The byte ranges of each line, with their terminators.
pub(crate) fn lines(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(TextRange::new(to_u32(start), to_u32(i + 1)));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(TextRange::new(to_u32(start), to_u32(text.len())));
    }
    out
}

/// A line without its terminator.
fn content(text: &str, line: TextRange) -> &str {
    text[line.to_usize()].trim_end_matches(['\n', '\r'])
}

// ---------------------------------------------------------------- requirements files

/// Where a comment starts on a requirements line: `#` at the start or after whitespace.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()))
}

fn requirements_txt(text: &str, constraints: bool) -> Manifest {
    let mut manifest = Manifest::default();
    let physical = lines(text);
    let group = if constraints { Group::Constraint } else { Group::Install };
    let mut index = 0;
    while index < physical.len() {
        // A logical line: physical lines joined by a trailing backslash.
        let first = index;
        while index + 1 < physical.len() && {
            let line = content(text, physical[index]);
            let code = comment_start(line).map_or(line, |c| &line[..c]);
            code.trim_end().ends_with('\\')
        } {
            index += 1;
        }
        let last = index;
        index += 1;
        let line_start = physical[first].start();
        let line_text = content(text, physical[first]);
        let comment = comment_start(line_text);
        let code = comment.map_or(line_text, |c| &line_text[..c]);
        let trimmed = code.trim();
        if trimmed.is_empty() {
            continue;
        }
        // Removal covers the logical line and the comment lines pip-compile puts after
        // it (`    # via ...`).
        let mut removal_end = physical[last].end();
        let mut via = Vec::new();
        if let Some(c) = comment {
            let note = line_text[c..].trim_start_matches('#').trim();
            if let Some(rest) = note.strip_prefix("via ") {
                via.extend(rest.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()));
            }
        }
        let mut next = index;
        while next < physical.len() {
            let line = content(text, physical[next]);
            let stripped = line.trim_start();
            if !(stripped.starts_with('#') && line.len() > stripped.len()) {
                break;
            }
            let note = stripped.trim_start_matches('#').trim();
            if let Some(rest) = note.strip_prefix("via") {
                via.extend(rest.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()));
            } else if !via.is_empty() || next > index {
                via.push(note.to_owned());
            } else {
                break;
            }
            removal_end = physical[next].end();
            next += 1;
        }
        index = index.max(next);
        let offset_in_line = code.len() - code.trim_start().len();
        let start = line_start + to_u32(offset_in_line);
        // The logical line's code, for the continuation lines.
        let joined_end = if last > first {
            let last_line = content(text, physical[last]);
            physical[last].start() + to_u32(comment_start(last_line).map_or(last_line.len(), |c| c))
        } else {
            line_start + to_u32(code.trim_end().len())
        };
        let logical = &text[start as usize..joined_end as usize];
        if trimmed.starts_with('-') {
            option_line(&mut manifest, logical, start, group, TextRange::new(line_start, removal_end), via);
            continue;
        }
        requirement_line(&mut manifest, logical, start, group, TextRange::new(line_start, removal_end), via, false);
    }
    manifest
}

/// The tokens of a logical line, split on whitespace and backslash-newlines, with their
/// offsets.
fn tokens(logical: &str, start: u32) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let bytes = logical.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'\\') {
            i += 1;
        }
        let token_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !(bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_whitespace())
        {
            i += 1;
        }
        if i > token_start {
            out.push((start + to_u32(token_start), &logical[token_start..i]));
        }
    }
    out
}

fn option_line(manifest: &mut Manifest, logical: &str, start: u32, group: Group, removal: TextRange, via: Vec<String>) {
    let tokens = tokens(logical, start);
    let Some(&(_, option)) = tokens.first() else { return };
    let (name, inline) = match option.split_once('=') {
        Some((name, value)) if name.starts_with("--") => (name, Some(value)),
        _ => (option, None),
    };
    // `-rfile` and `-r file`.
    let (name, inline) = match (name, inline) {
        (n, None) if n.len() > 2 && !n.starts_with("--") => (&n[..2], Some(&n[2..])),
        other => other,
    };
    let value = || -> Option<(u32, &str)> {
        match inline {
            Some(value) => Some((tokens[0].0 + to_u32(option.len() - value.len()), value)),
            None => tokens.get(1).copied(),
        }
    };
    match name {
        "-r" | "--requirement" | "-c" | "--constraint" => {
            if let Some((at, path)) = value() {
                manifest.includes.push(Include {
                    path: path.to_owned(),
                    range: TextRange::new(at, at + to_u32(path.len())),
                    constraint: matches!(name, "-c" | "--constraint"),
                });
            }
        }
        "-e" | "--editable" => {
            if let Some((at, _)) = value() {
                let rest = &logical[(at - start) as usize..];
                requirement_line(manifest, rest, at, group, removal, via, true);
            }
        }
        _ => {}
    }
}

fn requirement_line(
    manifest: &mut Manifest,
    logical: &str,
    start: u32,
    group: Group,
    removal: TextRange,
    via: Vec<String>,
    editable: bool,
) {
    let tokens = tokens(logical, start);
    // pip: the requirement is every token before the first option (`--hash=...`).
    let options_at = tokens.iter().position(|(_, token)| token.starts_with('-')).unwrap_or(tokens.len());
    if options_at == 0 {
        return;
    }
    let hashes = tokens[options_at..].iter().any(|(_, token)| token.starts_with("--hash"));
    let (first_at, _) = tokens[0];
    let (last_at, last) = tokens[options_at - 1];
    let end = last_at + to_u32(last.len());
    let requirement_text = &logical[(first_at - start) as usize..(end - start) as usize];
    let requirement = if is_url_or_path(requirement_text) {
        url_requirement(requirement_text, first_at)
    } else {
        parse_requirement(requirement_text, first_at)
    };
    let Some(requirement) = requirement else {
        if !is_url_or_path(requirement_text) {
            manifest.invalid.push(TextRange::new(first_at, end));
        }
        return;
    };
    let mut declared = Declared::new(requirement, group, Form::String { quote: '\'' });
    declared.removal = Some(removal);
    declared.hashes = hashes;
    declared.via = via;
    declared.editable = editable;
    manifest.requirements.push(declared);
}

fn is_url_or_path(text: &str) -> bool {
    let head = text.split(';').next().unwrap_or_default();
    let before_at = head.split('@').next().unwrap_or_default();
    if head.contains('@') && parse_requirement(before_at, 0).is_some() && !before_at.contains("://") {
        return false;
    }
    head.contains("://")
        || head.starts_with(['.', '/', '~'])
        || head.starts_with("file:")
        || head.contains('/')
        || [".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2"].iter().any(|ext| head.ends_with(ext))
}

/// A URL or path requirement: its name comes from an `#egg=name` fragment.
fn url_requirement(text: &str, offset: u32) -> Option<Requirement> {
    let (url, _) = text.split_once(" ;").unwrap_or((text, ""));
    let egg = url.find("#egg=").or_else(|| url.find("&egg="))? + 5;
    let name_len =
        url[egg..].bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')).count();
    let name = &url[egg..egg + name_len];
    if name.is_empty() {
        return None;
    }
    let name_range = TextRange::new(offset + to_u32(egg), offset + to_u32(egg + name_len));
    Some(Requirement {
        name: name.to_owned(),
        name_range,
        extras: Vec::new(),
        specifiers: Vec::new(),
        specifier_text: None,
        spec_range: name_range,
        range: TextRange::new(offset, offset + to_u32(text.len())),
        marker: None,
        marker_range: None,
        url: Some(url.to_owned()),
    })
}

// ---------------------------------------------------------------- setup.py

/// A value `setup()` receives: resolved through module-level names bound once.
struct SetupPy<'s> {
    source: &'s str,
    /// Module-level `NAME = <value>` assignments.
    bindings: Vec<(&'s str, Node<'s>)>,
}

fn setup_py(source: &str) -> Manifest {
    let parsed = crate::parse::parse(source);
    let root = parsed.tree.root_node();
    let mut reader = SetupPy { source, bindings: Vec::new() };
    for statement in ast::named_children(root) {
        if NodeKind::of(statement) != NodeKind::ExpressionStatement {
            continue;
        }
        let Some(assignment) = statement.named_child(0).filter(|n| NodeKind::of(*n) == NodeKind::Assignment) else {
            continue;
        };
        if let (Some(left), Some(right)) = (field(assignment, Field::Left), field(assignment, Field::Right))
            && NodeKind::of(left) == NodeKind::Identifier
        {
            reader.bindings.push((&source[left.byte_range()], right));
        }
    }
    let mut manifest = Manifest::default();
    let Some(call) = find_setup_call(source, root) else { return manifest };
    let Some(arguments) = field(call, Field::Arguments) else { return manifest };
    for argument in ast::named_children(arguments) {
        let (name, value) = match NodeKind::of(argument) {
            NodeKind::KeywordArgument => match (field(argument, Field::Name), field(argument, Field::Value)) {
                (Some(name), Some(value)) => (&source[name.byte_range()], value),
                _ => continue,
            },
            // `setup(**config)` with `config = dict(...)` or `{...}` is not followed.
            _ => continue,
        };
        match name {
            "name" => manifest.project_name = reader.resolve(value).and_then(|v| reader.string(v)).map(|(s, _)| s),
            "install_requires" => reader.requirement_list(value, Group::Install, None, &mut manifest),
            "tests_require" => reader.requirement_list(value, Group::Development, None, &mut manifest),
            "setup_requires" => reader.requirement_list(value, Group::Build, None, &mut manifest),
            "extras_require" => {
                let Some(value) = reader.resolve(value) else { continue };
                for (key, list) in reader.dict_items(value) {
                    reader.requirement_list(list, Group::Optional, Some(key), &mut manifest);
                }
            }
            "entry_points" => {
                let Some(value) = reader.resolve(value) else { continue };
                let mut stack = vec![value];
                let mut seen = 0;
                while let Some(node) = stack.pop() {
                    seen += 1;
                    if seen > 10_000 {
                        break;
                    }
                    if let Some((text, _)) = reader.string(node) {
                        // `name = module.path:attr [extra]`, or an INI-style string of them.
                        for line in text.lines() {
                            if let Some(module) = entry_point_module(line) {
                                manifest.entry_point_modules.push(module);
                            }
                        }
                    } else if NodeKind::of(node) == NodeKind::Pair {
                        // The key is the entry-point group (`console_scripts`), not a module.
                        stack.extend(field(node, Field::Value));
                    } else {
                        stack.extend(ast::named_children(node));
                    }
                }
            }
            _ => {}
        }
    }
    manifest.entry_point_modules.sort();
    manifest.entry_point_modules.dedup();
    manifest
}

/// `pkg.cli` in `tool = pkg.cli:main [extra]`.
pub(crate) fn entry_point_module(line: &str) -> Option<String> {
    let value = line.split_once('=').map_or(line, |(_, value)| value).trim();
    let module = value.split([':', ' ', '[']).next()?.trim();
    (!module.is_empty() && module.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.'))
        .then(|| module.to_owned())
}

fn find_setup_call<'t>(source: &str, root: Node<'t>) -> Option<Node<'t>> {
    let mut found = None;
    ast::walk_named(root, |node| {
        if found.is_some() {
            return false;
        }
        if NodeKind::of(node) == NodeKind::Call
            && field(node, Field::Function).is_some_and(|function| {
                let text = &source[function.byte_range()];
                text == "setup" || text.ends_with(".setup")
            })
        {
            found = Some(node);
            return false;
        }
        true
    });
    found
}

impl<'s> SetupPy<'s> {
    /// Follows a name to its module-level binding (when bound exactly once).
    fn resolve(&self, node: Node<'s>) -> Option<Node<'s>> {
        let mut node = ast::unparenthesize(node);
        for _ in 0..8 {
            if NodeKind::of(node) != NodeKind::Identifier {
                return Some(node);
            }
            let name = &self.source[node.byte_range()];
            let mut bound = self.bindings.iter().filter(|(n, _)| *n == name);
            let (Some((_, value)), None) = (bound.next(), bound.next()) else { return None };
            node = ast::unparenthesize(*value);
        }
        None
    }

    /// A plain string literal's value and content range (`None` for f-strings, bytes,
    /// implicit concatenations).
    fn string(&self, node: Node<'s>) -> Option<(String, TextRange)> {
        let parts = ast::string_parts(self.source, node)?;
        if parts.is_format() || parts.is_bytes() || parts.quote == "`" {
            return None;
        }
        Some((self.source[parts.content.to_usize()].to_owned(), parts.content))
    }

    fn dict_items(&self, node: Node<'s>) -> Vec<(String, Node<'s>)> {
        let mut items = Vec::new();
        match NodeKind::of(node) {
            NodeKind::Dictionary => {
                for pair in ast::named_children(node) {
                    if NodeKind::of(pair) != NodeKind::Pair {
                        continue;
                    }
                    if let (Some(key), Some(value)) = (field(pair, Field::Key), field(pair, Field::Value))
                        && let Some((key, _)) = self.string(key)
                    {
                        items.push((key, value));
                    }
                }
            }
            // `dict(test=[...])`
            NodeKind::Call if ast::call_name(self.source, node) == Some("dict") => {
                for argument in field(node, Field::Arguments).map(ast::named_children).unwrap_or_default() {
                    if let (Some(name), Some(value)) = (field(argument, Field::Name), field(argument, Field::Value)) {
                        items.push((self.source[name.byte_range()].to_owned(), value));
                    }
                }
            }
            _ => {}
        }
        items
    }

    /// Reads a list (or tuple) of requirement strings, through names and `+`.
    fn requirement_list(&self, node: Node<'s>, group: Group, group_name: Option<String>, manifest: &mut Manifest) {
        let mut stack = vec![(node, 0)];
        while let Some((node, depth)) = stack.pop() {
            if depth > 16 {
                continue;
            }
            let Some(node) = self.resolve(node) else { continue };
            match NodeKind::of(node) {
                NodeKind::List | NodeKind::Tuple => {
                    let elements = ast::code_children(node);
                    for (i, element) in elements.iter().enumerate() {
                        self.element(node, &elements, i, *element, group, group_name.clone(), manifest);
                    }
                }
                NodeKind::BinaryOperator => {
                    for side in [Field::Right, Field::Left] {
                        if let Some(side) = field(node, side) {
                            stack.push((side, depth + 1));
                        }
                    }
                }
                // A single string: `install_requires="requests"`, or several lines.
                NodeKind::String => {
                    if let Some((text, range)) = self.string(node) {
                        let quote = self.quote(node);
                        for line in lines(&text) {
                            let line_text = content(&text, line);
                            let code = comment_start(line_text).map_or(line_text, |c| &line_text[..c]);
                            if let Some(requirement) = parse_requirement(code, range.start() + line.start()) {
                                let mut declared = Declared::new(requirement, group, Form::String { quote });
                                declared.group_name.clone_from(&group_name);
                                manifest.requirements.push(declared);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn quote(&self, node: Node<'s>) -> char {
        ast::string_parts(self.source, node).and_then(|p| p.quote.chars().next()).unwrap_or('"')
    }

    #[allow(clippy::too_many_arguments)]
    fn element(
        &self,
        list: Node<'s>,
        elements: &[Node<'s>],
        index: usize,
        element: Node<'s>,
        group: Group,
        group_name: Option<String>,
        manifest: &mut Manifest,
    ) {
        let Some((text, range)) = self.string(element) else { return };
        // A string with escapes says something other than its source text.
        let translated = text.contains('\\');
        let Some(requirement) = parse_requirement(&text, range.start()) else {
            manifest.invalid.push(ast::range(element));
            return;
        };
        let mut declared = Declared::new(requirement, group, Form::String { quote: self.quote(element) });
        declared.group_name = group_name;
        declared.translated = translated;
        declared.removal = Some(list_element_removal(
            self.source,
            ast::range(list),
            elements.iter().map(|e| ast::range(*e)).collect(),
            index,
        ));
        manifest.requirements.push(declared);
    }
}

/// What removing element `index` of a list deletes: the element, its comma and the
/// whitespace up to the next element; the whole line when the element is alone on it
/// (a trailing comment on that line goes with it).
pub(crate) fn list_element_removal(source: &str, list: TextRange, elements: Vec<TextRange>, index: usize) -> TextRange {
    let element = elements[index];
    let bytes = source.as_bytes();
    let line_start = source[..element.start() as usize].rfind('\n').map_or(0, |p| p + 1);
    let alone_before = source[line_start..element.start() as usize].trim().is_empty();
    // The comma after the element.
    let mut end = element.end() as usize;
    while end < bytes.len() && (bytes[end] == b' ' || bytes[end] == b'\t') {
        end += 1;
    }
    let has_comma = end < bytes.len() && bytes[end] == b',';
    if has_comma {
        end += 1;
    }
    let line_end = source[end..].find('\n').map_or(source.len(), |p| end + p);
    let rest_of_line = source[end..line_end].trim();
    if alone_before && (rest_of_line.is_empty() || rest_of_line.starts_with('#')) && line_end < list.end() as usize {
        return TextRange::new(to_u32(line_start), to_u32((line_end + 1).min(source.len())));
    }
    if has_comma {
        // `["a", "b"]` -> `["b"]`: the comma and the spaces after it.
        while end < bytes.len() && (bytes[end] == b' ' || bytes[end] == b'\t') {
            end += 1;
        }
        return TextRange::new(element.start(), to_u32(end));
    }
    // The last element without a trailing comma: take the comma before it.
    if index > 0 {
        let previous = elements[index - 1];
        return TextRange::new(previous.end(), element.end());
    }
    element
}

// ---------------------------------------------------------------- setup.cfg

fn setup_cfg(text: &str) -> Manifest {
    let mut manifest = Manifest::default();
    let mut section = String::new();
    let mut key: Option<String> = None;
    for line in lines(text) {
        let line_text = content(text, line);
        let stripped = line_text.trim();
        if stripped.is_empty() || stripped.starts_with('#') || stripped.starts_with(';') {
            continue;
        }
        let indented = line_text.starts_with([' ', '\t']);
        if !indented && stripped.starts_with('[') {
            section = stripped.trim_matches(['[', ']']).trim().to_ascii_lowercase();
            key = None;
            continue;
        }
        let (value, value_at) = if indented && key.is_some() {
            (stripped, line.start() + to_u32(line_text.len() - line_text.trim_start().len()))
        } else if let Some(split) = line_text.find(['=', ':']).filter(|_| !indented) {
            key = Some(line_text[..split].trim().to_ascii_lowercase());
            let after = &line_text[split + 1..];
            let value = after.trim();
            (value, line.start() + to_u32(split + 1 + after.len() - after.trim_start().len()))
        } else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let Some(current) = key.as_deref() else { continue };
        let target = match (section.as_str(), current) {
            ("options", "install_requires") => Some((Group::Install, None)),
            ("options", "tests_require") => Some((Group::Development, None)),
            ("options", "setup_requires") => Some((Group::Build, None)),
            ("options.extras_require", extra) => Some((Group::Optional, Some(extra.to_owned()))),
            ("metadata", "name") if !indented => {
                manifest.project_name = Some(value.to_owned());
                None
            }
            (section, _) if section.starts_with("options.entry_points") => {
                if let Some(module) = entry_point_module(value) {
                    manifest.entry_point_modules.push(module);
                }
                None
            }
            _ => None,
        };
        let Some((group, group_name)) = target else { continue };
        let code = value.find(" #").map_or(value, |c| &value[..c]).trim_end();
        match parse_requirement(code, value_at) {
            Some(requirement) => {
                let mut declared = Declared::new(requirement, group, Form::String { quote: '\'' });
                declared.group_name = group_name;
                // Only a requirement on a line of its own can be removed with its line.
                declared.removal = indented.then_some(line);
                manifest.requirements.push(declared);
            }
            None if !code.starts_with("file:") && !code.starts_with("attr:") => {
                manifest.invalid.push(TextRange::new(value_at, value_at + to_u32(code.len())));
            }
            None => {}
        }
    }
    manifest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(manifest: &Manifest) -> Vec<&str> {
        manifest.requirements.iter().map(|d| d.requirement.name.as_str()).collect()
    }

    #[test]
    fn kinds_from_paths() {
        assert_eq!(ManifestKind::from_path("requirements.txt"), Some(ManifestKind::Requirements));
        assert_eq!(ManifestKind::from_path("a/dev-requirements.txt"), Some(ManifestKind::Requirements));
        assert_eq!(ManifestKind::from_path("requirements/base.txt"), Some(ManifestKind::Requirements));
        assert_eq!(ManifestKind::from_path("requirements.in"), Some(ManifestKind::Requirements));
        assert_eq!(ManifestKind::from_path("constraints.txt"), Some(ManifestKind::Constraints));
        assert_eq!(ManifestKind::from_path("x/setup.py"), Some(ManifestKind::SetupPy));
        assert_eq!(ManifestKind::from_path("Pipfile"), Some(ManifestKind::Pipfile));
        assert_eq!(ManifestKind::from_path("notes.txt"), None);
        assert_eq!(ManifestKind::from_path("Pipfile.lock"), None);
        assert_eq!(ManifestKind::from_path("app.egg-info/requires.txt"), None);
    }

    #[test]
    fn requirements_files_with_options_hashes_and_continuations() {
        let text = "\
# comment
-r base.txt
--requirement=other.txt
-c constraints.txt
--index-url https://example.org/simple
Django==1.4.22 \\
    --hash=sha256:abc \\
    --hash=sha256:def
    # via -r requirements.in
six==1.16.0
    # via
    #   django
-e git+https://github.com/org/MySQL-python.git@v1#egg=MySQL-python
./local/package
requests [security] >= 2.0 ; python_version < '3'  # noqa
not a requirement !!
";
        let manifest = parse_manifest(ManifestKind::Requirements, text);
        assert_eq!(names(&manifest), ["Django", "six", "MySQL-python", "requests"]);
        let includes: Vec<_> = manifest.includes.iter().map(|i| (i.path.as_str(), i.constraint)).collect();
        assert_eq!(includes, [("base.txt", false), ("other.txt", false), ("constraints.txt", true)]);
        let django = &manifest.requirements[0];
        assert!(django.hashes);
        assert_eq!(django.via, ["-r requirements.in"]);
        assert!(!django.is_transitive());
        assert_eq!(
            &text[django.removal.unwrap().to_usize()],
            "Django==1.4.22 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\n    # via -r requirements.in\n"
        );
        assert!(manifest.requirements[1].is_transitive());
        let mysql = &manifest.requirements[2];
        assert!(mysql.editable);
        assert_eq!(&text[mysql.requirement.name_range.to_usize()], "MySQL-python");
        let requests = &manifest.requirements[3];
        assert_eq!(&text[requests.requirement.spec_range.to_usize()], "requests [security] >= 2.0");
        assert_eq!(manifest.invalid.len(), 1);
    }

    #[test]
    fn setup_py_read_statically() {
        let text = r#"
from setuptools import setup
BASE = ["six", 'MySQL-python==1.2.5']
TEST = ["mock"]
setup(
    name="demo",
    install_requires=BASE + ["futures; python_version < '3'"],
    tests_require=TEST,
    extras_require={"pdf": ["pyPdf"], "img": ["PIL>=1.1"]},
    setup_requires=["setuptools_scm"],
    entry_points={"console_scripts": ["demo = demo.cli:main"], "pytest11": ["x = pytest_x.plugin"]},
)
"#;
        let manifest = parse_manifest(ManifestKind::SetupPy, text);
        let mut found = names(&manifest);
        found.sort_unstable();
        assert_eq!(found, ["MySQL-python", "PIL", "futures", "mock", "pyPdf", "setuptools_scm", "six"]);
        assert_eq!(manifest.project_name.as_deref(), Some("demo"));
        assert_eq!(manifest.entry_point_modules, ["demo.cli", "pytest_x.plugin"]);
        let mysql = manifest.requirements.iter().find(|d| d.requirement.name == "MySQL-python").unwrap();
        assert_eq!(&text[mysql.requirement.spec_range.to_usize()], "MySQL-python==1.2.5");
        assert_eq!(&text[mysql.removal.unwrap().to_usize()], ", 'MySQL-python==1.2.5'");
        let pil = manifest.requirements.iter().find(|d| d.requirement.name == "PIL").unwrap();
        assert_eq!((pil.group, pil.group_name.as_deref()), (Group::Optional, Some("img")));
        assert!(parse_manifest(ManifestKind::SetupPy, "import os\nos.system('x')\n").requirements.is_empty());
    }

    #[test]
    fn list_elements_are_removed_with_their_line_or_comma() {
        let text = "x = [\n    'a',\n    'b',  # why\n    'c'\n]\ny = ['a', 'b']\n";
        let manifest = setup_py_list(text);
        // The last element alone on its line goes with its line: the comma left after `'b'`
        // is a valid trailing comma.
        assert_eq!(manifest, ["    'a',\n", "    'b',  # why\n", "    'c'\n", "'a', ", ", 'b'"]);
    }

    fn setup_py_list(text: &str) -> Vec<String> {
        let parsed = crate::parse::parse(text);
        let mut out = Vec::new();
        ast::walk_named(parsed.tree.root_node(), |node| {
            if NodeKind::of(node) == NodeKind::List {
                let elements: Vec<TextRange> = ast::code_children(node).iter().map(|e| ast::range(*e)).collect();
                for i in 0..elements.len() {
                    let removal = list_element_removal(text, ast::range(node), elements.clone(), i);
                    out.push(text[removal.to_usize()].to_owned());
                }
            }
            true
        });
        out
    }

    #[test]
    fn setup_cfg_options() {
        let text = "[metadata]\nname = demo\n\n[options]\ninstall_requires =\n    MySQL-python==1.2.5\n    six  # comment\ntests_require = mock\n\n[options.extras_require]\npdf =\n    pyPdf\n[options.entry_points]\nconsole_scripts =\n    demo = demo.cli:main\n";
        let manifest = parse_manifest(ManifestKind::SetupCfg, text);
        assert_eq!(names(&manifest), ["MySQL-python", "six", "mock", "pyPdf"]);
        assert_eq!(&text[manifest.requirements[0].removal.unwrap().to_usize()], "    MySQL-python==1.2.5\n");
        assert_eq!(manifest.requirements[2].removal, None);
        assert_eq!(manifest.project_name.as_deref(), Some("demo"));
        assert_eq!(manifest.entry_point_modules, ["demo.cli"]);
    }
}
