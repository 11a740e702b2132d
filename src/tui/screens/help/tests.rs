//! Help and the "too small" notice as they look (over the support
//! contacts, whose own tests are in `support`).
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use crate::tui::testing::{draw, fixture, press};

#[test]
fn help_support_and_too_small() {
    let mut f = fixture(true, false);
    press(&mut f.app, KeyCode::Char('?'));
    let help = draw(&f.app, 80, 24);
    assert!(
        help.contains("Reminders: recap remind install; see the README"),
        "{help}"
    );
    // Ctrl-\ leaves too (the same as Ctrl-C), and help says so.
    assert!(
        help.contains("Ctrl-C       leave at once, also Ctrl-\\"),
        "{help}"
    );
    insta::assert_snapshot!("help_home_80x24", help);
    press(&mut f.app, KeyCode::Esc);
    assert!(f.app.overlay.is_none() && !f.app.quit);
    press(&mut f.app, KeyCode::Char('s'));
    let small = draw(&f.app, 60, 20);
    assert!(small.contains("recap --plain"), "{small}");
    insta::assert_snapshot!("too_small_60x20", small);
}
