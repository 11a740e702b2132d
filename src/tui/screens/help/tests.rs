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
    // The reminder settings, whole, at 80x24 without scrolling.
    for line in crate::strings::HELP_REMINDERS {
        assert!(help.contains(line), "{line:?} missing:\n{help}");
    }
    for setting in [
        "recap due",
        "recap remind install",
        "18:00 daily",
        "--at \"Sun 18:00\"",
        "status",
        "remove",
        "--skip",
    ] {
        assert!(help.contains(setting), "{setting}:\n{help}");
    }
    assert!(!help.contains("↑↓ more"), "{help}");
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

/// In a client session home has more keys: the help is taller than 80x24,
/// so ↑↓ scroll it to the last reminder line and any other key closes it.
#[test]
fn a_help_taller_than_the_screen_scrolls_and_any_other_key_closes_it() {
    let mut f = fixture(true, false);
    f.app.ctx.pinned = true;
    press(&mut f.app, KeyCode::Char('?'));
    let last = crate::strings::HELP_REMINDERS.last().unwrap();
    let top = draw(&f.app, 80, 24);
    assert!(
        top.contains("↑↓ more") && top.contains("any other key close"),
        "{top}"
    );
    assert!(!top.contains(last), "{top}");
    assert!(f.app.help_max.get() > 0);
    press(&mut f.app, KeyCode::Down);
    press(&mut f.app, KeyCode::PageDown);
    assert!(f.app.overlay.is_some(), "scrolling keeps the help open");
    let end = draw(&f.app, 80, 24);
    assert!(end.contains(last), "{end}");
    assert!(end.contains("b ") && end.contains("e "), "{end}");
    press(&mut f.app, KeyCode::Up);
    assert!(f.app.overlay.is_some());
    press(&mut f.app, KeyCode::Enter);
    assert!(f.app.overlay.is_none() && !f.app.quit);
    // Opened again, it starts at the top.
    press(&mut f.app, KeyCode::Char('?'));
    assert_eq!(f.app.help_scroll, 0);
}
