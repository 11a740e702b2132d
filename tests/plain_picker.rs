//! Plain mode offers the same profile picker as the full-screen app (names,
//! last check-in, what is due; never a score), and ends its output with a
//! new line when input ends.

use assert_cmd::Command;
use rusqlite::Connection;

fn recap(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String) {
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
fn several_people_choose_who_is_checking_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["Alex", "Sam"] {
        assert_eq!(recap(dir.path(), &["profiles", "add", name], "").0, 0);
    }
    let (_, out) = recap(
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
    // Sam (the second), WHO-5 (the third check-in), five answers, submit.
    let (code, out) = recap(dir.path(), &["--plain"], "2\n3\n1\n2\n3\n4\n5\n\n");
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
        let (code, out) = recap(dir.path(), &["--plain"], input);
        assert_eq!(code, 0, "{out}");
        assert!(out.ends_with('\n'), "{input:?}: {out:?}");
    }
    // With several people, at the picker too.
    assert_eq!(recap(dir.path(), &["profiles", "add", "Sam"], "").0, 0);
    let (_, out) = recap(dir.path(), &["--plain"], "");
    assert!(
        out.contains("Who is checking in?") && out.ends_with('\n'),
        "{out:?}"
    );
}

#[test]
fn optional_is_said_once_on_the_written_reflection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out) = recap(
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
