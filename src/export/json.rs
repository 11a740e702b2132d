//! The complete JSON export (`"format": "recap-export", "version": 1`): written session by session, read back with positioned errors. Recovery-network reviews follow the notes as `network_reviews`, then the recovery plan as `goals` (each left out when there are none, so older recaps still read such files).

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;

use serde::de::Error as _;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ExportError, ExportResult, flush};
use crate::import;
use crate::store::{
    Dump, DumpFilter, DumpGoal, DumpNetworkReview, DumpNote, DumpProfile, DumpSession,
    DumpSnapshot, Store, StoreError,
};

/// The value of the `format` field.
pub const FORMAT: &str = "recap-export";
/// The version of the layout this build writes and reads.
pub const VERSION: u32 = 1;

/// Writes the part of the database that `filter` selects as a pretty-printed
/// JSON document. Sessions and notes go straight from the database to `out`
/// one at a time, so memory stays flat however many there are.
pub fn write<W: Write>(store: &Store, filter: &DumpFilter, out: &mut W) -> ExportResult<()> {
    let stream = Stream {
        store,
        filter,
        failure: RefCell::new(None),
    };
    let result = serde_json::to_writer_pretty(&mut *out, &stream);
    if let Some(e) = stream.failure.take() {
        return Err(e.into());
    }
    result?;
    out.write_all(b"\n")?;
    flush(out)
}

/// The same document, from a dump already in memory (byte for byte what
/// `write` produces for the same content).
pub fn to_string(dump: &Dump) -> ExportResult<String> {
    let doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        exported_by: Some(exported_by()),
        profiles: dump.profiles.clone(),
        snapshots: dump.snapshots.clone(),
        sessions: dump.sessions.clone(),
        notes: dump.notes.clone(),
        network_reviews: dump.network_reviews.clone(),
        goals: dump.goals.clone(),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

/// Reads an export. `name` is used in messages, which say where in the file
/// a problem is (`name:line:column: ...`).
pub fn parse(name: &str, bytes: &[u8]) -> ExportResult<Dump> {
    // The header first, so that a file from a newer recap gets a clear
    // message rather than complaints about fields this build does not know.
    serde_json::from_slice::<Header>(bytes).map_err(|e| bad_json(name, &e))?;
    let doc: Document = serde_json::from_slice(bytes).map_err(|e| bad_json(name, &e))?;
    Ok(doc.into_dump())
}

/// What an export's `format` and `version` must be (`import::stream`).
pub const HEADER: import::stream::Header = import::stream::Header {
    format: format_problem,
    version: version_problem,
};

/// Opens an export file for reading, buffered.
fn open(path: &Path) -> ExportResult<std::io::BufReader<std::fs::File>> {
    std::fs::File::open(path)
        .map(|f| std::io::BufReader::with_capacity(1 << 16, f))
        .map_err(|e| ExportError::Input(format!("cannot read {}: {e}", path.display())))
}

/// A reading error: the file could not be read, or it is no export (with
/// its line and column).
fn read_error(name: &str, e: &serde_json::Error) -> ExportError {
    match e.io_error_kind() {
        Some(_) => ExportError::Input(format!("cannot read {name}: {e}")),
        None => bad_json(name, e),
    }
}

/// Checks the header of an export file (`format` and `version`), reading
/// no further than it, before any database is touched: a file from a newer
/// recap gets a clear message rather than complaints about fields this build
/// does not know.
pub fn check_header(path: &Path) -> ExportResult<()> {
    let name = path.display().to_string();
    import::stream::check_header(open(path)?, &HEADER).map_err(|e| read_error(&name, &e))
}

/// Imports an export file into `store` as it streams by (see
/// `import::stream`): every record is checked (`import`) and written before
/// the next is read, in one transaction, so that memory stays flat and a
/// refused file, or an interrupted import, leaves nothing behind. Messages
/// say where in the file a problem is.
pub fn import_file(
    store: &Store,
    path: &Path,
    options: &crate::store::ImportOptions,
) -> ExportResult<crate::store::ImportSummary> {
    let name = path.display().to_string();
    import::stream::import_reader(store, open(path)?, options, chrono::Utc::now(), &HEADER).map_err(
        |e| match e {
            import::stream::StreamError::Json(e) => read_error(&name, &e),
            import::stream::StreamError::Store(e) => ExportError::Store(e),
        },
    )
}

fn exported_by() -> String {
    format!("recap {}", env!("CARGO_PKG_VERSION"))
}

fn bad_json(name: &str, e: &serde_json::Error) -> ExportError {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&position).unwrap_or(&full);
    let hint = if e.classify() == serde_json::error::Category::Eof {
        " (the file ends too early; it may be cut off)"
    } else {
        ""
    };
    ExportError::BadFile(format!(
        "{name}:{}:{}: not a valid recap export: {message}{hint}; nothing was imported",
        e.line(),
        e.column()
    ))
}

#[derive(Deserialize)]
struct Header {
    #[serde(rename = "format", deserialize_with = "check_format")]
    _format: (),
    #[serde(rename = "version", deserialize_with = "check_version")]
    _version: (),
}

fn check_format<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    match format_problem(&String::deserialize(d)?) {
        None => Ok(()),
        Some(problem) => Err(D::Error::custom(problem)),
    }
}

fn check_version<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    match version_problem(u64::deserialize(d)?) {
        None => Ok(()),
        Some(problem) => Err(D::Error::custom(problem)),
    }
}

fn format_problem(format: &str) -> Option<String> {
    (format != FORMAT).then(|| format!("the format is {format:?}, not {FORMAT:?}"))
}

fn version_problem(version: u64) -> Option<String> {
    if version == u64::from(VERSION) {
        None
    } else if version > u64::from(VERSION) {
        Some(format!(
            "this is a version {version} export from a newer recap; this recap reads version {VERSION}. Update recap to import it"
        ))
    } else {
        Some(format!(
            "version {version} is not a recap export version; this recap reads version {VERSION}"
        ))
    }
}

/// The whole document as read from a file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exported_by: Option<String>,
    profiles: Vec<DumpProfile>,
    snapshots: Vec<DumpSnapshot>,
    sessions: Vec<DumpSession>,
    notes: Vec<DumpNote>,
    /// Recovery-network reviews (absent when there are none, and in files
    /// from before recap kept them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    network_reviews: Vec<DumpNetworkReview>,
    /// The recovery plan (absent when there are no goals, and in files from
    /// before recap kept them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    goals: Vec<DumpGoal>,
}

impl Document {
    fn into_dump(self) -> Dump {
        Dump {
            profiles: self.profiles,
            snapshots: self.snapshots,
            sessions: self.sessions,
            notes: self.notes,
            network_reviews: self.network_reviews,
            goals: self.goals,
        }
    }
}

/// The document as written: the same fields as `Document`, with sessions
/// and notes read from the store while they are written.
struct Stream<'a> {
    store: &'a Store,
    filter: &'a DumpFilter,
    /// A store error met while writing (serde can carry only its message).
    failure: RefCell<Option<StoreError>>,
}

impl Stream<'_> {
    fn fail<E: serde::ser::Error>(&self, e: StoreError) -> E {
        let message = e.to_string();
        *self.failure.borrow_mut() = Some(e);
        E::custom(message)
    }
}

impl Serialize for Stream<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let profiles = self
            .store
            .dump_profiles(self.filter)
            .map_err(|e| self.fail::<S::Error>(e))?;
        let snapshots = self
            .store
            .dump_snapshots(self.filter)
            .map_err(|e| self.fail::<S::Error>(e))?;
        let network_reviews = self
            .store
            .dump_network_reviews(self.filter)
            .map_err(|e| self.fail::<S::Error>(e))?;
        let goals = self
            .store
            .dump_goals(self.filter)
            .map_err(|e| self.fail::<S::Error>(e))?;
        let mut doc = s.serialize_struct("Document", 9)?;
        doc.serialize_field("format", FORMAT)?;
        doc.serialize_field("version", &VERSION)?;
        doc.serialize_field("exported_by", &exported_by())?;
        doc.serialize_field("profiles", &profiles)?;
        doc.serialize_field("snapshots", &snapshots)?;
        doc.serialize_field("sessions", &Sessions(self))?;
        doc.serialize_field("notes", &Notes(self))?;
        if network_reviews.is_empty() {
            doc.skip_field("network_reviews")?;
        } else {
            doc.serialize_field("network_reviews", &network_reviews)?;
        }
        if goals.is_empty() {
            doc.skip_field("goals")?;
        } else {
            doc.serialize_field("goals", &goals)?;
        }
        doc.end()
    }
}

/// Carries either a serializer error or a store error out of a row callback.
enum Step<E> {
    Write(E),
    Store(StoreError),
}

impl<E> From<StoreError> for Step<E> {
    fn from(e: StoreError) -> Self {
        Step::Store(e)
    }
}

struct Sessions<'a>(&'a Stream<'a>);

impl Serialize for Sessions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let result = self.0.store.dump_sessions_each(self.0.filter, |session| {
            seq.serialize_element(&session).map_err(Step::Write)
        });
        match result {
            Ok(()) => seq.end(),
            Err(Step::Write(e)) => Err(e),
            Err(Step::Store(e)) => Err(self.0.fail(e)),
        }
    }
}

struct Notes<'a>(&'a Stream<'a>);

impl Serialize for Notes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        let result = self.0.store.dump_notes_each(self.0.filter, |note| {
            seq.serialize_element(&note).map_err(Step::Write)
        });
        match result {
            Ok(()) => seq.end(),
            Err(Step::Write(e)) => Err(e),
            Err(Step::Store(e)) => Err(self.0.fail(e)),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn version_error_names_versions_and_position() {
        let text = "{\n  \"format\": \"recap-export\",\n  \"version\": 2,\n  \"profiles\": []\n}";
        let err = parse("x.json", text.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("x.json:3:"), "{err}");
        assert!(
            err.contains("version 2") && err.contains("version 1"),
            "{err}"
        );
    }

    #[test]
    fn foreign_format_is_refused() {
        let err = parse("x.json", br#"{"format": "other", "version": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"other\""), "{err}");
    }

    #[test]
    fn empty_dump_round_trips() {
        let text = to_string(&Dump::default()).unwrap();
        assert_eq!(parse("x", text.as_bytes()).unwrap(), Dump::default());
    }
}
