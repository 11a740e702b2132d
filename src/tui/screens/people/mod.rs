//! The profile picker, which does not show the caseload: by default one
//! types to find a person (name, initials or client id, `caseload::find`),
//! and no one is listed before two characters; everyone is listed only on
//! Tab (or with `picker = "list"`), with a reminder that others may see the
//! screen. Opening a person asks first, naming only them. The list is also
//! where people are added, renamed, archived, shown when archived, brought
//! back and deleted (after typing the name), and where the caseload opens.
//! Never a score (`trends::people`). Outside a client session only.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::config::Picker;
use crate::error::Result;
use crate::store::Profile;
use crate::strings;
use crate::timefmt::Lived;
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::dialogs::type_name::TypeName;
use crate::tui::screen::{
    Binding, DOWN, ENTER, ESC, Key, Nav, Screen, UP, bind, moves, pages, pasted_text, step,
};
use crate::tui::screens::caseload::Caseload;
use crate::tui::widgets::editor::{line_input, text_of};

/// How the people are shown: found by typing, or all listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Find,
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Add,
    Rename,
}

/// One person as the picker shows them.
#[derive(Debug, Clone)]
pub struct Listed {
    pub profile: Profile,
    pub last_check_in: Option<Lived>,
    /// Short titles of what is due (never for an archived person).
    pub due: Vec<String>,
    pub archived: bool,
}

pub struct People {
    /// Every active person, then (when shown) the archived ones.
    pub everyone: Vec<Listed>,
    pub view: View,
    pub show_archived: bool,
    /// What is typed to find a person.
    pub query: TextArea<'static>,
    /// Index into `shown()`.
    pub selected: usize,
    pub mode: Mode,
    /// The name being typed (add / rename).
    pub input: TextArea<'static>,
    pub hint: Option<String>,
    /// The picker the app opened on (not one opened from a home): Esc
    /// there hides the list instead of going back.
    pub root: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Open,
    Move,
    Page,
    Ends,
    ListAll,
    Find,
    /// Esc on the list the app opened on: back to finding by typing.
    HideList,
    Clear,
    Add,
    Rename,
    Archive,
    Unarchive,
    Delete,
    ShowArchived,
    HideArchived,
    Caseload,
    Quit,
    Save,
    Cancel,
    Edit(KeyEvent),
}

const ARROWS: &[Key] = &[UP[0], DOWN[0]];
const ENDS: &[Key] = &[Key::Press(KeyCode::Home), Key::Press(KeyCode::End)];

/// Typing to find: letters are the name typed.
static FIND: &[Binding<Action>] = &[
    Binding {
        keys: ARROWS,
        show: "↑↓",
        label: "",
        help: "move between the people found",
        action: Action::Move,
    },
    pages("ten rows up or down", Action::Page),
    bind(
        ENDS,
        ("Home End", ""),
        "the first or last found",
        Action::Ends,
    ),
    bind(
        ENTER,
        ("Enter", "open"),
        "open the highlighted person (asks first)",
        Action::Open,
    ),
    bind(
        &[Key::Press(KeyCode::Tab)],
        ("Tab", "list everyone"),
        "list everyone (others in the room may see it)",
        Action::ListAll,
    ),
    bind(
        &[Key::Ctrl('n')],
        ("Ctrl-N", "add"),
        "add a person (with the name typed)",
        Action::Add,
    ),
    bind(ESC, ("Esc", "clear"), "clear what is typed", Action::Clear),
    bind(
        &[Key::Press(KeyCode::F(10))],
        ("F10", "quit"),
        "leave recap",
        Action::Quit,
    ),
];

/// Everyone listed: letters are commands.
static LIST: &[Binding<Action>] = &[
    moves("", "move between people (also j k)", Action::Move),
    pages("ten rows up or down", Action::Page),
    bind(
        ENDS,
        ("Home End", ""),
        "the first or last person",
        Action::Ends,
    ),
    bind(
        ENTER,
        ("Enter", "open"),
        "open this person's check-ins",
        Action::Open,
    ),
    bind(
        &[Key::Press(KeyCode::Tab), Key::Char('/')],
        ("Tab", "find"),
        "find a person by typing, not listing everyone (also /)",
        Action::Find,
    ),
    bind(
        ESC,
        ("Esc", ""),
        "hide the list and find by typing again",
        Action::HideList,
    ),
    bind(&[Key::Char('a')], ("a", "add"), "add a person", Action::Add),
    bind(
        &[Key::Char('r')],
        ("r", "rename"),
        "rename the highlighted person",
        Action::Rename,
    ),
    bind(
        &[Key::Char('d'), Key::Press(KeyCode::Delete)],
        ("d", "archive"),
        "archive this person (asks first; check-ins are kept)",
        Action::Archive,
    ),
    bind(
        &[Key::Char('u')],
        ("u", "unarchive"),
        "bring this archived person back into the list",
        Action::Unarchive,
    ),
    bind(
        &[Key::Char('X')],
        ("X", "delete"),
        "delete this person and all their data (type the name)",
        Action::Delete,
    ),
    bind(
        &[Key::Char('v')],
        ("v", "show archived"),
        "show archived people too",
        Action::ShowArchived,
    ),
    bind(
        &[Key::Char('v')],
        ("v", "hide archived"),
        "hide archived people",
        Action::HideArchived,
    ),
    bind(
        &[Key::Char('c')],
        ("c", "caseload"),
        "your caseload: what is due, declines, support messages",
        Action::Caseload,
    ),
];

static TYPING: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Press(KeyCode::Tab)],
        show: "Enter",
        label: "save",
        help: "save the name (also Tab)",
        action: Action::Save,
    },
    Binding {
        keys: ESC,
        show: "Esc",
        label: "cancel",
        help: "stop without saving the name",
        action: Action::Cancel,
    },
];

/// How many rows PgUp / PgDn move.
const PAGE: usize = 10;

impl People {
    /// The people screen, from home outside a session: the person whose
    /// home is open stays highlighted in the list.
    pub fn load(ctx: &Context) -> Result<People> {
        let mut people = People::picker(ctx)?;
        people.root = false;
        if people.view == View::List {
            people.selected = people
                .shown()
                .iter()
                .position(|l| l.profile.id == ctx.profile.id)
                .unwrap_or(0);
        }
        Ok(people)
    }

    /// The picker as it opens for the next person: nothing typed, the
    /// first row highlighted.
    pub fn picker(ctx: &Context) -> Result<People> {
        let view = match ctx.picker {
            Picker::Find => View::Find,
            Picker::List => View::List,
        };
        let mut people = People {
            everyone: Vec::new(),
            view,
            show_archived: false,
            query: line_input(strings::FIND_INPUT_TITLE, ""),
            selected: 0,
            mode: Mode::Browse,
            input: line_input(strings::NAME_INPUT_TITLE, ""),
            hint: None,
            root: true,
        };
        people.reload(ctx)?;
        Ok(people)
    }

    fn reload(&mut self, ctx: &Context) -> Result<()> {
        let mut everyone: Vec<Listed> =
            crate::trends::people::people(&ctx.store, &ctx.catalog, ctx.now)?
                .into_iter()
                .map(|r| Listed {
                    profile: r.profile,
                    last_check_in: r.last_check_in,
                    due: r.due,
                    archived: false,
                })
                .collect();
        if self.show_archived {
            for profile in ctx.store.profiles(true)? {
                if profile.archived_at.is_some() {
                    let last = ctx.store.last_completed(profile.id)?;
                    everyone.push(Listed {
                        last_check_in: last.iter().map(|(_, t)| *t).max_by_key(|t| t.at),
                        profile,
                        due: Vec::new(),
                        archived: true,
                    });
                }
            }
        }
        self.everyone = everyone;
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
        Ok(())
    }

    /// What is typed to find a person.
    pub fn typed(&self) -> String {
        text_of(&self.query).replace('\n', " ")
    }

    /// The people on screen: those found by what is typed (none before two
    /// characters), or everyone in the list.
    pub fn shown(&self) -> Vec<&Listed> {
        match self.view {
            View::List => self.everyone.iter().collect(),
            View::Find => {
                let active: Vec<Profile> = self
                    .everyone
                    .iter()
                    .filter(|l| !l.archived)
                    .map(|l| l.profile.clone())
                    .collect();
                crate::caseload::find::find(&active, &self.typed())
                    .into_iter()
                    .filter_map(|p| self.everyone.iter().find(|l| l.profile.id == p.id))
                    .collect()
            }
        }
    }

    fn current(&self) -> Option<&Listed> {
        self.shown().get(self.selected).copied()
    }

    fn name(&self) -> String {
        text_of(&self.input).replace('\n', " ").trim().to_string()
    }

    fn save(&mut self, ctx: &mut Context) -> Result<Nav> {
        let name = self.name();
        let result = match (self.mode, self.current()) {
            (Mode::Add, _) => ctx.store.add_profile(&name, ctx.now),
            (Mode::Rename, Some(l)) => ctx.store.rename_profile(&l.profile.name.clone(), &name),
            _ => return Ok(Nav::Stay),
        };
        match result {
            Ok(saved) => {
                if saved.id == ctx.profile.id {
                    ctx.profile = saved.clone();
                }
                self.mode = Mode::Browse;
                self.hint = None;
                if self.view == View::Find {
                    // The person saved is the one found.
                    self.query = line_input(strings::FIND_INPUT_TITLE, &saved.name);
                }
                self.reload(ctx)?;
                self.select(saved.id);
            }
            // A clash or an empty name: say so and let the person correct it.
            Err(crate::store::StoreError::Input(message)) => self.hint = Some(message),
            Err(e) => return Err(e.into()),
        }
        Ok(Nav::Stay)
    }

    fn select(&mut self, profile_id: i64) {
        self.selected = self
            .shown()
            .iter()
            .position(|l| l.profile.id == profile_id)
            .unwrap_or(0);
    }

    /// Opens the highlighted person: asks first, naming only them (not
    /// with `picker = "list"`, a solo user's household).
    fn open(&self, ctx: &Context) -> Nav {
        let Some(l) = self.current().filter(|l| !l.archived) else {
            return Nav::Stay;
        };
        let profile = l.profile.clone();
        if ctx.picker == Picker::List {
            return Nav::Person(profile);
        }
        Nav::Dialog(Box::new(Confirm::new(
            strings::OPEN_TITLE,
            strings::open_question(&profile.name),
            ("open", "cancel"),
            move |_| Ok(Nav::Person(profile)),
        )))
    }

    fn archive(&self) -> Option<Nav> {
        let l = self.current().filter(|l| !l.archived)?;
        let name = l.profile.name.clone();
        let id = l.profile.id;
        Some(Nav::Dialog(Box::new(Confirm::new(
            strings::ARCHIVE_TITLE,
            strings::archive_question(&name),
            ("archive", "keep"),
            move |ctx| {
                ctx.store.archive_profile(&name, ctx.now)?;
                People::after_change(ctx, id, strings::archived(&name))
            },
        ))))
    }

    fn delete(&self, ctx: &Context) -> Result<Option<Nav>> {
        let Some(l) = self.current() else {
            return Ok(None);
        };
        let name = l.profile.name.clone();
        let id = l.profile.id;
        let (check_ins, notes) = ctx.store.profile_usage(id)?;
        Ok(Some(Nav::Dialog(Box::new(TypeName::new(
            strings::DELETE_PERSON_TITLE,
            strings::delete_person_question(&name, check_ins, notes),
            name.clone(),
            ("delete", "keep"),
            move |ctx| {
                ctx.store.delete_profile(&name)?;
                People::after_change(ctx, id, strings::deleted_person(&name))
            },
        )))))
    }

    /// The list again after a person was archived or deleted; when their
    /// home was open below, the picker is all there is.
    fn after_change(ctx: &mut Context, id: i64, hint: String) -> Result<Nav> {
        let mut picker = People::load(ctx)?;
        picker.view = View::List;
        picker.reload(ctx)?;
        picker.hint = Some(hint);
        Ok(if id == ctx.profile.id {
            picker.selected = 0;
            Nav::Reset(Box::new(picker))
        } else {
            Nav::Replace(Box::new(picker))
        })
    }

    fn unarchive(&mut self, ctx: &mut Context) -> Result<()> {
        let Some(l) = self.current().filter(|l| l.archived) else {
            return Ok(());
        };
        let (name, id) = (l.profile.name.clone(), l.profile.id);
        ctx.store.unarchive_profile(&name)?;
        self.reload(ctx)?;
        self.select(id);
        self.hint = Some(strings::unarchived(&name));
        Ok(())
    }
}

impl Screen for People {
    type Action = Action;

    fn bindings(&self, ctx: &Context) -> Vec<&'static Binding<Action>> {
        if self.mode != Mode::Browse {
            return TYPING.iter().collect();
        }
        let current = self.current();
        let any = current.is_some();
        let active = current.is_some_and(|l| !l.archived);
        let archived = current.is_some_and(|l| l.archived);
        match self.view {
            View::Find => FIND
                .iter()
                .filter(|b| match b.action {
                    Action::Open => active,
                    Action::Move | Action::Page | Action::Ends => self.shown().len() > 1,
                    Action::Clear => !self.typed().is_empty(),
                    _ => true,
                })
                .collect(),
            View::List => LIST
                .iter()
                .filter(|b| match b.action {
                    Action::Open | Action::Archive => active,
                    Action::Rename | Action::Delete => any,
                    Action::Unarchive => archived,
                    Action::ShowArchived => !self.show_archived,
                    Action::HideArchived => self.show_archived,
                    Action::Caseload => self.everyone.iter().any(|l| !l.archived),
                    Action::HideList => self.root && ctx.picker == Picker::Find,
                    Action::Move | Action::Page | Action::Ends => self.shown().len() > 1,
                    _ => true,
                })
                .collect(),
        }
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        (self.mode != Mode::Browse || self.view == View::Find).then_some(Action::Edit(key))
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let rows = self.shown().len();
        match action {
            Action::Move => {
                let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
                self.selected = step(self.selected, rows, up, 1);
            }
            Action::Page => {
                self.selected = step(self.selected, rows, key.code == KeyCode::PageUp, PAGE);
            }
            Action::Ends => {
                self.selected = step(self.selected, rows, key.code == KeyCode::Home, usize::MAX);
            }
            Action::Open => return Ok(self.open(ctx)),
            Action::ListAll => {
                self.view = View::List;
                self.selected = 0;
                self.hint = None;
            }
            Action::Find | Action::HideList => {
                self.view = View::Find;
                self.query = line_input(strings::FIND_INPUT_TITLE, "");
                self.selected = 0;
                self.hint = None;
            }
            Action::Clear => {
                self.query = line_input(strings::FIND_INPUT_TITLE, "");
                self.selected = 0;
            }
            Action::Add => {
                let typed = match self.view {
                    View::Find => self.typed().trim().to_string(),
                    View::List => String::new(),
                };
                self.mode = Mode::Add;
                self.input = line_input(strings::NAME_INPUT_TITLE, &typed);
                self.hint = None;
            }
            Action::Rename => {
                if let Some(l) = self.current() {
                    self.input = line_input(strings::NAME_INPUT_TITLE, &l.profile.name);
                    self.mode = Mode::Rename;
                    self.hint = None;
                }
            }
            Action::Archive => return Ok(self.archive().unwrap_or(Nav::Stay)),
            Action::Unarchive => self.unarchive(ctx)?,
            Action::Delete => return Ok(self.delete(ctx)?.unwrap_or(Nav::Stay)),
            Action::ShowArchived | Action::HideArchived => {
                let id = self.current().map(|l| l.profile.id);
                self.show_archived = action == Action::ShowArchived;
                self.reload(ctx)?;
                if let Some(id) = id {
                    self.select(id);
                }
            }
            Action::Caseload => return Ok(Nav::Push(Box::new(Caseload::open(ctx)?))),
            Action::Quit => return Ok(Nav::Quit),
            Action::Save => return self.save(ctx),
            Action::Cancel => {
                self.mode = Mode::Browse;
                self.hint = None;
            }
            Action::Edit(key) => {
                // One line only: Enter saves or opens, never a new line.
                match self.mode {
                    Mode::Browse => {
                        self.query.input(key);
                        self.selected = 0;
                    }
                    Mode::Add | Mode::Rename => {
                        self.input.input(key);
                    }
                }
                self.hint = None;
            }
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::PEOPLE_HEADER.to_string()
    }

    fn anonymous(&self) -> bool {
        true
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn typing(&self) -> bool {
        self.mode != Mode::Browse || self.view == View::Find
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        let text = pasted_text(text).replace('\n', " ");
        match self.mode {
            Mode::Add | Mode::Rename => {
                self.input.insert_str(text);
            }
            Mode::Browse if self.view == View::Find => {
                self.query.insert_str(text);
                self.selected = 0;
            }
            Mode::Browse => {}
        }
        Ok(Nav::Stay)
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        let hint = self.hint.take();
        self.reload(ctx)?;
        self.hint = hint;
        Ok(())
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(FIND.iter().chain(LIST).chain(TYPING))
}
