//! The report's corrections: every amended answer of the period's check-ins
//! ("amended 3 Dec 2026: was 4, reason: typo"), in a section of its own
//! after the questionnaires, written only when there is one.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::Report;
use crate::instrument::{AnswerValue, Instrument};
use crate::store::{Amendment, Profile, Store, StoreError, StoreResult};

pub const HEADING: &str = "Corrections";
pub const INTRO: &str = "Answers changed after their check-in was completed. The scores above use the corrected answers.";

/// One amended answer, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The questionnaire's short title.
    pub questionnaire: String,
    /// When the check-in was completed.
    pub check_in: DateTime<Utc>,
    /// The question's number and text.
    pub question: (usize, String),
    /// The answer before and after, in words.
    pub was: String,
    pub now: String,
    pub amended_at: DateTime<Utc>,
    pub reason: String,
}

/// How a stored answer is shown: "4 (Most of the time)", text in quotes,
/// or "no answer".
fn shown(instrument: &Instrument, item_id: &str, value: Option<&AnswerValue>) -> String {
    match value {
        None => "no answer".into(),
        Some(AnswerValue::Text(t)) => format!("\u{201c}{t}\u{201d}"),
        Some(AnswerValue::Number(n)) => match instrument.item(item_id).map(|i| i.label_for(*n)) {
            Some(label) if label != n.to_string() => format!("{n} ({label})"),
            _ => n.to_string(),
        },
    }
}

/// A correction from an amendment, with the questionnaire of its check-in.
pub fn correction(instrument: &Instrument, check_in: DateTime<Utc>, a: &Amendment) -> Correction {
    let question = instrument
        .item_index(&a.item_id)
        .map_or((0, a.item_id.clone()), |i| {
            (i + 1, instrument.items[i].text.clone())
        });
    Correction {
        questionnaire: instrument.short_title.clone(),
        check_in,
        question,
        was: shown(instrument, &a.item_id, a.was.as_ref()),
        now: shown(instrument, &a.item_id, a.now.as_ref()),
        amended_at: a.amended_at,
        reason: a.reason.clone(),
    }
}

/// The corrections of a profile's check-ins completed since `since`, oldest first.
pub fn build(
    store: &Store,
    profile: &Profile,
    since: Option<DateTime<Utc>>,
) -> StoreResult<Vec<Correction>> {
    let mut out = Vec::new();
    for a in store.profile_amendments(profile.id, since)? {
        let session = store.session(&a.session_id)?.ok_or_else(|| {
            StoreError::Snapshot(format!("session {} could not be read", a.session_id))
        })?;
        let instrument = store.snapshot_instrument(&session.snapshot_hash)?;
        out.push(correction(&instrument, session.when(), &a));
    }
    Ok(out)
}

/// "WHO-5 of 2 Dec 2026, question 3: amended 3 Dec 2026: was 4 (…), now 2 (…), reason: typo"
pub fn line(c: &Correction, report: &Report) -> String {
    format!(
        "{} of {}, question {} ({}): amended {}: was {}, now {}, reason: {}",
        c.questionnaire,
        report.date(c.check_in),
        c.question.0,
        c.question.1,
        report.date(c.amended_at),
        c.was,
        c.now,
        c.reason.trim()
    )
}

/// The Markdown section (nothing when there are no corrections).
pub fn markdown(out: &mut String, report: &Report) {
    use super::markdown::escape_inline;
    if report.corrections.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        escape_inline(HEADING),
        escape_inline(INTRO)
    );
    for c in &report.corrections {
        let _ = writeln!(out, "- {}", escape_inline(&line(c, report)));
    }
    out.push('\n');
}

/// The HTML section (nothing when there are no corrections).
pub fn html(out: &mut String, report: &Report) {
    use super::html::escape;
    if report.corrections.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<section class="corrections" id="corrections"><h2>{}</h2><p>{}</p><ul>"#,
        escape(HEADING),
        escape(INTRO)
    );
    for c in &report.corrections {
        let _ = write!(out, "<li>{}</li>", escape(&line(c, report)));
    }
    out.push_str("</ul></section>\n");
}
