//! The `?` help: every key in force on the screen below, from the same
//! bindings as its key bar (the screen's own, then the global ones, then
//! Ctrl-C and Ctrl-Z), and on home how reminders are set up. Any key
//! closes it (when it is taller than the screen, ↑↓ scroll first).

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::text::{Line, Span};

use crate::strings;
use crate::tui::app::App;
use crate::tui::screen::Shown;
use crate::tui::screens::home;
use crate::tui::widgets::chrome;

/// Width of the key column.
const KEY_W: usize = 13;

/// The help rows: (keys as written, what they do), in table order, each once.
pub fn rows(app: &App) -> Vec<(&'static str, &'static str)> {
    let mut keys: Vec<Shown> = app.keys();
    keys.extend(App::always_keys());
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for k in keys {
        if !k.help.is_empty() && !rows.contains(&(k.show, k.help)) {
            rows.push((k.show, k.help));
        }
    }
    rows
}

pub fn render(f: &mut Frame, app: &App) {
    let theme = app.ctx.theme;
    let lines: Vec<Line<'static>> = rows(app)
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:<KEY_W$}"), theme.accent()),
                Span::raw(what),
            ])
        })
        .collect();
    let mut lines = lines;
    // Home's help also says how reminders are set up.
    if app.dialog_page().is_none() && app.screen::<home::Home>().is_some() {
        lines.push(Line::raw(""));
        lines.extend(strings::HELP_REMINDERS.iter().map(|l| Line::raw(*l)));
    }
    // Taller than the screen: ↑↓ scroll, any other key closes.
    let max = chrome::dialog_scrolled(
        f,
        theme,
        strings::HELP_TITLE,
        lines,
        (
            &[("any key", "close")],
            &[("↑↓", "more"), ("any other key", "close")],
        ),
        76,
        app.help_scroll,
    );
    app.help_max.set(max);
}
