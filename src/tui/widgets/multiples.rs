//! Small multiples: several scores on one range (e.g. the four weekly
//! dimensions) as one small trend chart each, in a grid of two columns
//! where the width allows, sharing the range and the dates, instead of one
//! tangle of lines. Each panel keeps its series' marker, pattern and colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::trends::series::ChartData;
use crate::tui::theme::Theme;
use crate::tui::widgets::chart::{EXTRA_ROWS, TrendChart};

/// The smallest plot a panel is drawn with, in rows.
const MIN_PLOT: u16 = 4;
/// Columns between two panels side by side.
const GAP: u16 = 2;

/// Several series, one small chart each.
pub struct SmallMultiples<'a> {
    pub data: &'a ChartData,
    pub theme: Theme,
}

/// How many panels go side by side in `width` columns.
pub fn columns(width: u16) -> u16 {
    if width >= 60 { 2 } else { 1 }
}

/// The height `n` panels need in `width` columns: a legend line and the
/// smallest plot per row of panels, and the dates under the last row.
pub fn min_height(n: usize, width: u16) -> u16 {
    let rows = (n as u16).div_ceil(columns(width)).max(1);
    rows * (1 + MIN_PLOT) + EXTRA_ROWS - 1
}

/// Each panel's area and whether it draws the dates (no panel under it),
/// in series order; None when `area` is too small for panels.
pub fn panels(n: usize, area: Rect) -> Option<Vec<(Rect, bool)>> {
    if n == 0 {
        return Some(Vec::new());
    }
    let cols = columns(area.width);
    let rows = (n as u16).div_ceil(cols);
    let dates = EXTRA_ROWS - 1;
    let per_row = area.height.checked_sub(dates)? / rows;
    if per_row < 1 + MIN_PLOT {
        return None;
    }
    // Left-over rows separate the rows of panels when there are enough.
    let spare = area.height - dates - per_row * rows;
    let gap = u16::from(rows > 1 && spare >= rows - 1);
    let width = (area.width - GAP * (cols - 1)) / cols;
    let mut out = Vec::with_capacity(n);
    for i in 0..n as u16 {
        let (r, c) = (i / cols, i % cols);
        let below = i + cols < n as u16;
        let y = area.y + r * (per_row + gap);
        let height = if below { per_row } else { per_row + dates };
        out.push((
            Rect::new(area.x + c * (width + GAP), y, width, height),
            !below,
        ));
    }
    Some(out)
}

impl Widget for SmallMultiples<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let data = self.data;
        let Some(panels) = panels(data.series.len(), area) else {
            // Too small for panels: one chart with every line.
            TrendChart::new(data, self.theme).render(area, buf);
            return;
        };
        for (i, (series, (rect, dates))) in data.series.iter().zip(panels).enumerate() {
            let one = ChartData {
                series: vec![series.clone()],
                x_bounds: data.x_bounds,
                y_bounds: data.y_bounds,
                decimals: data.decimals,
                refs: data.refs.clone(),
            };
            TrendChart {
                data: &one,
                theme: self.theme,
                first_style: i,
                dates,
            }
            .render(rect, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_panels_fill_two_rows_of_two_with_dates_under_the_last() {
        // 80 x 12: panels 39 wide, 5 rows each (legend + 4), then 2 rows of dates.
        let p = panels(4, Rect::new(0, 3, 80, 12)).expect("room");
        let rects: Vec<(u16, u16, u16, u16, bool)> = p
            .iter()
            .map(|(r, d)| (r.x, r.y, r.width, r.height, *d))
            .collect();
        assert_eq!(
            rects,
            vec![
                (0, 3, 39, 5, false),
                (41, 3, 39, 5, false),
                (0, 8, 39, 7, true),
                (41, 8, 39, 7, true),
            ]
        );
        assert_eq!(min_height(4, 80), 12);
        // Three panels: the third alone in its row; the second has none under it.
        let p = panels(3, Rect::new(0, 0, 80, 12)).expect("room");
        assert!(!p[0].1 && p[1].1 && p[2].1);
        assert_eq!(p[1].0.height, 7);
        // Narrow: one column, stacked.
        assert_eq!(columns(50), 1);
        assert!(panels(4, Rect::new(0, 0, 50, 12)).is_none());
        assert!(panels(4, Rect::new(0, 0, 50, 22)).is_some());
    }
}
