//! A counselor's file of six clients, in a pseudo-terminal: the opening
//! screen names no one until two characters are typed; a session started
//! with `--profile` reaches no one else by any key, and the caseload only
//! outside a session; "end session" brings back the picker, naming no one;
//! and errors of commands run without `--profile` name no one.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::pty::Pty;

const CLIENTS: [&str; 6] = [
    "Ana Lopez",
    "Ben Okafor",
    "Alba Lind",
    "Chris Moreau",
    "Dana Whitfield",
    "Eli Santos",
];

fn recap(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(args)
        .env("RECAP_DB", dir.join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir)
        .output()
        .expect("run recap")
}

/// Six clients, each with a check-in (so every screen has something).
fn six(dir: &Path) {
    for name in CLIENTS {
        let out = recap(dir, &["profiles", "add", name]);
        assert!(out.status.success(), "{out:?}");
        let out = recap(
            dir,
            &[
                "record",
                "who-5",
                "--answers",
                "3,3,3,3,3",
                "--profile",
                name,
                "--date",
                "2026-01-05",
            ],
        );
        assert!(out.status.success(), "{out:?}");
    }
}

fn names_on(screen: &str) -> Vec<&'static str> {
    CLIENTS
        .iter()
        .copied()
        .filter(|n| screen.contains(n))
        .collect()
}

/// Waits until every key sent so far is handled: the help overlay opens on
/// home (it lists "end session"), then closes.
fn settle_on_home(p: &mut Pty) {
    p.send("?");
    p.wait_for("end this session");
    p.send("\x1b");
    p.wait_until("help closed", |s| {
        !s.contains("end this session") && s.contains("e end session")
    });
}

fn esc(p: &mut Pty) {
    p.send("\x1b");
    std::thread::sleep(Duration::from_millis(60));
}

#[test]
fn with_six_clients_the_opening_screen_names_no_one_until_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    six(d);
    let mut p = Pty::spawn(d, &[], 80, 24, &[]);
    p.wait_for("Who is checking in?");
    p.wait_for("No one is");
    assert!(names_on(&p.screen()).is_empty(), "{}", p.screen());
    // One letter: still no one.
    p.send("l");
    p.wait_until("l typed", |s| s.contains("│l "));
    assert!(names_on(&p.screen()).is_empty(), "{}", p.screen());
    // Two: only the person they match.
    p.send("o");
    p.wait_for("Ana Lopez");
    assert_eq!(names_on(&p.screen()), ["Ana Lopez"], "{}", p.screen());
    // Opening asks, naming only them.
    p.key_then("\r", "Open Ana Lopez?");
    assert_eq!(names_on(&p.screen()), ["Ana Lopez"], "{}", p.screen());
    p.key_then("y", "recap · Ana Lopez");
    p.wait_for("e end session");
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn a_session_pinned_with_profile_reaches_no_other_client_by_any_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    six(d);
    let mut p = Pty::spawn(d, &["--profile", "Ana Lopez"], 80, 24, &[]);
    p.wait_for("recap · Ana Lopez");
    p.wait_for("e end session");
    assert!(!p.screen().contains("p people"), "{}", p.screen());
    let keys = [
        "p", "P", "\x1b", "\t", "\x1b[Z", "c", "C", "/", "l", "o", "u", "v", "X", "\x0e",
        "\x1b[5~", "\x1b[6~", "\x1b[H", "\x1b[F", "\x1b[3~", "\x7f", "\x1bOS", "\x1b[15~",
    ];
    for key in keys {
        p.send(key);
        std::thread::sleep(Duration::from_millis(120));
        let screen = p.screen();
        assert_eq!(names_on(&screen), ["Ana Lopez"], "{key:?}: {screen}");
        assert!(!screen.contains("Who is checking in?"), "{key:?}: {screen}");
        assert!(!screen.contains("Caseload"), "{key:?}: {screen}");
        esc(&mut p);
        esc(&mut p);
        settle_on_home(&mut p);
        let screen = p.screen();
        assert_eq!(names_on(&screen), ["Ana Lopez"], "{key:?}: {screen}");
    }
    // Trends and notes show only this client too.
    p.key_then("t", "recap · Ana Lopez · Trends");
    assert_eq!(names_on(&p.screen()), ["Ana Lopez"], "{}", p.screen());
    p.send("p");
    std::thread::sleep(Duration::from_millis(120));
    assert_eq!(names_on(&p.screen()), ["Ana Lopez"], "{}", p.screen());
    esc(&mut p);
    settle_on_home(&mut p);
    // Ending the session: a question that names no one, then the picker.
    p.key_then("e", "End this session?");
    let dialog = p.screen();
    let body: String = dialog.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert!(names_on(&body).is_empty(), "{dialog}");
    p.key_then("y", "Who is checking in?");
    assert!(names_on(&p.screen()).is_empty(), "{}", p.screen());
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn the_caseload_is_unreachable_inside_a_session_and_private_outside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    six(d);
    let mut p = Pty::spawn(d, &["--profile", "Ben Okafor"], 80, 24, &[]);
    p.wait_for("e end session");
    for key in ["c", "C", "\t", "p", "\x1bOS", "\x1b[15~"] {
        p.send(key);
        std::thread::sleep(Duration::from_millis(120));
        assert!(!p.screen().contains("Caseload"), "{key:?}: {}", p.screen());
        esc(&mut p);
        settle_on_home(&mut p);
    }
    // Outside a session: the list (on Tab, with its reminder), then c.
    p.key_then("e", "End this session?");
    p.key_then("y", "Who is checking in?");
    p.key_then("\t", "others in the room may see this screen");
    p.key_then("c", "Caseload: 6 clients");
    assert!(p.screen().contains("keep it off"), "{}", p.screen());
    // Opening a client from it pins the app again: no caseload.
    p.key_then("\r", "Open ");
    p.key_then("y", "e end session");
    p.send("c");
    std::thread::sleep(Duration::from_millis(120));
    settle_on_home(&mut p);
    assert!(!p.screen().contains("Caseload"), "{}", p.screen());
    assert_eq!(names_on(&p.screen()).len(), 1, "{}", p.screen());
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn an_error_from_a_command_without_profile_names_no_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    six(d);
    // In a terminal: the full-screen app asked for one check-in.
    let mut p = Pty::spawn(d, &["check-in", "who-5"], 80, 24, &[]);
    assert_eq!(p.wait_exit(), Some(2));
    let screen = p.screen();
    assert!(screen.contains("more than one profile"), "{screen}");
    assert!(screen.contains("recap profiles list"), "{screen}");
    assert!(names_on(&screen).is_empty(), "{screen}");
    // A name that is not there names no one else either.
    let mut p = Pty::spawn(d, &["--profile", "Nobody"], 80, 24, &[]);
    assert_eq!(p.wait_exit(), Some(2));
    let screen = p.screen();
    assert!(screen.contains("no profile named \"Nobody\""), "{screen}");
    assert!(names_on(&screen).is_empty(), "{screen}");
    // And every command that needs one person.
    let commands: &[&[&str]] = &[
        &["check-in", "who-5"],
        &["record", "who-5", "--answers", "3,3,3,3,3"],
        &["prep"],
        &["trends", "--plain"],
        &["history"],
        &["report", "--format", "md"],
        &["notes", "list"],
        &["notes", "add", "a note"],
        &["network", "list"],
        &["remind", "install", "--dry-run"],
        &["prep", "--profile", "Nobody"],
        &["trends", "--profile", "Ana"],
    ];
    for args in commands {
        let out = recap(d, args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {text}");
        assert!(names_on(&text).is_empty(), "{args:?} named someone: {text}");
        assert!(text.contains("recap profiles list"), "{args:?}: {text}");
    }
}

/// `recap --plain` with this input; standard output.
fn plain(dir: &Path, input: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_recap"))
        .arg("--plain")
        .env("RECAP_DB", dir.join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run recap");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn plain_mode_finds_by_typing_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    six(d);
    // Nothing typed: no one named.
    let out = plain(d, "");
    assert!(out.contains("Who is checking in?"), "{out}");
    assert!(names_on(&out).is_empty(), "{out}");
    // One letter is not enough; "lo" finds Ana Lopez only.
    let out = plain(d, "l\nlo\nq\n");
    assert!(out.contains("at least two letters"), "{out}");
    assert!(out.contains("1) Ana Lopez"), "{out}");
    assert_eq!(names_on(&out), ["Ana Lopez"], "{out}");
    // "list" lists everyone, with the reminder.
    let out = plain(d, "list\nq\n");
    assert!(out.contains("others in the room may see"), "{out}");
    assert_eq!(names_on(&out).len(), 6, "{out}");
}
