//! The counselor's private overview through the real binary: `recap
//! caseload --json` on a hand-made caseload (what is due, declines, support
//! messages since the last session, the last note), its two orders, `recap
//! prep --json` for one client, and errors that name no profile.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{Duration, NaiveDate, Utc};
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

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn db(&self) -> PathBuf {
        self.path().join("c.db")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path().join("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.db())
            .args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Fails with exit code 2; returns standard error.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// A WHO-5 check-in for `profile`, `days_ago` days before today.
    fn who5(&self, profile: &str, answers: &str, days_ago: i64, together: bool) {
        let day = day(days_ago);
        let mut args = vec![
            "--profile",
            profile,
            "record",
            "who-5",
            "--answers",
            answers,
            "--date",
            &day,
            "--yes",
        ];
        if together {
            args.push("--with-counselor");
        }
        self.ok(&args);
    }
}

fn day(days_ago: i64) -> String {
    let today: NaiveDate = Utc::now().date_naive();
    (today - Duration::days(days_ago)).to_string()
}

/// Six clients: a decline with support messages, one just seen, an
/// improvement, one never checked in, one archived; one profile the
/// caseload is asked about by name.
fn caseload() -> Env {
    let env = Env::new();
    env.ok(&["profiles", "add", "A.B.", "--client-id", "C-1"]);
    env.ok(&["profiles", "add", "C.D."]);
    env.ok(&["profiles", "add", "E.F.", "--client-id", "C-3"]);
    env.ok(&["profiles", "add", "G.H."]);
    env.ok(&["profiles", "add", "Z.Z."]);
    env.ok(&["profiles", "archive", "Z.Z."]);

    // A.B.: 80 at the last session, then 20 twice alone (a reliable
    // decline, both WHO-5 support messages each time).
    env.who5("A.B.", "4,4,4,4,4", 40, true);
    env.who5("A.B.", "1,1,1,1,1", 33, false);
    env.who5("A.B.", "1,1,1,1,1", 26, false);
    env.ok(&["--profile", "A.B.", "notes", "add", "sleep is worse"]);
    // C.D.: seen today, nothing due on WHO-5.
    env.who5("C.D.", "3,3,3,3,3", 0, true);
    // E.F.: 20 at the last session, 80 since (a reliable improvement).
    env.who5("E.F.", "1,1,1,1,1", 20, true);
    env.who5("E.F.", "4,4,4,4,4", 3, false);
    env
}

fn row<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["profile"] == name)
        .unwrap_or_else(|| panic!("{name} not in {rows:#}"))
}

fn names(rows: &Value) -> Vec<&str> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["profile"].as_str().unwrap())
        .collect()
}

#[test]
fn caseload_json_shows_due_declines_and_support_messages_since_the_last_session() {
    let env = caseload();
    let rows = env.json(&["caseload", "--json"]);
    // Active profiles only.
    assert_eq!(rows.as_array().unwrap().len(), 4);
    assert!(!names(&rows).contains(&"Z.Z."));

    let ab = row(&rows, "A.B.");
    assert_eq!(ab["client_id"], "C-1");
    assert!(
        ab["last_session"].as_str().unwrap().starts_with(&day(40)),
        "{ab:#}"
    );
    assert!(ab["last_check_in"].as_str().unwrap().starts_with(&day(26)));
    // WHO-5 is 26 days old with a 14-day interval: 12 days overdue.
    let who5_due = ab["due"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["questionnaire"] == "who-5")
        .unwrap();
    assert_eq!(who5_due["days_overdue"], 12);
    assert_eq!(who5_due["never_done"], false);
    // The headline: 20, the same as the time before.
    let score = &ab["scores"][0];
    assert_eq!(score["questionnaire"], "who-5");
    assert_eq!(score["value"], 20.0);
    assert_eq!(score["direction"], "same");
    // Since the last session: 80 -> 20, a reliable decline.
    let changes = ab["reliable_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{ab:#}");
    assert_eq!(changes[0]["from"], 80.0);
    assert_eq!(changes[0]["to"], 20.0);
    assert_eq!(changes[0]["verdict"], "reliable_decline");
    assert_eq!(changes[0]["direction"], "worse");
    assert_eq!(ab["declines"], 1);
    // Both WHO-5 messages at both check-ins after the session; the second
    // time they are marked as repeated.
    let safety = ab["safety"].as_array().unwrap();
    assert_eq!(safety.len(), 4, "{ab:#}");
    let repeated: Vec<bool> = safety
        .iter()
        .map(|s| s["repeated"].as_bool().unwrap())
        .collect();
    assert_eq!(repeated, [false, false, true, true]);
    assert!(
        safety
            .iter()
            .all(|s| s["at"].as_str().unwrap() > ab["last_session"].as_str().unwrap())
    );
    assert!(ab["last_note"].is_string());

    // C.D. was seen today: WHO-5 not due, no messages, no changes.
    let cd = row(&rows, "C.D.");
    assert!(
        !cd["due"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["questionnaire"] == "who-5")
    );
    assert_eq!(cd["safety"].as_array().unwrap().len(), 0);
    assert!(cd["last_note"].is_null());

    // E.F. improved reliably; the message at the session itself is not
    // "since" it.
    let ef = row(&rows, "E.F.");
    let changes = ef["reliable_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["verdict"], "reliable_improvement");
    assert_eq!(changes[0]["direction"], "better");
    assert_eq!(ef["declines"], 0);
    assert_eq!(ef["safety"].as_array().unwrap().len(), 0);

    // G.H. never checked in: every questionnaire is due, never done.
    let gh = row(&rows, "G.H.");
    assert!(gh["last_check_in"].is_null());
    assert!(gh["last_session"].is_null());
    assert!(
        gh["due"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["never_done"] == true && d["days_overdue"].is_null())
    );
    assert_eq!(gh["due"].as_array().unwrap().len(), 3);
}

#[test]
fn caseload_sorts_by_due_and_by_decline() {
    let env = caseload();
    // Due: the longest overdue first (A.B. 12 days on WHO-5 ...), then by
    // what was never done.
    let by_due = env.json(&["caseload", "--json", "--sort", "due"]);
    assert_eq!(names(&by_due)[0], "A.B.");
    let by_decline = env.json(&["caseload", "--json", "--sort", "decline"]);
    assert_eq!(names(&by_decline)[0], "A.B.", "a reliable decline first");
    let by_name = env.json(&["caseload", "--json", "--sort", "name"]);
    assert_eq!(names(&by_name), ["A.B.", "C.D.", "E.F.", "G.H."]);
    // The default is by what is due.
    assert_eq!(names(&env.json(&["caseload", "--json"])), names(&by_due));
    // E.F. improved and C.D. is steady: neither comes before a decline or
    // a support message.
    let decline_order = names(&by_decline);
    let pos = |n: &str| decline_order.iter().position(|x| *x == n).unwrap();
    assert!(pos("A.B.") < pos("E.F.") && pos("A.B.") < pos("C.D."));

    // The text view warns that it names every client.
    let text = env.ok(&["caseload"]);
    assert!(text.contains("names every client"), "{text}");
    assert!(text.contains("A.B.  [C-1]"), "{text}");
    assert!(text.contains("reliable decline"), "{text}");
}

#[test]
fn caseload_of_an_empty_database_is_empty_and_creates_nothing() {
    let env = Env::new();
    assert_eq!(env.json(&["caseload", "--json"]), Value::Array(Vec::new()));
    assert!(!env.db().exists());
}

#[test]
fn prep_json_tells_what_happened_since_the_last_session() {
    let env = caseload();
    let p = env.json(&["--profile", "A.B.", "prep", "--json"]);
    assert_eq!(p["profile"], "A.B.");
    assert_eq!(p["client_id"], "C-1");
    assert!(p["last_session"].as_str().unwrap().starts_with(&day(40)));
    let check_ins = p["check_ins"].as_array().unwrap();
    assert_eq!(check_ins.len(), 2);
    assert!(check_ins.iter().all(|c| c["with_counselor"] == false));
    assert!(check_ins[0]["at"].as_str().unwrap().starts_with(&day(33)));
    // Every score compared with the last session.
    let changes = p["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["score"], "total");
    assert_eq!(changes[0]["diff"], -60.0);
    assert_eq!(changes[0]["verdict"], "reliable_decline");
    assert_eq!(p["reliable_changes"], Value::Array(changes.clone()));
    // The answers that moved most: each of the five went from 4 to 1.
    let moved = p["moved"].as_array().unwrap();
    assert_eq!(moved.len(), 3);
    assert!(moved.iter().all(|m| m["delta"] == -3), "{moved:#?}");
    assert_eq!(moved[0]["from"], "Most of the time");
    assert_eq!(moved[0]["to"], "Some of the time");
    assert_eq!(p["safety"].as_array().unwrap().len(), 4);
    assert_eq!(p["last_note"]["body"], "sleep is worse");

    // No session with a counselor yet: everything so far counts.
    env.ok(&[
        "--profile",
        "G.H.",
        "record",
        "who-5",
        "--answers",
        "3,3,3,3,3",
    ]);
    let gh = env.json(&["--profile", "G.H.", "prep", "--json"]);
    assert!(gh["last_session"].is_null());
    assert_eq!(gh["check_ins"].as_array().unwrap().len(), 1);
    assert_eq!(gh["changes"].as_array().unwrap().len(), 0);

    // The text view says the same.
    let text = env.ok(&["--profile", "A.B.", "prep"]);
    assert!(text.contains("Since the last session"), "{text}");
    assert!(text.contains("80 -> 20 (-60) (reliable decline)"), "{text}");
    assert!(text.contains("sleep is worse"), "{text}");
}

#[test]
fn an_error_from_a_command_without_a_profile_names_no_profile() {
    let env = caseload();
    let clients = ["A.B.", "C.D.", "E.F.", "G.H.", "Z.Z.", "C-1", "C-3"];
    for args in [
        &["prep"][..],
        &["history"],
        &["trends", "--json"],
        &["report", "--format", "md"],
        &["notes", "list"],
        &["notes", "add", "x"],
        &["record", "who-5", "--answers", "1,1,1,1,1"],
        &["check-in", "who-5"],
        &["check-in", "who-5", "--plain"],
        &["--profile", "Nobody", "history"],
        &["--profile", "Nobody", "report", "--format", "md"],
        &["profiles", "set", "Nobody", "--client-id", "X-1"],
    ] {
        let err = env.refused(args);
        assert!(err.contains("recap profiles list"), "{args:?}: {err}");
        for name in clients {
            assert!(!err.contains(name), "{args:?} named {name}: {err}");
        }
    }
    // A client id taken by another profile: refused without naming it.
    let err = env.refused(&["profiles", "add", "Q.Q.", "--client-id", "c-1"]);
    assert!(err.contains("already has the client id"), "{err}");
    assert!(!err.contains("A.B."), "{err}");
}
