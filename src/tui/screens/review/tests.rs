//! The review before submitting: every answer whole (wrapped), one row
//! each, scrolling to a long written answer, and Enter submitting.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Review;
use crate::tui::screens::results::Results;
use crate::tui::testing::{draw, fixture, keys, press};

#[test]
fn barc_review_lists_every_answer_then_submits() {
    // This person did a WHO-5 with a counselor: the question comes first.
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r\r\r6545654565");
    assert!(f.app.screen::<Review>().is_some());
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Submit these answers"), "{screen}");
    insta::assert_snapshot!("barc_review_80x24", screen);
    keys(&mut f.app, "\r");
    assert!(f.app.screen::<Results>().is_some());
}

#[test]
fn a_long_written_answer_is_shown_whole_and_scrolls_into_view() {
    let mut f = fixture(false, false);
    // The weekly check-in: every item, then a long reflection, then Tab.
    keys(&mut f.app, "\r\r4444444444444");
    keys(&mut f.app, &"a long reflection ".repeat(12));
    keys(&mut f.app, "the end");
    press(&mut f.app, KeyCode::Tab);
    assert!(f.app.screen::<Review>().is_some());
    keys(&mut f.app, "k");
    let screen = draw(&f.app, 80, 24);
    // Wrapped over several lines, down to its last words: nothing cut.
    assert!(screen.contains("the end\""), "{screen}");
    assert!(screen.matches("a long reflection").count() >= 6, "{screen}");
}
