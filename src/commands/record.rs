//! `recap record ID --answers ...`: a completed paper form or a scripted
//! check-in, checked item by item, scored, and stored all at once.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde_json::json;

use super::Context;
use crate::cli::RecordArgs;
use crate::error::{Error, Result};
use crate::instrument::{AnswerValue, Answers, Instrument, score};
use crate::outcome::{Done, Point, text};
use crate::store::error::Temporary;
use crate::store::{Store, StoreResult};
use crate::timefmt::{self, InZone};

/// Parses `6,5,,4` against the questionnaire's items (in order): each is
/// the value shown beside an answer or the answer's words
/// (`checkin::answer_input`). Every problem is reported, not only the first.
pub fn parse_answers(
    instrument: &Instrument,
    list: &str,
) -> std::result::Result<Answers, Vec<String>> {
    crate::checkin::answer_input::collect(
        instrument,
        &crate::checkin::answer_input::Sources {
            list: Some(list),
            ..Default::default()
        },
    )
}

/// The moment stored for `--date`, in the person's zone: that day as typed
/// (noon there, or now when it is today, so a form entered today sorts by
/// when it was entered), never later than now and never before 1900.
pub fn completed_at(date: Option<NaiveDate>, now: DateTime<Utc>) -> Result<DateTime<FixedOffset>> {
    let Some(day) = date else {
        return Ok(now.in_zone());
    };
    if day < crate::import::limits::first_day() {
        return Err(Error::Input(format!(
            "the date {day} is before 1900-01-01; recap does not keep dates that early"
        )));
    }
    timefmt::typed_day(day, now).ok_or_else(|| {
        Error::Input(format!(
            "the date {day} is in the future (today is {})",
            timefmt::today(now)
        ))
    })
}

/// How long `record` waits in all for another recap's write lock.
pub const RECORD_WAIT: Duration = Duration::from_secs(10);

/// Runs `write` (one transaction, so a failed try changed nothing) again
/// while another process holds the write lock, for `total` at most. Each try
/// waits up to the store's busy timeout (5 s), cut to what is left.
fn while_busy<T>(
    store: &Store,
    total: Duration,
    mut write: impl FnMut() -> StoreResult<T>,
) -> StoreResult<T> {
    let start = Instant::now();
    let default_wait = Duration::from_secs(5);
    loop {
        let left = total.saturating_sub(start.elapsed());
        store.set_busy_timeout(left.clamp(Duration::from_millis(100), default_wait))?;
        match write() {
            Err(e) if e.temporary() == Some(Temporary::Busy) && start.elapsed() < total => {
                std::thread::sleep(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

pub fn run(ctx: &Context, args: RecordArgs) -> Result<()> {
    let catalog = ctx.catalog();
    let loaded = catalog.get(&args.id).ok_or_else(|| {
        Error::Input(format!(
            "no questionnaire with id {:?}; known: {}",
            args.id,
            catalog.ids().join(", ")
        ))
    })?;
    let instrument = &loaded.instrument;
    let answers = super::record_input::answers(instrument, &args)?;
    let completed_at = completed_at(args.date, Utc::now())?;
    let scoring = score(instrument, &answers);
    let support = ctx.config().support;

    let (session_id, profile_name, outcome) = if args.dry_run {
        let done = Done {
            instrument,
            answers: &answers,
            scoring: &scoring,
            session_id: None,
            completed_at: completed_at.with_timezone(&Utc),
            with_counselor: args.with_counselor,
        };
        let none: &[Point] = &[];
        (
            None,
            ctx.global.profile.clone(),
            crate::outcome::build(&done, none, 0, &support),
        )
    } else {
        let store = ctx.writable_store()?;
        if !args.yes {
            super::history::refuse_same_day(
                &store,
                ctx.global.profile.as_deref(),
                loaded,
                completed_at,
            )?;
        }
        let (profile, session) = while_busy(&store, RECORD_WAIT, || {
            let profile = store.resolve_profile(ctx.global.profile.as_deref(), Utc::now())?;
            let session = store.record_session(
                profile.id,
                loaded,
                &answers,
                completed_at,
                args.with_counselor,
            )?;
            Ok((profile, session))
        })
        .map_err(|e| match e.temporary() {
            Some(kind) => Error::Runtime(crate::strings::record_not_saved(kind)),
            None => e.into(),
        })?;
        let outcome = crate::outcome::for_session(&store, &session.id, &support)?
            .ok_or_else(|| Error::Runtime(crate::strings::CHECK_IN_NOT_FOUND.into()))?;
        (Some(session.id), Some(profile.name), outcome)
    };

    if args.json {
        let result = json!({
            "session_id": session_id,
            "dry_run": args.dry_run,
            "profile": profile_name,
            "questionnaire": outcome.questionnaire,
            "date": completed_at.date_naive().to_string(),
            "utc_offset": timefmt::offset_text(*completed_at.offset()),
            "completed_at": crate::store::timestamp(completed_at.with_timezone(&Utc)),
            "with_counselor": args.with_counselor,
            "answers": instrument.items.iter().filter_map(|item| {
                answers.get(&item.id).map(|v| match v {
                    AnswerValue::Number(n) => json!({ "item": item.id, "value": n, "label": item.label_for(*n) }),
                    AnswerValue::Text(t) => json!({ "item": item.id, "text": t }),
                })
            }).collect::<Vec<_>>(),
            // Any support messages, with what triggered them, and the
            // contacts in force (always listed, so scripts can show them).
            "support": {
                "messages": outcome.safety,
                "contacts": outcome.support.contacts,
                "built_in_contacts": outcome.support.built_in,
            },
            "scores": outcome.scores,
        });
        let text =
            serde_json::to_string_pretty(&result).map_err(|e| Error::Runtime(e.to_string()))?;
        super::write_data(&format!("{text}\n"))?;
        return Ok(());
    }

    // Any support message first, with the contacts; then what was stored.
    let safety = text::safety_lines(&outcome);
    for line in &safety {
        say!("{}", line.text);
    }
    if !safety.is_empty() {
        say!("");
    }
    match (&session_id, &profile_name) {
        (Some(id), Some(name)) => say!(
            "Saved {} for {name} on {} (session {id}).",
            instrument.short_title,
            completed_at.format("%Y-%m-%d")
        ),
        _ => say!(
            "Dry run: {} checked and scored; nothing was stored.",
            instrument.short_title
        ),
    }
    for line in text::score_lines(&outcome)
        .into_iter()
        .chain(text::notice_lines(&outcome))
        .chain(text::full_lines(&outcome))
    {
        say!("{}", line.text);
    }
    Ok(())
}
