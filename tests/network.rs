//! The recovery network through the real binary and the store: `network
//! add / edit / remove / list [--json] / review`, refusals of bad values
//! (exit 2, nothing stored), dated reviews that never rewrite an earlier
//! day, when a walk-through is due, and the network everywhere data goes:
//! reports (Markdown table, HTML map), the JSON round trip, CSV rows, trends.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::{Duration, FixedOffset, TimeZone, Utc};
use recap::network::{Change, Entry, Kind, Support};
use recap::store::{Dump, DumpFilter, Store};
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

    /// `recap --db r.db ARGS` in UTC, configuration inside the temp dir.
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

    /// Runs with `input` on standard input; expects success.
    fn ok_with(&self, args: &[&str], input: &str) -> String {
        let out = self.cmd(args).write_stdin(input).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code 2; returns standard error.
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

    fn list(&self) -> Value {
        serde_json::from_str(&self.ok(&["network", "list", "--json"])).unwrap()
    }

    fn store(&self) -> Store {
        Store::open(&self.db()).unwrap()
    }
}

fn names(list: &Value) -> Vec<String> {
    list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

/// A small network: a person, a group, a place.
fn three(env: &Env) {
    env.ok(&[
        "network",
        "add",
        "Mum",
        "--kind",
        "person",
        "--support",
        "supportive",
        "--close",
        "5",
        "--contact",
        "weekly",
        "--role-model",
    ]);
    env.ok(&[
        "network",
        "add",
        "Peer group",
        "--kind",
        "group",
        "--support",
        "supportive",
        "--belong",
        "4",
    ]);
    env.ok(&[
        "network",
        "add",
        "Old crowd",
        "--kind",
        "group",
        "--support",
        "unsupportive",
        "--close",
        "2",
    ]);
    env.ok(&[
        "network",
        "add",
        "Clinic",
        "--kind",
        "place",
        "--support",
        "supportive",
        "--available",
        "--reachable",
        "--use",
    ]);
}

#[test]
fn add_edit_remove_and_list_json() {
    let env = Env::new();
    // Nothing yet: an empty network, and nothing is created by looking.
    let empty = env.list();
    assert_eq!(empty["entries"], Value::Array(Vec::new()));
    assert_eq!(empty["summary"]["total"], 0);
    assert_eq!(empty["summary"]["supportive_share"], Value::Null);
    assert!(!env.db().exists());

    three(&env);
    let list = env.list();
    assert_eq!(names(&list), ["Mum", "Peer group", "Old crowd", "Clinic"]);
    let mum = &list["entries"][0];
    assert_eq!(mum["kind"], "person");
    assert_eq!(mum["support"], "supportive");
    assert_eq!(mum["closeness"], 5);
    assert_eq!(mum["contact"], "weekly");
    assert_eq!(mum["role_model"], true);
    assert_eq!(list["entries"][3]["uses"], true);
    let s = &list["summary"];
    assert_eq!(
        (
            &s["total"],
            &s["supportive"],
            &s["mixed"],
            &s["unsupportive"]
        ),
        (
            &Value::from(4),
            &Value::from(3),
            &Value::from(0),
            &Value::from(1)
        )
    );
    assert_eq!(s["supportive_share"], 0.75);
    assert_eq!(s["groups_belonging"], 1);
    assert_eq!(s["role_models"], 1);
    assert_eq!(
        (
            &s["places_available"],
            &s["places_reachable"],
            &s["places_used"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(1))
    );

    // Edit: only what is given changes; a new name; yes/no undone with =no.
    let said = env.ok(&[
        "network",
        "edit",
        "old crowd",
        "--support",
        "mixed",
        "--rename",
        "Old friends",
    ]);
    assert!(said.contains("Changed Old friends"), "{said}");
    assert!(
        said.contains("support not supportive \u{2192} mixed"),
        "{said}"
    );
    env.ok(&["network", "edit", "Mum", "--role-model=no"]);
    env.ok(&["network", "edit", "Clinic", "--use=no"]);
    let list = env.list();
    assert_eq!(list["entries"][2]["name"], "Old friends");
    assert_eq!(list["entries"][2]["closeness"], 2);
    assert_eq!(list["entries"][0]["role_model"], false);
    assert_eq!(list["entries"][3]["uses"], false);
    // A new kind clears the answers that no longer apply.
    env.ok(&["network", "edit", "Old friends", "--kind", "place", "--use"]);
    let list = env.list();
    assert_eq!(list["entries"][2]["kind"], "place");
    assert_eq!(list["entries"][2]["closeness"], Value::Null);

    // Remove.
    let said = env.ok(&["network", "remove", "peer GROUP"]);
    assert!(said.contains("Removed Peer group"), "{said}");
    let list = env.list();
    assert_eq!(names(&list), ["Mum", "Old friends", "Clinic"]);
    assert_eq!(list["summary"]["total"], 3);

    // Every change of the day went into one review, and the text list says so.
    let store = env.store();
    let profile = store.find_profile(None).unwrap().unwrap();
    assert_eq!(store.network_reviews(profile.id).unwrap().len(), 1);
    let text = env.ok(&["network", "list"]);
    assert!(text.contains("Your recovery network of"), "{text}");
    assert!(text.contains("Very close (4-5)"), "{text}");
    assert!(text.contains("\u{25CF}+ Mum: person, supportive"), "{text}");
    assert!(text.contains("not a score"), "{text}");
}

#[test]
fn bad_values_exit_2_with_the_allowed_values_and_store_nothing() {
    let env = Env::new();
    let add = |extra: &[&str]| {
        let mut args = vec!["network", "add"];
        args.extend_from_slice(extra);
        env.refused(&args)
    };
    let e = add(&["X", "--kind", "animal", "--support", "supportive"]);
    assert!(e.contains("possible values: person, group, place"), "{e}");
    let e = add(&["X", "--kind", "person", "--support", "great"]);
    assert!(
        e.contains("possible values: supportive, mixed, unsupportive"),
        "{e}"
    );
    let e = add(&[
        "X",
        "--kind",
        "person",
        "--support",
        "mixed",
        "--contact",
        "daily",
    ]);
    assert!(
        e.contains("possible values: weekly, monthly, rarely"),
        "{e}"
    );
    let e = add(&[
        "X",
        "--kind",
        "person",
        "--support",
        "mixed",
        "--close",
        "6",
    ]);
    assert!(e.contains("6 is not in 1..=5"), "{e}");
    let e = add(&[
        "X",
        "--kind",
        "person",
        "--support",
        "mixed",
        "--role-model=maybe",
    ]);
    assert!(e.contains("possible values: yes, no"), "{e}");
    let e = add(&[
        "X",
        "--kind",
        "person",
        "--support",
        "mixed",
        "--belong",
        "3",
    ]);
    assert!(e.contains("asked only of groups"), "{e}");
    assert!(e.contains("nothing was changed"), "{e}");
    let e = add(&["X", "--kind", "person", "--support", "mixed", "--use"]);
    assert!(e.contains("asked only of places and services"), "{e}");
    let e = add(&[
        "Gym",
        "--kind",
        "place",
        "--support",
        "mixed",
        "--close",
        "3",
    ]);
    assert!(e.contains("asked only of people and groups"), "{e}");
    let long = "x".repeat(81);
    let e = add(&[&long, "--kind", "person", "--support", "mixed"]);
    assert!(e.contains("at most 80 characters"), "{e}");
    let e = add(&["a\u{1b}[2Jb", "--kind", "person", "--support", "mixed"]);
    assert!(e.contains("U+001B") && !e.contains('\u{1b}'), "{e:?}");
    let e = add(&["  ", "--kind", "person", "--support", "mixed"]);
    assert!(e.contains("initials are fine"), "{e}");
    // Nothing was stored: not even the database was created.
    assert!(!env.db().exists());

    three(&env);
    let before = env.list();
    let e = add(&["mum", "--kind", "person", "--support", "mixed"]);
    assert!(e.contains("already in the network"), "{e}");
    // Cyrillic "М" looks like Latin "M".
    let e = add(&["\u{41c}um", "--kind", "person", "--support", "mixed"]);
    assert!(e.contains("would look like"), "{e}");
    let e = env.refused(&["network", "edit", "Nobody", "--support", "mixed"]);
    assert!(e.contains("there is no \"Nobody\""), "{e}");
    let e = env.refused(&["network", "edit", "Mum"]);
    assert!(e.contains("nothing to change"), "{e}");
    let e = env.refused(&["network", "edit", "Mum", "--belong", "2"]);
    assert!(e.contains("asked only of groups"), "{e}");
    let e = env.refused(&["network", "edit", "Mum", "--rename", "Clinic"]);
    assert!(e.contains("already in the network"), "{e}");
    let e = env.refused(&["network", "edit", "Mum", "--support", "okay"]);
    assert!(e.contains("possible values"), "{e}");
    let e = env.refused(&["network", "remove", "Nobody"]);
    assert!(e.contains("there is no"), "{e}");
    assert_eq!(env.list(), before, "a refused change stored something");
}

#[test]
fn an_earlier_review_is_never_rewritten() {
    let env = Env::new();
    let store = env.store();
    let profile = store.add_profile("Alex", Utc::now()).unwrap();
    let utc = FixedOffset::east_opt(0).unwrap();
    let earlier = (Utc::now() - Duration::days(30)).with_timezone(&utc);
    let mut sam = Entry::new("Sam", Kind::Person, Support::Mixed).unwrap();
    sam.closeness = Some(3);
    store
        .network_change(profile.id, earlier, &Change::Add(sam.clone()))
        .unwrap();
    store
        .network_walked_through(profile.id, earlier + Duration::minutes(5))
        .unwrap();
    drop(store);

    env.ok(&["network", "edit", "Sam", "--support", "supportive"]);
    env.ok(&[
        "network",
        "add",
        "Jo",
        "--kind",
        "person",
        "--support",
        "supportive",
    ]);
    let store = env.store();
    let reviews = store.network_reviews(profile.id).unwrap();
    assert_eq!(reviews.len(), 2);
    // The earlier review is as it was, walked through that day.
    assert_eq!(reviews[0].entries, vec![sam.clone()]);
    assert!(reviews[0].walked_through);
    assert_eq!(reviews[0].date, earlier.date_naive());
    // Today's review began as a copy and holds today's changes only.
    assert!(!reviews[1].walked_through);
    assert_eq!(reviews[1].entries.len(), 2);
    assert_eq!(reviews[1].entries[0].id, sam.id);
    assert_eq!(reviews[1].entries[0].support, Support::Supportive);
    // The list says what changed since the review before.
    let list = env.list();
    let changes: Vec<(&str, &str)> = list["changes_since_previous_review"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["change"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [("changed", "Sam"), ("added", "Jo")]);
    assert_eq!(
        list["last_walked_through"],
        earlier.date_naive().format("%Y-%m-%d").to_string()
    );
    // 30 days ago plus 28: due.
    assert_eq!(list["review_due"], true);
    let text = env.ok(&["network", "list"]);
    assert!(
        text.contains("Changed Sam: support mixed \u{2192} supportive"),
        "{text}"
    );
    assert!(text.contains("the next walk-through is due"), "{text}");
}

#[test]
fn a_review_walks_through_each_entry_from_piped_input() {
    let env = Env::new();
    three(&env);
    // Mum kept; Peer group changed (support mixed, rest kept); Old crowd
    // removed; Clinic kept; then a new person, and Enter to finish.
    let input = "k\nc\n\n\n2\n\n\n\n\nr\n\nAna\n1\n1\n4\nm\nn\n\n";
    let out = env.ok_with(&["network", "review"], input);
    assert!(out.contains("1 of 4: Mum: person, supportive"), "{out}");
    assert!(out.contains("Review of"), "{out}");
    assert!(out.contains("3 changes"), "{out}");
    assert!(out.contains("next walk-through is due on"), "{out}");
    let list = env.list();
    assert_eq!(names(&list), ["Mum", "Peer group", "Clinic", "Ana"]);
    assert_eq!(list["entries"][1]["support"], "mixed");
    assert_eq!(list["entries"][1]["belonging"], 4);
    assert_eq!(list["entries"][3]["closeness"], 4);
    assert_eq!(list["entries"][3]["contact"], "monthly");
    assert_eq!(list["review"]["walked_through"], true);
    assert_eq!(list["review_due"], false);
    let today = list["review"]["date"].as_str().unwrap().to_string();
    let due = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap() + Duration::days(28);
    assert_eq!(list["next_review_due"], due.format("%Y-%m-%d").to_string());

    // The gap between walk-throughs comes from config.toml.
    std::fs::create_dir_all(env.path("config")).unwrap();
    std::fs::write(
        env.path("config/config.toml"),
        "[network]\nreview_days = 7\n",
    )
    .unwrap();
    let list = env.list();
    let due = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap() + Duration::days(7);
    assert_eq!(list["next_review_due"], due.format("%Y-%m-%d").to_string());
    assert_eq!(list["review_days"], 7);
}

#[test]
fn a_review_stopped_with_q_keeps_its_changes_but_is_not_a_walk_through() {
    let env = Env::new();
    three(&env);
    let out = env.ok_with(&["network", "review"], "r\nq\n");
    assert!(out.contains("The 1 change made is kept"), "{out}");
    let list = env.list();
    assert_eq!(names(&list), ["Peer group", "Old crowd", "Clinic"]);
    assert_eq!(list["review"]["walked_through"], false);
    assert_eq!(list["last_walked_through"], Value::Null);
    // Unclear answers are asked again, not stored.
    let out = env.ok_with(&["network", "review"], "what\nq\n");
    assert!(out.contains("Please answer k to keep it"), "{out}");
    assert_eq!(names(&env.list()), ["Peer group", "Old crowd", "Clinic"]);
}

#[test]
fn trends_plain_and_json_have_a_recovery_network_section() {
    let env = Env::new();
    three(&env);
    let text = env.ok(&["trends", "--plain"]);
    assert!(text.contains("Your recovery network"), "{text}");
    let entries = text.lines().find(|l| l.starts_with("Entries")).unwrap();
    assert!(entries.trim_end().ends_with('4'), "{entries}");
    assert!(text.contains("3 of 4 (75%)"), "{text}");
    let json: Value = serde_json::from_str(&env.ok(&["trends", "--json"])).unwrap();
    let reviews = json["network"]["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["measures"]["total"], 4);
    assert_eq!(reviews[0]["measures"]["unsupportive"], 1);
    assert_eq!(reviews[0]["measures"]["supportive_share"], 0.75);
    // One questionnaire asked for: no network section.
    let json: Value = serde_json::from_str(&env.ok(&["trends", "who-5", "--json"])).unwrap();
    assert!(json.get("network").is_none());
}

#[test]
fn reports_show_the_network_table_the_map_and_what_changed() {
    let env = Env::new();
    three(&env);
    // A second network with an earlier review made a month ago.
    let old = Utc::now() - Duration::days(30);
    let mut past = Entry::new("Past <b>&</b>", Kind::Person, Support::Mixed).unwrap();
    past.closeness = Some(1);
    let env2 = Env::new();
    let store2 = env2.store();
    let p2 = store2.add_profile("Me", Utc::now()).unwrap();
    store2
        .network_change(p2.id, old.fixed_offset(), &Change::Add(past.clone()))
        .unwrap();
    drop(store2);
    env2.ok(&["network", "remove", "Past <b>&</b>"]);
    env2.ok(&[
        "network",
        "add",
        "=Jo|x",
        "--kind",
        "person",
        "--support",
        "supportive",
        "--close",
        "4",
    ]);
    let md = env2.ok(&["report", "--format", "md"]);
    assert!(md.contains("## Your recovery network"), "{md}");
    assert!(
        md.contains("| Name | Kind | Supports my goals | Closeness |"),
        "{md}"
    );
    assert!(
        md.contains("| =Jo\\|x | person | supportive | 4/5 |"),
        "{md}"
    );
    assert!(md.contains("### What changed since the review of"), "{md}");
    assert!(md.contains("- Removed Past \\<b\\>\\&\\</b\\>"), "{md}");
    assert!(
        md.contains("- Added =Jo\\|x: person, supportive, close 4/5"),
        "{md}"
    );
    assert!(md.contains("not a score"), "{md}");

    let html = env2.ok(&["report", "--format", "html"]);
    let xml = html.replacen("<!DOCTYPE html>", "", 1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let section = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("network"))
        .expect("network section");
    let svg = section
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("a map");
    assert_eq!(svg.attribute("role"), Some("img"));
    let entries: Vec<_> = svg
        .descendants()
        .filter(|n| n.attribute("class") == Some("entry"))
        .collect();
    assert_eq!(entries.len(), 1);
    assert!(html.contains("Past &lt;b&gt;&amp;&lt;/b&gt;"));
    assert!(!html.contains("Past <b>"));

    // The first env: one review, so every entry is new.
    let md = env.ok(&["report", "--format", "md"]);
    assert!(md.contains("### What changed\n"), "{md}");
    assert!(
        md.contains("| Clinic | place or service | supportive | - | - | - | - | yes | yes | yes |"),
        "{md}"
    );
}

const NETWORK_COLUMNS_DOC: [&str; 16] = recap::export::csv::NETWORK_COLUMNS;

#[test]
fn json_round_trip_csv_rows_and_older_files() {
    let env = Env::new();
    three(&env);
    env.ok(&["network", "edit", "Mum", "--close", "4"]);
    env.ok_with(&["network", "review"], "k\nk\nk\nk\n\n");
    let exported = env.ok(&["export", "--format", "json"]);
    let v: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(v["network_reviews"].as_array().unwrap().len(), 1);
    assert_eq!(v["network_reviews"][0]["walked_through"], true);

    // Into a new database and out again: the same document.
    let other = Env::new();
    std::fs::write(other.path("e.json"), &exported).unwrap();
    let said = other.ok(&["import", other.path("e.json").to_str().unwrap()]);
    assert!(said.contains("Recovery network: 1 review added"), "{said}");
    let again = other.ok(&["export", "--format", "json"]);
    let strip = |t: &str| -> Value {
        let mut v: Value = serde_json::from_str(t).unwrap();
        v.as_object_mut().unwrap().remove("exported_by");
        v
    };
    assert_eq!(strip(&again), strip(&exported));
    // Importing twice adds nothing.
    let said = other.ok(&["import", other.path("e.json").to_str().unwrap()]);
    assert!(said.contains("Nothing to import"), "{said}");
    // Through the store API too, dump to dump.
    let dump_a = env.store().dump(&DumpFilter::default()).unwrap();
    let dump_b = other.store().dump(&DumpFilter::default()).unwrap();
    assert_eq!(dump_a.network_reviews, dump_b.network_reviews);

    // An older file without network reviews still imports.
    let mut old: Value = serde_json::from_str(&exported).unwrap();
    old.as_object_mut().unwrap().remove("network_reviews");
    let third = Env::new();
    std::fs::write(third.path("old.json"), old.to_string()).unwrap();
    third.ok(&["import", third.path("old.json").to_str().unwrap()]);
    assert_eq!(third.list()["entries"], Value::Array(Vec::new()));

    // A file whose entry breaks the rules is refused where it does, whole.
    let mut bad: Value = serde_json::from_str(&exported).unwrap();
    bad["network_reviews"][0]["entries"][0]["belonging"] = 3.into();
    let fourth = Env::new();
    std::fs::write(fourth.path("bad.json"), bad.to_string()).unwrap();
    let e = fourth.refused(&["import", fourth.path("bad.json").to_str().unwrap()]);
    assert!(e.contains("network_reviews[0].entries[0]"), "{e}");
    assert!(e.contains("asked only of groups"), "{e}");
    assert!(!fourth.db().exists());
    let mut bad: Value = serde_json::from_str(&exported).unwrap();
    bad["network_reviews"][0]["local_date"] = "1999-01-01".into();
    std::fs::write(fourth.path("bad.json"), bad.to_string()).unwrap();
    let e = fourth.refused(&["import", fourth.path("bad.json").to_str().unwrap()]);
    assert!(e.contains("network_reviews[0].local_date"), "{e}");

    // CSV: one row per entry per review, text cells inert, empty cells for
    // questions a kind is not asked.
    env.ok(&[
        "network",
        "add",
        "=SUM(A1)",
        "--kind",
        "person",
        "--support",
        "mixed",
    ]);
    let csv = env.ok(&["export", "--format", "csv", "--network"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, recap::export::csv::NETWORK_COLUMNS);
    // `recap export --help` documents the columns in this order.
    let help = env
        .ok(&["export", "--help"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let documented = help
        .split("the network columns are ")
        .nth(1)
        .and_then(|rest| rest.split(" (a question").next())
        .unwrap();
    assert_eq!(
        documented.split(", ").collect::<Vec<_>>(),
        NETWORK_COLUMNS_DOC
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // Today's review holds 5 entries (the walk-through's 4 and the new one).
    assert_eq!(rows.len(), 5);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let clinic = rows.iter().find(|r| &r[col("name")] == "Clinic").unwrap();
    assert_eq!(&clinic[col("kind")], "place");
    assert_eq!(&clinic[col("uses")], "true");
    assert_eq!(&clinic[col("closeness")], "");
    assert_eq!(&clinic[col("role_model")], "");
    let mum = rows.iter().find(|r| &r[col("name")] == "Mum").unwrap();
    assert_eq!(&mum[col("closeness")], "4");
    assert_eq!(&mum[col("role_model")], "true");
    assert_eq!(&mum[col("available")], "");
    assert!(rows.iter().any(|r| &r[col("name")] == "'=SUM(A1)"));
    let e = env.refused(&["export", "--format", "json", "--network"]);
    assert!(e.contains("--network works with --format csv only"), "{e}");
    let e = env.refused(&["export", "--format", "csv", "--network", "--scores"]);
    assert!(e.contains("cannot be used with"), "{e}");
}

#[test]
fn reviews_follow_their_profile_and_a_dump_filter() {
    let env = Env::new();
    let store = env.store();
    let a = store.add_profile("A", Utc::now()).unwrap();
    let b = store.add_profile("B", Utc::now()).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap();
    let e = Entry::new("Sam", Kind::Person, Support::Supportive).unwrap();
    store
        .network_change(a.id, at, &Change::Add(e.clone()))
        .unwrap();
    // The same name may be in another profile's network.
    store
        .network_change(
            b.id,
            at,
            &Change::Add(Entry::new("Sam", Kind::Group, Support::Mixed).unwrap()),
        )
        .unwrap();
    let only_a = store
        .dump(&DumpFilter {
            profile_id: Some(a.id),
            ..DumpFilter::default()
        })
        .unwrap();
    assert_eq!(only_a.network_reviews.len(), 1);
    assert_eq!(only_a.network_reviews[0].entries, vec![e]);
    let later = store
        .dump(&DumpFilter {
            since: Some(at + Duration::days(1)),
            ..DumpFilter::default()
        })
        .unwrap();
    assert!(later.network_reviews.is_empty());
    // Deleting a profile takes its network with it.
    store.delete_profile("B").unwrap();
    assert!(store.network_reviews(b.id).unwrap().is_empty());
    assert_eq!(store.network_reviews(a.id).unwrap().len(), 1);
    let _: Dump = store.dump(&DumpFilter::default()).unwrap();
}
