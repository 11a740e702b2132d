//! The full-screen app: terminal setup and restore, the event loop, and the
//! screens. `app` routes keys between screens (`screens/`, one folder each,
//! keeping the contract in `screen`), dialogs (`dialogs/`) and overlays;
//! `render` draws; `draft` times the saving of typed words.
//!
//! Writes from the app wait at most `BUSY_WAIT` for another process's write
//! lock (the store's default is 5 s): past that the answer is kept on screen
//! with a message and a key to try again, so the screen never looks frozen
//! for long and nothing is lost.

pub mod app;
pub mod backend;
pub mod context;
pub mod dialogs;
pub mod draft;
pub mod global;
pub mod lock;
pub mod render;
pub mod screen;
pub mod screens;
pub mod tables;
pub mod terminal;
pub mod theme;
pub mod widgets;

#[cfg(test)]
pub mod testing;
#[cfg(test)]
mod tests;

use std::time::Duration;

use chrono::Utc;
use crossterm::event::{self, Event, KeyEventKind};

use crate::error::{Error, Result};
use crate::strings;
use app::App;

/// How long one write waits for another recap's write lock.
pub const BUSY_WAIT: Duration = Duration::from_secs(2);

/// How often typed words are looked at for saving while no key comes.
const TICK: Duration = Duration::from_millis(200);

/// Whether the full-screen app can run here: standard input and output are
/// a terminal that is not `TERM=dumb` (or unset, on Unix). Otherwise the
/// line-by-line mode is used.
pub fn usable() -> bool {
    use std::io::IsTerminal;
    let term = std::env::var("TERM").unwrap_or_default();
    let known = !term.is_empty() || cfg!(windows);
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal() && known && term != "dumb"
}

/// Runs the app until the person leaves (or a signal ends it); the terminal
/// is restored on every path. Returns the farewell line to print, if any.
pub fn run(mut app: App) -> Result<Option<String>> {
    app.ctx.store.set_busy_timeout(BUSY_WAIT)?;
    let mut session = terminal::Session::start()
        .map_err(|e| Error::Runtime(format!("cannot start the full-screen app: {e}")))?;
    let result = event_loop(&mut session, &mut app);
    drop(session);
    result.map(|()| app.farewell.take())
}

/// With an encrypted database: the lock screen first (nothing else is
/// shown, F2 support and F3 hide work) until `open` opens the file with the
/// passphrase typed (`None`: it does not; a wrong one waits a moment), then
/// the app `build` makes from the store. `Ok(None)` when the person leaves
/// from the lock screen.
pub fn run_after_unlock(
    theme: theme::Theme,
    support: &crate::config::Support,
    mut open: impl FnMut(&crate::store::Passphrase) -> Result<Option<crate::store::Store>>,
    build: impl FnOnce(crate::store::Store) -> Result<App>,
) -> Result<Option<String>> {
    let mut session = terminal::Session::start()
        .map_err(|e| Error::Runtime(format!("cannot start the full-screen app: {e}")))?;
    let mut lock = lock::Lock::new(false);
    let store = loop {
        session.draw(|f| lock.view(f, theme, support))?;
        if !wait()? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => match lock.key(key) {
                lock::Unlock::Stay => {}
                lock::Unlock::Quit => return Ok(None),
                lock::Unlock::Suspend => {
                    terminal::suspend();
                }
                lock::Unlock::Try(passphrase) => match open(&passphrase)? {
                    Some(store) => break store,
                    None => {
                        std::thread::sleep(crate::store::cipher::WRONG_DELAY);
                        lock.wrong();
                    }
                },
            },
            Event::Paste(text) => lock.paste(&text),
            _ => {}
        }
    };
    let mut app = build(store)?;
    app.ctx.store.set_busy_timeout(BUSY_WAIT)?;
    let result = event_loop(&mut session, &mut app);
    drop(session);
    result.map(|()| app.farewell.take())
}

fn event_loop(session: &mut terminal::Session, app: &mut App) -> Result<()> {
    loop {
        app.ctx.now = Utc::now();
        terminal::set_farewell(app.in_check_in().then(|| app.leaving_farewell()));
        session.draw(|f| render::render(f, app))?;
        if app.quit {
            return Ok(());
        }
        // Everything that has arrived is handled before the next frame, so
        // a fast paste is not drawn key by key.
        if wait()? {
            loop {
                handle(app, event::read()?)?;
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.tick()?;
        if app.take_suspend() {
            suspend(app);
        }
    }
}

fn handle(app: &mut App, event: Event) -> Result<()> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => app.key(key),
        Event::Paste(text) => app.paste(&text),
        _ => Ok(()), // resize: redraw
    }
}

/// Ctrl-Z: stops recap until `fg` (the signal watcher gives the terminal
/// back and takes it again), or says why it cannot.
fn suspend(app: &mut App) {
    if !terminal::suspend() {
        app.show_notice(strings::CANNOT_SUSPEND_TITLE, strings::CANNOT_SUSPEND);
    }
}

/// Waits for input: true when an event is there; false after a tick (so
/// typed words are saved after a pause, "now" stays current and a frame
/// follows a resume after Ctrl-Z).
fn wait() -> Result<bool> {
    Ok(event::poll(TICK)?)
}
