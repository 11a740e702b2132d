//! The trend chart: ratatui's `Chart` draws the plot, the y axis and the
//! lines; this widget maps values to rows with `trends::yscale` (band edges
//! at their published figures on rows of their own, every value inside its
//! band's rows), labels each band to the right (the lowest too), draws the
//! markers itself (side by side where two series meet in one cell), and adds
//! a legend line and a date axis with readable marks. Each series has its
//! own marker and line pattern as well as colour, so the chart reads the
//! same without colour. Long series are thinned to the plot's width.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use crate::strings;
use crate::trends::axis::{self, date_ticks, label_start};
use crate::trends::series::ChartData;
use crate::trends::thin::thin;
use crate::trends::yscale::YScale;
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
    /// The style (marker, pattern, colour) of the first series: a panel of
    /// small multiples keeps its series' own.
    pub first_style: usize,
    /// Whether the date axis is drawn under the plot.
    pub dates: bool,
}

impl<'a> TrendChart<'a> {
    pub fn new(data: &'a ChartData, theme: Theme) -> TrendChart<'a> {
        TrendChart {
            data,
            theme,
            first_style: 0,
            dates: true,
        }
    }

    /// Rows besides the plot: the legend, and the date axis when drawn.
    pub fn extra_rows(&self) -> u16 {
        if self.dates { EXTRA_ROWS } else { 1 }
    }

    fn legend(&self, edges: bool) -> Line<'static> {
        let theme = self.theme;
        let mut spans = Vec::new();
        for (i, s) in self.data.series.iter().enumerate() {
            let st = self.first_style + i;
            if i > 0 {
                spans.push(Span::raw("   "));
            }
            spans.push(Span::styled(
                format!("{} {}", marker_for(st), pattern_sample(st)),
                theme.series(st),
            ));
            spans.push(Span::raw(format!(" {}", s.label)));
        }
        if edges {
            spans.push(Span::raw("   "));
            spans.push(Span::styled(format!("{REF_CHAR}{REF_CHAR}"), theme.muted()));
            spans.push(Span::raw(format!(" {}", strings::CHART_BAND_EDGES)));
        }
        Line::from(spans)
    }
}

/// Where each series' markers go, as (column, row) cells of the plot: a
/// marker that would land on another series' marker moves to the nearest
/// free column beside it, so equal values on one day both stay visible.
pub fn marker_cells(marks: &[Vec<(u16, u16)>], width: u16) -> Vec<Vec<(u16, u16)>> {
    let mut taken: Vec<((u16, u16), usize)> = Vec::new();
    let mut out = Vec::with_capacity(marks.len());
    for (s, cells) in marks.iter().enumerate() {
        let mut placed = Vec::with_capacity(cells.len());
        for &(col, row) in cells {
            let other = |c: u16| {
                taken
                    .iter()
                    .any(|((tc, tr), ts)| *tc == c && *tr == row && *ts != s)
            };
            let mut at = col;
            if other(col) {
                let free = (1..=3i32)
                    .flat_map(|d| [d, -d])
                    .filter_map(|d| u16::try_from(i32::from(col) + d).ok())
                    .filter(|c| *c < width)
                    .find(|c| !other(*c) && !taken.iter().any(|(t, _)| *t == (*c, row)));
                if let Some(c) = free {
                    at = c;
                }
            }
            taken.push(((at, row), s));
            placed.push((at, row));
        }
        out.push(placed);
    }
    out
}

impl Widget for TrendChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let extra = self.extra_rows();
        if area.height < extra + 3 || area.width < 20 {
            return;
        }
        let theme = self.theme;
        let data = self.data;
        let plot_h = area.height - extra;
        let scale = YScale::new(data.y_bounds, plot_h, &data.refs);
        let legend = self.legend(!scale.edges().is_empty());
        buf.set_line(area.x, area.y, &legend, area.width);
        let mut labels = scale.labels(data.decimals);
        let label_w = labels
            .iter()
            .map(|l| l.chars().count() as u16)
            .max()
            .unwrap_or(0)
            .min(area.width / 3);
        // ratatui's Chart places its labels bottom first, one per row.
        labels.reverse();
        // Band names to the right of the plot, each inside its band's rows.
        let bands = scale.bands();
        let gutter = bands
            .iter()
            .map(|b| b.label.chars().count() as u16 + 1)
            .max()
            .map_or(0, |w| w.min(area.width / 4));
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
        let ref_lines: Vec<[(f64, f64); 2]> = scale
            .edges()
            .iter()
            .map(|e| {
                let y = scale.plotted(f64::from(e.row));
                [(data.x_bounds[0], y), (data.x_bounds[1], y)]
            })
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
                    .filter_map(|(x, y)| scale.position(*y).map(|p| (*x, scale.plotted(p))))
                    .map(|p| to_braille(p, data.x_bounds, data.y_bounds, (graph_w, plot_h)))
                    .collect();
                pattern_points(
                    &moved,
                    data.x_bounds,
                    data.y_bounds,
                    px,
                    PATTERNS[(self.first_style + i) % PATTERNS.len()].0,
                )
            })
            .collect();
        // Every check-in gets its marker while they are far enough apart;
        // otherwise only the latest.
        let marks: Vec<Vec<(u16, u16)>> = thinned
            .iter()
            .map(|pts| {
                let shown: Vec<(f64, f64)> = if pts.len() * 3 <= usize::from(graph_w) {
                    pts.clone()
                } else {
                    pts.last().copied().into_iter().collect()
                };
                shown
                    .iter()
                    .filter_map(|(x, y)| {
                        Some((axis::column(*x, data.x_bounds, graph_w)?, scale.row(*y)?))
                    })
                    .collect()
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
            let st = self.first_style + i;
            let solid = PATTERNS[st % PATTERNS.len()].0.is_empty();
            datasets.push(
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(if solid {
                        GraphType::Line
                    } else {
                        GraphType::Scatter
                    })
                    .style(theme.series(st))
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

        // Markers over the lines.
        for (i, cells) in marker_cells(&marks, graph_w).iter().enumerate() {
            let st = self.first_style + i;
            for &(col, row) in cells {
                buf.set_string(
                    graph_x + col,
                    chart_area.y + row,
                    marker_for(st).to_string(),
                    theme.series(st),
                );
            }
        }

        // Band names, each in the middle of its band's rows.
        for b in &bands {
            let row = b.top + (b.bottom - b.top) / 2;
            buf.set_stringn(
                chart_area.right() + 1,
                chart_area.y + row,
                &b.label,
                usize::from(gutter.saturating_sub(1)),
                theme.muted(),
            );
        }

        if !self.dates {
            return;
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
                split: 47.0,
                below: "Below 47".into(),
                above: "47 or above".into(),
            }],
        }
    }

    fn draw(data: &ChartData, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        TrendChart::new(data, Theme::new(false)).render(area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn the_edge_line_is_on_its_row_and_every_band_is_named() {
        let data = barc_data(vec![(noon(11, 3), 39.0), (noon(11, 17), 48.0)]);
        let lines = draw(&data, 70, 12);
        // Plot: 9 rows under the legend. 47 on 10-60: (60 - 47) * 8 / 50 = 2.08 -> row 2.
        let scale = YScale::new(data.y_bounds, 9, &data.refs);
        assert_eq!(scale.edges()[0].row, 2);
        let row = 3;
        let line = &lines[row];
        assert!(line.starts_with("47│"), "{line:?}");
        assert!(line.contains("╌╌╌"), "{line:?}");
        // No other row carries the reference line.
        for (i, l) in lines.iter().enumerate() {
            if i != row {
                assert!(!l.contains("╌╌╌"), "row {i}: {l:?}");
            }
        }
        // Each band named inside its rows: "47 or above" on rows 0-1, "Below 47" on 3-8.
        assert!(
            lines[1].trim_end().ends_with(" 47 or above"),
            "{:?}",
            lines[1]
        );
        assert!(lines[6].trim_end().ends_with(" Below 47"), "{:?}", lines[6]);
        assert!(lines[1].starts_with("60│"), "{:?}", lines[1]);
        assert!(lines[9].starts_with("10│"), "{:?}", lines[9]);
        // 48 is above the line; 39 below it: 2 + (47 - 39) / 37 * 6 = 3.3 -> row 3.
        let marker_rows: Vec<usize> = lines
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| l.contains('●'))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(marker_rows, vec![2, 4], "{lines:#?}");
    }

    #[test]
    fn markers_sit_on_their_dates_and_values_and_dates_are_labelled() {
        let data = barc_data(vec![(noon(11, 3), 35.0), (noon(11, 17), 60.0)]);
        let lines = draw(&data, 70, 12);
        let graph_x = 3; // "60" plus the axis
        let graph_w = 70 - 12 - graph_x; // gutter " 47 or above" is 12 wide
        let scale = YScale::new(data.y_bounds, 9, &data.refs);
        let col = |x: f64| {
            graph_x + usize::from(axis::column(x, data.x_bounds, graph_w as u16).expect("col"))
        };
        let row = |y: f64| 1 + usize::from(scale.row(y).expect("row"));
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
    fn equal_values_of_two_series_are_drawn_side_by_side() {
        let mut data = barc_data(vec![(noon(11, 3), 30.0), (noon(11, 17), 40.0)]);
        data.refs.clear();
        data.series.push(ChartSeries {
            label: "Other".into(),
            points: vec![(noon(11, 3), 30.0), (noon(11, 17), 50.0)],
        });
        let lines = draw(&data, 70, 12);
        let plot = lines[1..10].join("\n");
        assert_eq!(plot.matches('●').count(), 2, "{plot}");
        assert_eq!(plot.matches('■').count(), 2, "{plot}");
        let same_row = lines[1..10]
            .iter()
            .find(|l| l.contains('●') && l.contains('■'))
            .expect("both on one row");
        let a = same_row.chars().position(|c| c == '●').expect("circle");
        let b = same_row.chars().position(|c| c == '■').expect("square");
        assert_eq!(a.abs_diff(b), 1, "{same_row:?}");
        // And the cells: the second series moves to a free column beside.
        let cells = marker_cells(&[vec![(5, 2)], vec![(5, 2)], vec![(5, 2)]], 10);
        assert_eq!(cells, vec![vec![(5, 2)], vec![(6, 2)], vec![(4, 2)]]);
        let cells = marker_cells(&[vec![(9, 2)], vec![(9, 2)]], 10);
        assert_eq!(cells[1], vec![(8, 2)]);
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
}
