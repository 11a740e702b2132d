//! The HTML report: one self-contained, XHTML-compatible file (inline CSS and SVG; no scripts, fonts or network) that prints well on A4 and Letter; every text is escaped.

use std::fmt::Write as _;

use super::markdown::flush;
use super::svg::{self, Chart, Series};
use super::{QuestionnaireReport, Report, ScoreReport, Shown, words};
use crate::instrument::score::format_value;
use crate::outcome::Since;
use crate::outcome::text::format_diff;
use crate::strings;
use crate::termtext;
use crate::trends::edges::RefLine;

/// Escapes text for HTML and XML content and quoted attributes. Control
/// characters (which XML does not allow) become U+FFFD and bidi overrides
/// are shown as `<U+202E>`, as `termtext` decides for the terminal.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if termtext::is_control(c) || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push(termtext::REPLACEMENT);
            }
            c if termtext::is_bidi(c) => out.push_str(&escape(&termtext::visible(c))),
            c => out.push(c),
        }
    }
    out
}

pub(super) const STYLE: &str = r#"
@page { size: auto; margin: 16mm 14mm; }
html { color: #1a1a1a; background: #ffffff; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 11pt; line-height: 1.45; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.6rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid #c9d1d9; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0.4rem 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 0.8rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.private { font-size: 0.92em; color: #444c56; border-left: 4px solid #8c959f; padding: 0.3rem 0.7rem; background: #f6f8fa; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 0.9rem; font-size: 0.95em; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #d8dee4; }
th { background: #f3f5f7; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td small, li small { display: block; color: #57606a; font-size: 0.85em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.own-words { white-space: pre-wrap; font-style: italic; }
figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 640px; }
figcaption { font-size: 0.9em; color: #444c56; margin-top: 0.3rem; }
ul.explain { font-size: 0.92em; color: #333a42; padding-left: 1.2rem; }
.about { font-size: 0.92em; }
.notice { border-left: 4px solid #b08800; background: #fff8e1; padding: 0.4rem 0.7rem; }
.support { border-left: 4px solid #b35900; background: #fff4e5; padding: 0.2rem 0.9rem 0.4rem; }
.support h2 { margin-top: 0.8rem; }
.note { break-inside: avoid; page-break-inside: avoid; border-left: 3px solid #c9d1d9; padding: 0 0 0 0.8rem; margin: 0.8rem 0; }
.note h3 { margin: 0; font-size: 1rem; }
.note .about-note { color: #57606a; font-size: 0.9em; margin: 0; }
.note .body { white-space: pre-wrap; margin: 0.2rem 0 0; }
.signature { margin-top: 2.5rem; break-inside: avoid; page-break-inside: avoid; }
.signature .line { display: inline-block; min-width: 16rem; border-bottom: 1px solid #1a1a1a; margin: 0 1.5rem 0 0.4rem; }
.signature .date { display: inline-block; min-width: 7rem; border-bottom: 1px solid #1a1a1a; margin-left: 0.4rem; }
footer { margin-top: 2.5rem; font-size: 0.85em; color: #57606a; border-top: 1px solid #d8dee4; padding-top: 0.5rem; }
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { margin-top: 1.4rem; }
  figure.chart svg { max-width: 100%; max-height: 110mm; }
}
"#;

fn cell_change(c: Option<&Since>, s: &ScoreReport, report: &Report) -> String {
    match c {
        Some(c) => format!(
            "{}<small>{}</small>",
            escape(&words::change_cell(
                &format_diff(c.diff, s.decimals),
                c.verdict.map(|v| v.words())
            )),
            escape(&words::change_from(&report.date(c.at)))
        ),
        None => escape(words::NONE),
    }
}

/// The support messages that fired in the period, then the contacts in force.
fn support(out: &mut String, report: &Report) {
    if report.support_messages.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<section class="support" id="support"><h2>{}</h2><p>{}</p><ul>"#,
        escape(words::SUPPORT_MESSAGES),
        escape(words::SUPPORT_MESSAGES_INTRO)
    );
    for m in &report.support_messages {
        let _ = write!(
            out,
            "<li><strong>{}:</strong> {}<small>{}</small></li>",
            escape(&words::fired_at(
                &report.date(m.completed_at),
                &m.questionnaire
            )),
            escape(&m.safety.message),
            escape(&words::trigger(&m.safety.trigger))
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
    out.push_str("</ul>");
    if report.contacts.built_in {
        let _ = write!(out, "<p>{}</p>", escape(strings::CONTACTS_ELSEWHERE));
    }
    out.push_str("</section>\n");
}

fn scores_table(out: &mut String, q: &QuestionnaireReport, report: &Report) {
    let _ = write!(
        out,
        r#"<table class="scores"><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(words::SCORE),
        escape(words::LATEST),
        escape(words::BAND),
        escape(words::SINCE_PREVIOUS),
        escape(words::SINCE_FIRST)
    );
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
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            escape(&s.label),
            escape(&latest),
            escape(band),
            cell_change(s.latest.since_previous.as_ref(), s, report),
            cell_change(s.latest.since_first.as_ref(), s, report)
        );
    }
    out.push_str("</tbody></table>");

    // What the bands mean, where they come from, and how change is judged.
    let mut lines: Vec<String> = Vec::new();
    for s in &q.scores {
        if let Some(b) = &s.latest.band {
            lines.push(format!(
                "{}<small>{}</small>",
                escape(&words::band_line(&s.label, &b.label, b.meaning.as_deref())),
                escape(&words::source(&b.source))
            ));
        }
    }
    if q.scores.iter().all(|s| s.change_rule.is_none()) {
        lines.push(escape(words::NO_CHANGE_RULE));
    } else {
        for s in &q.scores {
            lines.push(escape(&words::change_rule(
                &s.label,
                s.change_rule.as_ref(),
            )));
        }
    }
    out.push_str(r#"<ul class="explain">"#);
    for line in lines {
        let _ = write!(out, "<li>{line}</li>");
    }
    out.push_str("</ul>");
}

fn charts(out: &mut String, q: &QuestionnaireReport, report: &Report) {
    for (g, group) in q.chart_groups().iter().enumerate() {
        let Some(&head) = group.first() else { continue };
        let first = &q.scores[head];
        let labels: Vec<String> = group.iter().map(|&i| q.scores[i].label.clone()).collect();
        let mut edges: Vec<RefLine> = Vec::new();
        for &i in group {
            for e in &q.scores[i].edges {
                if !edges.iter().any(|c| (c.value - e.value).abs() < 1e-9) {
                    edges.push(e.clone());
                }
            }
        }
        let title = format!("{}: {}", q.short_title, strings::join_and(&labels));
        let alt = words::chart_alt(&title, q.sessions.len());
        let id = format!("chart-{}-{}", q.id, g + 1);
        let chart = Chart {
            id: &id,
            title: &alt,
            min: first.min,
            max: first.max,
            decimals: first.decimals,
            series: group
                .iter()
                .map(|&i| Series {
                    label: q.scores[i].label.as_str(),
                    points: q
                        .sessions
                        .iter()
                        .map(|row| (row.lived(), row.values.get(i).copied().flatten()))
                        .collect(),
                })
                .collect(),
            edges: edges.clone(),
            zone: report.zone,
        };
        let _ = write!(
            out,
            r#"<figure class="chart">{}<figcaption>{}</figcaption></figure>"#,
            svg::render(&chart),
            escape(&words::chart_caption(
                &labels,
                &format_value(first.min, first.decimals),
                &format_value(first.max, first.decimals),
                !edges.is_empty(),
                group.iter().any(|&i| q.sessions.iter().any(|r| r
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .is_none()))
            ))
        );
    }
}

fn values_table(out: &mut String, q: &QuestionnaireReport, report: &Report) {
    let _ = write!(
        out,
        r#"<table class="values"><thead><tr><th scope="col">{}</th>"#,
        escape(words::DATE)
    );
    for s in &q.scores {
        let _ = write!(
            out,
            r#"<th scope="col" class="num">{}</th>"#,
            escape(&s.label)
        );
    }
    let _ = write!(
        out,
        r#"<th scope="col">{}</th></tr></thead><tbody>"#,
        escape(words::WITH_COUNSELOR)
    );
    for row in &q.sessions {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th>"#,
            escape(&report.date(row.lived()))
        );
        for (s, v) in q.scores.iter().zip(&row.values) {
            let text = v.map_or_else(
                || words::NOT_SCORED_CELL.to_string(),
                |v| format_value(v, s.decimals),
            );
            let _ = write!(out, r#"<td class="num">{}</td>"#, escape(&text));
        }
        let _ = write!(
            out,
            "<td>{}</td></tr>",
            escape(if row.with_counselor { words::YES } else { "" })
        );
    }
    out.push_str("</tbody></table>");
}

fn answers_table(out: &mut String, q: &QuestionnaireReport, report: &Report) {
    let Some(latest) = q.sessions.last() else {
        return;
    };
    let _ = write!(
        out,
        r#"<h3>{}</h3><table class="answers"><thead><tr><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        escape(&words::latest_answers(&report.date(latest.lived()))),
        escape(words::NUMBER),
        escape(words::QUESTION),
        escape(words::ANSWER),
        escape(words::VALUE)
    );
    for a in &q.latest_answers {
        let (answer, value) = match &a.answer {
            Shown::Value { label, value } => (escape(label), escape(&value.to_string())),
            Shown::Text(t) => (
                format!(r#"<span class="own-words">{}</span>"#, escape(t)),
                escape(words::NONE),
            ),
            Shown::Skipped => (escape(strings::SKIPPED), escape(words::NONE)),
        };
        let _ = write!(
            out,
            r#"<tr><td class="num">{}</td><td>{}</td><td>{answer}</td><td class="num">{value}</td></tr>"#,
            a.number,
            escape(&a.text)
        );
    }
    out.push_str("</tbody></table>");
}

fn about(out: &mut String, q: &QuestionnaireReport) {
    let _ = write!(
        out,
        r#"<div class="about"><h3>{}</h3>"#,
        escape(words::ABOUT)
    );
    if let Some(notice) = &q.notice {
        let _ = write!(
            out,
            r#"<p class="notice"><strong>{}:</strong> {}</p>"#,
            escape(words::PLEASE_NOTE),
            escape(notice)
        );
    }
    for (label, text) in [(words::CITATION, &q.citation), (words::TERMS, &q.terms)] {
        if let Some(text) = text {
            let _ = write!(
                out,
                "<p><strong>{}:</strong> {}</p>",
                escape(label),
                escape(text)
            );
        }
    }
    out.push_str("</div>");
}

fn questionnaire(out: &mut String, q: &QuestionnaireReport, report: &Report) {
    let _ = write!(
        out,
        r#"<section class="questionnaire" id="q-{}"><h2>{}</h2>"#,
        escape(&q.id),
        escape(&q.title)
    );
    if let Some(latest) = q.sessions.last() {
        let _ = write!(
            out,
            "<p>{}</p>",
            escape(&words::section_intro(
                q.sessions.len(),
                &report.date(latest.lived())
            ))
        );
    }
    if q.versions.len() > 1 {
        let versions: Vec<String> = q.versions.iter().map(ToString::to_string).collect();
        let _ = write!(out, "<p>{}</p>", escape(&words::versions_used(&versions)));
    }
    if !q.scores.is_empty() {
        let _ = write!(out, "<h3>{}</h3>", escape(words::SCORES));
        scores_table(out, q, report);
        let _ = write!(out, "<h3>{}</h3>", escape(words::OVER_TIME));
        charts(out, q, report);
        values_table(out, q, report);
    }
    answers_table(out, q, report);
    about(out, q);
    out.push_str("</section>");
}

/// The header's list: profile, client id, program and counselor (from
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
    out.push_str(r#"<dl class="meta">"#);
    for (label, value) in lines {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(&value));
    }
    out.push_str("</dl>");
}

/// A line to sign, with the counselor's name under it.
pub(super) fn signature(out: &mut String, report: &Report) {
    if !report.handover.signature {
        return;
    }
    let _ = write!(
        out,
        r#"<section class="signature"><p>{}:<span class="line">&#160;</span>{}:<span class="date">&#160;</span></p>"#,
        escape(words::SIGNATURE),
        escape(words::SIGNED_ON)
    );
    if let Some(c) = &report.handover.counselor {
        let _ = write!(out, "<p>{}</p>", escape(c));
    }
    out.push_str("</section>");
}

/// The notes, each with its date, marks and what it is about.
pub(super) fn note_articles(out: &mut String, report: &Report) {
    for note in &report.notes {
        let created = report.date(note.created_at);
        let updated = report.date(note.updated_at);
        let edited = (updated != created).then_some(updated.as_str());
        let _ = write!(
            out,
            r#"<article class="note"><h3>{}</h3>"#,
            escape(&words::note_heading(&created, edited))
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
            let _ = write!(
                out,
                r#"<p class="about-note">{}</p>"#,
                escape(&lines.join("; "))
            );
        }
        let _ = write!(
            out,
            r#"<p class="body">{}</p></article>"#,
            escape(note.body.trim_end())
        );
    }
}

fn notes(out: &mut String, report: &Report) {
    let _ = write!(
        out,
        r#"<section class="notes" id="notes"><h2>{}</h2>"#,
        escape(words::NOTES)
    );
    if report.notes.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(words::NO_NOTES));
    }
    note_articles(out, report);
    out.push_str("</section>");
}

/// The whole document, written section by section: a long history's
/// tables and charts are never all held in memory at once.
pub fn write(report: &Report, sink: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"color-scheme\" content=\"light\"/>\n",
    );
    let _ = write!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&words::html_title(&report.profile))
    );
    let _ = write!(out, "<header><h1>{}</h1>", escape(words::TITLE));
    meta(
        &mut out,
        report,
        &[
            (words::PERIOD, report.period()),
            (words::WRITTEN, report.written_date()),
            (words::CHECK_INS, report.check_ins().to_string()),
        ],
    );
    let _ = write!(
        out,
        r#"<p class="private">{}</p></header>"#,
        escape(words::PRIVATE)
    );
    out.push_str("\n<main>\n");
    support(&mut out, report);
    if report.questionnaires.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(words::NOTHING_YET));
    }
    flush(&mut out, sink)?;
    for q in &report.questionnaires {
        questionnaire(&mut out, q, report);
        out.push('\n');
        flush(&mut out, sink)?;
    }
    super::corrections::html(&mut out, report);
    super::network::html(&mut out, report);
    super::plan::html(&mut out, report);
    notes(&mut out, report);
    signature(&mut out, report);
    let _ = write!(
        out,
        "\n</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&words::footer(env!("CARGO_PKG_VERSION")))
    );
    flush(&mut out, sink)
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
    fn escape_covers_markup_and_control_characters() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{1}b\nc"), "a\u{FFFD}b\nc");
    }
}
