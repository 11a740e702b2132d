//! Where the app's start-up time goes, step by step, in one process (the
//! same steps as `recap` before its first frame, drawn on a TestBackend),
//! with the time on a CPU and waiting for one (Linux schedstat) beside the
//! wall time, so that a busy machine does not hide what recap itself costs:
//!
//!     cargo run --release --example phases -- --db /tmp/recap-big.db

use std::path::PathBuf;
use std::time::Instant;

use chrono::Utc;
use clap::Parser;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recap::config::Support;
use recap::instrument::Catalog;
use recap::store::Store;
use recap::timefmt::Zone;
use recap::tui::app::App;
use recap::tui::theme::Theme;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    db: PathBuf,
    /// Also time each questionnaire's series and the last check-ins of a
    /// few people (first read, then again).
    #[arg(long)]
    series: bool,
    /// Print the first frame, and the first person's home, as text.
    #[arg(long)]
    show: bool,
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn main() {
    let args = Args::parse();
    let t = Instant::now();
    let mut last = t;
    let mut last_sched = schedstat();
    println!(
        "{:<32} {:>9} {:>9} {:>9}  {:>9}",
        "step (ms)", "wall", "on CPU", "waiting", "total"
    );
    let mut step = |name: &str| {
        let now = Instant::now();
        let sched = schedstat();
        let (cpu, wait) = match (sched, last_sched) {
            (Some((c1, w1)), Some((c0, w0))) => (
                format!("{:.2}", (c1 - c0) as f64 / 1e6),
                format!("{:.2}", (w1 - w0) as f64 / 1e6),
            ),
            _ => ("-".into(), "-".into()),
        };
        println!(
            "{name:<32} {:9.2} {cpu:>9} {wait:>9}  {:9.2}",
            (now - last).as_secs_f64() * 1e3,
            (now - t).as_secs_f64() * 1e3
        );
        last = now;
        last_sched = sched;
    };
    let catalog = Catalog::bundled();
    step("load questionnaires");
    let store = Store::open(&args.db).expect("open");
    step("open the database");
    let now = Utc::now();
    let active = store.profiles(false).expect("profiles");
    step("list profiles");
    if args.series {
        series_timing(&store);
    }
    let profile = active.first().cloned().expect("a profile");
    let many = active.len() > 1;
    let mut app = App::new(
        store,
        catalog,
        Support::default(),
        profile,
        Theme::new(true),
        Zone::Utc,
        now,
    )
    .expect("app");
    step("App::new (first person's home)");
    if many {
        app.show_profiles().expect("picker");
        step("people picker");
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|f| recap::tui::render::render(f, &app))
        .expect("draw");
    step("first frame (TestBackend)");
    terminal
        .draw(|f| recap::tui::render::render(f, &app))
        .expect("draw");
    step("second frame");
    if args.show {
        print!("{}", screen_text(&terminal));
        if many {
            let first = app.ctx.store.profiles(false).expect("profiles");
            app.open_profile(first[0].clone()).expect("home");
            app.close_dialog();
            terminal
                .draw(|f| recap::tui::render::render(f, &app))
                .expect("draw");
            print!("{}", screen_text(&terminal));
        }
    }
}

/// Nanoseconds this thread has run on a CPU and waited for one (Linux).
fn schedstat() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().ok());
    Some((fields.next()??, fields.next()??))
}

fn series_timing(store: &Store) {
    use recap::store::SessionQuery;
    let profiles = store.profiles(false).expect("profiles");
    let picked: Vec<i64> = [0, profiles.len() / 2, profiles.len().saturating_sub(1)]
        .iter()
        .filter_map(|&i| profiles.get(i).map(|p| p.id))
        .collect();
    for round in ["first read", "again"] {
        for &pid in &picked {
            for q in ["samhsa-dimensions", "who-5", "barc-10"] {
                let t = Instant::now();
                let s = store
                    .score_series(pid, q, &SessionQuery::default())
                    .expect("series");
                println!(
                    "  {round:<10} profile {pid:>4} {q:<18} {:>4} points {:7.3} ms",
                    s.len(),
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
            let t = Instant::now();
            let l = store.last_completed(pid).expect("last");
            println!(
                "  {round:<10} profile {pid:>4} last check-ins     {:>4} rows   {:7.3} ms",
                l.len(),
                t.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}
