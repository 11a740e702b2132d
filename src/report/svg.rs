//! Hand-written SVG trend charts for the HTML report: axes, date labels,
//! the score range, band edges as dashed lines at their published figures
//! (labelled on the axis) with every band named beside its part of the
//! plot, and one line per score told apart by colour, dash pattern and
//! marker shape. A marker is never drawn on or across an edge of a band it
//! is not in, and markers of equal values at one check-in sit side by side.
//! A long history is drawn thinned to the chart's width (each column's
//! first, lowest, highest and last value), marked at its ends.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::html::escape;
use crate::instrument::score::format_value;
use crate::timefmt::{Lived, Zone};
use crate::trends::edges::{RefLine, band_labels};
use crate::trends::thin::thin;

/// A series with more scored check-ins than this is drawn thinned to the
/// chart's width, with markers at its first and last check-in only.
const MARKED_MAX: usize = 120;

/// One line on a chart.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub label: &'a str,
    /// Oldest first, each when it was done in the person's zone; None where
    /// the check-in could not be scored.
    pub points: Vec<(Lived, Option<f64>)>,
}

/// A chart of one or more scores sharing a range.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// Unique within the document (used for the accessible title).
    pub id: &'a str,
    /// The text alternative.
    pub title: &'a str,
    pub min: f64,
    pub max: f64,
    pub decimals: u32,
    pub series: Vec<Series<'a>>,
    /// The band edges, at their published figures (`trends::edges`).
    pub edges: Vec<RefLine>,
    pub zone: Zone,
}

/// How one series is drawn: three ways at once, so lines can be told apart
/// without colour (printouts, colour vision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: &'static str,
    /// `stroke-dasharray`, None for a solid line.
    pub dash: Option<&'static str>,
    pub marker: Marker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
}

/// Colours from the Okabe-Ito palette (distinguishable with common colour
/// vision differences), each with its own dash pattern and marker.
pub const STYLES: [Style; 5] = [
    Style {
        colour: "#0072B2",
        dash: None,
        marker: Marker::Circle,
    },
    Style {
        colour: "#D55E00",
        dash: Some("8 4"),
        marker: Marker::Square,
    },
    Style {
        colour: "#009E73",
        dash: Some("2 3"),
        marker: Marker::Triangle,
    },
    Style {
        colour: "#CC79A7",
        dash: Some("10 3 2 3"),
        marker: Marker::Diamond,
    },
    Style {
        colour: "#333333",
        dash: Some("4 2 1 2 1 2"),
        marker: Marker::Cross,
    },
];

/// The style of the `index`-th series.
pub fn style(index: usize) -> Style {
    STYLES[index % STYLES.len()]
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 52.0;
/// The plot's right edge; with band cutoffs, their labels go to its right.
const RIGHT_PLAIN: f64 = WIDTH - 26.0;
const RIGHT_CUTOFFS: f64 = WIDTH - 104.0;
/// Longest band label drawn in full (the whole label is in the report text).
const CUTOFF_LABEL_CHARS: usize = 16;
/// How far a marker's centre stays from an edge line it is not on: its
/// largest half-size (5.5) and its outline.
const CLEAR: f64 = 6.5;
/// Markers at one check-in closer than this (vertically) sit side by side,
/// this far apart.
const MARKER_GAP: f64 = 9.0;
/// Axis labels closer than this (vertically) would touch.
const LABEL_GAP: f64 = 14.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 226.0;
/// Space between the axis and the first/last point.
const PAD: f64 = 18.0;
const LEGEND_ENTRY: f64 = 148.0;

fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// A step of 1, 2, 2.5 or 5 times a power of ten giving about five ticks.
fn nice_step(span: f64) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The values labelled on the vertical axis: the range's ends and round steps between.
pub fn y_ticks(min: f64, max: f64) -> Vec<f64> {
    let step = nice_step(max - min);
    let mut ticks = vec![min];
    let mut v = (min / step).floor() * step + step;
    while v < max - step * 0.25 {
        if v > min + step * 0.25 {
            ticks.push(v);
        }
        v += step;
    }
    if max > min {
        ticks.push(max);
    }
    ticks
}

fn tick_decimals(ticks: &[f64], decimals: u32) -> u32 {
    (0..=decimals.max(1))
        .find(|&d| {
            ticks.iter().all(|t| {
                let f = 10f64.powi(d as i32);
                ((t * f).round() - t * f).abs() < 1e-6
            })
        })
        .unwrap_or(decimals)
}

struct Scale {
    min: f64,
    max: f64,
    t0: i64,
    t1: i64,
    right: f64,
}

impl Scale {
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.min, self.max);
        BOTTOM - (v - self.min) / (self.max - self.min) * (BOTTOM - TOP)
    }

    /// Where `v` is drawn among the edges (value, y): at its height, or
    /// moved just clear of an edge line its marker would touch or cross,
    /// on the side of its own band.
    fn y_in_band(&self, v: f64, edges: &[(f64, &RefLine)]) -> f64 {
        let (mut top, mut bottom) = (TOP, BOTTOM);
        for (ey, e) in edges {
            if e.is_above(v) {
                bottom = bottom.min(ey - CLEAR);
            } else {
                top = top.max(ey + CLEAR);
            }
        }
        if top <= bottom {
            self.y(v).clamp(top, bottom)
        } else {
            (top + bottom) / 2.0
        }
    }

    fn x(&self, t: DateTime<Utc>) -> f64 {
        if self.t1 <= self.t0 {
            return (LEFT + self.right) / 2.0;
        }
        let f = (t.timestamp_millis() - self.t0) as f64 / (self.t1 - self.t0) as f64;
        LEFT + PAD + f * (self.right - LEFT - 2.0 * PAD)
    }
}

/// The path of a marker centred on (x, y).
fn marker(m: Marker, x: f64, y: f64, colour: &str) -> String {
    match m {
        Marker::Circle => format!(
            r##"<circle cx="{}" cy="{}" r="4.2" fill="{colour}" stroke="#ffffff" stroke-width="1"/>"##,
            n(x),
            n(y)
        ),
        Marker::Square => format!(
            r##"<rect x="{}" y="{}" width="8" height="8" fill="{colour}" stroke="#ffffff" stroke-width="1"/>"##,
            n(x - 4.0),
            n(y - 4.0)
        ),
        Marker::Triangle => format!(
            r##"<path d="M{} {}L{} {}L{} {}Z" fill="{colour}" stroke="#ffffff" stroke-width="1"/>"##,
            n(x),
            n(y - 5.5),
            n(x + 5.0),
            n(y + 3.5),
            n(x - 5.0),
            n(y + 3.5)
        ),
        Marker::Diamond => format!(
            r##"<path d="M{} {}L{} {}L{} {}L{} {}Z" fill="{colour}" stroke="#ffffff" stroke-width="1"/>"##,
            n(x),
            n(y - 5.5),
            n(x + 5.0),
            n(y),
            n(x),
            n(y + 5.5),
            n(x - 5.0),
            n(y)
        ),
        Marker::Cross => format!(
            r#"<path d="M{} {}L{} {}M{} {}L{} {}" stroke="{colour}" stroke-width="2.4" fill="none"/>"#,
            n(x - 4.0),
            n(y - 4.0),
            n(x + 4.0),
            n(y + 4.0),
            n(x - 4.0),
            n(y + 4.0),
            n(x + 4.0),
            n(y - 4.0)
        ),
    }
}

/// Sideways offsets for markers given as (x, y), so that no two are
/// closer than `MARKER_GAP` both ways: from left to right, a marker that
/// would overlap one already placed (an equal value at the same check-in,
/// or at one close in time) moves the least distance sideways that frees
/// it, staying between `left` and `right`. Offsets are in the order given.
fn spread(marks: &[(f64, f64)], left: f64, right: f64) -> Vec<f64> {
    const STEP: f64 = 1.5;
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by(|a, b| marks[*a].0.total_cmp(&marks[*b].0).then(a.cmp(b)));
    let mut out = vec![0.0; marks.len()];
    let mut placed: Vec<(f64, f64)> = Vec::with_capacity(marks.len());
    for i in order {
        let (x, y) = marks[i];
        let free = |dx: f64| {
            (dx == 0.0 || (left..=right).contains(&(x + dx)))
                && placed.iter().all(|(px, py)| {
                    (x + dx - px).abs() >= MARKER_GAP || (y - py).abs() >= MARKER_GAP
                })
        };
        let dx = (0..=40)
            .flat_map(|k| [f64::from(k) * STEP, -f64::from(k) * STEP])
            .find(|dx| free(*dx))
            .unwrap_or(0.0);
        out[i] = dx;
        placed.push((x + dx, y));
    }
    out
}

fn dash_attr(style: Style) -> String {
    style
        .dash
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
}

/// Picks the instants labelled on the time axis: each check-in when there
/// are few (its date in the person's zone then), else five evenly spaced
/// instants (in the zone of the latest check-in); labels never overlap and
/// the same date is never written twice.
fn x_labels(scale: &Scale, times: &[Lived], zone: Zone) -> Vec<(f64, String)> {
    let mut candidates: Vec<Lived> = times.to_vec();
    candidates.dedup_by_key(|t| zone.short_date(*t));
    if candidates.len() > 6 {
        let offset = times.last().and_then(|t| t.offset);
        candidates = (0..5)
            .filter_map(|k| {
                let ms = scale.t0 + (scale.t1 - scale.t0) * k / 4;
                DateTime::<Utc>::from_timestamp_millis(ms).map(|t| Lived::new(t, offset))
            })
            .collect();
    }
    let mut labels: Vec<(f64, String)> = Vec::new();
    const GAP: f64 = 84.0;
    let last = candidates.len().saturating_sub(1);
    for (i, t) in candidates.iter().enumerate() {
        let x = scale.x(t.at);
        let text = zone.short_date(*t);
        if labels.iter().any(|(_, l)| *l == text) {
            continue;
        }
        match labels.last() {
            Some((px, _)) if x - px < GAP => {
                // Keep the last date on the axis rather than the one before it.
                if i == last && labels.len() > 1 {
                    labels.pop();
                    labels.push((x, text));
                }
            }
            _ => labels.push((x, text)),
        }
    }
    labels
}

/// The whole `<svg>` element.
pub fn render(chart: &Chart<'_>) -> String {
    let (min, max) = if chart.max > chart.min {
        (chart.min, chart.max)
    } else {
        (chart.min - 1.0, chart.min + 1.0)
    };
    let mut times: Vec<Lived> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|(t, _)| *t))
        .collect();
    times.sort_by_key(|t| t.at);
    times.dedup_by_key(|t| t.at);
    let mut edges: Vec<&RefLine> = chart
        .edges
        .iter()
        .filter(|e| e.value > min && e.value < max)
        .collect();
    edges.sort_by(|a, b| a.value.total_cmp(&b.value));
    edges.dedup_by(|a, b| a.value == b.value);
    let right = if edges.is_empty() {
        RIGHT_PLAIN
    } else {
        RIGHT_CUTOFFS
    };
    let scale = Scale {
        min,
        max,
        t0: times.first().map_or(0, |t| t.at.timestamp_millis()),
        t1: times.last().map_or(0, |t| t.at.timestamp_millis()),
        right,
    };
    // Several lines: each is moved sideways a little, so equal lines stay
    // visible (markers that would overlap are spread further below).
    let dodge = |i: usize| -> f64 {
        if chart.series.len() > 1 {
            (i as f64 - (chart.series.len() - 1) as f64 / 2.0) * 2.5
        } else {
            0.0
        }
    };
    let legend_rows = if chart.series.len() > 1 {
        let per_row = ((WIDTH - LEFT) / LEGEND_ENTRY).floor().max(1.0) as usize;
        chart.series.len().div_ceil(per_row)
    } else {
        0
    };
    let height = BOTTOM + 30.0 + legend_rows as f64 * 20.0 + 4.0;
    let title_id = format!("{}-title", chart.id);

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{tid}" font-size="11">"#,
        w = n(WIDTH),
        h = n(height),
        tid = escape(&title_id),
    );
    let _ = write!(
        s,
        r#"<title id="{}">{}</title>"#,
        escape(&title_id),
        escape(chart.title)
    );

    let edge_ys: Vec<(f64, &RefLine)> = edges.iter().map(|e| (scale.y(e.value), *e)).collect();

    // Grid and vertical axis labels: round values, and each edge's figure
    // (a round value too close to an edge's label gives way to it).
    let ticks: Vec<f64> = y_ticks(min, max)
        .into_iter()
        .filter(|t| {
            edge_ys
                .iter()
                .all(|(ey, _)| (scale.y(*t) - ey).abs() >= LABEL_GAP)
        })
        .collect();
    let mut labelled: Vec<f64> = ticks.clone();
    labelled.extend(edges.iter().map(|e| e.value));
    let tick_dec = tick_decimals(&labelled, chart.decimals);
    s.push_str(r##"<g class="grid" stroke="#e3e6ea" stroke-width="1">"##);
    for t in &ticks {
        let y = scale.y(*t);
        let _ = write!(
            s,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            n(LEFT),
            n(y),
            n(right),
            n(y)
        );
    }
    s.push_str("</g>");
    s.push_str(r##"<g class="y-labels" fill="#333333" text-anchor="end">"##);
    for t in &labelled {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}">{}</text>"#,
            n(LEFT - 6.0),
            n(scale.y(*t) + 4.0),
            escape(&format_value(*t, tick_dec))
        );
    }
    s.push_str("</g>");

    // Band edges: a dashed line at each published figure; every band
    // named to the right of the plot, in the middle of its part of it.
    if !edges.is_empty() {
        s.push_str(r#"<g class="cutoffs">"#);
        for (y, _) in &edge_ys {
            let _ = write!(
                s,
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6a737d" stroke-width="1.2" stroke-dasharray="6 4"/>"##,
                n(LEFT),
                n(*y),
                n(right),
                n(*y)
            );
        }
        let owned: Vec<RefLine> = edges.iter().map(|e| (*e).clone()).collect();
        // Bands lowest first: each spans from the edge under it to the one over it.
        let mut bottom = BOTTOM;
        let mut last_label_y = f64::INFINITY;
        for (k, label) in band_labels(&owned).into_iter().enumerate() {
            let top = edge_ys.get(k).map_or(TOP, |(y, _)| *y);
            // Labels go upwards; keep them apart.
            let label_y = ((top + bottom) / 2.0 + 3.5)
                .min(last_label_y - 12.0)
                .max(TOP + 4.0);
            last_label_y = label_y;
            bottom = top;
            let shown: String = if label.chars().count() > CUTOFF_LABEL_CHARS {
                let mut cut: String = label.chars().take(CUTOFF_LABEL_CHARS - 1).collect();
                cut.push('…');
                cut
            } else {
                label.to_string()
            };
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" fill="#4a5058" font-size="10">{}</text>"##,
                n(right + 5.0),
                n(label_y),
                escape(&shown)
            );
        }
        s.push_str("</g>");
    }

    // Axes.
    let _ = write!(
        s,
        r##"<g class="axes" stroke="#333333" stroke-width="1.2"><line x1="{l}" y1="{t}" x2="{l}" y2="{b}"/><line x1="{l}" y1="{b}" x2="{r}" y2="{b}"/></g>"##,
        l = n(LEFT),
        t = n(TOP),
        b = n(BOTTOM),
        r = n(right)
    );

    // Time axis labels.
    s.push_str(r##"<g class="x-labels" fill="#333333" text-anchor="middle">"##);
    for (x, text) in x_labels(&scale, &times, chart.zone) {
        let _ = write!(
            s,
            r##"<line x1="{x}" y1="{b}" x2="{x}" y2="{b2}" stroke="#333333"/><text x="{x}" y="{ty}">{t}</text>"##,
            x = n(x),
            b = n(BOTTOM),
            b2 = n(BOTTOM + 4.0),
            ty = n(BOTTOM + 17.0),
            t = escape(&text)
        );
    }
    s.push_str("</g>");

    // Where each scored check-in is drawn, per series: (x, y).
    let placed: Vec<Vec<(f64, f64)>> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, series)| {
            series
                .points
                .iter()
                .filter_map(|(t, v)| {
                    v.map(|v| (scale.x(t.at) + dodge(i), scale.y_in_band(v, &edge_ys)))
                })
                .collect()
        })
        .collect();
    // A long history: the line goes through each pixel column's first,
    // lowest, highest and last value (no peak or dip is lost), and only its
    // first and last check-ins carry a marker.
    let columns = (right - LEFT).max(1.0) as usize;
    let lines: Vec<Vec<(f64, f64)>> = placed
        .iter()
        .map(|p| {
            if p.len() > MARKED_MAX {
                thin(
                    p,
                    [LEFT - 2.0 * MARKER_GAP, right + 2.0 * MARKER_GAP],
                    columns,
                )
            } else {
                p.clone()
            }
        })
        .collect();
    let marked: Vec<Vec<(f64, f64)>> = placed
        .iter()
        .map(|p| match (p.len() > MARKED_MAX, p.first(), p.last()) {
            (true, Some(first), Some(last)) => vec![*first, *last],
            _ => p.clone(),
        })
        .collect();
    // Markers that would overlap move apart sideways.
    let all: Vec<(usize, usize)> = marked
        .iter()
        .enumerate()
        .flat_map(|(i, p)| (0..p.len()).map(move |k| (i, k)))
        .collect();
    let xy: Vec<(f64, f64)> = all.iter().map(|(i, k)| marked[*i][*k]).collect();
    let mut offsets: Vec<Vec<f64>> = marked.iter().map(|p| vec![0.0; p.len()]).collect();
    for ((i, k), dx) in all.iter().zip(spread(&xy, LEFT + 6.0, right - 6.0)) {
        offsets[*i][*k] = dx;
    }

    // Lines: a polyline per run of scored check-ins, a marker on each.
    for (i, series) in chart.series.iter().enumerate() {
        let st = style(i);
        let _ = write!(
            s,
            r#"<g class="series" data-label="{}">"#,
            escape(series.label)
        );
        // Check-ins that could not be scored are left out of the line.
        let points = &lines[i];
        if points.len() > 1 {
            let coords: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                .collect();
            let _ = write!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.2" stroke-linejoin="round"{}/>"#,
                coords.join(" "),
                st.colour,
                dash_attr(st)
            );
        }
        for ((x, y), dx) in marked[i].iter().zip(&offsets[i]) {
            s.push_str(&marker(st.marker, x + dx, *y, st.colour));
        }
        s.push_str("</g>");
    }

    // Legend: a short line with its marker, then the label.
    if legend_rows > 0 {
        let per_row = ((WIDTH - LEFT) / LEGEND_ENTRY).floor().max(1.0) as usize;
        s.push_str(r##"<g class="legend" fill="#1a1a1a">"##);
        for (i, series) in chart.series.iter().enumerate() {
            let st = style(i);
            let x = LEFT + (i % per_row) as f64 * LEGEND_ENTRY;
            let y = BOTTOM + 38.0 + (i / per_row) as f64 * 20.0;
            let _ = write!(
                s,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.2"{}/>"#,
                n(x),
                n(y - 4.0),
                n(x + 34.0),
                n(y - 4.0),
                st.colour,
                dash_attr(st)
            );
            s.push_str(&marker(st.marker, x + 17.0, y - 4.0, st.colour));
            let _ = write!(
                s,
                r#"<text x="{}" y="{}">{}</text>"#,
                n(x + 42.0),
                n(y),
                escape(series.label)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_range_with_round_steps() {
        assert_eq!(
            y_ticks(0.0, 100.0),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(
            y_ticks(10.0, 60.0),
            vec![10.0, 20.0, 30.0, 40.0, 50.0, 60.0]
        );
        assert_eq!(y_ticks(0.0, 4.0).first(), Some(&0.0));
        assert_eq!(y_ticks(0.0, 4.0).last(), Some(&4.0));
    }

    #[test]
    fn styles_differ_in_every_way() {
        for (i, a) in STYLES.iter().enumerate() {
            for b in &STYLES[i + 1..] {
                assert_ne!(a.colour, b.colour);
                assert_ne!(a.dash, b.dash);
                assert_ne!(a.marker, b.marker);
            }
        }
    }

    #[test]
    fn a_missing_value_is_left_out_of_the_line() {
        let t = |d: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 1, d)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap()
                .and_utc()
        };
        let chart = Chart {
            id: "c",
            title: "t",
            min: 0.0,
            max: 100.0,
            decimals: 0,
            series: vec![Series {
                label: "A",
                points: vec![
                    (t(1).into(), Some(10.0)),
                    (t(2).into(), Some(20.0)),
                    (t(3).into(), None),
                    (t(4).into(), Some(30.0)),
                    (t(5).into(), Some(40.0)),
                ],
            }],
            edges: vec![RefLine {
                value: 50.0,
                split: 50.0,
                below: "Low".into(),
                above: "High".into(),
            }],
            zone: Zone::Utc,
        };
        let svg = render(&chart);
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches(',').count(), 4, "four points");
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(svg.contains("stroke-dasharray=\"6 4\""));
        assert!(svg.contains(">High</text>"));
        assert!(svg.contains("1 Jan 2026") && svg.contains("5 Jan 2026"));
    }

    #[test]
    fn a_long_history_is_drawn_thinned_with_its_lowest_and_highest_values() {
        // Ten years of daily values, one dip to 0 and one peak of 100.
        let start = day(1);
        let points: Vec<(Lived, Option<f64>)> = (0..3650)
            .map(|d| {
                let v = match d {
                    1234 => 0.0,
                    2345 => 100.0,
                    _ => 40.0 + f64::from(d % 20),
                };
                (
                    (start + chrono::Duration::days(i64::from(d))).into(),
                    Some(v),
                )
            })
            .collect();
        let chart = Chart {
            id: "c",
            title: "t",
            min: 0.0,
            max: 100.0,
            decimals: 0,
            series: vec![Series { label: "A", points }],
            edges: Vec::new(),
            zone: Zone::Utc,
        };
        let svg = render(&chart);
        let line = svg.split("<polyline points=\"").nth(1).unwrap();
        let line = &line[..line.find('"').unwrap()];
        let ys: Vec<f64> = line
            .split(' ')
            .map(|xy| xy.split(',').nth(1).unwrap().parse().unwrap())
            .collect();
        let columns = (RIGHT_PLAIN - LEFT) as usize;
        assert!(ys.len() <= 4 * columns && ys.len() < 3650, "{}", ys.len());
        let lowest = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(highest, BOTTOM, "the dip to 0 is drawn");
        assert_eq!(lowest, TOP, "the peak of 100 is drawn");
        // Markers at the first and last check-in only.
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    fn day(d: u32) -> DateTime<Utc> {
        chrono::NaiveDate::from_ymd_opt(2026, 1, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
    }

    fn who5_edges() -> Vec<RefLine> {
        let catalog = crate::instrument::Catalog::bundled();
        let def = &catalog.get("who-5").unwrap().instrument.scores[0];
        crate::trends::edges::edges(def)
    }

    /// (tag, attributes) of every element inside the `<g>` with `class`.
    fn group<'d>(doc: &'d roxmltree::Document<'d>, class: &str) -> Vec<roxmltree::Node<'d, 'd>> {
        doc.descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
            .flat_map(|g| g.children().filter(|c| c.is_element()))
            .collect()
    }

    fn num(n: &roxmltree::Node<'_, '_>, attr: &str) -> f64 {
        n.attribute(attr).unwrap().parse().unwrap()
    }

    #[test]
    fn edges_are_at_the_published_figures_and_every_band_is_named() {
        let values = [48.0, 52.0, 24.0, 28.0, 32.0, 100.0, 0.0];
        let chart = Chart {
            id: "w",
            title: "t",
            min: 0.0,
            max: 100.0,
            decimals: 0,
            series: vec![Series {
                label: "Well-being",
                points: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (day(i as u32 + 1).into(), Some(*v)))
                    .collect(),
            }],
            edges: who5_edges(),
            zone: Zone::Utc,
        };
        let svg = render(&chart);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let scale_y = |v: f64| BOTTOM - v / 100.0 * (BOTTOM - TOP);
        // Dashed lines at 28 and 50, not at 29 and 51.
        let lines: Vec<f64> = group(&doc, "cutoffs")
            .iter()
            .filter(|n| n.has_tag_name("line"))
            .map(|n| num(n, "y1"))
            .collect();
        assert_eq!(
            lines,
            vec![
                n(scale_y(28.0)).parse::<f64>().unwrap(),
                n(scale_y(50.0)).parse().unwrap()
            ]
        );
        // The figures are on the axis, level with their lines.
        let labels: Vec<(String, f64)> = group(&doc, "y-labels")
            .iter()
            .map(|t| (t.text().unwrap().to_string(), num(t, "y") - 4.0))
            .collect();
        for (figure, y) in [("28", lines[0]), ("50", lines[1])] {
            let (_, at) = labels.iter().find(|(l, _)| l == figure).unwrap();
            assert!((at - y).abs() < 0.1, "{figure}");
        }
        assert!(!labels.iter().any(|(l, _)| l == "29" || l == "51"));
        // Every band named, the lowest too, each between its edges.
        let names: Vec<(String, f64)> = group(&doc, "cutoffs")
            .iter()
            .filter(|n| n.has_tag_name("text"))
            .map(|t| (t.text().unwrap().to_string(), num(t, "y") - 3.5))
            .collect();
        let order: Vec<&str> = names.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(order, vec!["28 or below", "29 to 50", "Above 50"]);
        assert!(names[0].1 > lines[0]);
        assert!(names[1].1 < lines[0] && names[1].1 > lines[1]);
        assert!(names[2].1 < lines[1]);
        // Each marker clear of every edge line, on its own band's side.
        let ys: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .map(|c| num(&c, "cy"))
            .collect();
        assert_eq!(ys.len(), values.len());
        let edges = who5_edges();
        for (v, y) in values.iter().zip(&ys) {
            for (e, ey) in edges.iter().zip(&lines) {
                if e.is_above(*v) {
                    assert!(*y <= ey - CLEAR + 0.05, "{v} above {}", e.value);
                } else {
                    assert!(*y >= ey + CLEAR - 0.05, "{v} below {}", e.value);
                }
            }
        }
        // Far from any edge a value is at its own height.
        assert!((ys[5] - scale_y(100.0)).abs() < 0.1 && (ys[6] - scale_y(0.0)).abs() < 0.1);
    }

    #[test]
    fn equal_values_at_one_check_in_sit_side_by_side() {
        let pts = |v: [f64; 2]| vec![(day(1).into(), Some(v[0])), (day(8).into(), Some(v[1]))];
        let chart = Chart {
            id: "e",
            title: "t",
            min: 0.0,
            max: 100.0,
            decimals: 0,
            series: vec![
                Series {
                    label: "A",
                    points: pts([50.0, 20.0]),
                },
                Series {
                    label: "B",
                    points: pts([50.0, 80.0]),
                },
                Series {
                    label: "C",
                    points: pts([50.0, 21.0]),
                },
            ],
            edges: Vec::new(),
            zone: Zone::Utc,
        };
        let svg = render(&chart);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        // The first marker of each series: circle, square (rect), triangle (path).
        let firsts: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("series"))
            .map(|g| {
                let m = g
                    .children()
                    .find(|c| c.is_element() && !c.has_tag_name("polyline"))
                    .unwrap();
                match m.tag_name().name() {
                    "circle" => num(&m, "cx"),
                    "rect" => num(&m, "x") + 4.0,
                    _ => {
                        let d = m.attribute("d").unwrap();
                        d[1..].split(' ').next().unwrap().parse().unwrap()
                    }
                }
            })
            .collect();
        assert_eq!(firsts.len(), 3);
        for (i, a) in firsts.iter().enumerate() {
            for b in &firsts[i + 1..] {
                assert!((a - b).abs() >= MARKER_GAP - 0.01, "{firsts:?}");
            }
        }
        // Spread only where markers would overlap: 20 and 21 are, 80 is not;
        // nor is a marker far away in time.
        let dx = spread(
            &[
                (100.0, 180.0),
                (100.0, 60.0),
                (100.0, 177.9),
                (300.0, 180.0),
            ],
            0.0,
            400.0,
        );
        assert_eq!(dx, vec![0.0, 0.0, 9.0, 0.0]);
        // Never out of the plot: at its right end the second moves left.
        assert_eq!(
            spread(&[(400.0, 50.0), (400.0, 50.0)], 0.0, 400.0),
            vec![0.0, -9.0]
        );
        // Close in time and height: the later one moves just clear.
        let dx = spread(&[(105.0, 50.0), (100.0, 52.0)], 0.0, 400.0);
        assert_eq!(dx, vec![4.5, 0.0]);
    }
}
