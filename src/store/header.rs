//! The first 100 bytes of a database file, read before SQLite opens it: a
//! file that is not SQLite, belongs to another program, or was written by a
//! newer recap is refused without SQLite ever replaying its `-wal` or
//! `-journal` into it. A file with no SQLite header may be encrypted: it is
//! opened only with a passphrase, and refused untouched without one.

use std::io::Read;
use std::path::Path;

use super::error::{StoreError, StoreResult};
use super::schema::{APPLICATION_ID, LATEST};

use super::cipher::MAGIC;

fn be32(h: &[u8; 100], at: usize) -> u32 {
    u32::from_be_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]])
}

/// Checks the header of the existing file at `path`. An empty file, or an
/// SQLite file with nothing committed yet (no application id, schema
/// version or schema cookie), passes as new; the SQL probe after opening
/// still checks what a pending log holds. Returns whether the file is to be
/// opened with the key: it has no SQLite header and `keyed` is set.
pub fn check(path: &Path, keyed: bool) -> StoreResult<bool> {
    let mut file = std::fs::File::open(path)?;
    let mut header = [0u8; 100];
    let mut filled = 0;
    while filled < header.len() {
        match file.read(&mut header[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    if filled == 0 {
        return Ok(false);
    }
    if filled == header.len() && !header.starts_with(MAGIC) {
        return match keyed {
            true => Ok(true),
            false => Err(StoreError::Encrypted(path.to_path_buf())),
        };
    }
    if filled < header.len() || !header.starts_with(MAGIC) {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    let schema_cookie = be32(&header, 40);
    let user_version = be32(&header, 60) as i32;
    let application_id = be32(&header, 68) as i32;
    if i64::from(application_id) == APPLICATION_ID {
        if i64::from(user_version) > LATEST {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: user_version.into(),
                supported: LATEST,
            });
        }
        if user_version < 0 {
            return Err(StoreError::NotADatabase(path.to_path_buf()));
        }
        return Ok(false);
    }
    if application_id == 0 && user_version == 0 && schema_cookie == 0 {
        return Ok(false);
    }
    Err(StoreError::NotADatabase(path.to_path_buf()))
}
