//! The network screen by keys: the map with the list beside it (80x24 and
//! 120x40, colour and NO_COLOR), the list alone when the map would not be
//! legible, adding and changing an entry in place, removing with undo,
//! the walk-through stored like `recap network review`, the counts over
//! time, and the privacy key.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use crossterm::event::KeyCode;

use super::{Mode, Network};
use ratatui::style::{Color, Modifier};

use crate::network::{Change, Contact, Entry, Kind, Support};

use crate::tui::testing::{Fixture, assert_no_colour, buffer, draw, fixture, keys, press, text};

fn entry(name: &str, kind: Kind, support: Support, close: Option<u8>) -> Entry {
    let mut e = Entry::new(name, kind, support).unwrap();
    e.closeness = close;
    e
}

/// A network of five entries stored on 2 Nov, one changed on 20 Nov.
fn with_network(color: bool) -> Fixture {
    let f = fixture(color, false);
    let pid = f.app.ctx.profile.id;
    let store = &f.app.ctx.store;
    let early = Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap();
    let mut peer = entry("Peer group", Kind::Group, Support::Supportive, Some(4));
    peer.belonging = Some(5);
    peer.contact = Some(Contact::Weekly);
    let mut clinic = entry("Clinic", Kind::Place, Support::Supportive, None);
    clinic.available = true;
    clinic.uses = true;
    let mut mum = entry("Mum", Kind::Person, Support::Supportive, Some(5));
    mum.role_model = true;
    for e in [
        mum,
        entry("Sam", Kind::Person, Support::Mixed, Some(3)),
        peer,
        entry("Old crowd", Kind::Group, Support::Unsupportive, Some(2)),
        clinic,
    ] {
        store.network_change(pid, early, &Change::Add(e)).unwrap();
    }
    let later = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
    store
        .network_change(
            pid,
            later,
            &Change::Add(entry("Jo", Kind::Person, Support::Supportive, Some(4))),
        )
        .unwrap();
    f
}

/// Every stored review of this person's network, oldest first.
fn reviews(f: &Fixture) -> Vec<crate::network::Review> {
    f.app
        .ctx
        .store
        .network_reviews(f.app.ctx.profile.id)
        .unwrap()
}

fn latest(f: &Fixture) -> Vec<Entry> {
    f.app
        .ctx
        .store
        .latest_network_review(f.app.ctx.profile.id)
        .unwrap()
        .map(|r| r.entries)
        .unwrap_or_default()
}

#[test]
fn the_map_with_the_list_beside_it_in_colour_and_without() {
    for color in [true, false] {
        let mut f = with_network(color);
        keys(&mut f.app, "m");
        assert!(f.app.screen::<Network>().is_some());
        for (w, h) in [(80, 24), (120, 40)] {
            let buf = buffer(&f.app, w, h);
            let screen = text(&buf);
            if color {
                // The same words as without colour (snapshotted below).
                let mut mono = with_network(false);
                keys(&mut mono.app, "m");
                assert_eq!(screen, text(&buffer(&mono.app, w, h)));
                continue;
            }
            assert_no_colour(&buf, "network");
            // The person at the centre, every entry with its symbols.
            assert!(screen.contains("You"), "{screen}");
            for name in ["Mum", "Sam", "Peer group", "Old crowd", "Clinic", "Jo"] {
                assert!(screen.contains(name), "{name} at {w}x{h}:\n{screen}");
            }
            assert!(screen.contains("●+") && screen.contains("◆−") && screen.contains("■+"));
            assert!(
                screen.contains(
                    "6 entries: 4 supportive of your goals (67%), 1 mixed, 1 not supportive."
                ),
                "{screen}"
            );
            insta::assert_snapshot!(format!("network_map_{w}x{h}_no_color"), screen);
        }
    }
}

#[test]
fn the_highlighted_entry_and_each_symbol_have_their_colours() {
    let mut c = with_network(true);
    keys(&mut c.app, "m");
    let colour = buffer(&c.app, 80, 24);
    let mut m = with_network(false);
    keys(&mut m.app, "m");
    let mono = buffer(&m.app, 80, 24);
    // Cell of the first `needle` on the map (left of the list) or anywhere.
    let at = |buf: &ratatui::buffer::Buffer, needle: &str, before: u16| {
        let t = text(buf);
        t.lines()
            .enumerate()
            .find_map(|(y, l)| {
                let x = l.find(needle)?;
                let col = l[..x].chars().count() as u16;
                (col < before).then_some((col, y as u16))
            })
            .unwrap_or_else(|| panic!("{needle}:\n{t}"))
    };
    // Symbols by support: green, yellow, red (bold); bold only without colour.
    for (needle, fg) in [
        ("●~ Sam", Color::Yellow),
        ("◆− Old crowd", Color::Red),
        ("■+ Clinic", Color::Green),
    ] {
        let p = at(&colour, needle, 45);
        assert_eq!(colour[p].fg, fg, "{needle}");
        assert!(colour[p].modifier.contains(Modifier::BOLD), "{needle}");
        assert_eq!(mono[p].fg, Color::Reset, "{needle}");
        assert!(mono[p].modifier.contains(Modifier::BOLD), "{needle}");
    }
    // The highlighted entry (Mum) on the map: the selection colours, its
    // symbol and its name; reverse video without colour.
    let p = at(&colour, "●+ Mum", 45);
    for x in [0, 1, 3, 4, 5].map(|dx| p.0 + dx) {
        let cell = &colour[(x, p.1)];
        assert_eq!((cell.fg, cell.bg), (Color::Black, Color::Cyan), "({x})");
        assert!(
            mono[(x, p.1)].modifier.contains(Modifier::REVERSED),
            "({x})"
        );
    }
    // Jo, beside it and not highlighted, keeps the support colour.
    let jo = at(&colour, "Jo ●+", 45);
    assert_eq!(colour[(jo.0 + 3, jo.1)].fg, Color::Green);
    assert_eq!(colour[(jo.0 + 3, jo.1)].bg, Color::Reset);
}

#[test]
fn a_small_map_area_falls_back_to_the_list_grouped_by_ring() {
    let mut f = with_network(false);
    let pid = f.app.ctx.profile.id;
    for i in 0..14 {
        let e = entry(
            &format!("Friend with a long name {i}"),
            Kind::Person,
            Support::Supportive,
            Some(4),
        );
        f.app
            .ctx
            .store
            .network_change(pid, crate::tui::testing::now(), &Change::Add(e))
            .unwrap();
    }
    keys(&mut f.app, "m");
    let screen = draw(&f.app, 80, 24);
    assert!(!screen.contains(" You "), "{screen}");
    assert!(screen.contains("Very close (4-5)"), "{screen}");
    assert!(
        screen.contains("●+ Mum: person, supportive, close 5/5, role model"),
        "{screen}"
    );
    insta::assert_snapshot!("network_list_80x24", screen);
}

#[test]
fn an_entry_is_added_and_changed_in_place() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "m");
    assert!(draw(&f.app, 80, 24).contains("no entries yet"));
    keys(&mut f.app, "a");
    // Enter with no name: said, nothing stored.
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("a name is needed"));
    keys(&mut f.app, "Ana");
    press(&mut f.app, KeyCode::Down); // kind
    keys(&mut f.app, "2"); // group
    press(&mut f.app, KeyCode::Down); // support
    press(&mut f.app, KeyCode::Right); // mixed
    press(&mut f.app, KeyCode::Down); // closeness
    keys(&mut f.app, "4");
    press(&mut f.app, KeyCode::Down); // belonging
    keys(&mut f.app, "5");
    press(&mut f.app, KeyCode::Down); // contact
    keys(&mut f.app, "1");
    press(&mut f.app, KeyCode::Down); // role model
    keys(&mut f.app, "y");
    insta::assert_snapshot!("network_form_80x24", draw(&f.app, 80, 24));
    press(&mut f.app, KeyCode::Enter);
    let stored = latest(&f);
    assert_eq!(stored.len(), 1);
    let ana = &stored[0];
    assert_eq!(
        (ana.name.as_str(), ana.kind, ana.support),
        ("Ana", Kind::Group, Support::Mixed)
    );
    assert_eq!(
        (ana.closeness, ana.belonging, ana.contact, ana.role_model),
        (Some(4), Some(5), Some(Contact::Weekly), true)
    );
    assert!(draw(&f.app, 80, 24).contains("Ana is added"));
    // Changed: a place now; the questions of a group are cleared.
    keys(&mut f.app, "e");
    press(&mut f.app, KeyCode::Down);
    keys(&mut f.app, "3");
    press(&mut f.app, KeyCode::Down);
    keys(&mut f.app, "1");
    for _ in 0..3 {
        press(&mut f.app, KeyCode::Down);
    }
    keys(&mut f.app, "y");
    press(&mut f.app, KeyCode::Enter);
    let ana = &latest(&f)[0];
    assert_eq!(
        (ana.kind, ana.support, ana.closeness, ana.uses),
        (Kind::Place, Support::Supportive, None, true)
    );
    assert!(draw(&f.app, 80, 24).contains("Ana is changed"));
    // A name already there is refused in the form.
    keys(&mut f.app, "a");
    keys(&mut f.app, "ana");
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("already in the network"));
    press(&mut f.app, KeyCode::Esc);
    assert_eq!(latest(&f).len(), 1);
    assert!(matches!(f.app.screen::<Network>().unwrap().mode, Mode::Map));
}

#[test]
fn remove_asks_first_and_can_be_undone() {
    let mut f = with_network(true);
    keys(&mut f.app, "m");
    // The first in the list: Mum (very close).
    keys(&mut f.app, "d");
    assert!(draw(&f.app, 80, 24).contains("Remove from your network?"));
    keys(&mut f.app, "n");
    assert_eq!(latest(&f).len(), 6);
    keys(&mut f.app, "dy");
    assert!(!latest(&f).iter().any(|e| e.name == "Mum"));
    assert!(draw(&f.app, 80, 24).contains("Press u to undo"));
    keys(&mut f.app, "u");
    assert!(latest(&f).iter().any(|e| e.name == "Mum"));
    // Earlier reviews are never rewritten.
    let reviews = reviews(&f);
    assert_eq!(reviews[0].entries.len(), 5);
}

#[test]
fn a_walk_through_by_keys_is_stored_like_the_command_line_review() {
    let mut f = with_network(true);
    keys(&mut f.app, "m");
    keys(&mut f.app, "r");
    insta::assert_snapshot!("network_walk_80x24", draw(&f.app, 80, 24));
    // Mum kept; Sam changed (name kept, kind kept, supportive, close 4,
    // contact kept, role model yes); the rest kept or removed.
    keys(&mut f.app, "k");
    keys(&mut f.app, "c");
    press(&mut f.app, KeyCode::Enter);
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, "1");
    keys(&mut f.app, "4");
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, "y");
    keys(&mut f.app, "k");
    keys(&mut f.app, "r");
    keys(&mut f.app, "kk");
    // A new place.
    keys(&mut f.app, "Library");
    insta::assert_snapshot!("network_walk_new_120x40", draw(&f.app, 120, 40));
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, "31yyn");
    press(&mut f.app, KeyCode::Enter);
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("Review of 24 Nov 2026 saved: 3 changes."),
        "{screen}"
    );
    let now = latest(&f);
    let names: Vec<&str> = now.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["Mum", "Sam", "Peer group", "Clinic", "Jo", "Library"]
    );
    let sam = &now[1];
    assert_eq!(
        (sam.support, sam.closeness, sam.role_model),
        (Support::Supportive, Some(4), true)
    );
    let lib = &now[5];
    assert!(lib.available && lib.reachable && !lib.uses && lib.kind == Kind::Place);
    let reviews = reviews(&f);
    assert!(reviews.last().unwrap().walked_through);
    assert_eq!(reviews.len(), 3);
}

#[test]
fn esc_stops_a_walk_through_keeping_what_was_changed() {
    let mut f = with_network(true);
    keys(&mut f.app, "mr");
    keys(&mut f.app, "r");
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("The 1 change made is kept"));
    assert_eq!(latest(&f).len(), 5);
    let reviews = reviews(&f);
    assert!(!reviews.last().unwrap().walked_through);
    // Esc again goes home.
    press(&mut f.app, KeyCode::Esc);
    assert_eq!(f.app.depth(), 1);
}

#[test]
fn the_counts_over_time_come_from_the_stored_reviews() {
    let mut f = with_network(false);
    keys(&mut f.app, "mt");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("2 Nov 26") && screen.contains("20 Nov 26"),
        "{screen}"
    );
    let entries = screen
        .lines()
        .find(|l| l.trim_start().starts_with("Entries"))
        .unwrap();
    let cells: Vec<&str> = entries.split_whitespace().collect();
    assert_eq!(&cells[1..3], ["5", "6"], "{entries}");
    let share = screen
        .lines()
        .find(|l| l.contains("Supportive share"))
        .unwrap();
    assert!(share.contains("60%") && share.contains("67%"), "{share}");
    insta::assert_snapshot!("network_over_time_80x24", screen);
    keys(&mut f.app, "t");
    assert!(draw(&f.app, 80, 24).contains("You"));
}

#[test]
fn the_privacy_key_hides_the_network() {
    let mut f = with_network(true);
    keys(&mut f.app, "mx");
    let screen = draw(&f.app, 80, 24);
    for name in ["Mum", "Sam", "Clinic", "You"] {
        assert!(!screen.contains(name), "{screen}");
    }
    // In the form, F3 does it while letters are text.
    keys(&mut f.app, " a");
    press(&mut f.app, KeyCode::F(3));
    assert!(!draw(&f.app, 80, 24).contains("Mum"));
}
