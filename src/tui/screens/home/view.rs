//! Draws home: a banner when the file can only be read, what is due in
//! words, the unfinished check-ins (whole words, wrapped), the table
//! of questionnaires, the goals in progress with their next step, and what
//! the highlighted one is, with any notice.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

use super::Home;
use crate::instrument::score::format_value;
use crate::strings;
use crate::trends::{Due, Summary};
use crate::tui::context::Context;
use crate::tui::widgets::spark::sparkline;
use crate::tui::widgets::table::{highlight, table};
use crate::tui::widgets::text::{shorten, wrap};

/// Width of the check-in column.
const TITLE_W: u16 = 18;

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
        Some(c) => crate::outcome::text::format_diff(c.diff, s.decimals),
        None => String::new(),
    }
}

pub fn render(f: &mut Frame, home: &Home, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = area.inner(Margin::new(1, 0));
    let width = usize::from(area.width);
    let unfinished: Vec<Vec<String>> = home
        .unfinished
        .iter()
        .map(|u| {
            wrap(
                &strings::unfinished_row(
                    &u.title,
                    u.answered,
                    u.total,
                    &ctx.zone.short_date(u.session.started_at),
                ),
                width.saturating_sub(2),
            )
        })
        .collect();
    let unfinished_h = if unfinished.is_empty() {
        0
    } else {
        unfinished.iter().map(Vec::len).sum::<usize>() as u16 + 2
    };
    let due = home.due_lines();
    let read_only = ctx.store.is_read_only();
    let intro_h = 2 + due.len() as u16 + u16::from(read_only);
    let [intro, unfinished_area, table_area, detail_area] = Layout::vertical([
        Constraint::Length(intro_h),
        Constraint::Length(unfinished_h),
        Constraint::Length(home.summaries.len() as u16 * 2 + 2),
        Constraint::Min(0),
    ])
    .areas(area);

    let greeting = if home.summaries.iter().all(|s| !s.done) {
        strings::HOME_WELCOME
    } else {
        strings::HOME_GREETING
    };
    // What is due comes first, in words, under the greeting.
    let mut intro_lines = vec![Line::raw(greeting)];
    if read_only {
        intro_lines.push(Line::styled(strings::READ_ONLY_BANNER, theme.accent()));
    }
    intro_lines.extend(
        due.into_iter()
            .map(|d| Line::styled(shorten(&d, width), theme.accent())),
    );
    f.render_widget(Paragraph::new(intro_lines), intro);

    if !unfinished.is_empty() {
        let mut lines = vec![Line::styled(strings::UNFINISHED_HEADING, theme.title())];
        for (i, row) in unfinished.iter().enumerate() {
            let on = home.selected == i;
            let style = if on { theme.selected() } else { Style::new() };
            for (j, piece) in row.iter().enumerate() {
                let marker = match (j, on) {
                    (0, true) => "› ",
                    _ => "  ",
                };
                lines.push(Line::styled(format!("{marker}{piece}"), style));
            }
        }
        f.render_widget(Paragraph::new(lines), unfinished_area);
    }

    questionnaires(f, home, table_area, ctx);
    detail(f, home, detail_area, ctx);
}

fn questionnaires(f: &mut Frame, home: &Home, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let rows: Vec<Row> = home
        .summaries
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let selected = home.selected == home.unfinished.len() + i;
            // On the highlighted row every cell takes the row's colours.
            let muted = if selected {
                Style::new()
            } else {
                theme.muted()
            };
            let latest = match s.latest {
                Some(v) => format_value(v, s.decimals),
                None => "-".into(),
            };
            let band = s.band.clone().unwrap_or_default();
            let def = ctx
                .catalog
                .get(&s.questionnaire_id)
                .and_then(|l| crate::trends::primary_score(&l.instrument).cloned());
            let spark = def
                .map(|d| sparkline(&s.recent, d.min, d.max))
                .unwrap_or_default();
            let title_w = usize::from(TITLE_W);
            let row = Row::new(vec![
                Cell::from(if selected { "›" } else { " " }),
                Cell::from(vec![
                    Line::raw(shorten(&s.title, title_w)),
                    Line::styled(
                        shorten(s.score_label.as_deref().unwrap_or_default(), title_w),
                        muted,
                    ),
                ]),
                Cell::from(
                    s.last_completed
                        .map_or_else(|| strings::NEVER.to_string(), |t| ctx.zone.short_date(t)),
                ),
                Cell::from(due_text(&s.due)),
                Cell::from(vec![
                    Line::raw(latest),
                    Line::styled(shorten(&band, 14), muted),
                ]),
                Cell::from(change_text(s)),
                Cell::from(spark),
            ])
            .height(2);
            highlight(row, selected, theme)
        })
        .collect();
    let names = [
        "",
        "Check-in",
        "Last done",
        "Due",
        "Latest",
        "Change",
        "Trend",
    ];
    let widths = [
        Constraint::Length(1),
        Constraint::Length(TITLE_W),
        Constraint::Length(12),
        Constraint::Length(12),
        Constraint::Length(14),
        Constraint::Length(7),
        Constraint::Min(6),
    ];
    let columns = names.into_iter().map(String::from).zip(widths).collect();
    let table = table(theme, columns, rows);
    f.render_widget(table, area);
}

/// A config.toml that could not be used, the highlighted questionnaire,
/// a notice (where the report went) and any skipped files.
fn detail(f: &mut Frame, home: &Home, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let mut lines = Vec::new();
    if let Some(warning) = &ctx.config_warning {
        lines.push(Line::styled(warning.clone(), theme.accent()));
        lines.push(Line::raw(""));
    }
    if let Some(notice) = &home.notice {
        lines.push(Line::styled(notice.clone(), theme.accent()));
        lines.push(Line::raw(""));
    }
    if !home.goals.is_empty() {
        lines.push(Line::styled(crate::plan::words::GOALS, theme.title()));
        for g in &home.goals {
            let next = g
                .next_step()
                .map_or_else(String::new, |s| format!(" · next: {}", s.text));
            lines.push(Line::raw(shorten(
                &format!("• {}{next}", g.text),
                usize::from(area.width),
            )));
        }
        lines.push(Line::raw(""));
    }
    if let Some(loaded) = home
        .selected_instrument_id()
        .and_then(|id| ctx.catalog.get(&id))
    {
        let i = &loaded.instrument;
        let width = usize::from(area.width);
        let mut tail = Vec::new();
        if !ctx.problems.is_empty() {
            tail.push(Line::raw(""));
            tail.push(Line::raw(strings::skipped_files(ctx.problems.len())));
        }
        // What is above comes first; the questionnaire's words take the
        // rows left, its notice only if it fits whole, and a description
        // that does not fit ends with "…" rather than mid-sentence.
        let above: usize = lines
            .iter()
            .map(|l| wrap(&l.to_string(), width).len().max(1))
            .sum();
        let room = usize::from(area.height).saturating_sub(above + tail.len() + 1);
        let description = wrap(&i.description, width);
        let notice = i
            .notice
            .as_deref()
            .map(|n| wrap(n, width))
            .unwrap_or_default();
        lines.push(Line::styled(i.title.clone(), theme.title()));
        if description.len() <= room {
            lines.extend(description.iter().map(|l| Line::raw(l.clone())));
            if description.len() + notice.len() <= room {
                lines.extend(notice.into_iter().map(|l| Line::styled(l, theme.muted())));
            }
        } else if room > 0 {
            let mut kept: Vec<String> = description.into_iter().take(room).collect();
            if let Some(last) = kept.last_mut() {
                *last = shorten(&format!("{last} …"), width);
            }
            lines.extend(kept.into_iter().map(Line::raw));
        }
        lines.extend(tail);
    } else if !ctx.problems.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(strings::skipped_files(ctx.problems.len())));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
