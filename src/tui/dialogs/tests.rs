//! Dialogs by keys: a confirmation does nothing on n or Esc; a notice
//! closes on any key; the counselor question starts the check-in either way.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::confirm::Confirm;
use super::counselor::Counselor;
use super::notice::Notice;
use crate::tui::testing::{draw, fixture, keys, press, stored_notes};

#[test]
fn a_confirmation_does_nothing_on_no_or_esc() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "naA note.\x1b");
    for no in [KeyCode::Char('n'), KeyCode::Esc] {
        keys(&mut f.app, "d");
        assert!(f.app.dialog::<Confirm>().is_some());
        press(&mut f.app, no);
        assert!(f.app.dialog::<Confirm>().is_none());
        assert_eq!(stored_notes(&f.app).len(), 1);
    }
    // Other keys leave the question open.
    keys(&mut f.app, "dx");
    assert!(f.app.dialog::<Confirm>().is_some());
}

#[test]
fn a_notice_closes_on_any_key() {
    let mut f = fixture(true, false);
    f.app
        .show_notice("Cannot pause here", crate::strings::CANNOT_SUSPEND);
    assert!(draw(&f.app, 80, 24).contains("Enter close"));
    keys(&mut f.app, "z");
    assert!(f.app.dialog::<Notice>().is_none());
    assert!(!f.app.quit, "the key only closed the notice");
}

#[test]
fn the_counselor_answer_becomes_the_default() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r");
    assert!(f.app.dialog::<Counselor>().is_some());
    keys(&mut f.app, "c");
    assert!(f.app.in_check_in());
    assert!(f.app.ctx.profile.counselor_default);
    // Esc cancels without starting.
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r\x1b");
    assert!(!f.app.in_check_in());
    assert!(
        f.app
            .ctx
            .store
            .unfinished_sessions(f.app.ctx.profile.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_confirmation_can_answer_with_a_way_to_undo() {
    use crate::tui::screen::Nav;
    let mut f = fixture(true, false);
    keys(&mut f.app, "naA note.\x1b");
    let id = stored_notes(&f.app)[0].id.clone();
    let body = stored_notes(&f.app)[0].body.clone();
    // As a "move to the trash" would: do it, then offer to undo it.
    let confirm = Confirm::new(
        "Delete?",
        "Delete it?".into(),
        ("delete", "keep"),
        move |ctx| {
            let profile = ctx.profile.id;
            ctx.store.delete_note(&id)?;
            let notice = Notice::new("Deleted", "The note is deleted.").undo(move |ctx| {
                ctx.store.add_note(profile, None, &body, ctx.now)?;
                Ok(Nav::Close)
            });
            Ok(Nav::Dialog(Box::new(notice)))
        },
    );
    f.app.open_dialog(Box::new(confirm));
    keys(&mut f.app, "y");
    assert!(stored_notes(&f.app).is_empty());
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("u undo") && screen.contains("Enter close"),
        "{screen}"
    );
    keys(&mut f.app, "u");
    assert_eq!(stored_notes(&f.app).len(), 1);
    assert!(f.app.dialog::<Notice>().is_none());
}

#[test]
fn f3_hides_the_screen_under_a_dialog_too() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r");
    assert!(f.app.dialog::<Counselor>().is_some());
    press(&mut f.app, KeyCode::F(3));
    let hidden = draw(&f.app, 80, 24);
    assert!(
        !hidden.contains("counselor") && !hidden.contains("BARC"),
        "{hidden}"
    );
    keys(&mut f.app, "a");
    assert!(
        f.app.dialog::<Counselor>().is_some(),
        "the key only brought the screen back"
    );
}

#[test]
fn support_help_and_hide_work_over_a_dialog_and_leave_it_open() {
    use crate::tui::app::Overlay;
    let mut f = fixture(true, false);
    keys(&mut f.app, "naA note.\x1b");
    for (key, overlay) in [
        (KeyCode::Char('s'), Some(Overlay::Support)),
        (KeyCode::F(2), Some(Overlay::Support)),
        (KeyCode::Char('?'), Some(Overlay::Help)),
        (KeyCode::F(1), Some(Overlay::Help)),
    ] {
        keys(&mut f.app, "d");
        assert!(f.app.dialog::<Confirm>().is_some());
        press(&mut f.app, key);
        assert_eq!(f.app.overlay, overlay, "{key:?}");
        if overlay == Some(Overlay::Support) {
            assert!(draw(&f.app, 80, 24).contains("Support"), "{key:?}");
        }
        // Any key closes the overlay; the question is still there and
        // nothing was deleted.
        keys(&mut f.app, " ");
        assert_eq!(f.app.overlay, None);
        assert!(f.app.dialog::<Confirm>().is_some(), "{key:?}");
        assert_eq!(stored_notes(&f.app).len(), 1);
        press(&mut f.app, KeyCode::Esc);
    }
    // The key bar names them beside the dialog's own answers.
    keys(&mut f.app, "d");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("s support") && screen.contains("y delete"),
        "{screen}"
    );
    // Hide: the screen goes blank, any key brings back the same question.
    keys(&mut f.app, "x");
    assert!(f.app.hidden);
    assert!(!draw(&f.app, 80, 24).contains("delete"));
    keys(&mut f.app, "y");
    assert!(!f.app.hidden);
    assert!(
        f.app.dialog::<Confirm>().is_some(),
        "the key only showed the screen"
    );
    assert_eq!(stored_notes(&f.app).len(), 1);
}

#[test]
fn yes_no_dialogs_word_their_answers_their_own_way() {
    use super::answer_label;
    let answers = ("delete", "keep");
    assert_eq!(answer_label(Some(true), answers, "yes"), "delete");
    assert_eq!(answer_label(Some(false), answers, "no"), "keep");
    assert_eq!(answer_label(None, answers, ""), "");
    // Deleting a note: the confirmation's own words, in its box and its bar.
    let mut f = fixture(true, false);
    keys(&mut f.app, "naA note.\x1bd");
    let screen = draw(&f.app, 80, 24);
    assert_eq!(screen.matches("y delete  n keep").count(), 2, "{screen}");
}
