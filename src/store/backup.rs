//! Copies of the database with SQLite's online backup API, always into a
//! private temporary file moved into place when complete: on request
//! (`recap backup`) and automatically before a migration. A copy of an
//! encrypted database is encrypted with the same key.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::Store;
use super::cipher::{self, Passphrase};
use super::error::{StoreError, StoreResult};
use crate::files::{self, Destination, FilesError, TempFile};

/// Pages copied per step (4 MB with 4 KB pages).
const STEP_PAGES: i32 = 1024;
/// How long a copy waits in total for a lock it cannot get.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Copies what `src` reads into `dest`, an empty private file made by
/// `TempFile`. One read transaction is held on `src` for the whole copy, so
/// the copy is one consistent snapshot that never restarts, while writers
/// elsewhere carry on (WAL).
fn copy_into(src: &Connection, dest: &Path, key: Option<&Passphrase>) -> StoreResult<()> {
    let mut out = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::prepare(&out, key)?;
    // No journal file beside the copy; a failed copy is removed whole.
    let _: String = out.query_row("PRAGMA journal_mode = MEMORY", [], |r| r.get(0))?;
    let began = src.is_autocommit();
    if began {
        src.execute_batch("BEGIN DEFERRED")?;
    }
    let result = (|| -> StoreResult<()> {
        // The snapshot starts with the first read.
        let _: i64 = src.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let backup = Backup::new(src, &mut out)?;
        let start = Instant::now();
        loop {
            // A signal stops the copy between steps (`files::interrupt`).
            files::interrupt::check()?;
            match backup.step(STEP_PAGES)? {
                StepResult::Done => return Ok(()),
                StepResult::More => {}
                _ if start.elapsed() < LOCK_WAIT => std::thread::sleep(Duration::from_millis(20)),
                _ => {
                    return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed locked; try again in a moment".into()),
                    )));
                }
            }
        }
    })();
    if began {
        let _ = src.execute_batch("ROLLBACK");
    }
    out.close().map_err(|(_, e)| e)?;
    result
}

/// Takes `PATH.before-schema-N.bak` before migrating from schema N. The
/// caller holds the write lock; a second connection reads the file as it
/// was.
pub fn before_migration(
    path: &Path,
    version: i64,
    key: Option<&Passphrase>,
) -> StoreResult<PathBuf> {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".before-schema-{version}.bak"));
    let dest = path.with_file_name(name);
    let temp = TempFile::create(&dest, true)?;
    let src = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::prepare(&src, key)?;
    copy_into(&src, temp.path(), key)?;
    src.close().map_err(|(_, e)| e)?;
    temp.persist()?;
    Ok(dest)
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (works while other
    /// processes have it open and keep writing). Never onto the database or
    /// its logs; another existing file only with `force`; a pipe or device
    /// receives the bytes of a private copy made beside the database.
    /// Returns what the destination was.
    pub fn backup_to(&self, dest: &Path, force: bool) -> StoreResult<Destination> {
        let kind = files::destination(dest, &self.path, force)?;
        match kind {
            Destination::Stream => {
                let temp = TempFile::create(&self.path, true)?;
                copy_into(&self.conn, temp.path(), self.key.as_ref())?;
                let write_error = |source| FilesError::Write {
                    path: dest.to_path_buf(),
                    source,
                };
                let mut copy = std::fs::File::open(temp.path())?;
                let mut out = files::interrupt::Stoppable::new(files::open_stream(dest)?);
                std::io::copy(&mut copy, &mut out).map_err(write_error)?;
                out.flush().map_err(write_error)?;
            }
            Destination::New | Destination::Replace => {
                let temp = TempFile::create(dest, kind == Destination::Replace)?;
                copy_into(&self.conn, temp.path(), self.key.as_ref())?;
                temp.persist()?;
            }
        }
        Ok(kind)
    }
}
