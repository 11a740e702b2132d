//! A calm message (a change that could not be saved yet, Ctrl-Z where recap
//! cannot be paused); any key closes it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::error::Result;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen};

pub struct Notice {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Close,
}

static BINDINGS: &[Binding<Action>] = &[Binding {
    keys: &[Key::Press(KeyCode::Enter), Key::Press(KeyCode::Esc)],
    show: "Enter",
    label: "close",
    help: "close (any key does)",
    action: Action::Close,
}];

impl Screen for Notice {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS.iter().collect()
    }

    fn fallback(&self, _key: KeyEvent) -> Option<Action> {
        Some(Action::Close)
    }

    fn update(&mut self, _action: Action, _key: KeyEvent, _ctx: &mut Context) -> Result<Nav> {
        Ok(Nav::Close)
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
