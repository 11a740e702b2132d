//! An outcome as lines of text, each with what it is (heading, support
//! message, contact, score, detail, notice), so the TUI styles them by kind
//! and plain mode and `record` print them: support messages first, then the
//! contacts in force, then the scores, then the questionnaire's notice.

use super::model::{Outcome, ScoreOutcome, Since};
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

/// The support messages, each in full, then the contacts in force. Empty
/// when no message fired.
pub fn safety_lines(outcome: &Outcome) -> Vec<Line> {
    if outcome.safety.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for (n, s) in outcome.safety.iter().enumerate() {
        if n > 0 {
            lines.push(Line::blank());
        }
        lines.push(Line::new(Kind::Safety, s.message.clone()));
    }
    lines.push(Line::blank());
    lines.extend(
        strings::contact_lines(&outcome.support.contacts, outcome.support.built_in)
            .into_iter()
            .map(|t| Line::new(Kind::Support, t)),
    );
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
/// with the contacts, the scores, and the notice.
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
    lines
}
