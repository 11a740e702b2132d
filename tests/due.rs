//! What is due and private reminders, through the real binary: `recap due`
//! (text, --json, --all-profiles) on the person's calendar, questionnaires
//! switched off per profile, `due --notify` without a notification service,
//! and `remind install | status | remove` into temporary folders (systemd,
//! launchd, cron), with `systemctl` and `crontab` stood in by scripts that
//! log what they were asked.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{Days, NaiveDate, Utc};
use serde_json::Value;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        for d in ["bin", "home", "xdg", "run"] {
            std::fs::create_dir_all(env.path(d)).unwrap();
        }
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("data/recap.db")
    }

    /// `recap --db DB ARGS` in UTC, with every folder a schedule or a
    /// notification could reach inside the temp dir: no session bus, and
    /// only the stand-in tools in `bin` on PATH.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recap").unwrap();
        cmd.env_remove("RECAP_DB")
            .env("RECAP_CONFIG_DIR", self.path("config"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("xdg"))
            .env("XDG_RUNTIME_DIR", self.path("run"))
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", self.path("run/no-bus").display()),
            )
            .env("PATH", self.path("bin"))
            .arg("--db")
            .arg(self.db())
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs and expects success; returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code `code`; returns standard error.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        serde_json::from_str::<Value>(&self.ok(args))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// A WHO-5 recorded on `day` (UTC, as the tests run).
    fn who5_on(&self, profile: Option<&str>, day: NaiveDate) {
        let date = day.to_string();
        let mut args = Vec::new();
        if let Some(p) = profile {
            args.extend(["--profile", p]);
        }
        args.extend([
            "record",
            "who-5",
            "--answers",
            "3,3,3,3,3",
            "--date",
            &date,
            "--yes",
        ]);
        self.ok(&args);
    }

    /// A stand-in for a tool: a script that logs its arguments to
    /// `NAME.log` and then runs `body`.
    fn tool(&self, name: &str, body: &str) {
        let path = self.path("bin").join(name);
        let log = self.path(&format!("{name}.log"));
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nPATH=/usr/bin:/bin\necho \"$@\" >> '{}'\n{body}\n",
                log.display()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    fn log(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(&format!("{name}.log"))).unwrap_or_default()
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn days_ago(n: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(n)).unwrap()
}

fn find<'a>(rows: &'a [Value], id: &str) -> Option<&'a Value> {
    rows.iter().find(|r| r["id"] == id)
}

/// Every file and folder under `dir`, with each file's bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            let meta = path.symlink_metadata().unwrap();
            if meta.is_dir() {
                todo.push(path);
                out.insert(rel, None);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out
}

#[test]
fn done_twenty_days_ago_with_a_fourteen_day_interval_is_due() {
    let env = Env::new();
    let done = days_ago(20);
    env.who5_on(None, done);
    let rows = env.json(&["due", "--json"]);
    let who = find(&rows, "who-5").unwrap();
    assert_eq!(who["title"], "WHO-5");
    assert_eq!(who["every_days"], 14);
    assert_eq!(who["last_done"], done.to_string());
    assert_eq!(who["due_on"], days_ago(6).to_string());
    assert_eq!(who["due"], true);
    // Never done: due now, with no date to count from.
    let barc = find(&rows, "barc-10").unwrap();
    assert_eq!(barc["last_done"], Value::Null);
    assert_eq!(barc["due_on"], Value::Null);
    assert_eq!(barc["due"], true);
    // Names and dates only: no profile without --all-profiles, no scores, no answers.
    for row in &rows {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["due", "due_on", "every_days", "id", "last_done", "title"],
            "{row}"
        );
    }
    // In words.
    let text = env.ok(&["due"]);
    let line = text.lines().find(|l| l.starts_with("WHO-5")).unwrap();
    assert!(line.contains("due since "), "{text}");
    assert!(line.contains("last done "), "{text}");
    // Never done says it is due, as the JSON (`due: true`) and home do.
    let barc_line = text.lines().find(|l| l.starts_with("BARC-10")).unwrap();
    assert!(barc_line.contains("due now (not done yet)"), "{text}");
}

#[test]
fn done_today_is_not_due_and_says_when_it_will_be() {
    let env = Env::new();
    env.who5_on(None, today());
    let rows = env.json(&["due", "--json"]);
    let who = find(&rows, "who-5").unwrap();
    assert_eq!(who["last_done"], today().to_string());
    let next = today().checked_add_days(Days::new(14)).unwrap();
    assert_eq!(who["due_on"], next.to_string());
    assert_eq!(who["due"], false);
    // Thirteen days ago: still not due; fourteen: due today.
    let env = Env::new();
    env.who5_on(None, days_ago(13));
    assert_eq!(
        find(&env.json(&["due", "--json"]), "who-5").unwrap()["due"],
        false
    );
    let env = Env::new();
    env.who5_on(None, days_ago(14));
    let rows = env.json(&["due", "--json"]);
    assert_eq!(find(&rows, "who-5").unwrap()["due"], true);
    assert_eq!(find(&rows, "who-5").unwrap()["due_on"], today().to_string());
    assert!(env.ok(&["due"]).contains("due today"));
}

#[test]
fn a_questionnaire_switched_off_is_never_due_and_left_out() {
    let env = Env::new();
    env.who5_on(None, days_ago(20));
    let out = env.ok(&["profiles", "set", "Me", "--skip", "who-5"]);
    assert!(out.contains("Switched WHO-5 off"), "{out}");
    let rows = env.json(&["due", "--json"]);
    assert!(find(&rows, "who-5").is_none(), "{rows:?}");
    assert!(find(&rows, "barc-10").is_some());
    let text = env.ok(&["due"]);
    assert!(!text.lines().any(|l| l.starts_with("WHO-5")), "{text}");
    assert!(text.contains("Switched off: WHO-5"), "{text}");
    assert!(env.ok(&["profiles", "set", "Me"]).contains("who-5"));
    // Again: nothing changes; an unknown id is refused before anything changes.
    assert!(
        env.ok(&["profiles", "set", "Me", "--skip", "who-5"])
            .contains("already")
    );
    let err = env.fails(
        &[
            "profiles", "set", "Me", "--skip", "barc-10", "--skip", "nope",
        ],
        2,
    );
    assert!(err.contains("no questionnaire with id \"nope\""), "{err}");
    assert!(find(&env.json(&["due", "--json"]), "barc-10").is_some());
    // Back on: due again.
    env.ok(&["profiles", "set", "Me", "--unskip", "who-5"]);
    assert_eq!(
        find(&env.json(&["due", "--json"]), "who-5").unwrap()["due"],
        true
    );
}

#[test]
fn every_profile_with_names_and_dates_only() {
    let env = Env::new();
    env.ok(&["profiles", "add", "Alex"]);
    env.ok(&["profiles", "add", "Robin"]);
    env.who5_on(Some("Alex"), days_ago(20));
    env.who5_on(Some("Robin"), today());
    env.ok(&["profiles", "set", "Robin", "--skip", "barc-10"]);
    env.ok(&["profiles", "add", "Kim"]);
    env.ok(&["profiles", "archive", "Kim"]);
    let rows = env.json(&["due", "--json", "--all-profiles"]);
    let of = |name: &str, id: &str| {
        rows.iter()
            .find(|r| r["profile"] == name && r["id"] == id)
            .cloned()
    };
    assert_eq!(of("Alex", "who-5").unwrap()["due"], true);
    assert_eq!(of("Robin", "who-5").unwrap()["due"], false);
    assert!(of("Alex", "barc-10").is_some());
    assert!(of("Robin", "barc-10").is_none(), "switched off for Robin");
    assert!(rows.iter().all(|r| r["profile"] != "Kim"), "archived");
    let text = serde_json::to_string(&rows).unwrap();
    for word in ["score", "total", "answer", "band"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    let plain = env.ok(&["due", "--all-profiles"]);
    assert!(
        plain.contains("Alex\n") && plain.contains("Robin\n"),
        "{plain}"
    );
    // Several profiles: `due` alone asks which one.
    let err = env.fails(&["due"], 2);
    assert!(err.contains("--profile"), "{err}");
    assert!(env.ok(&["--profile", "Robin", "due"]).contains("WHO-5"));
    env.fails(&["--profile", "Robin", "due", "--all-profiles"], 2);
}

#[test]
fn without_data_nothing_is_due_and_nothing_is_created() {
    let env = Env::new();
    let text = env.ok(&["due"]);
    assert!(text.contains("There is no data yet"), "{text}");
    assert_eq!(env.ok(&["due", "--json"]).trim(), "[]");
    let out = env.run(&["due", "--notify"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    env.ok(&["due", "--all-profiles"]);
    assert!(!env.db().exists());
    assert!(!env.path("data").exists());
}

#[test]
fn notify_without_a_notification_service_says_so_once_and_exits_0() {
    let env = Env::new();
    env.who5_on(None, days_ago(20));
    // The session bus address points nowhere.
    let out = env.run(&["due", "--notify"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("recap: a check-in is due, but no desktop notification could be shown"),
        "{err}"
    );
    // No questionnaire or person is named (the bus address, a random
    // temporary folder, is left out of the check).
    let said = err.replace(env.dir.path().to_str().unwrap(), "");
    assert!(!said.contains("WHO-5") && !said.contains("Me"), "{err}");
    // No address at all, and no bus in the runtime folder.
    let out = env
        .cmd(&["due", "--notify"])
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
    // Nothing due: no notification is tried, so nothing is said.
    env.ok(&[
        "profiles",
        "set",
        "Me",
        "--skip",
        "barc-10",
        "--skip",
        "samhsa-dimensions",
    ]);
    env.who5_on(None, today());
    let out = env.run(&["due", "--notify"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.fails(&["due", "--notify", "--json"], 2);
}

#[test]
fn systemd_install_status_remove_leave_the_config_folder_as_it_was() {
    let env = Env::new();
    env.who5_on(None, today());
    // Something of the person's own is already there.
    std::fs::create_dir_all(env.path("xdg/systemd/user")).unwrap();
    std::fs::write(env.path("xdg/systemd/user/mine.service"), "[Service]\n").unwrap();
    std::fs::write(env.path("xdg/other.conf"), "x=1\n").unwrap();
    let before = tree(&env.path("xdg"));

    // Dry run: exactly what would be written and where; nothing written.
    let dry = env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "systemd",
        "--at",
        "Sun 18:00",
        "--dry-run",
    ]);
    assert_eq!(tree(&env.path("xdg")), before);
    let unit_dir = env.path("xdg/systemd/user");
    let service = unit_dir.join("recap-due.service");
    let timer = unit_dir.join("recap-due.timer");
    assert!(
        dry.contains(&format!("Would write {}:", service.display())),
        "{dry}"
    );
    assert!(
        dry.contains("Would run: systemctl --user enable --now recap-due.timer"),
        "{dry}"
    );

    // systemctl is not on PATH: the files are written, and the commands shown.
    let out = env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "systemd",
        "--at",
        "Sun 18:00",
    ]);
    assert!(out.contains("systemctl was not found"), "{out}");
    let unit = std::fs::read_to_string(&service).unwrap();
    let exe = std::fs::canonicalize(assert_cmd::cargo::cargo_bin("recap")).unwrap();
    let exec = unit.lines().find(|l| l.starts_with("ExecStart=")).unwrap();
    assert_eq!(
        exec,
        format!(
            "ExecStart=\"{}\" --db {} due --notify",
            exe.display(),
            env.db().display()
        ),
        "the absolute path of this recap, and the database in use"
    );
    let timer_text = std::fs::read_to_string(&timer).unwrap();
    assert!(
        timer_text.contains("OnCalendar=Sun *-*-* 18:00:00"),
        "{timer_text}"
    );
    // What the dry run showed is what was written.
    assert!(dry.contains(unit.trim_end()), "{dry}");
    assert!(dry.contains(timer_text.trim_end()), "{dry}");

    // Again: nothing changes.
    let installed = tree(&env.path("xdg"));
    let again = env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "systemd",
        "--at",
        "Sun 18:00",
    ]);
    assert!(again.contains("already in place"), "{again}");
    assert_eq!(tree(&env.path("xdg")), installed);

    let status = env.ok(&["remind", "status", "--scheduler", "systemd"]);
    assert!(status.contains("OnCalendar=Sun *-*-* 18:00:00"), "{status}");
    assert!(status.contains(&timer.display().to_string()), "{status}");

    // Remove: everything it wrote goes; the person's own files stay.
    let dry = env.ok(&["remind", "remove", "--scheduler", "systemd", "--dry-run"]);
    assert!(
        dry.contains(&format!("Would remove {}", timer.display())),
        "{dry}"
    );
    assert_eq!(tree(&env.path("xdg")), installed);
    env.ok(&["remind", "remove", "--scheduler", "systemd"]);
    assert_eq!(tree(&env.path("xdg")), before);
    let status = env.ok(&["remind", "status", "--scheduler", "systemd"]);
    assert!(status.contains("No reminder is set up"), "{status}");
    let out = env.ok(&["remind", "remove", "--scheduler", "systemd"]);
    assert!(out.contains("no reminder to take away"), "{out}");
}

#[test]
fn systemd_install_into_an_empty_config_folder_and_back() {
    let env = Env::new();
    let before = tree(&env.path("xdg"));
    assert!(before.is_empty());
    // A stand-in systemctl, which makes the link `enable` makes.
    let wants = env.path("xdg/systemd/user/timers.target.wants");
    env.tool(
        "systemctl",
        &format!(
            "if [ \"$2\" = enable ]; then mkdir -p '{0}' && ln -sf ../recap-due.timer '{0}/recap-due.timer'; fi\n\
             if [ \"$2\" = disable ]; then rm -f '{0}/recap-due.timer'; fi",
            wants.display()
        ),
    );
    let out = env.ok(&["remind", "install", "--scheduler", "systemd"]);
    assert!(
        out.contains("Ran: systemctl --user enable --now recap-due.timer"),
        "{out}"
    );
    assert!(
        out.contains("Reminders are on: every day at 18:00"),
        "{out}"
    );
    assert_eq!(
        env.log("systemctl"),
        "--user daemon-reload\n--user enable --now recap-due.timer\n"
    );
    assert!(wants.join("recap-due.timer").symlink_metadata().is_ok());
    let status = env.ok(&["remind", "status", "--scheduler", "systemd"]);
    assert!(status.contains("OnCalendar=*-*-* 18:00:00"), "{status}");
    env.ok(&["remind", "remove", "--scheduler", "systemd"]);
    assert!(
        env.log("systemctl")
            .contains("--user disable --now recap-due.timer\n")
    );
    assert!(env.log("systemctl").ends_with("--user daemon-reload\n"));
    assert_eq!(tree(&env.path("xdg")), before);
}

#[test]
fn a_unit_file_recap_did_not_write_is_never_replaced_or_removed() {
    let env = Env::new();
    let dir = env.path("xdg/systemd/user");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("recap-due.timer"), "[Timer]\nOnCalendar=daily\n").unwrap();
    let err = env.fails(&["remind", "install", "--scheduler", "systemd"], 1);
    assert!(err.contains("was not written by recap"), "{err}");
    env.ok(&["remind", "remove", "--scheduler", "systemd"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("recap-due.timer")).unwrap(),
        "[Timer]\nOnCalendar=daily\n"
    );
}

#[test]
fn launchd_install_status_remove_leave_the_home_folder_as_it_was() {
    let env = Env::new();
    let before = tree(&env.path("home"));
    env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "launchd",
        "--at",
        "Mon 09:30",
    ]);
    let plist = env.path("home/Library/LaunchAgents/local.recap.due.plist");
    let text = std::fs::read_to_string(&plist).unwrap();
    assert!(
        text.contains("<key>Weekday</key>\n        <integer>1</integer>"),
        "{text}"
    );
    assert!(
        text.contains(&format!("<string>{}</string>", env.db().display())),
        "{text}"
    );
    assert!(
        env.ok(&["remind", "status", "--scheduler", "launchd"])
            .contains("local.recap.due.plist")
    );
    env.ok(&["remind", "remove", "--scheduler", "launchd"]);
    assert_eq!(tree(&env.path("home")), before);
}

#[test]
fn cron_shows_the_line_and_writes_it_only_when_confirmed() {
    let env = Env::new();
    let table = env.path("crontab.txt");
    env.tool(
        "crontab",
        &format!(
            "f='{}'\ncase \"$1\" in\n -l) if [ -f \"$f\" ]; then cat \"$f\"; else echo 'no crontab for sam' >&2; exit 1; fi ;;\n -) cat > \"$f\" ;;\n -r) rm -f \"$f\" ;;\nesac",
            table.display()
        ),
    );
    std::fs::write(&table, "MAILTO=sam\n0 3 * * * backup.sh\n").unwrap();
    // No terminal to ask on and no --yes: shown, not written.
    let out = env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "cron",
        "--at",
        "Sun 18:00",
    ]);
    assert!(out.contains("0 18 * * 0 "), "{out}");
    assert!(out.contains("Nothing was written"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&table).unwrap(),
        "MAILTO=sam\n0 3 * * * backup.sh\n"
    );
    // With --yes: added once, however often it is installed.
    env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "cron",
        "--at",
        "Sun 18:00",
        "--yes",
    ]);
    env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "cron",
        "--at",
        "Sun 18:00",
        "--yes",
    ]);
    let written = std::fs::read_to_string(&table).unwrap();
    assert_eq!(
        written
            .lines()
            .filter(|l| l.ends_with("# recap remind"))
            .count(),
        1,
        "{written}"
    );
    assert!(
        written.starts_with("MAILTO=sam\n0 3 * * * backup.sh\n0 18 * * 0 "),
        "{written}"
    );
    assert!(
        env.ok(&["remind", "status", "--scheduler", "cron"])
            .contains("0 18 * * 0 ")
    );
    env.ok(&["remind", "remove", "--scheduler", "cron"]);
    assert_eq!(
        std::fs::read_to_string(&table).unwrap(),
        "MAILTO=sam\n0 3 * * * backup.sh\n"
    );
    // A crontab that held only recap's line is removed as a whole.
    std::fs::remove_file(&table).unwrap();
    env.ok(&["remind", "install", "--scheduler", "cron", "--yes"]);
    assert!(table.exists());
    env.ok(&["remind", "remove", "--scheduler", "cron"]);
    assert!(!table.exists());
}

#[test]
fn reminders_refuse_unclear_requests() {
    let env = Env::new();
    let err = env.fails(
        &[
            "remind",
            "install",
            "--scheduler",
            "systemd",
            "--at",
            "Sunday 6pm",
        ],
        2,
    );
    assert!(err.contains("--at takes a time of day"), "{err}");
    env.ok(&["profiles", "add", "Alex"]);
    env.ok(&["profiles", "add", "Robin"]);
    let err = env.fails(&["remind", "install", "--scheduler", "systemd"], 2);
    assert!(err.contains("more than one profile"), "{err}");
    assert!(!err.contains("Alex") && !err.contains("Robin"), "{err}");
    let out = env.ok(&[
        "--profile",
        "robin",
        "remind",
        "install",
        "--scheduler",
        "systemd",
        "--dry-run",
    ]);
    assert!(out.contains("--profile Robin due --notify"), "{out}");
    let out = env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "systemd",
        "--all-profiles",
        "--dry-run",
    ]);
    assert!(out.contains("due --notify --all-profiles"), "{out}");
    assert!(tree(&env.path("xdg")).is_empty());
    // Task Scheduler: a command printed, nothing written.
    let out = env.ok(&[
        "remind",
        "install",
        "--scheduler",
        "task-scheduler",
        "--all-profiles",
    ]);
    assert!(
        out.contains("schtasks /Create /TN \"recap due\" /SC DAILY /ST 18:00"),
        "{out}"
    );
}

/// Child processes that end with the test, however it ends.
struct Children(Vec<std::process::Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Waits up to 5 s for `ready`.
fn wait_for(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if ready() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// What goes over a real session bus (a private `dbus-daemon`, watched by
/// `dbus-monitor`): one Notify call from "recap" saying "A recap check-in
/// is due", with an empty body, no actions and no hints. Skipped where
/// there is no dbus-daemon, except under `.ci/run` (which installs it and
/// sets RECAP_REQUIRE_DBUS): there a missing bus fails. The text itself is
/// also pinned by a unit test in `src/reminders/notify.rs`.
#[test]
fn the_notification_says_one_line_and_nothing_else() {
    let which = |name: &str| {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    };
    let (Some(daemon), Some(monitor)) = (which("dbus-daemon"), which("dbus-monitor")) else {
        assert!(
            std::env::var_os("RECAP_REQUIRE_DBUS").is_none(),
            "RECAP_REQUIRE_DBUS is set but dbus-daemon or dbus-monitor is missing"
        );
        eprintln!("skipped: no dbus-daemon and dbus-monitor here");
        return;
    };
    let env = Env::new();
    env.who5_on(None, days_ago(20));
    let socket = env.path("run/bus");
    let address = format!("unix:path={}", socket.display());
    let mut children = Children(Vec::new());
    children.0.push(
        std::process::Command::new(daemon)
            .args([
                "--session",
                "--nofork",
                "--nopidfile",
                "--address",
                &address,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    assert!(wait_for(|| socket.exists()), "the bus did not start");
    let watched = env.path("monitor.txt");
    children.0.push(
        std::process::Command::new(monitor)
            .args(["--address", &address])
            .stdout(std::fs::File::create(&watched).unwrap())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let seen = || std::fs::read_to_string(&watched).unwrap_or_default();
    assert!(wait_for(|| seen().contains("NameAcquired")), "{}", seen());
    let out = env
        .cmd(&["due", "--notify"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(wait_for(|| seen().contains("member=Notify")), "{}", seen());
    let text = seen();
    let call: Vec<&str> = text
        .split("member=Notify\n")
        .nth(1)
        .unwrap()
        .lines()
        .take(10)
        .map(str::trim)
        .collect();
    assert_eq!(
        call,
        [
            "string \"recap\"",
            "uint32 0",
            "string \"\"",
            "string \"A recap check-in is due\"",
            "string \"\"",
            "array [",
            "]",
            "array [",
            "]",
            "int32 -1",
        ],
        "{text}"
    );
    assert_eq!(text.matches("member=Notify").count(), 1);
    // Nobody serves notifications on this bus: said once on standard error.
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_network_review_is_listed_once_the_network_was_walked_through() {
    let env = Env::new();
    env.ok(&[
        "network",
        "add",
        "Jo",
        "--kind",
        "person",
        "--support",
        "supportive",
    ]);
    // Before a first walk-through: starting one is up to the person.
    let rows = env.json(&["due", "--json"]);
    assert!(find(&rows, "network").is_none(), "{rows:?}");
    // Keep Jo (Enter), then no new entry (Enter on an empty name).
    let out = env
        .cmd(&["network", "review"])
        .write_stdin("\n\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = env.json(&["due", "--json"]);
    let review = find(&rows, "network").expect("the network review");
    assert_eq!(review["title"], "Recovery network review");
    assert_eq!(review["every_days"], 28);
    assert_eq!(review["last_done"], today().to_string());
    assert_eq!(review["due"], false);
    let in_28 = today() + chrono::Days::new(28);
    assert_eq!(review["due_on"], in_28.to_string());
}
