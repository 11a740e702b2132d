//! One result model, every surface. One set of check-ins (all three bundled
//! questionnaires, and WHO-5 answers all 1 = 20, which fires the support
//! message) is recorded with the real binary and rendered through `record`
//! (text and --json), plain mode, `trends --plain` and --json, the Markdown
//! report, CSV --scores, FHIR and the TUI results screen; every score, band,
//! change and verdict equals the `Outcome` computed directly. Also: support
//! messages come first with the contacts in force (custom contacts carry no
//! claims made for the built-in ones), and a broken config.toml is reported
//! the same way by every command, which goes on with the built-in contacts.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use common::screen::draw;
use recap::config::Support;
use recap::instrument::Catalog;
use recap::instrument::score::format_value;
use recap::outcome::text::{self as otext, format_diff};
use recap::outcome::{Outcome, ScoreOutcome, Since};
use recap::report::{markdown, words};
use recap::store::{SessionQuery, Store};
use recap::timefmt::Zone;
use recap::tui::app::App;
use recap::tui::screens::results::Results;
use recap::tui::theme::Theme;
use serde_json::Value;
use tempfile::TempDir;

/// (questionnaire, date, answers) in the order they are recorded.
const CHECK_INS: &[(&str, &str, &str)] = &[
    ("who-5", "2026-01-05", "3,3,3,3,3"),
    ("barc-10", "2026-01-06", "4,4,4,4,4,4,4,4,4,4"),
    (
        "samhsa-dimensions",
        "2026-01-07",
        "2,2,2,2,2,2,2,2,2,2,2,2,2,",
    ),
    ("who-5", "2026-02-05", "4,4,4,4,3"),
    ("barc-10", "2026-02-06", "5,5,5,5,5,4,5,5,5,5"),
    (
        "samhsa-dimensions",
        "2026-02-07",
        "3,3,3,2,2,2,4,4,4,3,1,1,1,a good week",
    ),
    // 5 x 1 x 4 = 20: at or below 28, the support message.
    ("who-5", "2026-03-05", "1,1,1,1,1"),
    ("barc-10", "2026-03-06", "3,3,3,3,3,3,3,3,3,3"),
];

const QUESTIONNAIRES: [&str; 3] = ["who-5", "barc-10", "samhsa-dimensions"];

/// What is said only of the built-in (United States) contacts.
const BUILT_IN_ONLY: [&str; 3] = [
    "free and confidential",
    "outside the us",
    "outside the united states",
];

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

    fn config_dir(&self) -> PathBuf {
        self.path("config")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        std::fs::write(self.config_dir().join("config.toml"), text).unwrap();
    }

    fn recap(&self, db: &str) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.config_dir())
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(self.path(db));
        cmd
    }

    /// Runs and returns (stdout, stderr), asserting success.
    fn ok(&self, db: &str, args: &[&str], stdin: &str) -> (String, String) {
        let out = self
            .recap(db)
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap();
        let (o, e) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert!(out.status.success(), "{args:?}: {e}\n{o}");
        (o, e)
    }

    fn record(&self, db: &str, id: &str, date: &str, answers: &str, json: bool) -> String {
        let mut args = vec!["record", id, "--answers", answers, "--date", date];
        if json {
            args.push("--json");
        }
        self.ok(db, &args, "").0
    }
}

/// Every completed session's outcome, computed directly with the library
/// (`outcome::for_session`, all time, built-in contacts), by session id.
fn outcomes(db: &Path) -> BTreeMap<String, Outcome> {
    let store = Store::open(db).unwrap();
    let mut out = BTreeMap::new();
    for profile in store.profiles(false).unwrap() {
        for id in QUESTIONNAIRES {
            let query = SessionQuery {
                questionnaire_id: Some(id.into()),
                ..SessionQuery::default()
            };
            for s in store.sessions(profile.id, &query).unwrap() {
                let o = recap::outcome::for_session(&store, &s.id, &Support::default())
                    .unwrap()
                    .unwrap();
                out.insert(s.id, o);
            }
        }
    }
    out
}

/// The latest outcome of a questionnaire.
fn latest<'a>(all: &'a BTreeMap<String, Outcome>, id: &str) -> &'a Outcome {
    all.values()
        .filter(|o| o.questionnaire.id == id)
        .max_by_key(|o| o.completed_at)
        .unwrap()
}

fn verdict_code(s: &Since) -> Value {
    s.verdict.map_or(Value::Null, |v| Value::from(v.code()))
}

/// A change as JSON (record, trends) against the model's.
fn same_change(v: &Value, s: Option<&Since>, at: &str) {
    match s {
        None => assert!(v.is_null(), "{at}: {v}"),
        Some(s) => {
            assert_eq!(v["diff"].as_f64(), Some(s.diff), "{at}");
            assert_eq!(v["verdict"], verdict_code(s), "{at}");
            assert_eq!(v["session_id"], s.session_id.as_str(), "{at}");
        }
    }
}

/// A score as JSON (record, trends) against the model's.
fn same_score(v: &Value, s: &ScoreOutcome, at: &str) {
    assert_eq!(v["value"].as_f64(), s.value, "{at} value");
    match &s.band {
        None => assert!(v["band"].is_null(), "{at} band"),
        Some(b) => {
            assert_eq!(v["band"]["label"], b.label.as_str(), "{at} band");
            assert_eq!(v["band"]["min"].as_f64(), Some(b.min), "{at} band min");
            assert_eq!(v["band"]["max"].as_f64(), Some(b.max), "{at} band max");
            assert_eq!(v["band"]["source"], b.source.as_str(), "{at} source");
        }
    }
    same_change(&v["since_previous"], s.since_previous.as_ref(), at);
    same_change(&v["since_first"], s.since_first.as_ref(), at);
}

/// Records the set into `db` (text or JSON) and returns each output.
fn record_all(env: &Env, db: &str, json: bool) -> Vec<String> {
    CHECK_INS
        .iter()
        .map(|(id, date, answers)| env.record(db, id, date, answers, json))
        .collect()
}

/// The facts of the WHO-5 check-in with answers all 1, from the model.
fn check_low_who5(o: &Outcome) {
    let s = o.score("total").unwrap();
    assert_eq!(s.value, Some(20.0));
    let band = s.band.as_ref().unwrap();
    assert_eq!((band.min, band.max), (0.0, 28.0));
    // 76 in February, 60 in January; the 23.6-point MDC gives verdicts.
    let prev = s.since_previous.as_ref().unwrap();
    assert_eq!((prev.from, prev.diff), (76.0, -56.0));
    assert_eq!(prev.verdict.map(|v| v.code()), Some("reliable_decline"));
    let first = s.since_first.as_ref().unwrap();
    assert_eq!((first.from, first.diff), (60.0, -40.0));
    assert!(!o.safety.is_empty());
    assert!(o.support.contacts.iter().any(|c| c.name.contains("988")));
}

#[test]
fn every_surface_renders_the_same_outcome() {
    let env = Env::new();

    // --- record --json (one database) and record text (another, same data).
    let json_out = record_all(&env, "json.db", true);
    let text_out = record_all(&env, "text.db", false);
    let by_id = outcomes(&env.path("json.db"));
    let by_id_text = outcomes(&env.path("text.db"));
    assert_eq!(by_id.len(), CHECK_INS.len());

    let mut low_who5 = String::new();
    for (n, out) in json_out.iter().enumerate() {
        let v: Value = serde_json::from_str(out).unwrap();
        let id = v["session_id"].as_str().unwrap().to_string();
        let o = &by_id[&id];
        assert_eq!(v["questionnaire"]["id"], CHECK_INS[n].0);
        assert_eq!(v["questionnaire"]["kind"], o.questionnaire.kind.as_str());
        let scores = v["scores"].as_array().unwrap();
        assert_eq!(scores.len(), o.scores.len());
        for (sv, s) in scores.iter().zip(&o.scores) {
            assert_eq!(sv["id"], s.id.as_str());
            same_score(sv, s, &format!("record --json #{n} {}", s.id));
        }
        let messages = v["support"]["messages"].as_array().unwrap();
        assert_eq!(messages.len(), o.safety.len(), "#{n}");
        for (m, s) in messages.iter().zip(&o.safety) {
            assert_eq!(m["message"], s.message.as_str());
            assert!(!m["trigger"]["kind"].is_null());
        }
        let contacts = v["support"]["contacts"].as_array().unwrap();
        assert_eq!(contacts.len(), o.support.contacts.len());
        if n == 6 {
            check_low_who5(o);
            low_who5 = id;
            assert_eq!(messages[0]["trigger"]["kind"], "score");
            assert_eq!(messages[0]["trigger"]["value"], 20.0);
            assert!(
                contacts
                    .iter()
                    .any(|c| c["detail"].as_str().unwrap().contains("988"))
            );
            assert_eq!(v["support"]["built_in_contacts"], true);
        }
    }

    for (n, out) in text_out.iter().enumerate() {
        let lines: Vec<&str> = out.lines().collect();
        let saved = lines.iter().position(|l| l.starts_with("Saved ")).unwrap();
        let id = lines[saved]
            .rsplit("(session ")
            .next()
            .unwrap()
            .trim_end_matches(").");
        let o = &by_id_text[id];
        // The model rendered: support block, the saved line, scores, notice.
        let mut want: Vec<String> = otext::safety_lines(o).into_iter().map(|l| l.text).collect();
        if !want.is_empty() {
            want.push(String::new());
        }
        want.push(lines[saved].to_string());
        want.extend(
            otext::score_lines(o)
                .into_iter()
                .chain(otext::notice_lines(o))
                .map(|l| l.text),
        );
        assert_eq!(lines, want, "record text #{n}");
        // And the numbers, spelt out independently.
        for s in &o.scores {
            if let Some(v) = s.value {
                let head = format!(
                    "{}: {} (possible range",
                    s.label,
                    format_value(v, s.decimals)
                );
                assert!(lines.iter().any(|l| l.starts_with(&head)), "{head}\n{out}");
            }
            if let Some(b) = &s.band {
                assert!(
                    lines
                        .iter()
                        .any(|l| l.starts_with(&format!("  {}", b.label)))
                );
            }
            if let Some(p) = &s.since_previous {
                let line = format!("  Since last time: {}", format_diff(p.diff, s.decimals));
                assert!(lines.iter().any(|l| l.starts_with(&line)), "{line}\n{out}");
            }
        }
        if n == 6 {
            check_low_who5(o);
            // Safety first: the message is the first line, then the contacts.
            assert_eq!(lines[0], o.safety[0].message);
            let contacts = lines.iter().position(|l| l.contains("988")).unwrap();
            assert!(contacts < saved);
            assert!(out.contains("These services are in the United States."));
            // No configuration how-to on a screen with a support message.
            assert!(!out.contains("config.toml"), "{out}");
        }
    }

    // --- plain mode: a fourth WHO-5 check-in, "Some of the time" (1) x 5.
    let (plain, _) = env.ok(
        "json.db",
        &["check-in", "who-5", "--plain"],
        &"Some of the time\n".repeat(5).to_string().add_line(""),
    );
    let by_id = outcomes(&env.path("json.db"));
    let o = latest(&by_id, "who-5");
    let block: Vec<String> = otext::lines(o).into_iter().map(|l| l.text).collect();
    assert!(plain.contains(&block.join("\n")), "{plain}");
    let at = |needle: &str| {
        plain
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}\n{plain}"))
    };
    // The message fired at the check-in before too: shown shortened first,
    // in full after the scores.
    assert!(o.safety[0].repeated);
    let shown = otext::shown_message(&o.safety[0]);
    assert_ne!(shown, o.safety[0].message);
    assert!(at("Your results") < at(&shown));
    assert!(at(&shown) < at("988"));
    assert!(at("988") < at("Well-being: 20 (possible range 0 to 100)"));
    assert!(at("Well-being: 20 (possible range 0 to 100)") < at(&o.safety[0].message));
    assert!(plain.contains("  Since last time: 0 (no reliable change)"));
    assert!(plain.contains("  Since your first check-in: -40 (reliable decline)"));

    // --- trends --json and --plain, all time.
    for id in QUESTIONNAIRES {
        let (out, _) = env.ok("json.db", &["trends", id, "--json", "--window", "all"], "");
        let v: Value = serde_json::from_str(&out).unwrap();
        let q = &v["questionnaires"][0];
        assert_eq!(q["id"], id);
        let mut seen = 0;
        for sv in q["scores"].as_array().unwrap() {
            let score_id = sv["id"].as_str().unwrap();
            for row in sv["sessions"].as_array().unwrap() {
                let o = &by_id[row["session_id"].as_str().unwrap()];
                let s = o.score(score_id).unwrap();
                same_score(row, s, &format!("trends --json {id} {score_id}"));
                seen += 1;
            }
        }
        let expected: usize = by_id
            .values()
            .filter(|o| o.questionnaire.id == id)
            .map(|o| o.scores.len())
            .sum();
        assert_eq!(seen, expected, "{id}");

        let (out, _) = env.ok("json.db", &["trends", id, "--plain", "--window", "all"], "");
        let sessions: Vec<&Outcome> = by_id
            .values()
            .filter(|o| o.questionnaire.id == id)
            .collect();
        let mut section: Option<usize> = None;
        let mut rows = 0;
        for line in out.lines() {
            if line.starts_with("date") {
                section = Some(section.map_or(0, |k| k + 1));
                continue;
            }
            let Some(k) = section else { continue };
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let Some(o) = sessions.iter().find(|o| {
                cells.first() == Some(&o.completed_at.format("%Y-%m-%d").to_string().as_str())
            }) else {
                continue;
            };
            let s = &o.scores[k];
            let mut want = vec![
                o.completed_at.format("%Y-%m-%d").to_string(),
                otext::value_text(s.value, s.decimals),
            ];
            if s.band.is_some() || cells.len() == 6 {
                want.push(s.band.as_ref().map_or("-".into(), |b| b.label.clone()));
            }
            want.push(otext::change_words(s.since_previous.as_ref(), s.decimals));
            want.push(otext::change_words(s.since_first.as_ref(), s.decimals));
            want.push(if o.with_counselor { "yes" } else { "no" }.into());
            assert_eq!(cells, want, "trends --plain {id}: {line}");
            rows += 1;
        }
        assert_eq!(
            rows,
            sessions.iter().map(|o| o.scores.len()).sum::<usize>(),
            "{id}\n{out}"
        );
    }

    // --- the Markdown report: support messages first, then each latest score.
    let (report, _) = env.ok("json.db", &["report", "--format", "md"], "");
    let support_at = report
        .find(&format!("## {}", words::SUPPORT_MESSAGES))
        .unwrap();
    let first_section = QUESTIONNAIRES
        .iter()
        .map(|id| {
            report
                .find(&format!(
                    "## {}",
                    markdown::escape_inline(&latest(&by_id, id).questionnaire.title)
                ))
                .unwrap()
        })
        .min()
        .unwrap();
    assert!(support_at < first_section, "{report}");
    let fired = by_id.values().filter(|o| !o.safety.is_empty()).count();
    assert_eq!(fired, 2, "the recorded and the plain-mode WHO-5 of 20");
    let message = markdown::escape_inline(&by_id[&low_who5].safety[0].message);
    assert_eq!(report[..first_section].matches(&message).count(), 2);
    assert!(report[support_at..first_section].contains("988"));
    let date = |s: &Since| Zone::Utc.short_date(s.at);
    for id in QUESTIONNAIRES {
        let o = latest(&by_id, id);
        for s in &o.scores {
            let change = |c: Option<&Since>| {
                c.map_or(words::NONE.to_string(), |c| {
                    markdown::escape_inline(&format!(
                        "{}, {}",
                        words::change_cell(
                            &format_diff(c.diff, s.decimals),
                            c.verdict.map(|v| v.words())
                        ),
                        words::change_from(&date(c))
                    ))
                })
            };
            let row = format!(
                "| {} | {} | {} | {} | {} |",
                markdown::escape_inline(&s.label),
                markdown::escape_inline(&s.value.map_or_else(
                    || words::not_scored(s.coverage.map_or(0, |c| c.missing)),
                    |v| format_value(v, s.decimals)
                )),
                markdown::escape_inline(s.band.as_ref().map_or(words::NONE, |b| b.label.as_str())),
                change(s.since_previous.as_ref()),
                change(s.since_first.as_ref()),
            );
            assert!(report.contains(&row), "{row}\n{report}");
        }
    }

    // --- CSV --scores.
    let (csv_text, _) = env.ok("json.db", &["export", "--format", "csv", "--scores"], "");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut rows = 0;
    for r in reader.records() {
        let r = r.unwrap();
        let s = by_id[&r[1]].score(&r[5]).unwrap();
        assert_eq!(
            &r[7],
            s.value
                .map(|v| format_value(v, s.decimals))
                .unwrap_or_default()
        );
        assert_eq!(
            &r[8],
            s.band
                .as_ref()
                .map(|b| b.label.as_str())
                .unwrap_or_default()
        );
        rows += 1;
    }
    assert_eq!(rows, by_id.values().map(|o| o.scores.len()).sum::<usize>());

    // --- FHIR: one Observation per scored score, derived from its response.
    let (fhir, _) = env.ok("json.db", &["export", "--format", "fhir"], "");
    let bundle: Value = serde_json::from_str(&fhir).unwrap();
    let mut observations = 0;
    for e in bundle["entry"].as_array().unwrap() {
        let r = &e["resource"];
        if r["resourceType"] != "Observation" {
            continue;
        }
        let session = r["derivedFrom"][0]["reference"]
            .as_str()
            .unwrap()
            .trim_start_matches("urn:uuid:");
        let s = by_id[session]
            .score(r["code"]["coding"][0]["code"].as_str().unwrap())
            .unwrap();
        assert_eq!(r["valueQuantity"]["value"].as_f64(), s.value);
        match &s.band {
            Some(b) => assert_eq!(r["interpretation"][0]["text"], b.label.as_str()),
            None => assert!(r.get("interpretation").is_none()),
        }
        observations += 1;
    }
    let scored = by_id
        .values()
        .flat_map(|o| &o.scores)
        .filter(|s| s.value.is_some())
        .count();
    assert_eq!(observations, scored);

    // --- the TUI results screen (TestBackend).
    let store = Store::open(&env.path("json.db")).unwrap();
    let profile = store.profiles(false).unwrap().remove(0);
    let now = Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).single().unwrap();
    let mut app = App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        profile,
        Theme::new(false),
        Zone::Utc,
        now,
    )
    .unwrap();
    app.close_dialog();
    for (id, o) in &by_id {
        app.show_results(id).unwrap();
        let Some(r) = app.screen::<Results>() else {
            panic!("not on results")
        };
        assert_eq!(&r.outcome, o, "TUI results of {id}");
    }
    app.show_results(&low_who5).unwrap();
    let screen = draw(&app, 100, 60);
    let o = &by_id[&low_who5];
    let message_start: String = o.safety[0].message.chars().take(40).collect();
    let pos = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}\n{screen}"))
    };
    assert!(pos(&message_start) < pos("988"));
    assert!(pos("988") < pos("Well-being: 20 (possible range 0 to 100)"));
    assert!(
        screen.contains("Since last time: -56 (reliable decline)"),
        "{screen}"
    );
    assert!(screen.contains("Since your first check-in: -40 (reliable decline)"));
}

trait AddLine {
    fn add_line(self, line: &str) -> String;
}

impl AddLine for String {
    fn add_line(mut self, line: &str) -> String {
        self.push_str(line);
        self.push('\n');
        self
    }
}

fn lower(text: &str) -> String {
    text.to_lowercase()
}

#[test]
fn the_support_message_comes_first_with_the_built_in_contacts() {
    let env = Env::new();
    let (out, _) = env.ok(
        "r.db",
        &["record", "who-5", "--answers", "1,1,1,1,1", "--yes"],
        "",
    );
    let lines: Vec<&str> = out.lines().collect();
    let catalog = Catalog::bundled();
    let message = catalog.get("who-5").unwrap().instrument.safety[0]
        .message
        .trim()
        .to_string();
    assert_eq!(lines[0], message, "{out}");
    let contacts = lines.iter().position(|l| l.contains("988")).unwrap();
    let saved = lines.iter().position(|l| l.starts_with("Saved ")).unwrap();
    let score = lines
        .iter()
        .position(|l| l.starts_with("Well-being: 20"))
        .unwrap();
    assert!(contacts < saved && saved < score, "{out}");
    assert!(
        out.contains("free and confidential")
            && out.contains("These services are in the United States.")
            && !out.contains("config.toml"),
        "{out}"
    );

    let (out, _) = env.ok(
        "r.db",
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--json",
            "--yes",
        ],
        "",
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["support"]["messages"][0]["message"], message.as_str());
    assert_eq!(
        v["support"]["messages"][0]["trigger"]["label"],
        "Well-being"
    );
    let details: Vec<&str> = v["support"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["detail"].as_str().unwrap())
        .collect();
    assert!(details.iter().any(|d| d.contains("988")), "{out}");
    assert_eq!(v["support"]["built_in_contacts"], true);

    // No message: no contacts in the text, but they stay in the data.
    let (out, _) = env.ok(
        "r.db",
        &["record", "who-5", "--answers", "5,5,5,5,5", "--yes"],
        "",
    );
    assert!(out.starts_with("Saved "), "{out}");
    // (Session ids are random hex and may hold "988": look for the contact itself.)
    assert!(!out.contains("Crisis Lifeline"), "{out}");
    let (out, _) = env.ok(
        "r.db",
        &[
            "record",
            "who-5",
            "--answers",
            "5,5,5,5,5",
            "--json",
            "--yes",
        ],
        "",
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["support"]["messages"], Value::Array(vec![]));
    assert_eq!(v["support"]["contacts"].as_array().unwrap().len(), 3);
}

const OWN_CONTACTS: &str = r#"
[[support.contacts]]
name = "Samaritans"
detail = "Call 116 123, any time"

[[support.contacts]]
name = "Emergency"
detail = "Call 999"
"#;

#[test]
fn custom_contacts_replace_the_built_in_ones_and_their_claims_everywhere() {
    let env = Env::new();
    env.write_config(OWN_CONTACTS);
    let mut seen = Vec::new();
    let (out, err) = env.ok(
        "c.db",
        &["record", "who-5", "--answers", "1,1,1,1,1", "--yes"],
        "",
    );
    assert!(err.is_empty(), "{err}");
    assert!(
        out.lines().next().unwrap().starts_with("Your answers"),
        "{out}"
    );
    seen.push(("record", out));
    let (out, _) = env.ok(
        "c.db",
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--json",
            "--yes",
        ],
        "",
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["support"]["built_in_contacts"], false);
    assert_eq!(v["support"]["contacts"][0]["name"], "Samaritans");
    seen.push(("record --json", out));
    let (out, _) = env.ok(
        "c.db",
        &["check-in", "who-5", "--plain"],
        &"Some of the time\n".repeat(5).add_line(""),
    );
    seen.push(("plain", out));
    let (out, _) = env.ok("c.db", &["report", "--format", "md"], "");
    assert!(out.contains(words::SUPPORT_MESSAGES));
    seen.push(("report md", out));
    let (out, _) = env.ok("c.db", &["report", "--format", "html"], "");
    seen.push(("report html", out));
    for (surface, out) in &seen {
        assert!(
            out.contains("Samaritans") && out.contains("Call 999"),
            "{surface}: {out}"
        );
        assert!(!out.contains("Crisis Lifeline"), "{surface}: {out}");
        for phrase in BUILT_IN_ONLY {
            assert!(
                !lower(out).contains(phrase),
                "{surface} says {phrase:?}: {out}"
            );
        }
    }

    // The TUI's support overlay says nothing about them either.
    let store = Store::open(&env.path("c.db")).unwrap();
    let profile = store.profiles(false).unwrap().remove(0);
    let support = recap::config::Config::load(&env.config_dir().join("config.toml"))
        .unwrap()
        .support;
    let now = Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).single().unwrap();
    let mut app = App::new(
        store,
        Catalog::bundled(),
        support,
        profile,
        Theme::new(false),
        Zone::Utc,
        now,
    )
    .unwrap();
    app.overlay = Some(recap::tui::app::Overlay::Support);
    let screen = draw(&app, 100, 40);
    assert!(screen.contains("Samaritans"), "{screen}");
    for phrase in BUILT_IN_ONLY {
        assert!(
            !lower(&screen).contains(phrase),
            "TUI says {phrase:?}: {screen}"
        );
    }
    // With the built-in contacts, the overlay does say them.
    app.ctx.support = Support::default();
    let screen = lower(&draw(&app, 100, 40));
    assert!(screen.contains("free and confidential") && screen.contains("outside the us"));
}

/// A config.toml with an unknown key on line 3, column 1.
const BROKEN: &str = "[[support.contacts]]\nname = \"A\"\ncolour = \"red\"\ndetail = \"B\"\n";

#[test]
fn a_broken_config_is_reported_the_same_way_by_every_command_which_goes_on() {
    let env = Env::new();
    env.write_config(BROKEN);
    let file = env.config_dir().join("config.toml");
    let position = format!("recap: {}:3:1: ", file.display());
    let check = |surface: &str, err: &str| {
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&position) && l.contains("colour")),
            "{surface}: {err}"
        );
        assert!(
            lines
                .iter()
                .any(|l| *l == format!("recap: {}", recap::strings::CONFIG_NOT_USED)),
            "{surface}: {err}"
        );
    };
    // record: stored, and the built-in contacts shown with the message.
    let (out, err) = env.ok(
        "b.db",
        &["record", "who-5", "--answers", "1,1,1,1,1", "--yes"],
        "",
    );
    check("record", &err);
    assert!(out.contains("988") && out.contains("Saved "), "{out}");
    let (out, err) = env.ok(
        "b.db",
        &[
            "record",
            "barc-10",
            "--answers",
            "5,5,5,5,5,5,5,5,5,5",
            "--json",
        ],
        "",
    );
    check("record --json", &err);
    assert!(serde_json::from_str::<Value>(&out).is_ok());
    // plain mode: the check-in starts and ends as usual.
    let (out, err) = env.ok(
        "b.db",
        &["check-in", "who-5", "--plain"],
        &"Some of the time\n".repeat(5).add_line(""),
    );
    check("check-in --plain", &err);
    assert!(
        out.contains("Well-being: 20") && out.contains("988"),
        "{out}"
    );
    // report.
    let (out, err) = env.ok("b.db", &["report", "--format", "md"], "");
    check("report", &err);
    assert!(out.contains("988"));
    // The full-screen app: the same lines, and a warning on home.
    let mut p = common::pty::Pty::spawn(
        env.dir.path(),
        &["--db", env.path("b.db").to_str().unwrap()],
        100,
        30,
        &[("RECAP_CONFIG_DIR", env.config_dir().to_str().unwrap())],
    );
    p.wait_until("the warning on home", |s| {
        s.contains("config.toml could not be used")
    });
    p.send("q");
    assert_eq!(p.wait_exit(), Some(0));
}
