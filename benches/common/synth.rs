//! Synthetic recap data: many people, years of check-ins, with trends and
//! noise per person. Shared by `examples/seed.rs` and the benchmarks.
//!
//! Everything is written through the store's own import
//! (`Store::import_dump`): it checks every record and caches scores with the
//! one scoring function, exactly as for a real import. Output depends only
//! on the plan (profiles, weeks, seed, end date): ids come from the seeded
//! generator, not from the clock or the system's randomness.

#![allow(dead_code)]

use std::f64::consts::TAU;

use chrono::{DateTime, Duration, TimeZone, Utc};
use recap::instrument::{AnswerValue, Catalog, Instrument, Loaded, Response};
use recap::store::{
    Dump, DumpAnswer, DumpNote, DumpProfile, DumpSession, DumpSnapshot, Status, Store, StoreResult,
    timestamp,
};

/// SplitMix64: tiny, fast, good enough for synthetic data, and stable
/// across platforms and crate versions.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// An independent stream for one part of the data (a person, say).
    pub fn fork(seed: u64, stream: u64) -> Rng {
        let mut r = Rng::new(seed.wrapping_add(stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Standard normal (Box-Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.f64().max(1e-12);
        let u2 = self.f64();
        (-2.0 * u1.ln()).sqrt() * (TAU * u2).cos()
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A random (version 4) UUID from this generator.
    pub fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub profiles: usize,
    pub weeks: usize,
    pub seed: u64,
    /// The last week ends here; the first starts `weeks` weeks earlier.
    pub end: DateTime<Utc>,
    /// Every questionnaire every day (`per_day` times a day) rather than at
    /// its own cadence: the long histories (`seed --daily`).
    pub daily: bool,
    pub per_day: usize,
}

impl Plan {
    pub fn new(profiles: usize, weeks: usize, seed: u64) -> Plan {
        Plan {
            profiles,
            weeks,
            seed,
            end: default_end(),
            daily: false,
            per_day: 1,
        }
    }
}

/// The fixed default end date, so that a seed always gives the same file.
pub fn default_end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH)
}

/// How much was written.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub profiles: usize,
    pub sessions: usize,
    pub answers: usize,
    pub notes: usize,
}

const FIRST_NAMES: &[&str] = &[
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn",
    "Robin", "Drew", "Charlie", "Skyler", "Dana", "Jesse", "Kai", "Reese", "Rowan", "Sage",
    "Emerson", "Finley", "Hayden", "Kendall", "Logan", "Parker", "Peyton", "Remy", "Shawn", "Toni",
    "Maria", "José", "Aisha", "Wei", "Priya", "Mateo", "Fatima", "Liam", "Noor", "Chloé",
];

const REFLECTIONS: &[&str] = &[
    "Good week. Went to two meetings and called my sponsor.",
    "Hard week at work, but I kept to my plan.",
    "Slept badly; stress about money.",
    "Saw my kids on Sunday, which felt great.",
    "Started the new job; nervous, but proud of myself.",
    "Cravings on Friday night. Talked it through with a friend instead.",
    "Moved into the new flat, finally somewhere quiet.",
    "Felt lonely most of the week.",
    "Volunteered at the food bank, \"best day in ages\".",
    "Doctor's appointment went well, blood pressure down.",
    "Argument with my partner; we sorted it out.",
    "Not much to say. Steady.",
    "Birthday week: dinner with family, no drinking.",
    "Missed the group on Tuesday, will go next week.",
    "Running again: 3 times this week!",
    "Lost my temper with a colleague, apologised the next day.\nLearned something from it.",
];

const NOTES: &[&str] = &[
    "Discussed housing options; follow up with the landlord.",
    "Reviewed goals for the next month: sleep, exercise, one meeting a week.",
    "Client reports a lapse last weekend; safety plan reviewed, no immediate risk.",
    "Referred to the employment support service.",
    "Good progress; reduce sessions to every other week?",
    "Family session planned for next month.",
    "Talked about triggers at work. Practise the breathing exercise.",
    "Client prefers to do the check-in alone from now on.",
];

/// A person's slowly changing recovery capital and their way of answering.
struct Person {
    rng: Rng,
    /// Latent level in [0, 1] at the start, change per year, seasonal swing.
    base: f64,
    slope: f64,
    swing: f64,
    phase: f64,
    /// AR(1) state of week-to-week noise.
    noise: f64,
    /// A setback: (week it starts, depth, length in weeks).
    setbacks: Vec<(usize, f64, usize)>,
    /// Per-item leaning (some things are always easier than others).
    leaning: Vec<f64>,
    weekday: i64,
    hour: i64,
    counselor: bool,
}

impl Person {
    fn new(mut rng: Rng, weeks: usize) -> Person {
        let setbacks = (0..(weeks / 100 + rng.below(3) as usize))
            .map(|_| {
                (
                    rng.below(weeks.max(1) as u64) as usize,
                    rng.range(0.1, 0.35),
                    4 + rng.below(20) as usize,
                )
            })
            .collect();
        let leaning = (0..64).map(|_| rng.normal() * 0.08).collect();
        Person {
            base: rng.range(0.25, 0.7),
            slope: rng.normal() * 0.04 + 0.02,
            swing: rng.range(0.0, 0.08),
            phase: rng.range(0.0, TAU),
            noise: 0.0,
            setbacks,
            leaning,
            weekday: rng.below(7) as i64,
            hour: 8 + rng.below(12) as i64,
            counselor: rng.chance(0.5),
            rng,
        }
    }

    /// The latent level in week `w` (also advances the noise).
    fn level(&mut self, w: usize) -> f64 {
        self.noise = 0.8 * self.noise + 0.05 * self.rng.normal();
        let years = w as f64 / 52.0;
        let mut level = self.base
            + self.slope * years
            + self.swing * (TAU * years + self.phase).sin()
            + self.noise;
        for &(start, depth, length) in &self.setbacks {
            if w >= start && w < start + length {
                // Sharp drop, slow recovery.
                let into = (w - start) as f64 / length as f64;
                level -= depth * (1.0 - into);
            }
        }
        level.clamp(0.0, 1.0)
    }

    fn answers(
        &mut self,
        instrument: &Instrument,
        level: f64,
        started: DateTime<Utc>,
        complete: bool,
    ) -> (Vec<DumpAnswer>, DateTime<Utc>) {
        let mut at = started;
        let mut out = Vec::with_capacity(instrument.items.len());
        // An unfinished check-in stops part way through.
        let stop = if complete {
            instrument.items.len()
        } else {
            1 + self.rng.below(instrument.items.len().max(1) as u64) as usize
        };
        for (i, item) in instrument.items.iter().enumerate().take(stop) {
            at += Duration::seconds(5 + self.rng.below(40) as i64);
            let skip_chance = if matches!(item.response, Response::Text) {
                0.7
            } else {
                0.04
            };
            if !item.required && self.rng.chance(skip_chance) {
                continue;
            }
            let lean = self.leaning[i % self.leaning.len()];
            let frac = (level + lean + 0.12 * self.rng.normal()).clamp(0.0, 1.0);
            let value = match &item.response {
                Response::Text => AnswerValue::Text((*self.rng.pick(REFLECTIONS)).to_string()),
                Response::YesNo => AnswerValue::Number(i64::from(self.rng.chance(frac))),
                _ => {
                    let (min, max) = item.value_range().unwrap_or((0, 1));
                    let frac = if item.reverse { 1.0 - frac } else { frac };
                    let v = min + (frac * (max - min) as f64).round() as i64;
                    let v = v.clamp(min, max);
                    // Choice scales may have gaps: take the nearest option.
                    let v = match &item.response {
                        Response::Choice { options, .. } => options
                            .iter()
                            .map(|o| o.value)
                            .min_by_key(|o| (o - v).abs())
                            .unwrap_or(v),
                        _ => v,
                    };
                    AnswerValue::Number(v)
                }
            };
            out.push(DumpAnswer {
                item_id: item.id.clone(),
                value,
                answered_at: timestamp(at),
            });
        }
        (out, at)
    }
}

/// Every `period` weeks, from week `offset`: the cadence of a questionnaire.
fn period_weeks(instrument: &Instrument) -> usize {
    match instrument.due_days {
        Some(days) => ((f64::from(days) / 7.0).round() as usize).max(1),
        None => 4,
    }
}

/// One person's profile, check-ins and notes.
fn person_dump(
    plan: &Plan,
    index: usize,
    name: String,
    catalog: &[&Loaded],
    dump: &mut Dump,
) -> usize {
    let mut rng = Rng::fork(plan.seed, index as u64);
    let profile_uuid = rng.uuid();
    let mut person = Person::new(rng.clone(), plan.weeks);
    let first = plan.end - Duration::weeks(plan.weeks as i64);
    dump.profiles.push(DumpProfile {
        uuid: profile_uuid.clone(),
        name,
        created_at: timestamp(first - Duration::days(1 + rng.below(10) as i64)),
        archived_at: None,
        counselor_default: person.counselor,
        client_id: None,
    });
    // About one person in twenty left a check-in unfinished last week (never
    // the first person, whose series the benchmarks read).
    let unfinished_last = index > 0 && rng.chance(0.05);
    let phases: Vec<usize> = catalog
        .iter()
        .map(|l| rng.below(period_weeks(&l.instrument) as u64) as usize)
        .collect();
    let mut answers = 0;
    // A step is a week, or with `daily` a part of a day.
    let per_day = plan.per_day.max(1);
    let (steps, step, per_week) = if plan.daily {
        (
            plan.weeks * 7 * per_day,
            Duration::minutes(24 * 60 / per_day as i64),
            7 * per_day,
        )
    } else {
        (plan.weeks, Duration::weeks(1), 1)
    };
    for w in 0..steps {
        let level = person.level(w / per_week);
        let day = first
            + step * (w as i32)
            + if plan.daily {
                Duration::zero()
            } else {
                Duration::days(person.weekday)
            }
            + Duration::hours(if per_day == 1 { person.hour } else { 1 })
            + Duration::minutes(person.rng.below(120) as i64 - 60);
        let mut start = day;
        let mut week_session = None;
        for (loaded, phase) in catalog.iter().zip(&phases) {
            let instrument = &loaded.instrument;
            if !plan.daily && w % period_weeks(instrument) != *phase {
                continue;
            }
            let last_week = w + 1 == steps;
            let status = if last_week && unfinished_last {
                Status::InProgress
            } else if person.rng.chance(0.003) {
                Status::Discarded
            } else {
                Status::Completed
            };
            let complete = status == Status::Completed;
            let (session_answers, last) = person.answers(instrument, level, start, complete);
            let done = last + Duration::seconds(20);
            let id = person.rng.uuid();
            answers += session_answers.len();
            dump.sessions.push(DumpSession {
                id: id.clone(),
                profile_uuid: profile_uuid.clone(),
                questionnaire_id: instrument.id.clone(),
                questionnaire_version: instrument.version,
                snapshot_hash: loaded.hash.clone(),
                started_at: timestamp(start),
                completed_at: (status != Status::InProgress).then(|| timestamp(done)),
                // People here live in UTC.
                local_date: complete.then(|| done.format("%Y-%m-%d").to_string()),
                utc_offset: complete.then(|| "+00:00".to_string()),
                with_counselor: if person.counselor {
                    person.rng.chance(0.85)
                } else {
                    person.rng.chance(0.1)
                },
                status,
                answers: session_answers,
                deleted_at: None,
                amendments: Vec::new(),
            });
            week_session.get_or_insert((id, done));
            start = done + Duration::minutes(1);
        }
        // A counselor's note every couple of months, often about a check-in.
        if person.rng.chance(0.12 / per_week as f64) {
            let (session_id, at) = match &week_session {
                Some((id, done)) if person.rng.chance(0.6) => {
                    (Some(id.clone()), *done + Duration::minutes(15))
                }
                _ => (None, day + Duration::hours(2)),
            };
            let at = timestamp(at);
            dump.notes.push(DumpNote {
                id: person.rng.uuid(),
                profile_uuid: profile_uuid.clone(),
                session_id,
                created_at: at.clone(),
                updated_at: at,
                body: (*person.rng.pick(NOTES)).to_string(),
                visibility: recap::store::Visibility::Shared,
                author: None,
                deleted_at: None,
                history: Vec::new(),
            });
        }
    }
    answers
}

/// Distinct, readable names: "Alex A.", "Alex B.", ... then numbered.
pub fn profile_name(index: usize) -> String {
    let first = FIRST_NAMES[index % FIRST_NAMES.len()];
    let round = index / FIRST_NAMES.len();
    let initial = (b'A' + (round % 26) as u8) as char;
    if round < 26 {
        format!("{first} {initial}.")
    } else {
        format!("{first} {initial}. {}", round / 26 + 1)
    }
}

/// Writes the plan into `store` (which should be empty), in transactions
/// of `chunk` people; `progress` hears how many people are done.
pub fn generate(
    store: &Store,
    catalog: &Catalog,
    plan: &Plan,
    chunk: usize,
    mut progress: impl FnMut(usize, &Totals),
) -> StoreResult<Totals> {
    let loaded: Vec<&Loaded> = catalog.iter().collect();
    let snapshots: Vec<DumpSnapshot> = loaded
        .iter()
        .map(|l| DumpSnapshot {
            hash: l.hash.clone(),
            questionnaire_id: l.instrument.id.clone(),
            version: l.instrument.version,
            source: l.source.clone(),
        })
        .collect();
    let mut totals = Totals::default();
    let mut next = 0;
    while next < plan.profiles {
        let end = (next + chunk.max(1)).min(plan.profiles);
        let mut dump = Dump {
            snapshots: snapshots.clone(),
            ..Dump::default()
        };
        for index in next..end {
            totals.answers += person_dump(plan, index, profile_name(index), &loaded, &mut dump);
        }
        // In the order the check-ins were made (as an export lists them):
        // each is numbered in that order (`sessions.seq`), as in a file
        // the people of the chunk filled week by week.
        dump.sessions
            .sort_by(|a, b| (&a.started_at, &a.id).cmp(&(&b.started_at, &b.id)));
        totals.profiles += dump.profiles.len();
        totals.sessions += dump.sessions.len();
        totals.notes += dump.notes.len();
        store.import_dump(&dump)?;
        next = end;
        progress(next, &totals);
    }
    Ok(totals)
}
