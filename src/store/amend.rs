//! Amendments: one answer of a completed check-in changed with a trail (the
//! value before, when it was given, when it changed and why); scores and
//! the cached series follow through the one scoring function.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::cache;
use super::error::{StoreError, StoreResult};
use super::sessions::insert_answer;
use super::types::{Amendment, Status};
use super::{Store, parse_timestamp, timestamp};
use crate::instrument::{AnswerValue, score};

/// A stored value from its two columns (None: no answer).
pub(super) fn value(int: Option<i64>, text: Option<String>) -> Option<AnswerValue> {
    match (int, text) {
        (Some(n), _) => Some(AnswerValue::Number(n)),
        (None, Some(t)) => Some(AnswerValue::Text(t)),
        (None, None) => None,
    }
}

/// The two columns for a value.
pub(super) fn columns(value: Option<&AnswerValue>) -> (Option<i64>, Option<&str>) {
    match value {
        Some(AnswerValue::Number(n)) => (Some(*n), None),
        Some(AnswerValue::Text(t)) => (None, Some(t.as_str())),
        None => (None, None),
    }
}

pub(super) const COLUMNS: &str = "a.session_id, a.item_id, a.was_int, a.was_text, a.was_answered_at, a.now_int, a.now_text, a.amended_at, a.reason";

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<RawAmendment> {
    Ok(RawAmendment {
        session_id: r.get(0)?,
        item_id: r.get(1)?,
        was: value(r.get(2)?, r.get(3)?),
        was_answered_at: r.get(4)?,
        now: value(r.get(5)?, r.get(6)?),
        amended_at: r.get(7)?,
        reason: r.get(8)?,
    })
}

/// An amendment as stored (timestamps as text).
pub(super) struct RawAmendment {
    pub session_id: String,
    pub item_id: String,
    pub was: Option<AnswerValue>,
    pub was_answered_at: Option<String>,
    pub now: Option<AnswerValue>,
    pub amended_at: String,
    pub reason: String,
}

fn build(raw: RawAmendment) -> StoreResult<Amendment> {
    Ok(Amendment {
        session_id: raw.session_id,
        item_id: raw.item_id,
        was: raw.was,
        was_answered_at: raw
            .was_answered_at
            .as_deref()
            .map(parse_timestamp)
            .transpose()?,
        now: raw.now,
        amended_at: parse_timestamp(&raw.amended_at)?,
        reason: raw.reason,
    })
}

impl Store {
    /// Changes one answer of a completed check-in outside the trash to
    /// `value` (None: no answer, for an optional item) and records why. The
    /// value must be one the check-in's own questionnaire text allows; the
    /// scores and cached series are recomputed with `score`.
    pub fn amend_answer(
        &self,
        session_id: &str,
        item_id: &str,
        value: Option<&AnswerValue>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Amendment> {
        let reason = reason.trim();
        crate::import::limits::reason(reason).map_err(StoreError::Input)?;
        let session = self.require_session(session_id)?;
        if session.deleted_at.is_some() {
            return Err(StoreError::Input(format!(
                "check-in {session_id} is in the trash; restore it before changing an answer"
            )));
        }
        if session.status != Status::Completed {
            return Err(StoreError::Input(format!(
                "check-in {session_id} is {}; only a completed check-in's answers can be amended",
                session.state().words()
            )));
        }
        let instrument = self.snapshot_instrument(&session.snapshot_hash)?;
        let Some(item) = instrument.item(item_id) else {
            return Err(StoreError::Input(format!(
                "{} version {} has no item {item_id:?}; its items are {}",
                instrument.id,
                instrument.version,
                instrument
                    .items
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        match value {
            Some(v) => crate::import::snapshots::value_fits(&instrument, item_id, v)
                .map_err(StoreError::Input)?,
            None if item.required => {
                return Err(StoreError::Input(format!(
                    "item {item_id} needs an answer; it cannot be left empty"
                )));
            }
            None => {}
        }
        let mut answers = self.answers(session_id)?;
        let was = answers.get(item_id).cloned();
        if was.as_ref() == value {
            return Err(StoreError::Input(format!(
                "item {item_id} already has that answer; nothing was changed"
            )));
        }
        let was_answered_at: Option<String> = self
            .conn
            .query_row(
                "SELECT answered_at FROM answers
                 WHERE session_seq = (SELECT seq FROM sessions WHERE id = ?1) AND item_id = ?2",
                params![session_id, item_id],
                |r| r.get(0),
            )
            .optional()?;
        match value {
            Some(v) => answers.insert(item_id.to_string(), v.clone()),
            None => answers.remove(item_id),
        };
        let scoring = score(&instrument, &answers);
        let at = timestamp(now);
        self.write(|tx| {
            let (was_int, was_text) = columns(was.as_ref());
            let (now_int, now_text) = columns(value);
            tx.execute(
                "INSERT INTO amendments (session_id, item_id, was_int, was_text, was_answered_at, now_int, now_text, amended_at, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![session_id, item_id, was_int, was_text, was_answered_at, now_int, now_text, at, reason],
            )?;
            match value {
                Some(v) => insert_answer(tx, session_id, item_id, v, &at)?,
                None => {
                    tx.execute(
                        "DELETE FROM answers
                         WHERE session_seq = (SELECT seq FROM sessions WHERE id = ?1) AND item_id = ?2",
                        params![session_id, item_id],
                    )?;
                }
            }
            cache::write(tx, session_id, &scoring)
        })?;
        Ok(Amendment {
            session_id: session_id.to_string(),
            item_id: item_id.to_string(),
            was,
            was_answered_at: was_answered_at
                .as_deref()
                .map(parse_timestamp)
                .transpose()?,
            now: value.cloned(),
            amended_at: parse_timestamp(&at)?,
            reason: reason.to_string(),
        })
    }

    /// The amendments of one check-in, oldest first.
    pub fn amendments(&self, session_id: &str) -> StoreResult<Vec<Amendment>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM amendments a WHERE a.session_id = ?1 ORDER BY a.amended_at, a.id"
        ))?;
        let rows = stmt.query_map([session_id], from_row)?;
        rows.map(|r| build(r?)).collect()
    }

    /// The amendments of a profile's completed check-ins outside the trash
    /// (those completed at or after `since`; all when None), oldest first:
    /// what a report lists.
    pub fn profile_amendments(
        &self,
        profile_id: i64,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<Vec<Amendment>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            // Amendments first (CROSS JOIN keeps the order): few of them,
            // rather than every check-in of a long history.
            "SELECT {COLUMNS} FROM amendments a CROSS JOIN sessions s ON s.id = a.session_id
             WHERE s.profile_id = ?1 AND s.deleted_at IS NULL AND s.status = 'completed'
               AND (?2 IS NULL OR s.completed_at >= ?2)
             ORDER BY a.amended_at, a.id"
        ))?;
        let rows = stmt.query_map(params![profile_id, since.map(timestamp)], from_row)?;
        rows.map(|r| build(r?)).collect()
    }
}
