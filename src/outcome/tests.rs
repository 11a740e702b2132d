use chrono::{DateTime, TimeZone, Utc};

use super::text::{Kind, format_diff, lines};
use super::*;
use crate::config::{Contact, Support};
use crate::instrument::change::Verdict;
use crate::instrument::load::parse_str;
use crate::instrument::{AnswerValue, Answers, Catalog, Instrument, Scoring, score};

fn bundled(id: &str) -> Instrument {
    Catalog::bundled().get(id).unwrap().instrument.clone()
}

fn numbers(instrument: &Instrument, values: &[i64]) -> Answers {
    instrument
        .items
        .iter()
        .zip(values)
        .map(|(item, v)| (item.id.clone(), AnswerValue::Number(*v)))
        .collect()
}

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0)
        .single()
        .unwrap()
}

fn point(id: &str, d: u32, values: &[Option<f64>]) -> Point {
    Point {
        session_id: id.into(),
        at: day(d),
        utc_offset: None,
        with_counselor: false,
        values: values.to_vec(),
    }
}

fn own_support() -> Support {
    Support {
        contacts: vec![Contact::new("Helpline", "Call 123")],
        is_default: false,
    }
}

fn outcome_of(
    i: &Instrument,
    answers: &Answers,
    earlier: &[Point],
    period_start: usize,
    support: &Support,
) -> (Scoring, Outcome) {
    let scoring = score(i, answers);
    let done = Done {
        instrument: i,
        answers,
        scoring: &scoring,
        session_id: Some("now"),
        completed_at: day(24),
        with_counselor: false,
    };
    let o = build(&done, earlier, period_start, support);
    (scoring, o)
}

fn texts(o: &Outcome) -> Vec<String> {
    lines(o).into_iter().map(|l| l.text).collect()
}

#[test]
fn diff_formatting() {
    assert_eq!(format_diff(8.0, 0), "+8");
    assert_eq!(format_diff(-2.5, 1), "-2.5");
    assert_eq!(format_diff(0.0, 0), "0");
    assert_eq!(format_diff(-0.004, 2), "0.00");
    assert_eq!(format_diff(-0.4, 0), "0");
}

#[test]
fn who5_band_source_and_verdicts_against_the_mdc() {
    let i = bundled("who-5");
    let earlier = [
        point("first", 3, &[Some(40.0)]),
        point("prev", 17, &[Some(56.0)]),
    ];
    let (_, o) = outcome_of(
        &i,
        &numbers(&i, &[4, 3, 3, 3, 3]),
        &earlier,
        0,
        &own_support(),
    );
    let s = o.score("total").unwrap();
    assert_eq!(s.value, Some(64.0));
    let band = s.band.as_ref().unwrap();
    assert_eq!(
        (band.label.as_str(), band.min, band.max),
        ("Above 50", 51.0, 100.0)
    );
    assert!(band.source.contains("Topp"), "{}", band.source);
    let prev = s.since_previous.as_ref().unwrap();
    assert_eq!(
        (prev.session_id.as_str(), prev.from, prev.diff),
        ("prev", 56.0, 8.0)
    );
    assert_eq!(prev.verdict, Some(Verdict::NoReliableChange));
    let first = s.since_first.as_ref().unwrap();
    assert_eq!((first.session_id.as_str(), first.diff), ("first", 24.0));
    assert_eq!(first.verdict, Some(Verdict::ReliableImprovement));
    assert!(matches!(s.change_rule, Some(Rule::Mdc { mdc, .. }) if (mdc - 23.6).abs() < 1e-9));
    assert!(o.safety.is_empty());
    assert_eq!(o.questionnaire.kind, crate::instrument::Kind::Validated);
    assert_eq!(
        texts(&o),
        vec![
            "Your results: WHO-5 Well-Being Index",
            "Well-being: 64 (possible range 0 to 100)",
            "  Above 50: Above the threshold for poor well-being.",
            "  Source: Topp et al. 2015, Psychother Psychosom 84:167-176 (above 50).",
            "  Since last time: +8 (no reliable change)",
            "  Since your first check-in: +24 (reliable improvement)",
            "",
            "Please note: An electronic adaptation of the WHO-5: the instructions are shortened and \"Over the last two weeks\" is shown with every statement. The statements and answers are the original wording. The number beside each answer is its score: higher numbers mean better well-being.",
        ]
    );
}

#[test]
fn since_first_is_measured_from_the_first_check_in_of_the_period() {
    let i = bundled("who-5");
    let earlier = [
        point("jan", 1, &[Some(20.0)]),
        point("a", 10, &[None]),
        point("b", 17, &[Some(56.0)]),
    ];
    // The period starts at "a" (not scored), so "b" is its first value.
    let (_, o) = outcome_of(
        &i,
        &numbers(&i, &[4, 3, 3, 3, 3]),
        &earlier,
        1,
        &own_support(),
    );
    let s = o.score("total").unwrap();
    assert_eq!(s.since_first.as_ref().unwrap().session_id, "b");
    assert_eq!(s.since_previous.as_ref().unwrap().session_id, "b");
    // The same check-in is not shown twice as "since first".
    assert!(!texts(&o).iter().any(|l| l.contains("first check-in")));
    // Nothing earlier inside the period: no "since first", "previous" still.
    let (_, o) = outcome_of(
        &i,
        &numbers(&i, &[4, 3, 3, 3, 3]),
        &earlier,
        3,
        &own_support(),
    );
    let s = o.score("total").unwrap();
    assert_eq!(s.since_first, None);
    assert_eq!(s.since_previous.as_ref().unwrap().diff, 8.0);
}

#[test]
fn who5_low_score_shows_the_message_first_with_its_trigger_then_contacts() {
    let i = bundled("who-5");
    let earlier = [point("prev", 17, &[Some(80.0)])];
    let (_, o) = outcome_of(
        &i,
        &numbers(&i, &[1, 1, 1, 1, 1]),
        &earlier,
        0,
        &own_support(),
    );
    // The score rule, then the note on any answer of 0 or 1 (the first such item).
    assert_eq!(o.safety.len(), 2);
    assert_eq!(
        o.safety[0].trigger,
        Trigger::Score {
            id: "total".into(),
            label: "Well-being".into(),
            value: 20.0
        }
    );
    assert!(
        matches!(&o.safety[1].trigger, Trigger::Item { id, value: 1, .. } if id == "w1"),
        "{:?}",
        o.safety[1].trigger
    );
    let all = lines(&o);
    let kinds: Vec<Kind> = all.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds[..9],
        [
            Kind::Heading,
            Kind::Blank,
            Kind::Safety,
            Kind::Blank,
            Kind::Safety,
            Kind::Blank,
            Kind::Support,
            Kind::Support,
            Kind::Blank
        ]
    );
    assert_eq!(all[7].text, "  Helpline: Call 123");
    assert_eq!(all[9].text, "Well-being: 20 (possible range 0 to 100)");
    assert!(
        all.iter()
            .any(|l| l.text == "  Since last time: -60 (reliable decline)")
    );
    // Contacts from config.toml: nothing said about the built-in ones.
    assert!(
        !all.iter()
            .any(|l| l.text.contains("Outside the United States"))
    );
}

#[test]
fn built_in_contacts_carry_the_note_for_people_elsewhere() {
    let i = bundled("who-5");
    let (_, o) = outcome_of(&i, &numbers(&i, &[0; 5]), &[], 0, &Support::default());
    assert!(o.support.built_in);
    let t = texts(&o);
    assert!(t.iter().any(|l| l.contains("988")), "{t:?}");
    assert!(
        t.iter()
            .any(|l| l == "These services are in the United States.")
    );
    // Nothing about settings on a screen with a support message.
    assert!(!t.iter().any(|l| l.contains("config.toml")), "{t:?}");
}

#[test]
fn an_item_rule_names_the_item_and_the_answer() {
    let i = bundled("samhsa-dimensions");
    let mut answers = numbers(&i, &[2; 13]);
    answers.insert("home-safe".into(), AnswerValue::Number(0));
    let (_, o) = outcome_of(&i, &answers, &[], 0, &own_support());
    let fired: Vec<&SafetyMessage> = o
        .safety
        .iter()
        .filter(|s| matches!(&s.trigger, Trigger::Item { id, .. } if id == "home-safe"))
        .collect();
    assert_eq!(fired.len(), 1, "{:?}", o.safety);
    let Trigger::Item {
        text, value, label, ..
    } = &fired[0].trigger
    else {
        unreachable!()
    };
    assert_eq!(text, &i.item("home-safe").unwrap().text);
    assert_eq!((*value, label.as_str()), (0, "Not at all true"));
    assert_eq!(o.questionnaire.kind, crate::instrument::Kind::Reflective);
    let notice = o.questionnaire.notice.as_deref().unwrap();
    let last = lines(&o).pop().unwrap();
    assert_eq!(last.kind, Kind::Notice);
    assert!(last.text.contains(notice));
}

#[test]
fn barc10_without_a_rule_has_differences_only() {
    let i = bundled("barc-10");
    let earlier = [point("a", 3, &[Some(30.0)]), point("b", 17, &[Some(40.0)])];
    let (_, o) = outcome_of(&i, &numbers(&i, &[5; 10]), &earlier, 0, &own_support());
    let s = o.score("total").unwrap();
    assert_eq!(s.change_rule, None);
    assert_eq!(s.since_previous.as_ref().unwrap().verdict, None);
    assert_eq!(s.since_first.as_ref().unwrap().verdict, None);
    assert_eq!(
        texts(&o)[4..],
        ["  Since last time: +10", "  Since your first check-in: +20"]
    );
}

#[test]
fn missing_answers_are_not_scored_and_unscored_earlier_ones_are_skipped() {
    let i = bundled("barc-10");
    let earlier = [point("a", 3, &[None])];
    let (_, o) = outcome_of(&i, &numbers(&i, &[5; 8]), &earlier, 0, &own_support());
    assert_eq!(
        texts(&o),
        vec![
            "Your results: Brief Assessment of Recovery Capital (BARC-10)",
            "Recovery capital: not scored: 2 answers missing",
        ]
    );
    let (_, o) = outcome_of(&i, &numbers(&i, &[5; 10]), &earlier, 0, &own_support());
    assert_eq!(o.score("total").unwrap().since_previous, None);
}

#[test]
fn prorated_sum_several_messages_and_default_contacts() {
    let text = r#"
id = "t"
version = 1
title = "T"
kind = "reflective"
[[items]]
id = "a"
type = "yes_no"
text = "A?"
[[items]]
id = "b"
type = "yes_no"
text = "B?"
[[scores]]
id = "s"
label = "Sum"
method = "sum"
items = ["a", "b"]
range = [0, 2]
max_missing = 1
[[safety]]
item = "a"
equals = 0
message = "First message."
[[safety]]
item = "a"
at_most = 0
message = "Second message."
"#;
    let i = parse_str("t.toml", text).unwrap();
    let mut answers = Answers::new();
    answers.insert("a".into(), AnswerValue::Number(0));
    let (_, o) = outcome_of(&i, &answers, &[], 0, &Support::default());
    assert_eq!(
        texts(&o),
        vec![
            "Your results: T",
            "",
            "First message.",
            "",
            "Second message.",
            "",
            "If you would like to talk with someone, support is available:",
            "  988 Suicide & Crisis Lifeline: Call or text 988, chat at 988lifeline.org",
            "  SAMHSA National Helpline: 1-800-662-4357 (1-800-662-HELP), free and confidential, 24/7, in English and Spanish; TTY 1-800-487-4889",
            "  Immediate danger: Call 911",
            "These services are in the United States.",
            "",
            "Sum: 0 (possible range 0 to 2)",
            "  Estimated from 1 of 2 answers.",
            "",
            "Please note: This is a reflection tool, not a clinical measure; use it to notice change over time.",
        ]
    );
}

#[test]
fn no_scores() {
    let text = "id = \"t\"\nversion = 1\ntitle = \"T\"\nkind = \"validated\"\n[[items]]\nid = \"a\"\ntype = \"text\"\ntext = \"Say\"\n";
    let i = parse_str("t.toml", text).unwrap();
    let (_, o) = outcome_of(&i, &Answers::new(), &[], 0, &own_support());
    assert_eq!(
        texts(&o),
        vec![
            "Your results: T",
            "This questionnaire has no scores; your answers are saved."
        ]
    );
}

#[test]
fn the_model_serializes_as_data() {
    let i = bundled("who-5");
    let (_, o) = outcome_of(&i, &numbers(&i, &[1; 5]), &[], 0, &Support::default());
    let v = serde_json::to_value(&o).unwrap();
    assert_eq!(v["scores"][0]["value"], 20.0);
    assert_eq!(v["scores"][0]["band"]["label"], "28 or below");
    assert_eq!(v["safety"][0]["trigger"]["kind"], "score");
    assert_eq!(v["support"]["built_in"], true);
    assert_eq!(v["questionnaire"]["kind"], "validated");
}
