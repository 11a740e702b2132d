//! The one-page summary to hand over (`report --summary`): the header
//! (profile, client id, program, counselor), any support message of the
//! period once with how often it came and the contacts, each
//! questionnaire's latest scores with what their band means and their
//! change, the notes included, and the signature line. Markdown and HTML.

use std::fmt::Write as _;

use super::{FiredMessage, Report, html, markdown, words};
use crate::instrument::score::format_value;
use crate::outcome::text::change_phrase;
use crate::strings;

/// A score's line (value, band, meaning) and its change, if any.
type ScoreLine = (String, Option<String>);

/// Per questionnaire: its heading and one line per score.
fn score_lines(report: &Report) -> Vec<(String, Vec<ScoreLine>)> {
    report
        .questionnaires
        .iter()
        .map(|q| {
            let latest = q
                .sessions
                .last()
                .map(|s| report.date(s.lived()))
                .unwrap_or_default();
            let lines = q
                .scores
                .iter()
                .map(|s| {
                    let value = s.latest.value.map_or_else(
                        || words::not_scored(s.latest.coverage.map_or(0, |c| c.missing)),
                        |v| format_value(v, s.decimals),
                    );
                    let band = s.latest.band.as_ref();
                    let line = words::summary_score(
                        &s.label,
                        &value,
                        band.map(|b| b.label.as_str()),
                        band.and_then(|b| b.meaning.as_deref()),
                    );
                    let first = s.latest.since_first.as_ref().filter(|f| {
                        s.latest
                            .since_previous
                            .as_ref()
                            .is_none_or(|p| p.session_id != f.session_id)
                    });
                    let change = words::summary_change(
                        s.latest
                            .since_previous
                            .as_ref()
                            .map(|p| change_phrase(Some(p), s.decimals))
                            .as_deref(),
                        first.map(|f| change_phrase(Some(f), s.decimals)).as_deref(),
                    );
                    (line, change)
                })
                .collect();
            (words::summary_section(&q.title, &latest), lines)
        })
        .collect()
}

/// Each support message once (by questionnaire and text), with how many
/// check-ins it came at and the last one, in order of first appearance.
fn fired_once(report: &Report) -> Vec<(&FiredMessage, usize, String)> {
    let mut out: Vec<(&FiredMessage, usize, String)> = Vec::new();
    for m in &report.support_messages {
        let date = report.date(m.completed_at);
        match out.iter_mut().find(|(seen, _, _)| {
            seen.questionnaire == m.questionnaire && seen.safety.message == m.safety.message
        }) {
            Some((_, times, last)) => {
                *times += 1;
                *last = date;
            }
            None => out.push((m, 1, date)),
        }
    }
    out
}

/// The summary as Markdown.
pub fn markdown(report: &Report) -> String {
    use markdown::escape_inline as esc;
    let mut out = String::with_capacity(4 * 1024);
    let _ = writeln!(out, "# {}\n", esc(words::SUMMARY_TITLE));
    markdown::meta(
        &mut out,
        report,
        &[
            (words::PERIOD, report.period()),
            (words::WRITTEN, report.written_date()),
        ],
    );
    let _ = writeln!(out, "\n{}\n", markdown::quote(words::PRIVATE));
    let fired = fired_once(report);
    if !fired.is_empty() {
        let _ = writeln!(out, "## {}\n", esc(words::SUPPORT_MESSAGES));
        for (m, times, last) in &fired {
            let _ = writeln!(
                out,
                "- **{}:** {} *{}*",
                esc(&m.questionnaire),
                esc(&m.safety.message),
                esc(&words::summary_fired(*times, last))
            );
        }
        let _ = writeln!(out, "\n{}\n", esc(strings::SUPPORT_HEADING));
        for c in &report.contacts.contacts {
            let _ = writeln!(out, "- **{}:** {}", esc(&c.name), esc(&c.detail));
        }
        out.push('\n');
    }
    if report.questionnaires.is_empty() {
        let _ = writeln!(out, "{}\n", esc(words::NOTHING_YET));
    }
    for (heading, lines) in score_lines(report) {
        let _ = writeln!(out, "## {}\n", esc(&heading));
        for (line, change) in lines {
            match change {
                Some(c) => {
                    let _ = writeln!(out, "- {} {}", esc(&line), esc(&c));
                }
                None => {
                    let _ = writeln!(out, "- {}", esc(&line));
                }
            }
        }
        out.push('\n');
    }
    if !report.notes.is_empty() {
        let _ = writeln!(out, "## {}\n", esc(words::SHARED_NOTES));
        markdown::notes(&mut out, report, "###");
    }
    markdown::signature(&mut out, report);
    let _ = writeln!(
        out,
        "---\n\n{}",
        esc(&words::footer(env!("CARGO_PKG_VERSION")))
    );
    out
}

/// The summary as one self-contained HTML page.
pub fn html(report: &Report) -> String {
    use html::escape;
    let mut out = String::with_capacity(8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"color-scheme\" content=\"light\"/>\n",
    );
    let _ = write!(
        out,
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(&words::html_title(&report.profile)),
        html::STYLE
    );
    let _ = write!(out, "<header><h1>{}</h1>", escape(words::SUMMARY_TITLE));
    html::meta(
        &mut out,
        report,
        &[
            (words::PERIOD, report.period()),
            (words::WRITTEN, report.written_date()),
        ],
    );
    let _ = write!(
        out,
        r#"<p class="private">{}</p></header>"#,
        escape(words::PRIVATE)
    );
    out.push_str("\n<main>\n");
    let fired = fired_once(report);
    if !fired.is_empty() {
        let _ = write!(
            out,
            r#"<section class="support" id="support"><h2>{}</h2><ul>"#,
            escape(words::SUPPORT_MESSAGES)
        );
        for (m, times, last) in &fired {
            let _ = write!(
                out,
                "<li><strong>{}:</strong> {}<small>{}</small></li>",
                escape(&m.questionnaire),
                escape(&m.safety.message),
                escape(&words::summary_fired(*times, last))
            );
        }
        let _ = write!(out, "</ul><p>{}</p><ul>", escape(strings::SUPPORT_HEADING));
        for c in &report.contacts.contacts {
            let _ = write!(
                out,
                "<li><strong>{}:</strong> {}</li>",
                escape(&c.name),
                escape(&c.detail)
            );
        }
        out.push_str("</ul></section>\n");
    }
    if report.questionnaires.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(words::NOTHING_YET));
    }
    for (heading, lines) in score_lines(report) {
        let _ = write!(
            out,
            r#"<section class="questionnaire"><h2>{}</h2><ul class="explain">"#,
            escape(&heading)
        );
        for (line, change) in lines {
            let _ = write!(out, "<li>{}", escape(&line));
            if let Some(c) = change {
                let _ = write!(out, "<small>{}</small>", escape(&c));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></section>\n");
    }
    if !report.notes.is_empty() {
        let _ = write!(
            out,
            r#"<section class="notes" id="notes"><h2>{}</h2>"#,
            escape(words::SHARED_NOTES)
        );
        html::note_articles(&mut out, report);
        out.push_str("</section>");
    }
    html::signature(&mut out, report);
    let _ = write!(
        out,
        "\n</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&words::footer(env!("CARGO_PKG_VERSION")))
    );
    out
}
