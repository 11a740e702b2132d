//! Views over stored sessions: per-questionnaire summaries (last done, due,
//! latest score and change) and score series for charts. Numbers come from
//! the store's cached scores, which come from the one scoring function.

pub mod summary;

pub use summary::{Due, Summary, due_state, primary_score, summaries};
