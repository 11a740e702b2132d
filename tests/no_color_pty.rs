//! Colour on or off in the real binary: colours by default, none at all
//! with `--no-color` or a non-empty NO_COLOR (an empty NO_COLOR counts as
//! unset, as no-color.org says), on home and inside a check-in; the exit
//! code is 0 either way.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

mod common;

use common::pty::Pty;

/// Home, then question 1 of BARC-10 with an answer highlighted: whether
/// either screen had any colour.
fn coloured(args: &[&str], env: &[(&str, &str)]) -> (bool, bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(dir.path(), args, 80, 24, env);
    p.wait_for("Choose a check-in");
    let home = p.has_colour();
    p.open_barc();
    p.send("j");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let question = p.has_colour();
    p.send("\x03");
    assert_eq!(p.wait_exit(), Some(0), "{args:?} {env:?}");
    (home, question)
}

#[test]
fn colours_by_default_and_none_with_no_color_or_the_flag() {
    assert_eq!(coloured(&[], &[]), (true, true));
    assert_eq!(coloured(&[], &[("NO_COLOR", "")]), (true, true));
    assert_eq!(coloured(&[], &[("NO_COLOR", "1")]), (false, false));
    assert_eq!(coloured(&["--no-color"], &[]), (false, false));
}
