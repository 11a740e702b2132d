//! The validated, in-memory shape of a questionnaire: what every other part of
//! recap reads. Built only by `validate` from a checked file.

use std::collections::BTreeMap;

/// Whether a questionnaire is a published, validated measure or a reflective
/// check-in written for recap (no clinical meaning, no cutoffs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Validated,
    Reflective,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Validated => "validated",
            Kind::Reflective => "reflective",
        }
    }
}

/// One questionnaire (instrument), ready to be asked and scored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Instrument {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub short_title: String,
    pub description: String,
    pub instructions: Option<String>,
    pub kind: Kind,
    pub due_days: Option<u32>,
    pub citation: Option<String>,
    pub terms: Option<String>,
    pub notice: Option<String>,
    /// Shown with every item, before its text (e.g. the time frame "Over the
    /// last two weeks"), so the item wording itself stays as published.
    pub stem: Option<String>,
    pub domains: Vec<Domain>,
    pub scales: BTreeMap<String, Scale>,
    pub items: Vec<Item>,
    pub scores: Vec<ScoreDef>,
    pub safety: Vec<SafetyRule>,
}

impl Instrument {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    pub fn score_def(&self, id: &str) -> Option<&ScoreDef> {
        self.scores.iter().find(|s| s.id == id)
    }

    pub fn domain_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.domains
            .iter()
            .find(|d| d.id == id)
            .map_or(id, |d| d.label.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Domain {
    pub id: String,
    pub label: String,
}

/// An ordered set of response options, shared by many items.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scale {
    pub options: Vec<ScaleOption>,
}

impl Scale {
    pub fn min(&self) -> i64 {
        self.options.iter().map(|o| o.value).min().unwrap_or(0)
    }
    pub fn max(&self) -> i64 {
        self.options.iter().map(|o| o.value).max().unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScaleOption {
    pub value: i64,
    pub label: String,
}

/// How an item is answered.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Response {
    /// One option of a scale; the options are copied from the named scale.
    Choice {
        scale: String,
        options: Vec<ScaleOption>,
    },
    /// Yes (1) or no (0).
    YesNo,
    /// A whole number in an inclusive range, e.g. days in the past 7.
    Number {
        min: i64,
        max: i64,
        unit: Option<String>,
    },
    /// Free text; never scored.
    Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub response: Response,
    pub required: bool,
    pub reverse: bool,
    pub domains: Vec<String>,
}

impl Item {
    /// The options a person picks from (choice and yes/no items).
    pub fn options(&self) -> Vec<ScaleOption> {
        match &self.response {
            Response::Choice { options, .. } => options.clone(),
            Response::YesNo => vec![
                ScaleOption {
                    value: 1,
                    label: "Yes".into(),
                },
                ScaleOption {
                    value: 0,
                    label: "No".into(),
                },
            ],
            Response::Number { .. } | Response::Text => Vec::new(),
        }
    }

    /// Smallest and largest raw value, for numeric items.
    pub fn value_range(&self) -> Option<(i64, i64)> {
        match &self.response {
            Response::Choice { options, .. } => {
                let min = options.iter().map(|o| o.value).min()?;
                let max = options.iter().map(|o| o.value).max()?;
                Some((min, max))
            }
            Response::YesNo => Some((0, 1)),
            Response::Number { min, max, .. } => Some((*min, *max)),
            Response::Text => None,
        }
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self.response, Response::Text)
    }

    /// The label shown for a stored value (option label, or the number with its unit).
    pub fn label_for(&self, value: i64) -> String {
        match &self.response {
            Response::Number { unit: Some(u), .. } => format!("{value} {u}"),
            Response::Number { unit: None, .. } => value.to_string(),
            _ => self
                .option_label(value)
                .map_or_else(|| value.to_string(), str::to_string),
        }
    }

    /// The label of option `value` of a choice or yes/no item (without
    /// copying the options, as `options` does).
    pub fn option_label(&self, value: i64) -> Option<&str> {
        match &self.response {
            Response::Choice { options, .. } => options
                .iter()
                .find(|o| o.value == value)
                .map(|o| o.label.as_str()),
            Response::YesNo => match value {
                1 => Some("Yes"),
                0 => Some("No"),
                _ => None,
            },
            Response::Number { .. } | Response::Text => None,
        }
    }

    /// Checks a raw value against the item; the error says what is allowed.
    pub fn check_value(&self, value: i64) -> Result<(), String> {
        match &self.response {
            Response::Text => Err("this item takes free text, not a number".into()),
            Response::Number { min, max, .. } => {
                if (*min..=*max).contains(&value) {
                    Ok(())
                } else {
                    Err(format!("a whole number from {min} to {max}"))
                }
            }
            _ => {
                if self.option_label(value).is_some() {
                    Ok(())
                } else {
                    let opts = self.options();
                    let allowed: Vec<String> = opts
                        .iter()
                        .map(|o| format!("{} ({})", o.value, o.label))
                        .collect();
                    Err(format!("one of {}", allowed.join(", ")))
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Method {
    Sum,
    Mean,
    /// The mean of other scores (`ScoreDef::scores`), given only when every
    /// one of them has a value.
    MeanOfScores,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Sum => "sum",
            Method::Mean => "mean",
            Method::MeanOfScores => "mean_of_scores",
        }
    }
}

/// A score: total or subscale.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoreDef {
    pub id: String,
    pub label: String,
    pub method: Method,
    /// The items of a `Sum` or `Mean` score (empty for `MeanOfScores`).
    pub items: Vec<String>,
    /// The scores a `MeanOfScores` score averages (empty otherwise).
    pub scores: Vec<String>,
    pub multiply: f64,
    pub add: f64,
    pub min: f64,
    pub max: f64,
    pub decimals: u32,
    pub higher_is_better: bool,
    /// At most this many listed items may be unanswered; a sum is then
    /// prorated (mean of answered x item count). More missing: no score.
    pub max_missing: usize,
    pub bands: Vec<Band>,
    pub change: Option<ChangeRule>,
}

impl ScoreDef {
    /// The values where one band ends and the next starts (for reference lines).
    pub fn cutoffs(&self) -> Vec<(f64, &Band)> {
        self.bands.iter().skip(1).map(|b| (b.min, b)).collect()
    }

    pub fn band_for(&self, value: f64) -> Option<&Band> {
        let step = 10f64.powi(-(self.decimals as i32));
        self.bands
            .iter()
            .find(|b| value >= b.min - 1e-9 && value < b.max + step - 1e-9)
    }
}

/// An interpretation range, inclusive at both ends (after rounding to the
/// score's decimals), with where its numbers come from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    pub min: f64,
    pub max: f64,
    pub label: String,
    pub meaning: Option<String>,
    pub source: String,
    /// The published figure of the edge between this band and the one
    /// below (charts draw and label the edge there); None: at `min`.
    pub edge: Option<f64>,
}

/// What makes a change "reliable" for a score, with its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ChangeRule {
    /// Jacobson & Truax: reliability r and the standard deviation SD.
    Reliability {
        reliability: f64,
        sd: f64,
        source: String,
    },
    /// A published minimal detectable change, in score units.
    Mdc { mdc: f64, source: String },
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Condition {
    AtMost(f64),
    AtLeast(f64),
    Equals(f64),
}

impl Condition {
    pub fn holds(self, value: f64) -> bool {
        match self {
            Condition::AtMost(t) => value <= t + 1e-9,
            Condition::AtLeast(t) => value >= t - 1e-9,
            Condition::Equals(t) => (value - t).abs() < 1e-9,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SafetyTarget {
    Item(String),
    /// Fires once when any of these items meets the condition.
    AnyItem(Vec<String>),
    Score(String),
}

/// When an answer or score meets a condition, a support message is shown.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SafetyRule {
    pub target: SafetyTarget,
    pub condition: Condition,
    pub message: String,
    /// What to say instead when the check-in is done together with a
    /// counselor: to the two of them (None: the message as it is).
    pub with_counselor: Option<String>,
}
