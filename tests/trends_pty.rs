//! End-to-end: a paper form recorded with `recap record --date`, a second
//! check-in done by keys in the real binary in a pseudo-terminal, then the
//! trends screen (from the results with `t`, and from `recap trends ID`)
//! showing both dates and both scores.

mod common;

use std::process::Command;

use common::pty::Pty;

fn record(dir: &std::path::Path, id: &str, answers: &str, date: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(["record", id, "--answers", answers, "--date", date])
        .env("RECAP_DB", dir.join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir)
        .output()
        .expect("run recap record");
    assert!(
        out.status.success(),
        "record failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn today() -> String {
    chrono::Local::now().format("%-d %b %Y").to_string()
}

#[test]
fn trends_show_a_recorded_and_a_keyed_check_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A paper form from January: all "Somewhat disagree" (3) = 30.
    record(dir.path(), "barc-10", "3,3,3,3,3,3,3,3,3,3", "2026-01-05");

    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    p.open_barc();
    // 6,5,4,5,6,5,4,5,6,5 = 51.
    let answers = ["6", "5", "4", "5", "6", "5", "4", "5", "6", "5"];
    for (i, a) in answers.iter().enumerate() {
        p.send(a);
        if i + 1 < answers.len() {
            p.wait_for(&format!("{} of 10", i + 2));
        }
    }
    p.wait_for("Review your answers");
    p.key_then("\r", "Your results");
    p.key_then("t", "BARC-10 (Tab)");
    let today = today();
    p.wait_until("both check-ins listed with their scores", |s| {
        s.lines().any(|l| l.contains(&today) && l.contains(" 51 "))
            && s.lines()
                .any(|l| l.contains("5 Jan 2026") && l.contains(" 30 "))
    });
    let screen = p.screen();
    assert!(screen.contains("2 check-ins"), "{screen}");
    assert!(screen.contains("+21"), "change from January: {screen}");
    // Enter shows the answers of the newest (today's) check-in.
    p.key_then("\r", &format!("BARC-10 on {today}"));
    p.wait_for("Strongly agree (6)");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen(), "left the alternate screen");
    assert!(!p.cursor_hidden(), "cursor visible again");

    // `recap trends barc-10` opens straight on the chart.
    let mut p = Pty::spawn(dir.path(), &["trends", "barc-10"], 120, 40, &[]);
    p.wait_for("BARC-10 (Tab)");
    p.wait_until("both dates and scores", |s| {
        s.contains("5 Jan 2026") && s.contains(&today) && s.contains("47 or above")
    });
    p.send("\x1b");
    p.wait_for("Choose a check-in");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
    assert!(!p.alternate_screen());
}

#[test]
fn plain_trends_print_the_same_data_as_a_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    record(dir.path(), "who-5", "2,2,2,2,2", "2026-01-05");
    record(dir.path(), "who-5", "4,3,3,3,3", "2026-02-02");
    let out = Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(["trends", "--plain"])
        .env("RECAP_DB", dir.path().join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.path().join("config"))
        .env("HOME", dir.path())
        .output()
        .expect("run recap trends");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2026-01-05  40"), "{text}");
    assert!(text.contains("2026-02-02  64"), "{text}");
    assert!(text.contains("+24, reliable improvement"), "{text}");
    // Only questionnaires with data are listed.
    assert!(!text.contains("BARC-10"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(["trends", "who-5", "--json", "--window", "1y"])
        .env("RECAP_DB", dir.path().join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.path().join("config"))
        .env("HOME", dir.path())
        .output()
        .expect("run recap trends --json");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["window"], "1y");
    assert_eq!(v["questionnaires"][0]["id"], "who-5");
    let unknown = Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(["trends", "nope", "--plain"])
        .env("RECAP_DB", dir.path().join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.path().join("config"))
        .output()
        .expect("run recap trends nope");
    assert_eq!(unknown.status.code(), Some(2));
}
