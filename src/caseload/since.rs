//! "Since the last session" for one client: the last session (the latest
//! completed check-in done together with a counselor, outside the trash),
//! the check-ins after it, each score's change from its last value at or
//! before the session to its latest value after it (with the sourced
//! verdict), the answers that moved most, and the support messages that
//! fired after it, all from the result model; and the recovery network's
//! changes after it.

use chrono::{DateTime, Utc};

use crate::config::Support;
use crate::instrument::change::Verdict;
use crate::instrument::score::round_to;
use crate::outcome::{Point, SafetyMessage, for_session, points, since};
use crate::store::{Session, SessionQuery, Store, StoreResult};
use crate::timefmt::Lived;
use crate::trends::compare::{ItemChange, compare};

/// Which way a score moved, for the person (its `higher_is_better`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Better,
    Worse,
    Same,
}

impl Direction {
    /// The direction of `diff` at the score's decimals.
    pub fn of(diff: f64, higher_is_better: bool, decimals: u32) -> Direction {
        let rounded = round_to(diff, decimals);
        if rounded == 0.0 {
            Direction::Same
        } else if (rounded > 0.0) == higher_is_better {
            Direction::Better
        } else {
            Direction::Worse
        }
    }

    /// "better", "worse", "same".
    pub fn code(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Worse => "worse",
            Direction::Same => "same",
        }
    }
}

/// One score's change since the last session.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreChange {
    pub questionnaire_id: String,
    pub title: String,
    pub score_id: String,
    pub label: String,
    pub decimals: u32,
    pub higher_is_better: bool,
    /// The value compared with and when it was given.
    pub from: f64,
    pub from_at: DateTime<Utc>,
    /// The latest value and when it was given.
    pub to: f64,
    pub to_at: Lived,
    pub diff: f64,
    /// Only where the score has a sourced change rule.
    pub verdict: Option<Verdict>,
    pub direction: Direction,
}

impl ScoreChange {
    /// A reliable improvement or decline (a sourced rule said so).
    pub fn is_reliable(&self) -> bool {
        matches!(
            self.verdict,
            Some(Verdict::ReliableImprovement | Verdict::ReliableDecline)
        )
    }
}

/// An answer that moved between the check-in compared with and the latest.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemMove {
    pub questionnaire_id: String,
    pub title: String,
    pub change: ItemChange,
}

/// A support message that fired at a check-in after the last session.
#[derive(Debug, Clone, PartialEq)]
pub struct FiredSince {
    pub questionnaire_id: String,
    pub title: String,
    pub session_id: String,
    pub at: Lived,
    pub message: SafetyMessage,
}

/// The latest completed check-in done together with a counselor (outside
/// the trash): the last session. None when there was none.
pub fn last_session(store: &Store, profile_id: i64) -> StoreResult<Option<Session>> {
    Ok(store
        .sessions(profile_id, &SessionQuery::default())?
        .into_iter()
        .rev()
        .find(|s| s.with_counselor))
}

/// The completed check-ins after the last session (all of them when there
/// was none), oldest first.
pub fn check_ins_since(
    store: &Store,
    profile_id: i64,
    last: Option<&Session>,
) -> StoreResult<Vec<Session>> {
    let after = last.and_then(|s| s.completed_at);
    Ok(store
        .sessions(profile_id, &SessionQuery::default())?
        .into_iter()
        .filter(|s| after.is_none_or(|t| s.completed_at.is_some_and(|c| c > t)))
        .collect())
}

/// The questionnaire ids of `sessions`, in the order of their latest check-in.
fn questionnaires(sessions: &[Session]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for s in sessions.iter().rev() {
        if !ids.contains(&s.questionnaire_id) {
            ids.push(s.questionnaire_id.clone());
        }
    }
    ids
}

/// The check-in a questionnaire's latest one is compared with: its last
/// check-in at or before the last session, else its first one (never the
/// latest itself).
fn baseline<'a>(all: &'a [Point], latest: &Point, last: Option<&Session>) -> Option<&'a Point> {
    let before = last
        .and_then(|s| s.completed_at)
        .and_then(|t| all.iter().rev().find(|p| p.at <= t));
    before
        .or_else(|| all.first())
        .filter(|p| p.session_id != latest.session_id)
}

/// What changed since the last session, per questionnaire done after it:
/// every score's change (`ScoreChange`), and the answers that moved most
/// (at most `moved_per_questionnaire` of each, largest first).
pub fn changes(
    store: &Store,
    profile_id: i64,
    last: Option<&Session>,
    after: &[Session],
    moved_per_questionnaire: usize,
) -> StoreResult<(Vec<ScoreChange>, Vec<ItemMove>)> {
    let mut scores = Vec::new();
    let mut moved = Vec::new();
    for id in questionnaires(after) {
        let Some(latest_session) = after.iter().rev().find(|s| s.questionnaire_id == id) else {
            continue;
        };
        let Some(latest) = store.session_detail(&latest_session.id)? else {
            continue;
        };
        let instrument = &latest.instrument;
        let all = points(store, profile_id, instrument, &SessionQuery::default())?;
        let Some(latest_point) = all.iter().find(|p| p.session_id == latest_session.id) else {
            continue;
        };
        let Some(base) = baseline(&all, latest_point, last) else {
            continue;
        };
        for (k, def) in instrument.scores.iter().enumerate() {
            let Some(value) = latest_point.values.get(k).copied().flatten() else {
                continue;
            };
            let Some(change) = since(def, k, value, base) else {
                continue;
            };
            scores.push(ScoreChange {
                questionnaire_id: instrument.id.clone(),
                title: instrument.short_title.clone(),
                score_id: def.id.clone(),
                label: def.label.clone(),
                decimals: def.decimals,
                higher_is_better: def.higher_is_better,
                from: change.from,
                from_at: change.at,
                to: value,
                to_at: latest_point.lived(),
                diff: change.diff,
                verdict: change.verdict,
                direction: Direction::of(change.diff, def.higher_is_better, def.decimals),
            });
        }
        if let Some(older) = store.session_detail(&base.session_id)? {
            let mut items: Vec<ItemChange> = compare(
                (&older.instrument, &older.answers),
                (instrument, &latest.answers),
            )
            .into_iter()
            .filter(|c| c.delta.is_some_and(|d| d != 0))
            .collect();
            items.sort_by_key(|c| (std::cmp::Reverse(c.delta.map_or(0, i64::abs)), c.number));
            moved.extend(
                items
                    .into_iter()
                    .take(moved_per_questionnaire)
                    .map(|change| ItemMove {
                        questionnaire_id: instrument.id.clone(),
                        title: instrument.short_title.clone(),
                        change,
                    }),
            );
        }
    }
    Ok((scores, moved))
}

/// The support messages that fired at `after` (check-ins after the last
/// session), oldest first, from each check-in's result model (a message
/// repeated from the check-in before is marked so).
pub fn safety_since(
    store: &Store,
    after: &[Session],
    support: &Support,
) -> StoreResult<Vec<FiredSince>> {
    let mut fired = Vec::new();
    for s in after {
        let Some(outcome) = for_session(store, &s.id, support)? else {
            continue;
        };
        for message in outcome.safety {
            fired.push(FiredSince {
                questionnaire_id: outcome.questionnaire.id.clone(),
                title: outcome.questionnaire.short_title.clone(),
                session_id: s.id.clone(),
                at: s.lived(),
                message,
            });
        }
    }
    Ok(fired)
}

/// What changed in the recovery network after the last session: the
/// network now against the latest review at or before the session (an
/// empty network when there was none; everything when there was no
/// session). Nothing when no review came after it.
pub fn network_since(
    store: &Store,
    profile_id: i64,
    last: Option<&Session>,
) -> StoreResult<Vec<crate::network::changes::EntryChange>> {
    let reviews = store.network_reviews(profile_id)?;
    let Some(now) = reviews.last() else {
        return Ok(Vec::new());
    };
    let at = last.and_then(|s| s.completed_at);
    if at.is_some_and(|t| now.updated_at <= t) {
        return Ok(Vec::new());
    }
    let before = at.and_then(|t| reviews.iter().rev().find(|r| r.updated_at <= t));
    let before = before.map_or(&[][..], |r| r.entries.as_slice());
    Ok(crate::network::changes::changes(before, &now.entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_higher_is_better_at_the_decimals() {
        assert_eq!(Direction::of(4.0, true, 0), Direction::Better);
        assert_eq!(Direction::of(4.0, false, 0), Direction::Worse);
        assert_eq!(Direction::of(-0.4, true, 0), Direction::Same);
        assert_eq!(Direction::of(-0.4, true, 1), Direction::Worse);
    }
}
