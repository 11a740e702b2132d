//! Small drawing helpers shared by screens.

pub mod bars;
pub mod chart;
pub mod chrome;
pub mod multiples;
pub mod spark;
pub mod text;
