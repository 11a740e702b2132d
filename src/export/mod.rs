//! Exports (complete JSON, CSV for spreadsheets, FHIR R4) and the JSON import,
//! written to private files (`files::PrivateOutput`).

pub mod csv;
pub mod fhir;
pub mod json;

use std::io::Write;

use crate::store::StoreError;

/// What can go wrong while exporting or importing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A refused destination, or a failed write (see `files`).
    #[error(transparent)]
    Files(#[from] crate::files::FilesError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A file that is not a valid export; the message says where (file:line:column).
    #[error("{0}")]
    BadFile(String),
    /// Bad input from the person (arguments, paths).
    #[error("{0}")]
    Input(String),
}

impl ExportError {
    /// True when the reader of standard output went away (`recap export | head`).
    pub fn is_broken_pipe(&self) -> bool {
        let kind = match self {
            ExportError::Io(e) => Some(e.kind()),
            ExportError::Files(e) => e.is_broken_pipe().then_some(std::io::ErrorKind::BrokenPipe),
            ExportError::Json(e) => e.io_error_kind(),
            ExportError::Csv(e) => match e.kind() {
                ::csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            },
            _ => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

impl From<ExportError> for crate::error::Error {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Store(e) => e.into(),
            ExportError::Files(e) => e.into(),
            ExportError::BadFile(m) | ExportError::Input(m) => crate::error::Error::Input(m),
            other => crate::error::Error::Runtime(other.to_string()),
        }
    }
}

pub type ExportResult<T> = Result<T, ExportError>;

/// Flushes a writer, mapping the error.
pub(crate) fn flush(out: &mut impl Write) -> ExportResult<()> {
    out.flush().map_err(ExportError::Io)
}
