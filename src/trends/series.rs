//! One questionnaire's history, read once from the store's cached scores:
//! the points in time order, the score views a chart can show (one score,
//! or several subscales together), and the data a chart draws for a view
//! and time window (series, x and y ranges, band edges as reference lines).

use chrono::{DateTime, NaiveDateTime, Utc};

use super::axis;
use super::window::Window;
use crate::instrument::{Catalog, Instrument, ScoreDef};
use crate::store::{SessionQuery, Store, StoreResult};
use crate::strings;
use crate::timefmt::{Lived, Zone};

/// One completed check-in of the questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub session_id: String,
    pub at: DateTime<Utc>,
    /// When it was completed, in the zone dates are shown in.
    pub local: NaiveDateTime,
    pub with_counselor: bool,
    /// One value per score of the questionnaire, in the order of its scores
    /// (None: not scored, too many answers missing).
    pub values: Vec<Option<f64>>,
}

/// A questionnaire and every completed check-in of it, oldest first.
#[derive(Debug, Clone)]
pub struct Trend {
    pub instrument: Instrument,
    pub points: Vec<TrendPoint>,
}

impl Trend {
    /// Builds a trend from a questionnaire and its points, oldest first.
    pub fn new(instrument: Instrument, points: Vec<TrendPoint>) -> Trend {
        Trend { instrument, points }
    }

    pub fn id(&self) -> &str {
        &self.instrument.id
    }

    pub fn def(&self, index: usize) -> Option<&ScoreDef> {
        self.instrument.scores.get(index)
    }

    /// The value of score `def` at point `point`.
    pub fn value(&self, point: usize, def: usize) -> Option<f64> {
        self.points
            .get(point)
            .and_then(|p| p.values.get(def).copied().flatten())
    }

    /// Indices of the points inside `window` ending at `now`, oldest first.
    pub fn in_window(&self, window: Window, now: NaiveDateTime) -> Vec<usize> {
        self.points
            .iter()
            .enumerate()
            .filter(|(_, p)| window.contains(now, p.local))
            .map(|(i, _)| i)
            .collect()
    }

    /// Index of the point of a session.
    pub fn position(&self, session_id: &str) -> Option<usize> {
        self.points.iter().position(|p| p.session_id == session_id)
    }
}

/// Index of the headline score: `total` or `overall`, else the first.
pub fn primary_index(instrument: &Instrument) -> Option<usize> {
    instrument
        .scores
        .iter()
        .position(|s| s.id == "total" || s.id == "overall")
        .or(if instrument.scores.is_empty() {
            None
        } else {
            Some(0)
        })
}

/// Reads a questionnaire's completed check-ins for a profile. The
/// questionnaire comes from the catalog, or (if its file is gone) from the
/// snapshot of its latest check-in. None when it is unknown and never done.
pub fn load(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    questionnaire_id: &str,
    zone: Zone,
) -> StoreResult<Option<Trend>> {
    let instrument = match catalog.get(questionnaire_id) {
        Some(loaded) => loaded.instrument.clone(),
        None => {
            let latest = store.score_values_tail(profile_id, questionnaire_id, 1, &[])?;
            let Some(last) = latest.last() else {
                return Ok(None);
            };
            let Some(session) = store.session(&last.session_id)? else {
                return Ok(None);
            };
            (*store.snapshot_instrument(&session.snapshot_hash)?).clone()
        }
    };
    let ids = crate::outcome::score_ids(&instrument);
    let points = store
        .score_values(profile_id, questionnaire_id, &SessionQuery::default(), &ids)?
        .into_iter()
        .map(|p| TrendPoint {
            local: zone
                .at(Lived::new(p.completed_at, p.utc_offset))
                .naive_local(),
            values: p.values,
            at: p.completed_at,
            session_id: p.session_id,
            with_counselor: p.with_counselor,
        })
        .collect();
    Ok(Some(Trend::new(instrument, points)))
}

/// The questionnaires to page through: every one in the catalog, then any
/// with check-ins whose file is no longer there.
pub fn questionnaire_ids(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
) -> StoreResult<Vec<String>> {
    let mut ids = catalog.ids();
    for id in with_data(store, catalog, profile_id)? {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Questionnaires with at least one completed check-in: catalog order first,
/// then the others by id.
pub fn with_data(store: &Store, catalog: &Catalog, profile_id: i64) -> StoreResult<Vec<String>> {
    // One row per questionnaire from the small last-completed table.
    let mut done: Vec<String> = store
        .last_completed(profile_id)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    done.sort();
    done.dedup();
    let mut ids: Vec<String> = catalog
        .ids()
        .into_iter()
        .filter(|id| done.contains(id))
        .collect();
    for id in done {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// What a chart shows: one score, or several subscales together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Single(usize),
    Together(Vec<usize>),
}

impl View {
    /// The score indices drawn.
    pub fn scores(&self) -> &[usize] {
        match self {
            View::Single(i) => std::slice::from_ref(i),
            View::Together(v) => v,
        }
    }

    /// e.g. "Recovery capital", or "All dimensions" for subscales together.
    pub fn label(&self, instrument: &Instrument) -> String {
        match self {
            View::Single(i) => instrument
                .scores
                .get(*i)
                .map_or_else(String::new, |d| d.label.clone()),
            View::Together(_) if !instrument.domains.is_empty() => {
                strings::VIEW_ALL_DIMENSIONS.to_string()
            }
            View::Together(_) => strings::VIEW_ALL_SUBSCALES.to_string(),
        }
    }
}

/// The views offered for a questionnaire, in the order `c` steps through
/// them. With two or more subscales (scores besides the headline) they come
/// first, drawn together; then the headline score; then each subscale alone.
pub fn views(instrument: &Instrument) -> Vec<View> {
    let Some(primary) = primary_index(instrument) else {
        return Vec::new();
    };
    let subs: Vec<usize> = (0..instrument.scores.len())
        .filter(|i| *i != primary)
        .collect();
    let mut out = Vec::new();
    if subs.len() >= 2 {
        out.push(View::Together(subs.clone()));
    }
    out.push(View::Single(primary));
    out.extend(subs.into_iter().map(View::Single));
    out
}

/// Whether the questionnaire has subscales worth a latest-versus-previous
/// overview (two or more scores besides the headline).
pub fn has_overview(instrument: &Instrument) -> bool {
    matches!(views(instrument).first(), Some(View::Together(_)))
}

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub label: String,
    /// (x = day number, y = value), oldest first.
    pub points: Vec<(f64, f64)>,
}

pub use super::edges::RefLine;

/// Everything a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub series: Vec<ChartSeries>,
    pub x_bounds: [f64; 2],
    /// The scores' possible range.
    pub y_bounds: [f64; 2],
    pub decimals: u32,
    pub refs: Vec<RefLine>,
}

impl ChartData {
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }
}

/// The chart of `view` for the check-ins inside `window` ending at `now`:
/// x from the window's start (all time: the first check-in) to now; y the
/// scores' possible range; reference lines at the band edges of a single
/// score, at their published figures.
pub fn chart_data(trend: &Trend, view: &View, window: Window, now: NaiveDateTime) -> ChartData {
    let inside = trend.in_window(window, now);
    let defs: Vec<(usize, &ScoreDef)> = view
        .scores()
        .iter()
        .filter_map(|i| trend.def(*i).map(|d| (*i, d)))
        .collect();
    let series = defs
        .iter()
        .map(|(i, d)| ChartSeries {
            label: d.label.clone(),
            points: inside
                .iter()
                .filter_map(|p| {
                    let point = &trend.points[*p];
                    trend
                        .value(*p, *i)
                        .map(|v| (axis::day_number(point.local), v))
                })
                .collect(),
        })
        .collect();
    let y_lo = defs
        .iter()
        .map(|(_, d)| d.min)
        .fold(f64::INFINITY, f64::min);
    let y_hi = defs
        .iter()
        .map(|(_, d)| d.max)
        .fold(f64::NEG_INFINITY, f64::max);
    let y_bounds = if y_lo.is_finite() && y_hi.is_finite() && y_hi > y_lo {
        [y_lo, y_hi]
    } else {
        [0.0, 1.0]
    };
    let refs = match (view, defs.first()) {
        (View::Single(_), Some((_, d))) => super::edges::edges(d),
        _ => Vec::new(),
    };
    let x_bounds = axis::x_bounds(
        window.start(now),
        trend.points.first().map(|p| p.local),
        trend.points.last().map(|p| p.local),
        now,
    );
    ChartData {
        series,
        x_bounds,
        y_bounds,
        decimals: defs.iter().map(|(_, d)| d.decimals).max().unwrap_or(0),
        refs,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::instrument::Catalog;
    use chrono::NaiveDate;

    pub fn noon(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("date")
    }

    /// A trend of a bundled questionnaire from (date, values per score).
    pub fn trend_of(id: &str, points: &[(NaiveDateTime, Vec<Option<f64>>)]) -> Trend {
        let instrument = Catalog::bundled()
            .get(id)
            .expect("bundled")
            .instrument
            .clone();
        Trend::new(
            instrument,
            points
                .iter()
                .enumerate()
                .map(|(i, (t, values))| TrendPoint {
                    session_id: format!("s{i}"),
                    at: t.and_utc(),
                    local: *t,
                    with_counselor: i % 2 == 1,
                    values: values.clone(),
                })
                .collect(),
        )
    }

    #[test]
    fn samhsa_shows_the_four_dimensions_together_first() {
        let t = trend_of("samhsa-dimensions", &[]);
        let v = views(&t.instrument);
        assert_eq!(
            v,
            vec![
                View::Together(vec![0, 1, 2, 3]),
                View::Single(4),
                View::Single(0),
                View::Single(1),
                View::Single(2),
                View::Single(3),
            ]
        );
        assert_eq!(v[0].label(&t.instrument), "All dimensions");
        assert_eq!(v[1].label(&t.instrument), "Overall");
        assert!(has_overview(&t.instrument));
        let barc = trend_of("barc-10", &[]);
        assert_eq!(views(&barc.instrument), vec![View::Single(0)]);
        assert!(!has_overview(&barc.instrument));
    }

    #[test]
    fn chart_data_keeps_the_window_and_the_band_edges() {
        let t = trend_of(
            "who-5",
            &[
                (noon(2026, 1, 5), vec![Some(40.0)]),
                (noon(2026, 10, 30), vec![Some(56.0)]),
                (noon(2026, 11, 20), vec![None]),
                (noon(2026, 11, 23), vec![Some(64.0)]),
            ],
        );
        let now = noon(2026, 11, 24);
        let all = chart_data(&t, &View::Single(0), Window::All, now);
        assert_eq!(all.series.len(), 1);
        // The unscored check-in is not drawn.
        assert_eq!(all.series[0].points.len(), 3);
        assert_eq!(all.y_bounds, [0.0, 100.0]);
        assert_eq!(
            all.x_bounds,
            [axis::day_number(noon(2026, 1, 5)), axis::day_number(now)]
        );
        assert_eq!(
            all.refs,
            vec![
                RefLine {
                    value: 28.0,
                    split: 29.0,
                    below: "28 or below".into(),
                    above: "29 to 50".into(),
                },
                RefLine {
                    value: 50.0,
                    split: 51.0,
                    below: "29 to 50".into(),
                    above: "Above 50".into(),
                },
            ]
        );
        let recent = chart_data(&t, &View::Single(0), Window::Weeks4, now);
        assert_eq!(
            recent.series[0].points,
            vec![
                (axis::day_number(noon(2026, 10, 30)), 56.0),
                (axis::day_number(noon(2026, 11, 23)), 64.0)
            ]
        );
        assert_eq!(recent.x_bounds[0], axis::day_number(noon(2026, 10, 27)));
    }

    #[test]
    fn dimensions_together_share_one_range_and_have_no_cutoffs() {
        let v = |x: f64| {
            vec![
                Some(x),
                Some(x + 10.0),
                Some(x + 20.0),
                Some(x + 30.0),
                None,
            ]
        };
        let t = trend_of("samhsa-dimensions", &[(noon(2026, 11, 2), v(25.0))]);
        let data = chart_data(
            &t,
            &View::Together(vec![0, 1, 2, 3]),
            Window::All,
            noon(2026, 11, 24),
        );
        let labels: Vec<&str> = data.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, vec!["Health", "Home", "Purpose", "Community"]);
        assert_eq!(data.series[3].points[0].1, 55.0);
        assert_eq!(data.y_bounds, [0.0, 100.0]);
        assert!(data.refs.is_empty());
    }
}
