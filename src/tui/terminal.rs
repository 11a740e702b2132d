//! Entering and leaving the full-screen terminal. The terminal is restored on
//! every exit path: normal return, error, panic (hook chained to the previous
//! one), and SIGTERM / SIGHUP (a watcher thread restores it and exits: every
//! answer is already committed, and a closed terminal must not leave the
//! process spinning on a dead input).

use std::io::{Stdout, Write, stdout};

use crossterm::cursor::Show;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::backend::CleanBackend;

pub type Tui = Terminal<CleanBackend<CrosstermBackend<Stdout>>>;

/// Puts the terminal back: raw mode off, main screen, cursor visible.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Restores the terminal and ends the process on SIGTERM or SIGHUP.
fn watch_signals(farewell: &'static str) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                // The terminal may be gone (SIGHUP): printing is best effort.
                let _ = writeln!(stdout(), "{farewell}");
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Restores the terminal when dropped.
pub struct Session {
    pub terminal: Tui,
}

impl Session {
    pub fn start() -> std::io::Result<Session> {
        watch_signals(crate::strings::ANSWERS_SAVED_FAREWELL)?;
        install_panic_hook();
        enable_raw_mode()?;
        if let Err(e) = execute!(stdout(), EnterAlternateScreen) {
            restore();
            return Err(e);
        }
        match Terminal::new(CleanBackend::new(CrosstermBackend::new(stdout()))) {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}
