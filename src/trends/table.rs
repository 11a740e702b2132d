//! `recap trends --plain` and `--json`: the data behind the charts as text
//! tables (one per score, oldest first, for scripts and screen readers) and
//! as JSON for machines.

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use super::rows::{SessionRow, change_words, rule_source, rule_summary, value_text};
use super::series::Trend;
use super::window::Window;
use crate::instrument::model::{ChangeRule, ScoreDef};
use crate::instrument::score::format_value;
use crate::strings;

/// A date as in scripts: "2026-11-17", with the time when another listed
/// check-in is on the same day.
fn date_text(row: &SessionRow) -> String {
    if row.same_day {
        row.local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        row.local.format("%Y-%m-%d").to_string()
    }
}

/// Columns padded to their widest cell, two spaces apart, no trailing spaces.
pub(super) fn align(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            let pad = widths[c].saturating_sub(cell.chars().count());
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The text tables for one questionnaire: for each score, its check-ins in
/// the window (oldest first) with score, band, change and verdict, then how
/// change is judged and where that comes from.
pub fn plain(trend: &Trend, window: Window, now: NaiveDateTime) -> String {
    let i = &trend.instrument;
    let mut out = format!("{}\n", strings::plain_heading(&i.short_title, &i.title));
    let all: Vec<usize> = (0..i.scores.len()).collect();
    let rows = super::rows::session_rows(trend, &all, window, now);
    if trend.points.is_empty() {
        out.push_str(&strings::trends_none_yet(&i.short_title, &i.id));
        out.push('\n');
        return out;
    }
    if rows.is_empty() {
        out.push_str(&strings::trends_none_in_window(window.label()));
        out.push('\n');
        return out;
    }
    for (col, def) in i.scores.iter().enumerate() {
        out.push('\n');
        out.push_str(&strings::plain_score_heading(
            &def.label,
            &format_value(def.min, def.decimals),
            &format_value(def.max, def.decimals),
            def.higher_is_better,
            window.label(),
            rows.len(),
        ));
        out.push('\n');
        let with_band = !def.bands.is_empty();
        let mut table = vec![strings::plain_columns(with_band)];
        for row in rows.iter().rev() {
            let cell = &row.cells[col];
            let mut line = vec![date_text(row), value_text(cell.value, def.decimals)];
            if with_band {
                line.push(
                    cell.band
                        .as_ref()
                        .map_or_else(|| "-".into(), |b| b.label.clone()),
                );
            }
            line.push(change_words(cell.since_previous.as_ref(), def.decimals));
            line.push(change_words(cell.since_first.as_ref(), def.decimals));
            line.push(strings::yes_no(row.with_counselor).to_string());
            table.push(line);
        }
        out.push_str(&align(&table));
        out.push_str(&rule_summary(def));
        out.push('\n');
        if let Some(source) = rule_source(def) {
            out.push_str(&strings::rule_source_line(source));
            out.push('\n');
        }
    }
    out
}

fn rule_json(def: &ScoreDef) -> Value {
    match &def.change {
        None => Value::Null,
        Some(ChangeRule::Reliability {
            reliability,
            sd,
            source,
        }) => {
            json!({"kind": "reliability", "reliability": reliability, "sd": sd, "source": source})
        }
        Some(ChangeRule::Mdc { mdc, source }) => {
            json!({"kind": "mdc", "mdc": mdc, "source": source})
        }
    }
}

/// One questionnaire's trend as JSON: each score with its range, band edges
/// and change rule, and its check-ins in the window, oldest first.
pub fn json(trend: &Trend, window: Window, now: NaiveDateTime) -> Value {
    serde_json::to_value(QuestionnaireJson::new(trend, window, now)).unwrap_or(Value::Null)
}

/// The whole `trends --json` document, written to `out` as it is made (one
/// questionnaire's rows in memory at a time), in the layout of
/// `serde_json::to_string_pretty` of the same values (keys in order).
pub fn write_json<W: std::io::Write>(
    out: W,
    profile: &str,
    window: Window,
    now: NaiveDateTime,
    trends: &[Trend],
    network: Option<&Value>,
    goals: Option<&Value>,
) -> serde_json::Result<()> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        goals: Option<&'a Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        network: Option<&'a Value>,
        profile: &'a str,
        questionnaires: Questionnaires<'a>,
        window: &'static str,
    }
    struct Questionnaires<'a> {
        trends: &'a [Trend],
        window: Window,
        now: NaiveDateTime,
    }
    impl serde::Serialize for Questionnaires<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq;
            let mut seq = s.serialize_seq(Some(self.trends.len()))?;
            for t in self.trends {
                seq.serialize_element(&QuestionnaireJson::new(t, self.window, self.now))?;
            }
            seq.end()
        }
    }
    let doc = Doc {
        goals,
        network,
        profile,
        questionnaires: Questionnaires {
            trends,
            window,
            now,
        },
        window: window.code(),
    };
    let mut ser = serde_json::Serializer::pretty(out);
    serde::Serialize::serialize(&doc, &mut ser)
}

/// One questionnaire's trend, serialised field by field (keys in the order
/// `serde_json::Value` keeps them) without building a `Value` of its rows.
#[derive(serde::Serialize)]
struct QuestionnaireJson<'a> {
    check_ins: usize,
    id: &'a str,
    kind: &'a str,
    scores: ScoresJson<'a>,
    short_title: &'a str,
    title: &'a str,
    window: &'static str,
}

impl<'a> QuestionnaireJson<'a> {
    fn new(trend: &'a Trend, window: Window, now: NaiveDateTime) -> QuestionnaireJson<'a> {
        let i = &trend.instrument;
        let all: Vec<usize> = (0..i.scores.len()).collect();
        let rows = super::rows::session_rows(trend, &all, window, now);
        QuestionnaireJson {
            check_ins: rows.len(),
            id: &i.id,
            kind: i.kind.as_str(),
            scores: ScoresJson { trend, rows },
            short_title: &i.short_title,
            title: &i.title,
            window: window.code(),
        }
    }
}

struct ScoresJson<'a> {
    trend: &'a Trend,
    /// Newest first.
    rows: Vec<SessionRow>,
}

impl serde::Serialize for ScoresJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        #[derive(serde::Serialize)]
        struct ScoreJson<'a> {
            change_rule: Value,
            decimals: &'a u32,
            edges: Value,
            higher_is_better: bool,
            id: &'a str,
            label: &'a str,
            max: f64,
            min: f64,
            sessions: SessionsJson<'a>,
        }
        let i = &self.trend.instrument;
        let mut seq = s.serialize_seq(Some(i.scores.len()))?;
        for (col, def) in i.scores.iter().enumerate() {
            let edges: Vec<Value> = super::edges::edges(def)
                .into_iter()
                .map(|e| json!({"value": e.value, "below": e.below, "above": e.above}))
                .collect();
            seq.serialize_element(&ScoreJson {
                change_rule: rule_json(def),
                decimals: &def.decimals,
                edges: Value::Array(edges),
                higher_is_better: def.higher_is_better,
                id: &def.id,
                label: &def.label,
                max: def.max,
                min: def.min,
                sessions: SessionsJson {
                    trend: self.trend,
                    rows: &self.rows,
                    col,
                },
            })?;
        }
        seq.end()
    }
}

/// One score's check-ins, oldest first.
struct SessionsJson<'a> {
    trend: &'a Trend,
    rows: &'a [SessionRow],
    col: usize,
}

impl serde::Serialize for SessionsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::outcome::model::{BandShown, Since};
        use serde::ser::SerializeSeq;
        // The band and changes with their keys in order, as in a `Value`.
        #[derive(serde::Serialize)]
        struct BandJson<'a> {
            label: &'a str,
            max: f64,
            meaning: &'a Option<String>,
            min: f64,
            source: &'a str,
        }
        #[derive(serde::Serialize)]
        struct SinceJson<'a> {
            at: &'a chrono::DateTime<chrono::Utc>,
            diff: f64,
            from: f64,
            rci: Option<f64>,
            session_id: &'a str,
            verdict: &'a Option<crate::instrument::change::Verdict>,
        }
        #[derive(serde::Serialize)]
        struct SessionJson<'a> {
            band: Option<BandJson<'a>>,
            completed_at: String,
            date: String,
            session_id: &'a str,
            since_first: Option<SinceJson<'a>>,
            since_previous: Option<SinceJson<'a>>,
            value: Option<f64>,
            with_counselor: bool,
        }
        fn band(b: &BandShown) -> BandJson<'_> {
            BandJson {
                label: &b.label,
                max: b.max,
                meaning: &b.meaning,
                min: b.min,
                source: &b.source,
            }
        }
        fn since(c: &Since) -> SinceJson<'_> {
            SinceJson {
                at: &c.at,
                diff: c.diff,
                from: c.from,
                rci: c.rci,
                session_id: &c.session_id,
                verdict: &c.verdict,
            }
        }
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for row in self.rows.iter().rev() {
            let cell = &row.cells[self.col];
            seq.serialize_element(&SessionJson {
                band: cell.band.as_ref().map(band),
                completed_at: self.trend.points[row.point]
                    .at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                date: row.local.format("%Y-%m-%d").to_string(),
                session_id: &row.session_id,
                since_first: cell.since_first.as_ref().map(since),
                since_previous: cell.since_previous.as_ref().map(since),
                value: cell.value,
                with_counselor: row.with_counselor,
            })?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trends::series::tests::{noon, trend_of};

    #[test]
    fn plain_table_lists_scores_changes_and_verdicts_oldest_first() {
        let t = trend_of(
            "who-5",
            &[
                (noon(2026, 1, 5), vec![Some(40.0)]),
                (noon(2026, 10, 30), vec![Some(56.0)]),
                (noon(2026, 11, 23), vec![Some(64.0)]),
            ],
        );
        let text = plain(&t, Window::All, noon(2026, 11, 24));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("WHO-5"), "{text}");
        let first = lines
            .iter()
            .position(|l| l.starts_with("2026-01-05"))
            .expect("row");
        assert!(
            lines[first].contains("40") && lines[first].contains("29 to 50"),
            "{text}"
        );
        assert!(lines[first + 2].starts_with("2026-11-23"), "{text}");
        assert!(
            lines[first + 2].contains("+8, no reliable change"),
            "{text}"
        );
        assert!(
            lines[first + 2].contains("+24, reliable improvement"),
            "{text}"
        );
        assert!(text.contains("23.6"), "{text}");
        assert!(text.contains("10.1186/s12955-018-1001-0"), "{text}");
    }

    #[test]
    fn without_a_rule_there_is_no_verdict_anywhere() {
        let t = trend_of(
            "barc-10",
            &[
                (noon(2026, 11, 3), vec![Some(39.0)]),
                (noon(2026, 11, 17), vec![Some(48.0)]),
            ],
        );
        let text = plain(&t, Window::All, noon(2026, 11, 24));
        assert!(!text.contains("reliable improvement"), "{text}");
        assert!(
            text.contains("2026-11-17  48     47 or above  +9"),
            "{text}"
        );
        let v = json(&t, Window::All, noon(2026, 11, 24));
        let sessions = &v["scores"][0]["sessions"];
        assert_eq!(sessions[1]["value"], 48.0);
        assert_eq!(sessions[1]["since_previous"]["diff"], 9.0);
        assert_eq!(sessions[1]["since_previous"]["verdict"], Value::Null);
        assert_eq!(v["scores"][0]["change_rule"], Value::Null);
        assert_eq!(v["scores"][0]["edges"][0]["value"], 47.0);
    }

    #[test]
    fn json_carries_the_verdict_and_rule() {
        let t = trend_of(
            "who-5",
            &[
                (noon(2026, 1, 5), vec![Some(40.0)]),
                (noon(2026, 11, 23), vec![Some(64.0)]),
            ],
        );
        let v = json(&t, Window::All, noon(2026, 11, 24));
        assert_eq!(v["window"], "all");
        assert_eq!(v["check_ins"], 2);
        let s = &v["scores"][0];
        assert_eq!(s["change_rule"]["kind"], "mdc");
        assert_eq!(s["change_rule"]["mdc"], 23.6);
        assert_eq!(s["sessions"][0]["date"], "2026-01-05");
        assert_eq!(
            s["sessions"][1]["since_first"]["verdict"],
            "reliable_improvement"
        );
    }

    #[test]
    fn empty_and_out_of_window_say_so() {
        let t = trend_of("barc-10", &[]);
        let text = plain(&t, Window::All, noon(2026, 11, 24));
        assert!(text.contains("recap check-in barc-10"), "{text}");
        let t = trend_of("barc-10", &[(noon(2025, 1, 3), vec![Some(39.0)])]);
        let text = plain(&t, Window::Weeks4, noon(2026, 11, 24));
        assert!(text.contains("last 4 weeks"), "{text}");
    }
}
