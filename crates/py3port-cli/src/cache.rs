//! The result cache: each file's analysis, keyed by a hash of py3port's version, the
//! settings, what the run knows of the file's place in the project (the project's Python,
//! its layout, the method names it defines) and the file's bytes. A warm run reads and
//! hashes the files and decodes them, but parses nothing.
//!
//! The entries of a run live in one file, `<root>/.py3port_cache/<version>/<settings>.json`
//! (one per set of settings, as ruff keeps one per package): thousands of small files
//! cost more to create than to analyse. The file is read once when the run starts; new
//! entries are merged with what is on disk at the end ([`Cache::save`]) and written to a
//! temporary file renamed into place, so concurrent runs never see a partial file (when
//! two runs save at once, the last one's entries win, and the other's are recomputed next
//! time). An entry or a file that cannot be read is a miss. Entries no recent run used
//! are dropped when they outnumber the used ones by far.
//!
//! A small file beside it, `<settings>.methods.json`, records for the lists of files of the
//! last few runs the watched method names those files defined ([`Cache::project_methods`]),
//! which each file's key includes: a warm run takes them from there rather than reading
//! every file once more to find them. A run over a new list of files writes only that file.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use py3port_core::{
    Analysis, Applicability, Confidence, Diagnostic, Dialect, DialectBasis, DialectInfo, Edit, Evidence, FileContext,
    Fix, Rule, Settings, Severity, TextRange,
};
use serde::{Deserialize, Serialize};

/// The cache directory's name in the project root, as ruff's `.ruff_cache`.
pub const DIRECTORY: &str = ".py3port_cache";

/// Past this many entries, a save keeps only those the run used.
const PRUNE_ABOVE: usize = 20_000;

/// An open cache for one run.
#[derive(Debug)]
pub struct Cache {
    /// The cache root (`.py3port_cache`).
    root: PathBuf,
    /// This run's file.
    file: PathBuf,
    /// The settings of the run, hashed once (per-file settings are hashed per file).
    settings_hash: u128,
    /// The entries on disk when the run started.
    loaded: HashMap<String, Entry>,
    /// Keys this run found.
    hits: Mutex<HashSet<String>>,
    /// Entries this run computed.
    fresh: Mutex<HashMap<String, Entry>>,
    /// The small file beside it that records, by list of files, the watched method names
    /// the files defined ([`Cache::project_methods`]).
    methods_file: PathBuf,
    /// Those records as on disk when the run started, most recently used first.
    loaded_methods: Vec<(String, Vec<String>)>,
}

impl Cache {
    /// The cache under `directory` (`<root>/.py3port_cache`) for a run with `settings`;
    /// reads the run's file if there is one.
    pub fn new(directory: &Path, settings: &Settings) -> Self {
        let settings_hash = settings_hash(settings);
        let file = directory.join(py3port_core::VERSION).join(format!("{settings_hash:032x}.json"));
        let loaded = read_entries(&file);
        let methods_file = file.with_extension("methods.json");
        let loaded_methods = read_methods(&methods_file);
        Cache {
            root: directory.to_path_buf(),
            file,
            settings_hash,
            loaded,
            hits: Mutex::default(),
            fresh: Mutex::default(),
            methods_file,
            loaded_methods,
        }
    }

    /// The watched method names that the files defined when the last run over exactly
    /// `files` checked them ([`crate::run::run_project`] confirms them).
    pub fn project_methods(&self, files: &[PathBuf]) -> Option<Vec<String>> {
        let key = files_key(files);
        self.loaded_methods.iter().find(|(known, _)| *known == key).map(|(_, methods)| methods.clone())
    }

    /// Records the watched method names `files` define, for [`Cache::project_methods`]:
    /// the record of this list of files becomes the most recently used one. Only the small
    /// methods file is written, and only when it changes. Failures are ignored.
    pub fn remember_project_methods(&self, files: &[PathBuf], methods: &[String]) {
        let key = files_key(files);
        if self.loaded_methods.first().is_some_and(|(known, names)| *known == key && names == methods) {
            return;
        }
        // Merged with the file as it is now: another run may have recorded its own list.
        let mut records = read_methods(&self.methods_file);
        records.retain(|(known, _)| *known != key);
        records.insert(0, (key, methods.to_vec()));
        records.truncate(METHOD_LISTS);
        let _ = self.write_atomically(&self.methods_file, &records);
    }

    /// Writes `value` as JSON to `path` (in the version directory) through a temporary file
    /// renamed into place.
    fn write_atomically<T: Serialize>(&self, path: &Path, value: &T) -> std::io::Result<()> {
        let directory = path.parent().expect("the file is in the version directory");
        std::fs::create_dir_all(directory)?;
        mark_cache_root(&self.root);
        let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
        {
            let mut writer = std::io::BufWriter::new(temporary.as_file_mut());
            serde_json::to_writer(&mut writer, value)?;
            writer.flush()?;
        }
        temporary.persist(path).map_err(|error| error.error)?;
        Ok(())
    }

    /// The key of the analysis of `bytes` with `settings` (the run's, unless per-file
    /// ignores changed them) in `context`.
    pub fn key(&self, bytes: &[u8], file_settings: Option<&Settings>, context: &FileContext) -> u128 {
        let settings = file_settings.map_or(self.settings_hash, settings_hash);
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(py3port_core::VERSION.as_bytes());
        hasher.update(&settings.to_le_bytes());
        hasher.update(format!("{context:?}").as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
        hasher.digest128()
    }

    /// The cached analysis for `key`, if there is a usable one, with the modules the file
    /// imports when they were recorded. A run that needs the imports (`with_imports`) and
    /// finds none takes the entry for a miss.
    pub fn get(&self, key: u128, with_imports: bool) -> Option<(Analysis, Option<Vec<String>>)> {
        let key = format!("{key:032x}");
        let entry = self.loaded.get(&key)?;
        if with_imports && entry.imports.is_none() {
            return None;
        }
        let analysis = entry.to_analysis()?;
        self.hits.lock().unwrap_or_else(PoisonError::into_inner).insert(key);
        Some((analysis, entry.imports.clone()))
    }

    /// Records `analysis` (and the modules the file imports, when known) under `key`, to
    /// be written by [`Cache::save`].
    pub fn put(&self, key: u128, analysis: &Analysis, imports: Option<&[String]>) {
        let mut entry = Entry::from_analysis(analysis);
        entry.imports = imports.map(<[String]>::to_vec);
        self.fresh.lock().unwrap_or_else(PoisonError::into_inner).insert(format!("{key:032x}"), entry);
    }

    /// Writes the entries this run computed, merged with the file as it is on disk now.
    /// Failures are ignored: the cache is an optimisation.
    pub fn save(&self) {
        let fresh = std::mem::take(&mut *self.fresh.lock().unwrap_or_else(PoisonError::into_inner));
        if fresh.is_empty() {
            return;
        }
        let _ = self.try_save(fresh);
    }

    fn try_save(&self, fresh: HashMap<String, Entry>) -> std::io::Result<()> {
        let hits = self.hits.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let mut entries = read_entries(&self.file);
        for (key, entry) in &self.loaded {
            entries.entry(key.clone()).or_insert_with(|| entry.clone());
        }
        let used = hits.len() + fresh.len();
        entries.extend(fresh.iter().map(|(key, entry)| (key.clone(), entry.clone())));
        if entries.len() > PRUNE_ABOVE && entries.len() > 4 * used {
            entries.retain(|key, _| hits.contains(key) || fresh.contains_key(key));
        }
        self.write_atomically(&self.file, &Pack { entries })
    }
}

#[derive(Serialize, Deserialize)]
struct Pack {
    entries: HashMap<String, Entry>,
}

/// How many lists of files keep their method names: the most recently used.
const METHOD_LISTS: usize = 16;

/// The entries of a cache file; none when it is missing or unreadable.
fn read_entries(file: &Path) -> HashMap<String, Entry> {
    read_json::<Pack>(file).map(|pack| pack.entries).unwrap_or_default()
}

/// The records of a methods file (a hash of a list of files, and the watched method names
/// those files defined), most recently used first; none when it is missing or unreadable.
fn read_methods(file: &Path) -> Vec<(String, Vec<String>)> {
    read_json(file).unwrap_or_default()
}

/// A JSON file's value; `None` when it is missing or unreadable.
fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Option<T> {
    serde_json::from_slice(&std::fs::read(file).ok()?).ok()
}

/// The key of a list of files: a hash of their paths, in order.
fn files_key(files: &[PathBuf]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in files {
        hasher.update(file.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
    }
    format!("{:032x}", hasher.digest128())
}

/// Keeps the cache out of version control and backups, as ruff does.
fn mark_cache_root(root: &Path) {
    let gitignore = root.join(".gitignore");
    if !gitignore.exists() {
        let _ = std::fs::write(&gitignore, "# Automatically created by py3port.\n*\n");
    }
    let tag = root.join("CACHEDIR.TAG");
    if !tag.exists() {
        let _ = std::fs::write(
            &tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by py3port.\n",
        );
    }
}

fn settings_hash(settings: &Settings) -> u128 {
    xxhash_rust::xxh3::xxh3_128(format!("{settings:?}").as_bytes())
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    analysed: bool,
    withheld: usize,
    dialect: CachedDialect,
    diagnostics: Vec<CachedDiagnostic>,
    /// The modules the file imports (for unused-requirement detection), when the run that
    /// wrote the entry collected them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    imports: Option<Vec<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CachedDialect {
    dialect: String,
    basis: String,
    py2: Option<(u32, u32, String)>,
    py3: Option<(u32, u32, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CachedDiagnostic {
    code: String,
    range: (u32, u32),
    message: String,
    severity: String,
    confidence: String,
    fix: Option<CachedFix>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CachedFix {
    title: String,
    applicability: String,
    edits: Vec<(u32, u32, String)>,
}

const DIALECTS: [Dialect; 4] = [Dialect::Python2, Dialect::Python3, Dialect::Compatible, Dialect::Undetermined];
const BASES: [DialectBasis; 4] =
    [DialectBasis::Setting, DialectBasis::Syntax, DialectBasis::ProjectMetadata, DialectBasis::ProjectFiles];
const APPLICABILITIES: [Applicability; 3] = [Applicability::DisplayOnly, Applicability::Unsafe, Applicability::Safe];
const CONFIDENCES: [Confidence; 2] = [Confidence::Medium, Confidence::High];

impl Entry {
    fn from_analysis(analysis: &Analysis) -> Self {
        let evidence =
            |evidence: Option<Evidence>| evidence.map(|e| (e.range.start(), e.range.end(), e.what.to_owned()));
        Entry {
            analysed: analysis.analysed,
            withheld: analysis.withheld,
            dialect: CachedDialect {
                dialect: analysis.dialect.dialect.as_str().to_owned(),
                basis: format!("{:?}", analysis.dialect.basis),
                py2: evidence(analysis.dialect.py2_evidence),
                py3: evidence(analysis.dialect.py3_evidence),
            },
            diagnostics: analysis
                .diagnostics
                .iter()
                .map(|d| CachedDiagnostic {
                    code: d.rule.code().to_owned(),
                    range: (d.range.start(), d.range.end()),
                    message: d.message.clone(),
                    severity: d.severity.as_str().to_owned(),
                    confidence: d.confidence.as_str().to_owned(),
                    fix: d.fix.as_ref().map(|fix| CachedFix {
                        title: fix.title.clone(),
                        applicability: fix.applicability.as_str().to_owned(),
                        edits: fix
                            .edits()
                            .iter()
                            .map(|e| (e.range.start(), e.range.end(), e.content.clone()))
                            .collect(),
                    }),
                })
                .collect(),
            imports: None,
        }
    }

    fn to_analysis(&self) -> Option<Analysis> {
        let evidence = |cached: &Option<(u32, u32, String)>| -> Option<Option<Evidence>> {
            match cached {
                None => Some(None),
                Some((start, end, what)) => {
                    (start <= end).then(|| Some(Evidence { range: TextRange::new(*start, *end), what: intern(what) }))
                }
            }
        };
        let dialect = DialectInfo {
            dialect: *DIALECTS.iter().find(|d| d.as_str() == self.dialect.dialect)?,
            basis: *BASES.iter().find(|b| format!("{b:?}") == self.dialect.basis)?,
            py2_evidence: evidence(&self.dialect.py2)?,
            py3_evidence: evidence(&self.dialect.py3)?,
        };
        let mut diagnostics = Vec::with_capacity(self.diagnostics.len());
        for cached in &self.diagnostics {
            let rule = Rule::from_code_or_name(&cached.code)?;
            if cached.range.0 > cached.range.1 {
                return None;
            }
            let mut diagnostic =
                Diagnostic::new(rule, TextRange::new(cached.range.0, cached.range.1), cached.message.clone());
            diagnostic.severity = Severity::parse(&cached.severity)?;
            diagnostic.confidence = *CONFIDENCES.iter().find(|c| c.as_str() == cached.confidence)?;
            if let Some(fix) = &cached.fix {
                let applicability = *APPLICABILITIES.iter().find(|a| a.as_str() == fix.applicability)?;
                let edits = fix
                    .edits
                    .iter()
                    .map(|(start, end, content)| {
                        (start <= end).then(|| Edit::replace(TextRange::new(*start, *end), content.clone()))
                    })
                    .collect::<Option<Vec<_>>>()?;
                diagnostic.fix = Some(Fix::new(fix.title.clone(), edits, applicability)?);
            }
            diagnostics.push(diagnostic);
        }
        Some(Analysis { diagnostics, dialect, analysed: self.analysed, withheld: self.withheld })
    }
}

/// The core's evidence names are static strings from a small fixed set; a cached name is
/// turned back into one, leaked once per distinct name.
fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<Vec<&'static str>>> = OnceLock::new();
    let mut names = NAMES.get_or_init(Mutex::default).lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&known) = names.iter().find(|&&known| known == name) {
        return known;
    }
    // A damaged cache cannot make the process leak without bound.
    if names.len() >= 256 {
        return "construct";
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.push(leaked);
    leaked
}
