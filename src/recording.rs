//! The one place a check-in is written: applies the state machine's effects
//! to the store, each durable before the next question is shown.

use chrono::{DateTime, Utc};

use crate::checkin::Effect;
use crate::store::{Store, StoreResult};

/// Applies one effect of the check-in machine to session `session_id`.
pub fn apply(
    store: &Store,
    session_id: &str,
    effect: &Effect,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    match effect {
        Effect::SaveAnswer { item_id, value } => store.save_answer(session_id, item_id, value, now),
        Effect::ClearAnswer { item_id } => store.clear_answer(session_id, item_id),
        Effect::Complete { scoring } => {
            store.complete_session(session_id, now, scoring).map(|_| ())
        }
    }
}
