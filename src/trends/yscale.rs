//! Values to rows on a chart with band edges. Each edge gets a row of its
//! own at its published figure; the rows between edges belong to one band,
//! and a value is always drawn in its band's rows, never on or beyond an
//! edge it does not reach, however few rows there are. Between the range's
//! ends and the edges the mapping is linear, so an axis label sits on the
//! row its value is drawn on.

use super::edges::RefLine;
use crate::instrument::score::format_value;

/// An edge and the row it is drawn on.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEdge {
    pub line: RefLine,
    pub row: u16,
}

/// One band's rows, top first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandRows {
    pub label: String,
    pub top: u16,
    pub bottom: u16,
}

/// The vertical scale of a plot `height` rows tall over `bounds`.
#[derive(Debug, Clone, PartialEq)]
pub struct YScale {
    lo: f64,
    hi: f64,
    height: u16,
    /// Top first (highest figure first).
    edges: Vec<PlacedEdge>,
}

/// How far inside its band's outer rows a value may be drawn, in rows: a
/// braille dot moved less than half a row stays in the marker's cell.
const INSIDE: f64 = 0.45;

impl YScale {
    /// A scale with the edges strictly inside the range. Each edge needs
    /// its own row and each band at least one, so when the plot is too
    /// short for that the edges are left out (and none is drawn).
    pub fn new(bounds: [f64; 2], height: u16, refs: &[RefLine]) -> YScale {
        let [lo, hi] = bounds;
        let mut inside: Vec<&RefLine> = refs
            .iter()
            .filter(|r| r.value > lo && r.value < hi && r.split > lo && r.split <= hi)
            .collect();
        inside.sort_by(|a, b| b.value.total_cmp(&a.value));
        inside.dedup_by(|a, b| a.value == b.value);
        let k = inside.len();
        let h = usize::from(height);
        let mut scale = YScale {
            lo,
            hi,
            height,
            edges: Vec::new(),
        };
        if k == 0 || hi <= lo || h < 2 * k + 1 {
            return scale;
        }
        // Rows at the figures, then moved as little as needed so that each
        // band keeps a row: edge j (top first) lies in 1 + 2j ..= h - 2 - 2(k - 1 - j).
        let mut previous: Option<usize> = None;
        for (j, r) in inside.into_iter().enumerate() {
            let wanted = scale.linear(r.value).round().max(0.0) as usize;
            let (first, last) = (1 + 2 * j, h - 2 - 2 * (k - 1 - j));
            let mut row = wanted.clamp(first, last);
            if let Some(p) = previous {
                row = row.max(p + 2);
            }
            previous = Some(row);
            scale.edges.push(PlacedEdge {
                line: r.clone(),
                row: row as u16,
            });
        }
        scale
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    /// The edges drawn, top first.
    pub fn edges(&self) -> &[PlacedEdge] {
        &self.edges
    }

    /// The row of `v` on a plain linear scale (0 = top row's centre).
    fn linear(&self, v: f64) -> f64 {
        (self.hi - v) * f64::from(self.height.saturating_sub(1)) / (self.hi - self.lo)
    }

    /// The rows of the band `v` falls in: between the edges around it.
    fn band_of(&self, v: f64) -> (u16, u16) {
        let last = self.height.saturating_sub(1);
        let mut top = 0;
        for e in &self.edges {
            if e.line.is_above(v) {
                return (top, e.row.saturating_sub(1));
            }
            top = e.row + 1;
        }
        (top, last)
    }

    /// Where `v` is drawn, in rows from the top row's centre (fractions
    /// for braille lines); None outside the range.
    pub fn position(&self, v: f64) -> Option<f64> {
        let (lo, hi) = (self.lo, self.hi);
        if self.height == 0 || hi <= lo || !(lo..=hi).contains(&v) {
            return None;
        }
        let last = f64::from(self.height - 1);
        // Anchors top first: the top of the range, each edge, the bottom.
        let mut anchors: Vec<(f64, f64)> = vec![(hi, 0.0)];
        anchors.extend(self.edges.iter().map(|e| (e.line.value, f64::from(e.row))));
        anchors.push((lo, last));
        let linear = anchors
            .windows(2)
            .find(|w| v <= w[0].0 && v >= w[1].0)
            .map_or(self.linear(v), |w| {
                let ((va, ra), (vb, rb)) = (w[0], w[1]);
                if va > vb {
                    ra + (va - v) / (va - vb) * (rb - ra)
                } else {
                    ra
                }
            });
        if self.edges.is_empty() {
            return Some(linear);
        }
        let (top, bottom) = self.band_of(v);
        let low = if top == 0 {
            0.0
        } else {
            f64::from(top) - INSIDE
        };
        let high = if bottom + 1 == self.height {
            last
        } else {
            f64::from(bottom) + INSIDE
        };
        Some(linear.clamp(low, high))
    }

    /// The row `v` is drawn in (0 = top); None outside the range.
    pub fn row(&self, v: f64) -> Option<u16> {
        self.position(v).map(|p| p.round() as u16)
    }

    /// The value a chart must be given so that ratatui draws it at
    /// `position` (ratatui maps the range linearly onto the rows).
    pub fn plotted(&self, position: f64) -> f64 {
        let span = f64::from(self.height.saturating_sub(1)).max(1.0);
        self.hi - position * (self.hi - self.lo) / span
    }

    /// Each band's rows, top first (none without edges).
    pub fn bands(&self) -> Vec<BandRows> {
        let mut out = Vec::new();
        let mut top = 0;
        for e in &self.edges {
            out.push(BandRows {
                label: e.line.above.clone(),
                top,
                bottom: e.row.saturating_sub(1),
            });
            top = e.row + 1;
        }
        if let Some(e) = self.edges.last() {
            out.push(BandRows {
                label: e.line.below.clone(),
                top,
                bottom: self.height.saturating_sub(1),
            });
        }
        out
    }

    /// The y axis's labels, top row first (empty strings between): the
    /// range's ends, each edge's figure on its row, and round values in
    /// between, each on the row it is drawn on, at least three rows apart
    /// and two from the others.
    pub fn labels(&self, decimals: u32) -> Vec<String> {
        let h = usize::from(self.height);
        let mut out = vec![String::new(); h];
        if h < 2 {
            return out;
        }
        let fmt = |v: f64| format_value(v, decimals);
        let mut fixed: Vec<(usize, f64)> = vec![(0, self.hi), (h - 1, self.lo)];
        fixed.extend(
            self.edges
                .iter()
                .map(|e| (usize::from(e.row), e.line.value)),
        );
        for (row, v) in &fixed {
            out[*row] = fmt(*v);
        }
        for v in self.round_values(decimals) {
            let Some(row) = self.row(v).map(usize::from) else {
                continue;
            };
            let near = fixed.iter().any(|(r, fv)| r.abs_diff(row) < 2 || *fv == v);
            if !near && out[row].is_empty() {
                out[row] = fmt(v);
            }
        }
        out
    }

    /// The finest round step (1, 2, 5 times a power of ten, shown exactly
    /// with `decimals`) whose values inside the range land at least three
    /// rows apart; its values.
    fn round_values(&self, decimals: u32) -> Vec<f64> {
        let span = self.hi - self.lo;
        if span <= 0.0 || !span.is_finite() {
            return Vec::new();
        }
        let unit = 10f64.powi(-(decimals as i32));
        let mut magnitude = unit;
        while magnitude < span {
            for m in [1.0, 2.0, 5.0] {
                let step = m * magnitude;
                let first = (self.lo / step).floor() * step + step;
                let values: Vec<f64> = (0..)
                    .map(|i| first + f64::from(i) * step)
                    .take_while(|v| *v < self.hi - 1e-9)
                    .take(1000)
                    .collect();
                let rows: Vec<u16> = values.iter().filter_map(|v| self.row(*v)).collect();
                if rows.windows(2).all(|w| w[1].abs_diff(w[0]) >= 3) {
                    return values;
                }
            }
            magnitude *= 10.0;
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who5() -> Vec<RefLine> {
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
    }

    fn barc() -> Vec<RefLine> {
        vec![RefLine {
            value: 47.0,
            split: 47.0,
            below: "Below 47".into(),
            above: "47 or above".into(),
        }]
    }

    /// Every reachable value on the right side of every edge, at every height.
    #[test]
    fn values_never_reach_an_edge_of_another_band() {
        for h in 3..=40u16 {
            for (bounds, refs, step) in [([0.0, 100.0], who5(), 4.0), ([10.0, 60.0], barc(), 1.0)] {
                let s = YScale::new(bounds, h, &refs);
                if s.edges().is_empty() {
                    assert!(h < 2 * refs.len() as u16 + 1, "{h}");
                    continue;
                }
                let mut v = bounds[0];
                while v <= bounds[1] {
                    let row = s.row(v).expect("row");
                    assert!(row < h);
                    for e in s.edges() {
                        if e.line.is_above(v) {
                            assert!(row < e.row, "{h}: {v} above {:?}", e);
                        } else {
                            assert!(row > e.row, "{h}: {v} below {:?}", e);
                        }
                    }
                    v += step;
                }
            }
        }
    }

    #[test]
    fn edges_sit_near_their_figures_and_every_band_keeps_a_row() {
        // WHO-5 over 7 rows: 50 on row 3; 28 would be on 4, next to it, so it moves to 5.
        let s = YScale::new([0.0, 100.0], 7, &who5());
        let rows: Vec<u16> = s.edges().iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 5]);
        let bands: Vec<(String, u16, u16)> = s
            .bands()
            .into_iter()
            .map(|b| (b.label, b.top, b.bottom))
            .collect();
        assert_eq!(
            bands,
            vec![
                ("Above 50".to_string(), 0, 2),
                ("29 to 50".to_string(), 4, 4),
                ("28 or below".to_string(), 6, 6)
            ]
        );
        assert_eq!(s.row(48.0), Some(4));
        assert_eq!(s.row(52.0), Some(2));
        assert_eq!(s.row(28.0), Some(6));
        assert_eq!(s.row(32.0), Some(4));
        // Too short for two edges and three bands: no edges at all.
        assert!(YScale::new([0.0, 100.0], 4, &who5()).edges().is_empty());
    }

    #[test]
    fn labels_are_on_their_rows_and_more_of_them_on_tall_plots() {
        let s = YScale::new([0.0, 100.0], 7, &who5());
        let l = s.labels(0);
        assert_eq!(l, vec!["100", "", "", "50", "", "28", "0"]);
        let tall = YScale::new([0.0, 100.0], 24, &who5());
        let l = tall.labels(0);
        let shown: Vec<(usize, &String)> = l
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .collect();
        assert!(shown.len() >= 6, "{shown:?}");
        for (row, text) in &shown {
            let v: f64 = text.parse().expect("number");
            // An edge's figure labels the edge's own row; other values are drawn on theirs.
            match tall.edges().iter().find(|e| e.line.value == v) {
                Some(e) => assert_eq!(e.row, *row as u16, "{text}"),
                None => assert_eq!(tall.row(v), Some(*row as u16), "{text}"),
            }
        }
        // Never more than five rows without a label.
        let gaps = shown.windows(2).map(|w| w[1].0 - w[0].0).max().unwrap_or(0);
        assert!(gaps <= 5, "{shown:?}");
    }

    #[test]
    fn without_edges_the_scale_is_linear() {
        let s = YScale::new([0.0, 100.0], 11, &[]);
        assert_eq!(s.position(50.0), Some(5.0));
        assert_eq!(s.row(0.0), Some(10));
        assert_eq!(s.plotted(5.0), 50.0);
        assert!(s.bands().is_empty());
    }
}
