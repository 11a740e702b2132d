//! Notes: free text on a profile, optionally tied to a session; private or
//! shared, with an author and a trail (every earlier text and visibility,
//! and the deletion, with when and by whom).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::error::{StoreError, StoreResult};
use super::types::{Note, NoteMeta, NoteRevision, RevisionKind, Visibility};
use super::{Store, parse_timestamp, timestamp};

const COLUMNS: &str =
    "id, profile_id, session_id, created_at, updated_at, body, visibility, author";

type RawNote = (
    String,
    i64,
    Option<String>,
    String,
    String,
    String,
    String,
    Option<String>,
);

fn from_row(r: &Row<'_>) -> rusqlite::Result<RawNote> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

pub(super) fn visibility(s: &str) -> StoreResult<Visibility> {
    Visibility::parse(s).ok_or_else(|| StoreError::Snapshot(format!("unknown visibility {s:?}")))
}

fn build(raw: RawNote) -> StoreResult<Note> {
    let (id, profile_id, session_id, created, updated, body, shown, author) = raw;
    Ok(Note {
        id,
        profile_id,
        session_id,
        created_at: parse_timestamp(&created)?,
        updated_at: parse_timestamp(&updated)?,
        body,
        visibility: visibility(&shown)?,
        author,
    })
}

/// A revision as stored (times as text): for the JSON export.
pub(super) struct RawRevision {
    pub kind: String,
    pub body_before: String,
    pub visibility_before: String,
    pub changed_at: String,
    pub changed_by: Option<String>,
}

pub(super) const REVISION_COLUMNS: &str =
    "kind, body_before, visibility_before, changed_at, changed_by";

pub(super) fn revision_row(r: &Row<'_>) -> rusqlite::Result<RawRevision> {
    Ok(RawRevision {
        kind: r.get(0)?,
        body_before: r.get(1)?,
        visibility_before: r.get(2)?,
        changed_at: r.get(3)?,
        changed_by: r.get(4)?,
    })
}

/// Records what a note was before a change.
fn record(
    tx: &Transaction<'_>,
    note: &Note,
    kind: RevisionKind,
    at: &str,
    by: Option<&str>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO note_revisions (note_id, kind, body_before, visibility_before, changed_at, changed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            note.id,
            kind.as_str(),
            note.body,
            note.visibility.as_str(),
            at,
            by
        ],
    )?;
    Ok(())
}

/// An author's name as kept: trimmed, within the limits, or none.
fn author(meta_author: Option<&str>) -> StoreResult<Option<String>> {
    let Some(name) = meta_author.map(str::trim).filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    crate::import::limits::author(name).map_err(StoreError::Input)?;
    Ok(Some(name.to_string()))
}

impl Store {
    /// Adds a person's own note (shared, no author): see `add_note_as`.
    pub fn add_note(
        &self,
        profile_id: i64,
        session_id: Option<&str>,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Note> {
        self.add_note_as(profile_id, session_id, body, &NoteMeta::default(), now)
    }

    /// Adds a note, private or shared, with its author.
    pub fn add_note_as(
        &self,
        profile_id: i64,
        session_id: Option<&str>,
        body: &str,
        meta: &NoteMeta,
        now: DateTime<Utc>,
    ) -> StoreResult<Note> {
        if body.trim().is_empty() {
            return Err(StoreError::Input("a note cannot be empty".into()));
        }
        crate::import::limits::note_body(body).map_err(StoreError::Input)?;
        let by = author(meta.author.as_deref())?;
        let id = uuid::Uuid::new_v4().to_string();
        let at = timestamp(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO notes (id, profile_id, session_id, created_at, updated_at, body, visibility, author)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
                params![id, profile_id, session_id, at, body, meta.visibility.as_str(), by],
            )?;
            Ok(())
        })?;
        self.note(&id)?
            .ok_or_else(|| StoreError::Input("the note was not saved".into()))
    }

    /// A note that is not deleted.
    pub fn note(&self, id: &str) -> StoreResult<Option<Note>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM notes WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                from_row,
            )
            .optional()?;
        raw.map(build).transpose()
    }

    /// A profile's notes (not the deleted ones), newest first.
    pub fn notes(&self, profile_id: i64) -> StoreResult<Vec<Note>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM notes WHERE profile_id = ?1 AND deleted_at IS NULL
             ORDER BY created_at DESC, id"
        ))?;
        let rows = stmt.query_map([profile_id], from_row)?;
        rows.map(|r| build(r?)).collect()
    }

    /// A note's changes, oldest first (edits, visibility, deletion).
    pub fn note_history(&self, id: &str) -> StoreResult<Vec<NoteRevision>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REVISION_COLUMNS} FROM note_revisions WHERE note_id = ?1 ORDER BY changed_at, id"
        ))?;
        let rows = stmt.query_map([id], revision_row)?;
        rows.map(|r| {
            let r = r?;
            Ok(NoteRevision {
                kind: RevisionKind::parse(&r.kind).ok_or_else(|| {
                    StoreError::Snapshot(format!("unknown note change {:?}", r.kind))
                })?,
                body_before: r.body_before,
                visibility_before: visibility(&r.visibility_before)?,
                changed_at: parse_timestamp(&r.changed_at)?,
                changed_by: r.changed_by,
            })
        })
        .collect()
    }

    /// Replaces a note's text, keeping the text before (no author named).
    pub fn update_note(&self, id: &str, body: &str, now: DateTime<Utc>) -> StoreResult<Note> {
        self.update_note_as(id, body, None, now)
    }

    /// Replaces a note's text, keeping the text before with when and by
    /// whom it changed.
    pub fn update_note_as(
        &self,
        id: &str,
        body: &str,
        by: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Note> {
        if body.trim().is_empty() {
            return Err(StoreError::Input(
                "a note cannot be empty; delete it instead".into(),
            ));
        }
        crate::import::limits::note_body(body).map_err(StoreError::Input)?;
        let by = author(by)?;
        let note = self.require_note(id)?;
        if note.body == body {
            return Ok(note);
        }
        let at = timestamp(now);
        self.write(|tx| {
            record(tx, &note, RevisionKind::Edited, &at, by.as_deref())?;
            tx.execute(
                "UPDATE notes SET body = ?1, updated_at = ?2 WHERE id = ?3",
                params![body, at, id],
            )?;
            Ok(())
        })?;
        self.require_note(id)
    }

    /// Makes a note private or shared, keeping what it was.
    pub fn set_note_visibility(
        &self,
        id: &str,
        visibility: Visibility,
        by: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Note> {
        let by = author(by)?;
        let note = self.require_note(id)?;
        if note.visibility == visibility {
            return Ok(note);
        }
        let at = timestamp(now);
        self.write(|tx| {
            record(tx, &note, RevisionKind::Visibility, &at, by.as_deref())?;
            tx.execute(
                "UPDATE notes SET visibility = ?1, updated_at = ?2 WHERE id = ?3",
                params![visibility.as_str(), at, id],
            )?;
            Ok(())
        })?;
        self.require_note(id)
    }

    /// Deletes a note now, naming no one: see `delete_note_as`.
    pub fn delete_note(&self, id: &str) -> StoreResult<()> {
        self.delete_note_as(id, None, Utc::now())
    }

    /// Deletes a note: it leaves every list, report and export, and its
    /// deletion is recorded (with its last text) for the JSON export with
    /// private notes. Erased for good only with its profile.
    pub fn delete_note_as(
        &self,
        id: &str,
        by: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let by = author(by)?;
        let note = self.require_note(id)?;
        let at = timestamp(now);
        self.write(|tx| {
            record(tx, &note, RevisionKind::Deleted, &at, by.as_deref())?;
            tx.execute(
                "UPDATE notes SET deleted_at = ?1 WHERE id = ?2",
                params![at, id],
            )?;
            Ok(())
        })
    }

    fn require_note(&self, id: &str) -> StoreResult<Note> {
        self.note(id)?
            .ok_or_else(|| StoreError::Input(format!("no note with id {id}")))
    }

    /// The newest note of a profile (not deleted), private ones included.
    pub fn last_note(&self, profile_id: i64) -> StoreResult<Option<Note>> {
        Ok(self.notes(profile_id)?.into_iter().next())
    }
}
