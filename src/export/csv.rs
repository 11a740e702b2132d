//! CSV exports for spreadsheets and pandas: one row per answer, or per score, streamed from the store, or per recovery-network entry per review (`network`), or per step of each goal (`goals`); text cells inert in spreadsheets.

pub mod goals;
pub mod network;

pub use goals::{GOAL_COLUMNS, write_goals};
pub use network::{NETWORK_COLUMNS, write_network};

use std::borrow::Cow;
use std::io::Write;

use super::ExportResult;
use crate::config::Support;
use crate::instrument::score::format_value;
use crate::instrument::{AnswerValue, score};
use crate::outcome::{Done, Point};
use crate::store::{CompletedSession, DumpFilter, Store};
use crate::timefmt::{Lived, Zone};

/// The header of the answers export (one row per answer of a completed
/// session). Columns are only ever added at the end.
pub const ANSWER_COLUMNS: [&str; 14] = [
    "profile",
    "session_id",
    "completed_at",
    "questionnaire_id",
    "questionnaire_version",
    "item_id",
    "item_text",
    "value",
    "label",
    "text",
    "client_id",
    "with_counselor",
    "completed_at_utc",
    "completed_at_local",
];

/// The header of the scores export (`--scores`: one row per score of a
/// completed session). Columns are only ever added at the end.
pub const SCORE_COLUMNS: [&str; 15] = [
    "profile",
    "session_id",
    "completed_at",
    "questionnaire_id",
    "questionnaire_version",
    "score_id",
    "score_label",
    "value",
    "band",
    "with_counselor",
    "client_id",
    "completed_at_utc",
    "completed_at_local",
    // From the result model: "validated" or "reflective", and the
    // questionnaire's notice (for a reflective one, that it is not a
    // clinical measure).
    "questionnaire_kind",
    "notice",
];

/// When a check-in was completed, in the person's zone: RFC 3339 with the
/// offset kept with it ("2026-11-20T12:00:00.000+13:00"), so the date reads
/// as the person gave it and the instant stays exact.
fn completed_at(s: &CompletedSession) -> String {
    crate::store::parse_timestamp(&s.completed_at).map_or_else(
        |_| s.completed_at.clone(),
        |t| Zone::Local.timestamp(Lived::new(t, s.utc_offset)),
    )
}

/// The same instant in UTC ("2026-11-19T23:00:00.000Z") and the wall-clock
/// time the person saw, without an offset ("2026-11-20T12:00:00").
fn completed_at_utc_and_local(s: &CompletedSession) -> (String, String) {
    match crate::store::parse_timestamp(&s.completed_at) {
        Ok(t) => (
            crate::store::timestamp(t),
            Zone::Local
                .at(Lived::new(t, s.utc_offset))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        ),
        Err(_) => (s.completed_at.clone(), String::new()),
    }
}

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written: one that begins like a formula gets a leading
/// `'`, so a spreadsheet shows it as text and never runs it. Numbers are not
/// text cells (see `Cell`), so `-3` stays a number.
pub fn inert(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell of a row, by the type of its column.
#[derive(Clone, Copy)]
enum Cell<'a> {
    /// Names, ids, labels, free text, timestamps: written through `inert`.
    Text(&'a str),
    /// Numbers and `true`/`false`, written as they are.
    Value(&'a str),
}

fn write_row<W: Write>(w: &mut ::csv::Writer<W>, cells: &[Cell<'_>]) -> ::csv::Result<()> {
    let written: Vec<Cow<'_, str>> = cells
        .iter()
        .map(|c| match c {
            Cell::Text(t) => inert(t),
            Cell::Value(v) => Cow::Borrowed(*v),
        })
        .collect();
    w.write_record(written.iter().map(|c| c.as_bytes()))
}

/// What the answers export writes for one questionnaire snapshot, worked
/// out once per export rather than once per answer: each item's id and
/// text as written (`inert`), and its option labels.
struct Sheet {
    /// By item id: (the item's place in the questionnaire, its cells).
    items: std::collections::HashMap<String, (usize, ItemCells)>,
}

struct ItemCells {
    id: String,
    text: String,
    /// Option value -> its label cell (written as text), for choice and
    /// yes/no items.
    labels: Vec<(i64, String)>,
    /// A number item's unit (its label is "VALUE UNIT").
    unit: Option<String>,
}

impl Sheet {
    fn new(instrument: &crate::instrument::Instrument) -> Sheet {
        let items = instrument
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                // A label that is the number itself is a number cell.
                let labels = item
                    .options()
                    .into_iter()
                    .map(|o| {
                        let cell = if o.label == o.value.to_string() {
                            o.label
                        } else {
                            inert(&o.label).into_owned()
                        };
                        (o.value, cell)
                    })
                    .collect();
                let unit = match &item.response {
                    crate::instrument::Response::Number { unit, .. } => unit.clone(),
                    _ => None,
                };
                let cells = ItemCells {
                    id: inert(&item.id).into_owned(),
                    text: inert(&item.text).into_owned(),
                    labels,
                    unit,
                };
                (item.id.clone(), (index, cells))
            })
            .collect();
        Sheet { items }
    }
}

/// One row per answer of each completed session, ordered by profile,
/// completion time and item order (the order of the session's questionnaire
/// snapshot, whatever order the answers were given in). `value` and `label` are the number and
/// its option label from the session's own questionnaire snapshot; free-text
/// answers are in `text`.
pub fn write_answers<W: Write>(store: &Store, filter: &DumpFilter, out: W) -> ExportResult<()> {
    let mut w = ::csv::WriterBuilder::new()
        .buffer_capacity(1 << 20)
        .from_writer(out);
    w.write_record(ANSWER_COLUMNS)?;
    let mut sheets: std::collections::HashMap<String, Sheet> = std::collections::HashMap::new();
    let mut number = String::new();
    let mut label = String::new();
    store.completed_sessions_each(filter, |s| -> ExportResult<()> {
        if !sheets.contains_key(&s.snapshot_hash) {
            let instrument = store.snapshot_instrument(&s.snapshot_hash)?;
            sheets.insert(s.snapshot_hash.clone(), Sheet::new(&instrument));
        }
        let Some(sheet) = sheets.get(&s.snapshot_hash) else {
            return Ok(());
        };
        // The cells every row of the session shares, as written.
        let profile = inert(&s.profile_name);
        let session_id = inert(&s.session_id);
        let completed_at = completed_at(&s);
        let completed_at = inert(&completed_at);
        let questionnaire_id = inert(&s.questionnaire_id);
        let (utc, local) = completed_at_utc_and_local(&s);
        let (utc, local) = (inert(&utc), inert(&local));
        let client_id = inert(s.client_id.as_deref().unwrap_or_default());
        let with_counselor = if s.with_counselor { "true" } else { "false" };
        let version = s.questionnaire_version.to_string();
        let mut answers: Vec<(usize, &String, &AnswerValue, Option<&ItemCells>)> = s
            .answers
            .iter()
            .map(|(id, v)| match sheet.items.get(id) {
                Some((index, cells)) => (*index, id, v, Some(cells)),
                None => (usize::MAX, id, v, None),
            })
            .collect();
        answers.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (_, item_id, value, cells) in answers {
            let unknown;
            let (id, text) = match cells {
                Some(c) => (c.id.as_str(), c.text.as_str()),
                None => {
                    unknown = inert(item_id);
                    (&*unknown, "")
                }
            };
            number.clear();
            label.clear();
            let mut free = "";
            match value {
                AnswerValue::Number(n) => {
                    use std::fmt::Write as _;
                    let _ = write!(number, "{n}");
                    match cells {
                        // A choice or yes/no item's option label (text).
                        Some(c) if !c.labels.is_empty() => {
                            match c.labels.iter().find(|(v, _)| v == n) {
                                Some((_, l)) => label.push_str(l),
                                // A value without an option: the number.
                                None => label.push_str(&number),
                            }
                        }
                        // "VALUE UNIT" is text (a negative one made inert).
                        Some(ItemCells { unit: Some(u), .. }) => {
                            let _ = write!(label, "{n} {u}");
                            if let std::borrow::Cow::Owned(l) = inert(&label) {
                                label = l;
                            }
                        }
                        // A number item without a unit has the number as its
                        // label: a number, not text.
                        Some(_) => label.push_str(&number),
                        // An item the questionnaire does not have: no label.
                        None => {}
                    }
                }
                AnswerValue::Text(t) => free = t.as_str(),
            }
            let free = inert(free);
            for cell in [
                &*profile,
                &*session_id,
                &*completed_at,
                &*questionnaire_id,
                version.as_str(),
                id,
                text,
                number.as_str(),
                label.as_str(),
                &*free,
                &*client_id,
                with_counselor,
                &*utc,
                &*local,
            ] {
                w.write_field(cell)?;
            }
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })?;
    w.flush()?;
    Ok(())
}

/// One row per score of each completed session: the session's result model
/// (`outcome::build`, from the answers scored with the session's
/// questionnaire snapshot). `value` is empty when too many items were
/// skipped to score; it has the score's decimals. `band` is the model's.
pub fn write_scores<W: Write>(store: &Store, filter: &DumpFilter, out: W) -> ExportResult<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(SCORE_COLUMNS)?;
    let support = Support::default();
    store.completed_sessions_each(filter, |s| -> ExportResult<()> {
        let instrument = store.snapshot_instrument(&s.snapshot_hash)?;
        let completed_at = completed_at(&s);
        let (utc, local) = completed_at_utc_and_local(&s);
        let client_id = s.client_id.as_deref().unwrap_or_default();
        let version = s.questionnaire_version.to_string();
        let with_counselor = if s.with_counselor { "true" } else { "false" };
        let scoring = score(&instrument, &s.answers);
        let done = Done {
            instrument: &instrument,
            answers: &s.answers,
            scoring: &scoring,
            session_id: Some(&s.session_id),
            completed_at: crate::store::parse_timestamp(&s.completed_at)?,
            with_counselor: s.with_counselor,
        };
        let none: &[Point] = &[];
        let outcome = crate::outcome::build(&done, none, 0, &support);
        let kind = outcome.questionnaire.kind.as_str();
        let notice = outcome.questionnaire.notice.as_deref().unwrap_or_default();
        for result in &outcome.scores {
            let value = result
                .value
                .map(|v| format_value(v, result.decimals))
                .unwrap_or_default();
            let band = result
                .band
                .as_ref()
                .map(|b| b.label.as_str())
                .unwrap_or_default();
            write_row(
                &mut w,
                &[
                    Cell::Text(&s.profile_name),
                    Cell::Text(&s.session_id),
                    Cell::Text(&completed_at),
                    Cell::Text(&s.questionnaire_id),
                    Cell::Value(&version),
                    Cell::Text(&result.id),
                    Cell::Text(&result.label),
                    Cell::Value(&value),
                    Cell::Text(band),
                    Cell::Value(with_counselor),
                    Cell::Text(client_id),
                    Cell::Text(&utc),
                    Cell::Text(&local),
                    Cell::Text(kind),
                    Cell::Text(notice),
                ],
            )?;
        }
        Ok(())
    })?;
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_prefixed_and_nothing_else() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=1", "a=1"),
            (" =1", " =1"),
            ("", ""),
            ("'quoted", "'quoted"),
            ("Ana", "Ana"),
        ] {
            assert_eq!(inert(cell), written, "{cell:?}");
        }
    }
}
