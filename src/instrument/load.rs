//! Reads questionnaire files (bundled and from the user's folder) into a
//! catalog; every problem is reported as `file:line:col: what is wrong`.

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::file::RawQuestionnaire;
use super::model::Instrument;
use super::validate::validate;

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
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Line and column (1-based, columns in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> LoadError {
    let (line, column) = line_col(text, offset);
    LoadError {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
    }
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
pub fn parse_str(file: &str, text: &str) -> Result<Instrument, Vec<LoadError>> {
    if text.trim().is_empty() {
        return Err(vec![at(
            file,
            text,
            0,
            "the file is empty; a questionnaire needs id, version, title, kind and [[items]]",
        )]);
    }
    let raw: RawQuestionnaire = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        vec![at(file, text, offset, plain_type_names(e.message()))]
    })?;
    validate(raw).map_err(|problems| {
        let mut errors: Vec<LoadError> = problems
            .into_iter()
            .map(|p| at(file, text, p.span.start, p.message))
            .collect();
        errors.sort_by_key(|e| (e.line, e.column));
        errors
    })
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

/// Reads and parses one file from disk.
pub fn parse_file(path: &Path) -> Result<(Instrument, String), Vec<LoadError>> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => parse_bytes(&name, &bytes),
        Err(e) => Err(vec![LoadError {
            file: name,
            line: 0,
            column: 0,
            message: format!("cannot read the file: {e}"),
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
    /// A bad user file is recorded in `problems` and skipped.
    pub fn load(user_dir: Option<&Path>) -> Catalog {
        let mut catalog = Catalog::bundled();
        let Some(dir) = user_dir else { return catalog };
        let Ok(read) = std::fs::read_dir(dir) else {
            return catalog;
        };
        let mut paths: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            match parse_file(&path) {
                Ok((instrument, source)) => catalog.add_user(instrument, source, path),
                Err(errors) => catalog.problems.extend(errors),
            }
        }
        catalog
    }

    fn add_user(&mut self, instrument: Instrument, source: String, path: PathBuf) {
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
                    hash: content_hash(&source),
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
                hash: content_hash(&source),
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
