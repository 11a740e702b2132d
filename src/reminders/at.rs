//! When a reminder runs: every day, or one day of the week, at a time of
//! day in the person's zone (`--at "18:00"`, `--at "Sun 18:00"`).

use chrono::Weekday;

/// A time of day, every day or on one day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// `None`: every day.
    pub day: Option<Weekday>,
    pub hour: u32,
    pub minute: u32,
}

impl Default for When {
    /// Every day at 18:00: a reminder shows only when something is due, so
    /// a daily look finds it on the day it falls due.
    fn default() -> When {
        When {
            day: None,
            hour: 18,
            minute: 0,
        }
    }
}

const HOW: &str =
    "--at takes a time of day, as in \"18:00\" (every day) or \"Sun 18:00\" (once a week)";

impl When {
    /// Reads "18:00", "daily 18:00", "Sun 18:00", "sunday 7:30".
    pub fn parse(text: &str) -> Result<When, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let (day, time) = match words.as_slice() {
            [time] => (None, *time),
            [day, time] => (parse_day(day)?, *time),
            _ => return Err(format!("{HOW}; got {text:?}")),
        };
        let (hour, minute) = time
            .split_once(':')
            .and_then(|(h, m)| {
                let ok = |s: &str| {
                    !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())
                };
                (ok(h) && m.len() == 2 && ok(m))
                    .then_some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?))
            })
            .filter(|(h, m)| *h < 24 && *m < 60)
            .ok_or_else(|| format!("{HOW}; {time:?} is not a time between 00:00 and 23:59"))?;
        Ok(When { day, hour, minute })
    }

    /// "every day at 18:00", "every Sunday at 18:00".
    pub fn words(&self) -> String {
        match self.day {
            None => format!("every day at {:02}:{:02}", self.hour, self.minute),
            Some(d) => format!(
                "every {} at {:02}:{:02}",
                day_name(d),
                self.hour,
                self.minute
            ),
        }
    }
}

/// "Sunday".
pub fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A day's name or its first three letters, any case; "daily" for every day.
fn parse_day(word: &str) -> Result<Option<Weekday>, String> {
    let lower = word.to_lowercase();
    if lower == "daily" {
        return Ok(None);
    }
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|d| {
        let name = day_name(*d).to_lowercase();
        lower == name || (lower.len() == 3 && name.starts_with(&lower))
    })
    .map(Some)
    .ok_or_else(|| format!("{HOW}; {word:?} is not a day of the week (Mon to Sun)"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn times_and_days_are_read_in_their_usual_spellings() {
        let sun = When {
            day: Some(Weekday::Sun),
            hour: 18,
            minute: 0,
        };
        for text in ["Sun 18:00", "sunday 18:00", "  SUN   18:00 "] {
            assert_eq!(When::parse(text).unwrap(), sun, "{text}");
        }
        assert_eq!(When::parse("18:00").unwrap(), When::default());
        assert_eq!(When::parse("daily 18:00").unwrap(), When::default());
        let early = When::parse("Mon 7:05").unwrap();
        assert_eq!(
            (early.day, early.hour, early.minute),
            (Some(Weekday::Mon), 7, 5)
        );
        assert_eq!(sun.words(), "every Sunday at 18:00");
        assert_eq!(early.words(), "every Monday at 07:05");
        assert_eq!(When::default().words(), "every day at 18:00");
    }

    #[test]
    fn anything_else_is_refused_with_the_expected_form() {
        for bad in [
            "",
            "Sun",
            "Sun 24:00",
            "Sun 18:60",
            "Sun 18",
            "Sun 18:0",
            "Su 18:00",
            "Sunday 6pm",
            "Sun Mon 18:00",
            "-1:00",
            "18:00:00",
            "１８:00",
        ] {
            let e = When::parse(bad).unwrap_err();
            assert!(e.starts_with("--at takes a time of day"), "{bad:?}: {e}");
        }
    }
}
