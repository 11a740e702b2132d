//! The recovery network: the map (the person at the centre, entries on
//! rings by closeness, each marked by kind and support with symbols, so it
//! reads the same without colour) with the list beside it, or the list
//! grouped by ring alone when the map would not be legible. Entries are
//! added and changed in a form beside the map (`form`), removed after
//! asking (with undo); `r` walks through the network one entry at a time
//! (`walk`); `t` shows the counts over the stored reviews. Every change
//! goes into today's review through the store, like `recap network`.

mod form;
mod view;
mod walk;

#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use self::form::Form;
use self::walk::{Input, Walk};
use crate::error::Result;
use crate::network::layout::{MapItem, grouped};
use crate::network::review::Ask;
use crate::network::{Change, Entry, Review, words};
use crate::store::StoreError;
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::dialogs::notice::Notice;
use crate::tui::screen::{
    Binding, DIGITS, ENTER, ESC, Key, Nav, Screen, bind, moves, pasted_text, step,
};

/// What the screen is doing.
pub enum Mode {
    /// The map and the list (or the counts over time).
    Map,
    /// Adding or changing an entry.
    Form(Box<Form>),
    /// The guided walk-through.
    Walk(Box<Walk>),
}

pub struct Network {
    /// Every review of this person, oldest first.
    pub reviews: Vec<Review>,
    /// The network now (the latest review's entries).
    pub entries: Vec<Entry>,
    /// Indexes into `entries` in the order the list shows them (by ring).
    pub order: Vec<usize>,
    /// The highlighted row of `order`.
    pub selected: usize,
    pub mode: Mode,
    /// The counts over the reviews instead of the map.
    pub over_time: bool,
    /// A one-line message (what was just done).
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Add,
    Edit,
    Remove,
    Review,
    OverTime,
    FormMove,
    FormCycle,
    FormDigit,
    FormYesNo,
    FormClear,
    FormSave,
    FormCancel,
    WalkKeep,
    WalkChange,
    WalkRemove,
    WalkAnswer,
    WalkEnter,
    WalkStop,
    Type(KeyEvent),
}

const UP_DOWN_TAB: &[Key] = &[
    Key::Press(KeyCode::Up),
    Key::Press(KeyCode::Down),
    Key::Press(KeyCode::BackTab),
    Key::Press(KeyCode::Tab),
];
const LEFT_RIGHT_SPACE: &[Key] = &[
    Key::Press(KeyCode::Left),
    Key::Press(KeyCode::Right),
    Key::Char(' '),
];
const YES_NO: &[Key] = &[Key::Char('y'), Key::Char('n')];
const CLEAR: &[Key] = &[Key::Char('-'), Key::Press(KeyCode::Delete)];
const DASH: &[Key] = &[Key::Char('-')];

type B = Binding<Action>;

/// The map and the list.
static MAP: &[B] = &[
    moves("", "move between entries (also j k)", Action::Move),
    bind(
        &[Key::Char('a')],
        ("a", "add"),
        "add someone or something to your network",
        Action::Add,
    ),
    bind(
        &[Key::Press(KeyCode::Enter), Key::Char('e')],
        ("Enter", "change"),
        "change the highlighted entry (also e)",
        Action::Edit,
    ),
    bind(
        &[Key::Char('d'), Key::Press(KeyCode::Delete)],
        ("d", "remove"),
        "remove the highlighted entry (asks first)",
        Action::Remove,
    ),
    bind(
        &[Key::Char('r')],
        ("r", "review"),
        "walk through your network one entry at a time",
        Action::Review,
    ),
    bind(
        &[Key::Char('t')],
        ("t", "over time"),
        "the counts of each review over time, and back",
        Action::OverTime,
    ),
];

/// The counts over time.
static OVER_TIME: &[B] = &[bind(
    &[Key::Char('t')],
    ("t", "map"),
    "back to the map",
    Action::OverTime,
)];

#[rustfmt::skip]
static FORM_MOVE: B = bind(UP_DOWN_TAB, ("↑↓", "question"), "the previous or next question (also Shift-Tab, Tab)", Action::FormMove);
#[rustfmt::skip]
static FORM_CYCLE: B = bind(LEFT_RIGHT_SPACE, ("←→", "answer"), "the previous or next answer (also Space)", Action::FormCycle);
#[rustfmt::skip]
static FORM_DIGIT3: B = bind(DIGITS, ("1-3", ""), "choose an answer by its number", Action::FormDigit);
#[rustfmt::skip]
static FORM_DIGIT5: B = bind(DIGITS, ("1-5", ""), "choose from 1 to 5", Action::FormDigit);
#[rustfmt::skip]
static FORM_YES_NO: B = bind(YES_NO, ("y n", ""), "yes or no", Action::FormYesNo);
#[rustfmt::skip]
static FORM_CLEAR: B = bind(CLEAR, ("-", ""), "leave this question unanswered (also Delete)", Action::FormClear);
#[rustfmt::skip]
static FORM_SAVE: B = bind(ENTER, ("Enter", "save"), "save the entry in today's review", Action::FormSave);
#[rustfmt::skip]
static FORM_CANCEL: B = bind(ESC, ("Esc", "cancel"), "leave the form without saving", Action::FormCancel);

#[rustfmt::skip]
static WALK_KEEP: B = bind(&[Key::Press(KeyCode::Enter), Key::Char('k')], ("Enter", "keep"), "keep it as it is (also k)", Action::WalkKeep);
#[rustfmt::skip]
static WALK_CHANGE: B = bind(&[Key::Char('c')], ("c", "change"), "change it: each question of its kind in turn", Action::WalkChange);
#[rustfmt::skip]
static WALK_REMOVE: B = bind(&[Key::Char('r')], ("r", "remove"), "remove it from today's review on", Action::WalkRemove);
#[rustfmt::skip]
static WALK_DIGIT3: B = bind(DIGITS, ("1-3", "choose"), "choose an answer by its number", Action::WalkAnswer);
#[rustfmt::skip]
static WALK_DIGIT5: B = bind(DIGITS, ("1-5", "choose"), "choose from 1 to 5", Action::WalkAnswer);
#[rustfmt::skip]
static WALK_YES_NO: B = bind(YES_NO, ("y n", "answer"), "yes or no", Action::WalkAnswer);
#[rustfmt::skip]
static WALK_CLEAR: B = bind(DASH, ("-", ""), "leave it unanswered", Action::WalkAnswer);
#[rustfmt::skip]
static WALK_ENTER_KEEP: B = bind(ENTER, ("Enter", "keep"), "keep the answer as it is", Action::WalkEnter);
#[rustfmt::skip]
static WALK_ENTER_SKIP: B = bind(ENTER, ("Enter", "skip"), "leave it unanswered", Action::WalkEnter);
#[rustfmt::skip]
static WALK_ENTER_NAME: B = bind(ENTER, ("Enter", "next"), "take this name (empty keeps it)", Action::WalkEnter);
#[rustfmt::skip]
static WALK_ENTER_ADD: B = bind(ENTER, ("Enter", "add"), "add this name, then answer its questions", Action::WalkEnter);
#[rustfmt::skip]
static WALK_ENTER_FINISH: B = bind(ENTER, ("Enter", "finish"), "finish: the review is saved as walked through", Action::WalkEnter);
#[rustfmt::skip]
static WALK_STOP: B = bind(ESC, ("Esc", "stop"), "stop here (the changes so far are kept)", Action::WalkStop);

/// The moment changes are stored at: now, in the person's zone.
fn at(ctx: &Context) -> DateTime<FixedOffset> {
    ctx.zone.at(ctx.now)
}

/// A change the network's rules refuse (a name already there) as a
/// message; other failures as they are.
fn refused<T>(result: crate::store::StoreResult<T>) -> Result<std::result::Result<T, String>> {
    match result {
        Ok(v) => Ok(Ok(v)),
        Err(StoreError::Input(m)) => Ok(Err(m)),
        Err(e) => Err(e.into()),
    }
}

impl Network {
    pub fn open(ctx: &Context) -> Result<Network> {
        let mut s = Network {
            reviews: Vec::new(),
            entries: Vec::new(),
            order: Vec::new(),
            selected: 0,
            mode: Mode::Map,
            over_time: false,
            hint: None,
        };
        s.reload(ctx)?;
        Ok(s)
    }

    /// Reads the reviews again; `keep` (an entry id) stays highlighted.
    fn reload_on(&mut self, ctx: &Context, keep: Option<&str>) -> Result<()> {
        self.reviews = ctx.store.network_reviews(ctx.profile.id)?;
        self.entries = self
            .reviews
            .last()
            .map(|r| r.entries.clone())
            .unwrap_or_default();
        let items = MapItem::all(&self.entries);
        self.order = grouped(&items).into_iter().flat_map(|g| g.items).collect();
        if let Some(id) = keep
            && let Some(i) = self
                .order
                .iter()
                .position(|&i| self.entries.get(i).is_some_and(|e| e.id == id))
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
        Ok(())
    }

    fn reload(&mut self, ctx: &Context) -> Result<()> {
        let keep = self.selected_entry().map(|e| e.id.clone());
        self.reload_on(ctx, keep.as_deref())
    }

    /// The highlighted entry.
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.order
            .get(self.selected)
            .and_then(|&i| self.entries.get(i))
    }

    /// The map's position of the highlighted entry (an index into `entries`).
    pub fn selected_index(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    fn writable(&mut self, ctx: &Context) -> bool {
        if ctx.store.is_read_only() {
            self.hint = Some(words::SCREEN_READ_ONLY.into());
            return false;
        }
        true
    }

    fn ask_to_remove(&self, ctx: &Context) -> Nav {
        let Some(entry) = self.selected_entry().cloned() else {
            return Nav::Stay;
        };
        let profile = ctx.profile.id;
        Nav::Dialog(Box::new(Confirm::new(
            words::REMOVE_TITLE,
            words::remove_ask(&entry.name),
            ("remove", "keep it"),
            move |ctx| {
                let change = Change::Remove(entry.id.clone());
                if let Err(m) = refused(ctx.store.network_change(profile, at(ctx), &change))? {
                    return Ok(Nav::Notice {
                        title: words::REMOVE_TITLE.into(),
                        text: m,
                    });
                }
                let name = entry.name.clone();
                let notice =
                    Notice::new(words::REMOVED_TITLE, words::removed(&name)).undo(move |ctx| {
                        let change = Change::Add(entry);
                        match refused(ctx.store.network_change(profile, at(ctx), &change))? {
                            Ok(_) => Ok(Nav::Close),
                            Err(m) => Ok(Nav::Notice {
                                title: words::REMOVED_TITLE.into(),
                                text: m,
                            }),
                        }
                    });
                Ok(Nav::Dialog(Box::new(notice)))
            },
        )))
    }

    /// Saves the form (one change in today's review) and goes back to the map.
    fn save_form(&mut self, ctx: &Context) -> Result<()> {
        let Mode::Form(form) = &mut self.mode else {
            return Ok(());
        };
        let change = match form.change() {
            Ok(c) => c,
            Err(m) => {
                form.error = Some(m);
                return Ok(());
            }
        };
        let (id, message) = match &change {
            None => (form.draft.id.clone(), words::unchanged(&form.typed_name())),
            Some(Change::Add(e)) => (e.id.clone(), words::added(&e.name)),
            Some(Change::Update(e)) => (e.id.clone(), words::changed(&e.name)),
            Some(Change::Remove(id)) => (id.clone(), String::new()),
        };
        if let Some(change) = change
            && let Err(m) = refused(ctx.store.network_change(ctx.profile.id, at(ctx), &change))?
        {
            form.error = Some(m);
            return Ok(());
        }
        self.mode = Mode::Map;
        self.hint = Some(message);
        self.reload_on(ctx, Some(&id))
    }

    /// Gives the walk-through one answer; a change is stored before the
    /// next question (if it cannot be, the question stays).
    fn walk_answer(&mut self, ctx: &Context, text: &str) -> Result<()> {
        let Mode::Walk(walk) = &mut self.mode else {
            return Ok(());
        };
        let before = walk.flow.clone();
        match walk.flow.answer(text) {
            Ok(Some(change)) => match ctx.store.network_change(ctx.profile.id, at(ctx), &change) {
                Ok(_) => walk.error = None,
                Err(StoreError::Input(m)) => {
                    walk.flow = before;
                    walk.error = Some(m);
                }
                Err(e) => {
                    walk.flow = before;
                    return Err(e.into());
                }
            },
            Ok(None) => walk.error = None,
            Err(m) => walk.error = Some(m),
        }
        if walk.error.is_none() && matches!(walk.input(), Input::Name | Input::More) {
            walk.clear_name();
        }
        if walk.flow.is_done() {
            let changes = walk.flow.changes();
            let review = ctx.store.network_walked_through(ctx.profile.id, at(ctx))?;
            self.mode = Mode::Map;
            self.hint = Some(format!(
                "{} {}",
                words::walk_saved(&review.date.format("%-d %b %Y").to_string(), changes),
                words::counts(&review.measures())
            ));
            self.reload(ctx)?;
        } else {
            self.reload(ctx)?;
        }
        Ok(())
    }

    fn walk_bindings(walk: &Walk) -> Vec<&'static B> {
        let mut out: Vec<&'static B> = match walk.input() {
            Input::Decide => vec![&WALK_KEEP, &WALK_CHANGE, &WALK_REMOVE],
            Input::Name => vec![&WALK_ENTER_NAME],
            Input::More if walk.typed().trim().is_empty() => vec![&WALK_ENTER_FINISH],
            Input::More => vec![&WALK_ENTER_ADD],
            Input::Choose(ask) => {
                let mut v: Vec<&'static B> = Vec::new();
                match form::numbered(ask) {
                    3 => v.push(&WALK_DIGIT3),
                    5 => v.push(&WALK_DIGIT5),
                    _ => {}
                }
                if form::yes_no(ask) {
                    v.push(&WALK_YES_NO);
                }
                if form::optional(ask) {
                    v.push(&WALK_CLEAR);
                }
                if walk.changing() {
                    v.push(&WALK_ENTER_KEEP);
                } else if !matches!(ask, Ask::Kind | Ask::Support) {
                    v.push(&WALK_ENTER_SKIP);
                }
                v
            }
            Input::Done => Vec::new(),
        };
        out.push(&WALK_STOP);
        out
    }

    fn form_bindings(form: &Form) -> Vec<&'static B> {
        let ask = form.current();
        let mut out: Vec<&'static B> = vec![&FORM_MOVE];
        if ask != Ask::Name {
            out.push(&FORM_CYCLE);
        }
        match form::numbered(ask) {
            3 => out.push(&FORM_DIGIT3),
            5 => out.push(&FORM_DIGIT5),
            _ => {}
        }
        if form::yes_no(ask) {
            out.push(&FORM_YES_NO);
        }
        if form::optional(ask) {
            out.push(&FORM_CLEAR);
        }
        out.push(&FORM_SAVE);
        out.push(&FORM_CANCEL);
        out
    }
}

impl Screen for Network {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        match &self.mode {
            Mode::Form(form) => Network::form_bindings(form),
            Mode::Walk(walk) => Network::walk_bindings(walk),
            Mode::Map if self.over_time => OVER_TIME.iter().collect(),
            Mode::Map => {
                let any = !self.order.is_empty();
                MAP.iter()
                    .filter(|b| {
                        any || !matches!(b.action, Action::Move | Action::Edit | Action::Remove)
                    })
                    .collect()
            }
        }
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        self.typing().then_some(Action::Type(key))
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let up = matches!(
            key.code,
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab | KeyCode::Left
        );
        let digit = match key.code {
            KeyCode::Char(c) => c.to_digit(10).map(|d| d as u8),
            _ => None,
        };
        match action {
            Action::Move => self.selected = step(self.selected, self.order.len(), up, 1),
            Action::Add => {
                if self.writable(ctx) {
                    self.mode = Mode::Form(Box::new(Form::add()));
                    self.hint = None;
                }
            }
            Action::Edit => {
                if let Some(e) = self.selected_entry().cloned()
                    && self.writable(ctx)
                {
                    self.mode = Mode::Form(Box::new(Form::edit(&e)));
                    self.hint = None;
                }
            }
            Action::Remove => {
                if self.writable(ctx) {
                    return Ok(self.ask_to_remove(ctx));
                }
            }
            Action::Review => {
                if self.writable(ctx) {
                    self.mode = Mode::Walk(Box::new(Walk::new(self.entries.clone())));
                    self.over_time = false;
                    self.hint = None;
                }
            }
            Action::OverTime => self.over_time = !self.over_time,
            Action::FormMove => {
                if let Mode::Form(f) = &mut self.mode {
                    f.step(up);
                }
            }
            Action::FormCycle => {
                if let Mode::Form(f) = &mut self.mode {
                    f.cycle(!up);
                }
            }
            Action::FormDigit => {
                if let (Mode::Form(f), Some(d)) = (&mut self.mode, digit) {
                    f.digit(d);
                }
            }
            Action::FormYesNo => {
                if let Mode::Form(f) = &mut self.mode {
                    f.answer_yes_no(key.code == KeyCode::Char('y'));
                }
            }
            Action::FormClear => {
                if let Mode::Form(f) = &mut self.mode {
                    f.clear();
                }
            }
            Action::FormSave => self.save_form(ctx)?,
            Action::FormCancel => {
                self.mode = Mode::Map;
                self.hint = None;
            }
            Action::WalkKeep => self.walk_answer(ctx, "k")?,
            Action::WalkChange => self.walk_answer(ctx, "c")?,
            Action::WalkRemove => self.walk_answer(ctx, "r")?,
            Action::WalkAnswer => {
                if let KeyCode::Char(c) = key.code {
                    self.walk_answer(ctx, &c.to_string())?;
                }
            }
            Action::WalkEnter => {
                let typed = match &self.mode {
                    Mode::Walk(w) if matches!(w.input(), Input::Name | Input::More) => w.typed(),
                    _ => String::new(),
                };
                self.walk_answer(ctx, &typed)?;
            }
            Action::WalkStop => {
                if let Mode::Walk(w) = &self.mode {
                    self.hint = Some(words::walk_stopped(w.flow.changes()));
                }
                self.mode = Mode::Map;
                self.reload(ctx)?;
            }
            Action::Type(key) => match &mut self.mode {
                Mode::Form(f) => {
                    f.name.input(key);
                    f.error = None;
                }
                Mode::Walk(w) => {
                    w.name.input(key);
                }
                Mode::Map => {}
            },
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        words::SCREEN_TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn typing(&self) -> bool {
        match &self.mode {
            Mode::Form(f) => f.current() == Ask::Name,
            Mode::Walk(w) => matches!(w.input(), Input::Name | Input::More),
            Mode::Map => false,
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        if Screen::typing(self) {
            let text = pasted_text(text).replace('\n', " ");
            match &mut self.mode {
                Mode::Form(f) => {
                    f.name.insert_str(text);
                }
                Mode::Walk(w) => {
                    w.name.insert_str(text);
                }
                Mode::Map => {}
            }
        }
        Ok(Nav::Stay)
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        if matches!(self.mode, Mode::Map) {
            self.reload(ctx)?;
        }
        Ok(())
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(MAP.iter().chain(OVER_TIME).chain([
        &FORM_MOVE,
        &FORM_CYCLE,
        &FORM_DIGIT3,
        &FORM_DIGIT5,
        &FORM_YES_NO,
        &FORM_CLEAR,
        &FORM_SAVE,
        &FORM_CANCEL,
        &WALK_KEEP,
        &WALK_CHANGE,
        &WALK_REMOVE,
        &WALK_DIGIT3,
        &WALK_DIGIT5,
        &WALK_YES_NO,
        &WALK_CLEAR,
        &WALK_ENTER_KEEP,
        &WALK_ENTER_SKIP,
        &WALK_ENTER_NAME,
        &WALK_ENTER_ADD,
        &WALK_ENTER_FINISH,
        &WALK_STOP,
    ]))
}
