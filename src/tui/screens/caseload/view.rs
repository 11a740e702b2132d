//! Draws the caseload: a heading that says it names every client, then a
//! block of lines per client, the highlighted one kept in sight; every line
//! shortened to the width.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Caseload;
use crate::caseload::{ClientRow, Direction, SortBy};
use crate::instrument::score::format_value;
use crate::outcome::text::format_diff;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{shorten, wrap};

pub fn render(f: &mut Frame, s: &Caseload, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = area.inner(Margin::new(2, 1));
    let [title, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(
            strings::caseload_heading(s.rows.len(), s.order == SortBy::Decline),
            theme.title(),
        ))
        .wrap(Wrap { trim: true }),
        title,
    );
    if s.rows.is_empty() {
        f.render_widget(Paragraph::new(strings::NO_CLIENTS), list);
        return;
    }
    let width = usize::from(list.width);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_span = (0, 0);
    for (i, row) in s.rows.iter().enumerate() {
        let start = lines.len();
        lines.extend(
            client_lines(row, i == s.selected, ctx, theme, width)
                .into_iter()
                .map(|(text, style)| Line::styled(shorten(&text, width), style)),
        );
        if i == s.selected {
            selected_span = (start, lines.len());
        }
        lines.push(Line::raw(""));
    }
    let height = usize::from(list.height);
    let offset = selected_span.1.saturating_sub(height).min(selected_span.0);
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    f.render_widget(Paragraph::new(shown), list);
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Better => "better",
        Direction::Worse => "worse",
        Direction::Same => "the same",
    }
}

/// One client's lines, each with its style.
fn client_lines(
    r: &ClientRow,
    selected: bool,
    ctx: &Context,
    theme: Theme,
    width: usize,
) -> Vec<(String, Style)> {
    let date = |t| ctx.zone.short_date(t);
    let marker = if selected { "›" } else { " " };
    let name = match &r.client_id {
        Some(id) => format!("{marker} {}  [{id}]", r.name),
        None => format!("{marker} {}", r.name),
    };
    let name_style = if selected {
        theme.selected()
    } else {
        theme.accent()
    };
    let mut out = vec![(name, name_style)];
    let mut when = vec![match r.last_check_in {
        Some(t) => format!("Last check-in {}", date(t)),
        None => "No check-in yet".to_string(),
    }];
    if let Some(t) = r.last_session {
        when.push(format!("session {}", date(t)));
    }
    if let Some(t) = r.last_note {
        when.push(format!("note {}", ctx.zone.short_date(t)));
    }
    out.push((format!("    {}", when.join(" · ")), Style::new()));
    if r.due.is_empty() {
        out.push((format!("    {}", strings::NOTHING_DUE), Style::new()));
    } else {
        // The longest overdue first, then those never done.
        let mut due: Vec<_> = r.due.iter().collect();
        due.sort_by_key(|d| std::cmp::Reverse(d.days_overdue.map_or(-1, |n| n)));
        let due: Vec<String> = due
            .iter()
            .map(|d| match d.days_overdue {
                None => format!("{} (never done)", d.title),
                Some(0) => format!("{} (today)", d.title),
                Some(n) => format!(
                    "{} ({} overdue)",
                    d.title,
                    strings::count(n as usize, "day", "days")
                ),
            })
            .collect();
        let text = format!("Due: {}", due.join(", "));
        for (k, line) in wrap(&text, width.saturating_sub(6)).into_iter().enumerate() {
            let indent = if k == 0 { "    " } else { "         " };
            out.push((format!("{indent}{line}"), Style::new()));
        }
    }
    if !r.headlines.is_empty() {
        let scores: Vec<String> = r
            .headlines
            .iter()
            .map(|h| {
                let value = h
                    .value
                    .map_or_else(|| "-".to_string(), |v| format_value(v, h.decimals));
                let change = match (&h.change, h.direction) {
                    (Some(c), Some(d)) => {
                        format!(" ({}, {})", format_diff(c.diff, h.decimals), direction(d))
                    }
                    _ => String::new(),
                };
                format!("{} {value}{change}", h.title)
            })
            .collect();
        out.push((format!("    {}", scores.join(" · ")), Style::new()));
    }
    let mut flags = Vec::new();
    if !r.reliable_changes.is_empty() {
        let changes: Vec<String> = r
            .reliable_changes
            .iter()
            .map(|c| format!("{} {}", c.title, direction(c.direction)))
            .collect();
        flags.push(format!("Reliable change: {}", changes.join(", ")));
    }
    if !r.safety.is_empty() {
        flags.push(format!(
            "{} since the last session",
            strings::count(r.safety.len(), "support message", "support messages")
        ));
    }
    if !flags.is_empty() {
        out.push((format!("    {}", flags.join(" · ")), theme.support()));
    }
    out
}
