//! `py3port`: check and fix Python 2 code for Python 3, from the command line.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use py3port_core::{FileContext, FixMode, RULES, Rule, SettingValue, Settings};

use py3port_cli::output::{self, ColorChoice, OutputFormat};
use py3port_cli::run::{self, FixAction, RunOptions};
use py3port_cli::{baseline, cache, config, deps, files, gitdiff, messages, online, report, source};

#[derive(Parser)]
#[command(name = "py3port", version, about = "Find and fix Python 2 code that breaks or changes meaning on Python 3.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files (and fix them with `--fix`).
    Check(Box<CheckArgs>),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        output_format: ListFormat,
    },
    /// Show one rule's documentation, by code or name.
    Rule { rule: String },
    /// Show the configuration.
    Config(ConfigArgs),
    /// A migration report: how ready each package is for Python 3, now and after `--fix`.
    Report(ReportArgs),
}

#[derive(Args)]
struct ConfigArgs {
    /// Print the settings that apply to this file, and where each came from.
    #[arg(long, value_name = "FILE")]
    show: PathBuf,
    /// A configuration file to use instead of discovering one.
    #[arg(long)]
    config: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    output_format: ListFormat,
}

#[derive(Args)]
struct ReportArgs {
    /// Files or directories to report on. Default: `.`.
    paths: Vec<PathBuf>,
    /// Write the report as a self-contained HTML page.
    #[arg(long, value_name = "OUT.html")]
    html: Option<PathBuf>,
    /// Write the report's data as JSON (`-` for standard output).
    #[arg(long, value_name = "OUT.json")]
    json: Option<PathBuf>,
    /// Also compile each file, and each fixed file, with `python3` (when it is installed).
    #[arg(long)]
    verify: bool,
    /// A configuration file to use instead of discovering one.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Do not read or write the result cache.
    #[arg(long)]
    no_cache: bool,
    /// Where to keep the result cache (default: `.py3port_cache` in the project root).
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// Check files that `.gitignore` excludes too.
    #[arg(long)]
    no_respect_gitignore: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Default: `.`.
    paths: Vec<PathBuf>,
    /// Apply safe fixes.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (with `--fix` or `--diff`), and count them as fixable.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    diff: bool,
    #[arg(long, value_enum, default_value = "concise")]
    output_format: OutputFormat,
    /// When to colour text output; `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Rules to enable (codes, prefixes, names or ALL), replacing the configured set.
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Rules to disable.
    #[arg(long, value_delimiter = ',')]
    ignore: Option<Vec<String>>,
    /// Rules to enable in addition to the configured set.
    #[arg(long, value_delimiter = ',')]
    extend_select: Option<Vec<String>>,
    /// Rules to disable in addition to the configured ones.
    #[arg(long, value_delimiter = ',')]
    extend_ignore: Option<Vec<String>>,
    /// Rules whose fixes are never applied (their diagnostics are still shown).
    #[arg(long, value_delimiter = ',')]
    unfixable: Option<Vec<String>>,
    /// `auto`, `py2` or `py3`: the Python the code is written in.
    #[arg(long)]
    source: Option<String>,
    /// The oldest Python 3 the code must run on (`py36` to `py314`).
    #[arg(long)]
    target_version: Option<String>,
    /// `py3` (fixes for Python 3 only) or `py2-py3` (fixes that keep Python 2.7 working).
    #[arg(long)]
    target: Option<String>,
    /// `six`, `future` or `none`: the library `--target py2-py3` fixes may use.
    #[arg(long)]
    compat_library: Option<String>,
    /// `high` or `medium`: the least confidence a diagnostic needs to be shown.
    #[arg(long)]
    min_confidence: Option<String>,
    /// A configuration file to use instead of discovering one.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print the number of diagnostics per rule, and the dialects, instead of each one.
    #[arg(long)]
    statistics: bool,
    /// Exit with 0 even when diagnostics remain.
    #[arg(long)]
    exit_zero: bool,
    /// With `--fix`: exit with 1 when a fix was applied, even if nothing remains.
    #[arg(long)]
    exit_non_zero_on_fix: bool,
    /// Report only the diagnostics that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every diagnostic in this baseline file (and exit with 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Report only diagnostics on lines added or changed since this git revision.
    #[arg(long, value_name = "REV")]
    diff_base: Option<String>,
    /// Do not read or write the result cache.
    #[arg(long)]
    no_cache: bool,
    /// Where to keep the result cache (default: `.py3port_cache` in the project root).
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// The file name to report (and configure by) for standard input.
    #[arg(long)]
    stdin_filename: Option<PathBuf>,
    /// Check files that `.gitignore` excludes too.
    #[arg(long)]
    no_respect_gitignore: bool,
    /// Ask PyPI's JSON API whether each pinned requirement's release supports Python 3
    /// (answers are kept in `<cache dir>/pypi`).
    #[arg(long)]
    online: bool,
}

/// mimalloc: a check makes millions of small allocations (diagnostics, messages, cache
/// entries), and with glibc's allocator the output phase took twice as long, consolidating
/// the chunks that freed syntax trees left behind.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules { output_format } => list_rules(output_format).map(|()| ExitCode::SUCCESS),
        Command::Rule { rule } => show_rule(&rule),
        Command::Config(args) => show_config(&args).map(|()| ExitCode::SUCCESS),
        Command::Report(args) => report_command(args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`py3port check | head`) is not an error worth reporting.
        Err(error)
            if error.chain().any(|cause| {
                cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("py3port: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn list(values: &[String]) -> SettingValue {
    SettingValue::List(values.iter().map(|v| SettingValue::String(v.clone())).collect())
}

fn apply_overrides(settings: &mut Settings, args: &CheckArgs) -> Result<()> {
    // As in ruff, a `--select` on the command line starts a new selection: the
    // configuration's ignores and extensions no longer apply.
    if args.select.is_some() {
        settings.ignore.clear();
        settings.extend_ignore.clear();
        settings.extend_select.clear();
    }
    let overrides = [
        ("select", args.select.as_deref().map(list)),
        ("ignore", args.ignore.as_deref().map(list)),
        ("extend-select", args.extend_select.as_deref().map(list)),
        ("source", args.source.clone().map(SettingValue::String)),
        ("target-version", args.target_version.clone().map(SettingValue::String)),
        ("target", args.target.clone().map(SettingValue::String)),
        ("compat-library", args.compat_library.clone().map(SettingValue::String)),
        ("min-confidence", args.min_confidence.clone().map(SettingValue::String)),
        ("unfixable", args.unfixable.as_deref().map(list)),
    ];
    for (key, value) in overrides {
        if let Some(value) = value {
            settings.set(key, value).with_context(|| format!("--{key}"))?;
        }
    }
    // `--extend-ignore` adds to the configured list rather than replacing it.
    if let Some(extra) = &args.extend_ignore {
        for text in extra {
            let selector = py3port_core::RuleSelector::parse(text).context("--extend-ignore")?;
            settings.extend_ignore.push(selector);
        }
    }
    Ok(())
}

/// Whether colour is on for standard output.
fn colour(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    choice.enabled(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR").as_deref())
}

/// The result cache for a run, unless `--no-cache`.
fn open_cache(
    no_cache: bool,
    cache_dir: Option<&std::path::Path>,
    root: &std::path::Path,
    settings: &Settings,
) -> Option<cache::Cache> {
    if no_cache {
        return None;
    }
    let directory = cache_dir.map_or_else(|| root.join(cache::DIRECTORY), std::path::Path::to_path_buf);
    Some(cache::Cache::new(&directory, settings))
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let stdin = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    if args.diff && args.fix {
        bail!("--fix and --diff cannot be combined: --diff shows the fixes without writing them");
    }
    let config_start =
        if stdin { args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from(".")) } else { paths[0].clone() };
    let mut config = config::discover(&config_start, args.config.as_deref())?;
    apply_overrides(&mut config.settings, &args)?;
    let settings = config.settings;
    let rules = settings.resolve();
    let context = FileContext { project: config.project, ..FileContext::default() };
    let mode = if args.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
    let fix = match (args.fix, args.diff) {
        (true, _) => FixAction::Write(mode),
        (_, true) => FixAction::Diff(mode),
        _ => FixAction::None,
    };
    let per_file = config::PerFileIgnores::new(&settings, &config.root)?;
    let keep_text = fix != FixAction::None || args.output_format.needs_source();
    // The cache holds analyses only: fixing always analyses afresh, and standard input is
    // not cached. It is read while the tree is walked.
    let (cache, found) = std::thread::scope(|scope| {
        let cache = (fix == FixAction::None && !stdin)
            .then(|| scope.spawn(|| open_cache(args.no_cache, args.cache_dir.as_deref(), &config.root, &settings)));
        let found = if stdin {
            Ok(files::Discovered::default())
        } else {
            files::discover_all(&paths, &settings, !args.no_respect_gitignore)
        };
        let cache = cache.and_then(|loading| loading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        found.map(|found| (cache, found))
    })?;
    let files = found.python;
    let layouts = py3port_cli::layout::Layouts::default();
    let options = RunOptions {
        per_file: (!per_file.is_empty()).then_some(&per_file),
        cache: cache.as_ref(),
        keep_text: keep_text || stdin,
        progress: true,
        // Unused requirements are looked for in a whole project: its imports come from
        // the check's own parse of each file (and the cache).
        collect_imports: !stdin && looks_for_unused_requirements(&paths, &rules),
        layouts: Some(&layouts),
        ..RunOptions::new(&settings, &rules, &context, fix)
    };

    let mut reports = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
        let options = RunOptions { cache: None, ..options };
        // A requirements file or `pyproject.toml` named by `--stdin-filename` is a
        // manifest, not Python.
        let manifest = args
            .stdin_filename
            .as_deref()
            .and_then(|path| py3port_core::deps::ManifestKind::from_path(&path.to_string_lossy()))
            .filter(|kind| *kind != py3port_core::deps::ManifestKind::SetupPy);
        match manifest {
            Some(kind) => vec![deps::analyse_stdin(run::empty_report(&name), &bytes, kind, &settings, &rules, fix)],
            None => vec![run::analyse_bytes(run::empty_report(&name), &bytes, &options)],
        }
    } else {
        run::run_project(&files, &options)
    };
    if !stdin {
        let cache_dir = args.cache_dir.clone().unwrap_or_else(|| config.root.join(cache::DIRECTORY));
        let online = args.online.then(|| online::Online::pypi(&cache_dir));
        let project = DepsProject {
            paths: &paths,
            python_files: &files,
            manifests: found.manifests,
            settings: &settings,
            rules: &rules,
            per_file: (!per_file.is_empty()).then_some(&per_file),
            online: online.as_ref(),
        };
        check_dependencies(project, fix, &mut reports)?;
    }

    let stdout = std::io::stdout();
    // Buffered: standard output flushes every line, a write call per diagnostic.
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for report in &reports {
        for warning in &report.dropped_fixes {
            eprintln!("py3port: warning: {warning}");
        }
        if let Some(error) = &report.error {
            eprintln!("py3port: error: {error}");
            failed = true;
        }
    }

    // Fixes: write, print the fixed standard input, or print a diff.
    let mut fixed_files = 0;
    let mut fixes_applied = 0;
    for report in &reports {
        fixes_applied += report.applied.values().sum::<usize>();
        match (fix, &report.fixed_bytes) {
            (FixAction::Write(_), Some(bytes)) if stdin => out.write_all(bytes)?,
            (FixAction::Write(_), Some(bytes)) if report.error.is_none() => {
                source::write_atomic(&report.path, bytes)
                    .with_context(|| format!("cannot write {}", report.display))?;
                fixed_files += 1;
            }
            (FixAction::Diff(_), Some(_)) => {
                let diff = similar::TextDiff::from_lines(&report.original, &report.text);
                write!(out, "{}", diff.unified_diff().context_radius(3).header(&report.display, &report.display))?;
            }
            (FixAction::Write(_), None) if stdin => {
                // Nothing to fix: standard input comes back unchanged.
                out.write_all(report.original.as_bytes())?;
            }
            _ => {}
        }
    }

    // The reports keep their text (for source excerpts); the messages move out.
    let mut messages: Vec<_> = reports.iter_mut().flat_map(|report| std::mem::take(&mut report.messages)).collect();
    if let Some(revision) = &args.diff_base {
        let directory = if stdin { PathBuf::from(".") } else { paths[0].clone() };
        let directory =
            if directory.is_dir() { directory } else { directory.parent().map(PathBuf::from).unwrap_or_default() };
        let directory = if directory.as_os_str().is_empty() { PathBuf::from(".") } else { directory };
        let changed = gitdiff::ChangedLines::since(revision, &directory)?;
        messages.retain(|message| changed.touches(message));
    }
    if let Some(path) = &args.write_baseline {
        out.flush()?;
        baseline::write(path, &messages)?;
        eprintln!(
            "py3port: wrote {} diagnostic{} to the baseline {}",
            messages.len(),
            if messages.len() == 1 { "" } else { "s" },
            path.display()
        );
        return Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS });
    }
    if let Some(path) = &args.baseline {
        messages = baseline::filter(path, messages)?;
    }
    // With --fix on standard input, stdout holds the code; diagnostics go to stderr.
    let mut diagnostics_out: Box<dyn Write> = if stdin && matches!(fix, FixAction::Write(_)) {
        // The fixed code is all of standard output: written out (or failing) here.
        out.flush()?;
        Box::new(std::io::stderr())
    } else {
        Box::new(out)
    };
    if matches!(fix, FixAction::Diff(_)) {
        // The diff is the output.
    } else if args.statistics {
        statistics(&messages, &reports, args.unsafe_fixes, &mut diagnostics_out)?;
    } else {
        let context = output::Context {
            files: &reports,
            unsafe_fixes: args.unsafe_fixes,
            show_fix_summary: true,
            color: colour(args.color),
        };
        output::emit(args.output_format, &messages, &context, &mut diagnostics_out)?;
    }
    if matches!(fix, FixAction::Write(_)) && fixes_applied > 0 && args.output_format.is_text() {
        let plural = if fixes_applied == 1 { "" } else { "es" };
        let files_note = if stdin {
            String::new()
        } else {
            format!(" in {fixed_files} file{}", if fixed_files == 1 { "" } else { "s" })
        };
        writeln!(diagnostics_out, "Applied {fixes_applied} fix{plural}{files_note}.")?;
    }
    diagnostics_out.flush()?;
    // The process ends next and frees its memory at once: freeing the reports and the
    // cache allocation by allocation took a tenth of a warm run.
    let found_any = !messages.is_empty();
    std::mem::forget(messages);
    std::mem::forget(reports);
    std::mem::forget(cache);

    Ok(if failed {
        ExitCode::from(2)
    } else if args.exit_non_zero_on_fix && fixes_applied > 0 {
        ExitCode::from(1)
    } else if !found_any || args.exit_zero {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Whether the run looks for requirements that nothing imports: only over whole
/// directories, so that the imports seen are the project's.
fn looks_for_unused_requirements(paths: &[PathBuf], rules: &py3port_core::RuleTable) -> bool {
    deps::any_enabled(rules) && rules.enabled(Rule::UnusedRequirement) && paths.iter().all(|path| path.is_dir())
}

/// What checking a project's dependencies needs.
struct DepsProject<'a> {
    paths: &'a [PathBuf],
    python_files: &'a [PathBuf],
    /// The manifests the walk that found the Python files found.
    manifests: Vec<(PathBuf, py3port_core::deps::ManifestKind)>,
    settings: &'a Settings,
    rules: &'a py3port_core::RuleTable,
    per_file: Option<&'a config::PerFileIgnores>,
    online: Option<&'a online::Online>,
}

/// Checks the manifests under the checked paths with the code: their reports join
/// `reports` (a `setup.py` adds to its own). Unused requirements are looked for only
/// when every checked path is a directory, so that the imports seen are the project's.
/// Returns the manifests.
fn check_dependencies(
    project: DepsProject<'_>,
    fix: FixAction,
    reports: &mut Vec<run::FileReport>,
) -> Result<Vec<deps::ManifestFile>> {
    if !deps::any_enabled(project.rules) {
        return Ok(Vec::new());
    }
    let manifests = deps::with_includes(project.manifests);
    if manifests.is_empty() {
        return Ok(manifests);
    }
    let imports = looks_for_unused_requirements(project.paths, project.rules).then(|| {
        // The checked files' imports as their reports recorded them; the files without
        // (none were recorded, or the file could not be read) are read here. The reports
        // of a run come in the order of its files.
        let recorded = |index: usize, path: &PathBuf| {
            reports
                .get(index)
                .filter(|report| report.path.as_os_str() == path.as_os_str())
                .and_then(|report| report.imports.as_deref())
        };
        let unrecorded: Vec<PathBuf> = (project.python_files.iter().enumerate())
            .filter(|&(index, path)| recorded(index, path).is_none())
            .map(|(_, path)| path.clone())
            .collect();
        let mut imports = deps::project_imports(&unrecorded);
        for (index, path) in project.python_files.iter().enumerate() {
            imports.extend(recorded(index, path).unwrap_or_default());
        }
        imports
    });
    let project_name = deps::project_name(&manifests);
    let releases = match project.online {
        Some(online) if project.rules.enabled(Rule::Python2OnlyRelease) => {
            let (releases, warnings) = online.releases(&online::pins(&manifests));
            for warning in warnings {
                eprintln!("py3port: warning: {warning}");
            }
            releases
        }
        _ => Vec::new(),
    };
    let options = deps::DepsOptions {
        settings: project.settings,
        rules: project.rules,
        per_file: project.per_file,
        fix,
        imports: imports.as_ref(),
        releases: &releases,
        project_name: project_name.as_deref(),
    };
    deps::check_manifests(&manifests, reports, &options);
    Ok(manifests)
}

/// `py3port config --show FILE`: each setting that applies to FILE, its value and where it
/// came from, then the `per-file-ignores` patterns that match FILE.
fn show_config(args: &ConfigArgs) -> Result<()> {
    let config = config::discover(&args.show, args.config.as_deref())?;
    let origins = config::origins(&config, &[]);
    let per_file = config::PerFileIgnores::new(&config.settings, &config.root)?;
    let matching: Vec<(String, Vec<String>)> = per_file
        .matching(&args.show)
        .into_iter()
        .map(|(pattern, selectors)| (pattern.to_owned(), selectors.iter().map(ToString::to_string).collect()))
        .collect();
    let rules = per_file
        .settings_for(&config.settings, &config.settings.resolve(), &args.show)
        .map_or_else(|| config.settings.resolve(), |settings| settings.resolve());
    let enabled: Vec<&str> = rules.enabled_rules().map(Rule::code).collect();
    let files: Vec<String> = config.layers.iter().map(|layer| layer.path.display().to_string()).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.output_format {
        ListFormat::Json => {
            let settings: Vec<_> = origins
                .iter()
                .map(|(key, value, origin)| {
                    let default = py3port_core::SETTINGS.iter().find(|doc| doc.kebab == *key).map(|doc| doc.default);
                    serde_json::json!({
                        "key": key,
                        "value": value.as_ref().map(config::value_json),
                        "default": default,
                        "origin": origin.to_string(),
                    })
                })
                .collect();
            let document = serde_json::json!({
                "file": args.show.display().to_string(),
                "configuration_files": files,
                "project_root": config.root.display().to_string(),
                "settings": settings,
                "per_file_ignores": matching.iter().map(|(pattern, rules)| serde_json::json!({"pattern": pattern, "ignore": rules})).collect::<Vec<_>>(),
                "enabled_rules": enabled,
            });
            serde_json::to_writer_pretty(&mut out, &document)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            writeln!(out, "# Settings for {}", args.show.display())?;
            match files.as_slice() {
                [] => writeln!(out, "# No configuration file: the defaults apply.")?,
                files => writeln!(out, "# Configuration files, base first: {}", files.join(", "))?,
            }
            let rows: Vec<(String, String)> = origins
                .iter()
                .map(|(key, value, origin)| {
                    let shown = match value {
                        Some(value) => config::value_toml(value),
                        None => py3port_core::SETTINGS
                            .iter()
                            .find(|doc| doc.kebab == *key)
                            .map_or_else(String::new, |doc| doc.default.to_owned()),
                    };
                    (format!("{key} = {shown}"), origin.to_string())
                })
                .collect();
            let width = rows.iter().map(|(line, _)| line.chars().count()).max().unwrap_or(0).min(60);
            for (line, origin) in rows {
                writeln!(out, "{line:<width$}  # {origin}")?;
            }
            if matching.is_empty() {
                writeln!(out, "# No per-file-ignores pattern matches this file.")?;
            }
            for (pattern, rules) in &matching {
                writeln!(out, "# per-file-ignores: \"{pattern}\" matches this file: {} ignored", rules.join(", "))?;
            }
            writeln!(out, "# {} rules enabled for this file.", enabled.len())?;
        }
    }
    Ok(())
}

/// `py3port report`: the migration dashboard.
fn report_command(args: ReportArgs) -> Result<ExitCode> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let config = config::discover(&paths[0], args.config.as_deref())?;
    let settings = config.settings;
    let rules = settings.resolve();
    let found = files::discover_all(&paths, &settings, !args.no_respect_gitignore)?;
    let files = found.python;
    let context = FileContext {
        project: config.project,
        project_methods: py3port_cli::layout::project_methods(&files, settings.max_file_size),
        ..FileContext::default()
    };
    let per_file = config::PerFileIgnores::new(&settings, &config.root)?;
    let cache = open_cache(args.no_cache, args.cache_dir.as_deref(), &config.root, &settings);
    let options = RunOptions {
        per_file: (!per_file.is_empty()).then_some(&per_file),
        cache: cache.as_ref(),
        keep_text: false,
        progress: true,
        ..RunOptions::new(&settings, &rules, &context, FixAction::None)
    };
    let mut data = report::build(&files, &options, args.verify)?;
    // The dependencies as they are now (what `--fix` would do to them is left out).
    let mut manifest_reports = Vec::new();
    let project = DepsProject {
        paths: &paths,
        python_files: &files,
        manifests: found.manifests,
        settings: &settings,
        rules: &rules,
        per_file: (!per_file.is_empty()).then_some(&per_file),
        online: None,
    };
    let manifests = check_dependencies(project, FixAction::None, &mut manifest_reports)?;
    data.dependencies = deps::DependencySection::from_reports(&manifests, &manifest_reports);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    report::summary(&data, &mut out)?;
    if let Some(path) = &args.html {
        std::fs::write(path, report::html(&data)).with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(out, "Wrote the HTML report to {}", path.display())?;
    }
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&data)? + "\n";
        if path.as_os_str() == "-" {
            out.write_all(json.as_bytes())?;
        } else {
            std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(out, "Wrote the JSON report to {}", path.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn statistics(
    messages: &[messages::Message],
    reports: &[run::FileReport],
    unsafe_fixes: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut counts: std::collections::BTreeMap<Rule, (usize, bool)> = std::collections::BTreeMap::new();
    for message in messages {
        let entry = counts.entry(message.rule).or_insert((0, false));
        entry.0 += 1;
        entry.1 |= message.fixable(unsafe_fixes);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let width = rows.iter().map(|(_, (count, _))| count.to_string().len()).max().unwrap_or(1);
    for (rule, (count, fixable)) in rows {
        let marker = if fixable { "[*]" } else { "[ ]" };
        writeln!(out, "{count:>width$}\t{}\t{marker} {}", rule.code(), rule.name())?;
    }
    let mut dialects: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for report in reports {
        if let Some(dialect) = report.dialect {
            *dialects.entry(dialect.dialect.as_str()).or_default() += 1;
        }
    }
    if !dialects.is_empty() {
        let summary: Vec<String> = dialects.iter().map(|(name, count)| format!("{count} {name}")).collect();
        writeln!(out, "Files by dialect: {}", summary.join(", "))?;
    }
    Ok(())
}

fn list_rules(format: ListFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Text => {
            for meta in RULES {
                let fix = match meta.fix_availability() {
                    py3port_core::FixAvailability::Always => "[*]",
                    py3port_core::FixAvailability::Sometimes => "[~]",
                    py3port_core::FixAvailability::Never => "[ ]",
                };
                let on = if meta.default_enabled { "" } else { " (off by default)" };
                writeln!(out, "{} {fix} {:<32} {}{on}", meta.code, meta.name, meta.summary())?;
            }
        }
        ListFormat::Json => {
            let rules: Vec<_> = RULES.iter().map(rule_json).collect();
            serde_json::to_writer_pretty(&mut out, &rules)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn rule_json(meta: &py3port_core::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "code": meta.code,
        "name": meta.name,
        "family": meta.family.as_str(),
        "severity": meta.severity.as_str(),
        "default_enabled": meta.default_enabled,
        "fix_availability": meta.fix_availability().as_str(),
        "lib2to3_fixers": meta.lib2to3_fixers(),
        "catalogue_rows": meta.catalogue_rows(),
        "summary": meta.summary(),
        "url": meta.url(),
        "docs": meta.docs(),
    })
}

fn show_rule(text: &str) -> Result<ExitCode> {
    let Some(rule) = Rule::from_code_or_name(text) else {
        bail!("unknown rule `{text}`; `py3port rules` lists them");
    };
    let meta = rule.meta();
    println!("# {} ({})\n", meta.name, meta.code);
    println!(
        "Family: {} | Default severity: {} | Fix: {}\n",
        meta.family.as_str(),
        meta.severity.as_str(),
        meta.fix_availability().as_str()
    );
    print!("{}", meta.docs());
    Ok(ExitCode::SUCCESS)
}
