//! The review before submitting: every question with its whole answer
//! (wrapped, never cut), a row to submit, and the key to change any answer.
//! It scrolls to keep the highlighted row in sight.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::checkin::answering::{Answering, Done};
use super::checkin::keys::{previous, to_home};
use crate::checkin::CheckIn as Machine;
use crate::error::{Error, Result};
use crate::store::error::Temporary;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, ENTER, Key, Nav, Screen, moves, pages, step};

pub struct Review {
    pub run: Answering,
    /// The highlighted row: a question, or (last) "submit".
    pub cursor: usize,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Page,
    /// Enter: change the highlighted answer, or submit.
    Open,
    /// The last question.
    Previous,
    Retry,
    Leave,
}

static BINDINGS: &[Binding<Action>] = &[
    moves("move", "move between the answers (also j k)", Action::Move),
    pages("five answers at a time", Action::Page),
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "change / submit",
        help: "change the highlighted answer, or submit on the last row",
        action: Action::Open,
    },
    previous(Action::Previous),
    to_home(Action::Leave),
];

static PENDING: &[Binding<Action>] = &[Binding {
    keys: &[Key::Char('r'), Key::Char('R'), Key::Press(KeyCode::Enter)],
    show: "r",
    label: "try again",
    help: "write the check-in again",
    action: Action::Retry,
}];

/// How far PageUp / PageDown move.
const PAGE: usize = 5;

impl Review {
    /// The review with "submit" highlighted.
    pub fn new(run: Answering) -> Review {
        let cursor = run.machine.instrument().items.len();
        Review {
            run,
            cursor,
            hint: None,
        }
    }

    fn rows(&self) -> usize {
        self.run.machine.instrument().items.len() + 1
    }

    fn after(&mut self, done: Done, ctx: &Context) -> Result<Nav> {
        match done {
            Done::Refused(hint) => {
                self.hint = Some(hint);
                Ok(Nav::Stay)
            }
            Done::Kept => Ok(Nav::Stay),
            Done::Moved => self.run.next(ctx, true),
        }
    }
}

impl Screen for Review {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        if self.run.pending.is_some() {
            PENDING.iter().collect()
        } else {
            BINDINGS.iter().collect()
        }
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let ctx = &*ctx;
        let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp);
        match action {
            Action::Move => self.cursor = step(self.cursor, self.rows(), up, 1),
            Action::Page => self.cursor = step(self.cursor, self.rows(), up, PAGE),
            Action::Open => {
                let cursor = self.cursor;
                let done = if cursor >= self.run.machine.instrument().items.len() {
                    self.run.drive(ctx, Machine::submit)?
                } else {
                    self.run.drive(ctx, |m| m.edit(cursor))?
                };
                return self.after(done, ctx);
            }
            Action::Previous => {
                let done = self.run.drive(ctx, Machine::back)?;
                return self.after(done, ctx);
            }
            Action::Retry => {
                let done = self.run.retry(ctx)?;
                return self.after(done, ctx);
            }
            Action::Leave => return Ok(Nav::Back),
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        self.run.title.clone()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn flush(&mut self, ctx: &mut Context) -> Result<()> {
        if self.run.pending.is_some() {
            self.run.retry(ctx)?;
        }
        match Screen::unsaved(self) {
            Some(kind) => Err(Error::Temporary(kind)),
            None => Ok(()),
        }
    }

    fn unsaved(&self) -> Option<Temporary> {
        self.run.pending.as_ref().map(|p| p.problem)
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS.iter().chain(PENDING))
}
