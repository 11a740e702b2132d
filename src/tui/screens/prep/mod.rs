//! Preparing the session with the open client (`caseload::prep`): since the
//! last session, the check-ins done, what changed (reliable changes, the
//! answers that moved most), the support messages that fired, the recovery
//! network's changes and the last note. Read only; scrolls.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::caseload::prep::{Prep as Preparation, prep};
use crate::error::Result;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen, bind, moves, pages};

/// How a line of the preparation is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Text,
    Muted,
    Support,
}

pub struct Prep {
    pub prep: Preparation,
    /// The lines to show (built once; each is shortened to the width).
    pub lines: Vec<(Kind, String)>,
    /// The first line shown.
    pub scroll: usize,
    /// How many lines the last drawing had room for (End shows the last
    /// screenful).
    pub height: std::cell::Cell<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Page,
    Ends,
}

static BINDINGS: &[Binding<Action>] = &[
    moves("", "scroll a line (also j k)", Action::Move),
    pages("scroll a screenful", Action::Page),
    bind(
        &[Key::Press(KeyCode::Home), Key::Press(KeyCode::End)],
        ("Home End", ""),
        "the top or the end",
        Action::Ends,
    ),
];

/// Rows scrolled by PgUp / PgDn.
const PAGE: usize = 15;

impl Prep {
    pub fn open(ctx: &Context) -> Result<Prep> {
        let prep = prep(&ctx.store, &ctx.profile, &ctx.support)?;
        let lines = view::lines(&prep, ctx.zone);
        Ok(Prep {
            prep,
            lines,
            scroll: 0,
            height: std::cell::Cell::new(PAGE),
        })
    }
}

impl Screen for Prep {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS.iter().collect()
    }

    fn update(&mut self, action: Action, key: KeyEvent, _ctx: &mut Context) -> Result<Nav> {
        let last = self.lines.len().saturating_sub(self.height.get().max(1));
        self.scroll = match action {
            Action::Move if matches!(key.code, KeyCode::Up | KeyCode::Char('k')) => {
                self.scroll.saturating_sub(1)
            }
            Action::Move => self.scroll.saturating_add(1),
            Action::Page if key.code == KeyCode::PageUp => self.scroll.saturating_sub(PAGE),
            Action::Page => self.scroll.saturating_add(PAGE),
            Action::Ends if key.code == KeyCode::Home => 0,
            Action::Ends => last,
        }
        .min(last);
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::PREP_HEADER.to_string()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        let scroll = self.scroll;
        *self = Prep::open(ctx)?;
        self.scroll = scroll.min(self.lines.len().saturating_sub(self.height.get().max(1)));
        Ok(())
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
