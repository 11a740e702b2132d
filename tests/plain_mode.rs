//! The line-by-line mode through a pipe: same state machine and saving as
//! the full-screen app, so the same input stores the same answers and prints
//! the same scores.

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
