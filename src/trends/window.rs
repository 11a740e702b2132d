//! The time windows a trend can be looked at in: last 4 weeks, 3 months, a year, or everything.

use chrono::{Months, NaiveDateTime, TimeDelta};

use crate::strings;

/// How far back a trend chart and its session list reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    Weeks4,
    Months3,
    Year1,
    #[default]
    All,
}

impl Window {
    /// The next window for the `w` key: 4 weeks, 3 months, 1 year, all, then around.
    pub fn next(self) -> Window {
        match self {
            Window::Weeks4 => Window::Months3,
            Window::Months3 => Window::Year1,
            Window::Year1 => Window::All,
            Window::All => Window::Weeks4,
        }
    }

    /// Words for the window, e.g. "last 3 months".
    pub fn label(self) -> &'static str {
        match self {
            Window::Weeks4 => strings::WINDOW_4W,
            Window::Months3 => strings::WINDOW_3M,
            Window::Year1 => strings::WINDOW_1Y,
            Window::All => strings::WINDOW_ALL,
        }
    }

    /// The machine name used by `--window` and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Window::Weeks4 => "4w",
            Window::Months3 => "3m",
            Window::Year1 => "1y",
            Window::All => "all",
        }
    }

    /// The first instant inside the window ending at `now`; None for all time.
    pub fn start(self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        match self {
            Window::Weeks4 => Some(now - TimeDelta::days(28)),
            Window::Months3 => now.checked_sub_months(Months::new(3)),
            Window::Year1 => now.checked_sub_months(Months::new(12)),
            Window::All => None,
        }
    }

    /// Whether `t` falls inside the window ending at `now` (later dates count as inside).
    pub fn contains(self, now: NaiveDateTime, t: NaiveDateTime) -> bool {
        self.start(now).is_none_or(|s| t >= s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("date")
    }

    #[test]
    fn cycles_through_all_four_and_back() {
        let mut w = Window::Weeks4;
        let mut seen = vec![w];
        for _ in 0..4 {
            w = w.next();
            seen.push(w);
        }
        assert_eq!(
            seen,
            vec![
                Window::Weeks4,
                Window::Months3,
                Window::Year1,
                Window::All,
                Window::Weeks4
            ]
        );
    }

    #[test]
    fn starts_are_calendar_aware() {
        let now = at(2026, 11, 24);
        assert_eq!(Window::Weeks4.start(now), Some(at(2026, 10, 27)));
        assert_eq!(Window::Months3.start(now), Some(at(2026, 8, 24)));
        assert_eq!(Window::Year1.start(now), Some(at(2025, 11, 24)));
        assert_eq!(Window::All.start(now), None);
        // 31 May minus 3 months is the end of February.
        assert_eq!(
            Window::Months3.start(at(2026, 5, 31)),
            Some(at(2026, 2, 28))
        );
        assert!(Window::Weeks4.contains(now, at(2026, 10, 27)));
        assert!(!Window::Weeks4.contains(now, at(2026, 10, 26)));
        assert!(Window::All.contains(now, at(1990, 1, 1)));
    }
}
