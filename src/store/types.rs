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

/// A free-text note on a profile, optionally about one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: String,
    pub profile_id: i64,
    pub session_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub body: String,
}
