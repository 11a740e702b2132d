//! Trends: a questionnaire's scores over time as a chart (subscales as
//! small charts side by side, or latest-versus-previous bars), what changed
//! and whether that change is reliable, the check-ins in the period
//! underneath; and the views on top: one check-in's answers, two check-ins
//! compared, one question's answers over time. Draws from state only.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::instrument::AnswerValue;
use crate::instrument::model::{ChangeRule, ScoreDef};
use crate::outcome::text::change_phrase;
use crate::strings;
use crate::trends::compare::AnswerRow;
use crate::trends::rows::{
    ScoreCell, SessionRow, cell, diff_text, rule_source, rule_summary, value_text, verdict_text,
};
use crate::trends::series::{Trend, View};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::trends::{CompareLine, CompareView, Detail, ItemView, SessionView, TrendsState};
use crate::tui::widgets::bars::{LATEST, PREVIOUS, bar_lines};
use crate::tui::widgets::chart::{EXTRA_ROWS, TrendChart};
use crate::tui::widgets::multiples::{self, SmallMultiples};
use crate::tui::widgets::text::wrap_indented;

/// The left part of the header: profile and screen.
pub fn header(app: &App, _state: &TrendsState) -> String {
    format!("{} · {}", app.profile.name, strings::TRENDS_TITLE)
}

/// The key bar for what is showing: the view's own keys, then "x hide"
/// (the privacy key is on every screen's key bar) before the common tail.
pub fn keys(state: &TrendsState) -> Vec<(&'static str, &'static str)> {
    let mut keys = view_keys(state);
    let at = keys
        .iter()
        .position(|(k, _)| *k == "s")
        .unwrap_or(keys.len());
    keys.insert(at, ("x", "hide"));
    if matches!(state.stack.last(), Some(Detail::Session(_))) {
        keys.insert(at, ("n", "note"));
    }
    keys
}

fn view_keys(state: &TrendsState) -> Vec<(&'static str, &'static str)> {
    match state.stack.last() {
        None if !state.has_data() => strings::TRENDS_EMPTY_KEYS.to_vec(),
        None if state.rows.is_empty() => strings::TRENDS_WINDOW_EMPTY_KEYS.to_vec(),
        None => {
            let mut k = strings::TRENDS_KEYS.to_vec();
            if state.overview.is_some() {
                k.insert(3, strings::TRENDS_KEY_BARS);
            }
            k
        }
        Some(Detail::Session(_) | Detail::Compare(_)) => strings::TRENDS_DETAIL_KEYS.to_vec(),
        Some(Detail::Item(_)) => strings::TRENDS_ITEM_KEYS.to_vec(),
    }
}

/// The keys listed in the help box.
pub fn help_keys(state: &TrendsState) -> Vec<(&'static str, &'static str)> {
    match state.stack.last() {
        None => strings::TRENDS_HELP
            .iter()
            .filter(|(k, _)| *k != "d" || state.overview.is_some())
            .copied()
            .collect(),
        Some(Detail::Session(_)) => {
            let mut k = strings::TRENDS_DETAIL_HELP.to_vec();
            k.push(("n", "write a note about this check-in"));
            k
        }
        Some(Detail::Compare(_)) => strings::TRENDS_DETAIL_HELP.to_vec(),
        Some(Detail::Item(_)) => strings::TRENDS_ITEM_HELP.to_vec(),
    }
}

fn date(t: NaiveDateTime) -> String {
    t.format("%-d %b %Y").to_string()
}

fn date_time(t: NaiveDateTime) -> String {
    t.format("%-d %b %Y %H:%M").to_string()
}

/// Text wrapped into lines of at most `width` columns.
fn wrap(text: &str, width: u16) -> Vec<String> {
    textwrap::wrap(text, usize::from(width.max(1)))
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// Many lines of text, each wrapped, as one list.
fn wrap_all(lines: &[String], width: u16) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| wrap_indented(l, usize::from(width)))
        .collect()
}

/// A table row whose cells wrap to their column widths; as tall as its tallest cell.
fn wrapped_row(cells: Vec<(String, u16)>) -> Row<'static> {
    let columns: Vec<Vec<String>> = cells.iter().map(|(t, w)| wrap(t, *w)).collect();
    let height = columns.iter().map(Vec::len).max().unwrap_or(1).max(1);
    Row::new(columns.into_iter().map(|lines| {
        Cell::from(Text::from(
            lines.into_iter().map(Line::from).collect::<Vec<_>>(),
        ))
    }))
    .height(height as u16)
}

fn header_row(theme: Theme, names: Vec<String>) -> Row<'static> {
    Row::new(
        names
            .into_iter()
            .map(|h| Cell::from(Span::styled(h, theme.title()))),
    )
}

/// "label (key)" with the value emphasised and the key muted.
fn switch(theme: Theme, value: &str, key: &str) -> Vec<Span<'static>> {
    vec![
        Span::styled(value.to_string(), theme.accent()),
        Span::styled(format!(" ({key})"), theme.muted()),
    ]
}

pub fn render(f: &mut Frame, app: &App, state: &TrendsState, area: Rect) {
    let Some(trend) = &state.trend else {
        f.render_widget(
            Paragraph::new(strings::TRENDS_NO_QUESTIONNAIRES).wrap(Wrap { trim: false }),
            area,
        );
        return;
    };
    match state.stack.last() {
        Some(Detail::Session(s)) => session(f, app, trend, s, area),
        Some(Detail::Compare(c)) => comparison(f, app, trend, c, area),
        Some(Detail::Item(i)) => item(f, app, state, trend, i, area),
        None => main(f, app, state, trend, area),
    }
}

fn title_line(app: &App, state: &TrendsState, trend: &Trend, area: Rect, f: &mut Frame) {
    let theme = app.theme;
    let mut spans = switch(theme, &trend.instrument.short_title, "Tab");
    if let Some(view) = state.current_view() {
        spans.push(Span::raw(" · "));
        let label = view.label(&trend.instrument);
        if state.views.len() > 1 {
            spans.extend(switch(theme, &label, "c"));
        } else {
            spans.push(Span::styled(label, theme.accent()));
        }
    }
    spans.push(Span::raw(" · "));
    spans.extend(switch(theme, state.window.label(), "w"));
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

fn main(f: &mut Frame, app: &App, state: &TrendsState, trend: &Trend, area: Rect) {
    let theme = app.theme;
    let [title, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    title_line(app, state, trend, title, f);

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
        overview(f, app, state, chart_area);
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
    sessions_table(f, app, state, trend, table_area);
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
fn summary_lines(
    state: &TrendsState,
    trend: &Trend,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
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
    lines
}

fn row_date(row: &SessionRow) -> String {
    if row.same_day {
        date_time(row.local)
    } else {
        date(row.local)
    }
}

fn sessions_table(f: &mut Frame, app: &App, state: &TrendsState, trend: &Trend, area: Rect) {
    let theme = app.theme;
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

    let rows: Vec<Row> = state
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let selected = i == state.selected;
            let marked = state.marked.contains(&r.session_id);
            let marker = format!(
                "{}{}",
                if selected { "›" } else { " " },
                if marked { "✓" } else { " " }
            );
            let mut cells = vec![marker, row_date(r)];
            if single {
                let d = defs.first().map_or(0, |d| d.decimals);
                let c = r.cells.first();
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
                for (c, d) in r.cells.iter().zip(&defs) {
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
            let row = Row::new(cells);
            if selected {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(header_row(theme, names))
        .column_spacing(1);
    let mut ts = TableState::default().with_selected(Some(state.selected));
    f.render_stateful_widget(table, area, &mut ts);
    // Say so when check-ins are scrolled out of sight (rows are one line each).
    let visible = usize::from(area.height.saturating_sub(1));
    let offset = (state.selected + 1).saturating_sub(visible);
    let above = offset > 0;
    let below = offset + visible < state.rows.len();
    let more = match (above, below) {
        (true, true) => Some(strings::MORE_BOTH),
        (true, false) => Some(strings::MORE_ABOVE),
        (false, true) => Some(strings::MORE_BELOW),
        (false, false) => None,
    };
    if let Some(more) = more {
        let w = more.chars().count() as u16;
        if area.width > w && area.height > 0 {
            f.render_widget(
                Paragraph::new(Span::styled(more, theme.muted())),
                Rect::new(area.right() - w, area.y, w, 1),
            );
        }
    }
}

fn overview(f: &mut Frame, app: &App, state: &TrendsState, area: Rect) {
    let theme = app.theme;
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

/// "Agree (5)", a written answer, or "(skipped)".
fn answer_text(row: &AnswerRow) -> String {
    match &row.answer {
        Some(AnswerValue::Number(n)) if row.label != n.to_string() => {
            format!("{} ({n})", row.label)
        }
        _ => row.label.clone(),
    }
}

/// Each score of a check-in with band and change, then how change is judged
/// and where that comes from.
fn score_lines(scores: &[(ScoreDef, ScoreCell)]) -> Vec<String> {
    let mut lines = Vec::new();
    for (def, c) in scores {
        let mut text = format!("{}: {}", def.label, value_text(c.value, def.decimals));
        if let Some(b) = &c.band {
            text.push_str(&format!(" ({b})"));
        }
        if c.since_previous.is_some() {
            text.push_str(&format!(
                " · {} {}",
                strings::SINCE_PREVIOUS_SHORT,
                change_phrase(c.since_previous.as_ref(), def.decimals)
            ));
            if let Some(rci) = c.since_previous.as_ref().and_then(|c| c.rci) {
                text.push_str(&format!(", RCI {rci:.2}"));
            }
        }
        if c.since_first.is_some() {
            text.push_str(&format!(
                " · {} {}",
                strings::SINCE_FIRST_SHORT,
                change_phrase(c.since_first.as_ref(), def.decimals)
            ));
        }
        lines.push(text);
    }
    lines.extend(rule_lines(scores.iter().map(|(d, _)| d)));
    lines
}

/// Every distinct change rule with its source; one line when no score has one.
fn rule_lines<'a>(defs: impl Iterator<Item = &'a ScoreDef>) -> Vec<String> {
    let defs: Vec<&ScoreDef> = defs.collect();
    if defs.iter().all(|d| d.change.is_none()) {
        return vec![strings::RULE_SHORT_NONE.to_string()];
    }
    let mut out = Vec::new();
    for d in defs {
        out.push(rule_summary(d));
        if let Some(s) = rule_source(d) {
            out.push(format!("  {}", strings::rule_source_line(s)));
        }
    }
    out
}

/// Lines of text over a table that scrolls to keep `selected` in view.
fn text_then_table(
    f: &mut Frame,
    app: &App,
    heading: String,
    text: Vec<String>,
    table: Table<'static>,
    selected: usize,
    area: Rect,
) {
    let theme = app.theme;
    let mut lines = vec![Line::styled(heading, theme.title())];
    lines.extend(wrap_all(&text, area.width).into_iter().map(Line::raw));
    let top = (lines.len() as u16 + 1).min(area.height / 2);
    let [head, _, body] = Layout::vertical([
        Constraint::Length(top.saturating_sub(1)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(lines), head);
    let mut ts = TableState::default().with_selected(Some(selected));
    f.render_stateful_widget(table, body, &mut ts);
}

fn session(f: &mut Frame, app: &App, trend: &Trend, s: &SessionView, area: Rect) {
    let theme = app.theme;
    let heading = strings::session_heading(
        &trend.instrument.short_title,
        &date(s.local),
        s.with_counselor,
    );
    let answer_w = s
        .answers
        .iter()
        .map(|a| answer_text(a).chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, 32)
        .min(usize::from(area.width / 2)) as u16;
    let question_w = area.width.saturating_sub(answer_w + 2 + 3 + 2).max(10);
    let rows: Vec<Row> = s
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let marker = if i == s.cursor { "›" } else { " " };
            let row = wrapped_row(vec![
                (format!("{marker}{}", a.number), 3),
                (a.text.clone(), question_w),
                (answer_text(a), answer_w),
            ]);
            if i == s.cursor {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(3),
            Constraint::Length(question_w),
            Constraint::Length(answer_w),
        ],
    )
    .header(header_row(
        theme,
        vec![
            String::new(),
            strings::COL_QUESTION.into(),
            strings::COL_ANSWER.into(),
        ],
    ))
    .column_spacing(1);
    text_then_table(
        f,
        app,
        heading,
        score_lines(&s.scores),
        table,
        s.cursor,
        area,
    );
}

fn comparison(f: &mut Frame, app: &App, trend: &Trend, c: &CompareView, area: Rect) {
    let theme = app.theme;
    let (older, newer) = (date(c.older.local), date(c.newer.local));
    let heading = strings::compare_heading(&trend.instrument.short_title, &older, &newer);
    let scores: Vec<String> = c
        .scores
        .iter()
        .map(|(def, a, b, since)| {
            let mut t = format!(
                "{}: {} → {}",
                def.label,
                value_text(*a, def.decimals),
                value_text(*b, def.decimals)
            );
            if since.is_some() {
                t.push_str(&format!(
                    " ({})",
                    change_phrase(since.as_ref(), def.decimals)
                ));
            }
            t
        })
        .collect();
    // Several scores share one wrapped paragraph, so the items keep the room.
    let mut text = if scores.len() > 2 {
        vec![scores.join(" · ")]
    } else {
        scores
    };
    text.push(
        c.lines
            .iter()
            .filter_map(|l| match l {
                CompareLine::Heading(m, n) => Some(format!("{} {n}", m.heading())),
                CompareLine::Item(_) => None,
            })
            .collect::<Vec<_>>()
            .join(" · "),
    );
    let label = |v: &Option<AnswerValue>, l: &str| match v {
        Some(AnswerValue::Number(n)) if l != n.to_string() => format!("{l} ({n})"),
        _ => l.to_string(),
    };
    let side_w = c
        .changes
        .iter()
        .flat_map(|ch| {
            [
                label(&ch.older, &ch.older_label),
                label(&ch.newer, &ch.newer_label),
            ]
        })
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(12)
        .clamp(12, 24)
        .max(older.chars().count()) as u16;
    let change_w: u16 = 6;
    let question_w = area
        .width
        .saturating_sub(3 + side_w * 2 + change_w + 4)
        .max(10);
    let rows: Vec<Row> = c
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| match line {
            CompareLine::Heading(m, n) => Row::new(vec![
                Cell::from(""),
                Cell::from(Span::styled(
                    format!("{} ({n})", m.heading()),
                    theme.title(),
                )),
            ]),
            CompareLine::Item(idx) => {
                let Some(ch) = c.changes.get(*idx) else {
                    return Row::new(Vec::<Cell>::new());
                };
                let marker = if i == c.cursor { "›" } else { " " };
                let delta = ch
                    .delta
                    .map(|d| crate::outcome::text::format_diff(d as f64, 0))
                    .unwrap_or_default();
                let row = wrapped_row(vec![
                    (format!("{marker}{}", ch.number), 3),
                    (ch.text.clone(), question_w),
                    (label(&ch.older, &ch.older_label), side_w),
                    (label(&ch.newer, &ch.newer_label), side_w),
                    (delta, change_w),
                ]);
                if i == c.cursor {
                    row.style(theme.selected())
                } else {
                    row
                }
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(3),
            Constraint::Length(question_w),
            Constraint::Length(side_w),
            Constraint::Length(side_w),
            Constraint::Length(change_w),
        ],
    )
    .header(header_row(
        theme,
        vec![
            String::new(),
            strings::COL_QUESTION.into(),
            older,
            newer,
            strings::COL_CHANGE.into(),
        ],
    ))
    .column_spacing(1);
    text_then_table(f, app, heading, text, table, c.cursor, area);
}

fn item(f: &mut Frame, app: &App, state: &TrendsState, trend: &Trend, i: &ItemView, area: Rect) {
    let theme = app.theme;
    let heading = strings::item_heading(
        i.number,
        i.total,
        &trend.instrument.short_title,
        state.window.label(),
    );
    let mut top: Vec<Line> = vec![Line::styled(heading, theme.title())];
    top.extend(
        wrap(&i.text, area.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.accent())),
    );
    let answered: Vec<_> = i.history.iter().filter(|h| h.answer.is_some()).collect();
    let numeric = i.chart.as_ref().filter(|c| !c.is_empty());
    let values: Option<String> = numeric.map(|_| {
        answered
            .iter()
            .filter_map(|h| h.answer.as_ref().and_then(|a| a.as_number()))
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let top_h = top.len() as u16 + 1;
    let chart_h = if numeric.is_some() {
        (area.height.saturating_sub(top_h) * 45 / 100).max(EXTRA_ROWS + 5)
    } else {
        0
    };
    let values_lines: Vec<String> = values
        .map(|v| {
            let mut l = wrap(&format!("{} {v}", strings::ITEM_VALUES), area.width);
            // Keep the most recent values when there are too many to show.
            if l.len() > 2 {
                let tail = l.split_off(l.len() - 2);
                l = tail;
                if let Some(first) = l.first_mut() {
                    *first = format!("… {first}");
                }
            }
            l
        })
        .unwrap_or_default();
    let [head, chart_area, values_area, _, list_area] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Length(chart_h),
        Constraint::Length(values_lines.len() as u16),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(top), head);
    if let Some(data) = numeric {
        f.render_widget(TrendChart::new(data, theme), chart_area);
    }
    f.render_widget(
        Paragraph::new(values_lines.into_iter().map(Line::raw).collect::<Vec<_>>()),
        values_area,
    );
    if i.history.is_empty() {
        f.render_widget(Paragraph::new(strings::ITEM_NOT_IN_WINDOW), list_area);
        return;
    }
    // Newest first: date (with the time where two share a day), value, label.
    let same_day = |t: NaiveDateTime| {
        i.history
            .iter()
            .filter(|h| h.local.date() == t.date())
            .count()
            > 1
    };
    let date_w: u16 = if i.history.iter().any(|h| same_day(h.local)) {
        17
    } else {
        11
    };
    // Written answers have no value column.
    let value_w: u16 = if numeric.is_some() { 5 } else { 0 };
    let answer_w = list_area.width.saturating_sub(date_w + value_w + 2).max(10);
    let rows: Vec<Row> = i
        .history
        .iter()
        .rev()
        .map(|h| {
            let value = h
                .answer
                .as_ref()
                .and_then(|a| a.as_number())
                .map(|v| v.to_string())
                .unwrap_or_default();
            let when = if same_day(h.local) {
                date_time(h.local)
            } else {
                date(h.local)
            };
            wrapped_row(vec![
                (when, date_w),
                (value, value_w),
                (h.label.clone(), answer_w),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(date_w),
            Constraint::Length(value_w),
            Constraint::Length(answer_w),
        ],
    )
    .header(header_row(
        theme,
        vec![
            strings::COL_DATE.into(),
            if numeric.is_some() {
                strings::COL_VALUE.into()
            } else {
                String::new()
            },
            strings::COL_ANSWER.into(),
        ],
    ))
    .column_spacing(1);
    f.render_widget(table, list_area);
}
