//! The picker by keys: no one before two characters are typed, people found
//! by name, initials or client id, everyone only on Tab with a reminder,
//! opening after a question naming only that person, the session lock that
//! follows (no key reaches anyone else) until "end session"; adding, a
//! clash refused, archiving after asking, archived people shown and brought
//! back, deleting after typing the name; PgDn and End in the list.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{People, View};
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::screens::caseload::Caseload;
use crate::tui::screens::home::Home;
use crate::tui::testing::{Fixture, app_on, draw, fixture, keys, now, press};

const CLIENTS: [(&str, Option<&str>); 6] = [
    ("Ana Lopez", Some("MRN-0042")),
    ("Ben Okafor", None),
    ("Alba Lind", None),
    ("Chris Moreau", Some("MRN-0107")),
    ("Dana Whitfield", None),
    ("Eli Santos", None),
];

/// A file with six clients, opened on the picker as `recap` does.
fn six() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("recap.db")).unwrap();
    for (name, id) in CLIENTS {
        store.add_profile_with(name, id, now()).unwrap();
    }
    let first = store.profiles(false).unwrap().remove(0);
    let catalog = crate::instrument::Catalog::bundled();
    let mut app = app_on(store, catalog, first, true);
    app.show_profiles().unwrap();
    Fixture { dir, app }
}

fn names_on(screen: &str) -> Vec<&'static str> {
    CLIENTS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| screen.contains(n))
        .collect()
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn the_picker_shows_no_one_until_two_characters_are_typed() {
    let mut f = six();
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("picker_find_80x24", screen);
    assert!(names_on(&screen).is_empty(), "{screen}");
    assert!(!screen.contains("MRN"), "{screen}");
    keys(&mut f.app, "a");
    assert!(names_on(&draw(&f.app, 80, 24)).is_empty());
    keys(&mut f.app, "l");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("picker_found_80x24", screen);
    // "al": Alba Lind by name, Ana Lopez by initials; no one else.
    assert_eq!(names_on(&screen), ["Ana Lopez", "Alba Lind"]);
    // A client id finds its person.
    press(&mut f.app, KeyCode::Esc);
    keys(&mut f.app, "0107");
    assert_eq!(names_on(&draw(&f.app, 80, 24)), ["Chris Moreau"]);
    // No match says so, with the way to add someone.
    press(&mut f.app, KeyCode::Esc);
    keys(&mut f.app, "zz");
    assert!(draw(&f.app, 80, 24).contains("No one matches"));
}

#[test]
fn opening_asks_naming_only_that_person_and_pins_the_session() {
    let mut f = six();
    keys(&mut f.app, "lopez");
    press(&mut f.app, KeyCode::Enter);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Open Ana Lopez?"), "{screen}");
    assert_eq!(names_on(&screen), ["Ana Lopez"], "{screen}");
    // n: nothing opens.
    keys(&mut f.app, "n");
    assert!(f.app.screen::<People>().is_some());
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, "y");
    assert!(f.app.screen::<Home>().is_some());
    assert_eq!(f.app.ctx.profile.name, "Ana Lopez");
    assert!(f.app.ctx.pinned);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("e end session"), "{screen}");
    assert!(!screen.contains("p people"), "{screen}");
    // No key reaches anyone else: the picker, the caseload, another person.
    for key in [
        KeyCode::Char('p'),
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Char('c'),
        KeyCode::Char('/'),
        KeyCode::Char('P'),
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageDown,
        KeyCode::Backspace,
        KeyCode::F(4),
        KeyCode::F(5),
    ] {
        press(&mut f.app, key);
        press(&mut f.app, KeyCode::Esc);
        press(&mut f.app, KeyCode::Esc);
        let screen = draw(&f.app, 80, 24);
        assert_eq!(names_on(&screen), ["Ana Lopez"], "{key:?}: {screen}");
        assert!(f.app.screen::<People>().is_none(), "{key:?}");
        assert!(f.app.screen::<Caseload>().is_none(), "{key:?}");
    }
    f.app.key(ctrl('n')).unwrap();
    assert_eq!(names_on(&draw(&f.app, 80, 24)), ["Ana Lopez"]);
    // Ending the session asks, naming no one; then the picker, empty.
    keys(&mut f.app, "e");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("End this session?"), "{screen}");
    keys(&mut f.app, "n");
    assert!(f.app.screen::<Home>().is_some());
    keys(&mut f.app, "ey");
    let screen = draw(&f.app, 80, 24);
    assert!(f.app.screen::<People>().is_some());
    assert!(!f.app.ctx.pinned);
    assert!(names_on(&screen).is_empty(), "{screen}");
    assert_eq!(f.app.depth(), 1);
}

#[test]
fn the_app_itself_refuses_everyone_else_inside_a_session() {
    let mut f = six();
    let ben = f
        .app
        .ctx
        .store
        .profile_by_name("Ben Okafor")
        .unwrap()
        .unwrap();
    keys(&mut f.app, "lopez\ry");
    // Even a screen that asked for it gets nothing.
    let caseload = Caseload::open(&f.app.ctx).unwrap();
    let picker = People::picker(&f.app.ctx).unwrap();
    let nav = crate::tui::screen::Nav::Push(Box::new(caseload));
    apply(&mut f.app, nav);
    apply(&mut f.app, crate::tui::screen::Nav::Push(Box::new(picker)));
    apply(&mut f.app, crate::tui::screen::Nav::Person(ben));
    assert!(f.app.screen::<Home>().is_some());
    assert_eq!(f.app.ctx.profile.name, "Ana Lopez");
}

/// Routes a `Nav` as if a screen had answered a key with it.
fn apply(app: &mut App, nav: crate::tui::screen::Nav) {
    use crate::tui::dialogs::confirm::Confirm;
    app.open_dialog(Box::new(Confirm::new(
        "test",
        String::new(),
        ("yes", "no"),
        move |_| Ok(nav),
    )));
    keys(app, "y");
}

#[test]
fn everyone_only_on_tab_with_a_reminder_and_pages_work() {
    let mut f = six();
    press(&mut f.app, KeyCode::Tab);
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("picker_list_80x24", screen);
    assert!(screen.contains("others in the room may see"), "{screen}");
    assert_eq!(names_on(&screen).len(), 6);
    let selected = |f: &Fixture| f.app.screen::<People>().unwrap().selected;
    press(&mut f.app, KeyCode::End);
    assert_eq!(selected(&f), 5);
    press(&mut f.app, KeyCode::Home);
    assert_eq!(selected(&f), 0);
    press(&mut f.app, KeyCode::PageDown);
    assert_eq!(selected(&f), 5);
    press(&mut f.app, KeyCode::PageUp);
    assert_eq!(selected(&f), 0);
    // Tab again: back to finding, nothing listed.
    press(&mut f.app, KeyCode::Tab);
    assert_eq!(f.app.screen::<People>().unwrap().view, View::Find);
    assert!(names_on(&draw(&f.app, 80, 24)).is_empty());
}

#[test]
fn a_person_added_from_the_find_box_is_found() {
    let mut f = six();
    keys(&mut f.app, "Jordan Mills");
    f.app.key(ctrl('n')).unwrap();
    press(&mut f.app, KeyCode::Enter);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("› Jordan Mills"), "{screen}");
    assert!(names_on(&screen).is_empty(), "{screen}");
}

#[test]
fn picker_list_in_config_lists_everyone_and_opens_at_once() {
    let mut f = six();
    f.app.ctx.picker = crate::config::Picker::List;
    f.app.show_profiles().unwrap();
    let screen = draw(&f.app, 80, 24);
    assert_eq!(names_on(&screen).len(), 6, "{screen}");
    keys(&mut f.app, "j\r");
    assert_eq!(f.app.ctx.profile.name, "Ana Lopez");
    assert!(f.app.screen::<Home>().is_some());
}

#[test]
fn adding_and_a_clash_in_the_list() {
    let mut f = fixture(true, true);
    f.app.ctx.store.add_profile("Alex Rivera", now()).unwrap();
    f.app
        .ctx
        .store
        .add_profile("Sam <Lee> & co", now())
        .unwrap();
    keys(&mut f.app, "p\t");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("picker_80x24", screen);
    // "Me" has BARC-10 scores of 42 and 48: no number of them on the picker.
    assert!(!screen.contains("48") && !screen.contains("42"));
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
    // Opening a person asks, then goes to their home.
    keys(&mut f.app, "\ry");
    assert!(draw(&f.app, 80, 24).contains("recap · Jordan"));
    assert_eq!(f.app.depth(), 1);
}

#[test]
fn archiving_asks_first_and_archived_people_come_back() {
    let mut f = fixture(true, false);
    f.app.ctx.store.add_profile("Sam", now()).unwrap();
    keys(&mut f.app, "p\tj");
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
    // v shows the archived; u brings Sam back.
    keys(&mut f.app, "v");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("archived") && screen.contains("Sam"),
        "{screen}"
    );
    assert!(screen.contains("v hide archived"), "{screen}");
    keys(&mut f.app, "ju");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Sam is back in the list."), "{screen}");
    let sam = f.app.ctx.store.profile_by_name("Sam").unwrap().unwrap();
    assert!(sam.archived_at.is_none());
    // Esc goes back to the home it came from.
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("recap · Me"));
}

#[test]
fn deleting_needs_the_name_typed() {
    let mut f = fixture(true, true);
    let sam = f.app.ctx.store.add_profile("Sam", now()).unwrap();
    crate::tui::testing::record(
        &f.app.ctx.store,
        &f.app.ctx.catalog,
        sam.id,
        "who-5",
        &[Some(3); 5],
        now(),
        false,
    );
    keys(&mut f.app, "p\tjX");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("delete_person_80x24", screen);
    assert!(screen.contains("1 check-in"), "{screen}");
    // A wrong name deletes nothing.
    keys(&mut f.app, "Sim\r");
    assert!(draw(&f.app, 80, 24).contains("That is not the name"));
    assert!(f.app.ctx.store.profile_by_name("Sam").unwrap().is_some());
    press(&mut f.app, KeyCode::Backspace);
    press(&mut f.app, KeyCode::Backspace);
    keys(&mut f.app, "am\r");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("Sam and everything of theirs is deleted."),
        "{screen}"
    );
    assert!(f.app.ctx.store.profile_by_name("Sam").unwrap().is_none());
    // Deleting the person whose home was open leaves the picker.
    keys(&mut f.app, "X");
    keys(&mut f.app, "Me\r");
    assert!(f.app.ctx.store.profile_by_name("Me").unwrap().is_none());
    assert_eq!(f.app.depth(), 1);
    assert!(f.app.screen::<People>().is_some());
}

#[test]
fn long_names_are_shortened_in_the_picker() {
    let mut f = fixture(true, false);
    f.app
        .ctx
        .store
        .add_profile("Maximiliana Esperanza Villanueva-Castellanos", now())
        .unwrap();
    keys(&mut f.app, "p\t");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Maximiliana Esperanza V…"), "{screen}");
    assert!(
        screen.contains("V… never"),
        "the date keeps its column: {screen}"
    );
}

#[test]
fn esc_on_the_full_list_hides_it_and_goes_back_to_finding() {
    let mut f = six();
    press(&mut f.app, KeyCode::Tab);
    assert_eq!(names_on(&draw(&f.app, 80, 24)).len(), 6);
    press(&mut f.app, KeyCode::Esc);
    let screen = draw(&f.app, 80, 24);
    assert!(names_on(&screen).is_empty(), "{screen}");
    // Letters typed now find; they are not the list's keys (a: add).
    keys(&mut f.app, "ana");
    assert_eq!(
        names_on(&draw(&f.app, 80, 24)),
        ["Ana Lopez", "Dana Whitfield"]
    );
    assert_eq!(f.app.ctx.store.profiles(true).unwrap().len(), 6);
}
