//! The caseload by keys: reached from the picker's list, every client with
//! what is due, scores with their direction and support messages; `o`
//! sorts by decline; opening a client asks, naming only them.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Caseload;
use crate::caseload::SortBy;
use crate::tui::screens::home::Home;
use crate::tui::testing::{draw, fixture, keys, noon, now, press, record};

#[test]
fn the_caseload_lists_clients_and_sorts_by_decline() {
    let mut f = fixture(true, true);
    let store = &f.app.ctx.store;
    let sam = store
        .add_profile_with("Sam Ortiz", Some("MRN-7"), now())
        .unwrap();
    let catalog = &f.app.ctx.catalog;
    // Sam: WHO-5 together on 10 Nov, then much lower, with a support message.
    record(
        store,
        catalog,
        sam.id,
        "who-5",
        &[Some(4); 5],
        noon(10, 11),
        true,
    );
    record(
        store,
        catalog,
        sam.id,
        "who-5",
        &[Some(0); 5],
        noon(21, 11),
        false,
    );
    keys(&mut f.app, "p\tc");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("caseload_80x24", screen);
    assert!(screen.contains("what is due first"), "{screen}");
    assert!(screen.contains("Sam Ortiz  [MRN-7]"), "{screen}");
    assert!(screen.contains("WHO-5 0 (-80, worse)"), "{screen}");
    assert!(
        screen.contains("support messages since the last session"),
        "{screen}"
    );
    keys(&mut f.app, "o");
    let s = f.app.screen::<Caseload>().unwrap();
    assert_eq!(s.order, SortBy::Decline);
    assert_eq!(s.rows[0].name, "Sam Ortiz");
    assert!(draw(&f.app, 80, 24).contains("declines and support messages first"));
    press(&mut f.app, KeyCode::End);
    press(&mut f.app, KeyCode::Home);
    keys(&mut f.app, "\r");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Open Sam Ortiz?"), "{screen}");
    keys(&mut f.app, "y");
    assert!(f.app.screen::<Home>().is_some());
    assert_eq!(f.app.ctx.profile.name, "Sam Ortiz");
    assert!(f.app.ctx.pinned);
}
