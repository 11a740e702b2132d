//! Reports (`recap report`, `report::build`/`write_report`): every number
//! equals what the store and the scoring function give, user text is escaped,
//! the HTML parses as XML and references nothing outside itself, Markdown has
//! the same numbers, an empty profile gives a calm report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use recap::instrument::change::change;
use recap::instrument::load::{content_hash, parse_str};
use recap::instrument::score::format_value;
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Origin};
use recap::outcome::text::format_diff;
use recap::report::{self, Format, ReportOptions, html, markdown, words};
use recap::store::{Profile, SessionDetail, SessionQuery, Store};
use recap::timefmt::Zone;
use roxmltree::{Document, Node};
use tempfile::TempDir;

const NAME: &str = "Ann <script>alert('n')</script> & Co";
const NOTE: &str =
    "Talked about <script>alert(1)</script> & housing.\nSecond line with <b>tags</b> & more.";
const OWN_WORDS: &str = "A hard week <script>alert(2)</script> & \"quotes\" <b>bold</b>";
const MINE: &str = r#"
id = "mine"
version = 1
title = "My own <script>alert(3)</script> & questions"
short_title = "Mine <b>&amp;"
kind = "reflective"
citation = "Written by me & <i>friends</i>."

[scales.often]
options = [
  { value = 0, label = "Never <i>" },
  { value = 1, label = "Sometimes & then" },
  { value = 2, label = "Often" },
]

[[items]]
id = "often"
type = "choice"
scale = "often"
text = "How often <b>did</b> you & your friends meet?"

[[items]]
id = "walk"
type = "yes_no"
text = "Did you walk today?"

[[items]]
id = "cups"
type = "number"
min = 0
max = 20
unit = "cups"
text = "Cups of coffee?"

[[items]]
id = "words"
type = "text"
required = false
text = "Anything else?"

[[scores]]
id = "total"
label = "Meetings <score>"
method = "sum"
items = ["often", "walk"]
range = [0, 3]
"#;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

/// Answers in item order; None skips an item.
fn answers(loaded: &Loaded, values: &[Option<AnswerValue>]) -> Answers {
    let mut out = Answers::new();
    for (item, v) in loaded.instrument.items.iter().zip(values) {
        if let Some(v) = v {
            out.insert(item.id.clone(), v.clone());
        }
    }
    out
}

fn n(v: i64) -> Option<AnswerValue> {
    Some(AnswerValue::Number(v))
}

struct Fixture {
    _dir: TempDir,
    store: Store,
    catalog: Catalog,
    profile: Profile,
}

fn mine() -> Loaded {
    Loaded {
        instrument: parse_str("mine.toml", MINE).unwrap(),
        source: MINE.to_string(),
        hash: content_hash(MINE),
        origin: Origin::User(PathBuf::from("mine.toml")),
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("r.db")).unwrap();
    let catalog = Catalog::bundled();
    let profile = store.add_profile(NAME, at(2025, 12, 1)).unwrap();
    let who5 = catalog.get("who-5").unwrap();
    let barc = catalog.get("barc-10").unwrap();
    let samhsa = catalog.get("samhsa-dimensions").unwrap();
    let record = |loaded: &Loaded, a: Answers, when: DateTime<Utc>, counselor: bool| {
        store
            .record_session(profile.id, loaded, &a, when, counselor)
            .unwrap()
    };
    for (values, when, counselor) in [
        ([2, 2, 1, 2, 2], at(2026, 1, 5), false),
        ([3, 3, 2, 2, 3], at(2026, 2, 2), false),
        ([4, 3, 4, 3, 4], at(2026, 3, 2), true),
        ([4, 4, 4, 4, 5], at(2026, 3, 30), false),
    ] {
        let a: Vec<_> = values.iter().map(|v| n(*v)).collect();
        record(who5, answers(who5, &a), when, counselor);
    }
    for (values, when) in [
        ([4, 4, 3, 4, 3, 4, 4, 5, 4, 4], at(2026, 1, 6)),
        ([5, 5, 4, 5, 4, 5, 5, 5, 5, 5], at(2026, 3, 3)),
    ] {
        let a: Vec<_> = values.iter().map(|v| n(*v)).collect();
        record(barc, answers(barc, &a), when, false);
    }
    // Weekly check-in: own words; then Health not scored (two of three skipped).
    let mut first: Vec<_> = [2, 2, 1, 3, 3, 2, 1, 2, 2, 1, 2, 2, 1]
        .iter()
        .map(|v| n(*v))
        .collect();
    first.push(Some(AnswerValue::Text(OWN_WORDS.into())));
    record(samhsa, answers(samhsa, &first), at(2026, 1, 7), false);
    let second = vec![
        None,
        None,
        n(2),
        n(3),
        n(3),
        n(3),
        n(2),
        n(2),
        n(3),
        n(2),
        n(3),
        n(2),
        n(2),
    ];
    record(samhsa, answers(samhsa, &second), at(2026, 1, 14), false);
    let mut third: Vec<_> = [3, 3, 3, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3]
        .iter()
        .map(|v| n(*v))
        .collect();
    third.push(Some(AnswerValue::Text(OWN_WORDS.into())));
    record(samhsa, answers(samhsa, &third), at(2026, 2, 4), true);
    let mine = mine();
    let a = answers(
        &mine,
        &[
            n(1),
            n(1),
            n(3),
            Some(AnswerValue::Text("Fine & <well>".into())),
        ],
    );
    let mine_session = record(&mine, a, at(2026, 2, 10), false);

    store
        .add_note(
            profile.id,
            None,
            "An old note from December.",
            at(2025, 12, 20),
        )
        .unwrap();
    store
        .add_note(profile.id, None, NOTE, at(2026, 2, 10))
        .unwrap();
    store
        .add_note(
            profile.id,
            Some(&mine_session.id),
            "About my own questions & <them>.",
            at(2026, 2, 11),
        )
        .unwrap();
    Fixture {
        _dir: dir,
        store,
        catalog,
        profile,
    }
}

fn options(since: Option<DateTime<Utc>>) -> ReportOptions {
    ReportOptions {
        since,
        now: at(2026, 4, 1),
        zone: Zone::Utc,
        support: recap::config::Support::default(),
    }
}

fn date(t: DateTime<Utc>) -> String {
    Zone::Utc.short_date(t)
}

// ---------------------------------------------------------------------------
// What the store says, through the store and scoring API
// ---------------------------------------------------------------------------

/// The completed sessions of one questionnaire in the period, with scores.
fn details(f: &Fixture, qid: &str, since: Option<DateTime<Utc>>) -> Vec<SessionDetail> {
    let query = SessionQuery {
        questionnaire_id: Some(qid.to_string()),
        from: since,
        to: None,
    };
    f.store
        .sessions(f.profile.id, &query)
        .unwrap()
        .iter()
        .map(|s| f.store.session_detail(&s.id).unwrap().unwrap())
        .collect()
}

/// One expected row of the scores table.
#[derive(Debug)]
struct ScoreRow {
    label: String,
    latest: String,
    band: String,
    /// (difference with verdict, date it is measured from)
    previous: Option<(String, String)>,
    first: Option<(String, String)>,
}

fn expected_scores(d: &[SessionDetail]) -> Vec<ScoreRow> {
    let latest = d.last().unwrap();
    let last = d.len() - 1;
    latest
        .instrument
        .scores
        .iter()
        .map(|def| {
            let value = |i: usize| d[i].scoring.get(&def.id).and_then(|r| r.value);
            let now = value(last);
            let compare = |i: Option<usize>| {
                let i = i?;
                let c = change(def, value(i)?, now?);
                let diff = format_diff(c.diff, def.decimals);
                let text = match c.verdict {
                    Some(v) => format!("{diff} ({})", v.words()),
                    None => diff,
                };
                Some((text, date(d[i].session.completed_at.unwrap())))
            };
            let result = latest.scoring.get(&def.id).unwrap();
            ScoreRow {
                label: def.label.clone(),
                latest: match now {
                    Some(v) => format_value(v, def.decimals),
                    None => words::not_scored(result.missing),
                },
                band: result
                    .band
                    .as_ref()
                    .map_or(words::NONE.to_string(), |b| b.label.clone()),
                previous: compare((0..last).rev().find(|&i| value(i).is_some())),
                first: compare((0..last).find(|&i| value(i).is_some())),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Reading the HTML with a real XML parser
// ---------------------------------------------------------------------------

fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn by_id<'a, 'i>(doc: &'a Document<'i>, id: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no element with id {id}"))
}

fn has_class(node: &Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// The body rows of the table with `class` inside `scope`, as cell texts.
fn table(scope: Node<'_, '_>, class: &str) -> Vec<Vec<String>> {
    let table = scope
        .descendants()
        .find(|n| n.has_tag_name("table") && has_class(n, class))
        .unwrap_or_else(|| panic!("no table {class}"));
    table
        .descendants()
        .filter(|n| n.has_tag_name("tbody"))
        .flat_map(|b| b.children().filter(|r| r.has_tag_name("tr")))
        .map(|r| {
            r.children()
                .filter(|c| c.has_tag_name("td") || c.has_tag_name("th"))
                .map(text_of)
                .collect()
        })
        .collect()
}

fn parse(html: &str) -> Document<'_> {
    Document::parse_with_options(
        html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("the HTML is not well-formed: {e}"))
}

fn render(f: &Fixture, since: Option<DateTime<Utc>>, format: Format) -> String {
    let r = report::build(&f.store, &f.catalog, &f.profile, &options(since)).unwrap();
    match format {
        Format::Html => html::render(&r),
        Format::Markdown => markdown::render(&r),
    }
}

const QUESTIONNAIRES: [&str; 4] = ["samhsa-dimensions", "barc-10", "who-5", "mine"];

fn check_html_numbers(f: &Fixture, since: Option<DateTime<Utc>>) {
    let html = render(f, since, Format::Html);
    let doc = parse(&html);
    for qid in QUESTIONNAIRES {
        let d = details(f, qid, since);
        if d.is_empty() {
            assert!(
                !doc.descendants()
                    .any(|n| n.attribute("id") == Some(&format!("q-{qid}"))),
                "{qid} has no check-ins in the period but a section"
            );
            continue;
        }
        let section = by_id(&doc, &format!("q-{qid}"));
        let instrument = &d.last().unwrap().instrument;

        // The scores table.
        let rows = table(section, "scores");
        let expected = expected_scores(&d);
        assert_eq!(rows.len(), expected.len(), "{qid}");
        for (row, e) in rows.iter().zip(&expected) {
            let cell = |c: &Option<(String, String)>| match c {
                Some((diff, from)) => format!("{diff}{}", words::change_from(from)),
                None => words::NONE.to_string(),
            };
            assert_eq!(
                row,
                &vec![
                    e.label.clone(),
                    e.latest.clone(),
                    e.band.clone(),
                    cell(&e.previous),
                    cell(&e.first)
                ],
                "{qid}"
            );
        }

        // Every check-in's values, with its date.
        let rows = table(section, "values");
        assert_eq!(rows.len(), d.len(), "{qid}");
        for (row, detail) in rows.iter().zip(&d) {
            let mut want = vec![date(detail.session.completed_at.unwrap())];
            for def in &instrument.scores {
                want.push(
                    detail
                        .scoring
                        .get(&def.id)
                        .and_then(|r| r.value)
                        .map_or(words::NOT_SCORED_CELL.to_string(), |v| {
                            format_value(v, def.decimals)
                        }),
                );
            }
            want.push(if detail.session.with_counselor {
                words::YES.to_string()
            } else {
                String::new()
            });
            assert_eq!(row, &want, "{qid}");
        }

        // The latest check-in's answers: item text, label, value.
        let latest = d.last().unwrap();
        let rows = table(section, "answers");
        assert_eq!(rows.len(), instrument.items.len(), "{qid}");
        for (i, (row, item)) in rows.iter().zip(&instrument.items).enumerate() {
            let (answer, value) = match latest.answers.get(&item.id) {
                Some(AnswerValue::Number(v)) => (item.label_for(*v), v.to_string()),
                Some(AnswerValue::Text(t)) => (t.clone(), words::NONE.to_string()),
                None => (recap::strings::SKIPPED.to_string(), words::NONE.to_string()),
            };
            assert_eq!(
                row,
                &vec![(i + 1).to_string(), item.text.clone(), answer, value],
                "{qid}"
            );
        }

        // The charts: one line per score, a marker per scored check-in, at
        // heights in proportion to the values; a dashed line per band edge.
        let series: Vec<Node<'_, '_>> = section
            .descendants()
            .filter(|n| n.has_tag_name("g") && has_class(n, "series"))
            .collect();
        assert_eq!(series.len(), instrument.scores.len(), "{qid}");
        for def in &instrument.scores {
            let g = series
                .iter()
                .find(|g| g.attribute("data-label") == Some(def.label.as_str()))
                .unwrap_or_else(|| panic!("{qid}: no line for {}", def.label));
            let values: Vec<f64> = d
                .iter()
                .filter_map(|x| x.scoring.get(&def.id).and_then(|r| r.value))
                .collect();
            let markers: Vec<Node<'_, '_>> = g
                .children()
                .filter(|c| c.is_element() && !c.has_tag_name("polyline"))
                .collect();
            assert_eq!(markers.len(), values.len(), "{qid} {}", def.label);
            let ys: Vec<f64> = markers
                .iter()
                .filter_map(|m| m.attribute("cy").and_then(|y| y.parse().ok()))
                .collect();
            // The axis: where the range's ends are labelled (4 below the text's baseline).
            let label_at = |v: f64| -> f64 {
                let text = format_value(v, 0);
                section
                    .descendants()
                    .filter(|n| n.has_tag_name("g") && has_class(n, "y-labels"))
                    .flat_map(|g| g.children().filter(|c| c.has_tag_name("text")))
                    .find(|t| text_of(*t) == text)
                    .and_then(|t| t.attribute("y"))
                    .and_then(|y| y.parse::<f64>().ok())
                    .map(|y| y - 4.0)
                    .unwrap_or_else(|| panic!("{qid}: no axis label {text}"))
            };
            let (y_min, y_max) = (label_at(def.min), label_at(def.max));
            // The band edges' lines, lowest value first, with the first value above each.
            let mut edge_ys: Vec<f64> = section
                .descendants()
                .filter(|n| n.has_tag_name("g") && has_class(n, "cutoffs"))
                .flat_map(|g| g.children().filter(|c| c.has_tag_name("line")))
                .filter_map(|l| l.attribute("y1").and_then(|y| y.parse().ok()))
                .collect();
            edge_ys.sort_by(|a, b| b.total_cmp(a));
            let splits: Vec<f64> = def.bands.iter().skip(1).map(|b| b.min).collect();
            if ys.len() == values.len() {
                for (y, v) in ys.iter().zip(&values) {
                    // In proportion to the value, or moved just clear of an
                    // edge line (6.5) on its own band's side.
                    let want = y_min + (v - def.min) / (def.max - def.min) * (y_max - y_min);
                    let clear = edge_ys.iter().all(|e| (y - e).abs() >= 6.4);
                    assert!(
                        (y - want).abs() < 0.2 || (clear && (y - want).abs() < 6.7),
                        "{qid}: {v} at {y}, not {want}"
                    );
                    for (e, split) in edge_ys.iter().zip(&splits) {
                        assert_eq!(y < e, *v >= *split, "{qid}: {v} at {y}, edge at {e}");
                    }
                }
            }
        }
        let cutoffs: Vec<String> = section
            .descendants()
            .filter(|n| n.has_tag_name("g") && has_class(n, "cutoffs"))
            .flat_map(|g| g.children().filter(|c| c.has_tag_name("text")))
            .map(text_of)
            .collect();
        // Every band is named, the lowest too.
        let mut want: Vec<String> = instrument
            .scores
            .iter()
            .flat_map(|s| s.bands.iter().map(|b| b.label.clone()))
            .collect();
        want.dedup();
        assert_eq!(cutoffs, want, "{qid}");
        let edges = instrument
            .scores
            .iter()
            .map(|s| s.bands.len().saturating_sub(1))
            .sum::<usize>();
        assert_eq!(
            section
                .descendants()
                .filter(|n| n.has_tag_name("line")
                    && n.attribute("stroke-dasharray").is_some()
                    && n.parent().is_some_and(|p| has_class(&p, "cutoffs")))
                .count(),
            edges,
            "{qid}"
        );
    }
}

#[test]
fn every_number_in_the_html_report_is_the_stores() {
    let f = fixture();
    check_html_numbers(&f, None);
    // The header counts every completed check-in.
    let html = render(&f, None, Format::Html);
    let doc = parse(&html);
    let meta: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("dd"))
        .map(text_of)
        .collect();
    let total: usize = QUESTIONNAIRES
        .iter()
        .map(|q| details(&f, q, None).len())
        .sum();
    assert_eq!(meta[0], NAME);
    assert_eq!(meta[3], total.to_string());
    assert_eq!(
        meta[1],
        words::period(None, Some("5 Jan 2026"), Some("30 Mar 2026"))
    );
}

#[test]
fn a_since_date_limits_sessions_changes_and_notes() {
    let f = fixture();
    let since = at(2026, 2, 1) - chrono::Duration::hours(12);
    check_html_numbers(&f, Some(since));
    let html = render(&f, Some(since), Format::Html);
    // Since the first check-in of the period, not of all time.
    let doc = parse(&html);
    let rows = table(by_id(&doc, "q-who-5"), "scores");
    assert!(rows[0][4].ends_with("from 2 Feb 2026"), "{:?}", rows[0]);
    // BARC-10 has one check-in in the period: no change to show.
    let rows = table(by_id(&doc, "q-barc-10"), "scores");
    assert_eq!(rows[0][3], words::NONE);
    // Notes: only those written in the period.
    assert!(!html.contains("An old note"));
    let notes = by_id(&doc, "notes");
    assert_eq!(
        notes
            .descendants()
            .filter(|n| n.has_tag_name("article"))
            .count(),
        2
    );
}

#[test]
fn user_text_is_escaped_in_html() {
    let f = fixture();
    let html = render(&f, None, Format::Html);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a raw <script> got through");
    assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<well>"));
    assert!(!html.contains("<score>") && !html.contains("<them>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;n&#39;)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("Fine &amp; &lt;well&gt;"));
    // A user's "&amp;" stays the five characters they typed.
    assert!(html.contains("Mine &lt;b&gt;&amp;amp;"));

    // Read back by a parser, every user text is exactly what was written.
    let doc = parse(&html);
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .map(text_of);
    assert_eq!(title, Some(words::html_title(NAME)));
    let h2 = |id: &str| {
        by_id(&doc, id)
            .children()
            .find(|n| n.has_tag_name("h2"))
            .map(text_of)
    };
    assert_eq!(
        h2("q-mine").as_deref(),
        Some("My own <script>alert(3)</script> & questions")
    );
    let notes = by_id(&doc, "notes");
    let bodies: Vec<String> = notes
        .descendants()
        .filter(|n| has_class(n, "body"))
        .map(text_of)
        .collect();
    assert!(bodies.contains(&NOTE.to_string()), "{bodies:?}");
    let about: Vec<String> = notes
        .descendants()
        .filter(|n| has_class(n, "about-note"))
        .map(text_of)
        .collect();
    assert_eq!(
        about,
        vec![words::note_about("Mine <b>&amp;", "10 Feb 2026")]
    );
    let rows = table(by_id(&doc, "q-samhsa-dimensions"), "answers");
    assert_eq!(rows.last().unwrap()[2], OWN_WORDS);
    let rows = table(by_id(&doc, "q-mine"), "answers");
    assert_eq!(
        rows[0],
        vec![
            "1".to_string(),
            "How often <b>did</b> you & your friends meet?".into(),
            "Sometimes & then".into(),
            "1".into()
        ]
    );
    assert_eq!(rows[1][2..], ["Yes".to_string(), "1".into()]);
    assert_eq!(rows[2][2..], ["3 cups".to_string(), "3".into()]);
    let about = by_id(&doc, "q-mine");
    assert!(text_of(about).contains("Written by me & <i>friends</i>."));
    // Chart labels are escaped too.
    assert!(html.contains(r#"data-label="Meetings &lt;score&gt;""#));
}

#[test]
fn html_is_self_contained_and_ready_to_print() {
    let f = fixture();
    let html = render(&f, None, Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    let doc = parse(&html);
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name().to_lowercase();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "base", "image", "use",
                "audio", "video", "source", "form",
            ]
            .contains(&tag.as_str()),
            "<{tag}> in a self-contained report"
        );
        for attr in node.attributes() {
            let name = attr.name().to_lowercase();
            let value = attr.value().to_lowercase();
            assert!(
                !["src", "href", "srcset", "action", "background", "poster"]
                    .contains(&name.as_str()),
                "attribute {name} on <{tag}>"
            );
            assert!(!name.starts_with("on"), "event handler {name} on <{tag}>");
            for bad in ["url(", "http:", "https:", "//", "javascript:", "data:"] {
                assert!(!value.contains(bad), "{name}={value:?} on <{tag}>");
            }
        }
    }
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .map(text_of)
        .unwrap();
    for bad in ["url(", "@import", "@font-face", "http"] {
        assert!(!style.contains(bad), "style has {bad}");
    }
    // Print: page margins, print rules, charts kept on one page.
    assert!(style.contains("@page"));
    assert!(style.contains("@media print"));
    assert!(style.contains("figure.chart { margin: 1rem 0; break-inside: avoid;"));
    // Charts are inline SVG, one per questionnaire with scores here (all
    // scores of each share a range).
    let charts = doc.descendants().filter(|n| n.has_tag_name("svg")).count();
    assert_eq!(charts, 4);
    // The weekly check-in's lines differ in colour, dash pattern and
    // marker shape, in the chart and in its legend.
    let weekly = by_id(&doc, "q-samhsa-dimensions");
    let shape = |m: Node<'_, '_>| {
        format!(
            "{}{}",
            m.tag_name().name(),
            m.attribute("d").map_or(String::new(), |d| d
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect())
        )
    };
    let lines: Vec<(Option<&str>, Option<&str>, String)> = weekly
        .descendants()
        .filter(|n| n.has_tag_name("g") && has_class(n, "series"))
        .map(|g| {
            let poly = g.children().find(|c| c.has_tag_name("polyline")).unwrap();
            let marker = g
                .children()
                .find(|c| c.is_element() && !c.has_tag_name("polyline"))
                .unwrap();
            (
                poly.attribute("stroke"),
                poly.attribute("stroke-dasharray"),
                shape(marker),
            )
        })
        .collect();
    let legend_keys: Vec<(Option<&str>, Option<&str>, String)> = weekly
        .descendants()
        .filter(|n| n.has_tag_name("g") && has_class(n, "legend"))
        .flat_map(|g| g.children().filter(|c| c.has_tag_name("line")))
        .map(|line| {
            let marker = line.next_sibling_element().unwrap();
            (
                line.attribute("stroke"),
                line.attribute("stroke-dasharray"),
                shape(marker),
            )
        })
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines, legend_keys);
    for (i, a) in lines.iter().enumerate() {
        for b in &lines[i + 1..] {
            assert_ne!(a.0, b.0, "colour");
            assert_ne!(a.1, b.1, "dash pattern");
            assert_ne!(a.2, b.2, "marker shape");
        }
    }
    // A legend names every line.
    let legend: Vec<String> = weekly
        .descendants()
        .filter(|n| n.has_tag_name("g") && has_class(n, "legend"))
        .flat_map(|g| g.children().filter(|c| c.has_tag_name("text")))
        .map(text_of)
        .collect();
    assert_eq!(
        legend,
        ["Overall", "Health", "Home", "Purpose", "Community"]
    );
}

#[test]
fn citations_terms_and_the_reflective_notice_are_included() {
    let f = fixture();
    let html = render(&f, None, Format::Html);
    let md = render(&f, None, Format::Markdown);
    let doc = parse(&html);
    for qid in ["samhsa-dimensions", "barc-10", "who-5"] {
        let i = &f.catalog.get(qid).unwrap().instrument;
        let text = text_of(by_id(&doc, &format!("q-{qid}")));
        let citation = i.citation.as_deref().unwrap().trim();
        let terms = i.terms.as_deref().unwrap().trim();
        assert!(text.contains(citation), "{qid} citation");
        assert!(text.contains(terms), "{qid} terms");
        assert!(md.contains(&markdown::escape_inline(citation)), "{qid}");
        assert!(md.contains(&markdown::escape_inline(terms)), "{qid}");
    }
    let notice = f
        .catalog
        .get("samhsa-dimensions")
        .unwrap()
        .instrument
        .notice
        .clone()
        .unwrap();
    let weekly = by_id(&doc, "q-samhsa-dimensions");
    let shown = weekly
        .descendants()
        .find(|n| has_class(n, "notice"))
        .map(text_of)
        .unwrap();
    assert!(shown.contains(notice.trim()), "{shown}");
    assert!(md.contains(&markdown::escape_inline(notice.trim())));
    // A validated questionnaire without a notice gets none; WHO-5's says it
    // is an electronic adaptation.
    assert!(
        !by_id(&doc, "q-barc-10")
            .descendants()
            .any(|n| has_class(&n, "notice"))
    );
    let adapted = by_id(&doc, "q-who-5")
        .descendants()
        .find(|n| has_class(n, "notice"))
        .map(text_of)
        .unwrap();
    assert!(adapted.contains("electronic adaptation"), "{adapted}");
    // A reflective one without its own notice gets the general one.
    let mine = text_of(by_id(&doc, "q-mine"));
    assert!(mine.contains(recap::strings::REFLECTIVE_NOTICE));
    // WHO-5 explains its reliable-change rule with the source; BARC-10 has none.
    let who5 = text_of(by_id(&doc, "q-who-5"));
    assert!(who5.contains("23.6 points"));
    assert!(who5.contains("doi 10.1186/s12955-018-1001-0"));
    let barc = text_of(by_id(&doc, "q-barc-10"));
    assert!(barc.contains(words::NO_CHANGE_RULE));
    assert!(!barc.contains("reliable improvement") && !barc.contains("no reliable change"));
}

#[test]
fn markdown_has_the_same_scores() {
    let f = fixture();
    let md = render(&f, None, Format::Markdown);
    // Every "<" and "&" of user text has its backslash.
    for (i, c) in md.char_indices() {
        if c == '<' || c == '&' {
            assert_eq!(
                &md[i - 1..i],
                "\\",
                "unescaped {c} at {i}: {}",
                &md[i - 20..i + 10]
            );
        }
    }
    assert!(md.contains(&format!("- **Profile:** {}", markdown::escape_inline(NAME))));
    for qid in QUESTIONNAIRES {
        let d = details(&f, qid, None);
        for e in expected_scores(&d) {
            let cell = |c: &Option<(String, String)>| match c {
                Some((diff, from)) => format!("{diff}, {}", words::change_from(from)),
                None => words::NONE.to_string(),
            };
            let row = format!(
                "| {} | {} | {} | {} | {} |",
                markdown::escape_inline(&e.label),
                markdown::escape_inline(&e.latest),
                markdown::escape_inline(&e.band),
                markdown::escape_inline(&cell(&e.previous)),
                markdown::escape_inline(&cell(&e.first))
            );
            assert!(md.contains(&row), "{qid}: missing {row}\n{md}");
        }
        let instrument = &d.last().unwrap().instrument;
        for detail in &d {
            let mut cells = vec![date(detail.session.completed_at.unwrap())];
            for def in &instrument.scores {
                cells.push(
                    detail
                        .scoring
                        .get(&def.id)
                        .and_then(|r| r.value)
                        .map_or(words::NOT_SCORED_CELL.to_string(), |v| {
                            format_value(v, def.decimals)
                        }),
                );
            }
            cells.push(if detail.session.with_counselor {
                words::YES.into()
            } else {
                String::new()
            });
            let row = format!("| {} |", cells.join(" | "));
            assert!(md.contains(&row), "{qid}: missing {row}");
        }
    }
    // Notes keep their lines, escaped, as a quote.
    assert!(md.contains(
        "> Talked about \\<script\\>alert(1)\\</script\\> \\& housing.\n> Second line with \\<b\\>tags\\</b\\> \\& more."
    ));
    // Verdicts only where the questionnaire has a change rule.
    assert!(md.contains("(reliable improvement)"));
    assert_eq!(md.matches("reliable improvement").count(), 1);
}

#[test]
fn an_empty_profile_gives_a_calm_report() {
    let f = fixture();
    let empty = f
        .store
        .add_profile("New & <empty>", at(2026, 3, 1))
        .unwrap();
    let r = report::build(&f.store, &f.catalog, &empty, &options(None)).unwrap();
    assert!(r.questionnaires.is_empty() && r.notes.is_empty());
    let html = html::render(&r);
    let doc = parse(&html);
    let text = text_of(doc.root_element());
    assert!(text.contains(words::NOTHING_YET));
    assert!(text.contains(words::NO_NOTES));
    assert!(text.contains(&words::period(None, None, None)));
    assert!(!doc.descendants().any(|n| n.has_tag_name("svg")));
    let md = markdown::render(&r);
    assert!(md.contains(words::NOTHING_YET));
    assert!(md.contains("- **Check-ins:** 0"));
    // A period with nothing in it is just as calm.
    let later = report::build(
        &f.store,
        &f.catalog,
        &f.profile,
        &options(Some(at(2026, 3, 31))),
    )
    .unwrap();
    assert!(later.questionnaires.is_empty());
    let html = html::render(&later);
    parse(&html);
    assert!(html.contains(words::NOTHING_YET));
}

#[test]
fn write_report_writes_a_private_complete_file() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.html");
    std::fs::write(&path, "old").unwrap();
    let written = report::write_report_with(
        &f.store,
        &f.catalog,
        &f.profile,
        &options(None),
        Format::Html,
        Some(&path),
        true,
    )
    .unwrap();
    assert_eq!(written, path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, render(&f, None, Format::Html));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Nothing else is left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A folder is refused, and nothing is written.
    assert!(
        report::write_report(
            &f.store,
            &f.catalog,
            &f.profile,
            &recap::config::Support::default(),
            None,
            Format::Markdown,
            Some(dir.path()),
            true
        )
        .is_err()
    );
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

fn recap(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(dir.join("r.db"));
    cmd
}

#[test]
fn report_command_writes_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = recap(d)
        .args(["report", "--format", "md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "no database yet");
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Nothing to report yet"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!d.join("r.db").exists());

    recap(d)
        .args(["profiles", "add", "Client <A> & B"])
        .assert()
        .success();
    for (answers, day) in [("1,2,3,2,1", "2026-01-05"), ("3,3,4,4,3", "2026-02-09")] {
        recap(d)
            .args(["--profile", "Client <A> & B", "record", "who-5"])
            .args(["--answers", answers, "--date", day])
            .assert()
            .success();
    }
    let out = recap(d)
        .args(["--profile", "Client <A> & B", "report", "--format", "md"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    // 1+2+3+2+1 = 9 -> 36; 3+3+4+4+3 = 17 -> 68; +32 is beyond 23.6.
    assert!(
        md.contains("| Well-being | 68 | Above 50 | +32 (reliable improvement), from 5 Jan 2026 |"),
        "{md}"
    );
    assert!(md.contains("| 5 Jan 2026 | 36 |"));

    let file = d.join("client.html");
    let out = recap(d)
        .args(["--profile", "Client <A> & B", "report", "--format", "html"])
        .args(["--since", "2026-02-01", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("readable only by you"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let html = std::fs::read_to_string(&file).unwrap();
    let doc = parse(&html);
    let rows = table(by_id(&doc, "q-who-5"), "values");
    assert_eq!(rows.len(), 1, "only the check-in since 1 Feb");
    assert_eq!(rows[0][..2], ["9 Feb 2026".to_string(), "68".into()]);
    assert!(html.contains("Client &lt;A&gt; &amp; B"));

    let out = recap(d)
        .args(["--profile", "Nobody", "report", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Counts the writes it is given.
struct Chunks(Vec<Vec<u8>>);

impl std::io::Write for Chunks {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push(buf.to_vec());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_report_is_written_section_by_section_and_says_the_whole_text() {
    let f = fixture();
    let r = report::build(&f.store, &f.catalog, &f.profile, &options(None)).unwrap();
    assert!(r.questionnaires.len() >= 3);
    for format in [Format::Markdown, Format::Html] {
        let mut sink = Chunks(Vec::new());
        match format {
            Format::Markdown => markdown::write(&r, &mut sink).unwrap(),
            Format::Html => html::write(&r, &mut sink).unwrap(),
        }
        // The opening, one write per questionnaire, the rest: never the
        // whole document at once.
        assert_eq!(sink.0.len(), r.questionnaires.len() + 2, "{format:?}");
        let whole: Vec<u8> = sink.0.concat();
        let text = match format {
            Format::Markdown => markdown::render(&r),
            Format::Html => html::render(&r),
        };
        assert_eq!(String::from_utf8(whole).unwrap(), text, "{format:?}");
        assert!(sink.0.iter().all(|c| c.len() < text.len()), "{format:?}");
    }
}
