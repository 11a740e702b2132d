//! Trends: a questionnaire's scores over time, the check-ins underneath,
//! and the views on top (one check-in's answers, two compared, one
//! question over time). `state` holds what is shown, `load` reads the store
//! when anything switches (never while drawing), `keys` is the binding
//! table, `view` and `details` draw.

mod details;
pub mod keys;
pub mod load;
pub mod state;
mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};

use self::keys::{Action, DETAIL, EMPTY, ITEM, MAIN, WINDOW_EMPTY};
use self::load::{Ctx, Then};
pub use self::state::{Detail, Trends};
use crate::error::Result;
use crate::strings;
use crate::trends::window::Window;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Nav, Screen};
use crate::tui::screens::{checkin, notes};

impl Trends {
    /// The screen on a questionnaire; without one, on the first with check-ins.
    pub fn open(ctx: &Context, questionnaire_id: Option<&str>, window: Window) -> Result<Trends> {
        load::open(&Ctx::of(ctx), questionnaire_id, window)
    }
}

impl Screen for Trends {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        let table = match self.stack.last() {
            None if self.trend.is_none() => keys::BACK_ONLY,
            None if !self.has_data() => EMPTY,
            None if self.rows.is_empty() => WINDOW_EMPTY,
            None => MAIN,
            Some(Detail::Session(_) | Detail::Compare(_)) => DETAIL,
            Some(Detail::Item(_)) => ITEM,
        };
        let session = matches!(self.stack.last(), Some(Detail::Session(_)));
        table
            .iter()
            .filter(|b| match b.action {
                Action::ToggleOverview => self.overview.is_some(),
                Action::NextView => self.views.len() > 1,
                Action::Note => session,
                Action::NextQuestionnaire | Action::PreviousQuestionnaire => self.ids.len() > 1,
                _ => true,
            })
            .collect()
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        let up = matches!(
            key.code,
            KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp | KeyCode::Home
        );
        let action = match (action, key.code) {
            (Action::OtherItem, KeyCode::Left | KeyCode::BackTab) => Action::PreviousItem,
            (Action::OtherItem, _) => Action::NextItem,
            (other, _) => other,
        };
        match load::run(&Ctx::of(ctx), self, action, up)? {
            Then::Stay => Ok(Nav::Stay),
            Then::Back => Ok(Nav::Back),
            Then::CheckIn(id) => checkin::start(ctx, &id),
            Then::Note(session) => Ok(Nav::Push(Box::new(notes::Notes::open(ctx, Some(session))?))),
        }
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::TRENDS_TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, ctx, self, area.inner(Margin::new(1, 0)));
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        // Back from a check-in started here: show it.
        if self.stack.is_empty() {
            let (selected, window) = (self.selected, self.window);
            load::load(&Ctx::of(ctx), self)?;
            self.window = window;
            self.selected = selected.min(self.rows.len().saturating_sub(1));
        }
        Ok(())
    }
}
