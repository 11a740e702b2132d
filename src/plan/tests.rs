//! Strengths and needs on hand-made histories.

use chrono::{DateTime, TimeZone, Utc};

use super::model::{Dimension, SourceKind};
use super::suggest::{Latest, MAX_ANSWERS, Suggestions, suggest};
use crate::config::Support;
use crate::instrument::{AnswerValue, Answers, Catalog, Instrument, score};
use crate::network::{Contact, Entry, Kind, Support as Supports};
use crate::outcome::{Done, Outcome, Point, build};

fn bundled(id: &str) -> Instrument {
    Catalog::bundled().get(id).unwrap().instrument.clone()
}

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0)
        .single()
        .unwrap()
}

/// Answers in item order; `None` leaves an item unanswered.
fn answers(i: &Instrument, values: &[Option<i64>]) -> Answers {
    i.items
        .iter()
        .zip(values)
        .filter_map(|(item, v)| Some((item.id.clone(), AnswerValue::Number((*v)?))))
        .collect()
}

/// The outcome of `now` after the earlier check-ins (answers each), and
/// the values of the last three.
fn history(i: &Instrument, earlier: &[Answers], now: &Answers) -> (Outcome, Vec<Vec<Option<f64>>>) {
    let values = |a: &Answers| -> Vec<Option<f64>> {
        let s = score(i, a);
        i.scores
            .iter()
            .map(|d| s.get(&d.id).and_then(|r| r.value))
            .collect()
    };
    let points: Vec<Point> = earlier
        .iter()
        .enumerate()
        .map(|(k, a)| Point {
            session_id: format!("s{k}"),
            at: day(1 + k as u32),
            utc_offset: None,
            with_counselor: false,
            values: values(a),
        })
        .collect();
    let scoring = score(i, now);
    let done = Done {
        instrument: i,
        answers: now,
        scoring: &scoring,
        session_id: Some("now"),
        completed_at: day(24),
        with_counselor: false,
    };
    let outcome = build(&done, &points, 0, &Support::default());
    let mut recent: Vec<Vec<Option<f64>>> = points.iter().map(|p| p.values.clone()).collect();
    recent.push(values(now));
    let keep = recent.len().saturating_sub(3);
    (outcome, recent.split_off(keep))
}

fn run(i: &Instrument, earlier: &[Answers], now: &Answers, network: &[Entry]) -> Suggestions {
    let (outcome, recent) = history(i, earlier, now);
    suggest(
        &[Latest {
            instrument: i,
            session_id: "now",
            answers: now,
            outcome: &outcome,
            recent: &recent,
        }],
        network,
    )
}

fn words(list: &[super::Suggestion]) -> Vec<String> {
    list.iter().map(|s| s.words().to_string()).collect()
}

#[test]
fn barc_answers_are_strengths_and_needs_with_their_words() {
    let barc = bundled("barc-10");
    // 6 = Strongly agree, 2 = Disagree, 1 = Strongly disagree; 4 is neither.
    let now = answers(
        &barc,
        &[
            Some(6),
            Some(4),
            Some(4),
            Some(4),
            Some(2),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
        ],
    );
    let s = run(&barc, &[], &now, &[]);
    assert_eq!(s.strengths.len(), 1);
    assert!(
        s.strengths[0]
            .words()
            .starts_with("BARC-10 item 1: There are more important things"),
        "{:?}",
        words(&s.strengths)
    );
    assert!(s.strengths[0].words().ends_with("— Strongly agree"));
    assert_eq!(
        words(&s.needs),
        ["BARC-10 item 5: I get lots of support from friends. — Disagree"]
    );
    let need = &s.needs[0];
    assert_eq!(need.source.kind, SourceKind::Item);
    assert_eq!(
        need.source.item_id.as_deref(),
        Some(barc.items[4].id.as_str())
    );
    assert_eq!(need.source.session_id.as_deref(), Some("now"));
    // BARC-10 items name no dimension: the person chooses one.
    assert_eq!(need.dimension, None);
}

#[test]
fn ties_keep_the_questionnaire_order_and_the_rest_is_counted() {
    let barc = bundled("barc-10");
    // Every answer "Disagree": ten equal needs, the first three listed.
    let now = answers(&barc, &[Some(2); 10]);
    let s = run(&barc, &[], &now, &[]);
    assert_eq!(s.needs.len(), MAX_ANSWERS);
    let items: Vec<_> = s
        .needs
        .iter()
        .map(|n| n.source.item_id.clone().unwrap())
        .collect();
    let first: Vec<_> = barc.items[..3].iter().map(|i| i.id.clone()).collect();
    assert_eq!(items, first);
    assert_eq!(s.more_needs, 7);
    assert!(s.strengths.is_empty());
    // A lower answer outranks the tie: Strongly disagree on item 9 comes first.
    let mut values = [Some(2); 10];
    values[8] = Some(1);
    let s = run(&barc, &[], &answers(&barc, &values), &[]);
    assert_eq!(
        s.needs[0].source.item_id.as_deref(),
        Some(barc.items[8].id.as_str())
    );
    assert_eq!(
        s.needs[1].source.item_id.as_deref(),
        Some(barc.items[0].id.as_str())
    );
}

#[test]
fn missing_answers_are_never_counted() {
    let barc = bundled("barc-10");
    let mut values = [None; 10];
    values[2] = Some(1);
    let s = run(&barc, &[], &answers(&barc, &values), &[]);
    assert_eq!(s.needs.len(), 1, "{:?}", words(&s.needs));
    assert_eq!(s.more_needs, 0);
    assert!(s.strengths.is_empty());
    // Nothing answered: nothing suggested.
    let s = run(&barc, &[], &answers(&barc, &[None; 10]), &[]);
    assert!(s.is_empty());
}

#[test]
fn validated_totals_are_never_held_against_a_cutoff() {
    let barc = bundled("barc-10");
    // A total under the published 47 with no answer low enough: no need.
    let now = answers(&barc, &[Some(3); 10]);
    let s = run(&barc, &[answers(&barc, &[Some(6); 10])], &now, &[]);
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn a_validated_decline_counts_only_by_its_published_rule() {
    let who5 = bundled("who-5");
    let before = answers(&who5, &[Some(5); 5]);
    // 100 -> 60: beyond WHO-5's minimal detectable change (23.6).
    let now = answers(&who5, &[Some(3); 5]);
    let s = run(&who5, std::slice::from_ref(&before), &now, &[]);
    let scores: Vec<_> = s
        .needs
        .iter()
        .filter(|n| n.source.kind == SourceKind::Score)
        .collect();
    assert_eq!(scores.len(), 1, "{:?}", words(&s.needs));
    assert!(
        scores[0].words().contains("reliable decline"),
        "{}",
        scores[0].words()
    );
    // 100 -> 84: within the measurement error: no score suggestion.
    let now = answers(&who5, &[Some(5), Some(4), Some(4), Some(4), Some(4)]);
    let s = run(&who5, &[before], &now, &[]);
    assert!(s.needs.iter().all(|n| n.source.kind != SourceKind::Score));
}

#[test]
fn reflective_dimensions_give_highest_lowest_and_falling_scores() {
    let weekly = bundled("samhsa-dimensions");
    let by_dimension = |health: i64, home: i64, purpose: i64, community: i64| {
        let values: Vec<Option<i64>> = weekly
            .items
            .iter()
            .map(|item| match Dimension::of_domains(&item.domains)? {
                Dimension::Health => Some(health),
                Dimension::Home => Some(home),
                Dimension::Purpose => Some(purpose),
                Dimension::Community => Some(community),
            })
            .collect();
        answers(&weekly, &values)
    };
    let earlier = [by_dimension(2, 2, 2, 4), by_dimension(2, 2, 2, 3)];
    let now = by_dimension(2, 2, 3, 2);
    let s = run(&weekly, &earlier, &now, &[]);
    let dims = |list: &[super::Suggestion]| -> Vec<Dimension> {
        list.iter()
            .filter(|x| {
                x.source.kind == SourceKind::Score && x.words().contains("of its dimensions")
            })
            .filter_map(|x| x.dimension)
            .collect()
    };
    assert_eq!(dims(&s.strengths), [Dimension::Purpose]);
    // Ties: every dimension with the lowest value.
    assert_eq!(
        dims(&s.needs),
        [Dimension::Health, Dimension::Home, Dimension::Community]
    );
    // Community fell at each of the last two check-ins: 100, 75, 50.
    let falling: Vec<_> = s
        .needs
        .iter()
        .filter(|x| x.words().contains("over the last three check-ins"))
        .collect();
    assert_eq!(falling.len(), 1, "{:?}", words(&s.needs));
    assert_eq!(falling[0].dimension, Some(Dimension::Community));
    assert!(
        falling[0].words().contains("100, 75, 50"),
        "{}",
        falling[0].words()
    );
    // All dimensions equal: no highest or lowest.
    let s = run(&weekly, &[], &by_dimension(2, 2, 2, 2), &[]);
    assert!(s.is_empty(), "{s:?}");
}

fn entry(name: &str, kind: Kind, support: Supports) -> Entry {
    Entry {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.into(),
        kind,
        support,
        closeness: None,
        belonging: None,
        contact: None,
        role_model: false,
        available: false,
        reachable: false,
        uses: false,
    }
}

#[test]
fn the_network_gives_supportive_ties_and_gaps() {
    let barc = bundled("barc-10");
    let now = answers(&barc, &[Some(4); 10]);
    let close = Entry {
        closeness: Some(5),
        contact: Some(Contact::Weekly),
        ..entry("J.", Kind::Person, Supports::Supportive)
    };
    let weekly_unsupportive = Entry {
        contact: Some(Contact::Weekly),
        ..entry("K.", Kind::Person, Supports::Unsupportive)
    };
    let clinic = Entry {
        available: true,
        ..entry("Clinic", Kind::Place, Supports::Supportive)
    };
    let network = [close.clone(), weekly_unsupportive.clone(), clinic];
    let s = run(&barc, &[], &now, &network);
    assert_eq!(s.strengths.len(), 1);
    assert_eq!(
        s.strengths[0].source.entry_id.as_deref(),
        Some(close.id.as_str())
    );
    assert_eq!(s.strengths[0].dimension, Some(Dimension::Community));
    let needs = words(&s.needs);
    assert!(
        needs
            .iter()
            .any(|n| n.contains("no one listed yet as an example")),
        "{needs:?}"
    );
    assert!(
        needs
            .iter()
            .any(|n| n.contains("1 place or service near you that you do not use"))
    );
    assert!(
        needs
            .iter()
            .any(|n| n.starts_with("Recovery network: K. (person), in touch weekly"))
    );
    // A supportive person is there: no "no supportive person" gap.
    assert!(!needs.iter().any(|n| n.contains("no person or group")));
    // No network at all: nothing about it.
    let s = run(&barc, &[], &now, &[]);
    assert!(s.is_empty());
}

#[test]
fn several_check_ins_keep_their_order_in_ties() {
    let barc = bundled("barc-10");
    let who5 = bundled("who-5");
    let a_barc = answers(
        &barc,
        &[
            Some(1),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
            Some(4),
        ],
    );
    let a_who = answers(&who5, &[Some(0), Some(3), Some(3), Some(3), Some(3)]);
    let (o_barc, r_barc) = history(&barc, &[], &a_barc);
    let (o_who, r_who) = history(&who5, &[], &a_who);
    let latest = |first_who: bool| {
        let b = Latest {
            instrument: &barc,
            session_id: "b",
            answers: &a_barc,
            outcome: &o_barc,
            recent: &r_barc,
        };
        let w = Latest {
            instrument: &who5,
            session_id: "w",
            answers: &a_who,
            outcome: &o_who,
            recent: &r_who,
        };
        if first_who { vec![w, b] } else { vec![b, w] }
    };
    // Both at the very bottom of their scales: the order given decides.
    let s = suggest(&latest(false), &[]);
    assert_eq!(s.needs[0].source.session_id.as_deref(), Some("b"));
    let s = suggest(&latest(true), &[]);
    assert_eq!(s.needs[0].source.session_id.as_deref(), Some("w"));
}
