//! The plan's section of `recap trends --plain` and `--json`: each goal's
//! progress over time (steps done of its steps, status) beside the scores
//! of its dimension from the reflective check-in that scores it (a score
//! whose id is the dimension), within the window, one point per day with a
//! change. Counts only: no verdict.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::window::Window;
use crate::instrument::Catalog;
use crate::outcome::points;
use crate::plan::progress::{Progress, progress};
use crate::plan::{Dimension, Goal, words};
use crate::store::{SessionQuery, Store, StoreResult};
use crate::timefmt::Zone;

/// A dimension's scores: (questionnaire short title, score label, [(when,
/// value)]).
pub type DimensionScores = (String, String, Vec<(DateTime<Utc>, f64)>);

/// One goal with its progress and its dimension's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalTrend {
    pub goal: Goal,
    pub progress: Vec<Progress>,
    pub scores: Option<DimensionScores>,
}

/// The scores of a dimension: the first questionnaire in the catalog with a
/// score of that id, from the profile's check-ins.
fn dimension_scores(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    dimension: Dimension,
) -> StoreResult<Option<DimensionScores>> {
    for loaded in catalog.iter() {
        let i = &loaded.instrument;
        let Some(k) = i.scores.iter().position(|s| s.id == dimension.as_str()) else {
            continue;
        };
        let values: Vec<(DateTime<Utc>, f64)> =
            points(store, profile_id, i, &SessionQuery::default())?
                .into_iter()
                .filter_map(|p| Some((p.at, p.values.get(k).copied().flatten()?)))
                .collect();
        return Ok(Some((
            i.short_title.clone(),
            i.scores[k].label.clone(),
            values,
        )));
    }
    Ok(None)
}

/// The profile's goals with their progress, in the plan's order.
pub fn load(store: &Store, catalog: &Catalog, profile_id: i64) -> StoreResult<Vec<GoalTrend>> {
    store
        .goals(profile_id)?
        .into_iter()
        .map(|goal| {
            let events = store.goal_history(&goal.id)?;
            Ok(GoalTrend {
                progress: progress(&events),
                scores: dimension_scores(store, catalog, profile_id, goal.dimension)?,
                goal,
            })
        })
        .collect()
}

fn inside(window: Window, now: NaiveDateTime, zone: Zone, at: DateTime<Utc>) -> bool {
    window.contains(now, zone.at(at).naive_local())
}

/// The progress inside the window, one point per day (the day's last).
fn by_day(t: &GoalTrend, window: Window, now: NaiveDateTime, zone: Zone) -> Vec<Progress> {
    let mut out: Vec<Progress> = Vec::new();
    for p in t
        .progress
        .iter()
        .filter(|p| inside(window, now, zone, p.at))
    {
        match out.last_mut() {
            Some(last) if zone.iso_date(last.at) == zone.iso_date(p.at) => *last = *p,
            _ => out.push(*p),
        }
    }
    out
}

/// The dimension's scores inside the window from the check-in before the
/// goal was set (what it may have come from) on.
fn scores_since_set(
    t: &GoalTrend,
    window: Window,
    now: NaiveDateTime,
    zone: Zone,
) -> Vec<(DateTime<Utc>, f64)> {
    let Some((_, _, values)) = &t.scores else {
        return Vec::new();
    };
    let first = values
        .iter()
        .position(|(at, _)| *at >= t.goal.created_at)
        .unwrap_or(values.len())
        .saturating_sub(1);
    values[first..]
        .iter()
        .filter(|(at, _)| inside(window, now, zone, *at))
        .copied()
        .collect()
}

/// One line per goal of the dimension a score stands for (its id), for
/// the chart of that score: "Goal: Call Sam (in progress): 1 of 2 steps
/// done, from 0 on 1 Dec 2026".
pub fn beside(goals: &[GoalTrend], score_id: &str) -> Vec<String> {
    let Some(dimension) = Dimension::parse(score_id).filter(|d| d.as_str() == score_id) else {
        return Vec::new();
    };
    goals
        .iter()
        .filter(|t| {
            t.goal.dimension == dimension
                && !matches!(t.goal.status, crate::plan::GoalStatus::LetGo)
        })
        .map(|t| {
            let (done, all) = t.goal.progress();
            format!(
                "Goal: {} ({}): {}",
                t.goal.text,
                t.goal.status.words(),
                words::progress(done, all)
            )
        })
        .collect()
}

/// The text section.
pub fn plain(goals: &[GoalTrend], window: Window, now: NaiveDateTime, zone: Zone) -> String {
    let mut out = format!("{}\n", words::TITLE);
    for t in goals {
        let g = &t.goal;
        out.push_str(&format!(
            "{} ({}, {})\n",
            g.text,
            g.dimension.label(),
            g.status.words()
        ));
        let steps: Vec<String> = by_day(t, window, now, zone)
            .iter()
            .map(|p| {
                let status = if p.status.is_active() {
                    String::new()
                } else {
                    format!(", {}", p.status.words())
                };
                format!(
                    "{} {}{status}",
                    zone.short_date(p.at),
                    words::progress(p.done, p.total)
                )
            })
            .collect();
        out.push_str(&format!(
            "  steps: {}\n",
            if steps.is_empty() {
                format!("no change in the {}", window.label())
            } else {
                steps.join(" · ")
            }
        ));
        if let Some((title, label, _)) = &t.scores {
            let shown: Vec<String> = scores_since_set(t, window, now, zone)
                .iter()
                .map(|(at, v)| {
                    format!(
                        "{} {}",
                        zone.short_date(*at),
                        crate::instrument::score::format_value(*v, 0)
                    )
                })
                .collect();
            if !shown.is_empty() {
                out.push_str(&format!("  {title}, {label}: {}\n", shown.join(" · ")));
            }
        }
    }
    out
}

/// The JSON section.
pub fn json(goals: &[GoalTrend], window: Window, now: NaiveDateTime, zone: Zone) -> Value {
    Value::Array(
        goals
            .iter()
            .map(|t| {
                let g = &t.goal;
                json!({
                    "id": g.id,
                    "text": g.text,
                    "dimension": g.dimension.as_str(),
                    "status": g.status.as_str(),
                    "progress": by_day(t, window, now, zone).iter()
                        .map(|p| json!({
                            "at": zone.timestamp(p.at),
                            "done": p.done,
                            "total": p.total,
                            "status": p.status.as_str(),
                        }))
                        .collect::<Vec<_>>(),
                    "dimension_scores": t.scores.as_ref().map(|(title, label, _)| json!({
                        "questionnaire": title,
                        "score": label,
                        "values": scores_since_set(t, window, now, zone).iter()
                            .map(|(at, v)| json!({"at": zone.timestamp(*at), "value": v}))
                            .collect::<Vec<_>>(),
                    })),
                })
            })
            .collect(),
    )
}
