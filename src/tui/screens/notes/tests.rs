//! Notes by keys: written while typing, listed with what they are about,
//! changed, deleted after asking; Esc goes back one level; a full disk
//! keeps the words in the editor.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Notes;
use crate::tui::testing::{draw, fixture, keys, press, stored_notes};

#[test]
fn notes_write_list_edit_and_delete() {
    let mut f = fixture(true, true);
    press(&mut f.app, KeyCode::Char('n'));
    insta::assert_snapshot!("notes_empty_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "a");
    keys(&mut f.app, "Talked about sleep.");
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, "Next: walk daily.");
    insta::assert_snapshot!("note_editor_80x24", draw(&f.app, 80, 24));
    // Esc stops writing; the note is saved.
    press(&mut f.app, KeyCode::Esc);
    let notes = stored_notes(&f.app);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "Talked about sleep.\nNext: walk daily.");
    insta::assert_snapshot!("notes_list_80x24", draw(&f.app, 80, 24));
    // Changing it: saved too.
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, " More.");
    press(&mut f.app, KeyCode::Tab);
    assert_eq!(
        stored_notes(&f.app)[0].body,
        "Talked about sleep.\nNext: walk daily. More."
    );
    // Delete asks first, in a dialog with its own keys.
    keys(&mut f.app, "d");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Delete this note?"), "{screen}");
    assert!(
        screen.contains("y delete") && screen.contains("n keep"),
        "{screen}"
    );
    keys(&mut f.app, "n");
    assert_eq!(stored_notes(&f.app).len(), 1);
    keys(&mut f.app, "dy");
    assert!(stored_notes(&f.app).is_empty());
    assert!(draw(&f.app, 80, 24).contains("The note is deleted."));
}

#[test]
fn esc_from_notes_goes_back_home_and_never_quits() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "n");
    assert!(f.app.screen::<Notes>().is_some());
    press(&mut f.app, KeyCode::Esc);
    assert!(!f.app.quit);
    assert!(draw(&f.app, 80, 24).contains("Choose a check-in"));
    // Esc on home does nothing at all.
    press(&mut f.app, KeyCode::Esc);
    assert!(!f.app.quit);
    assert_eq!(f.app.depth(), 1);
}

#[test]
fn a_note_about_a_check_in_says_which() {
    let mut f = fixture(true, true);
    // BARC-10 trends, the newest check-in's answers, a note about it.
    keys(&mut f.app, "jt\rn");
    keys(&mut f.app, "Good talk.");
    press(&mut f.app, KeyCode::Esc);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("about BARC-10 of 17 Nov 2026"), "{screen}");
    // Back one level at a time: the check-in's answers, then the chart.
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("BARC-10 on 17 Nov 2026"));
}

#[test]
fn typed_notes_are_stored_while_typing() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "na");
    keys(&mut f.app, "half a thought");
    assert!(stored_notes(&f.app).is_empty());
    std::thread::sleep(crate::tui::draft::PAUSE + std::time::Duration::from_millis(50));
    f.app.tick().unwrap();
    let notes = stored_notes(&f.app);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "half a thought");
    // Rubbing it all out and leaving keeps no empty note.
    for _ in 0.."half a thought".len() {
        press(&mut f.app, KeyCode::Backspace);
    }
    press(&mut f.app, KeyCode::Esc);
    assert!(stored_notes(&f.app).is_empty());
    assert!(draw(&f.app, 80, 24).contains("An empty note is not kept."));
}

#[test]
fn a_note_on_a_full_disk_stays_in_its_editor_with_a_message_and_saves_later() {
    let mut f = fixture(false, false);
    keys(&mut f.app, "na");
    let body = "words worth keeping ".repeat(2000);
    f.app.screen_mut::<Notes>().unwrap().type_words(&body);
    f.app.ctx.store.limit_growth(Some(0)).unwrap();
    press(&mut f.app, KeyCode::Esc);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("the disk is full"), "{screen}");
    let notes = f.app.screen::<Notes>().expect("still on notes");
    let kept = crate::tui::widgets::editor::text_of(&notes.editor.as_ref().unwrap().area);
    assert_eq!(kept, body, "the words are still in the editor");
    assert!(stored_notes(&f.app).is_empty());

    press(&mut f.app, KeyCode::Enter); // closes the message
    f.app.ctx.store.limit_growth(None).unwrap();
    press(&mut f.app, KeyCode::Esc);
    assert_eq!(stored_notes(&f.app).len(), 1);
    assert!(!f.app.quit);
}

#[test]
fn counselor_notes_carry_the_author_start_private_and_v_shares_them() {
    let mut f = fixture(true, false);
    f.app.ctx.note_author = Some("Dana Reyes".into());
    f.app.ctx.notes_default = crate::store::Visibility::Private;
    keys(&mut f.app, "naSlept better.");
    press(&mut f.app, KeyCode::Esc);
    let note = stored_notes(&f.app).remove(0);
    assert_eq!(note.author.as_deref(), Some("Dana Reyes"));
    assert_eq!(note.visibility, crate::store::Visibility::Private);
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("notes_private_80x24", screen);
    assert!(screen.contains("private · Dana Reyes"), "{screen}");
    assert!(screen.contains("v share"), "{screen}");
    keys(&mut f.app, "v");
    let note = stored_notes(&f.app).remove(0);
    assert_eq!(note.visibility, crate::store::Visibility::Shared);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("shared · Dana Reyes"), "{screen}");
    assert!(screen.contains("Shared: it goes into reports"), "{screen}");
    keys(&mut f.app, "v");
    assert_eq!(
        stored_notes(&f.app)[0].visibility,
        crate::store::Visibility::Private
    );
    // The trail: two visibility changes, by the counselor.
    let history = f.app.ctx.store.note_history(&note.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(
        history
            .iter()
            .all(|r| r.changed_by.as_deref() == Some("Dana Reyes"))
    );
    // An edit is recorded with its author too.
    keys(&mut f.app, "\r more\t");
    let history = f.app.ctx.store.note_history(&note.id).unwrap();
    assert_eq!(history.len(), 3);
}
