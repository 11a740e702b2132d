//! Offered when a person's home opens with an unfinished check-in: continue
//! it, later, or set it aside (asks first).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::confirm::Confirm;
use crate::error::Result;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen};
use crate::tui::screens::checkin;

pub struct Resume {
    pub session_id: String,
    pub title: String,
    pub answered: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Continue,
    Later,
    SetAside,
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Char('c')],
        show: "Enter",
        label: "continue",
        help: "continue where you left off (also c)",
        action: Action::Continue,
    },
    Binding {
        keys: &[Key::Char('l'), Key::Press(KeyCode::Esc)],
        show: "l",
        label: "later",
        help: "later (also Esc): it stays on home",
        action: Action::Later,
    },
    Binding {
        keys: &[Key::Char('d')],
        show: "d",
        label: "set aside",
        help: "set it aside (asks first)",
        action: Action::SetAside,
    },
];

/// "Set this check-in aside?": yes keeps its answers in the file but stops
/// offering it.
pub fn set_aside(session_id: String, title: &str) -> Confirm {
    Confirm::new(
        strings::DISCARD_TITLE,
        strings::discard_question(title),
        ("set it aside", "keep it"),
        move |ctx| {
            ctx.store.discard_session(&session_id)?;
            Ok(Nav::Home)
        },
    )
}

impl Screen for Resume {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS.iter().collect()
    }

    fn update(&mut self, action: Action, _key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        Ok(match action {
            Action::Continue => Nav::Push(checkin::open(ctx, &self.session_id)?),
            Action::Later => Nav::Close,
            Action::SetAside => {
                Nav::Dialog(Box::new(set_aside(self.session_id.clone(), &self.title)))
            }
        })
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::RESUME_TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, _area: Rect, ctx: &Context) {
        let text = strings::resume_question(&self.title, self.answered, self.total);
        super::draw(
            f,
            ctx,
            self,
            strings::RESUME_TITLE,
            vec![Line::raw(text)],
            60,
        );
    }
}

/// Every row of this dialog's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
