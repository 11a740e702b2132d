//! Opening a database file safely: stale temporary files cleaned, the
//! header read before SQLite touches the file (foreign or newer files are
//! refused untouched, logs and all), loose permissions tightened, a
//! read-only probe, durable settings, then migrations under one write lock
//! with a backup copy taken first by the one process that upgrades, and the
//! score cache rebuilt when it is older than this build's scoring. An
//! encrypted file is keyed (`cipher`) before its first read; a wrong
//! passphrase is refused with the file unchanged.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::cipher::{self, Passphrase};
use super::error::{StoreError, StoreResult};
use super::schema::{APPLICATION_ID, LATEST, MIGRATIONS};
use crate::files::{self, FilesError, TempFile, Tightened};

/// How long to wait for the write lock: another process may be upgrading.
const UPGRADE_WAIT: Duration = Duration::from_secs(60);
/// How long an ordinary statement waits for another process's write.
pub(super) const BUSY_WAIT: Duration = Duration::from_secs(5);

fn not_a_db(path: &Path, e: &rusqlite::Error, keyed: bool) -> Option<StoreError> {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) if keyed => {
            Some(StoreError::WrongPassphrase(path.to_path_buf()))
        }
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
    let (temp, conn) = create_temp(path)?;
    conn.close().map_err(|(_, e)| e)?;
    persist(temp).map(|_| ())
}

/// A complete new database (folder 0700, file 0600) in a private temporary
/// file beside `path`, open. Nothing appears at `path` until `persist`;
/// dropped instead, the temporary file and its logs are removed.
pub fn create_temp(path: &Path) -> StoreResult<(TempFile, Connection)> {
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
    cipher::prepare(&conn, None)?;
    durable(&conn, temp.path())?;
    let tx = Transaction::new_unchecked(&conn, TransactionBehavior::Immediate)?;
    apply_migrations(&tx, 0)?;
    super::cache::refresh_in(&tx)?;
    tx.commit()?;
    Ok((temp, conn))
}

/// Puts a database made by `create_temp` (its connection closed) in place;
/// `false` when another process made one there first (this one is dropped).
pub fn persist(temp: TempFile) -> StoreResult<bool> {
    match temp.persist() {
        Ok(()) => Ok(true),
        Err(FilesError::Exists(_)) => Ok(false),
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

/// An open database file.
pub struct Opened {
    pub conn: Connection,
    /// The files whose permissions were tightened.
    pub tightened: Vec<Tightened>,
    /// Why the file may only be read (`None`: it may be changed).
    pub read_only: Option<String>,
    /// The key it was opened with (`None`: a plain file).
    pub key: Option<Passphrase>,
}

/// Opens the database at `path`, creating it first when `create` is set;
/// `None` when there is none and `create` is not set (nothing is made).
/// `key` opens an encrypted file; a plain file is opened without it.
pub fn open(path: &Path, create: bool, key: Option<&Passphrase>) -> StoreResult<Option<Opened>> {
    if path.is_dir() {
        return Err(StoreError::NotAFile(path.to_path_buf()));
    }
    if !path.exists() {
        if !create {
            return Ok(None);
        }
        if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
            files::clean_stale(dir, name);
        }
        create_database(path)?;
    } else if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
        files::clean_stale(dir, name);
    }
    // Before SQLite sees the file: it would replay a pending log into it.
    let keyed = super::header::check(path, key.is_some())?;
    let key = key.filter(|_| keyed);
    let tightened = tighten_all(path);
    let read_only = read_only_reason(path);
    if read_only.is_none() {
        writable_logs(path);
    }
    let conn = match read_only {
        None => {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| not_a_db(path, &e, keyed).unwrap_or_else(|| open_error(path, e)))?;
            cipher::prepare(&conn, key)?;
            conn
        }
        Some(_) => open_read_only(path, key)?,
    };
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
        .map_err(|e| not_a_db(path, &e, keyed).unwrap_or(StoreError::Sqlite(e)))?;
    // An empty file (made by hand, say) is taken as a new database.
    let fresh = version == 0 && app_id == 0 && tables == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    if version > LATEST {
        return Err(too_new(path, version));
    }
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;

    if let Some(why) = &read_only {
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        if version < LATEST {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                why: format!("{why}, and this recap needs to upgrade it first"),
            });
        }
    } else {
        durable(&conn, path)?;
        if version < LATEST {
            upgrade(&conn, path, key)?;
        }
    }
    // A file that may only be read keeps its cache as it is.
    if read_only.is_none() {
        super::cache::refresh(&conn)?;
    }
    Ok(Some(Opened {
        conn,
        tightened,
        read_only,
        key: key.cloned(),
    }))
}

/// Why the database may only be read: its file, or the folder that holds
/// its logs, has no write permission. Permission bits count even for an
/// account that could write anyway (root): a file made read-only on purpose
/// stays unchanged.
fn read_only_reason(path: &Path) -> Option<String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !may_write(path) {
        Some("the file may not be written".into())
    } else if !may_write(dir) {
        Some("the folder holding it may not be written".into())
    } else {
        None
    }
}

/// Logs left read-only by an earlier read of a read-only file (SQLite gives
/// them the file's permissions and cannot remove them then) would make
/// every write fail once the file may be written again: they are made
/// writable by their owner (0600).
fn writable_logs(path: &Path) {
    #[cfg(unix)]
    for suffix in ["-wal", "-shm"] {
        use std::os::unix::fs::PermissionsExt;
        let log = files::sidecar(path, suffix);
        if std::fs::symlink_metadata(&log).is_ok_and(|m| m.is_file() && m.permissions().readonly())
        {
            let _ = std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn may_write(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return true;
    };
    if meta.permissions().readonly() {
        return false;
    }
    #[cfg(unix)]
    {
        rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Opens a file that may not be written, for reading. When its folder may
/// not be written either, SQLite cannot make the shared-memory file it
/// reads a WAL database with; then, if no log holds unmerged changes, the
/// file is read as unchanging (`immutable`).
fn open_read_only(path: &Path, key: Option<&Passphrase>) -> StoreResult<Connection> {
    let keyed = key.is_some();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| not_a_db(path, &e, keyed).unwrap_or_else(|| open_error(path, e)))?;
    cipher::prepare(&conn, key)?;
    let readable = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    match readable {
        Ok(_) => Ok(conn),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
            ) =>
        {
            drop(conn);
            let wal = files::sidecar(path, "-wal");
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                return Err(open_error(
                    path,
                    "it is read-only and its log holds changes that cannot be read without write permission",
                ));
            }
            let conn = Connection::open_with_flags(
                format!("file:{}?immutable=1", uri_path(path)),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| open_error(path, e))?;
            cipher::prepare(&conn, key)?;
            Ok(conn)
        }
        Err(e) => Err(not_a_db(path, &e, keyed).unwrap_or_else(|| open_error(path, e))),
    }
}

/// A path as the path part of an SQLite `file:` URI (percent-encoded).
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::new();
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
fn upgrade(conn: &Connection, path: &Path, key: Option<&Passphrase>) -> StoreResult<()> {
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
        super::backup::before_migration(path, current, key)?;
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

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn logs_left_read_only_are_made_writable_by_their_owner() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        let shm = files::sidecar(&db, "-shm");
        std::fs::write(&shm, b"").unwrap();
        std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o400)).unwrap();
        writable_logs(&db);
        assert_eq!(mode(&shm), 0o600);
        assert!(!files::sidecar(&db, "-wal").exists());
    }

    #[test]
    fn a_file_without_write_permission_is_read_only_even_for_root() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        std::fs::write(&db, b"").unwrap();
        assert_eq!(read_only_reason(&db), None);
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert_eq!(
            read_only_reason(&db).as_deref(),
            Some("the file may not be written")
        );
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500)).unwrap();
        let reason = read_only_reason(&db);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(
            reason.as_deref(),
            Some("the folder holding it may not be written")
        );
    }

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(
            uri_path(Path::new("/a b/c?d#e%.db")),
            "/a%20b/c%3Fd%23e%25.db"
        );
    }

    #[test]
    fn every_connection_is_wal_with_full_sync_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.db");
        // A new file, then the same file opened again (the two paths that
        // make a connection).
        for _ in 0..2 {
            let store = crate::store::Store::open(&db).unwrap();
            let pragma = |name: &str| -> String {
                store
                    .conn
                    .query_row(&format!("PRAGMA {name}"), [], |r| {
                        r.get::<_, rusqlite::types::Value>(0)
                    })
                    .map(|v| match v {
                        rusqlite::types::Value::Integer(i) => i.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        other => format!("{other:?}"),
                    })
                    .unwrap()
            };
            // 2 is FULL: every commit waits for the disk.
            assert_eq!(pragma("synchronous"), "2");
            assert_eq!(pragma("journal_mode"), "wal");
            assert_eq!(pragma("foreign_keys"), "1");
        }
    }
}
