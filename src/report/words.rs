//! The report's wording (headings, labels, sentences), shared by the Markdown and HTML writers.

use crate::instrument::model::ChangeRule;
use crate::outcome::Trigger;

/// The document title.
pub const TITLE: &str = "Recovery check-in report";

pub fn html_title(profile: &str) -> String {
    format!("recap report: {profile}")
}

pub const PROFILE: &str = "Profile";
pub const CLIENT_ID: &str = "Client id";
pub const PROGRAM: &str = "Program";
pub const COUNSELOR: &str = "Counselor";

/// The one-page summary's title.
pub const SUMMARY_TITLE: &str = "Recovery check-in summary";

/// The summary's scores heading for one questionnaire.
pub fn summary_section(title: &str, latest: &str) -> String {
    format!("{title} (latest check-in {latest})")
}

/// One score in the summary: value, band and what it means.
pub fn summary_score(
    label: &str,
    value: &str,
    band: Option<&str>,
    meaning: Option<&str>,
) -> String {
    match (band, meaning.map(str::trim).filter(|m| !m.is_empty())) {
        (Some(b), Some(m)) => format!("{label}: {value} ({b}). {m}"),
        (Some(b), None) => format!("{label}: {value} ({b})."),
        _ => format!("{label}: {value}."),
    }
}

/// The change part of a score in the summary.
pub fn summary_change(previous: Option<&str>, first: Option<&str>) -> Option<String> {
    match (previous, first) {
        (Some(p), Some(f)) => Some(format!(
            "Change: {p} since the check-in before, {f} since the first in this period."
        )),
        (Some(p), None) => Some(format!("Change: {p} since the check-in before.")),
        (None, Some(f)) => Some(format!("Change: {f} since the first in this period.")),
        (None, None) => None,
    }
}

/// A support message in the summary, said once with how often it came.
pub fn summary_fired(times: usize, last: &str) -> String {
    if times == 1 {
        format!("Shown on {last}.")
    } else {
        format!("Shown at {times} check-ins, the last on {last}.")
    }
}

pub const SHARED_NOTES: &str = "Notes";

/// The signature line and the name under it.
pub const SIGNATURE: &str = "Signature";
pub const SIGNED_ON: &str = "Date";

/// A note's marks in a report: private (only with --with-private-notes),
/// and its author.
pub fn note_marks(private: bool, author: Option<&str>) -> Option<String> {
    match (private, author) {
        (true, Some(a)) => Some(format!("private note by {a}")),
        (true, None) => Some("private note".to_string()),
        (false, Some(a)) => Some(format!("by {a}")),
        (false, None) => None,
    }
}
pub const PERIOD: &str = "Period";
pub const WRITTEN: &str = "Written";
pub const CHECK_INS: &str = "Check-ins";

/// The period line: from a chosen day, or all check-ins; with the span of
/// check-ins found.
pub fn period(since: Option<&str>, first: Option<&str>, last: Option<&str>) -> String {
    let span = match (first, last) {
        (Some(f), Some(l)) if f == l => format!("check-ins on {f}"),
        (Some(f), Some(l)) => format!("check-ins from {f} to {l}"),
        _ => "no check-ins".to_string(),
    };
    match since {
        Some(s) => format!("From {s} on; {span}"),
        None => format!("All time; {span}"),
    }
}

pub const PRIVATE: &str = "This report holds personal health information. Please keep it private and share it only with people you choose.";

/// The heading of the support messages that fired in the period.
pub const SUPPORT_MESSAGES: &str = "Support messages in this period";

pub const SUPPORT_MESSAGES_INTRO: &str = "These messages were shown after the check-ins below, because of the answer or score named with each.";

/// "3 Nov 2026, WHO-5"
pub fn fired_at(date: &str, questionnaire: &str) -> String {
    format!("{date}, {questionnaire}")
}

/// What made a support message appear.
pub fn trigger(t: &Trigger) -> String {
    match t {
        Trigger::Item {
            text, label, value, ..
        } => {
            if *label == value.to_string() {
                format!("Because of the answer to “{text}”: {label}.")
            } else {
                format!("Because of the answer to “{text}”: {label} ({value}).")
            }
        }
        Trigger::Score { label, value, .. } => {
            format!("Because of the {label} score: {value}.")
        }
    }
}

pub const NOTHING_YET: &str = "There are no completed check-ins in this period. Once some are done, their scores, charts and answers will appear here.";

/// "3 check-ins in this period; the latest on 3 Nov 2026."
pub fn section_intro(count: usize, latest: &str) -> String {
    if count == 1 {
        format!("1 check-in in this period, on {latest}.")
    } else {
        format!("{count} check-ins in this period; the latest on {latest}.")
    }
}

/// When the sessions in the period used more than one version of the questionnaire.
pub fn versions_used(versions: &[String]) -> String {
    format!(
        "Versions of this questionnaire used: {}. Scores are shown with the latest version's definitions.",
        crate::strings::join_and(versions)
    )
}

pub const SCORES: &str = "Scores";
pub const SCORE: &str = "Score";
pub const LATEST: &str = "Latest";
pub const BAND: &str = "Band";
pub const SINCE_PREVIOUS: &str = "Since the previous check-in";
pub const SINCE_FIRST: &str = "Since the first check-in in this period";
/// An empty cell (no band, no earlier value).
pub const NONE: &str = "–";

/// A score that could not be worked out for the latest check-in.
pub fn not_scored(missing: usize) -> String {
    format!(
        "not scored ({} missing)",
        crate::strings::count(missing, "answer", "answers")
    )
}

/// "+8 (no reliable change)" or "+8".
pub fn change_cell(diff: &str, verdict: Option<&str>) -> String {
    match verdict {
        Some(v) => format!("{diff} ({v})"),
        None => diff.to_string(),
    }
}

/// The date a change is measured from, shown under the difference.
pub fn change_from(date: &str) -> String {
    format!("from {date}")
}

/// A band and what it means: "Well-being, Above 50: meaning".
pub fn band_line(score: &str, band: &str, meaning: Option<&str>) -> String {
    match meaning.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) if m.starts_with(band.trim()) => format!("{score}: {m}"),
        Some(m) => format!("{score}, {band}: {m}"),
        None => format!("{score}, {band}"),
    }
}

/// Where a band's numbers come from.
pub fn source(source: &str) -> String {
    format!("Source: {}", source.trim())
}

/// When no score of a questionnaire has a sourced change figure.
pub const NO_CHANGE_RULE: &str = "No published reliable-change figure exists for this questionnaire's scores, so only the plain differences are shown.";

/// How a score's change is judged, with the source of its figure.
pub fn change_rule(label: &str, rule: Option<&ChangeRule>) -> String {
    match rule {
        Some(ChangeRule::Mdc { mdc, source }) => format!(
            "{label}: a change of at least {mdc} points counts as reliable (minimal detectable change). Source: {}",
            source.trim()
        ),
        Some(ChangeRule::Reliability {
            reliability,
            sd,
            source,
        }) => format!(
            "{label}: reliable change by the Jacobson and Truax index (|RCI| above 1.96) with reliability {reliability} and SD {sd}. Source: {}",
            source.trim()
        ),
        None => format!(
            "{label}: no published reliable-change figure, so only the plain difference is shown."
        ),
    }
}

pub const OVER_TIME: &str = "Scores over time";
pub const DATE: &str = "Date";
pub const WITH_COUNSELOR: &str = "With counselor";
pub const YES: &str = "yes";
pub const NOT_SCORED_CELL: &str = "not scored";

/// The caption under a chart.
pub fn chart_caption(
    labels: &[String],
    min: &str,
    max: &str,
    has_cutoffs: bool,
    has_gaps: bool,
) -> String {
    let what = crate::strings::join_and(labels);
    let mut text = format!("{what} over time (possible range {min} to {max}).");
    if labels.len() > 1 {
        text.push_str(" Each line has its own colour, dash pattern and marker shape.");
    }
    if has_cutoffs {
        text.push_str(
            " Dashed grey lines mark the published band edges, labelled on the axis; each band is named beside the chart.",
        );
    }
    if has_gaps {
        text.push_str(" Check-ins that could not be scored are left out of the lines.");
    }
    text
}

/// The chart's text alternative.
pub fn chart_alt(title: &str, points: usize) -> String {
    format!(
        "Chart of {title} over time, {}. The same values are in the table below.",
        crate::strings::count(points, "check-in", "check-ins")
    )
}

/// "Answers on 3 Nov 2026"
pub fn latest_answers(date: &str) -> String {
    format!("Answers at the latest check-in ({date})")
}

pub const NUMBER: &str = "#";
pub const QUESTION: &str = "Question";
pub const ANSWER: &str = "Answer";
pub const VALUE: &str = "Value";

pub const ABOUT: &str = "About this questionnaire";
pub const CITATION: &str = "Citation";
pub const TERMS: &str = "Terms of use";
pub const PLEASE_NOTE: &str = "Please note";

pub const NOTES: &str = "Notes";
pub const NO_NOTES: &str = "No notes were written in this period.";

/// The heading of one note.
pub fn note_heading(date: &str, edited: Option<&str>) -> String {
    match edited {
        Some(e) => format!("{date} (edited {e})"),
        None => date.to_string(),
    }
}

/// What a note is about, when it belongs to a check-in.
pub fn note_about(title: &str, date: &str) -> String {
    format!("About the {title} check-in of {date}")
}

/// The footer line.
pub fn footer(version: &str) -> String {
    format!(
        "Written by recap {version}. Every score is computed from the stored answers with the questionnaire text they were given with."
    )
}

/// `recap report` before anything is stored.
pub fn no_database(path: &str) -> String {
    format!("Nothing to report yet: there is no data at {path}. No file was written.")
}

/// Printed after a report file is written.
pub fn written_to(path: &str) -> String {
    format!("Report written to {path} (readable only by you).")
}
