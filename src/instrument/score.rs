//! The one scoring function: (questionnaire, answers) -> scores, bands and
//! safety messages. Everything in recap that shows a number calls `score`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Band, Instrument, Method, SafetyTarget};

/// The version of `score`: bump it whenever a change to this file (or to
/// how a questionnaire's scoring rules are read) could change a stored
/// check-in's numbers. Databases keep the scores they cached with the
/// version they were computed by, and rebuild them on opening when theirs
/// is older (`store::cache`), so a fix never leaves old numbers on a chart.
pub const SCORING_VERSION: u32 = 1;

/// A stored answer: a number for choice, yes/no and number items, text for
/// reflections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(i64),
    Text(String),
}

impl AnswerValue {
    pub fn as_number(&self) -> Option<i64> {
        match self {
            AnswerValue::Number(n) => Some(*n),
            AnswerValue::Text(_) => None,
        }
    }
}

/// Answers by item id. A missing key is an unanswered (skipped) item.
pub type Answers = BTreeMap<String, AnswerValue>;

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    pub id: String,
    pub label: String,
    /// None when too many items are missing to score.
    pub value: Option<f64>,
    pub answered: usize,
    pub missing: usize,
    /// The sum was estimated from the answered items (missing-answer rule).
    pub prorated: bool,
    pub band: Option<Band>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scoring {
    pub scores: Vec<ScoreResult>,
    /// Support messages whose rule fired, in file order.
    pub safety: Vec<String>,
}

impl Scoring {
    pub fn get(&self, id: &str) -> Option<&ScoreResult> {
        self.scores.iter().find(|s| s.id == id)
    }
}

/// Rounds to a number of decimals (half away from zero).
pub fn round_to(value: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (value * f).round() / f
}

/// The value an item contributes to scores (reverse scoring applied).
pub fn scored_value(instrument: &Instrument, item_id: &str, answers: &Answers) -> Option<f64> {
    let item = instrument.item(item_id)?;
    let raw = answers.get(item_id)?.as_number()?;
    let (min, max) = item.value_range()?;
    if raw < min || raw > max {
        return None;
    }
    let v = if item.reverse { min + max - raw } else { raw };
    Some(v as f64)
}

/// Scores a set of answers with the questionnaire's published rules.
pub fn score(instrument: &Instrument, answers: &Answers) -> Scoring {
    let scores: Vec<ScoreResult> = instrument
        .scores
        .iter()
        .map(|def| {
            let values: Vec<f64> = def
                .items
                .iter()
                .filter_map(|id| scored_value(instrument, id, answers))
                .collect();
            let n = def.items.len();
            let answered = values.len();
            let missing = n - answered;
            let value = if answered == 0 || missing > def.max_missing {
                None
            } else {
                let mean = values.iter().sum::<f64>() / answered as f64;
                let raw = match def.method {
                    Method::Sum => mean * n as f64,
                    Method::Mean => mean,
                };
                Some(round_to(raw * def.multiply + def.add, def.decimals))
            };
            ScoreResult {
                id: def.id.clone(),
                label: def.label.clone(),
                value,
                answered,
                missing,
                prorated: value.is_some() && missing > 0 && def.method == Method::Sum,
                band: value.and_then(|v| def.band_for(v).cloned()),
            }
        })
        .collect();
    let safety = instrument
        .safety
        .iter()
        .filter(|rule| {
            let value = match &rule.target {
                SafetyTarget::Item(id) => answers
                    .get(id)
                    .and_then(AnswerValue::as_number)
                    .map(|v| v as f64),
                SafetyTarget::Score(id) => {
                    scores.iter().find(|s| &s.id == id).and_then(|s| s.value)
                }
            };
            value.is_some_and(|v| rule.condition.holds(v))
        })
        .map(|rule| rule.message.clone())
        .collect();
    Scoring { scores, safety }
}

/// Formats a score value with the score's decimals.
pub fn format_value(value: f64, decimals: u32) -> String {
    format!("{value:.prec$}", prec = decimals as usize)
}
