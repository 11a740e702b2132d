//! The profile picker's rows, shared by the full-screen app and plain mode:
//! each active person with their last check-in and what is due, never a
//! score, so the next person at the keyboard sees nothing of the last.

use chrono::{DateTime, Utc};

use super::summary::{Due, due_state};
use crate::instrument::Catalog;
use crate::store::{Profile, Store, StoreResult};
use crate::timefmt::Lived;

#[derive(Debug, Clone)]
pub struct PersonRow {
    pub profile: Profile,
    pub last_check_in: Option<Lived>,
    /// Short titles of the check-ins that are due (or never done).
    pub due: Vec<String>,
}

/// Every active profile, in the store's order.
pub fn people(store: &Store, catalog: &Catalog, now: DateTime<Utc>) -> StoreResult<Vec<PersonRow>> {
    let mut rows = Vec::new();
    for profile in store.profiles(false)? {
        let last = store.last_completed(profile.id)?;
        let due = catalog
            .iter()
            .filter(|l| {
                let done = last
                    .iter()
                    .find(|(id, _)| id == &l.instrument.id)
                    .map(|(_, t)| t.at);
                matches!(
                    due_state(l.instrument.due_days, done, now),
                    Due::Due { .. } | Due::NeverDone
                )
            })
            .map(|l| l.instrument.short_title.clone())
            .collect();
        let last_check_in = last.iter().map(|(_, t)| *t).max_by_key(|t| t.at);
        rows.push(PersonRow {
            profile,
            last_check_in,
            due,
        });
    }
    Ok(rows)
}
