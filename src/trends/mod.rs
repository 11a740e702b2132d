//! Views over stored sessions: per-questionnaire summaries (last done, due,
//! latest score and change), trend series for charts, the check-ins under a
//! chart with change and reliable change, comparisons, text tables, and the
//! recovery network's counts per review, and goals' progress beside their
//! dimension's scores.
//! Numbers come from the store's cached scores, which come from the one
//! scoring function.

pub mod axis;
pub mod compare;
pub mod edges;
pub mod goals;
pub mod network;
pub mod people;
pub mod rows;
pub mod series;
pub mod summary;
pub mod table;
pub mod thin;
pub mod window;
pub mod yscale;

pub use series::{ChartData, Trend, View};
pub use summary::{Due, Summary, due_state, primary_score, summaries, summaries_in};
pub use window::Window;
