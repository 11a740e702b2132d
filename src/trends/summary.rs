//! What the home screen says about each questionnaire: when it was last
//! done, whether it is due (from `due`), and the latest headline score with its band and
//! change since the time before (from the result model).

use chrono::{DateTime, Utc};

pub use crate::due::Due;
use crate::due::{DueItem, calendar};
use crate::instrument::{Catalog, Instrument, ScoreDef};
use crate::outcome::{Scored, Since, points, score_outcome, tail_points};
use crate::store::{SessionQuery, Store, StoreResult};
use crate::timefmt::{Lived, Zone};

/// The score shown as the headline: `total` or `overall` if present, else the first.
pub fn primary_score(instrument: &Instrument) -> Option<&ScoreDef> {
    instrument
        .scores
        .iter()
        .find(|s| s.id == "total" || s.id == "overall")
        .or_else(|| instrument.scores.first())
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub questionnaire_id: String,
    pub title: String,
    /// At least one completed check-in.
    pub done: bool,
    /// When it was last done, in the person's zone.
    pub last_completed: Option<crate::timefmt::Lived>,
    pub due: Due,
    /// When it is due, in the person's calendar, with its words (`due::words`).
    pub schedule: DueItem,
    pub score_label: Option<String>,
    pub decimals: u32,
    pub latest: Option<f64>,
    pub band: Option<String>,
    pub change: Option<Since>,
    /// Recent headline values, oldest first (for a sparkline).
    pub recent: Vec<f64>,
}

/// Whether a questionnaire with interval `due_days`, last done at `last`
/// (in its own zone when it kept one), is due at `now`, on the calendar of
/// this computer's zone (`due::calendar`).
pub fn due_state(due_days: Option<u32>, last: Option<impl Into<Lived>>, now: DateTime<Utc>) -> Due {
    let zone = Zone::Local;
    calendar::state(
        due_days,
        last.map(|l| calendar::day_done(zone, l)),
        calendar::today(zone, now),
    )
}

/// `summaries_in` this computer's zone (the person's).
pub fn summaries(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Summary>> {
    summaries_in(store, catalog, profile_id, Zone::Local, now)
}

/// How many recent headline values the sparkline shows.
const RECENT: usize = 24;
/// How many of the latest check-ins home reads first.
const TAIL: usize = 64;

/// One summary per questionnaire in the catalog, in catalog order; what is
/// due on the calendar of `zone` (a questionnaire switched off for the
/// profile is never due).
pub fn summaries_in(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    zone: Zone,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Summary>> {
    let off = store.skipped_questionnaires(profile_id)?;
    let mut out = Vec::new();
    for loaded in catalog.iter() {
        let instrument = &loaded.instrument;
        let primary = super::series::primary_index(instrument);
        // The latest check-ins are enough when they hold the sparkline's
        // values and the one before the latest; years of history are read
        // only when most of them are unscored.
        let mut series = tail_points(store, profile_id, instrument, TAIL)?;
        let scored = primary.map_or(0, |p| {
            series.iter().filter(|pt| pt.value(p).is_some()).count()
        });
        if series.len() == TAIL && scored <= RECENT {
            series = points(store, profile_id, instrument, &SessionQuery::default())?;
        }
        let values: Vec<f64> = primary
            .map(|p| series.iter().filter_map(|pt| pt.value(p)).collect())
            .unwrap_or_default();
        let last_completed = series.last().map(|p| p.lived());
        let schedule = crate::due::item(
            instrument,
            last_completed,
            off.contains(&instrument.id),
            zone,
            now,
        );
        let due = schedule.state();
        let headline = primary
            .zip(series.split_last())
            .map(|(k, (last, earlier))| {
                score_outcome(&instrument.scores[k], k, last.value(k), None, earlier, 0)
            });
        let def = primary.map(|k| &instrument.scores[k]);
        let recent = values.iter().rev().take(RECENT).rev().copied().collect();
        out.push(Summary {
            questionnaire_id: instrument.id.clone(),
            title: instrument.short_title.clone(),
            done: !series.is_empty(),
            last_completed,
            due,
            schedule,
            score_label: def.map(|p| p.label.clone()),
            decimals: def.map_or(0, |p| p.decimals),
            latest: headline.as_ref().and_then(|h| h.value),
            band: headline
                .as_ref()
                .and_then(|h| h.band.as_ref())
                .map(|b| b.label.clone()),
            change: headline.and_then(|h| h.since_previous),
            recent,
        });
    }
    Ok(out)
}
