//! The counselor's private overview of the caseload: per active profile,
//! the client id, the last check-in and the last session, what is due, the
//! latest headline scores with their direction, the reliable changes and
//! the support messages since the last session, and the date of the last
//! note; sortable by what is due or by decline. It names every client, so
//! it is for the counselor's eyes only (never inside a client session).
//! `since` works out "since the last session", `prep` one client's session
//! preparation, `json` both as JSON, `find` a client by what is typed.

pub mod find;
pub mod json;
pub mod prep;
pub mod since;

use chrono::{DateTime, Utc};

use crate::config::Support;
use crate::instrument::Catalog;
use crate::outcome::Since;
use crate::store::{Profile, Store, StoreResult};
use crate::timefmt::Lived;
use crate::trends::summary::{Due, summaries};

pub use since::{Direction, FiredSince, ItemMove, ScoreChange};

/// One questionnaire with a schedule that is due: never done, or its
/// interval has passed.
#[derive(Debug, Clone, PartialEq)]
pub struct DueEntry {
    pub questionnaire_id: String,
    pub title: String,
    pub due_days: u32,
    pub last_done: Option<Lived>,
    /// Days past the interval (0: due today); None when never done.
    pub days_overdue: Option<i64>,
}

/// A questionnaire's latest headline score.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub questionnaire_id: String,
    pub title: String,
    pub label: String,
    pub decimals: u32,
    pub value: Option<f64>,
    pub band: Option<String>,
    pub at: Lived,
    /// Since the check-in before (with the sourced verdict, if any).
    pub change: Option<Since>,
    pub direction: Option<Direction>,
}

/// One client's row of the caseload.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientRow {
    pub profile_id: i64,
    pub name: String,
    pub client_id: Option<String>,
    pub last_check_in: Option<Lived>,
    /// The latest check-in done together with a counselor.
    pub last_session: Option<Lived>,
    pub due: Vec<DueEntry>,
    pub headlines: Vec<Headline>,
    /// Reliable improvements and declines since the last session.
    pub reliable_changes: Vec<ScoreChange>,
    /// Support messages that fired after the last session.
    pub safety: Vec<FiredSince>,
    /// When the newest note was written (private ones included).
    pub last_note: Option<DateTime<Utc>>,
}

impl ClientRow {
    /// How many reliable declines since the last session.
    pub fn declines(&self) -> usize {
        self.reliable_changes
            .iter()
            .filter(|c| c.direction == Direction::Worse)
            .count()
    }

    /// The most days any questionnaire is past its interval.
    pub fn most_overdue(&self) -> Option<i64> {
        self.due.iter().filter_map(|d| d.days_overdue).max()
    }
}

/// The orders of the caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// The longest overdue first, then those with questionnaires never
    /// done, then the rest; by name within each.
    Due,
    /// Reliable declines first, then support messages, then headline
    /// scores that went the wrong way; by name within each.
    Decline,
    Name,
}

/// One client's row.
pub fn row(
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
    support: &Support,
    now: DateTime<Utc>,
) -> StoreResult<ClientRow> {
    let mut due = Vec::new();
    let mut headlines = Vec::new();
    let mut last_check_in: Option<Lived> = None;
    for summary in summaries(store, catalog, profile.id, now)? {
        let instrument = catalog
            .get(&summary.questionnaire_id)
            .map(|l| &l.instrument);
        if let Some(days) = instrument.and_then(|i| i.due_days) {
            let days_overdue = match summary.due {
                Due::Due { days_since } => Some(Some(days_since - i64::from(days))),
                Due::NeverDone => Some(None),
                Due::NotYet { .. } | Due::NoSchedule => None,
            };
            if let Some(days_overdue) = days_overdue {
                due.push(DueEntry {
                    questionnaire_id: summary.questionnaire_id.clone(),
                    title: summary.title.clone(),
                    due_days: days,
                    last_done: summary.last_completed,
                    days_overdue,
                });
            }
        }
        let Some(at) = summary.last_completed else {
            continue;
        };
        if last_check_in.is_none_or(|l| l.at < at.at) {
            last_check_in = Some(at);
        }
        let higher_is_better = instrument
            .and_then(crate::trends::summary::primary_score)
            .is_none_or(|d| d.higher_is_better);
        if let Some(label) = summary.score_label.clone() {
            headlines.push(Headline {
                questionnaire_id: summary.questionnaire_id.clone(),
                title: summary.title.clone(),
                label,
                decimals: summary.decimals,
                value: summary.latest,
                band: summary.band.clone(),
                at,
                direction: summary
                    .change
                    .as_ref()
                    .map(|c| Direction::of(c.diff, higher_is_better, summary.decimals)),
                change: summary.change.clone(),
            });
        }
    }
    let last = since::last_session(store, profile.id)?;
    let after = since::check_ins_since(store, profile.id, last.as_ref())?;
    let (changes, _) = since::changes(store, profile.id, last.as_ref(), &after, 0)?;
    Ok(ClientRow {
        profile_id: profile.id,
        name: profile.name.clone(),
        client_id: profile.client_id.clone(),
        last_check_in,
        last_session: last.as_ref().map(crate::store::Session::lived),
        due,
        headlines,
        reliable_changes: changes
            .into_iter()
            .filter(ScoreChange::is_reliable)
            .collect(),
        safety: since::safety_since(store, &after, support)?,
        last_note: store.last_note(profile.id)?.map(|n| n.created_at),
    })
}

/// Every active profile's row, in the order asked for.
pub fn caseload(
    store: &Store,
    catalog: &Catalog,
    support: &Support,
    now: DateTime<Utc>,
    order: SortBy,
) -> StoreResult<Vec<ClientRow>> {
    let mut rows = store
        .profiles(false)?
        .iter()
        .map(|p| row(store, catalog, p, support, now))
        .collect::<StoreResult<Vec<_>>>()?;
    sort(&mut rows, order);
    Ok(rows)
}

/// Sorts rows (see `SortBy`).
pub fn sort(rows: &mut [ClientRow], order: SortBy) {
    use std::cmp::Reverse;
    let name = |r: &ClientRow| r.name.to_lowercase();
    match order {
        SortBy::Name => rows.sort_by_key(name),
        SortBy::Due => rows.sort_by_key(|r| {
            let never = r.due.iter().filter(|d| d.days_overdue.is_none()).count();
            (
                Reverse(r.most_overdue().map(|d| d + 1).unwrap_or(0)),
                Reverse(never),
                name(r),
            )
        }),
        SortBy::Decline => rows.sort_by_key(|r| {
            let worse = r
                .headlines
                .iter()
                .filter(|h| h.direction == Some(Direction::Worse))
                .count();
            (
                Reverse(r.declines()),
                Reverse(r.safety.len()),
                Reverse(worse),
                name(r),
            )
        }),
    }
}
