//! What a report reads for a period: every completed check-in's cached
//! scores in one range of `series` (never its answers), and which check-ins
//! of a questionnaire text have an answer to given items within a range of
//! values (to find the few whose support rules can fire).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::cache::parse_series_json;
use super::error::StoreResult;
use super::sessions::stored_offset;
use super::{Store, parse_timestamp, timestamp};

/// One completed check-in outside the trash, from the score cache.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodPoint {
    pub questionnaire_id: String,
    pub snapshot_hash: String,
    pub point: super::SeriesPoint,
}

impl Store {
    /// The questionnaires a profile has cached scores of (completed
    /// check-ins outside the trash), by id: one step of the index each.
    pub fn scored_questionnaires(&self, profile_id: i64) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT min(questionnaire_id) FROM series WHERE profile_id = ?1 AND questionnaire_id > ?2",
        )?;
        let mut ids: Vec<String> = Vec::new();
        loop {
            let after = ids.last().map_or("", String::as_str);
            let next: Option<String> = stmt.query_row(params![profile_id, after], |r| r.get(0))?;
            match next {
                Some(id) => ids.push(id),
                None => return Ok(ids),
            }
        }
    }

    /// Calls `each` with a profile's completed check-ins (outside the
    /// trash) of one questionnaire completed at or after `from`, oldest
    /// first (by time, then id: the order of `Store::sessions`), with their
    /// cached scores, one at a time as they are read (one range of the
    /// index, in its order).
    pub fn each_period_point(
        &self,
        profile_id: i64,
        questionnaire_id: &str,
        from: Option<DateTime<Utc>>,
        mut each: impl FnMut(PeriodPoint) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT questionnaire_id, snapshot_hash, session_id, completed_at, with_counselor,
                    scores, utc_offset
             FROM series
             WHERE profile_id = ?1 AND questionnaire_id = ?2
               AND (?3 IS NULL OR completed_at >= ?3)
             ORDER BY completed_at, session_id",
        )?;
        let mut rows = stmt.query(params![profile_id, questionnaire_id, from.map(timestamp)])?;
        while let Some(r) = rows.next()? {
            let at: String = r.get(3)?;
            each(PeriodPoint {
                questionnaire_id: r.get(0)?,
                snapshot_hash: r.get(1)?,
                point: super::SeriesPoint {
                    session_id: r.get(2)?,
                    completed_at: parse_timestamp(&at)?,
                    utc_offset: stored_offset(r.get(6)?)?,
                    with_counselor: r.get(4)?,
                    scores: parse_series_json(5, &r.get::<_, String>(5)?)?,
                },
            })?;
        }
        Ok(())
    }

    /// Calls `each` with (check-in id, item id, value) of every number
    /// answered to one of `items` in a profile's completed check-ins
    /// (outside the trash) of `questionnaire_id` done with its text
    /// `snapshot_hash` at or after `from`: one pass over the period, each
    /// check-in's answers read from one place.
    pub fn each_answer_to(
        &self,
        profile_id: i64,
        (questionnaire_id, snapshot_hash): (&str, &str),
        from: Option<DateTime<Utc>>,
        items: &[&str],
        mut each: impl FnMut(&str, &str, i64),
    ) -> StoreResult<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.session_id, a.item_id, a.value_int FROM series s
             JOIN sessions k ON k.id = s.session_id
             JOIN answers a ON a.session_seq = k.seq
             WHERE s.profile_id = ?1 AND s.questionnaire_id = ?2 AND s.snapshot_hash = ?3
               AND (?4 IS NULL OR s.completed_at >= ?4)
               AND a.item_id IN (SELECT value FROM json_each(?5))
               AND a.value_int IS NOT NULL",
        )?;
        let items = serde_json::to_string(items).map_err(|e| {
            super::StoreError::Snapshot(format!("item ids could not be listed: {e}"))
        })?;
        let mut rows = stmt.query(params![
            profile_id,
            questionnaire_id,
            snapshot_hash,
            from.map(timestamp),
            items
        ])?;
        while let Some(r) = rows.next()? {
            let session: String = r.get(0)?;
            let item: String = r.get(1)?;
            each(&session, &item, r.get(2)?);
        }
        Ok(())
    }
}
