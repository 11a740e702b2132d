//! The typed records the store hands out.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::instrument::{Answers, Scoring};
use crate::timefmt::Lived;

/// A person whose check-ins are kept (a counselor keeps one per client).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
    /// Whether check-ins for this profile are usually done with a counselor.
    pub counselor_default: bool,
    /// An agency's id for the person (e.g. a medical record number).
    pub client_id: Option<String>,
}

impl Profile {
    /// What names the person where others may see it (report file names,
    /// headers meant to be handed over): the client id, or else the
    /// initials of the name (`names::initials`).
    pub fn label(&self) -> String {
        match &self.client_id {
            Some(id) => id.clone(),
            None => super::names::initials(&self.name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InProgress,
    Completed,
    Discarded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::Discarded => "discarded",
        }
    }

    /// In words: "in progress", "completed", "set aside".
    pub fn words(self) -> &'static str {
        match self {
            Status::InProgress => "in progress",
            Status::Completed => "completed",
            Status::Discarded => "set aside",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "in_progress" => Some(Status::InProgress),
            "completed" => Some(Status::Completed),
            "discarded" => Some(Status::Discarded),
            _ => None,
        }
    }
}

/// One check-in: which questionnaire (and exact snapshot), when, how.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: String,
    pub profile_id: i64,
    pub questionnaire_id: String,
    pub questionnaire_version: u32,
    pub snapshot_hash: String,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The day the person meant, in their zone (completed check-ins; None
    /// for those stored before recap kept it).
    pub local_date: Option<NaiveDate>,
    /// The UTC offset of the person's zone when the check-in was completed.
    pub utc_offset: Option<FixedOffset>,
    pub with_counselor: bool,
    pub status: Status,
    /// When it was moved to the trash (it keeps its status meanwhile).
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Session {
    /// What a person is told about it: in the trash, or its status.
    pub fn state(&self) -> CheckinState {
        match (self.deleted_at, self.status) {
            (Some(_), _) => CheckinState::Deleted,
            (None, Status::Completed) => CheckinState::Completed,
            (None, Status::InProgress) => CheckinState::InProgress,
            (None, Status::Discarded) => CheckinState::SetAside,
        }
    }

    /// When it happened: completed, or else started.
    pub fn when(&self) -> DateTime<Utc> {
        self.completed_at.unwrap_or(self.started_at)
    }
}

/// A check-in's state as shown in lists (`history`, the trash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckinState {
    Completed,
    InProgress,
    SetAside,
    Deleted,
}

impl CheckinState {
    /// "completed", "in progress", "set aside", "deleted".
    pub fn words(self) -> &'static str {
        match self {
            CheckinState::Completed => "completed",
            CheckinState::InProgress => "in progress",
            CheckinState::SetAside => "set aside",
            CheckinState::Deleted => "deleted",
        }
    }
}

/// One correction of an answer of a completed check-in: the value before
/// (None: it was not answered) and since, when the value before was given,
/// when it was changed and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Amendment {
    pub session_id: String,
    pub item_id: String,
    pub was: Option<crate::instrument::AnswerValue>,
    pub was_answered_at: Option<DateTime<Utc>>,
    pub now: Option<crate::instrument::AnswerValue>,
    pub amended_at: DateTime<Utc>,
    pub reason: String,
}

/// What `Store::restore` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restored {
    /// Out of the trash, as it was before.
    FromTrash,
    /// A set-aside check-in is unfinished again, ready to be resumed.
    Resumable,
}

impl Session {
    /// When it was completed (or, unfinished, started), in the person's zone.
    pub fn lived(&self) -> Lived {
        match self.completed_at {
            Some(at) => Lived::new(at, self.utc_offset),
            None => Lived::from(self.started_at),
        }
    }
}

/// A session with everything needed to show it: the questionnaire it was
/// answered with, the answers, and the scores computed from them.
#[derive(Debug, Clone)]
pub struct SessionDetail {
    pub session: Session,
    pub instrument: std::rc::Rc<crate::instrument::Instrument>,
    pub answers: Answers,
    pub scoring: Scoring,
}

/// Which completed sessions to list.
#[derive(Debug, Clone, Default)]
pub struct SessionQuery {
    pub questionnaire_id: Option<String>,
    /// Completed at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Completed before this instant.
    pub to: Option<DateTime<Utc>>,
}

/// One completed session's cached scores, for trend series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPoint {
    pub session_id: String,
    pub completed_at: DateTime<Utc>,
    /// The UTC offset of the person's zone then (None: not recorded).
    pub utc_offset: Option<FixedOffset>,
    pub with_counselor: bool,
    /// (score id, value; None when too many items were missing).
    pub scores: Vec<(String, Option<f64>)>,
}

impl SeriesPoint {
    /// When it was completed, in the person's zone.
    pub fn lived(&self) -> Lived {
        Lived::new(self.completed_at, self.utc_offset)
    }

    pub fn value(&self, score_id: &str) -> Option<f64> {
        self.scores
            .iter()
            .find(|(id, _)| id == score_id)
            .and_then(|(_, v)| *v)
    }
}

/// One completed session's cached scores in the order the caller asked
/// for (None: not scored, or no such score then).
#[derive(Debug, Clone, PartialEq)]
pub struct ValuesPoint {
    pub session_id: String,
    pub completed_at: DateTime<Utc>,
    /// The UTC offset of the person's zone then (None: not recorded).
    pub utc_offset: Option<FixedOffset>,
    pub with_counselor: bool,
    pub values: Vec<Option<f64>>,
}

/// A free-text note on a profile, optionally about one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: String,
    pub profile_id: i64,
    pub session_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub body: String,
    /// Private (the counselor's own) or shared (reports and exports).
    pub visibility: Visibility,
    /// Who wrote it (the counselor's name from config.toml), if known.
    pub author: Option<String>,
}

/// Whether a note may leave the counselor's hands: shared notes go into
/// reports and exports; private ones only with `--with-private-notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Private,
    Shared,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Shared => "shared",
        }
    }

    pub fn parse(s: &str) -> Option<Visibility> {
        match s {
            "private" => Some(Visibility::Private),
            "shared" => Some(Visibility::Shared),
            _ => None,
        }
    }
}

/// Who writes a note and how it is kept, for the store's note methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMeta {
    pub visibility: Visibility,
    pub author: Option<String>,
}

impl Default for NoteMeta {
    /// A person's own note: shared, no author named.
    fn default() -> NoteMeta {
        NoteMeta {
            visibility: Visibility::Shared,
            author: None,
        }
    }
}

/// What a change to a note was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionKind {
    /// The text was replaced.
    Edited,
    /// It was made private or shared.
    Visibility,
    /// It was deleted.
    Deleted,
}

impl RevisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Edited => "edited",
            RevisionKind::Visibility => "visibility",
            RevisionKind::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<RevisionKind> {
        match s {
            "edited" => Some(RevisionKind::Edited),
            "visibility" => Some(RevisionKind::Visibility),
            "deleted" => Some(RevisionKind::Deleted),
            _ => None,
        }
    }
}

/// One change to a note: what it was before, when and by whom it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRevision {
    pub kind: RevisionKind,
    pub body_before: String,
    pub visibility_before: Visibility,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Option<String>,
}
