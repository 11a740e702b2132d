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
            value: w[1].edge.unwrap_or(w[1].min),
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
    fn an_edge_without_a_published_figure_is_where_the_upper_band_begins() {
        let band = |min: f64, max: f64, edge: Option<f64>| Band {
            min,
            max,
            label: format!("{min}-{max}"),
            meaning: None,
            source: "recap".into(),
            edge,
        };
        let catalog = Catalog::bundled();
        let def = |upper_edge| {
            let mut d = catalog.get("who-5").expect("bundled").instrument.scores[0].clone();
            d.bands = vec![band(0.0, 9.0, None), band(10.0, 20.0, upper_edge)];
            d
        };
        let at: Vec<(f64, f64)> = edges(&def(None))
            .iter()
            .map(|e| (e.value, e.split))
            .collect();
        assert_eq!(at, vec![(10.0, 10.0)]);
        let at: Vec<(f64, f64)> = edges(&def(Some(9.0)))
            .iter()
            .map(|e| (e.value, e.split))
            .collect();
        assert_eq!(at, vec![(9.0, 10.0)]);
    }
}
