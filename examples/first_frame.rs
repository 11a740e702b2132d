//! Whole-process figures for the full-screen app: the time from starting
//! `recap` to its first drawn frame, and its peak memory.
//!
//!     cargo build --release
//!     cargo run --release --example first_frame -- --db /tmp/recap-big.db --runs 10
//!     cargo run --release --example first_frame -- --db /tmp/recap-daily.db --trends --cols 80 --rows 24
//!     cargo run --release --example first_frame -- --db /tmp/recap-big.db --questionnaires 1000
//!
//! `--questionnaires N` writes N questionnaire files of the user's own
//! (copies of the weekly check-in under new ids, 6 kB each) into the config
//! folder and times the first frame with them; the first run parses them
//! all (and writes the cache), later runs read the cache. The same runs
//! without any user file come first, as the anchor of the same run.
//!
//! Each run starts the real release binary in a pseudo-terminal (120x40),
//! reads its output through a terminal emulator (vt100) and stops the clock
//! when the screen shows a whole frame (the header and the key bar). With
//! several profiles recap opens on the people picker; the run then presses
//! Enter to open the first person's home (check-in summaries) and times that
//! too. Peak memory is the process's high-water mark (VmHWM in
//! /proc/PID/status, Linux) at the end of the run. The database is only read.
//! On a busy machine the wall time includes waiting for a CPU; the time
//! recap spent on a CPU and waiting for one (from /proc/PID/task/*/schedstat)
//! are printed too.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Parser;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[derive(Parser)]
struct Args {
    /// The recap database to open.
    #[arg(long)]
    db: PathBuf,
    /// The recap binary (default: target/release/recap beside this example).
    #[arg(long)]
    bin: Option<PathBuf>,
    #[arg(long, default_value_t = 5)]
    runs: usize,
    #[arg(long, default_value_t = 120)]
    cols: u16,
    #[arg(long, default_value_t = 40)]
    rows: u16,
    /// Open the trends screen (`recap trends`) rather than the start screen:
    /// a long history's first frame.
    #[arg(long)]
    trends: bool,
    /// Write this many questionnaire files of the user's own first, and
    /// time the first frame with them too (after the same runs without).
    #[arg(long, default_value_t = 0)]
    questionnaires: usize,
}

/// A user questionnaire: the bundled weekly check-in under another id.
fn user_questionnaire(i: usize) -> String {
    include_str!("../questionnaires/samhsa-dimensions.toml")
        .replacen(
            "id = \"samhsa-dimensions\"",
            &format!("id = \"mine-{i:05}\""),
            1,
        )
        .replacen(
            "title = \"Weekly check-in: Health, Home, Purpose, Community\"",
            &format!("title = \"My check-in number {i}\""),
            1,
        )
}

fn write_questionnaires(config: &std::path::Path, n: usize) -> Result<(), String> {
    let dir = config.join("questionnaires");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for i in 0..n {
        let path = dir.join(format!("mine-{i:05}.toml"));
        std::fs::write(&path, user_questionnaire(i))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

struct Run {
    first_frame: Duration,
    /// Of that, time recap ran on a CPU and time it waited for one
    /// (/proc/PID/task/*/schedstat, Linux), read just after the first frame.
    on_cpu: Option<Duration>,
    waiting: Option<Duration>,
    /// Picker -> home of the first person (None when recap opened on home).
    open_home: Option<Duration>,
    peak_kb: Option<u64>,
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// (on a CPU, waiting for a CPU) summed over the process's threads.
fn schedstat(pid: u32) -> Option<(Duration, Duration)> {
    let mut on = 0u64;
    let mut wait = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let text = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().ok());
        on += fields.next()??;
        wait += fields.next()??;
    }
    Some((Duration::from_nanos(on), Duration::from_nanos(wait)))
}

fn one_run(args: &Args, bin: &PathBuf, config: &std::path::Path) -> Result<Run, String> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: args.rows,
            cols: args.cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| format!("open a pty: {e}"))?;
    let mut cmd = CommandBuilder::new(bin);
    if args.trends {
        cmd.arg("trends");
    }
    cmd.env("RECAP_DB", &args.db);
    cmd.env("RECAP_CONFIG_DIR", config);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;

    // The reader thread feeds the emulator and reports each screen it sees.
    let (tx, rx) = mpsc::channel::<(Instant, String)>();
    let rows = NonZeroU16::new(args.rows).ok_or("rows must be > 0")?;
    let cols = NonZeroU16::new(args.cols).ok_or("cols must be > 0")?;
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(rows, cols, 0);
        let mut buf = [0u8; 65536];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    parser.process(&buf[..n]);
                    let screen = parser.screen().contents();
                    if tx.send((Instant::now(), screen)).is_err() {
                        break;
                    }
                }
            }
        }
    });

    let start = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("start {}: {e}", bin.display()))?;
    drop(pair.slave);
    let pid = child.process_id().ok_or("no process id")?;
    let deadline = Duration::from_secs(60);
    let wait_for = |what: &str, ok: &dyn Fn(&str) -> bool| -> Result<(Instant, String), String> {
        let mut last = String::new();
        loop {
            match rx.recv_timeout(deadline) {
                Ok((at, screen)) => {
                    if ok(&screen) {
                        return Ok((at, screen));
                    }
                    last = screen;
                }
                Err(_) => return Err(format!("timed out waiting for {what}; screen:\n{last}")),
            }
        }
    };
    // The header and the key bar (at 80 columns the trends screen's ends
    // with help).
    let whole = |s: &str| s.contains("recap ·") && (s.contains("quit") || s.contains("? help"));
    let (first, mut shown) = wait_for("the first frame", &whole)?;
    let first_frame = first - start;
    let sched = schedstat(pid);
    // Let the frame finish arriving, then see which screen it is.
    std::thread::sleep(Duration::from_millis(50));
    while let Ok((_, s)) = rx.try_recv() {
        shown = s;
    }
    let open_home = if shown.contains("recap · people") {
        let pressed = Instant::now();
        writer.write_all(b"\r").map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
        let (home, _) = wait_for("the home screen", &|s: &str| s.contains("Last done"))?;
        Some(home - pressed)
    } else {
        None
    };
    std::thread::sleep(Duration::from_millis(100));
    let peak_kb = vm_hwm_kb(pid);
    let _ = child.kill();
    let _ = child.wait();
    Ok(Run {
        first_frame,
        on_cpu: sched.map(|s| s.0),
        waiting: sched.map(|s| s.1),
        open_home,
        peak_kb,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(name: &str, mut v: Vec<f64>, unit: &str) {
    if v.is_empty() {
        return;
    }
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    println!(
        "{name:<28} median {median:8.1} {unit}   min {:8.1}   max {:8.1}   ({} runs)",
        v[0],
        v[v.len() - 1],
        v.len()
    );
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.db.is_file() {
        eprintln!("first_frame: no database at {}", args.db.display());
        return ExitCode::from(2);
    }
    let bin = args.bin.clone().unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().and_then(|d| d.parent()).map(|d| d.join("recap")))
            .unwrap_or_else(|| PathBuf::from("target/release/recap"))
    });
    if !bin.is_file() {
        eprintln!(
            "first_frame: no recap binary at {}; run `cargo build --release` first",
            bin.display()
        );
        return ExitCode::from(2);
    }
    let config = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("first_frame: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.questionnaires > 0 {
        println!("anchor, no questionnaire files of the user's own:");
        if let Err(e) = series(&args, &bin, config.path()) {
            eprintln!("first_frame: {e}");
            return ExitCode::FAILURE;
        }
        if let Err(e) = write_questionnaires(config.path(), args.questionnaires) {
            eprintln!("first_frame: {e}");
            return ExitCode::FAILURE;
        }
        println!(
            "with {} questionnaire files of the user's own (run 1 parses them and writes the cache):",
            args.questionnaires
        );
    }
    match series(&args, &bin, config.path()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("first_frame: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `args.runs` runs with the given config folder, each printed, then the
/// medians.
fn series(args: &Args, bin: &PathBuf, config: &std::path::Path) -> Result<(), String> {
    let mut first = Vec::new();
    let mut cpu = Vec::new();
    let mut wait = Vec::new();
    let mut home = Vec::new();
    let mut peak = Vec::new();
    for i in 0..args.runs {
        let run = one_run(args, bin, config)?;
        println!(
            "run {:2}: first frame {:7.1} ms (on CPU {:>8}, waiting for a CPU {:>8})   picker -> home {:>9}   peak memory {:>8}",
            i + 1,
            ms(run.first_frame),
            run.on_cpu
                .map_or("-".to_string(), |d| format!("{:.1} ms", ms(d))),
            run.waiting
                .map_or("-".to_string(), |d| format!("{:.1} ms", ms(d))),
            run.open_home
                .map_or("-".to_string(), |d| format!("{:.1} ms", ms(d))),
            run.peak_kb
                .map_or("-".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0)),
        );
        first.push(ms(run.first_frame));
        cpu.extend(run.on_cpu.map(ms));
        wait.extend(run.waiting.map(ms));
        home.extend(run.open_home.map(ms));
        peak.extend(run.peak_kb.map(|k| k as f64 / 1024.0));
    }
    println!("{} at {}x{}:", args.db.display(), args.cols, args.rows);
    summary("start -> first frame", first, "ms");
    summary("  of which on a CPU", cpu, "ms");
    summary("  of which waiting for a CPU", wait, "ms");
    summary("picker -> first home", home, "ms");
    summary("peak memory (VmHWM)", peak, "MB");
    Ok(())
}
