//! recap with data: reading one person's trends, the home screen and the
//! people picker, drawing screens, exporting everything, and saving one
//! answer durably.
//!
//!     cargo bench --bench data                                  # a generated 20-person file
//!     RECAP_BENCH_DB=/tmp/recap-big.db cargo bench --bench data  # the 500 x 520 file
//!     cargo bench --bench data -- render                         # only some
//!
//! The data file is only read (the app is never moved off its first
//! screens by a key that writes); the save benchmark and the check-in
//! screen use a temporary file of their own.

mod common;

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recap::config::Support;
use recap::instrument::{AnswerValue, Catalog};
use recap::store::{DumpFilter, SessionQuery, Store};
use recap::timefmt::Zone;
use recap::tui::app::App;
use recap::tui::render::render;
use recap::tui::screens::home::Home;
use recap::tui::screens::people::People;
use recap::tui::theme::Theme;

const WEEKLY: &str = "samhsa-dimensions";

fn now() -> DateTime<Utc> {
    common::synth::default_end() + chrono::Duration::days(1)
}

/// The app as `recap` opens it: on the first person, then on the picker
/// when there are several.
fn open_app(path: &std::path::Path) -> App {
    let store = Store::open(path).expect("open the data file");
    let active = store.profiles(false).expect("profiles");
    let profile = active.first().cloned().expect("a profile");
    let many = active.len() > 1;
    let mut app = App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        profile,
        Theme::new(true),
        Zone::Utc,
        now(),
    )
    .expect("app");
    if many {
        app.show_profiles().expect("picker");
    }
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
        .expect("key");
}

fn store_reads(c: &mut Criterion) {
    let data = common::data();
    let store = Store::open(&data.path).expect("open");
    let person = common::busiest_profile(&store);
    let catalog = Catalog::bundled();
    let all = SessionQuery::default();
    let weekly = store.score_series(person.id, WEEKLY, &all).expect("series");
    assert!(weekly.len() >= 500, "{} weekly points", weekly.len());

    let mut g = c.benchmark_group("store");
    g.bench_function("trend_series_520_weekly", |b| {
        b.iter(|| black_box(store.score_series(person.id, WEEKLY, &all).expect("series")))
    });
    // As in a new process: SQLite's page cache empty (the system's is warm).
    g.bench_function("trend_series_520_weekly_new_connection", |b| {
        b.iter_batched(
            || Store::open(&data.path).expect("open"),
            |fresh| black_box(fresh.score_series(person.id, WEEKLY, &all).expect("series")),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("home_summaries_one_person", |b| {
        b.iter(|| {
            black_box(recap::trends::summaries(&store, &catalog, person.id, now()).expect("home"))
        })
    });
    g.bench_function("completed_sessions_one_questionnaire", |b| {
        let q = SessionQuery {
            questionnaire_id: Some(WEEKLY.into()),
            ..SessionQuery::default()
        };
        b.iter(|| black_box(store.sessions(person.id, &q).expect("sessions")))
    });
    g.finish();

    let app = open_app(&data.path);
    let mut g = c.benchmark_group("app");
    g.bench_function("load_home", |b| {
        b.iter(|| black_box(Home::load(&app.ctx).expect("home")))
    });
    g.bench_function("load_people_picker", |b| {
        b.iter(|| black_box(People::load(&app.ctx).expect("picker")))
    });
    // Everything `recap` does before its first frame, in one process.
    g.bench_function("start_to_first_frame_in_process", |b| {
        b.iter(|| {
            let app = open_app(&data.path);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|f| render(f, &app)).expect("draw");
            black_box(terminal)
        })
    });
    g.finish();
}

fn render_screens(c: &mut Criterion) {
    let data = common::data();
    let mut app = open_app(&data.path);
    let mut g = c.benchmark_group("render");
    let frame = |g: &mut criterion::BenchmarkGroup<'_, _>, name: &str, app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        g.bench_function(name, |b| {
            b.iter(|| {
                terminal.draw(|f| render(f, app)).expect("draw");
            })
        });
    };
    if app.screen::<People>().is_some() {
        frame(&mut g, "people_picker_120x40", &app);
    }
    let person = common::busiest_profile(&app.ctx.store);
    app.open_profile(person).expect("open person");
    app.close_dialog();
    frame(&mut g, "home_120x40", &app);
    app.show_notes(None).expect("notes");
    frame(&mut g, "notes_120x40", &app);

    // A check-in question, on a file of its own (starting one writes).
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("checkin.db")).expect("open");
    let profile = store.default_profile(now()).expect("profile");
    let mut checkin = App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        profile,
        Theme::new(true),
        Zone::Utc,
        now(),
    )
    .expect("app");
    checkin.check_in(WEEKLY).expect("check-in");
    for _ in 0..3 {
        if checkin.in_check_in() && checkin.dialog_page().is_none() {
            break;
        }
        press(&mut checkin, KeyCode::Enter);
    }
    assert!(checkin.in_check_in(), "the check-in screen is showing");
    frame(&mut g, "checkin_question_120x40", &checkin);
    g.finish();
}

fn export(c: &mut Criterion) {
    let data = common::data();
    let store = Store::open(&data.path).expect("open");
    let all = DumpFilter::default();
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("csv_answers_to_sink", |b| {
        b.iter(|| recap::export::csv::write_answers(&store, &all, std::io::sink()).expect("csv"))
    });
    g.bench_function("csv_scores_to_sink", |b| {
        b.iter(|| recap::export::csv::write_scores(&store, &all, std::io::sink()).expect("csv"))
    });
    g.bench_function("json_to_sink", |b| {
        b.iter(|| recap::export::json::write(&store, &all, &mut std::io::sink()).expect("json"))
    });
    g.finish();
}

/// One answer saved durably (WAL, synchronous=FULL: on disk when it returns),
/// as during a check-in, on a temporary file.
fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("save.db")).expect("open");
    let catalog = Catalog::bundled();
    let loaded = catalog.get(WEEKLY).expect("weekly check-in");
    let profile = store.default_profile(now()).expect("profile");
    let session = store
        .start_session(profile.id, loaded, false, now())
        .expect("start");
    let items: Vec<String> = loaded
        .instrument
        .items
        .iter()
        .filter(|i| i.is_numeric())
        .map(|i| i.id.clone())
        .collect();
    let mut n = 0usize;
    c.bench_function("store/save_one_answer_durably", |b| {
        b.iter(|| {
            n += 1;
            let item = &items[n % items.len()];
            let value = AnswerValue::Number((n % 5) as i64);
            store
                .save_answer(&session.id, item, &value, now())
                .expect("save");
        })
    });
}

criterion_group!(benches, store_reads, render_screens, save, export);
criterion_main!(benches);
