//! Notes: free text on a profile, optionally tied to a session.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::error::{StoreError, StoreResult};
use super::types::Note;
use super::{Store, parse_timestamp, timestamp};

const COLUMNS: &str = "id, profile_id, session_id, created_at, updated_at, body";

type RawNote = (String, i64, Option<String>, String, String, String);

fn from_row(r: &Row<'_>) -> rusqlite::Result<RawNote> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn build(raw: RawNote) -> StoreResult<Note> {
    let (id, profile_id, session_id, created, updated, body) = raw;
    Ok(Note {
        id,
        profile_id,
        session_id,
        created_at: parse_timestamp(&created)?,
        updated_at: parse_timestamp(&updated)?,
        body,
    })
}

impl Store {
    pub fn add_note(
        &self,
        profile_id: i64,
        session_id: Option<&str>,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Note> {
        if body.trim().is_empty() {
            return Err(StoreError::Input("a note cannot be empty".into()));
        }
        crate::import::limits::note_body(body).map_err(StoreError::Input)?;
        let id = uuid::Uuid::new_v4().to_string();
        let at = timestamp(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO notes (id, profile_id, session_id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                params![id, profile_id, session_id, at, body],
            )?;
            Ok(())
        })?;
        self.note(&id)?
            .ok_or_else(|| StoreError::Input("the note was not saved".into()))
    }

    pub fn note(&self, id: &str) -> StoreResult<Option<Note>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?;
        raw.map(build).transpose()
    }

    /// A profile's notes, newest first.
    pub fn notes(&self, profile_id: i64) -> StoreResult<Vec<Note>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM notes WHERE profile_id = ?1 ORDER BY created_at DESC, id"
        ))?;
        let rows = stmt.query_map([profile_id], from_row)?;
        rows.map(|r| build(r?)).collect()
    }

    pub fn update_note(&self, id: &str, body: &str, now: DateTime<Utc>) -> StoreResult<Note> {
        if body.trim().is_empty() {
            return Err(StoreError::Input(
                "a note cannot be empty; delete it instead".into(),
            ));
        }
        crate::import::limits::note_body(body).map_err(StoreError::Input)?;
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE notes SET body = ?1, updated_at = ?2 WHERE id = ?3",
                params![body, timestamp(now), id],
            )?)
        })?;
        if changed == 0 {
            return Err(StoreError::Input(format!("no note with id {id}")));
        }
        self.note(id)?
            .ok_or_else(|| StoreError::Input(format!("no note with id {id}")))
    }

    pub fn delete_note(&self, id: &str) -> StoreResult<()> {
        let changed = self.write(|tx| Ok(tx.execute("DELETE FROM notes WHERE id = ?1", [id])?))?;
        if changed == 0 {
            return Err(StoreError::Input(format!("no note with id {id}")));
        }
        Ok(())
    }
}
