//! Answers and cached scores keyed by `sessions.seq`, an integer in time
//! order (schema 10): a schema 9 file is upgraded with every answer, score,
//! amendment, note, goal and review kept (its JSON and CSV exports byte for
//! byte the same), foreign keys and integrity clean; new check-ins and
//! imports append; deleting a profile or emptying the trash still removes
//! the answers and scores through the new key.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use recap::export::{csv as csv_export, json};
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Response};
use recap::plan::{Dimension, StepState};
use recap::store::schema::{APPLICATION_ID, LATEST, MIGRATIONS};
use recap::store::{DumpFilter, NewGoal, NoteMeta, StepReview, Store, Visibility};
use rusqlite::Connection;

/// The schema this file upgrades from.
const BEFORE_SEQ: usize = 9;

fn at(day: i64, hour: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap() + Duration::days(day) + Duration::hours(hour)
}

fn bundled() -> Vec<Loaded> {
    Catalog::bundled().iter().cloned().collect()
}

/// An allowed answer for every item: a value picked by `pick`, or text.
fn answers_for(loaded: &Loaded, pick: usize) -> Answers {
    let mut answers = Answers::new();
    for (i, item) in loaded.instrument.items.iter().enumerate() {
        let value = match &item.response {
            Response::Text => AnswerValue::Text(format!("words {pick}-{i}")),
            Response::Number { min, max, .. } => {
                AnswerValue::Number(min + ((pick + i) as i64 % (max - min + 1)))
            }
            _ => {
                let options = item.options();
                AnswerValue::Number(options[(pick + i) % options.len()].value)
            }
        };
        answers.insert(item.id.clone(), value);
    }
    answers
}

/// A database of the current schema with a bit of everything: three
/// people whose check-ins interleave in time, unfinished and set-aside
/// check-ins, an amendment, one in the trash, notes (one edited, one
/// private), a goal reviewed at a check-in and a network review.
fn populate(store: &Store) {
    let all = bundled();
    let names = ["Cleo", "Ana", "Ben"];
    let people: Vec<_> = names
        .iter()
        .map(|n| store.add_profile(n, at(0, 8)).unwrap())
        .collect();
    let mut first = Vec::new();
    for day in 0..8 {
        for (p, person) in people.iter().enumerate() {
            let loaded = &all[(day as usize + p) % all.len()];
            let s = store
                .record_session(
                    person.id,
                    loaded,
                    &answers_for(loaded, day as usize * 3 + p),
                    at(day, 9 + p as i64),
                    p == 1,
                )
                .unwrap();
            if day == 0 {
                first.push(s);
            }
        }
    }
    let who5 = all.iter().find(|l| l.instrument.id == "who-5").unwrap();
    // Unfinished and set aside, with answers.
    let open = store
        .start_session(people[2].id, who5, false, at(9, 9))
        .unwrap();
    for item in ["w1", "w2"] {
        store
            .save_answer(&open.id, item, &AnswerValue::Number(3), at(9, 10))
            .unwrap();
    }
    let aside = store
        .start_session(people[1].id, who5, false, at(9, 11))
        .unwrap();
    store
        .save_answer(&aside.id, "w1", &AnswerValue::Number(1), at(9, 11))
        .unwrap();
    store.discard_session(&aside.id).unwrap();
    // A correction, and a check-in in the trash.
    let ana_first = &first[1];
    let (item, now) = another_answer(store, &ana_first.id);
    store
        .amend_answer(&ana_first.id, &item, Some(&now), "typed wrongly", at(10, 9))
        .unwrap();
    store.trash_session(&first[0].id, at(10, 10)).unwrap();
    // Notes: on a check-in (then edited), private without one.
    let note = store
        .add_note(people[2].id, Some(&first[2].id), "slept badly", at(10, 11))
        .unwrap();
    store
        .update_note_as(&note.id, "slept badly, twice", Some("Dana"), at(10, 12))
        .unwrap();
    store
        .add_note_as(
            people[1].id,
            None,
            "kept apart",
            &NoteMeta {
                visibility: Visibility::Private,
                author: Some("Dana".into()),
            },
            at(10, 13),
        )
        .unwrap();
    // A goal whose step was reviewed at a check-in.
    let goal = store
        .add_goal(
            people[1].id,
            &NewGoal {
                text: "Walk after work".into(),
                dimension: Some(Dimension::Health),
                steps: vec!["Three walks this week".into()],
                due: None,
                source: None,
            },
            at(10, 14),
        )
        .unwrap();
    store
        .review_steps(
            Some(&ana_first.id),
            &[StepReview {
                goal_id: goal.id.clone(),
                step_id: goal.steps[0].id.clone(),
                state: StepState::Done,
            }],
            at(10, 15),
        )
        .unwrap();
    let jo = recap::network::Entry::new(
        "Jo",
        recap::network::Kind::Person,
        recap::network::Support::Supportive,
    )
    .unwrap();
    store
        .network_change(people[0].id, at(10, 16), &recap::network::Change::Add(jo))
        .unwrap();
}

/// The first item of a check-in's questionnaire and an allowed answer to
/// it other than the one given.
fn another_answer(store: &Store, session_id: &str) -> (String, AnswerValue) {
    let detail = store.session_detail(session_id).unwrap().unwrap();
    let item = &detail.instrument.items[0];
    let now = match &detail.answers[&item.id] {
        AnswerValue::Text(t) => AnswerValue::Text(format!("{t}, corrected")),
        AnswerValue::Number(n) => AnswerValue::Number(
            item.options()
                .iter()
                .map(|o| o.value)
                .find(|v| v != n)
                .unwrap(),
        ),
    };
    (item.id.clone(), now)
}

fn json_export(store: &Store) -> String {
    let mut out = Vec::new();
    json::write(store, &DumpFilter::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn csv_export(store: &Store) -> String {
    let mut out = Vec::new();
    csv_export::write_answers(store, &DumpFilter::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Builds a schema 9 file at `dst` holding everything `src` (current
/// schema) holds: the first nine migrations, then every table's rows, with
/// answers and scores keyed by their check-in's id as schema 9 kept them.
/// The score cache is marked unknown, so the upgrade also rebuilds it.
fn copy_to_schema_9(src: &Path, dst: &Path) {
    let conn = Connection::open(dst).unwrap();
    // Tables are copied in name order, children before their parents.
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    for sql in &MIGRATIONS[..BEFORE_SEQ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {BEFORE_SEQ};"
    ))
    .unwrap();
    conn.execute("ATTACH DATABASE ?1 AS src", [src.to_str().unwrap()])
        .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_master
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.contains(&"answers".to_string()));
    for table in tables {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")
            .unwrap()
            .query_map([&table], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let list = columns.join(", ");
        let select = if table == "answers" || table == "scores" {
            let picked: Vec<String> = columns
                .iter()
                .map(|c| {
                    if c == "session_id" {
                        "s.id".to_string()
                    } else {
                        format!("x.{c}")
                    }
                })
                .collect();
            format!(
                "SELECT {} FROM src.{table} x JOIN src.sessions s ON s.seq = x.session_seq",
                picked.join(", ")
            )
        } else {
            format!("SELECT {list} FROM src.{table}")
        };
        conn.execute_batch(&format!(
            "DELETE FROM main.{table}; INSERT INTO main.{table} ({list}) {select};"
        ))
        .unwrap();
        let count = |schema: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {schema}.{table}"), [], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!(count("main"), count("src"), "{table}");
    }
    conn.execute_batch("UPDATE main.cache_state SET scoring_version = 0; DETACH DATABASE src;")
        .unwrap();
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn rows(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                r.get::<_, rusqlite::types::Value>(i)
                    .map(|v| format!("{v:?}"))
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Foreign keys and the file itself are sound.
fn assert_clean(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let broken = rows(&conn, "PRAGMA foreign_key_check");
    assert!(broken.is_empty(), "foreign key violations: {broken:?}");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

/// Cached scores by check-in id (whatever they are keyed by).
const SCORES_BY_ID: &str = "SELECT s.id, sc.score_id, sc.value, sc.band
     FROM scores sc JOIN sessions s ON s.seq = sc.session_seq ORDER BY 1, 2";

/// The source file, its JSON and CSV exports, and the schema 9 copy.
struct Upgraded {
    _dir: tempfile::TempDir,
    source: std::path::PathBuf,
    old: std::path::PathBuf,
    json: String,
    csv: String,
}

fn upgraded() -> Upgraded {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let old = dir.path().join("old.db");
    let (json, csv) = {
        let store = Store::open(&source).unwrap();
        populate(&store);
        (json_export(&store), csv_export(&store))
    };
    copy_to_schema_9(&source, &old);
    Upgraded {
        _dir: dir,
        source,
        old,
        json,
        csv,
    }
}

#[test]
fn a_schema_9_file_upgrades_with_every_record_and_the_same_exports() {
    let u = upgraded();
    let before = Connection::open(&u.old).unwrap();
    let kept = |conn: &Connection| -> Vec<i64> {
        [
            "SELECT count(*) FROM sessions",
            "SELECT count(*) FROM answers",
            "SELECT count(*) FROM amendments",
            "SELECT count(*) FROM notes WHERE session_id IS NOT NULL",
            "SELECT count(*) FROM note_revisions",
            "SELECT count(*) FROM goal_events WHERE session_id IS NOT NULL",
            "SELECT count(*) FROM goals",
            "SELECT count(*) FROM network_entries",
        ]
        .iter()
        .map(|sql| count(conn, sql))
        .collect()
    };
    let counts = kept(&before);
    assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
    drop(before);

    let store = Store::open(&u.old).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(json_export(&store), u.json, "the JSON export changed");
    assert_eq!(csv_export(&store), u.csv, "the CSV export changed");
    drop(store);
    assert_clean(&u.old);
    let after = Connection::open(&u.old).unwrap();
    assert_eq!(kept(&after), counts);
    // The cache rebuilt with the upgrade is the one the source keeps.
    let source = Connection::open(&u.source).unwrap();
    assert_eq!(rows(&after, SCORES_BY_ID), rows(&source, SCORES_BY_ID));
    assert_eq!(
        rows(&after, "SELECT * FROM series ORDER BY 1, 2, 3, 4"),
        rows(&source, "SELECT * FROM series ORDER BY 1, 2, 3, 4")
    );
    // The backup holds the file as it was.
    let backup = u
        .old
        .with_file_name(format!("old.db.before-schema-{BEFORE_SEQ}.bak"));
    let backup = Connection::open(backup).unwrap();
    assert_eq!(kept(&backup), counts);
}

#[test]
fn the_upgrade_numbers_check_ins_person_by_person_in_time_order() {
    let u = upgraded();
    drop(Store::open(&u.old).unwrap());
    let conn = Connection::open(&u.old).unwrap();
    assert_eq!(
        count(&conn, "SELECT count(*) FROM sessions WHERE seq IS NULL"),
        0
    );
    let by_seq = rows(&conn, "SELECT id FROM sessions ORDER BY seq");
    let by_time = rows(
        &conn,
        "SELECT id FROM sessions ORDER BY profile_id, COALESCE(completed_at, started_at), id",
    );
    assert_eq!(by_seq, by_time);
    let (lo, hi, n): (i64, i64, i64) = conn
        .query_row(
            "SELECT min(seq), max(seq), count(*) FROM sessions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((lo, hi), (1, n));
    // Stored in that order: a person's answers are neighbours.
    let keys = rows(&conn, "SELECT session_seq FROM answers");
    let mut sorted = keys.clone();
    sorted.sort_by_key(|k| {
        k[0].trim_start_matches("Integer(")
            .trim_end_matches(')')
            .parse::<i64>()
            .unwrap()
    });
    assert_eq!(keys, sorted);
}

#[test]
fn check_ins_after_the_upgrade_follow_with_increasing_numbers() {
    let u = upgraded();
    let store = Store::open(&u.old).unwrap();
    let seq_of = |id: &str| -> i64 {
        Connection::open(&u.old)
            .unwrap()
            .query_row("SELECT seq FROM sessions WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    let highest = count(
        &Connection::open(&u.old).unwrap(),
        "SELECT max(seq) FROM sessions",
    );
    let ana = store.require_profile("Ana").unwrap();
    let all = bundled();
    let who5 = all.iter().find(|l| l.instrument.id == "who-5").unwrap();
    let recorded = store
        .record_session(ana.id, who5, &answers_for(who5, 1), at(20, 9), false)
        .unwrap();
    let started = store
        .start_session(ana.id, who5, false, at(20, 10))
        .unwrap();
    store
        .save_answer(&started.id, "w1", &AnswerValue::Number(4), at(20, 10))
        .unwrap();
    store
        .save_answer(&started.id, "w2", &AnswerValue::Number(2), at(20, 10))
        .unwrap();
    store.clear_answer(&started.id, "w2").unwrap();
    assert_eq!(seq_of(&recorded.id), highest + 1);
    assert_eq!(seq_of(&started.id), highest + 2);
    assert_eq!(store.answers(&recorded.id).unwrap(), answers_for(who5, 1));
    let partial = store.answers(&started.id).unwrap();
    assert_eq!(partial.len(), 1);
    assert_eq!(partial["w1"], AnswerValue::Number(4));
    // Amending a check-in from before the upgrade changes its answer and
    // its cached scores.
    let old = store
        .sessions(ana.id, &recap::store::SessionQuery::default())
        .unwrap()
        .into_iter()
        .find(|s| s.questionnaire_id == "who-5")
        .unwrap();
    let answers = store.answers(&old.id).unwrap();
    let now = if answers["w1"] == AnswerValue::Number(5) {
        0
    } else {
        5
    };
    store
        .amend_answer(
            &old.id,
            "w1",
            Some(&AnswerValue::Number(now)),
            "misread",
            at(20, 11),
        )
        .unwrap();
    let detail = store.session_detail(&old.id).unwrap().unwrap();
    assert_eq!(detail.answers["w1"], AnswerValue::Number(now));
    let cached: f64 = Connection::open(&u.old)
        .unwrap()
        .query_row(
            "SELECT sc.value FROM scores sc JOIN sessions s ON s.seq = sc.session_seq
             WHERE s.id = ?1 AND sc.score_id = 'total'",
            [&old.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(Some(cached), detail.scoring.get("total").unwrap().value);
    drop(store);
    assert_clean(&u.old);
}

#[test]
fn deleting_a_profile_or_emptying_the_trash_removes_answers_and_scores_through_seq() {
    let u = upgraded();
    let store = Store::open(&u.old).unwrap();
    let conn = Connection::open(&u.old).unwrap();
    let of = |table: &str, name: &str| -> i64 {
        conn.query_row(
            &format!(
                "SELECT count(*) FROM {table} x JOIN sessions s ON s.seq = x.session_seq
                 JOIN profiles p ON p.id = s.profile_id WHERE p.name = ?1"
            ),
            [name],
            |r| r.get(0),
        )
        .unwrap()
    };
    let total = |table: &str| count(&conn, &format!("SELECT count(*) FROM {table}"));
    let (answers, scores) = (total("answers"), total("scores"));
    let (ben_answers, ben_scores) = (of("answers", "Ben"), of("scores", "Ben"));
    assert!(ben_answers > 0 && ben_scores > 0);
    store.delete_profile("Ben").unwrap();
    assert_eq!(total("answers"), answers - ben_answers);
    assert_eq!(total("scores"), scores - ben_scores);
    assert_eq!(
        of("answers", "Ana") + of("answers", "Cleo"),
        answers - ben_answers
    );
    // Cleo's first check-in is in the trash: emptying it takes its answers.
    let trashed = store.trashed_sessions(None).unwrap();
    assert_eq!(trashed.len(), 1);
    let seq: i64 = conn
        .query_row(
            "SELECT seq FROM sessions WHERE id = ?1",
            [&trashed[0].id],
            |r| r.get(0),
        )
        .unwrap();
    let gone = |table: &str| -> i64 {
        conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE session_seq = ?1"),
            [seq],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(gone("answers") > 0 && gone("scores") > 0);
    assert_eq!(store.empty_trash(None).unwrap(), 1);
    assert_eq!((gone("answers"), gone("scores")), (0, 0));
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM answers WHERE session_seq NOT IN (SELECT seq FROM sessions)"
        ),
        0
    );
    drop(store);
    drop(conn);
    assert_clean(&u.old);
}

#[test]
fn an_import_appends_check_ins_in_the_order_of_the_file() {
    let u = upgraded();
    let dir = u.old.parent().unwrap();
    let file = dir.join("export.json");
    std::fs::write(&file, &u.json).unwrap();
    let fresh = dir.join("fresh.db");
    let run = |db: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_recap"))
            .env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", dir.join("config"))
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(db)
            .arg("import")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&fresh);
    let in_file: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&u.json).unwrap()["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect();
    let ids = |db: &Path, sql: &str| -> Vec<String> {
        Connection::open(db)
            .unwrap()
            .prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(ids(&fresh, "SELECT id FROM sessions ORDER BY seq"), in_file);
    let store = Store::open(&fresh).unwrap();
    assert_eq!(json_export(&store), u.json);
    assert_eq!(csv_export(&store), u.csv);
    drop(store);
    assert_clean(&fresh);

    // Into the upgraded file: another person's check-ins come after
    // everything there, in the file's order.
    let other = dir.join("other.db");
    let more = {
        let store = Store::open(&other).unwrap();
        let dee = store.add_profile("Dee", at(0, 8)).unwrap();
        let all = bundled();
        for day in [3, 1, 2] {
            let loaded = &all[day as usize % all.len()];
            store
                .record_session(
                    dee.id,
                    loaded,
                    &answers_for(loaded, day as usize),
                    at(day, 7),
                    false,
                )
                .unwrap();
        }
        json_export(&store)
    };
    std::fs::write(&file, &more).unwrap();
    drop(Store::open(&u.old).unwrap());
    let highest = count(
        &Connection::open(&u.old).unwrap(),
        "SELECT max(seq) FROM sessions",
    );
    run(&u.old);
    let dee: Vec<String> = serde_json::from_str::<serde_json::Value>(&more).unwrap()["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids(
            &u.old,
            &format!("SELECT id FROM sessions WHERE seq > {highest} ORDER BY seq")
        ),
        dee
    );
    assert_eq!(
        count(
            &Connection::open(&u.old).unwrap(),
            "SELECT max(seq) FROM sessions"
        ),
        highest + 3
    );
    assert_clean(&u.old);
}
