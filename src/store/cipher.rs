//! Encryption at rest (SQLCipher): the passphrase (wiped from memory when
//! dropped), keying each connection before its first read, telling a plain
//! SQLite file from one that cannot be read without a key, and checking a
//! passphrase against a file without changing it.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::error::{StoreError, StoreResult};

/// The first 16 bytes of every plain SQLite file; an encrypted file starts
/// with random bytes instead (its salt).
pub(super) const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a wrong passphrase waits before recap says so (guessing is slow).
pub const WRONG_DELAY: std::time::Duration = std::time::Duration::from_secs(1);

/// The shortest passphrase accepted when one is set.
pub const MIN_LENGTH: usize = 8;

/// A passphrase, kept in memory that is wiped when it is dropped. It is
/// never printed (`Debug` shows no text).
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Passphrase {
    /// A passphrase to open a file with: anything but an empty one.
    pub fn new(text: Zeroizing<String>) -> StoreResult<Passphrase> {
        if text.is_empty() {
            return Err(StoreError::Input("the passphrase is empty".into()));
        }
        if text.contains('\0') {
            return Err(StoreError::Input(
                "the passphrase holds a NUL character, which SQLCipher cannot take".into(),
            ));
        }
        Ok(Passphrase(text))
    }

    /// A new passphrase to set: at least `MIN_LENGTH` characters.
    pub fn new_to_set(text: Zeroizing<String>) -> StoreResult<Passphrase> {
        if text.chars().count() < MIN_LENGTH {
            return Err(StoreError::Input(format!(
                "a new passphrase needs at least {MIN_LENGTH} characters; a few words are easier to remember and harder to guess"
            )));
        }
        Passphrase::new(text)
    }

    /// Whether two passphrases are the same (asking twice).
    pub fn same_as(&self, other: &Passphrase) -> bool {
        *self.0 == *other.0
    }

    /// The passphrase as text, for SQL parameters only.
    pub(super) fn text(&self) -> &str {
        &self.0
    }

    #[cfg(test)]
    pub(crate) fn text_for_tests(&self) -> &str {
        &self.0
    }

    /// `PRAGMA key = '...'` with the quotes doubled, built in wiped memory.
    fn key_statement(&self) -> Zeroizing<String> {
        let mut sql = Zeroizing::new(String::with_capacity(self.0.len() * 2 + 20));
        sql.push_str("PRAGMA key = '");
        for c in self.0.chars() {
            if c == '\'' {
                sql.push('\'');
            }
            sql.push(c);
        }
        sql.push_str("';");
        sql
    }
}

/// Readies a new connection: SQLCipher's own log off (a wrong key must not
/// print to the terminal), then the key, if any, before the first read.
pub(super) fn prepare(conn: &Connection, key: Option<&Passphrase>) -> StoreResult<()> {
    let _: String = conn.query_row("PRAGMA cipher_log_level = NONE", [], |r| r.get(0))?;
    if let Some(key) = key {
        conn.execute_batch(&key.key_statement())?;
    }
    Ok(())
}

/// Whether the file at `path` starts like a plain SQLite file; `false`
/// for a file with 100 bytes or more that does not (an encrypted file, or
/// one that is not a database at all). A missing, empty or short file
/// counts as plain: the header check decides about it.
pub fn is_encrypted(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 100];
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    filled == head.len() && !head.starts_with(MAGIC)
}

/// Whether `key` opens the encrypted file at `path`: one read on a
/// read-only connection of its own, nothing written. Used to unlock the
/// full-screen app again.
pub fn opens(path: &Path, key: &Passphrase) -> StoreResult<bool> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    prepare(&conn, Some(key))?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(true),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pass(s: &str) -> Passphrase {
        Passphrase::new(Zeroizing::new(s.to_string())).unwrap()
    }

    #[test]
    fn quotes_in_a_passphrase_are_doubled_in_the_key_statement() {
        assert_eq!(
            pass("it's 'x'").key_statement().as_str(),
            "PRAGMA key = 'it''s ''x''';"
        );
    }

    #[test]
    fn empty_and_short_passphrases_are_refused_and_debug_shows_no_text() {
        assert!(Passphrase::new(Zeroizing::new(String::new())).is_err());
        assert!(Passphrase::new_to_set(Zeroizing::new("short".into())).is_err());
        assert!(Passphrase::new_to_set(Zeroizing::new("long enough words".into())).is_ok());
        assert_eq!(format!("{:?}", pass("secret words")), "Passphrase(..)");
    }

    #[test]
    fn a_keyed_file_opens_only_with_its_passphrase_and_looks_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let conn = Connection::open(&path).unwrap();
        prepare(&conn, Some(&pass("it's a secret"))).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('words');")
            .unwrap();
        drop(conn);
        assert!(is_encrypted(&path));
        let before = std::fs::read(&path).unwrap();
        assert!(opens(&path, &pass("it's a secret")).unwrap());
        assert!(!opens(&path, &pass("not it")).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!is_encrypted(&dir.path().join("missing.db")));
    }
}
