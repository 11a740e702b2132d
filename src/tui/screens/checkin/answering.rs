//! A check-in being answered, shared by the question and review screens:
//! the session, the state machine and an answer kept in memory while the
//! store cannot take it. Every machine action's effects are written
//! (`recording::apply`) before the check-in moves on; a temporary failure
//! (another recap writing, a full disk) keeps the answer here with a key to
//! try again, and any other failure ends the app as before.

use crate::checkin::{CheckIn as Machine, CheckInError, Effect, Step};
use crate::error::{Error, Result};
use crate::recording;
use crate::store::error::Temporary;
use crate::tui::context::Context;
use crate::tui::screen::Nav;

/// An answer kept in memory until the store accepts it: the machine stays
/// at the question until every effect is written, then becomes `after`.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The check-in as it will be once the effects are written.
    pub after: Machine,
    pub effects: Vec<Effect>,
    /// Effects before this index are already written.
    pub written: usize,
    /// Why the last try failed.
    pub problem: Temporary,
}

#[derive(Debug, Clone)]
pub struct Answering {
    pub session_id: String,
    pub title: String,
    pub machine: Machine,
    pub pending: Option<Pending>,
}

/// What an action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Written; the machine moved (or stayed where the action leaves it).
    Moved,
    /// Kept in memory, not written yet (see `pending`).
    Kept,
    /// The machine refused: a calm sentence for the person.
    Refused(String),
}

impl Answering {
    /// Writes `effects[from..]` of an action whose result is `after`.
    fn commit(
        &mut self,
        ctx: &Context,
        after: Machine,
        effects: Vec<Effect>,
        from: usize,
    ) -> Result<Done> {
        let mut written = from;
        for effect in effects.iter().skip(from) {
            match recording::apply(&ctx.store, &self.session_id, effect, ctx.now) {
                Ok(()) => written += 1,
                Err(e) => {
                    let Some(problem) = e.temporary() else {
                        return Err(e.into());
                    };
                    self.pending = Some(Pending {
                        after,
                        effects,
                        written,
                        problem,
                    });
                    return Ok(Done::Kept);
                }
            }
        }
        self.pending = None;
        self.machine = after;
        Ok(Done::Moved)
    }

    /// Runs the machine action `f` on a copy; the copy becomes the check-in
    /// once its effects are written. Nothing new while an answer waits.
    pub fn drive(
        &mut self,
        ctx: &Context,
        f: impl FnOnce(&mut Machine) -> std::result::Result<Vec<Effect>, CheckInError>,
    ) -> Result<Done> {
        if self.pending.is_some() {
            return Ok(Done::Kept);
        }
        let mut after = self.machine.clone();
        match f(&mut after) {
            Ok(effects) => self.commit(ctx, after, effects, 0),
            Err(e) => Ok(Done::Refused(e.to_string())),
        }
    }

    /// Tries again to write the answer kept after a temporary failure.
    pub fn retry(&mut self, ctx: &Context) -> Result<Done> {
        match self.pending.take() {
            Some(p) => self.commit(ctx, p.after, p.effects, p.written),
            None => Ok(Done::Moved),
        }
    }

    /// Writes words typed into the current free-text question (a draft);
    /// a temporary failure is returned for the screen to show and retry.
    pub fn keep_words(
        &mut self,
        ctx: &Context,
        text: &str,
    ) -> Result<std::result::Result<(), Temporary>> {
        if self.pending.is_some() {
            return Ok(Err(self
                .pending
                .as_ref()
                .map_or(Temporary::Busy, |p| p.problem)));
        }
        let mut after = self.machine.clone();
        let Ok(effects) = after.draft(text) else {
            // Too long, or not a text question: nothing to keep here.
            return Ok(Ok(()));
        };
        for effect in &effects {
            if let Err(e) = recording::apply(&ctx.store, &self.session_id, effect, ctx.now) {
                return match e.temporary() {
                    Some(kind) => Ok(Err(kind)),
                    None => Err(e.into()),
                };
            }
        }
        self.machine = after;
        Ok(Ok(()))
    }

    /// The screen for where the machine is now: the same kind of screen
    /// stays; a question, the review or the results replaces it.
    pub fn next(&self, ctx: &Context, on_review: bool) -> Result<Nav> {
        Ok(match self.machine.step() {
            Step::Submitted => crate::tui::screens::plan::after_checkin(ctx, &self.session_id)?,
            Step::Review if !on_review => Nav::Replace(Box::new(
                crate::tui::screens::review::Review::new(self.clone()),
            )),
            Step::Intro | Step::Item(_) if on_review => {
                Nav::Replace(Box::new(super::CheckIn::new(self.clone())))
            }
            _ => Nav::Stay,
        })
    }
}

/// A session that could not be found (removed by another recap meanwhile).
pub fn not_found(session_id: &str) -> Error {
    Error::Runtime(format!("session {session_id} was not found"))
}
