//! The store: one SQLite file holding profiles, sessions, answers, notes,
//! the trash, amendments, questionnaires switched off per profile,
//! recovery-network reviews, the recovery plan (goals, steps, history), notes kept apart (private or shared, with their
//! trail) and cached scores (a derived cache, rebuilt when the scoring
//! changes). The only module that speaks SQL; the rest of recap calls
//! its typed methods.

mod amend;
mod backup;
mod cache;
pub mod cipher;
mod connection;
pub mod dump;
pub mod error;
mod goals;
mod header;
mod ids;
pub mod import;
pub mod names;
mod network;
mod notes;
mod period;
mod profiles;
mod rekey;
pub mod schema;
mod sessions;
mod skips;
mod trash;
mod types;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use cipher::Passphrase;
pub use dump::{
    CompletedSession, Dump, DumpAmendment, DumpAnswer, DumpFilter, DumpNote, DumpNoteRevision,
    DumpProfile, DumpSession, DumpSnapshot, ImportOptions, ImportSummary,
};
pub use error::{StoreError, StoreResult};
pub use goals::{
    DumpGoal, DumpGoalEvent, DumpGoalStep, NewGoal, StepReview, check_due, check_new as goals_check,
};
pub use ids::MIN_PREFIX;
pub use network::DumpNetworkReview;
pub use period::PeriodPoint;
pub use types::*;

use crate::instrument::Instrument;

/// An open recap database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Parsed questionnaire snapshots by hash (they never change).
    snapshots: RefCell<HashMap<String, std::rc::Rc<Instrument>>>,
    /// Files whose loose permissions were tightened when opening.
    tightened: Vec<crate::files::Tightened>,
    /// Why the file may only be read (`None`: it may be changed).
    read_only: Option<String>,
    /// The key of an encrypted file (`None`: a plain one), for the second
    /// connections of backups and copies.
    key: Option<Passphrase>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`: private folder and
    /// file, header check before SQLite reads it, permissions tightened,
    /// probe, durable settings, migrations with a backup first.
    pub fn open(path: &Path) -> StoreResult<Store> {
        Self::open_keyed(path, None)
    }

    /// `open`, with the passphrase of an encrypted file (a plain file is
    /// opened without it).
    pub fn open_keyed(path: &Path, key: Option<&Passphrase>) -> StoreResult<Store> {
        Self::open_with(path, true, key)?.ok_or_else(|| StoreError::Open {
            path: path.to_path_buf(),
            message: "it disappeared while it was being opened".into(),
        })
    }

    /// Opens the database at `path` if there is one; creates nothing.
    /// Reading commands use this: no data yet is `None`, not a new file.
    pub fn open_existing(path: &Path) -> StoreResult<Option<Store>> {
        Self::open_with(path, false, None)
    }

    /// `open_existing`, with the passphrase of an encrypted file.
    pub fn open_existing_keyed(
        path: &Path,
        key: Option<&Passphrase>,
    ) -> StoreResult<Option<Store>> {
        Self::open_with(path, false, key)
    }

    fn open_with(
        path: &Path,
        create: bool,
        key: Option<&Passphrase>,
    ) -> StoreResult<Option<Store>> {
        Ok(connection::open(path, create, key)?.map(|opened| Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            snapshots: RefCell::new(HashMap::new()),
            tightened: opened.tightened,
            read_only: opened.read_only,
            key: opened.key,
        }))
    }

    /// Whether the open file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `key` opens this store's file (the full-screen app unlocking
    /// again); a read of its own, nothing written.
    pub fn opens_with(&self, key: &Passphrase) -> StoreResult<bool> {
        cipher::opens(&self.path, key)
    }

    /// Creates a new database at `path` holding what `fill` writes, or
    /// nothing at all: it is built in a private temporary file and put in
    /// place only when `fill` succeeds. `Ok(None)` when a database exists
    /// at `path` (another process may have just made it): nothing was
    /// written here; open that one instead.
    pub fn create_with<T>(
        path: &Path,
        fill: impl FnOnce(&Store) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        if path.is_dir() {
            return Err(StoreError::NotAFile(path.to_path_buf()));
        }
        if path.exists() {
            return Ok(None);
        }
        let (temp, conn) = connection::create_temp(path)?;
        let store = Store {
            conn,
            path: temp.path().to_path_buf(),
            snapshots: RefCell::new(HashMap::new()),
            tightened: Vec::new(),
            read_only: None,
            key: None,
        };
        // Nobody sees the file before it is put in place, and a fill that
        // fails leaves it to be removed: while it is filled, no log is
        // needed (every page is written once, not to the log and then again
        // to the file). It is back in WAL mode, and synced, before it
        // appears.
        store
            .conn
            .query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))?;
        let value = fill(&store)?;
        store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        store.conn.close().map_err(|(_, e)| e)?;
        Ok(connection::persist(temp)?.then_some(value))
    }

    /// Whether the file may only be read (no write permission on it or its
    /// folder): every change is refused with `StoreError::ReadOnly`, and
    /// the full-screen app shows a banner.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Refuses with `StoreError::ReadOnly` when the file may only be read;
    /// commands call it before asking anything.
    pub fn require_writable(&self) -> StoreResult<()> {
        match &self.read_only {
            Some(why) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: why.clone(),
            }),
            None => Ok(()),
        }
    }

    /// The database file and logs that others could read and that were made
    /// private (0600) when this store was opened; the command says so.
    pub fn tightened(&self) -> &[crate::files::Tightened] {
        &self.tightened
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a write waits for another process's write lock before it
    /// fails as `Temporary::Busy` (5 s from `open`; the full-screen app uses
    /// less so the screen never looks frozen).
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> StoreResult<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// Before reading much of the file (exports): a larger page cache, which
    /// also lets SQLite sort more in memory before it spills to temporary
    /// files. (Not memory-mapped I/O: every page of the file read would
    /// count in the process's memory.)
    pub fn prepare_for_reading(&self) -> StoreResult<()> {
        self.conn.execute_batch("PRAGMA cache_size = -16384")?;
        Ok(())
    }

    /// Runs `f` inside one read transaction: every read sees the same
    /// state of the file, and the lock is taken once rather than per query
    /// (a report reads each of thousands of check-ins). Nothing is written.
    pub fn reading<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let began = self.conn.is_autocommit();
        if began {
            self.conn.execute_batch("BEGIN").map_err(StoreError::from)?;
        }
        let result = f();
        if began {
            // A read transaction: ending it cannot lose anything.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        result
    }

    /// Tests: let the file grow by no more than `extra_pages` pages (None:
    /// no limit), so a write that needs more fails with a real SQLITE_FULL.
    #[cfg(test)]
    pub(crate) fn limit_growth(&self, extra_pages: Option<i64>) -> StoreResult<()> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let max = extra_pages.map_or(i64::from(u32::MAX) - 1, |extra| pages + extra);
        self.conn.pragma_update(None, "max_page_count", max)?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`, "ok" when the file is sound.
    pub fn integrity_check(&self) -> StoreResult<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Runs `f` in an immediate (write-locking) transaction and commits.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> StoreResult<T>) -> StoreResult<T> {
        self.require_writable()?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Timestamps are stored as RFC 3339 UTC text with milliseconds, so they sort.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_timestamp(s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Snapshot(format!("bad timestamp {s:?}: {e}")))
}
