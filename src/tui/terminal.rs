//! Entering and leaving the full-screen terminal. The terminal is restored on
//! every exit path: normal return, error, panic (hook chained to the previous
//! one), and every signal that ends or stops recap. A watcher thread handles
//! the signals:
//! - SIGTERM, SIGHUP, SIGINT, SIGQUIT: restore, print the farewell, exit with
//!   128 + the signal (every answer is already committed, and a closed
//!   terminal must not leave the process spinning on a dead input);
//! - SIGTSTP (also sent by the Ctrl-Z key): restore, then stop for real;
//! - SIGCONT (`fg`): take the terminal back (raw mode, alternate screen) and
//!   ask the event loop for a full redraw.
//!
//! A frame is written under a lock the watcher also takes, so a signal never
//! lands between the halves of a frame.

use std::io::{Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use super::backend::CleanBackend;

pub type Tui = Terminal<CleanBackend<CrosstermBackend<Stdout>>>;

/// The app holds the terminal (between `Session::start` and its drop).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The terminal was given back after a stop: clear and redraw everything.
static RESUMED: AtomicBool = AtomicBool::new(false);
/// The signal watcher is running (it is started once per process).
static WATCHING: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written and while the watcher changes the terminal.
static SCREEN: Mutex<()> = Mutex::new(());
/// The line printed when a signal ends the app (None: nothing to say).
static FAREWELL: Mutex<Option<&'static str>> = Mutex::new(None);

/// Puts the terminal back: raw mode off, pastes plain again, main screen,
/// cursor visible.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
}

/// Takes the terminal: raw mode, alternate screen, bracketed paste (a
/// paste arrives as one piece of text, never as keys).
fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// The screen lock; after a second of waiting (a terminal that no longer
/// accepts output), the watcher goes on without it rather than hang.
fn lock_screen() -> Option<MutexGuard<'static, ()>> {
    for _ in 0..100 {
        match SCREEN.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    None
}

/// What to print if a signal ends the app now (the event loop keeps it current).
pub fn set_farewell(line: Option<&'static str>) {
    match FAREWELL.lock() {
        Ok(mut f) => *f = line,
        Err(p) => *p.into_inner() = line,
    }
}

fn farewell() -> Option<&'static str> {
    match FAREWELL.lock() {
        Ok(f) => *f,
        Err(p) => *p.into_inner(),
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn handle(signal: i32) {
    match signal {
        SIGTSTP => {
            // The kernel ignores a stop for a process group no shell can
            // resume; so does recap, instead of stopping for good.
            if !job_control::can_suspend() {
                return;
            }
            let _guard = lock_screen();
            if ACTIVE.load(Ordering::SeqCst) {
                restore();
            }
            // Stops the whole process here (SIGSTOP) until SIGCONT.
            let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
        }
        SIGCONT => {
            let _guard = lock_screen();
            if ACTIVE.load(Ordering::SeqCst) {
                // Off first: after a stop recap did not see (SIGSTOP), the
                // shell has put its own modes back while recap still
                // believes it is in raw mode.
                let _ = disable_raw_mode();
                let _ = enter();
                RESUMED.store(true, Ordering::SeqCst);
            }
        }
        _ => {
            let _guard = lock_screen();
            if ACTIVE.load(Ordering::SeqCst) {
                restore();
            }
            if let Some(line) = farewell() {
                // The terminal may be gone (SIGHUP): printing is best effort.
                let _ = writeln!(stdout(), "{}", crate::termtext::clean(line));
            }
            std::process::exit(128 + signal);
        }
    }
}

/// Starts the signal watcher (once per process).
fn watch_signals() -> std::io::Result<()> {
    if WATCHING.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                handle(signal);
            }
        })?;
    Ok(())
}

/// Ctrl-Z: gives the terminal back to the shell until `fg`, through the same
/// path as a SIGTSTP from outside. False when no shell could resume recap
/// (nothing happens then; the caller says why).
pub fn suspend() -> bool {
    if !job_control::can_suspend() {
        return false;
    }
    signal_hook::low_level::raise(SIGTSTP).is_ok()
}

/// Restores the terminal when dropped.
pub struct Session {
    pub terminal: Tui,
}

impl Session {
    pub fn start() -> std::io::Result<Session> {
        watch_signals()?;
        install_panic_hook();
        {
            let _guard = lock_screen();
            if let Err(e) = enter() {
                restore();
                return Err(e);
            }
            ACTIVE.store(true, Ordering::SeqCst);
        }
        match Terminal::new(CleanBackend::new(CrosstermBackend::new(stdout()))) {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                ACTIVE.store(false, Ordering::SeqCst);
                restore();
                Err(e)
            }
        }
    }

    /// Draws one frame; after a resume, clears the screen and starts from
    /// empty buffers so every cell is drawn again. (`Terminal::clear` would
    /// ask the terminal for the cursor position, which not every terminal
    /// answers.)
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> std::io::Result<()> {
        let _guard = lock_screen();
        if RESUMED.swap(false, Ordering::SeqCst) {
            execute!(stdout(), Clear(ClearType::All))?;
            self.terminal = Terminal::new(CleanBackend::new(CrosstermBackend::new(stdout())))?;
        }
        self.terminal.draw(render)?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _guard = lock_screen();
        ACTIVE.store(false, Ordering::SeqCst);
        set_farewell(None);
        restore();
    }
}

/// Whether a shell can resume recap after it stops.
mod job_control {
    /// True unless recap's process group is orphaned: no member has a
    /// parent in the same session but another group (a job-control shell).
    /// That is the kernel's own rule for ignoring a terminal stop; e.g.
    /// `exec recap`, `ssh -t host recap` or a container's first process
    /// have no shell to bring them back. Where it cannot be told, true.
    pub fn can_suspend() -> bool {
        #[cfg(target_os = "linux")]
        {
            linux().unwrap_or(true)
        }
        #[cfg(not(target_os = "linux"))]
        {
            true
        }
    }

    /// (parent, process group, session) from /proc/PID/stat.
    #[cfg(target_os = "linux")]
    fn stat(pid: &str) -> Option<(u32, u32, u32)> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // "pid (command) state ppid pgrp session ...": the command may hold spaces.
        let rest = text.get(text.rfind(')')? + 1..)?;
        let mut fields = rest.split_whitespace().skip(1);
        let mut next = || fields.next()?.parse::<u32>().ok();
        Some((next()?, next()?, next()?))
    }

    #[cfg(target_os = "linux")]
    fn linux() -> Option<bool> {
        let (_, group, session) = stat("self")?;
        let mut processes = std::collections::HashMap::new();
        let mut parents_of_members = Vec::new();
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Ok(pid) = name.parse::<u32>() else {
                continue;
            };
            if let Some((ppid, g, s)) = stat(name) {
                processes.insert(pid, (g, s));
                if g == group {
                    parents_of_members.push(ppid);
                }
            }
        }
        Some(parents_of_members.iter().any(|ppid| {
            processes
                .get(ppid)
                .is_some_and(|&(g, s)| g != group && s == session)
        }))
    }

    #[cfg(all(test, target_os = "linux"))]
    mod tests {
        #[test]
        fn reads_its_own_process_line() {
            // Group and session may be 0 inside a container whose session
            // leader lives outside its process namespace; the parent is known.
            let (ppid, _group, _session) = super::stat("self").expect("own stat");
            assert_eq!(ppid, std::os::unix::process::parent_id());
            assert!(super::linux().is_some());
        }
    }
}
