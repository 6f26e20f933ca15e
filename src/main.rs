//! The `partly` command: the window by default, and subcommands for scripting.
//!
//! A thin layer over the library: argument parsing (clap), output formatting, and exit codes
//! (0 ok, 1 error, 2 usage). Errors print as one `error: ...` line on stderr.

mod cli;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use partly::transcript::{self, Format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "partly",
    version,
    about = "Read and annotate testimony transcripts; catch the evasive answers.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Transcript to open in the window (the bundled sample when omitted).
    file: Option<PathBuf>,
    /// Read the transcript as this layout instead of guessing.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Show how a transcript was parsed: layout, pages, speakers, turns, warnings.
    Inspect {
        file: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Read the transcript as this layout instead of guessing.
        #[arg(long, value_parser = parse_format)]
        format: Option<Format>,
        /// Also list every turn (summary mode).
        #[arg(long)]
        turns: bool,
    },
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
        format!(
            "unknown format \"{s}\"; expected one of {}",
            names.join(", ")
        )
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Writes to stdout; a closed pipe (`partly inspect x | head`) is not an error.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("writing output"),
        _ => Ok(()),
    }
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Inspect {
            file,
            json,
            format,
            turns,
        }) => {
            let loaded = transcript::load(&file, format)?;
            let t = &loaded.transcript;
            if json {
                let v = cli::inspect::to_json(t, &display_name(&file));
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::inspect::summary(t, &display_name(&file), turns))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let _ = (cli.file, cli.format);
            anyhow::bail!("the window is not built yet")
        }
    }
}
