//! Where a sidecar lives and what is on disk: its path beside the transcript, the backup's
//! path, loading it, and the [`DiskState`] guard that a save must present.

use super::error::SidecarError;
use super::error::io_err;
use super::format::Sidecar;
use crate::transcript::sha256_hex;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What is appended to the source file name to name its sidecar.
const SIDECAR_SUFFIX: &str = ".annotations.ron";
const BACKUP_SUFFIX: &str = ".bak";

/// `X.txt` → `X.txt.annotations.ron`, in the same folder. The whole file name is kept, so
/// `X.txt` and `X.pdf.txt` never share a sidecar.
pub fn sidecar_path(source: &Path) -> PathBuf {
    let mut name = source.as_os_str().to_owned();
    name.push(SIDECAR_SUFFIX);
    PathBuf::from(name)
}

/// `X.txt` → `X.txt.annotations.ron.bak`: the sidecar as it was before the last save.
/// Takes the *source* path, like [`sidecar_path`].
pub fn backup_path(source: &Path) -> PathBuf {
    backup_of(&sidecar_path(source))
}

pub(super) fn backup_of(sidecar: &Path) -> PathBuf {
    let mut name = sidecar.as_os_str().to_owned();
    name.push(BACKUP_SUFFIX);
    PathBuf::from(name)
}

/// What the sidecar file held when it was last read or written by us. `save` refuses to
/// write unless the file still matches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskState {
    /// There was no file.
    Absent,
    /// There was a file with these bytes (hex SHA-256).
    Present { sha256: String },
}

/// A sidecar read from disk, and the state to hand back to `save`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub sidecar: Sidecar,
    pub disk: DiskState,
}

/// Loads the sidecar of the transcript at `source`. `Ok(None)` means there is none yet; every
/// other problem is an error and the file is left untouched.
pub fn load(source: &Path) -> Result<Option<Loaded>, SidecarError> {
    load_file(&sidecar_path(source))
}

/// Like [`load`], for a sidecar file named directly (e.g. one written with `save_as`).
pub fn load_file(path: &Path) -> Result<Option<Loaded>, SidecarError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path)(e)),
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = position_of(&bytes[..e.valid_up_to()]);
        SidecarError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8".to_string(),
        }
    })?;
    let sidecar = Sidecar::from_ron(text, path)?;
    Ok(Some(Loaded {
        sidecar,
        disk: DiskState::Present {
            sha256: sha256_hex(&bytes),
        },
    }))
}

/// 1-based line and column just after `valid` (which is valid UTF-8).
fn position_of(valid: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The sidecar's current bytes, if any.
pub(super) fn read_current(path: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path)(e)),
    }
}

pub(super) fn state_of(bytes: Option<&[u8]>) -> DiskState {
    match bytes {
        None => DiskState::Absent,
        Some(b) => DiskState::Present {
            sha256: sha256_hex(b),
        },
    }
}
