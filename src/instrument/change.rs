//! Change between two scores: the plain difference, and where the file gives a
//! sourced reliability or minimal detectable change, a reliable-change verdict
//! (Jacobson & Truax 1991).

use super::model::{ChangeRule, ScoreDef};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    ReliableImprovement,
    NoReliableChange,
    ReliableDecline,
}

impl Verdict {
    pub fn words(self) -> &'static str {
        match self {
            Verdict::ReliableImprovement => "reliable improvement",
            Verdict::NoReliableChange => "no reliable change",
            Verdict::ReliableDecline => "reliable decline",
        }
    }

    /// The verdict as data: `reliable_improvement`, ...
    pub fn code(self) -> &'static str {
        match self {
            Verdict::ReliableImprovement => "reliable_improvement",
            Verdict::NoReliableChange => "no_reliable_change",
            Verdict::ReliableDecline => "reliable_decline",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub diff: f64,
    /// Reliable Change Index, when the score has reliability and SD.
    pub rci: Option<f64>,
    /// Only when the score's file gives a sourced figure.
    pub verdict: Option<Verdict>,
}

/// The standard error of the difference: SD * sqrt(2) * sqrt(1 - r).
pub fn s_diff(sd: f64, reliability: f64) -> f64 {
    sd * std::f64::consts::SQRT_2 * (1.0 - reliability).sqrt()
}

/// Change from `from` to `to` for one score definition.
pub fn change(def: &ScoreDef, from: f64, to: f64) -> Change {
    let diff = to - from;
    let (rci, reliable) = match &def.change {
        None => {
            return Change {
                diff,
                rci: None,
                verdict: None,
            };
        }
        Some(ChangeRule::Reliability {
            reliability, sd, ..
        }) => {
            let rci = diff / s_diff(*sd, *reliability);
            (Some(rci), rci.abs() > 1.96)
        }
        Some(ChangeRule::Mdc { mdc, .. }) => (None, diff.abs() >= *mdc - 1e-9),
    };
    let better = if def.higher_is_better {
        diff > 0.0
    } else {
        diff < 0.0
    };
    let verdict = if !reliable {
        Verdict::NoReliableChange
    } else if better {
        Verdict::ReliableImprovement
    } else {
        Verdict::ReliableDecline
    };
    Change {
        diff,
        rci,
        verdict: Some(verdict),
    }
}
