//! Opening a database file safely: private permissions, a read-only probe
//! that refuses foreign or newer files untouched, then durable settings and
//! migrations (with a backup copy taken first).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::{StoreError, StoreResult};
use super::schema::{APPLICATION_ID, LATEST, MIGRATIONS};

fn not_a_db(path: &Path, e: &rusqlite::Error) -> Option<StoreError> {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Some(StoreError::NotADatabase(path.to_path_buf())),
        _ => None,
    }
}

/// Creates the folder (0700) and an empty file (0600) when the database does not exist yet.
fn create_private(path: &Path) -> StoreResult<()> {
    if let Some(dir) = path.parent() {
        crate::paths::create_private_dir(dir)?;
    }
    if path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        }),
    }
}

pub fn open(path: &Path) -> StoreResult<Connection> {
    if path.is_dir() {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            message: "it is a folder, not a file".into(),
        });
    }
    create_private(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        not_a_db(path, &e).unwrap_or_else(|| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    })?;
    conn.busy_timeout(Duration::from_secs(5))?;

    // Probe with reads only: a junk, encrypted, foreign or newer file is refused unchanged.
    let probe = |sql: &str| -> StoreResult<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| not_a_db(path, &e).unwrap_or(StoreError::Sqlite(e)))
    };
    let version = probe("PRAGMA user_version")?;
    let app_id = probe("PRAGMA application_id")?;
    let tables = probe("SELECT count(*) FROM sqlite_master")?;
    let fresh = version == 0 && app_id == 0 && tables == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    if version > LATEST {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST,
        });
    }

    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            message: format!("write-ahead logging is not available (journal mode is {mode})"),
        });
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;

    if version < LATEST {
        if !fresh {
            super::backup::before_migration(&conn, path, version)?;
        }
        migrate(&conn, version)?;
    }
    Ok(conn)
}

/// Applies every migration after `from`, each in its own immediate transaction.
/// The version is read again under the write lock, so when two processes open
/// a new or old file at the same moment, each step runs exactly once.
pub fn migrate(conn: &Connection, from: i64) -> StoreResult<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let target = index as i64 + 1;
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= target {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {target};"
        ))?;
        tx.commit()?;
    }
    Ok(())
}
