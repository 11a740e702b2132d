//! The check-in by keys: instructions, each kind of question, review and
//! results; answers kept through a locked file; typed words written while
//! typing; pastes; resuming where the person left off; "alone or with a
//! counselor?" only where it is plausible.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use crossterm::event::KeyCode;

use super::CheckIn;
use crate::checkin::Step;
use crate::instrument::{AnswerValue, Catalog};
use crate::store::error::Temporary;
use crate::tui::app::App;
use crate::tui::dialogs::counselor::Counselor;
use crate::tui::screens::results::Results;
use crate::tui::screens::review::Review;
use crate::tui::testing::{block_writes, draw, fixture, keys, now, press};

fn step(app: &App) -> Step {
    app.screen::<CheckIn>()
        .map(|c| c.run.machine.step())
        .or(app.screen::<Review>().map(|_| Step::Review))
        .expect("in a check-in")
}

fn stored(app: &App) -> usize {
    let c = app.screen::<CheckIn>().expect("in a check-in");
    app.ctx.store.answers(&c.run.session_id).unwrap().len()
}

#[test]
fn barc_intro_question_review_and_results() {
    // This person did a WHO-5 with a counselor: the question is asked.
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r");
    assert!(f.app.dialog::<Counselor>().is_some());
    insta::assert_snapshot!("counselor_question_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "\r");
    insta::assert_snapshot!("barc_intro_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "\r");
    insta::assert_snapshot!("barc_item1_80x24", draw(&f.app, 80, 24));
    insta::assert_snapshot!("barc_item1_120x40", draw(&f.app, 120, 40));
    keys(&mut f.app, "6545654565");
    // The review and the results have their own tests (`review`, `results`).
    assert!(f.app.screen::<Review>().is_some());
    keys(&mut f.app, "\r");
    assert!(f.app.screen::<Results>().is_some());
}

#[test]
fn samhsa_text_item_says_optional_once() {
    let mut f = fixture(true, false);
    // 4 is "Completely true", the number shown beside it.
    keys(&mut f.app, "\r\r4444444444444");
    let screen = draw(&f.app, 80, 24);
    assert_eq!(screen.matches("optional").count(), 1, "{screen}");
    insta::assert_snapshot!("samhsa_text_item_80x24", screen);
}

#[test]
fn typed_words_are_written_after_a_pause_and_on_leaving() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "\r\r4444444444444");
    keys(&mut f.app, "A good week");
    assert_eq!(stored(&f.app), 13, "not at once");
    std::thread::sleep(crate::tui::draft::PAUSE + Duration::from_millis(50));
    f.app.tick().unwrap();
    assert_eq!(stored(&f.app), 14, "after a pause");
    assert!(draw(&f.app, 80, 24).contains("saved as you type"));
    // More words, then Esc at once: written before home shows.
    keys(&mut f.app, ", mostly.");
    let session = f.app.screen::<CheckIn>().unwrap().run.session_id.clone();
    press(&mut f.app, KeyCode::Esc);
    assert_eq!(f.app.depth(), 1);
    let answers = f.app.ctx.store.answers(&session).unwrap();
    assert_eq!(
        answers.get("reflection"),
        Some(&AnswerValue::Text("A good week, mostly.".into()))
    );
}

#[test]
fn a_new_line_writes_the_words_at_once() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "\r\r4444444444444");
    keys(&mut f.app, "first line");
    press(&mut f.app, KeyCode::Enter);
    f.app.tick().unwrap();
    assert_eq!(stored(&f.app), 14);
}

#[test]
fn pastes_go_into_text_and_never_choose_an_answer() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "j\r\r");
    f.app.paste("5").unwrap();
    assert_eq!(step(&f.app), Step::Item(0), "a paste chose nothing");
    assert_eq!(stored(&f.app), 0);
    assert!(draw(&f.app, 80, 24).contains("Pasted text does not choose an answer"));
    // Into a free-text answer: whole, with its lines.
    let mut f = fixture(true, false);
    keys(&mut f.app, "\r\r4444444444444");
    let long = "word ".repeat(1000) + "\r\nend";
    f.app.paste(&long).unwrap();
    f.app.tick().unwrap();
    let c = f.app.screen::<CheckIn>().unwrap();
    let answers = f.app.ctx.store.answers(&c.run.session_id).unwrap();
    let Some(AnswerValue::Text(t)) = answers.get("reflection") else {
        panic!("not stored")
    };
    assert_eq!(t.len(), long.trim().len() - 1, "{}", t.len());
    assert!(t.ends_with("\nend"));
}

#[test]
fn resuming_lands_on_the_first_question_not_answered() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "j\r\r123\x1b");
    assert_eq!(f.app.depth(), 1);
    let profile = f.app.ctx.profile.clone();
    f.app.open_profile(profile).unwrap();
    assert!(draw(&f.app, 80, 24).contains("3 of 10 answered"));
    keys(&mut f.app, "\r");
    assert_eq!(step(&f.app), Step::Item(3));
    assert!(draw(&f.app, 80, 24).contains("Question 4 of 10"));
}

#[test]
fn the_counselor_question_only_where_it_is_plausible() {
    // One person, never with a counselor: straight to the check-in.
    let mut f = fixture(true, false);
    keys(&mut f.app, "j\r");
    assert!(f.app.dialog::<Counselor>().is_none() && f.app.in_check_in());
    // Two people: asked.
    let mut f = fixture(true, false);
    f.app.ctx.store.add_profile("Sam", now()).unwrap();
    keys(&mut f.app, "j\r");
    assert!(f.app.dialog::<Counselor>().is_some());
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("a alone") && screen.contains("Enter confirm"),
        "{screen}"
    );
    // Turned off in config.toml: never.
    let mut f = fixture(true, true);
    f.app.ctx.ask_counselor = false;
    keys(&mut f.app, "j\r");
    assert!(f.app.dialog::<Counselor>().is_none() && f.app.in_check_in());
}

#[test]
fn a_locked_file_keeps_the_answer_on_its_question_until_retry_writes_it() {
    let mut f = fixture(false, false);
    keys(&mut f.app, "j\r\r3");
    assert_eq!(step(&f.app), Step::Item(1));
    assert_eq!(stored(&f.app), 1);

    let lock = block_writes(&f);
    keys(&mut f.app, "4");
    assert_eq!(f.app.unsaved(), Some(Temporary::Busy));
    assert_eq!(step(&f.app), Step::Item(1), "the check-in did not move on");
    assert_eq!(stored(&f.app), 1);
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("Not saved yet") && screen.contains("r try again"),
        "{screen}"
    );

    // Nothing new while an answer waits; retrying under the lock keeps it.
    keys(&mut f.app, "1nr");
    assert_eq!(f.app.unsaved(), Some(Temporary::Busy));
    assert_eq!(step(&f.app), Step::Item(1));

    lock.execute_batch("COMMIT").unwrap();
    keys(&mut f.app, "r");
    assert_eq!(f.app.unsaved(), None);
    assert_eq!(step(&f.app), Step::Item(2));
    assert_eq!(stored(&f.app), 2);
    assert!(!f.app.quit);
}

/// Fills the page that holds this session's answers to the brim, from a
/// second connection that may not grow the file either: rows of a made-up
/// session (numbered right after this one), smaller and smaller, until not
/// even the smallest fits. The next answer then needs a new page.
fn fill_the_answers_page(f: &crate::tui::testing::Fixture, session_id: &str) {
    let conn = rusqlite::Connection::open(f.dir.path().join("recap.db")).unwrap();
    let free: i64 = conn
        .query_row("PRAGMA freelist_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(free, 0, "no free pages to grow into");
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "max_page_count", pages).unwrap();
    // The made-up session has no row of its own.
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    // Answers are kept by the check-in's number: the made-up one is the
    // next number, which no check-in has yet.
    let filler: i64 = conn
        .query_row(
            "SELECT seq + 1 FROM sessions WHERE id = ?1",
            [session_id],
            |r| r.get(0),
        )
        .unwrap();
    let mut n = 0;
    for size in (0..=400).rev().step_by(8) {
        loop {
            n += 1;
            let put = conn.execute(
                "INSERT INTO answers (session_seq, item_id, value_text, answered_at)
                 VALUES (?1, ?2, ?3, '')",
                rusqlite::params![filler, n.to_string(), "x".repeat(size)],
            );
            match put {
                Ok(_) => {}
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => break,
                Err(e) => panic!("{e}"),
            }
        }
    }
}

#[test]
fn an_answer_on_a_full_disk_stays_on_screen_and_r_saves_it() {
    let mut f = fixture(false, false);
    keys(&mut f.app, "j\r\r3");
    assert_eq!(step(&f.app), Step::Item(1));
    assert_eq!(stored(&f.app), 1);
    let session_id = f.app.screen::<CheckIn>().unwrap().run.session_id.clone();

    fill_the_answers_page(&f, &session_id);
    f.app.ctx.store.limit_growth(Some(0)).unwrap();
    keys(&mut f.app, "4");
    assert_eq!(f.app.unsaved(), Some(Temporary::DiskFull));
    assert_eq!(step(&f.app), Step::Item(1), "the check-in did not move on");
    assert_eq!(stored(&f.app), 1, "nothing was stored");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("the disk is full")
            && screen.contains("Not saved yet")
            && screen.contains("r try again"),
        "{screen}"
    );
    assert!(!f.app.quit);

    // Still full: r keeps the answer and the screen.
    keys(&mut f.app, "r");
    assert_eq!(f.app.unsaved(), Some(Temporary::DiskFull));
    assert_eq!(step(&f.app), Step::Item(1));

    // Room again: r saves the kept answer (4) and moves on.
    f.app.ctx.store.limit_growth(None).unwrap();
    keys(&mut f.app, "r");
    assert_eq!(f.app.unsaved(), None);
    assert_eq!(step(&f.app), Step::Item(2));
    assert_eq!(stored(&f.app), 2);
    let answers = f.app.ctx.store.answers(&session_id).unwrap();
    let kept = answers
        .values()
        .filter(|v| **v == AnswerValue::Number(4))
        .count();
    assert_eq!(kept, 1, "{answers:?}");
}

#[test]
fn q_leaves_at_once_unless_an_answer_is_not_saved() {
    let mut f = fixture(false, false);
    keys(&mut f.app, "j\r\r3q");
    assert!(f.app.quit, "everything saved: no question");
    assert_eq!(
        f.app.farewell.as_deref(),
        Some(crate::strings::ANSWERS_SAVED_FAREWELL)
    );

    let mut f = fixture(false, false);
    keys(&mut f.app, "j\r\r");
    let lock = block_writes(&f);
    keys(&mut f.app, "1q");
    assert!(!f.app.quit);
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("Leave recap?") && screen.contains("y leave"),
        "{screen}"
    );
    keys(&mut f.app, "y");
    assert!(f.app.quit);
    assert_eq!(
        f.app.farewell.as_deref(),
        Some(crate::strings::LAST_ANSWER_NOT_SAVED_FAREWELL)
    );
    drop(lock);
}

#[test]
fn privacy_key_blanks_everything_and_any_key_brings_it_back() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r\r\r4");
    let before = draw(&f.app, 80, 24);
    press(&mut f.app, KeyCode::Char('x'));
    let hidden = draw(&f.app, 80, 24);
    insta::assert_snapshot!("privacy_80x24", hidden);
    for word in ["BARC", "Me", "Question", "recap", "agree"] {
        assert!(
            !hidden.contains(word),
            "{word} visible on the privacy screen"
        );
    }
    press(&mut f.app, KeyCode::Char('5'));
    assert_eq!(
        draw(&f.app, 80, 24),
        before,
        "the key that unhides is not taken as an answer"
    );
}

/// An app whose catalog also holds the documented example questionnaire
/// (yes/no and number items), from a user folder.
fn with_example(color: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let qdir = dir.path().join("questionnaires");
    std::fs::create_dir_all(&qdir).unwrap();
    std::fs::copy(
        "tests/fixtures/valid/example-full.toml",
        qdir.join("example-full.toml"),
    )
    .unwrap();
    let store = crate::store::Store::open(&dir.path().join("recap.db")).unwrap();
    let profile = store.default_profile(now()).unwrap();
    let catalog = Catalog::load(Some(&qdir));
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let app = crate::tui::testing::app_on(store, catalog, profile, color);
    (dir, app)
}

#[test]
fn yes_no_and_number_items() {
    let (_dir, mut app) = with_example(true);
    // The example is the fourth questionnaire: open it, begin.
    keys(&mut app, "jjj\r\r");
    // The numbers shown are the values: 2 is "Neither agree nor disagree".
    keys(&mut app, "2020");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("( ) 1  Yes") && screen.contains("( ) 0  No"),
        "{screen}"
    );
    insta::assert_snapshot!("yes_no_item_80x24", screen);
    keys(&mut app, "1");
    keys(&mut app, "12");
    insta::assert_snapshot!("number_item_80x24", draw(&app, 80, 24));
    // The yes/no answer is in the file; nothing for the number yet.
    let saved = |app: &App| {
        let c = app.screen::<CheckIn>().expect("in the check-in");
        app.ctx.store.answers(&c.run.session_id).unwrap()
    };
    assert_eq!(saved(&app).get("meeting"), Some(&AnswerValue::Number(1)));
    assert_eq!(saved(&app).get("active-days"), None);
    let before = draw(&app, 80, 24);
    // Out of range: a calm hint replaces the how-to line, nothing saved,
    // still on the question.
    press(&mut app, KeyCode::Enter);
    let screen = draw(&app, 80, 24);
    assert_ne!(screen, before, "Enter on 12 shows a hint");
    let hint: Vec<&str> = screen
        .lines()
        .zip(before.lines())
        .filter(|(now, was)| now != was)
        .map(|(now, _)| now.trim())
        .collect();
    let hint = hint.join(" ");
    assert!(
        hint.contains("Please give a whole number from") && hint.contains("0 to 7"),
        "the hint is the only new text:\n{screen}"
    );
    assert!(screen.contains("Question 6 of 7"), "{screen}");
    assert_eq!(saved(&app).get("active-days"), None);
    // Corrected: 4 is saved at once and the next question follows.
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "4\r");
    assert_eq!(
        saved(&app).get("active-days"),
        Some(&AnswerValue::Number(4))
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Question 7 of 7"), "{screen}");
    assert!(
        !screen.contains("Please give"),
        "the hint is gone:\n{screen}"
    );
}

#[test]
fn no_color_uses_no_colour_at_all() {
    let mut f = fixture(false, true);
    for step in ["", "j\r", "\r", "\r", "5"] {
        keys(&mut f.app, step);
        crate::tui::testing::assert_no_colour(
            &crate::tui::testing::buffer(&f.app, 80, 24),
            "home, check-in and results",
        );
    }
}

#[test]
fn colours_mark_the_highlighted_answer() {
    use ratatui::style::{Color, Modifier};
    let mut f = fixture(true, false);
    keys(&mut f.app, "jj\r\r");
    let buf = crate::tui::testing::buffer(&f.app, 80, 24);
    let y = crate::tui::testing::row_of(&buf, "› ( ) 5").unwrap();
    for x in 2..20 {
        assert_eq!(
            (buf[(x, y)].fg, buf[(x, y)].bg),
            (Color::Black, Color::Cyan)
        );
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    }
    // The support message's colour: `results::tests`.
}

#[test]
fn a_questionnaire_done_today_asks_before_another() {
    let mut f = fixture(false, false);
    // A BARC-10 today, then home.
    keys(&mut f.app, "j\r\r6545654565\r\x1b");
    assert_eq!(f.app.depth(), 1);
    // Again (the top row first, then BARC-10): asked first; "not now" stays
    // home with nothing started.
    keys(&mut f.app, "kkj\r");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("BARC-10 was already completed today")
            && screen.contains("start another")
            && screen.contains("not now"),
        "{screen}"
    );
    keys(&mut f.app, "n");
    assert!(!f.app.in_check_in());
    let profile = f.app.ctx.profile.id;
    assert!(
        f.app
            .ctx
            .store
            .unfinished_sessions(profile)
            .unwrap()
            .is_empty()
    );
    // "start another": a new check-in begins.
    keys(&mut f.app, "kkj\ry");
    assert!(f.app.in_check_in());
    assert_eq!(
        f.app.ctx.store.unfinished_sessions(profile).unwrap().len(),
        1
    );
    // Another questionnaire, not done today: not asked.
    let mut f = fixture(false, false);
    keys(&mut f.app, "jj\r");
    assert!(f.app.in_check_in());
}
