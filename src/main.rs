//! The `recap` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;

fn main() {
    // Everything recap creates is private from the first byte.
    recap::files::restrict_umask();
    let cli = recap::cli::Cli::parse();
    if let Err(err) = recap::commands::run(cli) {
        if matches!(err, recap::error::Error::ClosedOutput) {
            return;
        }
        eprintln!("recap: {err}");
        std::process::exit(err.exit_code());
    }
}
