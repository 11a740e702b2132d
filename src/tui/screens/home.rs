//! Home: each questionnaire with when it was last done, whether it is due,
//! the latest headline score with its band, change and a sparkline, plus any
//! unfinished check-in to continue.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::instrument::score::format_value;
use crate::trends::{Due, Summary};
use crate::tui::app::{App, HomeState};
use crate::tui::widgets::spark::sparkline;

pub const KEYS: &[(&str, &str)] = &[
    ("Enter", "start"),
    ("t", "trends"),
    ("n", "notes"),
    ("p", "people"),
    ("x", "hide"),
    ("s", "support"),
    ("?", "help"),
    ("q", "quit"),
];

fn due_text(due: &Due) -> String {
    match due {
        Due::NeverDone => "not done yet".into(),
        Due::Due { .. } => "due now".into(),
        Due::NotYet { in_days: 1 } => "in 1 day".into(),
        Due::NotYet { in_days } => format!("in {in_days} days"),
        Due::NoSchedule => "-".into(),
    }
}

fn change_text(s: &Summary) -> String {
    match &s.change {
        Some(c) => {
            let sign = if c.diff > 0.0 {
                "+"
            } else if c.diff < 0.0 {
                "-"
            } else {
                "±"
            };
            format!("{sign}{}", format_value(c.diff.abs(), s.decimals))
        }
        None => String::new(),
    }
}

pub fn render(f: &mut Frame, app: &App, home: &HomeState, area: Rect) {
    let theme = app.theme;
    let has_unfinished = !home.unfinished.is_empty();
    let unfinished_height = if has_unfinished {
        home.unfinished.len() as u16 + 2
    } else {
        0
    };
    let [intro, unfinished_area, table_area, detail_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(unfinished_height),
        Constraint::Length(home.summaries.len() as u16 * 2 + 2),
        Constraint::Min(0),
    ])
    .areas(area);

    let greeting = if home.summaries.iter().all(|s| s.sessions == 0) {
        "Welcome. Choose a check-in to begin; every answer is saved as you go."
    } else {
        "Choose a check-in. Every answer is saved as you go."
    };
    f.render_widget(
        Paragraph::new(Line::from(Span::raw(greeting.to_string()))),
        intro,
    );

    if has_unfinished {
        let mut lines = vec![Line::styled("Unfinished check-in", theme.title())];
        for (i, u) in home.unfinished.iter().enumerate() {
            let marker = if home.selected == i { "›" } else { " " };
            let text = format!(
                "{marker} {} · {} of {} answered · started {} · Enter continue, d set aside",
                u.title,
                u.answered,
                u.total,
                app.zone.short_date(u.session.started_at)
            );
            let style = if home.selected == i {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::styled(text, style));
        }
        f.render_widget(Paragraph::new(lines), unfinished_area);
    }

    let header = Row::new(
        [
            "",
            "Check-in",
            "Last done",
            "Due",
            "Latest",
            "Change",
            "Trend",
        ]
        .map(|h| Cell::from(Span::styled(h, theme.title()))),
    );
    let rows: Vec<Row> = home
        .summaries
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let selected = home.selected == home.unfinished.len() + i;
            let latest = match (s.latest, &s.score_label) {
                (Some(v), _) => format_value(v, s.decimals),
                _ => "-".into(),
            };
            let band = s.band.clone().unwrap_or_default();
            let def = app
                .catalog
                .get(&s.questionnaire_id)
                .and_then(|l| crate::trends::primary_score(&l.instrument).cloned());
            let spark = def
                .map(|d| sparkline(&s.recent, d.min, d.max))
                .unwrap_or_default();
            let row = Row::new(vec![
                Cell::from(if selected { "›" } else { " " }),
                Cell::from(vec![
                    Line::raw(s.title.clone()),
                    Line::styled(s.score_label.clone().unwrap_or_default(), theme.muted()),
                ]),
                Cell::from(
                    s.last_completed
                        .map_or_else(|| "never".to_string(), |t| app.zone.short_date(t)),
                ),
                Cell::from(due_text(&s.due)),
                Cell::from(vec![Line::raw(latest), Line::styled(band, theme.muted())]),
                Cell::from(change_text(s)),
                Cell::from(spark),
            ])
            .height(2);
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
            Constraint::Length(18),
            Constraint::Length(12),
            Constraint::Length(12),
            Constraint::Length(14),
            Constraint::Length(7),
            Constraint::Min(6),
        ],
    )
    .header(header)
    .column_spacing(1);
    f.render_widget(table, table_area);

    // A config.toml that could not be used, about the selected
    // questionnaire, and any skipped files.
    let mut lines = Vec::new();
    if let Some(warning) = &app.config_warning {
        lines.push(Line::styled(warning.clone(), theme.accent()));
        lines.push(Line::raw(""));
    }
    let selected_summary = home
        .selected
        .checked_sub(home.unfinished.len())
        .and_then(|i| home.summaries.get(i));
    if let Some(loaded) = selected_summary.and_then(|s| app.catalog.get(&s.questionnaire_id)) {
        let i = &loaded.instrument;
        lines.push(Line::styled(i.title.clone(), theme.title()));
        lines.push(Line::raw(i.description.clone()));
        if let Some(notice) = &i.notice {
            lines.push(Line::styled(notice.clone(), theme.muted()));
        }
    }
    if let Some(notice) = &home.notice {
        lines.push(Line::raw(""));
        lines.push(Line::styled(notice.clone(), theme.accent()));
    }
    if !app.problems.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "{} questionnaire file(s) could not be read and were skipped; `recap questionnaires list` shows why.",
            app.problems.len()
        )));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        detail_area,
    );
}
