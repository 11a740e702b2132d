//! The data the benchmarks read: the big file named by `RECAP_BENCH_DB`
//! (made with `examples/seed.rs`), or else a smaller generated one, made on
//! first use and kept under `target/tmp/` for later runs.

#![allow(dead_code)]

pub mod synth;

use std::path::{Path, PathBuf};

use recap::instrument::Catalog;
use recap::store::Store;

/// The small data set: 20 people with ten years each (18,000 sessions), so
/// one person's series is as long as in the big file.
pub const SMALL_PROFILES: usize = 20;
pub const SMALL_WEEKS: usize = 520;
pub const SEED: u64 = 1;

/// Bump when the generator's output changes, so an old cached file is not reused.
const GENERATOR_VERSION: u32 = 1;

pub struct Data {
    pub path: PathBuf,
    /// What the figures are about, printed once.
    pub label: String,
}

/// The file to benchmark against. Benchmarks only read it.
pub fn data() -> Data {
    if let Some(path) = std::env::var_os("RECAP_BENCH_DB").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "RECAP_BENCH_DB={} does not exist; make it with `cargo run --release --example seed -- --db {}`",
            path.display(),
            path.display()
        );
        let label = format!("RECAP_BENCH_DB={}", path.display());
        eprintln!("benchmark data: {label}");
        return Data { path, label };
    }
    // Fewer people for a quick smoke run (`RECAP_BENCH_PROFILES=2`).
    let profiles = std::env::var("RECAP_BENCH_PROFILES")
        .ok()
        .and_then(|p| p.parse().ok())
        .filter(|p| *p > 0)
        .unwrap_or(SMALL_PROFILES);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!(
        "bench-{profiles}x{SMALL_WEEKS}-seed{SEED}-g{GENERATOR_VERSION}.db"
    ));
    if !path.is_file() {
        generate(&path, profiles, SMALL_WEEKS);
    }
    let label = format!(
        "generated {profiles} people x {SMALL_WEEKS} weeks ({}); set RECAP_BENCH_DB for the big file",
        path.display()
    );
    eprintln!("benchmark data: {label}");
    Data { path, label }
}

/// Writes a generated data set to `path` (through a temporary name, so an
/// interrupted run leaves nothing half made).
pub fn generate(path: &Path, profiles: usize, weeks: usize) {
    let started = std::time::Instant::now();
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    {
        let store = Store::open(&tmp).expect("create the benchmark database");
        let plan = synth::Plan::new(profiles, weeks, SEED);
        synth::generate(&store, &Catalog::bundled(), &plan, 25, |_, _| {})
            .expect("generate benchmark data");
    }
    std::fs::rename(&tmp, path).expect("move the benchmark database into place");
    eprintln!(
        "generated {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
}

/// The person whose series the benchmarks read (ten years, never unfinished).
pub fn busiest_profile(store: &Store) -> recap::store::Profile {
    store
        .profile_by_name(&synth::profile_name(0))
        .expect("read profiles")
        .expect("the generated data has its first person")
}
