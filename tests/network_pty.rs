//! End-to-end in a pseudo-terminal at 80x24: the recovery network screen
//! from home (m), a full walk-through by keys (keep, change every question
//! of a person, a new place, finish), and an entry added and changed in
//! the form. What was stored is read back through the real binary
//! (`recap network list --json`).

mod common;

use common::pty::Pty;
use common::run::recap;
use serde_json::Value;

const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";

fn network(dir: &std::path::Path) -> Value {
    serde_json::from_str(&recap(dir, &["network", "list", "--json"])).expect("json")
}

fn entry<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {v:#}"))
}

/// Home, then the network screen.
fn open(d: &std::path::Path) -> Pty {
    let mut p = Pty::spawn(d, &[], 80, 24, &[]);
    p.wait_for("Choose a check-in");
    p.wait_for("m network");
    p.key_then("m", "Your recovery network");
    p
}

#[test]
fn a_full_review_by_keys_is_stored_and_marked_walked_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    recap(
        d,
        &[
            "network",
            "add",
            "Sam",
            "--kind",
            "person",
            "--support",
            "mixed",
            "--close",
            "3",
        ],
    );
    recap(
        d,
        &[
            "network",
            "add",
            "Club",
            "--kind",
            "group",
            "--support",
            "supportive",
        ],
    );
    let before = network(d);
    assert_eq!(before["last_walked_through"], Value::Null);

    let mut p = open(d);
    p.wait_for("2 entries: 1 supportive of your goals (50%), 1 mixed");
    p.key_then("r", "Entry 1 of 2");
    p.wait_for("Sam: person, mixed, close 3/5");
    // Sam: change. Name and kind kept; supportive; close 4; weekly; a role model.
    p.key_then("c", "Name (now Sam");
    p.key_then("\r", "Is Sam a person, a group, or a place or service?");
    p.key_then(
        "\r",
        "Does time with Sam support the goals you have chosen?",
    );
    p.key_then("1", "How close is Sam to you");
    p.wait_for("Now: 3/5. Enter keeps it.");
    p.key_then("4", "How often are you in touch with Sam?");
    p.key_then("1", "Do you look to Sam as an example");
    p.key_then("y", "Entry 2 of 2");
    // Club: kept.
    p.key_then("k", "Add anyone or anything else?");
    // A new place.
    p.send("Library");
    p.wait_for("Library");
    p.key_then("\r", "Is Library a person, a group, or a place or service?");
    p.key_then("3", "Does time with Library support the goals");
    p.key_then("1", "Is Library available near you?");
    p.key_then("y", "Can you get to Library?");
    p.key_then("y", "Do you use Library?");
    p.key_then("n", "Add anyone or anything else?");
    p.key_then("\r", "saved: 2 changes.");
    p.wait_for("3 entries: 3 supportive of your goals (100%)");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());

    let after = network(d);
    let sam = entry(&after, "Sam");
    assert_eq!(sam["support"], "supportive");
    assert_eq!(sam["closeness"], 4);
    assert_eq!(sam["contact"], "weekly");
    assert_eq!(sam["role_model"], true);
    let club = entry(&after, "Club");
    assert_eq!(club, entry(&before, "Club"), "kept as it was");
    let library = entry(&after, "Library");
    assert_eq!(library["kind"], "place");
    assert_eq!(library["support"], "supportive");
    assert_eq!(
        (
            library["available"].as_bool(),
            library["reachable"].as_bool(),
            library["uses"].as_bool()
        ),
        (Some(true), Some(true), Some(false))
    );
    assert_eq!(after["summary"]["total"], 3);
    assert_eq!(after["summary"]["role_models"], 1);
    assert_eq!(after["review"]["walked_through"], true);
    assert_eq!(after["last_walked_through"], after["review"]["date"]);
    assert_eq!(after["review_due"], false);
}

#[test]
fn an_entry_is_added_and_changed_on_the_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut p = open(d);
    p.wait_for("no entries yet");
    p.key_then("a", "Add to your network");
    p.send("Ana");
    p.wait_for("Ana");
    p.send(DOWN);
    p.key_then("2", "group");
    p.send(DOWN);
    p.send(RIGHT);
    p.wait_for("‹ mixed ›");
    p.send(DOWN);
    p.key_then("4", "‹ 4 of 5 ›");
    p.send(DOWN);
    p.key_then("5", "‹ 5 of 5 ›");
    p.key_then("\r", "Ana is added");
    p.wait_for("1 entry: 0 supportive of your goals (0%), 1 mixed");
    let added = network(d);
    let ana = entry(&added, "Ana");
    assert_eq!(
        (ana["kind"].as_str(), ana["support"].as_str()),
        (Some("group"), Some("mixed"))
    );
    assert_eq!(
        (ana["closeness"].as_u64(), ana["belonging"].as_u64()),
        (Some(4), Some(5))
    );

    // Changed: supportive now, and a new name.
    p.key_then("e", "Change an entry");
    p.send("\x7f\x7f\x7f");
    p.send("Ana's team");
    p.wait_for("Ana's team");
    p.send(DOWN);
    p.send(DOWN);
    p.key_then("1", "‹ supportive ›");
    p.key_then("\r", "Ana's team is changed");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));

    let changed = network(d);
    let team = entry(&changed, "Ana's team");
    assert_eq!(team["id"], ana["id"], "the same entry, renamed");
    assert_eq!(team["support"], "supportive");
    assert_eq!(team["belonging"], 5);
    assert_eq!(changed["entries"].as_array().map(Vec::len), Some(1));
}
