//! Drawing: a pure function of `App` onto a frame.

use ratatui::Frame;
use ratatui::layout::Margin;

use super::app::{App, Screen};
use super::screens;
use super::widgets::chrome::{self, MIN_HEIGHT, MIN_WIDTH};

pub fn render(f: &mut Frame, app: &App) {
    let area = f.area();
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
            screens::checkin::render(f, app, state, body.inner(Margin::new(2, 1)));
        }
        Screen::Results(state) => {
            let left = format!("{} · {}", app.profile.name, state.instrument.short_title);
            let body = chrome::frame(f, app.theme, &left, &date, screens::results::KEYS);
            screens::results::render(f, app, state, body.inner(Margin::new(2, 1)));
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
    }
}
