//! What you press is what is stored: the number shown beside an answer is
//! its stored value, in the full-screen app (number keys), in plain mode
//! (typed lines) and in `recap record` (which also takes the answer's words,
//! `--answer ITEM=VALUE` with free text holding commas, and answers from a
//! file or standard input). `recap questionnaires show` prints the mapping.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recap::config::Support;
use recap::instrument::Catalog;
use recap::store::Store;
use recap::timefmt::Zone;
use recap::tui::app::App;
use recap::tui::render::render;
use recap::tui::screens::results::Results;
use recap::tui::theme::Theme;
use rusqlite::Connection;

/// A stored answer: a number, or text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stored {
    Number(i64),
    Text(String),
}

/// Every stored answer of the database, by item id.
fn stored(db: &Path) -> BTreeMap<String, Stored> {
    let conn = Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT item_id, value_int, value_text FROM answers")
        .expect("prepare");
    stmt.query_map([], |r| {
        let id: String = r.get(0)?;
        let n: Option<i64> = r.get(1)?;
        let t: Option<String> = r.get(2)?;
        Ok((
            id,
            n.map_or_else(|| Stored::Text(t.unwrap_or_default()), Stored::Number),
        ))
    })
    .expect("query")
    .map(|r| r.expect("row"))
    .collect()
}

fn numbers(db: &Path) -> BTreeMap<String, i64> {
    stored(db)
        .into_iter()
        .filter_map(|(k, v)| match v {
            Stored::Number(n) => Some((k, n)),
            Stored::Text(_) => None,
        })
        .collect()
}

fn who5(values: [i64; 5]) -> BTreeMap<String, i64> {
    ["w1", "w2", "w3", "w4", "w5"]
        .iter()
        .zip(values)
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

// ------------------------------------------------------------ the binary

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn recap(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::cargo_bin("recap").expect("binary");
    cmd.args(args)
        .env("RECAP_DB", dir.join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.join("config"));
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().expect("run");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(run: &Run) {
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
}

// ------------------------------------------------------- full-screen app

struct Tui {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    app: App,
}

fn tui() -> Tui {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    let store = Store::open(&db).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("now");
    let profile = store.default_profile(now).expect("profile");
    let app = App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        profile,
        Theme::new(false),
        Zone::Utc,
        now,
    )
    .expect("app");
    Tui { _dir: dir, db, app }
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = if c == '\r' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.key(KeyEvent::new(code, KeyModifiers::NONE))
            .expect("key");
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|f| render(f, app)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..24 {
        let line: String = (0..80).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Home lists the weekly check-in, BARC-10 and WHO-5; Enter opens one and
/// the instructions take one Enter (one person, never with a counselor:
/// no question about that).
fn open(app: &mut App, downs: usize) {
    press(app, &"j".repeat(downs));
    press(app, "\r\r");
}

#[test]
fn tui_number_keys_store_the_number_shown_beside_the_answer() {
    let mut t = tui();
    open(&mut t.app, 2);
    let s = screen(&t.app);
    assert!(s.contains("Over the last two weeks:"), "{s}");
    let five = s
        .find("5  All of the time")
        .expect("5 shown beside All of the time");
    let zero = s.find("0  At no time").expect("0 shown beside At no time");
    assert!(five < zero, "listed from 5 down to 0:\n{s}");
    assert!(s.contains("1  Some of the time"), "{s}");

    // Before: key 1 chose the first option (value 5). Now 1 is "Some of the time".
    press(&mut t.app, "5031");
    let mut first_four = who5([5, 0, 3, 1, 0]);
    first_four.remove("w5");
    assert_eq!(numbers(&t.db), first_four);
    // 6 is no answer's number: a hint, nothing stored, still on question 5.
    press(&mut t.app, "6");
    let s = screen(&t.app);
    assert!(s.contains("Question 5 of 5"), "{s}");
    assert!(
        s.contains("Press the number beside an answer (0 to 5)"),
        "{s}"
    );
    assert_eq!(numbers(&t.db).len(), 4);
    press(&mut t.app, "4\r");
    assert!(t.app.screen::<Results>().is_some());
    assert_eq!(numbers(&t.db), who5([5, 0, 3, 1, 4]));
}

#[test]
fn tui_zero_is_not_at_all_true_in_the_weekly_check_in() {
    let mut t = tui();
    open(&mut t.app, 0);
    let s = screen(&t.app);
    assert!(s.contains("0  Not at all true"), "{s}");
    assert!(s.contains("4  Completely true"), "{s}");
    // 5 is not on this scale.
    press(&mut t.app, "5");
    assert!(numbers(&t.db).is_empty());
    press(&mut t.app, "0");
    assert_eq!(numbers(&t.db).get("health-goals"), Some(&0));
    press(&mut t.app, "4");
    assert_eq!(numbers(&t.db).get("health-body"), Some(&4));
}

#[test]
fn tui_barc10_keys_are_1_to_6() {
    let mut t = tui();
    open(&mut t.app, 1);
    let s = screen(&t.app);
    assert!(
        s.contains("1  Strongly disagree") && s.contains("6  Strongly agree"),
        "{s}"
    );
    press(&mut t.app, "0");
    assert!(numbers(&t.db).is_empty(), "0 is no BARC-10 answer");
    assert!(screen(&t.app).contains("(1 to 6)"));
    press(&mut t.app, "6");
    assert_eq!(numbers(&t.db).get("b1"), Some(&6));
}

// ------------------------------------------ plain mode, record, the same

#[test]
fn plain_mode_stores_the_number_typed_and_shows_it_beside_the_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = recap(
        dir.path(),
        &["check-in", "who-5", "--plain"],
        Some("5\n0\n3\nSOME OF THE TIME\n4\n\n"),
    );
    ok(&run);
    assert!(
        run.stdout.contains("  5) All of the time\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  0) At no time\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Type the number beside your answer (0 to 5)"),
        "{}",
        run.stdout
    );
    assert_eq!(numbers(&dir.path().join("recap.db")), who5([5, 0, 3, 1, 4]));
}

#[test]
fn the_same_numbers_store_the_same_values_in_the_app_plain_mode_and_record() {
    let mut t = tui();
    open(&mut t.app, 2);
    press(&mut t.app, "50314\r");
    let plain = tempfile::tempdir().expect("tempdir");
    ok(&recap(
        plain.path(),
        &["check-in", "who-5", "--plain"],
        Some("5\n0\n3\n1\n4\n\n"),
    ));
    let record = tempfile::tempdir().expect("tempdir");
    ok(&recap(
        record.path(),
        &["record", "who-5", "--answers", "5,0,3,1,4"],
        None,
    ));
    let expected = who5([5, 0, 3, 1, 4]);
    assert_eq!(numbers(&t.db), expected);
    assert_eq!(numbers(&plain.path().join("recap.db")), expected);
    assert_eq!(numbers(&record.path().join("recap.db")), expected);
}

#[test]
fn record_takes_answer_words_in_any_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = recap(
        dir.path(),
        &[
            "record",
            "barc-10",
            "--answers",
            "Strongly agree,agree,SOMEWHAT AGREE,Somewhat disagree,disagree,Strongly disagree,6,5,4,3",
            "--json",
        ],
        None,
    );
    ok(&run);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let values: Vec<i64> = json["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["value"].as_i64().expect("value"))
        .collect();
    assert_eq!(values, [6, 5, 4, 3, 2, 1, 6, 5, 4, 3]);

    let run = recap(
        dir.path(),
        &[
            "record",
            "who-5",
            "--answers",
            "All of the time, at no time ,3,Some of the time,most of the time",
        ],
        None,
    );
    ok(&run);
    let db = dir.path().join("recap.db");
    let who: BTreeMap<String, i64> = numbers(&db)
        .into_iter()
        .filter(|(k, _)| k.starts_with('w'))
        .collect();
    assert_eq!(who, who5([5, 0, 3, 1, 4]));
}

#[test]
fn record_answer_item_takes_text_with_commas_and_single_items() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "A hard week, then a calm weekend, mostly.";
    let reflection = format!("reflection={text}");
    let run = recap(
        dir.path(),
        &[
            "record",
            "samhsa-dimensions",
            "--answers",
            "4,3,2,not at all true,2,2,4,4,3,2,0,1,3,",
            "--answer",
            &reflection,
        ],
        None,
    );
    ok(&run);
    let all = stored(&dir.path().join("recap.db"));
    assert_eq!(all.get("reflection"), Some(&Stored::Text(text.into())));
    assert_eq!(all.get("home-safe"), Some(&Stored::Number(0)));
    // "Not at all true" on the safe-place item: the message says what was said.
    assert!(
        run.stdout
            .contains("You said it was not at all true that you had a safe place to live"),
        "{}",
        run.stdout
    );

    // The three Health items skipped: Overall says why it has no score.
    let skipped = tempfile::tempdir().expect("tempdir");
    let run = recap(
        skipped.path(),
        &[
            "record",
            "samhsa-dimensions",
            "--dry-run",
            "--answers",
            ",,,2,2,2,4,4,3,2,3,1,3,",
        ],
        None,
    );
    ok(&run);
    assert!(
        run.stdout
            .contains("Overall: not scored: Health has no score"),
        "{}",
        run.stdout
    );

    // Only --answer: each item by its id, by number or by words.
    let other = tempfile::tempdir().expect("tempdir");
    ok(&recap(
        other.path(),
        &[
            "record",
            "who-5",
            "--answer",
            "w1=5",
            "--answer",
            "w2=At no time",
            "--answer",
            "w3=3",
            "--answer",
            "w4=some of the time",
            "--answer",
            "w5=4",
        ],
        None,
    ));
    assert_eq!(
        numbers(&other.path().join("recap.db")),
        who5([5, 0, 3, 1, 4])
    );
}

#[test]
fn record_reads_one_answer_per_line_from_standard_input_or_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = "4\n3\n2\n1\n2\n2\nMostly true\n4\n3\n2\n0\n1\n3\nSlept well, ate well, called my sister.\n";
    let run = recap(
        dir.path(),
        &[
            "record",
            "samhsa-dimensions",
            "--answers-file",
            "-",
            "--json",
        ],
        Some(lines),
    );
    ok(&run);
    let all = stored(&dir.path().join("recap.db"));
    assert_eq!(
        all.get("reflection"),
        Some(&Stored::Text(
            "Slept well, ate well, called my sister.".into()
        ))
    );
    assert_eq!(all.get("purpose-meaning"), Some(&Stored::Number(3)));
    assert_eq!(all.len(), 14);

    // From a file (Windows line ends too), with an optional item left empty.
    let other = tempfile::tempdir().expect("tempdir");
    let file = other.path().join("answers.txt");
    std::fs::write(&file, "5\r\n0\r\n3\r\n1\r\nMost of the time\r\n").expect("write");
    ok(&recap(
        other.path(),
        &[
            "record",
            "who-5",
            "--answers-file",
            file.to_str().expect("path"),
        ],
        None,
    ));
    assert_eq!(
        numbers(&other.path().join("recap.db")),
        who5([5, 0, 3, 1, 4])
    );
}

#[test]
fn record_refuses_what_it_cannot_understand_and_stores_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recap.db");
    let cases: &[(&[&str], &[&str])] = &[
        // Not an answer's number or words.
        (
            &["record", "who-5", "--answers", "6,sometimes,3,1,4"],
            &[
                "item w1: \"6\" is not allowed",
                "item w2: \"sometimes\" is not allowed",
                "5 (All of the time)",
                "by number or by its words",
            ],
        ),
        // Free text with commas in --answers: the count says how to give it.
        (
            &[
                "record",
                "samhsa-dimensions",
                "--answers",
                "4,3,2,1,2,2,4,4,3,2,0,1,3,good, mostly",
            ],
            &["14 items but 15 answers", "--answer ITEM=TEXT"],
        ),
        // An item that does not exist, and an item given twice.
        (
            &[
                "record",
                "who-5",
                "--answers",
                "5,0,3,1,4",
                "--answer",
                "w9=1",
                "--answer",
                "w1=4",
            ],
            &[
                "has no item \"w9\"",
                "item w1: given both in --answers and with --answer",
            ],
        ),
        // Nothing given.
        (&["record", "who-5"], &["give the answers with --answers"]),
    ];
    for (args, messages) in cases {
        let run = recap(dir.path(), args, None);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        for m in *messages {
            assert!(
                run.stderr.contains(m),
                "{args:?}: {m:?} not in {}",
                run.stderr
            );
        }
        assert!(
            !db.exists() || numbers(&db).is_empty(),
            "{args:?} stored answers"
        );
    }
    // A file that is not there.
    let run = recap(
        dir.path(),
        &["record", "who-5", "--answers-file", "no-such-file.txt"],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-file.txt"), "{}", run.stderr);
}

#[test]
fn questionnaires_show_prints_each_value_with_its_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = recap(dir.path(), &["questionnaires", "show", "who-5"], None);
    ok(&run);
    let out = &run.stdout;
    let lines = [
        "5 = All of the time",
        "4 = Most of the time",
        "3 = More than half of the time",
        "2 = Less than half of the time",
        "1 = Some of the time",
        "0 = At no time",
    ];
    let mut at = 0;
    for line in lines {
        let found = out[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing or out of order:\n{out}"));
        at += found + line.len();
    }
    assert!(
        out.contains("the number beside each answer is the value that is stored"),
        "{out}"
    );
    assert!(
        out.contains("Shown with every item: Over the last two weeks"),
        "{out}"
    );
    // Bands with their meaning and source, the change rule's source.
    assert!(
        out.contains("0-28: 28 or below. A range often seen in people going through depression"),
        "{out}"
    );
    assert!(out.contains("source: Topp et al. 2015"), "{out}");
    assert!(out.contains("Schougaard LMV"), "{out}");
    // The note on answers of 0 or 1, with the answers it covers.
    assert!(
        out.contains("(1 = Some of the time, 0 = At no time)"),
        "{out}"
    );

    let run = recap(
        dir.path(),
        &["questionnaires", "show", "samhsa-dimensions"],
        None,
    );
    ok(&run);
    assert!(run.stdout.contains("0 = Not at all true"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Overall [overall]: mean of the scores Health, Home, Purpose, Community"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("when item home-safe is at most 0 (0 = Not at all true)"),
        "{}",
        run.stdout
    );
}
