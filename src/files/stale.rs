//! Removing temporary files left behind by a recap process that was killed
//! part-way (`.NAME.new-PID-RANDOM` for a new database,
//! `.NAME.recap-tmp-PID-RANDOM` for outputs and copies, and their SQLite
//! logs): only when older than a minute and, on Linux, when that process
//! is no longer running.

use std::ffi::OsStr;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::guard::SIDECARS;

/// The tag of outputs' and copies' temporary files.
pub const TMP_TAG: &str = "recap-tmp";
/// The tag of a new database's temporary file.
pub const NEW_TAG: &str = "new";
/// Hex digits of the random part of a temporary name.
pub const RANDOM_LEN: usize = 12;
/// How old a temporary file must be before it counts as left behind.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// The process id in a temporary file's name `.{name}.TAG-PID-RANDOM[-wal]`,
/// when `file` is one of ours for `name`.
pub fn temp_owner(file: &str, name: &str) -> Option<u32> {
    let rest = file
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?;
    let rest = SIDECARS
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest);
    // The tag is the last dotted part (a backup's name has dots of its own).
    let last = rest.rsplit('.').next()?;
    let numbered = [TMP_TAG, NEW_TAG]
        .iter()
        .find_map(|tag| last.strip_prefix(tag)?.strip_prefix('-'))?;
    let (pid, random) = numbered.split_once('-')?;
    let hex = |s: &str| s.len() == RANDOM_LEN && s.bytes().all(|b| b.is_ascii_hexdigit());
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || !hex(random) {
        return None;
    }
    pid.parse().ok()
}

fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        false
    }
}

/// Removes the temporary files for `name` left in `dir` by processes that
/// were killed part-way. Best effort: problems are ignored.
pub fn clean_stale(dir: &Path, name: &OsStr) {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Some(name) = name.to_str() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|f| temp_owner(f, name)) else {
            continue;
        };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if old && !meta.is_dir() && !running(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_names_are_recognised() {
        let r = "0123456789ab";
        assert_eq!(
            temp_owner(&format!(".recap.db.new-42-{r}"), "recap.db"),
            Some(42)
        );
        assert_eq!(
            temp_owner(&format!(".recap.db.new-42-{r}-wal"), "recap.db"),
            Some(42)
        );
        assert_eq!(
            temp_owner(
                &format!(".recap.db.before-schema-2.bak.recap-tmp-7-{r}"),
                "recap.db"
            ),
            Some(7)
        );
        assert_eq!(
            temp_owner(&format!(".out.csv.recap-tmp-7-{r}"), "out.csv"),
            Some(7)
        );
        assert_eq!(
            temp_owner(&format!(".recap.db.new-42-{r}"), "other.db"),
            None
        );
        assert_eq!(temp_owner(".recap.db.new-42-xyz", "recap.db"), None);
        assert_eq!(temp_owner("recap.db.new-42-0123456789ab", "recap.db"), None);
        assert_eq!(temp_owner(".recap.db-wal", "recap.db"), None);
        assert_eq!(temp_owner(".recap.db.new--0123456789ab", "recap.db"), None);
    }

    #[test]
    fn old_files_of_dead_processes_go_and_fresh_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let r = "0123456789ab";
        // A process id beyond any running one (pid_max is at most 2^22).
        let dead = 99_999_999u32;
        let old = [
            format!(".recap.db.new-{dead}-{r}"),
            format!(".recap.db.new-{dead}-{r}-wal"),
        ];
        let fresh = format!(".recap.db.new-{dead}-ba9876543210");
        let mine = format!(".recap.db.new-{}-{r}", std::process::id());
        let unrelated = ".recap.db.notes".to_string();
        let past = SystemTime::now() - Duration::from_secs(3600);
        for n in old.iter().chain([&mine, &unrelated]) {
            let f = std::fs::File::create(dir.path().join(n)).unwrap();
            f.set_modified(past).unwrap();
        }
        std::fs::write(dir.path().join(&fresh), "").unwrap();
        clean_stale(dir.path(), OsStr::new("recap.db"));
        for n in &old {
            assert!(!dir.path().join(n).exists(), "{n}");
        }
        for n in [&fresh, &mine, &unrelated] {
            assert!(dir.path().join(n).exists(), "{n}");
        }
    }
}
