//! What can go wrong in the store, worded for the person who sees it.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not a recap database: {0}")]
    NotADatabase(PathBuf),
    #[error(
        "{path} was written by a newer recap (schema version {found}); this recap understands schema version {supported}. Update recap to open it. The file was not changed."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Bad input: a name that exists, an unknown profile, a value not allowed.
    #[error("{0}")]
    Input(String),
    #[error("cannot open the database {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("a stored questionnaire snapshot could not be read: {0}")]
    Snapshot(String),
    /// Writing a copy: a refused destination, or a failed write.
    #[error(transparent)]
    Files(#[from] crate::files::FilesError),
}

impl From<StoreError> for crate::error::Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotADatabase(_) | StoreError::TooNew { .. } | StoreError::Input(_) => {
                crate::error::Error::Input(e.to_string())
            }
            StoreError::Files(e) => e.into(),
            _ => crate::error::Error::Runtime(e.to_string()),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
