//! The support contacts over any screen: the built-in ones with a note for
//! people outside the US, or the person's own from config.toml alone.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;

use crate::config::{Contact, Support};
use crate::strings;
use crate::tui::testing::{draw, fixture, keys, press};

#[test]
fn built_in_contacts_say_how_to_set_your_own() {
    let mut f = fixture(true, false);
    press(&mut f.app, KeyCode::Char('s'));
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("support_80x24", screen);
    assert!(screen.contains("Outside the US?"), "{screen}");
    for c in &Support::default().contacts {
        assert!(screen.contains(&c.name), "{screen}");
    }
    assert!(screen.contains("any key close"), "{screen}");
    // Any key closes it; nothing else happens.
    keys(&mut f.app, "q");
    assert!(f.app.overlay.is_none() && !f.app.quit);
}

#[test]
fn own_contacts_replace_the_built_in_ones() {
    let mut f = fixture(false, false);
    f.app.ctx.support = Support {
        contacts: vec![Contact::new("Dana (sponsor)", "555 0100, any time")],
        is_default: false,
    };
    press(&mut f.app, KeyCode::F(2));
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains(strings::SUPPORT_INTRO_OWN), "{screen}");
    assert!(screen.contains("Dana (sponsor)"), "{screen}");
    assert!(screen.contains("555 0100, any time"), "{screen}");
    assert!(screen.contains(strings::SUPPORT_OWN_HINT), "{screen}");
    assert!(!screen.contains("Outside the US?"), "{screen}");
    for c in &Support::default().contacts {
        assert!(!screen.contains(&c.name), "{screen}");
    }
}
