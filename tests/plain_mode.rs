//! The line-by-line mode through a pipe: same state machine and saving as
//! the full-screen app, so the same input stores the same answers and prints
//! the same scores; the same profile picker; a new line when input ends;
//! "(optional)" said once.

use std::collections::BTreeMap;

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use recap::config::Support;
use recap::instrument::Catalog;
use recap::store::Store;
use recap::timefmt::Zone;
use recap::tui::app::App;
use recap::tui::screens::results::Results;
use recap::tui::theme::Theme;
use rusqlite::Connection;

fn stored(db: &std::path::Path) -> BTreeMap<String, i64> {
    let conn = Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT item_id, value_int FROM answers")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn plain(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String) {
    let out = Command::cargo_bin("recap")
        .expect("binary")
        .args(args)
        .env("RECAP_DB", dir.join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .write_stdin(input)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn plain_and_tui_store_the_same_answers_and_show_the_same_scores() {
    // Plain mode through a pipe.
    let plain_dir = tempfile::tempdir().expect("tempdir");
    let (code, output) = plain(
        plain_dir.path(),
        &["check-in", "barc-10", "--plain"],
        "6\n5\n4\n5\n6\n5\n4\n5\n6\n5\n\n",
    );
    assert_eq!(code, 0, "{output}");
    assert!(
        !output.contains("\u{1b}["),
        "no escape sequences in plain mode"
    );
    assert!(
        output.contains("Recovery capital: 51 (possible range 10 to 60)"),
        "{output}"
    );

    // The same answers typed into the full-screen app.
    let tui_dir = tempfile::tempdir().expect("tempdir");
    let db = tui_dir.path().join("recap.db");
    let store = Store::open(&db).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("now");
    let profile = store.default_profile(now).expect("profile");
    let mut app = App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        profile,
        Theme::new(false),
        Zone::Utc,
        now,
    )
    .expect("app");
    for c in "j\r\r6545654565\r".chars() {
        let code = if c == '\r' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.key(KeyEvent::new(code, KeyModifiers::NONE))
            .expect("key");
    }
    let Some(results) = app.screen::<Results>() else {
        panic!("expected the results screen")
    };
    let score_line = "Recovery capital: 51 (possible range 10 to 60)";
    assert!(results.lines.iter().any(|l| l.text == score_line));
    assert!(output.lines().any(|l| l == score_line));

    assert_eq!(stored(&plain_dir.path().join("recap.db")), stored(&db));
    assert_eq!(stored(&db).len(), 10);
}

#[test]
fn end_of_input_keeps_the_answers_and_the_next_run_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, output) = plain(dir.path(), &["check-in", "who-5", "--plain"], "1\n2\n");
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("saved"), "{output}");
    assert_eq!(stored(&dir.path().join("recap.db")).len(), 2);

    let (code, output) = plain(dir.path(), &["check-in", "who-5", "--plain"], "3\n4\n5\n\n");
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains("Question 3 of 5"),
        "resumed at the first unanswered question:\n{output}"
    );
    let answers = stored(&dir.path().join("recap.db"));
    // The number typed is the value stored (the one shown beside the answer).
    assert_eq!(
        answers.values().copied().collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    assert!(output.contains("Well-being: 60"), "{output}");
}

#[test]
fn plain_mode_without_an_id_asks_which_check_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, output) = plain(dir.path(), &["--plain"], "3\n5\n5\n5\n5\n5\n\n");
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("Which check-in would you like to do?"));
    assert!(output.contains("Well-being: 100"), "{output}");
}

#[test]
fn several_people_choose_who_is_checking_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["Alex", "Sam"] {
        assert_eq!(plain(dir.path(), &["profiles", "add", name], "").0, 0);
    }
    let (_, out) = plain(
        dir.path(),
        &[
            "record",
            "barc-10",
            "--answers",
            "6,5,4,5,6,5,4,5,6,5",
            "--profile",
            "Alex",
        ],
        "",
    );
    assert!(out.contains("51"), "{out}");
    // "list": everyone; Sam (the second), WHO-5 (the third check-in), five
    // answers, submit.
    let (code, out) = plain(dir.path(), &["--plain"], "list\n2\n3\n1\n2\n3\n4\n5\n\n");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Who is checking in?"), "{out}");
    assert!(out.contains("1) Alex (last check-in"), "{out}");
    assert!(out.contains("2) Sam (last check-in never"), "{out}");
    let picker: String = out.lines().take(4).collect::<Vec<_>>().join("\n");
    assert!(!picker.contains("51"), "no score on the picker: {picker}");
    let conn = Connection::open(dir.path().join("recap.db")).expect("db");
    let owner: String = conn
        .query_row(
            "SELECT p.name FROM sessions s JOIN profiles p ON p.id = s.profile_id WHERE s.questionnaire_id = 'who-5'",
            [],
            |r| r.get(0),
        )
        .expect("a WHO-5 check-in");
    assert_eq!(owner, "Sam");
}

#[test]
fn the_output_ends_with_a_new_line_when_input_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    for input in ["", "2\n", "2\n3\n"] {
        let (code, out) = plain(dir.path(), &["--plain"], input);
        assert_eq!(code, 0, "{out}");
        assert!(out.ends_with('\n'), "{input:?}: {out:?}");
    }
    // With several people, at the picker too.
    assert_eq!(plain(dir.path(), &["profiles", "add", "Sam"], "").0, 0);
    let (_, out) = plain(dir.path(), &["--plain"], "");
    assert!(
        out.contains("Who is checking in?") && out.ends_with('\n'),
        "{out:?}"
    );
}

#[test]
fn optional_is_said_once_on_the_written_reflection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out) = plain(
        dir.path(),
        &["check-in", "samhsa-dimensions", "--plain"],
        &"3\n".repeat(13),
    );
    assert_eq!(code, 0, "{out}");
    let question = out
        .split("Question 14 of 14")
        .nth(1)
        .expect("the last question");
    let shown: String = question.lines().take(2).collect::<Vec<_>>().join("\n");
    assert_eq!(shown.matches("(optional").count(), 1, "{shown}");
    assert!(out.ends_with('\n'), "{out:?}");
}
