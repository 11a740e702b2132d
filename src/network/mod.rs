//! The recovery network: the people, groups, and places and services around
//! a person, as they see them, kept as dated reviews (snapshots that are
//! never rewritten). No terminal and no SQL here: the model and its rules
//! (`model`), the derived measures (`measures`), what changed between
//! reviews (`changes`), when a review is due (`due`), a review as a state
//! machine (`review`) and line by line (`lines`), the map's geometry
//! (`layout`), and the wording (`words`). The store keeps reviews
//! (`store/network.rs`).

pub mod changes;
pub mod due;
pub mod layout;
pub mod lines;
pub mod measures;
pub mod model;
pub mod review;
pub mod words;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub use measures::{Measures, measures};
pub use model::{Change, Contact, Entry, Field, Kind, NetworkError, Patch, Support};

/// One dated review: the whole network as it was that day. Each day with a
/// change (from the command line or a walk-through) has its own review;
/// earlier reviews are never changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: String,
    pub profile_id: i64,
    /// The day in the person's zone.
    pub date: NaiveDate,
    /// Their zone's UTC offset when the review began.
    pub utc_offset: FixedOffset,
    /// When its first change was made, and its last.
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Whether the person walked through every entry (`network review`),
    /// rather than only making changes from the command line.
    pub walked_through: bool,
    /// In the order they were added.
    pub entries: Vec<Entry>,
}

impl Review {
    /// The derived measures of this review.
    pub fn measures(&self) -> Measures {
        measures(&self.entries)
    }
}

/// The latest walk-through among `reviews` (oldest first): what "due" counts from.
pub fn last_walked_through(reviews: &[Review]) -> Option<NaiveDate> {
    reviews
        .iter()
        .filter(|r| r.walked_through)
        .map(|r| r.date)
        .max()
}
