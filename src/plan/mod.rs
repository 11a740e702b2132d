//! The recovery plan: strengths and needs suggested from the latest
//! check-ins and the recovery network (`suggest.rs`, read by `gather.rs`),
//! goals in the person's own words with small steps, their states and
//! history (`model.rs`), the weekly review of steps (`review.rs`), and
//! wording (`words.rs`). No SQL (see `store/goals.rs`) and no terminal.

pub mod gather;
pub mod lines;
pub mod model;
pub mod progress;
pub mod review;
pub mod suggest;
pub mod words;

pub use model::{
    Dimension, Event, EventKind, Goal, GoalStatus, Source, SourceKind, Step, StepState,
};
pub use suggest::{Side, Suggestion, Suggestions, suggest};

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
