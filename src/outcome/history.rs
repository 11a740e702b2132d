//! Reads what an outcome is compared with from the store: a profile's
//! completed check-ins of one questionnaire (the cached scores, which come
//! from the one scoring function), aligned with the scores of the
//! questionnaire shown; and the outcome of one stored check-in.

use chrono::{DateTime, Utc};

use super::build::{Done, Scored, build, fired_messages};
use super::model::Outcome;
use crate::config::Support;
use crate::instrument::Instrument;
use crate::store::{SessionQuery, Store, StoreResult};

/// A completed check-in's values, aligned with one questionnaire's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub session_id: String,
    pub at: DateTime<Utc>,
    /// The offset of the zone it was done in (None before schema 4).
    pub utc_offset: Option<chrono::FixedOffset>,
    pub with_counselor: bool,
    pub values: Vec<Option<f64>>,
}

impl Point {
    /// When it was done, in the zone it was done in.
    pub fn lived(&self) -> crate::timefmt::Lived {
        crate::timefmt::Lived::new(self.at, self.utc_offset)
    }
}

impl Scored for Point {
    fn session_id(&self) -> &str {
        &self.session_id
    }
    fn at(&self) -> DateTime<Utc> {
        self.at
    }
    fn value(&self, score: usize) -> Option<f64> {
        self.values.get(score).copied().flatten()
    }
}

/// A profile's completed check-ins of a questionnaire, oldest first, with
/// values aligned to `instrument`'s scores (by score id).
pub fn points(
    store: &Store,
    profile_id: i64,
    instrument: &Instrument,
    query: &SessionQuery,
) -> StoreResult<Vec<Point>> {
    Ok(store
        .score_values(profile_id, &instrument.id, query, &score_ids(instrument))?
        .into_iter()
        .map(Point::from)
        .collect())
}

/// The latest `limit` completed check-ins of `instrument` by a profile,
/// oldest first.
pub fn tail_points(
    store: &Store,
    profile_id: i64,
    instrument: &Instrument,
    limit: usize,
) -> StoreResult<Vec<Point>> {
    Ok(store
        .score_values_tail(profile_id, &instrument.id, limit, &score_ids(instrument))?
        .into_iter()
        .map(Point::from)
        .collect())
}

/// The instrument's score ids, in its order.
pub fn score_ids(instrument: &Instrument) -> Vec<&str> {
    instrument.scores.iter().map(|d| d.id.as_str()).collect()
}

impl From<crate::store::ValuesPoint> for Point {
    fn from(p: crate::store::ValuesPoint) -> Point {
        Point {
            values: p.values,
            session_id: p.session_id,
            at: p.completed_at,
            utc_offset: p.utc_offset,
            with_counselor: p.with_counselor,
        }
    }
}

/// The check-ins before the one at `at` (or with id `session_id`), oldest first.
pub fn before(points: Vec<Point>, session_id: Option<&str>, at: DateTime<Utc>) -> Vec<Point> {
    let mut points = points;
    match session_id.and_then(|id| points.iter().position(|p| p.session_id == id)) {
        Some(position) => points.truncate(position),
        None => points.retain(|p| p.at <= at),
    }
    points
}

/// The outcome of a stored, completed check-in, compared with every earlier
/// check-in of its questionnaire by the same person (the period shown is
/// all time), its support messages marked `repeated` when the same message
/// fired at the previous check-in of the questionnaire. None when there is
/// no such session.
pub fn for_session(
    store: &Store,
    session_id: &str,
    support: &Support,
) -> StoreResult<Option<Outcome>> {
    let Some(detail) = store.session_detail(session_id)? else {
        return Ok(None);
    };
    let completed_at = detail
        .session
        .completed_at
        .unwrap_or(detail.session.started_at);
    let all = points(
        store,
        detail.session.profile_id,
        &detail.instrument,
        &SessionQuery::default(),
    )?;
    let earlier = before(all, Some(session_id), completed_at);
    let done = Done {
        instrument: &detail.instrument,
        answers: &detail.answers,
        scoring: &detail.scoring,
        session_id: Some(session_id),
        completed_at,
        with_counselor: detail.session.with_counselor,
    };
    let mut outcome = build(&done, &earlier, 0, support);
    if !outcome.safety.is_empty()
        && let Some(previous) = earlier.last()
        && let Some(before) = store.session_detail(&previous.session_id)?
    {
        let then = fired_messages(&before.instrument, &before.scoring);
        let now = fired_messages(&detail.instrument, &detail.scoring);
        for (message, text) in outcome.safety.iter_mut().zip(now) {
            message.repeated = then.contains(&text);
        }
    }
    Ok(Some(outcome))
}
