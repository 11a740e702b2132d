//! recap: recovery-capital self-assessment in the terminal.
//!
//! Data flows one way: questionnaire files -> `instrument` (validated model and
//! the one scoring function) -> check-ins -> `store` (SQLite) -> trends,
//! exports and reports. See ARCHITECTURE.md.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod commands;
pub mod error;
pub mod export;
pub mod instrument;
pub mod paths;
pub mod store;
