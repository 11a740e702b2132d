//! Sessions and answers: start, save each answer durably, complete (caching
//! scores), discard, list, and read back with the questionnaire snapshot.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::error::{StoreError, StoreResult};
use super::types::{SeriesPoint, Session, SessionDetail, SessionQuery, Status};
use super::{Store, parse_timestamp, timestamp};
use crate::instrument::{AnswerValue, Answers, Instrument, Loaded, Scoring, score};

pub(super) const COLUMNS: &str = "id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, with_counselor, status, deleted_at";

pub(super) type RawSession = (
    String,
    i64,
    String,
    u32,
    String,
    String,
    Option<String>,
    bool,
    String,
    Option<String>,
);

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<RawSession> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

pub(super) fn build(raw: RawSession) -> StoreResult<Session> {
    let (
        id,
        profile_id,
        questionnaire_id,
        questionnaire_version,
        snapshot_hash,
        started,
        completed,
        with_counselor,
        status,
        deleted,
    ) = raw;
    Ok(Session {
        id,
        profile_id,
        questionnaire_id,
        questionnaire_version,
        snapshot_hash,
        started_at: parse_timestamp(&started)?,
        completed_at: completed.as_deref().map(parse_timestamp).transpose()?,
        with_counselor,
        status: Status::parse(&status)
            .ok_or_else(|| StoreError::Snapshot(format!("unknown session status {status:?}")))?,
        deleted_at: deleted.as_deref().map(parse_timestamp).transpose()?,
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
        "INSERT INTO answers (session_id, item_id, value_int, value_text, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (session_id, item_id) DO UPDATE SET value_int = excluded.value_int, value_text = excluded.value_text, answered_at = excluded.answered_at",
        params![session_id, item_id, int, text, now],
    )?;
    Ok(())
}

/// Caches a completed session's scores: in `scores`, and, unless it is in
/// the trash, in the per-person read orders `series` (for trends) and
/// `last_done` (for the picker). Every write of cached scores goes through
/// here, so the three always agree.
pub(super) fn cache_scores(
    tx: &Transaction<'_>,
    session_id: &str,
    scoring: &Scoring,
) -> StoreResult<()> {
    tx.prepare_cached("DELETE FROM scores WHERE session_id = ?1")?
        .execute([session_id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO scores (session_id, score_id, value, band) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in &scoring.scores {
        stmt.execute(params![
            session_id,
            s.id,
            s.value,
            s.band.as_ref().map(|b| b.label.as_str())
        ])?;
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO series (profile_id, questionnaire_id, completed_at, session_id, with_counselor, scores)
         SELECT profile_id, questionnaire_id, completed_at, id, with_counselor, ?2 FROM sessions
         WHERE id = ?1 AND status = 'completed' AND completed_at IS NOT NULL AND deleted_at IS NULL",
    )?
    .execute(params![session_id, series_json(scoring)])?;
    tx.prepare_cached(
        "INSERT INTO last_done (profile_id, questionnaire_id, completed_at)
         SELECT profile_id, questionnaire_id, completed_at FROM sessions
         WHERE id = ?1 AND status = 'completed' AND completed_at IS NOT NULL AND deleted_at IS NULL
         ON CONFLICT (profile_id, questionnaire_id)
         DO UPDATE SET completed_at = max(completed_at, excluded.completed_at)",
    )?
    .execute([session_id])?;
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
fn parse_series_json(column: usize, text: &str) -> rusqlite::Result<Vec<(String, Option<f64>)>> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
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
                "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, with_counselor, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'in_progress')",
                params![id, profile_id, loaded.instrument.id, loaded.instrument.version, loaded.hash, timestamp(now), with_counselor],
            )?;
            Ok(())
        })?;
        self.require_session(&id)
    }

    pub fn session(&self, id: &str) -> StoreResult<Option<Session>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"),
                [id],
                from_row,
            )
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
                "DELETE FROM answers WHERE session_id = ?1 AND item_id = ?2",
                params![session_id, item_id],
            )?;
            Ok(())
        })
    }

    /// The answers of a session by item id.
    pub fn answers(&self, session_id: &str) -> StoreResult<Answers> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, value_int, value_text FROM answers WHERE session_id = ?1",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
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

    /// Marks a session completed and caches its scores.
    pub fn complete_session(
        &self,
        session_id: &str,
        completed_at: DateTime<Utc>,
        scoring: &Scoring,
    ) -> StoreResult<Session> {
        self.require_in_progress(session_id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE sessions SET status = 'completed', completed_at = ?1 WHERE id = ?2",
                params![timestamp(completed_at), session_id],
            )?;
            cache_scores(tx, session_id, scoring)
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
    /// all or nothing, in one transaction.
    pub fn record_session(
        &self,
        profile_id: i64,
        loaded: &Loaded,
        answers: &Answers,
        completed_at: DateTime<Utc>,
        with_counselor: bool,
    ) -> StoreResult<Session> {
        crate::import::limits::not_too_early(completed_at).map_err(StoreError::Input)?;
        let id = uuid::Uuid::new_v4().to_string();
        let scoring = score(&loaded.instrument, answers);
        let at = timestamp(completed_at);
        self.write(|tx| {
            store_snapshot(tx, loaded)?;
            tx.execute(
                "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, with_counselor, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, 'completed')",
                params![id, profile_id, loaded.instrument.id, loaded.instrument.version, loaded.hash, at, with_counselor],
            )?;
            for (item, value) in answers {
                insert_answer(tx, &id, item, value, &at)?;
            }
            cache_scores(tx, &id, &scoring)
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
        // One range of `series`, already in time order: a few pages per person.
        let mut stmt = self.conn.prepare_cached(
            "SELECT session_id, completed_at, with_counselor, scores FROM series
             WHERE profile_id = ?1 AND questionnaire_id = ?2
               AND (?3 IS NULL OR completed_at >= ?3)
               AND (?4 IS NULL OR completed_at < ?4)
             ORDER BY completed_at, session_id",
        )?;
        let rows = stmt.query_map(
            params![
                profile_id,
                questionnaire_id,
                query.from.map(timestamp),
                query.to.map(timestamp)
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    parse_series_json(3, &r.get::<_, String>(3)?)?,
                ))
            },
        )?;
        rows.map(|row| {
            let (session_id, at, with_counselor, scores) = row?;
            Ok(SeriesPoint {
                session_id,
                completed_at: parse_timestamp(&at)?,
                with_counselor,
                scores,
            })
        })
        .collect()
    }

    /// Recomputes and re-caches the scores of every completed session from its
    /// answers and snapshot; returns how many sessions were scored.
    pub fn rescore_all(&self) -> StoreResult<usize> {
        let ids: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM sessions WHERE status = 'completed'")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        for id in &ids {
            if let Some(detail) = self.session_detail(id)? {
                self.write(|tx| cache_scores(tx, id, &detail.scoring))?;
            }
        }
        Ok(ids.len())
    }

    /// When each questionnaire was last completed by a profile (for the picker).
    pub fn last_completed(&self, profile_id: i64) -> StoreResult<Vec<(String, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT questionnaire_id, completed_at FROM last_done
             WHERE profile_id = ?1 ORDER BY questionnaire_id",
        )?;
        let rows = stmt.query_map([profile_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|r| {
            let (id, at) = r?;
            Ok((id, parse_timestamp(&at)?))
        })
        .collect()
    }
}
