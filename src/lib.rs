//! recap: recovery-capital self-assessment in the terminal.
//!
//! Data flows one way: questionnaire files -> `instrument` (validated model and
//! the one scoring function) -> check-ins -> `store` (SQLite) -> `outcome`
//! (the one result model) -> TUI, plain, record, trends, exports and reports.
//! See ARCHITECTURE.md.
#![forbid(unsafe_code)]

pub mod caseload;
pub mod checkin;
pub mod cli;
pub mod commands;
pub mod config;
pub mod due;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod instrument;
pub mod network;
pub mod outcome;
pub mod paths;
pub mod plain;
pub mod plan;
pub mod recording;
pub mod reminders;
pub mod report;
pub mod store;
pub mod strings;
pub mod termtext;
pub mod timefmt;
pub mod trends;
pub mod tui;
