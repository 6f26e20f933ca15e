//! Crash safety: a save killed at any point (SIGKILL, so no destructors and no cleanup) leaves
//! the sidecar either as it was or as it was about to become, complete and readable, and the
//! backup readable — never a cut-off file, a missing file or a lost annotation.
//!
//! The test runs the real `partly annotate` on a transcript whose sidecar is over a megabyte
//! (so writing it takes measurable time) and kills it after a varying delay, many times. The
//! delays are spread over the whole run and, mostly, concentrated on the moments the save
//! writes its temporary files, found by a staircase: a kill that left the old file and no
//! temporary file moves the aim later, one that left the new file moves it earlier, one that
//! left a temporary file (it landed mid-write) keeps it. The test then asserts that kills
//! landed before the rename, after it, *and* while a temporary file was being written, so it
//! cannot pass by always killing too early or too late.
//!
//! Unix only: it relies on SIGKILL, and on the clean-up of left-over temporary files, which
//! `sidecar::write_temp` and `remove_stale_temps` do only there.
#![cfg(unix)]

use crate::common::*;
use partly::annotation::Document;
use partly::annotation::sidecar::{self, Sidecar};
use std::collections::BTreeSet;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Annotations written before the kills start: a sidecar of about 1.3 MB, written in ms.
const PREFILL: usize = 1500;
/// Kill attempts.
const KILLS: usize = 100;

/// The sidecar as read back from disk, checked.
struct Snapshot {
    bytes: Vec<u8>,
    ids: BTreeSet<String>,
    sidecar: Sidecar,
}

fn read_checked(path: &Path, what: &str) -> Snapshot {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{what} {}: {e}", path.display()));
    let text = std::str::from_utf8(&bytes)
        .unwrap_or_else(|e| panic!("{what} {} is not UTF-8: {e}", path.display()));
    let sidecar = Sidecar::from_ron(text, path)
        .unwrap_or_else(|e| panic!("{what} does not load ({} bytes): {e}", bytes.len()));
    let ids: BTreeSet<String> = sidecar.annotations.iter().map(|a| a.id.clone()).collect();
    assert_eq!(
        ids.len(),
        sidecar.annotations.len(),
        "{what}: duplicate ids"
    );
    Snapshot {
        bytes,
        ids,
        sidecar,
    }
}

/// The temporary files a save leaves behind if it is killed (`write_temp` names them).
fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".partly-") && n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

/// Nothing but the transcript, its sidecar, the backup and save temporaries is in the folder.
fn assert_only_expected_files(dir: &Path, source: &Path) {
    let sidecar = sidecar::sidecar_path(source);
    let backup = sidecar::backup_path(source);
    let allowed: Vec<&Path> = vec![source, &sidecar, &backup];
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            allowed.contains(&path.as_path())
                || (name.starts_with(".partly-") && name.ends_with(".tmp")),
            "unexpected file after a killed save: {name}"
        );
    }
}

/// A small deterministic generator (xorshift64*), so a failing run can be replayed with the
/// same delays; the process timing varies anyway.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn annotate(bin: &Path, source: &Path, note: &str) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("annotate")
        .arg(source)
        .args(["--turn", "7", "--tag", "Dodging", "--note", note])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[derive(Debug, Default)]
struct Outcomes {
    /// Killed, and the sidecar was still the old one.
    killed_old: usize,
    /// ...of which a temporary file was left behind: killed while the save was writing.
    killed_mid_write: usize,
    /// Killed after the rename, before the process exited: the new sidecar.
    killed_new: usize,
    /// Finished before the kill: the new sidecar.
    completed: usize,
    /// The backup had been replaced but the sidecar not yet.
    backup_only: usize,
    /// The most temporary files seen in the folder at once.
    max_temps: usize,
}

#[test]
fn killed_saves_leave_the_old_or_the_new_sidecar_and_a_readable_backup() {
    let started = Instant::now();
    // A link to the binary, so that a rebuild running meanwhile (which replaces the file)
    // cannot make a spawn fail half way through; a copy if links are not possible.
    let bin_dir = tempfile::tempdir().unwrap();
    let bin = bin_dir.path().join("partly");
    let built = assert_cmd::cargo::cargo_bin("partly");
    if fs::hard_link(&built, &bin).is_err() {
        fs::copy(&built, &bin).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("cross.txt");
    fs::copy(repo(VOCALIFE), &source).unwrap();
    let source_bytes = fs::read(&source).unwrap();
    let sidecar_file = sidecar::sidecar_path(&source);
    let backup_file = sidecar::backup_path(&source);

    // A big sidecar, written through the library.
    let mut doc = Document::open(&source, None).unwrap();
    let turns = doc.transcript.turns.len();
    let tags = ["Dodging".to_string()];
    for i in 0..PREFILL {
        let note = format!(
            "prefilled annotation {i}: {}",
            "the witness avoids it; ".repeat(8)
        );
        doc.annotate(i % turns, &tags, Some(note), None).unwrap();
    }
    doc.save().unwrap();
    drop(doc);

    // How long an uninterrupted run takes (these also create the backup).
    let mut runs = Vec::new();
    // The notes of the annotations saved after the prefill.
    let mut saved_notes = Vec::new();
    for i in 0..3 {
        let t = Instant::now();
        let out = annotate(&bin, &source, &format!("calibration {i}"))
            .output()
            .unwrap();
        runs.push(t.elapsed());
        saved_notes.push(format!("calibration {i}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    runs.sort();
    // The fastest: a busy machine only ever makes runs slower.
    let run = runs[0];
    let mut current = read_checked(&sidecar_file, "sidecar");
    let mut backup = read_checked(&backup_file, "backup").bytes;
    assert_eq!(current.ids.len(), PREFILL + 3);
    eprintln!(
        "sidecar: {} bytes, {} annotations; uninterrupted run: {runs:?}; setup took {:?}",
        current.bytes.len(),
        current.ids.len(),
        started.elapsed()
    );

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let run_s = run.as_secs_f64();
    // The staircase's aim: a delay at which kills land mid-write. It starts near the end of
    // the run (writing is the last thing a save does), moves by `step` after an aimed kill
    // that was too early (+1) or too late (-1), and the step halves whenever the direction
    // turns, down to a floor. Aimed delays are jittered around it by up to `spread`.
    let mut aim = 0.85 * run_s;
    let mut step = run_s / 10.0;
    let min_step = run_s / 200.0;
    let mut last_move = 0.0;
    let spread = run_s / 30.0;
    let mut seen = Outcomes::default();
    let mut log = Vec::new();

    for i in 0..KILLS {
        let aimed = i % 3 != 0;
        let delay = if aimed {
            (aim + spread * (2.0 * rng.unit() - 1.0)).max(0.0)
        } else {
            1.2 * run_s * rng.unit()
        };
        let note = format!("killed save {i}");
        let temps_before = temp_files(dir.path());
        let mut child = annotate(&bin, &source, &note)
            .spawn()
            .unwrap_or_else(|e| panic!("kill {i}: cannot start {}: {e}", bin.display()));
        std::thread::sleep(Duration::from_secs_f64(delay));
        // SIGKILL on Unix; harmless if the process already exited.
        child.kill().unwrap();
        let out = child.wait_with_output().unwrap();
        let completed = out.status.success();
        if !completed {
            assert_eq!(
                out.status.signal(),
                Some(9),
                "kill {i}: the save failed on its own: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }

        // Whatever the moment of the kill: only known files, a complete sidecar and backup.
        assert_only_expected_files(dir.path(), &source);
        let temps = temp_files(dir.path());
        seen.max_temps = seen.max_temps.max(temps.len());
        // A temporary file this run created and did not get to rename or delete.
        let mid_write = temps.iter().any(|t| !temps_before.contains(t));
        let now = fs::read(&sidecar_file)
            .unwrap_or_else(|e| panic!("kill {i} after {delay:.4}s: no sidecar: {e}"));
        let bak = fs::read(&backup_file)
            .unwrap_or_else(|e| panic!("kill {i} after {delay:.4}s: no backup: {e}"));

        let outcome;
        let move_aim: f64;
        if now == current.bytes {
            // The old file, untouched. The backup is either still the one before it, or
            // already a copy of it (killed between writing the backup and the rename).
            assert!(!completed, "kill {i}: a finished save changed nothing");
            if bak == backup {
                outcome = if mid_write { "old, mid-write" } else { "old" };
            } else {
                assert!(
                    bak == current.bytes,
                    "kill {i} after {delay:.4}s: the backup is neither the previous one nor the current file"
                );
                seen.backup_only += 1;
                backup = bak;
                outcome = "old, backup replaced";
            }
            seen.killed_old += 1;
            if mid_write {
                seen.killed_mid_write += 1;
                move_aim = 0.0;
            } else {
                move_aim = 1.0;
            }
        } else {
            // The new file: every old annotation plus this one, and the old file as backup.
            let new = read_checked(&sidecar_file, &format!("kill {i}: sidecar"));
            assert!(
                new.ids.is_superset(&current.ids),
                "kill {i}: annotations lost"
            );
            assert_eq!(new.ids.len(), current.ids.len() + 1, "kill {i}");
            let added: Vec<_> = new
                .sidecar
                .annotations
                .iter()
                .filter(|a| !current.ids.contains(&a.id))
                .collect();
            assert_eq!(added.len(), 1);
            assert_eq!(added[0].note.as_deref(), Some(note.as_str()), "kill {i}");
            assert!(
                bak == current.bytes,
                "kill {i}: the backup is not the previous sidecar"
            );
            assert!(
                !mid_write,
                "kill {i}: a save that finished left a temporary file"
            );
            backup = std::mem::replace(&mut current, new).bytes;
            saved_notes.push(note);
            if completed {
                seen.completed += 1;
                outcome = "completed";
            } else {
                seen.killed_new += 1;
                outcome = "new";
            }
            move_aim = -1.0;
        }
        if aimed && move_aim != 0.0 {
            if move_aim == -last_move {
                step = (step / 2.0).max(min_step);
            }
            last_move = move_aim;
            aim = (aim + move_aim * step).max(0.0);
        }
        // The backup is always byte for byte a sidecar checked above, so it reads too.
        log.push(format!(
            "{i:3} {:>6} {delay:.4}s {outcome}{}",
            if aimed { "aimed" } else { "spread" },
            if temps.is_empty() {
                String::new()
            } else {
                format!(" ({} temp files)", temps.len())
            }
        ));
    }
    let leftover = temp_files(dir.path());
    eprintln!("{}", log.join("\n"));
    eprintln!(
        "{seen:?}; uninterrupted run {run:?}, final aim {aim:.4}s; temp files left: {}; {:?} so far",
        leftover.len(),
        started.elapsed()
    );

    // The kills landed before the rename, after it, and while a temporary file was written.
    assert!(seen.killed_old > 0, "{seen:?}");
    assert!(seen.killed_new + seen.completed > 0, "{seen:?}");
    assert!(
        seen.killed_mid_write > 0,
        "no kill landed during a write: {seen:?}"
    );

    // Left-over temporary files do not get in the way, and a successful save clears away the
    // stale ones: older than a minute (aged here by hand) and locked by no running save.
    // One that a (pretend) running save holds locked stays.
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for name in &leftover {
        fs::File::options()
            .write(true)
            .open(dir.path().join(name))
            .and_then(|f| f.set_modified(an_hour_ago))
            .unwrap();
    }
    let live_path = dir.path().join(".partly-running.tmp");
    let live = fs::File::create(&live_path).unwrap();
    live.lock().unwrap();
    live.set_modified(an_hour_ago).unwrap();
    let before = current.ids.len();
    let out = annotate(&bin, &source, "after the crashes")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    saved_notes.push("after the crashes".to_string());
    let last = read_checked(&sidecar_file, "final sidecar");
    assert!(last.ids.is_superset(&current.ids));
    assert_eq!(last.ids.len(), before + 1);
    assert!(fs::read(&backup_file).unwrap() == current.bytes);
    assert_eq!(
        temp_files(dir.path()),
        vec![".partly-running.tmp".to_string()],
        "stale temporary files were not removed, or a live one was"
    );
    drop(live);

    // And every annotation a save reported, or left on disk, is there.
    let listed = std::process::Command::new(&bin)
        .arg("list")
        .arg(&source)
        .arg("--json")
        .output()
        .unwrap();
    assert!(listed.status.success());
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let notes: Vec<&str> = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["note"].as_str())
        .filter(|n| !n.starts_with("prefilled"))
        .collect();
    assert_eq!(notes.len() + PREFILL, before + 1);
    let mut notes: Vec<String> = notes.into_iter().map(String::from).collect();
    notes.sort();
    saved_notes.sort();
    assert_eq!(notes, saved_notes);
    assert!(
        fs::read(&source).unwrap() == source_bytes,
        "the transcript changed"
    );
    eprintln!("total {:?}", started.elapsed());
}
