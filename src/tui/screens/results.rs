//! Results after a check-in, drawn from its outcome: any support message in
//! full with the contacts first, then each score with its band and the
//! band's source, change since before, and the questionnaire's notice.
//! Lines are styled by what they are, never by comparing their text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::outcome::text::Kind;
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
    for l in &state.lines {
        let style = match l.kind {
            Kind::Heading => theme.title(),
            Kind::Safety => theme.support(),
            Kind::Support | Kind::Score | Kind::Detail | Kind::Notice | Kind::Blank => Style::new(),
        };
        for piece in wrap_indented(&l.text, area.width as usize) {
            lines.push(Line::styled(piece, style));
        }
    }
    if let Some(warning) = &app.config_warning {
        lines.push(Line::raw(""));
        for piece in wrap_indented(warning, area.width as usize) {
            lines.push(Line::styled(piece, theme.muted()));
        }
    }
    f.render_widget(Paragraph::new(lines).scroll((state.scroll, 0)), area);
}
