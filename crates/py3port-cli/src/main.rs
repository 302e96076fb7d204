//! `py3port`: check and fix Python 2 code for Python 3, from the command line.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use py3port_core::{FileContext, FixMode, RULES, Rule, SettingValue, Settings};

use py3port_cli::output::{self, OutputFormat};
use py3port_cli::run::{self, FixAction, RunOptions};
use py3port_cli::{config, files, messages, source};

#[derive(Parser)]
#[command(name = "py3port", version, about = "Find and fix Python 2 code that breaks or changes meaning on Python 3.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files (and fix them with `--fix`).
    Check(CheckArgs),
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        output_format: ListFormat,
    },
    /// Show one rule's documentation, by code or name.
    Rule { rule: String },
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
    /// Rules to enable (codes, prefixes, names or ALL), replacing the configured set.
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Rules to disable.
    #[arg(long, value_delimiter = ',')]
    ignore: Option<Vec<String>>,
    /// Rules to enable in addition to the configured set.
    #[arg(long, value_delimiter = ',')]
    extend_select: Option<Vec<String>>,
    /// `auto`, `py2` or `py3`: the Python the code is written in.
    #[arg(long)]
    source: Option<String>,
    /// The oldest Python 3 the code must run on (`py36` to `py314`).
    #[arg(long)]
    target_version: Option<String>,
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
    /// The file name to report (and configure by) for standard input.
    #[arg(long)]
    stdin_filename: Option<PathBuf>,
    /// Check files that `.gitignore` excludes too.
    #[arg(long)]
    no_respect_gitignore: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { output_format } => list_rules(output_format).map(|()| ExitCode::SUCCESS),
        Command::Rule { rule } => show_rule(&rule),
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
        ("min-confidence", args.min_confidence.clone().map(SettingValue::String)),
    ];
    for (key, value) in overrides {
        if let Some(value) = value {
            settings.set(key, value).with_context(|| format!("--{key}"))?;
        }
    }
    Ok(())
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
    let mut context = FileContext { project: config.project, ..FileContext::default() };
    let mode = if args.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe };
    let fix = match (args.fix, args.diff) {
        (true, _) => FixAction::Write(mode),
        (_, true) => FixAction::Diff(mode),
        _ => FixAction::None,
    };
    let options = RunOptions { settings: &settings, rules: &rules, context: &context, fix };

    let reports = if stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
        vec![run::analyse_bytes(run::empty_report(&name), &bytes, &options)]
    } else {
        let files = files::discover(&paths, &settings, !args.no_respect_gitignore)?;
        context.project_methods = py3port_cli::layout::project_methods(&files);
        let options = RunOptions { settings: &settings, rules: &rules, context: &context, fix };
        run::run(&files, &options)
    };

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
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

    let messages: Vec<_> = reports.iter().flat_map(|report| report.messages.iter().cloned()).collect();
    // With --fix on standard input, stdout holds the code; diagnostics go to stderr.
    let mut diagnostics_out: Box<dyn Write> =
        if stdin && matches!(fix, FixAction::Write(_)) { Box::new(std::io::stderr()) } else { Box::new(out) };
    if matches!(fix, FixAction::Diff(_)) {
        // The diff is the output.
    } else if args.statistics {
        statistics(&messages, &reports, args.unsafe_fixes, &mut diagnostics_out)?;
    } else {
        let context = output::Context { files: &reports, unsafe_fixes: args.unsafe_fixes, show_fix_summary: true };
        output::emit(args.output_format, &messages, &context, &mut diagnostics_out)?;
    }
    if matches!(fix, FixAction::Write(_)) && fixes_applied > 0 && args.output_format != OutputFormat::Json {
        let plural = if fixes_applied == 1 { "" } else { "es" };
        let files_note = if stdin {
            String::new()
        } else {
            format!(" in {fixed_files} file{}", if fixed_files == 1 { "" } else { "s" })
        };
        writeln!(diagnostics_out, "Applied {fixes_applied} fix{plural}{files_note}.")?;
    }
    diagnostics_out.flush()?;

    Ok(if failed {
        ExitCode::from(2)
    } else if messages.is_empty() || args.exit_zero {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
