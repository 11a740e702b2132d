//! Small drawing helpers shared by screens.

pub mod chrome;
pub mod spark;
pub mod text;
