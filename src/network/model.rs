//! The recovery network as data: entries (a person, a group, a place or
//! service) with the person's own view of each, the rules an entry keeps
//! (which questions belong to which kind, 1-5 ranges, names), and the
//! changes a review makes (add, update, remove) applied to a list of entries.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::store::names;
use crate::termtext;

/// The longest entry name, in characters (initials are fine).
pub const MAX_NAME_CHARS: usize = 80;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    Group,
    /// A place or service (a meeting, a clinic, housing support, work...).
    Place,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Group, Kind::Place];

    /// The stored and typed value: "person", "group", "place".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place",
        }
    }

    /// In words: "person", "group", "place or service".
    pub fn words(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place or service",
        }
    }

    /// "people", "groups", "places and services".
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Person => "people",
            Kind::Group => "groups",
            Kind::Place => "places and services",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether closeness, contact and role model are asked (people and groups).
    pub fn is_social(self) -> bool {
        matches!(self, Kind::Person | Kind::Group)
    }
}

/// Whether time with an entry supports the goals the person has chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    Supportive,
    Mixed,
    Unsupportive,
}

impl Support {
    pub const ALL: [Support; 3] = [Support::Supportive, Support::Mixed, Support::Unsupportive];

    pub fn as_str(self) -> &'static str {
        match self {
            Support::Supportive => "supportive",
            Support::Mixed => "mixed",
            Support::Unsupportive => "unsupportive",
        }
    }

    pub fn parse(s: &str) -> Option<Support> {
        Support::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How often the person and an entry are in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    Weekly,
    Monthly,
    Rarely,
}

impl Contact {
    pub const ALL: [Contact; 3] = [Contact::Weekly, Contact::Monthly, Contact::Rarely];

    pub fn as_str(self) -> &'static str {
        match self {
            Contact::Weekly => "weekly",
            Contact::Monthly => "monthly",
            Contact::Rarely => "rarely",
        }
    }

    pub fn parse(s: &str) -> Option<Contact> {
        Contact::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One question asked about an entry beyond its name, kind and support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Closeness,
    Belonging,
    Contact,
    RoleModel,
    Available,
    Reachable,
    Uses,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Closeness,
        Field::Belonging,
        Field::Contact,
        Field::RoleModel,
        Field::Available,
        Field::Reachable,
        Field::Uses,
    ];

    /// Whether the question is asked of this kind of entry.
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            Field::Closeness | Field::Contact | Field::RoleModel => kind.is_social(),
            Field::Belonging => kind == Kind::Group,
            Field::Available | Field::Reachable | Field::Uses => kind == Kind::Place,
        }
    }

    /// The command-line option that sets it.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Closeness => "--close",
            Field::Belonging => "--belong",
            Field::Contact => "--contact",
            Field::RoleModel => "--role-model",
            Field::Available => "--available",
            Field::Reachable => "--reachable",
            Field::Uses => "--use",
        }
    }

    /// In words, as a short label.
    pub fn words(self) -> &'static str {
        match self {
            Field::Closeness => "how close it is",
            Field::Belonging => "how much you feel part of it",
            Field::Contact => "how often you are in touch",
            Field::RoleModel => "role model",
            Field::Available => "available near you",
            Field::Reachable => "you can get there",
            Field::Uses => "you use it",
        }
    }

    /// Which kinds it is asked of, in words.
    pub fn asked_of(self) -> &'static str {
        match self {
            Field::Closeness | Field::Contact | Field::RoleModel => "people and groups",
            Field::Belonging => "groups",
            Field::Available | Field::Reachable | Field::Uses => "places and services",
        }
    }
}

/// One entry of the network as the person sees it at one review. `id`
/// stays the same from review to review; everything else may change.
/// Questions that do not apply to the entry's kind are `None` / `false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub support: Support,
    /// People and groups: how close (1-5).
    #[serde(default)]
    pub closeness: Option<u8>,
    /// Groups: how much the person feels part of it (1-5).
    #[serde(default)]
    pub belonging: Option<u8>,
    /// People and groups: how often in touch.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// People and groups: someone whose way of living the person looks to.
    #[serde(default)]
    pub role_model: bool,
    /// Places and services: available near the person.
    #[serde(default)]
    pub available: bool,
    /// Places and services: the person can get there.
    #[serde(default)]
    pub reachable: bool,
    /// Places and services: the person uses it.
    #[serde(default)]
    pub uses: bool,
}

/// Why a network change or an entry is not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkError {
    /// The name is empty, too long, or holds characters a terminal could act on.
    BadName(String),
    /// Another entry has this name (`same`: in other case at most) or one
    /// that looks the same.
    NameTaken {
        name: String,
        existing: String,
        same: bool,
    },
    /// No entry by this name (or id).
    NotFound(String),
    /// A 1-5 answer out of range.
    OutOfRange { field: Field, value: u8 },
    /// A question asked only of other kinds.
    NotFor {
        field: Field,
        name: String,
        kind: Kind,
    },
    /// Two entries with one id.
    DuplicateId(String),
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |n: &str| format!("{:?}", termtext::clean_line(n));
        match self {
            NetworkError::BadName(m) => write!(f, "{m}"),
            NetworkError::NameTaken {
                existing,
                same: true,
                ..
            } => write!(f, "{} is already in the network", shown(existing)),
            NetworkError::NameTaken { name, existing, .. } => write!(
                f,
                "{} would look like {} already in the network; choose a clearly different name",
                shown(name),
                shown(existing)
            ),
            NetworkError::NotFound(name) => {
                write!(f, "there is no {} in the network", shown(name))
            }
            NetworkError::OutOfRange { field, value } => write!(
                f,
                "{} ({}) is {value}; give a whole number from 1 to 5",
                field.words(),
                field.flag()
            ),
            NetworkError::NotFor { field, name, kind } => write!(
                f,
                "{} ({}) is asked only of {}; {} is a {}",
                field.words(),
                field.flag(),
                field.asked_of(),
                shown(name),
                kind.words()
            ),
            NetworkError::DuplicateId(id) => write!(f, "entry {id} appears twice"),
        }
    }
}

impl std::error::Error for NetworkError {}

/// The name as stored (trimmed, NFC), or why it cannot be an entry's name.
pub fn check_name(name: &str) -> Result<String, NetworkError> {
    let name = names::normalise(name);
    let bad = |m: String| Err(NetworkError::BadName(m));
    if name.is_empty() {
        return bad("a name is needed (initials are fine)".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return bad(format!(
            "a name must be at most {MAX_NAME_CHARS} characters, on one line (initials are fine)"
        ));
    }
    if let Some(c) = name.chars().find(|c| termtext::is_control(*c)) {
        return bad(format!(
            "a name cannot hold control characters such as line breaks or escapes (it holds {})",
            termtext::code_point(c)
        ));
    }
    if let Some(c) = name.chars().find(|c| termtext::is_bidi(*c)) {
        return bad(format!(
            "a name cannot hold bidi control characters, which change the order text is shown in (it holds {})",
            termtext::code_point(c)
        ));
    }
    if names::key(&name).trim().is_empty() {
        return bad("a name needs at least one visible character".into());
    }
    Ok(name)
}

impl Entry {
    /// A new entry with a fresh id; only name, kind and support answered.
    pub fn new(name: &str, kind: Kind, support: Support) -> Result<Entry, NetworkError> {
        Ok(Entry {
            id: uuid::Uuid::new_v4().to_string(),
            name: check_name(name)?,
            kind,
            support,
            closeness: None,
            belonging: None,
            contact: None,
            role_model: false,
            available: false,
            reachable: false,
            uses: false,
        })
    }

    /// Whether a question has an answer (a 1-5, a contact, or "yes").
    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::Closeness => self.closeness.is_some(),
            Field::Belonging => self.belonging.is_some(),
            Field::Contact => self.contact.is_some(),
            Field::RoleModel => self.role_model,
            Field::Available => self.available,
            Field::Reachable => self.reachable,
            Field::Uses => self.uses,
        }
    }

    /// Clears a question's answer.
    pub fn clear(&mut self, field: Field) {
        match field {
            Field::Closeness => self.closeness = None,
            Field::Belonging => self.belonging = None,
            Field::Contact => self.contact = None,
            Field::RoleModel => self.role_model = false,
            Field::Available => self.available = false,
            Field::Reachable => self.reachable = false,
            Field::Uses => self.uses = false,
        }
    }

    /// Changes the kind, clearing the answers that no longer apply;
    /// returns the questions cleared.
    pub fn set_kind(&mut self, kind: Kind) -> Vec<Field> {
        self.kind = kind;
        let mut cleared = Vec::new();
        for field in Field::ALL {
            if !field.applies_to(kind) && self.has(field) {
                self.clear(field);
                cleared.push(field);
            }
        }
        cleared
    }

    /// Checks the entry keeps the rules: a good name, answers in range,
    /// and only the questions its kind is asked.
    pub fn check(&self) -> Result<(), NetworkError> {
        let name = check_name(&self.name)?;
        if name != self.name {
            return Err(NetworkError::BadName(format!(
                "the name {:?} is not written as recap stores names (trimmed, NFC)",
                termtext::clean_line(&self.name)
            )));
        }
        for (field, value) in [
            (Field::Closeness, self.closeness),
            (Field::Belonging, self.belonging),
        ] {
            if let Some(v) = value
                && !(1..=5).contains(&v)
            {
                return Err(NetworkError::OutOfRange { field, value: v });
            }
        }
        for field in Field::ALL {
            if self.has(field) && !field.applies_to(self.kind) {
                return Err(NetworkError::NotFor {
                    field,
                    name: self.name.clone(),
                    kind: self.kind,
                });
            }
        }
        Ok(())
    }
}

/// What to change about an entry: `None` keeps the current answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pub name: Option<String>,
    pub kind: Option<Kind>,
    pub support: Option<Support>,
    pub closeness: Option<u8>,
    pub belonging: Option<u8>,
    pub contact: Option<Contact>,
    pub role_model: Option<bool>,
    pub available: Option<bool>,
    pub reachable: Option<bool>,
    pub uses: Option<bool>,
}

impl Patch {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == Patch::default()
    }

    /// The entry with the patch applied (and the questions cleared by a
    /// change of kind), checked.
    pub fn applied(&self, entry: &Entry) -> Result<(Entry, Vec<Field>), NetworkError> {
        let mut out = entry.clone();
        if let Some(name) = &self.name {
            out.name = check_name(name)?;
        }
        let cleared = match self.kind {
            Some(kind) if kind != out.kind => out.set_kind(kind),
            _ => Vec::new(),
        };
        if let Some(s) = self.support {
            out.support = s;
        }
        let set = |field: Field, given: bool| -> Result<(), NetworkError> {
            if given && !field.applies_to(out.kind) {
                return Err(NetworkError::NotFor {
                    field,
                    name: out.name.clone(),
                    kind: out.kind,
                });
            }
            Ok(())
        };
        set(Field::Closeness, self.closeness.is_some())?;
        set(Field::Belonging, self.belonging.is_some())?;
        set(Field::Contact, self.contact.is_some())?;
        set(Field::RoleModel, self.role_model.is_some())?;
        set(Field::Available, self.available.is_some())?;
        set(Field::Reachable, self.reachable.is_some())?;
        set(Field::Uses, self.uses.is_some())?;
        if let Some(v) = self.closeness {
            out.closeness = Some(v);
        }
        if let Some(v) = self.belonging {
            out.belonging = Some(v);
        }
        if let Some(v) = self.contact {
            out.contact = Some(v);
        }
        if let Some(v) = self.role_model {
            out.role_model = v;
        }
        if let Some(v) = self.available {
            out.available = v;
        }
        if let Some(v) = self.reachable {
            out.reachable = v;
        }
        if let Some(v) = self.uses {
            out.uses = v;
        }
        out.check()?;
        let cleared = cleared
            .into_iter()
            .filter(|f| !out.has(*f))
            .collect::<Vec<_>>();
        Ok((out, cleared))
    }
}

/// One change to the network, as a review records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new entry.
    Add(Entry),
    /// The entry with this id, as it is now.
    Update(Entry),
    /// The entry with this id leaves the network (earlier reviews keep it).
    Remove(String),
}

/// The entry whose name is `name` or looks like it (case, invisible or
/// look-alike characters), as profile names are matched.
pub fn find<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    let wanted = names::normalise(name);
    let lower = wanted.to_lowercase();
    entries
        .iter()
        .find(|e| e.name.to_lowercase() == lower)
        .or_else(|| {
            let key = names::key(&wanted);
            entries.iter().find(|e| names::key(&e.name) == key)
        })
}

/// Refuses a name that is, or looks like, another entry's (`except` is the
/// entry being renamed).
fn free(entries: &[Entry], name: &str, except: Option<&str>) -> Result<(), NetworkError> {
    let others = entries
        .iter()
        .filter(|e| Some(e.id.as_str()) != except)
        .map(|e| e.name.as_str());
    match names::clash(name, others) {
        None => Ok(()),
        Some(names::Clash::Same(existing)) => Err(NetworkError::NameTaken {
            name: name.to_string(),
            existing,
            same: true,
        }),
        Some(names::Clash::LooksLike(existing)) => Err(NetworkError::NameTaken {
            name: name.to_string(),
            existing,
            same: false,
        }),
    }
}

/// Applies one change to a review's entries (which keep their order; new
/// entries go last).
pub fn apply(entries: &mut Vec<Entry>, change: &Change) -> Result<(), NetworkError> {
    match change {
        Change::Add(entry) => {
            entry.check()?;
            if entries.iter().any(|e| e.id == entry.id) {
                return Err(NetworkError::DuplicateId(entry.id.clone()));
            }
            free(entries, &entry.name, None)?;
            entries.push(entry.clone());
        }
        Change::Update(entry) => {
            entry.check()?;
            let Some(at) = entries.iter().position(|e| e.id == entry.id) else {
                return Err(NetworkError::NotFound(entry.name.clone()));
            };
            free(entries, &entry.name, Some(&entry.id))?;
            entries[at] = entry.clone();
        }
        Change::Remove(id) => {
            let Some(at) = entries.iter().position(|e| e.id == *id) else {
                return Err(NetworkError::NotFound(id.clone()));
            };
            entries.remove(at);
        }
    }
    Ok(())
}

/// Checks a whole review's entries: each keeps the rules, ids and names
/// are unique (names also by how they look).
pub fn check_all(entries: &[Entry]) -> Result<(), (usize, NetworkError)> {
    for (i, entry) in entries.iter().enumerate() {
        entry.check().map_err(|e| (i, e))?;
        let before = &entries[..i];
        if before.iter().any(|e| e.id == entry.id) {
            return Err((i, NetworkError::DuplicateId(entry.id.clone())));
        }
        free(before, &entry.name, None).map_err(|e| (i, e))?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn person(name: &str) -> Entry {
        Entry::new(name, Kind::Person, Support::Supportive).unwrap()
    }

    #[test]
    fn names_are_checked_like_profile_names() {
        assert_eq!(check_name("  Ame\u{301}lie ").unwrap(), "Am\u{e9}lie");
        assert!(check_name("").is_err());
        assert!(check_name(&"x".repeat(80)).is_ok());
        assert!(
            check_name(&"x".repeat(81))
                .unwrap_err()
                .to_string()
                .contains("80")
        );
        assert!(
            check_name("a\x1b[2J")
                .unwrap_err()
                .to_string()
                .contains("U+001B")
        );
        assert!(
            check_name("A\u{202E}")
                .unwrap_err()
                .to_string()
                .contains("bidi")
        );
        assert!(check_name("\u{200B}").is_err());
    }

    #[test]
    fn questions_belong_to_their_kinds() {
        let mut e = person("J");
        e.belonging = Some(4);
        assert!(matches!(
            e.check(),
            Err(NetworkError::NotFor {
                field: Field::Belonging,
                ..
            })
        ));
        let mut place = Entry::new("Clinic", Kind::Place, Support::Supportive).unwrap();
        place.uses = true;
        assert!(place.check().is_ok());
        place.role_model = true;
        assert!(place.check().is_err());
        let mut g = Entry::new("Team", Kind::Group, Support::Mixed).unwrap();
        g.closeness = Some(6);
        assert_eq!(
            g.check(),
            Err(NetworkError::OutOfRange {
                field: Field::Closeness,
                value: 6
            })
        );
    }

    #[test]
    fn a_patch_changes_only_what_it_names_and_a_new_kind_clears_what_no_longer_applies() {
        let mut e = person("J");
        e.closeness = Some(3);
        e.contact = Some(Contact::Weekly);
        e.role_model = true;
        let patch = Patch {
            support: Some(Support::Mixed),
            ..Patch::default()
        };
        let (out, cleared) = patch.applied(&e).unwrap();
        assert_eq!(out.support, Support::Mixed);
        assert_eq!(out.closeness, Some(3));
        assert!(cleared.is_empty());

        let to_place = Patch {
            kind: Some(Kind::Place),
            uses: Some(true),
            ..Patch::default()
        };
        let (out, cleared) = to_place.applied(&e).unwrap();
        assert_eq!(
            cleared,
            vec![Field::Closeness, Field::Contact, Field::RoleModel]
        );
        assert!(out.uses && out.closeness.is_none() && !out.role_model);

        let wrong = Patch {
            belonging: Some(4),
            ..Patch::default()
        };
        assert!(matches!(
            wrong.applied(&e),
            Err(NetworkError::NotFor {
                field: Field::Belonging,
                kind: Kind::Person,
                ..
            })
        ));
    }

    #[test]
    fn names_are_unique_by_how_they_look() {
        let mut entries = vec![person("Sam")];
        let err = apply(&mut entries, &Change::Add(person("sam"))).unwrap_err();
        assert!(matches!(err, NetworkError::NameTaken { .. }));
        // Cyrillic "а" looks like Latin "a".
        let err = apply(&mut entries, &Change::Add(person("S\u{430}m"))).unwrap_err();
        assert!(err.to_string().contains("look like"), "{err}");
        apply(&mut entries, &Change::Add(person("Sami"))).unwrap();
        assert_eq!(find(&entries, "SAMI").unwrap().name, "Sami");
        assert!(find(&entries, "Jo").is_none());
        // Renaming an entry to its own name in other case is fine.
        let mut renamed = entries[0].clone();
        renamed.name = "SAM".into();
        apply(&mut entries, &Change::Update(renamed)).unwrap();
        assert_eq!(entries[0].name, "SAM");
        let id = entries[1].id.clone();
        apply(&mut entries, &Change::Remove(id.clone())).unwrap();
        assert_eq!(entries.len(), 1);
        assert!(apply(&mut entries, &Change::Remove(id)).is_err());
    }

    #[test]
    fn check_all_finds_duplicates() {
        let a = person("A");
        let mut b = person("B");
        assert!(check_all(&[a.clone(), b.clone()]).is_ok());
        b.id = a.id.clone();
        assert_eq!(check_all(&[a.clone(), b]).unwrap_err().0, 1);
        assert!(check_all(&[a.clone(), person("a")]).is_err());
    }
}
