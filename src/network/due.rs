//! When the next network review is due: every `review_days` days (28 by
//! default, `[network] review_days` in config.toml) after the last review
//! that walked through the whole network. Pure, for `network list`, the
//! home screen and reminders.

use chrono::{Days, NaiveDate};

/// Days between reviews unless config.toml says otherwise (4 weeks).
pub const DEFAULT_REVIEW_DAYS: u32 = 28;

/// The day the next review is due, or `None` before the first review.
pub fn next_due(last_review: Option<NaiveDate>, review_days: u32) -> Option<NaiveDate> {
    last_review.and_then(|d| d.checked_add_days(Days::new(u64::from(review_days))))
}

/// Whether a review is due on `today` (never before the first review:
/// starting one is up to the person).
pub fn is_due(last_review: Option<NaiveDate>, review_days: u32, today: NaiveDate) -> bool {
    next_due(last_review, review_days).is_some_and(|due| due <= today)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn due_four_weeks_after_the_last_review() {
        assert_eq!(next_due(Some(d(1, 1)), 28), Some(d(1, 29)));
        assert!(!is_due(Some(d(1, 1)), 28, d(1, 28)));
        assert!(is_due(Some(d(1, 1)), 28, d(1, 29)));
        assert!(is_due(Some(d(1, 1)), 7, d(1, 8)));
        assert_eq!(next_due(None, 28), None);
        assert!(!is_due(None, 28, d(6, 1)));
    }
}
