//! A one-line text sparkline: block characters scaled to a score's range.

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// `values` mapped onto eight heights between `min` and `max`.
pub fn sparkline(values: &[f64], min: f64, max: f64) -> String {
    let span = (max - min).max(f64::EPSILON);
    values
        .iter()
        .map(|v| {
            let t = ((v - min) / span).clamp(0.0, 1.0);
            BARS[(t * 7.0).round() as usize]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_of_the_range_map_to_lowest_and_highest_bar() {
        assert_eq!(sparkline(&[10.0, 60.0, 35.0], 10.0, 60.0), "▁█▅");
        assert_eq!(sparkline(&[], 0.0, 1.0), "");
        assert_eq!(sparkline(&[5.0], 5.0, 5.0), "▁");
    }
}
