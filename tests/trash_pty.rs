//! End-to-end in a pseudo-terminal: from a check-in's answers in trends, D
//! asks, y moves it to the trash, u in the notice brings it back; a second
//! time the notice is closed and the list reloads without it. The store is
//! checked through the real binary (`recap trash list --json`).

mod common;

use common::pty::Pty;
use common::run::recap;

fn trashed(dir: &std::path::Path) -> usize {
    let json = recap(dir, &["trash", "list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value.as_array().map_or(0, Vec::len)
}

#[test]
fn delete_from_trends_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    recap(
        d,
        &[
            "record",
            "barc-10",
            "--answers",
            "3,3,3,3,3,3,3,3,3,3",
            "--date",
            "2026-01-05",
        ],
    );
    recap(
        d,
        &[
            "record",
            "barc-10",
            "--answers",
            "5,5,5,5,5,5,5,5,5,5",
            "--date",
            "2026-02-05",
        ],
    );
    let mut p = Pty::spawn(d, &["trends", "barc-10"], 120, 40, &[]);
    p.wait_for("2 check-ins");
    p.key_then("\r", "BARC-10 on 5 Feb 2026");
    p.wait_for("D delete");
    p.key_then("D", "Move this check-in to the trash?");
    p.key_then("y", "Moved to the trash");
    p.wait_for("u undo");
    assert_eq!(trashed(d), 1);
    p.send("u");
    p.wait_until("the notice closed", |s| !s.contains("Moved to the trash"));
    assert_eq!(trashed(d), 0);
    // Again, and this time the notice is simply closed.
    p.key_then("D", "Move this check-in to the trash?");
    p.key_then("y", "Moved to the trash");
    p.send("\r");
    p.wait_for("1 check-in");
    assert!(!p.screen().contains("5 Feb 2026"), "{}", p.screen());
    assert_eq!(trashed(d), 1);
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}
