//! What an imported file may say about the recovery plan: ids in their one
//! spelling and unique, words as recap keeps them, a dimension, status and
//! step states recap knows, what a goal came from with the fields its kind
//! needs, target days and times recap writes, and a history that agrees
//! with the goal (set first, in time order, steps it names, the status and
//! step states it ends with).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::{Refused, check_time, ids};
use crate::plan::model::{
    EventKind, GoalStatus, SourceKind, StepState, check_note, check_source_words, check_text,
};
use crate::store::{Dump, DumpGoal};

/// Respells ids, then checks every goal.
pub(super) fn admit(dump: &mut Cow<'_, Dump>, now: DateTime<Utc>) -> Result<(), Refused> {
    respell(dump)?;
    let mut goals = HashSet::new();
    let mut steps = HashSet::new();
    for (i, g) in dump.goals.iter().enumerate() {
        let at = format!("goals[{i}]");
        if !goals.insert(g.id.as_str()) {
            return Err(Refused::new(at, format!("goal {} appears twice", g.id)));
        }
        for (j, s) in g.steps.iter().enumerate() {
            if !steps.insert(s.id.as_str()) {
                return Err(Refused::new(
                    format!("{at}.steps[{j}].id"),
                    format!("step {} appears twice", s.id),
                ));
            }
        }
        goal(&at, g, now)?;
    }
    Ok(())
}

fn words(at: &str, field: &str, what: &str, text: &str) -> Result<(), Refused> {
    match check_text(what, text) {
        Ok(kept) if kept == text => Ok(()),
        Ok(_) => Err(Refused::new(
            format!("{at}.{field}"),
            format!("{text:?} has spaces around it"),
        )),
        Err(m) => Err(Refused::new(format!("{at}.{field}"), m)),
    }
}

fn goal(at: &str, g: &DumpGoal, now: DateTime<Utc>) -> Result<(), Refused> {
    words(at, "text", "a goal", &g.text)?;
    check_time(at, "created_at", &g.created_at, now)?;
    check_time(at, "updated_at", &g.updated_at, now)?;
    if g.updated_at < g.created_at {
        return Err(Refused::new(
            format!("{at}.updated_at"),
            "a goal cannot change before it was set",
        ));
    }
    if let Some(due) = &g.due {
        let day = NaiveDate::parse_from_str(due, "%Y-%m-%d")
            .ok()
            .filter(|d| d.format("%Y-%m-%d").to_string() == *due)
            .ok_or_else(|| {
                Refused::new(
                    format!("{at}.due"),
                    format!("{due:?} is not a day (YYYY-MM-DD)"),
                )
            })?;
        crate::store::check_due(day).map_err(|m| Refused::new(format!("{at}.due"), m))?;
    }
    if let Some(from) = &g.from {
        let at = format!("{at}.from");
        check_source_words(&from.words).map_err(|m| Refused::new(format!("{at}.words"), m))?;
        let needs: &[(&str, bool)] = match from.kind {
            SourceKind::Item => &[
                ("questionnaire_id", from.questionnaire_id.is_some()),
                ("item_id", from.item_id.is_some()),
            ],
            SourceKind::Score => &[
                ("questionnaire_id", from.questionnaire_id.is_some()),
                ("score_id", from.score_id.is_some()),
            ],
            SourceKind::Network => &[
                ("questionnaire_id", from.questionnaire_id.is_none()),
                ("item_id", from.item_id.is_none()),
                ("score_id", from.score_id.is_none()),
            ],
        };
        for (field, ok) in needs {
            if !ok {
                return Err(Refused::new(
                    format!("{at}.{field}"),
                    format!(
                        "a goal that came from {} {} {field}",
                        match from.kind {
                            SourceKind::Item => "an answer",
                            SourceKind::Score => "a score",
                            SourceKind::Network => "the recovery network",
                        },
                        if from.kind == SourceKind::Network {
                            "has no"
                        } else {
                            "needs its"
                        }
                    ),
                ));
            }
        }
        if from.kind != SourceKind::Item && from.item_id.is_some() {
            return Err(Refused::new(
                format!("{at}.item_id"),
                "only a goal that came from an answer names an item",
            ));
        }
        if from.kind != SourceKind::Score && from.score_id.is_some() {
            return Err(Refused::new(
                format!("{at}.score_id"),
                "only a goal that came from a score names a score",
            ));
        }
        if from.kind != SourceKind::Network && from.entry_id.is_some() {
            return Err(Refused::new(
                format!("{at}.entry_id"),
                "only a goal that came from the recovery network names an entry",
            ));
        }
        for (field, value) in [
            ("questionnaire_id", &from.questionnaire_id),
            ("item_id", &from.item_id),
            ("score_id", &from.score_id),
        ] {
            if let Some(v) = value
                && (v.is_empty()
                    || v.len() > 100
                    || !v
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            {
                return Err(Refused::new(
                    format!("{at}.{field}"),
                    format!("{v:?} is not an id recap uses"),
                ));
            }
        }
    }
    let mut state: HashMap<&str, StepState> = HashMap::new();
    for (j, s) in g.steps.iter().enumerate() {
        let at = format!("{at}.steps[{j}]");
        words(&at, "text", "a step", &s.text)?;
        check_time(&at, "created_at", &s.created_at, now)?;
        if s.created_at < g.created_at || s.created_at > g.updated_at {
            return Err(Refused::new(
                format!("{at}.created_at"),
                "a step is added between the day its goal was set and its last change",
            ));
        }
        state.insert(s.id.as_str(), StepState::Open);
    }
    history(at, g, &mut state, now)?;
    for (j, s) in g.steps.iter().enumerate() {
        if state.get(s.id.as_str()) != Some(&s.state) {
            return Err(Refused::new(
                format!("{at}.steps[{j}].state"),
                format!(
                    "the step is {:?}, but its history ends with it {:?}",
                    s.state.as_str(),
                    state.get(s.id.as_str()).map_or("", |s| s.as_str())
                ),
            ));
        }
    }
    Ok(())
}

fn history<'g>(
    at: &str,
    g: &'g DumpGoal,
    steps: &mut HashMap<&'g str, StepState>,
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let mut status: Option<GoalStatus> = None;
    let mut added: HashSet<&str> = HashSet::new();
    let mut last = g.created_at.as_str();
    for (k, e) in g.history.iter().enumerate() {
        let at = format!("{at}.history[{k}]");
        check_time(&at, "at", &e.at, now)?;
        if e.at.as_str() < last || e.at > g.updated_at {
            return Err(Refused::new(
                format!("{at}.at"),
                "a goal's history is in time order, from the day it was set to its last change",
            ));
        }
        last = e.at.as_str();
        let refuse =
            |field: &str, m: &str| Err(Refused::new(format!("{at}.{field}"), m.to_string()));
        if (k == 0) != (e.kind == EventKind::Created) {
            return refuse("kind", "a goal's history begins with it being set, once");
        }
        if e.session_id.is_some() && e.kind != EventKind::StepReviewed {
            return refuse("session_id", "only a step's review names a check-in");
        }
        if let Some(note) = &e.note {
            match check_note(note) {
                Ok(Some(kept)) if kept == *note => {}
                Ok(_) => return refuse("note", "a note has no spaces around it and is not empty"),
                Err(m) => return refuse("note", &m),
            }
            if e.kind != EventKind::Status {
                return refuse("note", "only a change of status has a note");
            }
        }
        let goal_status = |v: &Option<String>| v.as_deref().and_then(GoalStatus::parse);
        let step_state = |v: &Option<String>| v.as_deref().and_then(StepState::parse);
        match e.kind {
            EventKind::Created => {
                if e.at != g.created_at {
                    return refuse("at", "a goal is set when it was created");
                }
                if goal_status(&e.status) != Some(GoalStatus::InProgress)
                    || e.before.is_some()
                    || e.step_id.is_some()
                {
                    return refuse("status", "a goal is set in progress");
                }
                status = Some(GoalStatus::InProgress);
            }
            EventKind::Status => {
                let (Some(now_is), Some(was)) = (goal_status(&e.status), goal_status(&e.before))
                else {
                    return refuse(
                        "status",
                        "a change of status says the status (in-progress, paused, achieved or let-go) and the one before",
                    );
                };
                if Some(was) != status {
                    return refuse(
                        "before",
                        "the status before is not the one the history gives",
                    );
                }
                if e.step_id.is_some() {
                    return refuse("step_id", "a change of status names no step");
                }
                status = Some(now_is);
            }
            EventKind::Edited => {
                let Some(before) = &e.before else {
                    return refuse("before", "an edit keeps the words before");
                };
                words(&at, "before", "a goal", before)?;
                if e.status.is_some() || e.step_id.is_some() {
                    return refuse("status", "an edit has no status or step");
                }
            }
            EventKind::StepAdded | EventKind::StepReviewed => {
                let Some(step) = e.step_id.as_deref() else {
                    return refuse("step_id", "a step's change names the step");
                };
                let Some(current) = steps.get(step).copied() else {
                    return refuse("step_id", "the step is not one of the goal's steps");
                };
                if e.kind == EventKind::StepAdded {
                    if !added.insert(step) || step_state(&e.status) != Some(StepState::Open) {
                        return refuse("step_id", "a step is added once, open");
                    }
                    if e.before.is_some() {
                        return refuse("before", "an added step has nothing before");
                    }
                } else {
                    if !added.contains(step) {
                        return refuse("step_id", "a step is reviewed after it was added");
                    }
                    let Some(new) = step_state(&e.status).filter(|s| *s != StepState::Open) else {
                        return refuse(
                            "status",
                            "a step's review is done, in-progress, not-this-week or let-go",
                        );
                    };
                    if step_state(&e.before) != Some(current) {
                        return refuse(
                            "before",
                            "the state before is not the one the history gives",
                        );
                    }
                    steps.insert(step, new);
                }
            }
        }
    }
    if g.history.is_empty() {
        return Err(Refused::new(
            format!("{at}.history"),
            "a goal's history begins with it being set",
        ));
    }
    if status != Some(g.status) {
        return Err(Refused::new(
            format!("{at}.status"),
            format!(
                "the goal is {:?}, but its history ends with it {:?}",
                g.status.as_str(),
                status.map_or("", GoalStatus::as_str)
            ),
        ));
    }
    for (j, s) in g.steps.iter().enumerate() {
        if !added.contains(s.id.as_str()) {
            return Err(Refused::new(
                format!("{at}.steps[{j}]"),
                "the history does not say when this step was added",
            ));
        }
    }
    Ok(())
}

/// One spelling for goal, profile, step, check-in and entry ids.
fn respell(dump: &mut Cow<'_, Dump>) -> Result<(), Refused> {
    let uuid = |at: &str, field: &str, value: &str| -> Result<Option<String>, Refused> {
        match ids::uuid(value) {
            Some(normal) if normal == value => Ok(None),
            Some(normal) => Ok(Some(normal)),
            None => Err(Refused::new(
                format!("{at}.{field}"),
                format!("{value:?} is not a UUID"),
            )),
        }
    };
    for i in 0..dump.goals.len() {
        let at = format!("goals[{i}]");
        if let Some(v) = uuid(&at, "id", &dump.goals[i].id)? {
            dump.to_mut().goals[i].id = v;
        }
        if let Some(v) = uuid(&at, "profile_uuid", &dump.goals[i].profile_uuid)? {
            dump.to_mut().goals[i].profile_uuid = v;
        }
        if let Some(from) = dump.goals[i].from.clone() {
            if let Some(s) = &from.session_id
                && let Some(v) = uuid(&at, "from.session_id", s)?
            {
                dump.to_mut().goals[i].from = Some(crate::plan::model::Source {
                    session_id: Some(v),
                    ..from.clone()
                });
            }
            if let Some(e) = &from.entry_id
                && let Some(v) = uuid(&at, "from.entry_id", e)?
                && let Some(f) = dump.to_mut().goals[i].from.as_mut()
            {
                f.entry_id = Some(v);
            }
        }
        for j in 0..dump.goals[i].steps.len() {
            let at = format!("{at}.steps[{j}]");
            if let Some(v) = uuid(&at, "id", &dump.goals[i].steps[j].id)? {
                dump.to_mut().goals[i].steps[j].id = v;
            }
        }
        for k in 0..dump.goals[i].history.len() {
            let at = format!("{at}.history[{k}]");
            if let Some(s) = dump.goals[i].history[k].step_id.clone()
                && let Some(v) = uuid(&at, "step_id", &s)?
            {
                dump.to_mut().goals[i].history[k].step_id = Some(v);
            }
            if let Some(s) = dump.goals[i].history[k].session_id.clone()
                && let Some(v) = uuid(&at, "session_id", &s)?
            {
                dump.to_mut().goals[i].history[k].session_id = Some(v);
            }
        }
    }
    Ok(())
}
