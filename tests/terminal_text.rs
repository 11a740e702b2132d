//! Text that reaches a terminal, and bounded work on any input, through the
//! real `recap` binary in temporary folders:
//! - a questionnaire with OSC (title, clipboard), CSI (clear screen) and C1
//!   sequences in every text field is refused by `questionnaires validate`
//!   with each position, and no command prints an escape byte;
//! - file names, profile names, free-text answers, support contacts, notes
//!   and command-line arguments never put a control character on stdout or
//!   stderr; data written to a pipe keeps its exact bytes, and the same
//!   export on a terminal is cleaned;
//! - 20,000 duplicate item ids are reported quickly; a file over 1 MB and a
//!   FIFO (as `config.toml`, in the questionnaires folder or given to
//!   `validate`) are refused without hanging.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Everything a terminal could act on: ESC, BEL, C1 CSI (UTF-8 C2 9B), or a
/// raw right-to-left override (UTF-8 E2 80 AE).
fn unsafe_bytes(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        match (*b, next) {
            (0x1b, _) => found.push(format!("ESC at {i}")),
            (0x07, _) => found.push(format!("BEL at {i}")),
            (0xc2, Some(n)) if (0x80..=0x9f).contains(&n) => {
                found.push(format!("C1 U+00{n:02X} at {i}"));
            }
            (0xe2, Some(0x80)) if bytes.get(i + 2) == Some(&0xae) => {
                found.push(format!("U+202E at {i}"));
            }
            _ => {}
        }
    }
    found
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let found = unsafe_bytes(bytes);
        assert!(
            found.is_empty(),
            "{what}: {stream} holds {found:?}:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

/// The OSC (window title, clipboard), CSI (clear screen), C1 CSI and bidi
/// override sequences, as TOML escapes.
const EVIL: &str =
    r"\u001b]0;title\u0007 \u001b]52;c;aGVsbG8=\u0007 \u001b[2J \u009b2J \u202egnp.exe";

/// The same as raw text (for answers, names and file names).
const EVIL_RAW: &str = "\x1b]0;title\x07 \x1b]52;c;aGVsbG8=\x07 \x1b[2J \u{9b}2J \u{202e}gnp.exe";

/// A questionnaire using every text field, each holding `marker`.
fn questionnaire(marker: &str) -> String {
    let m = marker;
    format!(
        r#"id = "evil"
version = 1
title = "Title{m}"
short_title = "Short{m}"
description = "Description{m}"
instructions = "Instructions{m}"
kind = "reflective"
citation = "Citation{m}"
terms = "Terms{m}"
notice = "Notice{m}"

[[domains]]
id = "d"
label = "Domain{m}"

[scales."agree{m}"]
options = [
  {{ value = 0, label = "No{m}" }},
  {{ value = 1, label = "Yes{m}" }},
]

[[items]]
id = "a"
type = "choice"
scale = "agree{m}"
domains = ["d"]
text = "Question{m}"

[[items]]
id = "n"
type = "number"
min = 0
max = 7
unit = "days{m}"
text = "Number{m}"

[[items]]
id = "free"
type = "text"
required = false
text = "Free{m}"

[[scores]]
id = "total"
label = "Total{m}"
method = "sum"
items = ["a"]
range = [0, 1]

[[scores.bands]]
min = 0
max = 0
label = "Low{m}"
meaning = "Meaning{m}"
source = "Source{m}"

[[scores.bands]]
min = 1
max = 1
label = "High{m}"
source = "Source{m}"

[scores.change]
mdc = 1
source = "Change{m}"

[[safety]]
score = "total"
at_most = 0
message = "Message{m}"
"#
    )
}

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn config_dir(&self) -> PathBuf {
        self.path().join("config")
    }

    fn questionnaires_dir(&self) -> PathBuf {
        let dir = self.config_dir().join("questionnaires");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recap"));
        cmd.current_dir(self.path())
            .env("RECAP_CONFIG_DIR", self.config_dir())
            .env("HOME", self.path())
            .env("TZ", "UTC")
            .env_remove("RECAP_DB")
            .arg("--db")
            .arg(self.path().join("recap.db"))
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs with `input` on standard input.
    fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        use std::io::Write as _;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs, failing the test if recap has not finished within `limit`.
    fn run_within(&self, args: &[&str], limit: Duration) -> (Output, Duration) {
        let start = Instant::now();
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read both pipes on threads so a chatty child cannot block.
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let out_thread = std::thread::spawn(move || {
            let mut b = Vec::new();
            stdout.read_to_end(&mut b).map(|_| b)
        });
        let err_thread = std::thread::spawn(move || {
            let mut b = Vec::new();
            stderr.read_to_end(&mut b).map(|_| b)
        });
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                let elapsed = start.elapsed();
                let output = Output {
                    status,
                    stdout: out_thread.join().unwrap().unwrap(),
                    stderr: err_thread.join().unwrap().unwrap(),
                };
                return (output, elapsed);
            }
            if start.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("recap {args:?} did not finish within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each line holding the marker, with the column of its first quote: where
/// the string (or quoted key) starts.
fn marked_positions(text: &str, marker: &str) -> Vec<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| line.contains(marker))
        .map(|(i, line)| {
            let quote = line.find('"').unwrap();
            (i + 1, line[..quote].chars().count() + 1)
        })
        .collect()
}

#[test]
fn the_questionnaire_without_escapes_is_valid() {
    let sandbox = Sandbox::new();
    let file = sandbox.path().join("plain.toml");
    std::fs::write(&file, questionnaire("")).unwrap();
    let out = sandbox.run(&["questionnaires", "validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn validate_reports_every_escape_with_its_position_and_prints_none() {
    let sandbox = Sandbox::new();
    let text = questionnaire(EVIL);
    let file = sandbox.path().join("evil.toml");
    std::fs::write(&file, &text).unwrap();
    let out = sandbox.run(&["questionnaires", "validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_clean("validate", &out);
    let err = stderr(&out);
    let positions = marked_positions(&text, EVIL);
    assert_eq!(
        positions.len(),
        24,
        "every text field, the scale key and its uses"
    );
    for (line, column) in positions {
        let at = format!("evil.toml:{line}:{column}: ");
        let reported = err.lines().find(|l| l.contains(&at));
        let reported = reported.unwrap_or_else(|| panic!("no problem reported at {at}:\n{err}"));
        assert!(reported.contains("control character U+001B"), "{reported}");
    }
}

#[test]
fn c1_and_bidi_alone_are_reported_too() {
    let sandbox = Sandbox::new();
    for (marker, named) in [
        (r"\u009b2J", "control character U+009B"),
        (r"\u202e", "bidi control character U+202E"),
        (r"\u2067", "bidi control character U+2067"),
        (r"\u007f", "control character U+007F"),
    ] {
        let text = questionnaire(marker);
        let file = sandbox.path().join("one.toml");
        std::fs::write(&file, &text).unwrap();
        let out = sandbox.run(&["questionnaires", "validate", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{marker}");
        assert_clean(marker, &out);
        let err = stderr(&out);
        assert_eq!(err.matches(named).count(), 24, "{marker}:\n{err}");
        assert!(
            err.contains("one.toml:3:9: the value of \"title\" holds"),
            "{err}"
        );
    }
}

#[test]
fn line_breaks_are_refused_only_in_one_line_fields() {
    let sandbox = Sandbox::new();
    let text = questionnaire("")
        .replace("Title\"", "Title\\nsecond line\"")
        .replace("Instructions\"", "Instructions\\n\\tindented\"");
    let file = sandbox.path().join("lines.toml");
    std::fs::write(&file, &text).unwrap();
    let out = sandbox.run(&["questionnaires", "validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("lines.toml:3:9: the value of \"title\" must be on one line"),
        "{err}"
    );
}

#[test]
fn file_names_with_escapes_are_quoted_cleaned() {
    let sandbox = Sandbox::new();
    let name = format!("bad{EVIL_RAW}name.toml");
    // Missing, then present but broken, then valid in the questionnaires folder.
    let missing = sandbox.run(&["questionnaires", "validate", &name]);
    assert_eq!(missing.status.code(), Some(2));
    assert_clean("missing file", &missing);
    assert!(
        stderr(&missing).contains("cannot read the file"),
        "{}",
        stderr(&missing)
    );
    assert!(
        stderr(&missing).contains("bad\u{FFFD}]0;title"),
        "{}",
        stderr(&missing)
    );

    std::fs::write(sandbox.path().join(&name), "title = 1\n").unwrap();
    let broken = sandbox.run(&["questionnaires", "validate", &name]);
    assert_eq!(broken.status.code(), Some(2));
    assert_clean("broken file", &broken);

    let in_folder = sandbox.questionnaires_dir().join(&name);
    std::fs::write(&in_folder, questionnaire("")).unwrap();
    let ok = sandbox.run(&["questionnaires", "validate", in_folder.to_str().unwrap()]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert_clean("valid file", &ok);
    let list = sandbox.run(&["questionnaires", "list"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert_clean("list", &list);
    assert!(stdout(&list).contains("evil"), "{}", stdout(&list));
    assert!(
        stdout(&list).contains("<U+202E>gnp.exe"),
        "{}",
        stdout(&list)
    );

    // A database path with escapes, shown by `recap paths` and in errors.
    let db = sandbox.path().join(format!("db{EVIL_RAW}.db"));
    let paths = Command::new(env!("CARGO_BIN_EXE_recap"))
        .env("RECAP_CONFIG_DIR", sandbox.config_dir())
        .env("HOME", sandbox.path())
        .arg("--db")
        .arg(&db)
        .arg("paths")
        .output()
        .unwrap();
    assert_eq!(paths.status.code(), Some(0));
    assert_clean("paths", &paths);
}

#[test]
fn every_command_is_clean_with_an_escaped_questionnaire_in_the_folder() {
    let sandbox = Sandbox::new();
    let folder = sandbox.questionnaires_dir();
    std::fs::write(folder.join("evil.toml"), questionnaire(EVIL)).unwrap();
    std::fs::write(
        folder.join(format!("x{EVIL_RAW}.toml")),
        questionnaire(EVIL),
    )
    .unwrap();
    let answers = format!("3,3,3,3,3,3,3,3,3,3,3,3,3,note {EVIL_RAW}");
    let runs: Vec<(&str, Output)> = vec![
        ("list", sandbox.run(&["questionnaires", "list"])),
        ("show", sandbox.run(&["questionnaires", "show", "who-5"])),
        (
            "show evil",
            sandbox.run(&["questionnaires", "show", "evil"]),
        ),
        (
            "record",
            sandbox.run(&["record", "samhsa-dimensions", "--answers", &answers]),
        ),
        ("trends", sandbox.run(&["trends", "--plain"])),
        (
            "check-in",
            sandbox.run_with_input(&["--plain", "check-in", "samhsa-dimensions"], "3\nq\n"),
        ),
        ("report", sandbox.run(&["report", "--format", "md"])),
    ];
    for (what, out) in &runs {
        assert_clean(what, out);
        assert!(
            stderr(out).contains("skipped a questionnaire file"),
            "{what}: {}",
            stderr(out)
        );
        assert!(stderr(out).contains("U+001B"), "{what}: {}", stderr(out));
    }
    let record = &runs[3].1;
    assert_eq!(record.status.code(), Some(0), "{}", stderr(record));
    // The one recorded free-text answer is kept exactly as given.
    let json = sandbox.run(&["export", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut texts = Vec::new();
    strings_in(&value, &mut texts);
    let texts: Vec<String> = texts
        .into_iter()
        .filter(|t| t.starts_with("note "))
        .collect();
    assert_eq!(texts, vec![format!("note {EVIL_RAW}")]);
}

fn strings_in(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

#[test]
fn support_contacts_with_escapes_are_refused_with_their_position() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.config_dir()).unwrap();
    let config = format!("[[support.contacts]]\nname = \"Line{EVIL}\"\ndetail = \"Call 1\"\n");
    std::fs::write(sandbox.config_dir().join("config.toml"), config).unwrap();
    // Reported with its position; the check-in still starts, with the
    // built-in contacts.
    let out = sandbox.run_with_input(&["--plain", "check-in", "who-5"], "q\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_clean("config", &out);
    assert!(
        stderr(&out)
            .contains("config.toml:2:8: the value of \"name\" holds the control character U+001B"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn profile_names_and_arguments_with_escapes_never_reach_the_terminal() {
    let sandbox = Sandbox::new();
    let name = format!("Sam{EVIL_RAW}");
    let add = sandbox.run(&["profiles", "add", &name]);
    assert_eq!(add.status.code(), Some(2));
    assert_clean("profiles add", &add);
    assert!(
        stderr(&add).contains("control characters"),
        "{}",
        stderr(&add)
    );

    let unknown = sandbox.run(&["--profile", &name, "trends", "--plain"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_clean("unknown profile", &unknown);

    let usage = sandbox.run(&[&name]);
    assert_eq!(usage.status.code(), Some(2));
    assert_clean("usage error", &usage);
    assert!(
        stderr(&usage).contains("<U+202E>gnp.exe"),
        "{}",
        stderr(&usage)
    );
}

#[test]
fn names_and_notes_stored_by_older_versions_are_shown_cleaned() {
    let sandbox = Sandbox::new();
    let store = recap::store::Store::open(&sandbox.path().join("recap.db")).unwrap();
    let profile = store.add_profile("Lee", chrono::Utc::now()).unwrap();
    store
        .add_note(
            profile.id,
            None,
            &format!("a note {EVIL_RAW}"),
            chrono::Utc::now(),
        )
        .unwrap();
    drop(store);
    // An older recap let bidi characters and C1 controls into names.
    let conn = rusqlite::Connection::open(sandbox.path().join("recap.db")).unwrap();
    conn.execute(
        "UPDATE profiles SET name = ?1 WHERE id = ?2",
        rusqlite::params![format!("Lee{EVIL_RAW}"), profile.id],
    )
    .unwrap();
    drop(conn);
    let list = sandbox.run(&["profiles", "list"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert_clean("profiles list", &list);
    assert!(
        stdout(&list).contains("Lee\u{FFFD}]0;title"),
        "{}",
        stdout(&list)
    );
    let report = sandbox.run(&["report", "--format", "md"]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    assert_clean("report md", &report);
    assert!(stdout(&report).contains("U+202E"), "{}", stdout(&report));
    let html = sandbox.run(&["report", "--format", "html"]);
    assert_clean("report html", &html);
}

#[test]
fn data_on_a_pipe_keeps_its_bytes_and_on_a_terminal_is_cleaned() {
    let sandbox = Sandbox::new();
    let answers = format!("3,3,3,3,3,3,3,3,3,3,3,3,3,note {EVIL_RAW}");
    let record = sandbox.run(&["record", "samhsa-dimensions", "--answers", &answers]);
    assert_eq!(record.status.code(), Some(0), "{}", stderr(&record));
    let piped = sandbox.run(&["export", "--format", "csv"]);
    assert!(
        String::from_utf8_lossy(&piped.stdout).contains(EVIL_RAW),
        "a pipe gets the exact text"
    );

    // The same export on a terminal.
    let raw = on_a_terminal(&sandbox, &["export", "--format", "csv"]);
    let shown = String::from_utf8_lossy(&raw);
    assert!(shown.contains("note "), "{shown}");
    assert!(
        unsafe_bytes(&raw).is_empty(),
        "{:?}\n{shown}",
        unsafe_bytes(&raw)
    );
    assert!(shown.contains("<U+202E>gnp.exe"), "{shown}");
    for format in ["json", "fhir"] {
        let raw = on_a_terminal(&sandbox, &["export", "--format", format]);
        assert!(
            unsafe_bytes(&raw).is_empty(),
            "{format}: {:?}",
            unsafe_bytes(&raw)
        );
    }
    let raw = on_a_terminal(&sandbox, &["trends", "--json"]);
    assert!(unsafe_bytes(&raw).is_empty(), "{:?}", unsafe_bytes(&raw));
}

/// Every byte `recap ARGS` writes to a pseudo-terminal, until it exits.
fn on_a_terminal(sandbox: &Sandbox, args: &[&str]) -> Vec<u8> {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_recap"));
    cmd.arg("--db");
    cmd.arg(sandbox.path().join("recap.db"));
    cmd.args(args);
    cmd.cwd(sandbox.path());
    cmd.env("RECAP_CONFIG_DIR", sandbox.config_dir());
    cmd.env("HOME", sandbox.path());
    cmd.env("TERM", "dumb");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let collected = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        all
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "recap {args:?} hung"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(pair.master);
    collected.join().unwrap()
}

#[test]
fn twenty_thousand_duplicate_ids_are_reported_quickly() {
    let sandbox = Sandbox::new();
    let mut text =
        String::from("id = \"dup\"\nversion = 1\ntitle = \"Dup\"\nkind = \"reflective\"\n");
    for _ in 0..20_000 {
        text.push_str("[[items]]\nid = \"same\"\ntext = \"Q\"\ntype = \"yes_no\"\n");
    }
    assert!(text.len() < 1024 * 1024, "under the size limit");
    let file = sandbox.path().join("dup.toml");
    std::fs::write(&file, &text).unwrap();
    // Release builds take well under a second; this loose bound catches the
    // quadratic behaviour (tens of seconds) even in a debug build.
    let (out, elapsed) = sandbox.run_within(
        &["questionnaires", "validate", file.to_str().unwrap()],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.matches("duplicate item id \"same\"").count(), 19_999);
    // The last duplicate is on line 4 + 4 * 19,999 + 2.
    assert!(
        err.contains("dup.toml:80002:6: duplicate item id"),
        "{}",
        &err[err.len() - 300..]
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[test]
fn a_questionnaire_over_one_megabyte_is_refused() {
    let sandbox = Sandbox::new();
    let mut text = questionnaire("");
    text.push_str(&format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
    let file = sandbox.path().join("big.toml");
    std::fs::write(&file, &text).unwrap();
    let out = sandbox.run(&["questionnaires", "validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("big.toml"), "{err}");
    assert!(err.contains("larger than 1 MB"), "{err}");

    // In the questionnaires folder it is skipped with the same reason.
    std::fs::write(sandbox.questionnaires_dir().join("big.toml"), &text).unwrap();
    let list = sandbox.run(&["questionnaires", "list"]);
    assert_eq!(list.status.code(), Some(0));
    assert!(
        stderr(&list).contains("larger than 1 MB"),
        "{}",
        stderr(&list)
    );
    assert!(!stdout(&list).contains("evil"));

    // And a config.toml over the limit.
    std::fs::write(sandbox.config_dir().join("config.toml"), &text).unwrap();
    let out = sandbox.run_with_input(&["--plain", "check-in", "who-5"], "q\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("config.toml"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("larger than 1 MB"),
        "{}",
        stderr(&out)
    );
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_as_config_is_refused_at_once() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.config_dir()).unwrap();
    mkfifo(&sandbox.config_dir().join("config.toml"));
    let (out, elapsed) =
        sandbox.run_within(&["--plain", "check-in", "who-5"], Duration::from_secs(10));
    // Reported at once; the check-in goes on with the built-in contacts.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("config.toml"), "{err}");
    assert!(err.contains("FIFO"), "{err}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[test]
fn a_fifo_in_the_folder_or_given_to_validate_is_refused_at_once() {
    let sandbox = Sandbox::new();
    let fifo = sandbox.questionnaires_dir().join("pipe.toml");
    mkfifo(&fifo);
    let (list, _) = sandbox.run_within(&["questionnaires", "list"], Duration::from_secs(10));
    assert_eq!(list.status.code(), Some(0));
    assert!(stderr(&list).contains("pipe.toml"), "{}", stderr(&list));
    assert!(
        stderr(&list).contains("not a regular file"),
        "{}",
        stderr(&list)
    );
    assert!(stdout(&list).contains("who-5"), "the others still load");

    let (validate, _) = sandbox.run_within(
        &["questionnaires", "validate", fifo.to_str().unwrap()],
        Duration::from_secs(10),
    );
    assert_eq!(validate.status.code(), Some(2));
    assert!(stderr(&validate).contains("FIFO"), "{}", stderr(&validate));

    let (device, _) = sandbox.run_within(
        &["questionnaires", "validate", "/dev/zero"],
        Duration::from_secs(10),
    );
    assert_eq!(device.status.code(), Some(2));
    assert!(stderr(&device).contains("a device"), "{}", stderr(&device));
}
