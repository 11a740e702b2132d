use std::io::Cursor;

use super::*;
use crate::checkin::tests::instrument;
use crate::config::Contact;
use crate::instrument::{Answers, Catalog, Instrument};
use crate::outcome::{Done, Point};

fn support() -> Support {
    Support {
        contacts: vec![Contact::new("Helpline", "Call 123")],
        is_default: false,
    }
}

struct Run {
    result: Result<PlainOutcome, Error>,
    out: String,
    effects: Vec<Effect>,
}

/// The results as the command gives them: the outcome of the submitted
/// check-in, compared with `earlier`.
fn outcome_of(c: &CheckIn, earlier: &[Point], support: &Support) -> Outcome {
    let scoring = c.scoring().cloned().unwrap_or_default();
    let done = Done {
        instrument: c.instrument(),
        answers: c.answers(),
        scoring: &scoring,
        session_id: Some("now"),
        completed_at: chrono::DateTime::UNIX_EPOCH,
        with_counselor: false,
    };
    crate::outcome::build(&done, earlier, 0, support)
}

fn drive_with(checkin: &mut CheckIn, input: &str, earlier: &[Point]) -> Run {
    let support = support();
    let results = |c: &CheckIn| Ok(outcome_of(c, earlier, &support));
    let options = PlainOptions {
        resume_command: strings::resume_command(&checkin.instrument().id),
        support: &support,
        results: &results,
    };
    let mut out = Vec::new();
    let mut effects = Vec::new();
    let mut apply = |e: &Effect| {
        effects.push(e.clone());
        Ok(())
    };
    let result = run_plain(
        Cursor::new(input.as_bytes()),
        &mut out,
        checkin,
        &mut apply,
        &options,
    );
    let out = String::from_utf8(out).unwrap();
    assert!(
        !out.contains('\x1b'),
        "escape code in plain output: {out:?}"
    );
    Run {
        result,
        out,
        effects,
    }
}

fn drive(checkin: &mut CheckIn, input: &str) -> Run {
    drive_with(checkin, input, &[])
}

fn fresh() -> CheckIn {
    CheckIn::new(instrument(), Answers::new())
}

fn num(n: i64) -> AnswerValue {
    AnswerValue::Number(n)
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

fn save(id: &str, value: AnswerValue) -> Effect {
    Effect::SaveAnswer {
        item_id: id.into(),
        value,
    }
}

fn clear(id: &str) -> Effect {
    Effect::ClearAnswer { item_id: id.into() }
}

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

const Q1: &str = "
Question 1 of 4
First statement.
  1) Disagree
  2) Neutral
  3) Agree
";

const Q2: &str = "
Question 2 of 4
On how many days?
";

const Q3: &str = "
Question 3 of 4 (optional)
An optional yes or no.
  1) Yes
  0) No
";

const Q4: &str = "
Question 4 of 4 (optional)
Anything else?
";

const HEADER: &str = "Test check-in
Think about the past week.
Type h at any question to see support contacts.
";

const REVIEW_HINT: &str = "Press Enter to finish and see your results, or type a question number from 1 to 4 to change that answer (b to go back, q to stop).";

#[test]
fn full_check_in_transcript_and_effects() {
    let mut c = fresh();
    let run = drive(&mut c, "3\n4\n1\n  A good week  \n\n");
    let expected = [
        HEADER,
        Q1,
        "Type the number beside your answer (1 to 3) or q to stop.\n> ",
        Q2,
        "Type a whole number from 0 to 7 (days), b to go back or q to stop.\n> ",
        Q3,
        "Type the number beside your answer (0 to 1), press Enter to skip, b to go back or q to stop.\n> ",
        Q4,
        "Type your answer, press Enter to skip, b to go back or q to stop.\n> ",
        "
Your answers
  1) First statement.
     Agree
  2) On how many days?
     4 days
  3) An optional yes or no.
     Yes
  4) Anything else?
     A good week
",
        REVIEW_HINT,
        "\n> ",
        "
Your results: Test check-in
Total: 7 (possible range 1 to 10)

Please note: This is a reflection tool, not a clinical measure; use it to notice change over time.
",
    ]
    .concat();
    assert_eq!(run.out, expected);
    let scoring = c.scoring().unwrap().clone();
    assert_eq!(
        run.result.unwrap(),
        PlainOutcome::Submitted(scoring.clone())
    );
    assert_eq!(
        run.effects,
        vec![
            save("a", num(3)),
            save("days", num(4)),
            save("opt", num(1)),
            save("note", text("A good week")),
            Effect::Complete { scoring },
        ]
    );
}

#[test]
fn options_show_and_take_their_stored_values() {
    // WHO-5 lists 5 (All of the time) first and 0 (At no time) last: the
    // number shown and typed is the value stored. The time frame is shown
    // with every statement.
    let who5: Instrument = Catalog::bundled().get("who-5").unwrap().instrument.clone();
    let mut c = CheckIn::new(who5, Answers::new());
    let run = drive(&mut c, "5\n0\nmost of the time\n3\n4\ny\n");
    assert!(run.out.contains(
        "Question 1 of 5\nOver the last two weeks:\nI have felt cheerful and in good spirits.\n  5) All of the time\n  4) Most of the time\n"
    ), "{}", run.out);
    assert!(run.out.contains("  1) Some of the time\n  0) At no time\n"));
    assert_eq!(run.out.matches("Over the last two weeks:\n").count(), 5);
    assert_eq!(
        run.effects[..5],
        [
            save("w1", num(5)),
            save("w2", num(0)),
            save("w3", num(4)),
            save("w4", num(3)),
            save("w5", num(4)),
        ]
    );
    assert!(matches!(run.effects[5], Effect::Complete { .. }));
    assert!(
        run.out
            .contains("Well-being: 64 (possible range 0 to 100)\n")
    );
}

#[test]
fn invalid_input_gets_a_calm_reprompt() {
    let mut c = fresh();
    let run = drive(&mut c, "0\nagree-ish\n\n-\n2\nx\n9\n-1\n3\nq\n");
    let hint1 = "Type the number beside your answer (1 to 3) or q to stop.";
    let hint2 = "Type a whole number from 0 to 7 (days), b to go back or q to stop.";
    let expected = [
        HEADER,
        Q1,
        hint1,
        "\n> That is not one of the choices. ",
        hint1,
        "\n> That is not one of the choices. ",
        hint1,
        "\n> This question needs an answer. ",
        hint1,
        "\n> That is not one of the choices. ",
        hint1,
        "\n> ",
        Q2,
        hint2,
        "\n> That is not one of the choices. ",
        hint2,
        "\n> That number is outside the range for this question. ",
        hint2,
        "\n> That number is outside the range for this question. ",
        hint2,
        "\n> ",
        Q3,
        "Type the number beside your answer (0 to 1), press Enter to skip, b to go back or q to stop.\n> ",
        "\nYour answers so far are saved. You can carry on any time with: recap check-in test\n",
    ]
    .concat();
    assert_eq!(run.out, expected);
    assert_eq!(run.result.unwrap(), PlainOutcome::Stopped);
    assert_eq!(run.effects, vec![save("a", num(2)), save("days", num(3))]);
    assert_eq!(c.step(), Step::Item(2));
}

#[test]
fn end_of_input_is_like_q_and_keeps_answers() {
    let mut c = fresh();
    let run = drive(&mut c, "2\n5");
    // "5" without a newline is still read as a line.
    assert_eq!(run.effects, vec![save("a", num(2)), save("days", num(5))]);
    assert!(run.out.ends_with(
        "Type the number beside your answer (0 to 1), press Enter to skip, b to go back or q to stop.\n> \n\nYour answers so far are saved. You can carry on any time with: recap check-in test\n"
    ));
    assert_eq!(run.result.unwrap(), PlainOutcome::Stopped);

    let mut c = fresh();
    let run = drive(&mut c, "");
    assert_eq!(run.effects, vec![]);
    assert_eq!(run.result.unwrap(), PlainOutcome::Stopped);
    assert!(run.out.contains("Your answers so far are saved."));
}

#[test]
fn back_and_keep_answer_with_enter() {
    let mut c = fresh();
    let run = drive(&mut c, "b\n2\nb\n\n4\nq\n");
    let expected = [
        HEADER,
        Q1,
        "Type the number beside your answer (1 to 3) or q to stop.\n",
        "> This is the start of the check-in; there is nothing before it. Type the number beside your answer (1 to 3) or q to stop.\n> ",
        Q2,
        "Type a whole number from 0 to 7 (days), b to go back or q to stop.\n> ",
        Q1,
        "Your answer so far: Neutral\n",
        "Type the number beside your answer (1 to 3), press Enter to keep your answer or q to stop.\n> ",
        Q2,
        "Type a whole number from 0 to 7 (days), b to go back or q to stop.\n> ",
        Q3,
        "Type the number beside your answer (0 to 1), press Enter to skip, b to go back or q to stop.\n> ",
        "\nYour answers so far are saved. You can carry on any time with: recap check-in test\n",
    ]
    .concat();
    assert_eq!(run.out, expected);
    // Keeping the answer with Enter writes nothing new.
    assert_eq!(run.effects, vec![save("a", num(2)), save("days", num(4))]);
}

#[test]
fn skip_and_clear_optional_items() {
    let mut c = CheckIn::new(
        instrument(),
        answers(&[("a", num(1)), ("days", num(0)), ("opt", num(1))]),
    );
    // Resumes at the reflection; Enter skips it; then change item 3 and clear it with "-".
    let run = drive(&mut c, "\n3\n-\n\n");
    assert!(
        run.out.starts_with(
            &[
                HEADER,
                "Welcome back. Your earlier answers are kept; carrying on at question 4.\n",
                Q4,
                "Type your answer, press Enter to skip, b to go back or q to stop.\n> ",
            ]
            .concat()
        )
    );
    assert!(run.out.contains(&[
        Q3,
        "Your answer so far: Yes\n",
        "Type the number beside your answer (0 to 1), press Enter to keep your answer, type - to clear it, b to go back or q to stop.\n> ",
    ].concat()));
    assert!(run.out.contains(
        "  3) An optional yes or no.\n     (skipped)\n  4) Anything else?\n     (skipped)\n"
    ));
    let scoring = c.scoring().unwrap().clone();
    assert_eq!(
        run.effects,
        vec![clear("opt"), Effect::Complete { scoring }]
    );
}

#[test]
fn required_answer_cannot_be_cleared() {
    let mut c = CheckIn::new(instrument(), answers(&[("a", num(1)), ("days", num(0))]));
    let run = drive(&mut c, "b\n-\nq\n");
    assert!(run.out.contains(
        "> This question is needed for the score, so its answer cannot be cleared; you can change it instead. Type a whole number"
    ));
    assert_eq!(run.effects, vec![]);
}

#[test]
fn review_edit_returns_to_review_and_submits_with_y() {
    let mut c = CheckIn::new(
        instrument(),
        answers(&[("a", num(1)), ("days", num(0)), ("note", text("hi"))]),
    );
    let run = drive(&mut c, "0\n7\nmaybe\n2\n6\nb\n\ny\n");
    let review = "
Your answers
  1) First statement.
     Disagree
  2) On how many days?
     0 days
  3) An optional yes or no.
     (skipped)
  4) Anything else?
     hi
";
    let review2 = review.replace("0 days", "6 days");
    let expected_start = [
        HEADER,
        strings::WELCOME_BACK_REVIEW,
        "\n",
        review,
        REVIEW_HINT,
        "\n> There is no question 0; the questions are numbered 1 to 4. ",
        REVIEW_HINT,
        "\n> There is no question 7; the questions are numbered 1 to 4. ",
        REVIEW_HINT,
        "\n> That is not a question number. ",
        REVIEW_HINT,
        "\n> ",
        Q2,
        "Your answer so far: 0 days\n",
        "Type a whole number from 0 to 7 (days), press Enter to keep your answer, b to go back or q to stop.\n> ",
        &review2,
        REVIEW_HINT,
        "\n> ",
        Q4,
        "Your answer so far: hi\n",
        "Type your answer, press Enter to keep your answer, type - to clear it, b to go back or q to stop.\n> ",
        &review2,
        REVIEW_HINT,
        "\n> \nYour results: Test check-in\nTotal: 7 (possible range 1 to 10)\n",
    ]
    .concat();
    assert!(run.out.starts_with(&expected_start), "{}", run.out);
    let scoring = c.scoring().unwrap().clone();
    assert_eq!(
        run.effects,
        vec![save("days", num(6)), Effect::Complete { scoring }]
    );
}

#[test]
fn help_lists_support_contacts_and_reprompts() {
    let mut c = fresh();
    let run = drive(&mut c, "h\nq\n");
    assert!(run.out.contains(
        "> If you would like to talk with someone, support is available:\n  Helpline: Call 123\nType the number beside your answer (1 to 3) or q to stop.\n> \n"
    ));
    assert_eq!(run.result.unwrap(), PlainOutcome::Stopped);
}

#[test]
fn safety_messages_and_contacts_come_first_then_results_with_change() {
    let who5: Instrument = Catalog::bundled().get("who-5").unwrap().instrument.clone();
    let prev = Point {
        session_id: "before".into(),
        at: chrono::DateTime::UNIX_EPOCH,
        utc_offset: None,
        with_counselor: false,
        values: vec![Some(60.0)],
    };
    let mut c = CheckIn::new(who5, Answers::new());
    // 1 is "Some of the time": total 5 x 4 = 20.
    let run = drive_with(&mut c, "1\n1\n1\n1\n1\n\n", &[prev]);
    assert!(run.out.ends_with(
        "> 
Your results: WHO-5 Well-Being Index

Your answers suggest the last two weeks have been really hard. You do not have to carry this alone: talking with a doctor, counselor or someone you trust can help, and support lines are open any time.

You answered \"Some of the time\" or \"At no time\" to at least one statement. The WHO-5's 1998 scoring guide suggests following this up, whatever your total score: talking it over with a doctor or counselor can help. It is not a diagnosis, and you do not have to wait for things to get worse to reach out.

If you would like to talk with someone, support is available:
  Helpline: Call 123

Well-being: 20 (possible range 0 to 100)
  28 or below: A range often seen in people going through depression. It is not a diagnosis; talking with a doctor or counselor about how you have been feeling is a good next step.
  Source: Topp et al. 2015, Psychother Psychosom 84:167-176 (28 or less: a range associated with likely depression).
  Since last time: -40 (reliable decline)

Please note: An electronic adaptation of the WHO-5: the instructions are shortened and \"Over the last two weeks\" is shown with every statement. The statements and answers are the original wording. The number beside each answer is its score: higher numbers mean better well-being.
"
    ), "{}", run.out);
}

#[test]
fn apply_error_stops_before_the_next_prompt() {
    let support = support();
    let results = |c: &CheckIn| Ok(outcome_of(c, &[], &support));
    let options = PlainOptions {
        resume_command: "recap check-in test".into(),
        support: &support,
        results: &results,
    };
    let mut c = fresh();
    let mut out = Vec::new();
    let mut calls = 0;
    let mut apply = |_: &Effect| {
        calls += 1;
        Err(Error::Runtime("disk full".into()))
    };
    let result = run_plain(
        Cursor::new("3\n4\n".as_bytes()),
        &mut out,
        &mut c,
        &mut apply,
        &options,
    );
    assert_eq!(calls, 1);
    assert_eq!(result.unwrap_err().to_string(), "disk full");
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("Question 2 of 4"), "{out}");
}

#[test]
fn submitted_check_in_returns_at_once() {
    let mut c = CheckIn::new(instrument(), answers(&[("a", num(1)), ("days", num(0))]));
    c.submit().unwrap();
    let run = drive(&mut c, "");
    assert_eq!(
        run.result.unwrap(),
        PlainOutcome::Submitted(c.scoring().unwrap().clone())
    );
    assert_eq!(run.effects, vec![]);
}

#[test]
fn questionnaire_without_instructions_starts_at_question_one() {
    let mut i = instrument();
    i.instructions = None;
    let mut c = CheckIn::new(i, Answers::new());
    let run = drive(&mut c, "q\n");
    assert!(
        run.out.starts_with(
            &[
                "Test check-in\nType h at any question to see support contacts.\n",
                Q1
            ]
            .concat()
        )
    );
}
