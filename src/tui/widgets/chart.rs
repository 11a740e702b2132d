//! The trend chart: ratatui's `Chart` draws the plot and the y axis (one
//! label slot per row, so band edges are labelled on exactly the row their
//! reference line is drawn on); this widget adds a legend line, labels for
//! the band edges to the right, and a date axis with readable marks. Each
//! series has its own marker and line pattern as well as colour, so the
//! chart reads the same without colour. Long series are thinned to the
//! plot's width before drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use crate::instrument::score::format_value;
use crate::strings;
use crate::trends::axis::{self, date_ticks, label_start};
use crate::trends::series::ChartData;
use crate::trends::thin::thin;
use crate::tui::theme::Theme;

/// Point markers, one per series.
pub const MARKERS: [char; 6] = ['●', '■', '▲', '◆', '+', 'o'];

/// Line patterns per series as alternating on/off lengths in braille dots
/// (empty: solid), and how each looks in the legend.
const PATTERNS: [(&[u16], &str); 4] = [
    (&[], "──"),
    (&[6, 3], "╌╌"),
    (&[2, 3], "┈┈"),
    (&[6, 2, 2, 2], "─·"),
];

/// The character reference lines are drawn with.
const REF_CHAR: char = '╌';

/// Rows the widget needs besides the plot: legend, axis line, date labels.
pub const EXTRA_ROWS: u16 = 3;

pub fn marker_for(series: usize) -> char {
    MARKERS[series % MARKERS.len()]
}

pub fn pattern_sample(series: usize) -> &'static str {
    PATTERNS[series % PATTERNS.len()].1
}

/// Where a point must be given to the braille grid so that its dot lands in
/// the cell a one-character marker (and the axis label) for it is drawn in.
/// ratatui maps a plot's bounds onto cell centres for character markers but
/// onto the outermost dots for braille, which can put a line one row or
/// column away from its markers; this moves the braille point to the
/// matching place inside the marker's cell.
pub fn to_braille(
    p: (f64, f64),
    x_bounds: [f64; 2],
    y_bounds: [f64; 2],
    cells: (u16, u16),
) -> (f64, f64) {
    let (w, h) = (f64::from(cells.0.max(1)), f64::from(cells.1.max(1)));
    let [x0, x1] = x_bounds;
    let [y0, y1] = y_bounds;
    let (xs, ys) = ((x1 - x0).max(f64::EPSILON), (y1 - y0).max(f64::EPSILON));
    // Position in cells (0 = first cell's centre), then in dots, then back.
    let fx = (p.0 - x0) * (w - 1.0) / xs;
    let fy = (y1 - p.1) * (h - 1.0) / ys;
    let dot_x = (fx * 2.0 + 0.5).clamp(0.0, 2.0 * w - 1.0);
    let dot_y = (fy * 4.0 + 1.5).clamp(0.0, 4.0 * h - 1.0);
    (
        x0 + dot_x * xs / (2.0 * w - 1.0),
        y1 - dot_y * ys / (4.0 * h - 1.0),
    )
}

/// Points along a polyline following an on/off pattern, spaced about one
/// braille dot apart in a plot of `px` = (width, height) dots.
pub fn pattern_points(
    points: &[(f64, f64)],
    x_bounds: [f64; 2],
    y_bounds: [f64; 2],
    px: (f64, f64),
    pattern: &[u16],
) -> Vec<(f64, f64)> {
    let period: u16 = pattern.iter().sum();
    if period == 0 {
        return points.to_vec();
    }
    let on = |step: u64| {
        let mut phase = (step % u64::from(period)) as u16;
        for (i, len) in pattern.iter().enumerate() {
            if phase < *len {
                return i % 2 == 0;
            }
            phase -= len;
        }
        false
    };
    let sx = (px.0 - 1.0).max(1.0) / (x_bounds[1] - x_bounds[0]).max(f64::EPSILON);
    let sy = (px.1 - 1.0).max(1.0) / (y_bounds[1] - y_bounds[0]).max(f64::EPSILON);
    let mut out = Vec::new();
    let mut walked: u64 = 0;
    if points.len() == 1 {
        return points.to_vec();
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let steps = ((b.0 - a.0) * sx)
            .abs()
            .max(((b.1 - a.1) * sy).abs())
            .ceil()
            .max(1.0) as u64;
        for k in 0..steps {
            if on(walked + k) {
                let t = k as f64 / steps as f64;
                out.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
            }
        }
        walked += steps;
    }
    if let Some(last) = points.last()
        && on(walked)
    {
        out.push(*last);
    }
    out
}

/// A trend chart over `data`.
pub struct TrendChart<'a> {
    pub data: &'a ChartData,
    pub theme: Theme,
}

/// The label slots of the y axis, bottom row first (as ratatui's `Chart`
/// places them, one per row): the range ends, each band edge on its row,
/// and the middle of the range when there is room.
pub fn y_labels(data: &ChartData, height: u16) -> Vec<String> {
    let h = usize::from(height);
    let mut top_down = vec![String::new(); h];
    if h < 2 {
        return top_down;
    }
    let fmt = |v: f64| format_value(v, data.decimals);
    let [lo, hi] = data.y_bounds;
    top_down[0] = fmt(hi);
    top_down[h - 1] = fmt(lo);
    let mut used: Vec<usize> = vec![0, h - 1];
    for r in &data.refs {
        if let Some(row) = axis::row(r.value, data.y_bounds, height) {
            let row = usize::from(row);
            if !used.contains(&row) {
                top_down[row] = fmt(r.value);
                used.push(row);
            }
        }
    }
    let mid = ((lo + hi) / 2.0).round();
    if h >= 7
        && let Some(row) = axis::row(mid, data.y_bounds, height)
    {
        let row = usize::from(row);
        if used.iter().all(|u| u.abs_diff(row) >= 2) {
            top_down[row] = fmt(mid);
        }
    }
    top_down.reverse();
    top_down
}

impl TrendChart<'_> {
    fn legend(&self) -> Line<'static> {
        let theme = self.theme;
        let mut spans = Vec::new();
        for (i, s) in self.data.series.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("   "));
            }
            spans.push(Span::styled(
                format!("{} {}", marker_for(i), pattern_sample(i)),
                theme.series(i),
            ));
            spans.push(Span::raw(format!(" {}", s.label)));
        }
        if !self.data.refs.is_empty() {
            spans.push(Span::raw("   "));
            spans.push(Span::styled(format!("{REF_CHAR}{REF_CHAR}"), theme.muted()));
            spans.push(Span::raw(format!(" {}", strings::CHART_BAND_EDGES)));
        }
        Line::from(spans)
    }
}

impl Widget for TrendChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < EXTRA_ROWS + 3 || area.width < 20 {
            return;
        }
        let theme = self.theme;
        let data = self.data;
        buf.set_line(area.x, area.y, &self.legend(), area.width);

        let plot_h = area.height - EXTRA_ROWS;
        let labels = y_labels(data, plot_h);
        let label_w = labels
            .iter()
            .map(|l| l.chars().count() as u16)
            .max()
            .unwrap_or(0)
            .min(area.width / 3);
        // Band names to the right of the plot, on their reference lines.
        let gutter = if data.refs.is_empty() {
            0
        } else {
            let widest = data
                .refs
                .iter()
                .map(|r| r.label.chars().count() as u16 + 2)
                .max()
                .unwrap_or(0);
            widest.min(area.width / 4)
        };
        let chart_area = Rect::new(
            area.x,
            area.y + 1,
            area.width.saturating_sub(gutter),
            plot_h,
        );
        let graph_x = chart_area.x + label_w + 1;
        let graph_w = chart_area.right().saturating_sub(graph_x);
        if graph_w < 4 {
            return;
        }

        // Owned point lists first; datasets borrow them.
        let ref_lines: Vec<[(f64, f64); 2]> = data
            .refs
            .iter()
            .map(|r| [(data.x_bounds[0], r.value), (data.x_bounds[1], r.value)])
            .collect();
        let thinned: Vec<Vec<(f64, f64)>> = data
            .series
            .iter()
            .map(|s| thin(&s.points, data.x_bounds, usize::from(graph_w)))
            .collect();
        let px = (f64::from(graph_w) * 2.0, f64::from(plot_h) * 4.0);
        let patterned: Vec<Vec<(f64, f64)>> = thinned
            .iter()
            .enumerate()
            .map(|(i, pts)| {
                let moved: Vec<(f64, f64)> = pts
                    .iter()
                    .map(|p| to_braille(*p, data.x_bounds, data.y_bounds, (graph_w, plot_h)))
                    .collect();
                pattern_points(
                    &moved,
                    data.x_bounds,
                    data.y_bounds,
                    px,
                    PATTERNS[i % PATTERNS.len()].0,
                )
            })
            .collect();
        // Every check-in gets its marker while they are far enough apart;
        // otherwise only the latest.
        let marks: Vec<Vec<(f64, f64)>> = thinned
            .iter()
            .map(|pts| {
                if pts.len() * 3 <= usize::from(graph_w) {
                    pts.clone()
                } else {
                    pts.last().copied().into_iter().collect()
                }
            })
            .collect();

        let mut datasets = Vec::new();
        for line in &ref_lines {
            datasets.push(
                Dataset::default()
                    .marker(Marker::Custom(REF_CHAR))
                    .graph_type(GraphType::Line)
                    .style(theme.border())
                    .data(line),
            );
        }
        for (i, pts) in patterned.iter().enumerate() {
            let solid = PATTERNS[i % PATTERNS.len()].0.is_empty();
            datasets.push(
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(if solid {
                        GraphType::Line
                    } else {
                        GraphType::Scatter
                    })
                    .style(theme.series(i))
                    .data(pts),
            );
        }
        for (i, pts) in marks.iter().enumerate() {
            datasets.push(
                Dataset::default()
                    .marker(Marker::Custom(marker_for(i)))
                    .graph_type(GraphType::Scatter)
                    .style(theme.series(i))
                    .data(pts),
            );
        }
        let y_axis = Axis::default()
            .bounds(data.y_bounds)
            .labels(labels.into_iter().map(Line::from).collect::<Vec<_>>())
            .labels_alignment(Alignment::Right)
            .style(theme.border());
        let x_axis = Axis::default().bounds(data.x_bounds);
        Chart::new(datasets)
            .x_axis(x_axis)
            .y_axis(y_axis)
            .legend_position(None)
            .render(chart_area, buf);

        // Band names beside their reference lines.
        let mut named: Vec<u16> = Vec::new();
        for r in &data.refs {
            if let Some(row) = axis::row(r.value, data.y_bounds, plot_h)
                && !named.contains(&row)
            {
                named.push(row);
                let text = format!("{REF_CHAR} {}", r.label);
                buf.set_stringn(
                    chart_area.right(),
                    chart_area.y + row,
                    text,
                    usize::from(gutter),
                    theme.muted(),
                );
            }
        }

        // The date axis: a line with a mark under each labelled date.
        let axis_y = chart_area.bottom();
        let axis_x = graph_x - 1;
        buf.set_string(axis_x, axis_y, "└", theme.border());
        for x in 0..graph_w {
            buf.set_string(graph_x + x, axis_y, "─", theme.border());
        }
        for tick in date_ticks(data.x_bounds, graph_w) {
            buf.set_string(graph_x + tick.col, axis_y, "┬", theme.border());
            let len = tick.label.chars().count() as u16;
            let start = label_start(tick.col, len, graph_w);
            buf.set_string(graph_x + start, axis_y + 1, &tick.label, Style::new());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trends::axis::day_number;
    use crate::trends::series::{ChartSeries, RefLine};
    use chrono::NaiveDate;

    fn noon(m: u32, d: u32) -> f64 {
        day_number(
            NaiveDate::from_ymd_opt(2026, m, d)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("date"),
        )
    }

    fn barc_data(points: Vec<(f64, f64)>) -> ChartData {
        ChartData {
            series: vec![ChartSeries {
                label: "Recovery capital".into(),
                points,
            }],
            x_bounds: [noon(10, 27), noon(11, 24)],
            y_bounds: [10.0, 60.0],
            decimals: 0,
            refs: vec![RefLine {
                value: 47.0,
                label: "47 or above".into(),
            }],
        }
    }

    fn draw(data: &ChartData, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        TrendChart {
            data,
            theme: Theme::new(false),
        }
        .render(area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn the_cutoff_line_and_its_label_share_the_row_the_value_maps_to() {
        let data = barc_data(vec![(noon(11, 3), 39.0), (noon(11, 17), 48.0)]);
        let lines = draw(&data, 70, 12);
        // Plot: 9 rows under the legend. 47 on 10-60: (60 - 47) * 8 / 50 = 2.08 -> row 2.
        let row = 1 + usize::from(axis::row(47.0, data.y_bounds, 9).expect("row"));
        assert_eq!(row, 3);
        let line = &lines[row];
        assert!(line.starts_with("47│"), "{line:?}");
        assert!(line.contains("╌╌╌"), "{line:?}");
        assert!(line.trim_end().ends_with("╌ 47 or above"), "{line:?}");
        // No other row carries the reference line.
        for (i, l) in lines.iter().enumerate() {
            if i != row {
                assert!(!l.contains("╌╌╌"), "row {i}: {l:?}");
            }
        }
        assert!(lines[1].starts_with("60│"), "{:?}", lines[1]);
        assert!(lines[9].starts_with("10│"), "{:?}", lines[9]);
    }

    #[test]
    fn markers_sit_on_their_dates_and_values_and_dates_are_labelled() {
        let data = barc_data(vec![(noon(11, 3), 35.0), (noon(11, 17), 60.0)]);
        let lines = draw(&data, 70, 12);
        let graph_x = 3; // "60" plus the axis
        let graph_w = 70 - 13 - graph_x; // gutter "╌ 47 or above" is 13 wide
        let col = |x: f64| {
            graph_x + usize::from(axis::column(x, data.x_bounds, graph_w as u16).expect("col"))
        };
        let row = |y: f64| 1 + usize::from(axis::row(y, data.y_bounds, 9).expect("row"));
        let at = |r: usize, c: usize| lines[r].chars().nth(c).expect("cell");
        assert_eq!(at(row(35.0), col(noon(11, 3))), '●');
        assert_eq!(at(row(60.0), col(noon(11, 17))), '●');
        assert!(lines[0].contains("● ── Recovery capital"), "{:?}", lines[0]);
        assert!(lines[0].contains("╌╌ band edges"), "{:?}", lines[0]);
        assert!(lines[10].starts_with("  └──"), "{:?}", lines[10]);
        for label in ["2 Nov", "9 Nov", "16 Nov", "23 Nov"] {
            assert!(lines[11].contains(label), "{:?}", lines[11]);
        }
        // The mark for 16 Nov is under its column.
        let c16 = col(day_number(
            NaiveDate::from_ymd_opt(2026, 11, 16)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .expect("date"),
        ));
        assert_eq!(at(10, c16), '┬');
    }

    #[test]
    fn braille_dots_land_in_the_markers_cells() {
        let (xb, yb) = ([0.0, 100.0], [10.0, 60.0]);
        for (w, h) in [(60u16, 7u16), (97, 18), (5, 3)] {
            for i in 0..=50 {
                let p = (f64::from(i) * 2.0, 10.0 + f64::from(i));
                let col = axis::column(p.0, xb, w).expect("col");
                let row = axis::row(p.1, yb, h).expect("row");
                let b = to_braille(p, xb, yb, (w, h));
                // ratatui's braille mapping, as in Painter::get_point.
                let dot_x = ((b.0 - xb[0]) * f64::from(2 * w - 1) / (xb[1] - xb[0])).round();
                let dot_y = ((yb[1] - b.1) * f64::from(4 * h - 1) / (yb[1] - yb[0])).round();
                assert_eq!(dot_x as u16 / 2, col, "{w}x{h} x of {p:?}");
                assert_eq!(dot_y as u16 / 4, row, "{w}x{h} y of {p:?}");
            }
        }
    }

    #[test]
    fn patterns_leave_gaps_and_keep_the_ends() {
        let pts = [(0.0, 0.0), (10.0, 0.0)];
        let solid = pattern_points(&pts, [0.0, 10.0], [0.0, 1.0], (21.0, 4.0), &[]);
        assert_eq!(solid, pts.to_vec());
        let dashed = pattern_points(&pts, [0.0, 10.0], [0.0, 1.0], (21.0, 4.0), &[4, 3]);
        // (Any on/off lengths work; these are easy to count.)
        // 20 dots along the line: on 4, off 3 -> dots 0-3, 7-10, 14-17 (12 of 20).
        assert_eq!(dashed.len(), 12);
        assert_eq!(dashed.first(), Some(&(0.0, 0.0)));
        let xs: Vec<f64> = dashed.iter().map(|p| p.0).collect();
        assert!(xs.contains(&1.5) && !xs.contains(&2.0) && !xs.contains(&3.0) && xs.contains(&3.5));
    }

    #[test]
    fn y_labels_have_one_slot_per_row() {
        let data = barc_data(vec![]);
        let labels = y_labels(&data, 9);
        assert_eq!(labels.len(), 9);
        assert_eq!(labels[0], "10");
        assert_eq!(labels[8], "60");
        assert_eq!(labels[6], "47");
        // The middle (35) is labelled too: (60 - 35) * 8 / 50 = 4 -> slot 4 from the bottom.
        assert_eq!(labels[4], "35");
    }
}
