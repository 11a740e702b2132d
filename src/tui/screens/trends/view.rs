//! Draws the trends screen: a questionnaire's scores over time as a chart
//! (subscales as small charts side by side, or latest-versus-previous
//! bars), what changed and whether that change is reliable, and the
//! check-ins in the period underneath. The views on top are drawn by
//! `details`. Draws from state only.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, TableState, Wrap};

use super::details;
use super::state::{Detail, Trends};
use crate::instrument::model::{ChangeRule, ScoreDef};
use crate::outcome::text::change_phrase;
use crate::strings;
use crate::trends::rows::{ScoreCell, SessionRow, cell, diff_text, value_text, verdict_text};
use crate::trends::series::{Trend, View};
use crate::tui::context::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::bars::{LATEST, PREVIOUS, bar_lines};
use crate::tui::widgets::chart::{EXTRA_ROWS, TrendChart};
use crate::tui::widgets::chrome;
use crate::tui::widgets::multiples::{self, SmallMultiples};
use crate::tui::widgets::table::{highlight, table};
use crate::tui::widgets::text::wrap_indented;

pub(super) fn date(t: NaiveDateTime) -> String {
    t.format("%-d %b %Y").to_string()
}

pub(super) fn date_time(t: NaiveDateTime) -> String {
    t.format("%-d %b %Y %H:%M").to_string()
}

/// Text wrapped into lines of at most `width` columns.
pub(super) fn wrap(text: &str, width: u16) -> Vec<String> {
    textwrap::wrap(text, usize::from(width.max(1)))
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// Many lines of text, each wrapped, as one list.
pub(super) fn wrap_all(lines: &[String], width: u16) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| wrap_indented(l, usize::from(width)))
        .collect()
}

/// A table row whose cells wrap to their column widths; as tall as its tallest cell.
/// (Its height is returned too, for the "more" marks.)
pub(super) fn wrapped_row(cells: Vec<(String, u16)>) -> (Row<'static>, u16) {
    let columns: Vec<Vec<String>> = cells.iter().map(|(t, w)| wrap(t, *w)).collect();
    let height = columns.iter().map(Vec::len).max().unwrap_or(1).max(1) as u16;
    let row = Row::new(columns.into_iter().map(|lines| {
        Cell::from(Text::from(
            lines.into_iter().map(Line::from).collect::<Vec<_>>(),
        ))
    }))
    .height(height);
    (row, height)
}

/// "label (key)" with the value emphasised and the key muted.
fn switch(theme: Theme, value: &str, key: &str) -> Vec<Span<'static>> {
    vec![
        Span::styled(value.to_string(), theme.accent()),
        Span::styled(format!(" ({key})"), theme.muted()),
    ]
}

pub fn render(f: &mut Frame, ctx: &Context, state: &Trends, area: Rect) {
    let Some(trend) = &state.trend else {
        f.render_widget(
            Paragraph::new(strings::TRENDS_NO_QUESTIONNAIRES).wrap(Wrap { trim: false }),
            area,
        );
        return;
    };
    match state.stack.last() {
        Some(Detail::Session(s)) => details::session(f, ctx, trend, s, area),
        Some(Detail::Compare(c)) => details::comparison(f, ctx, trend, c, area),
        Some(Detail::Item(i)) => details::item(f, ctx, state, trend, i, area),
        None => main(f, ctx, state, trend, area),
    }
}

fn title_line(ctx: &Context, state: &Trends, trend: &Trend, area: Rect, f: &mut Frame) {
    let theme = ctx.theme;
    // Each switch names its key only where that key works.
    let shown = |value: &str, key: &str, works: bool| {
        if works {
            switch(theme, value, key)
        } else {
            vec![Span::styled(value.to_string(), theme.accent())]
        }
    };
    let live = state.has_data();
    let mut spans = shown(&trend.instrument.short_title, "Tab", state.ids.len() > 1);
    if let Some(view) = state.current_view() {
        spans.push(Span::raw(" · "));
        let label = view.label(&trend.instrument);
        spans.extend(shown(&label, "c", live && state.views.len() > 1));
    }
    spans.push(Span::raw(" · "));
    spans.extend(shown(state.window.label(), "w", live));
    let right = if state.marked.len() == 1 {
        strings::ONE_MARKED.to_string()
    } else {
        strings::trends_count(state.rows.len())
    };
    let [l, r] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(right.chars().count() as u16),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(Line::from(spans)), l);
    f.render_widget(Paragraph::new(Span::styled(right, theme.muted())), r);
}

fn main(f: &mut Frame, ctx: &Context, state: &Trends, trend: &Trend, area: Rect) {
    let theme = ctx.theme;
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    title_line(ctx, state, trend, title, f);

    if !state.has_data() {
        let lines = wrap_all(
            &strings::trends_empty(&trend.instrument.short_title),
            rest.width.saturating_sub(4).min(70),
        );
        let text: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    Line::styled(l, theme.title())
                } else {
                    Line::raw(l)
                }
            })
            .collect();
        let inner = Rect {
            x: rest.x + 2,
            y: rest.y + 1,
            width: rest.width.saturating_sub(4),
            height: rest.height.saturating_sub(1),
        };
        f.render_widget(Paragraph::new(text), inner);
        return;
    }

    let summary = summary_lines(state, trend, rest.width, theme);
    let summary_h = summary.len() as u16;
    let mut chart_h = (rest.height.saturating_sub(summary_h + 1) * 65 / 100).max(EXTRA_ROWS + 6);
    let together =
        matches!(state.current_view(), Some(View::Together(_))) && state.chart.series.len() > 1;
    if state.show_overview
        && let Some(o) = &state.overview
    {
        // Legend, a blank line, two lines per score and the scale.
        chart_h = chart_h.max(o.rows.len() as u16 * 2 + 3);
    } else if together {
        // A small chart per score, while the check-ins keep a few rows.
        let wanted = multiples::min_height(state.chart.series.len(), rest.width);
        if wanted <= rest.height.saturating_sub(summary_h + 1 + 4) {
            chart_h = chart_h.max(wanted);
        }
    }
    let [chart_area, summary_area, _, table_area] = Layout::vertical([
        Constraint::Length(chart_h),
        Constraint::Length(summary_h),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(rest);

    if state.show_overview {
        overview(f, ctx, state, chart_area);
    } else if state.rows.is_empty() {
        let latest = trend
            .points
            .last()
            .map(|p| date(p.local))
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(strings::trends_window_empty(state.window.label(), &latest))
                .wrap(Wrap { trim: false }),
            Rect {
                x: chart_area.x + 2,
                y: chart_area.y + 1,
                width: chart_area.width.saturating_sub(4),
                height: chart_area.height.saturating_sub(1),
            },
        );
    } else if together {
        f.render_widget(
            SmallMultiples {
                data: &state.chart,
                theme,
            },
            chart_area,
        );
    } else {
        f.render_widget(TrendChart::new(&state.chart, theme), chart_area);
    }
    f.render_widget(Paragraph::new(summary), summary_area);
    sessions_table(f, ctx, state, trend, table_area);
}

/// The definitions of the scores a view shows.
fn view_defs<'a>(trend: &'a Trend, view: &View) -> Vec<&'a ScoreDef> {
    view.scores().iter().filter_map(|i| trend.def(*i)).collect()
}

/// The headline score index used for the summary line.
fn headline(trend: &Trend, view: &View) -> Option<usize> {
    match view {
        View::Single(i) => Some(*i),
        View::Together(_) => crate::trends::series::primary_index(&trend.instrument),
    }
}

fn short_rule(defs: &[&ScoreDef]) -> String {
    match defs.iter().find_map(|d| d.change.as_ref()) {
        Some(ChangeRule::Reliability {
            reliability, sd, ..
        }) => strings::rule_short_rci(*reliability, *sd),
        Some(ChangeRule::Mdc { mdc, .. }) => strings::rule_short_mdc(*mdc),
        None => strings::RULE_SHORT_NONE.to_string(),
    }
}

/// The latest score with its band and change since the previous and the
/// first check-in, then how change is judged; wrapped to `width`.
fn summary_lines(state: &Trends, trend: &Trend, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let Some(view) = state.current_view() else {
        return Vec::new();
    };
    let Some(last) = trend.points.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    if let Some(h) = headline(trend, view)
        && let Some(def) = trend.def(h)
    {
        // "Since first" is measured from the first check-in of the window shown.
        let start = state.rows.last().map_or(trend.points.len(), |r| r.point);
        let Some(c): Option<ScoreCell> = cell(trend, last, h, start) else {
            return lines;
        };
        // A single score's name is in the title line already.
        let label = match view {
            View::Single(_) => String::new(),
            View::Together(_) => format!("{} ", def.label),
        };
        let mut text = format!(
            "{}: {label}{}",
            strings::latest_on(&date(trend.points[last].local)),
            value_text(c.value, def.decimals)
        );
        if let Some(b) = &c.band {
            text.push_str(&format!(", {b}"));
        }
        if c.since_previous.is_some() {
            text.push_str(&format!(
                " · {} {} · {} {}",
                strings::SINCE_PREVIOUS_SHORT,
                change_phrase(c.since_previous.as_ref(), def.decimals),
                strings::SINCE_FIRST_SHORT,
                change_phrase(c.since_first.as_ref(), def.decimals),
            ));
        } else if trend.points.len() == 1 {
            text.push_str(&format!(". {}", strings::FIRST_CHECK_IN_NOTE));
        }
        lines.extend(
            wrap_indented(&text, usize::from(width))
                .into_iter()
                .map(Line::raw),
        );
    }
    lines.extend(
        wrap_indented(&short_rule(&view_defs(trend, view)), usize::from(width))
            .into_iter()
            .map(|l| Line::styled(l, theme.muted())),
    );
    // Goals of this dimension, with their progress, beside its scores.
    if let View::Single(k) = view
        && let Some(def) = trend.def(*k)
    {
        for line in crate::trends::goals::beside(&state.goals, &def.id) {
            lines.extend(
                wrap_indented(&line, usize::from(width))
                    .into_iter()
                    .map(|l| Line::styled(l, theme.accent())),
            );
        }
    }
    lines
}

fn row_date(row: &SessionRow) -> String {
    if row.same_day {
        date_time(row.local)
    } else {
        date(row.local)
    }
}

fn sessions_table(f: &mut Frame, ctx: &Context, state: &Trends, trend: &Trend, area: Rect) {
    let theme = ctx.theme;
    let Some(view) = state.current_view() else {
        return;
    };
    if state.rows.is_empty() {
        return;
    }
    let defs = view_defs(trend, view);
    let date_w: u16 = if state.rows.iter().any(|r| r.same_day) {
        17
    } else {
        11
    };
    let mut names = vec![String::new(), strings::COL_DATE.to_string()];
    let mut widths = vec![Constraint::Length(2), Constraint::Length(date_w)];
    let single = matches!(view, View::Single(_));
    let with_band = single && defs.iter().any(|d| !d.bands.is_empty());
    let with_verdict = single && defs.iter().any(|d| d.change.is_some());
    if single {
        names.push(strings::COL_SCORE.into());
        widths.push(Constraint::Length(5));
        if with_band {
            let w = defs
                .iter()
                .flat_map(|d| d.bands.iter().map(|b| b.label.chars().count()))
                .max()
                .unwrap_or(4)
                .max(4) as u16;
            names.push(strings::COL_BAND.into());
            widths.push(Constraint::Length(w));
        }
        names.push(strings::COL_CHANGE.into());
        widths.push(Constraint::Length(6));
        if with_verdict {
            names.push(strings::COL_VERDICT.into());
            widths.push(Constraint::Length(20));
        }
    } else {
        for d in &defs {
            names.push(d.label.clone());
            widths.push(Constraint::Length(d.label.chars().count().max(8) as u16));
        }
    }
    names.push(strings::COL_COUNSELOR.into());
    widths.push(Constraint::Length(9));

    // Only the rows in sight are built (the table's own scrolling: the
    // selected row is the last in sight once it is below the first page), so
    // a frame costs the same at any length of history.
    let in_sight = usize::from(area.height.saturating_sub(1)).max(1);
    let offset = (state.selected + 1).saturating_sub(in_sight);
    let end = (offset + in_sight).min(state.rows.len());
    // The period shown starts at the oldest listed check-in; each row's
    // scores come from the result model as the row is drawn.
    let start = state.rows.last().map_or(trend.points.len(), |r| r.point);
    let rows: Vec<Row> = state.rows[offset.min(end)..end]
        .iter()
        .enumerate()
        .map(|(i, r)| (i + offset, r))
        .map(|(i, r)| {
            let selected = i == state.selected;
            let marked = state.marked.contains(&r.session_id);
            let marker = format!(
                "{}{}",
                if selected { "›" } else { " " },
                if marked { "✓" } else { " " }
            );
            let scored: Vec<ScoreCell> = view
                .scores()
                .iter()
                .filter_map(|d| cell(trend, r.point, *d, start))
                .collect();
            let mut cells = vec![marker, row_date(r)];
            if single {
                let d = defs.first().map_or(0, |d| d.decimals);
                let c = scored.first();
                cells.push(value_text(c.and_then(|c| c.value), d));
                if with_band {
                    cells.push(
                        c.and_then(|c| c.band.as_ref())
                            .map(|b| b.label.clone())
                            .unwrap_or_default(),
                    );
                }
                cells.push(diff_text(c.and_then(|c| c.since_previous.as_ref()), d));
                if with_verdict {
                    cells.push(verdict_text(c.and_then(|c| c.since_previous.as_ref())).to_string());
                }
            } else {
                for (c, d) in scored.iter().zip(&defs) {
                    let mut text = value_text(c.value, d.decimals);
                    if let Some(ch) = &c.since_previous {
                        text.push(' ');
                        text.push_str(&diff_text(Some(ch), d.decimals));
                    }
                    cells.push(text);
                }
            }
            cells.push(if r.with_counselor {
                strings::yes_no(true).to_string()
            } else {
                String::new()
            });
            highlight(Row::new(cells), selected, theme)
        })
        .collect();
    let table = table(theme, names.into_iter().zip(widths).collect(), rows);
    let mut ts =
        TableState::default().with_selected(Some(state.selected - offset.min(state.selected)));
    f.render_stateful_widget(table, area, &mut ts);
    // Say so when check-ins are scrolled out of sight (rows are one line each).
    let heights = vec![1; state.rows.len()];
    let out = chrome::rows_out_of_sight(&heights, offset + ts.offset(), area.height);
    chrome::more_mark(f, theme, out, area);
}

fn overview(f: &mut Frame, ctx: &Context, state: &Trends, area: Rect) {
    let theme = ctx.theme;
    let Some(o) = &state.overview else {
        return;
    };
    let (latest, previous) = strings::bars_legend(
        o.latest.map(date).as_deref(),
        o.previous.map(date).as_deref(),
    );
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{LATEST}{LATEST}"), theme.accent()),
            Span::raw(format!(" {latest}   ")),
            Span::styled(format!("{PREVIOUS}{PREVIOUS}"), theme.muted()),
            Span::raw(format!(" {previous}")),
        ]),
        Line::raw(""),
    ];
    // Two lines per score and a scale; a blank line between scores when they fit.
    let needed = o.rows.len() as u16 * 3 + 2;
    let spaced = area.height > needed;
    lines.extend(bar_lines(&o.rows, area.width.min(100), spaced, theme));
    f.render_widget(Paragraph::new(lines), area);
}
