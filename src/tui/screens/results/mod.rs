//! Results after a check-in, drawn from its outcome: any support message in
//! full with the contacts first, then each score with its band and the
//! band's source, change since before, the questionnaire's notice, and
//! when the next one is due. The text scrolls, with a "more" mark while
//! anything is below.

mod view;

#[cfg(test)]
mod tests;

use std::cell::Cell;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::error::{Error, Result};
use crate::outcome::Outcome;
use crate::trends::window::Window;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen, moves, pages};
use crate::tui::screens::{notes, plan, trends};

pub struct Results {
    pub session_id: String,
    /// The check-in's results, computed once (`outcome`).
    pub outcome: Outcome,
    /// The outcome as lines: support messages and contacts first, then
    /// scores, bands, sources and change, then the notice.
    pub lines: Vec<crate::outcome::text::Line>,
    /// When the next one is due, in words (`due::words::next`).
    pub next_due: Option<String>,
    pub scroll: u16,
    /// How far the text can scroll at the width last drawn.
    max_scroll: Cell<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Scroll,
    Page,
    Home,
    Trends,
    Note,
    Plan,
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Char('h')],
        show: "Enter",
        label: "home",
        help: "back to home (also h)",
        action: Action::Home,
    },
    moves("scroll", "scroll (also j k)", Action::Scroll),
    pages("ten lines at a time", Action::Page),
    Binding {
        keys: &[Key::Char('t')],
        show: "t",
        label: "trends",
        help: "this questionnaire's scores over time",
        action: Action::Trends,
    },
    notes::note_key(Action::Note),
    plan::plan_key(Action::Plan),
];

/// With a support message the key bar stays short (the message and the
/// contacts keep the room); the plan is in help.
static PLAN_IN_HELP: Binding<Action> = Binding {
    label: "",
    ..plan::plan_key(Action::Plan)
};

impl Results {
    /// The results of a completed check-in (`outcome::for_session`).
    pub fn open(ctx: &Context, session_id: &str) -> Result<Results> {
        let outcome = crate::outcome::for_session(&ctx.store, session_id, &ctx.support)?
            .ok_or_else(|| Error::Runtime(format!("session {session_id} was not found")))?;
        let id = &outcome.questionnaire.id;
        let next_due =
            crate::due::for_profile(&ctx.store, &ctx.catalog, ctx.profile.id, ctx.zone, ctx.now)?
                .iter()
                .find(|item| &item.questionnaire_id == id)
                .and_then(crate::due::words::next);
        Ok(Results {
            next_due,
            session_id: session_id.to_string(),
            lines: crate::outcome::text::lines(&outcome),
            outcome,
            scroll: 0,
            max_scroll: Cell::new(u16::MAX),
        })
    }

    fn scroll_by(&mut self, up: bool, by: u16) {
        self.scroll = self.scroll.min(self.max_scroll.get());
        self.scroll = if up {
            self.scroll.saturating_sub(by)
        } else {
            self.scroll.saturating_add(by).min(self.max_scroll.get())
        };
    }
}

impl Screen for Results {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        // Scrolling only where there is something out of sight.
        let scrolls = self.max_scroll.get() > 0;
        let quiet = !self.outcome.safety.is_empty();
        let mut shown: Vec<&'static Binding<Action>> = BINDINGS
            .iter()
            .filter(|b| scrolls || !matches!(b.action, Action::Scroll | Action::Page))
            .filter(|b| !(quiet && b.action == Action::Plan))
            .collect();
        if quiet {
            shown.push(&PLAN_IN_HELP);
        }
        shown
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp);
        Ok(match action {
            Action::Scroll => {
                self.scroll_by(up, 1);
                Nav::Stay
            }
            Action::Page => {
                self.scroll_by(up, 10);
                Nav::Stay
            }
            Action::Home => Nav::Home,
            Action::Trends => Nav::Push(Box::new(trends::Trends::open(
                ctx,
                Some(&self.outcome.questionnaire.id),
                Window::default(),
            )?)),
            Action::Note => Nav::Push(Box::new(notes::Notes::open(
                ctx,
                Some(self.session_id.clone()),
            )?)),
            Action::Plan => Nav::Push(Box::new(crate::tui::screens::plan::Plan::open(
                ctx,
                Some(self.session_id.clone()),
            )?)),
        })
    }

    fn title(&self, _ctx: &Context) -> String {
        self.outcome.questionnaire.short_title.clone()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }
}

impl Results {
    pub(super) fn set_max_scroll(&self, max: u16) {
        self.max_scroll.set(max);
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS.iter().chain([&PLAN_IN_HELP]))
}
