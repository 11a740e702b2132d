//! Records a counselor keeps, through the real binary: notes private or
//! shared in reports and exports, their author and history in the JSON
//! export, client ids (profiles, CSV, merge import), one-page summaries with
//! the program's header and a signature line, report file names without
//! the full name, support messages that know the room (with a counselor,
//! repeated, no settings on a crisis screen), and plain mode asking alone or
//! with a counselor.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const COUNSELOR: &str = "[counselor]\nname = \"Dana Reyes\"\nprogram = \"Harbor Outpatient\"\n";

struct Env {
    dir: TempDir,
}

impl Env {
    /// A counselor's machine (config.toml with `[counselor]`).
    fn counselor() -> Env {
        let env = Env::plain();
        std::fs::create_dir_all(env.path().join("config")).unwrap();
        std::fs::write(env.path().join("config/config.toml"), COUNSELOR).unwrap();
        env
    }

    /// A person's own machine (no config.toml).
    fn plain() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    fn cmd(&self, db: &str, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path().join("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .current_dir(self.path())
            .arg("--db")
            .arg(self.file(db))
            .args(args);
        cmd
    }

    fn ok(&self, db: &str, args: &[&str]) -> String {
        let out = self.cmd(db, args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn refused(&self, db: &str, args: &[&str]) -> String {
        let out = self.cmd(db, args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn json(&self, db: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(db, args)).unwrap()
    }
}

fn notes_of(doc: &Value) -> Vec<&Value> {
    doc["notes"].as_array().unwrap().iter().collect()
}

fn bodies(doc: &Value) -> Vec<&str> {
    notes_of(doc)
        .iter()
        .map(|n| n["body"].as_str().unwrap())
        .collect()
}

/// One client with a check-in, a counselor's note (private by default)
/// and a shared one.
fn one_client(env: &Env) {
    env.ok("c.db", &["profiles", "add", "A.L.", "--client-id", "MRN-9"]);
    env.ok(
        "c.db",
        &[
            "--profile",
            "A.L.",
            "record",
            "who-5",
            "--answers",
            "3,3,2,2,3",
            "--date",
            "2026-01-05",
            "--with-counselor",
        ],
    );
    let out = env.ok(
        "c.db",
        &[
            "--profile",
            "A.L.",
            "notes",
            "add",
            "Private: unsure about housing.",
        ],
    );
    assert!(out.contains("private"), "{out}");
    let out = env.ok(
        "c.db",
        &[
            "--profile",
            "A.L.",
            "notes",
            "add",
            "--shared",
            "Walk daily.",
        ],
    );
    assert!(out.contains("shared"), "{out}");
}

#[test]
fn counselor_notes_start_private_and_stay_out_of_reports_and_exports() {
    let env = Env::counselor();
    one_client(&env);
    let al = ["--profile", "A.L."];

    let list = env.json("c.db", &[&al[..], &["notes", "list", "--json"]].concat());
    let marks: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["visibility"].as_str().unwrap(),
                n["author"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(marks.len(), 2);
    assert!(marks.contains(&("private", "Dana Reyes")));
    assert!(marks.contains(&("shared", "Dana Reyes")));
    let text = env.ok("c.db", &[&al[..], &["notes", "list"]].concat());
    assert!(text.contains("(private, by Dana Reyes)"), "{text}");

    // Reports: shared notes only, unless asked.
    for format in ["md", "html"] {
        let report = env.ok("c.db", &[&al[..], &["report", "--format", format]].concat());
        assert!(report.contains("Walk daily."), "{format}");
        assert!(
            !report.contains("unsure about housing"),
            "{format}: a private note"
        );
        let all = env.ok(
            "c.db",
            &[
                &al[..],
                &["report", "--format", format, "--with-private-notes"],
            ]
            .concat(),
        );
        assert!(all.contains("unsure about housing"), "{format}");
        assert!(all.contains("private note by Dana Reyes"), "{format}");
    }

    // Exports: the JSON export carries shared notes only, unless asked;
    // FHIR only shared ones, only with --with-notes.
    let doc = env.json("c.db", &["export", "--format", "json"]);
    assert_eq!(bodies(&doc), ["Walk daily."]);
    let doc = env.json(
        "c.db",
        &["export", "--format", "json", "--with-private-notes"],
    );
    assert_eq!(bodies(&doc).len(), 2);
    let fhir = env.ok("c.db", &["export", "--format", "fhir", "--with-notes"]);
    assert!(fhir.contains("Walk daily.") && !fhir.contains("unsure about housing"));
    let err = env.refused(
        "c.db",
        &["export", "--format", "fhir", "--with-private-notes"],
    );
    assert!(err.contains("--format json only"), "{err}");

    // A person's own notes (no [counselor]) are shared, as before.
    let own = Env::plain();
    own.ok("o.db", &["notes", "add", "my own note"]);
    let doc = own.json("o.db", &["export", "--format", "json"]);
    assert_eq!(bodies(&doc), ["my own note"]);
    assert_eq!(notes_of(&doc)[0]["visibility"], "shared");
    assert!(notes_of(&doc)[0].get("author").is_none());
}

#[test]
fn the_json_export_keeps_each_notes_author_and_history_and_imports_it() {
    let env = Env::counselor();
    one_client(&env);
    let al = ["--profile", "A.L."];
    let list = env.json("c.db", &[&al[..], &["notes", "list", "--json"]].concat());
    let id_of = |body: &str| -> String {
        list.as_array()
            .unwrap()
            .iter()
            .find(|n| n["body"] == body)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let shared = id_of("Walk daily.");
    let private = id_of("Private: unsure about housing.");
    env.ok(
        "c.db",
        &[
            &al[..],
            &["notes", "edit", &shared[..8], "Walk daily, 20 minutes."],
        ]
        .concat(),
    );
    env.ok(
        "c.db",
        &[&al[..], &["notes", "edit", &shared[..8], "--private"]].concat(),
    );
    env.ok(
        "c.db",
        &[&al[..], &["notes", "edit", &shared[..8], "--shared"]].concat(),
    );
    env.ok(
        "c.db",
        &[&al[..], &["notes", "delete", &private[..8], "--yes"]].concat(),
    );

    // Deleted: out of the list and of the shared export.
    let list = env.json("c.db", &[&al[..], &["notes", "list", "--json"]].concat());
    assert_eq!(list.as_array().unwrap().len(), 1);
    let doc = env.json("c.db", &["export", "--format", "json"]);
    assert_eq!(bodies(&doc), ["Walk daily, 20 minutes."]);

    let file = env.file("all.json");
    env.ok(
        "c.db",
        &[
            "export",
            "--format",
            "json",
            "--with-private-notes",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let notes = notes_of(&doc);
    let kept = notes.iter().find(|n| n["id"] == shared.as_str()).unwrap();
    assert_eq!(kept["author"], "Dana Reyes");
    assert_eq!(kept["visibility"], "shared");
    let history: Vec<(&str, &str, &str)> = kept["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap(),
                h["body_before"].as_str().unwrap(),
                h["visibility_before"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            ("edited", "Walk daily.", "shared"),
            ("visibility", "Walk daily, 20 minutes.", "shared"),
            ("visibility", "Walk daily, 20 minutes.", "private"),
        ]
    );
    assert!(
        kept["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["changed_by"] == "Dana Reyes" && h["changed_at"].is_string())
    );
    let gone = notes.iter().find(|n| n["id"] == private.as_str()).unwrap();
    assert!(gone["deleted_at"].is_string());
    assert_eq!(gone["visibility"], "private");
    assert_eq!(gone["history"][0]["kind"], "deleted");
    assert_eq!(
        gone["history"][0]["body_before"],
        "Private: unsure about housing."
    );
    assert_eq!(doc["profiles"][0]["client_id"], "MRN-9");

    // Imported elsewhere, exported again: the same notes, history and all.
    env.ok("copy.db", &["import", file.to_str().unwrap()]);
    let again = env.json(
        "copy.db",
        &["export", "--format", "json", "--with-private-notes"],
    );
    assert_eq!(again["notes"], doc["notes"]);
    assert_eq!(again["profiles"], doc["profiles"]);
    let list = env.json("copy.db", &[&al[..], &["notes", "list", "--json"]].concat());
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "the deleted note stays deleted"
    );

    // A file from before notes were kept apart imports; its notes are shared.
    let mut old = doc.clone();
    for p in old["profiles"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("client_id");
    }
    let notes = old["notes"].as_array_mut().unwrap();
    notes.retain(|n| n.get("deleted_at").is_none());
    for n in notes.iter_mut() {
        for key in ["visibility", "author", "history"] {
            n.as_object_mut().unwrap().remove(key);
        }
    }
    let old_file = env.file("old.json");
    std::fs::write(&old_file, serde_json::to_string(&old).unwrap()).unwrap();
    env.ok("old.db", &["import", old_file.to_str().unwrap()]);
    let back = env.json("old.db", &["export", "--format", "json"]);
    assert_eq!(bodies(&back), ["Walk daily, 20 minutes."]);
    assert_eq!(notes_of(&back)[0]["visibility"], "shared");
    assert!(back["profiles"][0].get("client_id").is_none());

    // A history that contradicts the note is refused with its position.
    let mut bad = doc.clone();
    for n in bad["notes"].as_array_mut().unwrap() {
        n.as_object_mut().unwrap().remove("deleted_at");
    }
    let bad_file = env.file("bad.json");
    std::fs::write(&bad_file, serde_json::to_string(&bad).unwrap()).unwrap();
    let err = env.refused("bad.db", &["import", bad_file.to_str().unwrap()]);
    assert!(
        err.contains("history") && err.contains("nothing was imported"),
        "{err}"
    );
}

#[test]
fn client_ids_are_kept_listed_and_in_the_csv_with_counselor_and_both_times() {
    let env = Env::counselor();
    one_client(&env);
    env.ok("c.db", &["profiles", "add", "B.K."]);
    let list = env.ok("c.db", &["profiles", "list"]);
    assert!(list.contains("A.L.  (client id MRN-9, added"), "{list}");
    env.ok(
        "c.db",
        &["profiles", "set", "B.K.", "--client-id", "MRN-10"],
    );
    let err = env.refused("c.db", &["profiles", "set", "B.K.", "--client-id", "mrn-9"]);
    assert!(
        err.contains("already has the client id") && !err.contains("A.L."),
        "{err}"
    );
    let err = env.refused(
        "c.db",
        &["profiles", "set", "B.K.", "--client-id", "has space"],
    );
    assert!(err.contains("client id may hold only"), "{err}");
    env.ok("c.db", &["profiles", "set", "B.K.", "--no-client-id"]);
    assert!(!env.ok("c.db", &["profiles", "list"]).contains("MRN-10"));

    let csv = env.ok("c.db", &["--profile", "A.L.", "export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for r in &rows {
        assert_eq!(&r[col("client_id")], "MRN-9");
        assert_eq!(&r[col("with_counselor")], "true");
        assert_eq!(&r[col("completed_at_utc")], "2026-01-05T12:00:00.000Z");
        assert_eq!(&r[col("completed_at_local")], "2026-01-05T12:00:00");
    }
    let scores = env.ok(
        "c.db",
        &["--profile", "A.L.", "export", "--format", "csv", "--scores"],
    );
    let mut reader = csv::Reader::from_reader(scores.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let row = reader.records().next().unwrap().unwrap();
    let at = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(at("client_id"), "MRN-9");
    assert_eq!(at("completed_at_utc"), "2026-01-05T12:00:00.000Z");
}

/// A person's own export, made on their own machine (profile "Me", no
/// client id, two WHO-5 check-ins and a note), written into `to`.
fn clients_own_export(to: &Env) -> PathBuf {
    let own = Env::plain();
    for (day, answers) in [("2026-02-01", "2,2,2,2,2"), ("2026-02-08", "3,3,3,3,3")] {
        own.ok(
            "own.db",
            &["record", "who-5", "--answers", answers, "--date", day],
        );
    }
    own.ok("own.db", &["notes", "add", "written at home"]);
    let file = to.file("mine.json");
    own.ok(
        "own.db",
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    file
}

#[test]
fn a_clients_own_export_merges_into_their_profile_by_client_id_or_into() {
    let env = Env::counselor();
    one_client(&env);
    let history = |db: &str, who: &str| -> usize {
        env.json(db, &["--profile", who, "history", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(history("c.db", "A.L."), 1);

    // --into: the file's one profile joins A.L.; no "Me (imported)".
    let file = clients_own_export(&env);
    let out = env.ok(
        "c.db",
        &["import", file.to_str().unwrap(), "--into", "A.L."],
    );
    assert!(out.contains("merged into \"A.L.\""), "{out}");
    assert_eq!(history("c.db", "A.L."), 3);
    let names: Vec<String> = env
        .ok("c.db", &["profiles", "list"])
        .lines()
        .map(|l| l.split("  ").next().unwrap().to_string())
        .collect();
    assert_eq!(names, ["A.L."]);
    let notes = env.json("c.db", &["--profile", "A.L.", "notes", "list", "--json"]);
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["body"] == "written at home")
    );
    // Again: nothing new.
    let out = env.ok(
        "c.db",
        &["import", file.to_str().unwrap(), "--into", "A.L."],
    );
    assert!(out.contains("Nothing to import"), "{out}");
    // --into takes a file of one profile, and a profile that exists.
    let err = env.refused(
        "c.db",
        &["import", file.to_str().unwrap(), "--into", "Nobody"],
    );
    assert!(err.contains("recap profiles list"), "{err}");

    // By client id: an export whose profile carries A.L.'s client id (from
    // another agency's recap) merges without --into.
    let other = Env::counselor();
    other.ok(
        "x.db",
        &["profiles", "add", "Ana Lopez", "--client-id", "mrn-9"],
    );
    other.ok(
        "x.db",
        &[
            "--profile",
            "Ana Lopez",
            "record",
            "barc-10",
            "--answers",
            "3,3,3,3,3,3,3,3,3,3",
            "--date",
            "2026-03-01",
        ],
    );
    let agency = env.file("agency.json");
    other.ok(
        "x.db",
        &[
            "export",
            "--format",
            "json",
            "--out",
            agency.to_str().unwrap(),
        ],
    );
    let out = env.ok("c.db", &["import", agency.to_str().unwrap()]);
    assert!(
        out.contains("\"Ana Lopez\" of the file was merged into \"A.L.\""),
        "{out}"
    );
    assert_eq!(history("c.db", "A.L."), 4);
    assert_eq!(
        env.ok("c.db", &["profiles", "list"]).lines().count(),
        1,
        "no second profile"
    );

    // Two profiles in one file cannot go --into one.
    env.ok("two.db", &["profiles", "add", "P1"]);
    env.ok("two.db", &["profiles", "add", "P2"]);
    let two = env.file("two.json");
    env.ok(
        "two.db",
        &["export", "--format", "json", "--out", two.to_str().unwrap()],
    );
    let err = env.refused("c.db", &["import", two.to_str().unwrap(), "--into", "A.L."]);
    assert!(err.contains("the file holds 2 profiles"), "{err}");
}

#[test]
fn a_summary_fits_a_page_with_the_program_counselor_and_a_signature_line() {
    let env = Env::counselor();
    one_client(&env);
    let al = ["--profile", "A.L."];
    for (day, answers) in [("2026-01-19", "1,1,1,1,1"), ("2026-02-02", "4,4,4,4,4")] {
        env.ok(
            "c.db",
            &[
                &al[..],
                &["record", "who-5", "--answers", answers, "--date", day],
            ]
            .concat(),
        );
    }
    let md = env.ok(
        "c.db",
        &[
            &al[..],
            &["report", "--format", "md", "--summary", "--signature"],
        ]
        .concat(),
    );
    assert!(md.starts_with("# Recovery check-in summary"), "{md}");
    for want in [
        "**Client id:** MRN-9",
        "**Program:** Harbor Outpatient",
        "**Counselor:** Dana Reyes",
        // The latest score with what its band means and its change.
        "Well-being: 80 (Above 50). Above the threshold for poor well-being.",
        "+60 (reliable improvement) since the check-in before",
        "Walk daily.",
        "Signature: ____",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
    // Not the long report: no answer tables, no per-questionnaire notes on
    // sources, no private notes; the support message of 19 Jan once.
    assert!(!md.contains("Answers at the latest check-in"), "{md}");
    assert!(!md.contains("unsure about housing"), "{md}");
    assert!(
        md.lines().count() < 60,
        "one page: {} lines",
        md.lines().count()
    );
    let full = env.ok("c.db", &[&al[..], &["report", "--format", "md"]].concat());
    assert!(full.lines().count() > md.lines().count());
    assert!(
        !full.contains("Signature:"),
        "a signature line only when asked"
    );
    assert!(
        full.contains("**Program:** Harbor Outpatient"),
        "the header in every report"
    );

    let html = env.ok(
        "c.db",
        &[
            &al[..],
            &["report", "--format", "html", "--summary", "--signature"],
        ]
        .concat(),
    );
    assert!(html.contains("Recovery check-in summary") && html.contains("Harbor Outpatient"));
    assert!(!html.contains("<svg"), "no charts on the one page");
    assert!(html.contains(r#"class="signature""#));
}

#[test]
fn report_file_names_carry_the_client_id_or_initials_never_the_name() {
    use chrono::NaiveDate;
    use recap::report::{Format, default_path};
    use recap::store::Store;

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("r.db")).unwrap();
    let now = chrono::Utc::now();
    let with_id = store
        .add_profile_with("Ana Lopez", Some("MRN-9"), now)
        .unwrap();
    let without = store.add_profile("Ben Okafor", now).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
    let a = default_path(dir.path(), &with_id, day, Format::Html).unwrap();
    assert!(a.ends_with("recap-report-mrn-9-2026-02-03.html"), "{a:?}");
    let b = default_path(dir.path(), &without, day, Format::Markdown).unwrap();
    assert!(b.ends_with("recap-report-bo-2026-02-03.md"), "{b:?}");
    // A bare name gives its initials too.
    let c = default_path(dir.path(), &without.name, day, Format::Html).unwrap();
    assert!(c.ends_with("recap-report-bo-2026-02-03.html"), "{c:?}");
    for p in [&a, &b, &c] {
        let name = p.file_name().unwrap().to_string_lossy().to_lowercase();
        assert!(!name.contains("ana") && !name.contains("okafor") && !name.contains("ben"));
    }
}

#[test]
fn support_messages_speak_to_the_pair_shorten_when_repeated_and_hold_no_settings() {
    let env = Env::plain();
    let record = |args: &[&str]| -> Value {
        let mut all = vec!["record", "who-5", "--json", "--yes"];
        all.extend_from_slice(args);
        env.json("s.db", &all)
    };
    let messages = |v: &Value| -> Vec<(String, bool)> {
        v["support"]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["message"].as_str().unwrap().to_string(),
                    m["repeated"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    // Alone: the questionnaire's message, which suggests a counselor.
    let alone = record(&["--answers", "1,1,1,1,1", "--date", "2026-01-05"]);
    let first = messages(&alone);
    assert_eq!(first.len(), 2);
    assert!(
        first[0].0.contains("talking with a doctor, counselor"),
        "{first:?}"
    );
    assert!(first.iter().all(|(_, repeated)| !repeated));

    // With a counselor: words for the two of them, and marked as repeated
    // (the same messages fired at the check-in before).
    let together = record(&[
        "--answers",
        "1,1,1,1,1",
        "--date",
        "2026-01-12",
        "--with-counselor",
    ]);
    let pair = messages(&together);
    assert_eq!(pair.len(), 2);
    for (m, repeated) in &pair {
        assert!(!m.contains("counselor can help"), "{m}");
        assert!(!m.contains("doctor, counselor"), "{m}");
        assert!(m.contains("together"), "{m}");
        assert!(repeated);
    }

    // As text: the repeated message is shortened with a pointer, its full
    // text comes after the scores, and nothing about settings is said.
    let text = env.ok(
        "s.db",
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,0",
            "--date",
            "2026-01-19",
            "--yes",
        ],
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Your answers suggest the last two weeks have been really hard. (As at the last check-in; the full message is below.)"
    );
    let full = text
        .find("The support messages in full:")
        .unwrap_or_else(|| panic!("{text}"));
    let score = text.find("Well-being: 16").unwrap();
    assert!(score < full, "{text}");
    assert!(text[full..].contains(&first[0].0), "{text}");
    assert!(!text.contains("config.toml"), "{text}");
    assert!(
        text.contains("These services are in the United States."),
        "{text}"
    );
}

#[test]
fn plain_mode_asks_alone_or_with_a_counselor_and_keeps_the_answer() {
    use common::pty::Pty;

    let dir = tempfile::tempdir().unwrap();
    // Asked where a counselor is plausible: here, two clients in one file.
    for name in ["A.B.", "C.D."] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_recap"))
            .env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", dir.path().join("config"))
            .arg("--db")
            .arg(dir.path().join("recap.db"))
            .args(["profiles", "add", name])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let mut p = Pty::spawn(
        dir.path(),
        &["--plain", "--profile", "A.B.", "check-in", "who-5"],
        100,
        40,
        &[],
    );
    p.wait_for("Is this check-in done alone, or together with a counselor?");
    p.wait_for("Type a or c (Enter: alone");
    p.send("x\r");
    p.wait_for("Please type a (alone) or c (with a counselor)");
    p.send("c\r");
    for n in 1..=5 {
        p.wait_for(&format!("Question {n} of 5"));
        p.send("1\r");
    }
    p.wait_for("Your answers");
    p.send("\r");
    // Together: the support message speaks to the two of them.
    p.wait_for("a good moment to talk it through");
    assert_eq!(p.wait_exit(), Some(0));

    let conn = rusqlite::Connection::open(dir.path().join("recap.db")).unwrap();
    let (with, default): (bool, bool) = conn
        .query_row(
            "SELECT s.with_counselor, p.counselor_default FROM sessions s JOIN profiles p ON p.id = s.profile_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(with, "stored as done with a counselor");
    assert!(default, "the next check-in offers the same answer first");

    // Through a pipe nothing is asked: the answers start at once.
    let out = Command::cargo_bin("recap")
        .unwrap()
        .env("RECAP_DB", dir.path().join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.path().join("config"))
        .args(["--plain", "check-in", "who-5"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("together with a counselor?"), "{stdout}");
}
