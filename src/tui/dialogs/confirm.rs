//! A yes/no question before something that is hard to undo (setting a
//! check-in aside, deleting a note, archiving a person, leaving with
//! something unsaved). What "yes" does is given as a closure, so a new
//! confirmation is one constructor call; its answer may be another dialog,
//! e.g. a notice with a way to undo.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::error::Result;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen};

type OnYes = Box<dyn FnOnce(&mut Context) -> Result<Nav>>;

pub struct Confirm {
    pub title: &'static str,
    pub text: String,
    /// The words for the two answers, e.g. "delete" and "keep".
    pub answers: super::Answers,
    on_yes: Option<OnYes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Yes,
    No,
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Char('y'), Key::Char('Y')],
        show: "y",
        label: "yes",
        help: "yes",
        action: Action::Yes,
    },
    Binding {
        keys: &[Key::Char('n'), Key::Char('N'), Key::Press(KeyCode::Esc)],
        show: "n",
        label: "no",
        help: "no (also Esc)",
        action: Action::No,
    },
];

impl Confirm {
    pub fn new(
        title: &'static str,
        text: String,
        answers: super::Answers,
        on_yes: impl FnOnce(&mut Context) -> Result<Nav> + 'static,
    ) -> Confirm {
        Confirm {
            title,
            text,
            answers,
            on_yes: Some(Box::new(on_yes)),
        }
    }
}

impl Screen for Confirm {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS.iter().collect()
    }

    fn label(&self, binding: &Binding<Action>) -> &'static str {
        let yes = matches!(binding.action, Action::Yes);
        super::answer_label(Some(yes), self.answers, binding.label)
    }

    fn update(&mut self, action: Action, _key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match (action, self.on_yes.take()) {
            (Action::Yes, Some(on_yes)) => on_yes(ctx),
            _ => Ok(Nav::Close),
        }
    }

    fn title(&self, _ctx: &Context) -> String {
        self.title.to_string()
    }

    fn view(&self, f: &mut Frame, _area: Rect, ctx: &Context) {
        super::draw(
            f,
            ctx,
            self,
            self.title,
            vec![Line::raw(self.text.clone())],
            60,
        );
    }
}

/// Every row of this dialog's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
