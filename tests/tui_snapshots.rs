//! Whole-screen snapshots of the TUI on ratatui's TestBackend, at 80x24 and
//! 120x40, in colour and without (NO_COLOR draws the same text; the colour
//! runs check styles do not carry meaning alone).

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recap::config::Support;
use recap::instrument::{AnswerValue, Answers, Catalog};
use recap::store::Store;
use recap::timefmt::Zone;
use recap::tui::action::action_for;
use recap::tui::app::App;
use recap::tui::render::render;
use recap::tui::theme::Theme;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .single()
        .expect("date")
}

fn at(day: u32, month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 12, 0, 0)
        .single()
        .expect("date")
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

fn fixture(color: bool, history: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("recap.db")).expect("open");
    let catalog = Catalog::bundled();
    let profile = store.default_profile(now()).expect("profile");
    if history {
        let barc = catalog.get("barc-10").expect("barc");
        for (day, month, values) in [
            (3, 11, [4, 4, 3, 4, 4, 4, 3, 5, 4, 4]),
            (17, 11, [5, 5, 4, 5, 5, 5, 4, 5, 5, 5]),
        ] {
            let answers: Answers = barc
                .instrument
                .items
                .iter()
                .zip(values)
                .map(|(i, v)| (i.id.clone(), AnswerValue::Number(v)))
                .collect();
            store
                .record_session(profile.id, barc, &answers, at(day, month), false)
                .expect("record");
        }
        let who = catalog.get("who-5").expect("who");
        let answers: Answers = who
            .instrument
            .items
            .iter()
            .map(|i| (i.id.clone(), AnswerValue::Number(3)))
            .collect();
        store
            .record_session(profile.id, who, &answers, at(20, 11), true)
            .expect("record");
    }
    let app = App::new(
        store,
        catalog,
        Support::default(),
        profile,
        Theme::new(color),
        Zone::Utc,
        now(),
    )
    .expect("app");
    Fixture { _dir: dir, app }
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| render(f, app)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = action_for(app, key) {
        app.update(action).expect("update");
    }
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        press(app, code);
    }
}

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
fn barc_intro_question_review_and_results() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r");
    insta::assert_snapshot!("counselor_question_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "\r");
    insta::assert_snapshot!("barc_intro_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "\r");
    insta::assert_snapshot!("barc_item1_80x24", draw(&f.app, 80, 24));
    insta::assert_snapshot!("barc_item1_120x40", draw(&f.app, 120, 40));
    keys(&mut f.app, "6545654565");
    insta::assert_snapshot!("barc_review_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "\r");
    insta::assert_snapshot!("barc_results_80x24", draw(&f.app, 80, 24));
}

#[test]
fn who5_results_with_a_support_message() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "jj\r\r\r");
    // "At no time" is 0 on the WHO-5 scale, shown beside it: total 0.
    keys(&mut f.app, "00000\r");
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("who5_results_support_80x24", screen);
}

#[test]
fn samhsa_text_item_and_skip() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "\r\r\r");
    // 4 is "Completely true", the number shown beside it.
    keys(&mut f.app, "4444444444444");
    insta::assert_snapshot!("samhsa_text_item_80x24", draw(&f.app, 80, 24));
}

#[test]
fn help_support_and_too_small() {
    let mut f = fixture(true, false);
    press(&mut f.app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_home_80x24", draw(&f.app, 80, 24));
    press(&mut f.app, KeyCode::Esc);
    press(&mut f.app, KeyCode::Char('s'));
    insta::assert_snapshot!("support_80x24", draw(&f.app, 80, 24));
    insta::assert_snapshot!("too_small_60x20", draw(&f.app, 60, 20));
}

#[test]
fn profile_picker_shows_people_but_no_scores() {
    let mut f = fixture(true, true);
    f.app.store.add_profile("Alex Rivera", now()).expect("add");
    f.app
        .store
        .add_profile("Sam <Lee> & co", now())
        .expect("add");
    press(&mut f.app, KeyCode::Char('p'));
    let screen = draw(&f.app, 80, 24);
    insta::assert_snapshot!("picker_80x24", screen);
    // "Me" has BARC-10 scores of 42 and 48: no number of them on the picker.
    assert!(!screen.contains("48") && !screen.contains("42"));
    // Add a person by typing a name.
    keys(&mut f.app, "a");
    keys(&mut f.app, "Jordan");
    insta::assert_snapshot!("picker_adding_80x24", draw(&f.app, 80, 24));
    press(&mut f.app, KeyCode::Enter);
    let screen = draw(&f.app, 80, 24);
    assert!(screen.contains("› Jordan"), "{screen}");
    // A duplicate name is refused calmly.
    keys(&mut f.app, "a");
    keys(&mut f.app, "Jordan");
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("already exists"));
    press(&mut f.app, KeyCode::Esc);
    // Opening a person goes to their home.
    press(&mut f.app, KeyCode::Enter);
    assert!(draw(&f.app, 80, 24).contains("recap · Jordan"));
}

#[test]
fn notes_write_list_edit_and_delete() {
    let mut f = fixture(true, true);
    press(&mut f.app, KeyCode::Char('n'));
    insta::assert_snapshot!("notes_empty_80x24", draw(&f.app, 80, 24));
    keys(&mut f.app, "a");
    keys(&mut f.app, "Talked about sleep.");
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, "Next: walk daily.");
    insta::assert_snapshot!("note_editor_80x24", draw(&f.app, 80, 24));
    press(&mut f.app, KeyCode::Tab);
    let notes = f.app.store.notes(f.app.profile.id).expect("notes");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "Talked about sleep.\nNext: walk daily.");
    insta::assert_snapshot!("notes_list_80x24", draw(&f.app, 80, 24));
    // Leaving the editor with changes asks first; n discards.
    press(&mut f.app, KeyCode::Enter);
    keys(&mut f.app, " More.");
    press(&mut f.app, KeyCode::Esc);
    assert!(draw(&f.app, 80, 24).contains("Save this note before leaving?"));
    keys(&mut f.app, "n");
    assert_eq!(
        f.app.store.notes(f.app.profile.id).expect("notes")[0].body,
        "Talked about sleep.\nNext: walk daily."
    );
    // Delete asks first.
    keys(&mut f.app, "d");
    assert!(draw(&f.app, 80, 24).contains("Delete this note?"));
    keys(&mut f.app, "y");
    assert!(
        f.app
            .store
            .notes(f.app.profile.id)
            .expect("notes")
            .is_empty()
    );
}

#[test]
fn privacy_key_blanks_everything_and_any_key_brings_it_back() {
    let mut f = fixture(true, true);
    keys(&mut f.app, "j\r\r\r4");
    let before = draw(&f.app, 80, 24);
    press(&mut f.app, KeyCode::Char('x'));
    let hidden = draw(&f.app, 80, 24);
    insta::assert_snapshot!("privacy_80x24", hidden);
    for word in ["BARC", "Me", "Question", "recap", "agree"] {
        assert!(
            !hidden.contains(word),
            "{word} visible on the privacy screen"
        );
    }
    press(&mut f.app, KeyCode::Char('5'));
    assert_eq!(
        draw(&f.app, 80, 24),
        before,
        "the key that unhides is not taken as an answer"
    );
}

/// An app whose catalog also holds the documented example questionnaire
/// (yes/no and number items), from a user folder.
fn with_example(color: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let qdir = dir.path().join("questionnaires");
    std::fs::create_dir_all(&qdir).expect("mkdir");
    std::fs::copy(
        "tests/fixtures/valid/example-full.toml",
        qdir.join("example-full.toml"),
    )
    .expect("copy");
    let store = Store::open(&dir.path().join("recap.db")).expect("open");
    let profile = store.default_profile(now()).expect("profile");
    let catalog = Catalog::load(Some(&qdir));
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let app = App::new(
        store,
        catalog,
        Support::default(),
        profile,
        Theme::new(color),
        Zone::Utc,
        now(),
    )
    .expect("app");
    (dir, app)
}

#[test]
fn yes_no_and_number_items() {
    let (_dir, mut app) = with_example(true);
    // The example is the fourth questionnaire: open it, alone, begin.
    keys(&mut app, "jjj\r\r\r");
    // The numbers shown are the values: 2 is "Neither agree nor disagree".
    keys(&mut app, "2020");
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("( ) 1  Yes") && screen.contains("( ) 0  No"),
        "{screen}"
    );
    insta::assert_snapshot!("yes_no_item_80x24", screen);
    keys(&mut app, "1");
    keys(&mut app, "12");
    insta::assert_snapshot!("number_item_80x24", draw(&app, 80, 24));
    // Out of range: a calm hint, nothing saved, still on the question.
    press(&mut app, KeyCode::Enter);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("from 0 to 7"), "{screen}");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "4\r");
    assert!(!draw(&app, 80, 24).contains("from 0 to 7 days"));
}

#[test]
fn no_color_uses_no_colour_at_all() {
    let Fixture { _dir, mut app } = fixture(false, true);
    {
        let name = "home, check-in and results";
        for step in ["", "j\r", "\r", "\r", "5"] {
            keys(&mut app, step);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            terminal.draw(|f| render(f, &app)).expect("draw");
            for cell in terminal.backend().buffer().content() {
                assert_eq!(
                    cell.fg,
                    ratatui::style::Color::Reset,
                    "{name}: a foreground colour in NO_COLOR mode"
                );
                assert_eq!(
                    cell.bg,
                    ratatui::style::Color::Reset,
                    "{name}: a background colour in NO_COLOR mode"
                );
            }
        }
    }
}

#[test]
fn report_key_writes_a_private_html_report_and_says_where() {
    let mut f = fixture(true, true);
    press(&mut f.app, KeyCode::Char('r'));
    let path = f
        ._dir
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
            std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
            0o600
        );
    }
}
