//! What changed between two reviews (entries matched by their id): added,
//! removed, and changed entries with each answer before and after. Pure;
//! reports and `network list` show it.

use super::model::{Entry, Field};
use super::words;

/// One difference between two reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryChange {
    Added(Entry),
    Removed(Entry),
    /// The same entry with other answers: (what, before, after) in words.
    Changed {
        before: Entry,
        after: Entry,
        what: Vec<(String, String, String)>,
    },
}

impl EntryChange {
    /// The entry's name now (or, removed, then).
    pub fn name(&self) -> &str {
        match self {
            EntryChange::Added(e) | EntryChange::Removed(e) => &e.name,
            EntryChange::Changed { after, .. } => &after.name,
        }
    }

    /// "added", "removed", "changed".
    pub fn verb(&self) -> &'static str {
        match self {
            EntryChange::Added(_) => "added",
            EntryChange::Removed(_) => "removed",
            EntryChange::Changed { .. } => "changed",
        }
    }

    /// In words: "Added Sam: person, supportive", "Removed J", "Changed
    /// Sam: support mixed -> supportive; closeness 3/5 -> 4/5".
    pub fn describe(&self) -> String {
        match self {
            EntryChange::Added(e) => format!("Added {}", words::entry_line(e)),
            EntryChange::Removed(e) => format!("Removed {}", e.name),
            EntryChange::Changed { after, what, .. } => format!(
                "Changed {}: {}",
                after.name,
                what.iter()
                    .map(|(w, b, a)| format!("{w} {b} \u{2192} {a}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

/// The answers that differ between two versions of one entry.
pub fn differences(before: &Entry, after: &Entry) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    if before.name != after.name {
        out.push(("name".into(), before.name.clone(), after.name.clone()));
    }
    if before.kind != after.kind {
        out.push((
            "kind".into(),
            before.kind.words().into(),
            after.kind.words().into(),
        ));
    }
    if before.support != after.support {
        out.push((
            "support".into(),
            words::support(before.support).into(),
            words::support(after.support).into(),
        ));
    }
    for field in Field::ALL {
        let (b, a) = (
            words::field_value(before, field),
            words::field_value(after, field),
        );
        // A question that applies to neither kind is not a change.
        let asked = field.applies_to(before.kind) || field.applies_to(after.kind);
        if asked && b != a {
            out.push((words::field_label(field).into(), b, a));
        }
    }
    out
}

/// What changed from `before` to `after`: removed entries first (in their
/// old order), then changed and added ones in the new order.
pub fn changes(before: &[Entry], after: &[Entry]) -> Vec<EntryChange> {
    let mut out: Vec<EntryChange> = before
        .iter()
        .filter(|b| !after.iter().any(|a| a.id == b.id))
        .cloned()
        .map(EntryChange::Removed)
        .collect();
    for a in after {
        match before.iter().find(|b| b.id == a.id) {
            None => out.push(EntryChange::Added(a.clone())),
            Some(b) => {
                let what = differences(b, a);
                if !what.is_empty() {
                    out.push(EntryChange::Changed {
                        before: b.clone(),
                        after: a.clone(),
                        what,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::network::model::{Kind, Support};

    #[test]
    fn added_removed_and_changed_entries_are_found_by_id() {
        let sam = Entry::new("Sam", Kind::Person, Support::Mixed).unwrap();
        let jo = Entry::new("Jo", Kind::Person, Support::Supportive).unwrap();
        let mut sam2 = sam.clone();
        sam2.support = Support::Supportive;
        sam2.closeness = Some(4);
        sam2.name = "Samuel".into();
        let club = Entry::new("Club", Kind::Group, Support::Supportive).unwrap();
        let found = changes(&[sam.clone(), jo.clone()], &[sam2.clone(), club.clone()]);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0], EntryChange::Removed(jo));
        assert_eq!(found[2], EntryChange::Added(club));
        assert_eq!(
            found[1].describe(),
            "Changed Samuel: name Sam \u{2192} Samuel; support mixed \u{2192} supportive; closeness - \u{2192} 4/5"
        );
        let same = std::slice::from_ref(&sam);
        assert!(changes(same, same).is_empty());
    }

    #[test]
    fn a_new_kind_shows_only_questions_asked_of_either_kind() {
        let mut place = Entry::new("Gym", Kind::Place, Support::Supportive).unwrap();
        place.uses = true;
        let mut group = place.clone();
        group.set_kind(Kind::Group);
        group.belonging = Some(5);
        let what = differences(&place, &group);
        let names: Vec<&str> = what.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(names, ["kind", "feeling part of it", "used"]);
    }
}
