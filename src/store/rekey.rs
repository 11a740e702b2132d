//! Encrypting, decrypting and changing the passphrase of a database: the
//! whole file is written anew with `sqlcipher_export` into a private
//! temporary file beside it (under the write lock, so no change is lost),
//! checked (integrity, schema, every table's rows), then moved into place
//! in one rename. On any failure the original file is left as it was.

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::Store;
use super::cipher::{self, Passphrase};
use super::connection::BUSY_WAIT;
use super::error::{StoreError, StoreResult};
use super::schema::APPLICATION_ID;
use crate::files::{self, TempFile};

/// The name the new file is attached under while it is written.
const ALIAS: &str = "recap_rewritten";

impl Store {
    /// Rewrites the database encrypted with `to` (`None`: plain), closing
    /// this store. The file keeps its permissions (0600) and schema; WAL is
    /// taken up again on the next open. Refused, with nothing changed, when
    /// the file may only be read or another process keeps it open.
    pub fn rewrite(self, to: Option<&Passphrase>) -> StoreResult<()> {
        self.require_writable()?;
        let path = self.path.clone();
        // A second connection holds the write lock from before the copy to
        // after the swap: nobody writes to the old file meanwhile.
        let lock = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        cipher::prepare(&lock, self.key.as_ref())?;
        lock.busy_timeout(BUSY_WAIT)?;
        let held = rusqlite::Transaction::new_unchecked(&lock, TransactionBehavior::Immediate)?;

        let temp = TempFile::create(&path, true)?;
        let target = temp.path().to_str().ok_or_else(|| {
            StoreError::Input(format!(
                "{} is not a path SQLCipher can write to (not UTF-8 text); move the database to a simpler path first",
                path.display()
            ))
        })?;
        let version = self.schema_version()?;
        let empty = zeroize::Zeroizing::new(String::new());
        let new_key = to.map_or(empty.as_str(), Passphrase::text);
        self.conn.execute(
            &format!("ATTACH DATABASE ?1 AS {ALIAS} KEY ?2"),
            rusqlite::params![target, new_key],
        )?;
        let exported = (|| -> StoreResult<()> {
            let _: rusqlite::types::Value =
                self.conn
                    .query_row(&format!("SELECT sqlcipher_export('{ALIAS}')"), [], |r| {
                        r.get(0)
                    })?;
            self.conn.execute_batch(&format!(
                "PRAGMA {ALIAS}.user_version = {version}; PRAGMA {ALIAS}.application_id = {APPLICATION_ID};"
            ))?;
            Ok(())
        })();
        let detached = self.conn.execute_batch(&format!("DETACH DATABASE {ALIAS}"));
        exported?;
        detached?;
        verify(&self.conn, temp.path(), to, version)?;

        let Store { conn, .. } = self;
        conn.close().map_err(|(_, e)| e)?;
        drop(held);
        lock.close().map_err(|(_, e)| e)?;
        // The last connection to close merges and removes the log; one left
        // means another process has the file open, and its log must never
        // sit beside the new file.
        if files::sidecar(&path, "-wal").exists() {
            return Err(StoreError::Input(format!(
                "{} is open in another recap (or another program); close it there and try again. Nothing was changed",
                path.display()
            )));
        }
        let _ = std::fs::remove_file(files::sidecar(&path, "-shm"));
        temp.persist()?;
        Ok(())
    }
}

/// The new file opens with its key, passes `PRAGMA integrity_check`, has
/// the schema and application id, and every table holds as many rows as
/// the original.
fn verify(
    original: &Connection,
    copy: &std::path::Path,
    key: Option<&Passphrase>,
    version: i64,
) -> StoreResult<()> {
    let conn = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::prepare(&conn, key)?;
    let problem = |what: String| StoreError::Open {
        path: copy.to_path_buf(),
        message: format!(
            "the rewritten copy did not check out ({what}); the database was not changed"
        ),
    };
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(problem(format!("integrity check: {integrity}")));
    }
    let (v, app): (i64, i64) = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if v != version || app != APPLICATION_ID {
        return Err(problem(format!("schema {v}, application id {app}")));
    }
    let tables: Vec<String> = {
        let mut stmt = original.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for table in tables {
        let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
        let before: i64 = original.query_row(&sql, [], |r| r.get(0))?;
        let after: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        if before != after {
            return Err(problem(format!(
                "table {table}: {before} rows before, {after} after"
            )));
        }
    }
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}
