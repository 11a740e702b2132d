//! The questionnaire file format exactly as written in TOML, with source spans
//! kept on the fields that validation may need to point at.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::Kind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub id: Spanned<String>,
    pub version: Spanned<u32>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub instructions: Option<String>,
    pub kind: Kind,
    #[serde(default)]
    pub due_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub terms: Option<String>,
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(default)]
    pub stem: Option<Spanned<String>>,
    #[serde(default)]
    pub domains: Vec<RawDomain>,
    #[serde(default)]
    pub scales: BTreeMap<String, RawScale>,
    pub items: Spanned<Vec<Spanned<RawItem>>>,
    #[serde(default)]
    pub scores: Vec<Spanned<RawScore>>,
    #[serde(default)]
    pub safety: Vec<Spanned<RawSafety>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDomain {
    pub id: Spanned<String>,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub options: Spanned<Vec<RawOption>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub value: Spanned<i64>,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawItemType {
    Choice,
    YesNo,
    Number,
    Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<RawItemType>,
    #[serde(default)]
    pub scale: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<Spanned<i64>>,
    #[serde(default)]
    pub max: Option<Spanned<i64>>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub reverse: Option<Spanned<bool>>,
    #[serde(default)]
    pub domains: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawMethod {
    Sum,
    Mean,
    MeanOfScores,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScore {
    pub id: Spanned<String>,
    pub label: String,
    pub method: Spanned<RawMethod>,
    /// The items of a `sum` or `mean` score.
    #[serde(default)]
    pub items: Option<Spanned<Vec<Spanned<String>>>>,
    /// The scores of a `mean_of_scores` score.
    #[serde(default)]
    pub scores: Option<Spanned<Vec<Spanned<String>>>>,
    pub range: Spanned<[f64; 2]>,
    #[serde(default)]
    pub multiply: Option<f64>,
    #[serde(default)]
    pub add: Option<f64>,
    #[serde(default)]
    pub decimals: Option<u32>,
    #[serde(default)]
    pub higher_is_better: Option<bool>,
    #[serde(default)]
    pub max_missing: Option<Spanned<usize>>,
    #[serde(default)]
    pub bands: Vec<Spanned<RawBand>>,
    #[serde(default)]
    pub change: Option<Spanned<RawChange>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub min: f64,
    pub max: f64,
    pub label: String,
    #[serde(default)]
    pub meaning: Option<String>,
    pub source: String,
    /// The published figure of the edge below this band, when it is not
    /// `min` (WHO-5: "above 50" begins at 51 with edge 50).
    #[serde(default)]
    pub edge: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    #[serde(default)]
    pub reliability: Option<f64>,
    #[serde(default)]
    pub sd: Option<f64>,
    #[serde(default)]
    pub mdc: Option<f64>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSafety {
    #[serde(default)]
    pub item: Option<Spanned<String>>,
    /// Fires once when any of these items meets the condition.
    #[serde(default)]
    pub items: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub score: Option<Spanned<String>>,
    #[serde(default)]
    pub at_most: Option<f64>,
    #[serde(default)]
    pub at_least: Option<f64>,
    #[serde(default)]
    pub equals: Option<f64>,
    pub message: String,
    /// The message for a check-in done together with a counselor.
    #[serde(default)]
    pub with_counselor: Option<Spanned<String>>,
}
