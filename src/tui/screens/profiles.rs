//! The profile picker: each person with their last check-in and what is due,
//! never their scores. Add, rename and archive from here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::strings;
use crate::tui::app::{App, ProfilesMode, ProfilesState};

pub fn keys(state: &ProfilesState) -> Vec<(&'static str, &'static str)> {
    match state.mode {
        ProfilesMode::Add | ProfilesMode::Rename => {
            vec![("Enter", "save"), ("Esc", "cancel"), ("F3", "hide")]
        }
        ProfilesMode::ConfirmArchive => vec![("y", "archive"), ("n", "keep")],
        ProfilesMode::List => vec![
            ("Enter", "open"),
            ("a", "add"),
            ("r", "rename"),
            ("d", "archive"),
            ("x", "hide"),
            ("s", "support"),
            ("?", "help"),
            ("q", "quit"),
        ],
    }
}

pub fn render(f: &mut Frame, app: &App, state: &ProfilesState, area: Rect) {
    let theme = app.theme;
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
    let header = Row::new(
        ["", "Name", "Last check-in", "Due"].map(|h| Cell::from(Span::styled(h, theme.title()))),
    );
    let visible = table_area.height.saturating_sub(1) as usize;
    let first = state.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row> = state
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let selected = i == state.selected;
            let due = if r.due.is_empty() {
                strings::NOTHING_DUE.to_string()
            } else {
                r.due.join(", ")
            };
            let row = Row::new(vec![
                Cell::from(if selected { "›" } else { " " }),
                Cell::from(r.profile.name.clone()),
                Cell::from(
                    r.last_check_in
                        .map_or_else(|| strings::NEVER.to_string(), |t| app.zone.short_date(t)),
                ),
                Cell::from(due),
            ]);
            if selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(24),
            Constraint::Length(14),
            Constraint::Min(10),
        ],
    )
    .header(header)
    .column_spacing(1);
    f.render_widget(table, table_area);

    match state.mode {
        ProfilesMode::Add | ProfilesMode::Rename => {
            let [input, hint] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(bottom);
            f.render_widget(&state.input, input);
            if let Some(h) = &state.hint {
                f.render_widget(
                    Paragraph::new(Line::styled(h.clone(), theme.accent())),
                    hint,
                );
            }
        }
        ProfilesMode::ConfirmArchive => {
            f.render_widget(
                Paragraph::new(Line::styled(strings::ARCHIVE_QUESTION, theme.accent()))
                    .wrap(Wrap { trim: true }),
                bottom,
            );
        }
        ProfilesMode::List => {
            if let Some(h) = &state.hint {
                f.render_widget(
                    Paragraph::new(Line::styled(h.clone(), Style::new())).wrap(Wrap { trim: true }),
                    bottom,
                );
            }
        }
    }
}
