//! The form alone: pasted text stays on one line; a step for a goal.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Form;
use crate::tui::screen::Screen;
use crate::tui::testing::{fixture, key};

#[test]
fn pasted_lines_become_one_line_and_a_step_is_added() {
    let mut f = fixture(false, false);
    let mut form = Form::goal(None, Some(crate::plan::Dimension::Purpose));
    form.paste("Apply for\r\nthree jobs\t", &mut f.app.ctx)
        .unwrap();
    assert_eq!(
        crate::tui::widgets::editor::text_of(&form.text),
        "Apply for three jobs "
    );
    form.update(super::Action::Save, key(KeyCode::Enter), &mut f.app.ctx)
        .unwrap();
    let goal = f.app.ctx.store.goals(f.app.ctx.profile.id).unwrap()[0].clone();
    assert_eq!(goal.text, "Apply for three jobs");
    let mut step = Form::step(goal.id.clone(), goal.text.clone());
    step.type_words("Update my CV");
    step.update(super::Action::Save, key(KeyCode::Enter), &mut f.app.ctx)
        .unwrap();
    let goal = f.app.ctx.store.goal(&goal.id).unwrap().unwrap();
    assert_eq!(goal.steps[0].text, "Update my CV");
}
