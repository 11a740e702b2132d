//! Home at 80x24 and 120x40: the table, an unfinished check-in in whole
//! words, the report key, readable contrast on the highlighted row.
#![allow(clippy::unwrap_used)]

use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use crate::tui::testing::{buffer, draw, fixture, keys, press, row_of, text};

#[test]
fn home_empty_80x24() {
    let f = fixture(true, false);
    insta::assert_snapshot!(draw(&f.app, 80, 24));
}

#[test]
fn home_with_history_80x24_and_120x40() {
    let f = fixture(true, true);
    insta::assert_snapshot!("home_history_80x24", draw(&f.app, 80, 24));
    insta::assert_snapshot!("home_history_120x40", draw(&f.app, 120, 40));
}

#[test]
fn no_color_draws_the_same_text_with_markers() {
    let colored = fixture(true, true);
    let mono = fixture(false, true);
    assert_eq!(draw(&colored.app, 80, 24), draw(&mono.app, 80, 24));
    // The selected row is marked by a symbol, not only by colour.
    assert!(draw(&mono.app, 80, 24).lines().any(|l| l.starts_with(" ›")));
}

#[test]
fn the_highlighted_row_keeps_one_readable_colour_pair() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "j");
    let buf = buffer(&f.app, 80, 24);
    // Both lines of the BARC-10 row, the muted "Recovery capital" and
    // "47 or above" too: black on cyan, nothing grey on cyan.
    let top = row_of(&buf, "› BARC-10").unwrap();
    for y in [top, top + 1] {
        for x in 1..70 {
            let cell = &buf[(x, y)];
            assert_eq!(cell.bg, Color::Cyan, "({x},{y}) {cell:?}");
            assert_eq!(cell.fg, Color::Black, "({x},{y}) {cell:?}");
        }
    }
    // Without colour: reverse video, nothing else.
    let mut mono = fixture(false, true);
    keys(&mut mono.app, "j");
    let buf = buffer(&mono.app, 80, 24);
    let top = row_of(&buf, "› BARC-10").unwrap();
    assert!(buf[(5, top + 1)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(5, top + 1)].fg, Color::Reset);
}

#[test]
fn an_unfinished_check_in_is_listed_in_whole_words_with_its_keys_below() {
    let mut f = fixture(true, false);
    // BARC-10: start, begin, two answers, then back home.
    keys(&mut f.app, "j\r\r45\x1b");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("› BARC-10 · 2 of 10 answered · started 24 Nov 2026"),
        "{screen}"
    );
    assert!(
        screen.contains("Enter continue") && screen.contains("d set aside"),
        "{screen}"
    );
    insta::assert_snapshot!("home_unfinished_80x24", screen);
    // d asks first, with its own keys.
    keys(&mut f.app, "d");
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("Set this check-in aside?"), "{screen}");
    assert!(
        screen.contains("y set it aside") && screen.contains("n keep it"),
        "{screen}"
    );
    keys(&mut f.app, "y");
    assert!(!draw(&f.app, 80, 24).contains("Unfinished"));
}

#[test]
fn report_key_writes_a_private_html_report_and_says_where() {
    let mut f = fixture(true, true);
    assert!(draw(&f.app, 80, 24).contains("r report"));
    press(&mut f.app, KeyCode::Char('r'));
    let path = f
        .dir
        .path()
        .join("reports")
        .join("recap-report-m-2026-11-24.html");
    let html = std::fs::read_to_string(&path).expect("report written");
    assert!(html.contains("BARC-10"));
    let screen = draw(&f.app, 120, 40);
    assert!(screen.contains("Report written to"), "{screen}");
    assert!(
        screen.contains("recap-report-m-2026-11-24.html"),
        "{screen}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_long_name_is_shortened_and_never_runs_into_the_date() {
    let mut f = fixture(true, false);
    let long = "Alexandra Maria Gonzalez-Rivera de la Fuente y Montenegro";
    f.app.ctx.store.rename_profile("Me", long).unwrap();
    f.app.ctx.profile.name = long.to_string();
    keys(&mut f.app, "j\r");
    let buf = buffer(&f.app, 80, 24);
    let header = text(&buf).lines().next().unwrap().to_string();
    assert!(header.contains('…'), "{header}");
    assert!(header.contains("BARC-10"), "{header}");
    assert!(header.ends_with("Tuesday 24 November 2026"), "{header}");
    assert!(
        header.contains("  Tuesday"),
        "a gap before the date: {header}"
    );
}

#[test]
fn what_is_due_comes_first_in_words() {
    let mut f = fixture(true, true);
    // 10 Dec: the WHO-5 of 20 Nov (every 14 days) is due since 4 Dec; the
    // BARC-10 of 17 Nov (every 30 days) is not due yet.
    f.app.ctx.now =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 10, 9, 0, 0).unwrap();
    let profile = f.app.ctx.profile.clone();
    f.app.open_profile(profile).unwrap();
    let screen = draw(&f.app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let who5 = lines
        .iter()
        .position(|l| l.contains("WHO-5 is due since 4 Dec"))
        .unwrap_or_else(|| panic!("{screen}"));
    let weekly = lines
        .iter()
        .position(|l| l.contains("Weekly check-in is due (not done yet)"))
        .unwrap_or_else(|| panic!("{screen}"));
    let table = lines
        .iter()
        .position(|l| l.contains("Check-in") && l.contains("Last done"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(who5 < table && weekly < table, "{screen}");
    assert!(!screen.contains("BARC-10 is due"), "{screen}");
    insta::assert_snapshot!("home_due_80x24", screen);
}

#[test]
fn nothing_is_said_due_when_nothing_is() {
    let mut f = fixture(true, true);
    // Everything done today: no line says something is due.
    for id in ["who-5", "samhsa-dimensions"] {
        crate::tui::testing::record(
            &f.app.ctx.store,
            &f.app.ctx.catalog,
            f.app.ctx.profile.id,
            id,
            &[Some(3); 14],
            crate::tui::testing::now(),
            false,
        );
    }
    let profile = f.app.ctx.profile.clone();
    f.app.open_profile(profile).unwrap();
    let screen = draw(&f.app, 80, 24);
    assert!(!screen.contains(" is due"), "{screen}");
}

#[cfg(unix)]
#[test]
fn a_file_that_can_only_be_read_shows_one_line_saying_so() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture(true, true);
    assert!(!draw(&f.app, 80, 24).contains("can only be read"));
    let path = f.dir.path().join("recap.db");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let store = crate::store::Store::open(&path).unwrap();
    assert!(store.is_read_only());
    let app = crate::tui::testing::app_on(
        store,
        crate::instrument::Catalog::bundled(),
        f.app.ctx.profile.clone(),
        true,
    );
    let screen = draw(&app, 80, 24);
    let banner = "This file can only be read: nothing you do here will be saved.";
    assert_eq!(screen.matches(banner).count(), 1, "{screen}");
}

#[test]
fn with_goals_the_questionnaire_words_end_whole_or_with_an_ellipsis() {
    for goals in 1..=4 {
        let mut f = fixture(true, true);
        for g in 0..goals {
            crate::tui::testing::add_goal(&f, &format!("Goal number {g}"), &["A first small step"]);
        }
        keys(&mut f.app, "g\x1b");
        let screen = draw(&f.app, 80, 24);
        assert!(
            screen.contains(&format!("Goal number {}", goals - 1)),
            "{screen}"
        );
        // The last line of words above the key bar ends a sentence or says
        // that more was left out.
        let body: Vec<&str> = screen.lines().collect();
        let last = body[..body.len() - 2]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .unwrap();
        assert!(
            last.ends_with('.') || last.ends_with('…'),
            "{goals} goals: {last:?}\n{screen}"
        );
    }
}

#[test]
fn the_network_walk_through_is_said_due_like_the_questionnaires() {
    use crate::network::{Change, Entry, Kind, Support};
    let mut f = fixture(true, true);
    let pid = f.app.ctx.profile.id;
    let walked = crate::tui::testing::noon(1, 10);
    let entry = Entry::new("Sam", Kind::Person, Support::Supportive).unwrap();
    f.app
        .ctx
        .store
        .network_change(pid, walked, &Change::Add(entry))
        .unwrap();
    f.app.ctx.store.network_walked_through(pid, walked).unwrap();
    f.app.ctx.network_review_days = 28;
    // 28 days after 1 Oct: due since 29 Oct, said as `recap due` says it.
    let profile = f.app.ctx.profile.clone();
    f.app.open_profile(profile).unwrap();
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("Recovery network review is due since 29 Oct"),
        "{screen}"
    );
    // Walked through today: not due.
    let now = f.app.ctx.now;
    f.app.ctx.store.network_walked_through(pid, now).unwrap();
    let profile = f.app.ctx.profile.clone();
    f.app.open_profile(profile).unwrap();
    assert!(!draw(&f.app, 80, 24).contains("Recovery network review"));
}
