//! The real binary on temporary data: `record` (bad values, --json,
//! --dry-run), `profiles`, `export` / `import` end to end, and refused files.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
    config: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        Env { dir, config }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `recap --db DB ...` with the configuration folder inside the temp dir.
    fn recap(&self, db: &str) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", &self.config)
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.path(db));
        cmd
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn record_with_a_bad_value_exits_2_names_it_and_changes_nothing() {
    let env = Env::new();
    env.recap("r.db")
        .args(["record", "who-5", "--answers", "1,2,3,4,5"])
        .assert()
        .success();
    let db = env.path("r.db");
    let before = bytes(&db);

    let out = env
        .recap("r.db")
        .args(["record", "who-5", "--answers", "1,9,3,4,5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("item w2"), "{err}");
    assert!(err.contains("\"9\""), "{err}");
    assert!(err.contains("allowed: one of 5 (All of the time)"), "{err}");
    assert!(err.contains("0 (At no time)"), "{err}");
    assert!(err.contains("nothing was stored"), "{err}");
    assert_eq!(bytes(&db), before);

    let out = env
        .recap("r.db")
        .args(["record", "who-5", "--answers", "1,2,3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("5 items but 3 answers"),
        "{}",
        stderr(&out)
    );
    assert_eq!(bytes(&db), before);
}

#[test]
fn record_json_has_session_date_answers_and_scores() {
    let env = Env::new();
    let out = env
        .recap("j.db")
        .args([
            "record",
            "who-5",
            "--answers",
            "1,2,3,4,5",
            "--date",
            "2026-01-15",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let session_id = v["session_id"].as_str().unwrap();
    assert_eq!(session_id.len(), 36);
    assert_eq!(v["date"], "2026-01-15");
    assert_eq!(v["dry_run"], false);
    let answers = v["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 5);
    assert_eq!(answers[1]["item"], "w2");
    assert_eq!(answers[1]["value"], 2);
    assert_eq!(answers[1]["label"], "Less than half of the time");
    let scores = v["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 1);
    assert_eq!(scores[0]["id"], "total");
    assert_eq!(scores[0]["value"], 60.0);

    // The session is stored: it is in the export.
    let out = env
        .recap("j.db")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains(session_id));
}

#[test]
fn dry_run_stores_nothing() {
    let env = Env::new();
    let out = env
        .recap("d.db")
        .args([
            "record",
            "who-5",
            "--answers",
            "1,2,3,4,5",
            "--dry-run",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["session_id"].is_null());
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["scores"][0]["value"], 60.0);
    assert!(!env.path("d.db").exists(), "a dry run created the database");

    env.recap("d.db")
        .args(["record", "who-5", "--answers", "0,0,0,0,0"])
        .assert()
        .success();
    let before = bytes(&env.path("d.db"));
    env.recap("d.db")
        .args(["record", "who-5", "--answers", "1,2,3,4,5", "--dry-run"])
        .assert()
        .success();
    assert_eq!(bytes(&env.path("d.db")), before);
    let out = env
        .recap("d.db")
        .args(["export", "--format", "csv", "--scores"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
}

#[test]
fn profiles_add_rename_archive_and_list() {
    let env = Env::new();
    let list = |all: bool| {
        let mut cmd = env.recap("p.db");
        cmd.args(["profiles", "list"]);
        if all {
            cmd.arg("--all");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| l.split("  (").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // Listing creates nothing; the first write makes the default profile.
    let none = list(false);
    assert!(none[0].starts_with("No profiles yet"), "{none:?}");
    assert!(!env.path("p.db").exists());
    env.recap("p.db")
        .args(["record", "who-5", "--answers", "1,1,1,1,1"])
        .assert()
        .success();
    assert_eq!(list(false), ["Me"]);
    env.recap("p.db")
        .args(["profiles", "add", "Client A"])
        .assert()
        .success();
    env.recap("p.db")
        .args(["profiles", "add", "Client B"])
        .assert()
        .success();
    let out = env
        .recap("p.db")
        .args(["profiles", "add", "client a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));

    env.recap("p.db")
        .args(["profiles", "rename", "Client A", "Alex"])
        .assert()
        .success();
    let out = env
        .recap("p.db")
        .args(["profiles", "rename", "Nobody", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no profile named \"Nobody\""),
        "{}",
        stderr(&out)
    );

    env.recap("p.db")
        .args(["profiles", "archive", "Client B"])
        .assert()
        .success();
    assert_eq!(list(false), ["Alex", "Me"]);
    assert_eq!(list(true), ["Alex", "Client B", "Me"]);
    let out = env
        .recap("p.db")
        .args(["profiles", "list", "--all"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("Client B  (added"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("archived)"), "{}", stdout(&out));

    // With two active profiles, recording needs --profile.
    let out = env
        .recap("p.db")
        .args(["record", "who-5", "--answers", "1,1,1,1,1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--profile"), "{}", stderr(&out));
    env.recap("p.db")
        .args([
            "--profile",
            "Alex",
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
        ])
        .assert()
        .success();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_and_import_end_to_end() {
    let env = Env::new();
    env.recap("a.db")
        .args([
            "record",
            "who-5",
            "--answers",
            "5,4,3,2,1",
            "--date",
            "2026-02-01",
        ])
        .assert()
        .success();
    env.recap("a.db")
        .args(["profiles", "add", "Bo"])
        .assert()
        .success();
    env.recap("a.db")
        .args([
            "--profile",
            "Bo",
            "record",
            "barc-10",
            "--answers",
            "1,2,3,4,5,6,1,2,3,4",
        ])
        .args(["--with-counselor", "--date", "2026-02-03"])
        .assert()
        .success();

    // JSON to a private file.
    let file = env.path("export.json");
    let out = env
        .recap("a.db")
        .args(["export", "--format", "json", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("export.json"));
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    let exported = std::fs::read_to_string(&file).unwrap();
    let v: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(v["format"], "recap-export");
    assert_eq!(v["version"], 1);
    assert_eq!(v["sessions"].as_array().unwrap().len(), 2);

    // The same export on standard output.
    let out = env
        .recap("a.db")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), exported);

    // Into a new database, and back out identical.
    let out = env.recap("b.db").arg("import").arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 profiles, 2 check-ins (15 answers)"),
        "{}",
        stdout(&out)
    );
    let out = env
        .recap("b.db")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), exported);

    // Again: nothing added, the file is unchanged.
    let before = env
        .recap("b.db")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let out = env.recap("b.db").arg("import").arg(&file).output().unwrap();
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("Nothing to import"),
        "{}",
        stdout(&out)
    );
    let after = env
        .recap("b.db")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(before.stdout, after.stdout);

    // CSV for one profile, parsed back.
    let out = env
        .recap("b.db")
        .args(["--profile", "Bo", "export", "--format", "csv", "--scores"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "Bo");
    assert_eq!(&rows[0][3], "barc-10");
    assert_eq!(&rows[0][7], "31");
    assert_eq!(&rows[0][9], "true");

    let out = env
        .recap("b.db")
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "profile",
            "session_id",
            "completed_at",
            "questionnaire_id",
            "questionnaire_version",
            "item_id",
            "item_text",
            "value",
            "label",
            "text",
            "client_id",
            "with_counselor",
            "completed_at_utc",
            "completed_at_local"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 15);
    assert_eq!(&rows[0][0], "Bo");
    assert_eq!(&rows[10][0], "Me");
    assert_eq!(&rows[10][5], "w1");
    assert_eq!(&rows[10][7], "5");
    assert_eq!(&rows[10][8], "All of the time");

    // --since leaves out earlier check-ins.
    let out = env
        .recap("b.db")
        .args([
            "export",
            "--format",
            "csv",
            "--scores",
            "--since",
            "2026-02-02",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("barc-10"));

    // An existing --out file is kept without --force, and replaced (and
    // made private) with it.
    let csv_file = env.path("scores.csv");
    std::fs::write(&csv_file, "old").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&csv_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    env.recap("b.db")
        .args(["export", "--format", "csv", "--scores", "--out"])
        .arg(&csv_file)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&csv_file).unwrap(), "old");
    env.recap("b.db")
        .args(["export", "--format", "csv", "--scores", "--force", "--out"])
        .arg(&csv_file)
        .assert()
        .success();
    let written = std::fs::read_to_string(&csv_file).unwrap();
    assert!(written.starts_with("profile,session_id,"), "{written}");
    #[cfg(unix)]
    assert_eq!(mode(&csv_file), 0o600);
    let stray: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".recap-") || n.contains(".new-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_bad_import_file_exits_2_with_its_position_and_changes_nothing() {
    let env = Env::new();
    env.recap("a.db")
        .args(["record", "who-5", "--answers", "5,4,3,2,1"])
        .assert()
        .success();
    let full = env
        .recap("a.db")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let text = stdout(&full);
    let cut = env.path("cut.json");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();

    env.recap("b.db")
        .args(["profiles", "add", "Kim"])
        .assert()
        .success();
    let before = bytes(&env.path("b.db"));
    let out = env.recap("b.db").arg("import").arg(&cut).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let line = text[..text.len() / 2].lines().count();
    assert!(err.contains(&format!("cut.json:{line}:")), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(bytes(&env.path("b.db")), before);

    // Valid JSON, bad content: refused before anything is written.
    let bad = env.path("bad.json");
    std::fs::write(&bad, text.replacen("\"value\": 5", "\"value\": 7", 1)).unwrap();
    let out = env.recap("b.db").arg("import").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.json: sessions[0].answers[0]"), "{err}");
    assert!(err.contains("7 is not allowed for item w1"), "{err}");
    assert_eq!(bytes(&env.path("b.db")), before);

    // A file that is not there.
    let out = env
        .recap("b.db")
        .args(["import", "missing.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read missing.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_refusals_and_fhir_not_available_yet() {
    let env = Env::new();
    // No database yet: nothing to export, and none is created.
    let out = env
        .recap("none.db")
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("Nothing to export yet"),
        "{}",
        stderr(&out)
    );
    assert!(!env.path("none.db").exists());

    env.recap("e.db")
        .args(["record", "who-5", "--answers", "5,4,3,2,1"])
        .assert()
        .success();
    let out = env
        .recap("e.db")
        .args(["export", "--format", "fhir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bundle: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");

    let out = env
        .recap("e.db")
        .args(["export", "--format", "json", "--scores"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--scores"), "{}", stderr(&out));

    let out = env
        .recap("e.db")
        .args(["--profile", "Nobody", "export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no profile named \"Nobody\""),
        "{}",
        stderr(&out)
    );

    let out = env
        .recap("e.db")
        .args(["export", "--format", "csv", "--out"])
        .arg(env.path("no/such/folder/x.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
}

#[test]
fn a_junk_database_file_exits_2_and_is_left_alone() {
    let env = Env::new();
    let junk = env.path("junk.db");
    std::fs::write(&junk, b"these are my notes, not a database\n".repeat(200)).unwrap();
    let before = bytes(&junk);
    for args in [
        vec!["profiles", "list"],
        vec!["record", "who-5", "--answers", "1,1,1,1,1"],
        vec!["export", "--format", "json"],
    ] {
        let out = env.recap("junk.db").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "{}: not a recap database, or an encrypted one",
                junk.display()
            )),
            "{args:?}: {err}"
        );
    }
    let json = env.path("some.json");
    std::fs::write(&json, r#"{"format": "recap-export", "version": 1, "profiles": [], "snapshots": [], "sessions": [], "notes": []}"#).unwrap();
    let out = env
        .recap("junk.db")
        .arg("import")
        .arg(&json)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a recap database, or an encrypted one"),
        "{}",
        stderr(&out)
    );
    assert_eq!(bytes(&junk), before);
}
