//! The plan by keys: strengths and needs with where they come from, a goal
//! set from a suggestion in the person's own words, steps added, a goal
//! paused, resumed, achieved and let go with its history kept; the privacy
//! key hides it; the picker never shows a goal.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Plan;
use crate::plan::{EventKind, GoalStatus, SourceKind};
use crate::tui::screens::plan::form::Form;
use crate::tui::testing::{Fixture, draw, fixture, keys, noon, press, record_here};

/// An app with a weekly check-in of 23 Nov: Health high, Community low.
pub fn with_weekly() -> Fixture {
    let f = fixture(true, false);
    let values = [4, 4, 3, 2, 2, 2, 2, 2, 2, 2, 1, 0, 1].map(Some);
    record_here(&f, "samhsa-dimensions", &values, noon(23, 11));
    f
}

#[test]
fn the_plan_shows_suggestions_and_sets_a_goal_from_one() {
    let mut f = with_weekly();
    keys(&mut f.app, "g");
    assert!(f.app.screen::<Plan>().is_some());
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("No goals yet"), "{screen}");
    assert!(screen.contains("yours to take or leave"), "{screen}");
    insta::assert_snapshot!("plan_empty_80x24", screen);
    let wide = draw(&f.app, 120, 40);
    assert!(wide.contains("What you may want to work on"), "{wide}");
    assert!(
        wide.contains("Weekly check-in item 12: I spent time with people who respect the path I have chosen. — Not at all"),
        "{wide}"
    );
    insta::assert_snapshot!("plan_empty_120x40", wide);

    // To the first need: item 12, "Not at all true".
    let plan = f.app.screen::<Plan>().unwrap();
    let need = plan
        .rows()
        .iter()
        .position(|r| matches!(r, super::Row::Suggestion(crate::plan::Side::Need, 0)))
        .unwrap();
    for _ in 0..need {
        press(&mut f.app, KeyCode::Down);
    }
    press(&mut f.app, KeyCode::Enter);
    assert!(f.app.screen::<Form>().is_some());
    keys(&mut f.app, "See friends who get it");
    press(&mut f.app, KeyCode::Tab);
    press(&mut f.app, KeyCode::Tab);
    keys(&mut f.app, "Go to the Tuesday group");
    insta::assert_snapshot!("goal_form_80x24", draw(&f.app, 80, 24));
    insta::assert_snapshot!("goal_form_120x40", draw(&f.app, 120, 40));
    press(&mut f.app, KeyCode::Enter);
    assert!(f.app.screen::<Plan>().is_some(), "back on the plan");
    let goals = f.app.ctx.store.goals(f.app.ctx.profile.id).unwrap();
    assert_eq!(goals.len(), 1);
    let g = &goals[0];
    assert_eq!(g.text, "See friends who get it");
    assert_eq!(g.dimension, crate::plan::Dimension::Community);
    assert_eq!(g.steps[0].text, "Go to the Tuesday group");
    let from = g.source.as_ref().unwrap();
    assert_eq!(from.kind, SourceKind::Item);
    assert_eq!(from.item_id.as_deref(), Some("community-respect"));
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Goal set."), "{screen}");
    assert!(screen.contains("[ ] Go to the Tuesday group"), "{screen}");
    insta::assert_snapshot!("plan_goal_80x24", screen);
    insta::assert_snapshot!("plan_goal_120x40", draw(&f.app, 120, 40));
}

#[test]
fn a_goal_needs_words_and_a_dimension() {
    let mut f = with_weekly();
    keys(&mut f.app, "ga");
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("cannot be empty"));
    keys(&mut f.app, "Cook twice a week");
    press(&mut f.app, KeyCode::Enter);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("a goal needs a dimension"), "{screen}");
    press(&mut f.app, KeyCode::Tab);
    keys(&mut f.app, "1");
    press(&mut f.app, KeyCode::Right);
    press(&mut f.app, KeyCode::Enter);
    let goals = f.app.ctx.store.goals(f.app.ctx.profile.id).unwrap();
    assert_eq!(goals[0].dimension, crate::plan::Dimension::Home);
    assert!(goals[0].source.is_none());
    // Esc leaves a form without saving.
    keys(&mut f.app, "a");
    keys(&mut f.app, "Never kept");
    press(&mut f.app, KeyCode::Esc);
    assert!(f.app.screen::<Plan>().is_some());
    assert_eq!(
        f.app.ctx.store.goals(f.app.ctx.profile.id).unwrap().len(),
        1
    );
}

#[test]
fn goals_are_paused_resumed_achieved_and_let_go_never_deleted() {
    let mut f = with_weekly();
    keys(&mut f.app, "ga");
    keys(&mut f.app, "Sleep by eleven");
    press(&mut f.app, KeyCode::Tab);
    keys(&mut f.app, "1");
    press(&mut f.app, KeyCode::Enter);
    // A step for the highlighted goal.
    press(&mut f.app, KeyCode::Enter);
    assert!(f.app.screen::<Form>().is_some());
    keys(&mut f.app, "Phone out of the bedroom");
    press(&mut f.app, KeyCode::Enter);
    let id = f.app.ctx.store.goals(f.app.ctx.profile.id).unwrap()[0]
        .id
        .clone();
    // New words; the words before are kept.
    keys(&mut f.app, "e");
    press(&mut f.app, KeyCode::End);
    keys(&mut f.app, " most nights");
    press(&mut f.app, KeyCode::Enter);
    let g = f.app.ctx.store.goal(&id).unwrap().unwrap();
    assert_eq!(g.text, "Sleep by eleven most nights");
    let edited = f.app.ctx.store.goal_history(&id).unwrap();
    assert_eq!(
        edited.last().unwrap().before.as_deref(),
        Some("Sleep by eleven")
    );
    let status = |f: &Fixture| f.app.ctx.store.goal(&id).unwrap().unwrap().status;
    keys(&mut f.app, "z");
    assert_eq!(status(&f), GoalStatus::Paused);
    assert!(draw(&f.app, 80, 24).contains("is paused now"));
    keys(&mut f.app, "z");
    assert_eq!(status(&f), GoalStatus::InProgress);
    keys(&mut f.app, "v");
    assert_eq!(status(&f), GoalStatus::Achieved);
    keys(&mut f.app, "l");
    assert_eq!(status(&f), GoalStatus::LetGo);
    let history = f.app.ctx.store.goal_history(&id).unwrap();
    let kinds: Vec<_> = history.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Created,
            EventKind::StepAdded,
            EventKind::Edited,
            EventKind::Status,
            EventKind::Status,
            EventKind::Status,
            EventKind::Status
        ]
    );
    assert_eq!(
        f.app.ctx.store.goals(f.app.ctx.profile.id).unwrap().len(),
        1
    );
}
#[test]
fn the_privacy_key_hides_the_plan_and_the_picker_never_shows_goals() {
    let mut f = with_weekly();
    keys(&mut f.app, "ga");
    keys(&mut f.app, "A private goal");
    press(&mut f.app, KeyCode::Tab);
    keys(&mut f.app, "3");
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("A private goal"));
    keys(&mut f.app, "x");
    let hidden = draw(&f.app, 80, 24);
    assert!(!hidden.contains("A private goal"), "{hidden}");
    assert!(!hidden.contains("Community"), "{hidden}");
    // The form is hidden too (F3 where letters are text).
    keys(&mut f.app, " ");
    keys(&mut f.app, "a");
    keys(&mut f.app, "Secret words");
    press(&mut f.app, KeyCode::F(3));
    assert!(!draw(&f.app, 80, 24).contains("Secret words"));
    press(&mut f.app, KeyCode::Char(' '));
    press(&mut f.app, KeyCode::Esc);
    press(&mut f.app, KeyCode::Esc);
    // Home shows the goal in progress with its next step; the picker never.
    let home = draw(&f.app, 80, 24);
    assert!(home.contains("A private goal"), "{home}");
    keys(&mut f.app, "p");
    let picker = draw(&f.app, 80, 24);
    assert!(!picker.contains("A private goal"), "{picker}");
    assert!(!picker.contains("goal"), "{picker}");
}

#[test]
fn home_and_results_bind_g_to_the_plan_in_the_same_words() {
    use crate::tui::screens::{home, plan, results};
    let g = plan::plan_key(()).shown();
    assert!(home::every_key().contains(&g));
    assert!(results::every_key().contains(&g));
    // Results also has it as a help-only row (under a support message).
    let help_only = crate::tui::screen::Shown { label: "", ..g };
    assert!(results::every_key().contains(&help_only));
}
