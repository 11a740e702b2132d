//! One module per screen; each draws from state only.

pub mod checkin;
pub mod home;
pub mod notes;
pub mod overlays;
pub mod profiles;
pub mod results;
pub mod trends;
