//! recap at size: the streamed import of a whole export, and one person's
//! long history (every questionnaire every day for ten years) read by
//! `trends --json`, the report and the trends screen.
//!
//!     cargo bench --bench long                       # 20 people x 520 weeks; 1 person x 10 years daily
//!     cargo bench --bench long -- import             # only some
//!     RECAP_BENCH_PROFILES=2 RECAP_BENCH_DAILY_WEEKS=26 cargo test --benches   # smoke (CI)
//!
//! The import benchmark writes into temporary files of its own; the other
//! files are only read. Peak memory of the import at two sizes is measured
//! by `scripts/export-vs-sqlite3.sh`, which runs the real binary.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recap::config::Support;
use recap::instrument::Catalog;
use recap::report::{Format, ReportOptions};
use recap::store::{DumpFilter, ImportOptions, Store, StoreError};
use recap::timefmt::Zone;
use recap::trends::window::Window;
use recap::tui::app::App;
use recap::tui::render::render;
use recap::tui::theme::Theme;

fn now() -> DateTime<Utc> {
    common::synth::default_end() + chrono::Duration::days(1)
}

/// One person, every questionnaire every day, for `RECAP_BENCH_DAILY_WEEKS`
/// weeks (522 by default: ten years, 10,962 check-ins), `RECAP_BENCH_PER_DAY`
/// times a day (1; 9 gives 98,658 check-ins); made on first use.
fn daily() -> PathBuf {
    let number = |name: &str, default: usize| -> usize {
        std::env::var(name)
            .ok()
            .and_then(|w| w.parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(default)
    };
    let weeks = number("RECAP_BENCH_DAILY_WEEKS", 522);
    let per_day = number("RECAP_BENCH_PER_DAY", 1);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "bench-daily-1x{weeks}x{per_day}-seed{}-g1.db",
        common::SEED
    ));
    if !path.is_file() {
        let started = std::time::Instant::now();
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        {
            let store = Store::open(&tmp).expect("create the daily file");
            let mut plan = common::synth::Plan::new(1, weeks, common::SEED);
            plan.daily = true;
            plan.per_day = per_day;
            common::synth::generate(&store, &Catalog::bundled(), &plan, 1, |_, _| {})
                .expect("generate the daily history");
        }
        std::fs::rename(&tmp, &path).expect("move the daily file into place");
        eprintln!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// The whole export of the benchmark data, imported into a new file.
fn import(c: &mut Criterion) {
    let data = common::data();
    let dir = tempfile::tempdir().expect("tempdir");
    let export = dir.path().join("export.json");
    {
        let store = Store::open(&data.path).expect("open");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&export).expect("create"));
        recap::export::json::write(&store, &DumpFilter::default(), &mut out).expect("export");
    }
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    let mut n = 0;
    g.bench_function("json_export_into_new_file", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("imported-{n}.db"))
            },
            |db| {
                let summary = Store::create_with(&db, |store| {
                    recap::export::json::import_file(store, &export, &ImportOptions::default())
                        .map_err(|e| StoreError::Input(e.to_string()))
                })
                .expect("import")
                .expect("a new file");
                let _ = std::fs::remove_file(&db);
                black_box(summary)
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("json_export_to_file_anchor", |b| {
        let store = Store::open(&data.path).expect("open");
        b.iter(|| {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&export).expect("create"));
            recap::export::json::write(&store, &DumpFilter::default(), &mut out).expect("export");
        })
    });
    g.finish();
}

/// One person's ten daily years: `trends --json`, the report, the trends
/// screen's first draw and a redraw.
fn long_history(c: &mut Criterion) {
    let path = daily();
    let catalog = Catalog::bundled();
    let mut g = c.benchmark_group("long_history");
    g.sample_size(10);
    g.bench_function("trends_json_daily_10y", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            let person = common::busiest_profile(&store);
            let local = Zone::Utc.at(now()).naive_local();
            let mut out = Vec::new();
            for id in recap::trends::series::with_data(&store, &catalog, person.id).expect("ids") {
                let trend =
                    recap::trends::series::load(&store, &catalog, person.id, &id, Zone::Utc)
                        .expect("load")
                        .expect("a trend");
                out.push(recap::trends::table::json(&trend, Window::All, local));
            }
            black_box(serde_json::to_string_pretty(&out).expect("json"))
        })
    });
    g.bench_function("report_markdown_daily_10y", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("open");
            let person = common::busiest_profile(&store);
            let options = ReportOptions {
                since: None,
                now: now(),
                zone: Zone::Utc,
                support: Support::default(),
            };
            let report = recap::report::build(&store, &catalog, &person, &options).expect("report");
            recap::report::render(&report, Format::Markdown, &mut std::io::sink()).expect("render");
        })
    });
    g.bench_function("tui_trends_first_draw_daily_10y_80x24", |b| {
        b.iter(|| {
            let app = trends_app(&path);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            terminal.draw(|f| render(f, &app)).expect("draw");
            black_box(terminal)
        })
    });
    let app = trends_app(&path);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    g.bench_function("tui_trends_redraw_daily_10y_80x24", |b| {
        b.iter(|| {
            terminal.draw(|f| render(f, &app)).expect("draw");
        })
    });
    g.finish();
}

/// The app opened on the busiest person's trends, every check-in shown.
fn trends_app(path: &Path) -> App {
    let store = Store::open(path).expect("open");
    let person = common::busiest_profile(&store);
    let mut app = App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        person,
        Theme::new(true),
        Zone::Utc,
        now(),
    )
    .expect("app");
    app.close_dialog();
    app.open_trends(None, Window::All).expect("trends");
    app
}

criterion_group!(benches, import, long_history);
criterion_main!(benches);
