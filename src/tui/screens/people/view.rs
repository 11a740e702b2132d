//! Draws the picker: who, when they last checked in, what is due; names
//! shortened with "…" so they never run into the next column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

use super::{Mode, People};
use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::table::{highlight, table};
use crate::tui::widgets::text::shorten;

const NAME_W: u16 = 24;

pub fn render(f: &mut Frame, s: &People, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = area.inner(Margin::new(2, 1));
    let [title, table_area, bottom] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(4),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(strings::PROFILES_TITLE, theme.title()),
            Line::raw(strings::PROFILES_HELP),
        ])
        .wrap(Wrap { trim: false }),
        title,
    );
    let visible = table_area.height.saturating_sub(1) as usize;
    let first = s.selected.saturating_sub(visible.saturating_sub(1));
    let due_w = usize::from(table_area.width.saturating_sub(1 + NAME_W + 14 + 3));
    let rows: Vec<Row> = s
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let selected = i == s.selected;
            let due = if r.due.is_empty() {
                strings::NOTHING_DUE.to_string()
            } else {
                r.due.join(", ")
            };
            let row = Row::new(vec![
                Cell::from(if selected { "›" } else { " " }),
                Cell::from(shorten(&r.profile.name, usize::from(NAME_W))),
                Cell::from(
                    r.last_check_in
                        .map_or_else(|| strings::NEVER.to_string(), |t| ctx.zone.short_date(t)),
                ),
                Cell::from(shorten(&due, due_w)),
            ]);
            highlight(row, selected, theme)
        })
        .collect();
    let columns = vec![
        (String::new(), Constraint::Length(1)),
        ("Name".to_string(), Constraint::Length(NAME_W)),
        ("Last check-in".to_string(), Constraint::Length(14)),
        ("Due".to_string(), Constraint::Min(10)),
    ];
    let table = table(theme, columns, rows);
    f.render_widget(table, table_area);

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
        Mode::List => {
            if let Some(h) = &s.hint {
                f.render_widget(
                    Paragraph::new(Line::styled(h.clone(), Style::new())).wrap(Wrap { trim: true }),
                    bottom,
                );
            }
        }
    }
}
