//! Looking inside check-ins: one check-in's answers (item, answer label,
//! value), two check-ins compared item by item (what rose, fell, stayed),
//! and one item's answers across check-ins, so a counselor can see which
//! question moves the total.

use chrono::NaiveDateTime;

use super::series::Trend;
use crate::instrument::{AnswerValue, Answers, Instrument, Item};
use crate::store::{Store, StoreResult};
use crate::strings;

/// One answered (or skipped) item of a check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    /// 1-based position in the questionnaire.
    pub number: usize,
    pub item_id: String,
    pub text: String,
    pub answer: Option<AnswerValue>,
    /// The option label, the written answer, or "(skipped)".
    pub label: String,
}

/// What an answer reads as: its option label, its text, or "(skipped)".
pub fn answer_label(item: Option<&Item>, answer: Option<&AnswerValue>) -> String {
    match (item, answer) {
        (_, None) => strings::SKIPPED.to_string(),
        (_, Some(AnswerValue::Text(t))) => t.clone(),
        (Some(item), Some(AnswerValue::Number(n))) => item.label_for(*n),
        (None, Some(AnswerValue::Number(n))) => n.to_string(),
    }
}

/// Every item of the questionnaire with its answer, in order.
pub fn answer_rows(instrument: &Instrument, answers: &Answers) -> Vec<AnswerRow> {
    instrument
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let answer = answers.get(&item.id).cloned();
            AnswerRow {
                number: i + 1,
                item_id: item.id.clone(),
                text: item.text.clone(),
                label: answer_label(Some(item), answer.as_ref()),
                answer,
            }
        })
        .collect()
}

/// How one item's answer moved between two check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Movement {
    Rose,
    Fell,
    Stayed,
    /// A written answer that is different.
    Reworded,
    /// Answered in only one of the two.
    OnlyOnce,
    /// Skipped both times.
    Skipped,
}

impl Movement {
    /// The heading of the group, e.g. "Rose".
    pub fn heading(self) -> &'static str {
        match self {
            Movement::Rose => strings::MOVED_ROSE,
            Movement::Fell => strings::MOVED_FELL,
            Movement::Stayed => strings::MOVED_STAYED,
            Movement::Reworded => strings::MOVED_REWORDED,
            Movement::OnlyOnce => strings::MOVED_ONLY_ONCE,
            Movement::Skipped => strings::MOVED_SKIPPED,
        }
    }
}

/// One item in a comparison of two check-ins.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub number: usize,
    pub item_id: String,
    pub text: String,
    pub older: Option<AnswerValue>,
    pub older_label: String,
    pub newer: Option<AnswerValue>,
    pub newer_label: String,
    pub movement: Movement,
    /// Newer minus older, for numbers answered both times.
    pub delta: Option<i64>,
}

/// Compares two check-ins of a questionnaire item by item, in the newer
/// one's item order (items only the older one had come last).
pub fn compare(older: (&Instrument, &Answers), newer: (&Instrument, &Answers)) -> Vec<ItemChange> {
    let (old_i, old_a) = older;
    let (new_i, new_a) = newer;
    let mut items: Vec<&Item> = new_i.items.iter().collect();
    for item in &old_i.items {
        if new_i.item(&item.id).is_none() {
            items.push(item);
        }
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let o = old_a.get(&item.id).cloned();
            let n = new_a.get(&item.id).cloned();
            let (movement, delta) = match (&o, &n) {
                (None, None) => (Movement::Skipped, None),
                (Some(_), None) | (None, Some(_)) => (Movement::OnlyOnce, None),
                (Some(AnswerValue::Number(a)), Some(AnswerValue::Number(b))) => {
                    let m = match b.cmp(a) {
                        std::cmp::Ordering::Greater => Movement::Rose,
                        std::cmp::Ordering::Less => Movement::Fell,
                        std::cmp::Ordering::Equal => Movement::Stayed,
                    };
                    (m, Some(b - a))
                }
                (Some(a), Some(b)) if a == b => (Movement::Stayed, None),
                _ => (Movement::Reworded, None),
            };
            ItemChange {
                number: i + 1,
                item_id: item.id.clone(),
                text: item.text.clone(),
                older_label: answer_label(old_i.item(&item.id).or(Some(item)), o.as_ref()),
                newer_label: answer_label(new_i.item(&item.id).or(Some(item)), n.as_ref()),
                older: o,
                newer: n,
                movement,
                delta,
            }
        })
        .collect()
}

/// The changes grouped: rose, fell, stayed, then the rest; empty groups left out.
pub fn grouped(changes: &[ItemChange]) -> Vec<(Movement, Vec<&ItemChange>)> {
    let mut groups: Vec<(Movement, Vec<&ItemChange>)> = Vec::new();
    for m in [
        Movement::Rose,
        Movement::Fell,
        Movement::Stayed,
        Movement::Reworded,
        Movement::OnlyOnce,
        Movement::Skipped,
    ] {
        let items: Vec<&ItemChange> = changes.iter().filter(|c| c.movement == m).collect();
        if !items.is_empty() {
            groups.push((m, items));
        }
    }
    groups
}

/// One check-in's answer to one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPoint {
    pub session_id: String,
    pub local: NaiveDateTime,
    pub answer: Option<AnswerValue>,
    pub label: String,
}

/// The answers to `item_id` at the given points of a trend, in that order.
pub fn item_history(
    store: &Store,
    trend: &Trend,
    item_id: &str,
    points: &[usize],
) -> StoreResult<Vec<ItemPoint>> {
    let item = trend.instrument.item(item_id);
    let mut out = Vec::with_capacity(points.len());
    for &p in points {
        let Some(point) = trend.points.get(p) else {
            continue;
        };
        let answer = store.answers(&point.session_id)?.remove(item_id);
        out.push(ItemPoint {
            session_id: point.session_id.clone(),
            local: point.local,
            label: answer_label(item, answer.as_ref()),
            answer,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::Catalog;

    fn barc() -> Instrument {
        Catalog::bundled()
            .get("barc-10")
            .expect("barc")
            .instrument
            .clone()
    }

    fn answers(values: &[(&str, i64)]) -> Answers {
        values
            .iter()
            .map(|(k, v)| (k.to_string(), AnswerValue::Number(*v)))
            .collect()
    }

    #[test]
    fn answer_rows_show_label_and_value_in_item_order() {
        let i = barc();
        let rows = answer_rows(&i, &answers(&[("b1", 6), ("b2", 3)]));
        assert_eq!(rows.len(), 10);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[0].label, "Strongly agree");
        assert_eq!(rows[0].answer, Some(AnswerValue::Number(6)));
        assert_eq!(rows[1].label, "Somewhat disagree");
        assert_eq!(rows[2].label, "(skipped)");
        assert_eq!(rows[2].answer, None);
    }

    #[test]
    fn comparison_sorts_items_into_rose_fell_stayed() {
        let i = barc();
        let older = answers(&[("b1", 3), ("b2", 5), ("b3", 4), ("b4", 2)]);
        let newer = answers(&[("b1", 5), ("b2", 4), ("b3", 4), ("b5", 6)]);
        let changes = compare((&i, &older), (&i, &newer));
        assert_eq!(changes.len(), 10);
        assert_eq!(changes[0].movement, Movement::Rose);
        assert_eq!(changes[0].delta, Some(2));
        assert_eq!(changes[0].older_label, "Somewhat disagree");
        assert_eq!(changes[0].newer_label, "Agree");
        assert_eq!(changes[1].movement, Movement::Fell);
        assert_eq!(changes[1].delta, Some(-1));
        assert_eq!(changes[2].movement, Movement::Stayed);
        assert_eq!(changes[3].movement, Movement::OnlyOnce);
        assert_eq!(changes[4].movement, Movement::OnlyOnce);
        assert_eq!(changes[5].movement, Movement::Skipped);
        let groups = grouped(&changes);
        let summary: Vec<(Movement, usize)> = groups.iter().map(|(m, v)| (*m, v.len())).collect();
        assert_eq!(
            summary,
            vec![
                (Movement::Rose, 1),
                (Movement::Fell, 1),
                (Movement::Stayed, 1),
                (Movement::OnlyOnce, 2),
                (Movement::Skipped, 5),
            ]
        );
    }

    #[test]
    fn written_answers_are_the_same_or_reworded() {
        let i = Catalog::bundled()
            .get("samhsa-dimensions")
            .expect("samhsa")
            .instrument
            .clone();
        let text = |s: &str| -> Answers {
            [("reflection".to_string(), AnswerValue::Text(s.into()))]
                .into_iter()
                .collect()
        };
        let same = compare((&i, &text("calm")), (&i, &text("calm")));
        let r = same
            .iter()
            .find(|c| c.item_id == "reflection")
            .expect("item");
        assert_eq!(r.movement, Movement::Stayed);
        let diff = compare((&i, &text("calm")), (&i, &text("busy")));
        let r = diff
            .iter()
            .find(|c| c.item_id == "reflection")
            .expect("item");
        assert_eq!(r.movement, Movement::Reworded);
        assert_eq!(r.newer_label, "busy");
    }
}
