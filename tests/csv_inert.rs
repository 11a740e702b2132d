//! CSV exports are inert in spreadsheets: every text cell that begins with
//! `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, numbers are
//! written as they are, and the JSON export keeps the text exactly. Also
//! pins the CSV layout: the header is the documented one, and the rows of a
//! check-in come in item order whatever order the answers were given in.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;
use chrono::{Duration, TimeZone, Utc};
use recap::export::csv as csv_export;
use recap::instrument::load::{content_hash, parse_str};
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Origin, score};
use recap::store::{DumpFilter, Store};
use tempfile::TempDir;

/// Every text a questionnaire puts in a CSV cell starts like a formula.
const FORMULAS: &str = r#"
id = "-inert"
version = 1
title = "=Inert test"
kind = "reflective"
notice = "=NOTICE()"

[scales.change]
options = [
  { value = -2, label = "-2 worse" },
  { value = 0, label = "=same" },
  { value = 2, label = "@better" },
]

[[items]]
id = "-lead"
type = "choice"
scale = "change"
text = "=HYPERLINK(\"https://example.invalid\",\"click\")"

[[items]]
id = "amount"
type = "number"
min = -10
max = 10
text = "+How much changed?"

[[items]]
id = "words"
type = "text"
required = false
text = "@Anything else?"

[[scores]]
id = "-mean"
label = "-Change"
method = "mean"
items = ["-lead", "amount"]
range = [-6, 6]
decimals = 1

[[scores.bands]]
min = -6
max = -0.1
label = "=lower"
source = "Test fixture band, not from a publication."

[[scores.bands]]
min = 0
max = 6
label = "+higher"
source = "Test fixture band, not from a publication."
"#;

/// Items whose order is neither alphabetical nor the order answered below.
const ORDERED: &str = r#"
id = "order-test"
version = 1
title = "Order test"
kind = "reflective"

[[items]]
id = "zeta"
type = "yes_no"
text = "First question."

[[items]]
id = "alpha"
type = "yes_no"
text = "Second question."

[[items]]
id = "mid"
type = "number"
min = 0
max = 9
text = "Third question."
"#;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new(questionnaires: &[(&str, &str)]) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("config").join("questionnaires");
        std::fs::create_dir_all(&folder).unwrap();
        for (name, text) in questionnaires {
            std::fs::write(folder.join(name), text).unwrap();
        }
        Env { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("recap")
            .unwrap()
            .env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.path("a.db"))
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn formula_like_text_cells_are_prefixed_and_numbers_are_not() {
    let env = Env::new(&[("inert.toml", FORMULAS)]);
    env.ok(&["profiles", "add", "=Ana+1"]);
    env.ok(&[
        "--profile",
        "=Ana+1",
        "record",
        "--answers",
        "-2,-3,=1+1",
        "--",
        "-inert",
    ]);

    let (header, answers) = rows(&env.ok(&["export", "--format", "csv"]));
    assert_eq!(header, csv_export::ANSWER_COLUMNS);
    assert_eq!(answers.len(), 3);
    let session = answers[0][1].clone();
    let completed = answers[0][2].clone();
    // The instant in UTC, and the wall-clock time without an offset.
    let utc = answers[0][12].clone();
    let local = answers[0][13].clone();
    let instant = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    assert_eq!(instant(&utc), instant(&completed));
    assert!(utc.ends_with('Z'), "{utc}");
    assert_eq!(
        local,
        instant(&completed)
            .naive_local()
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    );
    let expected: Vec<Vec<&str>> = vec![
        vec![
            "'=Ana+1",
            &session,
            &completed,
            "'-inert",
            "1",
            "'-lead",
            "'=HYPERLINK(\"https://example.invalid\",\"click\")",
            "-2",
            "'-2 worse",
            "",
            "",
            "false",
            &utc,
            &local,
        ],
        // A number item's label is its number: it stays a number.
        vec![
            "'=Ana+1",
            &session,
            &completed,
            "'-inert",
            "1",
            "amount",
            "'+How much changed?",
            "-3",
            "-3",
            "",
            "",
            "false",
            &utc,
            &local,
        ],
        vec![
            "'=Ana+1",
            &session,
            &completed,
            "'-inert",
            "1",
            "words",
            "'@Anything else?",
            "",
            "",
            "'=1+1",
            "",
            "false",
            &utc,
            &local,
        ],
    ];
    assert_eq!(answers, expected);

    let (header, scores) = rows(&env.ok(&["export", "--format", "csv", "--scores"]));
    assert_eq!(header, csv_export::SCORE_COLUMNS);
    assert_eq!(
        scores,
        vec![vec![
            "'=Ana+1",
            &session,
            &completed,
            "'-inert",
            "1",
            "'-mean",
            "'-Change",
            "-2.5",
            "'=lower",
            "false",
            "",
            &utc,
            &local,
            "reflective",
            "'=NOTICE()",
        ]]
    );

    // The JSON export keeps every text exactly.
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["export", "--format", "json"])).unwrap();
    assert_eq!(json["profiles"][0]["name"], "=Ana+1");
    assert_eq!(json["snapshots"][0]["questionnaire_id"], "-inert");
    assert_eq!(json["snapshots"][0]["source"], FORMULAS);
    let words = json["sessions"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item_id"] == "words")
        .unwrap();
    assert_eq!(words["value"], "=1+1");
    assert!(!serde_json::to_string(&json).unwrap().contains("'="));
}

#[test]
fn tab_and_carriage_return_starts_are_prefixed_too() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.db")).unwrap();
    let catalog = Catalog::bundled();
    let samhsa = catalog.get("samhsa-dimensions").unwrap();
    let me = store
        .add_profile("@me", Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
        .unwrap();
    for (day, text) in [
        (2, "\tindented"),
        (3, "\rreturn"),
        (4, "-"),
        (5, "plain =1"),
    ] {
        let mut answers = Answers::new();
        answers.insert("reflection".into(), AnswerValue::Text(text.into()));
        store
            .record_session(
                me.id,
                samhsa,
                &answers,
                Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap(),
                false,
            )
            .unwrap();
    }
    let mut out = Vec::new();
    csv_export::write_answers(&store, &DumpFilter::default(), &mut out).unwrap();
    let (_, rows) = rows(std::str::from_utf8(&out).unwrap());
    let texts: Vec<&str> = rows.iter().map(|r| r[9].as_str()).collect();
    assert_eq!(texts, ["'\tindented", "'\rreturn", "'-", "plain =1"]);
    assert!(rows.iter().all(|r| r[0] == "'@me"));
}

/// The column list `recap export --help` gives between two phrases.
fn documented(help: &str, from: &str, to: &str) -> Vec<String> {
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = flat.find(from).unwrap() + from.len();
    let end = start + flat[start..].find(to).unwrap();
    flat[start..end].split(", ").map(String::from).collect()
}

#[test]
fn rows_come_in_item_order_and_columns_are_as_documented() {
    let env = Env::new(&[("order.toml", ORDERED)]);
    // From `record`: every answer has the same time.
    env.ok(&["record", "--answers", "1,0,7", "--", "order-test"]);
    // Answered one by one in reverse order, each later than the one before.
    let loaded = {
        let path = env.path("config/questionnaires/order.toml");
        Loaded {
            instrument: parse_str("order.toml", ORDERED).unwrap(),
            source: ORDERED.to_string(),
            hash: content_hash(ORDERED),
            origin: Origin::User(path),
        }
    };
    {
        let store = Store::open(&env.path("a.db")).unwrap();
        let me = store.require_profile("Me").unwrap();
        let start = Utc::now() - Duration::hours(2);
        let session = store.start_session(me.id, &loaded, false, start).unwrap();
        for (i, (item, value)) in [("mid", 3), ("alpha", 1), ("zeta", 0)].iter().enumerate() {
            store
                .save_answer(
                    &session.id,
                    item,
                    &AnswerValue::Number(*value),
                    start + Duration::minutes(i as i64 + 1),
                )
                .unwrap();
        }
        let answers = store.answers(&session.id).unwrap();
        store
            .complete_session(
                &session.id,
                start + Duration::minutes(5),
                &score(&loaded.instrument, &answers),
            )
            .unwrap();
    }

    let text = env.ok(&["export", "--format", "csv"]);
    assert_eq!(
        text.lines().next().unwrap(),
        "profile,session_id,completed_at,questionnaire_id,questionnaire_version,item_id,item_text,value,label,text,client_id,with_counselor,completed_at_utc,completed_at_local"
    );
    let (header, rows) = rows(&text);
    assert_eq!(rows.len(), 6);
    // The one given one by one was completed first.
    let items: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[5].as_str(), r[7].as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("zeta", "0"),
            ("alpha", "1"),
            ("mid", "3"),
            ("zeta", "1"),
            ("alpha", "0"),
            ("mid", "7"),
        ]
    );
    assert_eq!(rows[0][8], "No");
    assert_eq!(rows[3][8], "Yes");

    let scores = env.ok(&["export", "--format", "csv", "--scores"]);
    assert_eq!(
        scores.lines().next().unwrap(),
        "profile,session_id,completed_at,questionnaire_id,questionnaire_version,score_id,score_label,value,band,with_counselor,client_id,completed_at_utc,completed_at_local,questionnaire_kind,notice"
    );

    // `recap export --help` documents these columns in this order.
    let help = env.ok(&["export", "--help"]);
    assert_eq!(
        documented(&help, "the answer columns are ", ", and the score columns"),
        header
    );
    assert_eq!(
        documented(&help, "and the score columns ", ". In CSV"),
        csv_export::SCORE_COLUMNS
    );
    assert!(
        help.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("a text cell that begins with =, +, -, @, a tab or a carriage return is written with a leading '"),
        "{help}"
    );
}
