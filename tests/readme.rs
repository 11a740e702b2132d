//! The README speaks of commands, flags and keys that exist: every `recap
//! ...` line in its examples names a real subcommand (and sub-subcommand),
//! each flag it uses is in that command's help, and every key in its key
//! tables is bound on that screen (`recap::tui::tables`). It opens by saying
//! what recap is, then how to build, run and test it.

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
    // One sentence saying what recap is, right under the title.
    assert_eq!(first[0], "# recap");
    let what = first[1];
    assert!(what.starts_with("recap is "), "{what}");
    assert!(
        what.ends_with('.') && what.matches(". ").count() == 0,
        "one sentence: {what}"
    );
    assert!(first.contains(&"    cargo run --release"));
    assert!(first.contains(&"    cargo test"));
    assert!(readme.contains("    cargo install --path ."));
    // Usage comes before the long reference sections.
    let pos = |s: &str| readme.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(pos("## First check-in") < pos("## Your data"));
    assert!(pos("## Your data") < pos("## Performance"));
}

/// The README's key tables: the screen each row is about, its key cell, and
/// whether the cell holds keys only (then a lone letter is a key too).
/// "| key | what it does |" lists the keys of every screen, "| screen | keys
/// |" one row a screen, "| key | does |" those of the section it is in.
fn key_cells(readme: &str) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut table: Option<&str> = None;
    for line in readme.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.to_lowercase();
        }
        if !line.starts_with('|') {
            table = None;
            continue;
        }
        let cells: Vec<&str> = line
            .split(" | ")
            .map(|c| c.trim_matches(['|', ' ']))
            .collect();
        match (table, cells.as_slice()) {
            (None, ["key", "what it does"]) => table = Some("everywhere"),
            (None, ["screen", "keys"]) => table = Some("screens"),
            (None, ["key", "does"]) => table = Some("section"),
            (None, _) => table = Some("other"),
            (Some(_), [first, ..]) if first.starts_with("---") => {}
            (Some("everywhere"), [key, _]) => {
                out.push(("everywhere".into(), key.to_string(), true))
            }
            (Some("screens"), [screen, keys]) => {
                out.push((screen.to_string(), keys.to_string(), false))
            }
            (Some("section"), [key, _]) => out.push((section.clone(), key.to_string(), true)),
            _ => {}
        }
    }
    out
}

/// The binding table a README row is about ("people (finding)" -> people).
fn table_of(screen: &str) -> Option<&'static str> {
    let table = match screen {
        "everywhere" => "everywhere",
        "home" => "home",
        "a question" => "check-in",
        "review" => "review",
        "results" => "results",
        "notes" => "notes",
        s if s.starts_with("people") => "people",
        "caseload" => "caseload",
        s if s.contains("network") => "network",
        s if s.contains("plan") => "plan",
        // "see [Trends](#trends)": no keys in the row.
        "trends" => return None,
        other => panic!("a key table about {other:?}: name its binding table here"),
    };
    Some(table)
}

/// The keys a cell names: `x` in backticks, named keys (Enter, Esc, Tab,
/// Shift-Tab, Space, Backspace, Delete, PgUp, PgDn, Home, End, F1..F12,
/// Ctrl-X), arrows, "j k" and the number keys.
fn keys_in(cell: &str, key_only: bool) -> Vec<String> {
    const NAMED: &[&str] = &[
        "Shift-Tab",
        "Enter",
        "Esc",
        "Tab",
        "Space",
        "Backspace",
        "Delete",
        "PgUp",
        "PgDn",
        "Home",
        "End",
    ];
    let mut keys = Vec::new();
    for (i, part) in cell.split('`').enumerate() {
        if i % 2 == 1 {
            // In backticks: a key when it is one character.
            if part.chars().count() == 1 {
                keys.push(part.to_string());
            }
            continue;
        }
        for word in part.split(|c: char| c.is_whitespace() || ",;()".contains(c)) {
            let word = word.trim_end_matches(['.', ':']);
            let function = word.len() > 1
                && word.starts_with('F')
                && word[1..].chars().all(|c| c.is_ascii_digit());
            let letter = word == "j" || word == "k" || key_only && word.chars().count() == 1;
            if NAMED.contains(&word) || function || word.starts_with("Ctrl-") || letter {
                keys.push(word.to_string());
            } else {
                keys.extend(
                    word.chars()
                        .filter(|c| "↑↓←→".contains(*c))
                        .map(String::from),
                );
            }
        }
        if part.contains("number keys") {
            keys.extend((1..=5).map(|d| d.to_string()));
        }
    }
    keys
}

#[test]
fn every_key_in_the_readme_key_tables_is_bound_on_its_screen() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let everywhere = recap::tui::tables::key_names("everywhere");
    let mut checked = 0;
    for (screen, cell, key_only) in key_cells(&readme) {
        let Some(table) = table_of(&screen) else {
            continue;
        };
        let bound = recap::tui::tables::key_names(table);
        for key in keys_in(&cell, key_only) {
            assert!(
                bound.contains(&key) || everywhere.contains(&key),
                "README, {screen}: {key:?} is in no binding of the {table} screen ({cell})"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 80,
        "only {checked} keys found in the README's tables"
    );
    // Home lists every key of its own bar.
    let home = key_cells(&readme)
        .into_iter()
        .find(|(s, _, _)| s == "home")
        .expect("home row")
        .1;
    for key in ["m", "g", "r", "t", "n", "p"] {
        assert!(
            keys_in(&home, false).contains(&key.to_string()),
            "{key}: {home}"
        );
    }
}
