//! Creating private files: `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600, under an
//! unpredictable temporary name beside the destination, synced and moved
//! into place only when complete. A failed or interrupted write leaves no
//! copy behind under the real name.

use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::error::{FilesError, FilesResult};
use super::guard::{SIDECARS, sidecar};

/// Makes every file and folder this process creates private by default
/// (umask 077). Called first thing in `main`.
pub fn restrict_umask() {
    #[cfg(unix)]
    {
        use rustix::fs::Mode;
        rustix::process::umask(Mode::RWXG | Mode::RWXO);
    }
}

/// Creates a new, empty file readable and writable only by its owner. Fails
/// when anything exists at `path`, a symlink included (it is never followed).
pub fn create_private(path: &Path) -> std::io::Result<File> {
    #[cfg(unix)]
    {
        use rustix::fs::{Mode, OFlags};
        let fd = rustix::fs::open(
            path,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::RUSR | Mode::WUSR,
        )?;
        Ok(File::from(fd))
    }
    #[cfg(not(unix))]
    {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    }
}

/// `.NAME.TAG-PID-RANDOM` beside `dest`: hidden, tied to this process, and
/// not guessable in advance. `stale::clean_stale` recognises these names.
pub fn temp_path(dest: &Path, tag: &str) -> FilesResult<PathBuf> {
    let name = dest
        .file_name()
        .ok_or_else(|| FilesError::NotAFileName(dest.to_path_buf()))?;
    let random = uuid::Uuid::new_v4().simple().to_string();
    let mut tmp = OsString::from(".");
    tmp.push(name);
    tmp.push(format!(
        ".{tag}-{}-{}",
        std::process::id(),
        &random[..super::stale::RANDOM_LEN]
    ));
    Ok(dest.with_file_name(tmp))
}

/// Syncs a folder so a rename in it survives a power cut (best effort).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    let _ = dir;
}

/// A private temporary file beside its destination. `persist` syncs it and
/// moves it into place; dropped without `persist`, it is removed (with any
/// log SQLite made beside it).
#[derive(Debug)]
pub struct TempFile {
    tmp: PathBuf,
    dest: PathBuf,
    replace: bool,
    file: Option<File>,
    done: bool,
}

impl TempFile {
    /// Creates `.NAME.recap-tmp-PID-RANDOM` beside `dest`. With `replace`,
    /// `persist` replaces whatever is at `dest`; without, it refuses to.
    pub fn create(dest: &Path, replace: bool) -> FilesResult<TempFile> {
        Self::create_tagged(dest, super::stale::TMP_TAG, replace)
    }

    /// `create` with another tag (the store uses `new` for new databases).
    /// Temporary files for the same name left by a killed process go first.
    pub fn create_tagged(dest: &Path, tag: &str, replace: bool) -> FilesResult<TempFile> {
        let tmp = temp_path(dest, tag)?;
        if let (Some(dir), Some(name)) = (dest.parent(), dest.file_name()) {
            super::stale::clean_stale(dir, name);
        }
        Self::create_at(dest, tmp, replace)
    }

    /// `create` with the temporary file at a given path (tests plant
    /// symlinks there).
    pub fn create_at(dest: &Path, tmp: PathBuf, replace: bool) -> FilesResult<TempFile> {
        let file = create_private(&tmp).map_err(|source| FilesError::Create {
            path: dest.to_path_buf(),
            source,
        })?;
        Ok(TempFile {
            tmp,
            dest: dest.to_path_buf(),
            replace,
            file: Some(file),
            done: false,
        })
    }

    /// Where the bytes are written until `persist`.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// The open file. It stays open until `persist` (closing it earlier
    /// would drop SQLite's locks on the same file).
    pub fn file(&mut self) -> FilesResult<&mut File> {
        let path = &self.dest;
        self.file.as_mut().ok_or_else(|| FilesError::Write {
            path: path.clone(),
            source: std::io::Error::other("the file is closed"),
        })
    }

    /// Hands the open file to a writer; `persist` then syncs it by path.
    pub fn take_file(&mut self) -> Option<File> {
        self.file.take()
    }

    /// Syncs the file and moves it into place (unless a signal asked recap
    /// to stop meanwhile: then it is removed).
    pub fn persist(mut self) -> FilesResult<()> {
        super::interrupt::check()?;
        let write_error = |source| FilesError::Write {
            path: self.dest.clone(),
            source,
        };
        match self.file.take() {
            Some(file) => file.sync_all().map_err(write_error)?,
            None => File::open(&self.tmp)
                .and_then(|f| f.sync_all())
                .map_err(write_error)?,
        }
        if self.replace {
            std::fs::rename(&self.tmp, &self.dest).map_err(write_error)?;
        } else {
            match std::fs::hard_link(&self.tmp, &self.dest) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.tmp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(FilesError::Exists(self.dest.clone()));
                }
                // A file system without hard links: move it instead,
                // unless something has appeared there meanwhile.
                Err(e) => {
                    if std::fs::symlink_metadata(&self.dest).is_ok() {
                        return Err(FilesError::Exists(self.dest.clone()));
                    }
                    std::fs::rename(&self.tmp, &self.dest).map_err(|_| write_error(e))?;
                }
            }
        }
        self.done = true;
        if let Some(dir) = self.dest.parent() {
            sync_dir(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            });
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
        for suffix in SIDECARS {
            let _ = std::fs::remove_file(sidecar(&self.tmp, suffix));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Write;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_temp_file_is_private_and_appears_only_when_persisted() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        let mut temp = TempFile::create(&dest, false).unwrap();
        let name = temp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with(".out.txt.recap-tmp-"), "{name}");
        temp.file().unwrap().write_all(b"hello").unwrap();
        #[cfg(unix)]
        assert_eq!(mode(temp.path()), 0o600);
        assert!(!dest.exists());
        temp.persist().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"hello");
        #[cfg(unix)]
        assert_eq!(mode(&dest), 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn without_replace_an_existing_file_is_kept_and_the_temp_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        let temp = TempFile::create(&dest, false).unwrap();
        std::fs::write(&dest, "theirs").unwrap();
        assert!(matches!(temp.persist(), Err(FilesError::Exists(_))));
        assert_eq!(std::fs::read(&dest).unwrap(), b"theirs");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_dropped_temp_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        let mut temp = TempFile::create(&dest, true).unwrap();
        temp.file().unwrap().write_all(b"partial").unwrap();
        drop(temp);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn temp_names_differ_every_time() {
        let dest = Path::new("/x/out.txt");
        assert_ne!(temp_path(dest, "t").unwrap(), temp_path(dest, "t").unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_temp_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        let dest = dir.path().join("out.txt");
        let tmp = temp_path(&dest, "recap-tmp").unwrap();
        std::os::unix::fs::symlink(&target, &tmp).unwrap();
        let err = TempFile::create_at(&dest, tmp.clone(), true).unwrap_err();
        assert!(matches!(err, FilesError::Create { .. }), "{err:?}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
        assert!(
            std::fs::symlink_metadata(&tmp)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A dangling link is not followed either (it would create the target).
        let missing = dir.path().join("created-through-link.txt");
        std::fs::remove_file(&tmp).unwrap();
        std::os::unix::fs::symlink(&missing, &tmp).unwrap();
        assert!(create_private(&tmp).is_err());
        assert!(!missing.exists());
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_created_0600() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        drop(create_private(&p).unwrap());
        assert_eq!(mode(&p), 0o600);
    }
}
