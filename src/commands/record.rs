//! `recap record ID --answers ...`: a completed paper form or a scripted
//! check-in, checked item by item, scored, and stored all at once.

use std::time::{Duration, Instant};

use chrono::{DateTime, Local, NaiveDate, NaiveTime, Utc};
use serde_json::json;

use super::Context;
use crate::cli::RecordArgs;
use crate::error::{Error, Result};
use crate::instrument::score::format_value;
use crate::instrument::{AnswerValue, Answers, Instrument, Response, score};
use crate::store::error::Temporary;
use crate::store::{Store, StoreResult};

/// Parses `6,5,,4` against the questionnaire's items (in order). Every
/// problem is reported, not only the first.
pub fn parse_answers(
    instrument: &Instrument,
    list: &str,
) -> std::result::Result<Answers, Vec<String>> {
    let fields: Vec<&str> = list.split(',').collect();
    if fields.len() != instrument.items.len() {
        return Err(vec![format!(
            "{} has {} items but {} answers were given; give one per item in order, leaving optional ones empty (e.g. 6,,4)",
            instrument.id,
            instrument.items.len(),
            fields.len()
        )]);
    }
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for (item, field) in instrument.items.iter().zip(fields) {
        let field = field.trim();
        if field.is_empty() {
            if item.required {
                problems.push(format!("item {}: an answer is required", item.id));
            }
            continue;
        }
        if matches!(item.response, Response::Text) {
            answers.insert(item.id.clone(), AnswerValue::Text(field.to_string()));
            continue;
        }
        let checked = field
            .parse::<i64>()
            .map_err(|_| String::new())
            .and_then(|v| item.check_value(v).map(|()| v));
        match checked {
            Ok(v) => {
                answers.insert(item.id.clone(), AnswerValue::Number(v));
            }
            Err(_) => {
                let allowed = item.check_value(i64::MIN).err().unwrap_or_default();
                problems.push(format!(
                    "item {}: {field:?} is not allowed; allowed: {allowed}",
                    item.id
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

/// The instant stored for a form dated `date`: noon UTC keeps the calendar
/// date the same in nearly every time zone.
pub fn instant_for(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        .and_utc()
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
    let answers = parse_answers(instrument, &args.answers)
        .map_err(|p| Error::Input(format!("nothing was stored:\n{}", p.join("\n"))))?;
    let today = Local::now().date_naive();
    let completed_at = match args.date {
        Some(d) if d > today => return Err(Error::Input(format!("the date {d} is in the future"))),
        Some(d) => instant_for(d),
        None => Utc::now(),
    };
    let scoring = score(instrument, &answers);

    let (session_id, profile_name) = if args.dry_run {
        (None, ctx.global.profile.clone())
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
        (Some(session.id), Some(profile.name))
    };

    if args.json {
        let result = json!({
            "session_id": session_id,
            "dry_run": args.dry_run,
            "profile": profile_name,
            "questionnaire": { "id": instrument.id, "version": instrument.version },
            "date": completed_at.with_timezone(&Local).date_naive().to_string(),
            "completed_at": crate::store::timestamp(completed_at),
            "with_counselor": args.with_counselor,
            "answers": instrument.items.iter().filter_map(|item| {
                answers.get(&item.id).map(|v| match v {
                    AnswerValue::Number(n) => json!({ "item": item.id, "value": n, "label": item.label_for(*n) }),
                    AnswerValue::Text(t) => json!({ "item": item.id, "text": t }),
                })
            }).collect::<Vec<_>>(),
            "scores": scoring.scores.iter().map(|s| json!({
                "id": s.id,
                "label": s.label,
                "value": s.value,
                "answered": s.answered,
                "missing": s.missing,
                "prorated": s.prorated,
                "band": s.band.as_ref().map(|b| b.label.clone()),
            })).collect::<Vec<_>>(),
            "support_messages": scoring.safety,
        });
        let text =
            serde_json::to_string_pretty(&result).map_err(|e| Error::Runtime(e.to_string()))?;
        super::write_data(&format!("{text}\n"))?;
        return Ok(());
    }

    match (&session_id, &profile_name) {
        (Some(id), Some(name)) => say!(
            "Saved {} for {name} on {} (session {id}).",
            instrument.short_title,
            completed_at.with_timezone(&Local).format("%Y-%m-%d")
        ),
        _ => say!(
            "Dry run: {} checked and scored; nothing was stored.",
            instrument.short_title
        ),
    }
    for s in &scoring.scores {
        let def = instrument.score_def(&s.id);
        let decimals = def.map_or(0, |d| d.decimals);
        match s.value {
            Some(v) => {
                let range = def
                    .map(|d| {
                        format!(
                            " (range {}-{})",
                            format_value(d.min, decimals),
                            format_value(d.max, decimals)
                        )
                    })
                    .unwrap_or_default();
                let band = s
                    .band
                    .as_ref()
                    .map(|b| format!(": {}", b.label))
                    .unwrap_or_default();
                say!("  {}: {}{range}{band}", s.label, format_value(v, decimals));
            }
            None => say!("  {}: not scored ({} answers missing)", s.label, s.missing),
        }
    }
    for message in &scoring.safety {
        say!("\n{message}");
    }
    Ok(())
}
