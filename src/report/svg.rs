//! Hand-written SVG trend charts for the HTML report: axes, date labels, the score range, band cutoffs as labelled dashed lines, and one line per score told apart by colour, dash pattern and marker shape.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::html::escape;
use crate::instrument::score::format_value;
use crate::timefmt::{Lived, Zone};

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
    /// (value, label) where a band begins.
    pub cutoffs: Vec<(f64, &'a str)>,
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
/// Longest cutoff label drawn in full (the whole label is in the report text).
const CUTOFF_LABEL_CHARS: usize = 16;
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
    let mut cutoffs: Vec<(f64, &str)> = chart
        .cutoffs
        .iter()
        .filter(|(v, _)| *v > min && *v <= max)
        .copied()
        .collect();
    cutoffs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let right = if cutoffs.is_empty() {
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
    // Several lines: each is moved sideways a little, so equal values on
    // the same day stay visible.
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

    // Grid and vertical axis labels.
    let ticks = y_ticks(min, max);
    let tick_dec = tick_decimals(&ticks, chart.decimals);
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
    for t in &ticks {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}">{}</text>"#,
            n(LEFT - 6.0),
            n(scale.y(*t) + 4.0),
            escape(&format_value(*t, tick_dec))
        );
    }
    s.push_str("</g>");

    // Band cutoffs: a dashed line, labelled to the right of the plot.
    if !cutoffs.is_empty() {
        s.push_str(r#"<g class="cutoffs">"#);
        let mut last_label_y = f64::INFINITY;
        for (value, label) in &cutoffs {
            let y = scale.y(*value);
            let _ = write!(
                s,
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6a737d" stroke-width="1.2" stroke-dasharray="6 4"/>"##,
                n(LEFT),
                n(y),
                n(right),
                n(y)
            );
            // Cutoffs are in rising order, so labels go upwards; keep them apart.
            let label_y = (y + 3.5).min(last_label_y - 12.0);
            last_label_y = label_y;
            let shown: String = if label.chars().count() > CUTOFF_LABEL_CHARS {
                let mut cut: String = label.chars().take(CUTOFF_LABEL_CHARS - 1).collect();
                cut.push('…');
                cut
            } else {
                (*label).to_string()
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

    // Lines: a polyline per run of scored check-ins, a marker on each.
    for (i, series) in chart.series.iter().enumerate() {
        let st = style(i);
        let _ = write!(
            s,
            r#"<g class="series" data-label="{}">"#,
            escape(series.label)
        );
        // Check-ins that could not be scored are left out of the line.
        let points: Vec<(f64, f64)> = series
            .points
            .iter()
            .filter_map(|(t, v)| v.map(|v| (scale.x(t.at) + dodge(i), scale.y(v))))
            .collect();
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
        for (x, y) in &points {
            s.push_str(&marker(st.marker, *x, *y, st.colour));
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
            cutoffs: vec![(50.0, "High")],
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
}
