//! Changing and clearing an answer already given reaches the file: going
//! back and choosing another answer replaces the stored one (no second
//! row), skipping an optional question that had an answer removes it, and
//! both survive `kill -9` and show when the check-in is resumed.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::pty::Pty;
use rusqlite::Connection;

/// Every stored answer of the one check-in: (item, value).
fn answers(dir: &Path) -> Vec<(String, Option<i64>)> {
    let conn = Connection::open(dir.join("recap.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT item_id, value_int FROM answers ORDER BY item_id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn value(dir: &Path, item: &str) -> Option<i64> {
    answers(dir)
        .into_iter()
        .find(|(id, _)| id == item)
        .and_then(|(_, v)| v)
}

#[test]
fn a_changed_answer_replaces_the_stored_one_and_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    p.key_then("6", "2 of 10");
    p.key_then("5", "3 of 10");
    assert_eq!(answers(dir.path()).len(), 2);
    let first = answers(dir.path())[0].0.clone();
    assert_eq!(value(dir.path(), &first), Some(6));
    // Back to question 1, another answer.
    p.key_then("b", "2 of 10");
    p.key_then("b", "1 of 10");
    p.key_then("2", "2 of 10");
    assert_eq!(value(dir.path(), &first), Some(2));
    assert_eq!(answers(dir.path()).len(), 2, "replaced, not added");
    p.signal("-KILL");
    assert_eq!(p.wait_exit(), None, "killed");
    assert_eq!(value(dir.path(), &first), Some(2));
    // Resumed: question 3 next, and the review shows the changed answer.
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("continue where you left");
    p.key_then("\r", "3 of 10");
    assert_eq!(answers(dir.path()).len(), 2);
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn skipping_an_optional_question_that_had_an_answer_clears_it_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let qdir = dir.path().join("config").join("questionnaires");
    std::fs::create_dir_all(&qdir).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/example-full.toml"),
        qdir.join("example-full.toml"),
    )
    .unwrap();
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("Example check-in");
    p.send("jjj");
    p.wait_until("the example selected", |s| {
        s.lines()
            .any(|l| l.contains('›') && l.contains("Example check-in"))
    });
    p.key_then("\r", "Press Enter to begin");
    p.key_then("\r", "1 of 7");
    for (i, a) in ["2", "0", "2", "0", "1"].iter().enumerate() {
        p.key_then(a, &format!("{} of 7", i + 2));
    }
    p.send("4");
    p.key_then("\r", "7 of 7");
    assert_eq!(value(dir.path(), "active-days"), Some(4));
    // Back to the optional number question and skip it: the answer goes.
    // Question 7 takes words: Shift-Tab goes back.
    p.key_then("\x1b[Z", "6 of 7");
    p.key_then("n", "7 of 7");
    assert!(
        answers(dir.path())
            .iter()
            .all(|(id, _)| id != "active-days"),
        "{:?}",
        answers(dir.path())
    );
    assert_eq!(answers(dir.path()).len(), 5);
    p.signal("-KILL");
    assert_eq!(p.wait_exit(), None, "killed");
    assert_eq!(answers(dir.path()).len(), 5);
}
