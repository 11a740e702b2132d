//! End-to-end in a pseudo-terminal: a weekly check-in, then from its
//! results the plan, where a goal is set in the person's own words with a
//! first step; home shows it with its next step; the next weekly check-in
//! ends with the review of that step, stored with that check-in; the
//! store is checked through the real binary (`goals list --json`, the JSON
//! export).

mod common;

use common::pty::Pty;
use common::run::recap;

/// The weekly check-in from home's first row: every item, past the text
/// item, then the review of answers.
fn weekly(p: &mut Pty, answers: &str) {
    p.key_then("\r", "Weekly check-in");
    p.send("\r");
    for (n, a) in answers.chars().enumerate() {
        p.send(&a.to_string());
        let next = if n + 1 == answers.len() { 14 } else { n + 2 };
        p.wait_for(&format!("{next} of 14"));
    }
    p.send("\t");
    p.wait_for("Submit these answers");
    p.send("\r");
}

#[test]
fn a_goal_set_after_a_check_in_is_reviewed_at_the_next_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut p = Pty::spawn(d, &[], 80, 24, &[("TZ", "UTC")]);
    p.wait_for("Choose a check-in");
    // Community low this week.
    weekly(&mut p, "4443332222000");
    p.wait_for("g plan");
    p.key_then("g", "What you may want to work on");
    p.key_then("a", "Your goal, in your own words");
    p.send("Call Sam every Sunday");
    p.send("\t");
    p.send("4");
    p.wait_for("[4 Community]");
    p.send("\t");
    p.send("Put it in my calendar");
    p.key_then("\r", "Goal set.");
    p.wait_for("[ ] Put it in my calendar (not reviewed yet)");
    let goals: serde_json::Value =
        serde_json::from_str(&recap(d, &["goals", "list", "--json"])).expect("json");
    assert_eq!(goals[0]["text"], "Call Sam every Sunday");
    assert_eq!(goals[0]["dimension"], "community");
    assert_eq!(goals[0]["steps"][0]["state"], "open");
    // Home: the goal in progress with its next step.
    p.send("\x1b");
    p.wait_for("g plan");
    p.send("\x1b");
    p.wait_for("• Call Sam every Sunday · next: Put it in my calendar");

    // The next weekly check-in (the same day here: the app asks first).
    p.send("\r");
    p.key_then("\r", "Weekly check-in was already completed today");
    p.key_then("y", "Press Enter to begin");
    p.key_then("\r", "1 of 14");
    for (n, a) in "4443332222111".chars().enumerate() {
        p.send(&a.to_string());
        let next = if n == 12 { 14 } else { n + 2 };
        p.wait_for(&format!("{next} of 14"));
    }
    p.send("\t");
    p.wait_for("Submit these answers");
    p.key_then("\r", "Your steps this week");
    p.wait_for("Goal: Call Sam every Sunday");
    p.wait_for("Step 1 of 1: Put it in my calendar");
    // Done: the review ends and the results of the check-in follow.
    p.key_then("1", "g plan");
    let goals: serde_json::Value =
        serde_json::from_str(&recap(d, &["goals", "list", "--json"])).expect("json");
    assert_eq!(goals[0]["steps"][0]["state"], "done");
    // Stored with the second check-in.
    let export: serde_json::Value =
        serde_json::from_str(&recap(d, &["export", "--format", "json"])).expect("json");
    let second = export["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter(|s| s["status"] == "completed")
        .map(|s| s["id"].as_str().expect("id").to_string())
        .max_by_key(|id| {
            export["sessions"]
                .as_array()
                .expect("sessions")
                .iter()
                .find(|s| s["id"] == id.as_str())
                .and_then(|s| s["completed_at"].as_str().map(str::to_string))
        })
        .expect("a second check-in");
    let reviewed: Vec<&serde_json::Value> = export["goals"][0]["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["kind"] == "step-reviewed")
        .collect();
    assert_eq!(reviewed.len(), 1);
    assert_eq!(reviewed[0]["session_id"], second.as_str());
    assert_eq!(reviewed[0]["status"], "done");
    p.send("\x1b");
    p.wait_for("Choose a check-in");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}
