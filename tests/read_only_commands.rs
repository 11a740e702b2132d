//! Commands that only read create nothing (no file, no folder, no default
//! profile); a refused import leaves no file; `--db` naming a folder is bad
//! input; a read-only database is read but never changed.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use recap::store::{Store, StoreError};

fn recap(dir: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("recap")
        .unwrap()
        .env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .current_dir(dir)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every name under `dir`, recursively, relative to it.
fn everything_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        out.push(path.strip_prefix(dir).unwrap().to_path_buf());
        if path.is_dir() {
            out.extend(
                everything_in(&path)
                    .into_iter()
                    .map(|p| path.strip_prefix(dir).unwrap().join(p)),
            );
        }
    }
    out.sort();
    out
}

/// Every reading command, with what its standard output should say.
const READERS: &[(&[&str], &str)] = &[
    (&["profiles", "list"], "No profiles yet"),
    (&["profiles", "list", "--all"], "No profiles yet"),
    (&["trends"], "No check-ins yet"),
    (&["trends", "--plain", "who-5"], "No check-ins yet"),
    (&["trends", "--json"], "\"questionnaires\": []"),
    (&["history"], "No check-ins yet"),
    (&["history", "who-5"], "No check-ins yet"),
    (&["history", "--json"], "[]"),
    (&["report", "--format", "md"], ""),
    (&["report", "--format", "html", "--out", "r.html"], ""),
    (&["export", "--format", "json"], ""),
    (&["export", "--format", "csv", "--out", "e.csv"], ""),
    (&["export", "--format", "fhir"], ""),
    (&["paths"], "database:"),
    (&["questionnaires", "list"], "who-5"),
    (&["questionnaires", "show", "who-5"], "WHO-5"),
    (&["trash", "list"], "The trash is empty."),
    (&["trash", "list", "--json"], "[]"),
    (&["trash", "empty"], "The trash is empty."),
    (&["notes", "list"], "No notes yet"),
    (&["notes", "list", "--json"], "[]"),
];

#[test]
fn reading_commands_on_a_missing_database_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // In a folder that does not exist yet: it is not made either.
    let db = dir.path().join("data").join("recap.db");
    for (args, says) in READERS {
        let out = recap(dir.path(), &db, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains(says),
            "{args:?}: {}",
            text(&out.stdout)
        );
        assert!(
            everything_in(dir.path()).is_empty(),
            "{args:?} made {:?}",
            everything_in(dir.path())
        );
    }
    // Reports and exports say so on standard error, and print nothing.
    for args in [
        &["report", "--format", "md"][..],
        &["export", "--format", "csv"],
    ] {
        let out = recap(dir.path(), &db, args);
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("yet") && err.contains("No file was written"),
            "{err}"
        );
    }
    // Commands that change a check-in or a note have nothing to change.
    for args in [
        &["delete", "12345678", "--yes"][..],
        &["trash", "restore", "12345678"],
        &["amend", "12345678", "w1", "1", "--reason", "x"],
        &["notes", "edit", "12345678", "x"],
        &["notes", "delete", "12345678", "--yes"],
        &["profiles", "delete", "Me", "--yes"],
    ] {
        let out = recap(dir.path(), &db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("no data at"),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(everything_in(dir.path()).is_empty(), "{args:?}");
    }
}

#[test]
fn reading_an_empty_database_adds_no_profile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recap.db");
    drop(Store::open(&db).unwrap());
    for (args, _) in READERS {
        let out = recap(dir.path(), &db, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let store = Store::open(&db).unwrap();
    assert!(store.profiles(true).unwrap().is_empty());
    // The FHIR export names no one.
    let out = recap(dir.path(), &db, &["export", "--format", "fhir"]);
    assert!(
        !text(&out.stdout).contains("Patient"),
        "{}",
        text(&out.stdout)
    );
    // The first write makes "Me".
    let out = recap(dir.path(), &db, &["notes", "add", "first"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(store.profiles(true).unwrap()[0].name, "Me");
}

#[test]
fn a_refused_import_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let out = recap(
        dir.path(),
        &source,
        &["record", "who-5", "--answers", "1,2,3,4,5"],
    );
    assert!(out.status.success());
    let out = recap(dir.path(), &source, &["export", "--format", "json"]);
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The file alone looks right; only importing finds the text missing.
    doc["snapshots"] = serde_json::json!([]);
    let file = dir.path().join("broken.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    std::fs::write(dir.path().join("junk.json"), "{ not json").unwrap();

    let fresh = dir.path().join("new").join("recap.db");
    let before = everything_in(dir.path());
    for name in ["broken.json", "junk.json", "missing.json"] {
        let out = recap(dir.path(), &fresh, &["import", name]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("nothing was imported") || name == "missing.json");
        assert!(!fresh.exists(), "{name}");
        let after: Vec<_> = everything_in(dir.path())
            .into_iter()
            .filter(|p| !p.starts_with("new"))
            .collect();
        assert_eq!(after, before, "{name}");
    }
    // The folder made for it holds nothing (no database, no temporary file).
    if fresh.parent().unwrap().exists() {
        assert!(everything_in(fresh.parent().unwrap()).is_empty());
    }
    // A good file makes the database.
    let good = dir.path().join("good.json");
    let out = recap(
        dir.path(),
        &source,
        &[
            "export",
            "--format",
            "json",
            "--out",
            good.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let out = recap(dir.path(), &fresh, &["import", "good.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(fresh.exists());
    let names: Vec<_> = everything_in(fresh.parent().unwrap());
    assert!(
        names.iter().all(|n| !n.to_string_lossy().starts_with('.')),
        "{names:?}"
    );
}

#[test]
fn a_database_path_that_is_a_folder_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    for args in [
        &["record", "who-5", "--answers", "1,2,3,4,5"][..],
        &["profiles", "list"],
        &["profiles", "add", "Sam"],
        &["history"],
        &["trends", "--json"],
        &["export", "--format", "json"],
        &["report", "--format", "md"],
        &["import", "x.json"],
        &["notes", "add", "x"],
    ] {
        if args[0] == "import" {
            std::fs::write(dir.path().join("x.json"), "{}").unwrap();
        }
        let out = recap(dir.path(), &folder, args);
        let err = text(&out.stderr);
        if args[0] == "import" {
            // The file is read first; a bad one is refused before the folder is looked at.
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("is a folder, not a database file"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(everything_in(&folder).is_empty());
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The writes refused on a read-only database, each with its exit code 1
/// and the file unchanged.
#[cfg(unix)]
fn writes_are_refused(dir: &Path, db: &Path, id: &str) {
    let before = std::fs::read(db).unwrap();
    for args in [
        &["record", "who-5", "--answers", "1,1,1,1,1", "--yes"][..],
        &["profiles", "add", "Sam"],
        &["profiles", "archive", "Me"],
        &["profiles", "delete", "Me", "--yes"],
        &["delete", id, "--yes"],
        &["amend", id, "w1", "0", "--reason", "typo"],
        &["notes", "add", "a note"],
        &["trash", "restore", id],
    ] {
        let out = recap(dir, db, args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("is read-only"), "{args:?}: {err}");
        assert!(err.contains("Nothing was changed"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(std::fs::read(db).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_database_is_read_but_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("recap.db");
    let out = recap(
        dir.path(),
        &db,
        &["record", "who-5", "--answers", "5,4,3,2,1"],
    );
    assert!(out.status.success());
    let history = recap(dir.path(), &db, &["history", "--json"]);
    let history: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let id = history[0]["id"].as_str().unwrap().to_string();

    // The file may not be written (0400).
    chmod(&db, 0o400);
    {
        let store = Store::open(&db).unwrap();
        assert!(store.is_read_only());
        let err = store.add_profile("Sam", chrono::Utc::now()).unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    }
    for args in [
        &["history"][..],
        &["trends", "--json"],
        &["profiles", "list"],
        &["export", "--format", "json"],
    ] {
        let out = recap(dir.path(), &db, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(!out.stdout.is_empty());
    }
    let out = recap(dir.path(), &db, &["history"]);
    assert!(
        text(&out.stdout).contains("Well-being 60"),
        "{}",
        text(&out.stdout)
    );
    writes_are_refused(dir.path(), &db, &id);
    let out = recap(dir.path(), &db, &["delete", &id, "--yes"]);
    assert!(
        text(&out.stderr).contains("the file may not be written"),
        "{}",
        text(&out.stderr)
    );
    chmod(&db, 0o600);

    // The folder may not be written (its logs cannot be made).
    chmod(&data, 0o500);
    {
        let store = Store::open(&db).unwrap();
        assert!(store.is_read_only());
    }
    let out = recap(dir.path(), &db, &["history", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&id));
    writes_are_refused(dir.path(), &db, &id);
    let out = recap(dir.path(), &db, &["notes", "add", "x"]);
    assert!(
        text(&out.stderr).contains("folder holding it may not be written"),
        "{}",
        text(&out.stderr)
    );
    chmod(&data, 0o700);

    // Writable again: the same writes work, also when reading the read-only
    // file left its logs read-only (as SQLite does for an account that
    // cannot write it).
    for log in ["recap.db-wal", "recap.db-shm"] {
        let log = data.join(log);
        if !log.exists() {
            std::fs::write(&log, b"").unwrap();
        }
        chmod(&log, 0o400);
    }
    let out = recap(dir.path(), &db, &["delete", &id, "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for log in ["recap.db-wal", "recap.db-shm"] {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(data.join(log)) {
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{log}");
        }
    }
}
