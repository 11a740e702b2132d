//! Preparing a session with one client: since the last session (the latest
//! check-in done together with a counselor), the check-ins done, what
//! changed (every score's change with its verdict, and the answers that
//! moved most), the support messages that fired, the recovery network's
//! changes, and the last note.

use crate::config::Support;
use crate::store::{Note, Profile, Store, StoreResult};
use crate::timefmt::Lived;

use super::since::{self, FiredSince, ItemMove, ScoreChange};

/// How many moved answers are listed per questionnaire.
pub const MOVED_PER_QUESTIONNAIRE: usize = 3;

/// A check-in done since the last session.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInDone {
    pub session_id: String,
    pub questionnaire_id: String,
    pub title: String,
    pub at: Lived,
    pub with_counselor: bool,
}

/// Everything to look at before a session with one client.
#[derive(Debug, Clone, PartialEq)]
pub struct Prep {
    pub name: String,
    pub client_id: Option<String>,
    /// The last session; None when no check-in was done with a counselor
    /// (then everything counts as "since").
    pub last_session: Option<Lived>,
    pub check_ins: Vec<CheckInDone>,
    /// Every score of the questionnaires done since, compared with its
    /// value at the last session (or the first one).
    pub changes: Vec<ScoreChange>,
    pub moved: Vec<ItemMove>,
    pub safety: Vec<FiredSince>,
    /// The recovery network now against the network at the last session.
    pub network: Vec<crate::network::changes::EntryChange>,
    /// The newest note, private ones included (this is for the counselor).
    pub last_note: Option<Note>,
}

impl Prep {
    /// The changes a sourced rule calls reliable.
    pub fn reliable(&self) -> impl Iterator<Item = &ScoreChange> {
        self.changes.iter().filter(|c| c.is_reliable())
    }
}

/// One client's session preparation.
pub fn prep(store: &Store, profile: &Profile, support: &Support) -> StoreResult<Prep> {
    let last = since::last_session(store, profile.id)?;
    let after = since::check_ins_since(store, profile.id, last.as_ref())?;
    let (changes, moved) = since::changes(
        store,
        profile.id,
        last.as_ref(),
        &after,
        MOVED_PER_QUESTIONNAIRE,
    )?;
    let mut check_ins = Vec::with_capacity(after.len());
    for s in &after {
        let title = store
            .snapshot_instrument(&s.snapshot_hash)
            .map(|i| i.short_title.clone())
            .unwrap_or_else(|_| s.questionnaire_id.clone());
        check_ins.push(CheckInDone {
            session_id: s.id.clone(),
            questionnaire_id: s.questionnaire_id.clone(),
            title,
            at: s.lived(),
            with_counselor: s.with_counselor,
        });
    }
    Ok(Prep {
        name: profile.name.clone(),
        client_id: profile.client_id.clone(),
        last_session: last.as_ref().map(crate::store::Session::lived),
        check_ins,
        changes,
        moved,
        safety: since::safety_since(store, &after, support)?,
        network: since::network_since(store, profile.id, last.as_ref())?,
        last_note: store.last_note(profile.id)?,
    })
}
