//! The results screen: scores with their bands and what changed, when the
//! next check-in is due, and a support message first, with the scores
//! below it one scroll away ("↓ more").
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use super::Results;
use crate::tui::testing::{buffer, draw, fixture, keys, press, row_of, text};

#[test]
fn barc_results_say_what_changed_and_when_the_next_is_due() {
    // This person did a WHO-5 with a counselor: the question comes first.
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r\r\r6545654565\r");
    assert!(f.app.screen::<Results>().is_some());
    let results = draw(&f.app, 80, 24);
    // Done today, every 30 days: the next one is due on 24 Dec.
    assert!(
        results.contains("The next BARC-10 is due on 24 Dec, in 30 days"),
        "{results}"
    );
    insta::assert_snapshot!("barc_results_80x24", results);
    // Esc from results goes home, where the new check-in shows.
    keys(&mut f.app, "\x1b");
    assert!(draw(&f.app, 80, 24).contains("24 Nov 2026"));
    assert_eq!(f.app.depth(), 1);
}

#[test]
fn who5_results_with_a_support_message_scroll_with_a_more_mark() {
    let mut f = fixture(true, false);
    // "At no time" is 0 on the WHO-5 scale, shown beside it: total 0.
    keys(&mut f.app, "jj\r\r00000\r");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("who5_results_support_80x24", screen);
    assert!(screen.contains("↓ more"), "{screen}");
    // Scrolling shows the rest, down to the last line.
    for _ in 0..10 {
        press(&mut f.app, KeyCode::PageDown);
    }
    let end = draw(&f.app, 80, 24);
    assert!(end.contains("↑ more") && !end.contains("↓ more"), "{end}");
    let last = &f
        .app
        .screen::<Results>()
        .unwrap()
        .lines
        .last()
        .unwrap()
        .text;
    let last_words: String = last
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        end.split_whitespace()
            .rev()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&last_words),
        "{last}\n{end}"
    );
}

#[test]
fn a_support_message_has_its_own_calm_colour_and_none_without_colour() {
    for color in [true, false] {
        let mut f = fixture(color, false);
        // A WHO-5 total of 0: a support message.
        keys(&mut f.app, "jj\r\r00000\r");
        let buf = buffer(&f.app, 80, 24);
        let screen = text(&buf);
        let first: String = f.app.screen::<Results>().unwrap().outcome.safety[0]
            .message
            .chars()
            .take(20)
            .collect();
        let y = row_of(&buf, &first).unwrap_or_else(|| panic!("{screen}"));
        let line = screen.lines().nth(usize::from(y)).unwrap();
        let x = line[..line.find(&first).unwrap()].chars().count() as u16;
        let want = if color {
            Color::LightMagenta
        } else {
            Color::Reset
        };
        assert_eq!(buf[(x, y)].fg, want);
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    }
}
