//! The full-screen app: terminal setup and restore, the event loop, state,
//! key handling, drawing and the screens.
//!
//! Writes from the app wait at most `BUSY_WAIT` for another process's write
//! lock (the store's default is 5 s): past that the answer is kept on screen
//! with a message and a key to try again, so the screen never looks frozen
//! for long and nothing is lost.

pub mod action;
pub mod app;
pub mod backend;
pub mod people;
pub mod render;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod trends;
pub mod update;
pub mod widgets;

#[cfg(test)]
mod tests;

use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{self, Event, KeyEventKind};

use crate::error::{Error, Result};
use crate::strings;
use action::Action;
use app::{App, Overlay};

/// How long one write waits for another recap's write lock.
pub const BUSY_WAIT: Duration = Duration::from_secs(2);

/// Runs the app until the person leaves (or a signal ends it); the terminal
/// is restored on every path. Returns the farewell line to print, if any.
pub fn run(mut app: App) -> Result<Option<String>> {
    app.store.set_busy_timeout(BUSY_WAIT)?;
    let mut session = terminal::Session::start()
        .map_err(|e| Error::Runtime(format!("cannot start the full-screen app: {e}")))?;
    let result = event_loop(&mut session, &mut app);
    drop(session);
    result.map(|()| app.farewell.take())
}

fn event_loop(session: &mut terminal::Session, app: &mut App) -> Result<()> {
    loop {
        app.now = Utc::now();
        terminal::set_farewell(app.in_check_in().then(|| app.leaving_farewell()));
        session.draw(|f| render::render(f, app))?;
        if app.quit {
            return Ok(());
        }
        match next_event(session)? {
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                match action::action_for(app, key) {
                    Some(Action::Suspend) => suspend(app),
                    Some(action) => app.update(action)?,
                    None => {}
                }
            }
            _ => {} // resize, a resume, the half-minute tick: redraw
        }
    }
}

/// Ctrl-Z: stops recap until `fg` (the signal watcher gives the terminal
/// back and takes it again), or says why it cannot.
fn suspend(app: &mut App) {
    if !terminal::suspend() {
        app.overlay = Some(Overlay::Notice {
            title: strings::CANNOT_SUSPEND_TITLE.to_string(),
            text: strings::CANNOT_SUSPEND.to_string(),
        });
    }
}

/// The next input event; None after 30 s (so "now", the date in the header,
/// stays current) or as soon as the terminal was taken back after Ctrl-Z.
fn next_event(session: &terminal::Session) -> Result<Option<Event>> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if event::poll(Duration::from_millis(200))? {
            return Ok(Some(event::read()?));
        }
        if session.needs_redraw() {
            return Ok(None);
        }
    }
    Ok(None)
}
