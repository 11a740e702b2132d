//! The one function that works out a check-in's outcome (`build`), and the
//! per-score part of it (`score_outcome`) that trends rows use for every
//! check-in under a chart. Bands come from `ScoreDef::band_for`, changes and
//! verdicts from `instrument::change`, safety rules from the scoring
//! (`Scoring::fired`); nothing else in recap computes them for display.

use chrono::{DateTime, Utc};

use super::model::{
    About, BandShown, Contacts, Coverage, Outcome, Rule, SafetyMessage, ScoreOutcome, Since,
    Trigger,
};
use crate::config::Support;
use crate::instrument::change::change;
use crate::instrument::model::ChangeRule;
use crate::instrument::score::{FiredBy, ScoreResult};
use crate::instrument::{AnswerValue, Answers, Instrument, Kind, ScoreDef, Scoring};
use crate::strings;

/// An earlier check-in as the outcome needs it: its values, by the index of
/// the score in the questionnaire whose outcome is built.
pub trait Scored {
    fn session_id(&self) -> &str;
    fn at(&self) -> DateTime<Utc>;
    fn value(&self, score: usize) -> Option<f64>;
}

/// The check-in whose outcome is built: its questionnaire, answers and
/// scoring (from the one scoring function).
#[derive(Debug, Clone, Copy)]
pub struct Done<'a> {
    pub instrument: &'a Instrument,
    pub answers: &'a Answers,
    pub scoring: &'a Scoring,
    pub session_id: Option<&'a str>,
    pub completed_at: DateTime<Utc>,
    pub with_counselor: bool,
}

/// The change from an earlier check-in's value of score `k` to `value`.
pub fn since<P: Scored>(def: &ScoreDef, k: usize, value: f64, from: &P) -> Option<Since> {
    let then = from.value(k)?;
    let c = change(def, then, value);
    Some(Since {
        session_id: from.session_id().to_string(),
        at: from.at(),
        from: then,
        diff: c.diff,
        rci: c.rci,
        verdict: c.verdict,
    })
}

fn rule(def: &ScoreDef) -> Option<Rule> {
    def.change.as_ref().map(|r| match r {
        ChangeRule::Reliability {
            reliability,
            sd,
            source,
        } => Rule::Reliability {
            reliability: *reliability,
            sd: *sd,
            source: source.trim().to_string(),
        },
        ChangeRule::Mdc { mdc, source } => Rule::Mdc {
            mdc: *mdc,
            source: source.trim().to_string(),
        },
    })
}

/// Score `k` (`def`) with `value`: its band, and its change since the latest
/// of `earlier` with a value and since the first of `earlier[period_start..]`
/// with a value. `earlier` is the check-ins before this one, oldest first;
/// those before `period_start` are outside the period shown.
pub fn score_outcome<P: Scored>(
    def: &ScoreDef,
    k: usize,
    value: Option<f64>,
    coverage: Option<Coverage>,
    earlier: &[P],
    period_start: usize,
) -> ScoreOutcome {
    let previous = earlier.iter().rev().find(|p| p.value(k).is_some());
    let first = earlier
        .get(period_start.min(earlier.len())..)
        .and_then(|inside| inside.iter().find(|p| p.value(k).is_some()));
    ScoreOutcome {
        id: def.id.clone(),
        label: def.label.clone(),
        min: def.min,
        max: def.max,
        decimals: def.decimals,
        higher_is_better: def.higher_is_better,
        value,
        coverage,
        missing_parts: Vec::new(),
        band: value.and_then(|v| def.band_for(v)).map(|b| BandShown {
            label: b.label.clone(),
            meaning: b
                .meaning
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string),
            min: b.min,
            max: b.max,
            source: b.source.trim().to_string(),
        }),
        since_previous: value.zip(previous).and_then(|(v, p)| since(def, k, v, p)),
        since_first: value.zip(first).and_then(|(v, p)| since(def, k, v, p)),
        change_rule: rule(def),
    }
}

/// The questionnaire's identity, kind and notice.
pub fn about(instrument: &Instrument) -> About {
    let own = instrument
        .notice
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    About {
        id: instrument.id.clone(),
        version: instrument.version,
        title: instrument.title.clone(),
        short_title: instrument.short_title.clone(),
        kind: instrument.kind,
        notice: own.or_else(|| {
            (instrument.kind == Kind::Reflective).then(|| strings::REFLECTIVE_NOTICE.to_string())
        }),
    }
}

fn coverage(result: &ScoreResult) -> Coverage {
    Coverage {
        answered: result.answered,
        missing: result.missing,
        prorated: result.prorated,
    }
}

/// The words of safety rule `rule` for this check-in: the wording for a
/// check-in done with a counselor (speaking to both) when the questionnaire
/// gives one, else its message.
fn wording(i: &Instrument, rule: usize, with_counselor: bool, fallback: &str) -> String {
    let Some(r) = i.safety.get(rule) else {
        return fallback.trim().to_string();
    };
    match (&r.with_counselor, with_counselor) {
        (Some(pair), true) => pair.trim().to_string(),
        _ => r.message.trim().to_string(),
    }
}

/// The file's own message of each rule that fired (whatever the room), to
/// tell whether the same message fired at two check-ins.
pub(super) fn fired_messages(i: &Instrument, scoring: &Scoring) -> Vec<String> {
    scoring
        .fired
        .iter()
        .map(|f| {
            i.safety.get(f.rule).map_or_else(
                || f.message.trim().to_string(),
                |r| r.message.trim().to_string(),
            )
        })
        .collect()
}

fn safety(done: &Done<'_>) -> Vec<SafetyMessage> {
    let i = done.instrument;
    done.scoring
        .fired
        .iter()
        .map(|f| {
            let trigger = match &f.target {
                FiredBy::Item(id) => {
                    let value = done
                        .answers
                        .get(id)
                        .and_then(AnswerValue::as_number)
                        .unwrap_or(f.value as i64);
                    let item = i.item(id);
                    Trigger::Item {
                        id: id.clone(),
                        text: item
                            .map(|it| it.text.trim().to_string())
                            .unwrap_or_default(),
                        value,
                        label: item.map_or_else(|| value.to_string(), |it| it.label_for(value)),
                    }
                }
                FiredBy::Score(id) => Trigger::Score {
                    id: id.clone(),
                    label: i
                        .score_def(id)
                        .map_or_else(|| id.clone(), |d| d.label.clone()),
                    value: f.value,
                },
            };
            SafetyMessage {
                message: wording(i, f.rule, done.with_counselor, &f.message),
                trigger,
                repeated: false,
            }
        })
        .collect()
}

/// The outcome of a check-in. `earlier` is the questionnaire's check-ins
/// before it, oldest first, with values aligned to `done.instrument`'s
/// scores; those before `period_start` are outside the period shown (0:
/// all of them are inside).
pub fn build<P: Scored>(
    done: &Done<'_>,
    earlier: &[P],
    period_start: usize,
    support: &Support,
) -> Outcome {
    let scores = done
        .instrument
        .scores
        .iter()
        .enumerate()
        .map(|(k, def)| {
            let result = done.scoring.get(&def.id);
            let mut outcome = score_outcome(
                def,
                k,
                result.and_then(|r| r.value),
                result.map(coverage),
                earlier,
                period_start,
            );
            outcome.missing_parts = result.map(|r| r.missing_scores.clone()).unwrap_or_default();
            outcome
        })
        .collect();
    Outcome {
        questionnaire: about(done.instrument),
        session_id: done.session_id.map(str::to_string),
        completed_at: done.completed_at,
        with_counselor: done.with_counselor,
        safety: safety(done),
        support: Contacts {
            contacts: support.contacts.clone(),
            built_in: support.is_default,
        },
        scores,
    }
}
