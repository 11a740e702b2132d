//! Where things go on a chart: dates as x (days since 1970), the columns and
//! rows a value lands in (the same rounding ratatui's canvas uses for
//! one-character markers), and readable date labels for the x axis.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, TimeDelta};

/// The shortest span a chart covers, so one check-in is not squeezed onto an edge.
pub const MIN_SPAN_DAYS: f64 = 14.0;

/// The x coordinate of an instant: days (with fractions) since 1970-01-01.
pub fn day_number(t: NaiveDateTime) -> f64 {
    t.and_utc().timestamp() as f64 / 86_400.0
}

/// The x coordinate of midnight at the start of a date.
pub fn date_number(d: NaiveDate) -> f64 {
    day_number(d.and_time(chrono::NaiveTime::MIN))
}

/// The x range of a chart: from the window's start (all time: the first
/// check-in) to now, or to the last check-in if that is later; at least
/// `MIN_SPAN_DAYS` wide, ending at the same place.
pub fn x_bounds(
    window_start: Option<NaiveDateTime>,
    first: Option<NaiveDateTime>,
    last: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> [f64; 2] {
    let end = day_number(last.map_or(now, |l| l.max(now)));
    let start = window_start.or(first).map_or(end, day_number);
    if end - start < MIN_SPAN_DAYS {
        [end - MIN_SPAN_DAYS, end]
    } else {
        [start, end]
    }
}

/// The column (0 = left edge of the plot) where `x` is drawn in a plot
/// `width` columns wide; None outside the bounds.
pub fn column(x: f64, bounds: [f64; 2], width: u16) -> Option<u16> {
    let [lo, hi] = bounds;
    if width == 0 || !(lo..=hi).contains(&x) || hi <= lo {
        return None;
    }
    Some(((x - lo) * f64::from(width - 1) / (hi - lo)).round() as u16)
}

/// The row (0 = top of the plot) where `y` is drawn in a plot `height` rows
/// tall; None outside the bounds.
pub fn row(y: f64, bounds: [f64; 2], height: u16) -> Option<u16> {
    let [lo, hi] = bounds;
    if height == 0 || !(lo..=hi).contains(&y) || hi <= lo {
        return None;
    }
    Some(((hi - y) * f64::from(height - 1) / (hi - lo)).round() as u16)
}

/// A labelled mark on the x axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// Column of the mark inside the plot.
    pub col: u16,
    pub label: String,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Weeks(u32),
    Months(u32),
    Years(u32),
}

const STEPS: [Step; 11] = [
    Step::Weeks(1),
    Step::Weeks(2),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(25),
];

/// Space kept between two labels.
const GAP: u16 = 2;

/// The dates of the marks of one step size that fall inside `[start, end]`.
fn tick_dates(step: Step, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    match step {
        Step::Weeks(n) => {
            // Mondays; for two-week steps, every other Monday counted from 1970.
            let epoch_monday = NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or_default();
            let mut d = start;
            while d.weekday() != chrono::Weekday::Mon {
                d += TimeDelta::days(1);
            }
            while d <= end {
                let weeks = (d - epoch_monday).num_days() / 7;
                if weeks.rem_euclid(i64::from(n)) == 0 {
                    out.push(d);
                }
                d += TimeDelta::days(7);
            }
        }
        Step::Months(n) => {
            let mut d = start.with_day(1).unwrap_or(start);
            if d < start {
                d = d.checked_add_months(Months::new(1)).unwrap_or(end);
            }
            while d <= end {
                if d.month0().is_multiple_of(n) {
                    out.push(d);
                }
                match d.checked_add_months(Months::new(1)) {
                    Some(next) => d = next,
                    None => break,
                }
            }
        }
        Step::Years(n) => {
            let mut y = start.year();
            if NaiveDate::from_ymd_opt(y, 1, 1).is_some_and(|d| d < start) {
                y += 1;
            }
            while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                if d > end {
                    break;
                }
                if y.rem_euclid(n as i32) == 0 {
                    out.push(d);
                }
                y += 1;
            }
        }
    }
    out
}

fn label(step: Step, d: NaiveDate, first: bool) -> String {
    match step {
        Step::Weeks(_) => d.format("%-d %b").to_string(),
        Step::Months(_) if first || d.month() == 1 => d.format("%b %Y").to_string(),
        Step::Months(_) => d.format("%b").to_string(),
        Step::Years(_) => d.format("%Y").to_string(),
    }
}

/// Where a label of `len` characters centred on `col` starts, kept inside the plot.
pub fn label_start(col: u16, len: u16, width: u16) -> u16 {
    col.saturating_sub(len / 2).min(width.saturating_sub(len))
}

/// Readable date marks for a plot `width` columns wide spanning `bounds`:
/// the finest step (weeks, months, years) whose labels fit without
/// crowding; at least two marks where the span allows.
pub fn date_ticks(bounds: [f64; 2], width: u16) -> Vec<Tick> {
    let [lo, hi] = bounds;
    let to_date = |x: f64| {
        chrono::DateTime::from_timestamp((x * 86_400.0).round() as i64, 0).map(|t| t.date_naive())
    };
    let (Some(start), Some(end)) = (to_date(lo), to_date(hi)) else {
        return Vec::new();
    };
    let mut fallback: Option<Vec<Tick>> = None;
    for step in STEPS {
        let ticks: Vec<Tick> = tick_dates(step, start, end)
            .into_iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let x = date_number(d);
                column(x, bounds, width).map(|col| Tick {
                    col,
                    label: label(step, d, i == 0),
                })
            })
            .collect();
        if ticks.is_empty() {
            continue;
        }
        let fits = ticks.windows(2).all(|w| {
            let a_len = w[0].label.chars().count() as u16;
            let b_len = w[1].label.chars().count() as u16;
            let a_end = label_start(w[0].col, a_len, width) + a_len;
            label_start(w[1].col, b_len, width) >= a_end + GAP
        }) && ticks
            .iter()
            .all(|t| t.label.chars().count() as u16 <= width);
        if fits && ticks.len() >= 2 {
            return ticks;
        }
        if fits && fallback.is_none() {
            fallback = Some(ticks);
        }
    }
    fallback.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn noon(y: i32, m: u32, d: u32) -> NaiveDateTime {
        day(y, m, d).and_hms_opt(12, 0, 0).expect("time")
    }

    #[test]
    fn day_numbers_count_days_since_1970() {
        assert_eq!(date_number(day(1970, 1, 1)), 0.0);
        assert_eq!(date_number(day(1970, 1, 11)), 10.0);
        assert_eq!(day_number(noon(1970, 1, 2)), 1.5);
    }

    #[test]
    fn dates_map_to_columns_proportionally_to_time() {
        // A 60-column plot over 30 days: 59 steps of about half a day each.
        let bounds = [date_number(day(2026, 11, 1)), date_number(day(2026, 12, 1))];
        assert_eq!(column(bounds[0], bounds, 60), Some(0));
        assert_eq!(column(bounds[1], bounds, 60), Some(59));
        // The 16th at midnight is 15 of 30 days in: 15 * 59 / 30 = 29.5 -> 30.
        assert_eq!(column(date_number(day(2026, 11, 16)), bounds, 60), Some(30));
        // Ten days in: 10 * 59 / 30 = 19.67 -> 20.
        assert_eq!(column(date_number(day(2026, 11, 11)), bounds, 60), Some(20));
        assert_eq!(column(bounds[0] - 1.0, bounds, 60), None);
        assert_eq!(column(bounds[1] + 0.1, bounds, 60), None);
    }

    #[test]
    fn values_map_to_rows_from_the_top() {
        // BARC-10: 10 to 60 over 9 rows, 50 / 8 = 6.25 points a row.
        assert_eq!(row(60.0, [10.0, 60.0], 9), Some(0));
        assert_eq!(row(10.0, [10.0, 60.0], 9), Some(8));
        // 47: (60 - 47) * 8 / 50 = 2.08 -> row 2.
        assert_eq!(row(47.0, [10.0, 60.0], 9), Some(2));
        // WHO-5 cutoffs 29 and 51 on 0-100 over 20 rows.
        assert_eq!(row(51.0, [0.0, 100.0], 20), Some(9));
        assert_eq!(row(29.0, [0.0, 100.0], 20), Some(13));
        assert_eq!(row(101.0, [0.0, 100.0], 20), None);
    }

    #[test]
    fn bounds_reach_from_window_or_first_check_in_to_now() {
        let now = noon(2026, 11, 24);
        // All time: from the first check-in.
        let b = x_bounds(None, Some(noon(2026, 1, 5)), Some(noon(2026, 11, 17)), now);
        assert_eq!(b, [day_number(noon(2026, 1, 5)), day_number(now)]);
        // A window: from its start even when the first check-in is earlier.
        let b = x_bounds(
            Some(noon(2026, 10, 27)),
            Some(noon(2020, 1, 1)),
            Some(noon(2026, 11, 17)),
            now,
        );
        assert_eq!(b, [day_number(noon(2026, 10, 27)), day_number(now)]);
        // One check-in today: still two weeks wide, ending now.
        let b = x_bounds(None, Some(now), Some(now), now);
        assert_eq!(b, [day_number(now) - 14.0, day_number(now)]);
        // A check-in dated after now extends the range.
        let later = noon(2026, 12, 1);
        assert_eq!(
            x_bounds(None, Some(now), Some(later), now)[1],
            day_number(later)
        );
    }

    #[test]
    fn four_weeks_are_labelled_by_monday() {
        let now = noon(2026, 11, 24);
        let bounds = [day_number(noon(2026, 10, 27)), day_number(now)];
        let ticks = date_ticks(bounds, 60);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, vec!["2 Nov", "9 Nov", "16 Nov", "23 Nov"]);
        // Each mark sits on its date's column.
        for t in &ticks {
            let d =
                NaiveDate::parse_from_str(&format!("{} 2026", t.label), "%d %b %Y").expect("parse");
            assert_eq!(Some(t.col), column(date_number(d), bounds, 60));
        }
    }

    #[test]
    fn long_spans_fall_back_to_coarser_steps() {
        let bounds = [
            day_number(noon(2016, 11, 28)),
            day_number(noon(2026, 11, 24)),
        ];
        let labels: Vec<String> = date_ticks(bounds, 60)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert_eq!(labels, vec!["2018", "2020", "2022", "2024", "2026"]);
        let labels: Vec<String> = date_ticks(bounds, 100)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert_eq!(labels.first().map(String::as_str), Some("2017"));
        assert_eq!(labels.len(), 10);
        // A year: months, the year shown on the first mark and in January.
        let bounds = [
            day_number(noon(2025, 11, 24)),
            day_number(noon(2026, 11, 24)),
        ];
        let labels: Vec<String> = date_ticks(bounds, 60)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert_eq!(labels, vec!["Jan 2026", "Mar", "May", "Jul", "Sep", "Nov"]);
    }

    #[test]
    fn labels_never_overlap_or_leave_the_plot() {
        for width in [20u16, 33, 60, 97, 120] {
            for days in [14.0, 28.0, 91.0, 365.0, 800.0, 3650.0, 20000.0] {
                let hi = day_number(noon(2026, 11, 24));
                let bounds = [hi - days, hi];
                let ticks = date_ticks(bounds, width);
                let mut end = 0u16;
                for (i, t) in ticks.iter().enumerate() {
                    let len = t.label.chars().count() as u16;
                    let start = label_start(t.col, len, width);
                    assert!(start + len <= width, "{width} {days}: {t:?}");
                    if i > 0 {
                        assert!(start >= end + GAP, "{width} {days}: {ticks:?}");
                    }
                    end = start + len;
                }
            }
        }
    }
}
