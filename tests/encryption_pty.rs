//! The full-screen app of an encrypted database in a pseudo-terminal: the
//! lock screen comes before anything else (support and hide work on it, a
//! wrong passphrase is refused), and after a while without a key the app
//! locks again in the middle of a check-in, keeping the answer in progress.

mod common;

use std::path::Path;

use common::pty::Pty;
use common::run::recap;

const NAME: &str = "Quentin Marlowe";
const PASSPHRASE: &str = "correct horse battery staple";
const F2: &str = "\x1bOQ";
const F3: &str = "\x1bOR";

/// An encrypted database with one person who did a WHO-5.
fn encrypted(dir: &Path) {
    std::fs::write(dir.join("pw"), format!("{PASSPHRASE}\n")).expect("pw");
    recap(dir, &["profiles", "add", NAME]);
    recap(
        dir,
        &[
            "--profile",
            NAME,
            "record",
            "who-5",
            "--date",
            "2026-03-02",
            "--answers",
            "3,3,3,3,3",
        ],
    );
    let pw = dir.join("pw").display().to_string();
    recap(dir, &["encrypt", "--new-passphrase-file", &pw]);
}

/// Nothing about the person may show on the lock screen.
fn shows_nothing_personal(p: &Pty) {
    let screen = p.screen();
    for text in [NAME, "WHO-5", "BARC-10", "Question", "of 10"] {
        assert!(
            !screen.contains(text),
            "{text:?} on the lock screen:\n{screen}"
        );
    }
}

#[test]
fn the_lock_screen_comes_first_with_support_and_hide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    encrypted(d);
    let mut p = Pty::spawn(d, &[], 80, 24, &[]);
    p.wait_for("recap is locked");
    p.wait_for("Passphrase: _");
    shows_nothing_personal(&p);
    assert!(p.screen().contains("F2 support"), "{}", p.screen());

    p.key_then(F2, "988 Suicide & Crisis Lifeline");
    p.send("z");
    p.wait_until("support closed", |s| !s.contains("988 Suicide"));
    assert!(
        p.screen().contains("Passphrase: _"),
        "the closing key is not typed"
    );
    p.key_then(F3, "Press any key to continue.");
    assert!(!p.screen().contains("Passphrase"), "{}", p.screen());
    p.key_then("z", "Passphrase: _");

    p.send("not it at all");
    p.wait_for("Passphrase: *************_");
    assert!(!p.screen().contains("not it at all"));
    p.key_then("\r", "That passphrase does not open this file");
    shows_nothing_personal(&p);

    p.send(PASSPHRASE);
    p.key_then("\r", "Choose a check-in");
    assert!(p.screen().contains(NAME), "{}", p.screen());
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn ctrl_c_on_the_lock_screen_leaves_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    encrypted(d);
    let before = std::fs::read(d.join("recap.db")).expect("db");
    let mut p = Pty::spawn(d, &[], 80, 24, &[]);
    p.wait_for("recap is locked");
    p.send("wrong words");
    p.key_then("\r", "does not open");
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
    assert_eq!(std::fs::read(d.join("recap.db")).expect("db"), before);
}

#[test]
fn the_app_locks_again_during_a_check_in_and_keeps_the_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    encrypted(d);
    std::fs::create_dir_all(d.join("config")).expect("config dir");
    // 0.1 minutes: six seconds without a key.
    std::fs::write(
        d.join("config/config.toml"),
        "[privacy]\nlock_after_minutes = 0.1\n",
    )
    .expect("config");
    let mut p = Pty::spawn(d, &[], 80, 24, &[]);
    p.wait_for("recap is locked");
    p.send(PASSPHRASE);
    p.send("\r");
    p.open_barc();
    p.key_then("4", "2 of 10");

    // Nothing pressed: the lock screen comes over the check-in.
    p.wait_for("recap locked itself");
    shows_nothing_personal(&p);
    p.send("wrong words");
    p.key_then("\r", "does not open");
    shows_nothing_personal(&p);
    p.send(PASSPHRASE);
    p.key_then("\r", "2 of 10");
    p.key_then("5", "3 of 10");
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));

    // Both answers were saved, the one before the lock included.
    let pw = d.join("pw").display().to_string();
    let json = recap(d, &["--passphrase-file", &pw, "export", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let barc = value["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["questionnaire_id"] == "barc-10")
        .expect("the BARC-10 check-in");
    assert_eq!(barc["status"], "in_progress");
    assert_eq!(barc["answers"].as_array().expect("answers").len(), 2);
}

#[test]
fn ending_a_client_session_asks_for_the_passphrase_before_the_picker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    encrypted(d);
    recap(
        d,
        &[
            "--passphrase-file",
            &d.join("pw").display().to_string(),
            "profiles",
            "add",
            "Rosa Vidal",
        ],
    );
    let mut p = Pty::spawn(d, &["--profile", NAME], 80, 24, &[]);
    p.wait_for("recap is locked");
    p.send(PASSPHRASE);
    p.key_then("\r", "e end session");
    p.key_then("e", "End this session?");
    p.key_then("y", "recap is locked");
    shows_nothing_personal(&p);
    assert!(!p.screen().contains("Rosa"), "{}", p.screen());
    p.send(PASSPHRASE);
    p.key_then("\r", "Who is checking in?");
    assert!(!p.screen().contains(NAME), "{}", p.screen());
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}
