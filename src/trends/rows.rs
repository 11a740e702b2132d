//! The check-ins under a chart, newest first: each score as the result
//! model gives it (`outcome::score_outcome`: band, change since the previous
//! check-in and since the first check-in of the window shown, a verdict only
//! where the questionnaire gives a sourced rule).

use chrono::NaiveDateTime;

use super::series::{Trend, TrendPoint};
use super::window::Window;
use crate::instrument::model::{ChangeRule, ScoreDef};
use crate::outcome::{ScoreOutcome, Scored, score_outcome};
use crate::strings;

pub use crate::outcome::text::{change_words, diff_text, value_text, verdict_text};

/// One score of one check-in: the result model's score.
pub type ScoreCell = ScoreOutcome;

impl Scored for TrendPoint {
    fn session_id(&self) -> &str {
        &self.session_id
    }
    fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.at
    }
    fn value(&self, score: usize) -> Option<f64> {
        self.values.get(score).copied().flatten()
    }
}

/// Index of the first point inside `window` ending at `now` (the number of
/// points when none is): where the period shown starts.
pub fn period_start(trend: &Trend, window: Window, now: NaiveDateTime) -> usize {
    trend
        .points
        .iter()
        .position(|p| window.contains(now, p.local))
        .unwrap_or(trend.points.len())
}

/// Score `def` at point `point`, compared with every check-in before it;
/// "since first" is measured from the first check-in at or after
/// `period_start` (the period shown). None for an unknown score.
pub fn cell(trend: &Trend, point: usize, def: usize, period_start: usize) -> Option<ScoreCell> {
    let d = trend.def(def)?;
    let earlier = trend.points.get(..point).unwrap_or_default();
    Some(score_outcome(
        d,
        def,
        trend.value(point, def),
        None,
        earlier,
        period_start,
    ))
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
    let mut rows = listed_rows(trend, window, now);
    let start = rows.last().map_or(trend.points.len(), |r| r.point);
    for row in &mut rows {
        row.cells = defs
            .iter()
            .filter_map(|d| cell(trend, row.point, *d, start))
            .collect();
    }
    rows
}

/// The check-ins inside `window` ending at `now`, newest first, without
/// their scores (`cells` empty): the trends screen lists these and works
/// out the scores (`cell`) only of the rows it draws, so a long history
/// costs one small row per check-in when it loads.
pub fn listed_rows(trend: &Trend, window: Window, now: NaiveDateTime) -> Vec<SessionRow> {
    let inside = trend.in_window(window, now);
    // How many listed check-ins fall on each date.
    let mut dates: std::collections::HashMap<chrono::NaiveDate, usize> =
        std::collections::HashMap::new();
    for p in &inside {
        *dates.entry(trend.points[*p].local.date()).or_default() += 1;
    }
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
                same_day: dates.get(&date).is_some_and(|n| *n > 1),
                cells: Vec::new(),
            }
        })
        .collect()
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
    use crate::instrument::change::{Verdict, change};
    use crate::instrument::model::Method;
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
        let from = crate::outcome::Point {
            session_id: "a".into(),
            at: chrono::DateTime::UNIX_EPOCH,
            utc_offset: None,
            with_counselor: false,
            values: vec![Some(10.0)],
        };
        let since = crate::outcome::since(&d, 0, 60.0, &from).expect("since");
        assert_eq!(since.verdict, None);
        assert_eq!(verdict_text(Some(&since)), "");
        assert_eq!(change_words(Some(&since), 0), "+50");
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
        assert_eq!(
            newest.band.as_ref().map(|b| b.label.as_str()),
            Some("Above 50")
        );
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
    fn since_first_is_the_first_of_the_window_and_previous_may_be_older() {
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
        // The older one in the window still compares with the check-in
        // before it (January), and is itself the first of the period.
        let older = &rows[1].cells[0];
        assert_eq!(older.since_previous.as_ref().map(|c| c.diff), Some(10.0));
        assert_eq!(older.since_first, None);
        // "Since first" is measured from the first check-in shown.
        assert_eq!(
            rows[0].cells[0].since_first.as_ref().map(|c| c.diff),
            Some(8.0)
        );
        // All time: from January.
        let rows = session_rows(&t, &[0], Window::All, noon(2026, 11, 24));
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
