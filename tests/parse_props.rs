//! Property tests: the questionnaire parser never panics, whatever it is
//! given, and always points at a real position in the text; and the bundled
//! catalog is exactly the files in `questionnaires/`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::sample::Index;
use recap::instrument::load::{BUNDLED, LoadError, parse_bytes, parse_str};
use recap::instrument::{Catalog, score};

/// Every error names the file and a line/column inside the text (the line
/// after the last one is allowed for errors at the very end).
fn check_positions(file: &str, text: &str, errors: &[LoadError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "an Err must carry at least one error");
    let lines = text.split('\n').count();
    for e in errors {
        prop_assert_eq!(e.file.as_str(), file);
        prop_assert!(
            e.line >= 1 && e.line <= lines,
            "line {} of {}",
            e.line,
            lines
        );
        prop_assert!(e.column >= 1, "column {}", e.column);
        let line_len = text
            .split('\n')
            .nth(e.line - 1)
            .map_or(0, |l| l.chars().count());
        prop_assert!(
            e.column <= line_len + 1,
            "column {} past the end of line {} ({} characters): {}",
            e.column,
            e.line,
            line_len,
            e.message
        );
        prop_assert!(!e.message.trim().is_empty());
        prop_assert!(
            !e.message.contains('\n'),
            "one line per error: {:?}",
            e.message
        );
    }
    Ok(())
}

/// Parses and, when the text is valid, scores an empty and a full set of
/// answers: nothing may panic.
fn exercise(file: &str, text: &str) -> Result<(), TestCaseError> {
    match parse_str(file, text) {
        Ok(instrument) => {
            let _ = score(&instrument, &Default::default());
            let all = instrument
                .items
                .iter()
                .filter_map(|i| {
                    i.value_range()
                        .map(|(lo, _)| (i.id.clone(), recap::instrument::AnswerValue::Number(lo)))
                })
                .collect();
            let _ = score(&instrument, &all);
            Ok(())
        }
        Err(errors) => check_positions(file, text, &errors),
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<Index>().prop_map(Edit::Delete),
        any::<Index>().prop_map(Edit::Duplicate),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        match e {
            Edit::Delete(i) => {
                lines.remove(i.index(lines.len()));
            }
            Edit::Duplicate(i) => {
                let i = i.index(lines.len());
                let line = lines[i].clone();
                lines.insert(i, line);
            }
            Edit::Swap(a, b) => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
            }
            Edit::Truncate(i) => {
                let l = i.index(lines.len());
                let line = &lines[l];
                let cut = line
                    .char_indices()
                    .map(|(n, _)| n)
                    .nth(i.index(line.chars().count().max(1)))
                    .unwrap_or(line.len());
                lines[l] = line[..cut].to_string();
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #[test]
    fn parse_str_never_panics_on_arbitrary_text(text in any::<String>()) {
        exercise("any.toml", &text)?;
    }

    #[test]
    fn parse_str_never_panics_on_toml_like_text(
        text in "([a-z_]{1,8} ?= ?(\"[a-z ]{0,6}\"|-?[0-9]{1,3}(\\.[0-9])?|nan|inf|true|\\[[0-9, ]{0,8}\\]|\\{ ?\\})\n|\\[\\[?(items|scores|scores\\.bands|safety|domains|scales\\.[a-z]{1,3})\\]\\]?\n|\n|#.{0,5}\n){0,24}"
    ) {
        exercise("tomlish.toml", &text)?;
    }

    #[test]
    fn parse_str_never_panics_on_mutated_bundled_files(
        which in any::<Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let (name, text) = BUNDLED[which.index(BUNDLED.len())];
        let mutated = mutate(text, &edits);
        exercise(name, &mutated)?;
    }

    #[test]
    fn parse_bytes_never_panics_on_corrupted_bundled_files(
        which in any::<Index>(),
        flips in prop::collection::vec((any::<Index>(), any::<u8>()), 1..6),
    ) {
        let (name, text) = BUNDLED[which.index(BUNDLED.len())];
        let mut bytes = text.as_bytes().to_vec();
        for (at, byte) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *byte;
        }
        match parse_bytes(name, &bytes) {
            Ok((_, source)) => prop_assert_eq!(source.as_bytes(), &bytes[..]),
            Err(errors) => {
                // Positions are counted in the valid UTF-8 prefix, or the whole text.
                let valid = match std::str::from_utf8(&bytes) {
                    Ok(t) => t.to_string(),
                    Err(e) => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
                };
                check_positions(name, &valid, &errors)?;
            }
        }
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    for text in [
        format!("a = {}", "[".repeat(100_000)),
        format!("a = {}", "{b = ".repeat(100_000)),
        format!("{} = 1", vec!["a"; 100_000].join(".")),
    ] {
        let errors = parse_str("deep.toml", &text).expect_err("not a questionnaire");
        assert_eq!(errors[0].line, 1);
    }
}

#[test]
fn the_bundled_catalog_has_no_problems() {
    let catalog = Catalog::bundled();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    assert_eq!(catalog.len(), BUNDLED.len());
}

/// A file added to `questionnaires/` but not to `BUNDLED` in load.rs (or the
/// other way round) fails here.
#[test]
fn the_bundled_catalog_is_exactly_the_questionnaires_folder() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let mut on_disk = BTreeSet::new();
    let mut ids_on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("questionnaires/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        let bundled_text = BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .unwrap_or_else(|| panic!("questionnaires/{name} is not in BUNDLED (load.rs)"));
        assert_eq!(
            bundled_text, text,
            "{name}: the bundled copy differs from the file"
        );
        let instrument = parse_str(&name, &text).unwrap_or_else(|e| panic!("{e:?}"));
        ids_on_disk.insert(instrument.id);
        on_disk.insert(name);
    }
    let bundled_names: BTreeSet<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(bundled_names, on_disk);
    assert_eq!(
        BUNDLED.len(),
        on_disk.len(),
        "a file is listed twice in BUNDLED"
    );
    let catalog_ids: BTreeSet<String> = Catalog::bundled().ids().into_iter().collect();
    assert_eq!(catalog_ids, ids_on_disk);
}
