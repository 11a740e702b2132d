//! What every screen may use: the store, the questionnaires, the support
//! contacts, the person whose data is shown, colours, the zone and "now".
//! Screens read it in `view` and change it only in `update`.

use chrono::{DateTime, Utc};

use super::theme::Theme;
use crate::config::Support;
use crate::instrument::Catalog;
use crate::store::{Profile, Store, StoreResult};

pub struct Context {
    pub store: Store,
    pub catalog: Catalog,
    pub support: Support,
    /// The person whose check-ins are shown.
    pub profile: Profile,
    pub theme: Theme,
    /// The zone dates are shown in.
    pub zone: crate::timefmt::Zone,
    /// "Now" for everything date-dependent (fixed in tests).
    pub now: DateTime<Utc>,
    /// Questionnaire files that were skipped, shown on home.
    pub problems: Vec<String>,
    /// config.toml could not be used (built-in contacts instead): shown on
    /// home and results.
    pub config_warning: Option<String>,
    /// Ask "alone or with a counselor?" where a counselor is plausible
    /// (`ask_with_counselor = false` in config.toml turns it off).
    pub ask_counselor: bool,
    /// A client session is open: the app is pinned to `profile` until the
    /// counselor ends the session (no picker, caseload or other person).
    pub pinned: bool,
    /// How the picker opens (`picker = "list"` in config.toml lists everyone).
    pub picker: crate::config::Picker,
    /// New notes: private or shared (config.toml's `notes_default`).
    pub notes_default: crate::store::Visibility,
    /// The counselor's name from config.toml: the author of notes written here.
    pub note_author: Option<String>,
    /// Days between network walk-throughs (`[network] review_days`).
    pub network_review_days: u32,
}

impl Context {
    /// Whether a check-in could be done with a counselor here: several
    /// people use this file, or this person has done one with a counselor.
    pub fn counselor_plausible(&self) -> StoreResult<bool> {
        Ok(self.ask_counselor && self.store.counselor_plausible(&self.profile)?)
    }

    /// How a note written here is stored: its visibility and author.
    pub fn note_meta(&self) -> crate::store::NoteMeta {
        crate::store::NoteMeta {
            visibility: self.notes_default,
            author: self.note_author.clone(),
        }
    }
}
