//! What can go wrong in the store, worded for the person who sees it, and
//! which failures are temporary (another writer, a full disk): those leave
//! the file unchanged and the same write can be tried again.

use std::path::PathBuf;

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not a recap database: {0}")]
    NotADatabase(PathBuf),
    /// No SQLite header and no passphrase given: foreign, or encrypted.
    #[error(
        "{0}: not a recap database, or an encrypted one: give its passphrase with --passphrase-file or on the terminal"
    )]
    Encrypted(PathBuf),
    /// A passphrase was given and the file still cannot be read.
    #[error(
        "{0}: this passphrase does not open it (or it is not a recap database). Nothing was changed"
    )]
    WrongPassphrase(PathBuf),
    #[error(
        "{path} was written by a newer recap (schema version {found}); this recap understands schema version {supported}. Update recap to open it. The file was not changed."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// `--db` names a folder.
    #[error("{0} is a folder, not a database file; give the path of a file")]
    NotAFile(PathBuf),
    /// The file or its folder may not be written: reading works, changes do not.
    #[error(
        "{path} is read-only ({why}); recap can show what it holds but cannot change it. Nothing was changed"
    )]
    ReadOnly { path: PathBuf, why: String },
    /// Bad input: a name that exists, an unknown profile, a value not allowed.
    #[error("{0}")]
    Input(String),
    #[error("cannot open the database {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("a stored questionnaire snapshot could not be read: {0}")]
    Snapshot(String),
    /// Writing a copy: a refused destination, or a failed write.
    #[error(transparent)]
    Files(#[from] crate::files::FilesError),
}

/// A failure that may pass by itself or once the person acts (frees disk
/// space). The write it interrupted was rolled back whole, so trying the
/// same write again is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temporary {
    /// Another process holds the write lock (SQLITE_BUSY, SQLITE_LOCKED),
    /// e.g. a long `recap import`.
    Busy,
    /// The disk or the quota is full (SQLITE_FULL, ENOSPC, EDQUOT).
    DiskFull,
    /// The file could not be written (SQLITE_IOERR: most often a full disk
    /// seen while syncing, or a drive that went away).
    WriteFailed,
}

impl Temporary {
    /// How a SQLite error classifies, if it is temporary.
    pub fn of_sqlite(e: &rusqlite::Error) -> Option<Temporary> {
        match e.sqlite_error_code()? {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Some(Temporary::Busy),
            ErrorCode::DiskFull => Some(Temporary::DiskFull),
            ErrorCode::SystemIoFailure => Some(Temporary::WriteFailed),
            _ => None,
        }
    }

    /// How an I/O error classifies, if it is temporary.
    pub fn of_io(e: &std::io::Error) -> Option<Temporary> {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(Temporary::DiskFull),
            _ => None,
        }
    }
}

impl StoreError {
    /// Whether this failure is temporary: nothing was written, and the same
    /// write may succeed when tried again.
    pub fn temporary(&self) -> Option<Temporary> {
        match self {
            StoreError::Sqlite(e) => Temporary::of_sqlite(e),
            StoreError::Io(e) => Temporary::of_io(e),
            _ => None,
        }
    }
}

impl From<StoreError> for crate::error::Error {
    fn from(e: StoreError) -> Self {
        if let Some(kind) = e.temporary() {
            return crate::error::Error::Temporary(kind);
        }
        match e {
            StoreError::NotADatabase(_)
            | StoreError::Encrypted(_)
            | StoreError::WrongPassphrase(_)
            | StoreError::NotAFile(_)
            | StoreError::TooNew { .. }
            | StoreError::Input(_) => crate::error::Error::Input(e.to_string()),
            StoreError::Files(e) => e.into(),
            _ => crate::error::Error::Runtime(e.to_string()),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None))
    }

    #[test]
    fn lock_full_and_io_failures_are_temporary() {
        assert_eq!(sqlite(ffi::SQLITE_BUSY).temporary(), Some(Temporary::Busy));
        assert_eq!(
            sqlite(ffi::SQLITE_BUSY_SNAPSHOT).temporary(),
            Some(Temporary::Busy)
        );
        assert_eq!(
            sqlite(ffi::SQLITE_LOCKED).temporary(),
            Some(Temporary::Busy)
        );
        assert_eq!(
            sqlite(ffi::SQLITE_FULL).temporary(),
            Some(Temporary::DiskFull)
        );
        for code in [
            ffi::SQLITE_IOERR,
            ffi::SQLITE_IOERR_WRITE,
            ffi::SQLITE_IOERR_FSYNC,
        ] {
            assert_eq!(sqlite(code).temporary(), Some(Temporary::WriteFailed));
        }
        let enospc = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(
            StoreError::Io(enospc).temporary(),
            Some(Temporary::DiskFull)
        );
        #[cfg(target_os = "linux")]
        {
            // ENOSPC (28) and EDQUOT (122) as the operating system reports them.
            for errno in [28, 122] {
                let e = std::io::Error::from_raw_os_error(errno);
                assert_eq!(StoreError::Io(e).temporary(), Some(Temporary::DiskFull));
            }
        }
    }

    #[test]
    fn other_failures_are_not_temporary() {
        for code in [
            ffi::SQLITE_CORRUPT,
            ffi::SQLITE_NOTADB,
            ffi::SQLITE_CONSTRAINT,
            ffi::SQLITE_READONLY,
            ffi::SQLITE_CANTOPEN,
        ] {
            assert_eq!(sqlite(code).temporary(), None, "code {code}");
        }
        assert_eq!(StoreError::Input("x".into()).temporary(), None);
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(StoreError::Io(denied).temporary(), None);
    }

    #[test]
    fn temporary_failures_become_the_temporary_error_with_exit_code_1() {
        let e: crate::error::Error = sqlite(ffi::SQLITE_BUSY).into();
        assert!(matches!(e, crate::error::Error::Temporary(Temporary::Busy)));
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().contains("another recap is writing"), "{e}");
    }

    /// A real SQLITE_FULL: the database may not grow past its current size.
    /// The failed write leaves nothing behind, and the same write succeeds
    /// once there is room again.
    #[test]
    fn a_full_database_is_a_temporary_disk_full_and_the_same_write_succeeds_later() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = super::super::Store::open(&dir.path().join("recap.db")).expect("open");
        let now = chrono::Utc::now();
        let profile = store.add_profile("Sam", now).expect("profile");
        let pages: i64 = store
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .expect("page count");
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .expect("limit");
        let body = "a long note ".repeat(8 * 1024);
        let err = store
            .add_note(profile.id, None, &body, now)
            .expect_err("the file may not grow");
        assert_eq!(err.temporary(), Some(Temporary::DiskFull), "{err}");
        assert!(store.notes(profile.id).expect("notes").is_empty());
        store
            .conn
            .pragma_update(None, "max_page_count", 1_000_000_000i64)
            .expect("lift the limit");
        store
            .add_note(profile.id, None, &body, now)
            .expect("room again");
        assert_eq!(store.notes(profile.id).expect("notes").len(), 1);
    }
}
