use super::*;
use crate::instrument::load::parse_str;

pub(crate) const TEST_TOML: &str = r#"
id = "test"
version = 1
title = "Test check-in"
kind = "reflective"
instructions = "Think about the past week."

[scales.agree]
options = [
  { value = 1, label = "Disagree" },
  { value = 2, label = "Neutral" },
  { value = 3, label = "Agree" },
]

[[items]]
id = "a"
type = "choice"
scale = "agree"
text = "First statement."

[[items]]
id = "days"
type = "number"
min = 0
max = 7
unit = "days"
text = "On how many days?"

[[items]]
id = "opt"
type = "yes_no"
required = false
text = "An optional yes or no."

[[items]]
id = "note"
type = "text"
text = "Anything else?"

[[scores]]
id = "total"
label = "Total"
method = "sum"
items = ["a", "days"]
range = [1, 10]
"#;

pub(crate) fn instrument() -> Instrument {
    parse_str("test.toml", TEST_TOML).unwrap()
}

fn no_instructions() -> Instrument {
    let mut i = instrument();
    i.instructions = None;
    i
}

fn fresh() -> CheckIn {
    CheckIn::new(instrument(), Answers::new())
}

fn num(n: i64) -> AnswerValue {
    AnswerValue::Number(n)
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.to_string())
}

fn save(id: &str, value: AnswerValue) -> Effect {
    Effect::SaveAnswer {
        item_id: id.to_string(),
        value,
    }
}

fn clear(id: &str) -> Effect {
    Effect::ClearAnswer {
        item_id: id.to_string(),
    }
}

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Answers every item from the start, returning all effects in order.
fn walk(c: &mut CheckIn) -> Vec<Effect> {
    let mut all = c.begin().unwrap();
    all.extend(c.answer(num(3)).unwrap());
    all.extend(c.answer(num(4)).unwrap());
    all.extend(c.answer(num(1)).unwrap());
    all.extend(c.answer(text("  a good week \n")).unwrap());
    all
}

#[test]
fn fresh_starts_at_intro_with_instructions() {
    let c = fresh();
    assert_eq!(c.step(), Step::Intro);
    assert_eq!(c.progress(), (0, 4));
    assert!(c.current_item().is_none());
    assert!(!c.can_go_back());
}

#[test]
fn fresh_without_instructions_starts_at_first_item() {
    let c = CheckIn::new(no_instructions(), Answers::new());
    assert_eq!(c.step(), Step::Item(0));
    assert_eq!(c.progress(), (1, 4));
    assert_eq!(c.current_item().unwrap().id, "a");
    assert!(!c.can_go_back());
}

#[test]
fn full_walk_emits_one_save_per_answer_then_complete() {
    let mut c = fresh();
    let effects = walk(&mut c);
    assert_eq!(
        effects,
        vec![
            save("a", num(3)),
            save("days", num(4)),
            save("opt", num(1)),
            save("note", text("a good week")),
        ]
    );
    assert_eq!(c.step(), Step::Review);
    assert_eq!(c.progress(), (4, 4));
    let effects = c.submit().unwrap();
    assert_eq!(effects.len(), 1);
    let Effect::Complete { scoring } = &effects[0] else {
        panic!("expected Complete, got {effects:?}");
    };
    assert_eq!(scoring.get("total").unwrap().value, Some(7.0));
    assert_eq!(c.step(), Step::Submitted);
    assert_eq!(c.scoring(), Some(scoring));
}

#[test]
fn progress_follows_items() {
    let mut c = fresh();
    c.begin().unwrap();
    assert_eq!(c.progress(), (1, 4));
    c.answer(num(2)).unwrap();
    assert_eq!(c.progress(), (2, 4));
    assert_eq!(c.current_index(), Some(1));
}

#[test]
fn begin_only_from_intro() {
    let mut c = fresh();
    c.begin().unwrap();
    assert_eq!(c.begin(), Err(CheckInError::NotNow));
    assert_eq!(c.step(), Step::Item(0));
}

#[test]
fn answer_outside_an_item_is_not_now() {
    let mut c = fresh();
    assert_eq!(c.answer(num(1)), Err(CheckInError::NotNow));
    assert_eq!(c.skip(), Err(CheckInError::NotNow));
    assert_eq!(c.step(), Step::Intro);
}

#[test]
fn values_are_checked_against_the_item() {
    let mut c = fresh();
    c.begin().unwrap();
    let e = c.answer(num(9)).unwrap_err();
    assert_eq!(
        e,
        CheckInError::NotAllowed {
            allowed: "one of 1 (Disagree), 2 (Neutral), 3 (Agree)".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "That answer is not one of the choices here. Please give one of 1 (Disagree), 2 (Neutral), 3 (Agree)."
    );
    assert_eq!(c.answer(text("3")), Err(CheckInError::NeedsNumber));
    assert_eq!(c.step(), Step::Item(0));
    assert!(c.answers().is_empty());

    c.answer(num(1)).unwrap();
    let e = c.answer(num(8)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "That answer is not one of the choices here. Please give a whole number from 0 to 7."
    );
    assert_eq!(c.answer(num(0)).unwrap(), vec![save("days", num(0))]);
    assert_eq!(
        c.answer(num(2)),
        Err(CheckInError::NotAllowed {
            allowed: "one of 1 (Yes), 0 (No)".into()
        })
    );
}

#[test]
fn text_items_take_trimmed_text_only() {
    let mut c = CheckIn::new(
        instrument(),
        answers(&[("a", num(1)), ("days", num(1)), ("opt", num(0))]),
    );
    assert_eq!(c.step(), Step::Item(3));
    assert_eq!(c.answer(num(3)), Err(CheckInError::NeedsText));
    assert_eq!(
        c.answer(text("\n  line one\nline two  ")).unwrap(),
        vec![save("note", text("line one\nline two"))]
    );
    assert_eq!(c.answer_for("note"), Some(&text("line one\nline two")));
    assert_eq!(c.step(), Step::Review);
}

#[test]
fn empty_text_on_optional_item_is_a_skip() {
    let mut c = CheckIn::new(
        instrument(),
        answers(&[
            ("a", num(1)),
            ("days", num(1)),
            ("opt", num(0)),
            ("note", text("old")),
        ]),
    );
    assert_eq!(c.step(), Step::Review);
    c.edit(3).unwrap();
    assert_eq!(c.answer(text("   ")).unwrap(), vec![clear("note")]);
    assert_eq!(c.answer_for("note"), None);
    assert_eq!(c.step(), Step::Review);
    // Nothing stored: an empty answer emits nothing.
    c.edit(3).unwrap();
    assert_eq!(c.answer(text("")).unwrap(), vec![]);
}

#[test]
fn empty_text_on_required_text_item_is_refused() {
    let mut i = instrument();
    i.items[3].required = true;
    let mut c = CheckIn::new(
        i,
        answers(&[("a", num(1)), ("days", num(1)), ("opt", num(0))]),
    );
    assert_eq!(c.step(), Step::Item(3));
    assert_eq!(c.answer(text(" ")), Err(CheckInError::Required));
    assert_eq!(c.skip(), Err(CheckInError::Required));
    assert_eq!(c.step(), Step::Item(3));
}

#[test]
fn required_items_cannot_be_skipped() {
    let mut c = fresh();
    c.begin().unwrap();
    let e = c.skip().unwrap_err();
    assert_eq!(e, CheckInError::Required);
    assert!(e.to_string().contains("cannot be skipped"));
    assert_eq!(c.step(), Step::Item(0));
}

#[test]
fn skip_optional_moves_on_and_clears_a_stored_answer() {
    let mut c = fresh();
    c.begin().unwrap();
    c.answer(num(1)).unwrap();
    c.answer(num(1)).unwrap();
    // Nothing stored yet: no effect.
    assert_eq!(c.skip().unwrap(), vec![]);
    assert_eq!(c.step(), Step::Item(3));
    // Go back, answer, go back, skip: the answer is cleared once.
    c.back().unwrap();
    assert_eq!(c.answer(num(1)).unwrap(), vec![save("opt", num(1))]);
    c.back().unwrap();
    assert_eq!(c.skip().unwrap(), vec![clear("opt")]);
    assert_eq!(c.answer_for("opt"), None);
    assert_eq!(c.step(), Step::Item(3));
    // Skipping the last item leads to the review.
    assert_eq!(c.skip().unwrap(), vec![]);
    assert_eq!(c.step(), Step::Review);
}

#[test]
fn same_answer_again_emits_nothing() {
    let mut c = fresh();
    c.begin().unwrap();
    assert_eq!(c.answer(num(2)).unwrap(), vec![save("a", num(2))]);
    c.back().unwrap();
    assert_eq!(c.answer(num(2)).unwrap(), vec![]);
    assert_eq!(c.step(), Step::Item(1));
    c.back().unwrap();
    assert_eq!(c.answer(num(3)).unwrap(), vec![save("a", num(3))]);
}

#[test]
fn back_at_first_item_goes_to_intro_then_stops() {
    let mut c = fresh();
    c.begin().unwrap();
    assert!(c.can_go_back());
    assert_eq!(c.back().unwrap(), vec![]);
    assert_eq!(c.step(), Step::Intro);
    let e = c.back().unwrap_err();
    assert_eq!(e, CheckInError::AtStart);
    assert_eq!(
        e.to_string(),
        "This is the start of the check-in; there is nothing before it."
    );
    assert_eq!(c.step(), Step::Intro);
}

#[test]
fn back_at_first_item_without_instructions_stays() {
    let mut c = CheckIn::new(no_instructions(), Answers::new());
    assert_eq!(c.back(), Err(CheckInError::AtStart));
    assert_eq!(c.step(), Step::Item(0));
}

#[test]
fn back_from_review_goes_to_last_item() {
    let mut c = fresh();
    walk(&mut c);
    assert!(c.can_go_back());
    c.back().unwrap();
    assert_eq!(c.step(), Step::Item(3));
    assert!(!c.is_editing_from_review());
    // Answering the last item returns to the review.
    c.answer(text("a good week")).unwrap();
    assert_eq!(c.step(), Step::Review);
}

#[test]
fn edit_from_review_returns_to_review() {
    let mut c = fresh();
    walk(&mut c);
    assert_eq!(c.edit(0).unwrap(), vec![]);
    assert_eq!(c.step(), Step::Item(0));
    assert!(c.is_editing_from_review());
    assert_eq!(c.progress(), (1, 4));
    assert_eq!(c.answer(num(1)).unwrap(), vec![save("a", num(1))]);
    assert_eq!(c.step(), Step::Review);
    assert!(!c.is_editing_from_review());

    // Skip from review-edit returns too.
    c.edit(2).unwrap();
    assert_eq!(c.skip().unwrap(), vec![clear("opt")]);
    assert_eq!(c.step(), Step::Review);

    // Back from review-edit returns to the review, nothing changed.
    c.edit(1).unwrap();
    assert!(c.can_go_back());
    assert_eq!(c.back().unwrap(), vec![]);
    assert_eq!(c.step(), Step::Review);
    assert_eq!(c.answer_for("days"), Some(&num(4)));

    // Editing the first item of a questionnaire without instructions can go back too.
    let mut c = CheckIn::new(no_instructions(), c.answers().clone());
    c.edit(0).unwrap();
    assert!(c.can_go_back());
    c.back().unwrap();
    assert_eq!(c.step(), Step::Review);
}

#[test]
fn edit_only_from_review_and_within_range() {
    let mut c = fresh();
    assert_eq!(c.edit(0), Err(CheckInError::NotNow));
    walk(&mut c);
    let e = c.edit(4).unwrap_err();
    assert_eq!(e, CheckInError::NoSuchItem { index: 4, total: 4 });
    assert_eq!(
        e.to_string(),
        "There is no question 5; the questions are numbered 1 to 4."
    );
    assert_eq!(c.step(), Step::Review);
}

#[test]
fn submit_refused_lists_unanswered_required_items() {
    let mut c = CheckIn::new(instrument(), answers(&[("days", num(2))]));
    assert_eq!(c.step(), Step::Item(0));
    let e = c.submit().unwrap_err();
    assert_eq!(e, CheckInError::Unanswered(vec![0]));
    assert_eq!(
        e.to_string(),
        "Question 1 still needs an answer before you can finish. Your answers so far are saved."
    );
    assert_eq!(c.step(), Step::Item(0));
    assert_eq!(c.unanswered_required(), vec![0]);

    let mut c = fresh();
    assert_eq!(c.submit(), Err(CheckInError::Unanswered(vec![0, 1])));
    assert_eq!(c.step(), Step::Intro);
}

#[test]
fn submit_accepts_without_optional_answers_from_any_step() {
    // `record`: a full set of required answers can be submitted at once.
    let mut c = CheckIn::new(instrument(), answers(&[("a", num(2)), ("days", num(7))]));
    assert_eq!(c.step(), Step::Item(2));
    let effects = c.submit().unwrap();
    let [Effect::Complete { scoring }] = effects.as_slice() else {
        panic!("expected one Complete, got {effects:?}");
    };
    assert_eq!(scoring.get("total").unwrap().value, Some(9.0));
    assert!(scoring.safety.is_empty());
}

#[test]
fn nothing_after_submit() {
    let mut c = fresh();
    walk(&mut c);
    c.submit().unwrap();
    for result in [
        c.submit(),
        c.begin(),
        c.answer(num(1)),
        c.skip(),
        c.back(),
        c.edit(0),
    ] {
        assert_eq!(result, Err(CheckInError::AlreadySubmitted));
    }
    assert!(!c.can_go_back());
    assert_eq!(c.step(), Step::Submitted);
    assert_eq!(c.progress(), (4, 4));
}

#[test]
fn resume_at_first_unanswered_required_item() {
    let c = CheckIn::new(instrument(), answers(&[("a", num(2))]));
    assert_eq!(c.step(), Step::Item(1));
    assert_eq!(c.answer_for("a"), Some(&num(2)));
    // A later answer does not hide an earlier gap.
    let c = CheckIn::new(instrument(), answers(&[("opt", num(1))]));
    assert_eq!(c.step(), Step::Item(0));
}

#[test]
fn resume_after_required_items_goes_to_the_next_unseen_item() {
    let c = CheckIn::new(instrument(), answers(&[("a", num(2)), ("days", num(3))]));
    assert_eq!(c.step(), Step::Item(2));
    let c = CheckIn::new(
        instrument(),
        answers(&[("a", num(2)), ("days", num(3)), ("opt", num(1))]),
    );
    assert_eq!(c.step(), Step::Item(3));
}

#[test]
fn resume_with_everything_answered_goes_to_review() {
    // "opt" skipped earlier, "note" answered after it: review.
    let c = CheckIn::new(
        instrument(),
        answers(&[("a", num(2)), ("days", num(3)), ("note", text("x"))]),
    );
    assert_eq!(c.step(), Step::Review);
    assert!(!c.is_editing_from_review());
}

#[test]
fn resume_ignores_instructions() {
    let c = CheckIn::new(instrument(), answers(&[("a", num(2))]));
    assert_ne!(c.step(), Step::Intro);
}

#[test]
fn bundled_questionnaires_walk_through() {
    let catalog = crate::instrument::Catalog::bundled();
    for loaded in catalog.iter() {
        let i = loaded.instrument.clone();
        let mut c = CheckIn::new(i.clone(), Answers::new());
        if c.step() == Step::Intro {
            c.begin().unwrap();
        }
        let mut saves = 0;
        while let Some(item) = c.current_item().cloned() {
            let effects = match item.options().first() {
                Some(o) => c.answer(num(o.value)).unwrap(),
                None if item.is_numeric() => c.answer(num(item.value_range().unwrap().0)).unwrap(),
                None => c.answer(text("fine")).unwrap(),
            };
            saves += effects.len();
        }
        assert_eq!(saves, i.items.len(), "{}", i.id);
        assert_eq!(c.step(), Step::Review);
        let effects = c.submit().unwrap();
        assert!(matches!(effects.as_slice(), [Effect::Complete { .. }]));
    }
}

#[test]
fn check_answer_normalises() {
    let i = instrument();
    assert_eq!(check_answer(&i.items[0], num(3)), Ok(Some(num(3))));
    assert_eq!(
        check_answer(&i.items[3], text(" hi ")),
        Ok(Some(text("hi")))
    );
    assert_eq!(check_answer(&i.items[3], text(" ")), Ok(None));
    assert_eq!(
        check_answer(&i.items[1], text("3")),
        Err(CheckInError::NeedsNumber)
    );
}

#[test]
fn errors_convert_to_input_errors() {
    let e: crate::error::Error = CheckInError::Required.into();
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn text_past_the_stored_limit_is_refused_and_nothing_is_saved() {
    let mut c = CheckIn::new(
        instrument(),
        answers(&[("a", num(1)), ("days", num(1)), ("opt", num(0))]),
    );
    assert_eq!(c.step(), Step::Item(3));
    let max = crate::import::limits::MAX_TEXT_ANSWER_CHARS;
    assert_eq!(
        c.answer(text(&"é".repeat(max + 1))),
        Err(CheckInError::TooLong {
            length: max + 1,
            max
        })
    );
    assert_eq!(c.step(), Step::Item(3));
    assert_eq!(
        c.answer(text(&"é".repeat(max))).unwrap(),
        vec![save("note", text(&"é".repeat(max)))]
    );
}

#[test]
fn a_draft_keeps_typed_words_without_moving_on() {
    let mut c = CheckIn::new(
        instrument(),
        answers(&[("a", num(3)), ("days", num(4)), ("opt", num(1))]),
    );
    assert_eq!(c.step(), Step::Item(3));
    assert_eq!(
        c.draft("half a thought").unwrap(),
        vec![save("note", text("half a thought"))]
    );
    assert_eq!(c.step(), Step::Item(3), "still on the question");
    assert_eq!(
        c.draft("half a thought ").unwrap(),
        vec![],
        "nothing new to write"
    );
    assert_eq!(c.draft("").unwrap(), vec![clear("note")]);
    assert_eq!(c.draft("words").unwrap(), vec![save("note", text("words"))]);
    // Going on with the same words writes nothing more.
    assert_eq!(c.answer(text("words")).unwrap(), vec![]);
    assert_eq!(c.step(), Step::Review);
    // Only on a free-text question.
    let mut c = fresh();
    c.begin().unwrap();
    assert_eq!(c.draft("x"), Err(CheckInError::NeedsNumber));
}
