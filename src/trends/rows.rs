//! The check-ins under a chart, newest first: each score with its band and
//! its change since the previous and since the first check-in. A
//! reliable-change verdict appears only where the questionnaire gives a
//! sourced rule (`instrument::change::change`); otherwise the plain difference.

use chrono::NaiveDateTime;

use super::series::Trend;
use super::window::Window;
use crate::instrument::change::{Change, change};
use crate::instrument::model::{ChangeRule, ScoreDef};
use crate::instrument::score::format_value;
use crate::strings;

/// One score of one check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreCell {
    pub value: Option<f64>,
    pub band: Option<String>,
    /// Change from the latest earlier check-in that has this score.
    pub since_previous: Option<Change>,
    /// Change from the first check-in that has this score (None for that one).
    pub since_first: Option<Change>,
}

/// Score `def` at point `point`, with its band and changes. Earlier
/// check-ins count even when they are outside the window being shown.
pub fn cell(trend: &Trend, point: usize, def: usize) -> ScoreCell {
    let value = trend.value(point, def);
    let Some(d) = trend.def(def) else {
        return ScoreCell {
            value,
            band: None,
            since_previous: None,
            since_first: None,
        };
    };
    let previous = (0..point).rev().find_map(|p| trend.value(p, def));
    let first = (0..point).find_map(|p| trend.value(p, def));
    ScoreCell {
        value,
        band: value.and_then(|v| d.band_for(v)).map(|b| b.label.clone()),
        since_previous: value.zip(previous).map(|(v, p)| change(d, p, v)),
        since_first: value.zip(first).map(|(v, f)| change(d, f, v)),
    }
}

/// One check-in in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    /// Index into the trend's points.
    pub point: usize,
    pub session_id: String,
    pub local: NaiveDateTime,
    pub with_counselor: bool,
    /// Another listed check-in has the same date: show the time as well.
    pub same_day: bool,
    /// One per score asked for, in that order.
    pub cells: Vec<ScoreCell>,
}

/// The check-ins inside `window` ending at `now`, newest first, with the
/// scores `defs`.
pub fn session_rows(
    trend: &Trend,
    defs: &[usize],
    window: Window,
    now: NaiveDateTime,
) -> Vec<SessionRow> {
    let inside = trend.in_window(window, now);
    let dates: Vec<chrono::NaiveDate> = inside
        .iter()
        .map(|p| trend.points[*p].local.date())
        .collect();
    inside
        .iter()
        .rev()
        .map(|&p| {
            let point = &trend.points[p];
            let date = point.local.date();
            SessionRow {
                point: p,
                session_id: point.session_id.clone(),
                local: point.local,
                with_counselor: point.with_counselor,
                same_day: dates.iter().filter(|d| **d == date).count() > 1,
                cells: defs.iter().map(|d| cell(trend, p, *d)).collect(),
            }
        })
        .collect()
}

/// A value with the score's decimals, or "-".
pub fn value_text(value: Option<f64>, decimals: u32) -> String {
    value.map_or_else(|| "-".to_string(), |v| format_value(v, decimals))
}

/// A change as "+8" / "-2.5" / "0", or "-" when there is nothing to compare.
pub fn diff_text(change: Option<&Change>, decimals: u32) -> String {
    change.map_or_else(
        || "-".to_string(),
        |c| crate::checkin::results::format_diff(c.diff, decimals),
    )
}

/// The verdict in words, or "" where the score has no change rule.
pub fn verdict_text(change: Option<&Change>) -> &'static str {
    change.and_then(|c| c.verdict).map_or("", |v| v.words())
}

/// A change with its verdict, e.g. "+24, reliable improvement" or "+3".
pub fn change_words(change: Option<&Change>, decimals: u32) -> String {
    match change {
        None => "-".to_string(),
        Some(c) => match c.verdict {
            Some(v) => format!("{}, {}", diff_text(Some(c), decimals), v.words()),
            None => diff_text(Some(c), decimals),
        },
    }
}

/// How a score's change is judged, in one sentence.
pub fn rule_summary(def: &ScoreDef) -> String {
    match &def.change {
        Some(ChangeRule::Reliability {
            reliability, sd, ..
        }) => strings::rule_rci(&def.label, *reliability, *sd),
        Some(ChangeRule::Mdc { mdc, .. }) => strings::rule_mdc(&def.label, *mdc),
        None => strings::rule_none(&def.label),
    }
}

/// Where a score's change rule comes from.
pub fn rule_source(def: &ScoreDef) -> Option<&str> {
    match &def.change {
        Some(ChangeRule::Reliability { source, .. } | ChangeRule::Mdc { source, .. }) => {
            Some(source.as_str())
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::change::Verdict;
    use crate::instrument::model::{Method, ScoreDef};
    use crate::trends::series::tests::{noon, trend_of};

    fn def_with(rule: Option<ChangeRule>, higher_is_better: bool) -> ScoreDef {
        ScoreDef {
            id: "total".into(),
            label: "Total".into(),
            method: Method::Sum,
            items: vec![],
            scores: vec![],
            multiply: 1.0,
            add: 0.0,
            min: 0.0,
            max: 100.0,
            decimals: 0,
            higher_is_better,
            max_missing: 0,
            bands: vec![],
            change: rule,
        }
    }

    fn rci_rule() -> Option<ChangeRule> {
        Some(ChangeRule::Reliability {
            reliability: 0.8,
            sd: 10.0,
            source: "Test source".into(),
        })
    }

    #[test]
    fn rci_matches_hand_computed_values() {
        // S_diff = 10 * sqrt(2) * sqrt(1 - 0.8) = 10 * 1.414214 * 0.447214 = 6.324555.
        let d = def_with(rci_rule(), true);
        let c = change(&d, 50.0, 63.0);
        let rci = c.rci.expect("rci");
        // 13 / 6.324555 = 2.055480
        assert!((rci - 2.055480).abs() < 1e-5, "{rci}");
        assert_eq!(c.verdict, Some(Verdict::ReliableImprovement));
        // 12 / 6.324555 = 1.897367: inside 1.96, no reliable change.
        let c = change(&d, 50.0, 62.0);
        assert!((c.rci.expect("rci") - 1.897367).abs() < 1e-5);
        assert_eq!(c.verdict, Some(Verdict::NoReliableChange));
        // Falling 13 points: RCI -2.055, a reliable decline.
        let c = change(&d, 63.0, 50.0);
        assert!((c.rci.expect("rci") + 2.055480).abs() < 1e-5);
        assert_eq!(c.verdict, Some(Verdict::ReliableDecline));
    }

    #[test]
    fn direction_follows_higher_is_better() {
        // Where lower is better (e.g. a symptom score), rising is a decline.
        let d = def_with(rci_rule(), false);
        assert_eq!(
            change(&d, 50.0, 63.0).verdict,
            Some(Verdict::ReliableDecline)
        );
        assert_eq!(
            change(&d, 63.0, 50.0).verdict,
            Some(Verdict::ReliableImprovement)
        );
    }

    #[test]
    fn no_rule_means_a_plain_difference_and_no_verdict() {
        let d = def_with(None, true);
        let c = change(&d, 10.0, 60.0);
        assert_eq!(c.diff, 50.0);
        assert_eq!(c.rci, None);
        assert_eq!(c.verdict, None);
        assert_eq!(verdict_text(Some(&c)), "");
        assert_eq!(change_words(Some(&c), 0), "+50");
        assert!(
            rule_summary(&d).contains("without a verdict"),
            "{}",
            rule_summary(&d)
        );
        assert_eq!(rule_source(&d), None);
    }

    #[test]
    fn who5_rows_judge_change_against_the_23_6_point_mdc() {
        let t = trend_of(
            "who-5",
            &[
                (noon(2026, 1, 5), vec![Some(40.0)]),
                (noon(2026, 10, 30), vec![Some(56.0)]),
                (noon(2026, 11, 23), vec![Some(64.0)]),
            ],
        );
        let rows = session_rows(&t, &[0], Window::All, noon(2026, 11, 24));
        assert_eq!(rows.len(), 3);
        let newest = &rows[0].cells[0];
        assert_eq!(newest.value, Some(64.0));
        assert_eq!(newest.band.as_deref(), Some("Above 50"));
        assert_eq!(
            change_words(newest.since_previous.as_ref(), 0),
            "+8, no reliable change"
        );
        assert_eq!(
            change_words(newest.since_first.as_ref(), 0),
            "+24, reliable improvement"
        );
        let oldest = &rows[2].cells[0];
        assert_eq!(oldest.since_previous, None);
        assert_eq!(oldest.since_first, None);
        assert_eq!(diff_text(oldest.since_previous.as_ref(), 0), "-");
        let who = t.def(0).expect("def");
        assert!(rule_summary(who).contains("23.6"));
        assert!(rule_source(who).is_some_and(|s| s.contains("10.1186/s12955-018-1001-0")));
    }

    #[test]
    fn the_window_limits_rows_not_what_they_are_compared_with() {
        let t = trend_of(
            "barc-10",
            &[
                (noon(2026, 1, 5), vec![Some(30.0)]),
                (noon(2026, 11, 10), vec![Some(40.0)]),
                (noon(2026, 11, 17), vec![Some(48.0)]),
            ],
        );
        let rows = session_rows(&t, &[0], Window::Weeks4, noon(2026, 11, 24));
        assert_eq!(rows.len(), 2);
        // The older one in the window still compares with January.
        let older = &rows[1].cells[0];
        assert_eq!(older.since_previous.as_ref().map(|c| c.diff), Some(10.0));
        assert_eq!(
            rows[0].cells[0].since_first.as_ref().map(|c| c.diff),
            Some(18.0)
        );
        // BARC-10 has no change rule: differences only.
        assert_eq!(
            rows[0].cells[0]
                .since_first
                .as_ref()
                .and_then(|c| c.verdict),
            None
        );
    }

    #[test]
    fn unscored_check_ins_are_skipped_when_comparing() {
        let t = trend_of(
            "barc-10",
            &[
                (noon(2026, 11, 3), vec![Some(30.0)]),
                (noon(2026, 11, 10), vec![None]),
                (noon(2026, 11, 17), vec![Some(36.0)]),
            ],
        );
        let rows = session_rows(&t, &[0], Window::All, noon(2026, 11, 24));
        assert_eq!(
            rows[0].cells[0].since_previous.as_ref().map(|c| c.diff),
            Some(6.0)
        );
        assert_eq!(rows[1].cells[0].value, None);
        assert_eq!(rows[1].cells[0].since_previous, None);
    }

    #[test]
    fn check_ins_on_the_same_day_are_marked() {
        let t = trend_of(
            "barc-10",
            &[
                (noon(2026, 11, 17), vec![Some(30.0)]),
                (
                    noon(2026, 11, 17) + chrono::TimeDelta::hours(3),
                    vec![Some(31.0)],
                ),
                (noon(2026, 11, 20), vec![Some(32.0)]),
            ],
        );
        let rows = session_rows(&t, &[0], Window::All, noon(2026, 11, 24));
        let same: Vec<bool> = rows.iter().map(|r| r.same_day).collect();
        assert_eq!(same, vec![false, true, true]);
    }
}
