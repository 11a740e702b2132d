//! Everything in the database as typed, serde-ready records (read for exports, written back by imports).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::error::{StoreError, StoreResult};
use super::sessions::stored_offset;
use super::types::{RevisionKind, Status, Visibility};
use super::{Store, timestamp};
use crate::import::{self, Admitted};
use crate::instrument::{AnswerValue, Answers};
use crate::timefmt;

/// Which part of the database to read. The default is everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DumpFilter {
    /// Only this profile (its local id, see `Profile::id`).
    pub profile_id: Option<i64>,
    /// Only sessions from this instant on: completed at or after it, or, for
    /// unfinished and discarded ones, started at or after it. Notes follow
    /// their session; notes without one are kept when written from then on.
    pub since: Option<DateTime<Utc>>,
    /// Leave private notes out (exports without `--with-private-notes`).
    pub shared_notes_only: bool,
}

impl DumpFilter {
    fn since(&self) -> Option<String> {
        self.since.map(timestamp)
    }
}

/// The whole content of a database (or the filtered part of it), losslessly.
/// Timestamps are the stored RFC 3339 UTC strings, unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dump {
    pub profiles: Vec<DumpProfile>,
    pub snapshots: Vec<DumpSnapshot>,
    pub sessions: Vec<DumpSession>,
    pub notes: Vec<DumpNote>,
    /// Recovery-network reviews, oldest first (absent in older files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_reviews: Vec<super::DumpNetworkReview>,
    /// The recovery plan: goals with steps and history (absent in older files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<super::DumpGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpProfile {
    pub uuid: String,
    pub name: String,
    pub created_at: String,
    pub archived_at: Option<String>,
    pub counselor_default: bool,
    /// An agency's id for the person (absent: none; files from before
    /// recap kept them have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

/// The exact questionnaire text a session was answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpSnapshot {
    /// SHA-256 of `source`, in hex.
    pub hash: String,
    pub questionnaire_id: String,
    pub version: u32,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpSession {
    pub id: String,
    pub profile_uuid: String,
    pub questionnaire_id: String,
    pub questionnaire_version: u32,
    pub snapshot_hash: String,
    pub started_at: String,
    pub completed_at: Option<String>,
    /// The day the person meant ("2026-11-20") and their zone's UTC offset
    /// ("+13:00") when the check-in was completed: both or neither (null
    /// while unfinished, and for check-ins stored before recap kept them).
    /// Files from before then have neither key.
    #[serde(default)]
    pub local_date: Option<String>,
    #[serde(default)]
    pub utc_offset: Option<String>,
    pub with_counselor: bool,
    pub status: Status,
    /// In the order they were given (then by item id).
    pub answers: Vec<DumpAnswer>,
    /// When it was moved to the trash (absent: it is not in the trash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
    /// Changes to its answers, oldest first (absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<DumpAmendment>,
}

/// One change to an answer of a completed check-in; `answers` hold the
/// values since the last one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpAmendment {
    pub item_id: String,
    /// The value before (null: it was not answered).
    pub was: Option<AnswerValue>,
    /// When the value before was given.
    pub was_answered_at: Option<String>,
    /// The value since (null: no answer).
    pub value: Option<AnswerValue>,
    pub amended_at: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpAnswer {
    pub item_id: String,
    /// A whole number (choice, yes/no and number items) or text.
    pub value: AnswerValue,
    pub answered_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpNote {
    pub id: String,
    pub profile_uuid: String,
    pub session_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub body: String,
    /// "private" or "shared" (files from before recap kept it: shared, as
    /// those notes went into reports).
    #[serde(default = "shared")]
    pub visibility: Visibility,
    /// Who wrote it (absent: not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When it was deleted (absent: it is not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
    /// Its changes, oldest first: what it was before each (absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<DumpNoteRevision>,
}

fn shared() -> Visibility {
    Visibility::Shared
}

/// One change to a note: its text and visibility before, when and by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpNoteRevision {
    pub kind: RevisionKind,
    pub body_before: String,
    pub visibility_before: Visibility,
    pub changed_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<String>,
}

/// One completed session with its answers, for exports that go session by
/// session (CSV).
#[derive(Debug, Clone, PartialEq)]
pub struct CompletedSession {
    pub profile_name: String,
    pub client_id: Option<String>,
    pub session_id: String,
    /// As stored (RFC 3339, UTC).
    pub completed_at: String,
    /// The UTC offset of the person's zone then (None: not recorded).
    pub utc_offset: Option<FixedOffset>,
    pub questionnaire_id: String,
    pub questionnaire_version: u32,
    pub snapshot_hash: String,
    pub with_counselor: bool,
    pub answers: Answers,
}

/// What an import added, what was already there, and which profiles were
/// renamed because their name was taken by a different profile, or merged
/// into a profile here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub profiles_added: usize,
    pub profiles_present: usize,
    /// (name in the file, name given here).
    pub renamed: Vec<(String, String)>,
    /// (name in the file, the profile here it was merged into): by client
    /// id, or by `--into`.
    pub merged: Vec<(String, String)>,
    pub snapshots_added: usize,
    pub sessions_added: usize,
    pub sessions_present: usize,
    pub answers_added: usize,
    pub notes_added: usize,
    pub notes_present: usize,
    pub network_reviews_added: usize,
    pub network_reviews_present: usize,
    pub goals_added: usize,
    pub goals_present: usize,
}

/// How an import places the file's profiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Merge the file's one profile into this local profile (`--into NAME`).
    pub into: Option<i64>,
}

impl ImportSummary {
    /// True when the import changed nothing.
    pub fn is_empty(&self) -> bool {
        self.profiles_added == 0
            && self.snapshots_added == 0
            && self.sessions_added == 0
            && self.notes_added == 0
            && self.network_reviews_added == 0
            && self.goals_added == 0
    }
}

/// The session filter as SQL over `sessions s`, with ?1 = profile id, ?2 =
/// since. Each part is written only when it filters (a `?1 IS NULL OR`
/// would keep SQLite from using the profile index: one profile's export
/// would read the whole file).
/// Every session the filter selects, oldest start first (a whole export
/// walks `sessions_by_start`; one profile's reads its own index).
fn sessions_sql(filter: &DumpFilter) -> String {
    format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s JOIN profiles p ON p.id = s.profile_id
         WHERE {} ORDER BY s.started_at, s.id",
        session_filter(filter)
    )
}

fn session_filter(filter: &DumpFilter) -> String {
    format!(
        "{} AND {}",
        by_profile(filter, "s.profile_id"),
        match filter.since {
            Some(_) => "COALESCE(s.completed_at, s.started_at) >= ?2",
            None => "?2 IS NULL",
        }
    )
}

/// `column = ?1` when the filter names a profile, else a condition on ?1
/// that always holds (the parameter stays bound either way).
pub(super) fn by_profile(filter: &DumpFilter, column: &str) -> String {
    match filter.profile_id {
        Some(_) => format!("{column} = ?1"),
        None => "?1 IS NULL".to_string(),
    }
}

const SESSION_COLUMNS: &str = "s.id, p.uuid, s.questionnaire_id, s.questionnaire_version, s.snapshot_hash, s.started_at, s.completed_at, s.with_counselor, s.status, s.local_date, s.utc_offset, s.deleted_at, s.seq";

impl Store {
    /// Everything the filter selects, in memory. Exports of large databases
    /// should use the `dump_*` methods, which go row by row.
    pub fn dump(&self, filter: &DumpFilter) -> StoreResult<Dump> {
        let mut dump = Dump {
            profiles: self.dump_profiles(filter)?,
            snapshots: self.dump_snapshots(filter)?,
            ..Dump::default()
        };
        self.dump_sessions_each(filter, |s| {
            dump.sessions.push(s);
            Ok::<_, StoreError>(())
        })?;
        self.dump_notes_each(filter, |n| {
            dump.notes.push(n);
            Ok::<_, StoreError>(())
        })?;
        dump.network_reviews = self.dump_network_reviews(filter)?;
        dump.goals = self.dump_goals(filter)?;
        Ok(dump)
    }

    /// Profiles (archived ones too), oldest first.
    pub fn dump_profiles(&self, filter: &DumpFilter) -> StoreResult<Vec<DumpProfile>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT uuid, name, created_at, archived_at, counselor_default, client_id FROM profiles
             WHERE {} ORDER BY created_at, uuid",
            by_profile(filter, "id")
        ))?;
        let rows = stmt.query_map([filter.profile_id], |r| {
            Ok(DumpProfile {
                uuid: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
                archived_at: r.get(3)?,
                counselor_default: r.get(4)?,
                client_id: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Questionnaire snapshots: all of them, or those the filtered sessions use.
    pub fn dump_snapshots(&self, filter: &DumpFilter) -> StoreResult<Vec<DumpSnapshot>> {
        let all = filter.profile_id.is_none() && filter.since.is_none();
        let sql = if all {
            "SELECT hash, questionnaire_id, version, source FROM snapshots
             ORDER BY questionnaire_id, version, hash"
                .to_string()
        } else {
            format!(
                "SELECT hash, questionnaire_id, version, source FROM snapshots
                 WHERE hash IN (SELECT s.snapshot_hash FROM sessions s WHERE {})
                 ORDER BY questionnaire_id, version, hash",
                session_filter(filter)
            )
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let map = |r: &rusqlite::Row<'_>| {
            Ok(DumpSnapshot {
                hash: r.get(0)?,
                questionnaire_id: r.get(1)?,
                version: r.get(2)?,
                source: r.get(3)?,
            })
        };
        let rows = if all {
            stmt.query_map([], map)?.collect::<Result<_, _>>()?
        } else {
            stmt.query_map(params![filter.profile_id, filter.since()], map)?
                .collect::<Result<_, _>>()?
        };
        Ok(rows)
    }

    /// Calls `f` with each session (every status, the trash too) with its
    /// answers and amendments, oldest start first, one at a time.
    pub fn dump_sessions_each<E: From<StoreError>>(
        &self,
        filter: &DumpFilter,
        mut f: impl FnMut(DumpSession) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&sessions_sql(filter))
            .map_err(StoreError::from)?;
        let mut answers = self
            .conn
            .prepare_cached(
                "SELECT item_id, value_int, value_text, answered_at FROM answers
                 WHERE session_seq = ?1 ORDER BY answered_at, item_id",
            )
            .map_err(StoreError::from)?;
        let mut amendments = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM amendments a WHERE a.session_id = ?1 ORDER BY a.amended_at, a.id",
                super::amend::COLUMNS
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params![filter.profile_id, filter.since()])
            .map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let session = (|| -> StoreResult<DumpSession> {
                let id: String = r.get(0)?;
                let seq: i64 = r.get(12)?;
                let status: String = r.get(8)?;
                let status = Status::parse(&status).ok_or_else(|| {
                    StoreError::Snapshot(format!("unknown session status {status:?}"))
                })?;
                let answers = answers
                    .query_map([seq], |a| {
                        let value =
                            match (a.get::<_, Option<i64>>(1)?, a.get::<_, Option<String>>(2)?) {
                                (Some(n), _) => AnswerValue::Number(n),
                                (None, t) => AnswerValue::Text(t.unwrap_or_default()),
                            };
                        Ok(DumpAnswer {
                            item_id: a.get(0)?,
                            value,
                            answered_at: a.get(3)?,
                        })
                    })?
                    .collect::<Result<_, _>>()?;
                let amended = amendments
                    .query_map([&id], super::amend::from_row)?
                    .map(|a| {
                        let a = a?;
                        Ok(DumpAmendment {
                            item_id: a.item_id,
                            was: a.was,
                            was_answered_at: a.was_answered_at,
                            value: a.now,
                            amended_at: a.amended_at,
                            reason: a.reason,
                        })
                    })
                    .collect::<rusqlite::Result<_>>()?;
                Ok(DumpSession {
                    id,
                    profile_uuid: r.get(1)?,
                    questionnaire_id: r.get(2)?,
                    questionnaire_version: r.get(3)?,
                    snapshot_hash: r.get(4)?,
                    started_at: r.get(5)?,
                    completed_at: r.get(6)?,
                    local_date: r.get(9)?,
                    utc_offset: stored_offset(r.get(10)?)?.map(timefmt::offset_text),
                    with_counselor: r.get(7)?,
                    status,
                    answers,
                    deleted_at: r.get(11)?,
                    amendments: amended,
                })
            })()?;
            f(session)?;
        }
        Ok(())
    }

    /// Calls `f` with each note, oldest first, one at a time, with its
    /// author and history; deleted notes too (marked), private ones unless
    /// the filter keeps shared notes only (then deleted ones are left out
    /// as well: only the private export carries the trail of deletions).
    pub fn dump_notes_each<E: From<StoreError>>(
        &self,
        filter: &DumpFilter,
        mut f: impl FnMut(DumpNote) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT n.id, p.uuid, n.session_id, n.created_at, n.updated_at, n.body,
                        n.visibility, n.author, n.deleted_at
                 FROM notes n JOIN profiles p ON p.id = n.profile_id
                 WHERE {}
                   AND (?2 IS NULL
                        OR (n.session_id IS NULL AND n.created_at >= ?2)
                        OR n.session_id IN (SELECT s.id FROM sessions s WHERE {}))
                   AND (?3 = 0 OR (n.visibility = 'shared' AND n.deleted_at IS NULL))
                 ORDER BY n.created_at, n.id",
                by_profile(filter, "n.profile_id"),
                session_filter(filter)
            ))
            .map_err(StoreError::from)?;
        let mut history = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM note_revisions WHERE note_id = ?1 ORDER BY changed_at, id",
                super::notes::REVISION_COLUMNS
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params![
                filter.profile_id,
                filter.since(),
                filter.shared_notes_only
            ])
            .map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let note = (|| -> StoreResult<DumpNote> {
                let id: String = r.get(0)?;
                let shown: String = r.get(6)?;
                let history = history
                    .query_map([&id], super::notes::revision_row)?
                    .map(|h| {
                        let h = h?;
                        Ok(DumpNoteRevision {
                            kind: RevisionKind::parse(&h.kind).ok_or_else(|| {
                                StoreError::Snapshot(format!("unknown note change {:?}", h.kind))
                            })?,
                            body_before: h.body_before,
                            visibility_before: super::notes::visibility(&h.visibility_before)?,
                            changed_at: h.changed_at,
                            changed_by: h.changed_by,
                        })
                    })
                    .collect::<StoreResult<_>>()?;
                Ok(DumpNote {
                    id,
                    profile_uuid: r.get(1)?,
                    session_id: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    body: r.get(5)?,
                    visibility: super::notes::visibility(&shown)?,
                    author: r.get(7)?,
                    deleted_at: r.get(8)?,
                    history,
                })
            })()?;
            f(note)?;
        }
        Ok(())
    }

    /// Calls `f` with each completed session outside the trash and its
    /// answers, ordered by profile name, then completion time.
    pub fn completed_sessions_each<E: From<StoreError>>(
        &self,
        filter: &DumpFilter,
        mut f: impl FnMut(CompletedSession) -> Result<(), E>,
    ) -> Result<(), E> {
        // Profile by profile, each one's check-ins from the profile index:
        // no sort of the whole file.
        let profiles: Vec<i64> = match filter.profile_id {
            Some(id) => vec![id],
            None => self
                .conn
                .prepare("SELECT id FROM profiles ORDER BY name COLLATE NOCASE, id")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()
                })
                .map_err(StoreError::from)?,
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.name, s.id, s.completed_at, s.questionnaire_id, s.questionnaire_version,
                        s.snapshot_hash, s.with_counselor, s.utc_offset, p.client_id, s.seq
                 FROM sessions s JOIN profiles p ON p.id = s.profile_id
                 WHERE s.profile_id = ?1 AND s.status = 'completed'
                   AND s.completed_at IS NOT NULL AND s.deleted_at IS NULL
                   AND (?2 IS NULL OR s.completed_at >= ?2)
                 ORDER BY s.completed_at, s.id",
            )
            .map_err(StoreError::from)?;
        for profile in profiles {
            let mut rows = stmt
                .query(params![profile, filter.since()])
                .map_err(StoreError::from)?;
            while let Some(r) = rows.next().map_err(StoreError::from)? {
                let session = (|| -> StoreResult<CompletedSession> {
                    let session_id: String = r.get(1)?;
                    Ok(CompletedSession {
                        profile_name: r.get(0)?,
                        client_id: r.get(8)?,
                        // By the check-in's number: one person's answers
                        // are neighbours, in about this order.
                        answers: self.answers_by_seq(r.get(9)?)?,
                        session_id,
                        completed_at: r.get(2)?,
                        utc_offset: stored_offset(r.get(7)?)?,
                        questionnaire_id: r.get(3)?,
                        questionnaire_version: r.get(4)?,
                        snapshot_hash: r.get(5)?,
                        with_counselor: r.get(6)?,
                    })
                })()?;
                f(session)?;
            }
        }
        Ok(())
    }

    /// Adds what `dump` holds and this database does not, in one transaction:
    /// all of it or, on any problem, nothing. The file's claims are checked
    /// first by `import::admit` (copying the dump only if an id needs a new
    /// spelling); see `import_admitted`.
    pub fn import_dump(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        let admitted = import::admit(Cow::Borrowed(dump))?;
        self.import_admitted(&admitted)
    }

    /// Adds what an admitted file holds and this database does not, in one
    /// transaction: all of it or, on any problem, nothing.
    ///
    /// Records are matched by identity: profiles, sessions and notes by their
    /// UUIDs, snapshots by content hash. What exists already is kept as it is,
    /// and must have the owner the file says. A new profile whose name is
    /// taken by a different profile is added as "NAME (imported)" (or "NAME
    /// (imported 2)", ...). Sessions must use a known profile and snapshot,
    /// their answers must fit the snapshot's items, and a note's session must
    /// belong to the note's profile as stored here (`import::owners`).
    /// Completed sessions get their scores cached with `score`.
    pub fn import_admitted(&self, admitted: &Admitted<'_>) -> StoreResult<ImportSummary> {
        self.import_admitted_with(admitted, &ImportOptions::default())
    }

    /// `import_admitted`, placing profiles as `options` say: a profile not
    /// here by its UUID is merged into the profile here with the same client
    /// id, or, with `into`, the file's one profile into that profile.
    pub fn import_admitted_with(
        &self,
        admitted: &Admitted<'_>,
        options: &ImportOptions,
    ) -> StoreResult<ImportSummary> {
        self.import_with(options, |importer| -> StoreResult<()> {
            let dump = admitted.dump();
            importer.profiles(&dump.profiles)?;
            for s in &dump.snapshots {
                importer.snapshot(s)?;
            }
            for (i, s) in dump.sessions.iter().enumerate() {
                importer.session(i, s, admitted.instrument(&s.snapshot_hash))?;
            }
            for (i, n) in dump.notes.iter().enumerate() {
                importer.note(i, n)?;
            }
            importer.network_reviews(&dump.network_reviews)?;
            importer.goals(&dump.goals)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn plan(store: &Store, filter: &DumpFilter) -> String {
        let sql = format!("EXPLAIN QUERY PLAN {}", sessions_sql(filter));
        let mut stmt = store.conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map(
                rusqlite::params![filter.profile_id, filter.since.map(super::super::timestamp)],
                |r| r.get::<_, String>(3),
            )
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_whole_export_reads_check_ins_in_order_without_sorting_them_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let whole = plan(&store, &DumpFilter::default());
        assert!(whole.contains("sessions_by_start"), "{whole}");
        assert!(!whole.contains("TEMP B-TREE"), "{whole}");
        // One profile's export reads that profile's check-ins only.
        let one = plan(
            &store,
            &DumpFilter {
                profile_id: Some(1),
                ..DumpFilter::default()
            },
        );
        assert!(one.contains("sessions_by_profile"), "{one}");
    }
}
