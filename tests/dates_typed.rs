//! Dates as typed: the real binary under `TZ=Pacific/Auckland` and
//! `TZ=America/Los_Angeles`. `record --date D` stores and shows D on every
//! surface (record, trends --plain / --json, CSV, report, JSON and FHIR
//! exports), also when read in another zone; `--date` today is stored at the
//! moment it was entered, never later; days after today and before 1900 are
//! refused; the JSON export carries the day and offset and imports again.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use tempfile::TempDir;

const AUCKLAND: &str = "Pacific/Auckland";
const LOS_ANGELES: &str = "America/Los_Angeles";
/// A past day, summer time in Auckland (+13:00), winter in Los Angeles (-08:00).
const DAY: &str = "2025-11-20";

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

    /// `recap --db DB ...` in time zone `tz`.
    fn recap(&self, tz: &str, db: &str) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", tz)
            .arg("--db")
            .arg(self.path(db));
        cmd
    }

    /// Runs and returns stdout; fails the test unless it exits 0.
    fn ok(&self, tz: &str, db: &str, args: &[&str]) -> String {
        let out = self.recap(tz, db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "recap {args:?} under {tz}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and returns (exit code, stderr).
    fn fails(&self, tz: &str, db: &str, args: &[&str]) -> (Option<i32>, String) {
        let out = self.recap(tz, db).args(args).output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    }
}

/// Every string value under the key `key`, anywhere in `v`.
fn all_strings<'a>(v: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(map) => {
            for (k, value) in map {
                if let (true, Some(s)) = (k == key, value.as_str()) {
                    out.push(s);
                }
                all_strings(value, key, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| all_strings(i, key, out)),
        _ => {}
    }
}

fn strings_at(v: &Value, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    all_strings(v, key, &mut out);
    out.into_iter().map(String::from).collect()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The `completed_at` column of a CSV export.
fn csv_completed(text: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let col = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "completed_at")
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap()[col].to_string())
        .collect()
}

/// What every surface shows for a WHO-5 form recorded for `DAY`: the day
/// itself (and, where a time is shown, noon with the offset `offset`).
fn every_surface_shows_the_day(env: &Env, tz: &str, offset: &str) {
    let db = "r.db";
    let plain = env.ok(tz, db, &["trends", "who-5", "--plain"]);
    assert!(plain.contains(DAY), "trends --plain under {tz}:\n{plain}");

    let trends = json(&env.ok(tz, db, &["trends", "who-5", "--json"]));
    let dates = strings_at(&trends, "date");
    assert!(!dates.is_empty(), "{trends}");
    assert!(
        dates.iter().all(|d| d == DAY),
        "trends --json under {tz}: {dates:?}"
    );

    let noon = format!("{DAY}T12:00:00.000{offset}");
    let answers = env.ok(tz, db, &["export", "--format", "csv"]);
    let completed = csv_completed(&answers);
    assert!(!completed.is_empty());
    assert!(
        completed.iter().all(|c| *c == noon),
        "CSV under {tz}: {completed:?}"
    );
    let scores = env.ok(tz, db, &["export", "--format", "csv", "--scores"]);
    let completed = csv_completed(&scores);
    assert!(!completed.is_empty());
    assert!(
        completed.iter().all(|c| *c == noon),
        "CSV --scores under {tz}: {completed:?}"
    );

    let report = env.ok(tz, db, &["report", "--format", "md"]);
    assert!(
        report.contains("20 Nov 2025"),
        "report under {tz}:\n{report}"
    );
    assert!(!report.contains("21 Nov 2025") && !report.contains("19 Nov 2025"));
    let html = env.ok(tz, db, &["report", "--format", "html"]);
    assert!(html.contains("20 Nov 2025"), "HTML report under {tz}");
    assert!(!html.contains("21 Nov 2025") && !html.contains("19 Nov 2025"));

    let dump = json(&env.ok(tz, db, &["export", "--format", "json"]));
    assert_eq!(strings_at(&dump, "local_date"), [DAY]);
    assert_eq!(strings_at(&dump, "utc_offset"), [offset]);

    let fhir = json(&env.ok(tz, db, &["export", "--format", "fhir"]));
    let authored = strings_at(&fhir, "authored");
    assert_eq!(authored, [noon], "FHIR under {tz}");
}

fn record_day_in(tz: &str, offset: &str) {
    let env = Env::new();
    let out = env.ok(
        tz,
        "r.db",
        &["record", "who-5", "--answers", "3,3,3,3,3", "--date", DAY],
    );
    assert!(out.contains(DAY), "record under {tz}:\n{out}");
    let noon = env.ok(
        tz,
        "r.db",
        &[
            "record",
            "who-5",
            "--answers",
            "3,3,3,3,3",
            "--date",
            DAY,
            "--dry-run",
            "--json",
        ],
    );
    let noon = json(&noon);
    assert_eq!(noon["date"], DAY);
    assert_eq!(noon["utc_offset"], offset);
    every_surface_shows_the_day(&env, tz, offset);
}

#[test]
fn a_day_typed_in_auckland_is_that_day_everywhere() {
    record_day_in(AUCKLAND, "+13:00");
}

#[test]
fn a_day_typed_in_los_angeles_is_that_day_everywhere() {
    record_day_in(LOS_ANGELES, "-08:00");
}

/// The person's zone goes with the check-in: a form typed in Auckland reads
/// 20 November on a computer in Los Angeles too (and the other way round).
#[test]
fn a_typed_day_stays_the_same_when_read_in_another_zone() {
    let env = Env::new();
    env.ok(
        AUCKLAND,
        "r.db",
        &["record", "who-5", "--answers", "3,3,3,3,3", "--date", DAY],
    );
    every_surface_shows_the_day(&env, LOS_ANGELES, "+13:00");

    let env = Env::new();
    env.ok(
        LOS_ANGELES,
        "r.db",
        &["record", "who-5", "--answers", "3,3,3,3,3", "--date", DAY],
    );
    every_surface_shows_the_day(&env, AUCKLAND, "-08:00");
}

/// Today in `tz`, as recap reads it.
fn today_in(env: &Env, tz: &str) -> NaiveDate {
    let out = env.ok(
        tz,
        "probe.db",
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--dry-run",
            "--json",
        ],
    );
    json(&out)["date"].as_str().unwrap().parse().unwrap()
}

fn completed_at(record_json: &str) -> DateTime<Utc> {
    json(record_json)["completed_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn today_is_now_in(tz: &str) {
    let env = Env::new();
    let today = today_in(&env, tz).to_string();
    // A live check-in first, then a paper form for today: the form is
    // stored at the moment it was entered (never a later time), after the
    // live one, and on today's date.
    let first = env.ok(
        tz,
        "r.db",
        &["record", "who-5", "--answers", "1,1,1,1,1", "--json"],
    );
    let before = Utc::now();
    let form = env.ok(
        tz,
        "r.db",
        &[
            "record",
            "who-5",
            "--answers",
            "4,4,4,4,4",
            "--date",
            &today,
            "--json",
            // A second WHO-5 on one day is asked about first.
            "--yes",
        ],
    );
    let after = Utc::now();
    let at = completed_at(&form);
    assert!(
        at >= before - chrono::Duration::seconds(1) && at <= after,
        "under {tz}: --date today stored {at}, entered between {before} and {after}"
    );
    assert!(at >= completed_at(&first));
    assert_eq!(json(&form)["date"], today.as_str());

    let trends = json(&env.ok(tz, "r.db", &["trends", "who-5", "--json"]));
    let values: Vec<f64> = trends["questionnaires"][0]["scores"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [20.0, 80.0], "under {tz}: the form sorts last");
    assert!(strings_at(&trends, "date").iter().all(|d| *d == today));

    // The next day is refused, and nothing is stored.
    let tomorrow = (today.parse::<NaiveDate>().unwrap() + chrono::Days::new(1)).to_string();
    let (code, err) = env.fails(
        tz,
        "r.db",
        &[
            "record",
            "who-5",
            "--answers",
            "4,4,4,4,4",
            "--date",
            &tomorrow,
        ],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("future"), "{err}");
    let dump = json(&env.ok(tz, "r.db", &["export", "--format", "json"]));
    assert_eq!(dump["sessions"].as_array().unwrap().len(), 2);
}

#[test]
fn today_in_auckland_is_stored_as_now_never_later() {
    today_is_now_in(AUCKLAND);
}

#[test]
fn today_in_los_angeles_is_stored_as_now_never_later() {
    today_is_now_in(LOS_ANGELES);
}

#[test]
fn days_before_1900_are_refused_in_every_zone() {
    for tz in [AUCKLAND, LOS_ANGELES] {
        let env = Env::new();
        let (code, err) = env.fails(
            tz,
            "r.db",
            &[
                "record",
                "who-5",
                "--answers",
                "3,3,3,3,3",
                "--date",
                "1899-12-31",
            ],
        );
        assert_eq!(code, Some(2), "{tz}: {err}");
        assert!(err.contains("1900"), "{err}");
        assert!(
            !env.path("r.db").exists() || {
                let dump = json(&env.ok(tz, "r.db", &["export", "--format", "json"]));
                dump["sessions"].as_array().unwrap().is_empty()
            }
        );
        // The first day recap keeps is kept, shown as typed, and its export
        // imports again.
        env.ok(
            tz,
            "r.db",
            &[
                "record",
                "who-5",
                "--answers",
                "3,3,3,3,3",
                "--date",
                "1900-01-01",
            ],
        );
        let plain = env.ok(tz, "r.db", &["trends", "who-5", "--plain"]);
        assert!(plain.contains("1900-01-01"), "{tz}:\n{plain}");
        let file = env.path("all.json");
        env.ok(
            tz,
            "r.db",
            &[
                "export",
                "--format",
                "json",
                "--out",
                file.to_str().unwrap(),
            ],
        );
        env.ok(tz, "copy.db", &["import", file.to_str().unwrap()]);
        let plain = env.ok(tz, "copy.db", &["trends", "who-5", "--plain"]);
        assert!(plain.contains("1900-01-01"), "{tz}:\n{plain}");
    }
}

#[test]
fn the_json_export_carries_the_day_and_imports_losslessly() {
    let env = Env::new();
    env.ok(
        AUCKLAND,
        "r.db",
        &["record", "who-5", "--answers", "3,3,3,3,3", "--date", DAY],
    );
    env.ok(
        LOS_ANGELES,
        "r.db",
        &["record", "barc-10", "--answers", "1,2,3,4,5,6,5,4,3,2"],
    );
    let file = env.path("all.json");
    env.ok(
        LOS_ANGELES,
        "r.db",
        &[
            "export",
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let first = std::fs::read_to_string(&file).unwrap();
    let dump = json(&first);
    let offsets = strings_at(&dump, "utc_offset");
    assert_eq!(offsets.len(), 2);
    assert_eq!(offsets[0], "+13:00");
    assert!(
        offsets[1] == "-08:00" || offsets[1] == "-07:00",
        "{offsets:?}"
    );

    // Imported elsewhere, in another zone: the same file comes out again.
    env.ok(AUCKLAND, "copy.db", &["import", file.to_str().unwrap()]);
    let again = env.ok(AUCKLAND, "copy.db", &["export", "--format", "json"]);
    assert_eq!(json(&again), dump);
    let plain = env.ok(AUCKLAND, "copy.db", &["trends", "who-5", "--plain"]);
    assert!(plain.contains(DAY), "{plain}");
}

/// A file from before recap kept the day: it imports; a paper form in it
/// (stored at noon UTC by the older recap) gets its day, a live check-in
/// none (it is shown in the reader's zone).
#[test]
fn older_json_files_without_the_day_still_import() {
    let env = Env::new();
    env.ok(
        "UTC",
        "r.db",
        &["record", "who-5", "--answers", "3,3,3,3,3", "--date", DAY],
    );
    env.ok(
        "UTC",
        "r.db",
        &["record", "who-5", "--answers", "2,2,2,2,2"],
    );
    let mut dump = json(&env.ok("UTC", "r.db", &["export", "--format", "json"]));
    for s in dump["sessions"].as_array_mut().unwrap() {
        let s = s.as_object_mut().unwrap();
        assert!(s.remove("local_date").is_some());
        assert!(s.remove("utc_offset").is_some());
    }
    // As the older recap stored the form: noon UTC, started = completed.
    let noon = format!("{DAY}T12:00:00.000Z");
    assert_eq!(dump["sessions"][0]["completed_at"], noon.as_str());
    let file = env.path("old.json");
    std::fs::write(&file, dump.to_string()).unwrap();
    env.ok(AUCKLAND, "copy.db", &["import", file.to_str().unwrap()]);
    let back = json(&env.ok(AUCKLAND, "copy.db", &["export", "--format", "json"]));
    assert_eq!(strings_at(&back, "local_date"), [DAY]);
    assert_eq!(strings_at(&back, "utc_offset"), ["+00:00"]);
    // So an Auckland reader sees the day the form was for, not the 21st.
    let plain = env.ok(AUCKLAND, "copy.db", &["trends", "who-5", "--plain"]);
    assert!(plain.contains(DAY), "{plain}");
}

#[test]
fn an_import_whose_day_disagrees_with_its_time_is_refused() {
    let env = Env::new();
    env.ok(
        AUCKLAND,
        "r.db",
        &["record", "who-5", "--answers", "3,3,3,3,3", "--date", DAY],
    );
    let dump = json(&env.ok(AUCKLAND, "r.db", &["export", "--format", "json"]));
    type Change = fn(&mut serde_json::Map<String, Value>);
    let cases: [(&str, Change); 4] = [
        ("local_date", |s| {
            s.insert("local_date".into(), "2025-11-21".into());
        }),
        ("utc_offset", |s| {
            s.insert("utc_offset".into(), "+25:00".into());
        }),
        ("utc_offset", |s| {
            s.insert("utc_offset".into(), "13:00".into());
        }),
        ("give both or neither", |s| {
            s.remove("utc_offset");
        }),
    ];
    for (i, (expected, change)) in cases.into_iter().enumerate() {
        let mut bad = dump.clone();
        change(bad["sessions"][0].as_object_mut().unwrap());
        let file = env.path(&format!("bad{i}.json"));
        std::fs::write(&file, bad.to_string()).unwrap();
        let (code, err) = env.fails(AUCKLAND, "copy.db", &["import", file.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(expected), "{expected}: {err}");
        assert!(err.contains("nothing was imported"), "{err}");
    }
}
