//! The recovery plan from the command line, through the real binary:
//! `goals add / list [--json] / step / review / history`, ids by a unique
//! prefix of 8+ characters, refusals of bad values (exit 2 naming the
//! allowed ones, nothing stored), the limit of a handful of goals in
//! progress, a history that keeps every change, and the schema upgrade.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use assert_cmd::Command;
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

    fn db(&self) -> PathBuf {
        self.path("r.db")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.db())
            .args(args);
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Expects exit 2; returns standard error.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn goals(&self) -> Vec<Value> {
        serde_json::from_str::<Value>(&self.ok(&["goals", "list", "--json"]))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// The database's whole content, to compare before and after a refusal.
    fn content(&self) -> String {
        if !self.db().exists() {
            return String::new();
        }
        self.ok(&["export", "--format", "json"])
            .lines()
            .filter(|l| !l.contains("exported_by"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[test]
fn a_goal_is_added_with_steps_and_listed_as_json() {
    let env = Env::new();
    let said = env.ok(&[
        "goals",
        "add",
        "Walk to the park three times a week",
        "--dimension",
        "health",
        "--step",
        "Find my shoes",
        "--step",
        "Walk on Monday",
        "--due",
        "2030-01-31",
    ]);
    assert!(
        said.contains("Walk to the park three times a week (Health)"),
        "{said}"
    );
    let goals = env.goals();
    assert_eq!(goals.len(), 1);
    let g = &goals[0];
    assert_eq!(g["text"], "Walk to the park three times a week");
    assert_eq!(g["dimension"], "health");
    assert_eq!(g["status"], "in-progress");
    assert_eq!(g["due"], "2030-01-31");
    assert_eq!(g["next_step"], "Find my shoes");
    let steps: Vec<_> = g["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["text"].as_str().unwrap(), s["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [("Find my shoes", "open"), ("Walk on Monday", "open")]
    );
    assert_eq!(g["id"].as_str().unwrap().len(), 36);
    let text = env.ok(&["goals", "list"]);
    assert!(
        text.contains("Health · in progress · target 31 Jan 2030 · 0 of 2 steps done"),
        "{text}"
    );
    assert!(
        text.contains("[ ] Walk on Monday (not reviewed yet)"),
        "{text}"
    );
}

#[test]
fn list_without_a_database_creates_nothing() {
    let env = Env::new();
    assert_eq!(env.ok(&["goals", "list", "--json"]).trim(), "[]");
    assert!(env.ok(&["goals", "list"]).contains("No goals yet"));
    assert!(!env.db().exists());
}

#[test]
fn steps_reviews_and_history_by_an_id_prefix() {
    let env = Env::new();
    env.ok(&[
        "goals",
        "add",
        "Call my sister each Sunday",
        "--dimension",
        "community",
    ]);
    let id = env.goals()[0]["id"].as_str().unwrap().to_string();
    let prefix = &id[..8];
    let said = env.ok(&["goals", "step", prefix, "Put it in my calendar"]);
    assert!(said.contains("[ ] Put it in my calendar"), "{said}");
    env.ok(&[
        "goals",
        "review",
        prefix,
        "--status",
        "paused",
        "--note",
        "Travelling this month",
    ]);
    assert_eq!(env.goals()[0]["status"], "paused");
    env.ok(&[
        "goals",
        "review",
        &id.to_uppercase(),
        "--status",
        "in-progress",
    ]);
    env.ok(&[
        "goals",
        "review",
        prefix,
        "--status",
        "achieved",
        "--note",
        "Three Sundays in a row",
    ]);
    let g = &env.goals()[0];
    assert_eq!(g["status"], "achieved");
    assert_eq!(g["steps"].as_array().unwrap().len(), 1);
    let history = env.ok(&["goals", "history", prefix]);
    let lines: Vec<&str> = history.lines().collect();
    assert!(
        lines[0].starts_with(&format!("Goal {prefix}: Call my sister each Sunday")),
        "{history}"
    );
    let order = [
        "set, in progress",
        "step added: \"Put it in my calendar\"",
        "paused (was in progress); note: Travelling this month",
        "in progress (was paused)",
        "achieved (was in progress); note: Three Sundays in a row",
    ];
    let mut at = 0;
    for want in order {
        let found = lines[at..].iter().position(|l| l.ends_with(want));
        assert!(found.is_some(), "{want:?} after line {at} in\n{history}");
        at += found.unwrap() + 1;
    }
    // An achieved goal takes no new step until it is in progress again.
    let e = env.refused(&["goals", "step", prefix, "One more"]);
    assert!(
        e.contains("achieved") && e.contains("nothing was changed"),
        "{e}"
    );
}

#[test]
fn bad_values_exit_2_with_the_allowed_ones_and_store_nothing() {
    let env = Env::new();
    env.ok(&[
        "goals",
        "add",
        "Keep my flat tidy",
        "--dimension",
        "home",
        "--step",
        "Dishes daily",
    ]);
    let id = env.goals()[0]["id"].as_str().unwrap()[..8].to_string();
    let before = env.content();

    let e = env.refused(&["goals", "add", "Find work", "--dimension", "work"]);
    assert!(
        e.contains("health")
            && e.contains("home")
            && e.contains("purpose")
            && e.contains("community"),
        "{e}"
    );
    let e = env.refused(&["goals", "add", "Find work"]);
    assert!(e.contains("--dimension"), "{e}");
    let e = env.refused(&["goals", "review", &id, "--status", "done"]);
    for allowed in ["achieved", "in-progress", "paused", "let-go"] {
        assert!(e.contains(allowed), "{e}");
    }
    let e = env.refused(&[
        "goals",
        "add",
        "Find work",
        "--dimension",
        "purpose",
        "--due",
        "2030-02-30",
    ]);
    assert!(e.contains("--due"), "{e}");
    let e = env.refused(&["goals", "add", "  ", "--dimension", "purpose"]);
    assert!(
        e.contains("cannot be empty") && e.contains("nothing was changed"),
        "{e}"
    );
    let long = "x".repeat(201);
    let e = env.refused(&["goals", "add", &long, "--dimension", "purpose"]);
    assert!(e.contains("at most 200"), "{e}");
    env.refused(&["goals", "add", "Bell\u{7}", "--dimension", "purpose"]);
    env.refused(&[
        "goals",
        "add",
        "Find work",
        "--dimension",
        "purpose",
        "--step",
        "",
    ]);
    let six: Vec<String> = (0..6)
        .flat_map(|n| ["--step".to_string(), format!("Step {n}")])
        .collect();
    let mut args = vec!["goals", "add", "Find work", "--dimension", "purpose"];
    args.extend(six.iter().map(String::as_str));
    let e = env.refused(&args);
    assert!(e.contains("at most 5 steps"), "{e}");
    env.refused(&[
        "goals",
        "add",
        "Old",
        "--dimension",
        "purpose",
        "--due",
        "1899-12-31",
    ]);
    // Ids: too short, unknown, not an id.
    let e = env.refused(&["goals", "step", &id[..7], "x"]);
    assert!(e.contains("at least 8 characters"), "{e}");
    let e = env.refused(&["goals", "history", "ffffffff"]);
    assert!(
        e.contains("no goal has an id starting with ffffffff"),
        "{e}"
    );
    env.refused(&["goals", "review", "not-an-id!", "--status", "paused"]);
    env.refused(&["goals", "step", &id, ""]);
    env.refused(&[
        "goals",
        "review",
        &id,
        "--status",
        "paused",
        "--note",
        "a\u{1b}[2J",
    ]);
    assert_eq!(env.content(), before, "a refusal stores nothing");
}

#[test]
fn at_most_five_goals_are_in_progress() {
    let env = Env::new();
    for n in 0..5 {
        env.ok(&[
            "goals",
            "add",
            &format!("Goal {n}"),
            "--dimension",
            "purpose",
        ]);
    }
    let e = env.refused(&["goals", "add", "Goal 5", "--dimension", "purpose"]);
    assert!(
        e.contains("5 goals are in progress") && e.contains("nothing was changed"),
        "{e}"
    );
    assert_eq!(env.goals().len(), 5);
    let first = env.goals()[0]["id"].as_str().unwrap()[..8].to_string();
    env.ok(&[
        "goals",
        "review",
        &first,
        "--status",
        "let-go",
        "--note",
        "Not for now",
    ]);
    env.ok(&["goals", "add", "Goal 5", "--dimension", "purpose"]);
    // Bringing the let-go goal back would make six.
    let e = env.refused(&["goals", "review", &first, "--status", "in-progress"]);
    assert!(e.contains("5 goals are in progress"), "{e}");
    // Never deleted: all six are listed, the let-go one last.
    let goals = env.goals();
    assert_eq!(goals.len(), 6);
    assert_eq!(goals[5]["status"], "let-go");
}

#[test]
fn goals_belong_to_a_profile() {
    let env = Env::new();
    env.ok(&["profiles", "add", "Alex"]);
    env.ok(&["profiles", "add", "Sam"]);
    env.ok(&[
        "--profile",
        "Alex",
        "goals",
        "add",
        "Alex's goal",
        "--dimension",
        "home",
    ]);
    let alex: Value =
        serde_json::from_str(&env.ok(&["--profile", "Alex", "goals", "list", "--json"])).unwrap();
    let sam: Value =
        serde_json::from_str(&env.ok(&["--profile", "Sam", "goals", "list", "--json"])).unwrap();
    assert_eq!(alex.as_array().unwrap().len(), 1);
    assert!(sam.as_array().unwrap().is_empty());
    let id = alex[0]["id"].as_str().unwrap()[..8].to_string();
    let e = env.refused(&["--profile", "Sam", "goals", "step", &id, "x"]);
    assert!(e.contains("belongs to another profile"), "{e}");
}

#[test]
fn list_shows_suggestions_with_their_source() {
    let env = Env::new();
    env.ok(&["record", "barc-10", "--answers", "6,4,4,4,2,4,4,4,4,4"]);
    let text = env.ok(&["goals", "list"]);
    assert!(text.contains("yours to take or leave"), "{text}");
    assert!(text.contains("What seems to be going well:"), "{text}");
    assert!(text.contains("- BARC-10 item 1: There are more important things to me in life than using substances. — Strongly agree"), "{text}");
    assert!(text.contains("What you may want to work on:"), "{text}");
    assert!(
        text.contains("- BARC-10 item 5: I get lots of support from friends. — Disagree"),
        "{text}"
    );
}

#[test]
fn an_older_database_is_upgraded_with_a_backup() {
    let env = Env::new();
    // A database at schema 8 (as the previous recap left it).
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {};",
            recap::store::schema::APPLICATION_ID
        ))
        .unwrap();
        for (n, step) in recap::store::schema::MIGRATIONS.iter().take(8).enumerate() {
            conn.execute_batch(step).unwrap();
            conn.execute_batch(&format!("PRAGMA user_version = {};", n + 1))
                .unwrap();
        }
    }
    env.ok(&[
        "goals",
        "add",
        "Sleep before midnight",
        "--dimension",
        "health",
    ]);
    assert!(env.path("r.db.before-schema-8.bak").exists());
    assert_eq!(env.goals().len(), 1);
    let store = recap::store::Store::open(&env.db()).unwrap();
    // Upgraded past the step that added goals, to the latest.
    assert_eq!(
        store.schema_version().unwrap(),
        recap::store::schema::LATEST
    );
}

#[test]
fn the_line_by_line_weekly_check_in_ends_with_the_review_of_steps() {
    let env = Env::new();
    env.ok(&[
        "goals",
        "add",
        "Walk more",
        "--dimension",
        "health",
        "--step",
        "Buy shoes",
        "--step",
        "Walk on Monday",
    ]);
    // 13 answers, no reflection, submit; then: step 1 done, step 2 left.
    let input = format!("{}\n\n1\n\n", "3\n".repeat(13));
    let out = env
        .cmd(&["check-in", "samhsa-dimensions", "--plain"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let results = text.find("Your results").expect("results");
    let review = text.find("Your steps this week").expect("the review");
    assert!(results < review, "results come first:\n{text}");
    assert!(text.contains("Step 1 of 2: Buy shoes"), "{text}");
    assert!(text.contains("Kept: done."), "{text}");
    let steps: Vec<String> = env.goals()[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(steps, ["done", "open"]);
    // Stored with that check-in.
    let export: Value = serde_json::from_str(&env.ok(&["export", "--format", "json"])).unwrap();
    let session = export["sessions"][0]["id"].as_str().unwrap();
    let reviewed: Vec<&Value> = export["goals"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "step-reviewed")
        .collect();
    assert_eq!(reviewed.len(), 1);
    assert_eq!(reviewed[0]["session_id"], session);
    // Another questionnaire (every 30 days) has no review.
    let out = env
        .cmd(&["check-in", "barc-10", "--plain"])
        .write_stdin("4\n4\n4\n4\n4\n4\n4\n4\n4\n4\n\n")
        .output()
        .unwrap();
    assert!(
        !String::from_utf8(out.stdout)
            .unwrap()
            .contains("Your steps this week")
    );
}

#[test]
fn erasing_a_check_in_keeps_goals_without_the_link_to_it() {
    let env = Env::new();
    env.ok(&[
        "record",
        "samhsa-dimensions",
        "--answers",
        "3,3,3,3,3,3,3,3,3,3,3,3,3,",
    ]);
    let export: Value = serde_json::from_str(&env.ok(&["export", "--format", "json"])).unwrap();
    let session = export["sessions"][0]["id"].as_str().unwrap().to_string();
    let store = recap::store::Store::open(&env.db()).unwrap();
    let profile = store.profiles(false).unwrap()[0].clone();
    let goal = store
        .add_goal(
            profile.id,
            &recap::store::NewGoal {
                text: "Rest more".into(),
                dimension: Some(recap::plan::Dimension::Health),
                steps: vec!["Nap on Sunday".into()],
                source: Some(recap::plan::Source {
                    kind: recap::plan::SourceKind::Score,
                    questionnaire_id: Some("samhsa-dimensions".into()),
                    item_id: None,
                    score_id: Some("health".into()),
                    session_id: Some(session.clone()),
                    entry_id: None,
                    words: "Weekly check-in, Health: 75 of 100".into(),
                }),
                ..recap::store::NewGoal::default()
            },
            chrono::Utc::now(),
        )
        .unwrap();
    store
        .review_steps(
            Some(&session),
            &[recap::store::StepReview {
                goal_id: goal.id.clone(),
                step_id: goal.steps[0].id.clone(),
                state: recap::plan::StepState::Done,
            }],
            chrono::Utc::now(),
        )
        .unwrap();
    drop(store);
    env.ok(&["delete", &session[..8], "--yes"]);
    env.ok(&["trash", "empty", "--yes"]);
    let store = recap::store::Store::open(&env.db()).unwrap();
    let kept = store.goal(&goal.id).unwrap().unwrap();
    assert_eq!(kept.steps[0].state, recap::plan::StepState::Done);
    let from = kept.source.unwrap();
    assert_eq!(from.session_id, None);
    assert_eq!(from.words, "Weekly check-in, Health: 75 of 100");
    let history = store.goal_history(&goal.id).unwrap();
    assert!(history.iter().all(|e| e.session_id.is_none()));
    assert_eq!(history.len(), 3);
}
