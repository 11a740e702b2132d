//! The trash: a check-in moved there keeps everything and leaves every
//! list, chart, report and export but the complete JSON export, until it is
//! restored or the trash is emptied (the only way a check-in is erased).
//! Also the full history of a profile's check-ins, the trash included.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::cache::{self, recompute_last_done};
use super::error::{StoreError, StoreResult};
use super::sessions::{COLUMNS, build, from_row};
use super::types::{Restored, Session, Status};
use super::{Store, timestamp};

impl Store {
    /// Moves a check-in (in any state) to the trash: it leaves home, trends,
    /// reports, CSV and FHIR exports and the cached series at once.
    pub fn trash_session(&self, session_id: &str, now: DateTime<Utc>) -> StoreResult<Session> {
        let session = self.require_session(session_id)?;
        if session.deleted_at.is_some() {
            return Err(StoreError::Input(format!(
                "check-in {session_id} is already in the trash"
            )));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE sessions SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
                params![timestamp(now), session_id],
            )?;
            tx.execute("DELETE FROM series WHERE session_id = ?1", [session_id])?;
            recompute_last_done(tx, session.profile_id, &session.questionnaire_id)
        })?;
        self.require_session(session_id)
    }

    /// Brings a check-in back: out of the trash as it was before, or, when
    /// it was set aside, unfinished again so that it can be resumed.
    pub fn restore_session(&self, session_id: &str) -> StoreResult<(Session, Restored)> {
        let session = self.require_session(session_id)?;
        let restored = match (session.deleted_at, session.status) {
            (Some(_), Status::Completed) => {
                // Scored again the one way, so the caches are as if it never left.
                let scoring = crate::instrument::score(
                    &*self.snapshot_instrument(&session.snapshot_hash)?,
                    &self.answers(session_id)?,
                );
                self.write(|tx| {
                    tx.execute(
                        "UPDATE sessions SET deleted_at = NULL WHERE id = ?1",
                        [session_id],
                    )?;
                    cache::write(tx, session_id, &scoring)
                })?;
                Restored::FromTrash
            }
            (Some(_), _) => {
                self.write(|tx| {
                    tx.execute(
                        "UPDATE sessions SET deleted_at = NULL WHERE id = ?1",
                        [session_id],
                    )?;
                    Ok(())
                })?;
                Restored::FromTrash
            }
            (None, Status::Discarded) => {
                self.write(|tx| {
                    tx.execute(
                        "UPDATE sessions SET status = 'in_progress' WHERE id = ?1 AND status = 'discarded'",
                        [session_id],
                    )?;
                    Ok(())
                })?;
                Restored::Resumable
            }
            (None, _) => {
                return Err(StoreError::Input(format!(
                    "check-in {session_id} is neither in the trash nor set aside, so there is nothing to restore"
                )));
            }
        };
        Ok((self.require_session(session_id)?, restored))
    }

    /// Check-ins in the trash, most recently deleted first: one profile's,
    /// or everyone's.
    pub fn trashed_sessions(&self, profile_id: Option<i64>) -> StoreResult<Vec<Session>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM sessions
             WHERE deleted_at IS NOT NULL AND (?1 IS NULL OR profile_id = ?1)
             ORDER BY deleted_at DESC, id"
        ))?;
        let rows = stmt.query_map([profile_id], from_row)?;
        rows.map(|r| build(r?)).collect()
    }

    /// Erases the check-ins in the trash (one profile's, or everyone's) with
    /// their answers, scores and amendments, for good. Notes about them are
    /// kept, no longer tied to a check-in. Returns how many were erased.
    pub fn empty_trash(&self, profile_id: Option<i64>) -> StoreResult<usize> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM sessions WHERE deleted_at IS NOT NULL AND (?1 IS NULL OR profile_id = ?1)",
                [profile_id],
            )?)
        })
    }

    /// Every check-in of a profile (unfinished, set aside and in the trash
    /// too), newest first, optionally of one questionnaire only.
    pub fn history(
        &self,
        profile_id: i64,
        questionnaire_id: Option<&str>,
    ) -> StoreResult<Vec<Session>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM sessions
             WHERE profile_id = ?1 AND (?2 IS NULL OR questionnaire_id = ?2)
             ORDER BY COALESCE(completed_at, started_at) DESC, id DESC"
        ))?;
        let rows = stmt.query_map(params![profile_id, questionnaire_id], from_row)?;
        rows.map(|r| build(r?)).collect()
    }
}
