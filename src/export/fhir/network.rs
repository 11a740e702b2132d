//! Recovery-network reviews in the FHIR export: each review is a
//! `QuestionnaireResponse` (status `completed`, `authored` its last change
//! in the person's zone) of recap's own network `Questionnaire`
//! (`https://recap.invalid/fhir/Questionnaire/recap-network`, version 1),
//! whose repeating group `entry` holds one entry's answers: its id (the same
//! entry in every review), name, kind, support, and the questions asked of
//! its kind. Choices use the code systems
//! `https://recap.invalid/fhir/CodeSystem/recap-network/{kind,support,contact}`.
//! The Questionnaire is written once, after the responses, when there is one.

use serde::Serialize;
use serde::ser::SerializeSeq;

use super::{
    Answer, AnswerOption, BundleDoc, Coding, Reference, Step, code_system_url, derived_uuid, entry,
    questionnaire_url, uuid_for,
};
use crate::network::{Contact, Entry, Field, Kind, Support};
use crate::store::DumpNetworkReview;

/// The network questionnaire's id and version.
pub const QUESTIONNAIRE_ID: &str = "recap-network";
pub const VERSION: &str = "1";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkQuestionnaire {
    pub resource_type: &'static str,
    pub id: String,
    pub url: String,
    pub version: &'static str,
    pub title: &'static str,
    pub status: &'static str,
    pub subject_type: Vec<&'static str>,
    pub description: &'static str,
    pub item: Vec<QuestionItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionItem {
    pub link_id: &'static str,
    pub text: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeats: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkResponse {
    pub resource_type: &'static str,
    pub id: String,
    pub questionnaire: String,
    pub status: &'static str,
    pub subject: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<AnswerItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerItem {
    pub link_id: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Answer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<AnswerItem>,
}

fn coding(scale: &str, code: &str, display: &str) -> Coding {
    Coding {
        system: code_system_url(QUESTIONNAIRE_ID, scale),
        code: code.to_string(),
        display: Some(display.to_string()),
    }
}

fn kind_coding(k: Kind) -> Coding {
    coding("kind", k.as_str(), k.words())
}

fn support_coding(s: Support) -> Coding {
    coding("support", s.as_str(), crate::network::words::support(s))
}

fn contact_coding(c: Contact) -> Coding {
    coding("contact", c.as_str(), c.as_str())
}

fn question(
    link_id: &'static str,
    text: &'static str,
    kind: &'static str,
    required: bool,
    options: Vec<Coding>,
) -> QuestionItem {
    QuestionItem {
        link_id,
        text,
        kind,
        required,
        repeats: false,
        answer_option: options
            .into_iter()
            .map(|value_coding| AnswerOption { value_coding })
            .collect(),
        item: Vec::new(),
    }
}

/// The network `Questionnaire`.
pub fn questionnaire() -> NetworkQuestionnaire {
    let entry = QuestionItem {
        link_id: "entry",
        text: "An entry of the network: a person, a group, or a place or service",
        kind: "group",
        required: false,
        repeats: true,
        answer_option: Vec::new(),
        item: vec![
            question(
                "entry-id",
                "The entry's id (the same entry in every review)",
                "string",
                true,
                Vec::new(),
            ),
            question(
                "name",
                "Name (initials are fine)",
                "string",
                true,
                Vec::new(),
            ),
            question(
                "kind",
                "Person, group, or place or service",
                "choice",
                true,
                Kind::ALL.into_iter().map(kind_coding).collect(),
            ),
            question(
                "support",
                "Does time with it support the goals I have chosen?",
                "choice",
                true,
                Support::ALL.into_iter().map(support_coding).collect(),
            ),
            question(
                "closeness",
                "People and groups: how close, from 1 (not close) to 5 (very close)",
                "integer",
                false,
                Vec::new(),
            ),
            question(
                "belonging",
                "Groups: how much I feel part of it, from 1 (not at all) to 5 (very much)",
                "integer",
                false,
                Vec::new(),
            ),
            question(
                "contact",
                "People and groups: how often we are in touch",
                "choice",
                false,
                Contact::ALL.into_iter().map(contact_coding).collect(),
            ),
            question(
                "role-model",
                "People and groups: I look to them as an example of the life I want",
                "boolean",
                false,
                Vec::new(),
            ),
            question(
                "available",
                "Places and services: available near me",
                "boolean",
                false,
                Vec::new(),
            ),
            question(
                "reachable",
                "Places and services: I can get there",
                "boolean",
                false,
                Vec::new(),
            ),
            question(
                "uses",
                "Places and services: I use it",
                "boolean",
                false,
                Vec::new(),
            ),
        ],
    };
    NetworkQuestionnaire {
        resource_type: "Questionnaire",
        id: derived_uuid(&format!("questionnaire:{QUESTIONNAIRE_ID}:{VERSION}")),
        url: questionnaire_url(QUESTIONNAIRE_ID),
        version: VERSION,
        title: "Recovery network review",
        status: "active",
        subject_type: vec!["Patient"],
        description: "recap's own record of the people, groups, and places and services around a person, as they see them; not a clinical measure. \"Supportive\" means supportive of the goals the person has chosen.",
        item: vec![entry],
    }
}

fn answered(link_id: &'static str, answer: Answer) -> AnswerItem {
    AnswerItem {
        link_id,
        answer: vec![answer],
        item: Vec::new(),
    }
}

/// One entry as a group item: only the questions asked of its kind.
fn entry_item(e: &Entry) -> AnswerItem {
    let mut item = vec![
        answered("entry-id", Answer::String(e.id.clone())),
        answered("name", Answer::String(e.name.clone())),
        answered("kind", Answer::Coding(kind_coding(e.kind))),
        answered("support", Answer::Coding(support_coding(e.support))),
    ];
    if let Some(v) = e.closeness {
        item.push(answered("closeness", Answer::Integer(i64::from(v))));
    }
    if let Some(v) = e.belonging {
        item.push(answered("belonging", Answer::Integer(i64::from(v))));
    }
    if let Some(c) = e.contact {
        item.push(answered("contact", Answer::Coding(contact_coding(c))));
    }
    for (field, link, value) in [
        (Field::RoleModel, "role-model", e.role_model),
        (Field::Available, "available", e.available),
        (Field::Reachable, "reachable", e.reachable),
        (Field::Uses, "uses", e.uses),
    ] {
        if field.applies_to(e.kind) {
            item.push(answered(link, Answer::Boolean(value)));
        }
    }
    AnswerItem {
        link_id: "entry",
        answer: Vec::new(),
        item,
    }
}

/// The `QuestionnaireResponse` of one review.
pub fn response(r: &DumpNetworkReview) -> NetworkResponse {
    let offset = crate::timefmt::parse_offset(&r.utc_offset);
    NetworkResponse {
        resource_type: "QuestionnaireResponse",
        id: uuid_for(&r.id),
        questionnaire: format!("{}|{VERSION}", questionnaire_url(QUESTIONNAIRE_ID)),
        status: "completed",
        subject: Reference {
            reference: format!("urn:uuid:{}", uuid_for(&r.profile_uuid)),
            kind: "Patient",
        },
        authored: crate::store::parse_timestamp(&r.updated_at)
            .ok()
            .map(|t| crate::timefmt::Zone::Local.timestamp(crate::timefmt::Lived::new(t, offset))),
        item: r.entries.iter().map(entry_item).collect(),
    }
}

/// Writes a response per review the filter selects, then the questionnaire.
pub(super) fn write_reviews<S: SerializeSeq>(
    doc: &BundleDoc<'_>,
    seq: &mut S,
) -> Result<(), Step<S::Error>> {
    let reviews = doc.store.dump_network_reviews(doc.filter)?;
    for r in &reviews {
        let resource = response(r);
        seq.serialize_element(&entry(&resource.id.clone(), resource))
            .map_err(Step::Write)?;
    }
    if !reviews.is_empty() {
        let q = questionnaire();
        seq.serialize_element(&entry(&q.id.clone(), q))
            .map_err(Step::Write)?;
    }
    Ok(())
}
