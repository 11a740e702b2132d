//! The questionnaire's kind and notice travel with every export that
//! carries results: CSV `--scores` has `questionnaire_kind` and `notice`
//! columns (at the end) and the FHIR Questionnaire has `purpose`, both
//! taken from the result model (`outcome`), so a reflective check-in never
//! reaches a spreadsheet or a health record looking like a clinical measure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use recap::config::Support;
use recap::store::Store;
use serde_json::Value;

fn recap(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db(dir));
    cmd
}

fn db(dir: &Path) -> PathBuf {
    dir.join("recap.db")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = recap(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "recap {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Records a check-in and returns its session id.
fn record(dir: &Path, id: &str, answers: &str) -> String {
    let json: Value =
        serde_json::from_str(&ok(dir, &["record", id, "--answers", answers, "--json"])).unwrap();
    json["session_id"].as_str().unwrap().to_string()
}

/// What the result model says about the questionnaire of a check-in.
fn kind_and_notice(store: &Store, session_id: &str) -> (String, Option<String>) {
    let outcome = recap::outcome::for_session(store, session_id, &Support::default())
        .unwrap()
        .unwrap();
    (
        outcome.questionnaire.kind.as_str().to_string(),
        outcome.questionnaire.notice,
    )
}

#[test]
fn reflective_notice_in_csv_scores_and_the_fhir_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let weekly = record(dir, "samhsa-dimensions", "4,3,4,2,4,4,3,4,4,1,4,4,4,");
    let who5 = record(dir, "who-5", "5,4,3,2,1");
    let store = Store::open(&db(dir)).unwrap();
    let (weekly_kind, weekly_notice) = kind_and_notice(&store, &weekly);
    let (who5_kind, who5_notice) = kind_and_notice(&store, &who5);
    assert_eq!(weekly_kind, "reflective");
    let weekly_notice = weekly_notice.unwrap();
    assert!(
        weekly_notice.contains("not a validated clinical measure"),
        "{weekly_notice}"
    );
    assert_eq!(who5_kind, "validated");

    // CSV --scores: the two new columns come last, on every row.
    let csv_text = ok(dir, &["export", "--format", "csv", "--scores"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[header.len() - 2..],
        ["questionnaire_kind".to_string(), "notice".to_string()]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let of = |session: &str| -> Vec<&csv::StringRecord> {
        rows.iter()
            .filter(|r| &r[col("session_id")] == session)
            .collect()
    };
    let weekly_rows = of(&weekly);
    // Health, Home, Purpose, Community and Overall.
    assert_eq!(weekly_rows.len(), 5, "{csv_text}");
    for row in weekly_rows {
        assert_eq!(&row[col("questionnaire_kind")], "reflective");
        assert_eq!(&row[col("notice")], weekly_notice);
    }
    let who5_rows = of(&who5);
    assert!(!who5_rows.is_empty());
    for row in who5_rows {
        assert_eq!(&row[col("questionnaire_kind")], "validated");
        assert_eq!(&row[col("notice")], who5_notice.as_deref().unwrap_or(""));
    }

    // FHIR: each Questionnaire's purpose is the same notice.
    let bundle: Value = serde_json::from_str(&ok(dir, &["export", "--format", "fhir"])).unwrap();
    let questionnaire = |id: &str| -> Value {
        bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|r| {
                r["resourceType"] == "Questionnaire"
                    && r["url"].as_str().unwrap().ends_with(&format!("/{id}"))
            })
            .unwrap_or_else(|| panic!("no Questionnaire {id}"))
            .clone()
    };
    assert_eq!(
        questionnaire("samhsa-dimensions")["purpose"].as_str(),
        Some(weekly_notice.as_str())
    );
    assert_eq!(
        questionnaire("who-5")["purpose"].as_str(),
        who5_notice.as_deref()
    );
}
