//! The picker by keys: people without scores, adding, a clash refused,
//! archiving after asking, opening a person's home.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use crate::tui::testing::{draw, fixture, keys, now, press};

#[test]
fn profile_picker_shows_people_but_no_scores() {
    let mut f = fixture(true, true);
    f.app.ctx.store.add_profile("Alex Rivera", now()).unwrap();
    f.app
        .ctx
        .store
        .add_profile("Sam <Lee> & co", now())
        .unwrap();
    press(&mut f.app, KeyCode::Char('p'));
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("picker_80x24", screen);
    // "Me" has BARC-10 scores of 42 and 48: no number of them on the picker.
    assert!(!screen.contains("48") && !screen.contains("42"));
    // Add a person by typing a name.
    keys(&mut f.app, "a");
    keys(&mut f.app, "Jordan");
    insta::assert_snapshot!("picker_adding_80x24", draw(&f.app, 80, 24));
    press(&mut f.app, KeyCode::Enter);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("› Jordan"), "{screen}");
    // A duplicate name is refused calmly; Esc leaves the name, not the picker.
    keys(&mut f.app, "a");
    keys(&mut f.app, "Jordan");
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("already exists"));
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("Who is checking in?"));
    // Opening a person goes to their home.
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("recap · Jordan"));
    assert_eq!(f.app.depth(), 1);
}

#[test]
fn archiving_asks_first_and_says_how_to_undo_it() {
    let mut f = fixture(true, false);
    f.app.ctx.store.add_profile("Sam", now()).unwrap();
    keys(&mut f.app, "pj");
    keys(&mut f.app, "d");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Archive Sam?"), "{screen}");
    assert!(
        screen.contains("y archive") && screen.contains("n keep"),
        "{screen}"
    );
    keys(&mut f.app, "y");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Sam is archived"), "{screen}");
    assert!(!screen.contains("› Sam"), "{screen}");
    // Esc goes back to the home it came from.
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("recap · Me"));
}

#[test]
fn long_names_are_shortened_in_the_picker() {
    let mut f = fixture(true, false);
    f.app
        .ctx
        .store
        .add_profile("Maximiliana Esperanza Villanueva-Castellanos", now())
        .unwrap();
    keys(&mut f.app, "p");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Maximiliana Esperanza V…"), "{screen}");
    assert!(
        screen.contains("V… never"),
        "the date keeps its column: {screen}"
    );
}
