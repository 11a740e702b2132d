//! What an imported file may claim, decided in one place: one spelling per id, dates and lengths within bounds, questionnaire texts that are what they say (never an unpublished text of a bundled questionnaire), and owners that agree with the database.
//!
//! `admit` checks everything the file alone can show and yields an
//! [`Admitted`] file, the only thing `Store::import_admitted` takes; the
//! store then asks `owners` about what only the database knows.

mod goals;
pub mod ids;
pub mod limits;
mod network;
pub mod owners;
pub mod snapshots;
pub mod stream;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, Utc};

use crate::instrument::{AnswerValue, Instrument};
use crate::store::{Dump, Status, StoreError, parse_timestamp, timestamp};

/// Why a file (or a part of it) is not imported. `at` is the position in the
/// file (`sessions[3].answers[0]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}; nothing was imported")]
pub struct Refused {
    pub at: String,
    pub message: String,
}

impl Refused {
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Refused {
        Refused {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl From<Refused> for StoreError {
    fn from(e: Refused) -> Self {
        StoreError::Input(e.to_string())
    }
}

/// A file whose claims were checked: ids in their one spelling, and the
/// questionnaire each of its snapshots holds.
#[derive(Debug)]
pub struct Admitted<'a> {
    dump: Cow<'a, Dump>,
    instruments: HashMap<String, Rc<Instrument>>,
}

impl Admitted<'_> {
    pub fn dump(&self) -> &Dump {
        &self.dump
    }

    /// The questionnaire of a snapshot in the file, by hash.
    pub fn instrument(&self, hash: &str) -> Option<Rc<Instrument>> {
        self.instruments.get(hash).cloned()
    }
}

/// Checks what `dump` claims, against this computer's clock.
pub fn admit(dump: Cow<'_, Dump>) -> Result<Admitted<'_>, Refused> {
    admit_at(dump, Utc::now())
}

/// `admit` with the clock given.
pub fn admit_at(mut dump: Cow<'_, Dump>, now: DateTime<Utc>) -> Result<Admitted<'_>, Refused> {
    ids::normalise(&mut dump)?;
    network::admit(&mut dump, now)?;
    goals::admit(&mut dump, now)?;
    // Names are stored as the name policy spells them (trimmed, NFC).
    if dump
        .profiles
        .iter()
        .any(|p| crate::store::names::normalise(&p.name) != p.name)
    {
        for p in &mut dump.to_mut().profiles {
            p.name = crate::store::names::normalise(&p.name);
        }
    }
    let d: &Dump = &dump;
    let mut checker = Checker::new(now);
    for (i, p) in d.profiles.iter().enumerate() {
        checker.profile(i, p)?;
    }
    for (i, s) in d.snapshots.iter().enumerate() {
        checker.snapshot(i, s)?;
    }
    let mut seen = HashSet::new();
    for (i, s) in d.sessions.iter().enumerate() {
        if !seen.insert(s.id.as_str()) {
            return Err(twice("sessions", i, "session", &s.id));
        }
        checker.session(i, s)?;
    }
    let mut seen = HashSet::new();
    for (i, n) in d.notes.iter().enumerate() {
        if !seen.insert(n.id.as_str()) {
            return Err(twice("notes", i, "note", &n.id));
        }
        checker.note(i, n)?;
    }
    let instruments = checker.instruments;
    Ok(Admitted { dump, instruments })
}

/// "`what` ID appears twice", at `list[i]`.
pub fn twice(list: &str, i: usize, what: &str, id: &str) -> Refused {
    Refused::new(format!("{list}[{i}]"), format!("{what} {id} appears twice"))
}

/// The checks of `admit`, one record at a time, for a file read as it
/// streams by (`stream`): records in their one spelling (`ids::respell_*`,
/// `respell_profile`), profiles and snapshots first. What it keeps grows with
/// the profiles and snapshots only; that a check-in or note appears twice is
/// the caller's to find (`admit` keeps a set, the streamed import asks the
/// database).
pub struct Checker {
    now: DateTime<Utc>,
    profiles: HashSet<String>,
    names: HashSet<String>,
    client_ids: HashSet<String>,
    instruments: HashMap<String, Rc<Instrument>>,
}

impl Checker {
    pub fn new(now: DateTime<Utc>) -> Checker {
        Checker {
            now,
            profiles: HashSet::new(),
            names: HashSet::new(),
            client_ids: HashSet::new(),
            instruments: HashMap::new(),
        }
    }

    /// The questionnaire of a snapshot checked so far, by hash.
    pub fn instrument(&self, hash: &str) -> Option<Rc<Instrument>> {
        self.instruments.get(hash).cloned()
    }

    /// Profile `i` (its uuid and name already in their one spelling).
    pub fn profile(&mut self, i: usize, p: &crate::store::DumpProfile) -> Result<(), Refused> {
        let at = format!("profiles[{i}]");
        if !self.profiles.insert(p.uuid.clone()) {
            return Err(Refused::new(
                at,
                format!("profile {} appears twice", p.uuid),
            ));
        }
        if let Err(m) = limits::profile_name(&p.name) {
            return Err(Refused::new(format!("{at}.name"), m));
        }
        // Two names that look alike (case, invisible or confusable characters).
        if !self.names.insert(crate::store::names::key(&p.name)) {
            return Err(Refused::new(
                at,
                format!("two profiles are named {:?}", p.name),
            ));
        }
        check_time(&at, "created_at", &p.created_at, self.now)?;
        if let Some(t) = &p.archived_at {
            check_time(&at, "archived_at", t, self.now)?;
        }
        if let Some(id) = &p.client_id {
            match crate::store::names::check_client_id(id) {
                Ok(checked) if checked == *id => {}
                Ok(_) => {
                    return Err(Refused::new(
                        format!("{at}.client_id"),
                        format!("{id:?} has spaces around it"),
                    ));
                }
                Err(m) => return Err(Refused::new(format!("{at}.client_id"), m)),
            }
            if !self.client_ids.insert(id.to_ascii_lowercase()) {
                return Err(Refused::new(
                    format!("{at}.client_id"),
                    format!("two profiles have the client id {id:?}"),
                ));
            }
        }
        Ok(())
    }

    /// Snapshot `i` (its hash in lower case); keeps its questionnaire.
    pub fn snapshot(&mut self, i: usize, s: &crate::store::DumpSnapshot) -> Result<(), Refused> {
        let at = format!("snapshots[{i}]");
        if self.instruments.contains_key(&s.hash) {
            return Err(Refused::new(
                at,
                format!("snapshot {} appears twice", s.hash),
            ));
        }
        let instrument = snapshots::admit(&at, s)?;
        self.instruments.insert(s.hash.clone(), Rc::new(instrument));
        Ok(())
    }

    /// Session `i` (ids in their one spelling): times, status, its day, answers and amendments.
    pub fn session(&self, i: usize, s: &crate::store::DumpSession) -> Result<(), Refused> {
        let now = self.now;
        let at = format!("sessions[{i}]");
        // The session's own zone decides which day its times fall on.
        let offset = s
            .utc_offset
            .as_deref()
            .and_then(crate::timefmt::parse_offset);
        let time =
            |at: &str, field: &str, value: &str| check_time_on(at, field, value, offset, now);
        time(&at, "started_at", &s.started_at)?;
        if let Some(t) = &s.completed_at {
            time(&at, "completed_at", t)?;
        }
        match (s.status, &s.completed_at) {
            (Status::Completed, None) => {
                return Err(Refused::new(at, "a completed session needs completed_at"));
            }
            (Status::InProgress, Some(_)) => {
                return Err(Refused::new(
                    at,
                    "a session in progress cannot have completed_at",
                ));
            }
            _ => {}
        }
        lived_day(&at, s)?;
        let mut items = HashSet::new();
        for (j, a) in s.answers.iter().enumerate() {
            if !items.insert(a.item_id.as_str()) {
                return Err(Refused::new(
                    format!("{at}.answers[{j}]"),
                    format!("item {:?} is answered twice", a.item_id),
                ));
            }
            // A time equal to the session's own was checked just above.
            if a.answered_at != s.started_at && Some(&a.answered_at) != s.completed_at.as_ref() {
                let at = format!("{at}.answers[{j}]");
                time(&at, "answered_at", &a.answered_at)?;
            }
            if let AnswerValue::Text(t) = &a.value {
                limits::text_answer(t)
                    .map_err(|m| Refused::new(format!("{at}.answers[{j}].value"), m))?;
            }
        }
        if let Some(t) = &s.deleted_at {
            time(&at, "deleted_at", t)?;
        }
        if !s.amendments.is_empty() && s.status != Status::Completed {
            return Err(Refused::new(
                format!("{at}.amendments"),
                "only a completed check-in can have amended answers",
            ));
        }
        for (j, a) in s.amendments.iter().enumerate() {
            let at = format!("{at}.amendments[{j}]");
            time(&at, "amended_at", &a.amended_at)?;
            if let Some(t) = &a.was_answered_at {
                time(&at, "was_answered_at", t)?;
            }
            limits::reason(&a.reason).map_err(|m| Refused::new(format!("{at}.reason"), m))?;
            for (field, value) in [("was", &a.was), ("value", &a.value)] {
                if let Some(AnswerValue::Text(t)) = value {
                    limits::text_answer(t).map_err(|m| Refused::new(format!("{at}.{field}"), m))?;
                }
            }
        }
        Ok(())
    }

    /// Note `i` (ids in their one spelling): times, body, author, its trail.
    pub fn note(&self, i: usize, n: &crate::store::DumpNote) -> Result<(), Refused> {
        let now = self.now;
        let time = |at: &str, field: &str, value: &str| check_time(at, field, value, now);
        let at = format!("notes[{i}]");
        time(&at, "created_at", &n.created_at)?;
        time(&at, "updated_at", &n.updated_at)?;
        if n.body.trim().is_empty() {
            return Err(Refused::new(format!("{at}.body"), "a note cannot be empty"));
        }
        limits::note_body(&n.body).map_err(|m| Refused::new(format!("{at}.body"), m))?;
        if let Some(a) = &n.author {
            limits::author(a).map_err(|m| Refused::new(format!("{at}.author"), m))?;
        }
        if let Some(t) = &n.deleted_at {
            time(&at, "deleted_at", t)?;
        }
        let mut deleted = 0;
        for (j, h) in n.history.iter().enumerate() {
            let at = format!("{at}.history[{j}]");
            time(&at, "changed_at", &h.changed_at)?;
            limits::note_body(&h.body_before)
                .map_err(|m| Refused::new(format!("{at}.body_before"), m))?;
            if let Some(a) = &h.changed_by {
                limits::author(a).map_err(|m| Refused::new(format!("{at}.changed_by"), m))?;
            }
            if h.kind == crate::store::RevisionKind::Deleted {
                deleted += 1;
            }
        }
        if deleted > 1 || (deleted == 1) != n.deleted_at.is_some() {
            return Err(Refused::new(
                format!("{at}.history"),
                "a deleted note has one deletion in its history, and only a deleted note has one",
            ));
        }
        Ok(())
    }

    /// Network reviews (read whole: a person has few), ids and names
    /// respelled.
    pub fn network_reviews(
        &self,
        reviews: Vec<crate::store::DumpNetworkReview>,
    ) -> Result<Vec<crate::store::DumpNetworkReview>, Refused> {
        let mut dump: Cow<'_, Dump> = Cow::Owned(Dump {
            network_reviews: reviews,
            ..Dump::default()
        });
        network::admit(&mut dump, self.now)?;
        Ok(dump.into_owned().network_reviews)
    }

    /// The recovery plan's goals (read whole: a person has a handful), ids
    /// respelled and every field checked.
    pub fn goals(
        &self,
        goals: Vec<crate::store::DumpGoal>,
    ) -> Result<Vec<crate::store::DumpGoal>, Refused> {
        let mut dump: Cow<'_, Dump> = Cow::Owned(Dump {
            goals,
            ..Dump::default()
        });
        goals::admit(&mut dump, self.now)?;
        Ok(dump.into_owned().goals)
    }
}

/// A timestamp must be exactly what recap writes (so that stored times
/// sort), from 1900 on and not in the future.
fn check_time(at: &str, field: &str, value: &str, now: DateTime<Utc>) -> Result<(), Refused> {
    check_time_on(at, field, value, None, now)
}

/// `check_time` for a session's times: with the session's UTC offset, the
/// day from 1900 on is the day in the person's zone.
fn check_time_on(
    at: &str,
    field: &str,
    value: &str,
    offset: Option<FixedOffset>,
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let parsed = parse_timestamp(value)
        .ok()
        .filter(|t| timestamp(*t) == value);
    let Some(t) = parsed else {
        return Err(Refused::new(
            format!("{at}.{field}"),
            format!(
                "{value:?} is not a recap timestamp (RFC 3339 in UTC with milliseconds, e.g. 2026-01-31T18:05:00.000Z)"
            ),
        ));
    };
    match offset {
        Some(o) => limits::date_on(t.with_timezone(&o), now),
        None => limits::date(t, now),
    }
    .map_err(|m| Refused::new(format!("{at}.{field}"), m))
}

/// A session's `local_date` and `utc_offset`: both or neither, only with
/// `completed_at`, the offset in one spelling within 18 hours of UTC, and
/// the day the one `completed_at` falls on at that offset.
fn lived_day(at: &str, s: &crate::store::DumpSession) -> Result<(), Refused> {
    let (day, offset) = match (&s.local_date, &s.utc_offset) {
        (None, None) => return Ok(()),
        (Some(day), Some(offset)) => (day, offset),
        _ => {
            return Err(Refused::new(
                at,
                "local_date and utc_offset go together: give both or neither",
            ));
        }
    };
    let Some(completed) = s.completed_at.as_deref() else {
        return Err(Refused::new(
            at,
            "local_date and utc_offset belong to a completed check-in (with completed_at)",
        ));
    };
    let Some(o) = crate::timefmt::parse_offset(offset) else {
        return Err(Refused::new(
            format!("{at}.utc_offset"),
            format!("{offset:?} is not a UTC offset (e.g. +13:00 or -08:00)"),
        ));
    };
    let Ok(t) = parse_timestamp(completed) else {
        // `check_time` has said what is wrong with it.
        return Ok(());
    };
    let shown = t
        .with_timezone(&o)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    if *day != shown {
        return Err(Refused::new(
            format!("{at}.local_date"),
            format!(
                "{day:?} is not the day of completed_at at {offset} ({shown}); the date shown must be the day it was completed"
            ),
        ));
    }
    Ok(())
}
