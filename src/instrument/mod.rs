//! Questionnaires: the file format, loading and validation, the one scoring
//! function and reliable change.

pub mod cache;
pub mod change;
pub mod chars;
pub mod file;
pub mod load;
pub mod model;
pub mod score;
pub mod shipped;
pub mod validate;

pub use load::{Catalog, LoadError, Loaded, Origin};
pub use model::{Instrument, Item, Kind, Response, ScoreDef};
pub use score::{AnswerValue, Answers, Scoring, score};
