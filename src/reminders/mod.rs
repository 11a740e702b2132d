//! Private reminders: when they run (`at`), what they run (`job`: this
//! recap's absolute path, `due --notify`), the texts for each scheduler as
//! pure functions (`systemd`, `launchd`, `cron`, `windows`), setting them
//! up, showing and taking them away (`install`), and the notification
//! itself (`notify`: "A recap check-in is due", nothing more).

pub mod at;
pub mod cron;
pub mod install;
pub mod job;
pub mod launchd;
pub mod notify;
pub mod systemd;
pub mod windows;

pub use at::When;
pub use install::{Places, Scheduler};
pub use job::{Job, JobSpec};
