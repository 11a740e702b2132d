//! The recovery-network section of `recap trends --plain` and `--json`: the
//! derived measures of each review in the window, oldest first. Counts of
//! the person's own answers: no bands, no cutoffs, no verdicts.

use chrono::NaiveDateTime;
use serde_json::{Value, json};

use super::window::Window;
use crate::network::{Review, words};

/// The reviews inside the window ending at `now` (by their day).
fn in_window(reviews: &[Review], window: Window, now: NaiveDateTime) -> Vec<&Review> {
    reviews
        .iter()
        .filter(|r| window.contains(now, r.date.and_time(chrono::NaiveTime::MIN)))
        .collect()
}

/// The text table: one column per review, one row per measure.
pub fn plain(reviews: &[Review], window: Window, now: NaiveDateTime) -> String {
    let mut out = format!("{}\n", words::TITLE);
    let shown = in_window(reviews, window, now);
    if reviews.is_empty() {
        out.push_str("No network reviews yet (recap network add, or recap network review).\n");
        return out;
    }
    if shown.is_empty() {
        out.push_str(&format!("No network reviews in the {}.\n", window.label()));
        return out;
    }
    out.push_str(words::COUNTS_NOTE);
    out.push_str("\n\n");
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["review".to_string()];
    header.extend(shown.iter().map(|r| r.date.format("%Y-%m-%d").to_string()));
    table.push(header);
    let mut walked = vec!["walked through".to_string()];
    walked.extend(
        shown
            .iter()
            .map(|r| crate::strings::yes_no(r.walked_through).to_string()),
    );
    table.push(walked);
    let measures: Vec<_> = shown.iter().map(|r| r.measures()).collect();
    for (i, row) in crate::network::measures(&[]).rows().iter().enumerate() {
        let mut line = vec![row.label.to_string()];
        line.extend(measures.iter().map(|m| {
            if row.key == "supportive" {
                m.share_text()
            } else {
                m.rows()[i].value.to_string()
            }
        }));
        table.push(line);
    }
    out.push_str(&super::table::align(&table));
    out
}

/// The JSON: each review in the window with its measures, oldest first.
pub fn json(reviews: &[Review], window: Window, now: NaiveDateTime) -> Value {
    let shown = in_window(reviews, window, now);
    json!({
        "title": words::TITLE,
        "note": words::COUNTS_NOTE,
        "window": window.code(),
        "reviews": shown.iter().map(|r| json!({
            "id": r.id,
            "date": r.date.format("%Y-%m-%d").to_string(),
            "walked_through": r.walked_through,
            "measures": r.measures(),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::network::{Entry, Kind, Support};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn review(m: u32, d: u32, entries: Vec<Entry>, walked: bool) -> Review {
        let date = NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let at = Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap();
        Review {
            id: format!("r-{m}-{d}"),
            profile_id: 1,
            date,
            utc_offset: chrono::FixedOffset::east_opt(0).unwrap(),
            started_at: at,
            updated_at: at,
            walked_through: walked,
            entries,
        }
    }

    #[test]
    fn each_review_in_the_window_with_its_counts_oldest_first() {
        let a = Entry::new("A", Kind::Person, Support::Supportive).unwrap();
        let b = Entry::new("B", Kind::Group, Support::Mixed).unwrap();
        let reviews = vec![
            review(1, 5, vec![a.clone()], true),
            review(11, 2, vec![a.clone(), b.clone()], false),
        ];
        let now = NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let text = plain(&reviews, Window::All, now);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Your recovery network");
        let header = lines.iter().find(|l| l.starts_with("review")).unwrap();
        assert!(header.find("2026-01-05").unwrap() < header.find("2026-11-02").unwrap());
        let entries = lines.iter().find(|l| l.starts_with("Entries")).unwrap();
        let cells: Vec<&str> = entries.split_whitespace().collect();
        assert_eq!(cells, ["Entries", "1", "2"], "{entries:?}");
        let share = lines
            .iter()
            .find(|l| l.starts_with("Supportive of my goals"))
            .unwrap();
        assert!(share.contains("1 of 1 (100%)") && share.contains("1 of 2 (50%)"));
        // The last 4 weeks hold only the November review.
        let v = json(&reviews, Window::Weeks4, now);
        assert_eq!(v["reviews"].as_array().unwrap().len(), 1);
        assert_eq!(v["reviews"][0]["measures"]["total"], 2);
        assert_eq!(v["reviews"][0]["measures"]["supportive_share"], 0.5);
        assert!(plain(&[], Window::All, now).contains("No network reviews yet"));
        assert!(plain(&reviews[..1], Window::Weeks4, now).contains("No network reviews in the"));
    }
}
