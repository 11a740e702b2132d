//! Questionnaires without a database: loading and validating the bundled
//! files, and scoring one check-in with the one scoring function.
//!
//!     cargo bench --bench questionnaires

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use recap::instrument::load::parse_str;
use recap::instrument::{AnswerValue, Answers, Catalog, score};

fn answers_for(catalog: &Catalog, id: &str) -> Answers {
    let loaded = catalog.get(id).expect("bundled questionnaire");
    loaded
        .instrument
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let value = match item.value_range() {
                Some((min, max)) => AnswerValue::Number(min + (i as i64 % (max - min + 1))),
                None => AnswerValue::Text("A steady week.".into()),
            };
            (item.id.clone(), value)
        })
        .collect()
}

fn load(c: &mut Criterion) {
    c.bench_function("questionnaires/load_and_validate_bundled", |b| {
        b.iter(|| {
            let catalog = Catalog::bundled();
            assert!(catalog.problems.is_empty());
            black_box(catalog)
        })
    });
    let catalog = Catalog::bundled();
    for loaded in catalog.iter() {
        let name = format!("questionnaires/parse_{}", loaded.instrument.id);
        c.bench_function(&name, |b| {
            b.iter(|| black_box(parse_str("bench", black_box(&loaded.source)).expect("valid")))
        });
    }
}

fn scoring(c: &mut Criterion) {
    let catalog = Catalog::bundled();
    for id in ["samhsa-dimensions", "barc-10", "who-5"] {
        let loaded = catalog.get(id).expect("bundled questionnaire");
        let mut answers = answers_for(&catalog, id);
        c.bench_function(&format!("score/{id}"), |b| {
            b.iter(|| black_box(score(&loaded.instrument, black_box(&answers))))
        });
        // With a skipped item (the missing-answer rule).
        if let Some(first) = loaded.instrument.items.first() {
            answers.remove(&first.id);
        }
        c.bench_function(&format!("score/{id}_one_skipped"), |b| {
            b.iter(|| black_box(score(&loaded.instrument, black_box(&answers))))
        });
    }
}

criterion_group!(benches, load, scoring);
criterion_main!(benches);
