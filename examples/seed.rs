//! Fills a new recap database with realistic synthetic data, for trying
//! recap at scale and for the benchmarks:
//!
//!     cargo run --release --example seed -- --db /tmp/recap-big.db --profiles 500 --weeks 520
//!
//! A long history: one person, every questionnaire every day for ten years
//! (10,962 check-ins; with `--per-day 9`, 98,658):
//!
//!     cargo run --release --example seed -- --db /tmp/recap-daily.db --profiles 1 --weeks 522 --daily
//!
//! Every bundled questionnaire at its own cadence (the weekly check-in each
//! week, WHO-5 every two weeks, BARC-10 every four), with a slowly changing
//! level per person, seasonal swings, setbacks and noise; some skipped
//! optional items, reflections now and then, counselor notes, a few
//! discarded and unfinished check-ins. The same --seed gives the same file.

#[path = "../benches/common/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use recap::instrument::Catalog;
use recap::store::Store;

#[derive(Parser)]
#[command(about = "Write synthetic check-ins into a new recap database")]
struct Args {
    /// The database to create (must not exist yet).
    #[arg(long)]
    db: PathBuf,
    /// How many people.
    #[arg(long, default_value_t = 500)]
    profiles: usize,
    /// How many weeks of check-ins per person.
    #[arg(long, default_value_t = 520)]
    weeks: usize,
    /// The seed; the same seed (and sizes) gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// People per transaction.
    #[arg(long, default_value_t = 25)]
    chunk: usize,
    /// Every questionnaire every day, rather than each at its own cadence.
    #[arg(long)]
    daily: bool,
    /// With --daily: check-ins of each questionnaire per day.
    #[arg(long, default_value_t = 1)]
    per_day: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.db.exists() {
        eprintln!(
            "seed: {} already exists; remove it or choose another --db",
            args.db.display()
        );
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let store = match Store::open(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("seed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let catalog = Catalog::bundled();
    let mut plan = synth::Plan::new(args.profiles, args.weeks, args.seed);
    plan.daily = args.daily;
    plan.per_day = args.per_day;
    let result = synth::generate(&store, &catalog, &plan, args.chunk, |done, t| {
        eprintln!(
            "  {done}/{} people, {} sessions, {} answers ({:.1} s)",
            args.profiles,
            t.sessions,
            t.answers,
            started.elapsed().as_secs_f64()
        );
    });
    let totals = match result {
        Ok(t) => t,
        Err(e) => {
            eprintln!("seed: {e}");
            return ExitCode::FAILURE;
        }
    };
    drop(store);
    let size = std::fs::metadata(&args.db).map(|m| m.len()).unwrap_or(0);
    println!(
        "Wrote {} people, {} sessions, {} answers, {} notes to {} ({:.0} MB) in {:.1} s.",
        totals.profiles,
        totals.sessions,
        totals.answers,
        totals.notes,
        args.db.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
