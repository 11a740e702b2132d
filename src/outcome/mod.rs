//! The one result model: what a stored check-in's results are (scores with
//! bands and their sources, change since the previous and the first
//! check-in of the period shown, verdicts only where a sourced rule exists,
//! the support messages that fired with what triggered them, the contacts in
//! force, the questionnaire's kind and notice), computed once by `build` and
//! rendered by every surface (TUI, plain, `record`, trends, reports, CSV).

pub mod build;
pub mod history;
pub mod model;
pub mod text;

pub use build::{Done, Scored, build, score_outcome, since};
pub use history::{Point, for_session, points, score_ids, tail_points};
pub use model::{
    About, BandShown, Contacts, Coverage, Outcome, Rule, SafetyMessage, ScoreOutcome, Since,
    Trigger,
};

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
