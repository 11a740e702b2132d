//! Drawing: a pure function of `App` onto a frame.

use ratatui::Frame;
use ratatui::layout::Margin;

use super::app::{App, Screen};
use super::screens;
use super::widgets::chrome::{self, MIN_HEIGHT, MIN_WIDTH};

pub fn render(f: &mut Frame, app: &App) {
    let area = f.area();
    if app.hidden {
        chrome::privacy(f, app.theme);
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        chrome::too_small(f, app.theme);
        return;
    }
    let date = app.zone.long_date(app.now);
    match &app.screen {
        Screen::Home(home) => {
            let body = chrome::frame(f, app.theme, &app.profile.name, &date, screens::home::KEYS);
            screens::home::render(f, app, home, body.inner(Margin::new(1, 0)));
        }
        Screen::CheckIn(state) => {
            let keys = screens::checkin::keys(state);
            let left = format!("{} · {}", app.profile.name, state.title);
            let body = chrome::frame(f, app.theme, &left, &date, &keys);
            screens::checkin::render(f, app, state, readable(body.inner(Margin::new(2, 1))));
        }
        Screen::Results(state) => {
            let left = format!(
                "{} · {}",
                app.profile.name, state.outcome.questionnaire.short_title
            );
            let body = chrome::frame(f, app.theme, &left, &date, screens::results::KEYS);
            screens::results::render(f, app, state, readable(body.inner(Margin::new(2, 1))));
        }
        Screen::Profiles(state) => {
            let keys = screens::profiles::keys(state);
            let body = chrome::frame(f, app.theme, "people", &date, &keys);
            screens::profiles::render(f, app, state, body.inner(Margin::new(2, 1)));
        }
        Screen::Notes(state) => {
            let keys = screens::notes::keys(state);
            let left = format!("{} · notes", app.profile.name);
            let body = chrome::frame(f, app.theme, &left, &date, &keys);
            screens::notes::render(f, app, state, body.inner(Margin::new(2, 1)));
        }
        Screen::Trends(state) => {
            let left = screens::trends::header(app, state);
            let keys = screens::trends::keys(state);
            let body = chrome::frame(f, app.theme, &left, &date, &keys);
            screens::trends::render(f, app, state, body.inner(Margin::new(1, 0)));
        }
    }
    if let Some(overlay) = &app.overlay {
        screens::overlays::render(f, app, overlay);
    } else if let Some(problem) = app.unsaved_answer() {
        screens::overlays::not_saved(f, app, problem);
    }
}

/// Text columns wider than this are hard to read: wide terminals get a centred column.
const READABLE_WIDTH: u16 = 100;

fn readable(area: ratatui::layout::Rect) -> ratatui::layout::Rect {
    if area.width <= READABLE_WIDTH {
        return area;
    }
    let x = area.x + (area.width - READABLE_WIDTH) / 2;
    ratatui::layout::Rect {
        x,
        width: READABLE_WIDTH,
        ..area
    }
}
