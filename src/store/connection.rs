//! Opening a database file safely: stale temporary files cleaned, the
//! header read before SQLite touches the file (foreign or newer files are
//! refused untouched, logs and all), loose permissions tightened, a
//! read-only probe, durable settings, then migrations under one write lock
//! with a backup copy taken first by the one process that upgrades, and the
//! score cache rebuilt when it is older than this build's scoring.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::error::{StoreError, StoreResult};
use super::schema::{APPLICATION_ID, LATEST, MIGRATIONS};
use crate::files::{self, FilesError, TempFile, Tightened};

/// How long to wait for the write lock: another process may be upgrading.
const UPGRADE_WAIT: Duration = Duration::from_secs(60);
/// How long an ordinary statement waits for another process's write.
pub(super) const BUSY_WAIT: Duration = Duration::from_secs(5);

fn not_a_db(path: &Path, e: &rusqlite::Error) -> Option<StoreError> {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Some(StoreError::NotADatabase(path.to_path_buf())),
        _ => None,
    }
}

fn open_error(path: &Path, message: impl ToString) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// WAL (checked), synchronous=FULL and foreign keys, on every connection.
fn durable(conn: &Connection, path: &Path) -> StoreResult<()> {
    let mode = wal_mode(conn)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(open_error(
            path,
            format!("write-ahead logging is not available (journal mode is {mode})"),
        ));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Switches to WAL. A file still in rollback mode (made by hand or by
/// another program) needs a moment alone for that; when several processes
/// open it at once SQLite may answer "busy" without waiting, so retry.
fn wal_mode(conn: &Connection) -> StoreResult<String> {
    let start = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return Ok(other?),
        }
    }
}

/// Creates a new database: the folder (0700), then the complete database in
/// a private temporary file beside `path`, linked into place only when it is
/// ready. Another process opening the same new path at the same moment
/// never sees an empty, half-made file (SQLite treats a zero-length file
/// specially and concurrent first opens of one could fail or remove each
/// other's log). When another process wins the race, its database is used.
fn create_database(path: &Path) -> StoreResult<()> {
    if let Some(dir) = path.parent() {
        crate::paths::create_private_dir(dir)?;
    }
    let temp = TempFile::create_tagged(path, files::NEW_TAG, false).map_err(|e| match e {
        FilesError::Create { source, .. } => open_error(path, source),
        other => other.into(),
    })?;
    let conn = Connection::open_with_flags(
        temp.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    durable(&conn, temp.path())?;
    let tx = Transaction::new_unchecked(&conn, TransactionBehavior::Immediate)?;
    apply_migrations(&tx, 0)?;
    super::cache::refresh_in(&tx)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| e)?;
    match temp.persist() {
        Ok(()) | Err(FilesError::Exists(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Makes the database and its existing logs private (0600), returning what
/// was changed so the command can say so.
fn tighten_all(path: &Path) -> Vec<Tightened> {
    std::iter::once(path.to_path_buf())
        .chain(files::SIDECARS.map(|s| files::sidecar(path, s)))
        .filter_map(|p| files::tighten(&p).ok().flatten())
        .collect()
}

/// Opens (creating if needed) the database at `path`; also returns the
/// files whose permissions were tightened.
pub fn open(path: &Path) -> StoreResult<(Connection, Vec<Tightened>)> {
    if path.is_dir() {
        return Err(open_error(path, "it is a folder, not a file"));
    }
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
        files::clean_stale(dir, name);
    }
    if !path.exists() {
        create_database(path)?;
    }
    // Before SQLite sees the file: it would replay a pending log into it.
    super::header::check(path)?;
    let tightened = tighten_all(path);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_a_db(path, &e).unwrap_or_else(|| open_error(path, e)))?;
    // Until the probe has accepted the file, closing must not write a
    // pending log into it.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.busy_timeout(BUSY_WAIT)?;

    // Probe with reads only: a junk, encrypted, foreign or newer file is
    // refused unchanged. One statement, so the three values come from one
    // consistent state even while another process is setting the file up.
    let (version, app_id, tables): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|e| not_a_db(path, &e).unwrap_or(StoreError::Sqlite(e)))?;
    // An empty file (made by hand, say) is taken as a new database.
    let fresh = version == 0 && app_id == 0 && tables == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    if version > LATEST {
        return Err(too_new(path, version));
    }
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;

    durable(&conn, path)?;

    if version < LATEST {
        upgrade(&conn, path)?;
    }
    super::cache::refresh(&conn)?;
    Ok((conn, tightened))
}

fn too_new(path: &Path, found: i64) -> StoreError {
    StoreError::TooNew {
        path: path.to_path_buf(),
        found,
        supported: LATEST,
    }
}

/// Upgrades an older file under one write lock held from the version check
/// to the last step: when several processes open it at once, one copies it
/// to `PATH.before-schema-N.bak` (the state before any change) and
/// migrates; the others wait, then find it up to date.
fn upgrade(conn: &Connection, path: &Path) -> StoreResult<()> {
    conn.busy_timeout(UPGRADE_WAIT)?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate);
    conn.busy_timeout(BUSY_WAIT)?;
    let tx = tx?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST {
        return Err(too_new(path, current));
    }
    if current == LATEST {
        return Ok(());
    }
    if current > 0 {
        // Read by a second connection: our lock keeps writers out, and
        // readers still see the file as it was.
        super::backup::before_migration(path, current)?;
    }
    apply_migrations(&tx, current)?;
    // The cache is rebuilt with the upgrade, so no reader ever sees it
    // half made or computed by an older scoring function.
    super::cache::refresh_in(&tx)?;
    tx.commit()?;
    Ok(())
}

/// Applies every migration after `from` inside the caller's transaction.
fn apply_migrations(tx: &Transaction<'_>, from: i64) -> StoreResult<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let target = index as i64 + 1;
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {target};"
        ))?;
    }
    Ok(())
}
