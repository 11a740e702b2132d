//! The same reads and writes as `data`, on an encrypted copy of its data
//! file (SQLCipher), to set beside the plain figures:
//!
//!     cargo bench --bench encrypted
//!     RECAP_BENCH_DB=/tmp/recap-big.db cargo bench --bench encrypted
//!
//! The encrypted copy is made once per run in a temporary folder (the data
//! file itself is only read). Opening includes deriving the key from the
//! passphrase (PBKDF2, SQLCipher's default cost), which every new process
//! pays once.

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use recap::instrument::{AnswerValue, Catalog};
use recap::store::{Passphrase, SessionQuery, Store};
use zeroize::Zeroizing;

const WEEKLY: &str = "samhsa-dimensions";

fn key() -> Passphrase {
    Passphrase::new(Zeroizing::new("benchmark passphrase".into())).expect("passphrase")
}

fn now() -> chrono::DateTime<chrono::Utc> {
    common::synth::default_end() + chrono::Duration::days(1)
}

fn encrypted(c: &mut Criterion) {
    let data = common::data();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("encrypted.db");
    let started = std::time::Instant::now();
    Store::open(&data.path)
        .expect("open the data file")
        .backup_to(&path, false)
        .expect("copy");
    Store::open(&path)
        .expect("open the copy")
        .rewrite(Some(&key()))
        .expect("encrypt the copy");
    eprintln!(
        "copied and encrypted the data file in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let key = key();
    let store = Store::open_keyed(&path, Some(&key)).expect("open encrypted");
    assert!(store.is_encrypted());
    let person = common::busiest_profile(&store);
    let catalog = Catalog::bundled();
    let all = SessionQuery::default();

    let mut g = c.benchmark_group("encrypted");
    g.bench_function("trend_series_520_weekly", |b| {
        b.iter(|| black_box(store.score_series(person.id, WEEKLY, &all).expect("series")))
    });
    g.bench_function("trend_series_520_weekly_new_connection", |b| {
        b.iter_batched(
            || Store::open_keyed(&path, Some(&key)).expect("open"),
            |fresh| black_box(fresh.score_series(person.id, WEEKLY, &all).expect("series")),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("open_with_passphrase", |b| {
        b.iter(|| black_box(Store::open_keyed(&path, Some(&key)).expect("open")))
    });
    g.bench_function("home_summaries_one_person", |b| {
        b.iter(|| {
            black_box(recap::trends::summaries(&store, &catalog, person.id, now()).expect("home"))
        })
    });
    g.finish();

    // One answer saved durably on an encrypted file of its own.
    let save_path = dir.path().join("save.db");
    Store::open(&save_path)
        .expect("create")
        .rewrite(Some(&key))
        .expect("encrypt");
    let store = Store::open_keyed(&save_path, Some(&key)).expect("open");
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
    c.bench_function("encrypted/save_one_answer_durably", |b| {
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

criterion_group!(benches, encrypted);
criterion_main!(benches);
