//! The app under temporary failures, without a terminal: an answer that
//! cannot be written stays on its question until r writes it; a note that
//! cannot be written stays in its editor.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use chrono::{TimeZone, Utc};

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::theme::Theme;
use crate::checkin::Step;
use crate::config::Support;
use crate::instrument::{AnswerValue, Catalog};
use crate::store::Store;
use crate::store::error::Temporary;

fn app(dir: &std::path::Path) -> App {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
    let store = Store::open(&dir.join("recap.db")).unwrap();
    store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let profile = store.default_profile(now).unwrap();
    App::new(
        store,
        Catalog::load(None),
        Support::default(),
        profile,
        Theme::new(false),
        crate::timefmt::Zone::Utc,
        now,
    )
    .unwrap()
}

fn step(app: &App) -> Step {
    match &app.screen {
        Screen::CheckIn(state) => state.machine.step(),
        _ => panic!("not in a check-in"),
    }
}

fn answer_of(app: &App, item: usize) -> Option<AnswerValue> {
    let Screen::CheckIn(state) = &app.screen else {
        panic!("not in a check-in")
    };
    let id = &state.machine.instrument().items[item].id;
    state.machine.answers().get(id).cloned()
}

/// Another connection's write transaction: the lock a long import holds.
fn hold_lock(dir: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join("recap.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

fn stored_answers(app: &App) -> usize {
    let Screen::CheckIn(state) = &app.screen else {
        panic!("not in a check-in")
    };
    app.store.answers(&state.session_id).unwrap().len()
}

#[test]
fn a_locked_file_keeps_the_answer_on_its_question_until_retry_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.start_check_in("barc-10", false).unwrap();
    if step(&app) == Step::Intro {
        app.update(Action::Begin).unwrap();
    }
    app.update(Action::Choose(3)).unwrap();
    assert_eq!(step(&app), Step::Item(1));
    assert_eq!(stored_answers(&app), 1);

    let lock = hold_lock(dir.path());
    app.update(Action::Choose(4)).unwrap();
    assert_eq!(app.unsaved_answer(), Some(Temporary::Busy));
    assert_eq!(step(&app), Step::Item(1), "the check-in did not move on");
    assert_eq!(answer_of(&app, 1), None, "not shown as saved");
    assert_eq!(stored_answers(&app), 1);
    assert!(app.overlay.is_none(), "the kept answer has its own message");

    // Nothing new while an answer waits; retrying under the lock keeps it.
    app.update(Action::Choose(1)).unwrap();
    app.update(Action::Skip).unwrap();
    app.update(Action::Retry).unwrap();
    assert_eq!(app.unsaved_answer(), Some(Temporary::Busy));
    assert_eq!(step(&app), Step::Item(1));
    assert_eq!(stored_answers(&app), 1);

    lock.execute_batch("COMMIT").unwrap();
    app.update(Action::Retry).unwrap();
    assert_eq!(app.unsaved_answer(), None);
    assert_eq!(step(&app), Step::Item(2));
    assert_eq!(answer_of(&app, 1), Some(AnswerValue::Number(4)));
    assert_eq!(stored_answers(&app), 2);
    assert!(!app.quit);
}

#[test]
fn leaving_with_an_unsaved_answer_says_the_last_one_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.start_check_in("barc-10", false).unwrap();
    if step(&app) == Step::Intro {
        app.update(Action::Begin).unwrap();
    }
    let lock = hold_lock(dir.path());
    app.update(Action::Choose(1)).unwrap();
    assert!(app.unsaved_answer().is_some());
    app.update(Action::Quit).unwrap();
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    app.update(Action::QuitConfirmed).unwrap();
    assert!(app.quit);
    assert_eq!(
        app.farewell.as_deref(),
        Some(crate::strings::LAST_ANSWER_NOT_SAVED_FAREWELL)
    );
    drop(lock);
}

#[test]
fn a_note_on_a_full_disk_stays_in_its_editor_with_a_message_and_saves_later() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    app.show_notes(None).unwrap();
    app.update(Action::Add).unwrap();
    let body = "words worth keeping ".repeat(2000);
    if let Screen::Notes(n) = &mut app.screen {
        n.editor.as_mut().unwrap().editor.insert_str(&body);
    }
    app.store.limit_growth(Some(0)).unwrap();
    app.update(Action::Save).unwrap();
    match &app.overlay {
        Some(Overlay::Notice { text, .. }) => {
            assert!(text.contains("the disk is full"), "{text}")
        }
        other => panic!("no message: {other:?}"),
    }
    let Screen::Notes(n) = &app.screen else {
        panic!("left the notes")
    };
    let kept = n.editor.as_ref().unwrap().editor.lines().join("\n");
    assert_eq!(kept, body, "the words are still in the editor");
    assert!(app.store.notes(app.profile.id).unwrap().is_empty());

    app.update(Action::CloseOverlay).unwrap();
    app.store.limit_growth(None).unwrap();
    app.update(Action::Save).unwrap();
    assert_eq!(app.store.notes(app.profile.id).unwrap().len(), 1);
    assert!(!app.quit);
}
