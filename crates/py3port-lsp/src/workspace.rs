//! The background scan of a workspace folder: what the project as a whole tells about
//! each file, as `py3port check` decides it over the files it is given.
//!
//! When the project's metadata does not say which Python it is written in, the folder's
//! Python files are checked once and, if more of them are Python 2 than Python 3 by their
//! syntax, neutral files are read as Python 2 (`ProjectPython::MostlyPython2`). The scan
//! also collects the watched method names the project defines (a `.has_key()` call may be
//! the project's own method, so rewriting it is unsafe).

use std::path::Path;

use py3port_core::{Dialect, DialectBasis, FileContext, ProjectPython, Settings, check_with_rules};

use crate::settings::ProjectFacts;

/// Most files a scan reads; the verdict of a very large folder rests on its first files
/// in path order.
pub const MAX_FILES: usize = 5_000;

/// Scans `folder` with `settings` (its exclusions and size limit apply).
pub fn scan(folder: &Path, settings: &Settings) -> ProjectFacts {
    let Ok(mut files) = py3port_cli::files::discover(&[folder.to_path_buf()], settings, true) else {
        return ProjectFacts::default();
    };
    files.truncate(MAX_FILES);
    let project_methods = py3port_cli::layout::project_methods(&files, settings.max_file_size);
    let mut facts = ProjectFacts { project_methods, ..ProjectFacts::default() };
    // Declared metadata decides over the files, as in `py3port check`: no need to read them.
    if py3port_cli::config::project_python(folder) == ProjectPython::Unknown {
        let rules = settings.resolve();
        for path in files {
            if let Some(dialect) = dialect_of(&path, settings, &rules) {
                facts.record(&path, Some(dialect));
            }
        }
    }
    facts
}

/// A file's dialect when its syntax decides it.
fn dialect_of(path: &Path, settings: &Settings, rules: &py3port_core::RuleTable) -> Option<Dialect> {
    if std::fs::metadata(path).ok()?.len() > settings.max_file_size {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let source = py3port_cli::source::decode(&bytes).ok()?;
    let analysis = check_with_rules(&source.text, settings, rules, &FileContext::default());
    syntax_dialect(&analysis)
}

/// The dialect an analysis found from the file's syntax alone, if any.
pub fn syntax_dialect(analysis: &py3port_core::Analysis) -> Option<Dialect> {
    let decided = analysis.analysed && analysis.dialect.basis == DialectBasis::Syntax;
    decided.then_some(analysis.dialect.dialect).filter(|d| matches!(d, Dialect::Python2 | Dialect::Python3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_of_mostly_python2_files_says_so() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("a.py"), "print 'a'\n").unwrap();
        std::fs::write(folder.path().join("b.py"), "print 'b'\n").unwrap();
        std::fs::write(folder.path().join("c.py"), "print(f'{c}')\n").unwrap();
        std::fs::write(folder.path().join("d.py"), "class D:\n    def has_key(self, k):\n        pass\n").unwrap();
        let facts = scan(folder.path(), &Settings::default());
        assert!(facts.mostly_python2(None));
        assert_eq!(facts.project_methods, ["has_key"]);
        // A file does not count for itself: `a.py` sees one Python 2 and one Python 3 file.
        assert!(!facts.mostly_python2(Some(&folder.path().join("a.py"))));

        std::fs::write(folder.path().join("e.py"), "nonlocal_ = f'{x}'\n").unwrap();
        std::fs::write(folder.path().join("f.py"), "def f(a: int) -> int: ...\n").unwrap();
        assert!(!scan(folder.path(), &Settings::default()).mostly_python2(None));
    }
}
