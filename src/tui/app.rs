//! The TUI's state: which screen is showing, what it holds, and the overlay
//! on top. Drawing only reads this; `update` is the only code that changes it
//! and the only code that writes to the store.

use chrono::{DateTime, Utc};
use ratatui_textarea::TextArea;

use crate::checkin::CheckIn;
use crate::config::Support;
use crate::instrument::{Catalog, Instrument, Scoring};
use crate::store::{Profile, Session, Store, StoreResult};
use crate::trends::{Summary, summaries};

use super::theme::Theme;

/// An unfinished check-in offered for resuming.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub session: Session,
    pub title: String,
    pub answered: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default)]
pub struct HomeState {
    pub summaries: Vec<Summary>,
    pub unfinished: Vec<Unfinished>,
    /// Index into unfinished rows first, then questionnaire rows.
    pub selected: usize,
}

impl HomeState {
    pub fn rows(&self) -> usize {
        self.unfinished.len() + self.summaries.len()
    }
}

pub struct CheckInState {
    pub session_id: String,
    pub title: String,
    pub machine: CheckIn,
    /// Highlighted option (choice items) or review row.
    pub cursor: usize,
    /// Digits typed for a number item.
    pub number: String,
    /// The editor for free-text items.
    pub editor: TextArea<'static>,
    /// A calm one-line hint after a key that could not be used.
    pub hint: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ResultsState {
    pub session_id: String,
    pub instrument: Instrument,
    pub scoring: Scoring,
    /// The lines shown (scores, bands, sources, change, support).
    pub lines: Vec<String>,
    pub scroll: u16,
}

pub enum Screen {
    Home(HomeState),
    CheckIn(Box<CheckInState>),
    Results(Box<ResultsState>),
    Trends(Box<super::trends::TrendsState>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Support,
    /// Leave the app? (during a check-in it says the answers are saved)
    ConfirmQuit,
    /// Set aside an unfinished check-in?
    ConfirmDiscard {
        session_id: String,
        title: String,
    },
    /// Offered at start: continue the unfinished check-in?
    Resume {
        session_id: String,
        title: String,
        answered: usize,
        total: usize,
    },
}

pub struct App {
    pub store: Store,
    pub catalog: Catalog,
    pub support: Support,
    pub profile: Profile,
    pub theme: Theme,
    /// The zone dates are shown in.
    pub zone: crate::timefmt::Zone,
    /// "Now" for everything date-dependent (fixed in tests).
    pub now: DateTime<Utc>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// Questionnaire files that were skipped, shown on home.
    pub problems: Vec<String>,
    pub quit: bool,
    /// Printed on the normal screen after leaving.
    pub farewell: Option<String>,
}

impl App {
    /// Builds the app on the home screen, offering to resume an unfinished check-in.
    pub fn new(
        store: Store,
        catalog: Catalog,
        support: Support,
        profile: Profile,
        theme: Theme,
        zone: crate::timefmt::Zone,
        now: DateTime<Utc>,
    ) -> StoreResult<App> {
        let problems = catalog.problems.iter().map(ToString::to_string).collect();
        let mut app = App {
            store,
            catalog,
            support,
            profile,
            theme,
            zone,
            now,
            screen: Screen::Home(HomeState::default()),
            overlay: None,
            problems,
            quit: false,
            farewell: None,
        };
        let home = app.load_home()?;
        if let Some(u) = home.unfinished.first() {
            app.overlay = Some(Overlay::Resume {
                session_id: u.session.id.clone(),
                title: u.title.clone(),
                answered: u.answered,
                total: u.total,
            });
        }
        app.screen = Screen::Home(home);
        Ok(app)
    }

    /// Reads what the home screen shows from the store.
    pub fn load_home(&self) -> StoreResult<HomeState> {
        let summaries = summaries(&self.store, &self.catalog, self.profile.id, self.now)?;
        let mut unfinished = Vec::new();
        for session in self.store.unfinished_sessions(self.profile.id)? {
            let instrument = self.store.snapshot_instrument(&session.snapshot_hash)?;
            let answered = self.store.answers(&session.id)?.len();
            unfinished.push(Unfinished {
                title: instrument.short_title.clone(),
                total: instrument.items.len(),
                answered,
                session,
            });
        }
        Ok(HomeState {
            summaries,
            unfinished,
            selected: 0,
        })
    }

    pub fn in_check_in(&self) -> bool {
        matches!(self.screen, Screen::CheckIn(_))
    }
}
