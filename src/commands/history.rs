//! `recap history [ID] [--json]`: a profile's check-ins, newest first, in
//! every state, with corrected answers; also how check-ins and amendments
//! are described on the command line, and `record`'s same-day question.

use chrono::{DateTime, Duration, FixedOffset, Local, Utc};
use serde_json::{Value, json};

use super::Context;
use super::export::start_of_day;
use crate::cli::HistoryArgs;
use crate::error::{Error, Result};
use crate::instrument::score::{ScoreResult, format_value};
use crate::instrument::{AnswerValue, Instrument, Loaded, Scoring};
use crate::store::{Amendment, Session, SessionQuery, Store};

/// How many characters of an id lists show (enough to find it again).
pub const SHORT_ID: usize = crate::store::MIN_PREFIX;

/// The first characters of an id, as lists show it.
pub fn short_id(id: &str) -> &str {
    id.get(..SHORT_ID).unwrap_or(id)
}

/// "2026-01-03 09:12", local time.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// "2026-01-03", local date.
pub fn local_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// "3 Jan 2026", local date.
fn short_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%-d %b %Y").to_string()
}

/// The headline score: `total` or `overall` when there is one, else the first.
pub fn headline(scoring: &Scoring) -> Option<&ScoreResult> {
    scoring
        .scores
        .iter()
        .find(|s| s.id == "total" || s.id == "overall")
        .or_else(|| scoring.scores.first())
}

/// "Total 60 (moderate)", or "Total not scored".
pub fn headline_words(instrument: &Instrument, scoring: &Scoring) -> Option<String> {
    let s = headline(scoring)?;
    let decimals = instrument.score_def(&s.id).map_or(0, |d| d.decimals);
    Some(match s.value {
        Some(v) => match &s.band {
            Some(b) => format!("{} {} ({})", s.label, format_value(v, decimals), b.label),
            None => format!("{} {}", s.label, format_value(v, decimals)),
        },
        None => format!("{} not scored", s.label),
    })
}

/// An answer in words: "4 (Most of the time)", text in quotes, "no answer".
pub fn answer_words(instrument: &Instrument, item_id: &str, value: Option<&AnswerValue>) -> String {
    match value {
        None => "no answer".into(),
        Some(AnswerValue::Text(t)) => format!("\u{201c}{t}\u{201d}"),
        Some(AnswerValue::Number(n)) => match instrument.item(item_id).map(|i| i.label_for(*n)) {
            Some(label) if label != n.to_string() => format!("{n} ({label})"),
            _ => n.to_string(),
        },
    }
}

/// "item w3 amended 4 Jan 2026: was 4 (…), now 2 (…), reason: typo"
pub fn amendment_words(instrument: &Instrument, a: &Amendment) -> String {
    format!(
        "item {} amended {}: was {}, now {}, reason: {}",
        a.item_id,
        short_date(a.amended_at),
        answer_words(instrument, &a.item_id, a.was.as_ref()),
        answer_words(instrument, &a.item_id, a.now.as_ref()),
        a.reason
    )
}

/// "the WHO-5 check-in of 2026-01-03 (5f0c2b1e)"
pub fn describe(store: &Store, session: &Session) -> String {
    let title = store
        .snapshot_instrument(&session.snapshot_hash)
        .map(|i| i.short_title.clone())
        .unwrap_or_else(|_| session.questionnaire_id.clone());
    format!(
        "the {title} check-in of {} ({})",
        local_date(session.when()),
        short_id(&session.id)
    )
}

fn amendment_json(a: &Amendment) -> Value {
    json!({
        "item": a.item_id,
        "was": a.was,
        "value": a.now,
        "was_answered_at": a.was_answered_at.map(crate::store::timestamp),
        "amended_at": crate::store::timestamp(a.amended_at),
        "reason": a.reason,
    })
}

/// One check-in as `history --json` prints it.
fn entry_json(
    session: &Session,
    instrument: &Instrument,
    scoring: Option<&Scoring>,
    amendments: &[Amendment],
) -> Value {
    let score = scoring.and_then(headline).map(|s| {
        json!({
            "id": s.id,
            "label": s.label,
            "value": s.value,
            "band": s.band.as_ref().map(|b| b.label.clone()),
        })
    });
    json!({
        "id": session.id,
        "questionnaire": session.questionnaire_id,
        "questionnaire_version": session.questionnaire_version,
        "title": instrument.short_title,
        "date": local_date(session.when()),
        "status": session.state().words(),
        "started_at": crate::store::timestamp(session.started_at),
        "completed_at": session.completed_at.map(crate::store::timestamp),
        "deleted_at": session.deleted_at.map(crate::store::timestamp),
        "with_counselor": session.with_counselor,
        "score": score,
        "amendments": amendments.iter().map(amendment_json).collect::<Vec<_>>(),
    })
}

pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<()> {
    let Some((store, profile)) = ctx.reading()? else {
        if args.json {
            return super::write_data("[]\n");
        }
        say!("{}", crate::strings::NO_CHECKINS_YET);
        return Ok(());
    };
    let sessions = store.history(profile.id, args.id.as_deref())?;
    if let Some(id) = &args.id
        && sessions.is_empty()
        && ctx.catalog().get(id).is_none()
    {
        return Err(Error::Input(format!(
            "no questionnaire with id {id:?}; `recap questionnaires list` shows them"
        )));
    }
    let mut entries = Vec::new();
    let mut lines = Vec::new();
    for session in &sessions {
        let instrument = store.snapshot_instrument(&session.snapshot_hash)?;
        let scoring = if session.completed_at.is_some()
            && session.status == crate::store::Status::Completed
        {
            Some(crate::instrument::score(
                &instrument,
                &store.answers(&session.id)?,
            ))
        } else {
            None
        };
        let amendments = store.amendments(&session.id)?;
        if args.json {
            entries.push(entry_json(
                session,
                &instrument,
                scoring.as_ref(),
                &amendments,
            ));
            continue;
        }
        let mut line = format!(
            "{}  {}  {}  {}",
            short_id(&session.id),
            local_time(session.when()),
            instrument.short_title,
            session.state().words()
        );
        if let Some(words) = scoring
            .as_ref()
            .and_then(|s| headline_words(&instrument, s))
        {
            line.push_str(&format!("  {words}"));
        }
        if session.with_counselor {
            line.push_str("  with a counselor");
        }
        lines.push(line);
        for a in &amendments {
            lines.push(format!(
                "{:width$}  {}",
                "",
                amendment_words(&instrument, a),
                width = SHORT_ID
            ));
        }
    }
    if args.json {
        let text = serde_json::to_string_pretty(&entries)
            .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
        return super::write_data(&format!("{text}\n"));
    }
    if sessions.is_empty() {
        say!("{}", crate::strings::NO_CHECKINS_YET);
        return Ok(());
    }
    say!("Check-ins of {}, newest first:", profile.name);
    for line in lines {
        say!("{line}");
    }
    Ok(())
}

/// `record` asks this first: when `profile` already completed `loaded` on
/// the local day of `at` (outside the trash), nothing is stored unless the
/// person says `--yes`.
pub fn refuse_same_day(
    store: &Store,
    profile: Option<&str>,
    loaded: &Loaded,
    at: DateTime<FixedOffset>,
) -> Result<()> {
    let Some(profile) = store.find_profile(profile)? else {
        return Ok(());
    };
    let day = at.date_naive();
    let query = SessionQuery {
        questionnaire_id: Some(loaded.instrument.id.clone()),
        from: Some(start_of_day(day)),
        to: Some(start_of_day(day + Duration::days(1))),
    };
    if let Some(done) = store.sessions(profile.id, &query)?.last() {
        return Err(Error::Input(format!(
            "{} was already completed on {} ({}, check-in {}); nothing was stored. To record another one for that day, add --yes",
            loaded.instrument.short_title,
            day.format("%Y-%m-%d"),
            done.completed_at
                .map(|t| format!("at {}", t.with_timezone(&Local).format("%H:%M")))
                .unwrap_or_default(),
            short_id(&done.id)
        )));
    }
    Ok(())
}
