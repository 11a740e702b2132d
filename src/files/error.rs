//! What can go wrong while writing a private file, worded for the person
//! who sees it.

use std::path::PathBuf;

/// What a write stopped by SIGINT, SIGTERM or SIGHUP says.
pub const STOPPED: &str = "stopped before the file was complete; nothing was left behind";

#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    /// The destination is the database or one of its logs (`-wal`, `-shm`, `-journal`).
    #[error(
        "{} is recap's database (or its write-ahead log); choose another file name",
        .0.display()
    )]
    IsDatabase(PathBuf),
    #[error("{} already exists; use --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{} is a folder; give a file name", .0.display())]
    IsFolder(PathBuf),
    #[error("the folder {} does not exist", .0.display())]
    NoFolder(PathBuf),
    #[error("{} is not a file name", .0.display())]
    NotAFileName(PathBuf),
    #[error(
        "{} is not a regular file, a pipe or a terminal; choose another file name",
        .0.display()
    )]
    NotAFile(PathBuf),
    #[error("cannot create {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A signal asked recap to stop while it was writing (see `interrupt`).
    #[error("{STOPPED}")]
    Stopped,
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl FilesError {
    /// True for a choice the person can correct (exit code 2); false when
    /// writing failed part-way (a full disk, say: exit code 1).
    pub fn is_input(&self) -> bool {
        !matches!(self, FilesError::Write { .. } | FilesError::Stopped)
    }

    /// True when the reader of a pipe went away.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, FilesError::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<FilesError> for crate::error::Error {
    fn from(e: FilesError) -> Self {
        if e.is_input() {
            crate::error::Error::Input(e.to_string())
        } else {
            crate::error::Error::Runtime(e.to_string())
        }
    }
}

pub type FilesResult<T> = Result<T, FilesError>;
