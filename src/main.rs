//! The `partly` command: the window by default, and subcommands for scripting.
//!
//! A thin layer over the library: argument parsing (clap), output formatting, and exit codes
//! (0 ok, 1 error, 2 usage). Errors print as one `error: ...` line on stderr.

mod cli;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use partly::annotation::{Document, Intent, display_name, plan};
use partly::export::{ExportFormat, ExportOptions};
use partly::transcript::{Format, Role, SpeakerEdit};
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
    /// Render the window once at a fixed size, write it to this PNG file, and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
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
    /// Tag a turn (or a quote inside it) and save the annotation beside the transcript.
    Annotate {
        file: PathBuf,
        /// The turn to annotate, numbered from 1 as `inspect` shows them.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
        turn: u64,
        /// A tag from the transcript's tag set (repeat for several).
        #[arg(long = "tag", required = true)]
        tags: Vec<String>,
        /// A note to keep with the annotation.
        #[arg(long)]
        note: Option<String>,
        /// Annotate only these words inside the turn.
        #[arg(long)]
        quote: Option<String>,
        /// Read the transcript as this layout instead of guessing (remembered in the sidecar).
        #[arg(long, value_parser = parse_format)]
        format: Option<Format>,
    },
    /// List the annotations of a transcript.
    List {
        file: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Suggest an evasion class for every answer, with the rules that fired and why.
    Suggest {
        file: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Per-witness and per-examiner statistics: classes, evasive runs, repeated questions.
    Stats {
        file: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Agreement between annotators of one transcript: Krippendorff's alpha, Cohen's kappa per
    /// pair, per-tag alpha, confusion matrices and every disagreement with its cite.
    Agree {
        /// The transcript the annotation files belong to.
        transcript: PathBuf,
        /// Two or more annotation files of that transcript (one per coder; named by path).
        #[arg(required = true, num_args = 2..)]
        sidecars: Vec<PathBuf>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// A unit a coder left without a tag of the set counts as the label `untagged`
        /// (default) or as `missing`.
        #[arg(long, value_parser = ["label", "missing"], default_value = "label")]
        untagged: String,
        /// The tags compared, comma-separated, in order of precedence (default: the nine
        /// evasion classes).
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
        /// The units: answer turns (default) or question turns.
        #[arg(long, value_parser = ["answer", "question"], default_value = "answer")]
        unit: String,
        /// Also write the disagreements to this CSV file.
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
    },
    /// Study a cross-examination: examinations and chapters, every question's form (leading,
    /// closed, open; compound; repeated) with reasons, and a scorecard per examination.
    Study {
        file: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Check every quotation in an article (text, Markdown, HTML or Word; `-` for standard input)
    /// against the record: verbatim, altered, misattributed or not found, with flags.
    CheckArticle {
        article: PathBuf,
        /// The transcript the article quotes.
        #[arg(long)]
        against: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Also write a fact-check report: Markdown, or HTML for a .html name.
        #[arg(long, value_name = "OUT")]
        report: Option<PathBuf>,
        /// Replace the report file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export the annotated excerpts with page:line cites.
    Export {
        file: PathBuf,
        /// Output format: md, html, csv, docx or txt.
        #[arg(long, value_parser = parse_export_format)]
        format: ExportFormat,
        /// Only annotations with this tag (repeat for several).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Only annotations on this speaker's turns.
        #[arg(long)]
        speaker: Option<String>,
        /// Write here instead of to standard output (required for docx).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Cite prefix, e.g. "Musk Dep." (default "Tr.").
        #[arg(long, default_value = "Tr.")]
        prefix: String,
        /// Turns of context before and after each excerpt.
        #[arg(long, default_value_t = 0)]
        context: usize,
        /// Leave out the question an annotated answer answers.
        #[arg(long)]
        no_question: bool,
    },
    /// Is a quote verbatim in the transcript? Every match with speaker and cite, or the
    /// closest passage with its similarity and a word-level diff.
    Verify {
        file: PathBuf,
        /// The quote, as printed ([brackets] are editorial insertions, ... or … omissions).
        quote: String,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Correct the speakers: rename, merge, split, or set a role (saved in the sidecar).
    Speaker {
        file: PathBuf,
        #[command(subcommand)]
        edit: SpeakerCmd,
    },
}

#[derive(Subcommand)]
enum SpeakerCmd {
    /// Give a speaker a new display name.
    Rename { label: String, name: String },
    /// Fold the speaker FROM into the speaker INTO.
    Merge { from: String, into: String },
    /// Make one of a speaker's labels a speaker of its own.
    Split { label: String },
    /// Set a speaker's role: examiner, witness, court, counsel or other.
    Role {
        label: String,
        #[arg(value_parser = parse_role)]
        role: Role,
    },
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s).ok_or_else(|| {
        format!("unknown export format \"{s}\"; expected md, html, csv, docx or txt")
    })
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::ALL
        .into_iter()
        .find(|r| r.name().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| {
            format!("unknown role \"{s}\"; expected examiner, witness, court, counsel or other")
        })
}

/// Opens a document for reading; an unreadable sidecar is a warning (its speaker fixes,
/// dismissals and tags are then not applied).
fn open_for_reading(file: &Path) -> Result<Document> {
    let doc = Document::open(file, None)?;
    if let Some(e) = &doc.sidecar_error {
        eprintln!("warning: {e}; its annotations and corrections are not applied");
    }
    Ok(doc)
}

/// Saves a document the CLI changed. If someone else saved the file since it was read, the
/// two versions are merged by annotation id first; conflicts are reported (this run's change
/// is the one kept).
fn save(doc: &mut Document) -> Result<()> {
    for c in doc.save_merging()? {
        eprintln!(
            "warning: {}: merged with changes saved meanwhile: {}",
            doc.sidecar_path().display(),
            c.describe()
        );
    }
    Ok(())
}

/// Opens a document for writing: an unreadable sidecar stops here, before anything changes.
fn open_for_edit(file: &Path, format: Option<Format>) -> Result<Document> {
    let doc = Document::open(file, format)?;
    if let Some(e) = &doc.sidecar_error {
        anyhow::bail!("{e} (left untouched; fix or move it, then try again)");
    }
    Ok(doc)
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

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Inspect {
            file,
            json,
            format,
            turns,
        }) => {
            // With the saved speaker corrections, as the document shows it.
            let (t, sidecar_error) = Document::read_transcript(&file, format)?;
            if let Some(e) = &sidecar_error {
                eprintln!("warning: {e}; speaker corrections saved there are not applied");
            }
            if json {
                let v = cli::inspect::to_json(&t, &file.display().to_string());
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::inspect::summary(
                    &t,
                    &file.display().to_string(),
                    turns,
                ))?;
            }
            // The process ends now: freeing a long trial's turns one by one would take longer
            // than the summary (the system takes the memory back at once).
            std::mem::forget(t);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Annotate {
            file,
            turn,
            tags,
            note,
            quote,
            format,
        }) => {
            let mut doc = open_for_edit(&file, format)?;
            let intent = Intent::Annotate {
                turn: usize::try_from(turn - 1).unwrap_or(usize::MAX),
                tags,
                note,
                quote,
            };
            // The window's door: the intent planned as an edit, applied by the document.
            let edit = plan(&doc, intent)?;
            let id = edit.added_id().unwrap_or_default().to_owned();
            doc.apply(edit)?;
            save(&mut doc)?;
            let a = doc
                .sidecar
                .annotation(&id)
                .context("the new annotation vanished")?;
            emit(&format!(
                "{id}: [{}] on turn {turn} at {} \"{}\"\nsaved to {}\n",
                a.tags.join(", "),
                a.anchor.start,
                a.anchor.quote,
                doc.sidecar_path().display()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List { file, json }) => {
            let doc = Document::open(&file, None)?;
            if let Some(e) = &doc.sidecar_error {
                anyhow::bail!("{e}");
            }
            if let Some(r) = &doc.reanchored {
                eprintln!(
                    "warning: {} changed since the annotations were saved; found them again: {}",
                    file.display(),
                    r.describe()
                );
            }
            if json {
                let v = cli::annotations::list_json(&doc);
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::annotations::list_text(&doc))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Suggest { file, json }) => {
            let doc = open_for_reading(&file)?;
            let suggestions = partly::analysis::suggest(&doc.transcript);
            if json {
                let v = cli::analysis::suggest_json(&doc, &suggestions);
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::analysis::suggest_text(&doc, &suggestions))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Agree {
            transcript,
            sidecars,
            json,
            untagged,
            tags,
            unit,
            csv,
        }) => {
            use partly::analysis::agreement::{self, Coder, Options, Unit, Untagged};
            let mut coders = Vec::new();
            for path in &sidecars {
                let loaded = partly::annotation::sidecar::load_file(path)?
                    .with_context(|| format!("{}: no such annotation file", path.display()))?;
                coders.push(Coder {
                    name: path.display().to_string(),
                    sidecar: loaded.sidecar,
                });
            }
            let format = coders.iter().find_map(|c| c.sidecar.source.format);
            let t = partly::transcript::read(&transcript, format)?;
            let opts = Options {
                unit: if unit == "question" {
                    Unit::Question
                } else {
                    Unit::Answer
                },
                untagged: if untagged == "missing" {
                    Untagged::Missing
                } else {
                    Untagged::Label
                },
                tags: tags
                    .into_iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
            };
            let result = agreement::compare(&t, &coders, &opts);
            if let Some(out) = &csv {
                let bytes = partly::export::agreement::disagreements_csv(&result)?;
                partly::export::save(out, &bytes, true)?;
            }
            if json {
                let v = cli::agree::agree_json(&result);
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::agree::agree_text(&result))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::CheckArticle {
            article,
            against,
            json,
            report,
            force,
        }) => {
            let text = if article.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                    .context("reading the article from standard input")?;
                s
            } else {
                let bytes = std::fs::read(&article)
                    .with_context(|| format!("{}: cannot be read", article.display()))?;
                partly::quote::article::article_text(&bytes)
                    .with_context(|| article.display().to_string())?
            };
            let doc = open_for_reading(&against)?;
            let quotes = partly::quote::article::check_article(&doc.transcript, &text);
            if let Some(out) = &report {
                use partly::export::article::{ReportFormat, report as write_report};
                let body = write_report(
                    &quotes,
                    &article.display().to_string(),
                    &against.display().to_string(),
                    ReportFormat::from_path(out),
                );
                partly::export::save(out, body.as_bytes(), force)?;
            }
            if json {
                let v = cli::article::article_json(
                    &article.display().to_string(),
                    &against.display().to_string(),
                    &quotes,
                );
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::article::article_text(&quotes))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Study { file, json }) => {
            let doc = open_for_reading(&file)?;
            let verdicts = partly::analysis::verdicts(&doc.transcript);
            let s = partly::analysis::study::study(&doc.transcript, &verdicts);
            if json {
                let v = cli::study::study_json(&doc.transcript, &s);
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::study::study_text(&doc.transcript, &s))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Stats { file, json }) => {
            let doc = open_for_reading(&file)?;
            let verdicts = partly::analysis::verdicts(&doc.transcript);
            let stats = partly::analysis::stats::stats(
                &doc.transcript,
                &verdicts,
                &doc.sidecar.annotations,
            );
            if json {
                let v = cli::analysis::stats_json(&stats);
                emit(&(serde_json::to_string_pretty(&v).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::analysis::stats_text(&stats))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            format,
            tags,
            speaker,
            output,
            force,
            prefix,
            context,
            no_question,
        }) => {
            let doc = open_for_reading(&file)?;
            let opts = ExportOptions {
                tags,
                speaker,
                ids: None,
                cite_prefix: prefix,
                include_question: !no_question,
                context_before: context,
                context_after: context,
            };
            let excerpts = partly::export::excerpts(&doc, &opts)?;
            let bytes = partly::export::write(format, &display_name(&file), &excerpts)?;
            match output {
                Some(out) => {
                    partly::export::save(&out, &bytes, force)?;
                    eprintln!("wrote {} excerpt(s) to {}", excerpts.len(), out.display());
                }
                None if format.is_binary() => {
                    anyhow::bail!(
                        "{} is a binary format; give -o FILE.{}",
                        format.label(),
                        format.extension()
                    )
                }
                None => emit(&String::from_utf8_lossy(&bytes))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Verify { file, quote, json }) => {
            let doc = open_for_reading(&file)?;
            let v = partly::quote::verify(&doc.transcript, &quote);
            if json {
                let j = cli::analysis::verify_json(&v);
                emit(&(serde_json::to_string_pretty(&j).context("writing JSON")? + "\n"))?;
            } else {
                emit(&cli::analysis::verify_text(&v))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Speaker { file, edit }) => {
            let mut doc = open_for_edit(&file, None)?;
            let edit = match edit {
                SpeakerCmd::Rename { label, name } => SpeakerEdit::Rename { label, name },
                SpeakerCmd::Merge { from, into } => SpeakerEdit::Merge { from, into },
                SpeakerCmd::Split { label } => SpeakerEdit::Split { label },
                SpeakerCmd::Role { label, role } => SpeakerEdit::SetRole { label, role },
            };
            doc.apply(plan(&doc, Intent::Speaker(edit))?)?;
            save(&mut doc)?;
            emit(&cli::inspect::summary(
                &doc.transcript,
                &file.display().to_string(),
                false,
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        None => partly::app::run(cli.file, cli.format, cli.screenshot),
    }
}
