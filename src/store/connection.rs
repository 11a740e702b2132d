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

/// Creates an empty file readable only by its owner (0600 on Unix).
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

fn open_error(path: &Path, message: impl ToString) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// WAL (checked), synchronous=FULL and foreign keys, on every connection.
fn durable(conn: &Connection, path: &Path) -> StoreResult<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(open_error(
            path,
            format!("write-ahead logging is not available (journal mode is {mode})"),
        ));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Creates a new database: the folder (0700), then the complete database in
/// a private file beside `path`, linked into place only when it is ready.
/// Another process opening the same new path at the same moment never sees
/// an empty, half-made file (SQLite treats a zero-length file specially and
/// concurrent first opens of one could fail or remove each other's log).
/// When another process wins the race, its database is used.
fn create_database(path: &Path) -> StoreResult<()> {
    if let Some(dir) = path.parent() {
        crate::paths::create_private_dir(dir)?;
    }
    let Some(name) = path.file_name() else {
        return Err(open_error(path, "it is not a file name"));
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".new-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let sidecars = |p: &Path| {
        ["-wal", "-shm", "-journal"].map(|suffix| {
            let mut s = p.as_os_str().to_owned();
            s.push(suffix);
            std::path::PathBuf::from(s)
        })
    };
    let clean = || {
        for p in std::iter::once(tmp.clone()).chain(sidecars(&tmp)) {
            let _ = std::fs::remove_file(p);
        }
    };
    clean(); // left behind by a crashed process that had the same id
    let result = (|| -> StoreResult<()> {
        create_private_file(&tmp).map_err(|e| open_error(path, e))?;
        let conn = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        durable(&conn, &tmp)?;
        migrate(&conn, 0)?;
        conn.close().map_err(|(_, e)| e)?;
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without hard links: move it instead, unless
            // another process has been quicker.
            Err(_) if !path.exists() => {
                std::fs::rename(&tmp, path).map_err(|e| open_error(path, e))
            }
            Err(_) => Ok(()),
        }
    })();
    clean();
    result
}

pub fn open(path: &Path) -> StoreResult<Connection> {
    if path.is_dir() {
        return Err(open_error(path, "it is a folder, not a file"));
    }
    if !path.exists() {
        create_database(path)?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_a_db(path, &e).unwrap_or_else(|| open_error(path, e)))?;
    conn.busy_timeout(Duration::from_secs(5))?;

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
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST,
        });
    }

    durable(&conn, path)?;

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
