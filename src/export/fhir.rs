//! The FHIR R4 export: one `Bundle` (type `collection`) with a `Patient` per profile (its client id as `identifier`), a `Practitioner` for the counselor, a `Questionnaire` per questionnaire version used, a `QuestionnaireResponse` per completed check-in with an `Observation` per score, and shared notes as `Communication`s when asked, written entry by entry; every resource about a person carries confidentiality labels.
//!
//! Canonical URLs live under `https://recap.invalid/fhir` (`.invalid` is
//! reserved and never resolves, so nothing is ever looked up):
//! - questionnaire `ID`: `https://recap.invalid/fhir/Questionnaire/ID`, with
//!   `version` the questionnaire file's version; responses point to it as
//!   `URL|VERSION`. When one export holds different texts under the same id
//!   and version (a file edited without raising its version), each text gets
//!   the version `VERSION+sha256.HASH` (the first 12 hex digits of its hash);
//! - answer options of scale `SCALE` of questionnaire `ID`:
//!   `https://recap.invalid/fhir/CodeSystem/ID/SCALE`, code = the stored value;
//! - whether a check-in was done with a counselor: the extension
//!   `https://recap.invalid/fhir/StructureDefinition/with-counselor`;
//! - the scores of questionnaire `ID`: `https://recap.invalid/fhir/ScoreCodes/ID`,
//!   code = the score's id.
//!
//! Each score with a value is an `Observation` (status `final`, category
//! `survey`) from the check-in's result model (`outcome`): `valueQuantity`
//! the score, `interpretation` its band (with the band's source as a note),
//! `derivedFrom` the `QuestionnaireResponse`, written right after it.
//!
//! Item types: choice items are `choice` (answers `valueCoding`), yes/no
//! items `boolean`, number items `integer` (or `decimal` when their range
//! goes beyond 32 bits), free text `text` (answers `valueString`; empty text
//! is no answer). Unanswered items are left out of a response.
//!
//! Recovery-network reviews are responses of recap's network questionnaire
//! with a repeating group per entry (see `network`).
//!
//! Identity and authorship: a profile's client id is the Patient's
//! `identifier` (system: `client_id_system` from `[counselor]` in
//! config.toml, else `https://recap.invalid/fhir/client-id`). The counselor
//! named in config.toml is a `Practitioner`, the `author` of every response
//! done together with a counselor; the person is every response's `source`.
//! A shared note (only with `--with-notes`) is a `Communication` (status
//! `completed`) from its author (a `Practitioner`; the Patient for a
//! person's own note) about the person, `about` its check-in's response.
//!
//! Security labels (`meta.security`) on the Bundle and on every Patient,
//! Practitioner, QuestionnaireResponse, Observation and Communication: the
//! confidentiality code `R` (restricted) of
//! `http://terminology.hl7.org/CodeSystem/v3-Confidentiality`, and from
//! `http://terminology.hl7.org/CodeSystem/v3-ActCode` the sensitivity `ETH`
//! (substance abuse information sensitivity) and the policy `42CFRPart2`
//! (42 CFR Part 2), since recap's check-ins are about recovery from
//! substance use.
//!
//! Every entry's `fullUrl` is `urn:uuid:UUID` and its resource `id` the same
//! UUID: a profile's and a session's own UUID, and for a questionnaire text a
//! UUID made from its hash. References (`subject`) use those `urn:uuid:`
//! URLs, so they resolve inside the Bundle.

pub mod goals;
pub mod network;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

use super::{ExportResult, flush};
use crate::instrument::{AnswerValue, Instrument, Response};
use crate::store::{DumpFilter, DumpProfile, DumpSession, Status, Store, StoreError};

/// The root of recap's canonical URLs.
pub const BASE: &str = "https://recap.invalid/fhir";

/// The extension saying a check-in was done together with a counselor.
pub const WITH_COUNSELOR: &str = "https://recap.invalid/fhir/StructureDefinition/with-counselor";

/// The identifier system of client ids when config.toml names none.
pub const CLIENT_ID_SYSTEM: &str = "https://recap.invalid/fhir/client-id";

/// HL7's confidentiality codes.
pub const CONFIDENTIALITY: &str = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

/// HL7's act codes (information sensitivity and privacy policies).
pub const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

/// What the export adds from config.toml and the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The `[counselor]` table: the Practitioner, the client id system.
    pub counselor: Option<crate::config::Counselor>,
    /// Add shared notes as `Communication`s (`--with-notes`).
    pub notes: bool,
}

/// The labels on every resource about a person: restricted, substance use
/// information, 42 CFR Part 2.
pub fn security_labels() -> Vec<Coding> {
    vec![
        Coding {
            system: CONFIDENTIALITY.into(),
            code: "R".into(),
            display: Some("restricted".into()),
        },
        Coding {
            system: ACT_CODE.into(),
            code: "ETH".into(),
            display: Some("substance abuse information sensitivity".into()),
        },
        Coding {
            system: ACT_CODE.into(),
            code: "42CFRPart2".into(),
            display: Some("42 CFR Part2".into()),
        },
    ]
}

/// `meta` with the security labels.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub security: Vec<Coding>,
}

fn labelled() -> Meta {
    Meta {
        security: security_labels(),
    }
}

/// Percent-encodes everything but unreserved URL characters.
fn url_part(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The canonical URL of a questionnaire (all versions).
pub fn questionnaire_url(questionnaire_id: &str) -> String {
    format!("{BASE}/Questionnaire/{}", url_part(questionnaire_id))
}

/// The code system of one scale's answer options.
pub fn code_system_url(questionnaire_id: &str, scale: &str) -> String {
    format!(
        "{BASE}/CodeSystem/{}/{}",
        url_part(questionnaire_id),
        url_part(scale)
    )
}

/// The code system of a questionnaire's scores.
pub fn score_system_url(questionnaire_id: &str) -> String {
    format!("{BASE}/ScoreCodes/{}", url_part(questionnaire_id))
}

/// A lowercase hyphenated UUID: the text itself when it is a UUID, else one
/// made from its SHA-256 (so the same text always gives the same UUID).
pub fn uuid_for(text: &str) -> String {
    match uuid::Uuid::parse_str(text) {
        Ok(u) => u.hyphenated().to_string(),
        Err(_) => derived_uuid(text),
    }
}

fn derived_uuid(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// The version written for each snapshot hash (see the module notes).
fn version_labels(snapshots: &[(String, String, u32)]) -> HashMap<String, String> {
    let mut per_version: HashMap<(&str, u32), usize> = HashMap::new();
    for (_, id, version) in snapshots {
        *per_version.entry((id.as_str(), *version)).or_default() += 1;
    }
    snapshots
        .iter()
        .map(|(hash, id, version)| {
            let label = if per_version.get(&(id.as_str(), *version)).copied() > Some(1) {
                format!("{version}+sha256.{}", hash.get(..12).unwrap_or(hash))
            } else {
                version.to_string()
            };
            (hash.clone(), label)
        })
        .collect()
}

/// Text with something in it, trimmed (FHIR forbids empty strings).
fn text(t: &str) -> Option<String> {
    Some(t.trim().to_string()).filter(|t| !t.is_empty())
}

/// `Patient`: the profile's client id and name, nothing else.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Identifier {
    #[serde(rename = "use")]
    pub kind: &'static str,
    pub system: String,
    pub value: String,
}

/// `Practitioner`: the counselor (or a note's author), by name.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Practitioner {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    pub name: Vec<HumanName>,
}

/// `Communication`: a shared note.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Communication {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    pub status: &'static str,
    pub subject: Reference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Reference>,
    pub sent: String,
    pub sender: Reference,
    pub payload: Vec<Payload>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    pub content_string: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HumanName {
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub resource_type: &'static str,
    pub id: String,
    pub url: String,
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub status: &'static str,
    pub subject_type: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// R4 `Questionnaire.purpose`: the questionnaire's notice from the
    /// result model (for a reflective check-in, that it is not a clinical
    /// measure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    pub link_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub required: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    pub value_coding: Coding,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coding {
    pub system: String,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub questionnaire: String,
    pub status: &'static str,
    pub subject: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// The counselor, for a check-in done together with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Reference>,
    /// The person who answered.
    pub source: Reference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    pub url: &'static str,
    pub value_boolean: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub reference: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    pub link_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub answer: Vec<Answer>,
}

/// One answer, named by its type as FHIR JSON wants (`{"valueCoding": ...}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Answer {
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    /// A whole number within FHIR's 32-bit `integer` range.
    #[serde(rename = "valueInteger")]
    Integer(i64),
    /// A whole number of an item whose range goes beyond 32 bits.
    #[serde(rename = "valueDecimal")]
    Decimal(i64),
    #[serde(rename = "valueString")]
    String(String),
}

/// `Observation`: one score of a completed check-in.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    pub status: &'static str,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    pub value_quantity: Quantity,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    pub derived_from: Vec<Reference>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeableConcept {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quantity {
    pub value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    pub text: String,
}

/// The `Observation`s of a completed check-in: one per score with a value,
/// from its result model, derived from the response `response_id`.
pub fn observations(
    outcome: &crate::outcome::Outcome,
    patient: &str,
    response_id: &str,
    authored: Option<&str>,
) -> Vec<Observation> {
    let session = outcome.session_id.as_deref().unwrap_or(response_id);
    outcome
        .scores
        .iter()
        .filter_map(|s| {
            let value = s.value?;
            Some(Observation {
                resource_type: "Observation",
                id: derived_uuid(&format!("observation:{session}:{}", s.id)),
                meta: labelled(),
                status: "final",
                category: vec![CodeableConcept {
                    coding: vec![Coding {
                        system: "http://terminology.hl7.org/CodeSystem/observation-category".into(),
                        code: "survey".into(),
                        display: Some("Survey".into()),
                    }],
                    text: None,
                }],
                code: CodeableConcept {
                    coding: vec![Coding {
                        system: score_system_url(&outcome.questionnaire.id),
                        code: s.id.clone(),
                        display: text(&s.label),
                    }],
                    text: text(&s.label),
                },
                subject: Reference {
                    reference: format!("urn:uuid:{patient}"),
                    kind: "Patient",
                },
                effective_date_time: authored.map(str::to_string),
                value_quantity: Quantity { value },
                interpretation: s
                    .band
                    .iter()
                    .filter_map(|b| text(&b.label))
                    .map(|t| CodeableConcept {
                        coding: Vec::new(),
                        text: Some(t),
                    })
                    .collect(),
                note: s
                    .band
                    .iter()
                    .filter_map(|b| text(&b.source))
                    .map(|t| Annotation { text: t })
                    .collect(),
                derived_from: vec![Reference {
                    reference: format!("urn:uuid:{response_id}"),
                    kind: "QuestionnaireResponse",
                }],
            })
        })
        .collect()
}

/// A Bundle entry: `fullUrl` is `urn:uuid:` and the resource's id.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry<T> {
    pub full_url: String,
    pub resource: T,
}

fn entry<T>(id: &str, resource: T) -> Entry<T> {
    Entry {
        full_url: format!("urn:uuid:{id}"),
        resource,
    }
}

/// The `Patient` for a profile: its client id (under `system`) and name.
pub fn patient(profile: &DumpProfile, system: &str) -> Patient {
    Patient {
        resource_type: "Patient",
        id: uuid_for(&profile.uuid),
        meta: labelled(),
        identifier: profile
            .client_id
            .iter()
            .filter_map(|id| text(id))
            .map(|value| Identifier {
                kind: "usual",
                system: system.to_string(),
                value,
            })
            .collect(),
        name: text(&profile.name)
            .map(|text| HumanName { text })
            .into_iter()
            .collect(),
    }
}

/// The id of the `Practitioner` for a name (the same name, the same id).
pub fn practitioner_id(name: &str) -> String {
    derived_uuid(&format!("practitioner:{}", name.trim()))
}

/// The `Practitioner` named `name`.
pub fn practitioner(name: &str) -> Practitioner {
    Practitioner {
        resource_type: "Practitioner",
        id: practitioner_id(name),
        meta: labelled(),
        name: vec![HumanName {
            text: name.trim().to_string(),
        }],
    }
}

/// The `Communication` for a shared note; `about` is its check-in's
/// response when that is in the Bundle.
pub fn communication(note: &crate::store::DumpNote, about: Option<&str>) -> Communication {
    let patient = Reference {
        reference: format!("urn:uuid:{}", uuid_for(&note.profile_uuid)),
        kind: "Patient",
    };
    let sender = match note.author.as_deref().and_then(text) {
        Some(name) => Reference {
            reference: format!("urn:uuid:{}", practitioner_id(&name)),
            kind: "Practitioner",
        },
        None => patient.clone(),
    };
    Communication {
        resource_type: "Communication",
        id: derived_uuid(&format!("communication:{}", note.id)),
        meta: labelled(),
        status: "completed",
        subject: patient,
        about: about
            .map(|qr| Reference {
                reference: format!("urn:uuid:{qr}"),
                kind: "QuestionnaireResponse",
            })
            .into_iter()
            .collect(),
        sent: note.created_at.clone(),
        sender,
        payload: vec![Payload {
            content_string: note.body.clone(),
        }],
    }
}

/// Whether a number item's whole range fits FHIR's 32-bit `integer`.
fn fits_integer(response: &Response) -> bool {
    match response {
        Response::Number { min, max, .. } => {
            i32::try_from(*min).is_ok() && i32::try_from(*max).is_ok()
        }
        _ => true,
    }
}

fn item_type(response: &Response) -> &'static str {
    match response {
        Response::Choice { .. } => "choice",
        Response::YesNo => "boolean",
        Response::Number { .. } if fits_integer(response) => "integer",
        Response::Number { .. } => "decimal",
        Response::Text => "text",
    }
}

/// The `Questionnaire` for one stored questionnaire text.
pub fn questionnaire(instrument: &Instrument, hash: &str, version: &str) -> Questionnaire {
    let copyright = [instrument.terms.as_deref(), instrument.citation.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(text)
        .collect::<Vec<_>>()
        .join("\n\n");
    Questionnaire {
        resource_type: "Questionnaire",
        id: derived_uuid(&format!("questionnaire:{hash}")),
        url: questionnaire_url(&instrument.id),
        version: version.to_string(),
        title: text(&instrument.title),
        status: "active",
        subject_type: vec!["Patient"],
        description: text(&instrument.description),
        purpose: crate::outcome::build::about(instrument)
            .notice
            .as_deref()
            .and_then(text),
        copyright: text(&copyright),
        item: instrument
            .items
            .iter()
            .map(|item| QuestionnaireItem {
                link_id: item.id.clone(),
                text: text(&item.text),
                kind: item_type(&item.response),
                required: item.required,
                answer_option: match &item.response {
                    Response::Choice { scale, options } => options
                        .iter()
                        .map(|o| AnswerOption {
                            value_coding: Coding {
                                system: code_system_url(&instrument.id, scale),
                                code: o.value.to_string(),
                                display: text(&o.label),
                            },
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect(),
    }
}

/// One stored answer as a FHIR answer, following the item's type. Empty
/// text is no answer.
pub fn answer(instrument: &Instrument, item_id: &str, value: &AnswerValue) -> Option<Answer> {
    let item = instrument.item(item_id);
    match (value, item.map(|i| &i.response)) {
        (AnswerValue::Text(t), _) => (!t.trim().is_empty()).then(|| Answer::String(t.clone())),
        (AnswerValue::Number(n), Some(Response::YesNo)) => Some(Answer::Boolean(*n != 0)),
        (AnswerValue::Number(n), Some(Response::Choice { scale, options })) => {
            Some(Answer::Coding(Coding {
                system: code_system_url(&instrument.id, scale),
                code: n.to_string(),
                display: options
                    .iter()
                    .find(|o| o.value == *n)
                    .and_then(|o| text(&o.label)),
            }))
        }
        (AnswerValue::Number(n), Some(r)) if !fits_integer(r) => Some(Answer::Decimal(*n)),
        (AnswerValue::Number(n), _) => match i32::try_from(*n) {
            Ok(_) => Some(Answer::Integer(*n)),
            Err(_) => Some(Answer::Decimal(*n)),
        },
    }
}

/// The `QuestionnaireResponse` for one completed session (`amended` when
/// an answer was corrected after it was completed).
pub fn questionnaire_response(
    session: &DumpSession,
    instrument: &Instrument,
    version: &str,
    counselor: Option<&str>,
) -> QuestionnaireResponse {
    // In the questionnaire's item order; answers to unknown items after, by id.
    let mut answers: Vec<(usize, &str, &AnswerValue)> = session
        .answers
        .iter()
        .map(|a| {
            (
                instrument.item_index(&a.item_id).unwrap_or(usize::MAX),
                a.item_id.as_str(),
                &a.value,
            )
        })
        .collect();
    answers.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let patient = Reference {
        reference: format!("urn:uuid:{}", uuid_for(&session.profile_uuid)),
        kind: "Patient",
    };
    QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        id: uuid_for(&session.id),
        meta: labelled(),
        extension: if session.with_counselor {
            vec![Extension {
                url: WITH_COUNSELOR,
                value_boolean: true,
            }]
        } else {
            Vec::new()
        },
        questionnaire: format!("{}|{version}", questionnaire_url(&instrument.id)),
        // A check-in whose answers were corrected afterwards is `amended`.
        status: if session.amendments.is_empty() {
            "completed"
        } else {
            "amended"
        },
        subject: patient.clone(),
        author: counselor
            .filter(|_| session.with_counselor)
            .and_then(text)
            .map(|name| Reference {
                reference: format!("urn:uuid:{}", practitioner_id(&name)),
                kind: "Practitioner",
            }),
        source: patient,
        // In the person's zone, with the offset kept with the check-in.
        authored: session
            .completed_at
            .as_deref()
            .and_then(|t| crate::store::parse_timestamp(t).ok())
            .map(|t| {
                let offset = session
                    .utc_offset
                    .as_deref()
                    .and_then(crate::timefmt::parse_offset);
                crate::timefmt::Zone::Local.timestamp(crate::timefmt::Lived::new(t, offset))
            }),
        item: answers
            .into_iter()
            .filter_map(|(_, item_id, value)| {
                Some(ResponseItem {
                    link_id: item_id.to_string(),
                    text: instrument.item(item_id).and_then(|i| text(&i.text)),
                    answer: vec![answer(instrument, item_id, value)?],
                })
            })
            .collect(),
    }
}

/// Writes the part of the database that `filter` selects as a FHIR R4
/// Bundle (pretty JSON). Check-ins are read and written one at a time.
pub fn write<W: Write>(
    store: &Store,
    filter: &DumpFilter,
    now: DateTime<Utc>,
    out: &mut W,
) -> ExportResult<()> {
    write_with(store, filter, &Options::default(), now, out)
}

/// `write` with the counselor from config.toml and, when asked, the shared
/// notes.
pub fn write_with<W: Write>(
    store: &Store,
    filter: &DumpFilter,
    options: &Options,
    now: DateTime<Utc>,
    out: &mut W,
) -> ExportResult<()> {
    let profiles = store.dump_profiles(filter)?;
    // Shared notes only, never deleted ones.
    let mut notes = Vec::new();
    if options.notes {
        let shared = DumpFilter {
            shared_notes_only: true,
            ..filter.clone()
        };
        store.dump_notes_each(&shared, |n| {
            notes.push(n);
            Ok::<_, StoreError>(())
        })?;
    }
    let counselor = options
        .counselor
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .and_then(text);
    let mut practitioners: Vec<String> = counselor.iter().cloned().collect();
    for name in notes
        .iter()
        .filter_map(|n| n.author.as_deref().and_then(text))
    {
        if !practitioners.contains(&name) {
            practitioners.push(name);
        }
    }
    let system = options
        .counselor
        .as_ref()
        .and_then(|c| c.client_id_system.clone())
        .unwrap_or_else(|| CLIENT_ID_SYSTEM.to_string());
    let snapshots: Vec<(String, String, u32)> = store
        .dump_snapshots(filter)?
        .into_iter()
        .map(|s| (s.hash, s.questionnaire_id, s.version))
        .collect();
    let bundle = BundleDoc {
        store,
        filter,
        now,
        profiles,
        system,
        counselor,
        practitioners,
        notes,
        responses: RefCell::new(std::collections::HashSet::new()),
        observations: RefCell::new(std::collections::HashSet::new()),
        versions: version_labels(&snapshots),
        used: RefCell::new(BTreeMap::new()),
        failure: RefCell::new(None),
    };
    let result = serde_json::to_writer_pretty(&mut *out, &bundle);
    if let Some(e) = bundle.failure.take() {
        return Err(e.into());
    }
    result?;
    out.write_all(b"\n")?;
    flush(out)
}

/// The Bundle as written: patients first, then one response per completed
/// check-in as it is read, then the questionnaires those responses used.
struct BundleDoc<'a> {
    store: &'a Store,
    filter: &'a DumpFilter,
    now: DateTime<Utc>,
    profiles: Vec<DumpProfile>,
    /// The identifier system of client ids.
    system: String,
    /// The counselor's name: author of responses done together.
    counselor: Option<String>,
    /// Practitioners written: the counselor and the notes' authors.
    practitioners: Vec<String>,
    /// Shared notes to write as Communications.
    notes: Vec<crate::store::DumpNote>,
    /// The ids of the responses written (what a note may be about).
    responses: RefCell<std::collections::HashSet<String>>,
    /// The ids of the Observations written (what a goal may address).
    observations: RefCell<std::collections::HashSet<String>>,
    /// Snapshot hash -> version written.
    versions: HashMap<String, String>,
    /// Questionnaire texts used, by (id, version written, hash).
    used: RefCell<BTreeMap<(String, String, String), Rc<Instrument>>>,
    failure: RefCell<Option<StoreError>>,
}

impl BundleDoc<'_> {
    fn fail<E: serde::ser::Error>(&self, e: StoreError) -> E {
        let message = e.to_string();
        *self.failure.borrow_mut() = Some(e);
        E::custom(message)
    }

    /// A completed session's result model, scored from its answers.
    fn outcome(
        &self,
        session: &DumpSession,
        instrument: &Instrument,
    ) -> Result<crate::outcome::Outcome, StoreError> {
        let answers: crate::instrument::Answers = session
            .answers
            .iter()
            .map(|a| (a.item_id.clone(), a.value.clone()))
            .collect();
        let scoring = crate::instrument::score(instrument, &answers);
        let at = session
            .completed_at
            .as_deref()
            .unwrap_or(&session.started_at);
        let done = crate::outcome::Done {
            instrument,
            answers: &answers,
            scoring: &scoring,
            session_id: Some(&session.id),
            completed_at: crate::store::parse_timestamp(at)?,
            with_counselor: session.with_counselor,
        };
        let none: &[crate::outcome::Point] = &[];
        Ok(crate::outcome::build(
            &done,
            none,
            0,
            &crate::config::Support::default(),
        ))
    }

    fn version(&self, session: &DumpSession) -> String {
        self.versions
            .get(&session.snapshot_hash)
            .cloned()
            .unwrap_or_else(|| session.questionnaire_version.to_string())
    }
}

impl Serialize for BundleDoc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("resourceType", "Bundle")?;
        map.serialize_entry("id", &uuid::Uuid::new_v4().hyphenated().to_string())?;
        map.serialize_entry("meta", &labelled())?;
        map.serialize_entry("type", "collection")?;
        map.serialize_entry("timestamp", &crate::store::timestamp(self.now))?;
        // Sessions belong to profiles: no profile, nothing to list (and FHIR
        // allows no empty arrays).
        if !self.profiles.is_empty() {
            map.serialize_entry("entry", &Entries(self))?;
        }
        map.end()
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

struct Entries<'a>(&'a BundleDoc<'a>);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let doc = self.0;
        let mut seq = s.serialize_seq(None)?;
        for p in &doc.profiles {
            let resource = patient(p, &doc.system);
            seq.serialize_element(&entry(&resource.id.clone(), resource))?;
        }
        for name in &doc.practitioners {
            let resource = practitioner(name);
            seq.serialize_element(&entry(&resource.id.clone(), resource))?;
        }
        let result = doc.store.dump_sessions_each(doc.filter, |session| {
            // Completed check-ins only; none from the trash.
            if session.status != Status::Completed || session.deleted_at.is_some() {
                return Ok(());
            }
            let instrument = doc.store.snapshot_instrument(&session.snapshot_hash)?;
            let version = doc.version(&session);
            let resource =
                questionnaire_response(&session, &instrument, &version, doc.counselor.as_deref());
            doc.responses.borrow_mut().insert(resource.id.clone());
            let outcome = doc.outcome(&session, &instrument)?;
            let scores = observations(
                &outcome,
                &uuid_for(&session.profile_uuid),
                &resource.id,
                resource.authored.as_deref(),
            );
            doc.used.borrow_mut().insert(
                (
                    instrument.id.clone(),
                    version,
                    session.snapshot_hash.clone(),
                ),
                instrument,
            );
            seq.serialize_element(&entry(&resource.id.clone(), resource))
                .map_err(Step::Write)?;
            for o in scores {
                doc.observations.borrow_mut().insert(o.id.clone());
                seq.serialize_element(&entry(&o.id.clone(), o))
                    .map_err(Step::Write)?;
            }
            Ok(())
        });
        match result
            .and_then(|()| network::write_reviews(doc, &mut seq))
            .and_then(|()| goals::write_goals(doc, &mut seq))
        {
            Ok(()) => {}
            Err(Step::Write(e)) => return Err(e),
            Err(Step::Store(e)) => return Err(doc.fail(e)),
        }
        for note in &doc.notes {
            let about = note
                .session_id
                .as_deref()
                .map(uuid_for)
                .filter(|id| doc.responses.borrow().contains(id));
            let resource = communication(note, about.as_deref());
            seq.serialize_element(&entry(&resource.id.clone(), resource))?;
        }
        for ((_, version, hash), instrument) in doc.used.borrow().iter() {
            let resource = questionnaire(instrument, hash, version);
            seq.serialize_element(&entry(&resource.id.clone(), resource))?;
        }
        seq.end()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_ids_are_safe() {
        assert_eq!(
            questionnaire_url("who-5"),
            "https://recap.invalid/fhir/Questionnaire/who-5"
        );
        assert_eq!(
            code_system_url("my_q", "true 5/é"),
            "https://recap.invalid/fhir/CodeSystem/my_q/true%205%2F%C3%A9"
        );
        let u = "6C3F8A2E-1111-4111-8111-111111111111";
        assert_eq!(uuid_for(u), u.to_lowercase());
        let d = uuid_for("not a uuid");
        assert_eq!(d, uuid_for("not a uuid"));
        assert!(uuid::Uuid::parse_str(&d).is_ok());
    }

    #[test]
    fn shared_versions_get_the_hash() {
        let labels = version_labels(&[
            ("aaaaaaaaaaaaaaaa".into(), "q".into(), 1),
            ("bbbbbbbbbbbbbbbb".into(), "q".into(), 1),
            ("cccccccccccccccc".into(), "q".into(), 2),
        ]);
        assert_eq!(labels["aaaaaaaaaaaaaaaa"], "1+sha256.aaaaaaaaaaaa");
        assert_eq!(labels["bbbbbbbbbbbbbbbb"], "1+sha256.bbbbbbbbbbbb");
        assert_eq!(labels["cccccccccccccccc"], "2");
    }
}
