//! The README speaks of commands and flags that exist: every `recap ...`
//! line in its examples names a real subcommand (and sub-subcommand), and
//! each flag it uses is in that command's help.

use assert_cmd::Command;

fn help(args: &[&str]) -> String {
    let out = Command::cargo_bin("recap")
        .expect("binary")
        .args(args)
        .arg("--help")
        .output()
        .expect("run");
    assert!(out.status.success(), "recap {args:?} --help failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words after "recap" on example lines (code blocks and inline code).
fn examples(readme: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in readme.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("recap ") {
            let before = &rest[..at];
            rest = &rest[at + "recap ".len()..];
            // Only where a command starts: a code block or an inline `...`.
            let starts =
                line.starts_with("    ") && before.trim().is_empty() || before.ends_with('`');
            if !starts {
                continue;
            }
            let end = rest.find(['`', '#']).unwrap_or(rest.len());
            let words = rest[..end]
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>();
            found.push(words);
        }
    }
    found
}

/// Flags that take no value (others take the next word).
const SWITCHES: &[&str] = &[
    "--plain",
    "--no-color",
    "--json",
    "--dry-run",
    "--force",
    "--scores",
    "--yes",
    "--all",
];

#[test]
fn every_command_and_flag_in_the_readme_exists() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let mut checked = 0;
    for words in examples(&readme) {
        let mut path: Vec<&str> = Vec::new();
        let mut text = help(&[]);
        // A flag's value follows it; a quoted one may hold spaces.
        let mut value = false;
        let mut quoted = false;
        for w in &words {
            if quoted {
                quoted = !w.ends_with('"');
                continue;
            }
            if value {
                value = false;
                quoted = w.starts_with('"') && !(w.len() > 1 && w.ends_with('"'));
                continue;
            }
            if w.starts_with("--") {
                let flag = w.split('=').next().unwrap_or(w);
                assert!(
                    text.contains(flag),
                    "recap {}: {flag} is not an option here\n{text}",
                    words.join(" ")
                );
                value = !SWITCHES.contains(&flag) && !w.contains('=');
                continue;
            }
            // Where a command has subcommands, the next word must be one;
            // elsewhere it is an argument.
            if !text.contains("\nCommands:") {
                continue;
            }
            assert!(
                text.contains(&format!("\n  {w} ")),
                "recap {}: {w:?} is not a command of `recap {}`",
                words.join(" "),
                path.join(" ")
            );
            path.push(w);
            text = help(&path);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} commands found in the README");
}

#[test]
fn the_readme_says_how_to_install_and_keeps_its_first_lines() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let first: Vec<&str> = readme.lines().take(10).collect();
    assert!(first.contains(&"    cargo run --release"));
    assert!(first.contains(&"    cargo test"));
    assert!(readme.contains("    cargo install --path ."));
    // Usage comes before the long reference sections.
    let pos = |s: &str| readme.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(pos("## First check-in") < pos("## Your data"));
    assert!(pos("## Your data") < pos("## Performance"));
}
