//! How dates are shown and typed: in the person's zone (the UTC offset kept
//! with a check-in, else this computer's zone) when running, in UTC in tests
//! (so screens rendered in tests do not depend on the machine's zone); the
//! moment stored for a day typed by the person; UTC offsets as text.

use chrono::{
    DateTime, FixedOffset, Local, LocalResult, NaiveDate, NaiveTime, Offset, TimeZone, Utc,
};

/// When something happened, as the person lived it: the instant and, when
/// it was recorded, the UTC offset of their zone then (check-ins stored by
/// recap before it kept offsets have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lived {
    pub at: DateTime<Utc>,
    pub offset: Option<FixedOffset>,
}

impl Lived {
    pub fn new(at: DateTime<Utc>, offset: Option<FixedOffset>) -> Lived {
        Lived { at, offset }
    }
}

impl From<DateTime<Utc>> for Lived {
    fn from(at: DateTime<Utc>) -> Lived {
        Lived { at, offset: None }
    }
}

impl From<DateTime<FixedOffset>> for Lived {
    fn from(t: DateTime<FixedOffset>) -> Lived {
        Lived {
            at: t.with_timezone(&Utc),
            offset: Some(*t.offset()),
        }
    }
}

/// A moment with the UTC offset of the person's zone at that moment: as
/// given, or, for a plain UTC instant, this computer's zone then.
pub trait InZone: Copy {
    fn in_zone(self) -> DateTime<FixedOffset>;
}

impl InZone for DateTime<Utc> {
    fn in_zone(self) -> DateTime<FixedOffset> {
        self.with_timezone(&Local).fixed_offset()
    }
}

impl InZone for DateTime<FixedOffset> {
    fn in_zone(self) -> DateTime<FixedOffset> {
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The person's zone: a check-in's own offset when it has one, else
    /// this computer's zone.
    Local,
    /// UTC for everything (tests).
    Utc,
}

impl Zone {
    pub fn at(self, t: impl Into<Lived>) -> DateTime<FixedOffset> {
        let t = t.into();
        match (self, t.offset) {
            (Zone::Utc, _) => t.at.fixed_offset(),
            (Zone::Local, Some(offset)) => t.at.with_timezone(&offset),
            (Zone::Local, None) => t.at.with_timezone(&Local).fixed_offset(),
        }
    }

    /// "3 Nov 2026"
    pub fn short_date(self, t: impl Into<Lived>) -> String {
        self.at(t).format("%-d %b %Y").to_string()
    }

    /// "2026-11-03"
    pub fn iso_date(self, t: impl Into<Lived>) -> String {
        self.at(t).format("%Y-%m-%d").to_string()
    }

    /// "Tuesday 3 November 2026"
    pub fn long_date(self, t: impl Into<Lived>) -> String {
        self.at(t).format("%A %-d %B %Y").to_string()
    }

    /// RFC 3339 with milliseconds in the person's zone
    /// ("2026-11-20T12:00:00.000+13:00"; "Z" for UTC): the exact instant,
    /// with the date and time the person saw.
    pub fn timestamp(self, t: impl Into<Lived>) -> String {
        self.at(t)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

/// Today in this computer's zone (the person's).
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Local).date_naive()
}

/// The moment stored for a form dated `day` in this computer's zone: `now`
/// when `day` is today (so it sorts by when it was entered), otherwise noon
/// of that day there (earlier than `now` for any day before today). None
/// for a day after today.
pub fn typed_day(day: NaiveDate, now: DateTime<Utc>) -> Option<DateTime<FixedOffset>> {
    typed_day_in(&Local, day, now)
}

/// `typed_day` in a given zone.
pub fn typed_day_in<Tz: TimeZone>(
    zone: &Tz,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Option<DateTime<FixedOffset>> {
    let here = now.with_timezone(zone);
    let today = here.date_naive();
    if day > today {
        return None;
    }
    if day == today {
        return Some(here.fixed_offset());
    }
    // Noon, or the first whole hour after it that exists on that day (a
    // change of clocks at noon is rare but possible).
    let noon = (12..24).find_map(|hour| {
        let local = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?);
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.fixed_offset()),
            LocalResult::None => None,
        }
    });
    noon.filter(|t| t.with_timezone(&Utc) <= now)
}

/// An offset as JSON files carry it: "+13:00", "-08:00", "+05:45" (seconds
/// only when there are any, as in "+11:39:04").
pub fn offset_text(offset: FixedOffset) -> String {
    let total = offset.local_minus_utc();
    let sign = if total < 0 { '-' } else { '+' };
    let abs = total.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    }
}

/// Reads `offset_text` back: exactly that spelling, within 18 hours of UTC.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let parts: Vec<&str> = rest.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<i32>().ok());
    let (h, m, s) = (n(0)?, n(1)?, n(2).unwrap_or(0));
    if m > 59 || s > 59 {
        return None;
    }
    let total = sign * (h * 3600 + m * 60 + s);
    if total.abs() > 18 * 3600 {
        return None;
    }
    let offset = FixedOffset::east_opt(total)?;
    (offset_text(offset) == text).then_some(offset)
}

/// An offset from its stored number of seconds east of UTC.
pub fn offset_from_seconds(seconds: i64) -> Option<FixedOffset> {
    i32::try_from(seconds).ok().and_then(FixedOffset::east_opt)
}

/// Seconds east of UTC, as stored.
pub fn offset_seconds(offset: FixedOffset) -> i64 {
    i64::from(offset.fix().local_minus_utc())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_back_in_one_spelling() {
        for (secs, text) in [
            (46_800, "+13:00"),
            (-28_800, "-08:00"),
            (20_700, "+05:45"),
            (0, "+00:00"),
            (41_944, "+11:39:04"),
            (-12_600, "-03:30"),
        ] {
            let o = FixedOffset::east_opt(secs).unwrap();
            assert_eq!(offset_text(o), text);
            assert_eq!(parse_offset(text), Some(o), "{text}");
        }
        for bad in [
            "",
            "+",
            "13:00",
            "+1300",
            "+13",
            "+13:0",
            "+13:00:00",
            "+19:00",
            "+12:60",
            " +01:00",
            "-00:00",
            "+01:00:60",
            "+1:00",
        ] {
            assert_eq!(parse_offset(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_typed_day_is_that_day_in_the_zone_and_never_later_than_now() {
        let auckland = FixedOffset::east_opt(13 * 3600).unwrap();
        let la = FixedOffset::west_opt(8 * 3600).unwrap();
        // 09:00 on 21 November in Auckland is 20:00 on the 20th in UTC.
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 20, 0, 0).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let today = typed_day_in(&auckland, day(21), now).unwrap();
        assert_eq!(today, now.with_timezone(&auckland));
        let before = typed_day_in(&auckland, day(20), now).unwrap();
        assert_eq!(before.date_naive(), day(20));
        assert_eq!(before.format("%H:%M").to_string(), "12:00");
        assert!(before.with_timezone(&Utc) < now);
        assert_eq!(typed_day_in(&auckland, day(22), now), None);
        // In Los Angeles it is still noon on the 20th: today.
        assert_eq!(
            typed_day_in(&la, day(20), now).unwrap(),
            now.with_timezone(&la)
        );
        assert_eq!(typed_day_in(&la, day(21), now), None);
    }

    #[test]
    fn a_check_in_is_shown_in_its_own_zone() {
        let auckland = FixedOffset::east_opt(13 * 3600).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 11, 19, 23, 0, 0).unwrap();
        let lived = Lived::new(at, Some(auckland));
        assert_eq!(Zone::Local.iso_date(lived), "2026-11-20");
        assert_eq!(
            Zone::Local.timestamp(lived),
            "2026-11-20T12:00:00.000+13:00"
        );
        assert_eq!(Zone::Utc.iso_date(lived), "2026-11-19");
        assert_eq!(Zone::Utc.timestamp(lived), "2026-11-19T23:00:00.000Z");
    }
}
