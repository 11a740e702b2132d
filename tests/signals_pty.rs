//! Signals always give the terminal back: SIGINT and SIGQUIT (and SIGTERM,
//! SIGHUP) restore it and exit with 128 + the signal; SIGTSTP and the Ctrl-Z
//! key restore it and stop recap, and `fg` (SIGCONT) takes it back and
//! redraws the same question. Leaving by keys exits 0.
//!
//! Stopping is tested under a real job-control shell (bash in the pty),
//! because a process spawned straight into its own session is an orphaned
//! process group: the kernel ignores terminal stops for such a group, since
//! no shell could ever resume it, and recap follows the same rule (tested
//! too: it keeps running and says why Ctrl-Z does nothing).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{DEADLINE, Pty};
use rusqlite::Connection;

fn answers(dir: &Path) -> Vec<i64> {
    let conn = Connection::open(dir.join("recap.db")).expect("open db");
    let mut stmt = conn
        .prepare("SELECT value_int FROM answers ORDER BY answered_at, item_id")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

/// Opens BARC-10 from home (second row), begins, and answers question 1 with 3.
fn barc_first_answer(p: &mut Pty) {
    p.open_barc();
    p.key_then("3", "2 of 10");
    assert!(p.alternate_screen());
}

/// The one-letter state of a process from /proc/PID/stat ('T' = stopped).
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let after = &stat[stat.rfind(')').expect("comm") + 1..];
    after.trim_start().chars().next().expect("state")
}

fn wait_state(pid: u32, want: char) {
    let start = Instant::now();
    while state(pid) != want {
        assert!(
            start.elapsed() < DEADLINE,
            "process {pid} never reached state {want} (is {})",
            state(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(signal: &str, pid: u32) {
    let ok = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill {signal} {pid}");
}

/// Leaves the check-in at question 2 by `how`; returns the exit code.
fn leave(how: &str) -> (Option<u32>, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    barc_first_answer(&mut p);
    assert!(!p.line_mode(), "{how}: raw mode while recap runs");
    match how {
        // Every answer is saved: q leaves without asking.
        "q" => p.send("q"),
        "ctrl-c" => p.send("\x03"),
        "ctrl-backslash" => p.send("\x1c"),
        signal => p.signal(signal),
    }
    let code = p.wait_exit();
    assert!(
        !p.alternate_screen(),
        "{how}: still on the alternate screen"
    );
    assert!(!p.cursor_hidden(), "{how}: cursor still hidden");
    assert!(
        p.line_mode(),
        "{how}: the terminal is not back in line mode:\n{}",
        p.stty()
    );
    assert_eq!(answers(dir.path()), vec![3], "{how}: the answer is kept");
    let screen = p.screen();
    (code, dir, screen)
}

fn says_answers_are_saved(how: &str, screen: &str) {
    assert!(
        screen.contains("Your answers so far are saved."),
        "{how}: no farewell on the main screen:\n{screen}"
    );
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    let (code, _dir, screen) = leave("-INT");
    assert_eq!(code, Some(130));
    says_answers_are_saved("SIGINT", &screen);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    let (code, _dir, screen) = leave("-QUIT");
    assert_eq!(code, Some(131));
    says_answers_are_saved("SIGQUIT", &screen);
}

#[test]
fn sigterm_and_sighup_exit_143_and_129() {
    assert_eq!(leave("-TERM").0, Some(143));
    assert_eq!(leave("-HUP").0, Some(129));
}

#[test]
fn leaving_by_q_ctrl_c_or_ctrl_backslash_exits_0() {
    for how in ["q", "ctrl-c", "ctrl-backslash"] {
        let (code, _dir, screen) = leave(how);
        assert_eq!(code, Some(0), "{how}");
        says_answers_are_saved(how, &screen);
    }
}

#[test]
fn where_no_shell_can_resume_it_a_stop_is_ignored_and_ctrl_z_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    barc_first_answer(&mut p);
    let pid = p.pid();
    kill("-TSTP", pid);
    std::thread::sleep(Duration::from_millis(500));
    assert_ne!(state(pid), 'T', "stopped with no shell to resume it");
    assert!(p.alternate_screen());
    p.send("\x1a");
    p.wait_for("Cannot pause here");
    assert_ne!(state(pid), 'T');
    p.send(" ");
    p.wait_until("the message closed", |s| !s.contains("Cannot pause here"));
    p.key_then("4", "3 of 10");
    assert_eq!(answers(dir.path()), vec![3, 4]);
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0));
}

// ---- Under a job-control shell ------------------------------------------------

/// An interactive bash in the pty, with recap's data in `dir`.
fn shell(dir: &Path) -> Pty {
    let p = Pty::spawn_program(
        "bash",
        dir,
        &["--norc", "--noprofile", "-i"],
        80,
        24,
        &[("PS1", "shell$ "), ("HISTFILE", "/dev/null")],
    );
    p.wait_for("shell$");
    p
}

/// The pid of the `recap` the shell started.
fn recap_under(shell: u32) -> u32 {
    let start = Instant::now();
    loop {
        for entry in std::fs::read_dir("/proc").expect("proc").flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let Some(close) = stat.rfind(')') else {
                continue;
            };
            let ppid = stat[close + 1..].split_whitespace().nth(1);
            if stat.contains("(recap)") && ppid == Some(&shell.to_string()) {
                return pid;
            }
        }
        assert!(start.elapsed() < DEADLINE, "recap did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Stops recap by `stop` under bash, checks the terminal is the shell's,
/// resumes it with `fg` and answers question 2 there.
fn stop_and_resume(stop: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = shell(dir.path());
    p.send(&format!("{}\r", env!("CARGO_BIN_EXE_recap")));
    barc_first_answer(&mut p);
    let pid = recap_under(p.pid());

    match stop {
        "ctrl-z" => p.send("\x1a"),
        "sigstop" => kill("-STOP", pid),
        _ => kill("-TSTP", pid),
    }
    wait_state(pid, 'T');
    p.wait_for("Stopped");
    // SIGSTOP cannot be caught: nothing can restore the screen then.
    if stop != "sigstop" {
        assert!(!p.alternate_screen(), "{stop}: alternate screen left");
        assert!(!p.cursor_hidden(), "{stop}: cursor shown");
        assert!(
            !p.screen().contains("2 of 10"),
            "{stop}: the question is put away"
        );
    }
    // The shell has the terminal back in its own (line) mode.
    p.send("echo still-here\r");
    p.wait_for("still-here");

    // Clear the shell's screen, so only a redraw can show the question again.
    p.send("printf '\\033[H\\033[2J'\r");
    p.wait_until("a cleared screen", |s| !s.contains("still-here"));
    p.send("fg\r");
    p.wait_until("the same question, redrawn", |s| {
        s.contains("2 of 10") && s.contains("In general I am happy with my life")
    });
    assert!(p.alternate_screen(), "{stop}: alternate screen again");
    assert_ne!(state(pid), 'T');
    // Keys work again (raw mode: one key, no Enter).
    p.key_then("4", "3 of 10");
    assert_eq!(answers(dir.path()), vec![3, 4], "{stop}");

    p.send("q");
    p.wait_until("back at the prompt", |s| {
        s.contains("answers so far are saved")
    });
    p.send("echo exit=$?\r");
    p.wait_for("exit=0");
    assert!(!p.alternate_screen());
    p.send("exit\r");
    assert_eq!(p.wait_exit(), Some(0));
}

#[test]
fn ctrl_z_gives_the_terminal_to_the_shell_and_fg_brings_back_the_same_question() {
    stop_and_resume("ctrl-z");
}

#[test]
fn sigtstp_from_outside_stops_with_the_terminal_restored_and_fg_resumes() {
    stop_and_resume("sigtstp");
}

#[test]
fn after_a_sigstop_it_cannot_see_fg_still_brings_back_raw_keys_and_the_screen() {
    stop_and_resume("sigstop");
}

/// The line-mode check can fail: a process killed with SIGKILL cannot
/// restore anything, and the terminal is left raw.
#[test]
fn line_mode_tells_a_terminal_left_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Pty::spawn(dir.path(), &[], 80, 24, &[]);
    barc_first_answer(&mut p);
    assert!(!p.line_mode());
    kill("-KILL", p.pid());
    assert_eq!(p.wait_exit(), None);
    assert!(!p.line_mode(), "{}", p.stty());
}
