//! The plan's shapes and rules: SAMHSA dimensions, goal and step states,
//! what a goal came from, and the limits on a goal's words (no SQL, no
//! terminal).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// At most this many goals are in progress at once ("a handful").
pub const MAX_ACTIVE_GOALS: usize = 5;
/// At most this many steps of a goal are still open at once.
pub const MAX_OPEN_STEPS: usize = 5;
/// A goal's or a step's words: at most this many characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// A note given with a status change: at most this many characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// SAMHSA's four dimensions of recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    Health,
    Home,
    Purpose,
    Community,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Health,
        Dimension::Home,
        Dimension::Purpose,
        Dimension::Community,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Health => "health",
            Dimension::Home => "home",
            Dimension::Purpose => "purpose",
            Dimension::Community => "community",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Dimension::Health => "Health",
            Dimension::Home => "Home",
            Dimension::Purpose => "Purpose",
            Dimension::Community => "Community",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The first of an item's or score's domains that is a dimension.
    pub fn of_domains(domains: &[String]) -> Option<Dimension> {
        domains.iter().find_map(|d| Dimension::parse(d))
    }
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalStatus {
    InProgress,
    Paused,
    Achieved,
    LetGo,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 4] = [
        GoalStatus::InProgress,
        GoalStatus::Paused,
        GoalStatus::Achieved,
        GoalStatus::LetGo,
    ];

    /// As typed, stored and exported: "in-progress", "paused", ...
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::InProgress => "in-progress",
            GoalStatus::Paused => "paused",
            GoalStatus::Achieved => "achieved",
            GoalStatus::LetGo => "let-go",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            GoalStatus::InProgress => "in progress",
            GoalStatus::Paused => "paused",
            GoalStatus::Achieved => "achieved",
            GoalStatus::LetGo => "let go",
        }
    }

    pub fn parse(s: &str) -> Option<GoalStatus> {
        GoalStatus::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Whether the goal is being worked on now.
    pub fn is_active(self) -> bool {
        self == GoalStatus::InProgress
    }
}

/// Where a step stands: open until its first review, then as last reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    Open,
    Done,
    InProgress,
    NotThisWeek,
    LetGo,
}

impl StepState {
    pub const ALL: [StepState; 5] = [
        StepState::Open,
        StepState::Done,
        StepState::InProgress,
        StepState::NotThisWeek,
        StepState::LetGo,
    ];
    /// The answers of a review, in the order offered.
    pub const REVIEW: [StepState; 4] = [
        StepState::Done,
        StepState::InProgress,
        StepState::NotThisWeek,
        StepState::LetGo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Open => "open",
            StepState::Done => "done",
            StepState::InProgress => "in-progress",
            StepState::NotThisWeek => "not-this-week",
            StepState::LetGo => "let-go",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            StepState::Open => "not reviewed yet",
            StepState::Done => "done",
            StepState::InProgress => "in progress",
            StepState::NotThisWeek => "not this week",
            StepState::LetGo => "let go",
        }
    }

    /// A one-character mark for lists.
    pub fn mark(self) -> &'static str {
        match self {
            StepState::Open => "[ ]",
            StepState::Done => "[x]",
            StepState::InProgress => "[~]",
            StepState::NotThisWeek => "[-]",
            StepState::LetGo => "[/]",
        }
    }

    pub fn parse(s: &str) -> Option<StepState> {
        StepState::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// Still to do (open, in progress, not this week).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            StepState::Open | StepState::InProgress | StepState::NotThisWeek
        )
    }
}

/// What kind of thing a goal came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// One answer of a check-in.
    Item,
    /// One score of a check-in.
    Score,
    /// An entry of the recovery network, or the network as a whole.
    Network,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Item => "item",
            SourceKind::Score => "score",
            SourceKind::Network => "network",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        [SourceKind::Item, SourceKind::Score, SourceKind::Network]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What a goal came from, with the words shown when it was set
/// ("BARC-10 item 5: I get lots of support from friends — Disagree").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_id: Option<String>,
    /// The check-in it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// The network entry (absent: the network as a whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_id: Option<String>,
    pub words: String,
}

/// One small step of a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub state: StepState,
}

/// A goal in the person's own words.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: String,
    pub profile_id: i64,
    pub text: String,
    pub dimension: Dimension,
    pub source: Option<Source>,
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// In the order they were added.
    pub steps: Vec<Step>,
}

impl Goal {
    /// The first step still to do.
    pub fn next_step(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.state.is_open())
    }

    pub fn open_steps(&self) -> usize {
        self.steps.iter().filter(|s| s.state.is_open()).count()
    }

    /// Steps done, of all not let go.
    pub fn progress(&self) -> (usize, usize) {
        let counted = self.steps.iter().filter(|s| s.state != StepState::LetGo);
        let all = counted.clone().count();
        (counted.filter(|s| s.state == StepState::Done).count(), all)
    }

    /// The first 8 characters of its id.
    pub fn short_id(&self) -> &str {
        self.id.get(..8).unwrap_or(&self.id)
    }
}

/// What happened to a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// It was set (status: in-progress).
    Created,
    /// Its status changed (status: the new one; before: the one before).
    Status,
    /// Its words changed (before: the words before).
    Edited,
    /// A step was added (step_id).
    StepAdded,
    /// A step was reviewed (step_id, status: the step's state; before: its
    /// state before; session_id: the check-in it was reviewed with).
    StepReviewed,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Created,
        EventKind::Status,
        EventKind::Edited,
        EventKind::StepAdded,
        EventKind::StepReviewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Status => "status",
            EventKind::Edited => "edited",
            EventKind::StepAdded => "step-added",
            EventKind::StepReviewed => "step-reviewed",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One line of a goal's history (never removed).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub step_id: Option<String>,
    /// The new status (goal) or state (step).
    pub status: Option<String>,
    /// The status, state or words before.
    pub before: Option<String>,
    pub note: Option<String>,
    /// The check-in a step was reviewed with.
    pub session_id: Option<String>,
}

/// A goal's or a step's words as kept: trimmed, one line, not empty, no
/// control characters, at most `MAX_TEXT_CHARS`.
pub fn check_text(what: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("{what} cannot be empty: say it in a few words"));
    }
    one_line(what, text)?;
    let count = text.chars().count();
    if count > MAX_TEXT_CHARS {
        return Err(format!(
            "{what} is {count} characters long; at most {MAX_TEXT_CHARS} are kept: keep it short"
        ));
    }
    Ok(text.to_string())
}

/// A note given with a status change: trimmed (empty: none), at most
/// `MAX_NOTE_CHARS`, no control characters but line breaks.
pub fn check_note(note: &str) -> Result<Option<String>, String> {
    let note = note.trim();
    if note.is_empty() {
        return Ok(None);
    }
    if let Some(c) = note
        .chars()
        .find(|c| *c != '\n' && (crate::termtext::is_control(*c) || crate::termtext::is_bidi(*c)))
    {
        return Err(format!(
            "the note cannot hold control characters (it holds {})",
            crate::termtext::code_point(c)
        ));
    }
    let count = note.chars().count();
    if count > MAX_NOTE_CHARS {
        return Err(format!(
            "the note is {count} characters long; at most {MAX_NOTE_CHARS} are kept"
        ));
    }
    Ok(Some(note.to_string()))
}

fn one_line(what: &str, text: &str) -> Result<(), String> {
    if let Some(c) = text
        .chars()
        .find(|c| crate::termtext::is_control(*c) || crate::termtext::is_bidi(*c))
    {
        return Err(format!(
            "{what} must be one line without control characters (it holds {})",
            crate::termtext::code_point(c)
        ));
    }
    Ok(())
}

/// The words the source of a goal is kept with (same rules as a goal's
/// words, but longer).
pub fn check_source_words(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("what a goal came from needs its words".into());
    }
    one_line("what a goal came from", text)?;
    if text.chars().count() > 4 * MAX_TEXT_CHARS {
        return Err(format!(
            "what a goal came from is longer than {} characters",
            4 * MAX_TEXT_CHARS
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn words_are_checked() {
        assert_eq!(check_text("a goal", "  Walk more  ").unwrap(), "Walk more");
        assert!(check_text("a goal", "  ").is_err());
        assert!(check_text("a goal", "two\nlines").is_err());
        assert!(check_text("a goal", "\u{202e}x").is_err());
        assert!(check_text("a goal", &"x".repeat(201)).is_err());
        assert_eq!(check_note(" ").unwrap(), None);
        assert_eq!(check_note("a\nb").unwrap().as_deref(), Some("a\nb"));
        assert!(check_note("a\u{7}").is_err());
    }

    #[test]
    fn names_round_trip() {
        for d in Dimension::ALL {
            assert_eq!(Dimension::parse(d.as_str()), Some(d));
        }
        for s in GoalStatus::ALL {
            assert_eq!(GoalStatus::parse(s.as_str()), Some(s));
        }
        for s in StepState::ALL {
            assert_eq!(StepState::parse(s.as_str()), Some(s));
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Dimension::parse("Home"), Some(Dimension::Home));
        assert_eq!(GoalStatus::parse("active"), None);
    }
}
