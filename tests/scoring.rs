//! Hand-checked scoring vectors for every bundled questionnaire, the
//! missing-answer rules, bands, safety rules, reverse scoring and prorating,
//! and reliable change (Jacobson & Truax; minimal detectable change).
//!
//! Every expected number is worked out by hand in a comment next to it.

use recap::instrument::change::{Verdict, change, s_diff};
use recap::instrument::load::parse_str;
use recap::instrument::model::Method;
use recap::instrument::score::scored_value;
use recap::instrument::{AnswerValue, Answers, Catalog, Instrument, ScoreDef, Scoring, score};

fn bundled(id: &str) -> Instrument {
    let catalog = Catalog::bundled();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
        .get(id)
        .unwrap_or_else(|| panic!("bundled questionnaire {id}"))
        .instrument
        .clone()
}

fn answers(pairs: &[(&str, i64)]) -> Answers {
    pairs
        .iter()
        .map(|(id, v)| (id.to_string(), AnswerValue::Number(*v)))
        .collect()
}

/// Answers for the given item ids, in order, with these values.
fn answers_for(ids: &[&str], values: &[i64]) -> Answers {
    assert_eq!(ids.len(), values.len());
    ids.iter()
        .zip(values)
        .map(|(id, v)| (id.to_string(), AnswerValue::Number(*v)))
        .collect()
}

fn value(scoring: &Scoring, id: &str) -> Option<f64> {
    scoring
        .get(id)
        .unwrap_or_else(|| panic!("score {id} missing"))
        .value
}

fn band(scoring: &Scoring, id: &str) -> Option<String> {
    scoring
        .get(id)
        .unwrap_or_else(|| panic!("score {id} missing"))
        .band
        .as_ref()
        .map(|b| b.label.clone())
}

fn item_ids(i: &Instrument) -> Vec<&str> {
    i.items.iter().map(|x| x.id.as_str()).collect()
}

// ---------------------------------------------------------------- BARC-10

const BARC: [&str; 10] = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10"];

#[test]
fn barc10_published_minimum_and_maximum() {
    let barc = bundled("barc-10");
    assert_eq!(item_ids(&barc), BARC);
    let low = score(&barc, &answers_for(&BARC, &[1; 10]));
    assert_eq!(value(&low, "total"), Some(10.0));
    assert_eq!(band(&low, "total").as_deref(), Some("Below 47"));
    let high = score(&barc, &answers_for(&BARC, &[6; 10]));
    assert_eq!(value(&high, "total"), Some(60.0));
    assert_eq!(band(&high, "total").as_deref(), Some("47 or above"));
}

#[test]
fn barc10_mixed_answers() {
    let barc = bundled("barc-10");
    // 6+5+4+3+2+1 = 21, 6+5+4+3 = 18; 21 + 18 = 39.
    let s = score(&barc, &answers_for(&BARC, &[6, 5, 4, 3, 2, 1, 6, 5, 4, 3]));
    let total = s.get("total").expect("total");
    assert_eq!(total.value, Some(39.0));
    assert_eq!(total.answered, 10);
    assert_eq!(total.missing, 0);
    assert!(!total.prorated);
    assert_eq!(band(&s, "total").as_deref(), Some("Below 47"));
}

#[test]
fn barc10_cutoff_47() {
    let barc = bundled("barc-10");
    // 5 x 6 + 4 x 4 = 30 + 16 = 46.
    let s46 = score(&barc, &answers_for(&BARC, &[5, 5, 5, 5, 5, 5, 4, 4, 4, 4]));
    assert_eq!(value(&s46, "total"), Some(46.0));
    assert_eq!(band(&s46, "total").as_deref(), Some("Below 47"));
    // One more point: 47.
    let s47 = score(&barc, &answers_for(&BARC, &[5, 5, 5, 5, 5, 5, 5, 4, 4, 4]));
    assert_eq!(value(&s47, "total"), Some(47.0));
    assert_eq!(band(&s47, "total").as_deref(), Some("47 or above"));
}

#[test]
fn barc10_one_missing_answer_gives_no_score() {
    let barc = bundled("barc-10");
    let mut a = answers_for(&BARC, &[6; 10]);
    a.remove("b7");
    let s = score(&barc, &a);
    let total = s.get("total").expect("total");
    assert_eq!(total.value, None);
    assert_eq!(total.answered, 9);
    assert_eq!(total.missing, 1);
    assert!(!total.prorated);
    assert_eq!(total.band, None);
}

#[test]
fn barc10_an_out_of_range_answer_counts_as_missing() {
    let barc = bundled("barc-10");
    let mut values = [6; 10];
    values[0] = 7;
    let s = score(&barc, &answers_for(&BARC, &values));
    assert_eq!(value(&s, "total"), None);
    assert_eq!(s.get("total").expect("total").missing, 1);
}

#[test]
fn barc10_has_no_safety_rules() {
    let barc = bundled("barc-10");
    assert!(barc.safety.is_empty());
    assert!(
        score(&barc, &answers_for(&BARC, &[1; 10]))
            .safety
            .is_empty()
    );
}

// ---------------------------------------------------------------- WHO-5

const WHO: [&str; 5] = ["w1", "w2", "w3", "w4", "w5"];

#[test]
fn who5_published_minimum_and_maximum() {
    let who = bundled("who-5");
    assert_eq!(item_ids(&who), WHO);
    let low = score(&who, &answers_for(&WHO, &[0; 5]));
    assert_eq!(value(&low, "total"), Some(0.0));
    assert_eq!(band(&low, "total").as_deref(), Some("28 or below"));
    let high = score(&who, &answers_for(&WHO, &[5; 5]));
    assert_eq!(value(&high, "total"), Some(100.0));
    assert_eq!(band(&high, "total").as_deref(), Some("Above 50"));
}

#[test]
fn who5_mixed_answers() {
    let who = bundled("who-5");
    // Raw 3+2+4+2+4 = 15; x 4 = 60. No answer is 0 or 1: no note.
    let s = score(&who, &answers_for(&WHO, &[3, 2, 4, 2, 4]));
    assert_eq!(value(&s, "total"), Some(60.0));
    assert_eq!(band(&s, "total").as_deref(), Some("Above 50"));
    assert!(s.safety.is_empty());
}

#[test]
fn who5_one_missing_answer_gives_no_score() {
    let who = bundled("who-5");
    let mut a = answers_for(&WHO, &[0; 5]);
    a.remove("w3");
    let s = score(&who, &a);
    assert_eq!(value(&s, "total"), None);
    assert_eq!(band(&s, "total"), None);
    // No score, so the score-based support message cannot fire; the note on
    // answers of 0 or 1 looks at the answers and does.
    assert_eq!(s.safety, vec![who.safety[1].message.clone()]);
}

#[test]
fn who5_bands_at_28_29_50_51() {
    let who = bundled("who-5");
    let def = who.score_def("total").expect("total");
    let label = |v: f64| def.band_for(v).map(|b| b.label.as_str());
    assert_eq!(label(28.0), Some("28 or below"));
    assert_eq!(label(29.0), Some("29 to 50"));
    assert_eq!(label(50.0), Some("29 to 50"));
    assert_eq!(label(51.0), Some("Above 50"));

    // Real answers give multiples of 4, so 29 and 51 cannot occur; the
    // reachable neighbours are 28/32 and 48/52.
    // Raw 2+2+1+1+1 = 7, x 4 = 28.
    let s = score(&who, &answers_for(&WHO, &[2, 2, 1, 1, 1]));
    assert_eq!(value(&s, "total"), Some(28.0));
    assert_eq!(band(&s, "total").as_deref(), Some("28 or below"));
    // Raw 2+2+2+1+1 = 8, x 4 = 32.
    let s = score(&who, &answers_for(&WHO, &[2, 2, 2, 1, 1]));
    assert_eq!(value(&s, "total"), Some(32.0));
    assert_eq!(band(&s, "total").as_deref(), Some("29 to 50"));
    // Raw 3+3+2+2+2 = 12, x 4 = 48.
    let s = score(&who, &answers_for(&WHO, &[3, 3, 2, 2, 2]));
    assert_eq!(value(&s, "total"), Some(48.0));
    assert_eq!(band(&s, "total").as_deref(), Some("29 to 50"));
    // Raw 3+3+3+2+2 = 13, x 4 = 52.
    let s = score(&who, &answers_for(&WHO, &[3, 3, 3, 2, 2]));
    assert_eq!(value(&s, "total"), Some(52.0));
    assert_eq!(band(&s, "total").as_deref(), Some("Above 50"));
}

#[test]
fn who5_support_message_at_28_or_below_only() {
    let who = bundled("who-5");
    assert_eq!(who.safety.len(), 2);
    let message = who.safety[0].message.clone();
    let note = who.safety[1].message.clone();
    // 28: fires (and a total of 28 or less always has an answer of 0 or 1).
    let s = score(&who, &answers_for(&WHO, &[2, 2, 1, 1, 1]));
    assert_eq!(s.safety, vec![message.clone(), note.clone()]);
    // 0: fires.
    let s = score(&who, &answers_for(&WHO, &[0; 5]));
    assert_eq!(s.safety, vec![message, note.clone()]);
    // 32: the score message does not fire; two answers of 1 give the note.
    let s = score(&who, &answers_for(&WHO, &[2, 2, 2, 1, 1]));
    assert_eq!(s.safety, vec![note]);
}

/// The 1998 scoring sheet: follow up when any single item is answered 0 or
/// 1, whatever the total. One note, however many answers are that low.
#[test]
fn who5_note_when_any_answer_is_0_or_1_whatever_the_total() {
    let who = bundled("who-5");
    let note = who.safety[1].message.clone();
    assert!(
        note.contains("\"Some of the time\" or \"At no time\""),
        "{note}"
    );
    assert!(note.contains("not a diagnosis"), "{note}");
    for (position, low) in (0..5).flat_map(|p| [(p, 0), (p, 1)]) {
        let mut values = [5; 5];
        values[position] = low;
        let s = score(&who, &answers_for(&WHO, &values));
        // A high total (84 or 80), and still the note, once.
        assert!(value(&s, "total").is_some_and(|v| v >= 80.0));
        assert_eq!(s.safety, vec![note.clone()], "w{} = {low}", position + 1);
    }
    // Every answer 2 or more: no note.
    let s = score(&who, &answers_for(&WHO, &[2; 5]));
    assert!(s.safety.is_empty(), "{:?}", s.safety);
    // Every answer 1: one note beside the score message, not five.
    let s = score(&who, &answers_for(&WHO, &[1; 5]));
    assert_eq!(s.safety.iter().filter(|m| **m == note).count(), 1);
}

// ------------------------------------------------- SAMHSA weekly check-in

const HEALTH: [&str; 3] = ["health-goals", "health-body", "health-mind"];
const HOME: [&str; 3] = ["home-safe", "home-stable", "home-support"];
const PURPOSE: [&str; 4] = [
    "purpose-meaning",
    "purpose-means",
    "purpose-choice",
    "purpose-hope",
];
const COMMUNITY: [&str; 3] = [
    "community-support",
    "community-respect",
    "community-belonging",
];
const DIMENSIONS: [&str; 4] = ["health", "home", "purpose", "community"];

fn all_samhsa_items() -> Vec<&'static str> {
    [&HEALTH[..], &HOME[..], &PURPOSE[..], &COMMUNITY[..]].concat()
}

/// The mixed answers used below, by dimension:
/// health 4, 3, 2; home 1, 2, 2; purpose 4, 4, 3, 2; community 0, 1, 3.
fn samhsa_mixed() -> Answers {
    answers_for(
        &all_samhsa_items(),
        &[4, 3, 2, 1, 2, 2, 4, 4, 3, 2, 0, 1, 3],
    )
}

#[test]
fn samhsa_items_and_scores_are_as_documented() {
    let s = bundled("samhsa-dimensions");
    let mut expected = all_samhsa_items();
    expected.push("reflection");
    assert_eq!(item_ids(&s), expected);
    let ids: Vec<&str> = s.scores.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["health", "home", "purpose", "community", "overall"]);
    // Overall is made of the four dimension scores, not of items.
    let overall = s.score_def("overall").expect("overall");
    assert_eq!(overall.method, Method::MeanOfScores);
    assert_eq!(overall.scores, DIMENSIONS);
    assert!(overall.items.is_empty());
    // A reflective check-in: no bands, no change rule.
    assert!(
        s.scores
            .iter()
            .all(|d| d.bands.is_empty() && d.change.is_none())
    );
}

#[test]
fn samhsa_minimum_and_maximum_of_every_dimension() {
    let s = bundled("samhsa-dimensions");
    let items = all_samhsa_items();
    let low = score(&s, &answers_for(&items, &[0; 13]));
    let high = score(&s, &answers_for(&items, &[4; 13]));
    for id in DIMENSIONS.iter().chain(&["overall"]) {
        assert_eq!(value(&low, id), Some(0.0), "{id} minimum");
        assert_eq!(value(&high, id), Some(100.0), "{id} maximum");
        assert_eq!(band(&high, id), None, "{id} has no bands");
    }
}

#[test]
fn samhsa_mixed_answers() {
    let s = bundled("samhsa-dimensions");
    let r = score(&s, &samhsa_mixed());
    // health: (4+3+2)/3 = 3, x 25 = 75.
    assert_eq!(value(&r, "health"), Some(75.0));
    // home: (1+2+2)/3 = 1.667, x 25 = 41.67, rounded to 42.
    assert_eq!(value(&r, "home"), Some(42.0));
    // purpose: (4+4+3+2)/4 = 3.25, x 25 = 81.25, rounded to 81.
    assert_eq!(value(&r, "purpose"), Some(81.0));
    // community: (0+1+3)/3 = 1.333, x 25 = 33.33, rounded to 33.
    assert_eq!(value(&r, "community"), Some(33.0));
    // overall: the mean of the four dimensions, (75 + 42 + 81 + 33) / 4 =
    // 57.75, rounded to 58. (The mean of the 13 items would be 60.)
    assert_eq!(value(&r, "overall"), Some(58.0));
    for id in DIMENSIONS.iter().chain(&["overall"]) {
        let res = r.get(id).expect("score");
        assert_eq!(res.missing, 0, "{id}");
        assert!(!res.prorated, "{id}: a mean is never prorated");
    }
}

#[test]
fn samhsa_free_text_reflection_is_not_scored() {
    let s = bundled("samhsa-dimensions");
    let mut a = samhsa_mixed();
    let before = score(&s, &a);
    a.insert(
        "reflection".into(),
        AnswerValue::Text("A good week.".into()),
    );
    assert_eq!(score(&s, &a), before);
}

#[test]
fn samhsa_one_missing_per_dimension_uses_the_mean_of_the_rest() {
    let s = bundled("samhsa-dimensions");
    let mut a = samhsa_mixed();
    for id in [
        "health-goals",
        "home-safe",
        "purpose-hope",
        "community-support",
    ] {
        a.remove(id);
    }
    let r = score(&s, &a);
    // health: (3+2)/2 = 2.5, x 25 = 62.5, rounded half away from zero to 63.
    assert_eq!(value(&r, "health"), Some(63.0));
    // home: (2+2)/2 = 2, x 25 = 50.
    assert_eq!(value(&r, "home"), Some(50.0));
    // purpose: (4+4+3)/3 = 3.667, x 25 = 91.67, rounded to 92.
    assert_eq!(value(&r, "purpose"), Some(92.0));
    // community: (1+3)/2 = 2, x 25 = 50.
    assert_eq!(value(&r, "community"), Some(50.0));
    for id in DIMENSIONS {
        let res = r.get(id).expect("score");
        assert_eq!(res.missing, 1, "{id}");
        assert!(!res.prorated, "{id}");
    }
    // Every dimension is scored, so overall is their mean:
    // (63 + 50 + 92 + 50) / 4 = 63.75, rounded to 64.
    let overall = r.get("overall").expect("overall");
    assert_eq!(overall.value, Some(64.0));
    assert_eq!((overall.answered, overall.missing), (4, 0));
    assert!(!overall.prorated);
}

#[test]
fn samhsa_two_missing_in_a_dimension_gives_no_score_for_it() {
    let s = bundled("samhsa-dimensions");
    let mut a = samhsa_mixed();
    a.remove("home-safe");
    a.remove("home-stable");
    let r = score(&s, &a);
    assert_eq!(value(&r, "home"), None);
    assert_eq!(r.get("home").expect("home").missing, 2);
    // The other dimensions are unaffected.
    assert_eq!(value(&r, "health"), Some(75.0));
    assert_eq!(value(&r, "purpose"), Some(81.0));
    assert_eq!(value(&r, "community"), Some(33.0));
    // One dimension has no score, so neither has overall.
    let overall = r.get("overall").expect("overall");
    assert_eq!(overall.value, None);
    assert_eq!((overall.answered, overall.missing), (3, 1));
}

/// Before: Overall was the mean of the 13 items with up to three missing,
/// so it was given with Health missing entirely, and Purpose (four items)
/// weighed more than the others.
#[test]
fn samhsa_overall_needs_all_four_dimensions() {
    let s = bundled("samhsa-dimensions");
    let mut a = samhsa_mixed();
    // All three Health items skipped: Health has no score, so no Overall.
    for id in HEALTH {
        a.remove(id);
    }
    let r = score(&s, &a);
    assert_eq!(value(&r, "health"), None);
    assert_eq!(value(&r, "home"), Some(42.0));
    assert_eq!(value(&r, "purpose"), Some(81.0));
    assert_eq!(value(&r, "community"), Some(33.0));
    let overall = r.get("overall").expect("overall");
    assert_eq!(overall.value, None);
    assert_eq!((overall.answered, overall.missing), (3, 1));
    // Why, for the words shown: which dimension has no score.
    assert_eq!(overall.missing_scores, ["Health"]);
    assert_eq!(
        recap::strings::not_scored_parts(&overall.label, &overall.missing_scores),
        "Overall: not scored: Health has no score"
    );

    // Nothing answered: nothing scored.
    let r = score(&s, &Answers::new());
    assert!(r.scores.iter().all(|x| x.value.is_none()));
}

#[test]
fn samhsa_overall_weighs_each_dimension_the_same() {
    let s = bundled("samhsa-dimensions");
    let items = all_samhsa_items();
    // One dimension at its lowest (0) and the others at their highest (4):
    // (0 + 100 + 100 + 100) / 4 = 75, whichever dimension it is. (The mean of
    // items gave 77 for Health, Home or Community at 0 but 69 for Purpose.)
    for (low, members) in [
        ("health", &HEALTH[..]),
        ("home", &HOME[..]),
        ("purpose", &PURPOSE[..]),
        ("community", &COMMUNITY[..]),
    ] {
        let values: Vec<i64> = items
            .iter()
            .map(|id| if members.contains(id) { 0 } else { 4 })
            .collect();
        let r = score(&s, &answers_for(&items, &values));
        assert_eq!(value(&r, low), Some(0.0), "{low}");
        assert_eq!(value(&r, "overall"), Some(75.0), "{low} at 0");
    }
}

#[test]
fn samhsa_safety_rules_fire_on_their_items() {
    let s = bundled("samhsa-dimensions");
    let home_msg = s.safety[0].message.clone();
    let hope_msg = s.safety[1].message.clone();
    // The safe-place rule fires at "Not at all true", which is 0, and says
    // what the person said.
    let home_safe = s.item("home-safe").expect("home-safe");
    assert_eq!(home_safe.label_for(0), "Not at all true");
    assert!(
        home_msg.starts_with("You said it was not at all true that you had a safe place to live"),
        "{home_msg}"
    );
    assert!(hope_msg.contains("hopeful"));

    // Mixed answers: home-safe 1 ("A little true") and purpose-hope 2:
    // neither rule (both at most 0) fires.
    let r = score(&s, &samhsa_mixed());
    assert!(r.safety.is_empty(), "{:?}", r.safety);

    // Both fire, in file order.
    let mut a = samhsa_mixed();
    a.insert("home-safe".into(), AnswerValue::Number(0));
    a.insert("purpose-hope".into(), AnswerValue::Number(0));
    assert_eq!(
        score(&s, &a).safety,
        vec![home_msg.clone(), hope_msg.clone()]
    );

    // Neither fires.
    let mut a = samhsa_mixed();
    a.insert("home-safe".into(), AnswerValue::Number(2));
    a.insert("purpose-hope".into(), AnswerValue::Number(1));
    assert!(score(&s, &a).safety.is_empty());

    // An item rule fires even when the scores cannot be computed.
    let r = score(&s, &answers(&[("home-safe", 0)]));
    assert_eq!(value(&r, "home"), None);
    assert_eq!(r.safety, vec![home_msg]);

    // A skipped item never fires its rule.
    let mut a = samhsa_mixed();
    a.remove("home-safe");
    assert!(score(&s, &a).safety.is_empty());
}

// ------------------------------------------- reverse scoring and prorating

const INLINE: &str = r#"
id = "inline"
version = 1
title = "Inline test questionnaire"
kind = "reflective"

[scales.five]
options = [
  { value = 1, label = "1" },
  { value = 2, label = "2" },
  { value = 3, label = "3" },
  { value = 4, label = "4" },
  { value = 5, label = "5" },
]

[[items]]
id = "a"
type = "choice"
scale = "five"
text = "A"

[[items]]
id = "b"
type = "choice"
scale = "five"
reverse = true
text = "B (reverse)"

[[items]]
id = "c"
type = "choice"
scale = "five"
text = "C"

[[items]]
id = "d"
type = "choice"
scale = "five"
text = "D"

[[items]]
id = "yn"
type = "yes_no"
reverse = true
text = "Yes/no (reverse)"

[[items]]
id = "days"
type = "number"
min = 0
max = 7
reverse = true
text = "Days (reverse)"

[[scores]]
id = "sum0"
label = "Sum, whole numbers"
method = "sum"
items = ["a", "b", "c", "d"]
range = [4, 20]
max_missing = 1

[[scores]]
id = "sum1"
label = "Sum, one decimal"
method = "sum"
items = ["a", "b", "c", "d"]
range = [4, 20]
decimals = 1
max_missing = 1

[[scores]]
id = "strict"
label = "Sum, nothing missing"
method = "sum"
items = ["a", "b", "c", "d"]
range = [4, 20]

[[safety]]
item = "b"
at_least = 5
message = "Raw answer 5 on b."
"#;

fn inline() -> Instrument {
    parse_str("inline.toml", INLINE).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn reverse_scored_value_is_min_plus_max_minus_value() {
    let q = inline();
    let one = |id: &str, v: i64| scored_value(&q, id, &answers(&[(id, v)]));
    // Scale 1-5: 1 + 5 - v.
    assert_eq!(one("b", 1), Some(5.0));
    assert_eq!(one("b", 2), Some(4.0));
    assert_eq!(one("b", 3), Some(3.0));
    assert_eq!(one("b", 5), Some(1.0));
    // Not reversed.
    assert_eq!(one("a", 2), Some(2.0));
    // Yes/no 0-1: 0 + 1 - v.
    assert_eq!(one("yn", 1), Some(0.0));
    assert_eq!(one("yn", 0), Some(1.0));
    // Number 0-7: 0 + 7 - v.
    assert_eq!(one("days", 2), Some(5.0));
    assert_eq!(one("days", 7), Some(0.0));
    // Out of range or unanswered: no value.
    assert_eq!(one("b", 6), None);
    assert_eq!(scored_value(&q, "b", &Answers::new()), None);
}

#[test]
fn reverse_item_in_a_complete_sum() {
    let q = inline();
    // a 5, b 2 (reversed: 1 + 5 - 2 = 4), c 3, d 1: 5 + 4 + 3 + 1 = 13.
    let r = score(&q, &answers(&[("a", 5), ("b", 2), ("c", 3), ("d", 1)]));
    assert_eq!(value(&r, "sum0"), Some(13.0));
    assert_eq!(value(&r, "strict"), Some(13.0));
    assert!(!r.get("sum0").expect("sum0").prorated);
}

#[test]
fn prorated_sum_is_mean_of_answered_times_item_count() {
    let q = inline();
    // d missing. a 4, b 2 (reversed to 4), c 2: mean (4 + 4 + 2) / 3 = 3.333;
    // x 4 items = 13.333: 13 with no decimals, 13.3 with one.
    let r = score(&q, &answers(&[("a", 4), ("b", 2), ("c", 2)]));
    let s0 = r.get("sum0").expect("sum0");
    assert_eq!(s0.value, Some(13.0));
    assert!(s0.prorated);
    assert_eq!((s0.answered, s0.missing), (3, 1));
    let s1 = r.get("sum1").expect("sum1");
    assert_eq!(s1.value, Some(13.3));
    assert!(s1.prorated);
    // No missing items allowed: no score.
    assert_eq!(value(&r, "strict"), None);

    // a 5, b 1 (reversed to 5), c 4: mean 14 / 3 = 4.667, x 4 = 18.667:
    // 19 with no decimals, 18.7 with one.
    let r = score(&q, &answers(&[("a", 5), ("b", 1), ("c", 4)]));
    assert_eq!(value(&r, "sum0"), Some(19.0));
    assert_eq!(value(&r, "sum1"), Some(18.7));

    // Two missing is more than max_missing = 1.
    let r = score(&q, &answers(&[("a", 5), ("b", 1)]));
    assert_eq!(value(&r, "sum0"), None);
    assert!(!r.get("sum0").expect("sum0").prorated);
}

#[test]
fn item_safety_rules_compare_the_raw_answer_not_the_reversed_value() {
    let q = inline();
    // b = 5 is raw 5 (scored as 1): the rule "at_least 5" fires.
    let r = score(&q, &answers(&[("b", 5)]));
    assert_eq!(r.safety, vec!["Raw answer 5 on b.".to_string()]);
    // b = 1 is scored as 5 but is raw 1: no message.
    let r = score(&q, &answers(&[("b", 1)]));
    assert!(r.safety.is_empty());
}

// ---------------------------------------------------------- reliable change

fn who5_total() -> ScoreDef {
    bundled("who-5").score_def("total").expect("total").clone()
}

#[test]
fn who5_minimal_detectable_change() {
    let def = who5_total();
    // MDC 23.6: a change of 24 is reliable, 20 is not.
    let up = change(&def, 40.0, 64.0);
    assert_eq!(up.diff, 24.0);
    assert_eq!(up.verdict, Some(Verdict::ReliableImprovement));
    assert_eq!(up.rci, None);
    let down = change(&def, 64.0, 40.0);
    assert_eq!(down.diff, -24.0);
    assert_eq!(down.verdict, Some(Verdict::ReliableDecline));
    let small = change(&def, 40.0, 60.0);
    assert_eq!(small.diff, 20.0);
    assert_eq!(small.verdict, Some(Verdict::NoReliableChange));
    let none = change(&def, 40.0, 40.0);
    assert_eq!(none.verdict, Some(Verdict::NoReliableChange));
    // Exactly the MDC counts as detectable.
    assert_eq!(
        change(&def, 40.0, 63.6).verdict,
        Some(Verdict::ReliableImprovement)
    );
}

/// A score with r = 0.75 and SD = 10:
/// S_diff = 10 x sqrt(2) x sqrt(1 - 0.75) = 10 x 1.41421 x 0.5 = 7.0711,
/// so a change is reliable when |diff| / 7.0711 > 1.96, i.e. |diff| > 13.859.
fn reliability_def(higher_is_better: bool) -> ScoreDef {
    let text = format!(
        r#"
id = "rci"
version = 1
title = "RCI"
kind = "reflective"

[[items]]
id = "n"
type = "number"
min = 0
max = 100
text = "N"

[[scores]]
id = "total"
label = "Total"
method = "sum"
items = ["n"]
range = [0, 100]
higher_is_better = {higher_is_better}

[scores.change]
reliability = 0.75
sd = 10
source = "Test figures."
"#
    );
    let q = parse_str("rci.toml", &text).unwrap_or_else(|e| panic!("{e:?}"));
    q.score_def("total").expect("total").clone()
}

#[test]
fn s_diff_formula() {
    // 10 x sqrt(2) x sqrt(0.25) = 7.0710678.
    assert!((s_diff(10.0, 0.75) - 7.071_067_8).abs() < 1e-6);
    // r = 0.91, SD = 5: 5 x 1.41421 x 0.3 = 2.1213.
    assert!((s_diff(5.0, 0.91) - 2.121_320_3).abs() < 1e-6);
}

#[test]
fn reliable_change_index_higher_is_better() {
    let def = reliability_def(true);
    // +14: RCI = 14 / 7.0711 = 1.9799 > 1.96.
    let c = change(&def, 50.0, 64.0);
    let rci = c.rci.expect("rci");
    assert!((rci - 1.979_899).abs() < 1e-5, "{rci}");
    assert_eq!(c.verdict, Some(Verdict::ReliableImprovement));
    // +13: RCI = 13 / 7.0711 = 1.8385 < 1.96.
    let c = change(&def, 50.0, 63.0);
    assert!((c.rci.expect("rci") - 1.838_478).abs() < 1e-5);
    assert_eq!(c.verdict, Some(Verdict::NoReliableChange));
    // -14: RCI = -1.9799.
    let c = change(&def, 64.0, 50.0);
    assert!((c.rci.expect("rci") + 1.979_899).abs() < 1e-5);
    assert_eq!(c.verdict, Some(Verdict::ReliableDecline));
}

#[test]
fn reliable_change_when_lower_is_better() {
    let def = reliability_def(false);
    // Going up by 14 is reliably worse; going down by 14 reliably better.
    assert_eq!(
        change(&def, 50.0, 64.0).verdict,
        Some(Verdict::ReliableDecline)
    );
    assert_eq!(
        change(&def, 64.0, 50.0).verdict,
        Some(Verdict::ReliableImprovement)
    );
    assert_eq!(
        change(&def, 50.0, 37.0).verdict,
        Some(Verdict::NoReliableChange)
    );
}

#[test]
fn no_change_rule_means_no_verdict() {
    let barc = bundled("barc-10");
    let def = barc.score_def("total").expect("total");
    assert!(def.change.is_none());
    let c = change(def, 40.0, 58.0);
    assert_eq!(c.diff, 18.0);
    assert_eq!(c.rci, None);
    assert_eq!(c.verdict, None);
}

// ------------------------------------------- the README's worked example

/// The numbers worked out in questionnaires/README.md for the example file.
#[test]
fn readme_worked_example_numbers() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/example-full.toml"
    );
    let text = std::fs::read_to_string(path).expect("example");
    let q = parse_str("example-full.toml", &text).unwrap_or_else(|e| panic!("{e:?}"));
    // rested 3, stressed 1 (reversed: 0 + 4 - 1 = 3), support 2, hopeful
    // skipped: (3 + 3 + 2) / 3 x 4 = 10.67, x 6.25 = 66.67 -> 67.
    let r = score(
        &q,
        &answers(&[("rested", 3), ("stressed", 1), ("support", 2)]),
    );
    let total = r.get("total").expect("total");
    assert_eq!(total.value, Some(67.0));
    assert!(total.prorated);
    assert_eq!(band(&r, "total").as_deref(), Some("Mixed week (example)"));
    // Well-being: (3 + 3) / 2 = 3.0. Support and hope: hopeful skipped, 2.0.
    // Balance, the mean of the two: (3.0 + 2.0) / 2 = 2.5.
    assert_eq!(value(&r, "wellbeing"), Some(3.0));
    assert_eq!(value(&r, "connection"), Some(2.0));
    assert_eq!(value(&r, "balance"), Some(2.5));
    // Without support too, support and hope has no value, nor has balance.
    let r2 = score(&q, &answers(&[("rested", 3), ("stressed", 1)]));
    assert_eq!(value(&r2, "connection"), None);
    assert_eq!(value(&r2, "balance"), None);
    assert!(r.safety.is_empty());
    // support 0 fires the item rule; a total of 25 or less fires the score
    // rule: all four at their worst (stressed 4 -> 0) give 0.
    let r = score(
        &q,
        &answers(&[
            ("rested", 0),
            ("stressed", 4),
            ("support", 0),
            ("hopeful", 0),
        ]),
    );
    assert_eq!(value(&r, "total"), Some(0.0));
    assert_eq!(band(&r, "total").as_deref(), Some("Hard week (example)"));
    // And the rule on any of rested and hopeful (both 0), in file order.
    assert_eq!(r.safety.len(), 3);
    assert!(r.safety[0].contains("no one to talk to"));
    assert!(r.safety[1].contains("rested, or hopeful"));
    assert!(r.safety[2].contains("really hard"));
}

// ------------------------------------------------ scores made of scores

/// `both` averages `x` and `y`, which are defined after it.
const OF_SCORES: &str = r#"id = "of-scores"
version = 1
title = "Of scores"
kind = "reflective"

[scales.s]
options = [{ value = 0, label = "No" }, { value = 4, label = "Yes" }]

[[items]]
id = "a"
type = "choice"
scale = "s"
required = false
text = "A"

[[items]]
id = "b"
type = "choice"
scale = "s"
required = false
text = "B"

[[scores]]
id = "both"
label = "Both"
method = "mean_of_scores"
scores = ["x", "y"]
range = [0, 100]

[[scores]]
id = "x"
label = "X"
method = "mean"
items = ["a"]
multiply = 25
range = [0, 100]

[[scores]]
id = "y"
label = "Y"
method = "mean"
items = ["b"]
multiply = 25
range = [0, 100]
"#;

#[test]
fn a_mean_of_scores_may_name_later_scores_and_needs_them_all() {
    let q = parse_str("of-scores.toml", OF_SCORES).unwrap_or_else(|e| panic!("{e:?}"));
    // x = 4 x 25 = 100, y = 0: (100 + 0) / 2 = 50.
    let r = score(&q, &answers(&[("a", 4), ("b", 0)]));
    assert_eq!(value(&r, "x"), Some(100.0));
    assert_eq!(value(&r, "y"), Some(0.0));
    assert_eq!(value(&r, "both"), Some(50.0));
    // The results keep the file's order.
    let ids: Vec<&str> = r.scores.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["both", "x", "y"]);
    // y has no answer: no mean of the rest.
    let r = score(&q, &answers(&[("a", 4)]));
    let both = r.get("both").expect("both");
    assert_eq!(both.value, None);
    assert_eq!((both.answered, both.missing), (1, 1));
}

/// `file:line:col: message` for each problem of a text that must not load.
fn problems(text: &str) -> Vec<String> {
    match parse_str("bad.toml", text) {
        Ok(_) => panic!("loaded:\n{text}"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
        + 1
}

/// Asserts one problem holds `message`, reported on the line holding `at`.
fn assert_problem(text: &str, at: &str, message: &str) {
    let all = problems(text);
    let line = line_of(text, at);
    assert!(
        all.iter()
            .any(|p| p.starts_with(&format!("bad.toml:{line}:")) && p.contains(message)),
        "expected {message:?} at line {line}; got {all:#?}"
    );
}

#[test]
fn mean_of_scores_problems_are_reported_with_their_positions() {
    // An unknown score.
    let text = OF_SCORES.replace(r#"scores = ["x", "y"]"#, r#"scores = ["x", "nope"]"#);
    assert_problem(
        &text,
        r#""nope""#,
        r#"score "both" uses unknown score "nope" (scores in this file: x, y)"#,
    );
    // Itself.
    let text = OF_SCORES.replace(r#"scores = ["x", "y"]"#, r#"scores = ["x", "both"]"#);
    assert_problem(&text, r#""both"]"#, r#"score "both" cannot include itself"#);
    // A score listed twice.
    let text = OF_SCORES.replace(r#"scores = ["x", "y"]"#, r#"scores = ["x", "x"]"#);
    assert_problem(&text, r#"["x", "x"]"#, r#"lists score "x" twice"#);
    // Items on a mean of scores, and a max_missing.
    let text = OF_SCORES.replace(
        "scores = [\"x\", \"y\"]\n",
        "scores = [\"x\", \"y\"]\nitems = [\"a\"]\nmax_missing = 1\n",
    );
    assert_problem(&text, "items = [\"a\"]", "lists scores = [...], not items");
    assert_problem(&text, "max_missing = 1", "leave out max_missing");
    // No scores at all.
    let text = OF_SCORES.replace("scores = [\"x\", \"y\"]\n", "");
    assert_problem(
        &text,
        r#"method = "mean_of_scores""#,
        "mean_of_scores needs scores = [...]",
    );
    // scores = [...] on an item score.
    let text = OF_SCORES.replace("items = [\"a\"]\n", "items = [\"a\"]\nscores = [\"y\"]\n");
    assert_problem(
        &text,
        r#"scores = ["y"]"#,
        "only a mean_of_scores score takes scores",
    );
    // A range the parts do not give.
    let text = OF_SCORES.replacen("range = [0, 100]", "range = [0, 4]", 1);
    assert_problem(
        &text,
        "range = [0, 4]",
        r#"score "both": range [0, 4] does not match its scores, which give [0, 100]"#,
    );
}

#[test]
fn scores_that_average_each_other_are_a_cycle() {
    // x becomes the mean of both and y; both is the mean of x and y.
    let text = OF_SCORES.replace(
        "method = \"mean\"\nitems = [\"a\"]\nmultiply = 25\n",
        "method = \"mean_of_scores\"\nscores = [\"both\", \"y\"]\n",
    );
    let all = problems(&text);
    assert_problem(
        &text,
        r#"scores = ["x", "y"]"#,
        r#"score "both" depends on itself through other scores (both -> x -> both)"#,
    );
    assert_problem(
        &text,
        r#"scores = ["both", "y"]"#,
        r#"score "x" depends on itself through other scores (x -> both -> x)"#,
    );
    assert_eq!(all.len(), 2, "{all:#?}");
}

#[test]
fn a_safety_rule_on_any_of_several_items() {
    let rule = "\n[[safety]]\nitems = [\"a\", \"b\"]\nat_most = 0\nmessage = \"You said no.\"\n";
    let q =
        parse_str("any.toml", &format!("{OF_SCORES}{rule}")).unwrap_or_else(|e| panic!("{e:?}"));
    // Fires once when either is 0, never when neither is, nor when skipped.
    for pairs in [
        &[("a", 0), ("b", 4)][..],
        &[("a", 4), ("b", 0)],
        &[("a", 0), ("b", 0)],
        &[("b", 0)],
    ] {
        assert_eq!(
            score(&q, &answers(pairs)).safety,
            vec!["You said no.".to_string()],
            "{pairs:?}"
        );
    }
    assert!(score(&q, &answers(&[("a", 4), ("b", 4)])).safety.is_empty());
    assert!(score(&q, &Answers::new()).safety.is_empty());
    // An unknown item in the list is reported where it is written.
    let bad = format!("{OF_SCORES}{}", rule.replace("\"b\"]", "\"zz\"]"));
    assert_problem(&bad, "\"zz\"", r#"safety rule names unknown item "zz""#);
    // Only one of item, items and score.
    let both = format!(
        "{OF_SCORES}{}",
        rule.replace("at_most", "item = \"a\"\nat_most")
    );
    assert!(
        problems(&both)
            .iter()
            .any(|p| p.contains("exactly one of item = \"...\", items = [...] or score = \"...\"")),
        "{:#?}",
        problems(&both)
    );
}

// ------------------------------------------------ wording and sources

/// The facts INSTRUMENTS.md asks the shipped texts to state.
#[test]
fn shipped_wording_states_the_published_facts() {
    let barc = bundled("barc-10");
    let instructions = barc.instructions.as_deref().expect("instructions");
    assert!(instructions.contains("written for recap"), "{instructions}");
    let bands = &barc.score_def("total").expect("total").bands;
    assert_eq!(bands.len(), 2);
    for b in bands {
        let meaning = b.meaning.as_deref().expect("meaning");
        for fact in [
            "47",
            "sustained remission",
            "more than 12 months' abstinence",
            "123",
            "not a prediction for one person",
        ] {
            assert!(
                meaning.contains(fact),
                "BARC-10 {:?} lacks {fact:?}: {meaning}",
                b.label
            );
        }
        assert!(
            b.source.contains("Vilsaint") && b.source.contains("N = 123"),
            "{}",
            b.source
        );
    }

    let who = bundled("who-5");
    let notice = who.notice.as_deref().expect("notice");
    assert!(notice.contains("electronic adaptation"), "{notice}");
    assert!(notice.contains("instructions are shortened"), "{notice}");
    assert!(who.terms.as_deref().expect("terms").contains("adaptation"));
    assert_eq!(who.stem.as_deref(), Some("Over the last two weeks"));
    let total = who.score_def("total").expect("total");
    let low = total.band_for(28.0).expect("band");
    let meaning = low.meaning.as_deref().expect("meaning");
    assert!(
        meaning.contains("often seen in people going through depression"),
        "{meaning}"
    );
    assert!(meaning.contains("not a diagnosis"), "{meaning}");
    let Some(recap::instrument::model::ChangeRule::Mdc { mdc, source }) = &total.change else {
        panic!("WHO-5 has a minimal detectable change")
    };
    assert_eq!(*mdc, 23.6);
    for fact in [
        "Schougaard LMV, de Thurah A, Bech P, Hjollund NH, Christiansen DH",
        "outpatients with epilepsy",
        "554",
        "doi 10.1186/s12955-018-1001-0",
        "measurement error only",
        "10 points",
    ] {
        assert!(
            source.contains(fact),
            "WHO-5 change source lacks {fact:?}: {source}"
        );
    }
    let citation = who.citation.as_deref().expect("citation");
    assert!(
        citation.contains("WHO Regional Office for Europe"),
        "{citation}"
    );
    assert!(citation.contains("1998"), "{citation}");
    assert!(citation.contains("Topp CW"), "{citation}");

    let weekly = bundled("samhsa-dimensions");
    let notice = weekly.notice.as_deref().expect("notice");
    assert!(
        notice.contains("not a validated clinical measure"),
        "{notice}"
    );
    // Versions raised with the wording (version 3 of the two with support
    // messages: their wording for a check-in done with a counselor).
    assert_eq!(barc.version, 2);
    for q in [&who, &weekly] {
        assert_eq!(q.version, 3, "{}", q.id);
        assert!(
            q.safety.iter().all(|r| r.with_counselor.is_some()),
            "{}: every support message has its wording for two",
            q.id
        );
    }
}

// ------------------------------------ old check-ins keep their snapshot

/// A check-in answered with the version 1 weekly check-in (Overall as the
/// mean of up to 13 items) keeps scoring with that text, stored with it;
/// new check-ins use version 2 (the mean of the four dimensions).
#[test]
fn an_old_check_in_keeps_scoring_with_its_stored_questionnaire_text() {
    use recap::instrument::load::content_hash;
    use recap::instrument::{Loaded, Origin};
    use recap::store::Store;

    let old_text = include_str!("fixtures/shipped/samhsa-dimensions-1.toml");
    let old = Loaded {
        instrument: parse_str("samhsa-dimensions.toml", old_text)
            .unwrap_or_else(|e| panic!("{e:?}")),
        source: old_text.to_string(),
        hash: content_hash(old_text),
        origin: Origin::Bundled,
    };
    assert_eq!(old.instrument.version, 1);
    let catalog = Catalog::bundled();
    let new = catalog.get("samhsa-dimensions").expect("bundled");
    assert_eq!(new.instrument.version, 3);

    // Health skipped entirely: version 1 still gave an Overall from the other
    // ten items, (1+2+2 + 4+4+3+2 + 0+1+3) / 10 = 2.2, x 25 = 55.
    let mut a = samhsa_mixed();
    for id in HEALTH {
        a.remove(id);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("recap.db")).expect("open");
    let when = chrono::Utc::now() - chrono::Duration::days(1);
    let profile = store.default_profile(when).expect("profile");
    let before = store
        .record_session(profile.id, &old, &a, when, false)
        .expect("record");
    let after = store
        .record_session(profile.id, new, &a, when, false)
        .expect("record");
    store.rescore_all().expect("rescore");
    let overall = |id: &str| {
        let detail = store.session_detail(id).expect("detail").expect("session");
        value(&detail.scoring, "overall")
    };
    assert_eq!(overall(&before.id), Some(55.0));
    assert_eq!(overall(&after.id), None);
}
