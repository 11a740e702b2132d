//! Whole-screen snapshots of the trends screen on ratatui's TestBackend with
//! a fixed "now" (Tuesday 24 November 2026, dates shown in UTC): every data
//! shape (none, one, several on a day, gaps of months, ten years weekly, the
//! four dimensions) and every view (answers, comparison, one question over
//! time, latest-versus-previous bars), at 80x24 and 120x40. The snapshots
//! are taken with NO_COLOR, reverse-video cells (the highlighted row) marked
//! with `^` on the line below; the colour screen must hold the same text,
//! and its colours are checked cell by cell where they mean something (the
//! highlighted row, the band edges, the points).

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use crossterm::event::KeyCode;
use ratatui::style::Color;

use crate::instrument::Catalog;
use crate::store::Store;
use crate::trends::Window;
use crate::tui::app::App;
use ratatui::style::Modifier;

use crate::tui::testing::{
    app_on, buffer, keys, now, press, record, row_of, text, text_marking_reverse,
};

fn at(y: i32, m: u32, d: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, hour, 0, 0).single().unwrap()
}

/// A check-in to record: questionnaire, when, answers in item order
/// (None: skipped), with a counselor or not.
struct Rec {
    id: &'static str,
    when: DateTime<Utc>,
    values: Vec<Option<i64>>,
    counselor: bool,
}

fn rec(id: &'static str, when: DateTime<Utc>, values: &[i64]) -> Rec {
    Rec {
        id,
        when,
        values: values.iter().map(|v| Some(*v)).collect(),
        counselor: false,
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

fn fixture(color: bool, recs: &[Rec]) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("recap.db")).expect("open");
    let catalog = Catalog::bundled();
    let profile = store.default_profile(now()).expect("profile");
    for r in recs {
        record(
            &store,
            &catalog,
            profile.id,
            r.id,
            &r.values,
            r.when,
            r.counselor,
        );
    }
    let app = app_on(store, catalog, profile, color);
    Fixture { _dir: dir, app }
}

fn open(f: &mut Fixture, id: &str) {
    f.app
        .open_trends(Some(id), Window::All)
        .expect("open trends");
}

/// Snapshots a screen at both sizes without colour (`mono`, no colour at
/// all); in colour (`colored`) it must hold the same text.
fn snap(name: &str, colored: &App, mono: &App) {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let c = buffer(colored, w, h);
        let m = buffer(mono, w, h);
        assert_eq!(
            text(&c),
            text(&m),
            "{name} {w}x{h}: same text without colour"
        );
        for cell in m.content() {
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{name} {w}x{h}: a colour with NO_COLOR: {cell:?}"
            );
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}_no_color"), text_marking_reverse(&m));
    }
}

/// Builds the same history twice (colour and NO_COLOR) and runs `steps` on both.
fn both(recs: impl Fn() -> Vec<Rec>, steps: impl Fn(&mut Fixture)) -> (Fixture, Fixture) {
    let mut c = fixture(true, &recs());
    let mut m = fixture(false, &recs());
    steps(&mut c);
    steps(&mut m);
    (c, m)
}

fn barc(values: [i64; 10]) -> Vec<i64> {
    values.to_vec()
}

/// BARC-10 with long gaps: two in mid 2025, two in early 2026, two in the autumn.
fn barc_with_gaps() -> Vec<Rec> {
    let mut r = vec![
        rec(
            "barc-10",
            at(2025, 6, 10, 15),
            &barc([3, 3, 3, 3, 2, 3, 3, 4, 3, 3]),
        ),
        rec(
            "barc-10",
            at(2025, 7, 8, 15),
            &barc([3, 4, 3, 3, 3, 3, 3, 4, 3, 4]),
        ),
        rec(
            "barc-10",
            at(2026, 1, 20, 15),
            &barc([4, 4, 3, 4, 4, 4, 3, 5, 4, 4]),
        ),
        rec(
            "barc-10",
            at(2026, 2, 3, 15),
            &barc([4, 4, 4, 4, 4, 5, 4, 5, 4, 4]),
        ),
        rec(
            "barc-10",
            at(2026, 9, 15, 15),
            &barc([5, 5, 4, 5, 4, 5, 4, 5, 5, 5]),
        ),
        rec(
            "barc-10",
            at(2026, 11, 17, 15),
            &barc([5, 5, 5, 5, 5, 5, 4, 6, 5, 5]),
        ),
    ];
    r[1].counselor = true;
    r[4].counselor = true;
    r
}

/// WHO-5 with a reliable improvement since the first check-in.
fn who5_history() -> Vec<Rec> {
    vec![
        rec("who-5", at(2026, 1, 5, 18), &[2, 2, 2, 2, 2]),
        rec("who-5", at(2026, 10, 30, 18), &[3, 3, 3, 3, 2]),
        rec("who-5", at(2026, 11, 23, 18), &[4, 3, 3, 3, 3]),
    ]
}

/// Eight weekly check-ins across the four dimensions (one item skipped now and then).
fn samhsa_weeks() -> Vec<Rec> {
    let patterns: [[i64; 13]; 8] = [
        [1, 2, 1, 3, 2, 2, 1, 1, 2, 1, 2, 1, 1],
        [2, 2, 1, 3, 3, 2, 2, 1, 2, 2, 2, 2, 1],
        [2, 2, 2, 3, 3, 3, 2, 2, 2, 2, 3, 2, 2],
        [1, 1, 1, 2, 2, 2, 2, 2, 3, 1, 3, 3, 2],
        [2, 3, 2, 3, 3, 3, 3, 2, 3, 2, 3, 3, 3],
        [3, 3, 2, 4, 3, 3, 3, 2, 3, 3, 3, 3, 3],
        [3, 3, 3, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3],
        [4, 3, 3, 4, 4, 4, 3, 3, 4, 3, 4, 4, 3],
    ];
    patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut values: Vec<Option<i64>> = p.iter().map(|v| Some(*v)).collect();
            if i == 3 {
                values[7] = None; // a skipped Purpose item: scored from the other three
            }
            values.push(None); // the written reflection, skipped
            Rec {
                id: "samhsa-dimensions",
                when: at(2026, 9, 29, 19) + Duration::weeks(i as i64),
                values,
                counselor: i == 4,
            }
        })
        .collect()
}

#[test]
fn empty_invites_a_first_check_in() {
    let (c, m) = both(Vec::new, |f| open(f, "barc-10"));
    snap("trends_empty", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 80, 24));
    assert!(screen.contains("Nothing recorded for BARC-10 yet."));
    assert!(screen.contains("Press Enter to do your first BARC-10 check-in now"));
    // Enter starts that check-in.
    let mut f = fixture(true, &[]);
    open(&mut f, "barc-10");
    press(&mut f.app, KeyCode::Enter);
    // One person who never checked in with a counselor: no question first.
    assert!(f.app.in_check_in());
}

#[test]
fn empty_weekly_says_your_first_weekly_check_in() {
    let mut f = fixture(false, &[]);
    open(&mut f, "samhsa-dimensions");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(
        screen.contains("Press Enter to do your first Weekly check-in now"),
        "{screen}"
    );
    assert!(!screen.contains("check-in check-in"), "{screen}");
}

#[test]
fn without_an_id_opens_on_a_questionnaire_with_data() {
    // Only WHO-5 has check-ins: `recap trends` opens there, not on the
    // first questionnaire of the list.
    let mut f = fixture(false, &who5_history());
    f.app.open_trends(None, Window::All).unwrap();
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(screen.contains("WHO-5 (Tab)"), "{screen}");
    assert!(screen.contains("23 Nov 2026"), "{screen}");
    // Likewise with only the weekly check-in.
    let mut f = fixture(false, &samhsa_weeks());
    f.app.open_trends(None, Window::All).unwrap();
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(screen.contains("Weekly check-in (Tab)"), "{screen}");
}

#[test]
fn the_highlighted_row_the_band_edges_and_the_points_have_their_colours() {
    let (c, m) = both(who5_history, |f| open(f, "who-5"));
    let colour = buffer(&c.app, 80, 24);
    let mono = buffer(&m.app, 80, 24);
    // The highlighted check-in: black on cyan across the table; without
    // colour, reverse video and no colour.
    let row = row_of(&colour, "›  23 Nov 2026").unwrap();
    assert_eq!(row_of(&mono, "›  23 Nov 2026"), Some(row));
    for x in 1..79 {
        let cell = &colour[(x, row)];
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Black, Color::Cyan),
            "({x},{row})"
        );
        assert!(cell.modifier.contains(Modifier::BOLD), "({x},{row})");
        let cell = &mono[(x, row)];
        assert!(cell.modifier.contains(Modifier::REVERSED), "({x},{row})");
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    // The row below is not highlighted.
    assert_eq!(colour[(5, row + 1)].bg, Color::Reset);
    assert!(!mono[(5, row + 1)].modifier.contains(Modifier::REVERSED));
    // The band edge at 28: dashes in the border grey, plain without colour.
    let edge = row_of(&colour, "  28│╌").unwrap();
    let dashes: Vec<u16> = (0..80)
        .filter(|x| colour[(*x, edge)].symbol() == "╌")
        .collect();
    assert!(dashes.len() > 40, "{}", text(&colour));
    for x in dashes {
        assert_eq!(colour[(x, edge)].fg, Color::DarkGray, "({x},{edge})");
        assert_eq!(mono[(x, edge)].fg, Color::Reset);
        assert!(!mono[(x, edge)].modifier.contains(Modifier::REVERSED));
    }
    // The check-ins' points (and the legend's) in the first series' cyan.
    let points: Vec<(u16, u16)> = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .filter(|p| colour[*p].symbol() == "●")
        .collect();
    assert!(points.len() >= 3, "{}", text(&colour));
    for p in points {
        assert_eq!(colour[p].fg, Color::Cyan, "{p:?}");
        assert_eq!(mono[p].fg, Color::Reset, "{p:?}");
    }
}

#[test]
fn one_check_in() {
    let recs = || {
        vec![rec(
            "barc-10",
            at(2026, 11, 17, 15),
            &barc([4, 4, 3, 4, 4, 4, 3, 5, 4, 4]),
        )]
    };
    let (c, m) = both(recs, |f| open(f, "barc-10"));
    snap("trends_one", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    assert!(screen.contains("17 Nov 2026 39"), "{screen}");
    assert!(
        screen.contains("Change is shown from the next check-in on."),
        "{screen}"
    );
}

#[test]
fn several_on_one_day_show_their_times() {
    let recs = || {
        vec![
            rec("who-5", at(2026, 11, 13, 10), &[2, 2, 3, 2, 3]),
            rec("who-5", at(2026, 11, 20, 9), &[2, 2, 2, 2, 2]),
            rec("who-5", at(2026, 11, 20, 13), &[3, 3, 3, 3, 2]),
            rec("who-5", at(2026, 11, 20, 19), &[4, 3, 3, 3, 3]),
        ]
    };
    let (c, m) = both(recs, |f| open(f, "who-5"));
    snap("trends_same_day", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 80, 24));
    for time in [
        "20 Nov 2026 09:00",
        "20 Nov 2026 13:00",
        "20 Nov 2026 19:00",
    ] {
        assert!(screen.contains(time), "{time}: {screen}");
    }
}

#[test]
fn gaps_of_months_keep_time_proportional() {
    let (c, m) = both(barc_with_gaps, |f| open(f, "barc-10"));
    snap("trends_gaps", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    assert!(screen.contains("47 or above"), "{screen}");
    assert!(screen.contains("10 Jun 2025"), "{screen}");
    // BARC-10 has no change rule: no verdict anywhere.
    for verdict in [
        "reliable improvement",
        "no reliable change",
        "reliable decline",
    ] {
        assert!(!screen.contains(verdict), "{screen}");
    }
    assert!(
        screen.contains("No published figure for reliable change"),
        "{screen}"
    );
}

#[test]
fn who5_shows_the_reliable_change_verdict() {
    let (c, m) = both(who5_history, |f| open(f, "who-5"));
    snap("trends_who5_verdict", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    assert!(
        screen.contains("since first +24 (reliable improvement)"),
        "{screen}"
    );
    assert!(screen.contains("no reliable change"), "{screen}");
}

#[test]
fn ten_years_weekly_stays_readable_and_fast() {
    let recs = || {
        let start = at(2016, 11, 29, 18);
        (0..521)
            .map(|w: i64| {
                // A slow wave with a weekly wobble, 0-5 per item.
                let phase = (w as f64 / 26.0).sin();
                let base = (2.5 + 2.0 * phase).round() as i64;
                let v = |k: i64| (base + (w + k) % 3 - 1).clamp(0, 5);
                rec(
                    "who-5",
                    start + Duration::weeks(w),
                    &[v(0), v(1), v(2), v(0), v(1)],
                )
            })
            .collect::<Vec<_>>()
    };
    let (c, m) = both(recs, |f| open(f, "who-5"));
    let started = std::time::Instant::now();
    let buf = buffer(&c.app, 120, 40);
    // A generous bound for a debug build on a busy machine; thinning keeps it far lower.
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    let screen = text(&buf);
    for year in ["2018", "2020", "2022", "2024", "2026"] {
        assert!(screen.contains(year), "{year}: {screen}");
    }
    assert!(screen.contains("521 check-ins"), "{screen}");
    snap("trends_ten_years", &c.app, &m.app);
}

#[test]
fn samhsa_four_dimensions_together() {
    let (c, m) = both(samhsa_weeks, |f| open(f, "samhsa-dimensions"));
    snap("trends_samhsa", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 80, 24));
    for legend in ["● ── Health", "■ ╌╌ Home", "▲ ┈┈ Purpose", "◆ ─· Community"]
    {
        assert!(screen.contains(legend), "{legend}: {screen}");
    }
    // c steps to the overall score alone.
    let mut f = fixture(true, &samhsa_weeks());
    open(&mut f, "samhsa-dimensions");
    keys(&mut f.app, "c");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(screen.contains("Overall (c)"), "{screen}");
}

#[test]
fn dimension_overview_bars() {
    let (c, m) = both(samhsa_weeks, |f| {
        open(f, "samhsa-dimensions");
        keys(&mut f.app, "d");
    });
    snap("trends_overview", &c.app, &m.app);
    let screen = text(&buffer(&m.app, 80, 24));
    assert!(screen.contains("latest (17 Nov 2026)"), "{screen}");
    assert!(screen.contains("previous (10 Nov 2026)"), "{screen}");
    for dim in ["Health", "Home", "Purpose", "Community"] {
        assert!(
            screen
                .lines()
                .any(|l| l.starts_with(&format!(" {dim}")) && l.contains('█')),
            "{dim}: {screen}"
        );
    }
}

#[test]
fn session_answers_with_the_change_rule_source() {
    let (c, m) = both(who5_history, |f| {
        open(f, "who-5");
        keys(&mut f.app, "\r");
    });
    snap("trends_session", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    assert!(screen.contains("WHO-5 on 23 Nov 2026"), "{screen}");
    assert!(
        screen.contains("I have felt cheerful and in good spirits."),
        "{screen}"
    );
    assert!(screen.contains("Most of the time (4)"), "{screen}");
    assert!(
        screen.contains("Source: Minimal detectable change 23.6 points"),
        "{screen}"
    );
}

#[test]
fn comparison_of_two_marked_check_ins() {
    let (c, m) = both(barc_with_gaps, |f| {
        open(f, "barc-10");
        // The newest and the third newest (3 Feb 2026).
        keys(&mut f.app, " jj ");
    });
    snap("trends_compare", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    assert!(
        screen.contains("comparing 3 Feb 2026 with 17 Nov 2026"),
        "{screen}"
    );
    assert!(
        screen.contains("Recovery capital: 42 → 50 (+8)"),
        "{screen}"
    );
    assert!(screen.contains("Rose (8)"), "{screen}");
    assert!(screen.contains("Stayed the same (2)"), "{screen}");
}

#[test]
fn item_history_across_check_ins() {
    let (c, m) = both(barc_with_gaps, |f| {
        open(f, "barc-10");
        // Answers of the newest check-in, question 5, its history.
        keys(&mut f.app, "\rjjjj\r");
    });
    snap("trends_item", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    assert!(
        screen.contains("BARC-10 · question 5 of 10 · all time"),
        "{screen}"
    );
    assert!(
        screen.contains("I get lots of support from friends."),
        "{screen}"
    );
    assert!(
        screen.contains("Answers, oldest to newest: 2 3 4 4 4 5"),
        "{screen}"
    );
    // → goes to question 6; Esc twice goes back to the chart.
    let mut f = fixture(true, &barc_with_gaps());
    open(&mut f, "barc-10");
    keys(&mut f.app, "\rjjjj\r");
    press(&mut f.app, KeyCode::Right);
    assert!(text(&buffer(&f.app, 80, 24)).contains("question 6 of 10"));
    keys(&mut f.app, "\x1b\x1b");
    assert!(
        text(&buffer(&f.app, 80, 24)).contains("BARC-10 (Tab) · Recovery capital · all time (w)")
    );
}

#[test]
fn windows_narrow_the_list_but_not_the_comparison() {
    let mut f = fixture(true, &barc_with_gaps());
    open(&mut f, "barc-10");
    keys(&mut f.app, "w");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(screen.contains("last 4 weeks (w)"), "{screen}");
    assert!(screen.contains("1 check-in"), "{screen}");
    // 17 Nov still compares with 15 Sep, outside the window.
    assert!(
        screen.contains("17 Nov 2026 50    47 or above +3"),
        "{screen}"
    );
    keys(&mut f.app, "www");
    assert!(text(&buffer(&f.app, 80, 24)).contains("6 check-ins"));
}

#[test]
fn tab_pages_through_questionnaires_and_esc_goes_home() {
    let mut f = fixture(true, &barc_with_gaps());
    open(&mut f, "samhsa-dimensions");
    keys(&mut f.app, "\t");
    assert!(text(&buffer(&f.app, 80, 24)).contains("BARC-10 (Tab)"));
    press(&mut f.app, KeyCode::BackTab);
    assert!(text(&buffer(&f.app, 80, 24)).contains("Weekly check-in (Tab)"));
    keys(&mut f.app, "\x1b");
    assert!(text(&buffer(&f.app, 80, 24)).contains("Choose a check-in"));
    // t on home opens the highlighted questionnaire's trends.
    keys(&mut f.app, "jt");
    assert!(text(&buffer(&f.app, 80, 24)).contains("BARC-10 (Tab)"));
}

#[test]
fn one_mark_is_shown_and_a_second_opens_the_comparison() {
    let mut f = fixture(true, &barc_with_gaps());
    open(&mut f, "barc-10");
    keys(&mut f.app, "j ");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(screen.contains("✓ 1 of 2 marked"), "{screen}");
    assert!(
        screen.lines().any(|l| l.starts_with(" ›✓ 15 Sep 2026")),
        "{screen}"
    );
    // Space again unmarks; marking two opens the comparison.
    keys(&mut f.app, " ");
    assert!(!text(&buffer(&f.app, 80, 24)).contains("marked"));
    keys(&mut f.app, " j ");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(
        screen.contains("comparing 3 Feb 2026 with 15 Sep 2026"),
        "{screen}"
    );
    // Back on the chart, nothing is marked any more.
    keys(&mut f.app, "\x1b");
    assert!(text(&buffer(&f.app, 80, 24)).contains("6 check-ins"));
}

#[test]
fn an_empty_period_says_where_the_latest_is() {
    let mut f = fixture(true, &[rec("barc-10", at(2026, 3, 17, 12), &barc([4; 10]))]);
    open(&mut f, "barc-10");
    keys(&mut f.app, "w");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(
        screen.contains("No check-ins in the last 4 weeks; the latest was on 17 Mar 2026."),
        "{screen}"
    );
    assert!(screen.contains("w longer period"), "{screen}");
    assert!(!screen.contains("Date"), "no empty table: {screen}");
}

#[test]
fn d_moves_a_check_in_to_the_trash_and_u_brings_it_back() {
    let mut f = fixture(true, &who5_history());
    open(&mut f, "who-5");
    let rows = |f: &Fixture| f.app.screen::<super::Trends>().unwrap().rows.len();
    assert_eq!(rows(&f), 3);
    keys(&mut f.app, "\r");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(screen.contains("D delete"), "{screen}");
    // It asks first; n keeps it.
    keys(&mut f.app, "D");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(
        screen.contains("Move this check-in to the trash?"),
        "{screen}"
    );
    keys(&mut f.app, "n");
    assert_eq!(f.app.ctx.store.trashed_sessions(None).unwrap().len(), 0);
    // y moves it; the notice offers u to undo, which restores it.
    keys(&mut f.app, "Dy");
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(
        screen.contains("Moved to the trash") && screen.contains("u undo"),
        "{screen}"
    );
    assert_eq!(f.app.ctx.store.trashed_sessions(None).unwrap().len(), 1);
    keys(&mut f.app, "u");
    assert_eq!(f.app.ctx.store.trashed_sessions(None).unwrap().len(), 0);
    assert_eq!(rows(&f), 3);
    // Again, and this time the notice is closed: the list reloads without it.
    keys(&mut f.app, "Dy\r");
    assert_eq!(f.app.ctx.store.trashed_sessions(None).unwrap().len(), 1);
    let trends = f.app.screen::<super::Trends>().unwrap();
    assert!(trends.stack.is_empty());
    assert_eq!(rows(&f), 2);
    let screen = text(&buffer(&f.app, 80, 24));
    assert!(!screen.contains("23 Nov 2026"), "{screen}");
}

#[test]
fn an_answer_is_corrected_from_the_detail_view_and_the_correction_is_shown() {
    let (c, m) = both(who5_history, |f| {
        open(f, "who-5");
        keys(&mut f.app, "\r");
        assert!(text(&buffer(&f.app, 80, 24)).contains("a amend"));
        keys(&mut f.app, "a");
        let dialog = text(&buffer(&f.app, 80, 24));
        assert!(dialog.contains("Correct an answer"), "{dialog}");
        assert!(
            dialog.contains("Answered: 4 (Most of the time)"),
            "{dialog}"
        );
        // The correct answer, then a reason (none: asked for one).
        keys(&mut f.app, "2\r\r");
        assert!(text(&buffer(&f.app, 80, 24)).contains("Please give a reason"));
        keys(&mut f.app, "typo on the paper form\r");
        let notice = text(&buffer(&f.app, 80, 24));
        assert!(notice.contains("Question 1 now reads 2"), "{notice}");
        press(&mut f.app, KeyCode::Enter);
    });
    snap("trends_session_amended", &c.app, &m.app);
    let screen = text(&buffer(&c.app, 120, 40));
    let trends = c.app.screen::<super::Trends>().unwrap();
    let Some(super::Detail::Session(view)) = trends.stack.last() else {
        panic!("the check-in's answers are still shown:\n{screen}");
    };
    assert_eq!(
        view.amendments,
        [
            "Question 1 amended 24 Nov 2026: was 4 (Most of the time), now 2 (Less than half of the time), reason: typo on the paper form"
        ]
    );
    assert!(
        screen.contains("Question 1 amended 24 Nov 2026: was 4"),
        "{screen}"
    );
    assert!(
        screen.contains("Less than half of the time (2),"),
        "{screen}"
    );
    // The score follows (64 - 2 x 4), through the cache.
    assert!(screen.contains("Well-being: 56"), "{screen}");
    let store = &c.app.ctx.store;
    let profile = c.app.ctx.profile.id;
    let query = crate::store::SessionQuery {
        questionnaire_id: Some("who-5".into()),
        ..Default::default()
    };
    let sessions = store.sessions(profile, &query).unwrap();
    let newest = sessions.iter().max_by_key(|s| s.when()).unwrap();
    let trail = store.amendments(&newest.id).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].reason, "typo on the paper form");
    assert_eq!(
        trail[0].was,
        Some(crate::instrument::AnswerValue::Number(4))
    );
    assert_eq!(
        store.answers(&newest.id).unwrap().get(&trail[0].item_id),
        Some(&crate::instrument::AnswerValue::Number(2))
    );
    // Esc in the dialog changes nothing.
    let mut f = fixture(true, &who5_history());
    open(&mut f, "who-5");
    keys(&mut f.app, "\ra3\x1b");
    assert!(!text(&buffer(&f.app, 80, 24)).contains("amended"));
}

#[test]
fn a_written_answer_is_typed_when_corrected() {
    let mut f = fixture(false, &samhsa_weeks());
    open(&mut f, "samhsa-dimensions");
    keys(&mut f.app, "\r");
    // The written reflection is the last question.
    press(&mut f.app, KeyCode::End);
    keys(&mut f.app, "a");
    let dialog = text(&buffer(&f.app, 80, 24));
    assert!(dialog.contains("The correct answer (type it):"), "{dialog}");
    assert!(dialog.contains("Answered: no answer"), "{dialog}");
    keys(&mut f.app, "slept better\radded after the session\r");
    assert!(text(&buffer(&f.app, 80, 24)).contains("Answer corrected"));
    press(&mut f.app, KeyCode::Enter);
    let trends = f.app.screen::<super::Trends>().unwrap();
    let Some(super::Detail::Session(view)) = trends.stack.last() else {
        panic!("still on the check-in's answers");
    };
    let id = view.session_id.clone();
    assert_eq!(view.amendments.len(), 1);
    assert!(
        view.amendments[0].contains(
            "was no answer, now \u{201c}slept better\u{201d}, reason: added after the session"
        ),
        "{:?}",
        view.amendments
    );
    let answers = f.app.ctx.store.answers(&id).unwrap();
    assert_eq!(
        answers.get("reflection"),
        Some(&crate::instrument::AnswerValue::Text("slept better".into()))
    );
}
