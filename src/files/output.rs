//! `PrivateOutput`: where exports and reports write. A private temporary
//! file moved into place only when complete, or the pipe or terminal named.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::create::TempFile;
use super::error::{FilesError, FilesResult};
use super::guard::{Destination, destination};
use super::interrupt::Stoppable;

/// An output file readable only by its owner (0600 on Unix), written beside
/// its destination and moved into place by `commit` only when complete; or,
/// for a pipe or a device such as `/dev/stdout`, that stream itself.
#[derive(Debug)]
pub struct PrivateOutput {
    dest: PathBuf,
    writer: BufWriter<Stoppable<File>>,
    temp: Option<TempFile>,
}

/// Opens a pipe or device (a `Destination::Stream`) for writing into it.
pub fn open_stream(dest: &Path) -> FilesResult<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(dest)
        .map_err(|source| FilesError::Create {
            path: dest.to_path_buf(),
            source,
        })
}

impl PrivateOutput {
    /// Opens the output for `dest`. `db` is the database of this run: it and
    /// its logs are always refused; any other existing file needs `force`.
    pub fn create(dest: &Path, db: &Path, force: bool) -> FilesResult<PrivateOutput> {
        let kind = destination(dest, db, force)?;
        if kind == Destination::Stream {
            let file = open_stream(dest)?;
            return Ok(PrivateOutput {
                dest: dest.to_path_buf(),
                writer: BufWriter::new(Stoppable::new(file)),
                temp: None,
            });
        }
        let mut temp = TempFile::create(dest, kind == Destination::Replace)?;
        let file = temp.take_file().ok_or_else(|| FilesError::Create {
            path: dest.to_path_buf(),
            source: std::io::Error::other("the file is closed"),
        })?;
        Ok(PrivateOutput {
            dest: dest.to_path_buf(),
            writer: BufWriter::new(Stoppable::new(file)),
            temp: Some(temp),
        })
    }

    /// True when writing straight into a pipe or device (nothing to say
    /// afterwards: the reader has the bytes, and standard output may be it).
    pub fn is_stream(&self) -> bool {
        self.temp.is_none()
    }

    /// Where the bytes go until `commit`. Writing fails once a signal asked
    /// recap to stop (`interrupt::watch`).
    pub fn writer(&mut self) -> &mut BufWriter<Stoppable<File>> {
        &mut self.writer
    }

    /// Flushes, syncs and moves the file into place (a stream is flushed).
    pub fn commit(self) -> FilesResult<()> {
        let PrivateOutput { dest, writer, temp } = self;
        let file = writer.into_inner().map_err(|e| FilesError::Write {
            path: dest.clone(),
            source: e.into_error(),
        })?;
        let mut file = file.into_inner();
        file.flush().map_err(|source| FilesError::Write {
            path: dest.clone(),
            source,
        })?;
        match temp {
            Some(temp) => {
                file.sync_all().map_err(|source| FilesError::Write {
                    path: dest.clone(),
                    source,
                })?;
                drop(file);
                temp.persist()
            }
            None => Ok(()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_output_leaves_nothing_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("recap.db");
        let dest = dir.path().join("out.csv");
        std::fs::write(&dest, "old").unwrap();
        let mut out = PrivateOutput::create(&dest, &db, true).unwrap();
        out.writer().write_all(b"half").unwrap();
        drop(out);
        assert_eq!(std::fs::read(&dest).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut out = PrivateOutput::create(&dest, &db, true).unwrap();
        out.writer().write_all(b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"new");
    }
}
