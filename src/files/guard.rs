//! Where an output may go: never onto recap's database or its logs (same
//! device and inode, or the same name for a log that does not exist yet),
//! never over another file without `--force`, straight into a pipe or a
//! terminal, and never into a folder.

use std::path::{Path, PathBuf};

use super::error::{FilesError, FilesResult};

/// The files SQLite keeps beside a database.
pub const SIDECARS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `PATH-wal` and the like.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The folder resolved (symlinks, `..`) joined with the file name.
fn full_name(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// Refuses `dest` when it is the database `db` or one of its logs, by
/// device and inode (following symlinks) and by name (so a log that does
/// not exist yet is covered too).
pub fn refuse_database(dest: &Path, db: &Path) -> FilesResult<()> {
    let mut bases = vec![db.to_path_buf()];
    if let Ok(real) = std::fs::canonicalize(db) {
        bases.push(real);
    }
    let protected: Vec<PathBuf> = bases
        .iter()
        .flat_map(|b| std::iter::once(b.clone()).chain(SIDECARS.map(|s| sidecar(b, s))))
        .collect();
    let refuse = || Err(FilesError::IsDatabase(dest.to_path_buf()));
    if let Ok(meta) = std::fs::metadata(dest) {
        for p in &protected {
            if std::fs::metadata(p).is_ok_and(|m| same_file(&meta, &m)) {
                return refuse();
            }
        }
    }
    let dest_name = full_name(dest);
    for p in &protected {
        if p == dest || (dest_name.is_some() && full_name(p) == dest_name) {
            return refuse();
        }
    }
    Ok(())
}

/// What writing to a destination means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// Nothing is there: a new private file appears.
    New,
    /// A file is there and `--force` was given: it is replaced whole.
    Replace,
    /// A pipe or a terminal-like device: the bytes go straight into it.
    Stream,
}

#[cfg(unix)]
fn is_stream(t: std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_fifo() || t.is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_: std::fs::FileType) -> bool {
    false
}

/// Decides what writing to `dest` means, refusing the database `db` and
/// its logs always, and any other existing file unless `force`.
pub fn destination(dest: &Path, db: &Path, force: bool) -> FilesResult<Destination> {
    if dest.file_name().is_none() {
        return Err(if dest.is_dir() {
            FilesError::IsFolder(dest.to_path_buf())
        } else {
            FilesError::NotAFileName(dest.to_path_buf())
        });
    }
    refuse_database(dest, db)?;
    let exists = match std::fs::metadata(dest) {
        Ok(meta) if meta.is_dir() => return Err(FilesError::IsFolder(dest.to_path_buf())),
        Ok(meta) if is_stream(meta.file_type()) => return Ok(Destination::Stream),
        Ok(meta) if !meta.is_file() => return Err(FilesError::NotAFile(dest.to_path_buf())),
        Ok(_) => true,
        // A symlink to nothing is still something to replace.
        Err(_) => std::fs::symlink_metadata(dest).is_ok(),
    };
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(FilesError::NoFolder(dir.to_path_buf()));
    }
    match (exists, force) {
        (false, _) => Ok(Destination::New),
        (true, true) => Ok(Destination::Replace),
        (true, false) => Err(FilesError::Exists(dest.to_path_buf())),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_logs_are_refused_by_name_and_by_inode() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("recap.db");
        std::fs::write(&db, "db").unwrap();
        for name in [
            "recap.db",
            "recap.db-wal",
            "recap.db-shm",
            "recap.db-journal",
        ] {
            let dest = dir.path().join(name);
            for force in [false, true] {
                assert!(
                    matches!(
                        destination(&dest, &db, force),
                        Err(FilesError::IsDatabase(_))
                    ),
                    "{name}"
                );
            }
        }
        // Another spelling of the same folder.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let dotted = sub.join("..").join("recap.db-wal");
        assert!(matches!(
            refuse_database(&dotted, &db),
            Err(FilesError::IsDatabase(_))
        ));
        #[cfg(unix)]
        {
            // A hard link and a symlink to the database.
            let hard = dir.path().join("hard");
            std::fs::hard_link(&db, &hard).unwrap();
            assert!(matches!(
                refuse_database(&hard, &db),
                Err(FilesError::IsDatabase(_))
            ));
            let soft = dir.path().join("soft");
            std::os::unix::fs::symlink(&db, &soft).unwrap();
            assert!(matches!(
                refuse_database(&soft, &db),
                Err(FilesError::IsDatabase(_))
            ));
        }
        assert_eq!(
            destination(&dir.path().join("other"), &db, false).unwrap(),
            Destination::New
        );
    }

    #[test]
    fn other_files_need_force_and_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("recap.db");
        let other = dir.path().join("other.csv");
        std::fs::write(&other, "x").unwrap();
        assert!(matches!(
            destination(&other, &db, false),
            Err(FilesError::Exists(_))
        ));
        assert_eq!(
            destination(&other, &db, true).unwrap(),
            Destination::Replace
        );
        assert!(matches!(
            destination(dir.path(), &db, true),
            Err(FilesError::IsFolder(_))
        ));
        assert!(matches!(
            destination(&dir.path().join("no/such/x"), &db, false),
            Err(FilesError::NoFolder(_))
        ));
        #[cfg(unix)]
        assert_eq!(
            destination(Path::new("/dev/null"), &db, false).unwrap(),
            Destination::Stream
        );
    }
}
