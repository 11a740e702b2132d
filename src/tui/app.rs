//! The app: routing between screens (a stack; Esc goes one level down), the
//! dialog and the overlays on top (help, support, the privacy screen), and
//! the shared `Context`. Each screen owns its state, keys, update and view
//! (`screens/`); this file only decides which one gets a key and what a
//! `Nav` does. With an encrypted database, the lock screen (`lock`) comes
//! over everything after a while without a key, and goes once the
//! passphrase opens the file again.

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::context::Context;
use super::dialogs::confirm::Confirm;
use super::dialogs::notice::Notice;
use super::dialogs::resume::Resume;
use super::global::{ALWAYS, Global, LETTERS, TYPING};
use super::lock::{Lock, Unlock};
use super::screen::{Binding, Nav, Page, Shown};
use super::screens::{caseload, checkin, home, notes, people, results, review, trends};
use super::theme::Theme;
use crate::config::Support;
use crate::error::{Error, Result};
use crate::instrument::Catalog;
use crate::store::error::Temporary;
use crate::store::{Profile, Store, StoreResult};
use crate::strings;
use crate::trends::window::Window;

/// A box over the screen that any key closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the screen (from its binding table) and the global ones.
    Help,
    /// The support contacts in force.
    Support,
}

pub struct App {
    pub ctx: Context,
    /// The screens, home (or the picker) at the bottom; the top one shows.
    stack: Vec<Box<dyn Page>>,
    dialog: Option<Box<dyn Page>>,
    pub overlay: Option<Overlay>,
    /// The privacy screen is up: nothing about the person is drawn.
    pub hidden: bool,
    pub quit: bool,
    /// Printed on the normal screen after leaving.
    pub farewell: Option<String>,
    /// Ctrl-Z was pressed; the event loop gives the terminal back.
    suspend: bool,
    /// The lock screen is up (an encrypted database, after a while without a key).
    pub lock: Option<Lock>,
    /// How long without a key before an encrypted database's app locks
    /// (`None`: never).
    pub lock_after: Option<std::time::Duration>,
    /// When the last key or paste came.
    last_input: std::time::Instant,
    /// Rows of the help scrolled out of sight above, and how far it can
    /// scroll at the size last drawn (0: it fits, any key closes it).
    pub help_scroll: u16,
    pub help_max: std::cell::Cell<u16>,
}

impl App {
    /// Builds the app on the person's home, offering to resume an unfinished check-in.
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
        let ctx = Context {
            store,
            catalog,
            support,
            profile,
            theme,
            zone,
            now,
            problems,
            config_warning: None,
            ask_counselor: true,
            pinned: false,
            picker: crate::config::Picker::Find,
            notes_default: crate::store::Visibility::Shared,
            note_author: None,
            network_review_days: crate::network::due::DEFAULT_REVIEW_DAYS,
        };
        let mut app = App {
            ctx,
            stack: Vec::new(),
            dialog: None,
            overlay: None,
            hidden: false,
            quit: false,
            farewell: None,
            suspend: false,
            lock: None,
            lock_after: None,
            last_input: std::time::Instant::now(),
            help_scroll: 0,
            help_max: std::cell::Cell::new(0),
        };
        app.open_profile(app.ctx.profile.clone())?;
        Ok(app)
    }

    /// Switches to `profile`: its home, and the offer to resume an unfinished
    /// check-in. Where several people use the file this opens a client
    /// session: the app is pinned to them until the session is ended.
    pub fn open_profile(&mut self, profile: Profile) -> StoreResult<()> {
        self.ctx.pinned = self.ctx.pinned || self.ctx.store.profiles(false)?.len() > 1;
        self.ctx.profile = profile;
        let home = home::Home::load(&self.ctx)?;
        self.dialog = home.unfinished.first().map(|u| {
            Box::new(Resume {
                session_id: u.session.id.clone(),
                title: u.title.clone(),
                answered: u.answered,
                total: u.total,
            }) as Box<dyn Page>
        });
        self.stack = vec![Box::new(home)];
        Ok(())
    }

    // ---- Ways in (the commands and tests open screens with these) ----

    /// The profile picker as the bottom screen (several people, none named):
    /// no client session is open.
    pub fn show_profiles(&mut self) -> Result<()> {
        self.dialog = None;
        self.ctx.pinned = false;
        self.stack = vec![Box::new(people::People::picker(&self.ctx)?)];
        Ok(())
    }

    /// Pins the app to the person whose home is open (`--profile`): the
    /// picker, the caseload and anyone else's data stay out of reach until
    /// the session is ended.
    pub fn pin(&mut self) {
        self.ctx.pinned = true;
    }

    /// Whether `page` shows other people than the one whose session is
    /// open (the picker, the caseload): never opened inside a session.
    fn shows_everyone(page: &dyn Page) -> bool {
        let any = page.as_any();
        any.is::<people::People>() || any.is::<caseload::Caseload>()
    }

    /// Starts (or resumes) a check-in of a questionnaire.
    pub fn check_in(&mut self, questionnaire_id: &str) -> Result<()> {
        self.dialog = None;
        let nav = checkin::start(&mut self.ctx, questionnaire_id)?;
        self.apply(nav, false)
    }

    /// The trends screen on a questionnaire (without one: the first with data).
    pub fn open_trends(&mut self, questionnaire_id: Option<&str>, window: Window) -> Result<()> {
        self.dialog = None;
        let page = trends::Trends::open(&self.ctx, questionnaire_id, window)?;
        self.stack.push(Box::new(page));
        Ok(())
    }

    /// The results of a completed check-in.
    pub fn show_results(&mut self, session_id: &str) -> Result<()> {
        let page = results::Results::open(&self.ctx, session_id)?;
        self.stack.push(Box::new(page));
        Ok(())
    }

    /// The notes of this person; with a session, a new note about it.
    pub fn show_notes(&mut self, session_id: Option<String>) -> Result<()> {
        let page = notes::Notes::open(&self.ctx, session_id)?;
        self.stack.push(Box::new(page));
        Ok(())
    }

    /// Opens a dialog over the screen.
    pub fn open_dialog(&mut self, dialog: Box<dyn Page>) {
        self.dialog = Some(dialog);
    }

    /// Closes the dialog (e.g. the offer to resume, when a command opens a screen).
    pub fn close_dialog(&mut self) {
        self.dialog = None;
    }

    // ---- What shows ----

    pub fn top(&self) -> Option<&dyn Page> {
        self.stack.last().map(|p| p.as_ref())
    }

    /// The screen on top, if it is a `T`.
    pub fn screen<T: 'static>(&self) -> Option<&T> {
        self.top().and_then(|p| p.as_any().downcast_ref::<T>())
    }

    pub fn screen_mut<T: 'static>(&mut self) -> Option<&mut T> {
        self.stack
            .last_mut()
            .and_then(|p| p.as_any_mut().downcast_mut::<T>())
    }

    /// The dialog, if one is open and it is a `T`.
    pub fn dialog<T: 'static>(&self) -> Option<&T> {
        self.dialog
            .as_ref()
            .and_then(|d| d.as_any().downcast_ref::<T>())
    }

    pub fn dialog_page(&self) -> Option<&dyn Page> {
        self.dialog.as_deref()
    }

    /// How many screens are open (1: at the bottom).
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    pub fn in_check_in(&self) -> bool {
        self.screen::<checkin::CheckIn>().is_some() || self.screen::<review::Review>().is_some()
    }

    /// Why something on a screen is not written yet, if it is not.
    pub fn unsaved(&self) -> Option<Temporary> {
        self.stack.iter().find_map(|p| p.unsaved())
    }

    /// The line printed after leaving a check-in (also by the signal watcher).
    pub fn leaving_farewell(&self) -> &'static str {
        if self.unsaved().is_some() {
            strings::LAST_ANSWER_NOT_SAVED_FAREWELL
        } else {
            strings::ANSWERS_SAVED_FAREWELL
        }
    }

    /// The global bindings in force on the top screen: letters or function
    /// keys, Esc only above the bottom screen, none a screen binds itself.
    fn globals(&self) -> Vec<&'static Binding<Global>> {
        let Some(top) = self.top() else {
            return Vec::new();
        };
        let own = top.keys(&self.ctx);
        let table = if top.typing() { TYPING } else { LETTERS };
        table
            .iter()
            .filter(|g| g.action != Global::Back || self.stack.len() > 1)
            .filter(|g| {
                !own.iter()
                    .any(|k| k.keys.iter().any(|x| g.keys.contains(x)))
            })
            .collect()
    }

    /// Every key in force now, in order: the dialog's, or the screen's then
    /// the global ones. The footer shows those with a label; help lists all.
    pub fn keys(&self) -> Vec<Shown> {
        // The privacy screen: any key brings the screen back, nothing else.
        if self.hidden {
            return Vec::new();
        }
        if let Some(dialog) = &self.dialog {
            let mut keys = dialog.keys(&self.ctx);
            keys.extend(self.dialog_globals().into_iter().map(Binding::shown));
            return keys;
        }
        let Some(top) = self.top() else {
            return Vec::new();
        };
        let mut keys = top.keys(&self.ctx);
        let root = self.stack.len() == 1;
        keys.extend(self.globals().into_iter().map(|g| {
            let mut shown = g.shown();
            // q quits from every screen; the bottom one shows it.
            if g.action == Global::Quit && !root {
                shown.label = "";
            }
            shown
        }));
        keys
    }

    /// Over a dialog: support, help and hide still work (letters or
    /// function keys as the dialog takes text), unless the dialog binds the
    /// key itself. Esc and q stay the dialog's own answer.
    fn dialog_globals(&self) -> Vec<&'static Binding<Global>> {
        let Some(dialog) = &self.dialog else {
            return Vec::new();
        };
        let own = dialog.keys(&self.ctx);
        let table = if dialog.typing() { TYPING } else { LETTERS };
        table
            .iter()
            .filter(|g| matches!(g.action, Global::Support | Global::Help | Global::Hide))
            .filter(|g| {
                !own.iter()
                    .any(|k| k.keys.iter().any(|x| g.keys.contains(x)))
            })
            .collect()
    }

    /// The keys that always work (Ctrl-C, Ctrl-Z), for help.
    pub fn always_keys() -> Vec<Shown> {
        ALWAYS.iter().map(Binding::shown).collect()
    }

    // ---- Input ----

    /// Handles one key. A change that could not be saved for a temporary
    /// reason (another recap writing, a full disk) leaves the screen as it
    /// was, with a message; nothing typed is lost.
    pub fn key(&mut self, key: KeyEvent) -> Result<()> {
        self.last_input = std::time::Instant::now();
        if self.lock.is_some() {
            return self.lock_key(key);
        }
        match self.route(key) {
            Err(Error::Temporary(kind)) => {
                self.notice(strings::NOT_SAVED_TITLE, strings::change_not_saved(kind));
                Ok(())
            }
            other => other,
        }
    }

    fn route(&mut self, key: KeyEvent) -> Result<()> {
        if let Some(g) = ALWAYS.iter().find(|b| b.matches(&key)) {
            return self.global(g.action);
        }
        if self.hidden {
            self.hidden = false;
            return Ok(());
        }
        // A help taller than the screen scrolls; any other key closes it.
        if self.overlay == Some(Overlay::Help) && self.help_max.get() > 0 {
            use crossterm::event::KeyCode;
            let max = self.help_max.get();
            let page = 5;
            let to = match key.code {
                KeyCode::Down | KeyCode::Char('j') => Some(self.help_scroll.saturating_add(1)),
                KeyCode::Up | KeyCode::Char('k') => Some(self.help_scroll.saturating_sub(1)),
                KeyCode::PageDown => Some(self.help_scroll.saturating_add(page)),
                KeyCode::PageUp => Some(self.help_scroll.saturating_sub(page)),
                _ => None,
            };
            if let Some(to) = to {
                self.help_scroll = to.min(max);
                return Ok(());
            }
        }
        if self.overlay.take().is_some() {
            self.help_scroll = 0;
            return Ok(());
        }
        if let Some(dialog) = &mut self.dialog {
            let nav = match dialog.key(key, &mut self.ctx)? {
                Some(nav) => Some(nav),
                None => {
                    if let Some(g) = self.dialog_globals().into_iter().find(|g| g.matches(&key)) {
                        return self.global(g.action);
                    }
                    match &mut self.dialog {
                        Some(dialog) => dialog.typed(key, &mut self.ctx)?,
                        None => None,
                    }
                }
            };
            return match nav {
                Some(nav) => self.apply(nav, true),
                None => Ok(()),
            };
        }
        let Some(top) = self.stack.last_mut() else {
            return Ok(());
        };
        if let Some(nav) = top.key(key, &mut self.ctx)? {
            return self.apply(nav, false);
        }
        if let Some(g) = self.globals().into_iter().find(|g| g.matches(&key)) {
            return self.global(g.action);
        }
        let Some(top) = self.stack.last_mut() else {
            return Ok(());
        };
        match top.typed(key, &mut self.ctx)? {
            Some(nav) => self.apply(nav, false),
            None => Ok(()),
        }
    }

    fn global(&mut self, action: Global) -> Result<()> {
        let nav = match action {
            Global::Back => Nav::Back,
            Global::Hide => Nav::Hide,
            Global::Support => Nav::Support,
            Global::Help => Nav::Help,
            Global::Quit => Nav::Quit,
            Global::QuitNow => Nav::QuitNow,
            Global::Suspend => Nav::Suspend,
        };
        self.apply(nav, false)
    }

    /// A bracketed paste: to the screen when it takes text, else ignored.
    pub fn paste(&mut self, text: &str) -> Result<()> {
        self.last_input = std::time::Instant::now();
        if let Some(lock) = &mut self.lock {
            lock.paste(text);
            return Ok(());
        }
        if self.hidden || self.overlay.is_some() || self.dialog.is_some() {
            return Ok(());
        }
        let Some(top) = self.stack.last_mut() else {
            return Ok(());
        };
        let nav = top.paste(text, &mut self.ctx)?;
        self.apply(nav, false)
    }

    /// Saves typed words after a short pause, and locks an encrypted
    /// database's app after a while without a key; called between events.
    pub fn tick(&mut self) -> Result<()> {
        if self.lock.is_none()
            && self
                .lock_after
                .is_some_and(|after| self.last_input.elapsed() >= after)
            && self.ctx.store.is_encrypted()
        {
            self.lock_now();
            return Ok(());
        }
        match self.stack.last_mut() {
            Some(top) => top.tick(&mut self.ctx),
            None => Ok(()),
        }
    }

    /// Puts the lock screen over everything. Typed words are saved first
    /// when they can be; the screens (an answer in progress included) stay
    /// as they are underneath.
    pub fn lock_now(&mut self) {
        if let Some(top) = self.stack.last_mut() {
            // Best effort: what cannot be saved now stays in memory on its screen.
            let _ = top.flush(&mut self.ctx);
        }
        self.overlay = None;
        self.hidden = false;
        self.lock = Some(Lock::new(true));
    }

    /// A key on the lock screen: the passphrase is checked against the file
    /// itself (a read of its own); a wrong one waits a moment.
    fn lock_key(&mut self, key: KeyEvent) -> Result<()> {
        let Some(lock) = &mut self.lock else {
            return Ok(());
        };
        match lock.key(key) {
            Unlock::Stay => Ok(()),
            Unlock::Suspend => {
                self.suspend = true;
                Ok(())
            }
            Unlock::Quit => self.apply(Nav::QuitNow, false),
            Unlock::Try(passphrase) => {
                if self.ctx.store.opens_with(&passphrase)? {
                    self.lock = None;
                } else {
                    std::thread::sleep(crate::store::cipher::WRONG_DELAY);
                    lock.wrong();
                }
                Ok(())
            }
        }
    }

    /// Ctrl-Z was pressed since the last call.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    /// A calm message over the screen (any key closes it).
    pub fn show_notice(&mut self, title: &str, text: &str) {
        self.notice(title, text.to_string());
    }

    fn notice(&mut self, title: &str, text: String) {
        self.dialog = Some(Box::new(Notice::new(title, text)));
    }

    /// Saves what the top screen holds before it goes; false (with a
    /// message) when that could not be done now.
    fn flush_top(&mut self) -> Result<bool> {
        let Some(top) = self.stack.last_mut() else {
            return Ok(true);
        };
        match top.flush(&mut self.ctx) {
            Ok(()) => Ok(true),
            Err(Error::Temporary(kind)) => {
                self.notice(strings::NOT_SAVED_TITLE, strings::change_not_saved(kind));
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    fn refresh_top(&mut self) -> Result<()> {
        match self.stack.last_mut() {
            Some(top) => top.refresh(&mut self.ctx),
            None => Ok(()),
        }
    }

    /// Carries out what a screen or dialog asked for.
    fn apply(&mut self, nav: Nav, from_dialog: bool) -> Result<()> {
        if from_dialog && !matches!(nav, Nav::Stay | Nav::Dialog(_)) {
            self.dialog = None;
        }
        match nav {
            Nav::Stay => {}
            Nav::Close => {
                self.dialog = None;
                self.refresh_top()?;
            }
            Nav::Back => {
                if self.stack.len() > 1 && self.flush_top()? {
                    self.stack.pop();
                    self.refresh_top()?;
                }
            }
            Nav::Home => {
                if self.flush_top()? {
                    self.stack.truncate(1);
                    self.refresh_top()?;
                }
            }
            // Inside a client session nothing may open anyone else: no
            // picker, no caseload, no other person, no new bottom screen.
            Nav::Push(page) if self.ctx.pinned && Self::shows_everyone(page.as_ref()) => {}
            Nav::Reset(_) if self.ctx.pinned => {}
            Nav::Person(profile) if self.ctx.pinned && profile.id != self.ctx.profile.id => {}
            Nav::EndSession => {
                if self.flush_top()? {
                    self.show_profiles()?;
                    // With an encrypted file the next person needs the
                    // passphrase: a client left alone cannot open anyone.
                    if self.ctx.store.is_encrypted() {
                        self.overlay = None;
                        self.hidden = false;
                        self.lock = Some(Lock::new(false));
                    }
                }
            }
            Nav::Push(page) => {
                if self.flush_top()? {
                    self.stack.push(page);
                }
            }
            Nav::Replace(page) => {
                if self.flush_top()? {
                    self.stack.pop();
                    self.stack.push(page);
                }
            }
            Nav::Reset(page) => {
                if self.flush_top()? {
                    self.stack = vec![page];
                }
            }
            Nav::Person(profile) => {
                if self.flush_top()? {
                    self.open_profile(profile)?;
                }
            }
            Nav::Dialog(dialog) => self.dialog = Some(dialog),
            Nav::Notice { title, text } => self.notice(&title, text),
            Nav::Help => {
                self.help_scroll = 0;
                self.overlay = Some(Overlay::Help);
            }
            Nav::Support => self.overlay = Some(Overlay::Support),
            Nav::Hide => self.hidden = true,
            Nav::Suspend => self.suspend = true,
            Nav::Quit => {
                // Words typed are written first; ask only if something is
                // still not saved.
                let flushed = self.flush_top()?;
                if flushed && self.unsaved().is_none() {
                    self.leave();
                } else {
                    let text = if self.in_check_in() {
                        strings::LEAVE_UNSAVED
                    } else {
                        strings::LEAVE_UNSAVED_CHANGE
                    };
                    self.dialog = Some(Box::new(Confirm::new(
                        strings::LEAVE_TITLE,
                        text.to_string(),
                        ("leave", "keep going"),
                        |_| Ok(Nav::QuitNow),
                    )));
                }
            }
            Nav::QuitNow => {
                // Best effort: what can be saved is saved; leaving goes on.
                if let Some(top) = self.stack.last_mut() {
                    let _ = top.flush(&mut self.ctx);
                }
                self.leave();
            }
        }
        Ok(())
    }

    fn leave(&mut self) {
        if self.in_check_in() {
            self.farewell = Some(self.leaving_farewell().to_string());
        }
        self.quit = true;
    }
}
