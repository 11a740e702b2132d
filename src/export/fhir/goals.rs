//! The recovery plan in the FHIR export: each goal is an R4 `Goal` about its
//! Patient: `description.text` the person's words, `lifecycleStatus`
//! (in progress: active, paused: on-hold, achieved: completed, let go:
//! cancelled), `achievementStatus` only where recap knows it (in progress,
//! achieved), `category` its SAMHSA dimension (code system
//! `https://recap.invalid/fhir/CodeSystem/recap-dimension`), `startDate`,
//! `statusDate`, `target.dueDate`, `addresses` the score `Observation` it
//! came from when that Observation is in the Bundle, and `note`: what it
//! came from, each step with its state, each status change with its note.

use serde::Serialize;
use serde::ser::SerializeSeq;

use super::{
    Annotation, BundleDoc, CodeableConcept, Coding, Meta, Reference, Step, derived_uuid, entry,
    labelled, uuid_for,
};
use crate::plan::{EventKind, GoalStatus, SourceKind};
use crate::store::DumpGoal;

/// The code system of SAMHSA's four dimensions, as recap names them.
pub const DIMENSION_SYSTEM: &str = "https://recap.invalid/fhir/CodeSystem/recap-dimension";
/// HL7's goal achievement codes.
pub const ACHIEVEMENT_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/goal-achievement";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Goal {
    pub resource_type: &'static str,
    pub id: String,
    pub meta: Meta,
    pub lifecycle_status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement_status: Option<CodeableConcept>,
    pub category: Vec<CodeableConcept>,
    pub description: CodeableConcept,
    pub subject: Reference,
    pub start_date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<Target>,
    pub status_date: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub due_date: String,
}

/// The FHIR lifecycle status of a goal's status.
pub fn lifecycle(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::InProgress => "active",
        GoalStatus::Paused => "on-hold",
        GoalStatus::Achieved => "completed",
        GoalStatus::LetGo => "cancelled",
    }
}

fn achievement(status: GoalStatus) -> Option<CodeableConcept> {
    let (code, display) = match status {
        GoalStatus::InProgress => ("in-progress", "In Progress"),
        GoalStatus::Achieved => ("achieved", "Achieved"),
        GoalStatus::Paused | GoalStatus::LetGo => return None,
    };
    Some(CodeableConcept {
        coding: vec![Coding {
            system: ACHIEVEMENT_SYSTEM.into(),
            code: code.into(),
            display: Some(display.into()),
        }],
        text: None,
    })
}

/// The id of the score `Observation` a goal came from (written or not).
fn observation_of(goal: &DumpGoal) -> Option<String> {
    let from = goal.from.as_ref()?;
    if from.kind != SourceKind::Score {
        return None;
    }
    Some(derived_uuid(&format!(
        "observation:{}:{}",
        from.session_id.as_deref()?,
        from.score_id.as_deref()?
    )))
}

/// A goal as a `Goal`; `addresses` only when `written` says its
/// Observation is in the Bundle.
pub fn goal(g: &DumpGoal, written: &dyn Fn(&str) -> bool) -> Goal {
    let mut note = Vec::new();
    if let Some(from) = &g.from {
        note.push(Annotation {
            text: format!("From: {}", from.words),
        });
    }
    for s in &g.steps {
        note.push(Annotation {
            text: format!("Step: {} ({})", s.text, s.state.words()),
        });
    }
    for e in &g.history {
        if e.kind == EventKind::Status
            && let Some(n) = &e.note
        {
            let status = e
                .status
                .as_deref()
                .and_then(GoalStatus::parse)
                .map_or("", GoalStatus::words);
            note.push(Annotation {
                text: format!("{} ({status}): {n}", e.at.get(..10).unwrap_or(&e.at)),
            });
        }
    }
    let status_date = g
        .history
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Status | EventKind::Created))
        .map_or(g.created_at.as_str(), |e| e.at.as_str());
    Goal {
        resource_type: "Goal",
        id: uuid_for(&g.id),
        meta: labelled(),
        lifecycle_status: lifecycle(g.status),
        achievement_status: achievement(g.status),
        category: vec![CodeableConcept {
            coding: vec![Coding {
                system: DIMENSION_SYSTEM.into(),
                code: g.dimension.as_str().into(),
                display: Some(g.dimension.label().into()),
            }],
            text: Some(g.dimension.label().into()),
        }],
        description: CodeableConcept {
            coding: Vec::new(),
            text: Some(g.text.clone()),
        },
        subject: Reference {
            reference: format!("urn:uuid:{}", uuid_for(&g.profile_uuid)),
            kind: "Patient",
        },
        start_date: g.created_at.get(..10).unwrap_or(&g.created_at).to_string(),
        target: g
            .due
            .iter()
            .map(|d| Target {
                due_date: d.clone(),
            })
            .collect(),
        status_date: status_date.get(..10).unwrap_or(status_date).to_string(),
        addresses: observation_of(g)
            .filter(|id| written(id))
            .map(|id| Reference {
                reference: format!("urn:uuid:{id}"),
                kind: "Observation",
            })
            .into_iter()
            .collect(),
        note,
    }
}

/// Writes the goals of the profiles in the Bundle.
pub(super) fn write_goals<S: SerializeSeq>(
    doc: &BundleDoc<'_>,
    seq: &mut S,
) -> Result<(), Step<S::Error>> {
    let written = doc.observations.borrow();
    for g in doc.store.dump_goals(doc.filter)? {
        let resource = goal(&g, &|id| written.contains(id));
        seq.serialize_element(&entry(&resource.id.clone(), resource))
            .map_err(Step::Write)?;
    }
    Ok(())
}
