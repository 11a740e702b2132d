//! The full-screen app as a person meets it, in a pseudo-terminal: Esc goes
//! back one level and never quits; typed words survive `kill -9`; resuming
//! lands on the first question not answered; a 5 KB paste without bracketed
//! paste arrives whole, a bracketed one never chooses an answer; a terminal
//! that cannot show the app (TERM=dumb) gets the line-by-line mode.

mod common;

use std::time::Duration;

use common::pty::Pty;
use rusqlite::Connection;

fn text_answer(dir: &std::path::Path, item: &str) -> Option<String> {
    let conn = Connection::open(dir.join("recap.db")).expect("open db");
    conn.query_row(
        "SELECT value_text FROM answers WHERE item_id = ?1",
        [item],
        |r| r.get(0),
    )
    .ok()
}

fn numbers(dir: &std::path::Path) -> Vec<i64> {
    let conn = Connection::open(dir.join("recap.db")).expect("open db");
    let mut stmt = conn
        .prepare("SELECT value_int FROM answers WHERE value_int IS NOT NULL ORDER BY answered_at")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

/// From home: the weekly check-in, its thirteen choices, on the written
/// reflection (question 14).
fn to_reflection(p: &mut Pty) {
    p.wait_for("Choose a check-in");
    p.key_then("\r", "Press Enter to begin");
    p.key_then("\r", "1 of 14");
    for i in 1..14 {
        p.key_then("3", &format!("{} of 14", i + 1));
    }
    p.wait_for("Your words");
}

#[test]
fn esc_from_notes_returns_home_and_never_quits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("Choose a check-in");
    p.key_then("n", "No notes yet");
    p.key_then("\x1b", "Choose a check-in");
    assert!(p.running());
    // Esc on home does nothing; q leaves.
    p.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    assert!(p.running(), "Esc on home did not quit");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}

#[test]
fn kill_9_three_seconds_after_typing_a_reflection_keeps_the_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    to_reflection(&mut p);
    p.send("A quieter week.\rI slept better");
    p.wait_for("I slept better");
    std::thread::sleep(Duration::from_secs(3));
    p.signal("-KILL");
    assert_eq!(p.wait_exit(), None, "killed");
    assert_eq!(
        text_answer(dir.path(), "reflection").as_deref(),
        Some("A quieter week.\nI slept better")
    );
    // The next start offers the check-in, with the words on its review.
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("Welcome back");
    p.key_then("\r", "Review your answers");
    p.wait_for("I slept better");
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn resume_lands_on_the_first_question_not_answered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    for (i, a) in ["2", "3", "4"].iter().enumerate() {
        p.key_then(a, &format!("{} of 10", i + 2));
    }
    p.signal("-KILL");
    assert_eq!(p.wait_exit(), None, "killed");
    assert_eq!(numbers(dir.path()), vec![2, 3, 4]);

    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("3 of 10 answered");
    p.key_then("\r", "Question 4 of 10");
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn a_5_kb_paste_without_brackets_arrives_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    to_reflection(&mut p);
    // As a terminal without bracketed paste sends it: key after key.
    let pasted: String = (0..500).map(|i| format!("word{:05} ", i)).collect();
    assert!(pasted.len() >= 5000);
    p.send(&pasted);
    p.send("END");
    p.wait_for("END");
    // Written after the pause, whole.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let expected = format!("{pasted}END");
    loop {
        if text_answer(dir.path(), "reflection").as_deref() == Some(expected.trim()) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not stored whole: {:?}",
            text_answer(dir.path(), "reflection").map(|t| t.len())
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Keys still work at once.
    p.key_then("\t", "Review your answers");
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn a_bracketed_paste_never_chooses_an_answer_but_fills_a_written_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    p.send("\x1b[200~5\x1b[201~");
    p.wait_for("Pasted text does not choose an answer");
    assert!(p.screen().contains("Question 1 of 10"));
    assert!(numbers(dir.path()).is_empty());
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));

    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    to_reflection(&mut p);
    p.send("\x1b[200~first line\rsecond line\x1b[201~");
    p.wait_for("second line");
    p.key_then("\t", "Review your answers");
    assert_eq!(
        text_answer(dir.path(), "reflection").as_deref(),
        Some("first line\nsecond line")
    );
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn term_dumb_gets_the_line_by_line_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[("TERM", "dumb")]);
    p.wait_for("Which check-in would you like to do?");
    assert!(!p.alternate_screen(), "no full-screen app");
    p.send("3\r");
    p.wait_for("Question 1 of 5");
    p.send("q\r");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}
