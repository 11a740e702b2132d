//! Correcting the record through the real binary: history, the trash
//! (delete, list, restore, empty), amendments with their trail in history,
//! exports and reports, profiles brought back and deleted, notes, the
//! same-day question of `record`, and an exact JSON round trip of trashed
//! and amended check-ins.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use recap::store::{Dump, Store};
use serde_json::Value;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
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

    /// `recap --db DB ARGS`, in UTC, with the configuration inside the temp dir.
    fn cmd(&self, db: &str, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.path(db))
            .args(args);
        cmd
    }

    fn run(&self, db: &str, args: &[&str]) -> std::process::Output {
        self.cmd(db, args).output().unwrap()
    }

    /// Runs and expects success; returns standard output.
    fn ok(&self, db: &str, args: &[&str]) -> String {
        let out = self.run(db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code `code`; returns standard error.
    fn fails(&self, db: &str, args: &[&str], code: i32) -> String {
        let out = self.run(db, args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn json(&self, db: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(db, args)).unwrap()
    }

    fn history(&self, db: &str) -> Vec<Value> {
        self.json(db, &["history", "--json"])
            .as_array()
            .unwrap()
            .clone()
    }

    fn dump(&self, db: &str) -> Dump {
        let text = self.ok(db, &["export", "--format", "json"]);
        recap::export::json::parse("export", text.as_bytes()).unwrap()
    }
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The values of the headline score in `trends --json`, oldest first.
fn trend_values(env: &Env, db: &str) -> Vec<f64> {
    let trends = env.json(db, &["trends", "--json", "who-5"]);
    let q = &trends["questionnaires"][0];
    let points = q["scores"][0]["sessions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    points
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect()
}

fn record(env: &Env, db: &str, answers: &str, date: &str) -> String {
    env.ok(
        db,
        &["record", "who-5", "--answers", answers, "--date", date],
    );
    env.history(db).iter().find(|h| h["date"] == date).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn record_two_delete_one_trends_shows_one_restore_shows_two() {
    let env = Env::new();
    let db = "t.db";
    let first = record(&env, db, "5,4,3,2,1", "2026-01-02");
    let second = record(&env, db, "1,1,1,1,1", "2026-01-05");
    assert_eq!(trend_values(&env, db), [60.0, 20.0]);

    // Without a terminal and without --yes nothing is changed.
    let before = bytes(&env.path(db));
    let err = env.fails(db, &["delete", &second[..8]], 2);
    assert!(
        err.contains("add --yes") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(bytes(&env.path(db)), before);

    // A unique prefix of 8 characters is enough.
    let out = env.ok(db, &["delete", &second[..8], "--yes"]);
    assert!(
        out.contains("Moved the WHO-5 check-in of 2026-01-05"),
        "{out}"
    );
    assert!(
        out.contains(&format!("recap trash restore {}", &second[..8])),
        "{out}"
    );
    assert_eq!(trend_values(&env, db), [60.0]);
    let err = env.fails(db, &["delete", &second, "--yes"], 2);
    assert!(err.contains("already in the trash"), "{err}");

    // In the trash, marked in history, gone from every other output.
    let trash = env.json(db, &["trash", "list", "--json"]);
    let trash = trash.as_array().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0]["id"], second.as_str());
    assert_eq!(trash[0]["status"], "deleted");
    assert_eq!(trash[0]["restores_as"], "completed");
    let history = env.history(db);
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["id"], second.as_str(), "newest first");
    assert_eq!(history[0]["status"], "deleted");
    assert_eq!(history[1]["status"], "completed");
    assert_eq!(history[1]["score"]["value"], 60.0);
    let csv = env.ok(db, &["export", "--format", "csv"]);
    assert!(csv.contains(&first) && !csv.contains(&second), "{csv}");
    let scores = env.ok(db, &["export", "--format", "csv", "--scores"]);
    assert!(!scores.contains(&second));
    let fhir = env.ok(db, &["export", "--format", "fhir"]);
    assert!(fhir.contains(&first) && !fhir.contains(&second));
    let report = env.ok(db, &["report", "--format", "md"]);
    assert!(report.contains("**Check-ins:** 1"), "{report}");
    // The complete JSON export keeps it, marked.
    let dump = env.dump(db);
    let kept = dump.sessions.iter().find(|s| s.id == second).unwrap();
    assert!(kept.deleted_at.is_some());

    let out = env.ok(db, &["trash", "restore", &second[..10]]);
    assert!(out.contains("completed again"), "{out}");
    assert_eq!(trend_values(&env, db), [60.0, 20.0]);
    assert!(
        env.json(db, &["trash", "list", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let err = env.fails(db, &["trash", "restore", &second], 2);
    assert!(err.contains("nothing to restore"), "{err}");

    // Emptying the trash is the only erasure, and it asks.
    env.ok(db, &["delete", &first, "--yes"]);
    let err = env.fails(db, &["trash", "empty"], 2);
    assert!(err.contains("add --yes"), "{err}");
    assert_eq!(env.history(db).len(), 2);
    let out = env.ok(db, &["trash", "empty", "--yes"]);
    assert!(out.contains("Erased 1 check-in for good"), "{out}");
    let history = env.history(db);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["id"], second.as_str());
    assert_eq!(env.ok(db, &["trash", "list"]).trim(), "The trash is empty.");
}

#[test]
fn a_set_aside_check_in_is_restored_unfinished() {
    let env = Env::new();
    let db = "s.db";
    env.ok(db, &["profiles", "add", "Ann"]);
    let id = {
        let store = Store::open(&env.path(db)).unwrap();
        let ann = store.require_profile("Ann").unwrap();
        let loaded = recap::instrument::Catalog::bundled()
            .get("who-5")
            .unwrap()
            .clone();
        let s = store
            .start_session(ann.id, &loaded, false, chrono::Utc::now())
            .unwrap();
        store.discard_session(&s.id).unwrap();
        s.id
    };
    assert_eq!(env.history(db)[0]["status"], "set aside");
    let out = env.ok(db, &["trash", "restore", &id[..8]]);
    assert!(
        out.contains("unfinished again") && out.contains("recap check-in who-5"),
        "{out}"
    );
    assert_eq!(env.history(db)[0]["status"], "in progress");
    // Deleted while unfinished, it comes back unfinished.
    env.ok(db, &["delete", &id, "--yes"]);
    assert_eq!(env.history(db)[0]["status"], "deleted");
    env.ok(db, &["trash", "restore", &id]);
    assert_eq!(env.history(db)[0]["status"], "in progress");
}

#[test]
fn check_in_ids_take_a_unique_prefix_of_eight_characters() {
    let env = Env::new();
    let db = "p.db";
    record(&env, db, "5,4,3,2,1", "2026-01-02");
    record(&env, db, "1,1,1,1,1", "2026-01-05");
    // Two check-ins whose ids begin alike, through an import.
    let mut doc: Value =
        serde_json::from_str(&env.ok(db, &["export", "--format", "json"])).unwrap();
    doc["sessions"][0]["id"] = "abcdef01-0000-4000-8000-000000000001".into();
    doc["sessions"][1]["id"] = "abcdef01-0000-4000-8000-000000000002".into();
    let file = env.path("alike.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let db = "alike.db";
    env.ok(db, &["import", file.to_str().unwrap()]);

    let err = env.fails(db, &["delete", "abcdef0", "--yes"], 2);
    assert!(err.contains("at least 8 characters"), "{err}");
    let err = env.fails(db, &["delete", "abcdef01", "--yes"], 2);
    assert!(err.contains("more than one check-in"), "{err}");
    let err = env.fails(db, &["delete", "12345678", "--yes"], 2);
    assert!(
        err.contains("no check-in has an id starting with 12345678"),
        "{err}"
    );
    let err = env.fails(db, &["delete", "abcdef01;", "--yes"], 2);
    assert!(err.contains("is not a check-in id"), "{err}");
    env.ok(
        db,
        &["delete", "ABCDEF01-0000-4000-8000-000000000002", "--yes"],
    );
    env.ok(
        db,
        &["trash", "restore", "abcdef01-0000-4000-8000-000000000002"],
    );
    let err = env.fails(
        db,
        &["trash", "restore", "abcdef01-0000-4000-8000-0000000000"],
        2,
    );
    assert!(err.contains("more than one"), "{err}");

    // With --profile, only that profile's check-ins are looked at.
    env.ok(db, &["profiles", "add", "Ben"]);
    let err = env.fails(
        db,
        &[
            "--profile",
            "Ben",
            "delete",
            "abcdef01-0000-4000-8000-000000000001",
            "--yes",
        ],
        2,
    );
    assert!(err.contains("belongs to another profile"), "{err}");
}

#[test]
fn amend_changes_the_score_and_keeps_the_reason_everywhere() {
    let env = Env::new();
    let db = "a.db";
    let id = record(&env, db, "5,4,3,2,1", "2026-01-02");
    assert_eq!(trend_values(&env, db), [60.0]);

    // The value is checked as `record` checks it; nothing changes on a refusal.
    let before = bytes(&env.path(db));
    let err = env.fails(db, &["amend", &id[..8], "w3", "9", "--reason", "typo"], 2);
    assert!(
        err.contains("item w3") && err.contains("allowed: one of"),
        "{err}"
    );
    let err = env.fails(db, &["amend", &id[..8], "w9", "1", "--reason", "typo"], 2);
    assert!(err.contains("no item \"w9\""), "{err}");
    let err = env.fails(db, &["amend", &id[..8], "w3", "3", "--reason", "typo"], 2);
    assert!(err.contains("already has that answer"), "{err}");
    let err = env.fails(db, &["amend", &id[..8], "w3", "0", "--reason", "  "], 2);
    assert!(err.contains("a reason is needed"), "{err}");
    let err = env.fails(db, &["amend", &id[..8], "w3", ""], 2);
    assert!(err.contains("--reason"), "{err}");
    assert_eq!(bytes(&env.path(db)), before);

    let out = env.ok(db, &["amend", &id[..8], "w3", "0", "--reason", "typo"]);
    assert!(
        out.contains("was 3") && out.contains("reason: typo"),
        "{out}"
    );
    assert!(out.contains("60 before, 48 now"), "{out}");
    assert_eq!(trend_values(&env, db), [48.0]);

    // History.
    let h = &env.history(db)[0];
    assert_eq!(h["score"]["value"], 48.0);
    assert_eq!(h["amendments"][0]["item"], "w3");
    assert_eq!(h["amendments"][0]["was"], 3);
    assert_eq!(h["amendments"][0]["value"], 0);
    assert_eq!(h["amendments"][0]["reason"], "typo");
    let plain = env.ok(db, &["history"]);
    assert!(
        plain.contains("item w3 amended") && plain.contains("reason: typo"),
        "{plain}"
    );
    // The JSON export.
    let dump = env.dump(db);
    let a = &dump.sessions[0].amendments[0];
    assert_eq!(a.item_id, "w3");
    assert_eq!(a.reason, "typo");
    assert_eq!(a.was, Some(recap::instrument::AnswerValue::Number(3)));
    assert_eq!(a.value, Some(recap::instrument::AnswerValue::Number(0)));
    assert!(a.was_answered_at.is_some());
    // Reports, both formats.
    for format in ["md", "html"] {
        let report = env.ok(db, &["report", "--format", format]);
        assert!(report.contains("Corrections"), "{format}");
        assert!(report.contains(": was 3 ("), "{format}: {report}");
        assert!(report.contains("now 0 ("), "{format}");
        assert!(report.contains("reason: typo"), "{format}");
        assert!(report.contains("amended "), "{format}");
    }
    // FHIR marks the response amended, with the corrected answer.
    let fhir: Value = serde_json::from_str(&env.ok(db, &["export", "--format", "fhir"])).unwrap();
    let response = fhir["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "QuestionnaireResponse")
        .unwrap();
    assert_eq!(response["status"], "amended");
    let w3 = response["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == "w3")
        .unwrap();
    assert_eq!(w3["answer"][0]["valueCoding"]["code"], "0");
    // CSV has the corrected value.
    let csv = env.ok(db, &["export", "--format", "csv", "--scores"]);
    assert!(
        csv.lines()
            .any(|l| l.contains(",total,") && l.contains(",48")),
        "{csv}"
    );

    // A check-in in the trash cannot be amended until restored.
    env.ok(db, &["delete", &id, "--yes"]);
    let err = env.fails(db, &["amend", &id, "w3", "1", "--reason", "again"], 2);
    assert!(err.contains("in the trash"), "{err}");
}

#[test]
fn a_profile_is_brought_back_and_deleted_with_everything() {
    let env = Env::new();
    let db = "pr.db";
    let names = |all: bool| {
        let mut args = vec!["profiles", "list"];
        if all {
            args.push("--all");
        }
        env.ok(db, &args)
            .lines()
            .map(|l| l.split("  (").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    env.ok(db, &["profiles", "add", "Sam"]);
    env.ok(db, &["profiles", "add", "Kim"]);
    env.ok(
        db,
        &[
            "--profile",
            "Sam",
            "record",
            "who-5",
            "--answers",
            "1,2,3,4,5",
        ],
    );
    env.ok(db, &["--profile", "Sam", "notes", "add", "a note"]);
    env.ok(db, &["profiles", "archive", "Sam"]);
    assert_eq!(names(false), ["Kim"]);
    let out = env.ok(db, &["profiles", "unarchive", "Sam"]);
    assert!(out.contains("Brought back \"Sam\""), "{out}");
    assert_eq!(names(false), ["Kim", "Sam"]);
    let out = env.ok(db, &["profiles", "unarchive", "Sam"]);
    assert!(out.contains("not archived"), "{out}");
    env.fails(db, &["profiles", "unarchive", "Nobody"], 2);

    // Deleting asks, and suggests an export first.
    let err = env.fails(db, &["profiles", "delete", "Sam"], 2);
    assert!(err.contains("add --yes"), "{err}");
    assert!(err.contains("1 check-in and 1 note"), "{err}");
    assert!(
        err.contains("recap export --format json --profile \"Sam\""),
        "{err}"
    );
    assert_eq!(names(true), ["Kim", "Sam"]);
    let out = env.ok(db, &["profiles", "delete", "Sam", "--yes"]);
    assert!(
        out.contains("Deleted the profile \"Sam\" with 1 check-in and 1 note"),
        "{out}"
    );
    assert_eq!(names(true), ["Kim"]);
    let dump = env.dump(db);
    assert!(dump.sessions.is_empty() && dump.notes.is_empty());
    assert_eq!(dump.profiles.len(), 1);
}

#[test]
fn notes_round_trip_from_the_command_line() {
    let env = Env::new();
    let db = "n.db";
    let id = record(&env, db, "5,4,3,2,1", "2026-01-02");
    let notes = |env: &Env| {
        env.json(db, &["notes", "list", "--json"])
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(notes(&env).is_empty());

    let out = env.ok(db, &["notes", "add", "slept badly"]);
    assert!(out.starts_with("Added note "), "{out}");
    let out = env
        .cmd(db, &["notes", "add", "--about", &id[..8], "-"])
        .write_stdin("from standard input\nsecond line\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = notes(&env);
    assert_eq!(list.len(), 2);
    let about = list.iter().find(|n| n["about"] == id.as_str()).unwrap();
    assert_eq!(about["body"], "from standard input\nsecond line");
    let plain = env.ok(db, &["notes", "list"]);
    assert!(
        plain.contains("about the WHO-5 check-in of 2026-01-02"),
        "{plain}"
    );
    let note_id = about["id"].as_str().unwrap().to_string();

    env.cmd(db, &["notes", "edit", &note_id[..8], "-"])
        .write_stdin("changed")
        .assert()
        .success();
    env.ok(db, &["notes", "edit", &note_id[..8], "-dashes are fine"]);
    let edited = notes(&env)
        .into_iter()
        .find(|n| n["id"] == note_id.as_str())
        .unwrap();
    assert_eq!(edited["body"], "-dashes are fine");
    assert_eq!(edited["about"], id.as_str());
    let err = env.fails(db, &["notes", "edit", &note_id[..8], "  "], 2);
    assert!(err.contains("cannot be empty"), "{err}");
    let err = env.fails(db, &["notes", "add", ""], 2);
    assert!(err.contains("cannot be empty"), "{err}");
    let err = env.fails(db, &["notes", "add", "--about", "00000000", "x"], 2);
    assert!(err.contains("no check-in"), "{err}");

    let err = env.fails(db, &["notes", "delete", &note_id[..8]], 2);
    assert!(err.contains("add --yes"), "{err}");
    assert_eq!(notes(&env).len(), 2);
    env.ok(db, &["notes", "delete", &note_id[..8], "--yes"]);
    let left = notes(&env);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["body"], "slept badly");
    env.fails(db, &["notes", "delete", &note_id[..8], "--yes"], 2);
}

#[test]
fn record_asks_before_a_second_check_in_on_the_same_day() {
    let env = Env::new();
    let db = "d.db";
    env.ok(db, &["record", "who-5", "--answers", "5,4,3,2,1"]);
    let before = bytes(&env.path(db));
    let err = env.fails(db, &["record", "who-5", "--answers", "1,1,1,1,1"], 2);
    assert!(err.contains("WHO-5 was already completed on"), "{err}");
    assert!(
        err.contains("nothing was stored") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(bytes(&env.path(db)), before);
    // A dry run stores nothing anyway; another day or another questionnaire is fine.
    env.ok(
        db,
        &["record", "who-5", "--answers", "1,1,1,1,1", "--dry-run"],
    );
    env.ok(
        db,
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--date",
            "2026-01-02",
        ],
    );
    env.ok(
        db,
        &["record", "barc-10", "--answers", "6,5,4,5,6,5,4,5,6,5"],
    );
    assert_eq!(env.history(db).len(), 3);
    env.ok(db, &["record", "who-5", "--answers", "1,1,1,1,1", "--yes"]);
    assert_eq!(env.history(db).len(), 4);
    // One in the trash does not count.
    let err = env.fails(
        db,
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--date",
            "2026-01-02",
        ],
        2,
    );
    assert!(err.contains("2026-01-02"), "{err}");
    let id = env
        .history(db)
        .iter()
        .find(|h| h["date"] == "2026-01-02")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(db, &["delete", &id, "--yes"]);
    env.ok(
        db,
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--date",
            "2026-01-02",
        ],
    );
}

#[test]
fn json_export_then_import_of_trashed_and_amended_check_ins_is_exact() {
    let env = Env::new();
    let db = "orig.db";
    env.ok(db, &["profiles", "add", "Ann"]);
    let ann = |args: &[&str]| -> String {
        let mut all = vec!["--profile", "Ann"];
        all.extend_from_slice(args);
        env.ok(db, &all)
    };
    ann(&[
        "record",
        "who-5",
        "--answers",
        "5,4,3,2,1",
        "--date",
        "2026-01-02",
    ]);
    ann(&[
        "record",
        "who-5",
        "--answers",
        "1,1,1,1,1",
        "--date",
        "2026-01-05",
        "--with-counselor",
    ]);
    let weekly = format!("{},a good week", vec!["3"; 13].join(","));
    ann(&[
        "record",
        "samhsa-dimensions",
        "--answers",
        &weekly,
        "--date",
        "2026-01-06",
    ]);
    let history = env.json(db, &["--profile", "Ann", "history", "--json"]);
    let ids: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ann(&[
        "amend",
        &ids[1],
        "w2",
        "5",
        "--reason",
        "read the form again",
    ]);
    ann(&["amend", &ids[1], "w2", "2", "--reason", "second look"]);
    ann(&["notes", "add", "--about", &ids[2], "about the first"]);
    ann(&["delete", &ids[2], "--yes"]);
    ann(&[
        "amend",
        &ids[0],
        "health-goals",
        "",
        "--reason",
        "left empty on paper",
    ]);
    ann(&[
        "amend",
        &ids[0],
        "reflection",
        "a hard week",
        "--reason",
        "misread",
    ]);
    ann(&["delete", &ids[0], "--yes"]);

    let original = env.dump(db);
    let trashed: Vec<_> = original
        .sessions
        .iter()
        .filter(|s| s.deleted_at.is_some())
        .collect();
    assert_eq!(trashed.len(), 2);
    assert_eq!(
        original
            .sessions
            .iter()
            .map(|s| s.amendments.len())
            .sum::<usize>(),
        4
    );

    let file = env.path("all.json");
    env.ok(
        db,
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let copy = "copy.db";
    env.ok(copy, &["import", file.to_str().unwrap()]);
    let imported = env.dump(copy);
    // Field by field, then as a whole.
    assert_eq!(imported.profiles, original.profiles);
    assert_eq!(imported.snapshots, original.snapshots);
    assert_eq!(imported.sessions.len(), original.sessions.len());
    for (a, b) in imported.sessions.iter().zip(&original.sessions) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.status, b.status);
        assert_eq!(a.deleted_at, b.deleted_at, "{}", a.id);
        assert_eq!(a.answers, b.answers, "{}", a.id);
        assert_eq!(a.amendments, b.amendments, "{}", a.id);
        assert_eq!(a, b);
    }
    assert_eq!(imported.notes, original.notes);
    assert_eq!(imported, original);
    // What the copy shows follows: same trends, same trash, same history.
    for args in [
        &["--profile", "Ann", "trends", "--json"][..],
        &["--profile", "Ann", "history", "--json"],
        &["trash", "list", "--json"],
        &["export", "--format", "csv", "--scores"],
    ] {
        assert_eq!(env.ok(copy, args), env.ok(db, args), "{args:?}");
    }
    // Importing again adds nothing.
    let out = env.ok(copy, &["import", file.to_str().unwrap()]);
    assert!(out.contains("Nothing to import"), "{out}");
    // An export from before the trash and amendments existed still imports.
    let mut old: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for s in old["sessions"].as_array_mut().unwrap() {
        let s = s.as_object_mut().unwrap();
        s.remove("deleted_at");
        s.remove("amendments");
    }
    let old_file = env.path("old.json");
    std::fs::write(&old_file, old.to_string()).unwrap();
    env.ok("old.db", &["import", old_file.to_str().unwrap()]);
    let history = env.history("old.db");
    assert_eq!(history.len(), 3);
    assert!(history.iter().all(|h| h["status"] == "completed"));
}

#[cfg(unix)]
#[test]
fn on_a_terminal_delete_asks_and_profile_delete_wants_the_name() {
    use common::pty::Pty;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recap.db");
    let recap = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_recap"))
            .env("RECAP_DB", &db)
            .env("RECAP_CONFIG_DIR", dir.path().join("config"))
            .env("TZ", "UTC")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    recap(&["profiles", "add", "Sam"]);
    recap(&["record", "who-5", "--answers", "5,4,3,2,1"]);
    let history: Value = serde_json::from_str(&recap(&["history", "--json"])).unwrap();
    let id = history[0]["id"].as_str().unwrap().to_string();

    let mut pty = Pty::spawn(dir.path(), &["delete", &id[..8]], 100, 20, &[]);
    pty.wait_for("to the trash? [y/N]");
    pty.send("n\r");
    pty.wait_for("Nothing was changed.");
    assert_eq!(pty.wait_exit(), Some(0));
    assert!(recap(&["trash", "list"]).contains("empty"));

    let mut pty = Pty::spawn(dir.path(), &["delete", &id[..8]], 100, 20, &[]);
    pty.wait_for("to the trash? [y/N]");
    pty.send("y\r");
    pty.wait_for("Moved the WHO-5 check-in");
    assert_eq!(pty.wait_exit(), Some(0));
    assert!(recap(&["trash", "list"]).contains(&id[..8]));

    let mut pty = Pty::spawn(dir.path(), &["profiles", "delete", "Sam"], 100, 20, &[]);
    pty.wait_for("recap export --format json --profile \"Sam\"");
    pty.wait_for("Type the name (Sam) to confirm:");
    pty.send("sam?\r");
    pty.wait_for("nothing was changed");
    assert_eq!(pty.wait_exit(), Some(0));
    assert!(recap(&["profiles", "list"]).contains("Sam"));

    let mut pty = Pty::spawn(dir.path(), &["profiles", "delete", "Sam"], 100, 20, &[]);
    pty.wait_for("Type the name (Sam) to confirm:");
    pty.send("Sam\r");
    pty.wait_for("Deleted the profile \"Sam\"");
    assert_eq!(pty.wait_exit(), Some(0));
    assert!(!recap(&["profiles", "list", "--all"]).contains("Sam"));
}
