//! Trends: a questionnaire's scores over time, the check-ins underneath,
//! and the views on top (one check-in's answers, two compared, one
//! question over time). `state` holds what is shown, `load` reads the store
//! when anything switches (never while drawing), `keys` is the binding
//! table, `view` and `details` draw. D on a check-in's answers moves it
//! to the trash, with a way to undo; a corrects the highlighted answer
//! (`amend`), and the view shows every correction.

mod amend;
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
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::dialogs::notice::Notice;
use crate::tui::screen::{Binding, Nav, Screen};
use crate::tui::screens::{checkin, notes};

impl Trends {
    /// The screen on a questionnaire; without one, on the first with check-ins.
    pub fn open(ctx: &Context, questionnaire_id: Option<&str>, window: Window) -> Result<Trends> {
        load::open(&Ctx::of(ctx), questionnaire_id, window)
    }
}

impl Trends {
    /// D on a check-in's answers: asks, moves it to the trash, then offers
    /// to undo (`u` restores it).
    fn ask_to_trash(&self) -> Nav {
        let Some(Detail::Session(s)) = self.stack.last() else {
            return Nav::Stay;
        };
        let title = self
            .trend
            .as_ref()
            .map(|t| t.instrument.short_title.clone())
            .unwrap_or_default();
        let when = view::date_time(s.local);
        let id = s.session_id.clone();
        Nav::Dialog(Box::new(Confirm::new(
            strings::TRASH_ASK_TITLE,
            strings::trash_ask(&title, &when),
            ("move to the trash", "keep it"),
            move |ctx| {
                ctx.store.trash_session(&id, ctx.now)?;
                let notice =
                    Notice::new(strings::TRASH_DONE_TITLE, strings::TRASH_DONE).undo(move |ctx| {
                        ctx.store.restore_session(&id)?;
                        Ok(Nav::Close)
                    });
                Ok(Nav::Dialog(Box::new(notice)))
            },
        )))
    }

    /// a on a check-in's answers: the correction dialog for the highlighted one.
    fn ask_to_amend(&self, ctx: &Context) -> Result<Nav> {
        let Some(Detail::Session(s)) = self.stack.last() else {
            return Ok(Nav::Stay);
        };
        let Some(row) = s.answers.get(s.cursor) else {
            return Ok(Nav::Stay);
        };
        let Some(session) = ctx.store.session(&s.session_id)? else {
            return Ok(Nav::Stay);
        };
        let instrument = ctx.store.snapshot_instrument(&session.snapshot_hash)?;
        let Some(item) = instrument.item(&row.item_id) else {
            return Ok(Nav::Stay);
        };
        if ctx.store.is_read_only() {
            return Ok(Nav::Notice {
                title: strings::AMEND_TITLE.into(),
                text: strings::READ_ONLY_BANNER.into(),
            });
        }
        Ok(Nav::Dialog(Box::new(amend::Amend::new(
            &s.session_id,
            &instrument,
            item,
            row.answer.as_ref(),
        ))))
    }

    /// Whether a check-in shown in a view on top is in the trash now.
    fn shows_trashed(&self, ctx: &Context) -> Result<bool> {
        for detail in &self.stack {
            if let Detail::Session(s) = detail {
                let session = ctx.store.session(&s.session_id)?;
                if session.is_none_or(|s| s.deleted_at.is_some()) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
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
                Action::Note | Action::Delete | Action::Amend => session,
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
        if action == Action::Delete {
            return Ok(self.ask_to_trash());
        }
        if action == Action::Amend {
            return self.ask_to_amend(ctx);
        }
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
        // Back from a check-in started here: show it. A check-in moved to
        // the trash leaves its views, and the list is read again.
        if self.stack.is_empty() || self.shows_trashed(ctx)? {
            let (selected, window) = (self.selected, self.window);
            load::load(&Ctx::of(ctx), self)?;
            self.window = window;
            self.selected = selected.min(self.rows.len().saturating_sub(1));
        } else if let Some(Detail::Session(s)) = self.stack.last()
            && ctx.store.amendments(&s.session_id)?.len() != s.amendments.len()
        {
            // An answer was corrected: new scores, and the correction shown.
            load::reload_session(&Ctx::of(ctx), self)?;
        }
        Ok(())
    }
}

/// Every row of the trends screen's binding tables, the correction's too.
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    let mut rows = keys::every_key();
    rows.extend(amend::every_key());
    rows
}
