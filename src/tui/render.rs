//! Drawing the app: a pure function of `App` onto a frame. The frame (header
//! and key bar from the bindings in force), the top screen, then the dialog
//! or overlay over it; the lock screen, the privacy screen and the "too
//! small" notice instead of everything.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Overlay};
use super::screens::{help, support};
use super::widgets::chrome::{self, MIN_HEIGHT, MIN_WIDTH, footer_keys};

pub fn render(f: &mut Frame, app: &App) {
    let ctx = &app.ctx;
    let area = f.area();
    if let Some(lock) = &app.lock {
        lock.view(f, ctx.theme, &ctx.support);
        return;
    }
    if app.hidden {
        chrome::privacy(f, ctx.theme);
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        chrome::too_small(f, ctx.theme);
        return;
    }
    let Some(top) = app.top() else {
        return;
    };
    let keys = match app.overlay {
        Some(_) => vec![("any key", "close")],
        None => footer_keys(&app.keys()),
    };
    let name = if top.anonymous() {
        ""
    } else {
        ctx.profile.name.as_str()
    };
    let title = top.title(ctx);
    let header = match (name.is_empty(), title.is_empty()) {
        (true, _) => (title.as_str(), ""),
        (false, _) => (name, title.as_str()),
    };
    let date = ctx.zone.long_date(ctx.now);
    let (body, keybar) = chrome::frame(f, ctx.theme, header, &date, &keys);
    top.view(f, body, ctx);
    // Drawing can show that a key has nothing to do (all the text fits).
    if app.overlay.is_none() {
        let now = footer_keys(&app.keys());
        if now != keys {
            chrome::redraw_keys(f, ctx.theme, &now, keybar);
        }
    }
    if let Some(dialog) = app.dialog_page() {
        dialog.view(f, area, ctx);
    }
    match app.overlay {
        Some(Overlay::Help) => help::render(f, app),
        Some(Overlay::Support) => support::render(f, ctx),
        None => {}
    }
}

/// Text columns wider than this are hard to read: wide terminals get a centred column.
const READABLE_WIDTH: u16 = 100;

pub fn readable(area: Rect) -> Rect {
    if area.width <= READABLE_WIDTH {
        return area;
    }
    let x = area.x + (area.width - READABLE_WIDTH) / 2;
    Rect {
        x,
        width: READABLE_WIDTH,
        ..area
    }
}
