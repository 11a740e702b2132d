//! "Is this check-in done alone, or together with a counselor?", asked when
//! a check-in starts where a counselor is plausible (`Context::
//! counselor_plausible`); the answer becomes the person's default.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::error::Result;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen, moves};
use crate::tui::screens::checkin;

pub struct Counselor {
    pub questionnaire_id: String,
    pub with_counselor: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Alone,
    WithCounselor,
    Move,
    Confirm,
    Cancel,
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Char('a')],
        show: "a",
        label: "alone",
        help: "alone",
        action: Action::Alone,
    },
    Binding {
        keys: &[Key::Char('c')],
        show: "c",
        label: "with a counselor",
        help: "together with a counselor",
        action: Action::WithCounselor,
    },
    moves("", "move between the two", Action::Move),
    Binding {
        keys: &[Key::Press(KeyCode::Enter)],
        show: "Enter",
        label: "confirm",
        help: "confirm the marked answer",
        action: Action::Confirm,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Esc)],
        show: "Esc",
        label: "cancel",
        help: "do not start now",
        action: Action::Cancel,
    },
];

impl Counselor {
    fn start(&self, ctx: &mut Context, with: bool) -> Result<Nav> {
        Ok(Nav::Push(checkin::begin(
            ctx,
            &self.questionnaire_id,
            with,
        )?))
    }
}

impl Screen for Counselor {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS.iter().collect()
    }

    fn update(&mut self, action: Action, _key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Alone => self.start(ctx, false),
            Action::WithCounselor => self.start(ctx, true),
            Action::Confirm => self.start(ctx, self.with_counselor),
            Action::Move => {
                self.with_counselor = !self.with_counselor;
                Ok(Nav::Stay)
            }
            Action::Cancel => Ok(Nav::Close),
        }
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::COUNSELOR_TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, _area: Rect, ctx: &Context) {
        let theme = ctx.theme;
        let option = |on: bool, text: &'static str| {
            let marker = if on { "› (●) " } else { "  ( ) " };
            let style = if on { theme.selected() } else { Style::new() };
            Line::styled(format!("{marker}{text}"), style)
        };
        let lines = vec![
            Line::raw(strings::COUNSELOR_QUESTION),
            Line::raw(""),
            option(!self.with_counselor, strings::ALONE_OPTION),
            option(self.with_counselor, strings::COUNSELOR_OPTION),
        ];
        super::draw(f, ctx, self, strings::COUNSELOR_TITLE, lines, 60);
    }
}

/// Every row of this dialog's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
