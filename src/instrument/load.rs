//! Reads questionnaire files (bundled and from the user's folder) into a
//! catalog; every problem is reported as `file:line:col: what is wrong`.

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::cache::{Cache, Key};
use super::chars;
use super::file::RawQuestionnaire;
use super::model::Instrument;
use super::validate::{Problem, validate};
use crate::files::read::{TEXT_FILE_LIMIT, read_bounded, read_bounded_with_metadata};

/// The questionnaires shipped inside the binary, in the order they are shown.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "samhsa-dimensions.toml",
        include_str!("../../questionnaires/samhsa-dimensions.toml"),
    ),
    (
        "barc-10.toml",
        include_str!("../../questionnaires/barc-10.toml"),
    ),
    (
        "who-5.toml",
        include_str!("../../questionnaires/who-5.toml"),
    ),
];

/// A problem in one questionnaire file, with its position (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // The file could not be read at all: no position to give.
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Line and column (1-based, columns in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    line_cols(text, &[offset])[0]
}

/// Line and column of many byte offsets in one pass over the text (sorted
/// first): linear in the text however many positions are asked for.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let floor = |offset: usize| {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut line, mut column, mut reached) = (1, 1, 0);
    for i in order {
        let target = floor(offsets[i]).max(reached);
        for c in text[reached..target].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        reached = target;
        out[i] = (line, column);
    }
    out
}

/// Problems (byte spans) as `file:line:col` errors, in file order.
fn located(file: &str, text: &str, problems: Vec<Problem>) -> Vec<LoadError> {
    let offsets: Vec<usize> = problems.iter().map(|p| p.span.start).collect();
    let mut errors: Vec<LoadError> = problems
        .into_iter()
        .zip(line_cols(text, &offsets))
        .map(|(p, (line, column))| LoadError {
            file: file.to_string(),
            line,
            column,
            message: p.message,
        })
        .collect();
    errors.sort_by_key(|e| (e.line, e.column));
    errors
}

/// Serde names Rust types in its messages ("expected u32", "expected struct
/// RawSupport"); people editing a TOML file need the plain words.
pub fn plain_type_names(message: &str) -> String {
    let message = message.trim().replace('\n', " ");
    if let Some(start) = message.find("expected struct ") {
        return format!(
            "{}expected a table (a [section] or {{ key = value }})",
            &message[..start]
        );
    }
    if let Some(start) = message.find("expected a sequence") {
        return format!("{}expected a list ([ ... ])", &message[..start]);
    }
    for (rust, plain) in [
        ("expected u32", "expected a whole number (0 or more)"),
        ("expected usize", "expected a whole number (0 or more)"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
    ] {
        if let Some(start) = message.strip_suffix(rust) {
            return format!("{start}{plain}");
        }
    }
    message
}

/// Parses and validates questionnaire text; `file` names it in errors.
/// Every problem is reported: characters that must not reach a terminal
/// (in any key or text), then shape and meaning.
pub fn parse_str(file: &str, text: &str) -> Result<Instrument, Vec<LoadError>> {
    parse_text(file, text, true)
}

/// Parses a questionnaire snapshot already in the database: as `parse_str`
/// without the character check, so sessions stored by an earlier version
/// keep loading (all text shown still passes through `termtext`).
pub fn parse_stored(file: &str, text: &str) -> Result<Instrument, Vec<LoadError>> {
    parse_text(file, text, false)
}

fn parse_text(file: &str, text: &str, check_chars: bool) -> Result<Instrument, Vec<LoadError>> {
    if text.trim().is_empty() {
        return Err(located(
            file,
            text,
            vec![Problem {
                span: 0..0,
                message: "the file is empty; a questionnaire needs id, version, title, kind and [[items]]".into(),
            }],
        ));
    }
    let mut problems = if check_chars {
        chars::problems(text)
    } else {
        Vec::new()
    };
    match toml::from_str::<RawQuestionnaire>(text) {
        Err(e) => problems.push(Problem {
            span: e.span().unwrap_or(0..0),
            message: plain_type_names(e.message()),
        }),
        Ok(raw) => match validate(raw) {
            Ok(instrument) if problems.is_empty() => return Ok(instrument),
            Ok(_) => {}
            Err(mut more) => problems.append(&mut more),
        },
    }
    Err(located(file, text, problems))
}

/// Parses raw bytes, reporting content that is not UTF-8 at its position.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<(Instrument, String), Vec<LoadError>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let (line, column) = line_col(&good, good.len());
            return Err(vec![LoadError {
                file: file.to_string(),
                line,
                column,
                message: "the file is not valid UTF-8 text; save it as UTF-8".into(),
            }]);
        }
    };
    parse_str(file, text).map(|i| (i, text.to_string()))
}

/// Reads and parses one file from disk: a regular file of at most
/// `TEXT_FILE_LIMIT` bytes (a FIFO or device is refused, not waited on).
pub fn parse_file(path: &Path) -> Result<(Instrument, String), Vec<LoadError>> {
    let name = path.display().to_string();
    match read_bounded(path, TEXT_FILE_LIMIT) {
        Ok(bytes) => parse_bytes(&name, &bytes),
        Err(e) => Err(vec![LoadError {
            file: name,
            line: 0,
            column: 0,
            message: e.to_string(),
        }]),
    }
}

/// The SHA-256 of a questionnaire's text, in hex: the identity of a snapshot.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    User(PathBuf),
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Bundled => "bundled".into(),
            Origin::User(p) => p.display().to_string(),
        }
    }
}

/// A questionnaire together with the exact text it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub instrument: Instrument,
    pub source: String,
    pub hash: String,
    pub origin: Origin,
}

/// All questionnaires available to this run, plus the user files that were skipped.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Loaded>,
    pub problems: Vec<LoadError>,
}

impl Catalog {
    /// The bundled questionnaires only.
    pub fn bundled() -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in BUNDLED {
            match parse_str(&format!("questionnaires/{name}"), text) {
                Ok(instrument) => catalog.entries.push(Loaded {
                    instrument,
                    source: (*text).to_string(),
                    hash: content_hash(text),
                    origin: Origin::Bundled,
                }),
                Err(errors) => catalog.problems.extend(errors),
            }
        }
        catalog
    }

    /// Bundled questionnaires plus `*.toml` files in `user_dir` (if it exists).
    /// A bad user file (including a FIFO, device or folder named `*.toml`) is
    /// recorded in `problems` and skipped.
    pub fn load(user_dir: Option<&Path>) -> Catalog {
        let mut catalog = Catalog::bundled();
        for path in user_files(user_dir) {
            match parse_file(&path) {
                Ok((instrument, source)) => catalog.add_user(instrument, source, path),
                Err(errors) => catalog.problems.extend(errors),
            }
        }
        catalog
    }

    /// `load`, with the user's files parsed once and kept in the private
    /// cache file `cache_file` (see `cache.rs`): an unchanged file whose text
    /// still has the hash it was parsed from is not parsed again. Gives the
    /// same catalog and the same problems as `load`. Nothing is written when
    /// there are no user files and no cache yet.
    pub fn load_cached(user_dir: Option<&Path>, cache_file: &Path) -> Catalog {
        let mut catalog = Catalog::bundled();
        let paths = user_files(user_dir);
        if paths.is_empty() && std::fs::symlink_metadata(cache_file).is_err() {
            return catalog;
        }
        let mut cache = Cache::read(cache_file);
        for path in paths {
            let name = path.display().to_string();
            let (bytes, key) = match read_bounded_with_metadata(&path, TEXT_FILE_LIMIT) {
                Ok((bytes, metadata)) => (bytes, Key::of(&metadata)),
                Err(e) => {
                    cache.forget(&path);
                    catalog.problems.push(LoadError {
                        file: name,
                        line: 0,
                        column: 0,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let hash = content_hash(text);
                if let Some(instrument) = cache.hit(&path, key, &hash) {
                    catalog.add_user_hashed(instrument, text.to_string(), hash, path);
                    continue;
                }
            }
            match parse_bytes(&name, &bytes) {
                Ok((instrument, source)) => {
                    let hash = content_hash(&source);
                    cache.store(&path, key, &hash, &instrument);
                    catalog.add_user_hashed(instrument, source, hash, path);
                }
                Err(errors) => {
                    cache.forget(&path);
                    catalog.problems.extend(errors);
                }
            }
        }
        cache.write(cache_file, &catalog);
        catalog
    }

    fn add_user(&mut self, instrument: Instrument, source: String, path: PathBuf) {
        let hash = content_hash(&source);
        self.add_user_hashed(instrument, source, hash, path);
    }

    fn add_user_hashed(
        &mut self,
        instrument: Instrument,
        source: String,
        hash: String,
        path: PathBuf,
    ) {
        let file = path.display().to_string();
        if let Some(existing) = self
            .entries
            .iter_mut()
            .find(|e| e.instrument.id == instrument.id)
        {
            if existing.origin == Origin::Bundled
                && instrument.version > existing.instrument.version
            {
                *existing = Loaded {
                    hash,
                    instrument,
                    source,
                    origin: Origin::User(path),
                };
            } else {
                let message = format!(
                    "questionnaire {:?} version {} is already loaded from {} at version {}; to replace a bundled questionnaire use the same id with a higher version",
                    instrument.id,
                    instrument.version,
                    existing.origin.describe(),
                    existing.instrument.version
                );
                self.problems.push(LoadError {
                    file,
                    line: 1,
                    column: 1,
                    message,
                });
            }
        } else {
            self.entries.push(Loaded {
                hash,
                instrument,
                source,
                origin: Origin::User(path),
            });
        }
    }

    pub fn get(&self, id: &str) -> Option<&Loaded> {
        self.entries.iter().find(|e| e.instrument.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Loaded> {
        self.entries.iter()
    }

    pub fn ids(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| e.instrument.id.clone())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The `*.toml` files of `user_dir`, sorted (none when it is missing).
fn user_files(user_dir: Option<&Path>) -> Vec<PathBuf> {
    let Some(Ok(read)) = user_dir.map(std::fs::read_dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_positions_match_one_at_a_time() {
        let text = "ab\ncdé\n\nxyz";
        let offsets: Vec<usize> = (0..=text.len() + 2).rev().collect();
        let many = line_cols(text, &offsets);
        for (offset, got) in offsets.iter().zip(many) {
            let one = line_cols(text, &[*offset])[0];
            assert_eq!(got, one, "offset {offset}");
        }
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4), "after é (2 bytes)");
        assert_eq!(line_col(text, 6), (2, 3), "inside é: its start");
        assert_eq!(line_col(text, 9), (4, 1));
        assert_eq!(line_col(text, 99), (4, 4));
    }

    #[test]
    fn stored_snapshots_load_without_the_character_check() {
        let text = "id = \"s\"\nversion = 1\ntitle = \"T\\u009b\"\nkind = \"reflective\"\n\
                    [[items]]\nid = \"a\"\ntype = \"yes_no\"\ntext = \"Q\"\n";
        let errors = parse_str("s.toml", text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (3, 9));
        assert!(errors[0].message.contains("U+009B"), "{}", errors[0]);
        assert_eq!(parse_stored("s", text).unwrap().title, "T\u{9b}");
    }
}
