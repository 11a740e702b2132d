//! End-to-end: the real binary in a pseudo-terminal, driven by keys.

mod common;

use common::pty::Pty;
use rusqlite::Connection;

fn db_answers(dir: &std::path::Path) -> Vec<(String, i64)> {
    let conn = Connection::open(dir.join("recap.db")).expect("open db");
    let mut stmt = conn
        .prepare("SELECT item_id, value_int FROM answers a JOIN sessions s ON s.seq = a.session_seq ORDER BY a.answered_at, item_id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

fn cached_total(dir: &std::path::Path) -> Option<f64> {
    let conn = Connection::open(dir.join("recap.db")).expect("open db");
    conn.query_row(
        "SELECT value FROM scores sc JOIN sessions s ON s.seq = sc.session_seq WHERE s.questionnaire_id = 'barc-10' AND s.status = 'completed' AND sc.score_id = 'total'",
        [],
        |r| r.get(0),
    )
    .ok()
}

#[test]
fn full_barc10_check_in_by_keys_shows_and_stores_the_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    // Answers 6,5,4,5,6,5,4,5,6,5 = 51.
    let answers = ["6", "5", "4", "5", "6", "5", "4", "5", "6", "5"];
    for (i, a) in answers.iter().enumerate() {
        p.send(a);
        if i + 1 < answers.len() {
            p.wait_for(&format!("{} of 10", i + 2));
        }
    }
    p.wait_for("Review your answers");
    p.key_then("\r", "Your results");
    p.wait_for("51");
    assert_eq!(cached_total(dir.path()), Some(51.0));
    assert_eq!(db_answers(dir.path()).len(), 10);
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen(), "left the alternate screen");
    assert!(!p.cursor_hidden(), "cursor visible again");
}

#[test]
fn killed_after_four_answers_then_restarted_offers_resume_with_those_answers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    for (i, a) in ["2", "3", "4", "5"].iter().enumerate() {
        p.key_then(a, &format!("{} of 10", i + 2));
    }
    p.signal("-KILL");
    assert_eq!(p.wait_exit(), None, "killed");
    let stored: Vec<i64> = db_answers(dir.path()).into_iter().map(|(_, v)| v).collect();
    assert_eq!(stored, vec![2, 3, 4, 5]);

    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.wait_for("Welcome back");
    p.wait_for("4 of 10 answered");
    p.key_then("\r", "5 of 10");
    // Going back shows the earlier answer still chosen.
    p.send("b");
    p.wait_until("question 4 with its saved answer", |s| {
        s.contains("4 of 10") && s.contains("(●) 5  Agree")
    });
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}

fn leaves_cleanly(how: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    p.key_then("3", "2 of 10");
    assert!(p.alternate_screen());
    match how {
        // Every answer is saved: q leaves without asking, and says so.
        "q" => p.send("q"),
        "ctrl-c" => p.send("\x03"),
        "sigterm" => p.signal("-TERM"),
        "sighup" => p.signal("-HUP"),
        _ => unreachable!(),
    }
    // Keys leave with 0; SIGTERM and SIGHUP with 128 + the signal.
    let code = match how {
        "sigterm" => 128 + 15,
        "sighup" => 128 + 1,
        _ => 0,
    };
    assert_eq!(p.wait_exit(), Some(code), "{how}");
    assert!(
        !p.alternate_screen(),
        "{how}: still on the alternate screen"
    );
    assert!(!p.cursor_hidden(), "{how}: cursor still hidden");
    assert_eq!(db_answers(dir.path()).len(), 1, "{how}: the answer is kept");
}

#[test]
fn q_restores_the_terminal() {
    leaves_cleanly("q");
}

#[test]
fn ctrl_c_restores_the_terminal() {
    leaves_cleanly("ctrl-c");
}

#[test]
fn sigterm_restores_the_terminal() {
    leaves_cleanly("sigterm");
}

#[test]
fn sighup_restores_the_terminal() {
    leaves_cleanly("sighup");
}

#[test]
fn too_small_terminal_says_how_large_it_must_be() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 60, 20, &[]);
    p.wait_for("at least 80 columns x 24 rows");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}

#[test]
fn privacy_key_blanks_the_screen_and_the_check_in_continues_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    p.key_then("4", "2 of 10");
    let before = p.screen();
    p.send("x");
    p.wait_until("the privacy screen", |s| {
        s.contains("Press any key to continue.")
    });
    let hidden = p.screen();
    let visible: Vec<&str> = hidden
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        visible,
        vec!["Press any key to continue."],
        "only the privacy line remains:\n{hidden}"
    );
    for word in ["recap", "Me", "BARC", "happy", "agree", "Question"] {
        assert!(!hidden.contains(word), "{word:?} still visible");
    }
    // Any key brings the same question back, and is not taken as an answer.
    p.send("6");
    p.wait_for("In general I am happy with my life.");
    assert_eq!(p.screen(), before);
    p.key_then("5", "3 of 10");
    assert_eq!(
        db_answers(dir.path())
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>(),
        vec![4, 5]
    );
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}
