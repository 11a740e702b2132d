//! One folder per screen, each owning its state, binding table, update and
//! view (see `tui::screen` for the contract): home, the check-in and its
//! review, results, trends, notes, people (the picker), the caseload and
//! the session's preparation (counselors), the recovery network, the plan
//! (goals, the review of steps), and the help and support overlays.

pub mod caseload;
pub mod checkin;
pub mod help;
pub mod home;
pub mod network;
pub mod notes;
pub mod people;
pub mod plan;
pub mod prep;
pub mod results;
pub mod review;
pub mod support;
pub mod trends;
