//! The `recap` binary: parse arguments, run, map errors to exit codes. Every
//! message goes out through `termtext`, so nothing typed or read can put a
//! control character on the terminal.

use clap::Parser;

fn main() {
    // Everything recap creates is private from the first byte.
    recap::files::restrict_umask();
    let cli = match recap::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => usage(err),
    };
    let result = recap::commands::run(cli);
    // A signal during a backup, export or report (`files::interrupt`): the
    // unfinished file is gone by now; end as the signal asked.
    if let Some(signal) = recap::files::interrupt::received() {
        if result.is_err() {
            recap::termtext::eprint_line(&format!("recap: {}", recap::files::STOPPED));
        }
        std::process::exit(128 + signal);
    }
    if let Err(err) = result {
        if matches!(err, recap::error::Error::ClosedOutput) {
            return;
        }
        recap::termtext::eprint_line(&format!("recap: {err}"));
        std::process::exit(err.exit_code());
    }
}

/// Help, version or a usage error from clap. Clap quotes what was typed; when
/// that holds a character a terminal could act on, the message is printed
/// cleaned (and without colour) instead.
fn usage(err: clap::Error) -> ! {
    let plain = err.render().to_string();
    if !plain.chars().any(recap::termtext::is_unsafe_in_text) {
        err.exit();
    }
    use std::io::Write as _;
    let cleaned = recap::termtext::clean(&plain);
    // A closed stream is no reason to panic here.
    let _ = if err.use_stderr() {
        std::io::stderr().write_all(cleaned.as_bytes())
    } else {
        std::io::stdout().write_all(cleaned.as_bytes())
    };
    std::process::exit(err.exit_code());
}
