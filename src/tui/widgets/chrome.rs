//! The frame around every screen: header with the profile, the key bar, a
//! centred dialog box, and the "terminal too small" notice.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::tui::theme::Theme;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Splits the screen into header, body and key bar, and draws header and keys.
pub fn frame(f: &mut Frame, theme: Theme, left: &str, right: &str, keys: &[(&str, &str)]) -> Rect {
    let [header, body, keybar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    let block = Block::new()
        .borders(Borders::BOTTOM)
        .border_style(theme.border());
    let inner = block.inner(header);
    f.render_widget(block, header);
    let [l, r] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(right.chars().count() as u16 + 1),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" recap", theme.title()),
            Span::raw(" · "),
            Span::raw(left.to_string()),
        ])),
        l,
    );
    f.render_widget(
        Paragraph::new(Span::styled(right.to_string(), theme.muted())),
        r,
    );
    f.render_widget(Paragraph::new(key_line(theme, keys)), keybar);
    body
}

/// "key action  key action ..." with keys emphasised.
pub fn key_line(theme: Theme, keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled((*key).to_string(), theme.accent()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// A dialog box with a title and wrapped lines, drawn over everything.
pub fn dialog(f: &mut Frame, theme: Theme, title: &str, lines: Vec<Line<'static>>, width: u16) {
    let inner_width = width.saturating_sub(4).max(1) as usize;
    let height: u16 = lines
        .iter()
        .map(|l| (l.width().max(1).div_ceil(inner_width)) as u16)
        .sum::<u16>()
        + 2;
    let area = centered(f.area(), width, height);
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.title())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// Shown instead of a broken screen when the terminal is below 80x24.
pub fn too_small(f: &mut Frame, theme: Theme) {
    let area = f.area();
    let lines = vec![
        Line::styled("recap needs a larger window", theme.title()),
        Line::raw(format!("at least {MIN_WIDTH} columns x {MIN_HEIGHT} rows;")),
        Line::raw(format!("this one is {} x {}.", area.width, area.height)),
        Line::raw("Your answers are safe. Enlarge the window,"),
        Line::raw("or press q to leave."),
    ];
    let block = centered(area, area.width, lines.len() as u16);
    f.render_widget(
        Paragraph::new(lines)
            .style(Style::new())
            .wrap(Wrap { trim: true })
            .centered(),
        block,
    );
}

/// The privacy screen: nothing about the person, only how to come back.
pub fn privacy(f: &mut Frame, theme: Theme) {
    let area = f.area();
    let line = centered(area, area.width, 1);
    f.render_widget(
        Paragraph::new(Line::styled(crate::strings::HIDDEN_SCREEN, theme.muted())).centered(),
        line,
    );
}
