//! The recovery plan everywhere data goes, through the store and the real
//! binary: reports (Markdown and HTML) carry the goals of the period with
//! what they came from and their steps; the JSON export round-trips every
//! goal, step and change (reviews with the check-in they were stored with);
//! imports check every field; the CSV goals table; the FHIR Goal resources.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use recap::instrument::{AnswerValue, Answers, Catalog};
use recap::plan::{Dimension, GoalStatus, Source, SourceKind, StepState};
use recap::store::{Dump, DumpFilter, NewGoal, StepReview, Store};
use serde_json::Value;
use tempfile::TempDir;

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).single().unwrap()
}

fn recap(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", db.with_extension("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db)
        .args(args);
    cmd
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = recap(db, args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

struct Plan {
    dir: TempDir,
    db: PathBuf,
    goal: String,
    paused: String,
    weekly: String,
}

/// Alex: two weekly check-ins, a goal from the Home score of the first with
/// two steps reviewed at the second, a paused goal from an answer, a
/// goal achieved long ago.
fn plan() -> Plan {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let store = Store::open(&db).unwrap();
    let alex = store.add_profile("Alex", at(1, 1)).unwrap();
    let catalog = Catalog::bundled();
    let weekly = catalog.get("samhsa-dimensions").unwrap();
    let answers = |v: i64| -> Answers {
        weekly
            .instrument
            .items
            .iter()
            .filter(|i| i.id != "reflection")
            .map(|i| (i.id.clone(), AnswerValue::Number(v)))
            .collect()
    };
    let first = store
        .record_session(alex.id, weekly, &answers(1), at(3, 2), false)
        .unwrap();
    let old = store
        .add_goal(
            alex.id,
            &NewGoal {
                text: "Finish the course".into(),
                dimension: Some(Dimension::Purpose),
                ..NewGoal::default()
            },
            at(1, 5),
        )
        .unwrap();
    store
        .set_goal_status(
            &old.id,
            GoalStatus::Achieved,
            Some("Certificate!"),
            at(1, 20),
        )
        .unwrap();
    let goal = store
        .add_goal(
            alex.id,
            &NewGoal {
                text: "Feel safer at home".into(),
                dimension: Some(Dimension::Home),
                steps: vec!["Fix the lock".into(), "Ask about a move".into()],
                due: chrono::NaiveDate::from_ymd_opt(2026, 6, 30),
                source: Some(Source {
                    kind: SourceKind::Score,
                    questionnaire_id: Some("samhsa-dimensions".into()),
                    item_id: None,
                    score_id: Some("home".into()),
                    session_id: Some(first.id.clone()),
                    entry_id: None,
                    words: "Weekly check-in, Home: 25 of 100 (lowest of its dimensions this time)"
                        .into(),
                }),
            },
            at(3, 2),
        )
        .unwrap();
    let paused = store
        .add_goal(
            alex.id,
            &NewGoal {
                text: "=SUM(A1) see friends more".into(),
                dimension: Some(Dimension::Community),
                steps: vec!["Text Sam".into()],
                source: Some(Source {
                    kind: SourceKind::Item,
                    questionnaire_id: Some("barc-10".into()),
                    item_id: Some("b5".into()),
                    score_id: None,
                    session_id: None,
                    entry_id: None,
                    words: "BARC-10 item 5: I get lots of support from friends. — Disagree".into(),
                }),
                ..NewGoal::default()
            },
            at(3, 3),
        )
        .unwrap();
    store
        .set_goal_status(&paused.id, GoalStatus::Paused, Some("Busy month"), at(3, 4))
        .unwrap();
    let second = store
        .record_session(alex.id, weekly, &answers(2), at(3, 9), false)
        .unwrap();
    store
        .review_steps(
            Some(&second.id),
            &[
                StepReview {
                    goal_id: goal.id.clone(),
                    step_id: goal.steps[0].id.clone(),
                    state: StepState::Done,
                },
                StepReview {
                    goal_id: goal.id.clone(),
                    step_id: goal.steps[1].id.clone(),
                    state: StepState::NotThisWeek,
                },
            ],
            at(3, 9),
        )
        .unwrap();
    Plan {
        dir,
        db,
        goal: goal.id,
        paused: paused.id,
        weekly: second.id,
    }
}

#[test]
fn reports_carry_the_plan_of_the_period() {
    let p = plan();
    let md = ok(&p.db, &["report", "--format", "md"]);
    let plan = &md[md.find("## Your plan").expect("a plan section")..];
    for want in [
        "### Feel safer at home",
        "Home · in progress · target 30 Jun 2026 · 1 of 2 steps done",
        "From: Weekly check-in, Home: 25 of 100 (lowest of its dimensions this time)",
        "- Fix the lock (done)",
        "- Ask about a move (not this week)",
        "- 9 Mar 2026: step “Fix the lock”: done",
        "Community · paused",
        "- 4 Mar 2026: paused (Busy month)",
        "### Finish the course",
    ] {
        assert!(plan.contains(want), "{want:?} not in\n{plan}");
    }
    // From March on: the goal achieved in January is outside the period.
    let since = ok(
        &p.db,
        &["report", "--format", "md", "--since", "2026-03-01"],
    );
    assert!(since.contains("### Feel safer at home"));
    assert!(!since.contains("Finish the course"), "{since}");
    let html = ok(&p.db, &["report", "--format", "html"]);
    assert!(html.contains(r#"<section class="plan" id="plan"><h2>Your plan</h2>"#));
    assert!(html.contains("<h3>=SUM(A1) see friends more</h3>"));
    assert!(html.contains("<li>Fix the lock (done)</li>"));
}

#[test]
fn the_json_export_round_trips_every_goal_step_and_change() {
    let p = plan();
    let json = ok(&p.db, &["export", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let goals = doc["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 3);
    let g = goals.iter().find(|g| g["id"] == p.goal.as_str()).unwrap();
    assert_eq!(g["from"]["kind"], "score");
    assert_eq!(g["due"], "2026-06-30");
    let reviewed: Vec<_> = g["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "step-reviewed")
        .collect();
    assert_eq!(reviewed.len(), 2);
    assert!(
        reviewed
            .iter()
            .all(|e| e["session_id"] == p.weekly.as_str())
    );
    assert_eq!(reviewed[1]["status"], "not-this-week");
    assert_eq!(reviewed[1]["before"], "open");

    let file = p.dir.path().join("all.json");
    std::fs::write(&file, &json).unwrap();
    let other = p.dir.path().join("other.db");
    let said = ok(&other, &["import", file.to_str().unwrap()]);
    assert!(
        said.contains("Plan: 3 goals added, 0 already here."),
        "{said}"
    );
    let a = Store::open(&p.db)
        .unwrap()
        .dump(&DumpFilter::default())
        .unwrap();
    let b = Store::open(&other)
        .unwrap()
        .dump(&DumpFilter::default())
        .unwrap();
    assert_eq!(a.goals, b.goals);
    assert_eq!(a, b);
    // The reviews are stored with that check-in here too.
    let store = Store::open(&other).unwrap();
    assert_eq!(store.session_step_reviews(&p.weekly).unwrap().len(), 2);
    // Twice: nothing more.
    let again = ok(&other, &["import", file.to_str().unwrap()]);
    assert!(again.contains("already here"), "{again}");
    assert_eq!(
        Store::open(&other)
            .unwrap()
            .dump(&DumpFilter::default())
            .unwrap(),
        b
    );
}

/// The export as a JSON value, changed by `f`, imported into a new
/// database: the refusal's message (exit 2, nothing imported).
fn refusal(p: &Plan, name: &str, f: impl Fn(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(&ok(&p.db, &["export", "--format", "json"])).unwrap();
    f(&mut doc);
    let file = p.dir.path().join(format!("{name}.json"));
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let db = p.dir.path().join(format!("{name}.db"));
    let out = recap(&db, &["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{name}");
    if db.exists() {
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.dump(&DumpFilter::default()).unwrap(),
            Dump::default(),
            "{name}"
        );
    }
    String::from_utf8(out.stderr).unwrap()
}

fn goal_index(doc: &Value, id: &str) -> usize {
    doc["goals"]
        .as_array()
        .unwrap()
        .iter()
        .position(|g| g["id"] == id)
        .unwrap()
}

/// A change to an export, for a refusal.
type Change<'a> = Box<dyn Fn(&mut Value) + 'a>;

#[test]
fn imports_check_every_field_of_a_goal() {
    let p = plan();
    let goal = p.goal.clone();
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "dimension",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["dimension"] = "work".into();
            }),
            "unknown variant",
        ),
        (
            "status",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["status"] = "paused".into();
            }),
            "its history ends with it \"in-progress\"",
        ),
        (
            "text",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["text"] = "".into();
            }),
            "goals[1].text",
        ),
        (
            "control",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["text"] = "a\u{1b}[31m".into();
            }),
            "control characters",
        ),
        (
            "due",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["due"] = "2026-02-30".into();
            }),
            "goals[1].due",
        ),
        (
            "step state",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["steps"][0]["state"] = "open".into();
            }),
            "goals[1].steps[0].state",
        ),
        (
            "unknown field",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["priority"] = 1.into();
            }),
            "unknown field `priority`",
        ),
        (
            "id",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["id"] = "goal-1".into();
            }),
            "is not a UUID",
        ),
        (
            "twice",
            Box::new(|d: &mut Value| {
                let g = d["goals"][0].clone();
                d["goals"].as_array_mut().unwrap().push(g);
            }),
            "appears twice",
        ),
        (
            "time",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["created_at"] = "2026-03-02".into();
            }),
            "not a recap timestamp",
        ),
        (
            "future",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["updated_at"] = "2999-01-01T00:00:00.000Z".into();
            }),
            "goals[1].updated_at",
        ),
        (
            "history order",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["history"].as_array_mut().unwrap().remove(0);
            }),
            "begins with it being set",
        ),
        (
            "history before",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                let h = d["goals"][i]["history"].as_array_mut().unwrap();
                let last = h.len() - 1;
                h[last]["before"] = "done".into();
            }),
            "the state before",
        ),
        (
            "review session",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                let h = d["goals"][i]["history"].as_array_mut().unwrap();
                let last = h.len() - 1;
                h[last]["session_id"] = "11111111-2222-4333-8444-555555555555".into();
            }),
            "neither in the file nor in this database",
        ),
        (
            "source",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["from"]["score_id"] = Value::Null;
            }),
            "goals[1].from.score_id",
        ),
        (
            "profile",
            Box::new(|d: &mut Value| {
                let i = goal_index(d, &goal);
                d["goals"][i]["profile_uuid"] = "11111111-2222-4333-8444-555555555555".into();
            }),
            "neither in the file nor in this database",
        ),
    ];
    for (name, change, want) in cases {
        let e = refusal(&p, &name.replace(' ', "-"), change);
        assert!(e.contains(want), "{name}: {want:?} not in {e}");
        assert!(e.contains("nothing was imported"), "{name}: {e}");
    }
}

#[test]
fn the_csv_goals_table_has_a_row_per_step() {
    let p = plan();
    let csv = ok(&p.db, &["export", "--format", "csv", "--goals"]);
    let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, recap::export::csv::GOAL_COLUMNS);
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // In progress first (two steps), then paused (one step), then achieved
    // (no step: one row with empty step cells).
    let goals: Vec<&str> = rows.iter().map(|r| r[col("goal")].as_str()).collect();
    assert_eq!(
        goals,
        [
            "Feel safer at home",
            "Feel safer at home",
            "'=SUM(A1) see friends more",
            "Finish the course"
        ]
    );
    assert_eq!(rows[0][col("step")], "Fix the lock");
    assert_eq!(rows[0][col("step_state")], "done");
    assert_eq!(rows[1][col("step_state")], "not-this-week");
    assert_eq!(rows[0][col("steps_done")], "1");
    assert_eq!(rows[0][col("steps_total")], "2");
    assert_eq!(rows[0][col("due")], "2026-06-30");
    assert_eq!(rows[0][col("dimension")], "home");
    assert_eq!(rows[2][col("status")], "paused");
    assert!(rows[2][col("from")].starts_with("BARC-10 item 5"));
    assert_eq!(rows[3][col("status")], "achieved");
    assert_eq!(rows[3][col("step_id")], "");
    assert_eq!(rows[0][col("goal_id")], p.goal);
    assert_eq!(rows[2][col("goal_id")], p.paused);
    let since = ok(
        &p.db,
        &[
            "export",
            "--format",
            "csv",
            "--goals",
            "--since",
            "2026-03-01",
        ],
    );
    assert!(!since.contains("Finish the course"));
    let out = recap(&p.db, &["export", "--format", "json", "--goals"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_fhir_export_has_a_goal_per_goal() {
    let p = plan();
    let bundle: Value = serde_json::from_str(&ok(&p.db, &["export", "--format", "fhir"])).unwrap();
    let entries = bundle["entry"].as_array().unwrap();
    let urls: Vec<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    let goals: Vec<&Value> = entries
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Goal")
        .collect();
    assert_eq!(goals.len(), 3);
    let by = |id: &str| goals.iter().find(|g| g["id"] == id).unwrap();
    let g = by(&p.goal);
    assert_eq!(g["lifecycleStatus"], "active");
    assert_eq!(g["description"]["text"], "Feel safer at home");
    assert_eq!(g["target"][0]["dueDate"], "2026-06-30");
    assert!(urls.contains(&g["subject"]["reference"].as_str().unwrap()));
    let addressed = g["addresses"][0]["reference"].as_str().unwrap();
    assert!(
        urls.contains(&addressed),
        "addresses resolves in the Bundle"
    );
    assert_eq!(by(&p.paused)["lifecycleStatus"], "on-hold");
    let notes: Vec<&str> = by(&p.paused)["note"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(
        notes.contains(&"From: BARC-10 item 5: I get lots of support from friends. — Disagree")
    );
    assert!(
        notes.contains(&"2026-03-04 (paused): Busy month"),
        "{notes:?}"
    );
}

#[test]
fn trends_show_goal_progress_beside_the_dimension() {
    let p = plan();
    let text = ok(&p.db, &["trends", "--plain", "--window", "all"]);
    let plan = &text[text.find("Your plan\n").expect("a plan section")..];
    assert!(
        plan.contains("Feel safer at home (Home, in progress)"),
        "{plan}"
    );
    // Set on 2 Mar with two steps; one done at the check-in of 9 Mar.
    assert!(
        plan.contains("steps: 2 Mar 2026 0 of 2 steps done · 9 Mar 2026 1 of 2 steps done"),
        "{plan}"
    );
    // Beside the Home scores from the check-in it came from on.
    assert!(
        plan.contains("Weekly check-in, Home: 2 Mar 2026 25 · 9 Mar 2026 50"),
        "{plan}"
    );
    assert!(
        plan.contains("Finish the course (Purpose, achieved)"),
        "{plan}"
    );
    assert!(
        plan.contains("20 Jan 2026 no steps yet, achieved"),
        "{plan}"
    );
    let json: Value =
        serde_json::from_str(&ok(&p.db, &["trends", "--json", "--window", "all"])).unwrap();
    let g = json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == p.goal.as_str())
        .unwrap();
    let progress: Vec<(i64, i64)> = g["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["done"].as_i64().unwrap(), x["total"].as_i64().unwrap()))
        .collect();
    assert_eq!(progress, [(0, 2), (1, 2)]);
    let values: Vec<f64> = g["dimension_scores"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [25.0, 50.0]);
}

#[test]
fn a_partial_export_keeps_goals_in_progress_and_imports() {
    let p = plan();
    let json = ok(
        &p.db,
        &["export", "--format", "json", "--since", "2026-03-10"],
    );
    let doc: Value = serde_json::from_str(&json).unwrap();
    // No check-in from then on; the goal in progress is there, the paused
    // and achieved ones (unchanged since) are not.
    assert!(doc["sessions"].as_array().unwrap().is_empty());
    let goals = doc["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0]["id"], p.goal.as_str());
    // Its reviews keep their answers, without the check-in left out.
    let reviewed: Vec<&Value> = goals[0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "step-reviewed")
        .collect();
    assert_eq!(reviewed.len(), 2);
    assert!(reviewed.iter().all(|e| e.get("session_id").is_none()));
    let file = p.dir.path().join("part.json");
    std::fs::write(&file, &json).unwrap();
    let other = p.dir.path().join("part.db");
    let said = ok(&other, &["import", file.to_str().unwrap()]);
    assert!(said.contains("Plan: 1 goal added"), "{said}");
    let store = Store::open(&other).unwrap();
    let profile = store.profiles(true).unwrap()[0].clone();
    let goals = store.goals(profile.id).unwrap();
    let states: Vec<StepState> = goals[0].steps.iter().map(|s| s.state).collect();
    assert_eq!(states, [StepState::Done, StepState::NotThisWeek]);
}

#[test]
fn goals_before_the_check_ins_they_name_still_import() {
    let p = plan();
    let json = ok(&p.db, &["export", "--format", "json"]);
    // Keys in alphabetical order: goals come before profiles and sessions.
    let doc: Value = serde_json::from_str(&json).unwrap();
    let mut keys: Vec<(String, Value)> = doc.as_object().unwrap().clone().into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let body: Vec<String> = keys
        .iter()
        .map(|(k, v)| format!("{}: {}", serde_json::to_string(k).unwrap(), v))
        .collect();
    let text = format!("{{{}}}", body.join(",\n"));
    assert!(text.find("\"goals\"").unwrap() < text.find("\"sessions\"").unwrap());
    let file = p.dir.path().join("sorted.json");
    std::fs::write(&file, &text).unwrap();
    let other = p.dir.path().join("sorted.db");
    let said = ok(&other, &["import", file.to_str().unwrap()]);
    assert!(said.contains("Plan: 3 goals added"), "{said}");
    let store = Store::open(&other).unwrap();
    assert_eq!(store.session_step_reviews(&p.weekly).unwrap().len(), 2);
    assert_eq!(
        Store::open(&p.db)
            .unwrap()
            .dump(&DumpFilter::default())
            .unwrap()
            .goals,
        store.dump(&DumpFilter::default()).unwrap().goals
    );
}
