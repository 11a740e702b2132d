//! What is due, and when: due dates on the person's calendar
//! (`calendar`), what is due for a profile from the store with
//! switched-off questionnaires honoured (`list`), and how it is said
//! (`words`: "WHO-5 is due since 3 Dec"). Names, titles and dates only:
//! never a score or an answer.

pub mod calendar;
pub mod list;
pub mod words;

pub use calendar::{Due, day_done, due_on, is_due, state, today};
pub use list::{DueItem, NETWORK_REVIEW_ID, due_titles, for_profile, item, network_review};
