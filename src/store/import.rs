//! Writing an import, record by record, inside one transaction: profiles placed (kept, merged or renamed), snapshots, check-ins with their answers, amendments and cached scores, notes and network reviews; a record already here must keep its owner, and one that appears twice in the file is refused.
//!
//! The records come either from an admitted file in memory
//! (`Store::import_admitted`) or one at a time as a file streams by
//! (`Store::import_with`, used by `import::stream`); what the importer keeps
//! in memory grows with the profiles and snapshots only.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::cache;
use super::dump::{DumpNote, DumpProfile, DumpSession, DumpSnapshot, ImportOptions, ImportSummary};
use super::error::{StoreError, StoreResult};
use super::network::DumpNetworkReview;
use super::types::Status;
use crate::import::{self, Refused, owners, snapshots};
use crate::instrument::{AnswerValue, Answers, Instrument, score};
use crate::timefmt;

/// The page cache while importing (KiB): large enough that the pages an
/// import keeps touching (the indexes keyed by random UUIDs) stay in memory
/// rather than being spilled and read back, small enough that memory stays
/// flat whatever the size of the file.
const IMPORT_CACHE_KIB: i64 = 32 * 1024;

impl Store {
    /// Imports what `feed` hands to the importer, in one transaction: all of
    /// it, or, when `feed` or the importer fails, nothing. `feed` hands the
    /// records over in the order of the file (profiles, snapshots, check-ins,
    /// notes, network reviews); its own error is returned as it is.
    pub fn import_with<E: From<StoreError>>(
        &self,
        options: &ImportOptions,
        feed: impl FnOnce(&mut Importer<'_, '_>) -> Result<(), E>,
    ) -> Result<ImportSummary, E> {
        let mut failed = None;
        let previous: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
            .map_err(StoreError::from)?;
        let result = self.write(|tx| {
            let mut importer = Importer::new(tx, options)?;
            match feed(&mut importer) {
                Ok(()) => importer.finish(),
                Err(e) => {
                    failed = Some(e);
                    Err(StoreError::Input(String::new()))
                }
            }
        });
        // The cache as it was (a failure here changes nothing imported).
        let _ = self
            .conn
            .execute_batch(&format!("PRAGMA cache_size = {previous}"));
        if let Some(e) = failed {
            return Err(e);
        }
        result.map_err(E::from)
    }
}

/// Writes one import's records inside its transaction.
pub struct Importer<'t, 'c> {
    tx: &'t Transaction<'c>,
    options: ImportOptions,
    summary: ImportSummary,
    /// The file's profiles: uuid -> local id.
    profile_ids: HashMap<String, i64>,
    /// Questionnaires of snapshots already in the database, parsed once.
    stored: HashMap<String, Rc<Instrument>>,
    /// Rows above these were added by this import: a check-in or note found
    /// there appears twice in the file.
    sessions_before: i64,
    notes_before: i64,
    /// The highest `sessions.seq` so far: the file's check-ins are
    /// numbered after everything here, in the order of the file, so their
    /// answers and scores are appended.
    last_seq: i64,
    /// Whether the temporary table of records found already here exists.
    present_table: bool,
    /// Whether a check-in's scores were cached.
    scored: bool,
}

impl<'t, 'c> Importer<'t, 'c> {
    pub(super) fn new(tx: &'t Transaction<'c>, options: &ImportOptions) -> StoreResult<Self> {
        let max = |table: &str| -> StoreResult<i64> {
            Ok(tx.query_row(
                &format!("SELECT COALESCE(MAX(rowid), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?)
        };
        Ok(Importer {
            tx,
            options: options.clone(),
            summary: ImportSummary::default(),
            profile_ids: HashMap::new(),
            stored: HashMap::new(),
            sessions_before: max("sessions")?,
            notes_before: max("notes")?,
            last_seq: tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM sessions", [], |r| {
                r.get(0)
            })?,
            present_table: false,
            scored: false,
        })
    }

    /// What was added and what was here, once every record was handed over.
    pub fn finish(self) -> StoreResult<ImportSummary> {
        if self.present_table {
            self.tx.execute_batch("DROP TABLE temp.import_present")?;
        }
        if self.scored {
            cache::mark_written(self.tx)?;
        }
        Ok(self.summary)
    }

    /// The file's profiles (all of them at once: `--into` needs their count).
    pub fn profiles(&mut self, profiles: &[DumpProfile]) -> StoreResult<()> {
        let tx = self.tx;
        if self.options.into.is_some() && profiles.len() != 1 {
            return Err(StoreError::Input(format!(
                "--into merges the file's one profile into a profile here, but the file holds {}; export one profile with `recap export --format json --profile NAME`",
                crate::strings::count(profiles.len(), "profile", "profiles")
            )));
        }
        for p in profiles {
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM profiles WHERE uuid = ?1", [&p.uuid], |r| {
                    r.get(0)
                })
                .optional()?;
            let id = match (existing, self.options.into) {
                (Some(id), None) => {
                    self.summary.profiles_present += 1;
                    id
                }
                (Some(id), Some(into)) if into == id => {
                    self.summary.profiles_present += 1;
                    id
                }
                (Some(_), Some(_)) => {
                    return Err(StoreError::Input(format!(
                        "the profile {:?} of the file is already here as a profile of its own; nothing was imported",
                        p.name
                    )));
                }
                (None, _) => match merge_target(tx, p, &self.options)? {
                    Some((id, name)) => {
                        self.summary.merged.push((p.name.clone(), name));
                        id
                    }
                    None => {
                        let name = free_name(tx, &super::names::normalise(&p.name))?;
                        if name != p.name {
                            self.summary.renamed.push((p.name.clone(), name.clone()));
                        }
                        tx.execute(
                            "INSERT INTO profiles (uuid, name, created_at, archived_at, counselor_default, client_id)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            params![
                                p.uuid,
                                name,
                                p.created_at,
                                p.archived_at,
                                p.counselor_default,
                                p.client_id
                            ],
                        )?;
                        self.summary.profiles_added += 1;
                        tx.last_insert_rowid()
                    }
                },
            };
            self.profile_ids.insert(p.uuid.clone(), id);
        }
        Ok(())
    }

    /// The local id of a profile: the file's, or one here by its uuid.
    /// Where record `i` of the file goes: `None` when it is here already
    /// (with the profile the file claims; refused if it appears twice in the
    /// file), else the local profile to add it to (refused if that profile
    /// is neither in the file nor here).
    fn place(
        &mut self,
        record: Record,
        i: usize,
        id: &str,
        profile_uuid: &str,
    ) -> StoreResult<Option<i64>> {
        let (list, kind, before) = match record {
            Record::Session => ("sessions", "session", self.sessions_before),
            Record::Note => ("notes", "note", self.notes_before),
        };
        let at = format!("{list}[{i}]");
        let claimed = self.profile_id(profile_uuid)?;
        let stored: Option<(i64, i64)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT profile_id, rowid FROM {list} WHERE id = ?1"
            ))?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((owner, rowid)) = stored {
            if rowid > before || self.met_before(kind, id)? {
                return Err(import::twice(list, i, kind, id).into());
            }
            owners::existing(&at, kind, id, claimed, owner)?;
            return Ok(None);
        }
        match claimed {
            Some(pid) => Ok(Some(pid)),
            None => Err(Refused::new(
                at,
                format!("profile {profile_uuid} is neither in the file nor in this database"),
            )
            .into()),
        }
    }

    fn profile_id(&self, uuid: &str) -> StoreResult<Option<i64>> {
        profile_id(self.tx, &self.profile_ids, uuid)
    }

    /// A questionnaire snapshot, as admitted from the file.
    pub fn snapshot(&mut self, s: &DumpSnapshot) -> StoreResult<()> {
        self.summary.snapshots_added += self.tx.prepare_cached(
            "INSERT OR IGNORE INTO snapshots (hash, questionnaire_id, version, source) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![s.hash, s.questionnaire_id, s.version, s.source])?;
        Ok(())
    }

    /// Whether `id` was met already in this file among the records found
    /// here before (remembered in a temporary table, so memory stays flat).
    fn met_before(&mut self, kind: &str, id: &str) -> StoreResult<bool> {
        if !self.present_table {
            self.tx.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS import_present (kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
                 DELETE FROM temp.import_present;",
            )?;
            self.present_table = true;
        }
        let added = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO temp.import_present (kind, id) VALUES (?1, ?2)")?
            .execute([kind, id])?;
        Ok(added == 0)
    }

    /// Session `i` of the file with its answers, amendments and cached
    /// scores; `instrument` is its snapshot's questionnaire when the file
    /// holds it (otherwise the database must).
    pub fn session(
        &mut self,
        i: usize,
        s: &DumpSession,
        instrument: Option<Rc<Instrument>>,
    ) -> StoreResult<()> {
        let tx = self.tx;
        let at = format!("sessions[{i}]");
        let Some(pid) = self.place(Record::Session, i, &s.id, &s.profile_uuid)? else {
            self.summary.sessions_present += 1;
            return Ok(());
        };
        let instrument = match instrument {
            Some(found) => found,
            None => self.stored_instrument(&at, &s.snapshot_hash)?,
        };
        if instrument.id != s.questionnaire_id || instrument.version != s.questionnaire_version {
            return Err(Refused::new(
                at,
                format!(
                    "the session says {} version {}, but its snapshot is {} version {}",
                    s.questionnaire_id, s.questionnaire_version, instrument.id, instrument.version
                ),
            )
            .into());
        }
        let (local_date, utc_offset) = lived_day(s);
        let seq = self.last_seq + 1;
        tx.prepare_cached(
            "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, with_counselor, status, local_date, utc_offset, deleted_at, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            s.id,
            pid,
            s.questionnaire_id,
            s.questionnaire_version,
            s.snapshot_hash,
            s.started_at,
            s.completed_at,
            s.with_counselor,
            s.status.as_str(),
            local_date,
            utc_offset,
            s.deleted_at,
            seq
        ])?;
        self.last_seq = seq;
        let mut answers = Answers::new();
        let mut insert = tx.prepare_cached(
            "INSERT INTO answers (session_seq, item_id, value_int, value_text, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (j, a) in s.answers.iter().enumerate() {
            snapshots::answer_fits(&instrument, a)
                .map_err(|m| Refused::new(format!("{at}.answers[{j}]"), m))?;
            let (int, text) = match &a.value {
                AnswerValue::Number(n) => (Some(*n), None),
                AnswerValue::Text(t) => (None, Some(t.as_str())),
            };
            insert.execute(params![seq, a.item_id, int, text, a.answered_at])?;
            if s.status == Status::Completed {
                answers.insert(a.item_id.clone(), a.value.clone());
            }
        }
        for (j, a) in s.amendments.iter().enumerate() {
            let at = format!("{at}.amendments[{j}]");
            for value in [&a.was, &a.value].into_iter().flatten() {
                snapshots::value_fits(&instrument, &a.item_id, value)
                    .map_err(|m| Refused::new(at.as_str(), m))?;
            }
            let (was_int, was_text) = super::amend::columns(a.was.as_ref());
            let (now_int, now_text) = super::amend::columns(a.value.as_ref());
            tx.prepare_cached(
                "INSERT INTO amendments (session_id, item_id, was_int, was_text, was_answered_at, now_int, now_text, amended_at, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                s.id,
                a.item_id,
                was_int,
                was_text,
                a.was_answered_at,
                now_int,
                now_text,
                a.amended_at,
                a.reason
            ])?;
        }
        if s.status == Status::Completed
            && let Some(completed_at) = &s.completed_at
        {
            let imported = cache::Imported {
                id: &s.id,
                seq,
                profile_id: pid,
                questionnaire_id: &s.questionnaire_id,
                completed_at,
                utc_offset,
                with_counselor: s.with_counselor,
                snapshot_hash: &s.snapshot_hash,
                in_trash: s.deleted_at.is_some(),
            };
            cache::write_imported(tx, &imported, &score(&instrument, &answers))?;
            self.scored = true;
        }
        self.summary.sessions_added += 1;
        self.summary.answers_added += s.answers.len();
        Ok(())
    }

    /// The questionnaire of a snapshot the database holds (parsed once).
    fn stored_instrument(&mut self, at: &str, hash: &str) -> StoreResult<Rc<Instrument>> {
        if let Some(found) = self.stored.get(hash) {
            return Ok(found.clone());
        }
        let source: Option<String> = self
            .tx
            .query_row(
                "SELECT source FROM snapshots WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()?;
        let Some(source) = source else {
            return Err(Refused::new(
                at,
                format!(
                    "questionnaire snapshot {hash} is neither in the file nor in this database"
                ),
            )
            .into());
        };
        let found = Rc::new(snapshots::parse(&format!("snapshot {hash}"), &source)?);
        self.stored.insert(hash.to_string(), found.clone());
        Ok(found)
    }

    /// Note `i` of the file: its check-in must belong to the note's profile
    /// as stored now (the file's check-ins come before its notes).
    pub fn note(&mut self, i: usize, n: &DumpNote) -> StoreResult<()> {
        let tx = self.tx;
        let at = format!("notes[{i}]");
        let Some(pid) = self.place(Record::Note, i, &n.id, &n.profile_uuid)? else {
            self.summary.notes_present += 1;
            return Ok(());
        };
        if let Some(session) = &n.session_id {
            let owner: Option<i64> = tx
                .prepare_cached("SELECT profile_id FROM sessions WHERE id = ?1")?
                .query_row([session], |r| r.get(0))
                .optional()?;
            owners::note_session(&at, session, pid, owner)?;
        }
        tx.prepare_cached(
            "INSERT INTO notes (id, profile_id, session_id, created_at, updated_at, body, visibility, author, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            n.id,
            pid,
            n.session_id,
            n.created_at,
            n.updated_at,
            n.body,
            n.visibility.as_str(),
            n.author,
            n.deleted_at
        ])?;
        for h in &n.history {
            tx.prepare_cached(
                "INSERT INTO note_revisions (note_id, kind, body_before, visibility_before, changed_at, changed_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                n.id,
                h.kind.as_str(),
                h.body_before,
                h.visibility_before.as_str(),
                h.changed_at,
                h.changed_by
            ])?;
        }
        self.summary.notes_added += 1;
        Ok(())
    }

    /// The file's recovery-plan goals (after its profiles and check-ins:
    /// a review of a step names the check-in it was done with).
    pub fn goals(&mut self, goals: &[super::DumpGoal]) -> StoreResult<()> {
        let tx = self.tx;
        let ids = &self.profile_ids;
        super::goals::import_goals(
            tx,
            goals,
            &|uuid| profile_id(tx, ids, uuid),
            &mut self.summary,
        )
    }

    /// The file's recovery-network reviews.
    pub fn network_reviews(&mut self, reviews: &[DumpNetworkReview]) -> StoreResult<()> {
        let tx = self.tx;
        let ids = &self.profile_ids;
        super::network::import_reviews(
            tx,
            reviews,
            &|uuid| profile_id(tx, ids, uuid),
            &mut self.summary,
        )
    }
}

fn profile_id(
    tx: &Transaction<'_>,
    ids: &HashMap<String, i64>,
    uuid: &str,
) -> StoreResult<Option<i64>> {
    if let Some(id) = ids.get(uuid) {
        return Ok(Some(*id));
    }
    Ok(tx
        .prepare_cached("SELECT id FROM profiles WHERE uuid = ?1")?
        .query_row([uuid], |r| r.get(0))
        .optional()?)
}

/// The day and offset (seconds) stored for an imported session: as the file
/// says (`import::admit` checked them), or, for a file from before recap
/// kept them, what schema 4 gives the same session when it upgrades a
/// database: a paper form entered by an older recap (started and completed
/// at noon UTC) is on that day at offset 0, anything else unknown.
fn lived_day(s: &DumpSession) -> (Option<String>, Option<i64>) {
    if let (Some(day), Some(offset)) = (&s.local_date, &s.utc_offset) {
        return (
            Some(day.clone()),
            timefmt::parse_offset(offset).map(timefmt::offset_seconds),
        );
    }
    match &s.completed_at {
        Some(at)
            if s.status == Status::Completed
                && *at == s.started_at
                && at.get(10..) == Some("T12:00:00.000Z") =>
        {
            (at.get(..10).map(str::to_string), Some(0))
        }
        _ => (None, None),
    }
}

/// A free name for a new profile: the name itself, or "NAME (imported N)".
fn free_name(tx: &Transaction<'_>, name: &str) -> StoreResult<String> {
    // Taken: the same name, or one that looks like it (the `names` policy).
    let taken = |candidate: &str| super::profiles::clash(tx, candidate, None).map(|c| c.is_some());
    if !taken(name)? {
        return Ok(name.to_string());
    }
    for n in 1.. {
        let suffix = if n == 1 {
            " (imported)".to_string()
        } else {
            format!(" (imported {n})")
        };
        let keep = import::limits::MAX_PROFILE_NAME_CHARS.saturating_sub(suffix.chars().count());
        let base: String = name.chars().take(keep).collect();
        let candidate = format!("{}{suffix}", base.trim_end());
        if !taken(&candidate)? {
            return Ok(candidate);
        }
    }
    Err(StoreError::Input(format!("no free name for {name:?}")))
}

/// The local profile a file's profile is merged into: `--into`, or the one
/// with its client id. (local id, local name)
fn merge_target(
    tx: &Transaction<'_>,
    p: &DumpProfile,
    options: &ImportOptions,
) -> StoreResult<Option<(i64, String)>> {
    let by_id = |sql: &str, key: &dyn rusqlite::ToSql| -> StoreResult<Option<(i64, String)>> {
        Ok(tx
            .query_row(sql, [key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    if let Some(into) = options.into {
        return by_id("SELECT id, name FROM profiles WHERE id = ?1", &into);
    }
    match &p.client_id {
        Some(client) => by_id(
            "SELECT id, name FROM profiles WHERE client_id = ?1 COLLATE NOCASE",
            client,
        ),
        None => Ok(None),
    }
}

/// The kinds of record an import places by id and owner.
#[derive(Clone, Copy)]
enum Record {
    Session,
    Note,
}
