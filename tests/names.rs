//! Look-alike profile names, through the real `recap` binary and the store:
//! names are NFC-normalised when added, renamed or imported; a name that
//! differs from an existing one only by case, invisible characters, bidi
//! marks or confusable letters is refused (exit 2) naming the existing
//! profile; control characters and names over 80 characters are refused.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("recap.db")
    }

    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_recap"))
            .current_dir(self.dir.path())
            .env("RECAP_CONFIG_DIR", self.dir.path().join("config"))
            .env("HOME", self.dir.path())
            .env_remove("RECAP_DB")
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db(), args)
    }

    fn names(&self) -> Vec<String> {
        let out = self.run(&["profiles", "list", "--all"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .map(|l| l.split("  (added").next().unwrap().to_string())
            .collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(!err.contains('\x1b'), "{err}");
    err
}

#[test]
fn look_alikes_of_an_existing_profile_are_refused_naming_it() {
    let sandbox = Sandbox::new();
    let add = sandbox.run(&["profiles", "add", "Alice"]);
    assert_eq!(add.status.code(), Some(0), "{}", text(&add.stderr));
    for look_alike in [
        "\u{410}lice",   // Cyrillic capital A
        "Al\u{456}ce",   // Cyrillic small i
        "Ali\u{441}e",   // Cyrillic small es
        "Al\u{200B}ice", // zero-width space
        "Alice\u{FE0F}", // variation selector
        "A\u{2060}lice", // word joiner
        "Al\u{AD}ice",   // soft hyphen
        "AIice",         // capital I for small l
    ] {
        let err = refused(&sandbox.run(&["profiles", "add", look_alike]));
        assert!(
            err.contains("would look like the existing profile \"Alice\""),
            "{look_alike:?}: {err}"
        );
    }
    for same in ["alice", "ALICE", "  Alice  "] {
        let err = refused(&sandbox.run(&["profiles", "add", same]));
        assert!(
            err.contains("a profile named \"Alice\" already exists"),
            "{same:?}: {err}"
        );
    }
    // Bidi marks are refused outright.
    let err = refused(&sandbox.run(&["profiles", "add", "Alice\u{200F}"]));
    assert!(err.contains("bidi") && err.contains("U+200F"), "{err}");
    assert_eq!(sandbox.names(), vec!["Alice"]);

    // A clearly different name is fine.
    let add = sandbox.run(&["profiles", "add", "Alicia"]);
    assert_eq!(add.status.code(), Some(0), "{}", text(&add.stderr));
}

#[test]
fn renaming_to_a_look_alike_is_refused_but_ones_own_case_may_change() {
    let sandbox = Sandbox::new();
    for name in ["Alice", "Bob"] {
        assert_eq!(
            sandbox.run(&["profiles", "add", name]).status.code(),
            Some(0)
        );
    }
    let err = refused(&sandbox.run(&["profiles", "rename", "Bob", "\u{410}lice"]));
    assert!(err.contains("\"Alice\""), "{err}");
    let own = sandbox.run(&["profiles", "rename", "Alice", "ALICE"]);
    assert_eq!(own.status.code(), Some(0), "{}", text(&own.stderr));
    assert_eq!(sandbox.names(), vec!["ALICE", "Bob"]);
}

#[test]
fn names_are_stored_in_nfc_and_found_in_either_form() {
    let sandbox = Sandbox::new();
    let decomposed = "Ame\u{301}lie";
    let composed = "Am\u{e9}lie";
    let add = sandbox.run(&["profiles", "add", decomposed]);
    assert_eq!(add.status.code(), Some(0), "{}", text(&add.stderr));
    assert_eq!(sandbox.names(), vec![composed]);
    let err = refused(&sandbox.run(&["profiles", "add", composed]));
    assert!(err.contains("already exists"), "{err}");
    for form in [decomposed, composed] {
        let out = sandbox.run(&["--profile", form, "trends", "--plain"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{form:?}: {}",
            text(&out.stderr)
        );
    }
    // Renaming normalises too.
    let out = sandbox.run(&["profiles", "rename", composed, "Zoe\u{308}"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(sandbox.names(), vec!["Zo\u{eb}"]);
}

#[test]
fn control_characters_long_and_invisible_names_are_refused() {
    let sandbox = Sandbox::new();
    let err = refused(&sandbox.run(&["profiles", "add", "Sam\x1b]0;title\x07"]));
    assert!(err.contains("control characters"), "{err}");
    let err = refused(&sandbox.run(&["profiles", "add", "Sam\u{9b}2J"]));
    assert!(err.contains("U+009B"), "{err}");
    refused(&sandbox.run(&["profiles", "add", "two\nlines"]));
    let err = refused(&sandbox.run(&["profiles", "add", &"x".repeat(81)]));
    assert!(err.contains("80 characters"), "{err}");
    let err = refused(&sandbox.run(&["profiles", "add", "\u{200B}\u{2060}"]));
    assert!(err.contains("visible"), "{err}");
    let ok = sandbox.run(&["profiles", "add", &"\u{e9}".repeat(80)]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
}

#[test]
fn the_store_applies_the_same_policy_for_the_full_screen_app() {
    // The full-screen app's add and rename call these same store functions.
    let sandbox = Sandbox::new();
    let store = recap::store::Store::open(&sandbox.db()).unwrap();
    let now = chrono::Utc::now();
    store.add_profile("Ana", now).unwrap();
    let err = store.add_profile("\u{410}na", now).unwrap_err().to_string();
    assert!(err.contains("\"Ana\""), "{err}");
    let ben = store.add_profile("Ben", now).unwrap();
    assert!(store.rename_profile("Ben", "An\u{200B}a").is_err());
    let renamed = store.rename_profile("Ben", "Be\u{301}n").unwrap();
    assert_eq!(renamed.id, ben.id);
    assert_eq!(renamed.name, "B\u{e9}n");
}

#[test]
fn imported_names_are_normalised_and_look_alikes_get_a_suffix() {
    let sandbox = Sandbox::new();
    let source = sandbox.dir.path().join("source.db");
    let add = sandbox.run_on(&source, &["profiles", "add", "Amelie"]);
    assert_eq!(add.status.code(), Some(0));
    let add = sandbox.run_on(&source, &["profiles", "add", "\u{410}na"]);
    assert_eq!(add.status.code(), Some(0));
    let export = sandbox.run_on(&source, &["export", "--format", "json"]);
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    // The file names the first profile in decomposed form.
    let json = text(&export.stdout).replace("\"Amelie\"", "\"Ame\\u0301lie\"");
    let file = sandbox.dir.path().join("dump.json");
    std::fs::write(&file, json).unwrap();

    assert_eq!(
        sandbox.run(&["profiles", "add", "Ana"]).status.code(),
        Some(0)
    );
    let import = sandbox.run(&["import", file.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(0), "{}", text(&import.stderr));
    let mut names = sandbox.names();
    names.sort();
    assert_eq!(
        names,
        vec![
            "Am\u{e9}lie".to_string(),
            "Ana".to_string(),
            "\u{410}na (imported)".to_string()
        ]
    );
    assert!(
        text(&import.stdout).contains("(imported)"),
        "{}",
        text(&import.stdout)
    );
}

#[test]
fn an_import_with_two_look_alike_profiles_is_refused() {
    let sandbox = Sandbox::new();
    let source = sandbox.dir.path().join("source.db");
    for name in ["Ana", "Bob"] {
        assert_eq!(
            sandbox
                .run_on(&source, &["profiles", "add", name])
                .status
                .code(),
            Some(0)
        );
    }
    let export = sandbox.run_on(&source, &["export", "--format", "json"]);
    let json = text(&export.stdout).replace("\"Bob\"", "\"\\u0410na\"");
    let file = sandbox.dir.path().join("dump.json");
    std::fs::write(&file, json).unwrap();
    let err = refused(&sandbox.run(&["import", file.to_str().unwrap()]));
    assert!(err.contains("two profiles are named"), "{err}");
}
