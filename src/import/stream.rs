//! The import of a JSON export as it streams by: each check-in and note is read, checked (`Checker`) and written (`store::import::Importer`) before the next is read, so memory stays flat whatever the size of the file; the one transaction around it keeps the import all or nothing.
//!
//! recap writes profiles and snapshots before check-ins, and check-ins
//! before notes. A file in another order (written by hand or by another
//! tool) still imports: a list that comes before what it needs is read
//! whole and written once what it needs has been.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;

use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Checker, Refused, ids};
use crate::store::import::Importer;
use crate::store::{
    DumpGoal, DumpNetworkReview, DumpNote, DumpProfile, DumpSession, DumpSnapshot, ImportOptions,
    ImportSummary, Store, StoreError,
};

/// Why a streamed import stopped (nothing of it was kept).
#[derive(Debug)]
pub enum StreamError {
    /// The text is not a recap export; serde's error says where.
    Json(serde_json::Error),
    /// A record that may not be imported, or a database failure.
    Store(StoreError),
}

impl From<StoreError> for StreamError {
    fn from(e: StoreError) -> Self {
        StreamError::Store(e)
    }
}

/// The document's top-level fields (`export::json::Document`).
const FIELDS: &[&str] = &[
    "format",
    "version",
    "exported_by",
    "profiles",
    "snapshots",
    "sessions",
    "notes",
    "network_reviews",
    "goals",
];

/// Reads the export in `reader` and imports it into `store` in one
/// transaction. `format` and `version` are checked with `header` as they
/// come.
pub fn import_reader<R: Read>(
    store: &Store,
    reader: R,
    options: &ImportOptions,
    now: DateTime<Utc>,
    header: &Header,
) -> Result<ImportSummary, StreamError> {
    store.import_with(options, |importer| {
        let run = RefCell::new(Run {
            importer,
            checker: Checker::new(now),
            failure: None,
            header,
            profiles: false,
            snapshots: false,
            sessions: false,
            pending_sessions: None,
            pending_notes: None,
            pending_reviews: None,
            pending_goals: None,
        });
        let mut de = serde_json::Deserializer::from_reader(reader);
        let read = DocumentSeed(&run)
            .deserialize(&mut de)
            .and_then(|()| de.end());
        let mut run = run.into_inner();
        if let Some(failure) = run.failure.take() {
            return Err(failure);
        }
        read.map_err(StreamError::Json)
    })
}

/// The header checks the caller applies (`export::json` owns the format).
pub struct Header {
    pub format: fn(&str) -> Option<String>,
    pub version: fn(u64) -> Option<String>,
}

struct Run<'r, 'i, 't, 'c> {
    importer: &'r mut Importer<'t, 'c>,
    checker: Checker,
    failure: Option<StreamError>,
    header: &'i Header,
    /// Which lists were written.
    profiles: bool,
    snapshots: bool,
    sessions: bool,
    /// Lists read before what they need (files not in recap's order).
    pending_sessions: Option<Vec<DumpSession>>,
    pending_notes: Option<Vec<DumpNote>>,
    pending_reviews: Option<Vec<DumpNetworkReview>>,
    pending_goals: Option<Vec<DumpGoal>>,
}

impl Run<'_, '_, '_, '_> {
    /// Keeps the failure and stops the reading with a (placeholder) error.
    fn fail<E: de::Error>(&mut self, e: impl Into<StoreError>) -> E {
        let e = e.into();
        let message = e.to_string();
        self.failure = Some(StreamError::Store(e));
        E::custom(message)
    }

    fn profiles(&mut self, mut profiles: Vec<DumpProfile>) -> Result<(), StoreError> {
        for (i, p) in profiles.iter_mut().enumerate() {
            ids::respell_profile(i, p)?;
            self.checker.profile(i, p)?;
        }
        self.importer.profiles(&profiles)?;
        self.profiles = true;
        Ok(())
    }

    fn snapshots(&mut self, mut snapshots: Vec<DumpSnapshot>) -> Result<(), StoreError> {
        for (i, s) in snapshots.iter_mut().enumerate() {
            ids::respell_snapshot(s);
            self.checker.snapshot(i, s)?;
            self.importer.snapshot(s)?;
        }
        self.snapshots = true;
        Ok(())
    }

    fn session(&mut self, i: usize, mut s: DumpSession) -> Result<(), StoreError> {
        ids::respell_session(i, &mut s)?;
        self.checker.session(i, &s)?;
        let instrument = self.checker.instrument(&s.snapshot_hash);
        self.importer.session(i, &s, instrument)
    }

    fn note(&mut self, i: usize, mut n: DumpNote) -> Result<(), StoreError> {
        ids::respell_note(i, &mut n)?;
        self.checker.note(i, &n)?;
        self.importer.note(i, &n)
    }

    fn reviews(&mut self, reviews: Vec<DumpNetworkReview>) -> Result<(), StoreError> {
        let reviews = self.checker.network_reviews(reviews)?;
        self.importer.network_reviews(&reviews)
    }

    fn goals(&mut self, goals: Vec<DumpGoal>) -> Result<(), StoreError> {
        let goals = self.checker.goals(goals)?;
        self.importer.goals(&goals)
    }

    fn sessions_ready(&self) -> bool {
        self.profiles && self.snapshots
    }

    fn notes_ready(&self) -> bool {
        self.profiles && self.sessions
    }

    /// Writes the lists read early once what they need is written.
    fn drain(&mut self) -> Result<(), StoreError> {
        if self.sessions_ready()
            && let Some(sessions) = self.pending_sessions.take()
        {
            for (i, s) in sessions.into_iter().enumerate() {
                self.session(i, s)?;
            }
            self.sessions = true;
        }
        if self.notes_ready()
            && let Some(notes) = self.pending_notes.take()
        {
            for (i, n) in notes.into_iter().enumerate() {
                self.note(i, n)?;
            }
        }
        if self.profiles
            && let Some(reviews) = self.pending_reviews.take()
        {
            self.reviews(reviews)?;
        }
        if self.notes_ready()
            && let Some(goals) = self.pending_goals.take()
        {
            self.goals(goals)?;
        }
        Ok(())
    }
}

struct DocumentSeed<'a, 'r, 'i, 't, 'c>(&'a RefCell<Run<'r, 'i, 't, 'c>>);

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_, '_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a recap export (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let run = self.0;
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<String>()? {
            let Some(field) = FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, FIELDS));
            };
            if seen[field] {
                return Err(de::Error::duplicate_field(FIELDS[field]));
            }
            seen[field] = true;
            let header = run.borrow().header;
            let step = match FIELDS[field] {
                "format" => {
                    let format: String = map.next_value()?;
                    if let Some(problem) = (header.format)(&format) {
                        return Err(de::Error::custom(problem));
                    }
                    Ok(())
                }
                "version" => {
                    let version: u64 = map.next_value()?;
                    if let Some(problem) = (header.version)(version) {
                        return Err(de::Error::custom(problem));
                    }
                    Ok(())
                }
                "exported_by" => map.next_value::<Option<String>>().map(|_| ()),
                "profiles" => {
                    let profiles: Vec<DumpProfile> = map.next_value()?;
                    let mut r = run.borrow_mut();
                    r.profiles(profiles).map_err(|e| r.fail::<A::Error>(e))
                }
                "snapshots" => {
                    let snapshots: Vec<DumpSnapshot> = map.next_value()?;
                    let mut r = run.borrow_mut();
                    r.snapshots(snapshots).map_err(|e| r.fail::<A::Error>(e))
                }
                "sessions" => {
                    if run.borrow().sessions_ready() {
                        map.next_value_seed(Each {
                            run,
                            write: Run::session,
                        })?;
                        run.borrow_mut().sessions = true;
                    } else {
                        let sessions: Vec<DumpSession> = map.next_value()?;
                        run.borrow_mut().pending_sessions = Some(sessions);
                    }
                    Ok(())
                }
                "notes" => {
                    if run.borrow().notes_ready() {
                        map.next_value_seed(Each {
                            run,
                            write: Run::note,
                        })?;
                    } else {
                        let notes: Vec<DumpNote> = map.next_value()?;
                        run.borrow_mut().pending_notes = Some(notes);
                    }
                    Ok(())
                }
                "goals" => {
                    let goals: Vec<DumpGoal> = map.next_value()?;
                    if run.borrow().notes_ready() {
                        let mut r = run.borrow_mut();
                        r.goals(goals).map_err(|e| r.fail::<A::Error>(e))
                    } else {
                        run.borrow_mut().pending_goals = Some(goals);
                        Ok(())
                    }
                }
                _ => {
                    let reviews: Vec<DumpNetworkReview> = map.next_value()?;
                    if run.borrow().profiles {
                        let mut r = run.borrow_mut();
                        r.reviews(reviews).map_err(|e| r.fail::<A::Error>(e))
                    } else {
                        run.borrow_mut().pending_reviews = Some(reviews);
                        Ok(())
                    }
                }
            };
            step?;
            let mut r = run.borrow_mut();
            r.drain().map_err(|e| r.fail::<A::Error>(e))?;
        }
        // `exported_by`, `network_reviews` and `goals` may be absent.
        for (field, name) in FIELDS.iter().enumerate() {
            if !seen[field] && !matches!(*name, "exported_by" | "network_reviews" | "goals") {
                return Err(de::Error::missing_field(name));
            }
        }
        Ok(())
    }
}

/// A list written element by element as it is read.
struct Each<'a, 'r, 'i, 't, 'c, T> {
    run: &'a RefCell<Run<'r, 'i, 't, 'c>>,
    write: fn(&mut Run<'r, 'i, 't, 'c>, usize, T) -> Result<(), StoreError>,
}

impl<'de, T: serde::Deserialize<'de>> DeserializeSeed<'de> for Each<'_, '_, '_, '_, '_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for Each<'_, '_, '_, '_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(record) = seq.next_element::<T>()? {
            let mut r = self.run.borrow_mut();
            (self.write)(&mut r, i, record).map_err(|e| r.fail::<A::Error>(e))?;
            i += 1;
        }
        Ok(())
    }
}

/// Reads only as far as the header (`format` and `version`) of an export
/// and checks it, before any database is opened; the rest of the file is
/// read only when the header is not at its start.
pub fn check_header<R: Read>(reader: R, header: &Header) -> Result<(), serde_json::Error> {
    let done = std::cell::Cell::new(false);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = HeaderSeed {
        header,
        done: &done,
    }
    .deserialize(&mut de);
    match result {
        _ if done.get() => Ok(()),
        Err(e) => Err(e),
        Ok(()) => Ok(()),
    }
}

struct HeaderSeed<'a> {
    header: &'a Header,
    done: &'a std::cell::Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for HeaderSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HeaderSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a recap export (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut format, mut version) = (false, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" if !format => {
                    let value: String = map.next_value()?;
                    if let Some(problem) = (self.header.format)(&value) {
                        return Err(de::Error::custom(problem));
                    }
                    format = true;
                }
                "version" if !version => {
                    let value: u64 = map.next_value()?;
                    if let Some(problem) = (self.header.version)(value) {
                        return Err(de::Error::custom(problem));
                    }
                    version = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            if format && version {
                // Stop reading here: the rest is read by the import.
                self.done.set(true);
                return Err(de::Error::custom("header read"));
            }
        }
        Err(de::Error::missing_field(if format {
            "version"
        } else {
            "format"
        }))
    }
}

/// Refusals become the store's input errors ("...; nothing was imported").
impl From<Refused> for StreamError {
    fn from(e: Refused) -> Self {
        StreamError::Store(e.into())
    }
}
