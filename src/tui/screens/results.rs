//! Results after a check-in: each score with its band and the band's source,
//! change since before, and any support message shown in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::{App, ResultsState};

pub const KEYS: &[(&str, &str)] = &[("Enter", "home"), ("↑↓", "scroll"), ("s", "support"), ("?", "help"), ("q", "quit")];

pub fn render(f: &mut Frame, app: &App, state: &ResultsState, area: Rect) {
    let theme = app.theme;
    let mut lines = vec![Line::styled(format!("Results: {}", state.instrument.title), theme.title()), Line::raw("")];
    let support: Vec<&str> = state.scoring.safety.iter().map(String::as_str).collect();
    for l in &state.lines {
        let style = if support.iter().any(|m| m.starts_with(l.trim()) && !l.trim().is_empty()) { theme.support() } else { ratatui::style::Style::new() };
        lines.push(Line::styled(l.clone(), style));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((state.scroll, 0)), area);
}
