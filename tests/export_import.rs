//! JSON export and import round trips (a property over random data), double
//! imports, rejected files that leave the database unchanged, and CSV that
//! parses back to the right rows.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use recap::export::{csv as csv_export, json};
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Response};
use recap::store::{Dump, DumpFilter, SessionQuery, Status, Store};

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

fn catalog() -> Vec<Loaded> {
    Catalog::bundled().iter().cloned().collect()
}

fn export(store: &Store, filter: &DumpFilter) -> String {
    let mut out = Vec::new();
    json::write(store, filter, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn import_text(store: &Store, text: &str) -> Result<recap::store::ImportSummary, String> {
    let dump = json::parse("test.json", text.as_bytes()).map_err(|e| e.to_string())?;
    store.import_dump(&dump).map_err(|e| e.to_string())
}

fn open(dir: &Path, name: &str) -> Store {
    Store::open(&dir.join(name)).unwrap()
}

/// An answer for an item from a random index: an allowed value, or text.
fn answer_for(item: &recap::instrument::Item, pick: usize, text: &str) -> AnswerValue {
    match &item.response {
        Response::Text => AnswerValue::Text(text.to_string()),
        Response::Number { min, max, .. } => {
            AnswerValue::Number(min + (pick as i64 % (max - min + 1)))
        }
        _ => {
            let options = item.options();
            AnswerValue::Number(options[pick % options.len()].value)
        }
    }
}

#[derive(Debug, Clone)]
struct SessionPlan {
    questionnaire: usize,
    /// 0 completed, 1 in progress, 2 discarded.
    status: u8,
    /// Per item: None skips it, Some(i) picks an allowed value.
    picks: Vec<Option<usize>>,
    text: String,
    with_counselor: bool,
    note: Option<String>,
}

#[derive(Debug, Clone)]
struct ProfilePlan {
    name: String,
    archived: bool,
    counselor_default: bool,
    sessions: Vec<SessionPlan>,
    notes: Vec<(String, bool)>,
}

fn session_plan() -> impl Strategy<Value = SessionPlan> {
    (
        0usize..3,
        0u8..3,
        prop::collection::vec(prop::option::weighted(0.85, 0usize..12), 14),
        "\\PC{0,24}",
        any::<bool>(),
        prop::option::of("[a-z]\\PC{0,30}"),
    )
        .prop_map(
            |(questionnaire, status, picks, text, with_counselor, note)| SessionPlan {
                questionnaire,
                status,
                picks,
                text,
                with_counselor,
                note,
            },
        )
}

fn profile_plan() -> impl Strategy<Value = ProfilePlan> {
    (
        "[A-Za-zé ]{0,12}",
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(session_plan(), 0..4),
        prop::collection::vec(("[A-Za-z]\\PC{0,40}", any::<bool>()), 0..3),
    )
        .prop_map(
            |(name, archived, counselor_default, sessions, notes)| ProfilePlan {
                name,
                archived,
                counselor_default,
                sessions,
                notes,
            },
        )
}

/// Fills a store through its public API, the way recap itself writes.
fn apply(store: &Store, plans: &[ProfilePlan]) {
    let catalog = catalog();
    let mut clock = base();
    let mut tick = || {
        clock += Duration::minutes(37);
        clock
    };
    for (i, plan) in plans.iter().enumerate() {
        let profile = store
            .add_profile(&format!("P{i} {}", plan.name), tick())
            .unwrap();
        if plan.counselor_default {
            store.set_counselor_default(profile.id, true).unwrap();
        }
        for s in &plan.sessions {
            let loaded = &catalog[s.questionnaire];
            let mut answers = Answers::new();
            for (item, pick) in loaded.instrument.items.iter().zip(&s.picks) {
                if let Some(pick) = pick {
                    answers.insert(item.id.clone(), answer_for(item, *pick, &s.text));
                }
            }
            let session_id = if s.status == 0 {
                store
                    .record_session(profile.id, loaded, &answers, tick(), s.with_counselor)
                    .unwrap()
                    .id
            } else {
                let session = store
                    .start_session(profile.id, loaded, s.with_counselor, tick())
                    .unwrap();
                for (item, value) in &answers {
                    store.save_answer(&session.id, item, value, tick()).unwrap();
                }
                if s.status == 2 {
                    store.discard_session(&session.id).unwrap();
                }
                session.id
            };
            if let Some(body) = &s.note {
                store
                    .add_note(profile.id, Some(&session_id), body, tick())
                    .unwrap();
            }
        }
        for (body, edit) in &plan.notes {
            let note = store.add_note(profile.id, None, body, tick()).unwrap();
            if *edit {
                store
                    .update_note(&note.id, &format!("{body} (edited)"), tick())
                    .unwrap();
            }
        }
        if plan.archived {
            store.archive_profile(&profile.name, tick()).unwrap();
        }
    }
}

/// Cached scores of every profile and questionnaire, by profile uuid.
fn cached_scores(store: &Store) -> Vec<(String, String, Vec<recap::store::SeriesPoint>)> {
    let mut all = Vec::new();
    for p in store.profiles(true).unwrap() {
        for loaded in catalog() {
            let id = loaded.instrument.id;
            let series = store
                .score_series(p.id, &id, &SessionQuery::default())
                .unwrap();
            all.push((p.uuid.clone(), id, series));
        }
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical(plans in prop::collection::vec(profile_plan(), 0..4)) {
        let dir = tempfile::tempdir().unwrap();
        let original = open(dir.path(), "a.db");
        apply(&original, &plans);
        let first = export(&original, &DumpFilter::default());
        // The streamed document is exactly the in-memory one.
        prop_assert_eq!(&first, &json::to_string(&original.dump(&DumpFilter::default()).unwrap()).unwrap());

        let copy = open(dir.path(), "b.db");
        let summary = import_text(&copy, &first).unwrap();
        let sessions: usize = plans.iter().map(|p| p.sessions.len()).sum();
        prop_assert_eq!(summary.profiles_added, plans.len());
        prop_assert_eq!(summary.sessions_added, sessions);
        prop_assert!(summary.renamed.is_empty());
        let second = export(&copy, &DumpFilter::default());
        prop_assert_eq!(&first, &second);
        // Scores were cached for the imported completed sessions.
        prop_assert_eq!(cached_scores(&original), cached_scores(&copy));

        // A second import adds nothing.
        let again = import_text(&copy, &first).unwrap();
        prop_assert!(again.is_empty(), "{:?}", again);
        prop_assert_eq!(again.sessions_present, sessions);
        prop_assert_eq!(export(&copy, &DumpFilter::default()), first);
    }
}

/// A small fixed data set: two profiles, completed and unfinished check-ins, notes.
fn sample(store: &Store) -> (String, String) {
    let catalog = Catalog::bundled();
    let who5 = catalog.get("who-5").unwrap();
    let samhsa = catalog.get("samhsa-dimensions").unwrap();
    let ana = store.add_profile("Ana", base()).unwrap();
    let ben = store.add_profile("Ben", base()).unwrap();
    let answers = |values: &[i64]| -> Answers {
        who5.instrument
            .items
            .iter()
            .zip(values)
            .map(|(item, v)| (item.id.clone(), AnswerValue::Number(*v)))
            .collect()
    };
    // Recorded out of order on purpose: the CSV is ordered by completion.
    let later = store
        .record_session(
            ana.id,
            who5,
            &answers(&[5, 5, 5, 5, 5]),
            base() + Duration::days(7),
            false,
        )
        .unwrap();
    let earlier = store
        .record_session(
            ana.id,
            who5,
            &answers(&[0, 1, 2, 3, 4]),
            base() + Duration::days(1),
            true,
        )
        .unwrap();
    let mut reflection = Answers::new();
    for item in &samhsa.instrument.items {
        let value = match item.response {
            Response::Text => AnswerValue::Text("a \"good\" week,\nmostly".into()),
            _ => AnswerValue::Number(2),
        };
        reflection.insert(item.id.clone(), value);
    }
    store
        .record_session(
            ben.id,
            samhsa,
            &reflection,
            base() + Duration::days(3),
            false,
        )
        .unwrap();
    let open = store
        .start_session(ben.id, who5, false, base() + Duration::days(4))
        .unwrap();
    store
        .save_answer(
            &open.id,
            "w1",
            &AnswerValue::Number(3),
            base() + Duration::days(4),
        )
        .unwrap();
    store
        .add_note(
            ana.id,
            Some(&earlier.id),
            "first week",
            base() + Duration::days(1),
        )
        .unwrap();
    store
        .add_note(ben.id, None, "met in person", base())
        .unwrap();
    (earlier.id, later.id)
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = open(dir.path(), "a.db");
    sample(&source);
    let text = export(&source, &DumpFilter::default());

    let target = open(dir.path(), "b.db");
    let first = import_text(&target, &text).unwrap();
    assert_eq!(first.profiles_added, 2);
    assert_eq!(first.sessions_added, 4);
    assert_eq!(first.answers_added, 5 + 5 + 14 + 1);
    assert_eq!(first.notes_added, 2);
    assert_eq!(first.snapshots_added, 2);
    let after_first = export(&target, &DumpFilter::default());

    let second = import_text(&target, &text).unwrap();
    assert!(second.is_empty(), "{second:?}");
    assert_eq!(second.profiles_present, 2);
    assert_eq!(second.sessions_present, 4);
    assert_eq!(second.notes_present, 2);
    assert_eq!(export(&target, &DumpFilter::default()), after_first);
    assert_eq!(after_first, text);
}

#[test]
fn a_profile_name_taken_by_another_profile_is_imported_with_a_suffix() {
    let dir = tempfile::tempdir().unwrap();
    let source = open(dir.path(), "a.db");
    sample(&source);
    let text = export(&source, &DumpFilter::default());

    let target = open(dir.path(), "b.db");
    let mine = target.add_profile("ana", base()).unwrap();
    target.add_profile("Ana (imported)", base()).unwrap();
    let summary = import_text(&target, &text).unwrap();
    assert_eq!(
        summary.renamed,
        vec![("Ana".to_string(), "Ana (imported 2)".to_string())]
    );
    let imported = target.require_profile("Ana (imported 2)").unwrap();
    assert_ne!(imported.uuid, mine.uuid);
    assert_eq!(
        target
            .sessions(imported.id, &SessionQuery::default())
            .unwrap()
            .len(),
        2
    );
    assert!(
        target
            .sessions(mine.id, &SessionQuery::default())
            .unwrap()
            .is_empty()
    );
    // Importing again matches by uuid, whatever the name is now.
    assert!(import_text(&target, &text).unwrap().is_empty());
}

#[test]
fn truncated_and_wrong_version_files_are_rejected_with_position_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = open(dir.path(), "a.db");
    sample(&source);
    let text = export(&source, &DumpFilter::default());

    let target = open(dir.path(), "b.db");
    target.add_profile("Zoe", base()).unwrap();
    let before = export(&target, &DumpFilter::default());

    let cut = &text[..text.len() * 2 / 3];
    let lines = cut.lines().count();
    let err = import_text(&target, cut).unwrap_err();
    assert!(err.starts_with(&format!("test.json:{lines}:")), "{err}");
    assert!(err.contains("ends too early"), "{err}");

    let newer = text.replacen("\"version\": 1,", "\"version\": 2,", 1);
    let err = import_text(&target, &newer).unwrap_err();
    assert!(err.starts_with("test.json:3:"), "{err}");
    assert!(
        err.contains("version 2") && err.contains("reads version 1"),
        "{err}"
    );

    let err = import_text(&target, "[1, 2, 3]").unwrap_err();
    assert!(err.starts_with("test.json:1:"), "{err}");

    let bad_status = text.replacen("\"status\": \"completed\"", "\"status\": \"finished\"", 1);
    let err = import_text(&target, &bad_status).unwrap_err();
    assert!(err.contains("unknown variant `finished`"), "{err}");
    let line = bad_status
        .lines()
        .position(|l| l.contains("\"finished\""))
        .unwrap()
        + 1;
    assert!(err.starts_with(&format!("test.json:{line}:")), "{err}");

    assert_eq!(export(&target, &DumpFilter::default()), before);
}

/// Bad data that parses as JSON: each is refused with a message saying what
/// and where, and nothing of the file is imported, even the parts before it.
#[test]
fn invalid_content_is_refused_and_nothing_is_half_imported() {
    let dir = tempfile::tempdir().unwrap();
    let source = open(dir.path(), "a.db");
    sample(&source);
    let good = source.dump(&DumpFilter::default()).unwrap();

    type Break = fn(&mut Dump);
    let cases: Vec<(&str, Break, &str)> = [
        (
            "value not allowed",
            (|d: &mut Dump| d.sessions.last_mut().unwrap().answers[0].value = AnswerValue::Number(99)) as Break,
            "99 is not allowed for item w1",
        ),
        (
            "unknown item",
            |d| d.sessions[0].answers[0].item_id = "w9".into(),
            "has no item \"w9\"",
        ),
        (
            "text for a number",
            |d| d.sessions[0].answers[0].value = AnswerValue::Text("five".into()),
            "takes a number, not text",
        ),
        (
            "edited snapshot",
            |d| d.snapshots[0].source.push_str("\n# changed\n"),
            "does not match its hash",
        ),
        (
            "unknown profile",
            |d| d.sessions[1].profile_uuid = "00000000-0000-4000-8000-000000000000".into(),
            "profile 00000000-0000-4000-8000-000000000000 is neither in the file nor in this database",
        ),
        (
            "unknown snapshot",
            |d| d.sessions[1].snapshot_hash = "abc".into(),
            "questionnaire snapshot abc is neither",
        ),
        (
            "bad timestamp",
            |d| d.sessions[2].started_at = "2026-03-02 09:00".into(),
            "sessions[2].started_at",
        ),
        (
            "completed without a time",
            |d| {
                let s = d.sessions.iter_mut().find(|s| s.status == Status::Completed).unwrap();
                s.completed_at = None;
            },
            "needs completed_at",
        ),
        (
            "note on another profile's session",
            |d| {
                let note = d.notes.iter_mut().find(|n| n.session_id.is_some()).unwrap();
                let other = d.profiles.iter().find(|p| p.uuid != note.profile_uuid).unwrap();
                note.profile_uuid = other.uuid.clone();
            },
            "belongs to another profile",
        ),
        (
            "duplicate session",
            |d| {
                let copy = d.sessions[0].clone();
                d.sessions.push(copy);
            },
            "appears twice",
        ),
        (
            "empty note",
            |d| d.notes[0].body = "  ".into(),
            "a note cannot be empty",
        ),
    ]
    .into();

    for (what, break_it, expected) in cases {
        let mut dump = good.clone();
        break_it(&mut dump);
        let target = open(dir.path(), &format!("{}.db", what.replace(' ', "-")));
        target.add_profile("Zoe", base()).unwrap();
        let before = export(&target, &DumpFilter::default());
        let text = json::to_string(&dump).unwrap();
        let err = match import_text(&target, &text) {
            Ok(summary) => panic!("{what}: imported {summary:?}"),
            Err(e) => e,
        };
        assert!(err.contains(expected), "{what}: {err}");
        assert!(err.contains("nothing was imported"), "{what}: {err}");
        assert_eq!(export(&target, &DumpFilter::default()), before, "{what}");
        // The unbroken file still imports.
        import_text(&target, &json::to_string(&good).unwrap()).unwrap();
    }
}

#[test]
fn filtered_exports_hold_what_the_filter_selects_and_import_on_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let source = open(dir.path(), "a.db");
    let (earlier, later) = sample(&source);
    let ana = source.require_profile("Ana").unwrap();

    let only_ana = source
        .dump(&DumpFilter {
            profile_id: Some(ana.id),
            since: None,
            ..DumpFilter::default()
        })
        .unwrap();
    assert_eq!(only_ana.profiles.len(), 1);
    assert_eq!(only_ana.profiles[0].name, "Ana");
    assert_eq!(only_ana.sessions.len(), 2);
    assert_eq!(only_ana.snapshots.len(), 1);
    assert_eq!(only_ana.notes.len(), 1);

    let recent = source
        .dump(&DumpFilter {
            profile_id: None,
            since: Some(base() + Duration::days(2)),
            ..DumpFilter::default()
        })
        .unwrap();
    let ids: Vec<_> = recent.sessions.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&later.as_str()));
    assert!(!ids.contains(&earlier.as_str()));
    assert_eq!(
        recent.sessions.len(),
        3,
        "the later who-5, Ben's reflection and his unfinished one"
    );
    // The note about the earlier session stays with it; Ben's profile note was written before.
    assert!(recent.notes.is_empty());

    let target = open(dir.path(), "b.db");
    let summary = target.import_dump(&recent).unwrap();
    assert_eq!(summary.sessions_added, 3);
    assert_eq!(
        target.dump(&DumpFilter::default()).unwrap().sessions,
        recent.sessions
    );
}

#[test]
fn csv_answers_parse_back_with_the_right_rows_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), "a.db");
    let (earlier, later) = sample(&store);
    let mut out = Vec::new();
    csv_export::write_answers(&store, &DumpFilter::default(), &mut out).unwrap();

    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, csv_export::ANSWER_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Completed sessions only: 5 + 5 (Ana's who-5) + 14 (Ben's reflection); not the unfinished one.
    assert_eq!(rows.len(), 24);
    let col = |name: &str| {
        csv_export::ANSWER_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };

    // Ordered by profile, then completion, then item order.
    assert!(rows[..10].iter().all(|r| &r[col("profile")] == "Ana"));
    assert!(rows[10..].iter().all(|r| &r[col("profile")] == "Ben"));
    assert!(rows[..5].iter().all(|r| r[col("session_id")] == earlier));
    assert!(rows[5..10].iter().all(|r| r[col("session_id")] == later));
    let items: Vec<&str> = rows[..5].iter().map(|r| &r[col("item_id")]).collect();
    assert_eq!(items, ["w1", "w2", "w3", "w4", "w5"]);
    let values: Vec<&str> = rows[..5].iter().map(|r| &r[col("value")]).collect();
    assert_eq!(values, ["0", "1", "2", "3", "4"]);
    assert_eq!(&rows[0][col("label")], "At no time");
    assert_eq!(&rows[4][col("label")], "Most of the time");
    assert_eq!(
        &rows[0][col("item_text")],
        "I have felt cheerful and in good spirits."
    );
    assert_eq!(&rows[0][col("questionnaire_id")], "who-5");
    assert_eq!(&rows[0][col("questionnaire_version")], "3");
    assert_eq!(&rows[0][col("completed_at")], "2026-03-02T09:00:00.000Z");
    assert_eq!(&rows[0][col("text")], "");

    let reflection = rows.last().unwrap();
    assert_eq!(&reflection[col("item_id")], "reflection");
    assert_eq!(&reflection[col("text")], "a \"good\" week,\nmostly");
    assert_eq!(&reflection[col("value")], "");
    assert_eq!(&reflection[col("label")], "");
    assert_eq!(&rows[10][col("label")], "Somewhat true");
}

#[test]
fn csv_scores_parse_back_with_one_row_per_score() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path(), "a.db");
    let (earlier, later) = sample(&store);
    let ana = store.require_profile("Ana").unwrap();
    let mut out = Vec::new();
    let filter = DumpFilter {
        profile_id: Some(ana.id),
        since: None,
        ..DumpFilter::default()
    };
    csv_export::write_scores(&store, &filter, &mut out).unwrap();

    // The last two columns come from the result model: WHO-5 is validated,
    // with its own notice.
    let catalog = Catalog::bundled();
    let who5_notice = catalog
        .get("who-5")
        .unwrap()
        .instrument
        .notice
        .clone()
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, csv_export::SCORE_COLUMNS);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec![
                "Ana",
                &earlier,
                "2026-03-02T09:00:00.000Z",
                "who-5",
                "3",
                "total",
                "Well-being",
                "40",
                "29 to 50",
                "true",
                "",
                "2026-03-02T09:00:00.000Z",
                "2026-03-02T09:00:00",
                "validated",
                &who5_notice,
            ]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>(),
            vec![
                "Ana",
                &later,
                "2026-03-08T09:00:00.000Z",
                "who-5",
                "3",
                "total",
                "Well-being",
                "100",
                "Above 50",
                "false",
                "",
                "2026-03-08T09:00:00.000Z",
                "2026-03-08T09:00:00",
                "validated",
                &who5_notice,
            ]
            .into_iter()
            .map(String::from)
            .collect(),
        ]
    );
}
