//! The TUI's state: which screen is showing, what it holds, and the overlay
//! on top. Drawing only reads this; `update` is the only code that changes it
//! and the only code that writes to the store.

use chrono::{DateTime, Utc};
use ratatui_textarea::TextArea;

use crate::checkin::{CheckIn, Effect};
use crate::config::Support;
use crate::instrument::Catalog;
use crate::outcome::Outcome;
use crate::store::error::Temporary;
use crate::store::{Note, Profile, Session, Store, StoreResult};
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
    /// A one-line message, e.g. where a report was written.
    pub notice: Option<String>,
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
    /// An answer given but not written yet (another recap held the file,
    /// the disk was full). The screen stays on the question it answers.
    pub pending: Option<Pending>,
}

/// An answer kept in memory until the store accepts it: the machine stays
/// at the question until every effect is written, then becomes `after`.
pub struct Pending {
    /// The check-in as it will be once the effects are written.
    pub after: CheckIn,
    pub effects: Vec<Effect>,
    /// Effects before this index are already written.
    pub written: usize,
    /// Why the last try failed.
    pub problem: Temporary,
}

#[derive(Debug, Clone)]
pub struct ResultsState {
    pub session_id: String,
    /// The check-in's results, computed once (`outcome`).
    pub outcome: Outcome,
    /// The outcome as lines: support messages and contacts first, then
    /// scores, bands, sources and change, then the notice.
    pub lines: Vec<crate::outcome::text::Line>,
    pub scroll: u16,
}

/// One row of the profile picker: no scores, so the next client sees nothing of the last.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub profile: Profile,
    pub last_check_in: Option<crate::timefmt::Lived>,
    /// Titles of the check-ins that are due (or never done).
    pub due: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfilesMode {
    List,
    Add,
    Rename,
    ConfirmArchive,
}

pub struct ProfilesState {
    pub rows: Vec<ProfileRow>,
    pub selected: usize,
    pub mode: ProfilesMode,
    /// The name being typed (add / rename).
    pub input: TextArea<'static>,
    pub hint: Option<String>,
}

/// Writing or changing one note.
pub struct NoteEditor {
    pub note_id: Option<String>,
    pub session_id: Option<String>,
    pub editor: TextArea<'static>,
    pub original: String,
    /// Asked on Esc when the text changed: save or discard?
    pub confirm_leave: bool,
}

pub struct NotesState {
    pub notes: Vec<Note>,
    pub selected: usize,
    pub editor: Option<NoteEditor>,
    pub confirm_delete: bool,
    pub hint: Option<String>,
}

pub enum Screen {
    Home(HomeState),
    CheckIn(Box<CheckInState>),
    Results(Box<ResultsState>),
    Profiles(Box<ProfilesState>),
    Notes(Box<NotesState>),
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
    /// Asked once when a check-in starts: alone or with a counselor?
    WithCounselor {
        questionnaire_id: String,
        with_counselor: bool,
    },
    /// A calm message (a change that could not be saved yet, Ctrl-Z where
    /// recap cannot be paused); any key closes it.
    Notice {
        title: String,
        text: String,
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
    /// config.toml could not be used (built-in contacts instead): shown on
    /// home and results.
    pub config_warning: Option<String>,
    pub quit: bool,
    /// The privacy screen is up: nothing about the person is drawn.
    pub hidden: bool,
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
            config_warning: None,
            quit: false,
            hidden: false,
            farewell: None,
        };
        app.open_profile(app.profile.clone())?;
        Ok(app)
    }

    /// Switches to `profile`: its home, and the offer to resume an unfinished check-in.
    pub fn open_profile(&mut self, profile: Profile) -> StoreResult<()> {
        self.profile = profile;
        let home = self.load_home()?;
        self.overlay = home.unfinished.first().map(|u| Overlay::Resume {
            session_id: u.session.id.clone(),
            title: u.title.clone(),
            answered: u.answered,
            total: u.total,
        });
        self.screen = Screen::Home(home);
        Ok(())
    }

    /// The picker rows: every active profile with its last check-in and what is due.
    pub fn load_profiles(&self) -> StoreResult<Vec<ProfileRow>> {
        let mut rows = Vec::new();
        for profile in self.store.profiles(false)? {
            let last = self.store.last_completed(profile.id)?;
            let due = self
                .catalog
                .iter()
                .filter(|l| {
                    let done = last
                        .iter()
                        .find(|(id, _)| id == &l.instrument.id)
                        .map(|(_, t)| t.at);
                    matches!(
                        crate::trends::due_state(l.instrument.due_days, done, self.now),
                        crate::trends::Due::Due { .. } | crate::trends::Due::NeverDone
                    )
                })
                .map(|l| l.instrument.short_title.clone())
                .collect();
            let last_check_in = last.iter().map(|(_, t)| *t).max_by_key(|t| t.at);
            rows.push(ProfileRow {
                profile,
                last_check_in,
                due,
            });
        }
        Ok(rows)
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
            notice: None,
        })
    }

    pub fn in_check_in(&self) -> bool {
        matches!(self.screen, Screen::CheckIn(_))
    }

    /// Why the answer on screen is not written yet, if it is not.
    pub fn unsaved_answer(&self) -> Option<Temporary> {
        match &self.screen {
            Screen::CheckIn(state) => state.pending.as_ref().map(|p| p.problem),
            _ => None,
        }
    }

    /// The line printed after leaving a check-in (also by the signal watcher).
    pub fn leaving_farewell(&self) -> &'static str {
        if self.unsaved_answer().is_some() {
            crate::strings::LAST_ANSWER_NOT_SAVED_FAREWELL
        } else {
            crate::strings::ANSWERS_SAVED_FAREWELL
        }
    }
}
