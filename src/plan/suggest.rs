//! Strengths and needs, chosen from the latest check-ins and the recovery
//! network, each with where it comes from: pure logic over the result model
//! (`outcome`) and the questionnaires' own items. Suggestions only: the
//! person takes or leaves each one.
//!
//! - Answers: choice items only (a yes/no or a number has no direction
//!   recap could know); an answer in the top quarter of its scale (bottom
//!   quarter for reversed items) is a strength, in the bottom quarter an
//!   area to work on. Unanswered items are never counted. Sorted by place on
//!   the scale; ties keep the order of the check-ins given, then of the
//!   items; at most `MAX_ANSWERS` per side, the rest counted.
//! - Validated questionnaires add only a decline their file's sourced
//!   change rule calls reliable (never a total against a cutoff).
//! - Reflective questionnaires (no cutoffs) add their dimension scores: the
//!   highest and the lowest dimension of the check-in when they differ
//!   (ties: every dimension with that value), and a score that fell at each
//!   of the last two check-ins (the plain numbers).
//! - The network: supportive people and groups the person is close to or
//!   often in touch with, places and services they use; gaps in their own
//!   answers (no supportive person, no role model, places near them they
//!   do not use, unsupportive entries they see weekly).

use crate::instrument::change::Verdict;
use crate::instrument::{AnswerValue, Answers, Instrument, Kind, Response};
use crate::network::{Contact, Entry, Kind as EntryKind, Support};
use crate::outcome::Outcome;

use super::model::{Dimension, Source, SourceKind};

/// At most this many answers per side.
pub const MAX_ANSWERS: usize = 3;
/// At most this many network strengths.
pub const MAX_NETWORK: usize = 3;

/// A strength, or an area the person may want to work on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Strength,
    Need,
}

/// One suggestion and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub side: Side,
    /// The dimension it belongs to, when its questionnaire says.
    pub dimension: Option<Dimension>,
    pub source: Source,
}

impl Suggestion {
    /// Where it comes from, in words.
    pub fn words(&self) -> &str {
        &self.source.words
    }
}

/// Both lists, and how many more answers were like those listed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    pub strengths: Vec<Suggestion>,
    pub needs: Vec<Suggestion>,
    pub more_strengths: usize,
    pub more_needs: usize,
}

impl Suggestions {
    pub fn is_empty(&self) -> bool {
        self.strengths.is_empty() && self.needs.is_empty()
    }

    /// Both sides, strengths first.
    pub fn all(&self) -> impl Iterator<Item = &Suggestion> {
        self.strengths.iter().chain(&self.needs)
    }
}

/// One questionnaire's latest check-in.
#[derive(Debug, Clone, Copy)]
pub struct Latest<'a> {
    pub instrument: &'a Instrument,
    pub session_id: &'a str,
    pub answers: &'a Answers,
    /// Its result model (scores, changes with their verdicts).
    pub outcome: &'a Outcome,
    /// The score values of its last three check-ins (this one last),
    /// aligned with the instrument's scores.
    pub recent: &'a [Vec<Option<f64>>],
}

struct Candidate {
    place: f64,
    order: (usize, usize),
    suggestion: Suggestion,
}

/// The suggestions from the latest check-ins (in the order given) and the
/// latest network review's entries.
pub fn suggest(latest: &[Latest<'_>], network: &[Entry]) -> Suggestions {
    let mut up = Vec::new();
    let mut down = Vec::new();
    for (n, l) in latest.iter().enumerate() {
        answers(n, l, &mut up, &mut down);
    }
    up.sort_by(|a, b| b.place.total_cmp(&a.place).then(a.order.cmp(&b.order)));
    down.sort_by(|a, b| a.place.total_cmp(&b.place).then(a.order.cmp(&b.order)));
    let mut out = Suggestions {
        more_strengths: up.len().saturating_sub(MAX_ANSWERS),
        more_needs: down.len().saturating_sub(MAX_ANSWERS),
        ..Suggestions::default()
    };
    out.strengths
        .extend(up.into_iter().take(MAX_ANSWERS).map(|c| c.suggestion));
    out.needs
        .extend(down.into_iter().take(MAX_ANSWERS).map(|c| c.suggestion));
    for l in latest {
        scores(l, &mut out);
    }
    network_suggestions(network, &mut out);
    out
}

/// The words for one answer: "BARC-10 item 5: I get lots of support from
/// friends — Disagree".
pub fn answer_words(instrument: &Instrument, index: usize, label: &str) -> String {
    let text = instrument.items.get(index).map_or("", |i| i.text.as_str());
    format!(
        "{} item {}: {} — {}",
        instrument.short_title,
        index + 1,
        text,
        label
    )
}

fn answers(n: usize, l: &Latest<'_>, up: &mut Vec<Candidate>, down: &mut Vec<Candidate>) {
    for (k, item) in l.instrument.items.iter().enumerate() {
        let Response::Choice { options, .. } = &item.response else {
            continue;
        };
        let Some(AnswerValue::Number(value)) = l.answers.get(&item.id) else {
            continue;
        };
        let (Some(min), Some(max)) = (
            options.iter().map(|o| o.value).min(),
            options.iter().map(|o| o.value).max(),
        ) else {
            continue;
        };
        if max <= min {
            continue;
        }
        let mut place = (*value - min) as f64 / (max - min) as f64;
        if item.reverse {
            place = 1.0 - place;
        }
        let label = options
            .iter()
            .find(|o| o.value == *value)
            .map_or_else(|| value.to_string(), |o| o.label.clone());
        let side = if place >= 0.75 {
            Side::Strength
        } else if place <= 0.25 {
            Side::Need
        } else {
            continue;
        };
        let suggestion = Suggestion {
            side,
            dimension: Dimension::of_domains(&item.domains),
            source: Source {
                kind: SourceKind::Item,
                questionnaire_id: Some(l.instrument.id.clone()),
                item_id: Some(item.id.clone()),
                score_id: None,
                session_id: Some(l.session_id.to_string()),
                entry_id: None,
                words: answer_words(l.instrument, k, &label),
            },
        };
        let c = Candidate {
            place,
            order: (n, k),
            suggestion,
        };
        match side {
            Side::Strength => up.push(c),
            Side::Need => down.push(c),
        }
    }
}

/// The dimension a score stands for: its id, or the one dimension all its
/// items share.
fn score_dimension(instrument: &Instrument, score: usize) -> Option<Dimension> {
    let def = instrument.scores.get(score)?;
    if let Some(d) = Dimension::parse(&def.id) {
        return Some(d);
    }
    let mut found = None;
    for id in &def.items {
        let d = Dimension::of_domains(&instrument.item(id)?.domains)?;
        if found.is_some_and(|f| f != d) {
            return None;
        }
        found = Some(d);
    }
    found
}

fn number(value: f64, decimals: u32) -> String {
    format!("{value:.prec$}", prec = decimals as usize)
}

fn score_source(l: &Latest<'_>, score_id: &str, words: String) -> Source {
    Source {
        kind: SourceKind::Score,
        questionnaire_id: Some(l.instrument.id.clone()),
        item_id: None,
        score_id: Some(score_id.to_string()),
        session_id: Some(l.session_id.to_string()),
        entry_id: None,
        words,
    }
}

fn scores(l: &Latest<'_>, out: &mut Suggestions) {
    let title = &l.instrument.short_title;
    match l.instrument.kind {
        Kind::Validated => {
            // Only a decline the file's sourced rule calls reliable.
            for s in &l.outcome.scores {
                let Some(since) = &s.since_previous else {
                    continue;
                };
                if since.verdict == Some(Verdict::ReliableDecline)
                    && let Some(value) = s.value
                {
                    let k = l.instrument.scores.iter().position(|d| d.id == s.id);
                    out.needs.push(Suggestion {
                        side: Side::Need,
                        dimension: k.and_then(|k| score_dimension(l.instrument, k)),
                        source: score_source(
                            l,
                            &s.id,
                            format!(
                                "{title}, {}: {} since the check-in before, from {} (a reliable decline by its published rule)",
                                s.label,
                                number(value, s.decimals),
                                number(since.from, s.decimals)
                            ),
                        ),
                    });
                }
            }
        }
        Kind::Reflective => {
            let dims: Vec<(usize, Dimension, f64)> = l
                .outcome
                .scores
                .iter()
                .enumerate()
                .filter_map(|(k, s)| Some((k, score_dimension(l.instrument, k)?, s.value?)))
                .collect();
            let high = dims.iter().map(|d| d.2).fold(f64::NEG_INFINITY, f64::max);
            let low = dims.iter().map(|d| d.2).fold(f64::INFINITY, f64::min);
            if dims.len() >= 2 && high > low {
                for (side, value, which) in [
                    (Side::Strength, high, "highest"),
                    (Side::Need, low, "lowest"),
                ] {
                    for (k, d, v) in dims.iter().filter(|x| x.2 == value) {
                        let s = &l.outcome.scores[*k];
                        let words = format!(
                            "{title}, {}: {} of {} ({which} of its dimensions this time)",
                            s.label,
                            number(*v, s.decimals),
                            number(s.max, 0)
                        );
                        let suggestion = Suggestion {
                            side,
                            dimension: Some(*d),
                            source: score_source(l, &s.id, words),
                        };
                        match side {
                            Side::Strength => out.strengths.push(suggestion),
                            Side::Need => out.needs.push(suggestion),
                        }
                    }
                }
            }
            // Fell at each of the last two check-ins.
            for (k, s) in l.outcome.scores.iter().enumerate() {
                let values: Vec<f64> = l
                    .recent
                    .iter()
                    .filter_map(|r| r.get(k).copied().flatten())
                    .collect();
                if l.recent.len() < 3 || values.len() < 3 {
                    continue;
                }
                let last3 = &values[values.len() - 3..];
                let worse = |a: f64, b: f64| {
                    if s.higher_is_better { b < a } else { b > a }
                };
                if worse(last3[0], last3[1]) && worse(last3[1], last3[2]) {
                    out.needs.push(Suggestion {
                        side: Side::Need,
                        dimension: score_dimension(l.instrument, k),
                        source: score_source(
                            l,
                            &s.id,
                            format!(
                                "{title}, {}: {}, {}, {} over the last three check-ins",
                                s.label,
                                number(last3[0], s.decimals),
                                number(last3[1], s.decimals),
                                number(last3[2], s.decimals)
                            ),
                        ),
                    });
                }
            }
        }
    }
}

fn network_source(entry: Option<&Entry>, words: String) -> Source {
    Source {
        kind: SourceKind::Network,
        questionnaire_id: None,
        item_id: None,
        score_id: None,
        session_id: None,
        entry_id: entry.map(|e| e.id.clone()),
        words,
    }
}

fn network_suggestions(entries: &[Entry], out: &mut Suggestions) {
    if entries.is_empty() {
        return;
    }
    let mut strengths: Vec<(u8, &Entry, String)> = Vec::new();
    for e in entries.iter().filter(|e| e.support == Support::Supportive) {
        let mut why = Vec::new();
        let mut weight = 0;
        if let Some(c) = e.closeness.filter(|c| *c >= 4) {
            why.push(format!("close {c} of 5"));
            weight += c;
        }
        if let Some(b) = e.belonging.filter(|b| *b >= 4) {
            why.push(format!("you feel part of it {b} of 5"));
            weight += b;
        }
        if e.contact == Some(Contact::Weekly) {
            why.push("in touch weekly".into());
            weight += 3;
        }
        if e.kind.is_social() && e.role_model {
            why.push("a role model".into());
            weight += 2;
        }
        if e.kind == EntryKind::Place && e.uses {
            why.push("you use it".into());
            weight += 3;
        }
        if !why.is_empty() {
            strengths.push((
                weight,
                e,
                format!(
                    "Recovery network: {} ({}), supports your goals, {}",
                    e.name,
                    e.kind.words(),
                    why.join(", ")
                ),
            ));
        }
    }
    strengths.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (_, e, words) in strengths.into_iter().take(MAX_NETWORK) {
        out.strengths.push(Suggestion {
            side: Side::Strength,
            dimension: e.kind.is_social().then_some(Dimension::Community),
            source: network_source(Some(e), words),
        });
    }
    let m = crate::network::measures(entries);
    let social = |e: &&Entry| e.kind.is_social();
    let mut gap = |dimension: Option<Dimension>, entry: Option<&Entry>, words: String| {
        out.needs.push(Suggestion {
            side: Side::Need,
            dimension,
            source: network_source(entry, words),
        });
    };
    if !entries
        .iter()
        .filter(social)
        .any(|e| e.support == Support::Supportive)
    {
        gap(
            Some(Dimension::Community),
            None,
            "Recovery network: no person or group listed yet as supporting your goals".into(),
        );
    }
    if m.role_models == 0 && entries.iter().any(|e| e.kind.is_social()) {
        gap(
            Some(Dimension::Community),
            None,
            "Recovery network: no one listed yet as an example of the life you want".into(),
        );
    }
    let unused = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Place && e.available && !e.uses)
        .count();
    if unused > 0 {
        gap(
            None,
            None,
            format!(
                "Recovery network: {} near you that you do not use",
                crate::strings::count(unused, "place or service", "places and services")
            ),
        );
    }
    for e in entries
        .iter()
        .filter(social)
        .filter(|e| e.support == Support::Unsupportive && e.contact == Some(Contact::Weekly))
    {
        gap(
            Some(Dimension::Community),
            Some(e),
            format!(
                "Recovery network: {} ({}), in touch weekly; you said time with it does not support your goals",
                e.name,
                e.kind.words()
            ),
        );
    }
}
