//! Drawing helpers shared by screens (no state): charts, bars, sparklines,
//! the frame and dialog box, the text editor, text fitting.

pub mod bars;
pub mod chart;
pub mod chrome;
pub mod editor;
pub mod multiples;
pub mod spark;
pub mod table;
pub mod text;
