//! An outcome as lines of text, each with what it is (heading, support
//! message, contact, score, detail, notice), so the TUI styles them by kind
//! and plain mode and `record` print them: support messages first, then the
//! contacts in force, then the scores, then the questionnaire's notice (and
//! the full text of a support message shown shortened because it fired at
//! the previous check-in too). Nothing about settings or config.toml is
//! ever among the support lines.

use super::model::{Outcome, SafetyMessage, ScoreOutcome, Since};
use crate::instrument::score::{format_value, round_to};
use crate::strings;

/// What a line is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    /// A support message that fired.
    Safety,
    /// The contacts heading, a contact, or the note about them.
    Support,
    /// A score's first line.
    Score,
    /// Band, source, coverage and change lines under a score.
    Detail,
    Notice,
    Blank,
}

/// One line of an outcome's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    pub text: String,
}

impl Line {
    fn new(kind: Kind, text: impl Into<String>) -> Line {
        Line {
            kind,
            text: text.into(),
        }
    }

    fn blank() -> Line {
        Line::new(Kind::Blank, "")
    }
}

/// A signed difference with the score's decimals: "+8", "-2.5", "0".
pub fn format_diff(diff: f64, decimals: u32) -> String {
    let rounded = round_to(diff, decimals);
    if rounded == 0.0 {
        format_value(0.0, decimals)
    } else if rounded > 0.0 {
        format!("+{}", format_value(rounded, decimals))
    } else {
        format_value(rounded, decimals)
    }
}

/// A value with the score's decimals, or "-".
pub fn value_text(value: Option<f64>, decimals: u32) -> String {
    value.map_or_else(|| "-".to_string(), |v| format_value(v, decimals))
}

/// A change as "+8" / "-2.5" / "0", or "-" when there is nothing to compare.
pub fn diff_text(since: Option<&Since>, decimals: u32) -> String {
    since.map_or_else(|| "-".to_string(), |c| format_diff(c.diff, decimals))
}

/// The verdict in words, or "" where the score has no change rule.
pub fn verdict_text(since: Option<&Since>) -> &'static str {
    since.and_then(|c| c.verdict).map_or("", |v| v.words())
}

/// "+24, reliable improvement" or "+3" (tables), "-" for nothing.
pub fn change_words(since: Option<&Since>, decimals: u32) -> String {
    match since {
        None => "-".to_string(),
        Some(c) => match c.verdict {
            Some(v) => format!("{}, {}", diff_text(Some(c), decimals), v.words()),
            None => diff_text(Some(c), decimals),
        },
    }
}

/// "+8 (no reliable change)" or "+8" (sentences), "-" for nothing.
pub fn change_phrase(since: Option<&Since>, decimals: u32) -> String {
    match since {
        None => "-".to_string(),
        Some(c) => match c.verdict {
            Some(v) => format!("{} ({})", diff_text(Some(c), decimals), v.words()),
            None => diff_text(Some(c), decimals),
        },
    }
}

/// The first sentence of a message (up to and with its ".", "?" or "!"
/// followed by a space), or all of it.
pub fn first_sentence(message: &str) -> &str {
    let text = message.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!')
            && chars.peek().is_some_and(|(_, next)| next.is_whitespace())
        {
            return &text[..i + c.len_utf8()];
        }
    }
    text
}

/// A support message as first shown: in full, or, when the same message
/// fired at the previous check-in too, its first sentence with a pointer to
/// the full text (`full_lines`).
pub fn shown_message(s: &SafetyMessage) -> String {
    let short = first_sentence(&s.message);
    if s.repeated && short.len() < s.message.trim().len() {
        format!("{short} {}", strings::REPEATED_MESSAGE)
    } else {
        s.message.trim().to_string()
    }
}

/// The support messages (a repeated one shortened), then the contacts in
/// force: what a crisis screen shows, with nothing about settings or
/// configuration. Empty when no message fired.
pub fn safety_lines(outcome: &Outcome) -> Vec<Line> {
    if outcome.safety.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for (n, s) in outcome.safety.iter().enumerate() {
        if n > 0 {
            lines.push(Line::blank());
        }
        lines.push(Line::new(Kind::Safety, shown_message(s)));
    }
    lines.push(Line::blank());
    lines.push(Line::new(Kind::Support, strings::SUPPORT_HEADING));
    lines.extend(
        outcome
            .support
            .contacts
            .iter()
            .map(|c| Line::new(Kind::Support, strings::contact_line(c))),
    );
    if outcome.support.built_in {
        lines.push(Line::new(Kind::Support, strings::CONTACTS_IN_THE_US));
    }
    lines
}

/// The full text of the support messages shown shortened (repeated ones),
/// after a blank line and a heading; empty when none was shortened.
pub fn full_lines(outcome: &Outcome) -> Vec<Line> {
    let shortened: Vec<&SafetyMessage> = outcome
        .safety
        .iter()
        .filter(|s| shown_message(s) != s.message.trim())
        .collect();
    if shortened.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::blank(),
        Line::new(Kind::Heading, strings::FULL_MESSAGES_HEADING),
    ];
    for s in shortened {
        lines.push(Line::new(Kind::Safety, s.message.trim().to_string()));
    }
    lines
}

fn change_line(label: &str, since: &Since, decimals: u32) -> Line {
    Line::new(
        Kind::Detail,
        strings::change_line(
            label,
            &format_diff(since.diff, decimals),
            since.verdict.map(|v| v.words()),
        ),
    )
}

/// One score: its value and range, band with meaning and source, how many
/// answers it rests on, and its changes.
pub fn one_score_lines(s: &ScoreOutcome) -> Vec<Line> {
    let Some(value) = s.value else {
        let text = if s.missing_parts.is_empty() {
            strings::not_scored(&s.label, s.coverage.map_or(0, |c| c.missing))
        } else {
            strings::not_scored_parts(&s.label, &s.missing_parts)
        };
        return vec![Line::new(Kind::Score, text)];
    };
    let mut lines = vec![Line::new(
        Kind::Score,
        strings::score_line(
            &s.label,
            &format_value(value, s.decimals),
            &format_value(s.min, s.decimals),
            &format_value(s.max, s.decimals),
        ),
    )];
    if let Some(band) = &s.band {
        lines.push(Line::new(
            Kind::Detail,
            strings::band_line(&band.label, band.meaning.as_deref()),
        ));
        lines.push(Line::new(Kind::Detail, strings::source_line(&band.source)));
    }
    if let Some(c) = s.coverage.filter(|c| c.missing > 0) {
        let total = c.answered + c.missing;
        lines.push(Line::new(
            Kind::Detail,
            if c.prorated {
                strings::estimated_from(c.answered, total)
            } else {
                strings::based_on(c.answered, total)
            },
        ));
    }
    if let Some(p) = &s.since_previous {
        lines.push(change_line(strings::SINCE_LAST, p, s.decimals));
    }
    // The first check-in's line only when it is not the previous one again.
    if let Some(f) = s.since_first.as_ref().filter(|f| {
        s.since_previous
            .as_ref()
            .is_none_or(|p| p.session_id != f.session_id)
    }) {
        lines.push(change_line(strings::SINCE_FIRST, f, s.decimals));
    }
    lines
}

/// Every score, or the line saying there are none.
pub fn score_lines(outcome: &Outcome) -> Vec<Line> {
    if outcome.scores.is_empty() {
        return vec![Line::new(Kind::Score, strings::NO_SCORES)];
    }
    outcome.scores.iter().flat_map(one_score_lines).collect()
}

/// The questionnaire's notice (a reflective check-in's always), after a blank line.
pub fn notice_lines(outcome: &Outcome) -> Vec<Line> {
    match &outcome.questionnaire.notice {
        Some(n) => vec![
            Line::blank(),
            Line::new(Kind::Notice, strings::notice_line(n)),
        ],
        None => Vec::new(),
    }
}

/// Everything shown after a check-in: the heading, any support messages
/// with the contacts, the scores, the notice, and the full text of any
/// support message shown shortened.
pub fn lines(outcome: &Outcome) -> Vec<Line> {
    let mut lines = vec![Line::new(
        Kind::Heading,
        strings::results_heading(&outcome.questionnaire.title),
    )];
    let safety = safety_lines(outcome);
    if !safety.is_empty() {
        lines.push(Line::blank());
        lines.extend(safety);
        lines.push(Line::blank());
    }
    lines.extend(score_lines(outcome));
    lines.extend(notice_lines(outcome));
    lines.extend(full_lines(outcome));
    lines
}
