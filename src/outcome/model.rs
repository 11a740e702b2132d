//! The types of the result model. Surfaces read these; none works a band, a
//! change, a verdict, a safety rule or its wording out again.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Contact;
use crate::instrument::Kind;
use crate::instrument::change::Verdict;

/// Everything shown about one completed check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub questionnaire: About,
    /// None for a check-in that was not stored (`record --dry-run`).
    pub session_id: Option<String>,
    pub completed_at: DateTime<Utc>,
    pub with_counselor: bool,
    /// Support messages whose rule fired, in the file's order. Every
    /// surface shows them first, followed by `support`.
    pub safety: Vec<SafetyMessage>,
    /// The contacts in force (built-in or from config.toml).
    pub support: Contacts,
    /// One per score of the questionnaire, in its order.
    pub scores: Vec<ScoreOutcome>,
}

impl Outcome {
    pub fn score(&self, id: &str) -> Option<&ScoreOutcome> {
        self.scores.iter().find(|s| s.id == id)
    }
}

/// Which questionnaire, and what kind: a validated instrument or a
/// reflective check-in (with its notice).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct About {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub short_title: String,
    pub kind: Kind,
    /// The questionnaire's own notice; for a reflective one without its
    /// own, the general reflective notice.
    pub notice: Option<String>,
}

/// One score of a check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreOutcome {
    pub id: String,
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub decimals: u32,
    pub higher_is_better: bool,
    /// None when too many answers were missing to score.
    pub value: Option<f64>,
    /// How many of its items were answered (known when the outcome was
    /// built from the answers, not only from stored values).
    pub coverage: Option<Coverage>,
    /// For a mean of other scores with no value: the labels of the parts
    /// that have none (known when built from the answers).
    pub missing_parts: Vec<String>,
    pub band: Option<BandShown>,
    /// From the latest earlier check-in with this score.
    pub since_previous: Option<Since>,
    /// From the first check-in of the period shown with this score (None
    /// when this is that check-in).
    pub since_first: Option<Since>,
    /// The sourced rule that gives verdicts; None: differences only.
    pub change_rule: Option<Rule>,
}

/// How many of a score's items were answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub answered: usize,
    pub missing: usize,
    /// The sum was estimated from the answered items.
    pub prorated: bool,
}

/// The band a value falls in: its published range and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandShown {
    pub label: String,
    pub meaning: Option<String>,
    /// The band's range as the questionnaire file publishes it (inclusive).
    pub min: f64,
    pub max: f64,
    pub source: String,
}

impl fmt::Display for BandShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// A change measured from an earlier check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Since {
    pub session_id: String,
    pub at: DateTime<Utc>,
    /// The earlier value.
    pub from: f64,
    pub diff: f64,
    /// Reliable Change Index, where the score has a reliability and SD.
    pub rci: Option<f64>,
    /// Only where the score has a sourced change rule.
    pub verdict: Option<Verdict>,
}

/// A score's sourced change rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Jacobson & Truax with a reliability and SD.
    Reliability {
        reliability: f64,
        sd: f64,
        source: String,
    },
    /// A minimal detectable change in score units.
    Mdc { mdc: f64, source: String },
}

impl Rule {
    pub fn source(&self) -> &str {
        match self {
            Rule::Reliability { source, .. } | Rule::Mdc { source, .. } => source,
        }
    }
}

/// A support message that fired, with what triggered it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyMessage {
    /// What is said: the questionnaire's message, or, for a check-in done
    /// together with a counselor, its wording for the two of them (when
    /// the questionnaire gives one).
    pub message: String,
    pub trigger: Trigger,
    /// The same message fired at the previous check-in of this
    /// questionnaire too: surfaces show it shortened, pointing to the full
    /// text (`text::safety_lines`, `text::full_lines`).
    pub repeated: bool,
}

/// The answer or score that met a safety rule's condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trigger {
    Item {
        id: String,
        text: String,
        value: i64,
        label: String,
    },
    Score {
        id: String,
        label: String,
        value: f64,
    },
}

/// The support contacts in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contacts {
    pub contacts: Vec<Contact>,
    /// The built-in United States contacts (no config.toml contacts).
    pub built_in: bool,
}
