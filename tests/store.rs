//! The store against real files: durability of unfinished check-ins,
//! upgrades from every earlier schema, refusal of foreign and newer files,
//! privacy, WAL, two writing processes, backups, notes and profiles.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use recap::instrument::score::SCORING_VERSION;
use recap::instrument::{AnswerValue, Catalog, Loaded};
use recap::store::schema::{
    APPLICATION_ID, CORRECTIONS_VERSION, LATEST, MIGRATIONS, NETWORK_VERSION, SEQ_KEYS_VERSION,
    SKIPS_VERSION,
};
use recap::store::{NoteMeta, Visibility};
use recap::store::{SessionQuery, Status, Store, StoreError};
use rusqlite::{Connection, params};

fn t(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, day, hour, 0, 0).unwrap()
}

fn who5() -> Loaded {
    Catalog::bundled().get("who-5").unwrap().clone()
}

fn recap_bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recap"));
    cmd.env_remove("RECAP_DB")
        .env(
            "RECAP_CONFIG_DIR",
            std::env::temp_dir().join("recap-tests-no-config"),
        )
        .env("NO_COLOR", "1");
    cmd
}

fn sidecars_gone(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    !PathBuf::from(wal).exists()
}

#[test]
fn unfinished_session_keeps_every_answer_after_the_store_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recap.db");
    let loaded = who5();
    let (profile_id, session_id) = {
        let store = Store::open(&path).unwrap();
        let profile = store.add_profile("Sam", t(1, 9)).unwrap();
        let session = store
            .start_session(profile.id, &loaded, true, t(1, 10))
            .unwrap();
        for (i, item) in loaded.instrument.items.iter().enumerate() {
            let value = AnswerValue::Number(i as i64 % 6);
            store
                .save_answer(
                    &session.id,
                    &item.id,
                    &value,
                    t(1, 10) + Duration::seconds(i as i64),
                )
                .unwrap();
        }
        (profile.id, session.id)
        // dropped here without completing
    };
    let store = Store::open(&path).unwrap();
    let unfinished = store.unfinished_sessions(profile_id).unwrap();
    assert_eq!(unfinished.len(), 1);
    let session = &unfinished[0];
    assert_eq!(session.id, session_id);
    assert_eq!(session.status, Status::InProgress);
    assert!(session.with_counselor);
    assert_eq!(session.completed_at, None);
    let answers = store.answers(&session_id).unwrap();
    assert_eq!(answers.len(), loaded.instrument.items.len());
    for (i, item) in loaded.instrument.items.iter().enumerate() {
        assert_eq!(answers[&item.id], AnswerValue::Number(i as i64 % 6));
    }
    // and it can be finished later
    let scoring = recap::instrument::score(&loaded.instrument, &answers);
    store
        .complete_session(&session_id, t(1, 11), &scoring)
        .unwrap();
    assert!(store.unfinished_sessions(profile_id).unwrap().is_empty());
}

/// Builds a database at schema version `n` with only the first `n` migrations.
fn database_at_version(path: &Path, n: usize) -> Connection {
    let conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..n] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {n};"
    ))
    .unwrap();
    conn
}

const PROFILE_UUID: &str = "0b5c7a3e-2f51-4c1f-9b1e-2d7f0e1a4c11";
const DONE_ID: &str = "5f0c2b1e-8d3a-4b7e-a1c9-3e6f2d4b8a01";
const OPEN_ID: &str = "5f0c2b1e-8d3a-4b7e-a1c9-3e6f2d4b8a02";
const NOTE_ID: &str = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const TRASHED_ID: &str = "5f0c2b1e-8d3a-4b7e-a1c9-3e6f2d4b8a03";
const REVIEW_ID: &str = "7c2e4a10-3b5d-4f6a-9c8b-1d2e3f4a5b6c";
const ENTRY_ID: &str = "7c2e4a10-3b5d-4f6a-9c8b-1d2e3f4a5b6d";

/// How a check-in's answers and scores name it at schema version `n`:
/// the key column, and the value for check-in `?1` (its id; from schema
/// 10, its number in `sessions.seq`).
fn session_key(n: usize) -> (&'static str, &'static str) {
    if n as i64 >= SEQ_KEYS_VERSION {
        ("session_seq", "(SELECT seq FROM sessions WHERE id = ?1)")
    } else {
        ("session_id", "?1")
    }
}

/// Numbers the check-ins of a file at schema 10 or later in the order they
/// were added (an earlier schema has no numbers).
fn number_sessions(conn: &Connection, n: usize) {
    if n as i64 >= SEQ_KEYS_VERSION {
        conn.execute_batch("UPDATE sessions SET seq = rowid WHERE seq IS NULL")
            .unwrap();
    }
}

/// Data valid at schema version `n` (each version adds what it introduced).
fn fill(conn: &Connection, n: usize, loaded: &Loaded) {
    let (key, of) = session_key(n);
    if n >= 1 {
        conn.execute(
            "INSERT INTO profiles (id, uuid, name, created_at) VALUES (1, ?1, 'Alex', '2025-12-01T08:00:00.000Z')",
            [PROFILE_UUID],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO snapshots (hash, questionnaire_id, version, source) VALUES (?1, ?2, ?3, ?4)",
            params![loaded.hash, loaded.instrument.id, loaded.instrument.version, loaded.source],
        )
        .unwrap();
        for (id, status, completed) in [
            (DONE_ID, "completed", Some("2025-12-02T12:00:00.000Z")),
            (OPEN_ID, "in_progress", None),
        ] {
            conn.execute(
                "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, status)
                 VALUES (?1, 1, ?2, ?3, ?4, '2025-12-02T11:00:00.000Z', ?5, ?6)",
                params![id, loaded.instrument.id, loaded.instrument.version, loaded.hash, completed, status],
            )
            .unwrap();
        }
        number_sessions(conn, n);
        for (i, item) in loaded.instrument.items.iter().enumerate() {
            conn.execute(
                &format!("INSERT INTO answers ({key}, item_id, value_int, answered_at) VALUES ({of}, ?2, ?3, '2025-12-02T11:30:00.000Z')"),
                params![DONE_ID, item.id, i as i64],
            )
            .unwrap();
        }
        conn.execute(
            &format!("INSERT INTO answers ({key}, item_id, value_int, answered_at) VALUES ({of}, 'w1', 5, '2025-12-02T11:01:00.000Z')"),
            [OPEN_ID],
        )
        .unwrap();
    }
    if n >= 2 {
        conn.execute(
            "INSERT INTO notes (id, profile_id, session_id, created_at, updated_at, body)
             VALUES (?1, 1, ?2, '2025-12-02T13:00:00.000Z', '2025-12-02T13:00:00.000Z', 'slept badly')",
            params![NOTE_ID, DONE_ID],
        )
        .unwrap();
        conn.execute("UPDATE profiles SET counselor_default = 1", [])
            .unwrap();
        // A cached score as an older, faulty scoring function wrote it (the
        // right total is 40): the upgrade must not keep it.
        conn.execute(
            &format!("INSERT INTO scores ({key}, score_id, value, band) VALUES ({of}, 'total', 44.0, NULL)"),
            [DONE_ID],
        )
        .unwrap();
    }
    if n == 3 {
        conn.execute(
            "INSERT INTO series (profile_id, questionnaire_id, completed_at, session_id, with_counselor, scores)
             VALUES (1, ?1, '2025-12-02T12:00:00.000Z', ?2, 0, '[[\"total\",44.0]]')",
            params![loaded.instrument.id, DONE_ID],
        )
        .unwrap();
    }
    if n >= 4 {
        // Schema 4 keeps how each cached row was computed; the migration left
        // the cache's version unknown, so the faulty 44 must still go.
        conn.execute(
            "INSERT INTO series (profile_id, questionnaire_id, completed_at, session_id, with_counselor, snapshot_hash, scoring_version, scores)
             VALUES (1, ?1, '2025-12-02T12:00:00.000Z', ?2, 0, ?3, 1, '[[\"total\",44.0]]')",
            params![loaded.instrument.id, DONE_ID, loaded.hash],
        )
        .unwrap();
    }
    if n >= 3 {
        conn.execute(
            "INSERT INTO last_done (profile_id, questionnaire_id, completed_at)
             VALUES (1, ?1, '2025-12-02T12:00:00.000Z')",
            [&loaded.instrument.id],
        )
        .unwrap();
    }
    if n as i64 >= CORRECTIONS_VERSION {
        // A set-aside check-in in the trash, and a corrected answer.
        conn.execute(
            "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, status, deleted_at)
             VALUES (?1, 1, ?2, ?3, ?4, '2025-12-03T11:00:00.000Z', 'discarded', '2025-12-04T09:00:00.000Z')",
            params![TRASHED_ID, loaded.instrument.id, loaded.instrument.version, loaded.hash],
        )
        .unwrap();
        number_sessions(conn, n);
        conn.execute(
            "INSERT INTO amendments (session_id, item_id, was_int, was_answered_at, now_int, amended_at, reason)
             VALUES (?1, 'w3', 4, '2025-12-02T11:00:00.000Z', 2, '2025-12-02T11:30:00.000Z', 'typed wrongly')",
            [DONE_ID],
        )
        .unwrap();
    }
    if n as i64 >= SKIPS_VERSION {
        conn.execute(
            "INSERT INTO skipped_questionnaires (profile_id, questionnaire_id, skipped_at)
             VALUES (1, 'barc-10', '2025-12-05T09:00:00.000Z')",
            [],
        )
        .unwrap();
    }
    if n as i64 >= NETWORK_VERSION {
        // A walked-through network review with one group.
        conn.execute(
            "INSERT INTO network_reviews (id, profile_id, local_date, utc_offset, started_at, updated_at, walked_through)
             VALUES (?1, 1, '2025-12-03', 3600, '2025-12-03T09:00:00.000Z', '2025-12-03T09:10:00.000Z', 1)",
            [REVIEW_ID],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO network_entries (review_id, entry_id, position, name, kind, support, closeness, belonging)
             VALUES (?1, ?2, 0, 'Peer group', 'group', 'supportive', 4, 5)",
            params![REVIEW_ID, ENTRY_ID],
        )
        .unwrap();
    }
}

/// The picker's last check-ins, as instants.
fn last_at(store: &Store, profile_id: i64) -> Vec<(String, DateTime<Utc>)> {
    store
        .last_completed(profile_id)
        .unwrap()
        .into_iter()
        .map(|(q, l)| (q, l.at))
        .collect()
}

fn check_filled(store: &Store, n: usize) {
    let profile = store.require_profile("Alex").unwrap();
    assert_eq!(profile.uuid, PROFILE_UUID);
    let done = store
        .sessions(profile.id, &SessionQuery::default())
        .unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].id, DONE_ID);
    let detail = store.session_detail(DONE_ID).unwrap().unwrap();
    assert_eq!(detail.answers.len(), 5);
    assert_eq!(detail.answers["w3"], AnswerValue::Number(2));
    // 0+1+2+3+4 = 10, times 4
    assert_eq!(detail.scoring.get("total").unwrap().value, Some(40.0));
    let open = store.unfinished_sessions(profile.id).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, OPEN_ID);
    assert_eq!(
        store.answers(OPEN_ID).unwrap()["w1"],
        AnswerValue::Number(5)
    );
    // The trend series and the picker's last check-in: the score cache is
    // rebuilt with the upgrade by this build's scoring, whatever the older
    // file had cached (version 1 had none; 2 and 3 a wrong total).
    let done_at = Utc.with_ymd_and_hms(2025, 12, 2, 12, 0, 0).unwrap();
    let series = store
        .score_series(profile.id, "who-5", &SessionQuery::default())
        .unwrap();
    assert_eq!(series.len(), 1, "from version {n}");
    assert_eq!(series[0].session_id, DONE_ID);
    assert_eq!(series[0].completed_at, done_at);
    assert_eq!(series[0].value("total"), Some(40.0), "from version {n}");
    // A check-in from before recap kept the zone has no offset: it is
    // shown in this computer's zone.
    assert_eq!(series[0].utc_offset, None, "from version {n}");
    assert_eq!(last_at(store, profile.id), [("who-5".to_string(), done_at)]);
    let conn = Connection::open(store.path()).unwrap();
    let (version, hash, rows): (i64, String, i64) = conn
        .query_row(
            "SELECT (SELECT scoring_version FROM cache_state),
                    (SELECT snapshot_hash FROM series WHERE session_id = ?1),
                    (SELECT count(*) FROM series WHERE scoring_version = ?2)",
            params![DONE_ID, SCORING_VERSION],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(version, i64::from(SCORING_VERSION), "from version {n}");
    assert_eq!(hash, store.session(DONE_ID).unwrap().unwrap().snapshot_hash);
    assert_eq!(rows, 1);
    let cached: f64 = conn
        .query_row(
            "SELECT value FROM scores
             WHERE session_seq = (SELECT seq FROM sessions WHERE id = ?1) AND score_id = 'total'",
            [DONE_ID],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cached, 40.0, "from version {n}");
    if n >= 2 {
        assert!(profile.counselor_default);
        let notes = store.notes(profile.id).unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].body, "slept badly");
        assert_eq!(notes[0].session_id.as_deref(), Some(DONE_ID));
    }
    if n as i64 >= CORRECTIONS_VERSION {
        let trashed = store.trashed_sessions(Some(profile.id)).unwrap();
        assert_eq!(trashed.len(), 1);
        assert_eq!(trashed[0].id, TRASHED_ID);
        assert_eq!(trashed[0].status, Status::Discarded);
        let amended = store.amendments(DONE_ID).unwrap();
        assert_eq!(amended.len(), 1);
        assert_eq!(amended[0].reason, "typed wrongly");
        assert_eq!(amended[0].was, Some(AnswerValue::Number(4)));
    }
    let skipped = store.skipped_questionnaires(profile.id).unwrap();
    if n as i64 >= SKIPS_VERSION {
        assert_eq!(skipped, ["barc-10"], "from version {n}");
    } else {
        assert!(skipped.is_empty(), "from version {n}");
    }
    let reviews = store.network_reviews(profile.id).unwrap();
    if n as i64 >= NETWORK_VERSION {
        assert_eq!(reviews.len(), 1);
        assert_eq!(reviews[0].id, REVIEW_ID);
        assert_eq!(reviews[0].date.to_string(), "2025-12-03");
        assert_eq!(reviews[0].utc_offset.local_minus_utc(), 3600);
        assert!(reviews[0].walked_through);
        let e = &reviews[0].entries[0];
        assert_eq!((e.id.as_str(), e.name.as_str()), (ENTRY_ID, "Peer group"));
        assert_eq!((e.closeness, e.belonging), (Some(4), Some(5)));
        assert_eq!(reviews[0].measures().groups_belonging, 1);
    } else {
        // Older files had no network: the upgrade adds an empty one.
        assert!(reviews.is_empty(), "from version {n}");
    }
}

#[test]
fn upgrades_from_every_earlier_schema_version_keep_everything() {
    const {
        assert!(
            LATEST >= 2,
            "this test expects at least two schema versions"
        )
    };
    let loaded = who5();
    for n in 1..LATEST as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = database_at_version(&path, n);
            fill(&conn, n, &loaded);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST, "from version {n}");
        check_filled(&store, n);
        // Everything the newest schema adds works on the upgraded file.
        let profile = store.require_profile("Alex").unwrap();
        store
            .add_note(profile.id, Some(DONE_ID), "after the upgrade", t(5, 9))
            .unwrap();
        // Schema 6: notes from before were shown in reports, so they are
        // shared, with no author; a client id, private notes and a note's
        // trail work on the upgraded file.
        assert_eq!(profile.client_id, None);
        if n >= 2 {
            let old = store.note(NOTE_ID).unwrap().unwrap();
            assert_eq!(old.visibility, Visibility::Shared, "from version {n}");
            assert_eq!(old.author, None);
            store
                .update_note_as(NOTE_ID, "slept badly, twice", Some("Dana"), t(5, 10))
                .unwrap();
            let history = store.note_history(NOTE_ID).unwrap();
            assert_eq!(history.len(), 1);
            assert_eq!(history[0].body_before, "slept badly");
            assert_eq!(history[0].changed_by.as_deref(), Some("Dana"));
        }
        let private = store
            .add_note_as(
                profile.id,
                None,
                "kept apart",
                &NoteMeta {
                    visibility: Visibility::Private,
                    author: Some("Dana".into()),
                },
                t(5, 11),
            )
            .unwrap();
        assert_eq!(private.visibility, Visibility::Private);
        let profile = store.set_client_id("Alex", Some("MRN-7")).unwrap();
        assert_eq!(profile.client_id.as_deref(), Some("MRN-7"));
        assert_eq!(
            store.profile_by_client_id("mrn-7").unwrap().map(|p| p.id),
            Some(profile.id)
        );
        // Rescoring fills what older files lacked; new check-ins join the series.
        assert_eq!(store.rescore_all().unwrap(), 1);
        let answers = store.answers(DONE_ID).unwrap();
        store
            .record_session(profile.id, &loaded, &answers, t(6, 9), false)
            .unwrap();
        let series = store
            .score_series(profile.id, "who-5", &SessionQuery::default())
            .unwrap();
        let totals: Vec<_> = series.iter().map(|p| p.value("total")).collect();
        assert_eq!(totals, [Some(40.0), Some(40.0)], "from version {n}");
        assert_eq!(
            last_at(&store, profile.id),
            [("who-5".to_string(), t(6, 9))]
        );
        // The trash and amendments work on the upgraded file.
        store
            .amend_answer(
                DONE_ID,
                "w1",
                Some(&AnswerValue::Number(5)),
                "typed wrongly",
                t(6, 10),
            )
            .unwrap();
        let series = store
            .score_series(profile.id, "who-5", &SessionQuery::default())
            .unwrap();
        assert_eq!(series[0].value("total"), Some(60.0), "from version {n}");
        let newest = store.history(profile.id, None).unwrap()[0].id.clone();
        store.trash_session(&newest, t(6, 11)).unwrap();
        assert_eq!(
            last_at(&store, profile.id),
            [(
                "who-5".to_string(),
                Utc.with_ymd_and_hms(2025, 12, 2, 12, 0, 0).unwrap()
            )]
        );
        store.restore_session(&newest).unwrap();
        // Questionnaires switched off per profile work on the upgraded
        // file, and leave with the profile.
        assert!(
            store
                .skip_questionnaire(profile.id, "who-5", true, t(6, 12))
                .unwrap()
        );
        assert!(
            !store
                .skip_questionnaire(profile.id, "who-5", true, t(6, 12))
                .unwrap()
        );
        assert!(
            store
                .skipped_questionnaires(profile.id)
                .unwrap()
                .contains(&"who-5".to_string())
        );
        let other = store.add_profile("Robin", t(6, 12)).unwrap();
        store
            .skip_questionnaire(other.id, "who-5", true, t(6, 12))
            .unwrap();
        store.delete_profile("Robin").unwrap();
        let conn = Connection::open(store.path()).unwrap();
        let left: i64 = conn
            .query_row(
                "SELECT count(*) FROM skipped_questionnaires WHERE profile_id = ?1",
                [other.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "from version {n}");
        drop(conn);
        assert!(
            store
                .skip_questionnaire(profile.id, "who-5", false, t(6, 13))
                .unwrap()
        );
        // The recovery network works on the upgraded file: a change goes
        // into a new dated review, earlier ones stay as they were.
        let before = store.network_reviews(profile.id).unwrap();
        let jo = recap::network::Entry::new(
            "Jo",
            recap::network::Kind::Person,
            recap::network::Support::Supportive,
        )
        .unwrap();
        let review = store
            .network_change(profile.id, t(6, 12), &recap::network::Change::Add(jo))
            .unwrap();
        assert_eq!(
            review.entries.len(),
            before.last().map_or(0, |r| r.entries.len()) + 1
        );
        let after = store.network_reviews(profile.id).unwrap();
        assert_eq!(after.len(), before.len() + 1, "from version {n}");
        assert_eq!(after[..before.len()], before[..]);
        assert_read_orders_match(&store, profile.id);
        assert_eq!(store.integrity_check().unwrap(), "ok");
        drop(store);

        let backup = dir.path().join(format!("old.db.before-schema-{n}.bak"));
        assert!(backup.exists(), "no backup {}", backup.display());
        let conn = Connection::open(&backup).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, n as i64);
        let sessions: i64 = conn
            .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
            .unwrap();
        // Two, and the one in the trash from the schema that added it.
        assert_eq!(sessions, 2 + i64::from(n as i64 >= CORRECTIONS_VERSION));
    }
}

/// A paper form entered by a recap from before schema 4 was stored at noon
/// UTC of its day, started and completed at once: every upgrade keeps that
/// day as the form's date (offset +00:00, so it shows that day in any zone);
/// a check-in done live keeps no date or offset (none was recorded).
#[test]
fn upgrades_from_every_earlier_schema_keep_the_day_of_paper_forms() {
    const FORM_ID: &str = "5f0c2b1e-8d3a-4b7e-a1c9-3e6f2d4b8a03";
    let loaded = who5();
    // Schema 4 began to keep the day; files from before it are upgraded.
    for n in 1..4 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = database_at_version(&path, n);
            fill(&conn, n, &loaded);
            conn.execute(
                "INSERT INTO sessions (id, profile_id, questionnaire_id, questionnaire_version, snapshot_hash, started_at, completed_at, status)
                 VALUES (?1, 1, ?2, ?3, ?4, '2025-11-20T12:00:00.000Z', '2025-11-20T12:00:00.000Z', 'completed')",
                params![FORM_ID, loaded.instrument.id, loaded.instrument.version, loaded.hash],
            )
            .unwrap();
            for item in &loaded.instrument.items {
                conn.execute(
                    "INSERT INTO answers (session_id, item_id, value_int, answered_at) VALUES (?1, ?2, 5, '2025-11-20T12:00:00.000Z')",
                    params![FORM_ID, item.id],
                )
                .unwrap();
            }
        }
        let store = Store::open(&path).unwrap();
        let form = store.session(FORM_ID).unwrap().unwrap();
        assert_eq!(
            form.local_date,
            chrono::NaiveDate::from_ymd_opt(2025, 11, 20),
            "from version {n}"
        );
        assert_eq!(form.utc_offset, chrono::FixedOffset::east_opt(0));
        let live = store.session(DONE_ID).unwrap().unwrap();
        assert_eq!((live.local_date, live.utc_offset), (None, None));
        // The series has both, scored, the form first.
        let profile = store.require_profile("Alex").unwrap();
        let series = store
            .score_series(profile.id, "who-5", &SessionQuery::default())
            .unwrap();
        let read: Vec<_> = series
            .iter()
            .map(|p| (p.session_id.as_str(), p.value("total"), p.utc_offset))
            .collect();
        assert_eq!(
            read,
            [
                (FORM_ID, Some(100.0), chrono::FixedOffset::east_opt(0)),
                (DONE_ID, Some(40.0), None)
            ],
            "from version {n}"
        );
    }
}

#[test]
fn a_file_at_the_latest_version_opens_unchanged_with_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("now.db");
    let n = LATEST as usize;
    {
        let conn = database_at_version(&path, n);
        fill(&conn, n, &who5());
    }
    let store = Store::open(&path).unwrap();
    check_filled(&store, n);
    assert!(
        !dir.path()
            .join(format!("now.db.before-schema-{n}.bak"))
            .exists()
    );
}

#[test]
fn a_fresh_database_is_created_at_the_latest_version_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".bak")), "{names:?}");
}

#[test]
fn a_database_from_a_newer_recap_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let store = Store::open(&path).unwrap();
        store.add_profile("Kim", t(1, 8)).unwrap();
    }
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {};", LATEST + 1))
            .unwrap();
    }
    assert!(sidecars_gone(&path));
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&format!("schema version {}", LATEST + 1)),
        "{message}"
    );
    assert!(
        message.contains(&format!("schema version {LATEST}")),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let baks = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bak")
        })
        .count();
    assert_eq!(baks, 0);
}

#[test]
fn a_junk_file_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.db");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path).unwrap_err();
    // Without a SQLite header it may also be an encrypted recap database.
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not a recap database, or an encrypted one: give its passphrase with --passphrase-file or on the terminal",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn a_foreign_sqlite_database_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('A', '1');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("not a recap database: {}", path.display())
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_new_database_is_private_and_uses_wal() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data").join("recap");
    let path = folder.join("recap.db");
    let store = Store::open(&path).unwrap();
    store.add_profile("Lee", t(1, 8)).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert_eq!(
        mode(Path::new(&wal)),
        0o600,
        "the write-ahead log is private too"
    );

    let other = Connection::open(&path).unwrap();
    let journal: String = other
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn two_processes_writing_at_the_same_time_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    const EACH: u32 = 12;
    // Both start on a file that does not exist yet: creation, migration and
    // the first-run profile race too.
    let workers: Vec<_> = (0..2u32)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                for i in 0..EACH {
                    let date = format!("2025-{:02}-{:02}", w + 1, i + 1);
                    let answers = format!("{},{},{},{},{}", w, i % 6, 1, 2, 3);
                    let out = recap_bin()
                        .arg("--db")
                        .arg(&db)
                        .args(["record", "who-5", "--answers", &answers, "--date", &date])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "worker {w} call {i}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let profiles = store.profiles(true).unwrap();
    assert_eq!(profiles.len(), 1, "exactly one first-run profile");
    let sessions = store
        .sessions(profiles[0].id, &SessionQuery::default())
        .unwrap();
    assert_eq!(sessions.len(), 2 * EACH as usize);
    for s in &sessions {
        let month = s.completed_at.unwrap().format("%m").to_string();
        let day: i64 = s
            .completed_at
            .unwrap()
            .format("%d")
            .to_string()
            .parse()
            .unwrap();
        let worker: i64 = month.parse::<i64>().unwrap() - 1;
        let answers = store.answers(&s.id).unwrap();
        assert_eq!(answers["w1"], AnswerValue::Number(worker));
        assert_eq!(answers["w2"], AnswerValue::Number((day - 1) % 6));
    }
}

#[test]
fn processes_creating_the_same_new_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..30 {
        let db = dir.path().join(format!("new-{round}.db"));
        let children: Vec<_> = (0..3)
            .map(|w| {
                recap_bin()
                    .arg("--db")
                    .arg(&db)
                    .args([
                        "record",
                        "who-5",
                        "--yes",
                        "--answers",
                        &format!("{w},{w},{w},{w},{w}"),
                    ])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let profile = store.default_profile(t(1, 1)).unwrap();
        let sessions = store
            .sessions(profile.id, &SessionQuery::default())
            .unwrap();
        assert_eq!(sessions.len(), 3, "round {round}");
    }
    // Nothing is left behind beside the databases.
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn backup_copies_what_another_open_connection_has_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let copy = dir.path().join("copy.db");
    let loaded = who5();
    let store = Store::open(&db).unwrap();
    let profile = store.add_profile("Jo", t(1, 8)).unwrap();
    let mut answers = recap::instrument::Answers::new();
    for item in &loaded.instrument.items {
        answers.insert(item.id.clone(), AnswerValue::Number(4));
    }
    let first = store
        .record_session(profile.id, &loaded, &answers, t(2, 12), false)
        .unwrap();
    // The writes are still in the open connection's write-ahead log.
    assert!(!sidecars_gone(&db));

    let out = recap_bin()
        .arg("--db")
        .arg(&db)
        .arg("backup")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    {
        let backup = Store::open(&copy).unwrap();
        assert_eq!(backup.integrity_check().unwrap(), "ok");
        let p = backup.require_profile("Jo").unwrap();
        let sessions = backup.sessions(p.id, &SessionQuery::default()).unwrap();
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions[0].id, first.id);
        assert_eq!(backup.answers(&first.id).unwrap(), answers);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    // An existing file is not replaced without --force.
    let second = store
        .record_session(profile.id, &loaded, &answers, t(3, 12), false)
        .unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = recap_bin()
        .arg("--db")
        .arg(&db)
        .arg("backup")
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);

    let out = recap_bin()
        .arg("--db")
        .arg(&db)
        .args(["backup", "--force"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let backup = Store::open(&copy).unwrap();
    assert!(backup.session(&second.id).unwrap().is_some());
}

#[test]
fn notes_can_be_added_read_changed_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("n.db")).unwrap();
    let loaded = who5();
    let p = store.add_profile("Ana", t(1, 8)).unwrap();
    let other = store.add_profile("Ben", t(1, 8)).unwrap();
    let session = store.start_session(p.id, &loaded, false, t(1, 9)).unwrap();

    assert!(matches!(
        store.add_note(p.id, None, "   ", t(1, 10)),
        Err(StoreError::Input(_))
    ));
    let first = store.add_note(p.id, None, "first", t(1, 10)).unwrap();
    let second = store
        .add_note(p.id, Some(&session.id), "about the check-in", t(2, 10))
        .unwrap();
    store
        .add_note(other.id, None, "someone else", t(3, 10))
        .unwrap();

    let notes = store.notes(p.id).unwrap();
    assert_eq!(
        notes.iter().map(|n| n.body.as_str()).collect::<Vec<_>>(),
        ["about the check-in", "first"]
    );
    assert_eq!(notes[0].session_id.as_deref(), Some(session.id.as_str()));
    assert_eq!(store.note(&first.id).unwrap().unwrap(), first);

    let changed = store
        .update_note(&first.id, "first, edited", t(4, 10))
        .unwrap();
    assert_eq!(changed.body, "first, edited");
    assert_eq!(changed.created_at, t(1, 10));
    assert_eq!(changed.updated_at, t(4, 10));
    assert!(store.update_note(&first.id, "", t(4, 11)).is_err());
    assert!(store.update_note("no-such-note", "x", t(4, 11)).is_err());

    store.delete_note(&second.id).unwrap();
    assert!(store.note(&second.id).unwrap().is_none());
    assert!(store.delete_note(&second.id).is_err());
    // Edits and the deletion are kept, with the text before each.
    let edits = store.note_history(&first.id).unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].kind, recap::store::RevisionKind::Edited);
    assert_eq!(edits[0].body_before, "first");
    assert_eq!(edits[0].changed_at, t(4, 10));
    let deleted = store.note_history(&second.id).unwrap();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].kind, recap::store::RevisionKind::Deleted);
    assert_eq!(deleted[0].body_before, "about the check-in");
    let dumped = store.dump(&recap::store::DumpFilter::default()).unwrap();
    let gone = dumped.notes.iter().find(|n| n.id == second.id).unwrap();
    assert!(gone.deleted_at.is_some());
    // Exports without private notes leave deleted ones out too.
    let shared = store
        .dump(&recap::store::DumpFilter {
            shared_notes_only: true,
            ..recap::store::DumpFilter::default()
        })
        .unwrap();
    assert!(shared.notes.iter().all(|n| n.id != second.id));
    assert_eq!(store.notes(p.id).unwrap().len(), 1);
    assert_eq!(store.notes(other.id).unwrap().len(), 1);
}

#[test]
fn profiles_rename_archive_and_refuse_duplicate_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("p.db")).unwrap();
    let ana = store.add_profile("Ana", t(1, 8)).unwrap();
    store.add_profile("Ben", t(1, 9)).unwrap();

    let dup = store.add_profile("ana", t(1, 10)).unwrap_err();
    assert!(dup.to_string().contains("already exists"), "{dup}");
    assert!(store.add_profile("  ", t(1, 10)).is_err());
    let clash = store.rename_profile("Ana", "BEN").unwrap_err();
    assert!(clash.to_string().contains("already exists"), "{clash}");

    let renamed = store.rename_profile("Ana", "Anna").unwrap();
    assert_eq!(renamed.id, ana.id);
    assert_eq!(renamed.uuid, ana.uuid);
    assert!(store.profile_by_name("Ana").unwrap().is_none());
    // Changing only the case of one's own name is allowed.
    store.rename_profile("Anna", "ANNA").unwrap();

    let several = store.default_profile(t(2, 8)).unwrap_err();
    assert!(several.to_string().contains("--profile"), "{several}");

    let archived = store.archive_profile("Ben", t(2, 8)).unwrap();
    assert_eq!(archived.archived_at, Some(t(2, 8)));
    let active: Vec<_> = store
        .profiles(false)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(active, ["ANNA"]);
    let all: Vec<_> = store
        .profiles(true)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(all, ["ANNA", "Ben"]);
    // With one active profile left, it is the default.
    assert_eq!(store.default_profile(t(2, 9)).unwrap().id, ana.id);

    // The error names the one asked for and no other profile.
    let unknown = store.require_profile("Zed").unwrap_err().to_string();
    assert!(
        unknown.contains("Zed") && unknown.contains("recap profiles list"),
        "{unknown}"
    );
    assert!(
        !unknown.contains("ANNA") && !unknown.contains("Ben"),
        "{unknown}"
    );
}

#[test]
fn the_first_profile_is_created_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("d.db")).unwrap();
    let first = store.default_profile(t(1, 8)).unwrap();
    let again = store.default_profile(t(1, 9)).unwrap();
    assert_eq!(first, again);
    assert_eq!(store.profiles(true).unwrap().len(), 1);
}

/// (session id, completed at, with counselor, [(score id, value)]).
type Point = (String, String, bool, Vec<(String, Option<f64>)>);

/// The trend series and last check-ins as recomputed from `sessions` and
/// `scores` (what `score_series` and `last_completed` read before schema 3).
fn recomputed(path: &Path, profile_id: i64) -> (Vec<Point>, Vec<(String, String)>) {
    let conn = Connection::open(path).unwrap();
    let mut series: Vec<Point> = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT s.id, s.completed_at, s.with_counselor, sc.score_id, sc.value
             FROM sessions s LEFT JOIN scores sc ON sc.session_seq = s.seq
             WHERE s.profile_id = ?1 AND s.status = 'completed' AND s.questionnaire_id = 'who-5'
               AND s.deleted_at IS NULL
             ORDER BY s.completed_at, s.id, sc.score_id",
        )
        .unwrap();
    let mut rows = stmt.query([profile_id]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let id: String = r.get(0).unwrap();
        if series.last().is_none_or(|p| p.0 != id) {
            series.push((id, r.get(1).unwrap(), r.get(2).unwrap(), Vec::new()));
        }
        if let Some(score) = r.get::<_, Option<String>>(3).unwrap() {
            let value = r.get(4).unwrap();
            series.last_mut().unwrap().3.push((score, value));
        }
    }
    let last = conn
        .prepare(
            "SELECT questionnaire_id, MAX(completed_at) FROM sessions
             WHERE profile_id = ?1 AND status = 'completed' AND deleted_at IS NULL
             GROUP BY questionnaire_id ORDER BY questionnaire_id",
        )
        .unwrap()
        .query_map([profile_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (series, last)
}

fn assert_read_orders_match(store: &Store, profile_id: i64) {
    let (series, last) = recomputed(store.path(), profile_id);
    let read: Vec<_> = store
        .score_series(profile_id, "who-5", &SessionQuery::default())
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.session_id,
                recap::store::timestamp(p.completed_at),
                p.with_counselor,
                p.scores,
            )
        })
        .collect();
    assert_eq!(read, series);
    let read_last: Vec<_> = store
        .last_completed(profile_id)
        .unwrap()
        .into_iter()
        .map(|(q, at)| (q, recap::store::timestamp(at.at)))
        .collect();
    assert_eq!(read_last, last);
}

#[test]
fn the_series_and_last_check_ins_follow_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let store = Store::open(&path).unwrap();
    let loaded = who5();
    let ana = store.add_profile("Ana", t(1, 8)).unwrap();
    let ben = store.add_profile("Ben", t(1, 8)).unwrap();
    let answers = |v: i64| -> recap::instrument::Answers {
        loaded
            .instrument
            .items
            .iter()
            .map(|i| (i.id.clone(), AnswerValue::Number(v)))
            .collect()
    };
    let mut partial = answers(1);
    partial.remove("w1");
    partial.remove("w2");
    store
        .record_session(ana.id, &loaded, &answers(3), t(3, 9), true)
        .unwrap();
    store
        .record_session(ana.id, &loaded, &partial, t(1, 9), false)
        .unwrap();
    store
        .record_session(ben.id, &loaded, &answers(5), t(2, 9), false)
        .unwrap();
    // Completed live, earlier than the latest: the latest stays the last check-in.
    let live = store
        .start_session(ana.id, &loaded, false, t(2, 8))
        .unwrap();
    for (item, value) in answers(2) {
        store.save_answer(&live.id, &item, &value, t(2, 8)).unwrap();
    }
    let scoring = recap::instrument::score(&loaded.instrument, &answers(2));
    store.complete_session(&live.id, t(2, 9), &scoring).unwrap();
    // Unfinished and set-aside check-ins are not in the series.
    let open = store
        .start_session(ana.id, &loaded, false, t(4, 8))
        .unwrap();
    store
        .save_answer(&open.id, "w1", &AnswerValue::Number(4), t(4, 8))
        .unwrap();
    let dropped = store
        .start_session(ana.id, &loaded, false, t(4, 9))
        .unwrap();
    store.discard_session(&dropped.id).unwrap();
    assert_eq!(
        store
            .score_series(ana.id, "who-5", &SessionQuery::default())
            .unwrap()
            .len(),
        3
    );
    assert_read_orders_match(&store, ana.id);
    assert_read_orders_match(&store, ben.id);

    // A time window reads only its part of the series.
    let window = SessionQuery {
        from: Some(t(2, 0)),
        to: Some(t(3, 0)),
        ..SessionQuery::default()
    };
    let part = store.score_series(ana.id, "who-5", &window).unwrap();
    assert_eq!(part.len(), 1);
    assert_eq!(part[0].session_id, live.id);

    // Imported into another file, then rescored: the same series there.
    let dump = store.dump(&recap::store::DumpFilter::default()).unwrap();
    let copy_path = dir.path().join("copy.db");
    let copy = Store::open(&copy_path).unwrap();
    copy.import_dump(&dump).unwrap();
    let copy_ana = copy.require_profile("Ana").unwrap();
    assert_read_orders_match(&copy, copy_ana.id);
    assert_eq!(
        copy.score_series(copy_ana.id, "who-5", &SessionQuery::default())
            .unwrap(),
        store
            .score_series(ana.id, "who-5", &SessionQuery::default())
            .unwrap()
    );
    assert_eq!(store.rescore_all().unwrap(), 4);
    assert_read_orders_match(&store, ana.id);

    // The trash: the newest check-in leaves the series and the last check-in
    // goes back to the one before; restored, it is as it was.
    let newest = store
        .score_series(ana.id, "who-5", &SessionQuery::default())
        .unwrap()
        .last()
        .unwrap()
        .session_id
        .clone();
    let before = store
        .score_series(ana.id, "who-5", &SessionQuery::default())
        .unwrap();
    store.trash_session(&newest, t(5, 9)).unwrap();
    assert_read_orders_match(&store, ana.id);
    assert_eq!(last_at(&store, ana.id), [("who-5".to_string(), t(2, 9))]);
    // Rescoring everything keeps the trash out.
    store.rescore_all().unwrap();
    assert_read_orders_match(&store, ana.id);
    assert_eq!(
        store.restore_session(&newest).unwrap().1,
        recap::store::Restored::FromTrash
    );
    assert_eq!(
        store
            .score_series(ana.id, "who-5", &SessionQuery::default())
            .unwrap(),
        before
    );
    assert_read_orders_match(&store, ana.id);
    // An amended answer: the cached scores follow.
    store
        .amend_answer(
            &live.id,
            "w1",
            Some(&AnswerValue::Number(5)),
            "typo",
            t(5, 10),
        )
        .unwrap();
    let amended = store
        .score_series(ana.id, "who-5", &SessionQuery::default())
        .unwrap();
    let point = amended.iter().find(|p| p.session_id == live.id).unwrap();
    assert_eq!(point.value("total"), Some(52.0));
    assert_read_orders_match(&store, ana.id);
    // The only one in the trash is erased; the others stay.
    store.trash_session(&live.id, t(5, 11)).unwrap();
    assert_eq!(store.empty_trash(Some(ana.id)).unwrap(), 1);
    assert!(store.session(&live.id).unwrap().is_none());
    assert!(store.amendments(&live.id).unwrap().is_empty());
    assert_read_orders_match(&store, ana.id);

    // Deleting a profile removes its rows, and no one else's.
    store.delete_profile("Ben").unwrap();
    let conn = Connection::open(&path).unwrap();
    for table in ["series", "last_done"] {
        let left: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE profile_id = ?1"),
                [ben.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "{table}");
    }
    assert_read_orders_match(&store, ana.id);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
