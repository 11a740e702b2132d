//! What an imported file may claim: bundled questionnaire texts must be ones
//! recap shipped, notes belong to their check-in's profile as stored, ids
//! have one spelling, dates and lengths are bounded; and the JSON export is
//! pinned field by field against the store. The real binary is used where
//! exit codes and messages matter; after every successful import, the
//! database's own export imports cleanly into a fresh database.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;
use chrono::{DateTime, Duration, TimeZone, Utc};
use recap::export::json;
use recap::instrument::load::{BUNDLED, content_hash, parse_str};
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Origin};
use recap::store::{Dump, DumpFilter, Status, Store};
use serde_json::Value;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn recap(&self, db: &str) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.path(db));
        cmd
    }

    fn run(&self, db: &str, args: &[&str]) -> Output {
        self.recap(db).args(args).output().unwrap()
    }

    /// `recap export --format json` of a database, as text.
    fn export(&self, db: &str) -> String {
        let out = self.run(db, &["export", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    }

    fn export_value(&self, db: &str) -> Value {
        serde_json::from_str(&self.export(db)).unwrap()
    }

    /// Writes `doc` to a file and imports it into `db`.
    fn import(&self, db: &str, name: &str, doc: &Value) -> Output {
        let file = self.path(name);
        std::fs::write(&file, serde_json::to_string_pretty(doc).unwrap()).unwrap();
        self.recap(db).arg("import").arg(&file).output().unwrap()
    }

    /// The database's own export imports cleanly into a fresh database, and
    /// that one exports the same records.
    fn assert_export_reimports(&self, db: &str) {
        let doc = self.export_value(db);
        static FRESH: AtomicUsize = AtomicUsize::new(0);
        let fresh = format!("fresh-{}-{db}", FRESH.fetch_add(1, Ordering::SeqCst));
        let out = self.import(&fresh, &format!("{fresh}.json"), &doc);
        assert_eq!(
            out.status.code(),
            Some(0),
            "the export of {db} does not import: {}",
            stderr(&out)
        );
        let again = self.export_value(&fresh);
        for list in ["profiles", "snapshots", "sessions", "notes"] {
            assert_eq!(again[list], doc[list], "{list}");
        }
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Refused with exit 2, the message containing each of `parts` and saying
/// nothing was imported, and the database's content unchanged.
fn assert_refused(env: &Env, db: &str, name: &str, doc: &Value, parts: &[&str]) {
    let before = env.export(db);
    let out = env.import(db, name, doc);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}{}", stdout(&out));
    for part in parts {
        assert!(err.contains(part), "{name}: {err:?} lacks {part:?}");
    }
    assert!(err.contains("nothing was imported"), "{name}: {err}");
    assert_eq!(env.export(db), before, "{name}: the database changed");
}

fn bundled_text(file: &str) -> &'static str {
    BUNDLED.iter().find(|(name, _)| *name == file).unwrap().1
}

/// Rewrites the who-5 snapshot of an export with `edit`, keeping the file
/// self-consistent (hash, session references, id and version).
fn rewrite_who5(doc: &mut Value, edit: impl Fn(&str) -> String, id: &str, version: u32) {
    let snapshot = doc["snapshots"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["questionnaire_id"] == "who-5")
        .unwrap();
    let old_hash = snapshot["hash"].as_str().unwrap().to_string();
    let source = edit(snapshot["source"].as_str().unwrap());
    let hash = content_hash(&source);
    snapshot["source"] = Value::from(source);
    snapshot["hash"] = Value::from(hash.clone());
    snapshot["questionnaire_id"] = Value::from(id);
    snapshot["version"] = Value::from(version);
    for s in doc["sessions"].as_array_mut().unwrap() {
        if s["snapshot_hash"] == old_hash.as_str() {
            s["snapshot_hash"] = Value::from(hash.clone());
            s["questionnaire_id"] = Value::from(id);
            s["questionnaire_version"] = Value::from(version);
        }
    }
}

#[test]
fn a_changed_text_of_a_bundled_questionnaire_is_refused_with_its_position() {
    let env = Env::new();
    let a = env.run("a.db", &["record", "who-5", "--answers", "1,2,3,4,5"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let b = env.run(
        "b.db",
        &["record", "barc-10", "--answers", "1,2,3,4,5,6,1,2,3,4"],
    );
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    let original = env.export_value("a.db");
    assert_eq!(original["snapshots"].as_array().unwrap().len(), 1);

    // The same id and version with other wording: forged.
    let mut forged = original.clone();
    rewrite_who5(
        &mut forged,
        |s| s.replace("cheerful and in good spirits", "that nothing matters"),
        "who-5",
        3,
    );
    assert_refused(
        &env,
        "b.db",
        "forged.json",
        &forged,
        &[
            "forged.json: snapshots[0]",
            "does not match any published version of the bundled questionnaire who-5",
        ],
    );

    // A lower version than any recap shipped is recap's range too.
    let mut low = original.clone();
    rewrite_who5(
        &mut low,
        |s| {
            s.replacen("version = 3", "version = 0", 1)
                .replace("cheerful", "glum")
        },
        "who-5",
        0,
    );
    let out = env.import("b.db", "low.json", &low);
    if out.status.code() == Some(2) {
        let err = stderr(&out);
        assert!(
            err.contains("snapshots[0]") && err.contains("nothing was imported"),
            "{err}"
        );
    } else {
        panic!("version 0 of who-5 imported: {}", stdout(&out));
    }

    // A person's own replacement (a version above recap's) and a copy under
    // its own id are their questionnaires: they import as before.
    let mut own_version = original.clone();
    rewrite_who5(
        &mut own_version,
        |s| {
            s.replacen("version = 3", "version = 4", 1)
                .replace("cheerful", "calm")
        },
        "who-5",
        4,
    );
    let out = env.import("b.db", "own-version.json", &own_version);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    env.assert_export_reimports("b.db");

    let mut own_id = original.clone();
    for s in own_id["sessions"].as_array_mut().unwrap() {
        s["id"] = Value::from(new_uuid());
    }
    rewrite_who5(
        &mut own_id,
        |s| {
            s.replacen("id = \"who-5\"", "id = \"my-wellbeing\"", 1)
                .replace("cheerful", "calm")
        },
        "my-wellbeing",
        3,
    );
    let out = env.import("b.db", "own-id.json", &own_id);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The untouched export imports.
    let out = env.import("b.db", "original.json", &original);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    env.assert_export_reimports("b.db");
}

#[test]
fn check_ins_answered_with_an_older_shipped_text_still_import() {
    let env = Env::new();
    let old_text = include_str!("fixtures/shipped/samhsa-dimensions-1-first.toml");
    assert_ne!(old_text, bundled_text("samhsa-dimensions.toml"));
    let loaded = Loaded {
        instrument: parse_str("old", old_text).unwrap(),
        source: old_text.to_string(),
        hash: content_hash(old_text),
        origin: Origin::Bundled,
    };
    {
        let store = Store::open(&env.path("old.db")).unwrap();
        let me = store.add_profile("Me", Utc::now()).unwrap();
        let answers: Answers = loaded
            .instrument
            .items
            .iter()
            .filter(|i| i.is_numeric())
            .map(|i| (i.id.clone(), AnswerValue::Number(3)))
            .collect();
        store
            .record_session(me.id, &loaded, &answers, Utc::now(), false)
            .unwrap();
    }
    let doc = env.export_value("old.db");
    assert_eq!(doc["snapshots"][0]["hash"], loaded.hash.as_str());
    let out = env.import("new.db", "old.json", &doc);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 check-in"), "{}", stdout(&out));
    env.assert_export_reimports("new.db");

    // The same old text with one word changed is not one recap shipped.
    let mut changed = doc.clone();
    let source = doc["snapshots"][0]["source"]
        .as_str()
        .unwrap()
        .replace("Every \\\npathway counts", "Some \\\npathways count");
    assert_ne!(source, old_text);
    changed["snapshots"][0]["hash"] = Value::from(content_hash(&source));
    changed["sessions"][0]["snapshot_hash"] = Value::from(content_hash(&source));
    changed["snapshots"][0]["source"] = Value::from(source);
    changed["sessions"][0]["id"] = Value::from(new_uuid());
    assert_refused(
        &env,
        "new.db",
        "changed.json",
        &changed,
        &["snapshots[0]", "samhsa-dimensions"],
    );
}

/// One who-5 check-in of the default profile "Me"; returns (profile uuid,
/// session id) and the export.
fn one_check_in(env: &Env, db: &str) -> (String, String, Value) {
    let out = env.run(db, &["record", "who-5", "--answers", "1,2,3,4,5"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = env.export_value(db);
    let profile = doc["profiles"][0]["uuid"].as_str().unwrap().to_string();
    let session = doc["sessions"][0]["id"].as_str().unwrap().to_string();
    (profile, session, doc)
}

fn profile_json(uuid: &str, name: &str) -> Value {
    serde_json::json!({
        "uuid": uuid,
        "name": name,
        "created_at": "2026-01-05T10:00:00.000Z",
        "archived_at": null,
        "counselor_default": false,
    })
}

fn note_json(id: &str, profile: &str, session: Option<&str>) -> Value {
    serde_json::json!({
        "id": id,
        "profile_uuid": profile,
        "session_id": session,
        "created_at": "2026-01-06T10:00:00.000Z",
        "updated_at": "2026-01-06T10:00:00.000Z",
        "body": "a note",
    })
}

fn document(profiles: Vec<Value>, from: &Value, sessions: Vec<Value>, notes: Vec<Value>) -> Value {
    serde_json::json!({
        "format": "recap-export",
        "version": 1,
        "profiles": profiles,
        "snapshots": from["snapshots"].clone(),
        "sessions": sessions,
        "notes": notes,
    })
}

/// The old failure: a file that names a check-in already here (another
/// profile's) as its own, with a note on it, imported the note under the
/// file's profile; the database's own export then failed to import.
#[test]
fn a_note_on_another_profiles_check_in_is_refused_against_what_is_stored() {
    let env = Env::new();
    let (mine, session, doc) = one_check_in(&env, "b.db");

    // The file's profile has the same name ("Me"), so it would be renamed
    // "Me (imported)"; the check-in is the database's, claimed for it.
    let stranger = new_uuid();
    let mut claimed = doc["sessions"][0].clone();
    claimed["profile_uuid"] = Value::from(stranger.as_str());
    let crafted = document(
        vec![profile_json(&stranger, "Me")],
        &doc,
        vec![claimed],
        vec![note_json(&new_uuid(), &stranger, Some(&session))],
    );
    assert_refused(
        &env,
        "b.db",
        "crafted.json",
        &crafted,
        &[
            "crafted.json: sessions[0].profile_uuid",
            &format!(
                "session {session} is already in this database and belongs to another profile"
            ),
        ],
    );

    // The check-in is not in the file at all: the note is checked against
    // the database's owner of it.
    let crafted = document(
        vec![profile_json(&stranger, "Me")],
        &doc,
        vec![],
        vec![
            note_json(&new_uuid(), &stranger, None),
            note_json(&new_uuid(), &stranger, Some(&session)),
        ],
    );
    assert_refused(
        &env,
        "b.db",
        "note-only.json",
        &crafted,
        &[
            "note-only.json: notes[1].session_id",
            &format!("session {session} belongs to another profile"),
        ],
    );

    // A note already here cannot be handed to another profile either.
    let note = new_uuid();
    let ok = document(
        vec![],
        &doc,
        vec![],
        vec![note_json(&note, &mine, Some(&session))],
    );
    let out = env.import("b.db", "ok.json", &ok);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 note"), "{}", stdout(&out));
    env.assert_export_reimports("b.db");
    let moved = document(
        vec![profile_json(&stranger, "Someone")],
        &doc,
        vec![],
        vec![note_json(&note, &stranger, None)],
    );
    assert_refused(
        &env,
        "b.db",
        "moved.json",
        &moved,
        &[
            "moved.json: notes[0].profile_uuid",
            &format!("note {note} is already in this database and belongs to another profile"),
        ],
    );

    // A profile renamed "(imported)" with its own check-in and a note on it
    // is fine, and the result exports and imports again.
    let mut own = doc["sessions"][0].clone();
    let own_id = new_uuid();
    own["id"] = Value::from(own_id.as_str());
    own["profile_uuid"] = Value::from(stranger.as_str());
    let fine = document(
        vec![profile_json(&stranger, "Me")],
        &doc,
        vec![own],
        vec![note_json(&new_uuid(), &stranger, Some(&own_id))],
    );
    let out = env.import("b.db", "fine.json", &fine);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"Me (imported)\""),
        "{}",
        stdout(&out)
    );
    env.assert_export_reimports("b.db");
}

/// Every id and hash of an export in another spelling.
fn respell(doc: &mut Value, urn: bool) {
    fn walk(v: &mut Value, key: Option<&str>, urn: bool) {
        match v {
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    walk(v, Some(k), urn);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, key, urn);
                }
            }
            Value::String(s) => match key {
                Some("uuid" | "id" | "profile_uuid" | "session_id") => {
                    let upper = s.to_uppercase();
                    *s = if urn {
                        format!("urn:uuid:{upper}")
                    } else {
                        upper
                    };
                }
                Some("hash" | "snapshot_hash") => *s = s.to_uppercase(),
                _ => {}
            },
            _ => {}
        }
    }
    for list in ["profiles", "sessions", "notes", "snapshots"] {
        walk(&mut doc[list], None, urn);
    }
}

#[test]
fn ids_in_another_spelling_are_the_same_ids() {
    let env = Env::new();
    let (profile, session, _) = one_check_in(&env, "a.db");
    let out = env.run(
        "a.db",
        &["record", "barc-10", "--answers", "1,2,3,4,5,6,1,2,3,4"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let store = Store::open(&env.path("a.db")).unwrap();
    let me = store.require_profile("Me").unwrap();
    store
        .add_note(me.id, Some(&session), "first week", Utc::now())
        .unwrap();
    store.add_note(me.id, None, "general", Utc::now()).unwrap();
    drop(store);
    let doc = env.export_value("a.db");

    for urn in [false, true] {
        let mut other = doc.clone();
        respell(&mut other, urn);
        let text = serde_json::to_string(&other).unwrap();
        assert!(text.contains(&profile.to_uppercase()));
        assert!(!text.contains(&profile));
        let out = env.import("a.db", "upper.json", &other);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("Nothing to import"),
            "urn {urn}: {}",
            stdout(&out)
        );
    }

    // Into an empty database: stored in the one spelling, so the original
    // then adds nothing.
    let mut other = doc.clone();
    respell(&mut other, true);
    let out = env.import("c.db", "urn.json", &other);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stored = env.export_value("c.db");
    for list in ["profiles", "snapshots", "sessions", "notes"] {
        assert_eq!(stored[list], doc[list], "{list}");
    }
    let out = env.import("c.db", "plain.json", &doc);
    assert!(
        stdout(&out).contains("Nothing to import"),
        "{}",
        stdout(&out)
    );

    // Not a UUID at all: refused where it is.
    let mut bad = doc.clone();
    bad["notes"][0]["session_id"] = Value::from("urn:uuid:not-a-uuid");
    assert_refused(
        &env,
        "c.db",
        "bad-id.json",
        &bad,
        &[
            "bad-id.json: notes[0].session_id",
            "\"urn:uuid:not-a-uuid\" is not a UUID",
        ],
    );
}

/// The sample for limit cases: who-5 and the weekly check-in (its free-text
/// reflection), a note.
fn limits_sample(store: &Store) -> Dump {
    let catalog = Catalog::bundled();
    let at = Utc::now() - Duration::days(10);
    let me = store.add_profile("Ana", at).unwrap();
    let samhsa = catalog.get("samhsa-dimensions").unwrap();
    let mut answers = Answers::new();
    for item in &samhsa.instrument.items {
        let value = if item.is_numeric() {
            AnswerValue::Number(2)
        } else {
            AnswerValue::Text("a week".into())
        };
        answers.insert(item.id.clone(), value);
    }
    let s = store
        .record_session(me.id, samhsa, &answers, at, false)
        .unwrap();
    store.add_note(me.id, Some(&s.id), "noted", at).unwrap();
    store.dump(&DumpFilter::default()).unwrap()
}

#[test]
fn dates_and_lengths_past_the_limits_are_refused_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let source = Store::open(&dir.path().join("a.db")).unwrap();
    let good = limits_sample(&source);
    let reflection = good.sessions[0]
        .answers
        .iter()
        .position(|a| matches!(a.value, AnswerValue::Text(_)))
        .unwrap();
    let future = recap::store::timestamp(Utc::now() + Duration::days(3));
    let before_1900 = "1899-12-31T23:59:59.999Z".to_string();

    type Break = Box<dyn Fn(&mut Dump)>;
    let long_source = {
        let mut s = good.snapshots[0].source.clone();
        s.push('\n');
        while s.len() <= (1 << 20) {
            s.push_str("# padding padding padding padding padding padding padding padding\n");
        }
        s
    };
    let cases: Vec<(&str, Break, String)> = vec![
        (
            "started before 1900",
            Box::new({
                let t = before_1900.clone();
                move |d: &mut Dump| d.sessions[0].started_at = t.clone()
            }),
            "sessions[0].started_at: 1899-12-31 is before 1900-01-01".into(),
        ),
        (
            "profile created before 1900",
            Box::new({
                let t = before_1900.clone();
                move |d: &mut Dump| d.profiles[0].created_at = t.clone()
            }),
            "profiles[0].created_at".into(),
        ),
        (
            "completed in the future",
            Box::new({
                let t = future.clone();
                move |d: &mut Dump| d.sessions[0].completed_at = Some(t.clone())
            }),
            "sessions[0].completed_at".into(),
        ),
        (
            "answered in the future",
            Box::new({
                let t = future.clone();
                move |d: &mut Dump| d.sessions[0].answers[1].answered_at = t.clone()
            }),
            "sessions[0].answers[1].answered_at".into(),
        ),
        (
            "note updated in the future",
            Box::new({
                let t = future.clone();
                move |d: &mut Dump| d.notes[0].updated_at = t.clone()
            }),
            "notes[0].updated_at".into(),
        ),
        (
            "free text too long",
            Box::new(move |d: &mut Dump| {
                d.sessions[0].answers[reflection].value = AnswerValue::Text("x".repeat(20_001))
            }),
            format!(
                "sessions[0].answers[{reflection}].value: the answer is 20,001 characters long"
            ),
        ),
        (
            "profile name too long",
            Box::new(|d: &mut Dump| d.profiles[0].name = "n".repeat(81)),
            "profiles[0].name: a profile name must be at most 80 characters".into(),
        ),
        (
            "note too long",
            Box::new(|d: &mut Dump| d.notes[0].body = "b".repeat(100_001)),
            "notes[0].body: the note is 100,001 characters long".into(),
        ),
        (
            "questionnaire text too large",
            Box::new(move |d: &mut Dump| {
                d.snapshots[0].source = long_source.clone();
                d.snapshots[0].hash = content_hash(&long_source);
                d.sessions[0].snapshot_hash = content_hash(&long_source);
            }),
            "snapshots[0].source: the questionnaire text is".into(),
        ),
    ];
    for (what, break_it, expected) in cases {
        let mut dump = good.clone();
        break_it(&mut dump);
        let target =
            Store::open(&dir.path().join(format!("{}.db", what.replace(' ', "-")))).unwrap();
        target.add_profile("Zoe", Utc::now()).unwrap();
        let before = target.dump(&DumpFilter::default()).unwrap();
        let err = match target.import_dump(&dump) {
            Ok(summary) => panic!("{what}: imported {summary:?}"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains(&expected), "{what}: {err}");
        assert!(err.ends_with("nothing was imported"), "{what}: {err}");
        assert_eq!(
            target.dump(&DumpFilter::default()).unwrap(),
            before,
            "{what}"
        );
    }

    // At the limits exactly: imported, and exported again as they are.
    let mut edge = good.clone();
    edge.sessions[0].answers[reflection].value = AnswerValue::Text("é".repeat(20_000));
    edge.profiles[0].name = "n".repeat(80);
    edge.notes[0].body = "b".repeat(100_000);
    edge.profiles[0].created_at = "1900-01-01T00:00:00.000Z".into();
    let target = Store::open(&dir.path().join("edge.db")).unwrap();
    target.import_dump(&edge).unwrap();
    assert_eq!(target.dump(&DumpFilter::default()).unwrap(), edge);
}

#[test]
fn a_future_date_is_refused_by_the_binary_with_exit_2() {
    let env = Env::new();
    let (_, _, mut doc) = one_check_in(&env, "a.db");
    doc["sessions"][0]["started_at"] =
        Value::from(recap::store::timestamp(Utc::now() + Duration::days(30)));
    doc["sessions"][0]["id"] = Value::from(new_uuid());
    assert_refused(
        &env,
        "a.db",
        "future.json",
        &doc,
        &["future.json: sessions[0].started_at", "is in the future"],
    );
}

/// recap's own writes keep the same bounds, so its exports always import.
#[test]
fn the_store_keeps_the_import_limits_when_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.db")).unwrap();
    let me = store.add_profile("Me", Utc::now()).unwrap();
    let err = store
        .add_note(me.id, None, &"b".repeat(100_001), Utc::now())
        .unwrap_err()
        .to_string();
    assert!(err.contains("100,000"), "{err}");
    let catalog = Catalog::bundled();
    let samhsa = catalog.get("samhsa-dimensions").unwrap();
    let session = store
        .start_session(me.id, samhsa, false, Utc::now())
        .unwrap();
    let err = store
        .save_answer(
            &session.id,
            "reflection",
            &AnswerValue::Text("x".repeat(20_001)),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("20,000"), "{err}");
    let old = Utc.with_ymd_and_hms(1899, 6, 1, 12, 0, 0).unwrap();
    let who5 = catalog.get("who-5").unwrap();
    let answers: Answers = who5
        .instrument
        .items
        .iter()
        .map(|i| (i.id.clone(), AnswerValue::Number(1)))
        .collect();
    assert!(
        store
            .record_session(me.id, who5, &answers, old, false)
            .is_err()
    );
    assert!(store.answers(&session.id).unwrap().is_empty());

    // `record --date` before 1900 is refused the same way.
    let env = Env::new();
    let out = env.run(
        "r.db",
        &[
            "record",
            "who-5",
            "--answers",
            "1,2,3,4,5",
            "--date",
            "1899-12-31",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("before 1900-01-01"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------
// The JSON export pinned field by field against the store.

fn t(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, day, hour, 0, 0).unwrap()
}

fn ts(t: DateTime<Utc>) -> String {
    recap::store::timestamp(t)
}

fn fixture_loaded(name: &str) -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/valid")
        .join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    Loaded {
        instrument: parse_str(name, &source).unwrap(),
        hash: content_hash(&source),
        source,
        origin: Origin::User(path),
    }
}

#[test]
fn the_json_export_holds_every_stored_field_and_imports_to_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.db")).unwrap();
    let catalog = Catalog::bundled();
    let who5 = catalog.get("who-5").unwrap().clone();
    // choice (agree5), reverse, yes_no, number (optional), text (optional).
    let full = fixture_loaded("example-full.toml");

    let ana = store.add_profile("Ana", t(1, 9)).unwrap();
    store.set_counselor_default(ana.id, true).unwrap();
    let ben = store.add_profile("Ben", t(1, 10)).unwrap();

    // Completed, with a counselor, every answer type; the number item skipped.
    let mut answers = Answers::new();
    for item in &full.instrument.items {
        let value = match item.id.as_str() {
            "active-days" => continue,
            "meeting" => AnswerValue::Number(1),
            "notes" => AnswerValue::Text("a \"good\" week,\nmostly =1+1".into()),
            _ => AnswerValue::Number(3),
        };
        answers.insert(item.id.clone(), value);
    }
    let completed = store
        .record_session(ana.id, &full, &answers, t(2, 9), true)
        .unwrap();
    // Unfinished, answers given one by one at their own times.
    let open = store.start_session(ana.id, &who5, false, t(3, 9)).unwrap();
    store
        .save_answer(&open.id, "w2", &AnswerValue::Number(4), t(3, 10))
        .unwrap();
    store
        .save_answer(&open.id, "w1", &AnswerValue::Number(0), t(3, 11))
        .unwrap();
    // Set aside.
    let set_aside = store.start_session(ben.id, &who5, true, t(4, 9)).unwrap();
    store
        .save_answer(&set_aside.id, "w1", &AnswerValue::Number(5), t(4, 10))
        .unwrap();
    store.discard_session(&set_aside.id).unwrap();
    // Notes: on a check-in, on the profile, edited later.
    let on_session = store
        .add_note(ana.id, Some(&completed.id), "about that week", t(2, 10))
        .unwrap();
    let general = store.add_note(ben.id, None, "first", t(5, 9)).unwrap();
    store
        .update_note(&general.id, "first, edited", t(6, 9))
        .unwrap();
    store.archive_profile("Ben", t(7, 9)).unwrap();

    let mut out = Vec::new();
    json::write(&store, &DumpFilter::default(), &mut out).unwrap();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(doc["format"], "recap-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(
        keys(&doc),
        [
            "exported_by",
            "format",
            "notes",
            "profiles",
            "sessions",
            "snapshots",
            "version"
        ]
    );

    // Profiles, oldest first.
    let profiles = doc["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 2);
    for (json, name) in profiles.iter().zip(["Ana", "Ben"]) {
        let p = store.require_profile(name).unwrap();
        assert_eq!(
            keys(json),
            [
                "archived_at",
                "counselor_default",
                "created_at",
                "name",
                "uuid"
            ]
        );
        assert_eq!(json["uuid"], p.uuid.as_str());
        assert_eq!(json["name"], p.name.as_str());
        assert_eq!(json["created_at"], ts(p.created_at).as_str());
        assert_eq!(
            json["archived_at"],
            p.archived_at.map_or(Value::Null, |a| Value::from(ts(a)))
        );
        assert_eq!(json["counselor_default"], p.counselor_default);
    }
    assert_eq!(profiles[0]["counselor_default"], true);
    assert_eq!(profiles[1]["archived_at"], ts(t(7, 9)).as_str());

    // Snapshots: the exact texts.
    let snapshots = doc["snapshots"].as_array().unwrap();
    assert_eq!(snapshots.len(), 2);
    for loaded in [&full, &who5] {
        let json = snapshots
            .iter()
            .find(|s| s["hash"] == loaded.hash.as_str())
            .unwrap();
        assert_eq!(
            keys(json),
            ["hash", "questionnaire_id", "source", "version"]
        );
        assert_eq!(json["questionnaire_id"], loaded.instrument.id.as_str());
        assert_eq!(json["version"], loaded.instrument.version);
        assert_eq!(json["source"], loaded.source.as_str());
    }

    // Sessions, by start, with their answers as stored.
    let sessions = doc["sessions"].as_array().unwrap();
    let ids: Vec<&str> = sessions.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [completed.id.as_str(), &open.id, &set_aside.id]);
    for json in sessions {
        let s = store
            .session(json["id"].as_str().unwrap())
            .unwrap()
            .unwrap();
        let owner = store.profile_by_id(s.profile_id).unwrap().unwrap();
        assert_eq!(
            keys(json),
            [
                "answers",
                "completed_at",
                "id",
                "local_date",
                "profile_uuid",
                "questionnaire_id",
                "questionnaire_version",
                "snapshot_hash",
                "started_at",
                "status",
                "utc_offset",
                "with_counselor"
            ]
        );
        assert_eq!(
            json["local_date"],
            s.local_date
                .map_or(Value::Null, |d| Value::from(d.to_string()))
        );
        assert_eq!(
            json["utc_offset"],
            s.utc_offset
                .map_or(Value::Null, |o| Value::from(recap::timefmt::offset_text(o)))
        );
        assert_eq!(json["local_date"].is_null(), s.completed_at.is_none());
        assert_eq!(json["profile_uuid"], owner.uuid.as_str());
        assert_eq!(json["questionnaire_id"], s.questionnaire_id.as_str());
        assert_eq!(json["questionnaire_version"], s.questionnaire_version);
        assert_eq!(json["snapshot_hash"], s.snapshot_hash.as_str());
        assert_eq!(json["started_at"], ts(s.started_at).as_str());
        assert_eq!(
            json["completed_at"],
            s.completed_at.map_or(Value::Null, |c| Value::from(ts(c)))
        );
        assert_eq!(json["with_counselor"], s.with_counselor);
        assert_eq!(json["status"], s.status.as_str());
        let stored = store.answers(&s.id).unwrap();
        let given = json["answers"].as_array().unwrap();
        assert_eq!(given.len(), stored.len(), "{}", s.id);
        for a in given {
            assert_eq!(keys(a), ["answered_at", "item_id", "value"]);
            let value = &stored[a["item_id"].as_str().unwrap()];
            match value {
                AnswerValue::Number(n) => assert_eq!(a["value"], *n),
                AnswerValue::Text(text) => assert_eq!(a["value"], text.as_str()),
            }
        }
    }
    assert_eq!(sessions[0]["status"], "completed");
    assert_eq!(sessions[0]["with_counselor"], true);
    assert_eq!(sessions[0]["completed_at"], ts(t(2, 9)).as_str());
    assert_eq!(sessions[1]["status"], "in_progress");
    assert_eq!(sessions[1]["completed_at"], Value::Null);
    assert_eq!(sessions[2]["status"], "discarded");
    assert_eq!(sessions[2]["with_counselor"], true);
    // The skipped item is absent; the others carry their time and value.
    let completed_items: Vec<&str> = sessions[0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["item_id"].as_str().unwrap())
        .collect();
    assert!(!completed_items.contains(&"active-days"));
    assert_eq!(completed_items.len(), full.instrument.items.len() - 1);
    let unfinished: Vec<(String, Value, String)> = sessions[1]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["item_id"].as_str().unwrap().to_string(),
                a["value"].clone(),
                a["answered_at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        unfinished,
        [
            ("w2".to_string(), Value::from(4), ts(t(3, 10))),
            ("w1".to_string(), Value::from(0), ts(t(3, 11))),
        ]
    );
    let text_answer = sessions[0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item_id"] == "notes")
        .unwrap();
    // JSON keeps text exactly: no spreadsheet prefix.
    assert_eq!(text_answer["value"], "a \"good\" week,\nmostly =1+1");
    assert_eq!(text_answer["answered_at"], ts(t(2, 9)).as_str());

    // Notes, oldest first.
    let notes = doc["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    for (json, id) in notes.iter().zip([&on_session.id, &general.id]) {
        let n = store.note(id).unwrap().unwrap();
        let owner = store.profile_by_id(n.profile_id).unwrap().unwrap();
        let history = store.note_history(id).unwrap();
        let mut want = vec![
            "body",
            "created_at",
            "id",
            "profile_uuid",
            "session_id",
            "updated_at",
            "visibility",
        ];
        if !history.is_empty() {
            want.insert(2, "history");
        }
        assert_eq!(keys(json), want);
        assert_eq!(json["visibility"], n.visibility.as_str());
        // The text before each edit, with when it changed.
        for (h, j) in history
            .iter()
            .zip(json["history"].as_array().into_iter().flatten())
        {
            assert_eq!(j["kind"], h.kind.as_str());
            assert_eq!(j["body_before"], h.body_before.as_str());
            assert_eq!(j["changed_at"], ts(h.changed_at).as_str());
        }
        assert_eq!(json["id"], n.id.as_str());
        assert_eq!(json["profile_uuid"], owner.uuid.as_str());
        assert_eq!(
            json["session_id"],
            n.session_id.as_deref().map_or(Value::Null, Value::from)
        );
        assert_eq!(json["created_at"], ts(n.created_at).as_str());
        assert_eq!(json["updated_at"], ts(n.updated_at).as_str());
        assert_eq!(json["body"], n.body.as_str());
    }
    assert_eq!(notes[0]["session_id"], completed.id.as_str());
    assert_eq!(notes[1]["body"], "first, edited");
    assert_eq!(notes[1]["history"][0]["kind"], "edited");
    assert_eq!(notes[1]["history"][0]["body_before"], "first");
    assert_eq!(notes[1]["updated_at"], ts(t(6, 9)).as_str());

    // Imported into a fresh database: the store there holds the same values.
    let copy = Store::open(&dir.path().join("b.db")).unwrap();
    let dump = json::parse("a.json", &out).unwrap();
    let summary = copy.import_dump(&dump).unwrap();
    assert_eq!(summary.profiles_added, 2);
    assert_eq!(summary.sessions_added, 3);
    assert_eq!(summary.notes_added, 2);
    for name in ["Ana", "Ben"] {
        let (a, b) = (
            store.require_profile(name).unwrap(),
            copy.require_profile(name).unwrap(),
        );
        assert_eq!(
            (
                &a.uuid,
                &a.name,
                a.created_at,
                a.archived_at,
                a.counselor_default
            ),
            (
                &b.uuid,
                &b.name,
                b.created_at,
                b.archived_at,
                b.counselor_default
            )
        );
        let (na, nb) = (store.notes(a.id).unwrap(), copy.notes(b.id).unwrap());
        assert_eq!(na.len(), nb.len());
        for (x, y) in na.iter().zip(&nb) {
            assert_eq!(
                (&x.id, &x.session_id, x.created_at, x.updated_at, &x.body),
                (&y.id, &y.session_id, y.created_at, y.updated_at, &y.body)
            );
        }
    }
    for id in [&completed.id, &open.id, &set_aside.id] {
        let (a, b) = (
            store.session(id).unwrap().unwrap(),
            copy.session(id).unwrap().unwrap(),
        );
        let owner = |s: &Store, pid| s.profile_by_id(pid).unwrap().unwrap().uuid;
        assert_eq!(owner(&store, a.profile_id), owner(&copy, b.profile_id));
        assert_eq!(
            (
                &a.questionnaire_id,
                a.questionnaire_version,
                &a.snapshot_hash,
                a.started_at,
                a.completed_at,
                a.with_counselor,
                a.status
            ),
            (
                &b.questionnaire_id,
                b.questionnaire_version,
                &b.snapshot_hash,
                b.started_at,
                b.completed_at,
                b.with_counselor,
                b.status
            )
        );
        assert_eq!(store.answers(id).unwrap(), copy.answers(id).unwrap());
        assert_eq!(
            store.snapshot_instrument(&a.snapshot_hash).unwrap(),
            copy.snapshot_instrument(&b.snapshot_hash).unwrap()
        );
    }
    let scored = |s: &Store| {
        let ana = s.require_profile("Ana").unwrap();
        s.score_series(ana.id, "example-weekly", &Default::default())
            .unwrap()
    };
    assert_eq!(scored(&store), scored(&copy));
    assert_eq!(scored(&copy).len(), 1);
    assert_eq!(
        copy.session(&completed.id).unwrap().unwrap().status,
        Status::Completed
    );
    assert_eq!(
        copy.dump(&DumpFilter::default()).unwrap(),
        store.dump(&DumpFilter::default()).unwrap()
    );
}
