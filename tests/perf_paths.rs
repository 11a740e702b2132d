//! The fast paths show and print what the slow ones did: the trends table
//! builds only the rows in sight yet scrolls to any check-in of a long
//! history; `trends --json` is written as it is made, in the same layout;
//! one profile's exports (which read that profile through its index) hold
//! exactly that profile's part of the whole export; the CSV's cells worked
//! out once per questionnaire are the ones each answer had.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Output;

use assert_cmd::Command;
use chrono::DateTime;
use chrono::{Duration, TimeZone, Utc};
use common::screen::{draw, press};
use crossterm::event::KeyCode;
use recap::config::Support;
use recap::instrument::Catalog;
use recap::instrument::{AnswerValue, Answers};
use recap::store::Store;
use recap::timefmt::Zone;
use recap::trends::window::Window;
use recap::tui::app::App;
use recap::tui::theme::Theme;
use serde_json::Value;
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn app_on(store: Store, catalog: Catalog, profile: recap::store::Profile, color: bool) -> App {
    App::new(
        store,
        catalog,
        Support::default(),
        profile,
        Theme::new(color),
        Zone::Utc,
        now(),
    )
    .unwrap()
}

/// Stores a completed check-in with these values in item order.
fn record(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    id: &str,
    values: &[Option<i64>],
    at: DateTime<Utc>,
    with_counselor: bool,
) {
    let loaded = catalog.get(id).unwrap();
    let answers: Answers = loaded
        .instrument
        .items
        .iter()
        .zip(values)
        .filter_map(|(i, v)| v.map(|v| (i.id.clone(), AnswerValue::Number(v))))
        .collect();
    store
        .record_session(profile_id, loaded, &answers, at, with_counselor)
        .unwrap();
}

fn recap(dir: &TempDir, args: &[&str]) -> Output {
    Command::cargo_bin("recap")
        .unwrap()
        .env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", dir.path().join("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(dir.path().join("recap.db"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// WHO-5 every day for `days` days up to 23 Nov 2026 (some days twice),
/// and BARC-10 every week, for the profile "Sam"; and a second profile,
/// "Alex", with a few check-ins of their own.
fn long_history(dir: &TempDir, days: i64) -> Store {
    let store = Store::open(&dir.path().join("recap.db")).unwrap();
    let catalog = Catalog::bundled();
    let sam = store.add_profile("Sam", now()).unwrap();
    let alex = store.add_profile("Alex", now()).unwrap();
    let last = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    for d in 0..days {
        let at = last - Duration::days(days - 1 - d);
        let v = d % 6;
        let values = [Some(v), Some((v + 1) % 6), Some(3), Some(v), Some(2)];
        record(&store, &catalog, sam.id, "who-5", &values, at, d % 3 == 0);
        if d % 50 == 0 {
            record(
                &store,
                &catalog,
                sam.id,
                "who-5",
                &values,
                at + Duration::hours(3),
                false,
            );
        }
        if d % 7 == 0 {
            let barc = [
                Some(5),
                Some(4),
                Some(3),
                Some(6),
                Some(2),
                Some(1),
                Some(4),
                Some(5),
                Some(6),
                Some(3),
            ];
            record(&store, &catalog, sam.id, "barc-10", &barc, at, false);
        }
    }
    for d in 0..5 {
        let at = last - Duration::days(d * 10);
        let values = [Some(1), Some(2), Some(3), Some(4), Some(5)];
        record(&store, &catalog, alex.id, "who-5", &values, at, false);
    }
    store
}

#[test]
fn the_trends_table_reaches_the_oldest_check_in_of_a_long_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = long_history(&dir, 400);
    let sam = store.profile_by_name("Sam").unwrap().unwrap();
    let mut app = app_on(store, Catalog::bundled(), sam, false);
    app.close_dialog();
    app.open_trends(Some("who-5"), Window::All).unwrap();
    let oldest = (Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap() - Duration::days(399))
        .format("%-d %b %Y")
        .to_string();
    let newest = "23 Nov 2026";
    let screen = draw(&app, 80, 24);
    assert!(screen.contains(newest), "{screen}");
    assert!(!screen.contains(&oldest), "{screen}");

    // The last row: the oldest check-in, selected, with the rows above it.
    press(&mut app, KeyCode::End);
    let screen = draw(&app, 80, 24);
    let selected = screen
        .lines()
        .find(|l| l.contains('›'))
        .unwrap_or_else(|| panic!("no selected row in\n{screen}"));
    assert!(selected.contains(&oldest), "{selected}\n{screen}");
    let day_before_last = (Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
        - Duration::days(398))
    .format("%-d %b %Y")
    .to_string();
    assert!(screen.contains(&day_before_last), "{screen}");
    // The newest check-in's row is out of sight (its date is still in the
    // "Latest" line under the chart).
    let row_of = |date: &str| {
        screen
            .lines()
            .any(|l| l.trim_start_matches(['›', ' ']).starts_with(date))
    };
    assert!(!row_of(newest), "{screen}");

    // Ten rows up at a time (the oldest day has two rows), then back to
    // the first.
    press(&mut app, KeyCode::PageUp);
    let screen = draw(&app, 80, 24);
    let selected = screen.lines().find(|l| l.contains('›')).unwrap();
    let ten_later = (Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap() - Duration::days(390))
        .format("%-d %b %Y")
        .to_string();
    assert!(selected.contains(&ten_later), "{selected}\n{screen}");
    press(&mut app, KeyCode::Home);
    let screen = draw(&app, 80, 24);
    let selected = screen.lines().find(|l| l.contains('›')).unwrap();
    assert!(selected.contains(newest), "{selected}\n{screen}");
}

#[test]
fn trends_json_is_written_as_it_is_made_in_the_same_layout() {
    let dir = tempfile::tempdir().unwrap();
    let store = long_history(&dir, 120);
    let sam = store.profile_by_name("Sam").unwrap().unwrap();
    let catalog = Catalog::bundled();
    drop(store);
    let out = stdout(&recap(
        &dir,
        &["--profile", "Sam", "trends", "--json", "--window", "all"],
    ));
    // The same document as the values built in memory, pretty-printed.
    let store = Store::open_existing(&dir.path().join("recap.db"))
        .unwrap()
        .unwrap();
    let local = recap::timefmt::Zone::Utc.at(Utc::now()).naive_local();
    let questionnaires: Vec<Value> = recap::trends::series::with_data(&store, &catalog, sam.id)
        .unwrap()
        .iter()
        .map(|id| {
            let t = recap::trends::series::load(
                &store,
                &catalog,
                sam.id,
                id,
                recap::timefmt::Zone::Utc,
            )
            .unwrap()
            .unwrap();
            recap::trends::table::json(&t, Window::All, local)
        })
        .collect();
    let mut expected = serde_json::json!({
        "profile": "Sam",
        "window": "all",
        "questionnaires": questionnaires,
    });
    expected["network"] = recap::trends::network::json(&[], Window::All, local);
    let expected = format!("{}\n", serde_json::to_string_pretty(&expected).unwrap());
    assert_eq!(out, expected);
    let v: Value = serde_json::from_str(&out).unwrap();
    let who5 = v["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "who-5")
        .unwrap();
    // 120 daily check-ins and three second ones on a day.
    assert_eq!(who5["check_ins"], 123);
    let sessions = who5["scores"][0]["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 123);
    assert!(sessions[0]["date"].as_str().unwrap() < sessions[122]["date"].as_str().unwrap());
}

/// The rows of a CSV export whose `profile` column is `name`.
fn csv_rows_of(text: &str, name: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(&format!("{name},")))
        .map(str::to_string)
        .collect()
}

#[test]
fn one_profiles_exports_hold_exactly_its_part_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    drop(long_history(&dir, 60));
    // CSV: the same rows, in the same order.
    let all = stdout(&recap(&dir, &["export", "--format", "csv"]));
    for name in ["Sam", "Alex"] {
        let one = stdout(&recap(
            &dir,
            &["--profile", name, "export", "--format", "csv"],
        ));
        let mut lines = one.lines();
        assert_eq!(lines.next(), all.lines().next());
        let rows: Vec<String> = lines.map(str::to_string).collect();
        assert_eq!(rows, csv_rows_of(&all, name), "{name}");
        assert!(!rows.is_empty());
    }
    // Profiles in name order, each one's check-ins by time.
    let first_alex = all.lines().position(|l| l.starts_with("Alex,")).unwrap();
    let first_sam = all.lines().position(|l| l.starts_with("Sam,")).unwrap();
    assert!(first_alex < first_sam);

    // JSON and FHIR: only that profile's records, all of them.
    let whole: Value =
        serde_json::from_str(&stdout(&recap(&dir, &["export", "--format", "json"]))).unwrap();
    let alex: Value = serde_json::from_str(&stdout(&recap(
        &dir,
        &["--profile", "Alex", "export", "--format", "json"],
    )))
    .unwrap();
    let alex_uuid = alex["profiles"][0]["uuid"].as_str().unwrap().to_string();
    assert_eq!(alex["profiles"].as_array().unwrap().len(), 1);
    let theirs: Vec<&Value> = whole["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["profile_uuid"] == alex_uuid.as_str())
        .collect();
    let got: Vec<&Value> = alex["sessions"].as_array().unwrap().iter().collect();
    assert_eq!(got, theirs);
    assert_eq!(got.len(), 5);
    let fhir: Value = serde_json::from_str(&stdout(&recap(
        &dir,
        &["--profile", "Alex", "export", "--format", "fhir"],
    )))
    .unwrap();
    let responses = fhir["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "QuestionnaireResponse")
        .count();
    assert_eq!(responses, 5);
}

#[test]
fn csv_cells_worked_out_once_are_each_answers_own() {
    let dir = tempfile::tempdir().unwrap();
    drop(long_history(&dir, 3));
    let text = stdout(&recap(
        &dir,
        &["--profile", "Alex", "export", "--format", "csv"],
    ));
    let catalog = Catalog::bundled();
    let who5 = &catalog.get("who-5").unwrap().instrument;
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let r = record.unwrap();
        let item = who5.item(&r[5]).unwrap();
        assert_eq!(&r[6], item.text.as_str());
        let value: i64 = r[7].parse().unwrap();
        assert_eq!(r[8].to_string(), item.label_for(value));
        assert_eq!(&r[9], "");
        rows += 1;
    }
    // Five check-ins of five answers, in item order within each.
    assert_eq!(rows, 25);
}
