//! Private files, through the real binary on temporary folders: no output
//! ever lands on the database or its logs; other files are replaced only
//! with --force; pipes and devices receive the bytes; every file recap
//! writes is 0600 from its first byte; loose databases are tightened;
//! temporary files of killed processes are cleaned; backups finish under
//! steady writes; foreign or newer files with pending logs are refused
//! untouched; several processes upgrade an old file once.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use recap::store::Store;
use recap::store::schema::{
    APPLICATION_ID, CORRECTIONS_VERSION, COUNSELOR_RECORDS_VERSION, LATEST, MIGRATIONS,
};
use rusqlite::Connection;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("recap.db")
    }

    /// `recap --db recap.db ARGS...`
    fn recap(&self) -> Command {
        recap_on(&self.db(), &self.path("config"))
    }

    /// A database with one check-in, made by the binary.
    fn with_data() -> Env {
        let env = Env::new();
        let out = env
            .recap()
            .args(["record", "who-5", "--answers", "5,4,3,2,1"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        env
    }
}

fn recap_on(db: &Path, config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recap"));
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", config)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db);
    cmd
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
fn inode(path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).unwrap();
    (m.dev(), m.ino())
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The three commands that write a file, each as `(label, args)` ending in
/// the flag before the file name.
fn writers(force: bool) -> Vec<(String, Vec<&'static str>)> {
    let mut all = vec![
        ("export --out", vec!["export", "--format", "json", "--out"]),
        ("report --out", vec!["report", "--format", "md", "--out"]),
        ("backup", vec!["backup"]),
    ];
    if force {
        for (_, args) in &mut all {
            args.insert(1, "--force");
        }
    }
    all.into_iter()
        .map(|(l, a)| (format!("{l}{}", if force { " --force" } else { "" }), a))
        .collect()
}

// ---------------------------------------------------------------------------
// 1. No output onto the database
// ---------------------------------------------------------------------------

#[test]
fn output_onto_the_database_or_any_of_its_logs_is_refused_and_changes_nothing() {
    let env = Env::with_data();
    let db = env.db();
    // A second program has the database open with writes still in its
    // write-ahead log, as a running check-in would.
    let store = Store::open(&db).unwrap();
    let me = store.require_profile("Me").unwrap();
    store
        .add_note(me.id, None, "a note", chrono::Utc::now())
        .unwrap();
    let wal = with_suffix(&db, "-wal");
    let shm = with_suffix(&db, "-shm");
    let journal = with_suffix(&db, "-journal");
    assert!(wal.exists() && shm.exists() && !journal.exists());
    let db_bytes = std::fs::read(&db).unwrap();
    let wal_bytes = std::fs::read(&wal).unwrap();
    #[cfg(unix)]
    let shm_inode = inode(&shm);

    let mut targets = vec![
        db.clone(),
        wal.clone(),
        shm.clone(),
        journal.clone(),
        // Other spellings of the same files.
        env.path("config/../recap.db-wal"),
        PathBuf::from(format!("{}/./recap.db", env.dir.path().display())),
    ];
    std::fs::create_dir_all(env.path("config")).unwrap();
    #[cfg(unix)]
    {
        let link = env.path("link-to-db");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        targets.push(link);
        let hard = env.path("hard-link-to-wal");
        std::fs::hard_link(&wal, &hard).unwrap();
        targets.push(hard);
    }
    for force in [false, true] {
        for (label, args) in writers(force) {
            for target in &targets {
                let out = env.recap().args(&args).arg(target).output().unwrap();
                assert_eq!(
                    out.status.code(),
                    Some(2),
                    "{label} {}: {}",
                    target.display(),
                    stderr(&out)
                );
                let err = stderr(&out);
                assert!(
                    err.contains(
                        "is recap's database (or its write-ahead log); choose another file name"
                    ),
                    "{label} {}: {err}",
                    target.display()
                );
                assert_eq!(std::fs::read(&db).unwrap(), db_bytes, "{label}");
                assert_eq!(std::fs::read(&wal).unwrap(), wal_bytes, "{label}");
                #[cfg(unix)]
                assert_eq!(inode(&shm), shm_inode, "{label}");
                assert!(!journal.exists(), "{label}");
            }
        }
    }
    // No temporary file is left anywhere.
    let stray: Vec<_> = names_in(env.dir.path())
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // And the open program's data is all there.
    assert_eq!(store.notes(me.id).unwrap().len(), 1);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn another_existing_file_is_replaced_only_with_force() {
    let env = Env::with_data();
    for (label, args) in writers(false) {
        let target = env.path("mine.txt");
        std::fs::write(&target, "my own notes").unwrap();
        let out = env.recap().args(&args).arg(&target).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{label}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("already exists; use --force to replace it"),
            "{label}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "my own notes");

        let mut forced = args.clone();
        forced.insert(1, "--force");
        let out = env.recap().args(&forced).arg(&target).output().unwrap();
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        assert_ne!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("my own notes")
        );
        assert!(std::fs::metadata(&target).unwrap().len() > 100, "{label}");
        #[cfg(unix)]
        assert_eq!(mode(&target), 0o600, "{label}");
        std::fs::remove_file(&target).unwrap();
    }
    // A folder is refused clearly.
    let folder = env.path("a-folder");
    std::fs::create_dir(&folder).unwrap();
    for (label, args) in writers(true) {
        let out = env.recap().args(&args).arg(&folder).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{label}");
        assert!(
            stderr(&out).contains("is a folder"),
            "{label}: {}",
            stderr(&out)
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_destination_is_replaced_not_written_through() {
    let env = Env::with_data();
    let precious = env.path("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    let link = env.path("out.md");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    for (label, args) in writers(false) {
        let out = env.recap().args(&args).arg(&link).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{label}");
    }
    for (label, args) in writers(true) {
        std::fs::remove_file(&link).ok();
        std::os::unix::fs::symlink(&precious, &link).unwrap();
        let out = env.recap().args(&args).arg(&link).output().unwrap();
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
        assert_eq!(mode(&link), 0o600);
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_or_device_receives_the_bytes_directly() {
    let env = Env::with_data();
    let expected = env
        .recap()
        .args(["export", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    let fifo = env.path("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let cases: [(&str, &[&str]); 3] = [
        ("export", &["export", "--format", "json", "--out"]),
        ("report", &["report", "--format", "md", "--out"]),
        ("backup", &["backup"]),
    ];
    for (label, args) in cases {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let out = env.recap().args(args).arg(&fifo).output().unwrap();
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        // Nothing else is written to standard output (it may be the pipe).
        assert!(out.stdout.is_empty(), "{label}");
        let got = reader.join().unwrap();
        match label {
            "export" => assert_eq!(got, expected),
            "report" => assert!(String::from_utf8(got).unwrap().contains("WHO-5")),
            _ => assert!(got.starts_with(b"SQLite format 3\0"), "{label}"),
        }
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    // A character device, without --force.
    for (label, args) in cases {
        let out = env.recap().args(args).arg("/dev/null").output().unwrap();
        assert!(out.status.success(), "{label}: {}", stderr(&out));
    }
    let stray: Vec<_> = names_in(env.dir.path())
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

// ---------------------------------------------------------------------------
// 2. Private from the first byte
// ---------------------------------------------------------------------------

/// Adds about `mb` megabytes of rows to a recap database (a table recap
/// ignores), so copying it takes a while.
fn add_filler(db: &Path, mb: usize) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS filler (b BLOB);
         WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {})
         INSERT INTO filler SELECT randomblob(4000) FROM c;
         PRAGMA wal_checkpoint(TRUNCATE);",
        mb * 256
    ))
    .unwrap();
}

/// Samples the permissions of every entry of `dir` until stopped.
#[cfg(unix)]
fn sample_modes(
    dir: PathBuf,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<BTreeSet<(String, u32)>> {
    std::thread::spawn(move || {
        let mut seen = BTreeSet::new();
        while !stop.load(Ordering::Relaxed) {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                if let Ok(m) = std::fs::symlink_metadata(entry.path()) {
                    use std::os::unix::fs::PermissionsExt;
                    seen.insert((
                        entry.file_name().to_string_lossy().into_owned(),
                        m.permissions().mode() & 0o777,
                    ));
                }
            }
        }
        seen
    })
}

#[cfg(unix)]
#[test]
fn a_large_backup_is_private_for_its_whole_life() {
    let env = Env::with_data();
    add_filler(&env.db(), 48);
    let dest_dir = env.path("backups");
    std::fs::create_dir(&dest_dir).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample_modes(dest_dir.clone(), stop.clone());
    let out = env
        .recap()
        .arg("backup")
        .arg(dest_dir.join("copy.db"))
        .output()
        .unwrap();
    std::thread::sleep(Duration::from_millis(50));
    stop.store(true, Ordering::Relaxed);
    let seen = sampler.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let loose: Vec<_> = seen.iter().filter(|(_, m)| *m != 0o600).collect();
    assert!(loose.is_empty(), "seen {seen:?}");
    assert!(
        seen.iter()
            .any(|(n, _)| n.starts_with(".copy.db.recap-tmp-")),
        "the copy is written under a temporary name first: {seen:?}"
    );
    assert_eq!(names_in(&dest_dir), BTreeSet::from(["copy.db".to_string()]));
    let copy = Connection::open(dest_dir.join("copy.db")).unwrap();
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[cfg(unix)]
#[test]
fn a_migration_copy_is_private_for_its_whole_life() {
    let env = Env::new();
    let db = env.db();
    drop(database_at_version(&db, 2));
    add_filler(&db, 32);
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample_modes(env.dir.path().to_path_buf(), stop.clone());
    let out = env.recap().args(["profiles", "list"]).output().unwrap();
    std::thread::sleep(Duration::from_millis(50));
    stop.store(true, Ordering::Relaxed);
    let seen = sampler.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let loose: Vec<_> = seen
        .iter()
        .filter(|(n, m)| *m != 0o600 && n != "config")
        .collect();
    assert!(loose.is_empty(), "seen {seen:?}");
    assert!(
        seen.iter()
            .any(|(n, _)| n.starts_with(".recap.db.before-schema-2.bak.recap-tmp-")),
        "{seen:?}"
    );
    assert!(db.with_file_name("recap.db.before-schema-2.bak").exists());
}

#[cfg(unix)]
#[test]
fn a_loose_database_and_its_log_are_made_private_with_a_notice() {
    let env = Env::with_data();
    let db = env.db();
    let store = Store::open(&db).unwrap();
    store.add_profile("Sam", chrono::Utc::now()).unwrap();
    let wal = with_suffix(&db, "-wal");
    // Execute bits go too: exactly 0600 afterwards.
    for (p, loose) in [(&db, 0o644), (&wal, 0o755)] {
        std::fs::set_permissions(p, std::os::unix::fs::PermissionsExt::from_mode(loose)).unwrap();
    }
    let out = env.recap().args(["profiles", "list"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for (p, was) in [(&db, "0644"), (&wal, "0755")] {
        assert!(
            err.contains(&format!(
                "recap: made {} readable only by you (it was {was})",
                p.display()
            )),
            "{err}"
        );
        assert_eq!(mode(p), 0o600);
    }
    // Said once: the next start has nothing to say.
    let out = env.recap().args(["profiles", "list"]).output().unwrap();
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn temporary_files_left_by_a_killed_process_are_cleaned_up() {
    let env = Env::with_data();
    // A process id beyond any running one (pid_max is at most 2^22).
    let dead = 99_999_999u32;
    let stale = [
        format!(".recap.db.new-{dead}-0123456789ab"),
        format!(".recap.db.new-{dead}-0123456789ab-wal"),
        format!(".recap.db.before-schema-2.bak.recap-tmp-{dead}-0123456789ab"),
        format!(".out.json.recap-tmp-{dead}-0123456789ab"),
    ];
    let past = SystemTime::now() - Duration::from_secs(3600);
    for name in &stale {
        let f = std::fs::File::create(env.path(name)).unwrap();
        f.set_modified(past).unwrap();
    }
    // Just made (its process may still be writing it): kept.
    let fresh = format!(".recap.db.new-{dead}-ba9876543210");
    std::fs::write(env.path(&fresh), "").unwrap();
    let out = env.recap().args(["profiles", "list"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for name in &stale[..3] {
        assert!(!env.path(name).exists(), "{name}");
    }
    assert!(env.path(&stale[3]).exists());
    // Writing out.json cleans its own leftovers.
    let out = env
        .recap()
        .args(["export", "--format", "json", "--out"])
        .arg(env.path("out.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!env.path(&stale[3]).exists());
    assert!(env.path(&fresh).exists());
}

#[test]
fn backup_finishes_while_another_program_keeps_writing() {
    let env = Env::with_data();
    let db = env.db();
    add_filler(&db, 24);
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE ticks (n INTEGER)")
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let conn = Connection::open(&db).unwrap();
            conn.busy_timeout(Duration::from_secs(5)).unwrap();
            conn.execute_batch("PRAGMA synchronous = OFF").unwrap();
            let mut n = 0i64;
            while !stop.load(Ordering::Relaxed) {
                conn.execute("INSERT INTO ticks (n) VALUES (?1)", [n])
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let copy = env.path("copy.db");
    let started = Instant::now();
    let mut child = env
        .recap()
        .arg("backup")
        .arg(&copy)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let commits = writer.join().unwrap();
    let status = status.expect("the backup did not finish within 30 s under steady writes");
    assert!(status.success());
    assert!(commits > 100, "the writer kept writing ({commits} commits)");
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
    let conn = Connection::open(&copy).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let ticks: i64 = conn
        .query_row("SELECT count(*) FROM ticks", [], |r| r.get(0))
        .unwrap();
    assert!(ticks <= commits);
}

// ---------------------------------------------------------------------------
// 6. Databases that are not ours are never touched
// ---------------------------------------------------------------------------

/// A copy of an SQLite file whose last changes (`pending`) are still only
/// in its write-ahead log, as after a crash: `setup` is checkpointed into
/// the main file first.
fn with_pending_wal(dir: &Path, name: &str, setup: &str, pending: &str) -> PathBuf {
    let src = dir.join(format!("source-{name}"));
    let conn = Connection::open(&src).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0").unwrap();
    conn.execute_batch(setup).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    conn.execute_batch(pending).unwrap();
    let dest = dir.join(name);
    std::fs::copy(&src, &dest).unwrap();
    std::fs::copy(with_suffix(&src, "-wal"), with_suffix(&dest, "-wal")).unwrap();
    assert!(std::fs::metadata(with_suffix(&dest, "-wal")).unwrap().len() > 0);
    dest
}

#[test]
fn foreign_or_newer_files_with_pending_logs_are_refused_untouched() {
    let env = Env::new();
    let d = env.dir.path();
    let pending = "INSERT INTO t VALUES ('pending'); INSERT INTO t VALUES ('more');";
    let cases = [
        (
            with_pending_wal(
                d,
                "foreign-0.db",
                "CREATE TABLE t (x); INSERT INTO t VALUES ('theirs');",
                pending,
            ),
            "not a recap database",
        ),
        (
            with_pending_wal(
                d,
                "other-app.db",
                "PRAGMA application_id = 1234; CREATE TABLE t (x);",
                pending,
            ),
            "not a recap database",
        ),
        (
            with_pending_wal(
                d,
                "newer.db",
                &format!(
                    "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {}; CREATE TABLE t (x);",
                    LATEST + 1
                ),
                pending,
            ),
            "written by a newer recap",
        ),
        // Nothing in the main file yet: everything is in the log.
        (
            with_pending_wal(
                d,
                "all-in-log.db",
                "",
                "CREATE TABLE t (x); INSERT INTO t VALUES ('theirs');",
            ),
            "not a recap database",
        ),
    ];
    for (path, message) in &cases {
        let wal = with_suffix(path, "-wal");
        let main_before = std::fs::read(path).unwrap();
        let wal_before = std::fs::read(&wal).unwrap();
        for args in [&["profiles", "list"][..], &["backup", "x.db"]] {
            let out = recap_on(path, &env.path("config"))
                .args(args)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(2),
                "{}: {}",
                path.display(),
                stderr(&out)
            );
            assert!(
                stderr(&out).contains(message),
                "{}: {}",
                path.display(),
                stderr(&out)
            );
            assert!(
                std::fs::read(path).unwrap() == main_before,
                "{} changed",
                path.display()
            );
            assert!(
                std::fs::read(&wal).unwrap() == wal_before,
                "{}-wal changed",
                path.display()
            );
        }
        assert!(!path.with_file_name("x.db").exists());
    }
}

#[test]
fn a_foreign_file_with_a_hot_journal_is_refused_untouched() {
    let env = Env::new();
    let src = env.path("source.db");
    let conn = Connection::open(&src).unwrap();
    conn.execute_batch(
        "PRAGMA application_id = 77; CREATE TABLE t (x);
         WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000)
         INSERT INTO t SELECT randomblob(500) FROM c;",
    )
    .unwrap();
    // A large transaction in progress with a small cache: SQLite syncs its
    // rollback journal (the old pages) and starts writing the main file, as
    // at the moment of a crash.
    conn.execute_batch("PRAGMA cache_size = 10; BEGIN; UPDATE t SET x = randomblob(600);")
        .unwrap();
    let journal_src = with_suffix(&src, "-journal");
    assert!(journal_src.exists());
    let db = env.path("crashed.db");
    let journal = with_suffix(&db, "-journal");
    std::fs::copy(&src, &db).unwrap();
    std::fs::copy(&journal_src, &journal).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    let main_before = std::fs::read(&db).unwrap();
    let journal_before = std::fs::read(&journal).unwrap();
    assert_ne!(journal_before[0], 0, "the journal is hot");
    let out = recap_on(&db, &env.path("config"))
        .args(["profiles", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a recap database"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::read(&db).unwrap() == main_before,
        "the file changed"
    );
    assert!(journal.exists(), "the journal was played back");
    assert!(std::fs::read(&journal).unwrap() == journal_before);
}

/// A recap database at schema version `n`, with one profile, as an older
/// recap left it.
fn database_at_version(path: &Path, n: usize) -> Connection {
    let conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..n] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {n};
         INSERT INTO profiles (id, uuid, name, created_at)
         VALUES (1, '0b5c7a3e-2f51-4c1f-9b1e-2d7f0e1a4c11', 'Alex', '2025-12-01T08:00:00.000Z');"
    ))
    .unwrap();
    conn
}

#[test]
fn six_processes_opening_an_old_file_at_once_upgrade_it_once() {
    for n in 1..LATEST as usize {
        for round in 0..4 {
            let env = Env::new();
            let db = env.db();
            let conn = database_at_version(&db, n);
            // As recap left it (write-ahead log), or as another tool might
            // (rollback journal).
            if round % 2 == 1 {
                let mode: String = conn
                    .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(mode, "wal");
            }
            drop(conn);
            let children: Vec<_> = (0..6)
                .map(|_| {
                    env.recap()
                        .args(["profiles", "list"])
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for child in children {
                let out = child.wait_with_output().unwrap();
                assert!(
                    out.status.success(),
                    "schema {n} round {round}: {}",
                    stderr(&out)
                );
                assert!(String::from_utf8_lossy(&out.stdout).contains("Alex"));
            }
            let store = Store::open(&db).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST);
            assert_eq!(store.integrity_check().unwrap(), "ok");
            drop(store);
            let names = names_in(env.dir.path());
            let baks: Vec<_> = names.iter().filter(|n| n.ends_with(".bak")).collect();
            assert_eq!(
                baks,
                [&format!("recap.db.before-schema-{n}.bak")],
                "schema {n} round {round}: {names:?}"
            );
            assert!(
                !names.iter().any(|n| n.starts_with('.')),
                "schema {n} round {round}: {names:?}"
            );
            let bak = Connection::open(env.path(baks[0])).unwrap();
            let version: i64 = bak
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, n as i64, "the copy is from before the upgrade");
            let name: String = bak
                .query_row("SELECT name FROM profiles", [], |r| r.get(0))
                .unwrap();
            assert_eq!(name, "Alex");
            // Tables and the schema that added them.
            for (table, added) in [
                ("last_done", 3),
                ("cache_state", 4),
                ("amendments", CORRECTIONS_VERSION),
                ("note_revisions", COUNSELOR_RECORDS_VERSION),
            ] {
                let tables: i64 = bak
                    .query_row(
                        "SELECT count(*) FROM sqlite_master WHERE name = ?1",
                        [table],
                        |r| r.get(0),
                    )
                    .unwrap();
                let expected = i64::from(n as i64 >= added);
                assert_eq!(
                    tables, expected,
                    "{table}: no table of a later schema in the copy"
                );
            }
            #[cfg(unix)]
            assert_eq!(mode(&env.path(baks[0])), 0o600);
        }
    }
}

/// Starts `recap backup` into an empty folder, sends `signal` as soon as
/// the temporary copy appears there, and returns how recap ended.
#[cfg(unix)]
fn backup_stopped_by(env: &Env, signal: &str, dest_dir: &Path) -> (Output, bool) {
    let mut child = env
        .recap()
        .arg("backup")
        .arg(dest_dir.join("copy.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut seen = false;
    while start.elapsed() < Duration::from_secs(20) {
        if names_in(dest_dir)
            .iter()
            .any(|n| n.starts_with(".copy.db.recap-tmp-"))
        {
            seen = true;
            let sent = Command::new("kill")
                .arg(format!("-{signal}"))
                .arg(child.id().to_string())
                .status()
                .unwrap();
            assert!(sent.success());
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    (child.wait_with_output().unwrap(), seen)
}

#[cfg(unix)]
#[test]
fn an_interrupted_backup_leaves_nothing_behind() {
    let env = Env::with_data();
    add_filler(&env.db(), 96);
    let dest_dir = env.path("backups");
    std::fs::create_dir(&dest_dir).unwrap();
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let (out, seen) = backup_stopped_by(&env, signal, &dest_dir);
        assert!(
            seen,
            "the copy ended before SIG{signal} could be sent: {}",
            stderr(&out)
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "SIG{signal}: {}",
            stderr(&out)
        );
        assert_eq!(
            names_in(&dest_dir),
            BTreeSet::new(),
            "SIG{signal} left something behind"
        );
        assert_eq!(
            stderr(&out),
            "recap: stopped before the file was complete; nothing was left behind\n"
        );
        assert!(out.stdout.is_empty());
    }
    // Nothing beside the database either, and it is whole.
    assert_eq!(
        names_in(env.dir.path()),
        BTreeSet::from(["backups".to_string(), "recap.db".to_string()])
    );
    // Without a signal the same backup completes.
    let out = env
        .recap()
        .arg("backup")
        .arg(dest_dir.join("copy.db"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names_in(&dest_dir), BTreeSet::from(["copy.db".to_string()]));
}

/// Even started from a shell whose umask is 022, recap runs with 077, so
/// anything it creates is private by default.
#[cfg(target_os = "linux")]
#[test]
fn recap_runs_with_a_file_creation_mask_of_077() {
    use std::io::Read;
    let env = Env::with_data();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_recap"))
        .args(["--db"])
        .arg(env.db())
        .args(["check-in", "who-5", "--plain"])
        .env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", env.path("config"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The first question on screen: recap is running and waiting for input.
    let mut first = [0u8; 16];
    let n = child.stdout.as_mut().unwrap().read(&mut first).unwrap();
    assert!(n > 0);
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(str::trim)
        .unwrap();
    drop(child.stdin.take());
    let _ = child.wait_with_output().unwrap();
    assert_eq!(umask, "0077", "{status}");
}
