//! Runs the real `recap` binary in a pseudo-terminal and reads its screen
//! through a vt100 parser, waiting on contents with deadlines.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    // Keep the master open for the reader thread.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Spawns `recap ARGS` at `cols` x `rows` with its data and config in `dir`.
    pub fn spawn(dir: &Path, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::spawn_program(env!("CARGO_BIN_EXE_recap"), dir, args, cols, rows, env)
    }

    /// Spawns `PROGRAM ARGS` (e.g. a shell that then runs recap) with the
    /// same environment as `spawn`.
    pub fn spawn_program(
        program: &str,
        dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("RECAP_DB", dir.join("recap.db"));
        cmd.env("RECAP_CONFIG_DIR", dir.join("config"));
        cmd.env("HOME", dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn recap");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed.lock().expect("parser").process(&buf[..n]),
                }
            }
        });
        Pty {
            child,
            writer,
            parser,
            _master: pair.master,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .expect("parser")
            .screen()
            .alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().expect("parser").screen().hide_cursor()
    }

    /// The terminal's settings as `stty -a` prints them (Unix).
    pub fn stty(&self) -> String {
        let name = self._master.tty_name().expect("the pty's name");
        let out = std::process::Command::new("stty")
            .arg("-F")
            .arg(&name)
            .arg("-a")
            .output()
            .expect("run stty");
        assert!(
            out.status.success(),
            "stty -F {}: {}",
            name.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// True when the terminal is in line mode, as a shell expects it:
    /// lines edited before they are read (`icanon`) and keys echoed
    /// (`echo`). Raw mode turns both off.
    pub fn line_mode(&self) -> bool {
        let stty = self.stty();
        let flags: Vec<&str> = stty.split_whitespace().collect();
        flags.contains(&"icanon") && flags.contains(&"echo")
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Waits until the screen contains `text`; panics with the screen on timeout.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("screen to show {text:?}"), |s| s.contains(text));
    }

    pub fn wait_until(&self, what: &str, mut ok: impl FnMut(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a key and waits for the screen to show `text`.
    pub fn key_then(&mut self, key: &str, text: &str) {
        self.send(key);
        self.wait_for(text);
    }

    /// From home: selects BARC-10 (the second row) and begins (one person
    /// who never checked in with a counselor is not asked about one),
    /// leaving the screen on question 1 of 10.
    pub fn open_barc(&mut self) {
        self.wait_for("Choose a check-in");
        self.send("j");
        self.wait_until("BARC-10 row selected", |s| {
            s.lines().any(|l| l.contains('›') && l.contains("BARC-10"))
        });
        self.key_then("\r", "Press Enter to begin");
        self.key_then("\r", "1 of 10");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill {signal} failed");
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits for the process to end; returns its exit code (None if killed
    /// by a signal it did not handle, e.g. SIGKILL).
    #[must_use]
    pub fn wait_exit(&mut self) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return match status.signal() {
                    Some(_) => None,
                    None => Some(status.exit_code()),
                };
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("recap did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

impl Pty {
    /// Whether any cell on screen has a foreground or background colour.
    pub fn has_colour(&self) -> bool {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|r| {
            (0..cols.get()).any(|c| {
                screen.cell(r, c).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    }
}
