//! The streamed import: a large export is read, checked and written record
//! by record in one transaction. Killed part way (`kill -9`), it leaves the
//! database as it was (or no database at all); a refusal anywhere in the
//! file imports nothing; errors keep their line and column and their place
//! in the file; a check-in that appears twice is refused however far apart;
//! files in another key order still import.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use recap::instrument::Catalog;
use recap::store::{DumpFilter, Store};
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

    fn command(&self, db: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recap"));
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.path(db));
        cmd
    }

    fn run(&self, db: &str, args: &[&str]) -> Output {
        let mut cmd = Command::from_std(self.command(db));
        cmd.args(args).output().unwrap()
    }

    fn import(&self, db: &str, file: &Path) -> Output {
        self.run(db, &["import", file.to_str().unwrap()])
    }

    /// (profiles, check-ins, answers) in a database.
    fn counts(&self, db: &str) -> (usize, usize, usize) {
        let store = Store::open_existing(&self.path(db)).unwrap().unwrap();
        let dump = store.dump(&DumpFilter::default()).unwrap();
        let answers = dump.sessions.iter().map(|s| s.answers.len()).sum();
        (dump.profiles.len(), dump.sessions.len(), answers)
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A deterministic UUID for record `n` of kind `kind`.
fn uuid(kind: u32, n: u64) -> String {
    format!(
        "{kind:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (n >> 32) & 0xffff,
        (n >> 20) & 0xfff,
        (n >> 8) & 0xfff,
        n
    )
}

/// What an export file holds, written as recap writes it (header,
/// profiles, snapshots, check-ins, notes) unless `order` says otherwise.
struct Export {
    /// The profiles' numbers (their uuids and names follow from them).
    profiles: std::ops::Range<u64>,
    sessions_per_profile: u64,
    /// Check-in numbers start here (so two files can hold different ones).
    first_session: u64,
    /// A check-in (by its place in the file) whose first answer is out of range.
    bad_answer_at: Option<u64>,
    /// Place check-in 0 again at this place in the file.
    repeat_first_at: Option<u64>,
    /// The top-level keys in this order.
    order: [&'static str; 6],
}

const RECAP_ORDER: [&str; 6] = [
    "format",
    "version",
    "profiles",
    "snapshots",
    "sessions",
    "notes",
];

impl Export {
    fn new(profiles: u64, sessions_per_profile: u64) -> Export {
        Export {
            profiles: 0..profiles,
            sessions_per_profile,
            first_session: 0,
            bad_answer_at: None,
            repeat_first_at: None,
            order: RECAP_ORDER,
        }
    }

    fn sessions(&self) -> u64 {
        (self.profiles.end - self.profiles.start) * self.sessions_per_profile
    }

    fn write(&self, path: &Path) {
        let catalog = Catalog::bundled();
        let who5 = catalog.get("who-5").unwrap();
        let items: Vec<(String, i64)> = who5
            .instrument
            .items
            .iter()
            .map(|i| (i.id.clone(), i.value_range().unwrap().0))
            .collect();
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        writeln!(out, "{{").unwrap();
        for (k, key) in self.order.iter().enumerate() {
            let comma = if k + 1 < self.order.len() { "," } else { "" };
            match *key {
                "format" => writeln!(out, "  \"format\": \"recap-export\"{comma}").unwrap(),
                "version" => writeln!(out, "  \"version\": 1{comma}").unwrap(),
                "profiles" => {
                    writeln!(out, "  \"profiles\": [").unwrap();
                    for (i, p) in self.profiles.clone().enumerate() {
                        let sep = if i == 0 { "" } else { "," };
                        writeln!(
                            out,
                            "    {sep}{{\"uuid\": \"{}\", \"name\": \"Person {p}\", \"created_at\": \"2019-12-01T10:00:00.000Z\", \"archived_at\": null, \"counselor_default\": false}}",
                            uuid(1, p)
                        )
                        .unwrap();
                    }
                    writeln!(out, "  ]{comma}").unwrap();
                }
                "snapshots" => {
                    writeln!(
                        out,
                        "  \"snapshots\": [{{\"hash\": \"{}\", \"questionnaire_id\": \"who-5\", \"version\": {}, \"source\": {}}}]{comma}",
                        who5.hash,
                        who5.instrument.version,
                        serde_json::to_string(&who5.source).unwrap()
                    )
                    .unwrap();
                }
                "sessions" => {
                    writeln!(out, "  \"sessions\": [").unwrap();
                    let mut place = 0u64;
                    let mut first = true;
                    let mut session = |out: &mut std::io::BufWriter<std::fs::File>,
                                       n: u64,
                                       profile: u64,
                                       place: u64| {
                        let minutes = n % 500_000;
                        let t = chrono::DateTime::from_timestamp(
                            1_577_880_000 + i64::try_from(minutes).unwrap() * 60,
                            0,
                        )
                        .unwrap()
                        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                        let answers: Vec<String> = items
                            .iter()
                            .enumerate()
                            .map(|(j, (id, low))| {
                                let value = if j == 0 && Some(place) == self.bad_answer_at {
                                    99
                                } else {
                                    *low
                                };
                                format!(
                                    "{{\"item_id\": \"{id}\", \"value\": {value}, \"answered_at\": \"{t}\"}}"
                                )
                            })
                            .collect();
                        let sep = if first { "" } else { "," };
                        first = false;
                        writeln!(
                            out,
                            "    {sep}{{\"id\": \"{}\", \"profile_uuid\": \"{}\", \"questionnaire_id\": \"who-5\", \"questionnaire_version\": {}, \"snapshot_hash\": \"{}\", \"started_at\": \"{t}\", \"completed_at\": \"{t}\", \"with_counselor\": false, \"status\": \"completed\", \"answers\": [{}]}}",
                            uuid(2, n),
                            uuid(1, profile),
                            who5.instrument.version,
                            who5.hash,
                            answers.join(", ")
                        )
                        .unwrap();
                    };
                    for p in self.profiles.clone() {
                        for k in 0..self.sessions_per_profile {
                            if Some(place) == self.repeat_first_at {
                                session(&mut out, self.first_session, self.profiles.start, place);
                                place += 1;
                            }
                            let n = self.first_session
                                + (p - self.profiles.start) * self.sessions_per_profile
                                + k;
                            session(&mut out, n, p, place);
                            place += 1;
                        }
                    }
                    writeln!(out, "  ]{comma}").unwrap();
                }
                _ => {
                    writeln!(
                        out,
                        "  \"notes\": [{{\"id\": \"{}\", \"profile_uuid\": \"{}\", \"session_id\": \"{}\", \"created_at\": \"2020-01-02T10:00:00.000Z\", \"updated_at\": \"2020-01-02T10:00:00.000Z\", \"body\": \"A good week.\", \"visibility\": \"shared\"}}]{comma}",
                        uuid(3, self.first_session),
                        uuid(1, self.profiles.start),
                        uuid(2, self.first_session)
                    )
                    .unwrap();
                }
            }
        }
        writeln!(out, "}}").unwrap();
        out.flush().unwrap();
    }
}

/// Starts `recap import FILE` into `db` and kills it (SIGKILL) once it has
/// written part of its transaction (2 MB of database or log beside the
/// file); returns whether it was still running then (the import was cut
/// off, not finished).
fn kill_part_way(env: &Env, db: &str, file: &Path) -> bool {
    let mut child = env
        .command(db)
        .arg("import")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    // The largest file beside the database other than the export: its log,
    // or a new database under its temporary name.
    let written = |dir: &Path| -> u64 {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().ends_with(".json"))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .max()
            .unwrap_or(0)
    };
    while started.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if written(env.dir.path()) > 2 << 20 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

#[test]
fn an_import_killed_part_way_leaves_the_database_as_it_was() {
    let env = Env::new();
    let small = env.path("small.json");
    let mut first = Export::new(1, 3);
    first.first_session = 10_000_000;
    first.profiles = 1000..1001;
    first.write(&small);
    let out = env.import("data.db", &small);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = env.counts("data.db");
    assert_eq!(before, (1, 3, 15));

    let big = env.path("big.json");
    let export = Export::new(20, 1000);
    export.write(&big);
    assert!(
        kill_part_way(&env, "data.db", &big),
        "the import finished before it could be killed; make the file larger"
    );
    assert_eq!(
        env.counts("data.db"),
        before,
        "a killed import left records"
    );

    // Nothing is left in the way: the same file imports in full after.
    let out = env.import("data.db", &big);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sessions = usize::try_from(export.sessions()).unwrap();
    assert_eq!(env.counts("data.db"), (21, 3 + sessions, 15 + 5 * sessions));
}

#[test]
fn an_import_into_a_new_file_killed_part_way_leaves_no_database() {
    let env = Env::new();
    let big = env.path("big.json");
    Export::new(20, 1000).write(&big);
    assert!(
        kill_part_way(&env, "new.db", &big),
        "the import finished before it could be killed; make the file larger"
    );
    assert!(
        !env.path("new.db").exists(),
        "a killed import left a database"
    );
    let out = env.import("new.db", &big);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(env.counts("new.db"), (20, 20_000, 100_000));
}

#[test]
fn a_refusal_at_the_end_of_a_long_file_imports_nothing() {
    let env = Env::new();
    let small = env.path("small.json");
    let mut first = Export::new(1, 2);
    first.profiles = 1000..1001;
    first.first_session = 10_000_000;
    first.write(&small);
    assert_eq!(env.import("data.db", &small).status.code(), Some(0));

    let file = env.path("bad.json");
    let mut export = Export::new(5, 400);
    export.bad_answer_at = Some(1999);
    export.write(&file);
    let out = env.import("data.db", &file);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("sessions[1999].answers[0]") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(env.counts("data.db"), (1, 2, 10));

    // Into a new file: no file at all.
    let out = env.import("new.db", &file);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!env.path("new.db").exists());
}

#[test]
fn a_cut_off_file_is_refused_with_its_line_and_column() {
    let env = Env::new();
    let file = env.path("whole.json");
    Export::new(3, 200).write(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = env.path("cut.json");
    // Cut inside the last check-in, on the line before the last four.
    let lines: Vec<&str> = text.lines().collect();
    let keep = lines.len() - 4;
    let partial = format!(
        "{}\n{}",
        lines[..keep - 1].join("\n"),
        &lines[keep - 1][..40]
    );
    std::fs::write(&cut, partial).unwrap();
    let out = env.import("new.db", &cut);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let position = format!("cut.json:{}:", keep);
    assert!(err.contains(&position), "{position} in {err}");
    assert!(
        err.contains("cut off") && err.contains("nothing was imported"),
        "{err}"
    );
    assert!(!env.path("new.db").exists());
}

#[test]
fn a_check_in_that_appears_twice_is_refused_however_far_apart() {
    let env = Env::new();
    // Twice in the file, 900 check-ins apart.
    let file = env.path("twice.json");
    let mut export = Export::new(2, 500);
    export.repeat_first_at = Some(900);
    export.write(&file);
    let out = env.import("data.db", &file);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("sessions[900]") && err.contains("appears twice"),
        "{err}"
    );
    assert!(!env.path("data.db").exists());

    // Twice in a file whose check-ins are already here: refused too.
    let plain = env.path("plain.json");
    Export::new(2, 500).write(&plain);
    assert_eq!(env.import("data.db", &plain).status.code(), Some(0));
    let before = env.counts("data.db");
    let out = env.import("data.db", &file);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("appears twice"), "{}", stderr(&out));
    assert_eq!(env.counts("data.db"), before);
    // Once each: everything is already here.
    let out = env.import("data.db", &plain);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("already here"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_file_in_another_order_still_imports() {
    let env = Env::new();
    let file = env.path("reversed.json");
    let mut export = Export::new(3, 50);
    // Notes and check-ins before the profiles and snapshots they need, the
    // header last.
    export.order = [
        "notes",
        "sessions",
        "snapshots",
        "profiles",
        "version",
        "format",
    ];
    export.write(&file);
    let out = env.import("data.db", &file);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(env.counts("data.db"), (3, 150, 750));
    let store = Store::open_existing(&env.path("data.db")).unwrap().unwrap();
    assert_eq!(store.dump(&DumpFilter::default()).unwrap().notes.len(), 1);
}

#[test]
fn a_file_from_a_newer_recap_is_refused_before_the_database_is_touched() {
    let env = Env::new();
    let file = env.path("newer.json");
    Export::new(2, 20).write(&file);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("\"version\": 1", "\"version\": 2", 1)
        .replacen("\"status\": \"completed\"", "\"status\": \"someday\"", 1);
    std::fs::write(&file, text).unwrap();
    let out = env.import("new.db", &file);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("newer.json:3:") && err.contains("version 2") && err.contains("newer recap"),
        "{err}"
    );
    assert!(!env.path("new.db").exists());
}
