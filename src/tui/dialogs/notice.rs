//! A calm message (a change that could not be saved yet, Ctrl-Z where recap
//! cannot be paused, what was just done); any key closes it. With `undo`,
//! `u` undoes what the message is about (e.g. "Moved to the trash."): the
//! undo is a closure, like a confirmation's "yes", so a confirmation can
//! answer with one of these.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::error::Result;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen};

type OnUndo = Box<dyn FnOnce(&mut Context) -> Result<Nav>>;

pub struct Notice {
    pub title: String,
    pub text: String,
    on_undo: Option<OnUndo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Undo,
    Close,
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Char('u'), Key::Char('U')],
        show: "u",
        label: "undo",
        help: "undo it",
        action: Action::Undo,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Press(KeyCode::Esc)],
        show: "Enter",
        label: "close",
        help: "close (any other key does)",
        action: Action::Close,
    },
];

impl Notice {
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Notice {
        Notice {
            title: title.into(),
            text: text.into(),
            on_undo: None,
        }
    }

    /// The message with `u` to undo what it is about.
    pub fn undo(mut self, on_undo: impl FnOnce(&mut Context) -> Result<Nav> + 'static) -> Notice {
        self.on_undo = Some(Box::new(on_undo));
        self
    }
}

impl Screen for Notice {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS
            .iter()
            .filter(|b| b.action != Action::Undo || self.on_undo.is_some())
            .collect()
    }

    fn fallback(&self, _key: KeyEvent) -> Option<Action> {
        Some(Action::Close)
    }

    fn update(&mut self, action: Action, _key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match (action, self.on_undo.take()) {
            (Action::Undo, Some(undo)) => undo(ctx),
            _ => Ok(Nav::Close),
        }
    }

    fn title(&self, _ctx: &Context) -> String {
        self.title.clone()
    }

    fn view(&self, f: &mut Frame, _area: Rect, ctx: &Context) {
        super::draw(
            f,
            ctx,
            self,
            &self.title,
            vec![Line::raw(self.text.clone())],
            64,
        );
    }
}

/// Every row of this dialog's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
