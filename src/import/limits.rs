//! The bounds every stored record keeps (dates, lengths): imports are refused past them, and the store's own writes stay inside them, so an export always imports again.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};

/// Longest profile name, in characters.
pub const MAX_PROFILE_NAME_CHARS: usize = crate::store::names::MAX_CHARS;
/// Longest free-text answer, in characters.
pub const MAX_TEXT_ANSWER_CHARS: usize = 20_000;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 100_000;
/// Longest author name of a note, in characters.
pub const MAX_AUTHOR_CHARS: usize = 200;
/// Longest reason given for an amendment, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;
/// Largest questionnaire text kept with a check-in, in bytes (1 MB).
pub const MAX_SNAPSHOT_BYTES: usize = 1 << 20;
/// How far ahead of this computer's clock a date may be (clocks differ).
pub fn clock_skew() -> Duration {
    Duration::days(1)
}

/// The earliest date recap keeps: 1900-01-01, midnight UTC.
pub fn earliest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A date must be from 1900 on (recap's own writes check only this; the
/// clock they use cannot be ahead of itself).
pub fn not_too_early(t: DateTime<Utc>) -> Result<(), String> {
    if t < earliest() {
        Err(format!(
            "{} is before 1900-01-01; recap does not keep dates that early",
            t.format("%Y-%m-%d")
        ))
    } else {
        Ok(())
    }
}

/// The first day recap keeps, in any zone.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A moment in the person's zone must be on a day from 1900-01-01 on there.
pub fn not_too_early_on(t: DateTime<FixedOffset>) -> Result<(), String> {
    if t.date_naive() < first_day() {
        Err(format!(
            "{} is before 1900-01-01; recap does not keep dates that early",
            t.format("%Y-%m-%d")
        ))
    } else {
        Ok(())
    }
}

/// A date must be from 1900 on and not in the future (beyond the skew).
pub fn date(t: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    not_too_early(t)?;
    not_ahead(t, now)
}

/// A time in the person's zone (a check-in's, with its offset): on a day
/// from 1900 on there, and not in the future (beyond the skew).
pub fn date_on(t: DateTime<FixedOffset>, now: DateTime<Utc>) -> Result<(), String> {
    not_too_early_on(t)?;
    not_ahead(t.with_timezone(&Utc), now)
}

fn not_ahead(t: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    if t > now + clock_skew() {
        Err(format!(
            "{} is in the future (this computer's clock says {}); recap does not keep dates ahead of the clock",
            t.format("%Y-%m-%d"),
            now.format("%Y-%m-%d")
        ))
    } else {
        Ok(())
    }
}

/// A profile name, by the one name policy (`store::names`): the name as
/// stored, or why it cannot be one.
pub fn profile_name(name: &str) -> Result<String, String> {
    crate::store::names::check(name)
}

fn too_long(what: &str, count: usize, max: usize, unit: &str) -> String {
    format!(
        "{what} is {} {unit} long; the most recap keeps is {}",
        thousands(count),
        thousands(max)
    )
}

/// A free-text answer.
pub fn text_answer(text: &str) -> Result<(), String> {
    let count = text.chars().count();
    if count > MAX_TEXT_ANSWER_CHARS {
        return Err(too_long(
            "the answer",
            count,
            MAX_TEXT_ANSWER_CHARS,
            "characters",
        ));
    }
    Ok(())
}

/// A note's text.
pub fn note_body(body: &str) -> Result<(), String> {
    let count = body.chars().count();
    if count > MAX_NOTE_CHARS {
        return Err(too_long("the note", count, MAX_NOTE_CHARS, "characters"));
    }
    Ok(())
}

/// The reason given for changing an answer: some words, within the limit.
/// A note's author (a counselor's name): one line, no control characters,
/// within `MAX_AUTHOR_CHARS`.
pub fn author(name: &str) -> Result<(), String> {
    let count = name.chars().count();
    if count > MAX_AUTHOR_CHARS {
        return Err(too_long(
            "the author's name",
            count,
            MAX_AUTHOR_CHARS,
            "characters",
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| crate::termtext::is_control(*c) || crate::termtext::is_bidi(*c))
    {
        return Err(format!(
            "the author's name cannot hold control characters (it holds {})",
            crate::termtext::code_point(c)
        ));
    }
    Ok(())
}

pub fn reason(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("a reason is needed: say in a few words why the answer changes".into());
    }
    let count = text.chars().count();
    if count > MAX_REASON_CHARS {
        return Err(too_long(
            "the reason",
            count,
            MAX_REASON_CHARS,
            "characters",
        ));
    }
    Ok(())
}

/// A questionnaire text kept with check-ins.
pub fn snapshot_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_SNAPSHOT_BYTES {
        return Err(too_long(
            "the questionnaire text",
            text.len(),
            MAX_SNAPSHOT_BYTES,
            "bytes",
        ));
    }
    Ok(())
}

/// 20000 -> "20,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_inclusive() {
        assert!(text_answer(&"a".repeat(MAX_TEXT_ANSWER_CHARS)).is_ok());
        let err = text_answer(&"é".repeat(MAX_TEXT_ANSWER_CHARS + 1)).unwrap_err();
        assert!(
            err.contains("20,001 characters") && err.contains("20,000"),
            "{err}"
        );
        assert!(note_body(&"a".repeat(MAX_NOTE_CHARS)).is_ok());
        assert!(note_body(&"a".repeat(MAX_NOTE_CHARS + 1)).is_err());
        assert!(snapshot_text(&"a".repeat(MAX_SNAPSHOT_BYTES)).is_ok());
        assert!(snapshot_text(&"a".repeat(MAX_SNAPSHOT_BYTES + 1)).is_err());
        assert!(profile_name(&"n".repeat(80)).is_ok());
        assert!(profile_name(&"n".repeat(81)).is_err());
        assert!(profile_name(" a\nb ").is_err());
        assert_eq!(profile_name("  Ana ").unwrap(), "Ana");
    }

    #[test]
    fn dates_from_1900_up_to_a_day_ahead() {
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        assert!(date(earliest(), now).is_ok());
        assert!(date(earliest() - Duration::milliseconds(1), now).is_err());
        assert!(date(now + Duration::hours(23), now).is_ok());
        // A check-in on 1 January 1900 in a zone ahead of UTC is kept.
        let kiribati = FixedOffset::east_opt(14 * 3600).unwrap();
        let first = first_day().and_hms_opt(1, 0, 0).unwrap();
        let first = kiribati.from_local_datetime(&first).unwrap();
        assert!(first.with_timezone(&Utc) < earliest());
        assert!(date_on(first, now).is_ok());
        assert!(date_on(first - Duration::hours(2), now).is_err());
        let err = date(now + Duration::days(2), now).unwrap_err();
        assert!(
            err.contains("2026-06-03") && err.contains("future"),
            "{err}"
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }
}
