//! The frame around every screen: the header (who and where, the date), the
//! key bar built from the bindings in force (one line, or two when they do
//! not fit, never cut), a centred dialog box that keeps its own keys on its
//! last line, the "window too small" notice and the privacy screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::tui::screen::Shown;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{shorten, width, wrap};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The keys of a footer: (how the key is written, its label), in order.
pub fn footer_keys(keys: &[Shown]) -> Vec<(&'static str, &'static str)> {
    keys.iter()
        .filter(|k| !k.label.is_empty())
        .map(|k| (k.show, k.label))
        .collect()
}

/// "key label  key label ..." lines of at most `max` columns, broken only
/// between keys; when more than one line is needed, the lines are about
/// as long as each other.
pub fn key_lines(theme: Theme, keys: &[(&str, &str)], max: usize) -> Vec<Line<'static>> {
    let needed = greedy(keys, max).len();
    let total: usize = keys.iter().map(|(k, l)| width(k) + 1 + width(l) + 2).sum();
    let balanced = (total.div_ceil(needed.max(1))..max)
        .map(|m| greedy(keys, m))
        .find(|lines| lines.len() == needed)
        .unwrap_or_else(|| greedy(keys, max));
    balanced
        .into_iter()
        .map(|line| {
            let mut spans: Vec<Span<'static>> = vec![Span::raw(" ")];
            for (i, (key, label)) in line.into_iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw("  "));
                }
                spans.push(Span::styled(key.to_string(), theme.accent()));
                spans.push(Span::raw(format!(" {label}")));
            }
            Line::from(spans)
        })
        .collect()
}

/// Keys in lines of at most `max` columns (a leading space, two between keys).
fn greedy<'a>(keys: &[(&'a str, &'a str)], max: usize) -> Vec<Vec<(&'a str, &'a str)>> {
    let mut lines: Vec<Vec<(&str, &str)>> = Vec::new();
    let mut line = Vec::new();
    let mut used = 1;
    for &(key, label) in keys {
        let w = width(key) + 1 + width(label);
        let gap = if line.is_empty() { 0 } else { 2 };
        if !line.is_empty() && used + gap + w > max {
            lines.push(std::mem::take(&mut line));
            used = 1;
        }
        used += if line.is_empty() { w } else { 2 + w };
        line.push((key, label));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The header's left part: " recap · NAME · TITLE", the name (then the
/// title) shortened with "…" so it never runs into the date.
pub fn header_text(name: &str, title: &str, room: usize) -> String {
    let fixed = " recap · ".len();
    let sep = if title.is_empty() { 0 } else { 3 };
    let needed = fixed + width(name) + sep + width(title);
    if needed <= room {
        return compose(name, title);
    }
    let name_room = room
        .saturating_sub(fixed + sep + width(title))
        .max(12.min(width(name)));
    let name = shorten(name, name_room);
    let title_room = room.saturating_sub(fixed + sep + width(&name));
    compose(&name, &shorten(title, title_room))
}

fn compose(name: &str, title: &str) -> String {
    if title.is_empty() {
        format!(" recap · {name}")
    } else {
        format!(" recap · {name} · {title}")
    }
}

/// Draws the header and the key bar; returns the body between them and
/// the key bar's place.
pub fn frame(
    f: &mut Frame,
    theme: Theme,
    (name, title): (&str, &str),
    date: &str,
    keys: &[(&str, &str)],
) -> (Rect, Rect) {
    let area = f.area();
    let footer = key_lines(theme, keys, usize::from(area.width));
    let [header, body, keybar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(area);
    let block = Block::new()
        .borders(Borders::BOTTOM)
        .border_style(theme.border());
    let inner = block.inner(header);
    f.render_widget(block, header);
    let date_w = width(date) as u16 + 1;
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(date_w)]).areas(inner);
    let left = header_text(name, title, usize::from(l.width.saturating_sub(1)));
    let (recap, rest) = left.split_at(" recap".len());
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(recap.to_string(), theme.title()),
            Span::raw(rest.to_string()),
        ])),
        l,
    );
    f.render_widget(
        Paragraph::new(Span::styled(date.to_string(), theme.muted())),
        r,
    );
    f.render_widget(Paragraph::new(footer), keybar);
    (body, keybar)
}

/// Draws the key bar again in its place (keys that changed once the screen
/// was drawn, e.g. nothing left to scroll).
pub fn redraw_keys(f: &mut Frame, theme: Theme, keys: &[(&str, &str)], keybar: Rect) {
    f.render_widget(Clear, keybar);
    let lines = key_lines(theme, keys, usize::from(keybar.width));
    f.render_widget(Paragraph::new(lines), keybar);
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

/// The rows `lines` take when wrapped to `columns`.
fn wrapped_rows(lines: &[Line<'_>], columns: usize) -> usize {
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            if text.trim().is_empty() {
                1
            } else {
                wrap(&text, columns).len().max(1)
            }
        })
        .sum()
}

/// A dialog box with a title, wrapped lines and its keys on the last line,
/// drawn over everything. The keys always show; a body too tall for the
/// window is cut at the bottom.
pub fn dialog(
    f: &mut Frame,
    theme: Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    keys: &[(&str, &str)],
    max_width: u16,
) {
    dialog_scrolled(f, theme, title, lines, (keys, keys), max_width, 0);
}

/// A dialog's keys: (key, what it does).
pub type KeyBar<'a> = &'a [(&'a str, &'a str)];

/// `dialog` whose text scrolls when it is taller than the screen: the
/// first `scroll` rows are left out, and `keys.1` is the key bar then
/// (`keys.0` when everything fits). Returns how far it can scroll (0 when
/// everything fits).
pub fn dialog_scrolled(
    f: &mut Frame,
    theme: Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    keys: (KeyBar<'_>, KeyBar<'_>),
    max_width: u16,
    scroll: u16,
) -> u16 {
    let area = f.area();
    let box_width = max_width.min(area.width);
    let columns = usize::from(box_width.saturating_sub(4).max(1));
    let body_h = wrapped_rows(&lines, columns) as u16;
    // Rows for the text with a one-line key bar, its gap and the border.
    let room = area.height.saturating_sub(4);
    let max_scroll = body_h.saturating_sub(room);
    let keys = if max_scroll > 0 { keys.1 } else { keys.0 };
    let key_lines = if keys.is_empty() {
        Vec::new()
    } else {
        key_lines(theme, keys, columns + 1)
    };
    let keys_h = key_lines.len() as u16;
    let gap = u16::from(keys_h > 0);
    let height = (body_h + gap + keys_h + 2).min(area.height);
    let rect = centered(area, box_width, height);
    f.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.title())
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let [text, _, bar] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(gap),
        Constraint::Length(keys_h),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max_scroll), 0)),
        text,
    );
    // The key lines start with a space for the screen's edge; not here.
    let bar_area = Rect {
        x: bar.x.saturating_sub(1),
        width: bar.width + 1,
        ..bar
    };
    f.render_widget(Paragraph::new(key_lines), bar_area);
    max_scroll
}

/// "↑ more", "↓ more" or "↑↓ more" at the right end of `row` (a table's
/// header row), for rows scrolled out of sight above or below.
pub fn more_mark(f: &mut Frame, theme: Theme, (above, below): (bool, bool), row: Rect) {
    let more = match (above, below) {
        (true, true) => crate::strings::MORE_BOTH,
        (true, false) => crate::strings::MORE_ABOVE,
        (false, true) => crate::strings::MORE_BELOW,
        (false, false) => return,
    };
    let w = width(more) as u16;
    if row.width > w && row.height > 0 {
        f.render_widget(
            Paragraph::new(Span::styled(more, theme.muted())),
            Rect::new(row.right() - w, row.y, w, 1),
        );
    }
}

/// Whether rows (of these heights) lie above or below what a table of
/// `height` rows (a header included) shows from row `offset` on.
pub fn rows_out_of_sight(heights: &[u16], offset: usize, height: u16) -> (bool, bool) {
    let room = usize::from(height.saturating_sub(1));
    let shown: usize = heights.iter().skip(offset).map(|h| usize::from(*h)).sum();
    (offset > 0, shown > room)
}

/// Shown instead of a broken screen when the window is below 80x24.
pub fn too_small(f: &mut Frame, theme: Theme) {
    let area = f.area();
    let lines = vec![
        Line::styled("recap needs a larger window", theme.title()),
        Line::raw(format!("at least {MIN_WIDTH} columns x {MIN_HEIGHT} rows;")),
        Line::raw(format!("this one is {} x {}.", area.width, area.height)),
        Line::raw("Your answers are safe. Enlarge the window,"),
        Line::raw("or press q to leave and run"),
        Line::raw("recap --plain for questions line by line."),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn key_bar_breaks_between_keys_and_never_cuts_one() {
        let keys = [
            ("↑↓", "move"),
            ("Enter/0-9", "choose"),
            ("b", "back"),
            ("n", "skip"),
            ("Esc", "home"),
            ("x", "hide"),
            ("s", "support"),
            ("?", "help"),
        ];
        let lines = text(&key_lines(Theme::new(false), &keys, 40));
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l) <= 40, "{l}");
        }
        let all = lines.join(" ");
        for (k, label) in keys {
            assert!(all.contains(&format!("{k} {label}")), "{k} {label}: {all}");
        }
    }

    #[test]
    fn long_names_are_shortened_before_the_title() {
        let name = "Alexandra Maria Gonzalez-Rivera de la Fuente";
        let header = header_text(name, "Weekly check-in", 50);
        assert!(width(&header) <= 50, "{header}");
        assert!(
            header.contains('…') && header.ends_with("Weekly check-in"),
            "{header}"
        );
        assert_eq!(header_text("Me", "Trends", 50), " recap · Me · Trends");
    }
}
