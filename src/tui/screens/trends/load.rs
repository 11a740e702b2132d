//! Carries out trends actions: reads the store when the screen opens or
//! anything switches (questionnaire, view, window, a check-in, an item) and
//! rebuilds the chart data and rows then, so drawing only reads state.
//! Nothing here writes to the store.

use chrono::NaiveDateTime;

use super::keys::Action;
use super::state::{
    CompareLine, CompareView, Detail, ItemView, Overview, SessionView, Side, Trends,
};
use crate::error::{Error, Result};
use crate::instrument::Catalog;
use crate::store::Store;
use crate::strings;
use crate::timefmt::Zone;
use crate::trends::axis;
use crate::trends::compare::{answer_rows, compare, grouped, item_history};
use crate::trends::rows::{cell, listed_rows};
use crate::trends::series::{self, ChartData, ChartSeries, Trend, View, chart_data, views};
use crate::trends::window::Window;
use crate::tui::context::Context;
use crate::tui::screen::step as step_by;
use crate::tui::widgets::bars::BarRow;

/// What loading needs, borrowed from the app's context.
pub struct Ctx<'a> {
    store: &'a Store,
    catalog: &'a Catalog,
    profile_id: i64,
    zone: Zone,
    now: NaiveDateTime,
}

impl<'a> Ctx<'a> {
    pub fn of(c: &'a Context) -> Ctx<'a> {
        Ctx {
            store: &c.store,
            catalog: &c.catalog,
            profile_id: c.profile.id,
            zone: c.zone,
            now: c.zone.at(c.now).naive_local(),
        }
    }
}

fn empty_chart() -> ChartData {
    ChartData {
        series: Vec::new(),
        x_bounds: [0.0, 1.0],
        y_bounds: [0.0, 1.0],
        decimals: 0,
        refs: Vec::new(),
    }
}

/// Latest versus previous for the subscales, when the questionnaire has them.
fn overview(trend: &Trend) -> Option<Overview> {
    let Some(View::Together(subs)) = views(&trend.instrument).into_iter().next() else {
        return None;
    };
    let scored = |p: usize| subs.iter().any(|s| trend.value(p, *s).is_some());
    let mut done = (0..trend.points.len()).rev().filter(|p| scored(*p));
    let latest = done.next();
    let previous = done.next();
    let rows = subs
        .iter()
        .filter_map(|s| {
            let d = trend.def(*s)?;
            let now = latest.and_then(|p| trend.value(p, *s));
            let change = now
                .zip(previous)
                .and_then(|(v, p)| crate::outcome::since(d, *s, v, &trend.points[p]))
                .map(|c| c.diff);
            Some(BarRow {
                label: d.label.clone(),
                latest: now,
                previous: previous.and_then(|p| trend.value(p, *s)),
                change,
                min: d.min,
                max: d.max,
                decimals: d.decimals,
            })
        })
        .collect();
    Some(Overview {
        latest: latest.map(|p| trend.points[p].local),
        previous: previous.map(|p| trend.points[p].local),
        rows,
    })
}

/// Rebuilds the chart, rows and overview for the current view and window.
fn derive(state: &mut Trends, now: NaiveDateTime) {
    let (chart, rows, over) = match (&state.trend, state.views.get(state.view)) {
        (Some(trend), Some(view)) => (
            chart_data(trend, view, state.window, now),
            listed_rows(trend, state.window, now),
            overview(trend),
        ),
        _ => (empty_chart(), Vec::new(), None),
    };
    state.chart = chart;
    state.rows = rows;
    state.overview = over;
    if state.overview.is_none() {
        state.show_overview = false;
    }
    state.selected = state.selected.min(state.rows.len().saturating_sub(1));
    let rows = &state.rows;
    state
        .marked
        .retain(|id| rows.iter().any(|r| &r.session_id == id));
}

/// Reads the current questionnaire's history and starts on its first view.
pub fn load(ctx: &Ctx<'_>, state: &mut Trends) -> Result<()> {
    state.trend = match state.questionnaire_id() {
        Some(id) => series::load(ctx.store, ctx.catalog, ctx.profile_id, id, ctx.zone)?,
        None => None,
    };
    state.views = state
        .trend
        .as_ref()
        .map(|t| views(&t.instrument))
        .unwrap_or_default();
    state.view = 0;
    state.selected = 0;
    state.marked.clear();
    state.stack.clear();
    state.goals = crate::trends::goals::load(ctx.store, ctx.catalog, ctx.profile_id)?;
    derive(state, ctx.now);
    Ok(())
}

fn session_view(
    ctx: &Ctx<'_>,
    trend: &Trend,
    point: usize,
    period_start: usize,
) -> Result<SessionView> {
    let p = trend
        .points
        .get(point)
        .ok_or_else(|| Error::Runtime(strings::CHECK_IN_NOT_FOUND.into()))?;
    let detail = ctx
        .store
        .session_detail(&p.session_id)?
        .ok_or_else(|| Error::Runtime(strings::CHECK_IN_NOT_FOUND.into()))?;
    let stored = ctx.store.amendments(&p.session_id)?;
    let when = detail.session.when();
    Ok(SessionView {
        amendments: stored
            .iter()
            .map(|a| super::amend::line(ctx.zone, &detail.instrument, when, a))
            .collect(),
        amended: stored.iter().map(|a| a.item_id.clone()).collect(),
        session_id: p.session_id.clone(),
        local: p.local,
        with_counselor: p.with_counselor,
        scores: trend
            .instrument
            .scores
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((d.clone(), cell(trend, point, i, period_start)?)))
            .collect(),
        answers: answer_rows(&detail.instrument, &detail.answers),
        cursor: 0,
    })
}

fn compare_view(ctx: &Ctx<'_>, trend: &Trend, a: &str, b: &str) -> Result<CompareView> {
    let (Some(pa), Some(pb)) = (trend.position(a), trend.position(b)) else {
        return Err(Error::Runtime(strings::CHECK_IN_NOT_FOUND.into()));
    };
    let (po, pn) = if pa <= pb { (pa, pb) } else { (pb, pa) };
    let side = |p: usize| {
        let point = &trend.points[p];
        Side {
            session_id: point.session_id.clone(),
            local: point.local,
            with_counselor: point.with_counselor,
        }
    };
    let (older, newer) = (side(po), side(pn));
    let detail = |id: &str| -> Result<crate::store::SessionDetail> {
        ctx.store
            .session_detail(id)?
            .ok_or_else(|| Error::Runtime(strings::CHECK_IN_NOT_FOUND.into()))
    };
    let (d_old, d_new) = (detail(&older.session_id)?, detail(&newer.session_id)?);
    let changes = compare(
        (&d_old.instrument, &d_old.answers),
        (&d_new.instrument, &d_new.answers),
    );
    let mut lines = Vec::new();
    for (movement, items) in grouped(&changes) {
        lines.push(CompareLine::Heading(movement, items.len()));
        for item in items {
            if let Some(i) = changes.iter().position(|c| c.item_id == item.item_id) {
                lines.push(CompareLine::Item(i));
            }
        }
    }
    let cursor = lines
        .iter()
        .position(|l| matches!(l, CompareLine::Item(_)))
        .unwrap_or(0);
    Ok(CompareView {
        scores: trend
            .instrument
            .scores
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let since = trend
                    .value(pn, i)
                    .and_then(|v| crate::outcome::since(d, i, v, &trend.points[po]));
                (d.clone(), trend.value(po, i), trend.value(pn, i), since)
            })
            .collect(),
        older,
        newer,
        changes,
        lines,
        cursor,
    })
}

fn item_view(
    ctx: &Ctx<'_>,
    trend: &Trend,
    window: Window,
    item_id: &str,
    fallback_text: &str,
) -> Result<ItemView> {
    let inside = trend.in_window(window, ctx.now);
    let history = item_history(ctx.store, trend, item_id, &inside)?;
    let item = trend.instrument.item(item_id);
    let chart = item.and_then(|i| i.value_range()).map(|(lo, hi)| {
        let points = history
            .iter()
            .filter_map(|h| {
                h.answer
                    .as_ref()
                    .and_then(|a| a.as_number())
                    .map(|v| (axis::day_number(h.local), v as f64))
            })
            .collect();
        ChartData {
            series: vec![ChartSeries {
                label: strings::ITEM_SERIES.to_string(),
                points,
            }],
            x_bounds: axis::x_bounds(
                window.start(ctx.now),
                trend.points.first().map(|p| p.local),
                trend.points.last().map(|p| p.local),
                ctx.now,
            ),
            y_bounds: if hi > lo {
                [lo as f64, hi as f64]
            } else {
                [lo as f64, lo as f64 + 1.0]
            },
            decimals: 0,
            refs: Vec::new(),
        }
    });
    Ok(ItemView {
        item_id: item_id.to_string(),
        number: trend.instrument.item_index(item_id).map_or(0, |i| i + 1),
        total: trend.instrument.items.len(),
        text: item.map_or_else(|| fallback_text.to_string(), |i| i.text.clone()),
        history,
        chart,
    })
}

/// Reads everything again after an answer of the check-in shown was
/// corrected: the chart and rows (new scores from the cache) and the
/// check-in's view, on the same answer.
pub fn reload_session(ctx: &Ctx<'_>, state: &mut Trends) -> Result<()> {
    let Some(Detail::Session(old)) = state.stack.last() else {
        return Ok(());
    };
    let (id, cursor) = (old.session_id.clone(), old.cursor);
    let (view, window) = (state.view, state.window);
    load(ctx, state)?;
    state.window = window;
    state.view = view.min(state.views.len().saturating_sub(1));
    derive(state, ctx.now);
    let Some(trend) = &state.trend else {
        return Ok(());
    };
    let Some(point) = trend.position(&id) else {
        return Ok(());
    };
    if let Some(row) = state.rows.iter().position(|r| r.session_id == id) {
        state.selected = row;
    }
    let start = state.rows.last().map_or(trend.points.len(), |r| r.point);
    let mut view = session_view(ctx, trend, point, start)?;
    view.cursor = cursor.min(view.answers.len().saturating_sub(1));
    state.stack.push(Detail::Session(Box::new(view)));
    Ok(())
}

/// The comparison lines that are items (the cursor skips group headings).
fn compare_items(c: &CompareView) -> Vec<usize> {
    c.lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l, CompareLine::Item(_)))
        .map(|(i, _)| i)
        .collect()
}

/// How far PageUp / PageDown move.
const PAGE: usize = 10;

/// What to do once the screen's state is no longer borrowed.
pub enum Then {
    Stay,
    Back,
    CheckIn(String),
    Note(String),
}

/// Opens the screen on a questionnaire; without one, on the first that
/// has check-ins (or the first there is).
pub fn open(ctx: &Ctx<'_>, questionnaire_id: Option<&str>, window: Window) -> Result<Trends> {
    let ids = series::questionnaire_ids(ctx.store, ctx.catalog, ctx.profile_id)?;
    let wanted = match questionnaire_id {
        Some(q) => Some(q.to_string()),
        None => series::with_data(ctx.store, ctx.catalog, ctx.profile_id)?
            .into_iter()
            .next(),
    };
    let current = wanted
        .and_then(|q| ids.iter().position(|i| *i == q))
        .unwrap_or(0);
    let mut state = Trends::new(ids, current, window);
    load(ctx, &mut state)?;
    Ok(state)
}

pub fn run(ctx: &Ctx<'_>, state: &mut Trends, action: Action, up: bool) -> Result<Then> {
    let len = state.ids.len().max(1);
    match action {
        Action::NextQuestionnaire | Action::PreviousQuestionnaire => {
            state.current = if action == Action::NextQuestionnaire {
                (state.current + 1) % len
            } else {
                (state.current + len - 1) % len
            };
            load(ctx, state)?;
        }
        Action::NextView => {
            if !state.views.is_empty() {
                state.view = (state.view + 1) % state.views.len();
                state.show_overview = false;
                derive(state, ctx.now);
            }
        }
        Action::NextWindow => {
            state.window = state.window.next();
            state.selected = 0;
            derive(state, ctx.now);
        }
        Action::ToggleOverview => {
            state.show_overview = !state.show_overview && state.overview.is_some();
        }
        Action::Move | Action::Page | Action::Ends => {
            let by = match action {
                Action::Move => 1,
                Action::Page => PAGE,
                _ => usize::MAX,
            };
            match state.stack.last_mut() {
                None => state.selected = step_by(state.selected, state.rows.len(), up, by),
                Some(Detail::Session(s)) => {
                    s.cursor = step_by(s.cursor, s.answers.len(), up, by);
                }
                Some(Detail::Compare(c)) => {
                    let items = compare_items(c);
                    if let Some(at) = items.iter().position(|i| *i == c.cursor) {
                        c.cursor = items[step_by(at, items.len(), up, by)];
                    }
                }
                Some(Detail::Item(_)) => {}
            }
        }
        // Asked from `Trends::update` (a dialog), never here.
        Action::Delete | Action::Amend => {}
        Action::Note => {
            if let Some(Detail::Session(s)) = state.stack.last() {
                return Ok(Then::Note(s.session_id.clone()));
            }
        }
        Action::Back => {
            if state.stack.pop().is_none() {
                return Ok(Then::Back);
            }
        }
        Action::Mark => {
            if let Some(row) = state.rows.get(state.selected) {
                let id = row.session_id.clone();
                if let Some(i) = state.marked.iter().position(|m| *m == id) {
                    state.marked.remove(i);
                } else {
                    state.marked.push(id);
                }
            }
            if state.marked.len() >= 2
                && let Some(trend) = &state.trend
            {
                let view = compare_view(ctx, trend, &state.marked[0], &state.marked[1])?;
                state.marked.clear();
                state.stack.push(Detail::Compare(Box::new(view)));
            }
        }
        Action::Open => {
            let Some(trend) = &state.trend else {
                return Ok(Then::Stay);
            };
            let next = match state.stack.last() {
                None => {
                    if trend.points.is_empty() {
                        return Ok(Then::CheckIn(trend.id().to_string()));
                    }
                    let start = state.rows.last().map_or(trend.points.len(), |r| r.point);
                    match state.rows.get(state.selected) {
                        Some(row) => Some(Detail::Session(Box::new(session_view(
                            ctx, trend, row.point, start,
                        )?))),
                        None => None,
                    }
                }
                Some(Detail::Session(s)) => match s.answers.get(s.cursor) {
                    Some(a) => Some(Detail::Item(Box::new(item_view(
                        ctx,
                        trend,
                        state.window,
                        &a.item_id,
                        &a.text,
                    )?))),
                    None => None,
                },
                Some(Detail::Compare(c)) => match c.lines.get(c.cursor) {
                    Some(CompareLine::Item(i)) => match c.changes.get(*i) {
                        Some(change) => Some(Detail::Item(Box::new(item_view(
                            ctx,
                            trend,
                            state.window,
                            &change.item_id,
                            &change.text,
                        )?))),
                        None => None,
                    },
                    _ => None,
                },
                Some(Detail::Item(_)) => None,
            };
            if let Some(detail) = next {
                state.stack.push(detail);
            }
        }
        Action::OtherItem | Action::PreviousItem | Action::NextItem => {
            let Some(trend) = &state.trend else {
                return Ok(Then::Stay);
            };
            if let Some(Detail::Item(item)) = state.stack.last()
                && item.number > 0
            {
                let index = item.number - 1;
                let next = if action == Action::NextItem {
                    index + 1
                } else {
                    index.wrapping_sub(1)
                };
                if let Some(next_item) = trend.instrument.items.get(next) {
                    let view = item_view(ctx, trend, state.window, &next_item.id, &next_item.text)?;
                    if let Some(top) = state.stack.last_mut() {
                        *top = Detail::Item(Box::new(view));
                    }
                }
            }
        }
    }
    Ok(Then::Stay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trends::series::tests::{noon, trend_of};

    #[test]
    fn overview_pairs_the_latest_with_the_one_before() {
        let v = |x: f64| vec![Some(x), Some(x + 5.0), Some(x + 10.0), None, Some(x)];
        let t = trend_of(
            "samhsa-dimensions",
            &[
                (noon(2026, 11, 3), v(50.0)),
                (noon(2026, 11, 10), v(60.0)),
                (noon(2026, 11, 17), vec![None; 5]),
                (noon(2026, 11, 18), v(70.0)),
            ],
        );
        let o = overview(&t).expect("overview");
        // The unscored check-in of the 17th is passed over.
        assert_eq!(o.latest, Some(noon(2026, 11, 18)));
        assert_eq!(o.previous, Some(noon(2026, 11, 10)));
        let labels: Vec<&str> = o.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, vec!["Health", "Home", "Purpose", "Community"]);
        assert_eq!(o.rows[1].latest, Some(75.0));
        assert_eq!(o.rows[1].previous, Some(65.0));
        assert_eq!(o.rows[3].latest, None);
        assert!(overview(&trend_of("barc-10", &[])).is_none());
    }
}
