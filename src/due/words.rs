//! What is due, in words, for every surface: "WHO-5 is due since 3 Dec",
//! "The next WHO-5 is due on 17 Dec, in 14 days". Days are the person's
//! calendar days; the year is named only when it is not this year.

use chrono::{Datelike, NaiveDate};

use super::calendar::Due;
use super::list::DueItem;

/// "3 Dec", or "3 Dec 2025" when `day` is not in the year of `today`.
pub fn day(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%-d %b").to_string()
    } else {
        day.format("%-d %b %Y").to_string()
    }
}

/// What to say first when something is due; `None` when it is not due
/// (not yet, no interval, switched off).
/// "WHO-5 is due since 3 Dec", "WHO-5 is due today", "WHO-5 is due (not done yet)".
pub fn due_now(item: &DueItem) -> Option<String> {
    if !item.is_due() {
        return None;
    }
    let title = &item.title;
    Some(match item.due_on() {
        None => format!("{title} is due (not done yet)"),
        Some(on) if on >= item.today => format!("{title} is due today"),
        Some(on) => format!("{title} is due since {}", day(on, item.today)),
    })
}

/// When the next one is due (the results screen, after a check-in):
/// "The next WHO-5 is due on 17 Dec, in 14 days", "... due tomorrow (2
/// Dec)"; what `due_now` says when it is due already; `None` without an
/// interval or when switched off.
pub fn next(item: &DueItem) -> Option<String> {
    if let Some(now) = due_now(item) {
        return Some(now);
    }
    let title = &item.title;
    match (item.state(), item.due_on()) {
        (Due::NotYet { in_days: 1 }, Some(on)) => Some(format!(
            "The next {title} is due tomorrow ({})",
            day(on, item.today)
        )),
        (Due::NotYet { in_days }, Some(on)) => Some(format!(
            "The next {title} is due on {}, in {in_days} days",
            day(on, item.today)
        )),
        _ => None,
    }
}

/// A short cell for lists: "due since 3 Dec", "due today", "due now (not
/// done yet)", "due 17 Dec", "switched off", "-" (no interval).
pub fn short(item: &DueItem) -> String {
    if item.switched_off {
        return "switched off".into();
    }
    match (item.state(), item.due_on()) {
        (Due::NeverDone, _) if item.is_due() => "due now (not done yet)".into(),
        (Due::Due { .. }, Some(on)) if on >= item.today => "due today".into(),
        (Due::Due { .. }, Some(on)) => format!("due since {}", day(on, item.today)),
        (Due::NotYet { .. }, Some(on)) => format!("due {}", day(on, item.today)),
        _ => "-".into(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn who5(last: Option<NaiveDate>, today: NaiveDate) -> DueItem {
        DueItem {
            questionnaire_id: "who-5".into(),
            title: "WHO-5".into(),
            every_days: Some(14),
            switched_off: false,
            last_done: last,
            today,
        }
    }

    #[test]
    fn what_is_due_in_words() {
        let today = d(2026, 12, 10);
        let late = who5(Some(d(2026, 11, 19)), today);
        assert_eq!(due_now(&late).unwrap(), "WHO-5 is due since 3 Dec");
        assert_eq!(next(&late).unwrap(), "WHO-5 is due since 3 Dec");
        assert_eq!(short(&late), "due since 3 Dec");
        let on_the_day = who5(Some(d(2026, 11, 26)), today);
        assert_eq!(due_now(&on_the_day).unwrap(), "WHO-5 is due today");
        assert_eq!(short(&on_the_day), "due today");
        let never = who5(None, today);
        assert_eq!(due_now(&never).unwrap(), "WHO-5 is due (not done yet)");
        assert_eq!(short(&never), "due now (not done yet)");
        let done_today = who5(Some(today), today);
        assert_eq!(due_now(&done_today), None);
        assert_eq!(
            next(&done_today).unwrap(),
            "The next WHO-5 is due on 24 Dec, in 14 days"
        );
        assert_eq!(short(&done_today), "due 24 Dec");
        let tomorrow = who5(Some(d(2026, 11, 27)), today);
        assert_eq!(
            next(&tomorrow).unwrap(),
            "The next WHO-5 is due tomorrow (11 Dec)"
        );
    }

    #[test]
    fn the_year_is_said_when_it_is_not_this_year() {
        let today = d(2027, 1, 5);
        let late = who5(Some(d(2026, 12, 1)), today);
        assert_eq!(due_now(&late).unwrap(), "WHO-5 is due since 15 Dec 2026");
        let soon = who5(Some(d(2026, 12, 30)), d(2026, 12, 31));
        assert_eq!(
            next(&soon).unwrap(),
            "The next WHO-5 is due on 13 Jan 2027, in 13 days"
        );
    }

    #[test]
    fn switched_off_or_without_an_interval_is_never_due() {
        let today = d(2026, 12, 10);
        let mut off = who5(Some(d(2026, 1, 1)), today);
        off.switched_off = true;
        assert_eq!((due_now(&off), next(&off)), (None, None));
        assert_eq!(short(&off), "switched off");
        let mut none = who5(None, today);
        none.every_days = None;
        assert_eq!((due_now(&none), next(&none)), (None, None));
        assert_eq!(short(&none), "-");
    }
}
