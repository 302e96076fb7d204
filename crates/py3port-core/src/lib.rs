//! py3port's engine: finds the Python 2 constructs that break or change meaning on
//! Python 3, explains them, and fixes them where a fix is safe.
//!
//! The core knows nothing of files, terminals, LSP or JavaScript: input is source text
//! and [`Settings`], output is plain data ([`Diagnostic`]s with byte ranges and
//! [`Fix`]es). The edges (CLI, language server, WASM) convert positions with
//! [`LineIndex`] and do all I/O.
//!
//! Entry points: [`check`] and [`fix`] for one-shot use, [`Document`] for editors that
//! re-analyse as the text changes.

mod analysis;
mod ast;
mod checker;
mod compat;
pub mod deps;
mod diagnostic;
mod dialect;
mod document;
pub mod encoding;
mod fix;
mod infer;
pub mod metadata;
mod parse;
mod registry;
mod rules;
mod semantic;
mod settings;
mod suppression;
mod syntax_kind;
mod text;
mod tokens;

pub use analysis::{Analysis, FileContext, check, check_parsed, check_parsed_with_python2_reading, check_with_rules};
pub use diagnostic::{Applicability, Confidence, Diagnostic, Edit, Fix, Severity};
pub use dialect::{Dialect, DialectBasis, DialectInfo, Evidence, ProjectPython};
pub use document::Document;
pub use fix::{DroppedFix, FixMode, FixOutcome, MAX_ROUNDS, Rounds, apply_edits, fix, fix_with};
pub use parse::{Parsed, Patch, PatchKind, parse};
pub use registry::{DOCS_BASE_URL, Family, FixAvailability, RULES, Rule, RuleMeta};
pub use settings::{
    CompatLibrary, DEFAULT_MAX_FILE_SIZE, PythonVersion, RuleSelector, RuleTable, SETTINGS, SettingDoc, SettingScope,
    SettingValue, Settings, SettingsError, SourceDialect, Target,
};
pub use text::{LineColumn, LineIndex, PositionEncoding, TextRange};

/// py3port's version, shared by every front end.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
