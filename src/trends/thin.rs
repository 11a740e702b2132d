//! Thinning long series for drawing: per column of the plot keep the first,
//! lowest, highest and last point, so ten years of weekly check-ins draw as
//! fast as ten, and no peak or dip is lost.

/// Points sorted by x. When there are more than `buckets` of them, splits
/// `bounds` into `buckets` equal slices and keeps, per slice, the first,
/// lowest, highest and last point (in x order, without repeats). Points
/// outside `bounds` are dropped.
pub fn thin(points: &[(f64, f64)], bounds: [f64; 2], buckets: usize) -> Vec<(f64, f64)> {
    let [lo, hi] = bounds;
    let kept: Vec<(f64, f64)> = points
        .iter()
        .filter(|(x, _)| (lo..=hi).contains(x))
        .copied()
        .collect();
    if buckets == 0 || kept.len() <= buckets || hi <= lo {
        return kept;
    }
    let slice = |x: f64| (((x - lo) / (hi - lo) * buckets as f64) as usize).min(buckets - 1);
    let mut out = Vec::with_capacity(buckets * 4);
    let mut start = 0;
    while start < kept.len() {
        let bucket = slice(kept[start].0);
        let mut end = start;
        while end < kept.len() && slice(kept[end].0) == bucket {
            end += 1;
        }
        let group = &kept[start..end];
        let mut min_i = 0;
        let mut max_i = 0;
        for (i, p) in group.iter().enumerate() {
            if p.1 < group[min_i].1 {
                min_i = i;
            }
            if p.1 > group[max_i].1 {
                max_i = i;
            }
        }
        let mut picks = [0, min_i, max_i, group.len() - 1];
        picks.sort_unstable();
        let mut last = None;
        for i in picks {
            if last != Some(i) {
                out.push(group[i]);
                last = Some(i);
            }
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten years of weekly values that wander between 10 and 60.
    fn weekly() -> Vec<(f64, f64)> {
        (0..520)
            .map(|w| {
                let x = f64::from(w) * 7.0;
                let y = 35.0 + 20.0 * (f64::from(w) / 9.0).sin() + f64::from(w % 5);
                (x, y)
            })
            .collect()
    }

    #[test]
    fn short_series_are_left_alone() {
        let pts = vec![(0.0, 1.0), (1.0, 5.0), (2.0, 3.0)];
        assert_eq!(thin(&pts, [0.0, 2.0], 60), pts);
    }

    #[test]
    fn keeps_first_last_and_extremes_within_four_per_column() {
        let pts = weekly();
        let bounds = [0.0, 519.0 * 7.0];
        let thinned = thin(&pts, bounds, 60);
        assert!(thinned.len() <= 60 * 4, "{} points", thinned.len());
        assert!(thinned.len() < pts.len());
        assert_eq!(thinned.first(), pts.first());
        assert_eq!(thinned.last(), pts.last());
        let max = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let min = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        assert!(thinned.iter().any(|p| p.1 == max));
        assert!(thinned.iter().any(|p| p.1 == min));
        // Still in time order, and every kept point is a real one.
        assert!(thinned.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(thinned.iter().all(|p| pts.contains(p)));
    }

    #[test]
    fn every_column_keeps_its_own_highs_and_lows() {
        let pts = weekly();
        let bounds = [0.0, 519.0 * 7.0];
        let thinned = thin(&pts, bounds, 30);
        for b in 0..30 {
            let in_b = |p: &&(f64, f64)| ((p.0 / bounds[1] * 30.0) as usize).min(29) == b;
            let orig: Vec<&(f64, f64)> = pts.iter().filter(in_b).collect();
            let kept: Vec<&(f64, f64)> = thinned.iter().filter(in_b).collect();
            let hi = |v: &[&(f64, f64)]| v.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            let lo = |v: &[&(f64, f64)]| v.iter().map(|p| p.1).fold(f64::MAX, f64::min);
            assert_eq!(hi(&orig), hi(&kept), "column {b}");
            assert_eq!(lo(&orig), lo(&kept), "column {b}");
        }
    }

    #[test]
    fn points_outside_the_bounds_are_dropped() {
        let pts: Vec<(f64, f64)> = (0..100).map(|i| (f64::from(i), 1.0)).collect();
        let thinned = thin(&pts, [50.0, 99.0], 10);
        assert!(thinned.iter().all(|p| p.0 >= 50.0));
        assert_eq!(thinned.first(), Some(&(50.0, 1.0)));
        assert_eq!(thinned.last(), Some(&(99.0, 1.0)));
    }
}
