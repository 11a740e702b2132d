//! The full-screen app: terminal setup and restore, the event loop, state,
//! key handling, drawing and the screens.

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

use std::time::Duration;

use chrono::Utc;
use crossterm::event::{self, Event, KeyEventKind};

use crate::error::{Error, Result};
use app::App;

/// Runs the app until the person leaves (or SIGTERM/SIGHUP); the terminal is
/// restored on every path. Returns the farewell line to print, if any.
pub fn run(mut app: App) -> Result<Option<String>> {
    let mut session = terminal::Session::start()
        .map_err(|e| Error::Runtime(format!("cannot start the full-screen app: {e}")))?;
    let result = event_loop(&mut session, &mut app);
    drop(session);
    result.map(|()| app.farewell.take())
}

fn event_loop(session: &mut terminal::Session, app: &mut App) -> Result<()> {
    loop {
        app.now = Utc::now();
        session.terminal.draw(|f| render::render(f, app))?;
        if app.quit {
            return Ok(());
        }
        // Wake now and then so "now" (the date in the header) stays current.
        if !event::poll(Duration::from_secs(30))? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = action::action_for(app, key) {
                    app.update(action)?;
                }
            }
            _ => {} // resize and others: redraw
        }
    }
}
