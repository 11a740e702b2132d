//! Copies of the database with SQLite's online backup API: on request
//! (`recap backup`) and automatically before a migration.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::Store;
use super::error::{StoreError, StoreResult};

fn copy(conn: &Connection, dest: &Path) -> StoreResult<()> {
    let mut out = Connection::open(dest)?;
    {
        let backup = Backup::new(conn, &mut out)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    drop(out);
    restrict(dest)?;
    Ok(())
}

fn restrict(path: &Path) -> StoreResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    let _ = path;
    Ok(())
}

/// Takes `PATH.before-schema-N.bak` before migrating from schema N.
pub fn before_migration(conn: &Connection, path: &Path, version: i64) -> StoreResult<PathBuf> {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".before-schema-{version}.bak"));
    let dest = path.with_file_name(name);
    if dest.exists() {
        std::fs::remove_file(&dest)?;
    }
    copy(conn, &dest)?;
    Ok(dest)
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (works while other
    /// processes have it open). Refuses to replace a file unless `force`.
    pub fn backup_to(&self, dest: &Path, force: bool) -> StoreResult<()> {
        if dest.exists() {
            if !force {
                return Err(StoreError::Input(format!(
                    "{} already exists; use --force to replace it",
                    dest.display()
                )));
            }
            std::fs::remove_file(dest)?;
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(StoreError::Input(format!(
                "the folder {} does not exist",
                dir.display()
            )));
        }
        copy(&self.conn, dest)
    }
}
