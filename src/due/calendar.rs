//! Due dates on the person's calendar: the day a check-in was done is its
//! day in its own zone (the offset kept with it), today is today where the
//! person is now, and an interval of N days means N calendar days later,
//! whatever the clock said at either end (midnight, travel, a change of
//! clocks). Pure functions of dates; no store, no clock.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};

use crate::timefmt::{Lived, Zone};

/// Where a questionnaire stands on a given day.
#[derive(Debug, Clone, PartialEq)]
pub enum Due {
    /// Never done.
    NeverDone,
    /// Due now: the interval has passed (calendar days since it was done).
    Due { days_since: i64 },
    /// Next due in this many calendar days.
    NotYet { in_days: i64 },
    /// The questionnaire has no interval.
    NoSchedule,
}

/// The day a check-in was done, as the person lived it: in the zone whose
/// offset was kept with it; a check-in stored without one (before recap
/// kept offsets) in `zone` (`Zone::Local`: this computer's zone).
pub fn day_done(zone: Zone, last: impl Into<Lived>) -> NaiveDate {
    zone.at(last).date_naive()
}

/// Today in `zone` (`Zone::Local`: this computer's zone, where the person is).
pub fn today(zone: Zone, now: DateTime<Utc>) -> NaiveDate {
    zone.at(now).date_naive()
}

/// Today in a named zone (tests, and anyone who knows the zone).
pub fn today_in<Tz: TimeZone>(tz: &Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(tz).date_naive()
}

/// The day a questionnaire done on `last_done` is due again: `every_days`
/// calendar days later. `None` without an interval, when it was never done,
/// or past the end of the calendar.
pub fn due_on(every_days: Option<u32>, last_done: Option<NaiveDate>) -> Option<NaiveDate> {
    last_done?.checked_add_days(Days::new(u64::from(every_days?)))
}

/// Where a questionnaire with interval `every_days`, last done on
/// `last_done` (the person's day), stands on `today` (the person's day).
pub fn state(every_days: Option<u32>, last_done: Option<NaiveDate>, today: NaiveDate) -> Due {
    match (every_days, last_done) {
        (_, None) => Due::NeverDone,
        (None, Some(_)) => Due::NoSchedule,
        (Some(days), Some(last)) => {
            let since = (today - last).num_days();
            if since >= i64::from(days) {
                Due::Due { days_since: since }
            } else {
                Due::NotYet {
                    in_days: i64::from(days) - since,
                }
            }
        }
    }
}

/// Whether a questionnaire is due: it has an interval, and it was never
/// done or the interval has passed. A questionnaire without an interval is
/// never due.
pub fn is_due(every_days: Option<u32>, last_done: Option<NaiveDate>, today: NaiveDate) -> bool {
    every_days.is_some()
        && matches!(
            state(every_days, last_done, today),
            Due::NeverDone | Due::Due { .. }
        )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Offset};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A check-in done at local `y-m-d h:min` in `tz`, as the store keeps it.
    fn done_in<Tz: TimeZone>(tz: &Tz, y: i32, m: u32, day: u32, h: u32, min: u32) -> Lived {
        let t = tz.with_ymd_and_hms(y, m, day, h, min, 0).single().unwrap();
        Lived::new(t.with_timezone(&Utc), Some(t.offset().fix()))
    }

    /// The instant of local `y-m-d h:min` in `tz`.
    fn at<Tz: TimeZone>(tz: &Tz, y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        tz.with_ymd_and_hms(y, m, day, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The old rule: UTC days between the two instants.
    fn utc_days(last: Lived, now: DateTime<Utc>) -> i64 {
        (now.date_naive() - last.at.date_naive()).num_days()
    }

    #[test]
    fn due_on_is_that_many_calendar_days_later_across_month_and_year_ends() {
        assert_eq!(due_on(Some(14), Some(d(2026, 1, 25))), Some(d(2026, 2, 8)));
        assert_eq!(due_on(Some(30), Some(d(2026, 1, 31))), Some(d(2026, 3, 2)));
        assert_eq!(due_on(Some(30), Some(d(2028, 1, 31))), Some(d(2028, 3, 1)));
        assert_eq!(due_on(Some(1), Some(d(2028, 2, 28))), Some(d(2028, 2, 29)));
        assert_eq!(due_on(Some(7), Some(d(2026, 12, 28))), Some(d(2027, 1, 4)));
        assert_eq!(due_on(Some(14), None), None);
        assert_eq!(due_on(None, Some(d(2026, 1, 1))), None);
        assert_eq!(due_on(Some(7), Some(NaiveDate::MAX)), None);
    }

    #[test]
    fn due_exactly_on_the_day_and_not_the_day_before() {
        // Done 31 January, every 30 days: due on 2 March (2026 is no leap year).
        let last = Some(d(2026, 1, 31));
        assert_eq!(
            state(Some(30), last, d(2026, 3, 1)),
            Due::NotYet { in_days: 1 }
        );
        assert!(!is_due(Some(30), last, d(2026, 3, 1)));
        assert_eq!(
            state(Some(30), last, d(2026, 3, 2)),
            Due::Due { days_since: 30 }
        );
        assert!(is_due(Some(30), last, d(2026, 3, 2)));
        assert_eq!(
            state(Some(30), last, d(2026, 4, 30)),
            Due::Due { days_since: 89 }
        );
        // Done today: not due, the whole interval to go.
        assert_eq!(
            state(Some(14), Some(d(2026, 12, 1)), d(2026, 12, 1)),
            Due::NotYet { in_days: 14 }
        );
    }

    #[test]
    fn never_done_is_due_only_with_an_interval() {
        assert_eq!(state(Some(7), None, d(2026, 1, 1)), Due::NeverDone);
        assert!(is_due(Some(7), None, d(2026, 1, 1)));
        assert_eq!(state(None, None, d(2026, 1, 1)), Due::NeverDone);
        assert!(!is_due(None, None, d(2026, 1, 1)));
        assert_eq!(
            state(None, Some(d(2025, 1, 1)), d(2026, 1, 1)),
            Due::NoSchedule
        );
        assert!(!is_due(None, Some(d(2025, 1, 1)), d(2026, 1, 1)));
    }

    #[test]
    fn late_evening_check_ins_count_on_the_persons_day_not_the_utc_day() {
        // Auckland (+13:00 in summer): done at 23:30 on 20 November, which
        // is 10:30 UTC that day; now five past midnight on 4 December
        // there, 11:05 UTC on the 3rd.
        let auckland = FixedOffset::east_opt(13 * 3600).unwrap();
        let last = done_in(&auckland, 2026, 11, 20, 23, 30);
        let now = at(&auckland, 2026, 12, 4, 0, 5);
        assert_eq!(utc_days(last, now), 13, "the old rule saw 13 days");
        let (done, today) = (day_done(Zone::Local, last), today_in(&auckland, now));
        assert_eq!((done, today), (d(2026, 11, 20), d(2026, 12, 4)));
        assert_eq!(
            state(Some(14), Some(done), today),
            Due::Due { days_since: 14 }
        );

        // Los Angeles (-08:00): done at 20:00 on 1 December (04:00 UTC on
        // the 2nd); at 17:00 on the 14th (01:00 UTC on the 15th) it is 13
        // days on the person's calendar: not due yet, due the next morning.
        let la = FixedOffset::west_opt(8 * 3600).unwrap();
        let last = done_in(&la, 2026, 12, 1, 20, 0);
        let evening = at(&la, 2026, 12, 14, 17, 0);
        assert_eq!(utc_days(last, evening), 13);
        let done = day_done(Zone::Local, last);
        assert_eq!(done, d(2026, 12, 1));
        assert_eq!(
            state(Some(14), Some(done), today_in(&la, evening)),
            Due::NotYet { in_days: 1 }
        );
        let morning = at(&la, 2026, 12, 15, 7, 0);
        assert_eq!(
            state(Some(14), Some(done), today_in(&la, morning)),
            Due::Due { days_since: 14 }
        );
        // The other way round: done at 15:00 on 1 December (23:00 UTC that
        // day); at 16:30 on the 14th (00:30 UTC on the 15th) the old rule
        // said 14 days, a day early.
        let last = done_in(&la, 2026, 12, 1, 15, 0);
        let now = at(&la, 2026, 12, 14, 16, 30);
        assert_eq!(utc_days(last, now), 14, "the old rule said due a day early");
        assert_eq!(
            state(
                Some(14),
                Some(day_done(Zone::Local, last)),
                today_in(&la, now)
            ),
            Due::NotYet { in_days: 1 }
        );
    }

    #[test]
    fn a_check_in_keeps_its_day_when_the_person_travels() {
        // Done in Los Angeles at 21:00 on 1 March (05:00 UTC on the 2nd),
        // read in Berlin: it was done on 1 March, and a weekly
        // questionnaire is due on 8 March on the calendar of wherever the
        // person is then.
        let la = FixedOffset::west_opt(8 * 3600).unwrap();
        let berlin = chrono_tz::Europe::Berlin;
        let last = done_in(&la, 2026, 3, 1, 21, 0);
        assert_eq!(day_done(Zone::Local, last), d(2026, 3, 1));
        assert_eq!(day_done(Zone::Utc, last), d(2026, 3, 2));
        assert_eq!(
            due_on(Some(7), Some(day_done(Zone::Local, last))),
            Some(d(2026, 3, 8))
        );
        let early = at(&berlin, 2026, 3, 8, 0, 30);
        assert!(is_due(
            Some(7),
            Some(day_done(Zone::Local, last)),
            today_in(&berlin, early)
        ));
        let before = at(&berlin, 2026, 3, 7, 23, 30);
        assert!(!is_due(
            Some(7),
            Some(day_done(Zone::Local, last)),
            today_in(&berlin, before)
        ));
    }

    #[test]
    fn clocks_going_forward_do_not_move_the_due_day() {
        // London: clocks go forward on 29 March 2026 (GMT to BST). Done at
        // 00:30 GMT on 22 March; at 00:30 BST on 5 April (23:30 UTC on the
        // 4th) it is 14 days later on the person's calendar.
        let london = chrono_tz::Europe::London;
        let last = done_in(&london, 2026, 3, 22, 0, 30);
        let now = at(&london, 2026, 4, 5, 0, 30);
        assert_eq!(utc_days(last, now), 13, "the old rule saw 13 days");
        let done = day_done(Zone::Local, last);
        assert_eq!(
            state(Some(14), Some(done), today_in(&london, now)),
            Due::Due { days_since: 14 }
        );
        // And one minute before midnight on the 4th: not yet.
        let before = at(&london, 2026, 4, 4, 23, 59);
        assert_eq!(
            state(Some(14), Some(done), today_in(&london, before)),
            Due::NotYet { in_days: 1 }
        );
    }

    #[test]
    fn clocks_going_back_do_not_move_the_due_day() {
        // New York: clocks go back on 1 November 2026 (EDT -04:00 to EST
        // -05:00). Done at 23:30 EDT on 25 October (03:30 UTC on the 26th);
        // at 00:10 EST on 8 November (05:10 UTC) it is 14 calendar days.
        let ny = chrono_tz::America::New_York;
        let last = done_in(&ny, 2026, 10, 25, 23, 30);
        assert_eq!(last.offset, FixedOffset::west_opt(4 * 3600));
        let now = at(&ny, 2026, 11, 8, 0, 10);
        assert_eq!(utc_days(last, now), 13, "the old rule saw 13 days");
        let done = day_done(Zone::Local, last);
        assert_eq!(done, d(2026, 10, 25));
        assert_eq!(
            state(Some(14), Some(done), today_in(&ny, now)),
            Due::Due { days_since: 14 }
        );
        // The repeated hour on the night of the change counts once: at
        // 01:30 EST on 1 November a daily questionnaire done at 01:30 EDT
        // the same night (an hour earlier) is not due.
        let first = ny
            .from_local_datetime(&d(2026, 11, 1).and_hms_opt(1, 30, 0).unwrap())
            .earliest()
            .unwrap();
        let last = Lived::new(first.with_timezone(&Utc), Some(first.offset().fix()));
        let second = first.with_timezone(&Utc) + chrono::Duration::hours(1);
        assert_eq!(
            second.with_timezone(&ny).format("%H:%M").to_string(),
            "01:30"
        );
        assert_eq!(
            state(
                Some(1),
                Some(day_done(Zone::Local, last)),
                today_in(&ny, second)
            ),
            Due::NotYet { in_days: 1 }
        );
    }

    #[test]
    fn a_zone_with_a_half_hour_change_and_one_far_east() {
        // Lord Howe Island moves by 30 minutes; Kiritimati is +14:00.
        let lord_howe = chrono_tz::Australia::Lord_Howe;
        let last = done_in(&lord_howe, 2026, 9, 27, 23, 45);
        let now = at(&lord_howe, 2026, 10, 11, 0, 15);
        assert_eq!(
            state(
                Some(14),
                Some(day_done(Zone::Local, last)),
                today_in(&lord_howe, now)
            ),
            Due::Due { days_since: 14 }
        );
        let kiritimati = chrono_tz::Pacific::Kiritimati;
        let last = done_in(&kiritimati, 2026, 12, 31, 8, 0);
        // 08:00 on 31 December there is 18:00 UTC on the 30th.
        assert_eq!(last.at.date_naive(), d(2026, 12, 30));
        assert_eq!(day_done(Zone::Local, last), d(2026, 12, 31));
        assert_eq!(due_on(Some(7), Some(d(2026, 12, 31))), Some(d(2027, 1, 7)));
    }

    #[test]
    fn in_utc_the_day_is_the_utc_day() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 23, 59, 0).unwrap();
        assert_eq!(today(Zone::Utc, now), d(2026, 12, 1));
        let lived = Lived::new(now, FixedOffset::east_opt(3600));
        assert_eq!(day_done(Zone::Utc, lived), d(2026, 12, 1));
        assert_eq!(day_done(Zone::Local, lived), d(2026, 12, 2));
    }
}
