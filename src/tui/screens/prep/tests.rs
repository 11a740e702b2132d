//! The session's preparation by keys: b on a client's home in a session,
//! since the last session (the WHO-5 done together), the check-ins, the
//! changes and answers that moved, the support messages and the last note.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use super::Prep;
use crate::tui::testing::{draw, fixture, keys, noon, press, record};

#[test]
fn prep_shows_what_changed_since_the_last_session() {
    let mut f = fixture(true, true);
    let (store, catalog, id) = (&f.app.ctx.store, &f.app.ctx.catalog, f.app.ctx.profile.id);
    record(
        store,
        catalog,
        id,
        "who-5",
        &[Some(0); 5],
        noon(22, 11),
        false,
    );
    store
        .add_note(id, None, "Talked about sleep.", noon(20, 11))
        .unwrap();
    // Outside a session there is no b.
    keys(&mut f.app, "b");
    assert!(f.app.screen::<Prep>().is_none());
    f.app.pin();
    keys(&mut f.app, "b");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("prep_80x24", screen);
    assert!(
        screen.contains("Since the last session (20 Nov 2026)"),
        "{screen}"
    );
    assert!(screen.contains("22 Nov 2026 WHO-5"), "{screen}");
    assert!(screen.contains("reliable decline"), "{screen}");
    press(&mut f.app, KeyCode::End);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Talked about sleep."), "{screen}");
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("e end session"));
}
