//! Sessions and answers: start, save each answer durably, complete (caching
//! scores), discard, list, and read back with the questionnaire snapshot.
//! Each new check-in takes the next number (`sessions.seq`) that its
//! answers are stored under.

use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::cache::{self, parse_series_json};
use super::error::{StoreError, StoreResult};
use super::schema::NEXT_SEQ;
use super::types::{SeriesPoint, Session, SessionDetail, SessionQuery, Status, ValuesPoint};
use super::{Store, parse_timestamp, timestamp};
use crate::instrument::{AnswerValue, Answers, Instrument, Loaded, Scoring, score};
use crate::timefmt::{self, InZone, Lived};

pub(super) const COLUMNS: &str = "id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, with_counselor, status, local_date, utc_offset, deleted_at";

/// A `sessions` row as read, before its text is parsed.
pub(super) struct RawSession {
    id: String,
    profile_id: i64,
    questionnaire_id: String,
    questionnaire_version: u32,
    snapshot_hash: String,
    started: String,
    completed: Option<String>,
    with_counselor: bool,
    status: String,
    local_date: Option<String>,
    utc_offset: Option<i64>,
    deleted_at: Option<String>,
}

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<RawSession> {
    Ok(RawSession {
        id: r.get(0)?,
        profile_id: r.get(1)?,
        questionnaire_id: r.get(2)?,
        questionnaire_version: r.get(3)?,
        snapshot_hash: r.get(4)?,
        started: r.get(5)?,
        completed: r.get(6)?,
        with_counselor: r.get(7)?,
        status: r.get(8)?,
        local_date: r.get(9)?,
        utc_offset: r.get(10)?,
        deleted_at: r.get(11)?,
    })
}

/// A stored offset (seconds east of UTC) as an offset.
pub(super) fn stored_offset(seconds: Option<i64>) -> StoreResult<Option<FixedOffset>> {
    seconds
        .map(|s| {
            timefmt::offset_from_seconds(s)
                .ok_or_else(|| StoreError::Snapshot(format!("bad UTC offset {s}")))
        })
        .transpose()
}

/// One row of `series` (session_id, completed_at, with_counselor, scores,
/// utc_offset), read without copying the texts it only parses.
fn values_point(r: &rusqlite::Row<'_>, ids: &[&str]) -> StoreResult<ValuesPoint> {
    let at = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
    let scores = r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?;
    Ok(ValuesPoint {
        session_id: r.get(0)?,
        completed_at: parse_timestamp(at)?,
        with_counselor: r.get(2)?,
        values: cache::parse_series_values(3, scores, ids)?,
        utc_offset: stored_offset(r.get(4)?)?,
    })
}

fn series_point(r: &rusqlite::Row<'_>) -> StoreResult<SeriesPoint> {
    let at = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
    Ok(SeriesPoint {
        session_id: r.get(0)?,
        completed_at: parse_timestamp(at)?,
        with_counselor: r.get(2)?,
        scores: parse_series_json(3, r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?)?,
        utc_offset: stored_offset(r.get(4)?)?,
    })
}

pub(super) fn build(raw: RawSession) -> StoreResult<Session> {
    let status = &raw.status;
    Ok(Session {
        started_at: parse_timestamp(&raw.started)?,
        completed_at: raw.completed.as_deref().map(parse_timestamp).transpose()?,
        local_date: raw
            .local_date
            .as_deref()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|e| StoreError::Snapshot(format!("bad date {d:?}: {e}")))
            })
            .transpose()?,
        utc_offset: stored_offset(raw.utc_offset)?,
        status: Status::parse(status)
            .ok_or_else(|| StoreError::Snapshot(format!("unknown session status {status:?}")))?,
        id: raw.id,
        profile_id: raw.profile_id,
        questionnaire_id: raw.questionnaire_id,
        questionnaire_version: raw.questionnaire_version,
        snapshot_hash: raw.snapshot_hash,
        with_counselor: raw.with_counselor,
        deleted_at: raw.deleted_at.as_deref().map(parse_timestamp).transpose()?,
    })
}

fn store_snapshot(tx: &Transaction<'_>, loaded: &Loaded) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO snapshots (hash, questionnaire_id, version, source) VALUES (?1, ?2, ?3, ?4)",
        params![loaded.hash, loaded.instrument.id, loaded.instrument.version, loaded.source],
    )?;
    Ok(())
}

pub(super) fn insert_answer(
    tx: &Transaction<'_>,
    session_id: &str,
    item_id: &str,
    value: &AnswerValue,
    now: &str,
) -> StoreResult<()> {
    let (int, text) = match value {
        AnswerValue::Number(n) => (Some(*n), None),
        AnswerValue::Text(t) => {
            // The same bound an import keeps, so every export imports again.
            crate::import::limits::text_answer(t).map_err(StoreError::Input)?;
            (None, Some(t.as_str()))
        }
    };
    tx.execute(
        "INSERT INTO answers (session_seq, item_id, value_int, value_text, answered_at)
         VALUES ((SELECT seq FROM sessions WHERE id = ?1), ?2, ?3, ?4, ?5)
         ON CONFLICT (session_seq, item_id) DO UPDATE SET value_int = excluded.value_int, value_text = excluded.value_text, answered_at = excluded.answered_at",
        params![session_id, item_id, int, text, now],
    )?;
    Ok(())
}

impl Store {
    /// Starts a new in-progress session for a profile with this exact questionnaire text.
    pub fn start_session(
        &self,
        profile_id: i64,
        loaded: &Loaded,
        with_counselor: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<Session> {
        let id = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            store_snapshot(tx, loaded)?;
            tx.execute(
                &format!(
                    "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, with_counselor, status, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'in_progress', {NEXT_SEQ})"
                ),
                params![id, profile_id, loaded.instrument.id, loaded.instrument.version, loaded.hash, timestamp(now), with_counselor],
            )?;
            Ok(())
        })?;
        self.require_session(&id)
    }

    pub fn session(&self, id: &str) -> StoreResult<Option<Session>> {
        // Prepared once per connection: reports read every check-in by id.
        let raw = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?;
        raw.map(build).transpose()
    }

    pub(super) fn require_session(&self, id: &str) -> StoreResult<Session> {
        self.session(id)?
            .ok_or_else(|| StoreError::Input(format!("no session with id {id}")))
    }

    fn require_in_progress(&self, id: &str) -> StoreResult<Session> {
        let s = self.require_session(id)?;
        if s.deleted_at.is_some() {
            return Err(StoreError::Input(format!(
                "session {id} is in the trash; restore it first"
            )));
        }
        if s.status != Status::InProgress {
            return Err(StoreError::Input(format!(
                "session {id} is {}, not in progress",
                s.status.as_str()
            )));
        }
        Ok(s)
    }

    /// Unfinished check-ins of a profile (not in the trash), newest first.
    pub fn unfinished_sessions(&self, profile_id: i64) -> StoreResult<Vec<Session>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM sessions WHERE profile_id = ?1 AND status = 'in_progress' AND deleted_at IS NULL ORDER BY started_at DESC"
        ))?;
        let rows = stmt.query_map([profile_id], from_row)?;
        rows.map(|r| build(r?)).collect()
    }

    /// Saves one answer (insert or change in place). Durable when this returns.
    pub fn save_answer(
        &self,
        session_id: &str,
        item_id: &str,
        value: &AnswerValue,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.require_in_progress(session_id)?;
        self.write(|tx| insert_answer(tx, session_id, item_id, value, &timestamp(now)))
    }

    /// Removes an answer (the person chose to skip an optional item).
    pub fn clear_answer(&self, session_id: &str, item_id: &str) -> StoreResult<()> {
        self.require_in_progress(session_id)?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM answers
                 WHERE session_seq = (SELECT seq FROM sessions WHERE id = ?1) AND item_id = ?2",
                params![session_id, item_id],
            )?;
            Ok(())
        })
    }

    /// The answers of a session by item id.
    pub fn answers(&self, session_id: &str) -> StoreResult<Answers> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, value_int, value_text FROM answers
             WHERE session_seq = (SELECT seq FROM sessions WHERE id = ?1)",
        )?;
        answers_from(stmt.query_map([session_id], answer_row)?)
    }

    /// The answers of the session numbered `seq` (`sessions.seq`) by item id.
    pub(super) fn answers_by_seq(&self, seq: i64) -> StoreResult<Answers> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, value_int, value_text FROM answers WHERE session_seq = ?1",
        )?;
        answers_from(stmt.query_map([seq], answer_row)?)
    }

    /// Marks a session completed and caches its scores. `completed_at` is
    /// a UTC instant (taken in this computer's zone) or a time with the
    /// person's UTC offset; the day and offset are kept with it.
    pub fn complete_session(
        &self,
        session_id: &str,
        completed_at: impl InZone,
        scoring: &Scoring,
    ) -> StoreResult<Session> {
        self.require_in_progress(session_id)?;
        let lived = completed_at.in_zone();
        self.write(|tx| {
            tx.execute(
                "UPDATE sessions SET status = 'completed', completed_at = ?1, local_date = ?2, utc_offset = ?3 WHERE id = ?4",
                params![
                    timestamp(lived.with_timezone(&Utc)),
                    local_date_text(lived),
                    timefmt::offset_seconds(*lived.offset()),
                    session_id
                ],
            )?;
            cache::write(tx, session_id, scoring)
        })?;
        self.require_session(session_id)
    }

    /// Sets an unfinished session aside; its answers are kept but it is no longer offered.
    pub fn discard_session(&self, session_id: &str) -> StoreResult<()> {
        self.require_in_progress(session_id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE sessions SET status = 'discarded' WHERE id = ?1",
                [session_id],
            )?;
            Ok(())
        })
    }

    /// Stores a whole completed session at once (a paper form, a script):
    /// all or nothing, in one transaction. `completed_at` as for
    /// `complete_session`; its day in the person's zone is the date kept.
    pub fn record_session(
        &self,
        profile_id: i64,
        loaded: &Loaded,
        answers: &Answers,
        completed_at: impl InZone,
        with_counselor: bool,
    ) -> StoreResult<Session> {
        let lived = completed_at.in_zone();
        crate::import::limits::not_too_early_on(lived).map_err(StoreError::Input)?;
        let id = uuid::Uuid::new_v4().to_string();
        let scoring = score(&loaded.instrument, answers);
        let at = timestamp(lived.with_timezone(&Utc));
        self.write(|tx| {
            store_snapshot(tx, loaded)?;
            tx.execute(
                &format!(
                    "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, with_counselor, status, local_date, utc_offset, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, 'completed', ?8, ?9, {NEXT_SEQ})"
                ),
                params![
                    id,
                    profile_id,
                    loaded.instrument.id,
                    loaded.instrument.version,
                    loaded.hash,
                    at,
                    with_counselor,
                    local_date_text(lived),
                    timefmt::offset_seconds(*lived.offset())
                ],
            )?;
            for (item, value) in answers {
                insert_answer(tx, &id, item, value, &at)?;
            }
            cache::write(tx, &id, &scoring)
        })?;
        self.require_session(&id)
    }

    /// Completed sessions of a profile (not in the trash), oldest first.
    pub fn sessions(&self, profile_id: i64, query: &SessionQuery) -> StoreResult<Vec<Session>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sessions
             WHERE profile_id = ?1 AND status = 'completed' AND deleted_at IS NULL
               AND (?2 IS NULL OR questionnaire_id = ?2)
               AND (?3 IS NULL OR completed_at >= ?3)
               AND (?4 IS NULL OR completed_at < ?4)
             ORDER BY completed_at, id"
        ))?;
        let rows = stmt.query_map(
            params![
                profile_id,
                query.questionnaire_id,
                query.from.map(timestamp),
                query.to.map(timestamp)
            ],
            from_row,
        )?;
        rows.map(|r| build(r?)).collect()
    }

    /// The questionnaire a snapshot holds, parsed once and kept.
    pub fn snapshot_instrument(&self, hash: &str) -> StoreResult<Rc<Instrument>> {
        if let Some(found) = self.snapshots.borrow().get(hash) {
            return Ok(found.clone());
        }
        let source: String = self
            .conn
            .query_row(
                "SELECT source FROM snapshots WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Snapshot(format!("snapshot {hash} is missing")))?;
        let instrument = crate::instrument::load::parse_stored("stored questionnaire", &source)
            .map_err(|e| {
                StoreError::Snapshot(
                    e.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
        let instrument = Rc::new(instrument);
        self.snapshots
            .borrow_mut()
            .insert(hash.to_string(), instrument.clone());
        Ok(instrument)
    }

    /// A session with its questionnaire, answers and scores (recomputed from
    /// the answers and the snapshot, so they always follow the one scoring rule).
    pub fn session_detail(&self, session_id: &str) -> StoreResult<Option<SessionDetail>> {
        let Some(session) = self.session(session_id)? else {
            return Ok(None);
        };
        let instrument = self.snapshot_instrument(&session.snapshot_hash)?;
        let answers = self.answers(session_id)?;
        let scoring = score(&instrument, &answers);
        Ok(Some(SessionDetail {
            session,
            instrument,
            answers,
            scoring,
        }))
    }

    /// Cached scores of a profile's completed sessions of one questionnaire,
    /// oldest first, optionally limited to a time window.
    pub fn score_series(
        &self,
        profile_id: i64,
        questionnaire_id: &str,
        query: &SessionQuery,
    ) -> StoreResult<Vec<SeriesPoint>> {
        self.series_rows(profile_id, questionnaire_id, query, series_point)
    }

    /// Like `score_series`, with each check-in's values of the scores
    /// `ids`, in that order (what charts and results compare).
    pub fn score_values(
        &self,
        profile_id: i64,
        questionnaire_id: &str,
        query: &SessionQuery,
        ids: &[&str],
    ) -> StoreResult<Vec<ValuesPoint>> {
        self.series_rows(profile_id, questionnaire_id, query, |r| {
            values_point(r, ids)
        })
    }

    /// Each `series` row of a profile's questionnaire in the window, oldest
    /// first, read by `each`.
    fn series_rows<T>(
        &self,
        profile_id: i64,
        questionnaire_id: &str,
        query: &SessionQuery,
        mut each: impl FnMut(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        // One range of `series`, already in time order: a few pages per person.
        let mut stmt = self.conn.prepare_cached(
            "SELECT session_id, completed_at, with_counselor, scores, utc_offset FROM series
             WHERE profile_id = ?1 AND questionnaire_id = ?2
               AND (?3 IS NULL OR completed_at >= ?3)
               AND (?4 IS NULL OR completed_at < ?4)
             ORDER BY completed_at, session_id",
        )?;
        let mut rows = stmt.query(params![
            profile_id,
            questionnaire_id,
            query.from.map(timestamp),
            query.to.map(timestamp)
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(each(r)?);
        }
        Ok(out)
    }

    /// The latest `limit` completed check-ins of one questionnaire by a
    /// profile, oldest first, with the values of `ids`: what the home screen
    /// shows without reading years of history.
    pub fn score_values_tail(
        &self,
        profile_id: i64,
        questionnaire_id: &str,
        limit: usize,
        ids: &[&str],
    ) -> StoreResult<Vec<ValuesPoint>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT session_id, completed_at, with_counselor, scores, utc_offset FROM series
             WHERE profile_id = ?1 AND questionnaire_id = ?2
             ORDER BY completed_at DESC, session_id DESC LIMIT ?3",
        )?;
        let mut rows = stmt.query(params![
            profile_id,
            questionnaire_id,
            i64::try_from(limit).unwrap_or(i64::MAX)
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(values_point(r, ids)?);
        }
        out.reverse();
        Ok(out)
    }

    /// Recomputes the score cache of every completed session from its
    /// answers and snapshot, in one transaction (opening a file does this by
    /// itself when its cache is older than this build's scoring); returns
    /// how many sessions were scored.
    pub fn rescore_all(&self) -> StoreResult<usize> {
        self.write(cache::rebuild)
    }

    /// When each questionnaire was last completed by a profile (for the
    /// picker), in the person's zone.
    pub fn last_completed(&self, profile_id: i64) -> StoreResult<Vec<(String, Lived)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT questionnaire_id, completed_at, utc_offset FROM last_done
             WHERE profile_id = ?1 ORDER BY questionnaire_id",
        )?;
        let rows = stmt.query_map([profile_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        rows.map(|r| {
            let (id, at, offset) = r?;
            Ok((
                id,
                Lived::new(parse_timestamp(&at)?, stored_offset(offset)?),
            ))
        })
        .collect()
    }
}

/// The day of a moment in its own zone, as stored ("2026-11-20").
fn local_date_text(t: DateTime<FixedOffset>) -> String {
    t.date_naive().format("%Y-%m-%d").to_string()
}

/// One `answers` row: (item id, number, text).
type AnswerRow = (String, Option<i64>, Option<String>);

fn answer_row(r: &Row<'_>) -> rusqlite::Result<AnswerRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

/// Answers by item id from `answers` rows.
fn answers_from(rows: impl Iterator<Item = rusqlite::Result<AnswerRow>>) -> StoreResult<Answers> {
    let mut answers = Answers::new();
    for row in rows {
        let (item, int, text) = row?;
        let value = match (int, text) {
            (Some(n), _) => AnswerValue::Number(n),
            (None, Some(t)) => AnswerValue::Text(t),
            (None, None) => continue,
        };
        answers.insert(item, value);
    }
    Ok(answers)
}
