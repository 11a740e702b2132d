//! The recovery plan's screens, one folder each: the plan itself (`board`:
//! goals with their next step, strengths and needs with where each comes
//! from), setting a goal or a step (`form`), and the short review of steps
//! at the end of a weekly check-in (`steps`). Goals are never shown on the
//! picker; the privacy key hides these screens like every other.

pub mod board;
pub mod form;
pub mod steps;

pub use board::Plan;

use crate::error::Result;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav};
use crate::tui::screens::results::Results;

/// `g`: the plan, one key from home and from results.
pub const fn plan_key<A>(action: A) -> Binding<A> {
    Binding {
        keys: &[Key::Char('g')],
        show: "g",
        label: "plan",
        help: "your plan: goals, steps, and what your answers suggest",
        action,
    }
}

/// Whether a questionnaire is a weekly check-in (due every 7 days or less).
fn weekly(ctx: &Context, session_id: &str) -> Result<bool> {
    let Some(session) = ctx.store.session(session_id)? else {
        return Ok(false);
    };
    let instrument = ctx.store.snapshot_instrument(&session.snapshot_hash)?;
    Ok(instrument.due_days.is_some_and(|d| d <= 7))
}

/// Where a completed check-in goes: a weekly check-in with steps to review
/// goes to the review of steps first, then its results; any support
/// message is shown first (results), with the plan one key away.
pub fn after_checkin(ctx: &Context, session_id: &str) -> Result<Nav> {
    let results = Results::open(ctx, session_id)?;
    if results.outcome.safety.is_empty() && weekly(ctx, session_id)? {
        let goals = ctx.store.active_goals(ctx.profile.id)?;
        if let Some(review) = crate::plan::review::Review::new(&goals) {
            return Ok(Nav::Replace(Box::new(steps::Steps::new(
                review,
                Some(session_id.to_string()),
                steps::Then::Results,
            ))));
        }
    }
    Ok(Nav::Replace(Box::new(results)))
}
