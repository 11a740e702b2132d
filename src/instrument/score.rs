//! The one scoring function: (questionnaire, answers) -> scores, bands and
//! safety messages. Everything in recap that shows a number calls `score`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Band, Instrument, Method, SafetyTarget, ScoreDef};

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
    /// Items answered (for a mean of scores: scores with a value).
    pub answered: usize,
    /// Items unanswered (for a mean of scores: scores without a value).
    pub missing: usize,
    /// The sum was estimated from the answered items (missing-answer rule).
    pub prorated: bool,
    /// For a mean of scores: the labels of the listed scores that have no
    /// value (why this one has none). Empty for item scores.
    pub missing_scores: Vec<String>,
    pub band: Option<Band>,
}

/// A safety rule that fired: which rule, what it looked at and the value
/// that met its condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    /// Index into the questionnaire's safety rules.
    pub rule: usize,
    pub target: FiredBy,
    pub value: f64,
    pub message: String,
}

/// What made a safety rule fire: one item's answer (for a rule on several
/// items, the first that met it) or a score.
#[derive(Debug, Clone, PartialEq)]
pub enum FiredBy {
    Item(String),
    Score(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scoring {
    pub scores: Vec<ScoreResult>,
    /// Support messages whose rule fired, in file order.
    pub safety: Vec<String>,
    /// The same rules with what triggered them, in file order.
    pub fired: Vec<Fired>,
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
    // Item scores first (file order), then scores made of scores, each once
    // its parts are known (validation refuses cycles; a part that never
    // resolves leaves the score unscored).
    let mut results: Vec<Option<ScoreResult>> = instrument
        .scores
        .iter()
        .map(|def| {
            (def.method != Method::MeanOfScores).then(|| item_score(instrument, def, answers))
        })
        .collect();
    for _ in 0..instrument.scores.len() {
        let mut progressed = false;
        for (i, def) in instrument.scores.iter().enumerate() {
            if results.get(i).is_some_and(Option::is_some) {
                continue;
            }
            let parts: Option<Vec<Option<f64>>> = def
                .scores
                .iter()
                .map(|id| {
                    let at = instrument.scores.iter().position(|s| &s.id == id)?;
                    results.get(at)?.as_ref().map(|r| r.value)
                })
                .collect();
            if let Some(parts) = parts
                && let Some(slot) = results.get_mut(i)
            {
                *slot = Some(mean_of_scores(instrument, def, &parts));
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    let scores: Vec<ScoreResult> = instrument
        .scores
        .iter()
        .zip(results)
        .map(|(def, r)| r.unwrap_or_else(|| mean_of_scores(instrument, def, &[])))
        .collect();
    // A rule fires on its item, on the first of its items that meets it,
    // or on its score; what triggered it is kept with the message.
    let fired: Vec<Fired> = instrument
        .safety
        .iter()
        .enumerate()
        .filter_map(|(index, rule)| {
            let answer = |id: &String| {
                answers
                    .get(id)
                    .and_then(AnswerValue::as_number)
                    .map(|v| v as f64)
            };
            let (target, value) = match &rule.target {
                SafetyTarget::Item(id) => (FiredBy::Item(id.clone()), answer(id)?),
                SafetyTarget::AnyItem(ids) => ids.iter().find_map(|id| {
                    answer(id)
                        .filter(|v| rule.condition.holds(*v))
                        .map(|v| (FiredBy::Item(id.clone()), v))
                })?,
                SafetyTarget::Score(id) => (
                    FiredBy::Score(id.clone()),
                    scores.iter().find(|s| &s.id == id).and_then(|s| s.value)?,
                ),
            };
            rule.condition.holds(value).then(|| Fired {
                rule: index,
                target,
                value,
                message: rule.message.clone(),
            })
        })
        .collect();
    let safety = fired.iter().map(|f| f.message.clone()).collect();
    Scoring {
        scores,
        safety,
        fired,
    }
}

/// A `sum` or `mean` of items, with the missing-answer rule.
fn item_score(instrument: &Instrument, def: &ScoreDef, answers: &Answers) -> ScoreResult {
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
            Method::Mean | Method::MeanOfScores => mean,
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
        missing_scores: Vec::new(),
        band: value.and_then(|v| def.band_for(v).cloned()),
    }
}

/// The mean of other scores' values (as shown, already rounded), only when
/// every one has a value. `answered` and `missing` count scores here.
fn mean_of_scores(instrument: &Instrument, def: &ScoreDef, parts: &[Option<f64>]) -> ScoreResult {
    let values: Vec<f64> = parts.iter().flatten().copied().collect();
    let missing_scores = def
        .scores
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(parts.get(*i), Some(Some(_))))
        .map(|(_, id)| {
            instrument
                .score_def(id)
                .map_or_else(|| id.clone(), |d| d.label.clone())
        })
        .collect();
    let answered = values.len();
    let missing = def.scores.len().saturating_sub(answered);
    let value = (answered > 0 && missing == 0).then(|| {
        let mean = values.iter().sum::<f64>() / answered as f64;
        round_to(mean * def.multiply + def.add, def.decimals)
    });
    ScoreResult {
        id: def.id.clone(),
        label: def.label.clone(),
        value,
        answered,
        missing,
        prorated: false,
        missing_scores,
        band: value.and_then(|v| def.band_for(v).cloned()),
    }
}

/// Formats a score value with the score's decimals.
pub fn format_value(value: f64, decimals: u32) -> String {
    format!("{value:.prec$}", prec = decimals as usize)
}
