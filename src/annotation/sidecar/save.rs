//! Saving safely: atomic writes (a temporary file in the same folder, fsynced, then
//! renamed), the previous version kept as `.bak`, a folder lock so that saves by several
//! processes take turns, and clean-up of the temporary files a killed save left behind.

use super::disk::{DiskState, backup_of, read_current, sidecar_path, state_of};
use super::error::SidecarError;
use super::error::io_err;
use super::format::Sidecar;
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

/// Saves the sidecar of the transcript at `source`, atomically, keeping the previous file as
/// `.bak`. Returns the new state to pass to the next save.
///
/// `expected` must be what `load` (or the previous `save`) returned, or
/// [`DiskState::Absent`] for a transcript that had no sidecar. If the file on disk is not in
/// that state (someone else saved, a sync tool replaced it, it appeared meanwhile) nothing is
/// written and the result is [`SidecarError::ChangedOnDisk`]. A sidecar that failed to load
/// never produced a state, so it cannot be overwritten this way. The check and the rename are
/// not one atomic step; the window is a few milliseconds.
///
/// Nothing is written either if the sidecar would not load back ([`Sidecar::validate`]).
pub fn save(
    source: &Path,
    sidecar: &Sidecar,
    expected: &DiskState,
) -> Result<DiskState, SidecarError> {
    save_file(&sidecar_path(source), sidecar, expected)
}

/// Like [`save`], for a sidecar file named directly (one read with `load_file` or written
/// with [`save_as`]). Same rules; the backup is `<path>.bak`.
pub fn save_file(
    path: &Path,
    sidecar: &Sidecar,
    expected: &DiskState,
) -> Result<DiskState, SidecarError> {
    let path = path.to_path_buf();
    check_valid(&path, sidecar)?;
    // From the check of what is on disk to the rename, no other partly may save here, or one
    // of two saves that both passed the check would be lost.
    let _lock = SaveLock::acquire(&path)?;
    let current = read_current(&path)?;
    if state_of(current.as_deref()) != *expected {
        return Err(SidecarError::ChangedOnDisk { path });
    }
    let text = sidecar.to_ron();
    if current.as_deref() == Some(text.as_bytes()) {
        // Nothing changed: writing would only replace the backup with a copy of the file.
        return Ok(expected.clone());
    }
    let new_file = write_temp(&path, text.as_bytes())?;
    if let Some(old) = &current {
        let backup = backup_of(&path);
        let tmp = write_temp(&backup, old)?;
        tmp.persist(&backup).map_err(|e| io_err(&backup)(e.error))?;
    }
    new_file
        .persist(&path)
        .map_err(|e| io_err(&path)(e.error))?;
    sync_dir(&path);
    remove_stale_temps(folder_of(&path));
    Ok(state_of(Some(text.as_bytes())))
}

/// An exclusive lock on the folder a sidecar is saved in, held for one save, so that saves
/// by several processes (two windows, scripts running `partly annotate`) take turns. It is the
/// folder that is locked, not the file: the file is replaced by each save, and a lock file
/// would litter the user's folder. Released when dropped, or by the system if the process
/// dies. Unix only; elsewhere saves are not serialised between processes (each still refuses
/// to overwrite a file that changed since it was read, but two saves at the same instant can
/// both pass that check).
struct SaveLock {
    #[cfg(unix)]
    _folder: Option<fs::File>,
}

/// How long a save waits for another process's save to finish before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl SaveLock {
    fn acquire(path: &Path) -> Result<SaveLock, SidecarError> {
        #[cfg(unix)]
        {
            // A folder we cannot open for locking (odd file systems) is saved to unlocked.
            let Ok(folder) = fs::File::open(folder_of(path)) else {
                return Ok(SaveLock { _folder: None });
            };
            let started = std::time::Instant::now();
            loop {
                match folder.try_lock() {
                    Ok(()) => {
                        return Ok(SaveLock {
                            _folder: Some(folder),
                        });
                    }
                    Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    Err(fs::TryLockError::WouldBlock) => {
                        return Err(io_err(path)(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "another partly has been saving in this folder for 10 s; try again",
                        )));
                    }
                    // Locks not supported here: save as before.
                    Err(fs::TryLockError::Error(_)) => return Ok(SaveLock { _folder: None }),
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            Ok(SaveLock {})
        }
    }
}

/// Writes the sidecar to `target` (the sidecar file itself, e.g. one the user picked in a
/// "save as" dialog), atomically, refusing to replace an existing file
/// ([`SidecarError::Exists`]). Returns the state for later [`save`]s of that file.
pub fn save_as(target: &Path, sidecar: &Sidecar) -> Result<DiskState, SidecarError> {
    check_valid(target, sidecar)?;
    let exists = || SidecarError::Exists {
        path: target.to_path_buf(),
    };
    if fs::symlink_metadata(target).is_ok() {
        return Err(exists());
    }
    let _lock = SaveLock::acquire(target)?;
    let text = sidecar.to_ron();
    let tmp = write_temp(target, text.as_bytes())?;
    // `persist_noclobber` makes the no-overwrite rule hold even if the file appeared since
    // the check above.
    tmp.persist_noclobber(target).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            exists()
        } else {
            io_err(target)(e.error)
        }
    })?;
    sync_dir(target);
    remove_stale_temps(folder_of(target));
    Ok(state_of(Some(text.as_bytes())))
}

fn check_valid(path: &Path, sidecar: &Sidecar) -> Result<(), SidecarError> {
    sidecar.validate().map_err(|e| SidecarError::Invalid {
        path: path.to_path_buf(),
        message: format!("not saved: {e}"),
    })
}

/// The folder a file is in, `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary files are `.partly-XXXXXX.tmp`, so that ones left behind can be recognised.
const TEMP_PREFIX: &str = ".partly-";
const TEMP_SUFFIX: &str = ".tmp";
/// How old a left-over temporary file must be before [`remove_stale_temps`] deletes it. The
/// lock is what tells a live save's file from a dead one's; the age is a margin for the
/// moment between creating the file and locking it, for file systems whose locks other
/// machines do not see, and for builds that did not lock.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Writes `bytes` to a new temporary file next to `path` (same folder, so the final rename
/// stays on one file system and is atomic) and flushes it to disk. The file is deleted if
/// dropped without being persisted; if the process is killed first it stays, locked by no
/// one, for [`remove_stale_temps`] to delete on a later save.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, SidecarError> {
    let err = io_err(path);
    let mut tmp = temp_file_in(folder_of(path), TEMP_PREFIX, TEMP_SUFFIX).map_err(err)?;
    // Held until the file is renamed or deleted, and released by the system if the process
    // dies: a locked temporary file belongs to a save in progress. Best effort (not every file
    // system has locks); without it the file is only ever deleted by its own save.
    #[cfg(unix)]
    let _ = tmp.as_file().try_lock();
    let err = io_err(path);
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(err)?;
    keep_permissions(&tmp, path);
    Ok(tmp)
}

/// A temporary file in `folder` created as a normal file is (the user's umask applies), not
/// with tempfile's private 0600: renamed into place, it is what colleagues on a shared drive
/// can open.
pub fn temp_file_in(
    folder: &Path,
    prefix: &str,
    suffix: &str,
) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, synced, renamed into
/// place), for the files partly writes besides the sidecar: exports, reports, practice files.
/// `replace` false refuses an existing file with an [`io::ErrorKind::AlreadyExists`] error,
/// even one that appears while writing.
pub fn write_file_atomically(
    path: &Path,
    bytes: &[u8],
    prefix: &str,
    replace: bool,
) -> io::Result<()> {
    use std::io::Write;
    if !replace && path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file exists",
        ));
    }
    let mut tmp = temp_file_in(folder_of(path), prefix, ".tmp")?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if replace {
        keep_permissions(&tmp, path);
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    sync_dir(path);
    Ok(())
}

/// Gives a temporary file the permissions of the file it will replace (e.g. group-writable
/// in a shared folder). Best effort, and after writing, in case they are read-only.
pub fn keep_permissions(tmp: &tempfile::NamedTempFile, replacing: &Path) {
    if let Ok(meta) = fs::metadata(replacing) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
}

/// Flushes the folder entry after a rename, so the new name survives a power cut. Best
/// effort: not every platform or file system allows opening a folder.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Deletes the temporary files that saves killed half way (power cut, `kill -9`, crash) left
/// in `folder`, which would otherwise pile up there for ever, each a full copy of a sidecar:
/// those no running save holds locked ([`write_temp`]) and at least [`STALE_TEMP_AGE`] old.
/// Best effort, after a successful save. Unix only: elsewhere a locked file cannot be told
/// apart as safely.
fn remove_stale_temps(folder: &Path) {
    #[cfg(unix)]
    {
        let Ok(entries) = fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
                continue;
            }
            let path = entry.path();
            // Plain files only: never a link, a folder or a pipe (which would block the open).
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let stale = meta.file_type().is_file()
                && meta
                    .modified()
                    .ok()
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age >= STALE_TEMP_AGE);
            if !stale {
                continue;
            }
            // Open for writing where possible: NFS emulates these locks with ones that need it.
            let file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path)
                .or_else(|_| fs::File::open(&path));
            if let Ok(file) = file
                && file.try_lock().is_ok()
            {
                let _ = fs::remove_file(&path);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = folder;
}
