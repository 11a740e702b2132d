//! Reads what the suggestions are made from: each questionnaire's latest
//! check-in of a profile (outside the trash) with its result model and its
//! last three check-ins' scores, and the latest recovery-network review.

use std::collections::BTreeMap;

use crate::config::Support;
use crate::instrument::{Answers, Instrument};
use crate::outcome::{Outcome, for_session, points};
use crate::store::{SessionQuery, Store, StoreResult};

use super::suggest::{Latest, Suggestions, suggest};

/// One questionnaire's latest check-in, owned.
struct Owned {
    instrument: std::rc::Rc<Instrument>,
    session_id: String,
    answers: Answers,
    outcome: Outcome,
    recent: Vec<Vec<Option<f64>>>,
}

/// The strengths and needs the profile's latest check-ins and network
/// suggest. Questionnaires in the order of their latest check-in, newest
/// first.
pub fn suggestions(store: &Store, profile_id: i64, support: &Support) -> StoreResult<Suggestions> {
    let sessions = store.sessions(profile_id, &SessionQuery::default())?;
    let mut latest: BTreeMap<&str, &crate::store::Session> = BTreeMap::new();
    for s in &sessions {
        latest.insert(s.questionnaire_id.as_str(), s);
    }
    let mut chosen: Vec<&crate::store::Session> = latest.into_values().collect();
    chosen.sort_by(|a, b| b.completed_at.cmp(&a.completed_at).then(a.id.cmp(&b.id)));
    let mut owned = Vec::new();
    for s in chosen {
        let Some(detail) = store.session_detail(&s.id)? else {
            continue;
        };
        let Some(outcome) = for_session(store, &s.id, support)? else {
            continue;
        };
        let all = points(
            store,
            profile_id,
            &detail.instrument,
            &SessionQuery::default(),
        )?;
        let upto = all
            .iter()
            .position(|p| p.session_id == s.id)
            .map_or(all.len(), |i| i + 1);
        let recent = all[upto.saturating_sub(3)..upto]
            .iter()
            .map(|p| p.values.clone())
            .collect();
        owned.push(Owned {
            instrument: detail.instrument.clone(),
            session_id: s.id.clone(),
            answers: detail.answers,
            outcome,
            recent,
        });
    }
    let latest: Vec<Latest<'_>> = owned
        .iter()
        .map(|o| Latest {
            instrument: &o.instrument,
            session_id: &o.session_id,
            answers: &o.answers,
            outcome: &o.outcome,
            recent: &o.recent,
        })
        .collect();
    let network = store
        .latest_network_review(profile_id)?
        .map(|r| r.entries)
        .unwrap_or_default();
    Ok(suggest(&latest, &network))
}
