//! Tightening an existing private file that others can read: recap's
//! database and its logs are made 0600 when opened.

use std::path::{Path, PathBuf};

/// A file whose permissions were tightened, and what they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tightened {
    pub path: PathBuf,
    /// The permission bits before (e.g. 0o644).
    pub was: u32,
}

/// Makes `path` exactly 0600 (readable and writable by its owner only, no
/// execute bits), when it exists and others (group or world) had any
/// access. Returns what was changed.
pub fn tighten(path: &Path) -> std::io::Result<Option<Tightened>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let was = meta.permissions().mode() & 0o7777;
        if !meta.is_file() || was & 0o077 == 0 {
            return Ok(None);
        }
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        Ok(Some(Tightened {
            path: path.to_path_buf(),
            was,
        }))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(None)
    }
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn loose_files_are_tightened_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, "x").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let t = tighten(&p).unwrap().unwrap();
        assert_eq!(t.was, 0o644);
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(tighten(&p).unwrap(), None);
        assert_eq!(tighten(&dir.path().join("missing")).unwrap(), None);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(tighten(&p).unwrap().unwrap().was, 0o755);
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
    }
}
