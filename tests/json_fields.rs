//! The JSON export keeps every field: a fixed data set touching each kind
//! of record (a client id, an archived profile, a check-in with a counselor
//! and a zone offset, an amended answer, an unfinished and a trashed
//! check-in, private and shared notes with authors, an edited and a deleted
//! note) is exported, and (1) the export's shape, every key path with its
//! type, is pinned by a snapshot, so a field dropped from the export fails
//! here; (2) after import into an empty file every record read back through
//! the store equals the original, so a field dropped on both sides (export
//! and import) fails here too.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use recap::export::json;
use recap::instrument::{AnswerValue, Answers, Catalog};
use recap::store::{DumpFilter, NoteMeta, Store, Visibility};
use serde_json::Value;

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

fn build(store: &Store) {
    let catalog = Catalog::bundled();
    let who5 = catalog.get("who-5").unwrap();
    let answers = |values: &[i64]| -> Answers {
        who5.instrument
            .items
            .iter()
            .zip(values)
            .map(|(item, v)| (item.id.clone(), AnswerValue::Number(*v)))
            .collect()
    };
    let ana = store.add_profile("Ana", base()).unwrap();
    store.set_client_id("Ana", Some("MRN-0042")).unwrap();
    let ben = store.add_profile("Ben", base()).unwrap();
    let zone = FixedOffset::west_opt(5 * 3600).unwrap();
    let done = store
        .record_session(
            ana.id,
            who5,
            &answers(&[1, 2, 3, 4, 5]),
            (base() + Duration::days(1)).with_timezone(&zone),
            true,
        )
        .unwrap();
    store
        .amend_answer(
            &done.id,
            "w2",
            Some(&AnswerValue::Number(4)),
            "typed from paper wrongly",
            base() + Duration::days(2),
        )
        .unwrap();
    let gone = store
        .record_session(
            ana.id,
            who5,
            &answers(&[0, 0, 1, 1, 2]),
            base() + Duration::days(3),
            false,
        )
        .unwrap();
    store
        .trash_session(&gone.id, base() + Duration::days(4))
        .unwrap();
    let open = store
        .start_session(ana.id, who5, false, base() + Duration::days(5))
        .unwrap();
    store
        .save_answer(
            &open.id,
            "w1",
            &AnswerValue::Number(3),
            base() + Duration::days(5),
        )
        .unwrap();
    let private = NoteMeta {
        visibility: Visibility::Private,
        author: Some("J. Rivera".into()),
    };
    let note = store
        .add_note_as(
            ana.id,
            Some(&done.id),
            "first week",
            &private,
            base() + Duration::days(1),
        )
        .unwrap();
    store
        .update_note_as(
            &note.id,
            "first week, together",
            Some("J. Rivera"),
            base() + Duration::days(2),
        )
        .unwrap();
    let shared = store
        .add_note_as(ana.id, None, "plan agreed", &NoteMeta::default(), base())
        .unwrap();
    let extra = store
        .add_note_as(ben.id, None, "written by mistake", &private, base())
        .unwrap();
    store
        .delete_note_as(&extra.id, Some("J. Rivera"), base() + Duration::days(1))
        .unwrap();
    let _ = shared;
    store
        .archive_profile("Ben", base() + Duration::days(6))
        .unwrap();
}

fn export(store: &Store) -> String {
    let filter = DumpFilter {
        shared_notes_only: false,
        ..DumpFilter::default()
    };
    let mut out = Vec::new();
    json::write(store, &filter, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every key path of a JSON value with the type found there (array
/// elements share the path `[]`).
fn shape(value: &Value, path: &str, out: &mut BTreeSet<String>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    out.insert(format!("{path}: {kind}"));
    match value {
        Value::Array(items) => {
            for item in items {
                shape(item, &format!("{path}[]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                shape(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_export_has_every_field_and_import_keeps_each_one() {
    let dir = tempfile::tempdir().unwrap();
    let original = Store::open(&dir.path().join("a.db")).unwrap();
    build(&original);
    let text = export(&original);

    let value: Value = serde_json::from_str(&text).unwrap();
    let mut paths = BTreeSet::new();
    shape(&value, "", &mut paths);
    insta::assert_snapshot!(
        "json_export_shape",
        paths.into_iter().collect::<Vec<_>>().join("\n")
    );

    let copy = Store::open(&dir.path().join("b.db")).unwrap();
    let dump = json::parse("a.json", text.as_bytes()).unwrap();
    copy.import_dump(&dump).unwrap();

    let mine = original.profiles(true).unwrap();
    let theirs = copy.profiles(true).unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(theirs.len(), mine.len());
    for p in &mine {
        let q = theirs.iter().find(|q| q.uuid == p.uuid).unwrap();
        assert_eq!(
            format!("{:?}", recap::store::Profile { id: 0, ..p.clone() }),
            format!("{:?}", recap::store::Profile { id: 0, ..q.clone() }),
        );
        let sessions = original.history(p.id, None).unwrap();
        let copied = copy.history(q.id, None).unwrap();
        assert_eq!(sessions.len(), copied.len(), "{}", p.name);
        for (s, c) in sessions.iter().zip(&copied) {
            let strip = |s: &recap::store::Session| {
                format!(
                    "{:?}",
                    recap::store::Session {
                        profile_id: 0,
                        ..s.clone()
                    }
                )
            };
            assert_eq!(strip(s), strip(c));
            assert_eq!(
                original.answers(&s.id).unwrap(),
                copy.answers(&c.id).unwrap()
            );
            assert_eq!(
                format!("{:?}", original.amendments(&s.id).unwrap()),
                format!("{:?}", copy.amendments(&c.id).unwrap())
            );
        }
        let notes = original.notes(p.id).unwrap();
        let copied = copy.notes(q.id).unwrap();
        assert_eq!(notes.len(), copied.len(), "{}", p.name);
        for (n, c) in notes.iter().zip(&copied) {
            let strip = |n: &recap::store::Note| {
                format!(
                    "{:?}",
                    recap::store::Note {
                        profile_id: 0,
                        ..n.clone()
                    }
                )
            };
            assert_eq!(strip(n), strip(c));
            assert_eq!(
                format!("{:?}", original.note_history(&n.id).unwrap()),
                format!("{:?}", copy.note_history(&c.id).unwrap())
            );
        }
    }
    // What the data set is meant to hold, so the comparison is not empty.
    let ana = mine.iter().find(|p| p.name == "Ana").unwrap();
    assert_eq!(ana.client_id.as_deref(), Some("MRN-0042"));
    assert!(mine.iter().any(|p| p.archived_at.is_some()));
    let sessions = original.history(ana.id, None).unwrap();
    assert_eq!(sessions.len(), 3);
    assert!(sessions.iter().any(|s| s.deleted_at.is_some()));
    assert!(
        sessions
            .iter()
            .any(|s| s.with_counselor && s.utc_offset.is_some())
    );
    assert!(
        sessions
            .iter()
            .any(|s| !original.amendments(&s.id).unwrap().is_empty())
    );
    let notes = original.notes(ana.id).unwrap();
    assert_eq!(notes.len(), 2);
    assert!(
        notes
            .iter()
            .any(|n| n.author.is_some() && n.visibility == Visibility::Private)
    );
    // Then the same file again: the second export equals the first.
    assert_eq!(export(&copy), text);
}
