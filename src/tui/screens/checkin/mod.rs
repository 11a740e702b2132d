//! The check-in: the questionnaire's instructions, then one question per
//! screen (choice, yes/no, number or free text). Every answer is written
//! before the next question shows; free text is written while it is typed
//! (`tui::draft`). Submitting happens on the review screen (`review`),
//! which shares the running check-in (`answering`).

pub mod answering;
pub mod keys;
mod view;

#[cfg(test)]
mod tests;

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use self::answering::{Answering, Done, not_found};
use self::keys::{Action, CHOICE, INTRO, NUMBER, PENDING, TEXT};
use crate::checkin::{CheckIn as Machine, Step, answer_input};
use crate::error::{Error, Result};
use crate::instrument::{AnswerValue, Response};
use crate::store::error::Temporary;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::dialogs::counselor::Counselor;
use crate::tui::draft::Draft;
use crate::tui::screen::{Binding, Nav, Page, Screen, pasted_text};
use crate::tui::widgets::editor::{editor, text_of};

pub struct CheckIn {
    pub run: Answering,
    /// Highlighted option.
    pub cursor: usize,
    /// Digits typed for a number question.
    pub number: String,
    /// The editor for free-text questions.
    pub editor: TextArea<'static>,
    /// A calm one-line hint after a key that could not be used.
    pub hint: Option<String>,
    /// Words typed and not written yet.
    draft: Draft,
}

/// The screen for a stored session: its question, or the review when every
/// question has been seen.
pub fn open(ctx: &Context, session_id: &str) -> Result<Box<dyn Page>> {
    let session = ctx
        .store
        .session(session_id)?
        .ok_or_else(|| not_found(session_id))?;
    let instrument = (*ctx.store.snapshot_instrument(&session.snapshot_hash)?).clone();
    let answers = ctx.store.answers(session_id)?;
    let run = Answering {
        session_id: session_id.to_string(),
        title: instrument.short_title.clone(),
        machine: Machine::new(instrument, answers),
        pending: None,
    };
    Ok(match run.machine.step() {
        Step::Review => Box::new(crate::tui::screens::review::Review::new(run)),
        _ => Box::new(CheckIn::new(run)),
    })
}

/// Starts a check-in of a questionnaire: its unfinished session if there
/// is one; otherwise asks "alone or with a counselor?" where that is
/// plausible, or begins at once.
pub fn start(ctx: &mut Context, questionnaire_id: &str) -> Result<Nav> {
    let loaded = ctx
        .catalog
        .get(questionnaire_id)
        .ok_or_else(|| Error::Input(format!("no questionnaire {questionnaire_id:?}")))?;
    let id = loaded.instrument.id.clone();
    let unfinished = ctx.store.unfinished_sessions(ctx.profile.id)?;
    if let Some(s) = unfinished.into_iter().find(|s| s.questionnaire_id == id) {
        return Ok(Nav::Push(open(ctx, &s.id)?));
    }
    // Done today already: asked first, so a form is not entered twice.
    let today = crate::due::today(ctx.zone, ctx.now);
    let done_today = ctx
        .store
        .last_completed(ctx.profile.id)?
        .into_iter()
        .any(|(q, at)| q == id && crate::due::day_done(ctx.zone, at) == today);
    if done_today {
        let text = strings::already_done_today(&loaded.instrument.short_title);
        return Ok(Nav::Dialog(Box::new(Confirm::new(
            strings::ALREADY_DONE_TODAY_TITLE,
            text,
            ("start another", "not now"),
            move |ctx| start_new(ctx, &id),
        ))));
    }
    start_new(ctx, &id)
}

/// Starts a new session of `id`: asks "alone or with a counselor?" where
/// that is plausible, or begins at once.
fn start_new(ctx: &mut Context, id: &str) -> Result<Nav> {
    let id = id.to_string();
    if ctx.counselor_plausible()? {
        return Ok(Nav::Dialog(Box::new(Counselor {
            questionnaire_id: id,
            with_counselor: ctx.profile.counselor_default,
        })));
    }
    let with = ctx.profile.counselor_default;
    Ok(Nav::Push(begin(ctx, &id, with)?))
}

/// Starts a new session; the answer to "with a counselor?" becomes the
/// person's default.
pub fn begin(
    ctx: &mut Context,
    questionnaire_id: &str,
    with_counselor: bool,
) -> Result<Box<dyn Page>> {
    let loaded = ctx
        .catalog
        .get(questionnaire_id)
        .ok_or_else(|| Error::Input(format!("no questionnaire {questionnaire_id:?}")))?;
    if with_counselor != ctx.profile.counselor_default {
        ctx.store
            .set_counselor_default(ctx.profile.id, with_counselor)?;
        ctx.profile.counselor_default = with_counselor;
    }
    let session = ctx
        .store
        .start_session(ctx.profile.id, loaded, with_counselor, ctx.now)?;
    open(ctx, &session.id)
}

impl CheckIn {
    pub fn new(run: Answering) -> CheckIn {
        let mut screen = CheckIn {
            run,
            cursor: 0,
            number: String::new(),
            editor: editor(strings::EDITOR_TITLE, "", strings::EDITOR_PLACEHOLDER),
            hint: None,
            draft: Draft::default(),
        };
        screen.sync();
        screen
    }

    fn response(&self) -> Option<&Response> {
        self.run.machine.current_item().map(|i| &i.response)
    }

    fn on_text(&self) -> bool {
        matches!(self.run.machine.step(), Step::Item(_)) && self.response() == Some(&Response::Text)
    }

    /// Prepares cursor, number and editor for the current question.
    fn sync(&mut self) {
        self.hint = None;
        self.number.clear();
        self.draft = Draft::default();
        let Some(item) = self.run.machine.current_item().cloned() else {
            return;
        };
        let current = self.run.machine.answers().get(&item.id).cloned();
        match (&item.response, current) {
            (Response::Text, Some(AnswerValue::Text(t))) => {
                self.editor = editor(strings::EDITOR_TITLE, &t, strings::EDITOR_PLACEHOLDER)
            }
            (Response::Text, _) => {
                self.editor = editor(strings::EDITOR_TITLE, "", strings::EDITOR_PLACEHOLDER)
            }
            (Response::Number { .. }, Some(AnswerValue::Number(n))) => self.number = n.to_string(),
            (_, Some(AnswerValue::Number(n))) => {
                self.cursor = item
                    .options()
                    .iter()
                    .position(|o| o.value == n)
                    .unwrap_or(0);
            }
            _ => self.cursor = 0,
        }
    }

    /// After a machine action: a hint, or the next question (or screen).
    fn after(&mut self, done: Done, ctx: &Context) -> Result<Nav> {
        match done {
            Done::Refused(hint) => {
                self.hint = Some(hint);
                Ok(Nav::Stay)
            }
            Done::Kept => {
                self.hint = None;
                Ok(Nav::Stay)
            }
            Done::Moved => {
                let nav = self.run.next(ctx, false)?;
                if matches!(nav, Nav::Stay) {
                    self.sync();
                }
                Ok(nav)
            }
        }
    }

    /// Writes the words in the editor now, if any are not written yet.
    fn keep_words(&mut self, ctx: &Context) -> Result<()> {
        if !self.on_text() || !self.draft.dirty() {
            return Ok(());
        }
        let text = text_of(&self.editor);
        match self.run.keep_words(ctx, &text)? {
            Ok(()) => self.draft.written(),
            Err(kind) => self.draft.failed(kind),
        }
        Ok(())
    }

    fn choose_number(&mut self, ctx: &Context, key: KeyEvent) -> Result<Nav> {
        let KeyCode::Char(c) = key.code else {
            return Ok(Nav::Stay);
        };
        let Some(value) = c.to_digit(10).map(i64::from) else {
            return Ok(Nav::Stay);
        };
        let Some(item) = self.run.machine.current_item().cloned() else {
            return Ok(Nav::Stay);
        };
        match answer_input::option_for_key(&item, value) {
            Some(index) => {
                self.cursor = index;
                let done = self
                    .run
                    .drive(ctx, |m| m.answer(AnswerValue::Number(value)))?;
                self.after(done, ctx)
            }
            None => {
                let range = answer_input::keys_choose(&item)
                    .then(|| item.value_range())
                    .flatten();
                self.hint = Some(strings::choose_between(range));
                Ok(Nav::Stay)
            }
        }
    }

    fn select(&mut self, ctx: &Context) -> Result<Nav> {
        let Some(item) = self.run.machine.current_item().cloned() else {
            return Ok(Nav::Stay);
        };
        let value = match &item.response {
            Response::Number { .. } => match self.number.parse::<i64>() {
                Ok(v) => v,
                Err(_) => {
                    self.hint = Some(strings::TYPE_A_NUMBER.to_string());
                    return Ok(Nav::Stay);
                }
            },
            _ => match item.options().get(self.cursor) {
                Some(o) => o.value,
                None => return Ok(Nav::Stay),
            },
        };
        let done = self
            .run
            .drive(ctx, |m| m.answer(AnswerValue::Number(value)))?;
        self.after(done, ctx)
    }

    fn move_cursor(&mut self, up: bool) {
        let Some(item) = self.run.machine.current_item() else {
            return;
        };
        match &item.response {
            Response::Number { min, max, .. } => {
                let next = match self.number.parse::<i64>().ok() {
                    None => *min,
                    Some(v) if up => (v + 1).min(*max),
                    Some(v) => (v - 1).max(*min),
                };
                self.number = next.to_string();
            }
            _ => {
                let count = item.options().len();
                self.cursor = crate::tui::screen::step(self.cursor, count, up, 1);
            }
        }
    }
}

fn is_up(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Up | KeyCode::Char('k'))
}

impl Screen for CheckIn {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        if self.run.pending.is_some() {
            return PENDING.iter().collect();
        }
        let machine = &self.run.machine;
        let item = machine.current_item();
        let table = match (machine.step(), item.map(|i| &i.response)) {
            (Step::Intro, _) => INTRO,
            (_, Some(Response::Text)) => TEXT,
            (_, Some(Response::Number { .. })) => NUMBER,
            (_, Some(_)) => CHOICE,
            _ => &[],
        };
        let back = machine.can_go_back();
        let optional = item.is_some_and(|i| !i.required);
        let digits = item.is_some_and(answer_input::keys_choose);
        table
            .iter()
            .filter(|b| match b.action {
                Action::Previous => back,
                Action::Skip => optional,
                Action::Choose => digits,
                // Enter alone where the digits do not choose.
                Action::Select if std::ptr::eq(table, CHOICE) => !digits,
                _ => true,
            })
            .collect()
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        (self.on_text() && self.run.pending.is_none()).then_some(Action::Edit(key))
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let ctx = &*ctx;
        match action {
            Action::Begin => {
                let done = self.run.drive(ctx, Machine::begin)?;
                self.after(done, ctx)
            }
            Action::Move => {
                self.move_cursor(is_up(&key));
                Ok(Nav::Stay)
            }
            Action::Choose if matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()) => {
                self.choose_number(ctx, key)
            }
            Action::Choose => self.select(ctx),
            Action::Leave => Ok(Nav::Back),
            Action::Select => self.select(ctx),
            Action::Digit => {
                if let KeyCode::Char(d) = key.code
                    && self.number.len() < 9
                {
                    self.number.push(d);
                }
                self.hint = None;
                Ok(Nav::Stay)
            }
            Action::Erase => {
                self.number.pop();
                Ok(Nav::Stay)
            }
            Action::Previous => {
                self.keep_words(ctx)?;
                let done = self.run.drive(ctx, Machine::back)?;
                self.after(done, ctx)
            }
            Action::Skip => {
                let done = self.run.drive(ctx, Machine::skip)?;
                self.after(done, ctx)
            }
            Action::SaveText => {
                let text = text_of(&self.editor);
                let done = self.run.drive(ctx, |m| m.answer(AnswerValue::Text(text)))?;
                self.after(done, ctx)
            }
            Action::Edit(key) => {
                if self.editor.input(key) {
                    self.draft.touch(key.code == KeyCode::Enter);
                    self.hint = None;
                }
                Ok(Nav::Stay)
            }
            Action::Retry => {
                let done = self.run.retry(ctx)?;
                self.after(done, ctx)
            }
        }
    }

    fn title(&self, _ctx: &Context) -> String {
        self.run.title.clone()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn typing(&self) -> bool {
        self.on_text() && self.run.pending.is_none()
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        if Screen::typing(self) {
            self.editor.insert_str(pasted_text(text));
            self.draft.touch(true);
        } else if matches!(self.run.machine.step(), Step::Item(_)) {
            self.hint = Some(strings::PASTE_NOT_AN_ANSWER.to_string());
        }
        Ok(Nav::Stay)
    }

    fn tick(&mut self, ctx: &mut Context) -> Result<()> {
        if self.draft.due(Instant::now()) {
            self.keep_words(ctx)?;
        }
        Ok(())
    }

    fn flush(&mut self, ctx: &mut Context) -> Result<()> {
        if self.run.pending.is_some() {
            self.run.retry(ctx)?;
        }
        self.keep_words(ctx)?;
        match Screen::unsaved(self) {
            Some(kind) => Err(Error::Temporary(kind)),
            None => Ok(()),
        }
    }

    fn unsaved(&self) -> Option<Temporary> {
        self.run
            .pending
            .as_ref()
            .map(|p| p.problem)
            .or(self.draft.problem.map(|(kind, _)| kind))
    }
}
