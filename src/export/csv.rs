//! CSV exports for spreadsheets and pandas: one row per answer, or per score, streamed from the store.

use std::io::Write;

use super::ExportResult;
use crate::instrument::score::format_value;
use crate::instrument::{AnswerValue, score};
use crate::store::{DumpFilter, Store};

/// The header of the answers export (one row per answer of a completed session).
pub const ANSWER_COLUMNS: [&str; 10] = [
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
];

/// The header of the scores export (`--scores`: one row per score of a completed session).
pub const SCORE_COLUMNS: [&str; 10] = [
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
];

/// One row per answer of each completed session, ordered by profile,
/// completion time and item order. `value` and `label` are the number and
/// its option label from the session's own questionnaire snapshot; free-text
/// answers are in `text`.
pub fn write_answers<W: Write>(store: &Store, filter: &DumpFilter, out: W) -> ExportResult<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(ANSWER_COLUMNS)?;
    store.completed_sessions_each(filter, |s| -> ExportResult<()> {
        let instrument = store.snapshot_instrument(&s.snapshot_hash)?;
        let version = s.questionnaire_version.to_string();
        let mut answers: Vec<(usize, &String, &AnswerValue)> = s
            .answers
            .iter()
            .map(|(id, v)| (instrument.item_index(id).unwrap_or(usize::MAX), id, v))
            .collect();
        answers.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (_, item_id, value) in answers {
            let item = instrument.item(item_id);
            let item_text = item.map(|i| i.text.as_str()).unwrap_or_default();
            let (number, label, text) = match value {
                AnswerValue::Number(n) => (
                    n.to_string(),
                    item.map(|i| i.label_for(*n)).unwrap_or_default(),
                    "",
                ),
                AnswerValue::Text(t) => (String::new(), String::new(), t.as_str()),
            };
            w.write_record([
                s.profile_name.as_str(),
                &s.session_id,
                &s.completed_at,
                &s.questionnaire_id,
                &version,
                item_id,
                item_text,
                &number,
                &label,
                text,
            ])?;
        }
        Ok(())
    })?;
    w.flush()?;
    Ok(())
}

/// One row per score of each completed session, computed with `score` from
/// the answers and the session's questionnaire snapshot. `value` is empty
/// when too many items were skipped to score; it has the score's decimals.
pub fn write_scores<W: Write>(store: &Store, filter: &DumpFilter, out: W) -> ExportResult<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(SCORE_COLUMNS)?;
    store.completed_sessions_each(filter, |s| -> ExportResult<()> {
        let instrument = store.snapshot_instrument(&s.snapshot_hash)?;
        let version = s.questionnaire_version.to_string();
        let with_counselor = if s.with_counselor { "true" } else { "false" };
        for result in score(&instrument, &s.answers).scores {
            let decimals = instrument.score_def(&result.id).map_or(0, |d| d.decimals);
            let value = result
                .value
                .map(|v| format_value(v, decimals))
                .unwrap_or_default();
            let band = result.band.map(|b| b.label).unwrap_or_default();
            w.write_record([
                s.profile_name.as_str(),
                &s.session_id,
                &s.completed_at,
                &s.questionnaire_id,
                &version,
                &result.id,
                &result.label,
                &value,
                &band,
                with_counselor,
            ])?;
        }
        Ok(())
    })?;
    w.flush()?;
    Ok(())
}
