//! Draws the picker: the box to type in and the people found (names and
//! client ids only), or everyone with their last check-in and what is due
//! under a reminder that others may see the screen; names shortened with
//! "…" so they never run into the next column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

use super::{Listed, Mode, People, View};
use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::table::{highlight, table};
use crate::tui::widgets::text::shorten;

const NAME_W: u16 = 24;

pub fn render(f: &mut Frame, s: &People, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = area.inner(Margin::new(2, 1));
    let find = s.view == View::Find;
    let [title, query, table_area, bottom] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(if find { 3 } else { 0 }),
        Constraint::Min(3),
        Constraint::Length(4),
    ])
    .areas(area);
    let (help, help_style) = if find {
        (strings::FIND_HELP, Style::new())
    } else {
        (strings::LIST_REMINDER, theme.accent())
    };
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(strings::PROFILES_TITLE, theme.title()),
            Line::styled(help, help_style),
        ])
        .wrap(Wrap { trim: false }),
        title,
    );
    if find {
        f.render_widget(&s.query, query);
    }
    let shown = s.shown();
    let visible = table_area.height.saturating_sub(1) as usize;
    let first = s.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row> = shown
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, l)| {
            let selected = i == s.selected;
            let row = if find {
                found_row(l, selected, table_area.width)
            } else {
                listed_row(l, selected, table_area.width, ctx)
            };
            highlight(row, selected, theme)
        })
        .collect();
    let columns = if find {
        vec![
            (String::new(), Constraint::Length(1)),
            ("Found".to_string(), Constraint::Length(NAME_W)),
            ("Client id".to_string(), Constraint::Min(10)),
        ]
    } else {
        vec![
            (String::new(), Constraint::Length(1)),
            ("Name".to_string(), Constraint::Length(NAME_W)),
            ("Last check-in".to_string(), Constraint::Length(14)),
            ("Due".to_string(), Constraint::Min(10)),
        ]
    };
    // Before two characters nothing is drawn there, not even a heading.
    let typed_enough = s.typed().trim().chars().count() >= crate::caseload::find::MIN_TYPED;
    if !find || !shown.is_empty() {
        f.render_widget(table(theme, columns, rows), table_area);
    } else if typed_enough {
        f.render_widget(
            Paragraph::new(strings::FIND_NO_MATCH).wrap(Wrap { trim: true }),
            table_area,
        );
    }

    match s.mode {
        Mode::Add | Mode::Rename => {
            let [input, hint] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(bottom);
            f.render_widget(&s.input, input);
            if let Some(h) = &s.hint {
                f.render_widget(
                    Paragraph::new(Line::styled(h.clone(), theme.accent())),
                    hint,
                );
            }
        }
        Mode::Browse => {
            if let Some(h) = &s.hint {
                f.render_widget(
                    Paragraph::new(Line::styled(h.clone(), Style::new())).wrap(Wrap { trim: true }),
                    bottom,
                );
            }
        }
    }
}

fn marker(selected: bool) -> &'static str {
    if selected { "›" } else { " " }
}

/// A person found: the name and the client id, nothing else.
fn found_row(l: &Listed, selected: bool, width: u16) -> Row<'static> {
    let id_w = usize::from(width.saturating_sub(1 + NAME_W + 2));
    Row::new(vec![
        Cell::from(marker(selected)),
        Cell::from(shorten(&l.profile.name, usize::from(NAME_W))),
        Cell::from(shorten(l.profile.client_id.as_deref().unwrap_or(""), id_w)),
    ])
}

/// A person in the full list: when they last checked in and what is due.
fn listed_row(l: &Listed, selected: bool, width: u16, ctx: &Context) -> Row<'static> {
    let due_w = usize::from(width.saturating_sub(1 + NAME_W + 14 + 3));
    let due = if l.archived {
        strings::ARCHIVED_MARK.to_string()
    } else if l.due.is_empty() {
        strings::NOTHING_DUE.to_string()
    } else {
        l.due.join(", ")
    };
    Row::new(vec![
        Cell::from(marker(selected)),
        Cell::from(shorten(&l.profile.name, usize::from(NAME_W))),
        Cell::from(
            l.last_check_in
                .map_or_else(|| strings::NEVER.to_string(), |t| ctx.zone.short_date(t)),
        ),
        Cell::from(shorten(&due, due_w)),
    ])
}
