//! Why a sidecar could not be read or written: every error names its file.

use std::io;
use std::path::{Path, PathBuf};

/// Why a sidecar could not be read or written. Every variant names the file, and displays as
/// one line starting with its path.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// Bad RON, a wrong type or a missing field; `line` and `column` are 1-based.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// An empty file: most likely an interrupted write, never "no annotations".
    #[error("{}: the file is empty (cut off while being written?); it was left as it is", path.display())]
    Truncated { path: PathBuf },
    #[error(
        "{}: written by a newer partly (schema {found}; this version reads up to {supported}); it was left as it is",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error(
        "{}: the file changed on disk since it was loaded; not overwritten (reload it, or save under another name)",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{}: the file already exists; not overwritten", path.display())]
    Exists { path: PathBuf },
}

impl SidecarError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SidecarError::Io { path, .. }
            | SidecarError::Parse { path, .. }
            | SidecarError::Truncated { path }
            | SidecarError::NewerSchema { path, .. }
            | SidecarError::Invalid { path, .. }
            | SidecarError::ChangedOnDisk { path }
            | SidecarError::Exists { path } => path,
        }
    }
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SidecarError + '_ {
    move |source| SidecarError::Io {
        path: path.to_path_buf(),
        source,
    }
}
