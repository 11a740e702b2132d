//! Helpers for the tests beside each screen: an app on a fresh file with a
//! fixed "now", keys typed as a person would, and the screen drawn on
//! ratatui's `TestBackend` as text (and with reverse-video marks).
#![allow(clippy::unwrap_used, dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::app::App;
use super::render::render;
use super::theme::Theme;
use crate::config::Support;
use crate::instrument::{AnswerValue, Answers, Catalog};
use crate::store::Store;
use crate::timefmt::Zone;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

pub fn noon(day: u32, month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 12, 0, 0).unwrap()
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub app: App,
}

/// An app on an empty file, or with BARC-10 on 3 and 17 Nov and WHO-5
/// (with a counselor) on 20 Nov.
pub fn fixture(color: bool, history: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("recap.db")).unwrap();
    let catalog = Catalog::bundled();
    let profile = store.default_profile(now()).unwrap();
    if history {
        for (day, values) in [
            (3, [4, 4, 3, 4, 4, 4, 3, 5, 4, 4]),
            (17, [5, 5, 4, 5, 5, 5, 4, 5, 5, 5]),
        ] {
            record(
                &store,
                &catalog,
                profile.id,
                "barc-10",
                &values.map(Some),
                noon(day, 11),
                false,
            );
        }
        record(
            &store,
            &catalog,
            profile.id,
            "who-5",
            &[Some(3); 5],
            noon(20, 11),
            true,
        );
    }
    let app = app_on(store, catalog, profile, color);
    Fixture { dir, app }
}

/// The app on this file, in colour or not, "now" fixed, dates in UTC.
pub fn app_on(store: Store, catalog: Catalog, profile: crate::store::Profile, color: bool) -> App {
    App::new(
        store,
        catalog,
        Support::default(),
        profile,
        Theme::new(color),
        Zone::Utc,
        now(),
    )
    .unwrap()
}

/// Stores a completed check-in with these values in item order (None: skipped).
pub fn record(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    id: &str,
    values: &[Option<i64>],
    at: DateTime<Utc>,
    with_counselor: bool,
) {
    let loaded = catalog.get(id).unwrap();
    let answers: Answers = loaded
        .instrument
        .items
        .iter()
        .zip(values)
        .filter_map(|(i, v)| v.map(|v| (i.id.clone(), AnswerValue::Number(v))))
        .collect();
    store
        .record_session(profile_id, loaded, &answers, at, with_counselor)
        .unwrap();
}

/// Stores a completed check-in (alone) for the person whose data is open.
pub fn record_here(f: &Fixture, id: &str, values: &[Option<i64>], at: DateTime<Utc>) {
    let app = &f.app;
    record(
        &app.ctx.store,
        &app.ctx.catalog,
        app.ctx.profile.id,
        id,
        values,
        at,
        false,
    );
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn press(app: &mut App, code: KeyCode) {
    app.key(key(code)).unwrap();
}

/// Types `s`: "\r" is Enter, "\t" Tab, "\x1b" Esc, the rest characters.
pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        press(app, code);
    }
}

pub fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// Row `y` of the buffer, without trailing spaces.
fn row_text(buf: &Buffer, y: u16) -> String {
    let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    line.trim_end().to_string()
}

pub fn text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y) + "\n")
        .collect()
}

pub fn draw(app: &App, w: u16, h: u16) -> String {
    text(&buffer(app, w, h))
}

/// The text with a line of `^` under reverse-video cells.
pub fn text_marking_reverse(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        out.push_str(&row_text(buf, y));
        out.push('\n');
        let marks: String = (0..area.width)
            .map(|x| {
                if buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                    '^'
                } else {
                    ' '
                }
            })
            .collect();
        if marks.contains('^') {
            out.push_str(marks.trim_end());
            out.push('\n');
        }
    }
    out
}

/// No cell has a colour (NO_COLOR).
pub fn assert_no_colour(buf: &Buffer, name: &str) {
    for cell in buf.content() {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "{name}: a colour with NO_COLOR: {cell:?}"
        );
    }
}

/// The row of the screen holding `needle`, and its line.
pub fn row_of(buf: &Buffer, needle: &str) -> Option<u16> {
    let t = text(buf);
    t.lines().position(|l| l.contains(needle)).map(|y| y as u16)
}

/// The notes of the person whose data is open.
pub fn stored_notes(app: &App) -> Vec<crate::store::Note> {
    app.ctx.store.notes(app.ctx.profile.id).unwrap()
}

/// Another connection's write transaction (the lock a long import holds);
/// the app waits only 20 ms for it.
pub fn block_writes(f: &Fixture) -> rusqlite::Connection {
    f.app
        .ctx
        .store
        .set_busy_timeout(std::time::Duration::from_millis(20))
        .unwrap();
    let conn = rusqlite::Connection::open(f.dir.path().join("recap.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

/// A goal (health) with these steps for the person whose data is open; its id.
pub fn add_goal(f: &Fixture, text: &str, steps: &[&str]) -> String {
    f.app
        .ctx
        .store
        .add_goal(
            f.app.ctx.profile.id,
            &crate::store::NewGoal {
                text: text.into(),
                dimension: Some(crate::plan::Dimension::Health),
                steps: steps.iter().map(|s| s.to_string()).collect(),
                ..crate::store::NewGoal::default()
            },
            now(),
        )
        .unwrap()
        .id
}

/// The weekly check-in answered (4 each, the reflection passed) and submitted.
pub fn finish_weekly(f: &mut Fixture, answers: &str) {
    keys(&mut f.app, "\r\r");
    keys(&mut f.app, answers);
    press(&mut f.app, KeyCode::Tab);
    press(&mut f.app, KeyCode::Enter);
}
