//! Draws the views over the trends chart: one check-in's scores and
//! answers, two check-ins compared item by item, one question's answers
//! over time.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, TableState};

use super::state::{CompareLine, CompareView, ItemView, SessionView, Trends};
use super::view::{date, date_time, wrap, wrap_all, wrapped_row};
use crate::instrument::AnswerValue;
use crate::instrument::model::ScoreDef;
use crate::outcome::text::change_phrase;
use crate::strings;
use crate::trends::compare::AnswerRow;
use crate::trends::rows::{ScoreCell, rule_source, rule_summary, value_text};
use crate::trends::series::Trend;
use crate::tui::context::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::chart::{EXTRA_ROWS, TrendChart};
use crate::tui::widgets::chrome;
use crate::tui::widgets::table::{fixed, highlight, table};

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

/// A wrapped row (and its height) in the highlight colours where it is the cursor's.
fn mark((row, h): (Row<'static>, u16), on: bool, theme: Theme) -> (Row<'static>, u16) {
    (highlight(row, on, theme), h)
}

/// A table row and its height in lines.
type TallRow = (Row<'static>, u16);

/// Lines of text over a table that scrolls to keep `selected` in view.
fn text_then_table(
    f: &mut Frame,
    ctx: &Context,
    (heading, text): (String, Vec<String>),
    (columns, rows): (Vec<(String, u16)>, Vec<TallRow>),
    selected: usize,
    area: Rect,
) {
    let theme = ctx.theme;
    let (rows, heights): (Vec<Row>, Vec<u16>) = rows.into_iter().unzip();
    let table = table(theme, fixed(columns), rows);
    let mut lines = vec![Line::styled(heading, theme.title())];
    lines.extend(wrap_all(&text, area.width).into_iter().map(Line::raw));
    // The text whole, while the table keeps its header and a few rows.
    let top = (lines.len() as u16 + 1).min(area.height.saturating_sub(5));
    let [head, gap, body] = Layout::vertical([
        Constraint::Length(top.saturating_sub(1)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(lines), head);
    let mut ts = TableState::default().with_selected(Some(selected));
    f.render_stateful_widget(table, body, &mut ts);
    // On the blank line above the table, clear of its column names.
    let out = chrome::rows_out_of_sight(&heights, ts.offset(), body.height);
    chrome::more_mark(f, theme, out, gap);
}

pub(super) fn session(f: &mut Frame, ctx: &Context, trend: &Trend, s: &SessionView, area: Rect) {
    let theme = ctx.theme;
    let heading = strings::session_heading(
        &trend.instrument.short_title,
        &date(s.local),
        s.with_counselor,
    );
    let answer_w = s
        .answers
        .iter()
        .map(|a| {
            let mark = if s.amended.contains(&a.item_id) {
                strings::AMENDED_MARK.len()
            } else {
                0
            };
            answer_text(a).chars().count() + mark
        })
        .max()
        .unwrap_or(6)
        .clamp(6, 32)
        .min(usize::from(area.width / 2)) as u16;
    let question_w = area.width.saturating_sub(answer_w + 2 + 3 + 2).max(10);
    let rows = s
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let marker = if i == s.cursor { "›" } else { " " };
            let mut answer = answer_text(a);
            if s.amended.contains(&a.item_id) {
                answer.push_str(strings::AMENDED_MARK);
            }
            let row = wrapped_row(vec![
                (format!("{marker}{}", a.number), 3),
                (a.text.clone(), question_w),
                (answer, answer_w),
            ]);
            mark(row, i == s.cursor, theme)
        })
        .collect();
    let columns = vec![
        (String::new(), 3),
        (strings::COL_QUESTION.into(), question_w),
        (strings::COL_ANSWER.into(), answer_w),
    ];
    // The corrections right after the scores, before how change is judged.
    let mut text = score_lines(&s.scores);
    let scores = s.scores.len().min(text.len());
    for (i, line) in s.amendments.iter().enumerate() {
        text.insert(scores + i, line.clone());
    }
    text_then_table(f, ctx, (heading, text), (columns, rows), s.cursor, area);
}

pub(super) fn comparison(f: &mut Frame, ctx: &Context, trend: &Trend, c: &CompareView, area: Rect) {
    let theme = ctx.theme;
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
    let rows = c
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| match line {
            CompareLine::Heading(m, n) => (
                Row::new(vec![
                    Cell::from(""),
                    Cell::from(Span::styled(
                        format!("{} ({n})", m.heading()),
                        theme.title(),
                    )),
                ]),
                1,
            ),
            CompareLine::Item(idx) => {
                let Some(ch) = c.changes.get(*idx) else {
                    return (Row::new(Vec::<Cell>::new()), 1);
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
                mark(row, i == c.cursor, theme)
            }
        })
        .collect();
    let columns = vec![
        (String::new(), 3),
        (strings::COL_QUESTION.into(), question_w),
        (older, side_w),
        (newer, side_w),
        (strings::COL_CHANGE.into(), change_w),
    ];
    text_then_table(f, ctx, (heading, text), (columns, rows), c.cursor, area);
}

pub(super) fn item(
    f: &mut Frame,
    ctx: &Context,
    state: &Trends,
    trend: &Trend,
    i: &ItemView,
    area: Rect,
) {
    let theme = ctx.theme;
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
    let (rows, heights): (Vec<Row>, Vec<u16>) = i
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
        .unzip();
    let value_name = if numeric.is_some() {
        strings::COL_VALUE.into()
    } else {
        String::new()
    };
    let table = table(
        theme,
        fixed(vec![
            (strings::COL_DATE.into(), date_w),
            (value_name, value_w),
            (strings::COL_ANSWER.into(), answer_w),
        ]),
        rows,
    );
    f.render_widget(table, list_area);
    let out = chrome::rows_out_of_sight(&heights, 0, list_area.height);
    chrome::more_mark(f, ctx.theme, out, list_area);
}
