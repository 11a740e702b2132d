//! The score cache: `scores`, `series` and `last_done` are derived from the
//! sessions, their answers and questionnaire snapshots by
//! `instrument::score` (`scores` keyed, like `answers`, by the check-in's
//! number `sessions.seq`). Each `series` row records the scoring version and the
//! snapshot hash it was computed with; `cache_state` holds the oldest scoring
//! version in the cache, and opening a file whose cache is older than this
//! build's `SCORING_VERSION` rebuilds all of it in one transaction.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::error::StoreResult;
use crate::instrument::score::SCORING_VERSION;
use crate::instrument::{AnswerValue, Answers, Instrument, Scoring, score};

/// How long to wait for the write lock before a rebuild: another process
/// may be rebuilding the same file.
const REBUILD_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Caches a completed session's scores: in `scores`, and, unless it is in
/// the trash, in the per-person read orders `series` (for trends and home)
/// and `last_done` (for the picker), with the scoring version and the session's snapshot hash. Every
/// write of cached scores goes through here, so the three always agree.
pub(super) fn write(tx: &Transaction<'_>, session_id: &str, scoring: &Scoring) -> StoreResult<()> {
    let seq: i64 = tx
        .prepare_cached("SELECT seq FROM sessions WHERE id = ?1")?
        .query_row([session_id], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM scores WHERE session_seq = ?1")?
        .execute([seq])?;
    write_scores(tx, session_id, seq, scoring)?;
    tx.prepare_cached(
        "INSERT INTO last_done (profile_id, questionnaire_id, completed_at, utc_offset)
         SELECT profile_id, questionnaire_id, completed_at, utc_offset FROM sessions
         WHERE id = ?1 AND status = 'completed' AND completed_at IS NOT NULL AND deleted_at IS NULL
         ON CONFLICT (profile_id, questionnaire_id)
         DO UPDATE SET completed_at = excluded.completed_at, utc_offset = excluded.utc_offset
         WHERE excluded.completed_at > last_done.completed_at",
    )?
    .execute([session_id])?;
    // A recap with an older scoring function writing into this file marks
    // the cache as that old, so the next newer recap rebuilds it.
    tx.prepare_cached(
        "UPDATE cache_state SET scoring_version = min(scoring_version, ?1) WHERE id = 1",
    )?
    .execute([SCORING_VERSION])?;
    Ok(())
}

/// A completed check-in just written by an import, as `write_imported`
/// caches it.
pub(super) struct Imported<'a> {
    pub id: &'a str,
    /// Its `sessions.seq`.
    pub seq: i64,
    pub profile_id: i64,
    pub questionnaire_id: &'a str,
    pub completed_at: &'a str,
    pub utc_offset: Option<i64>,
    pub with_counselor: bool,
    pub snapshot_hash: &'a str,
    pub in_trash: bool,
}

/// `write` for a check-in an import has just added (so it has no cached
/// rows yet), from the values the import wrote rather than read back; the
/// import calls `mark_written` once at its end.
pub(super) fn write_imported(
    tx: &Transaction<'_>,
    s: &Imported<'_>,
    scoring: &Scoring,
) -> StoreResult<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO scores (session_seq, score_id, value, band) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for score in &scoring.scores {
        stmt.execute(params![
            s.seq,
            score.id,
            score.value,
            score.band.as_ref().map(|b| b.label.as_str())
        ])?;
    }
    if s.in_trash {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO series (profile_id, questionnaire_id, completed_at, session_id,
             with_counselor, utc_offset, snapshot_hash, scoring_version, scores)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        s.profile_id,
        s.questionnaire_id,
        s.completed_at,
        s.id,
        s.with_counselor,
        s.utc_offset,
        s.snapshot_hash,
        SCORING_VERSION,
        series_json(scoring)
    ])?;
    tx.prepare_cached(
        "INSERT INTO last_done (profile_id, questionnaire_id, completed_at, utc_offset)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (profile_id, questionnaire_id)
         DO UPDATE SET completed_at = excluded.completed_at, utc_offset = excluded.utc_offset
         WHERE excluded.completed_at > last_done.completed_at",
    )?
    .execute(params![
        s.profile_id,
        s.questionnaire_id,
        s.completed_at,
        s.utc_offset
    ])?;
    Ok(())
}

/// What `write` does to `cache_state` after each check-in, once for an
/// import's check-ins (`write_imported`).
pub(super) fn mark_written(tx: &Transaction<'_>) -> StoreResult<()> {
    tx.prepare_cached(
        "UPDATE cache_state SET scoring_version = min(scoring_version, ?1) WHERE id = 1",
    )?
    .execute([SCORING_VERSION])?;
    Ok(())
}

/// Sets `last_done` for one person and questionnaire from the completed
/// check-ins outside the trash (no row when there are none).
pub(super) fn recompute_last_done(
    tx: &Transaction<'_>,
    profile_id: i64,
    questionnaire_id: &str,
) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM last_done WHERE profile_id = ?1 AND questionnaire_id = ?2",
        params![profile_id, questionnaire_id],
    )?;
    tx.execute(
        "INSERT INTO last_done (profile_id, questionnaire_id, completed_at, utc_offset)
         SELECT profile_id, questionnaire_id, MAX(completed_at), utc_offset FROM sessions
         WHERE profile_id = ?1 AND questionnaire_id = ?2 AND status = 'completed'
           AND completed_at IS NOT NULL AND deleted_at IS NULL
         GROUP BY profile_id, questionnaire_id",
        params![profile_id, questionnaire_id],
    )?;
    Ok(())
}

/// The `scores` and `series` rows of one session, numbered `seq` (its old
/// `scores` rows already gone).
fn write_scores(
    tx: &Transaction<'_>,
    session_id: &str,
    seq: i64,
    scoring: &Scoring,
) -> StoreResult<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO scores (session_seq, score_id, value, band) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in &scoring.scores {
        stmt.execute(params![
            seq,
            s.id,
            s.value,
            s.band.as_ref().map(|b| b.label.as_str())
        ])?;
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO series (profile_id, questionnaire_id, completed_at, session_id,
             with_counselor, utc_offset, snapshot_hash, scoring_version, scores)
         SELECT profile_id, questionnaire_id, completed_at, id, with_counselor, utc_offset,
                snapshot_hash, ?2, ?3 FROM sessions
         WHERE id = ?1 AND status = 'completed' AND completed_at IS NOT NULL AND deleted_at IS NULL",
    )?
    .execute(params![session_id, SCORING_VERSION, series_json(scoring)])?;
    Ok(())
}

/// `[["score id", value or null], ...]` by score id, as in `series.scores`.
fn series_json(scoring: &Scoring) -> String {
    let mut scores: Vec<(&str, Option<f64>)> = scoring
        .scores
        .iter()
        .map(|s| (s.id.as_str(), s.value.filter(|v| v.is_finite())))
        .collect();
    scores.sort_by(|a, b| a.0.cmp(b.0));
    serde_json::Value::Array(
        scores
            .into_iter()
            .map(|(id, value)| serde_json::json!([id, value]))
            .collect(),
    )
    .to_string()
}

/// Reads `series.scores` back.
pub(super) fn parse_series_json(
    column: usize,
    text: &str,
) -> rusqlite::Result<Vec<(String, Option<f64>)>> {
    if let Some(scores) = parse_plain_series(text) {
        return Ok(scores);
    }
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads `series.scores` back as the values of `ids`, in that order.
pub(super) fn parse_series_values(
    column: usize,
    text: &str,
    ids: &[&str],
) -> rusqlite::Result<Vec<Option<f64>>> {
    let mut values = vec![None; ids.len()];
    let mut put = |id: &str, value: Option<f64>| {
        if let Some(i) = ids.iter().position(|wanted| *wanted == id) {
            values[i] = value;
        }
    };
    if !walk_plain_series(text, &mut put) {
        for (id, value) in parse_series_json(column, text)? {
            put(&id, value);
        }
    }
    Ok(values)
}

/// The shape `series_json` writes, `[["id",12.5],["other",null]]` with ids
/// free of escapes, read without a JSON parser (years of check-ins are read
/// this way for one chart); None for anything else, which `serde_json` then
/// reads or refuses.
fn parse_plain_series(text: &str) -> Option<Vec<(String, Option<f64>)>> {
    let mut out = Vec::new();
    walk_plain_series(text, &mut |id, value| out.push((id.to_string(), value))).then_some(out)
}

/// Calls `each` with every (id, value) of a plain `series.scores` text;
/// false (having called it with some, perhaps) when the text is not plain.
fn walk_plain_series(text: &str, each: &mut impl FnMut(&str, Option<f64>)) -> bool {
    walk(text, each).is_some()
}

fn walk(text: &str, each: &mut impl FnMut(&str, Option<f64>)) -> Option<()> {
    let mut rest = text.strip_prefix('[')?;
    if let Some(end) = rest.strip_prefix(']') {
        return end.is_empty().then_some(());
    }
    loop {
        rest = rest.strip_prefix("[\"")?;
        let quote = rest.find('"')?;
        let id = &rest[..quote];
        if id.contains('\\') {
            return None;
        }
        rest = rest[quote + 1..].strip_prefix(',')?;
        let close = rest.find(']')?;
        let number = &rest[..close];
        let value = if number == "null" {
            None
        } else {
            let json_number = number.starts_with(|c: char| c == '-' || c.is_ascii_digit())
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || "-+.eE".contains(c));
            if !json_number {
                return None;
            }
            Some(number.parse::<f64>().ok().filter(|v| v.is_finite())?)
        };
        each(id, value);
        rest = &rest[close + 1..];
        if let Some(more) = rest.strip_prefix(',') {
            rest = more;
        } else {
            return (rest == "]").then_some(());
        }
    }
}

/// The scoring version the cache was computed with (its oldest row's);
/// 0 when unknown.
fn stored_version(conn: &Connection) -> StoreResult<i64> {
    Ok(conn
        .query_row(
            "SELECT scoring_version FROM cache_state WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// True when the cache was computed by an older scoring function than this
/// build's. (A newer one's numbers are left alone: an older recap does not
/// undo a fix.)
fn stale(conn: &Connection) -> StoreResult<bool> {
    Ok(stored_version(conn)? < i64::from(SCORING_VERSION))
}

/// On open: rebuilds the cache, in one transaction under the write lock,
/// when it is older than this build's scoring. Returns how many sessions
/// were scored (None when the cache was current).
pub(super) fn refresh(conn: &Connection) -> StoreResult<Option<usize>> {
    if !stale(conn)? {
        return Ok(None);
    }
    conn.busy_timeout(REBUILD_WAIT)?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate);
    conn.busy_timeout(super::connection::BUSY_WAIT)?;
    let tx = tx?;
    let rebuilt = refresh_in(&tx)?;
    tx.commit()?;
    Ok(rebuilt)
}

/// `refresh` inside the caller's write transaction (the upgrade's).
pub(super) fn refresh_in(tx: &Transaction<'_>) -> StoreResult<Option<usize>> {
    if !stale(tx)? {
        return Ok(None);
    }
    rebuild(tx).map(Some)
}

/// Recomputes every completed session's cached scores from its answers and
/// snapshot with this build's scoring, inside the caller's transaction;
/// returns how many sessions were scored. A snapshot that no longer parses
/// leaves its sessions without scores rather than with old ones.
pub(super) fn rebuild(tx: &Transaction<'_>) -> StoreResult<usize> {
    // A large transaction: room for its pages in memory (64 MB at most)
    // rather than spilling them to the log while it runs.
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    tx.execute_batch("PRAGMA cache_size = -65536")?;
    let rebuilt = rebuild_all(tx);
    tx.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    rebuilt
}

fn rebuild_all(tx: &Transaction<'_>) -> StoreResult<usize> {
    tx.execute_batch("DELETE FROM scores; DELETE FROM series; DELETE FROM last_done;")?;
    let mut instruments: HashMap<String, Option<Rc<Instrument>>> = HashMap::new();
    let mut answers_of = tx.prepare_cached(
        "SELECT item_id, value_int, value_text FROM answers WHERE session_seq = ?1",
    )?;
    // One at a time, in key order: answers are read and `scores` written
    // page after page.
    let mut sessions = tx.prepare(
        "SELECT id, snapshot_hash, seq FROM sessions
         WHERE status = 'completed' AND completed_at IS NOT NULL
         ORDER BY seq",
    )?;
    let mut rows = sessions.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let hash: String = row.get(1)?;
        let seq: i64 = row.get(2)?;
        let instrument = match instruments.get(&hash) {
            Some(found) => found.clone(),
            None => {
                let parsed = snapshot(tx, &hash)?;
                instruments.insert(hash, parsed.clone());
                parsed
            }
        };
        let scoring = match instrument {
            Some(instrument) => {
                let mut answers = Answers::new();
                let given = answers_of.query_map([seq], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })?;
                for answer in given {
                    match answer? {
                        (item, Some(n), _) => answers.insert(item, AnswerValue::Number(n)),
                        (item, None, Some(t)) => answers.insert(item, AnswerValue::Text(t)),
                        (_, None, None) => None,
                    };
                }
                score(&instrument, &answers)
            }
            None => Scoring::default(),
        };
        write_scores(tx, &id, seq, &scoring)?;
        count += 1;
    }
    // The latest completion per person and questionnaire (SQLite takes the
    // offset from the row holding the maximum).
    tx.execute_batch(
        "INSERT INTO last_done (profile_id, questionnaire_id, completed_at, utc_offset)
         SELECT profile_id, questionnaire_id, MAX(completed_at), utc_offset FROM sessions
         WHERE status = 'completed' AND completed_at IS NOT NULL AND deleted_at IS NULL
         GROUP BY profile_id, questionnaire_id",
    )?;
    tx.execute(
        "UPDATE cache_state SET scoring_version = ?1 WHERE id = 1",
        [SCORING_VERSION],
    )?;
    Ok(count)
}

/// The questionnaire a snapshot holds; None when it is missing or no
/// longer parses.
fn snapshot(tx: &Transaction<'_>, hash: &str) -> StoreResult<Option<Rc<Instrument>>> {
    let source: Option<String> = tx
        .query_row(
            "SELECT source FROM snapshots WHERE hash = ?1",
            [hash],
            |r| r.get(0),
        )
        .optional()?;
    Ok(source.and_then(|s| {
        crate::instrument::load::parse_stored("stored questionnaire", &s)
            .ok()
            .map(Rc::new)
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_reader_agrees_with_serde_json_on_what_the_cache_writes() {
        for text in [
            "[]",
            r#"[["total",12.0]]"#,
            r#"[["a",null],["b",-3.25],["c",1e-7],["d",56.333333333333336]]"#,
        ] {
            let plain = parse_plain_series(text).unwrap();
            let serde: Vec<(String, Option<f64>)> = serde_json::from_str(text).unwrap();
            assert_eq!(plain, serde, "{text}");
        }
        // Anything else goes to serde_json: escapes, spaces, odd numbers.
        for text in [
            r#"[["a\"b",1]]"#,
            r#"[ ["a",1]]"#,
            r#"[["a",NaN]]"#,
            r#"[["a",inf]]"#,
            r#"[["a",1]"#,
            r#"[["a",1]]x"#,
        ] {
            assert_eq!(parse_plain_series(text), None, "{text}");
        }
        assert!(parse_series_json(3, r#"[["a\"b",1]]"#).is_ok());
        assert!(parse_series_json(3, r#"[["a",1]"#).is_err());
    }
}
