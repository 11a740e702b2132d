//! Exports (complete JSON, CSV for spreadsheets, FHIR R4) and the JSON import, written to private files.

pub mod csv;
pub mod fhir;
pub mod json;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// What can go wrong while exporting or importing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
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
            ExportError::BadFile(m) | ExportError::Input(m) => crate::error::Error::Input(m),
            other => crate::error::Error::Runtime(other.to_string()),
        }
    }
}

pub type ExportResult<T> = Result<T, ExportError>;

/// An output file readable only by its owner (0600 on Unix), written beside
/// its destination and moved into place by `commit` only when complete: an
/// existing file is replaced, but never by a partial export.
#[derive(Debug)]
pub struct PrivateOutput {
    dest: PathBuf,
    tmp: PathBuf,
    writer: Option<BufWriter<File>>,
    committed: bool,
}

impl PrivateOutput {
    pub fn create(dest: &Path) -> ExportResult<PrivateOutput> {
        if dest.is_dir() {
            return Err(ExportError::Input(format!(
                "{} is a folder; give a file name",
                dest.display()
            )));
        }
        let dir = dest
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(ExportError::Input(format!(
                "the folder {} does not exist",
                dir.display()
            )));
        }
        let name = dest
            .file_name()
            .ok_or_else(|| ExportError::Input(format!("{} is not a file name", dest.display())))?;
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".recap-{}.tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(&tmp)
            .map_err(|e| ExportError::Input(format!("cannot create {}: {e}", dest.display())))?;
        Ok(PrivateOutput {
            dest: dest.to_path_buf(),
            tmp,
            writer: Some(BufWriter::new(file)),
            committed: false,
        })
    }

    /// Where the bytes go until `commit`.
    pub fn writer(&mut self) -> ExportResult<&mut BufWriter<File>> {
        self.writer
            .as_mut()
            .ok_or_else(|| ExportError::Io(std::io::Error::other("the output is closed")))
    }

    /// Flushes to disk and moves the file into place.
    pub fn commit(mut self) -> ExportResult<()> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| ExportError::Io(std::io::Error::other("the output is closed")))?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.tmp, &self.dest)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PrivateOutput {
    fn drop(&mut self) {
        if !self.committed {
            drop(self.writer.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Flushes a writer, mapping the error.
pub(crate) fn flush(out: &mut impl Write) -> ExportResult<()> {
    out.flush().map_err(ExportError::Io)
}
