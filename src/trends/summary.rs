//! What the home screen says about each questionnaire: when it was last
//! done, whether it is due, and the latest headline score with its band and
//! change since the time before (from the result model).

use chrono::{DateTime, Utc};

use crate::instrument::{Catalog, Instrument, ScoreDef};
use crate::outcome::{Scored, Since, points, score_outcome};
use crate::store::{SessionQuery, Store, StoreResult};

/// The score shown as the headline: `total` or `overall` if present, else the first.
pub fn primary_score(instrument: &Instrument) -> Option<&ScoreDef> {
    instrument
        .scores
        .iter()
        .find(|s| s.id == "total" || s.id == "overall")
        .or_else(|| instrument.scores.first())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Due {
    /// Never done.
    NeverDone,
    /// Due now: the interval has passed (days since last time).
    Due { days_since: i64 },
    /// Next due in this many days.
    NotYet { in_days: i64 },
    /// The questionnaire has no interval.
    NoSchedule,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub questionnaire_id: String,
    pub title: String,
    pub sessions: usize,
    /// When it was last done, in the person's zone.
    pub last_completed: Option<crate::timefmt::Lived>,
    pub due: Due,
    pub score_label: Option<String>,
    pub decimals: u32,
    pub latest: Option<f64>,
    pub band: Option<String>,
    pub change: Option<Since>,
    /// Recent headline values, oldest first (for a sparkline).
    pub recent: Vec<f64>,
}

/// Whether a questionnaire with interval `due_days`, last done at `last`, is due at `now`.
pub fn due_state(due_days: Option<u32>, last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Due {
    match (due_days, last) {
        (_, None) => Due::NeverDone,
        (None, Some(_)) => Due::NoSchedule,
        (Some(days), Some(last)) => {
            let since = (now.date_naive() - last.date_naive()).num_days();
            if since >= i64::from(days) {
                Due::Due { days_since: since }
            } else {
                Due::NotYet {
                    in_days: i64::from(days) - since,
                }
            }
        }
    }
}

/// One summary per questionnaire in the catalog, in catalog order.
pub fn summaries(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Summary>> {
    let mut out = Vec::new();
    for loaded in catalog.iter() {
        let instrument = &loaded.instrument;
        let series = points(store, profile_id, instrument, &SessionQuery::default())?;
        let primary = super::series::primary_index(instrument);
        let values: Vec<f64> = primary
            .map(|p| series.iter().filter_map(|pt| pt.value(p)).collect())
            .unwrap_or_default();
        let last_completed = series.last().map(|p| p.lived());
        let due = due_state(instrument.due_days, last_completed.map(|l| l.at), now);
        let headline = primary
            .zip(series.split_last())
            .map(|(k, (last, earlier))| {
                score_outcome(&instrument.scores[k], k, last.value(k), None, earlier, 0)
            });
        let def = primary.map(|k| &instrument.scores[k]);
        let recent = values.iter().rev().take(24).rev().copied().collect();
        out.push(Summary {
            questionnaire_id: instrument.id.clone(),
            title: instrument.short_title.clone(),
            sessions: series.len(),
            last_completed,
            due,
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
