//! How dates are shown: in the local time zone when running, in UTC in tests
//! (so screens rendered in tests do not depend on the machine's zone).

use chrono::{DateTime, FixedOffset, Local, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Utc,
}

impl Zone {
    pub fn at(self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::Local => t.with_timezone(&Local).fixed_offset(),
            Zone::Utc => t.fixed_offset(),
        }
    }

    /// "3 Nov 2026"
    pub fn short_date(self, t: DateTime<Utc>) -> String {
        self.at(t).format("%-d %b %Y").to_string()
    }

    /// "2026-11-03"
    pub fn iso_date(self, t: DateTime<Utc>) -> String {
        self.at(t).format("%Y-%m-%d").to_string()
    }

    /// "Tuesday 3 November 2026"
    pub fn long_date(self, t: DateTime<Utc>) -> String {
        self.at(t).format("%A %-d %B %Y").to_string()
    }
}
