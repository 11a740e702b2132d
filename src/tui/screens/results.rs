//! Results after a check-in: each score with its band and the band's source,
//! change since before, and any support message shown in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::widgets::text::wrap_indented;

use crate::tui::app::{App, ResultsState};

pub const KEYS: &[(&str, &str)] = &[
    ("Enter", "home"),
    ("↑↓", "scroll"),
    ("t", "trends"),
    ("n", "note"),
    ("x", "hide"),
    ("s", "support"),
    ("?", "help"),
    ("q", "quit"),
];

pub fn render(f: &mut Frame, app: &App, state: &ResultsState, area: Rect) {
    let theme = app.theme;
    let mut lines = Vec::new();
    for (n, l) in state.lines.iter().enumerate() {
        let style = if n == 0 {
            theme.title()
        } else if state.scoring.safety.iter().any(|m| m.trim() == l.trim()) {
            theme.support()
        } else {
            ratatui::style::Style::new()
        };
        for piece in wrap_indented(l, area.width as usize) {
            lines.push(Line::styled(piece, style));
        }
    }
    f.render_widget(Paragraph::new(lines).scroll((state.scroll, 0)), area);
}
