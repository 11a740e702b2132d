//! Questionnaire files run through the real `recap` binary: every fixture in
//! `tests/fixtures/valid` passes `recap questionnaires validate`, every
//! fixture in `tests/fixtures/invalid` fails with its file, exact position and
//! a readable reason, and the user's questionnaire folder is loaded by
//! `recap questionnaires list`.
//!
//! Every run gets its own temporary config folder and database path, so the
//! tests never read or write the real home folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures(kind: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(kind)
}

/// The `*.toml` files of a folder, sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// A sandbox: config folder, data folder and home all inside one temp dir.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn user_questionnaires(&self) -> PathBuf {
        let dir = self.config_dir().join("questionnaires");
        fs::create_dir_all(&dir).expect("create questionnaires dir");
        dir
    }

    /// `recap --db <temp>/recap.db ARGS` with RECAP_CONFIG_DIR and HOME in the sandbox.
    fn recap(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recap"));
        cmd.current_dir(root())
            .env("RECAP_CONFIG_DIR", self.config_dir())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env_remove("RECAP_DB")
            .arg("--db")
            .arg(self.dir.path().join("recap.db"))
            .args(args);
        cmd
    }
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: Command) -> Outcome {
    let out = cmd.output().expect("run recap");
    let o = Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !o.stdout.contains("panicked") && !o.stderr.contains("panicked"),
        "recap panicked:\n{}\n{}",
        o.stdout,
        o.stderr
    );
    o
}

fn validate(sandbox: &Sandbox, files: &[&Path]) -> Outcome {
    let mut args = vec!["questionnaires", "validate"];
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(files.iter().map(String::as_str));
    run(sandbox.recap(&args))
}

/// Each invalid fixture: the file, the exact `line:column` of its one
/// problem, and a phrase of the reason.
const INVALID: &[(&str, &str, &str)] = &[
    ("syntax-error.toml", "4:24", "invalid basic string"),
    ("unknown-key.toml", "4:1", "unknown field `titel`"),
    ("unknown-item-key.toml", "10:1", "unknown field `options`"),
    (
        "wrong-type.toml",
        "3:11",
        "invalid type: string \"one\", expected a whole number (0 or more)",
    ),
    ("missing-key.toml", "1:1", "missing field `title`"),
    ("missing-item-key.toml", "12:1", "missing field `text`"),
    ("empty.toml", "1:1", "the file is empty"),
    ("duplicate-item-id.toml", "13:6", "duplicate item id \"q1\""),
    ("duplicate-key.toml", "11:1", "duplicate key"),
    (
        "unknown-scale.toml",
        "16:9",
        "uses unknown scale \"agree5\" (defined scales: agree-5)",
    ),
    (
        "score-unknown-item.toml",
        "22:3",
        "uses unknown item \"q3\"",
    ),
    (
        "score-text-item.toml",
        "21:16",
        "a text item that cannot be scored",
    ),
    (
        "band-gap.toml",
        "27:1",
        "gap between band \"Few\" (ends at 4) and band \"Many\" (starts at 7); the next band should start at 5",
    ),
    (
        "band-overlap.toml",
        "27:1",
        "band \"Many\" starts at 4, overlapping band \"Few\" which ends at 5",
    ),
    (
        "band-not-covering.toml",
        "27:1",
        "the last band ends at 8 but the score ends at 10",
    ),
    ("band-without-source.toml", "19:1", "needs a source"),
    (
        "reverse-text.toml",
        "11:11",
        "reverse scoring needs a numeric item, but this is a text item",
    ),
    (
        "range-mismatch.toml",
        "40:9",
        "range [0, 18] does not match its items, which give [3, 18]",
    ),
    (
        "not-a-number.toml",
        "17:9",
        "range must be two finite numbers",
    ),
    (
        "safety-unknown-item.toml",
        "13:8",
        "safety rule names unknown item \"safe_home\"",
    ),
    (
        "safety-two-conditions.toml",
        "14:1",
        "exactly one of at_most, at_least or equals",
    ),
    (
        "bad-id.toml",
        "2:6",
        "questionnaire id \"My Check-in\" must be 1-64 characters",
    ),
    ("unknown-item-type.toml", "9:8", "unknown variant `slider`"),
    (
        "number-without-max.toml",
        "12:1",
        "item \"hours\" is a number item and needs both min and max",
    ),
    (
        "choice-without-scale.toml",
        "13:1",
        "is a choice item but names no scale",
    ),
    (
        "unknown-domain.toml",
        "14:22",
        "names unknown domain \"home\"",
    ),
    (
        "change-incomplete.toml",
        "21:1",
        "change needs either reliability (0 to below 1) and sd (above 0), or mdc",
    ),
    (
        "max-missing-too-large.toml",
        "23:15",
        "max_missing must be less than the number of items (2)",
    ),
    ("no-items.toml", "6:9", "needs at least one item"),
    ("empty-scale.toml", "8:11", "scale \"none\" has no options"),
];

#[test]
fn every_invalid_fixture_has_an_expectation() {
    let on_disk: BTreeSet<String> = toml_files(&fixtures("invalid"))
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = INVALID.iter().map(|(f, _, _)| f.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "tests/fixtures/invalid and the INVALID table must list the same files"
    );
}

#[test]
fn each_invalid_file_fails_with_its_position_and_reason() {
    let sandbox = Sandbox::new();
    for (name, position, phrase) in INVALID {
        let path = fixtures("invalid").join(name);
        let out = validate(&sandbox, &[&path]);
        assert_eq!(out.code, Some(2), "{name}: exit code\n{}", out.stderr);
        let expected = format!("{}:{position}: ", path.display());
        assert!(
            out.stderr.contains(&expected),
            "{name}: expected {expected:?} in stderr:\n{}",
            out.stderr
        );
        // Each fixture has exactly one mistake: one line, no follow-on errors.
        assert_eq!(
            out.stderr.lines().count(),
            1,
            "{name}: expected exactly one problem:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(phrase),
            "{name}: expected {phrase:?} in stderr:\n{}",
            out.stderr
        );
        assert!(
            !out.stdout.contains("ok:"),
            "{name}: must not be reported ok:\n{}",
            out.stdout
        );
    }
}

#[test]
fn every_valid_fixture_validates() {
    let sandbox = Sandbox::new();
    let files = toml_files(&fixtures("valid"));
    assert!(files.len() >= 5, "expected several valid fixtures");
    for path in &files {
        let out = validate(&sandbox, &[path]);
        assert_eq!(
            out.code,
            Some(0),
            "{} should be valid:\n{}",
            path.display(),
            out.stderr
        );
        assert!(
            out.stdout.contains(&format!("ok: {}", path.display())),
            "{}",
            out.stdout
        );
        assert!(out.stderr.is_empty(), "{}", out.stderr);
    }
}

#[test]
fn the_bundled_questionnaires_validate() {
    let sandbox = Sandbox::new();
    let files = toml_files(&root().join("questionnaires"));
    assert!(!files.is_empty());
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let out = validate(&sandbox, &refs);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for f in &files {
        assert!(
            out.stdout.contains(&format!("ok: {}", f.display())),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn every_problem_of_every_file_is_reported() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let several = dir.join("several.toml");
    fs::write(
        &several,
        r#"id = "several"
version = 0
title = "Several problems"
kind = "reflective"

[[items]]
id = "q1"
type = "choice"
scale = "nope"
text = "One"

[[items]]
id = "q1"
type = "yes_no"
text = "Two"

[[scores]]
id = "total"
label = "Total"
method = "sum"
items = ["q1", "q9"]
range = [0, 1]
"#,
    )
    .expect("write");
    let good = fixtures("valid").join("minimal.toml");
    let other_bad = fixtures("invalid").join("unknown-key.toml");
    let out = validate(&sandbox, &[&several, &good, &other_bad]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stdout.contains(&format!("ok: {}", good.display())));
    let s = several.display().to_string();
    let expected = [
        format!("{s}:2:11: version must be 1 or more"),
        format!("{s}:9:9: item \"q1\" uses unknown scale \"nope\""),
        format!("{s}:13:6: duplicate item id \"q1\""),
        format!("{s}:21:16: score \"total\" uses unknown item \"q9\""),
        format!("{}:4:1: unknown field `titel`", other_bad.display()),
    ];
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", out.stderr);
    for (line, want) in lines.iter().zip(&expected) {
        assert!(
            line.contains(want.as_str()),
            "{line:?} should contain {want:?}"
        );
    }
}

#[test]
fn non_utf8_files_are_reported_at_the_first_bad_byte() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    // "Café" saved as Latin-1: the é (0xE9) is line 3, column 13.
    let latin1 = dir.join("latin1.toml");
    fs::write(
        &latin1,
        b"id = \"latin\"\nversion = 1\ntitle = \"Caf\xe9\"\nkind = \"reflective\"\n",
    )
    .expect("write");
    // UTF-16 with a byte order mark, as some editors save "Unicode" text.
    let utf16 = dir.join("utf16.toml");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "id = \"x\"\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    fs::write(&utf16, bytes).expect("write");

    let out = validate(&sandbox, &[&latin1]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains(&format!("{}:3:13: ", latin1.display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("not valid UTF-8"), "{}", out.stderr);

    let out = validate(&sandbox, &[&utf16]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains(&format!("{}:1:1: ", utf16.display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("save it as UTF-8"), "{}", out.stderr);
}

#[test]
fn a_missing_file_is_an_input_error() {
    let sandbox = Sandbox::new();
    let missing = sandbox.dir.path().join("does-not-exist.toml");
    let out = validate(&sandbox, &[&missing]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains(&missing.display().to_string()),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("cannot read the file"),
        "{}",
        out.stderr
    );
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.recap(&["questionnaires", "validate"]));
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("FILES"), "{}", out.stderr);
}

/// The `list` line for an id (the id is the first column).
fn list_line<'a>(stdout: &'a str, id: &str) -> Option<&'a str> {
    stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(id))
}

#[test]
fn list_loads_user_files_replacements_and_reports_bad_ones() {
    let sandbox = Sandbox::new();
    let dir = sandbox.user_questionnaires();

    let good = dir.join("example.toml");
    fs::copy(fixtures("valid").join("example-full.toml"), &good).expect("copy");

    let bad = dir.join("broken.toml");
    fs::copy(fixtures("invalid").join("band-gap.toml"), &bad).expect("copy");

    let who5 = fs::read_to_string(root().join("questionnaires").join("who-5.toml")).expect("read");
    assert!(who5.contains("\nversion = 3\n"));
    let replacement = dir.join("who-5-local.toml");
    fs::write(
        &replacement,
        who5.replacen("\nversion = 3\n", "\nversion = 4\n", 1)
            .replacen(
                "short_title = \"WHO-5\"",
                "short_title = \"WHO-5 local\"",
                1,
            ),
    )
    .expect("write");

    // Not a questionnaire file: ignored.
    fs::write(dir.join("notes.txt"), "not toml").expect("write");

    let out = run(sandbox.recap(&["questionnaires", "list"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);

    let line = list_line(&out.stdout, "example-weekly")
        .unwrap_or_else(|| panic!("user questionnaire missing from list:\n{}", out.stdout));
    assert!(
        line.ends_with(&good.display().to_string()),
        "source should be the user file: {line:?}"
    );

    let line = list_line(&out.stdout, "who-5")
        .unwrap_or_else(|| panic!("who-5 missing from list:\n{}", out.stdout));
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cols[1], "4", "the replacement's version: {line:?}");
    assert!(line.contains("WHO-5 local"), "{line:?}");
    assert!(
        line.ends_with(&replacement.display().to_string()),
        "source should be the replacement file: {line:?}"
    );
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.split_whitespace().next() == Some("who-5"))
            .count(),
        1,
        "who-5 must be listed once:\n{}",
        out.stdout
    );

    // The other bundled questionnaires are still there.
    for id in ["samhsa-dimensions", "barc-10"] {
        let line = list_line(&out.stdout, id)
            .unwrap_or_else(|| panic!("{id} missing from list:\n{}", out.stdout));
        assert!(line.ends_with("bundled"), "{line:?}");
    }
    assert!(list_line(&out.stdout, "band-gap").is_none());

    assert!(
        out.stderr.contains(&format!("{}:27:1: ", bad.display())),
        "the bad file should be reported with its position:\n{}",
        out.stderr
    );
    assert!(out.stderr.contains("gap between band"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);

    // `show` uses the replacement too.
    let out = run(sandbox.recap(&["questionnaires", "show", "who-5"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("(who-5 version 4)"), "{}", out.stdout);
}

#[test]
fn a_user_file_with_a_bundled_id_but_no_higher_version_is_skipped() {
    let sandbox = Sandbox::new();
    let dir = sandbox.user_questionnaires();
    let same = dir.join("barc-copy.toml");
    fs::copy(root().join("questionnaires").join("barc-10.toml"), &same).expect("copy");

    let out = run(sandbox.recap(&["questionnaires", "list"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let line = list_line(&out.stdout, "barc-10").expect("barc-10 listed");
    assert!(line.ends_with("bundled"), "{line:?}");
    assert!(
        out.stderr.contains(&format!("{}:1:1: ", same.display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("higher version"), "{}", out.stderr);
}

#[test]
fn paths_shows_the_user_questionnaire_folder() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.recap(&["paths"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let expected = sandbox.config_dir().join("questionnaires");
    assert!(
        out.stdout.contains(&expected.display().to_string()),
        "{}",
        out.stdout
    );
}
/// The worked example in questionnaires/README.md is the valid fixture
/// `example-full.toml`, character for character, so the documentation's
/// example is validated by `every_valid_fixture_validates`.
#[test]
fn the_readme_example_is_the_validated_fixture() {
    let readme = fs::read_to_string(root().join("questionnaires").join("README.md"))
        .expect("questionnaires/README.md");
    let example = fs::read_to_string(fixtures("valid").join("example-full.toml")).expect("example");
    let marker = "<!-- example-full.toml -->\n```toml\n";
    let start = readme
        .find(marker)
        .expect("README marks the worked example with <!-- example-full.toml -->")
        + marker.len();
    let len = readme[start..]
        .find("\n```\n")
        .expect("the example's code block ends")
        + 1;
    assert_eq!(
        &readme[start..start + len],
        example,
        "questionnaires/README.md and tests/fixtures/valid/example-full.toml differ"
    );
}

/// TOML accepts `nan` and `inf`; every number in a questionnaire must be
/// finite, wherever it appears.
#[test]
fn non_finite_numbers_are_rejected_everywhere() {
    use recap::instrument::load::parse_str;
    let base = r#"id = "finite"
version = 1
title = "Finite"
kind = "reflective"

[[items]]
id = "n"
type = "number"
min = 0
max = 10
text = "N"

[[scores]]
id = "total"
label = "Total"
method = "sum"
items = ["n"]
range = [0, 10]
"#;
    assert!(parse_str("finite.toml", base).is_ok());
    let cases = [
        ("range = [0, 10]\n", "range = [0, inf]\n", 18),
        ("range = [0, 10]\n", "range = [0, 10]\nmultiply = nan\n", 13),
        ("range = [0, 10]\n", "range = [0, 10]\nadd = -inf\n", 13),
        (
            "range = [0, 10]\n",
            "range = [0, 10]\n[[scores.bands]]\nmin = 0\nmax = nan\nlabel = \"All\"\nsource = \"x\"\n",
            19,
        ),
        (
            "range = [0, 10]\n",
            "range = [0, 10]\n[scores.change]\nmdc = inf\nsource = \"x\"\n",
            19,
        ),
        (
            "range = [0, 10]\n",
            "range = [0, 10]\n[scores.change]\nreliability = 0.8\nsd = inf\nsource = \"x\"\n",
            19,
        ),
        (
            "range = [0, 10]\n",
            "range = [0, 10]\n[[safety]]\nitem = \"n\"\nat_least = nan\nmessage = \"m\"\n",
            19,
        ),
    ];
    for (from, to, line) in cases {
        let text = base.replacen(from, to, 1);
        let errors = parse_str("finite.toml", &text)
            .err()
            .unwrap_or_else(|| panic!("should be rejected:\n{text}"));
        assert_eq!(errors.len(), 1, "{to:?}: {errors:?}");
        assert_eq!(errors[0].line, line, "{to:?}: {errors:?}");
        assert!(
            errors[0].message.contains("not nan or inf"),
            "{to:?}: {errors:?}"
        );
    }
}
