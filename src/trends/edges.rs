//! Band edges as charts draw them: one per pair of neighbouring bands, at
//! the figure the source publishes (WHO-5's "50 or less" gives 50, BARC-10's
//! cutoff gives 47), with the first value of the band above (which side a
//! value falls on) and the names of the bands on either side.

use crate::instrument::model::{Band, ScoreDef};

/// Where one band ends and the next begins.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// The published figure the edge is drawn at and labelled with.
    pub value: f64,
    /// The first value of the band above: a value under it belongs to the
    /// band below, even when it equals `value` (WHO-5: 50 is "50 or less").
    pub split: f64,
    /// The band under the edge.
    pub below: String,
    /// The band over the edge.
    pub above: String,
}

impl RefLine {
    /// Whether `v` belongs to the band over this edge.
    pub fn is_above(&self, v: f64) -> bool {
        v >= self.split - 1e-9
    }
}

/// The edges between a score's bands, lowest first.
pub fn edges(def: &ScoreDef) -> Vec<RefLine> {
    let mut bands: Vec<&Band> = def.bands.iter().collect();
    bands.sort_by(|a, b| a.min.total_cmp(&b.min));
    bands
        .windows(2)
        .map(|w| RefLine {
            value: figure(w[0], w[1]),
            split: w[1].min,
            below: w[0].label.clone(),
            above: w[1].label.clone(),
        })
        .collect()
}

/// The bands' labels, lowest first, as the edges name them (every band,
/// the lowest too).
pub fn band_labels(edges: &[RefLine]) -> Vec<&str> {
    let mut out: Vec<&str> = edges
        .first()
        .map(|e| e.below.as_str())
        .into_iter()
        .collect();
    out.extend(edges.iter().map(|e| e.above.as_str()));
    out
}

/// The figure an edge is published at: the last value of the band below
/// ("28 or less") or the first of the band above ("a cutoff of 47"),
/// whichever the two bands' labels, meanings and sources name more often;
/// the first value of the band above when neither is named.
fn figure(lower: &Band, upper: &Band) -> f64 {
    let (end, start) = (lower.max, upper.min);
    let named = |v: f64| -> usize {
        [lower, upper]
            .iter()
            .flat_map(|b| {
                [
                    b.label.as_str(),
                    b.meaning.as_deref().unwrap_or(""),
                    &b.source,
                ]
            })
            .map(|text| numbers(text).filter(|n| (n - v).abs() < 1e-9).count())
            .sum()
    };
    if named(end) > named(start) {
        end
    } else {
        start
    }
}

/// The numbers written in a text ("84:167-176" holds 84, 167 and 176).
fn numbers(text: &str) -> impl Iterator<Item = f64> + '_ {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse::<f64>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::Catalog;

    fn score_edges(id: &str) -> Vec<RefLine> {
        let catalog = Catalog::bundled();
        let def = &catalog.get(id).expect("bundled").instrument.scores[0];
        edges(def)
    }

    #[test]
    fn bundled_edges_are_at_the_published_figures() {
        let who = score_edges("who-5");
        let at: Vec<(f64, f64)> = who.iter().map(|e| (e.value, e.split)).collect();
        assert_eq!(at, vec![(28.0, 29.0), (50.0, 51.0)]);
        assert_eq!(
            band_labels(&who),
            vec!["28 or below", "29 to 50", "Above 50"]
        );
        let barc = score_edges("barc-10");
        let at: Vec<(f64, f64)> = barc.iter().map(|e| (e.value, e.split)).collect();
        assert_eq!(at, vec![(47.0, 47.0)]);
        assert_eq!(band_labels(&barc), vec!["Below 47", "47 or above"]);
    }

    #[test]
    fn the_side_of_a_value_follows_the_band_definitions() {
        let who = score_edges("who-5");
        // 28 is in "28 or below"; 50 is in "29 to 50".
        assert!(!who[0].is_above(28.0) && who[0].is_above(32.0));
        assert!(!who[1].is_above(48.0) && !who[1].is_above(50.0) && who[1].is_above(52.0));
        let barc = score_edges("barc-10");
        assert!(!barc[0].is_above(46.0) && barc[0].is_above(47.0));
    }

    #[test]
    fn numbers_are_read_from_text() {
        let n: Vec<f64> = numbers("Topp et al. 2015, 84:167-176 (28 or less).").collect();
        assert_eq!(n, vec![2015.0, 84.0, 167.0, 176.0, 28.0]);
        let n: Vec<f64> = numbers("from 2.5 up").collect();
        assert_eq!(n, vec![2.5]);
    }

    #[test]
    fn an_edge_nobody_names_is_where_the_upper_band_begins() {
        let band = |min: f64, max: f64, label: &str| Band {
            min,
            max,
            label: label.into(),
            meaning: None,
            source: "recap".into(),
        };
        let e = figure(&band(0.0, 9.0, "Low"), &band(10.0, 20.0, "High"));
        assert_eq!(e, 10.0);
        let e = figure(&band(0.0, 9.0, "9 or less"), &band(10.0, 20.0, "More"));
        assert_eq!(e, 9.0);
    }
}
