//! The derived measures of one network review, in one pure function:
//! descriptive counts only (no bands, no cutoffs, no judgement), the same
//! numbers on every surface (list, trends, reports, exports).

use serde::Serialize;

use super::model::{Entry, Kind, Support};

/// The lowest "how much I feel part of it" answer counted as strongly (4 of 5).
pub const STRONG_BELONGING: u8 = 4;

/// What one review's entries add up to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    /// Entries of every kind.
    pub total: usize,
    pub people: usize,
    pub groups: usize,
    pub places: usize,
    /// Entries whose time supports the goals the person has chosen.
    pub supportive: usize,
    pub mixed: usize,
    pub unsupportive: usize,
    /// `supportive / total` (0 to 1); `None` with no entries.
    pub supportive_share: Option<f64>,
    /// Groups the person strongly feels part of (4 or 5) that support the goals.
    pub groups_belonging: usize,
    /// People and groups the person looks to as an example of the life they want.
    pub role_models: usize,
    /// Places and services available near the person.
    pub places_available: usize,
    /// Places and services the person can get to.
    pub places_reachable: usize,
    /// Places and services the person uses.
    pub places_used: usize,
}

/// The measures of one review's entries.
pub fn measures(entries: &[Entry]) -> Measures {
    let count = |f: &dyn Fn(&Entry) -> bool| entries.iter().filter(|e| f(e)).count();
    let total = entries.len();
    let supportive = count(&|e| e.support == Support::Supportive);
    let place = |e: &Entry| e.kind == Kind::Place;
    Measures {
        total,
        people: count(&|e| e.kind == Kind::Person),
        groups: count(&|e| e.kind == Kind::Group),
        places: count(&place),
        supportive,
        mixed: count(&|e| e.support == Support::Mixed),
        unsupportive: count(&|e| e.support == Support::Unsupportive),
        supportive_share: (total > 0).then(|| supportive as f64 / total as f64),
        groups_belonging: count(&|e| {
            e.kind == Kind::Group
                && e.support == Support::Supportive
                && e.belonging.is_some_and(|b| b >= STRONG_BELONGING)
        }),
        role_models: count(&|e| e.kind.is_social() && e.role_model),
        places_available: count(&|e| place(e) && e.available),
        places_reachable: count(&|e| place(e) && e.reachable),
        places_used: count(&|e| place(e) && e.uses),
    }
}

/// One measure, for tables: its key (JSON, CSV), label and value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub value: usize,
}

impl Measures {
    /// The counts in the order shown everywhere (the supportive share is
    /// shown with `supportive`, see `share_text`).
    pub fn rows(&self) -> [Row; 12] {
        let row = |key, label, value| Row { key, label, value };
        [
            row("total", "Entries", self.total),
            row("people", "People", self.people),
            row("groups", "Groups", self.groups),
            row("places", "Places and services", self.places),
            row("supportive", "Supportive of my goals", self.supportive),
            row("mixed", "Mixed", self.mixed),
            row(
                "unsupportive",
                "Not supportive of my goals",
                self.unsupportive,
            ),
            row(
                "groups_belonging",
                "Supportive groups I strongly feel part of (4-5)",
                self.groups_belonging,
            ),
            row("role_models", "Role models", self.role_models),
            row(
                "places_available",
                "Places and services available near me",
                self.places_available,
            ),
            row(
                "places_reachable",
                "Places and services I can get to",
                self.places_reachable,
            ),
            row("places_used", "Places and services I use", self.places_used),
        ]
    }

    /// "3 of 5 (60%)", or "none yet" with no entries.
    pub fn share_text(&self) -> String {
        match self.supportive_share {
            Some(share) => format!(
                "{} of {} ({}%)",
                self.supportive,
                self.total,
                (share * 100.0).round()
            ),
            None => "none yet".into(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::network::model::Contact;

    fn entry(kind: Kind, support: Support) -> Entry {
        Entry::new("x", kind, support).unwrap()
    }

    /// A network worked out by hand:
    /// 1 person supportive, role model, close 5
    /// 2 person mixed, not a role model
    /// 3 person unsupportive, role model (still counted: a role model is the
    ///   person's own view, whatever the support)
    /// 4 group supportive, belonging 5      -> strongly part of, supports
    /// 5 group supportive, belonging 4      -> strongly part of, supports
    /// 6 group supportive, belonging 3      -> not strongly
    /// 7 group mixed, belonging 5           -> strongly, but mixed: not counted
    /// 8 group supportive, belonging unanswered, role model
    /// 9 place supportive: available, reachable, used
    /// 10 place supportive: available, not reachable, not used
    /// 11 place unsupportive: available, reachable, not used
    /// 12 place mixed: nothing
    fn hand_checked() -> Vec<Entry> {
        let mut v = Vec::new();
        let mut e = entry(Kind::Person, Support::Supportive);
        e.role_model = true;
        e.closeness = Some(5);
        e.contact = Some(Contact::Weekly);
        v.push(e);
        v.push(entry(Kind::Person, Support::Mixed));
        let mut e = entry(Kind::Person, Support::Unsupportive);
        e.role_model = true;
        v.push(e);
        for (support, belonging) in [
            (Support::Supportive, Some(5)),
            (Support::Supportive, Some(4)),
            (Support::Supportive, Some(3)),
            (Support::Mixed, Some(5)),
        ] {
            let mut e = entry(Kind::Group, support);
            e.belonging = belonging;
            v.push(e);
        }
        let mut e = entry(Kind::Group, Support::Supportive);
        e.role_model = true;
        v.push(e);
        for (support, a, r, u) in [
            (Support::Supportive, true, true, true),
            (Support::Supportive, true, false, false),
            (Support::Unsupportive, true, true, false),
            (Support::Mixed, false, false, false),
        ] {
            let mut e = entry(Kind::Place, support);
            e.available = a;
            e.reachable = r;
            e.uses = u;
            v.push(e);
        }
        v
    }

    #[test]
    fn every_measure_matches_the_hand_count() {
        let m = measures(&hand_checked());
        assert_eq!(m.total, 12);
        assert_eq!((m.people, m.groups, m.places), (3, 5, 4));
        // supportive: 1, 4, 5, 6, 8, 9, 10 = 7; mixed: 2, 7, 12 = 3;
        // unsupportive: 3, 11 = 2.
        assert_eq!((m.supportive, m.mixed, m.unsupportive), (7, 3, 2));
        assert_eq!(m.supportive_share, Some(7.0 / 12.0));
        assert_eq!(m.share_text(), "7 of 12 (58%)");
        // Groups 4 and 5 only.
        assert_eq!(m.groups_belonging, 2);
        // Entries 1, 3 and 8.
        assert_eq!(m.role_models, 3);
        // Available 9, 10, 11; reachable 9, 11; used 9.
        assert_eq!(
            (m.places_available, m.places_reachable, m.places_used),
            (3, 2, 1)
        );
        // The counts always add up.
        assert_eq!(m.people + m.groups + m.places, m.total);
        assert_eq!(m.supportive + m.mixed + m.unsupportive, m.total);
    }

    #[test]
    fn an_empty_network_has_zero_counts_and_no_share() {
        let m = measures(&[]);
        assert_eq!(m.total, 0);
        assert_eq!(m.supportive_share, None);
        assert_eq!(m.share_text(), "none yet");
        assert!(m.rows().iter().all(|r| r.value == 0));
    }

    #[test]
    fn small_vectors() {
        // One supportive person: share 1.
        let m = measures(&[entry(Kind::Person, Support::Supportive)]);
        assert_eq!(m.supportive_share, Some(1.0));
        assert_eq!(m.share_text(), "1 of 1 (100%)");
        // One unsupportive place, used: counted as used, share 0.
        let mut p = entry(Kind::Place, Support::Unsupportive);
        p.uses = true;
        let m = measures(&[p]);
        assert_eq!(
            (m.places, m.places_used, m.supportive_share),
            (1, 1, Some(0.0))
        );
        // Two of three: 67% (rounded half up from 66.67).
        let m = measures(&[
            entry(Kind::Group, Support::Supportive),
            entry(Kind::Group, Support::Supportive),
            entry(Kind::Group, Support::Mixed),
        ]);
        assert_eq!(m.share_text(), "2 of 3 (67%)");
        assert_eq!(m.groups_belonging, 0);
    }

    #[test]
    fn rows_follow_the_fields() {
        let m = measures(&hand_checked());
        let rows = m.rows();
        let get = |k: &str| rows.iter().find(|r| r.key == k).unwrap().value;
        assert_eq!(get("total"), 12);
        assert_eq!(get("groups_belonging"), 2);
        assert_eq!(get("places_used"), 1);
        let json = serde_json::to_value(m).unwrap();
        for r in rows {
            assert_eq!(json[r.key], r.value, "{}", r.key);
        }
    }
}
