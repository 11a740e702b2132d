//! Temporary failures never end the app or lose the answer: while another
//! process holds the database's write lock (as a long `recap import` does),
//! the full-screen app keeps the answer on screen with a message and saves
//! it when the person presses r; `recap record` waits a bounded time and
//! then exits 1 with a clear message, storing nothing.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::pty::Pty;
use rusqlite::Connection;

/// Another process's write transaction on the database, held until dropped
/// or committed: what a long `recap import` looks like to everyone else.
struct WriteLock(Connection);

impl WriteLock {
    fn take(db: &Path) -> WriteLock {
        let conn = Connection::open(db).expect("open db");
        conn.busy_timeout(Duration::from_secs(10)).expect("timeout");
        conn.execute_batch("BEGIN IMMEDIATE")
            .expect("take the write lock");
        WriteLock(conn)
    }

    fn release(self) {
        self.0.execute_batch("COMMIT").expect("release");
    }
}

fn answers(db: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare("SELECT item_id, value_int FROM answers ORDER BY answered_at, item_id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = Connection::open(db).expect("open db");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// The text inside the (innermost) box on screen, its lines joined, so a
/// wrapped sentence can be found whole.
fn dialog(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| {
            let (start, end) = (l.find('│')?, l.rfind('│')?);
            (end > start).then(|| {
                l[start..end + '│'.len_utf8()].trim_matches(|c: char| c == '│' || c.is_whitespace())
            })
        })
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Opens BARC-10 from home (second row), begins, and answers question 1.
fn barc_first_answer(p: &mut Pty) {
    p.open_barc();
    p.key_then("3", "2 of 10");
}

#[test]
fn a_held_lock_keeps_the_answer_on_screen_and_r_saves_it_once_the_lock_is_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    barc_first_answer(&mut p);
    assert_eq!(answers(&db).len(), 1);

    let lock = WriteLock::take(&db);
    let asked = Instant::now();
    p.send("4");
    p.wait_for("Not saved yet");
    let waited = asked.elapsed();
    let screen = p.screen();
    assert!(
        dialog(&screen).contains(
            "Your answer could not be saved yet: another recap is writing to the file. It is kept here; press r to try again."
        ),
        "{screen}"
    );
    assert!(
        waited < Duration::from_secs(8),
        "the message came after {waited:?}"
    );
    assert!(p.running(), "the app is still running");
    assert!(p.alternate_screen(), "the app keeps its screen");
    assert!(screen.contains("2 of 10"), "still on question 2: {screen}");
    assert_eq!(answers(&db).len(), 1, "nothing written while locked");

    // Other keys cannot pass the kept answer; r under the lock says so again.
    p.send("n");
    p.send("r");
    std::thread::sleep(Duration::from_millis(500));
    p.wait_for("Not saved yet");
    assert!(p.screen().contains("2 of 10"));

    lock.release();
    // A retry may already be waiting on the lock: wait for it, then r.
    std::thread::sleep(Duration::from_millis(2500));
    p.send("r");
    p.wait_until("question 3 after the retry", |s| {
        s.contains("3 of 10") && !s.contains("Not saved yet")
    });
    let stored = answers(&db);
    assert_eq!(stored.len(), 2, "{stored:?}");
    assert_eq!(stored[1].1, 4, "the kept answer was saved: {stored:?}");

    // The check-in goes on as normal.
    p.key_then("5", "4 of 10");
    assert_eq!(answers(&db).len(), 3);
    // Everything is saved again: q leaves without asking.
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}

#[test]
fn leaving_while_the_answer_is_not_saved_says_so_and_keeps_the_earlier_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    barc_first_answer(&mut p);
    let lock = WriteLock::take(&db);
    p.send("4");
    p.wait_for("Not saved yet");
    p.key_then("q", "Leave recap?");
    assert!(
        dialog(&p.screen())
            .contains("Your last answer is not saved yet; the answers before it are."),
        "{}",
        p.screen()
    );
    p.send("y");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
    assert!(
        p.screen()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("Your last answer could not be saved; the answers before it are."),
        "{}",
        p.screen()
    );
    lock.release();
    assert_eq!(answers(&db).len(), 1);
}

#[test]
fn a_note_that_cannot_be_saved_yet_stays_in_the_editor_and_saves_later() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("Choose a check-in");
    p.key_then("n", "No notes yet");
    p.send("a");
    p.send("kept words");
    p.wait_for("kept words");

    let lock = WriteLock::take(&db);
    p.send("\t");
    p.wait_for("Not saved yet");
    assert!(
        dialog(&p.screen())
            .contains("This change could not be saved yet: another recap is writing to the file."),
        "{}",
        p.screen()
    );
    assert!(p.running());
    p.send(" ");
    p.wait_until("the message closed, the words still there", |s| {
        !s.contains("This change could not be saved yet") && s.contains("kept words")
    });
    assert_eq!(count(&db, "notes"), 0);

    lock.release();
    p.key_then("\t", "The note is saved.");
    assert_eq!(count(&db, "notes"), 1);
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
}

// ---- record ----------------------------------------------------------------

fn record(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(dir.join("recap.db"))
        .args([
            "record",
            "barc-10",
            "--yes",
            "--answers",
            "6,5,4,5,6,5,4,5,6,5",
        ])
        .timeout(Duration::from_secs(40));
    cmd
}

#[test]
fn record_under_a_held_lock_waits_a_bounded_time_then_exits_1_and_stores_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    record(dir.path()).assert().success();
    assert_eq!(count(&db, "sessions"), 1);

    let lock = WriteLock::take(&db);
    let start = Instant::now();
    let out = record(dir.path()).output().unwrap();
    let took = start.elapsed();
    lock.release();

    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "the database is busy (another recap is writing to it); nothing was recorded, try again"
        ),
        "{stderr}"
    );
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(20),
        "waited {took:?}"
    );
    assert_eq!(count(&db, "sessions"), 1, "nothing was recorded");
    assert_eq!(count(&db, "answers"), 10);
}

#[test]
fn record_waits_out_a_short_lock_and_then_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    record(dir.path()).assert().success();

    let lock = WriteLock::take(&db);
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(2));
        lock.release();
    });
    let start = Instant::now();
    let out = record(dir.path()).output().unwrap();
    let took = start.elapsed();
    holder.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(took >= Duration::from_millis(1500), "it waited: {took:?}");
    assert_eq!(count(&db, "sessions"), 2);
}
