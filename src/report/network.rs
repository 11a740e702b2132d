//! The report's recovery-network section: the network at its latest review
//! (a table in Markdown, a hand-drawn SVG map and a table in HTML), the
//! derived counts of the reviews in the period, and what changed since the
//! review before the latest. Written only when there is a review.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};

use super::Report;
use crate::network::changes::{EntryChange, changes};
use crate::network::{Entry, Field, Measures, Review, words};
use crate::store::{Profile, Store, StoreResult};

/// How many reviews the counts table shows (the latest ones of the period).
pub const MAX_COLUMNS: usize = 6;

/// What the report says about the network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkSection {
    /// The latest review: the network now.
    pub latest: Review,
    /// The date of the review before it, if any.
    pub previous: Option<NaiveDate>,
    /// What changed from that review to the latest.
    pub changes: Vec<EntryChange>,
    /// The reviews of the period (up to `MAX_COLUMNS`, the latest last):
    /// date, whether walked through, counts.
    pub history: Vec<(NaiveDate, bool, Measures)>,
}

/// The section for a profile, or `None` with no review.
pub fn build(
    store: &Store,
    profile: &Profile,
    since: Option<DateTime<Utc>>,
) -> StoreResult<Option<NetworkSection>> {
    let reviews = store.network_reviews(profile.id)?;
    let Some(latest) = reviews.last().cloned() else {
        return Ok(None);
    };
    let before = reviews.len().checked_sub(2).map(|i| &reviews[i]);
    let found = changes(before.map_or(&[][..], |r| &r.entries), &latest.entries);
    let mut history: Vec<(NaiveDate, bool, Measures)> = reviews
        .iter()
        .filter(|r| since.is_none_or(|s| r.started_at >= s))
        .map(|r| (r.date, r.walked_through, r.measures()))
        .collect();
    if history.len() > MAX_COLUMNS {
        history.drain(..history.len() - MAX_COLUMNS);
    }
    Ok(Some(NetworkSection {
        previous: before.map(|r| r.date),
        changes: found,
        history,
        latest,
    }))
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The table's columns (after the name): kind, support, then each question.
pub const COLUMNS: [&str; 10] = [
    "Name",
    "Kind",
    "Supports my goals",
    "Closeness",
    "Feeling part of it",
    "In touch",
    "Role model",
    "Available",
    "Can get there",
    "Used",
];

/// One entry's cells, aligned with `COLUMNS` ("-" for a question not asked
/// of its kind or not answered).
pub fn cells(e: &Entry) -> Vec<String> {
    let mut out = vec![
        e.name.clone(),
        e.kind.words().to_string(),
        words::support(e.support).to_string(),
    ];
    for field in [
        Field::Closeness,
        Field::Belonging,
        Field::Contact,
        Field::RoleModel,
        Field::Available,
        Field::Reachable,
        Field::Uses,
    ] {
        out.push(if field.applies_to(e.kind) {
            words::field_value(e, field)
        } else {
            "-".into()
        });
    }
    out
}

/// "As of the review of 1 Dec 2026 (walked through): 5 entries."
pub fn as_of(r: &Review) -> String {
    format!(
        "As of the review of {}{}: {} {}.",
        day(r.date),
        if r.walked_through {
            " (walked through)"
        } else {
            ""
        },
        r.entries.len(),
        if r.entries.len() == 1 {
            "entry"
        } else {
            "entries"
        }
    )
}

/// "What changed since the review of 3 Nov 2026" / "This is the first review".
pub fn changes_heading(s: &NetworkSection) -> String {
    match s.previous {
        Some(d) => format!("What changed since the review of {}", day(d)),
        None => "What changed".into(),
    }
}

/// The sentence when nothing is listed under the changes heading.
pub fn no_changes(s: &NetworkSection) -> &'static str {
    if s.previous.is_some() {
        "Nothing changed."
    } else {
        "This is the first review: every entry is new."
    }
}

/// The counts table's header cells: "Count", then each review's date.
fn history_header(s: &NetworkSection) -> Vec<String> {
    std::iter::once("Count".to_string())
        .chain(s.history.iter().map(|(d, walked, _)| {
            format!(
                "{}{}",
                day(*d),
                if *walked { "" } else { " (changes only)" }
            )
        }))
        .collect()
}

/// The counts table's rows: label, then each review's value.
fn history_rows(s: &NetworkSection) -> Vec<Vec<String>> {
    let Some((_, _, first)) = s.history.first() else {
        return Vec::new();
    };
    first
        .rows()
        .iter()
        .enumerate()
        .map(|(i, row)| {
            std::iter::once(row.label.to_string())
                .chain(s.history.iter().map(|(_, _, m)| {
                    if row.key == "supportive" {
                        m.share_text()
                    } else {
                        m.rows()[i].value.to_string()
                    }
                }))
                .collect()
        })
        .collect()
}

/// The Markdown section (nothing without a review).
pub fn markdown(out: &mut String, report: &Report) {
    use super::markdown::escape_inline;
    let Some(s) = &report.network else { return };
    let row = |cells: &[String]| {
        format!(
            "| {} |",
            cells
                .iter()
                .map(|c| escape_inline(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let _ = writeln!(out, "## {}\n", escape_inline(words::TITLE));
    let _ = writeln!(out, "{}\n", escape_inline(words::ABOUT));
    let _ = writeln!(out, "{}\n", escape_inline(&as_of(&s.latest)));
    if !s.latest.entries.is_empty() {
        let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        let _ = writeln!(out, "{}", row(&header));
        let _ = writeln!(out, "|{}", "---|".repeat(COLUMNS.len()));
        for e in &s.latest.entries {
            let _ = writeln!(out, "{}", row(&cells(e)));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### {}\n", escape_inline(&changes_heading(s)));
    if s.changes.is_empty() {
        let _ = writeln!(out, "{}\n", escape_inline(no_changes(s)));
    } else {
        for c in &s.changes {
            let _ = writeln!(out, "- {}", escape_inline(&c.describe()));
        }
        out.push('\n');
    }
    if !s.history.is_empty() {
        let _ = writeln!(out, "### Counts\n");
        let _ = writeln!(out, "{}\n", escape_inline(words::COUNTS_NOTE));
        let header = history_header(s);
        let _ = writeln!(out, "{}", row(&header));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for r in history_rows(s) {
            let _ = writeln!(out, "{}", row(&r));
        }
        out.push('\n');
    }
}

/// The HTML section: the map, the table, what changed, the counts.
pub fn html(out: &mut String, report: &Report) {
    use super::html::escape;
    let Some(s) = &report.network else { return };
    let _ = write!(
        out,
        r#"<section class="network" id="network"><h2>{}</h2><p>{}</p><p>{}</p>"#,
        escape(words::TITLE),
        escape(words::ABOUT),
        escape(&as_of(&s.latest))
    );
    if !s.latest.entries.is_empty() {
        let _ = write!(
            out,
            r#"<figure class="chart network-map">{}<figcaption>{}</figcaption></figure>"#,
            super::network_svg::render(&s.latest.entries, "network-map"),
            escape(super::network_svg::CAPTION)
        );
        out.push_str(r#"<table class="network-entries"><thead><tr>"#);
        for c in COLUMNS {
            let _ = write!(out, r#"<th scope="col">{}</th>"#, escape(c));
        }
        out.push_str("</tr></thead><tbody>");
        for e in &s.latest.entries {
            out.push_str("<tr>");
            for c in cells(e) {
                let _ = write!(out, "<td>{}</td>", escape(&c));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    let _ = write!(out, "<h3>{}</h3>", escape(&changes_heading(s)));
    if s.changes.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(no_changes(s)));
    } else {
        out.push_str(r#"<ul class="network-changes">"#);
        for c in &s.changes {
            let _ = write!(out, "<li>{}</li>", escape(&c.describe()));
        }
        out.push_str("</ul>");
    }
    if !s.history.is_empty() {
        let _ = write!(
            out,
            r#"<h3>Counts</h3><p>{}</p><table class="network-counts"><thead><tr>"#,
            escape(words::COUNTS_NOTE)
        );
        for h in history_header(s) {
            let _ = write!(out, r#"<th scope="col">{}</th>"#, escape(&h));
        }
        out.push_str("</tr></thead><tbody>");
        for r in history_rows(s) {
            out.push_str("<tr>");
            for (i, c) in r.iter().enumerate() {
                if i == 0 {
                    let _ = write!(out, r#"<th scope="row">{}</th>"#, escape(c));
                } else {
                    let _ = write!(out, r#"<td class="num">{}</td>"#, escape(c));
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}
