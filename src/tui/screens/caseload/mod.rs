//! The counselor's private caseload (`caseload::caseload`): per client the
//! last check-in, session and note, what is due, the latest headline scores
//! with their direction, reliable changes and support messages since the
//! last session; sorted by what is due or by decline (`o` switches).
//! Reached only from the picker, never inside a client session (the app
//! refuses it there); opening a client asks first, naming only them.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::caseload::{self, ClientRow, SortBy};
use crate::error::Result;
use crate::store::Profile;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::screen::{Binding, ENTER, Key, Nav, Screen, bind, moves, pages, step};

pub struct Caseload {
    pub rows: Vec<ClientRow>,
    pub order: SortBy,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Page,
    Ends,
    ByDecline,
    ByDue,
    Open,
}

static BINDINGS: &[Binding<Action>] = &[
    moves("", "move between clients (also j k)", Action::Move),
    pages("ten clients up or down", Action::Page),
    bind(
        &[Key::Press(KeyCode::Home), Key::Press(KeyCode::End)],
        ("Home End", ""),
        "the first or last client",
        Action::Ends,
    ),
    bind(
        &[Key::Char('o')],
        ("o", "by decline"),
        "declines and support messages first",
        Action::ByDecline,
    ),
    bind(
        &[Key::Char('o')],
        ("o", "by due"),
        "what is due first",
        Action::ByDue,
    ),
    bind(
        ENTER,
        ("Enter", "open"),
        "open this client's session (asks first)",
        Action::Open,
    ),
];

impl Caseload {
    pub fn open(ctx: &Context) -> Result<Caseload> {
        let mut screen = Caseload {
            rows: Vec::new(),
            order: SortBy::Due,
            selected: 0,
        };
        screen.reload(ctx)?;
        Ok(screen)
    }

    fn reload(&mut self, ctx: &Context) -> Result<()> {
        let id = self.rows.get(self.selected).map(|r| r.profile_id);
        self.rows =
            caseload::caseload(&ctx.store, &ctx.catalog, &ctx.support, ctx.now, self.order)?;
        self.selected = id
            .and_then(|id| self.rows.iter().position(|r| r.profile_id == id))
            .unwrap_or(0);
        Ok(())
    }

    fn profile(&self, ctx: &Context) -> Result<Option<Profile>> {
        let Some(row) = self.rows.get(self.selected) else {
            return Ok(None);
        };
        Ok(ctx
            .store
            .profiles(false)?
            .into_iter()
            .find(|p| p.id == row.profile_id))
    }
}

impl Screen for Caseload {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS
            .iter()
            .filter(|b| match b.action {
                Action::ByDecline => self.order != SortBy::Decline,
                Action::ByDue => self.order == SortBy::Decline,
                Action::Open => !self.rows.is_empty(),
                Action::Move | Action::Page | Action::Ends => self.rows.len() > 1,
            })
            .collect()
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let rows = self.rows.len();
        match action {
            Action::Move => {
                let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
                self.selected = step(self.selected, rows, up, 1);
            }
            Action::Page => {
                self.selected = step(self.selected, rows, key.code == KeyCode::PageUp, 10);
            }
            Action::Ends => {
                self.selected = step(self.selected, rows, key.code == KeyCode::Home, usize::MAX);
            }
            Action::ByDecline | Action::ByDue => {
                self.order = if action == Action::ByDecline {
                    SortBy::Decline
                } else {
                    SortBy::Due
                };
                caseload::sort(&mut self.rows, self.order);
                self.selected = 0;
            }
            Action::Open => {
                if let Some(profile) = self.profile(ctx)? {
                    return Ok(Nav::Dialog(Box::new(Confirm::new(
                        strings::OPEN_TITLE,
                        strings::open_question(&profile.name),
                        ("open", "cancel"),
                        move |_| Ok(Nav::Person(profile)),
                    ))));
                }
            }
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::CASELOAD_HEADER.to_string()
    }

    fn anonymous(&self) -> bool {
        true
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        self.reload(ctx)
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
