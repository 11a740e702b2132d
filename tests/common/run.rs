//! Runs `recap ARGS` to completion with the same data and config folder as
//! `pty::Pty::spawn`, for setting up or reading back what a pty test did.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// `recap ARGS` with its data in `dir`; panics with stderr unless it
/// succeeds, and returns stdout.
pub fn recap(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(args)
        .env("RECAP_DB", dir.join("recap.db"))
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir)
        .env_remove("RECAP_PASSPHRASE_FILE")
        .env_remove("NO_COLOR")
        .output()
        .expect("run recap");
    assert!(
        out.status.success(),
        "recap {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
