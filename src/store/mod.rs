//! The store: one SQLite file holding profiles, sessions, answers, notes and
//! cached scores. The only module that speaks SQL; the rest of recap calls
//! its typed methods.

mod backup;
mod connection;
pub mod dump;
pub mod error;
pub mod names;
mod notes;
mod profiles;
pub mod schema;
mod sessions;
mod types;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use dump::{
    CompletedSession, Dump, DumpAnswer, DumpFilter, DumpNote, DumpProfile, DumpSession,
    DumpSnapshot, ImportSummary,
};
pub use error::{StoreError, StoreResult};
pub use types::*;

use crate::instrument::Instrument;

/// An open recap database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Parsed questionnaire snapshots by hash (they never change).
    snapshots: RefCell<HashMap<String, std::rc::Rc<Instrument>>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`: private folder and
    /// file, probe, migrations with a backup first, durable settings.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let conn = connection::open(path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            snapshots: RefCell::new(HashMap::new()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
