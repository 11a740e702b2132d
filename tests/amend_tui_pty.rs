//! End-to-end in a pseudo-terminal: from a check-in's answers in trends, a
//! corrects the highlighted answer (the new value, then a reason); the view
//! lists the correction and the score follows. The store is read back
//! through the real binary (`recap history --json`, the JSON export).

mod common;

use common::pty::Pty;
use common::run::recap;
use serde_json::Value;

#[test]
fn amend_an_answer_from_trends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    recap(
        d,
        &[
            "record",
            "who-5",
            "--answers",
            "4,3,3,3,3",
            "--date",
            "2026-01-05",
        ],
    );
    let history: Value = serde_json::from_str(&recap(d, &["history", "--json"])).expect("json");
    assert_eq!(history[0]["score"]["value"], 64.0);

    let mut p = Pty::spawn(d, &["trends", "who-5"], 100, 30, &[]);
    p.wait_for("1 check-in");
    p.key_then("\r", "WHO-5 on 5 Jan 2026");
    p.wait_for("a amend");
    p.key_then("a", "Correct an answer");
    p.wait_for("Answered: 4 (Most of the time)");
    p.key_then("2", "› 2  Less than half of the time");
    p.key_then("\r", "Why is it changed?");
    p.send("typo on the paper form");
    p.wait_for("> typo on the paper form");
    p.key_then("\r", "Answer corrected");
    p.wait_for("Question 1 now reads 2 (Less than half of the time)");
    p.send("\r");
    p.wait_for("Question 1 amended");
    p.wait_for("reason: typo on the paper form");
    p.wait_for("Well-being: 56");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());

    let history: Value = serde_json::from_str(&recap(d, &["history", "--json"])).expect("json");
    let h = &history[0];
    assert_eq!(h["score"]["value"], 56.0);
    assert_eq!(h["amendments"][0]["item"], "w1");
    assert_eq!(h["amendments"][0]["was"], 4);
    assert_eq!(h["amendments"][0]["value"], 2);
    assert_eq!(h["amendments"][0]["reason"], "typo on the paper form");
    let dump: Value =
        serde_json::from_str(&recap(d, &["export", "--format", "json"])).expect("json");
    let session = &dump["sessions"][0];
    let answer = session["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .find(|a| a["item_id"] == "w1")
        .expect("w1 answered");
    assert_eq!(answer["value"], 2, "the amended answer is stored");
    assert_eq!(session["amendments"][0]["reason"], "typo on the paper form");
}
