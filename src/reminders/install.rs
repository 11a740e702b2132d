//! Setting a reminder up, showing it and taking it away, for each
//! scheduler: where its files go (`Places`, from XDG and the home folder),
//! writing only files recap marks as its own, and running `systemctl
//! --user`, `launchctl` or `crontab` only when they are on PATH. Never
//! needs root; `install` again changes nothing or replaces recap's own
//! files; `remove` takes away everything `install` wrote (and folders it
//! made that are left empty).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::at::When;
use super::job::Job;
use super::{cron, launchd, systemd, windows};
use crate::error::{Error, Result};

/// The schedulers recap can set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheduler {
    /// A systemd user timer (Linux).
    Systemd,
    /// A crontab line (elsewhere on Linux and BSD).
    Cron,
    /// A launchd agent (macOS).
    Launchd,
    /// Task Scheduler (Windows): commands printed.
    TaskScheduler,
}

impl Scheduler {
    /// The one for this computer: launchd on macOS, Task Scheduler on
    /// Windows, a systemd user timer where systemd runs, else cron.
    pub fn detect() -> Scheduler {
        if cfg!(target_os = "macos") {
            Scheduler::Launchd
        } else if cfg!(windows) {
            Scheduler::TaskScheduler
        } else if Path::new("/run/systemd/system").is_dir() {
            Scheduler::Systemd
        } else {
            Scheduler::Cron
        }
    }

    /// Those `status` and `remove` look at on this computer.
    pub fn all_here() -> Vec<Scheduler> {
        if cfg!(target_os = "macos") {
            vec![Scheduler::Launchd, Scheduler::Cron]
        } else if cfg!(windows) {
            vec![Scheduler::TaskScheduler]
        } else {
            vec![Scheduler::Systemd, Scheduler::Cron]
        }
    }
}

/// Where the schedulers' files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// `$XDG_CONFIG_HOME/systemd/user` (default `~/.config/systemd/user`).
    pub systemd_dir: Option<PathBuf>,
    /// `~/Library/LaunchAgents`.
    pub launch_agents: Option<PathBuf>,
}

impl Places {
    /// From `XDG_CONFIG_HOME` (when absolute) and the home folder.
    pub fn from_env() -> Places {
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home.as_ref().map(|h| h.join(".config")));
        Places {
            systemd_dir: config.map(|c| c.join("systemd").join("user")),
            launch_agents: home.map(|h| h.join("Library").join("LaunchAgents")),
        }
    }

    fn systemd(&self) -> Result<&Path> {
        self.systemd_dir.as_deref().ok_or_else(|| {
            Error::Runtime(
                "cannot find a home folder for the systemd timer; set XDG_CONFIG_HOME".into(),
            )
        })
    }

    fn launchd(&self) -> Result<PathBuf> {
        self.launch_agents
            .as_ref()
            .map(|d| d.join(format!("{}.plist", launchd::LABEL)))
            .ok_or_else(|| Error::Runtime("cannot find a home folder for the launchd agent".into()))
    }
}

/// What `install` is to do.
pub struct Install<'a> {
    pub job: &'a Job,
    pub at: When,
    pub dry_run: bool,
}

/// Where messages go as the work is done (printed by the command).
pub type Say<'a> = &'a mut dyn FnMut(String);

/// Asks whether to change the crontab (`--yes`, or the person on a terminal).
pub type Ask<'a> = &'a mut dyn FnMut(&str) -> Result<bool>;

/// A program on PATH.
pub fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs `program args`, giving its output, or why it failed.
fn run(program: &Path, args: &[&str], input: Option<&str>) -> std::result::Result<String, String> {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        use std::io::Write as _;
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    if out.status.success() {
        Ok(stdout)
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(if stderr.is_empty() {
            format!("it ended with {}", out.status)
        } else {
            stderr
        })
    }
}

fn shown(program: &str, args: &[&str]) -> String {
    std::iter::once(program)
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes recap's file at `path` (through `files`: private, complete or
/// not at all). Refuses a file there that recap did not write.
fn write_own(path: &Path, text: &str, mark: &str, say: Say<'_>) -> Result<()> {
    match std::fs::read_to_string(path) {
        Ok(existing) if existing == text => {
            say(format!("{} is already in place.", path.display()));
            return Ok(());
        }
        Ok(existing) if !existing.contains(mark) => return Err(not_ours(path)),
        // Not text, or not readable: not recap's either.
        Err(e) if e.kind() != std::io::ErrorKind::NotFound && path.exists() => {
            return Err(not_ours(path));
        }
        _ => {}
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Runtime(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut file = crate::files::TempFile::create(path, true)?;
    {
        use std::io::Write as _;
        let write_error =
            |e: std::io::Error| Error::Runtime(format!("cannot write {}: {e}", path.display()));
        file.file()?
            .write_all(text.as_bytes())
            .map_err(write_error)?;
    }
    file.persist()?;
    say(format!("Wrote {}", path.display()));
    Ok(())
}

fn not_ours(path: &Path) -> Error {
    Error::Runtime(format!(
        "{} exists and was not written by recap; nothing was changed (move it away first)",
        path.display()
    ))
}

/// Whether `path` is a file recap wrote (it carries `mark`).
fn is_own(path: &Path, mark: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains(mark))
}

/// Removes recap's file; `Ok(false)` when it is not there.
fn remove_own(path: &Path, mark: &str, dry_run: bool, say: Say<'_>) -> Result<bool> {
    if !path.exists() {
        return Ok(false);
    }
    if !is_own(path, mark) {
        say(format!(
            "{} was not written by recap; it is left as it is.",
            path.display()
        ));
        return Ok(false);
    }
    if dry_run {
        say(format!("Would remove {}", path.display()));
    } else {
        std::fs::remove_file(path)
            .map_err(|e| Error::Runtime(format!("cannot remove {}: {e}", path.display())))?;
        say(format!("Removed {}", path.display()));
    }
    Ok(true)
}

/// Removes `dir` and then its parents up to (not including) `base` while
/// they are empty.
fn remove_empty_dirs(dir: &Path, base: &Path) {
    let mut d = Some(dir);
    while let Some(now) = d {
        if now == base || !now.starts_with(base) || std::fs::remove_dir(now).is_err() {
            break;
        }
        d = now.parent();
    }
}

/// Sets the reminder up with `scheduler`; whether it is now on (not for a
/// dry run, a crontab line not confirmed, a command printed for the person
/// to run, or a file written while its service manager is not available).
pub fn install(
    scheduler: Scheduler,
    places: &Places,
    what: &Install<'_>,
    ask: Ask<'_>,
    say: Say<'_>,
) -> Result<bool> {
    match scheduler {
        Scheduler::Systemd => install_systemd(places, what, say),
        Scheduler::Launchd => install_launchd(places, what, say),
        Scheduler::Cron => install_cron(what, ask, say),
        Scheduler::TaskScheduler => {
            say("Run this in a Command Prompt to set the reminder up with Task Scheduler:".into());
            say(format!("  {}", windows::create(what.job, &what.at)));
            for (name, value) in &what.job.env {
                say(format!(
                    "The reminder also needs {name}; set it for your account with: setx {name} \"{value}\""
                ));
            }
            say(format!(
                "`recap remind remove` shows how to take it away ({}).",
                windows::delete()
            ));
            Ok(false)
        }
    }
}

fn would_write(path: &Path, text: &str, say: Say<'_>) {
    say(format!("Would write {}:", path.display()));
    say(text.trim_end().to_string());
}

fn install_systemd(places: &Places, what: &Install<'_>, say: Say<'_>) -> Result<bool> {
    let dir = places.systemd()?;
    let files = [
        (dir.join(systemd::SERVICE), systemd::service(what.job)),
        (dir.join(systemd::TIMER), systemd::timer(&what.at)),
    ];
    let steps: [&[&str]; 2] = [
        &["--user", "daemon-reload"],
        &["--user", "enable", "--now", systemd::TIMER],
    ];
    if what.dry_run {
        for (path, text) in &files {
            would_write(path, text, say);
        }
        for args in steps {
            say(format!("Would run: {}", shown("systemctl", args)));
        }
        return Ok(false);
    }
    for (path, text) in &files {
        write_own(path, text, systemd::MARK, say)?;
    }
    let Some(systemctl) = tool("systemctl") else {
        say(format!(
            "systemctl was not found, so the timer is not switched on yet; once it is available, run: {} && {}",
            shown("systemctl", steps[0]),
            shown("systemctl", steps[1])
        ));
        return Ok(false);
    };
    for args in steps {
        run(&systemctl, args, None).map_err(|why| {
            Error::Runtime(format!(
                "the timer files are written, but `{}` failed: {why}. Run it again once your user session is running",
                shown("systemctl", args)
            ))
        })?;
        say(format!("Ran: {}", shown("systemctl", args)));
    }
    Ok(true)
}

fn install_launchd(places: &Places, what: &Install<'_>, say: Say<'_>) -> Result<bool> {
    let path = places.launchd()?;
    let text = launchd::plist(what.job, &what.at);
    let path_text = path.display().to_string();
    if what.dry_run {
        would_write(&path, &text, say);
        say(format!("Would run: launchctl load -w {path_text}"));
        return Ok(false);
    }
    write_own(&path, &text, launchd::MARK, say)?;
    let Some(launchctl) = tool("launchctl") else {
        say(format!(
            "launchctl was not found, so the agent is not loaded yet; run: launchctl load -w {path_text}"
        ));
        return Ok(false);
    };
    // Loaded again so that a changed time takes effect.
    let _ = run(&launchctl, &["unload", &path_text], None);
    run(&launchctl, &["load", "-w", &path_text], None).map_err(|why| {
        Error::Runtime(format!(
            "the agent is written, but `launchctl load -w {path_text}` failed: {why}"
        ))
    })?;
    say(format!("Ran: launchctl load -w {path_text}"));
    Ok(true)
}

/// The crontab's text, "" when there is none.
fn read_crontab(crontab: &Path) -> Result<String> {
    match run(crontab, &["-l"], None) {
        Ok(text) => Ok(text),
        Err(why) if why.to_lowercase().contains("no crontab") => Ok(String::new()),
        Err(why) => Err(Error::Runtime(format!("cannot read your crontab: {why}"))),
    }
}

fn write_crontab(crontab: &Path, text: &str) -> Result<()> {
    let result = if text.trim().is_empty() {
        run(crontab, &["-r"], None)
    } else {
        run(crontab, &["-"], Some(text))
    };
    result
        .map(|_| ())
        .map_err(|why| Error::Runtime(format!("cannot write your crontab: {why}")))
}

fn install_cron(what: &Install<'_>, ask: Ask<'_>, say: Say<'_>) -> Result<bool> {
    let line = cron::line(what.job, &what.at);
    if what.dry_run {
        say("Would add this line to your crontab:".into());
        say(format!("  {line}"));
        return Ok(false);
    }
    say("This crontab line runs the reminder:".into());
    say(format!("  {line}"));
    let Some(crontab) = tool("crontab") else {
        say("crontab was not found: add the line to your scheduler by hand.".into());
        return Ok(false);
    };
    let current = read_crontab(&crontab)?;
    if current.lines().any(|l| l == line) {
        say("It is already in your crontab; nothing was changed.".into());
        return Ok(true);
    }
    if !ask("add this line to your crontab")? {
        say("Nothing was written. Add the line with `crontab -e`, or run `recap remind install --yes` to let recap add it.".into());
        return Ok(false);
    }
    write_crontab(&crontab, &cron::with_line(&current, &line))?;
    say("Added the line to your crontab.".into());
    Ok(true)
}

/// Says what is set up with each of `schedulers`; whether any is.
pub fn status(schedulers: &[Scheduler], places: &Places, say: Say<'_>) -> Result<bool> {
    let mut any = false;
    for s in schedulers {
        any |= match s {
            Scheduler::Systemd => status_systemd(places, say)?,
            Scheduler::Launchd => status_launchd(places, say)?,
            Scheduler::Cron => status_cron(say)?,
            Scheduler::TaskScheduler => {
                say(format!(
                    "Task Scheduler: run `{}` to see the reminder.",
                    windows::query()
                ));
                false
            }
        };
    }
    Ok(any)
}

fn status_systemd(places: &Places, say: Say<'_>) -> Result<bool> {
    let dir = places.systemd()?;
    let timer = dir.join(systemd::TIMER);
    let service = dir.join(systemd::SERVICE);
    if !is_own(&timer, systemd::MARK) && !is_own(&service, systemd::MARK) {
        return Ok(false);
    }
    let when = std::fs::read_to_string(&timer)
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("OnCalendar=").map(str::to_string))
        })
        .unwrap_or_else(|| "(no timer file)".into());
    say(format!("systemd user timer, OnCalendar={when}:"));
    for path in [&service, &timer] {
        let state = if is_own(path, systemd::MARK) {
            ""
        } else {
            " (missing)"
        };
        say(format!("  {}{state}", path.display()));
    }
    if let Some(systemctl) = tool("systemctl") {
        // `is-enabled` and `is-active` answer on standard output, with a
        // failing exit code for "disabled" and "inactive".
        let ask = |what: &str| {
            Command::new(&systemctl)
                .args(["--user", what, systemd::TIMER])
                .stdin(Stdio::null())
                .output()
                .map(|o| {
                    let out = String::from_utf8_lossy(&o.stdout).trim().to_string();
                    if out.is_empty() {
                        String::from_utf8_lossy(&o.stderr).trim().to_string()
                    } else {
                        out
                    }
                })
                .unwrap_or_else(|e| e.to_string())
        };
        say(format!(
            "  systemctl --user says: {}, {}",
            ask("is-enabled"),
            ask("is-active")
        ));
    }
    Ok(true)
}

fn status_launchd(places: &Places, say: Say<'_>) -> Result<bool> {
    let path = places.launchd()?;
    if !is_own(&path, launchd::MARK) {
        return Ok(false);
    }
    say("launchd agent:".into());
    say(format!("  {}", path.display()));
    Ok(true)
}

fn status_cron(say: Say<'_>) -> Result<bool> {
    let Some(crontab) = tool("crontab") else {
        return Ok(false);
    };
    let text = read_crontab(&crontab)?;
    let ours: Vec<&str> = text.lines().filter(|l| cron::is_ours(l)).collect();
    if ours.is_empty() {
        return Ok(false);
    }
    say("crontab line:".into());
    for l in ours {
        say(format!("  {l}"));
    }
    Ok(true)
}

/// Takes away what `install` set up with each of `schedulers`; whether
/// anything was there.
pub fn remove(
    schedulers: &[Scheduler],
    places: &Places,
    dry_run: bool,
    say: Say<'_>,
) -> Result<bool> {
    let mut any = false;
    for s in schedulers {
        any |= match s {
            Scheduler::Systemd => remove_systemd(places, dry_run, say)?,
            Scheduler::Launchd => remove_launchd(places, dry_run, say)?,
            Scheduler::Cron => remove_cron(dry_run, say)?,
            Scheduler::TaskScheduler => {
                say(format!(
                    "Task Scheduler: run `{}` in a Command Prompt to take the reminder away.",
                    windows::delete()
                ));
                false
            }
        };
    }
    Ok(any)
}

fn remove_systemd(places: &Places, dry_run: bool, say: Say<'_>) -> Result<bool> {
    let dir = places.systemd()?;
    let timer = dir.join(systemd::TIMER);
    let service = dir.join(systemd::SERVICE);
    let wants = dir.join("timers.target.wants");
    let link = wants.join(systemd::TIMER);
    let linked = link
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if !is_own(&timer, systemd::MARK) && !is_own(&service, systemd::MARK) && !linked {
        return Ok(false);
    }
    let systemctl = tool("systemctl");
    let disable: &[&str] = &["--user", "disable", "--now", systemd::TIMER];
    if dry_run {
        say(format!("Would run: {}", shown("systemctl", disable)));
    } else if let Some(systemctl) = &systemctl {
        match run(systemctl, disable, None) {
            Ok(_) => say(format!("Ran: {}", shown("systemctl", disable))),
            Err(why) => say(format!("`{}` said: {why}", shown("systemctl", disable))),
        }
    }
    remove_own(&timer, systemd::MARK, dry_run, say)?;
    remove_own(&service, systemd::MARK, dry_run, say)?;
    if link
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        if dry_run {
            say(format!("Would remove {}", link.display()));
        } else {
            std::fs::remove_file(&link)
                .map_err(|e| Error::Runtime(format!("cannot remove {}: {e}", link.display())))?;
            say(format!("Removed {}", link.display()));
        }
    }
    if !dry_run {
        // Folders made for these files go too, when nothing else is in them.
        let _ = std::fs::remove_dir(&wants);
        if let Some(base) = dir.parent().and_then(Path::parent) {
            remove_empty_dirs(dir, base);
        }
        if let Some(systemctl) = &systemctl {
            let _ = run(systemctl, &["--user", "daemon-reload"], None);
        }
    }
    Ok(true)
}

fn remove_launchd(places: &Places, dry_run: bool, say: Say<'_>) -> Result<bool> {
    let path = places.launchd()?;
    if !is_own(&path, launchd::MARK) {
        return Ok(false);
    }
    let path_text = path.display().to_string();
    if dry_run {
        say(format!("Would run: launchctl unload -w {path_text}"));
    } else if let Some(launchctl) = tool("launchctl") {
        let _ = run(&launchctl, &["unload", "-w", &path_text], None);
        say(format!("Ran: launchctl unload -w {path_text}"));
    }
    remove_own(&path, launchd::MARK, dry_run, say)?;
    if !dry_run
        && let (Some(dir), Some(base)) = (
            path.parent(),
            path.parent().and_then(Path::parent).and_then(Path::parent),
        )
    {
        remove_empty_dirs(dir, base);
    }
    Ok(true)
}

fn remove_cron(dry_run: bool, say: Say<'_>) -> Result<bool> {
    let Some(crontab) = tool("crontab") else {
        return Ok(false);
    };
    let text = read_crontab(&crontab)?;
    if !text.lines().any(cron::is_ours) {
        return Ok(false);
    }
    if dry_run {
        say("Would take recap's line out of your crontab.".into());
    } else {
        write_crontab(&crontab, &cron::without_line(&text))?;
        say("Took recap's line out of your crontab.".into());
    }
    Ok(true)
}
