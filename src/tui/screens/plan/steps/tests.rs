//! The weekly check-in ends with the review of steps (stored with that
//! check-in), then its results; a support message comes first, with the
//! review one key away on the plan.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Steps;
use crate::plan::StepState;
use crate::tui::screens::plan::Plan;
use crate::tui::screens::results::Results;
use crate::tui::testing::{Fixture, add_goal, draw, finish_weekly, fixture, keys, press};

fn with_goal(f: &Fixture) -> String {
    add_goal(f, "Walk in the park", &["Find my shoes", "Walk on Monday"])
}

/// How many step reviews are stored with this check-in.
fn reviews_of(f: &Fixture, session: &str) -> usize {
    f.app.ctx.store.session_step_reviews(session).unwrap().len()
}

#[test]
fn a_weekly_check_in_ends_with_the_review_of_steps() {
    let mut f = fixture(true, false);
    let goal = with_goal(&f);
    // The weekly check-in: every item, then past the text item, then submit.
    finish_weekly(&mut f, "4444444444444");
    assert!(
        f.app.screen::<Steps>().is_some(),
        "{}",
        draw(&f.app, 80, 24)
    );
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Goal: Walk in the park"), "{screen}");
    assert!(screen.contains("Step 1 of 2: Find my shoes"), "{screen}");
    insta::assert_snapshot!("steps_review_80x24", screen);
    insta::assert_snapshot!("steps_review_120x40", draw(&f.app, 120, 40));
    let session = f.app.screen::<Steps>().unwrap().session_id.clone().unwrap();
    keys(&mut f.app, "1");
    // Stored at once, with the check-in.
    let stored = f.app.ctx.store.session_step_reviews(&session).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].state, StepState::Done);
    keys(&mut f.app, "3");
    // Then the results of the check-in.
    assert!(f.app.screen::<Results>().is_some());
    let g = f.app.ctx.store.goal(&goal).unwrap().unwrap();
    let states: Vec<_> = g.steps.iter().map(|s| s.state).collect();
    assert_eq!(states, [StepState::Done, StepState::NotThisWeek]);
    assert_eq!(reviews_of(&f, &session), 2);
    // Home shows the goal with its next step.
    press(&mut f.app, KeyCode::Esc);
    let home = draw(&f.app, 80, 24);
    assert!(
        home.contains("• Walk in the park · next: Walk on Monday"),
        "{home}"
    );
}

#[test]
fn skipping_keeps_a_step_and_enter_finishes() {
    let mut f = fixture(false, false);
    let goal = with_goal(&f);
    finish_weekly(&mut f, "4444444444444");
    press(&mut f.app, KeyCode::Tab);
    assert!(draw(&f.app, 80, 24).contains("Step 2 of 2"));
    press(&mut f.app, KeyCode::Left);
    assert!(draw(&f.app, 80, 24).contains("Step 1 of 2"));
    press(&mut f.app, KeyCode::Enter);
    assert!(f.app.screen::<Results>().is_some());

    let g = f.app.ctx.store.goal(&goal).unwrap().unwrap();
    assert!(g.steps.iter().all(|s| s.state == StepState::Open));
}

#[test]
fn a_support_message_comes_before_the_review() {
    let mut f = fixture(true, false);
    with_goal(&f);
    // "Not at all true" about a safe place to live: a support message.
    finish_weekly(&mut f, "0000000000000");
    let results = f.app.screen::<Results>().expect("results first");
    assert!(!results.outcome.safety.is_empty());
    // The plan is one key away, and its review is stored with the check-in.
    let session = results.session_id.clone();
    keys(&mut f.app, "g");
    assert_eq!(
        f.app.screen::<Plan>().unwrap().session_id.as_deref(),
        Some(session.as_str())
    );
    keys(&mut f.app, "r2");
    assert_eq!(reviews_of(&f, &session), 1);
}

#[test]
fn other_questionnaires_have_no_review() {
    let mut f = fixture(true, false);
    with_goal(&f);
    // BARC-10 (every 30 days) goes straight to its results.
    keys(&mut f.app, "j\r\r6545654565\r");
    assert!(
        f.app.screen::<Results>().is_some(),
        "{}",
        draw(&f.app, 80, 24)
    );
}

#[test]
fn esc_from_the_review_goes_on_to_the_results() {
    let mut f = fixture(true, false);
    with_goal(&f);
    finish_weekly(&mut f, "4444444444444");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Esc results"), "{screen}");
    press(&mut f.app, KeyCode::Esc);
    assert!(f.app.screen::<Results>().is_some());
    // From the plan, Esc is back to the plan.
    keys(&mut f.app, "gr");
    assert!(f.app.screen::<Steps>().is_some());
    assert!(draw(&f.app, 80, 24).contains("Esc back"));
    press(&mut f.app, KeyCode::Esc);
    assert!(f.app.screen::<Plan>().is_some());
}
