//! The Markdown report: the same content as the HTML one, with tables of values in place of charts; user text is escaped so it shows as written.

use std::fmt::Write as _;

use super::{QuestionnaireReport, Report, ScoreReport, Shown, words};
use crate::instrument::score::format_value;
use crate::outcome::Since;
use crate::outcome::text::format_diff;
use crate::strings;
use crate::termtext;

/// Escapes text for one line of Markdown (also inside a table cell): every
/// character with a meaning gets a backslash, line breaks become spaces,
/// control characters and bidi overrides are made harmless as `termtext`
/// decides.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if termtext::is_control(c) => out.push(termtext::REPLACEMENT),
            c if termtext::is_bidi(c) => out.push_str(&escape_inline(&termtext::visible(c))),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a line that starts a block: also list and heading markers.
fn escape_line(line: &str) -> String {
    let escaped = escape_inline(line);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if escaped.starts_with(['-', '+', '=', '#']) {
        format!("\\{escaped}")
    } else if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// Text of several lines as a block quote, each line escaped.
pub(super) fn quote(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {}", escape_line(l))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The header's lines: profile, client id, program and counselor (from
/// config.toml), then `rest`.
pub(super) fn meta(out: &mut String, report: &Report, rest: &[(&str, String)]) {
    let mut lines: Vec<(&str, String)> = vec![(words::PROFILE, report.profile.clone())];
    if let Some(id) = &report.client_id {
        lines.push((words::CLIENT_ID, id.clone()));
    }
    if let Some(p) = &report.handover.program {
        lines.push((words::PROGRAM, p.clone()));
    }
    if let Some(c) = &report.handover.counselor {
        lines.push((words::COUNSELOR, c.clone()));
    }
    lines.extend(rest.iter().cloned());
    for (label, value) in lines {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            escape_inline(label),
            escape_inline(&value)
        );
    }
}

/// The notes, each with its date, marks and what it is about.
pub(super) fn notes(out: &mut String, report: &Report, level: &str) {
    for note in &report.notes {
        let created = report.date(note.created_at);
        let updated = report.date(note.updated_at);
        let edited = (updated != created).then_some(updated.as_str());
        let _ = writeln!(
            out,
            "{level} {}\n",
            escape_inline(&words::note_heading(&created, edited))
        );
        let mut lines = Vec::new();
        if let Some(marks) = words::note_marks(
            note.visibility == crate::store::Visibility::Private,
            note.author.as_deref(),
        ) {
            lines.push(marks);
        }
        if let Some((title, at)) = &note.about {
            lines.push(words::note_about(title, &report.date(*at)));
        }
        if !lines.is_empty() {
            let _ = writeln!(out, "*{}*\n", escape_inline(&lines.join("; ")));
        }
        let _ = writeln!(out, "{}\n", quote(&note.body));
    }
}

/// A line to sign, with the counselor's name under it.
pub(super) fn signature(out: &mut String, report: &Report) {
    if !report.handover.signature {
        return;
    }
    let _ = writeln!(
        out,
        "{}: ______________________________    {}: ______________\n",
        escape_inline(words::SIGNATURE),
        escape_inline(words::SIGNED_ON)
    );
    if let Some(c) = &report.handover.counselor {
        let _ = writeln!(out, "{}\n", escape_inline(c));
    }
}

fn row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn change_cell(c: Option<&Since>, s: &ScoreReport, report: &Report) -> String {
    match c {
        Some(c) => escape_inline(&format!(
            "{}, {}",
            words::change_cell(
                &format_diff(c.diff, s.decimals),
                c.verdict.map(|v| v.words())
            ),
            words::change_from(&report.date(c.at))
        )),
        None => words::NONE.to_string(),
    }
}

/// The support messages that fired in the period, then the contacts in force.
fn support(out: &mut String, report: &Report) {
    if report.support_messages.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", escape_inline(words::SUPPORT_MESSAGES));
    let _ = writeln!(out, "{}\n", escape_inline(words::SUPPORT_MESSAGES_INTRO));
    for m in &report.support_messages {
        let _ = writeln!(
            out,
            "- **{}:** {} *{}*",
            escape_inline(&words::fired_at(
                &report.date(m.completed_at),
                &m.questionnaire
            )),
            escape_inline(&m.safety.message),
            escape_inline(&words::trigger(&m.safety.trigger))
        );
    }
    let _ = writeln!(out, "\n{}\n", escape_inline(strings::SUPPORT_HEADING));
    for c in &report.contacts.contacts {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            escape_inline(&c.name),
            escape_inline(&c.detail)
        );
    }
    out.push('\n');
    if report.contacts.built_in {
        let _ = writeln!(out, "{}\n", escape_inline(strings::CONTACTS_ELSEWHERE));
    }
}

fn questionnaire(out: &mut String, q: &QuestionnaireReport, report: &Report) {
    let _ = writeln!(out, "## {}\n", escape_inline(&q.title));
    if let Some(latest) = q.sessions.last() {
        let _ = writeln!(
            out,
            "{}\n",
            escape_inline(&words::section_intro(
                q.sessions.len(),
                &report.date(latest.lived())
            ))
        );
    }
    if q.versions.len() > 1 {
        let versions: Vec<String> = q.versions.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "{}\n", escape_inline(&words::versions_used(&versions)));
    }
    if !q.scores.is_empty() {
        let _ = writeln!(out, "### {}\n", escape_inline(words::SCORES));
        let _ = writeln!(
            out,
            "{}",
            row(&[
                escape_inline(words::SCORE),
                escape_inline(words::LATEST),
                escape_inline(words::BAND),
                escape_inline(words::SINCE_PREVIOUS),
                escape_inline(words::SINCE_FIRST),
            ])
        );
        let _ = writeln!(out, "|---|---:|---|---|---|");
        for s in &q.scores {
            let latest = match s.latest.value {
                Some(v) => format_value(v, s.decimals),
                None => words::not_scored(s.latest.coverage.map_or(0, |c| c.missing)),
            };
            let band = s
                .latest
                .band
                .as_ref()
                .map_or(words::NONE, |b| b.label.as_str());
            let _ = writeln!(
                out,
                "{}",
                row(&[
                    escape_inline(&s.label),
                    escape_inline(&latest),
                    escape_inline(band),
                    change_cell(s.latest.since_previous.as_ref(), s, report),
                    change_cell(s.latest.since_first.as_ref(), s, report),
                ])
            );
        }
        out.push('\n');
        for s in &q.scores {
            if let Some(b) = &s.latest.band {
                let _ = writeln!(
                    out,
                    "- {} {}",
                    escape_inline(&words::band_line(&s.label, &b.label, b.meaning.as_deref())),
                    escape_inline(&words::source(&b.source))
                );
            }
        }
        if q.scores.iter().all(|s| s.change_rule.is_none()) {
            let _ = writeln!(out, "- {}", escape_inline(words::NO_CHANGE_RULE));
        } else {
            for s in &q.scores {
                let _ = writeln!(
                    out,
                    "- {}",
                    escape_inline(&words::change_rule(&s.label, s.change_rule.as_ref()))
                );
            }
        }
        out.push('\n');

        let _ = writeln!(out, "### {}\n", escape_inline(words::OVER_TIME));
        let mut header = vec![escape_inline(words::DATE)];
        header.extend(q.scores.iter().map(|s| escape_inline(&s.label)));
        header.push(escape_inline(words::WITH_COUNSELOR));
        let _ = writeln!(out, "{}", row(&header));
        let _ = writeln!(out, "|---|{}---|", "---:|".repeat(q.scores.len()));
        for r in &q.sessions {
            let mut cells = vec![escape_inline(&report.date(r.lived()))];
            for (s, v) in q.scores.iter().zip(&r.values) {
                cells.push(v.map_or_else(
                    || words::NOT_SCORED_CELL.to_string(),
                    |v| format_value(v, s.decimals),
                ));
            }
            cells.push(if r.with_counselor {
                words::YES.to_string()
            } else {
                String::new()
            });
            let _ = writeln!(out, "{}", row(&cells));
        }
        out.push('\n');
    }

    if let Some(latest) = q.sessions.last() {
        let _ = writeln!(
            out,
            "### {}\n",
            escape_inline(&words::latest_answers(&report.date(latest.lived())))
        );
        let _ = writeln!(
            out,
            "{}",
            row(&[
                escape_inline(words::NUMBER),
                escape_inline(words::QUESTION),
                escape_inline(words::ANSWER),
                escape_inline(words::VALUE),
            ])
        );
        let _ = writeln!(out, "|---:|---|---|---:|");
        for a in &q.latest_answers {
            let (answer, value) = match &a.answer {
                Shown::Value { label, value } => (escape_inline(label), value.to_string()),
                Shown::Text(t) => (escape_inline(t), words::NONE.to_string()),
                Shown::Skipped => (escape_inline(strings::SKIPPED), words::NONE.to_string()),
            };
            let _ = writeln!(
                out,
                "{}",
                row(&[a.number.to_string(), escape_inline(&a.text), answer, value])
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "### {}\n", escape_inline(words::ABOUT));
    if let Some(notice) = &q.notice {
        let _ = writeln!(
            out,
            "**{}:** {}\n",
            escape_inline(words::PLEASE_NOTE),
            escape_inline(notice)
        );
    }
    for (label, text) in [(words::CITATION, &q.citation), (words::TERMS, &q.terms)] {
        if let Some(text) = text {
            let _ = writeln!(
                out,
                "**{}:** {}\n",
                escape_inline(label),
                escape_inline(text)
            );
        }
    }
}

/// The whole document, written section by section: a long history's
/// tables are never all held in memory at once.
pub fn write(report: &Report, sink: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(out, "# {}\n", escape_inline(words::TITLE));
    meta(
        &mut out,
        report,
        &[
            (words::PERIOD, report.period()),
            (words::WRITTEN, report.written_date()),
            (words::CHECK_INS, report.check_ins().to_string()),
        ],
    );
    let _ = writeln!(out, "\n{}\n", quote(words::PRIVATE));
    support(&mut out, report);
    if report.questionnaires.is_empty() {
        let _ = writeln!(out, "{}\n", escape_inline(words::NOTHING_YET));
    }
    flush(&mut out, sink)?;
    for q in &report.questionnaires {
        questionnaire(&mut out, q, report);
        flush(&mut out, sink)?;
    }
    super::corrections::markdown(&mut out, report);
    super::network::markdown(&mut out, report);
    super::plan::markdown(&mut out, report);
    let _ = writeln!(out, "## {}\n", escape_inline(words::NOTES));
    if report.notes.is_empty() {
        let _ = writeln!(out, "{}\n", escape_inline(words::NO_NOTES));
    }
    notes(&mut out, report, "###");
    signature(&mut out, report);
    let _ = writeln!(
        out,
        "---\n\n{}",
        escape_inline(&words::footer(env!("CARGO_PKG_VERSION")))
    );
    flush(&mut out, sink)
}

/// Writes what `out` holds and empties it (keeping its room).
pub(super) fn flush(out: &mut String, sink: &mut impl std::io::Write) -> std::io::Result<()> {
    sink.write_all(out.as_bytes())?;
    out.clear();
    Ok(())
}

/// The whole document as one text.
pub fn render(report: &Report) -> String {
    let mut bytes = Vec::new();
    // Writing into memory does not fail.
    let _ = write(report, &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_shows_as_written() {
        assert_eq!(
            escape_inline("<script>a|b</script> & *x*"),
            "\\<script\\>a\\|b\\</script\\> \\& \\*x\\*"
        );
        assert_eq!(quote("- one\n\n1. two"), "> \\- one\n>\n> 1\\. two");
    }
}
