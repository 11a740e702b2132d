//! The review of steps at the end of a weekly check-in (or from the plan):
//! each open step of the goals in progress, one at a time, answered done,
//! in progress, not this week or let go (1-4), or skipped. Each answer is
//! stored at once, with the check-in it belongs to.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::error::Result;
use crate::plan::StepState;
use crate::plan::review::Review;
use crate::plan::words;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen};
use crate::tui::screens::results::Results;

/// Where the review goes when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// The check-in's results.
    Results,
    /// Back to the screen below (the plan).
    Back,
}

pub struct Steps {
    pub review: Review,
    pub session_id: Option<String>,
    then: Then,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Answer,
    Skip,
    Previous,
    Finish,
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[
            Key::Char('1'),
            Key::Char('2'),
            Key::Char('3'),
            Key::Char('4'),
        ],
        show: "1-4",
        label: "answer",
        help: "1 done, 2 in progress, 3 not this week, 4 let go",
        action: Action::Answer,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Tab), Key::Press(KeyCode::Right)],
        show: "Tab",
        label: "skip",
        help: "leave this step as it is (also →)",
        action: Action::Skip,
    },
    Binding {
        keys: &[Key::Press(KeyCode::BackTab), Key::Press(KeyCode::Left)],
        show: "←",
        label: "previous",
        help: "the step before (also Shift-Tab)",
        action: Action::Previous,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Enter)],
        show: "Enter",
        label: "finish",
        help: "finish; steps not answered stay as they are",
        action: Action::Finish,
    },
];

/// After a check-in, Esc goes on to its results too (never past them).
static TO_RESULTS: Binding<Action> = Binding {
    keys: &[Key::Press(KeyCode::Esc)],
    show: "Esc",
    label: "results",
    help: "the check-in's results; steps not answered stay as they are",
    action: Action::Finish,
};

impl Steps {
    pub fn new(review: Review, session_id: Option<String>, then: Then) -> Steps {
        Steps {
            review,
            session_id,
            then,
        }
    }

    fn finish(&self, ctx: &Context) -> Result<Nav> {
        Ok(match (self.then, &self.session_id) {
            (Then::Results, Some(id)) => Nav::Replace(Box::new(Results::open(ctx, id)?)),
            _ => Nav::Back,
        })
    }
}

impl Screen for Steps {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        let mut shown: Vec<&'static Binding<Action>> = BINDINGS
            .iter()
            .filter(|b| b.action != Action::Previous || self.review.at > 0)
            .collect();
        if self.then == Then::Results {
            shown.push(&TO_RESULTS);
        }
        shown
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Answer => {
                let state = match key.code {
                    KeyCode::Char('1') => StepState::Done,
                    KeyCode::Char('2') => StepState::InProgress,
                    KeyCode::Char('3') => StepState::NotThisWeek,
                    KeyCode::Char('4') => StepState::LetGo,
                    _ => return Ok(Nav::Stay),
                };
                let at = self.review.at;
                self.review.answer(state);
                // Stored before the next step is shown.
                if let Some(one) = self.review.reviews().into_iter().find(|r| {
                    self.review
                        .asked
                        .get(at)
                        .is_some_and(|a| a.step_id == r.step_id)
                }) {
                    ctx.store
                        .review_steps(self.session_id.as_deref(), &[one], ctx.now)?;
                }
            }
            Action::Skip => self.review.skip(),
            Action::Previous => self.review.back(),
            Action::Finish => return self.finish(ctx),
        }
        if self.review.is_done() {
            return self.finish(ctx);
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        words::REVIEW_TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS.iter().chain([&TO_RESULTS]))
}
