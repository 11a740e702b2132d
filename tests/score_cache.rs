//! The score cache (`scores`, `series`, `last_done`) is derived data: each
//! row records the scoring version and snapshot hash it was computed with,
//! and opening a file whose cache is older than this build's scoring
//! rebuilds it in one transaction, equal to a recomputation from the
//! answers. A scoring fix never leaves old numbers on a chart.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, Duration, TimeZone, Utc};
use recap::instrument::score::SCORING_VERSION;
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Response};
use recap::store::{SessionQuery, Store};
use rusqlite::{Connection, params};

fn t(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap() + Duration::days(7 * n)
}

/// Valid answers to every item, varying with `seed`; every third check-in
/// skips the first optional item.
fn answers(loaded: &Loaded, seed: usize) -> Answers {
    let mut out = Answers::new();
    for (i, item) in loaded.instrument.items.iter().enumerate() {
        if !item.required && seed.is_multiple_of(3) {
            continue;
        }
        if matches!(item.response, Response::Text) {
            out.insert(item.id.clone(), AnswerValue::Text(format!("week {seed}")));
            continue;
        }
        let (min, max) = item.value_range().unwrap();
        let valid: Vec<i64> = (min..=max)
            .filter(|v| item.check_value(*v).is_ok())
            .collect();
        let v = valid[(seed * 7 + i * 3) % valid.len()];
        out.insert(item.id.clone(), AnswerValue::Number(v));
    }
    out
}

/// Two people, a dozen check-ins of every bundled questionnaire each.
fn fill(path: &Path) {
    let store = Store::open(path).unwrap();
    let catalog = Catalog::bundled();
    for (p, name) in ["Ana", "Ben"].into_iter().enumerate() {
        let profile = store.add_profile(name, t(0)).unwrap();
        for loaded in catalog.iter() {
            for week in 0..12 {
                let seed = week + p * 5;
                store
                    .record_session(
                        profile.id,
                        loaded,
                        &answers(loaded, seed),
                        t(week as i64) + Duration::hours(p as i64),
                        week.is_multiple_of(4),
                    )
                    .unwrap();
            }
        }
    }
}

/// (questionnaire, [(session id, [(score id, value)])]) for a profile.
type Scores = Vec<(String, Vec<(String, Vec<(String, Option<f64>)>)>)>;

/// What the cache holds, as home and trends read it.
fn cached(store: &Store, name: &str) -> Scores {
    let profile = store.require_profile(name).unwrap();
    Catalog::bundled()
        .ids()
        .into_iter()
        .map(|q| {
            let points = store
                .score_series(profile.id, &q, &SessionQuery::default())
                .unwrap()
                .into_iter()
                .map(|p| (p.session_id, p.scores))
                .collect();
            (q, points)
        })
        .collect()
}

/// The same, recomputed now from each session's answers and snapshot.
fn recomputed(store: &Store, name: &str) -> Scores {
    let profile = store.require_profile(name).unwrap();
    Catalog::bundled()
        .ids()
        .into_iter()
        .map(|q| {
            let query = SessionQuery {
                questionnaire_id: Some(q.clone()),
                ..SessionQuery::default()
            };
            let points = store
                .sessions(profile.id, &query)
                .unwrap()
                .into_iter()
                .map(|s| {
                    let detail = store.session_detail(&s.id).unwrap().unwrap();
                    let mut scores: Vec<(String, Option<f64>)> = detail
                        .scoring
                        .scores
                        .into_iter()
                        .map(|r| (r.id, r.value))
                        .collect();
                    scores.sort_by(|a, b| a.0.cmp(&b.0));
                    (s.id, scores)
                })
                .collect();
            (q, points)
        })
        .collect()
}

fn assert_cache_is_current(path: &Path) {
    let store = Store::open(path).unwrap();
    for name in ["Ana", "Ben"] {
        let cached = cached(&store, name);
        assert_eq!(cached.iter().map(|(_, p)| p.len()).sum::<usize>(), 36);
        assert_eq!(cached, recomputed(&store, name), "{name}");
        // The picker's last check-ins too.
        let profile = store.require_profile(name).unwrap();
        let last: Vec<String> = store
            .last_completed(profile.id)
            .unwrap()
            .into_iter()
            .map(|(q, _)| q)
            .collect();
        let mut ids = Catalog::bundled().ids();
        ids.sort();
        assert_eq!(last, ids);
    }
    drop(store);
    let conn = Connection::open(path).unwrap();
    let (version, stale_rows, wrong_hash, scores_off): (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT scoring_version FROM cache_state),
                    (SELECT count(*) FROM series WHERE scoring_version <> ?1),
                    (SELECT count(*) FROM series x JOIN sessions s ON s.id = x.session_id
                     WHERE x.snapshot_hash <> s.snapshot_hash),
                    (SELECT count(*) FROM scores WHERE value > 1000)",
            [SCORING_VERSION],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(version, i64::from(SCORING_VERSION));
    assert_eq!((stale_rows, wrong_hash, scores_off), (0, 0, 0));
}

/// What a cache computed by an older scoring function looks like: wrong
/// numbers everywhere, marked with an older version (or, `version` None,
/// left marked as current).
fn spoil(path: &Path, version: Option<i64>) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "UPDATE series SET scores = '[[\"total\",9999.0]]';
         UPDATE scores SET value = 9999.0;
         DELETE FROM last_done;",
    )
    .unwrap();
    if let Some(v) = version {
        conn.execute("UPDATE series SET scoring_version = ?1", [v])
            .unwrap();
        conn.execute("UPDATE cache_state SET scoring_version = ?1", [v])
            .unwrap();
    }
}

#[test]
fn a_cache_from_an_older_scoring_is_rebuilt_on_open_and_equals_a_recomputation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fill(&path);
    assert_cache_is_current(&path);
    spoil(&path, Some(i64::from(SCORING_VERSION) - 1));
    assert_cache_is_current(&path);
    // A file whose cache version is unknown (0) is rebuilt too.
    spoil(&path, Some(0));
    assert_cache_is_current(&path);
}

/// The control: with the version left current, opening does not rewrite
/// the cache (so an open costs one small read), and the spoiled numbers
/// are what a reader gets. This is what the version prevents.
#[test]
fn a_current_cache_is_not_rebuilt_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fill(&path);
    spoil(&path, None);
    let store = Store::open(&path).unwrap();
    let cached = cached(&store, "Ana");
    assert!(
        cached
            .iter()
            .flat_map(|(_, p)| p)
            .all(|(_, s)| s == &[("total".to_string(), Some(9999.0))])
    );
    // Rebuilding by hand gives the right numbers back.
    assert_eq!(store.rescore_all().unwrap(), 2 * 3 * 12);
    drop(store);
    assert_cache_is_current(&path);
}

fn recap(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", db.parent().unwrap().join("no-config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db);
    cmd
}

fn trend_values(db: &Path) -> Vec<f64> {
    let out = recap(db)
        .args(["trends", "who-5", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["questionnaires"][0]["scores"][0]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_f64().unwrap())
        .collect()
}

/// The real binary after a scoring change: trends (and the chart they feed)
/// show the numbers of this build's scoring, not the cached ones.
#[test]
fn trends_never_show_numbers_from_an_older_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    for answers in ["3,3,3,3,3", "4,4,4,4,5"] {
        recap(&db)
            .args(["record", "who-5", "--answers", answers, "--yes"])
            .assert()
            .success();
    }
    assert_eq!(trend_values(&db), [60.0, 84.0]);
    spoil(&db, Some(0));
    assert_eq!(trend_values(&db), [60.0, 84.0]);
    let plain = recap(&db)
        .args(["trends", "who-5", "--plain"])
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(plain.contains("84") && !plain.contains("9999"), "{plain}");
}

/// A recap with a newer scoring function has rebuilt the cache: this build
/// does not undo that, and a check-in it stores marks the cache as only as
/// new as its own scoring, so the newer recap rebuilds it next time.
#[test]
fn a_newer_scoring_is_not_undone_and_an_older_write_marks_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fill(&path);
    let newer = i64::from(SCORING_VERSION) + 1;
    Connection::open(&path)
        .unwrap()
        .execute_batch(&format!(
            "UPDATE series SET scoring_version = {newer}; UPDATE cache_state SET scoring_version = {newer};"
        ))
        .unwrap();
    let store = Store::open(&path).unwrap();
    let state = |conn: &Connection| -> (i64, i64) {
        conn.query_row(
            "SELECT (SELECT scoring_version FROM cache_state),
                    (SELECT count(*) FROM series WHERE scoring_version = ?1)",
            [newer],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let conn = Connection::open(&path).unwrap();
    assert_eq!(state(&conn), (newer, 72));
    let catalog = Catalog::bundled();
    let who5 = catalog.get("who-5").unwrap();
    let ana = store.require_profile("Ana").unwrap();
    store
        .record_session(ana.id, who5, &answers(who5, 1), t(20), false)
        .unwrap();
    assert_eq!(state(&conn), (i64::from(SCORING_VERSION), 72));
}

/// The other input of the cache: the questionnaire text a check-in was
/// scored with. Changing a stored snapshot's text, or which snapshot a
/// check-in uses (recap never does either; by hand here), marks the cache
/// stale, and the next open scores with the text now stored.
#[test]
fn a_changed_questionnaire_text_rebuilds_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fill(&path);
    let totals = |path: &Path| -> Vec<Option<f64>> {
        let store = Store::open(path).unwrap();
        let ana = store.require_profile("Ana").unwrap();
        store
            .score_series(ana.id, "who-5", &SessionQuery::default())
            .unwrap()
            .iter()
            .map(|p| p.value("total"))
            .collect()
    };
    let before = totals(&path);
    assert!(before.iter().flatten().any(|v| *v > 0.0));
    let catalog = Catalog::bundled();
    let who5 = catalog.get("who-5").unwrap();
    // The same questionnaire with its first item scored in reverse.
    assert_eq!(who5.source.matches("id = \"w1\"\n").count(), 1);
    let reversed = who5
        .source
        .replace("id = \"w1\"\n", "id = \"w1\"\nreverse = true\n");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE snapshots SET source = ?1 WHERE hash = ?2",
            params![reversed, who5.hash],
        )
        .unwrap();
    }
    let after = totals(&path);
    assert_ne!(after, before);
    assert!(after.iter().flatten().count() == before.iter().flatten().count());
    assert_cache_is_current(&path);
    assert_cache_is_current_for_who5(&path);

    // A check-in moved to another snapshot (put back the bundled text
    // under a new name): scored with it.
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO snapshots (hash, questionnaire_id, version, source) VALUES ('other', 'who-5', 1, ?1)",
            [&who5.source],
        )
        .unwrap();
        conn.execute(
            "UPDATE sessions SET snapshot_hash = 'other' WHERE questionnaire_id = 'who-5'",
            [],
        )
        .unwrap();
    }
    assert_eq!(totals(&path), before);
    assert_cache_is_current_for_who5(&path);
}

/// Every who-5 series row says the snapshot it was scored with is its
/// session's, with this build's scoring.
fn assert_cache_is_current_for_who5(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let (rows, current): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(x.snapshot_hash = s.snapshot_hash AND x.scoring_version = ?1)
             FROM series x JOIN sessions s ON s.id = x.session_id WHERE x.questionnaire_id = 'who-5'",
            [SCORING_VERSION],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((rows, current), (24, 24));
}

/// A questionnaire text that no longer reads (a stored snapshot damaged by
/// hand) leaves its check-ins without numbers, never with old ones, and
/// the file still opens.
#[test]
fn a_snapshot_that_no_longer_reads_leaves_no_old_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fill(&path);
    let hash: String = {
        let conn = Connection::open(&path).unwrap();
        let hash = conn
            .query_row(
                "SELECT hash FROM snapshots WHERE questionnaire_id = 'who-5'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute(
            "UPDATE snapshots SET source = 'not a questionnaire' WHERE hash = ?1",
            params![hash],
        )
        .unwrap();
        hash
    };
    spoil(&path, Some(0));
    let store = Store::open(&path).unwrap();
    let ana = store.require_profile("Ana").unwrap();
    let series = store
        .score_series(ana.id, "who-5", &SessionQuery::default())
        .unwrap();
    assert_eq!(series.len(), 12);
    assert!(series.iter().all(|p| p.scores.is_empty()), "{hash}");
    let barc = store
        .score_series(ana.id, "barc-10", &SessionQuery::default())
        .unwrap();
    assert!(
        barc.iter()
            .all(|p| p.value("total").is_some_and(|v| v < 100.0))
    );
}

/// Several processes opening a stale file at once: each waits for the one
/// rebuilding it, and all read the rebuilt cache.
#[test]
fn processes_opening_a_stale_file_at_once_all_read_the_rebuilt_cache() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    for answers in ["3,3,3,3,3", "4,4,4,4,5"] {
        recap(&db)
            .args(["record", "who-5", "--answers", answers, "--yes"])
            .assert()
            .success();
    }
    spoil(&db, Some(0));
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_recap"))
                .env_remove("RECAP_DB")
                .env("RECAP_CONFIG_DIR", dir.path().join("no-config"))
                .env("TZ", "UTC")
                .args(["--db", db.to_str().unwrap(), "trends", "who-5", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("84") && !text.contains("9999"), "{text}");
    }
}
