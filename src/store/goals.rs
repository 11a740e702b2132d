//! The recovery plan in SQL: goals, their steps and their history. Every
//! change adds a line to `goal_events` (a goal's words before an edit, the
//! status before a change, a step's state before a review and the check-in
//! it was reviewed at); nothing is removed but with the profile. Also the
//! plan's part of the JSON dump and of imports.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::error::{StoreError, StoreResult};
use super::{DumpFilter, ImportSummary, Store, parse_timestamp, timestamp};
use crate::import::Refused;
use crate::plan::model::{
    Dimension, Event, EventKind, Goal, GoalStatus, MAX_ACTIVE_GOALS, MAX_OPEN_STEPS, Source,
    SourceKind, Step, StepState, check_note, check_text,
};

/// One goal in the JSON export, with its steps and its whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpGoal {
    pub id: String,
    pub profile_uuid: String,
    pub text: String,
    pub dimension: Dimension,
    /// What it came from (absent: the person's own idea).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Source>,
    /// The target day ("2026-12-24"; absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    pub status: GoalStatus,
    pub created_at: String,
    pub updated_at: String,
    /// In the order they were added.
    pub steps: Vec<DumpGoalStep>,
    /// Oldest first.
    pub history: Vec<DumpGoalEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpGoalStep {
    pub id: String,
    pub text: String,
    pub created_at: String,
    pub state: StepState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpGoalEvent {
    pub at: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
}

/// A new goal: the person's words, its dimension, first steps, target day
/// and what it came from.
#[derive(Debug, Clone, Default)]
pub struct NewGoal {
    pub text: String,
    pub dimension: Option<Dimension>,
    pub steps: Vec<String>,
    pub due: Option<NaiveDate>,
    pub source: Option<Source>,
}

/// One step's answer in a check-in's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReview {
    pub goal_id: String,
    pub step_id: String,
    pub state: StepState,
}

const GOAL_COLUMNS: &str = "id, profile_id, text, dimension, from_kind, from_questionnaire, from_item, from_score, from_session, from_entry, from_words, due_date, status, created_at, updated_at";

struct RawGoal {
    id: String,
    profile_id: i64,
    text: String,
    dimension: String,
    from: [Option<String>; 7],
    due: Option<String>,
    status: String,
    created_at: String,
    updated_at: String,
}

fn goal_row(r: &Row<'_>) -> rusqlite::Result<RawGoal> {
    Ok(RawGoal {
        id: r.get(0)?,
        profile_id: r.get(1)?,
        text: r.get(2)?,
        dimension: r.get(3)?,
        from: [
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
        ],
        due: r.get(11)?,
        status: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

fn unknown(what: &str, value: &str) -> StoreError {
    StoreError::Snapshot(format!("a goal has an unknown {what} {value:?}"))
}

fn source_of(from: &[Option<String>; 7]) -> StoreResult<Option<Source>> {
    let [kind, questionnaire, item, score, session, entry, words] = from.clone();
    let (Some(kind), Some(words)) = (kind, words) else {
        return Ok(None);
    };
    Ok(Some(Source {
        kind: SourceKind::parse(&kind).ok_or_else(|| unknown("source", &kind))?,
        questionnaire_id: questionnaire,
        item_id: item,
        score_id: score,
        session_id: session,
        entry_id: entry,
        words,
    }))
}

fn source_columns(source: Option<&Source>) -> [Option<&str>; 7] {
    match source {
        None => [None; 7],
        Some(s) => [
            Some(s.kind.as_str()),
            s.questionnaire_id.as_deref(),
            s.item_id.as_deref(),
            s.score_id.as_deref(),
            s.session_id.as_deref(),
            s.entry_id.as_deref(),
            Some(s.words.as_str()),
        ],
    }
}

fn parse_day(s: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| unknown("target day", s))
}

fn steps_of(conn: &rusqlite::Connection, goal_id: &str) -> StoreResult<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, created_at, state FROM goal_steps WHERE goal_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([goal_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, text, created, state)| {
            Ok(Step {
                id,
                text,
                created_at: parse_timestamp(&created)?,
                state: StepState::parse(&state).ok_or_else(|| unknown("step state", &state))?,
            })
        })
        .collect()
}

fn build(conn: &rusqlite::Connection, raw: RawGoal) -> StoreResult<Goal> {
    Ok(Goal {
        steps: steps_of(conn, &raw.id)?,
        profile_id: raw.profile_id,
        text: raw.text,
        dimension: Dimension::parse(&raw.dimension)
            .ok_or_else(|| unknown("dimension", &raw.dimension))?,
        source: source_of(&raw.from)?,
        due: raw.due.as_deref().map(parse_day).transpose()?,
        status: GoalStatus::parse(&raw.status).ok_or_else(|| unknown("status", &raw.status))?,
        created_at: parse_timestamp(&raw.created_at)?,
        updated_at: parse_timestamp(&raw.updated_at)?,
        id: raw.id,
    })
}

#[allow(clippy::too_many_arguments)]
fn event(
    tx: &Transaction<'_>,
    goal_id: &str,
    at: &str,
    kind: EventKind,
    step_id: Option<&str>,
    status: Option<&str>,
    before: Option<&str>,
    note: Option<&str>,
    session_id: Option<&str>,
) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO goal_events (goal_id, at, kind, step_id, status, before, note, session_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        goal_id,
        at,
        kind.as_str(),
        step_id,
        status,
        before,
        note,
        session_id
    ])?;
    Ok(())
}

fn active_count(tx: &Transaction<'_>, profile_id: i64) -> StoreResult<usize> {
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM goals WHERE profile_id = ?1 AND status = 'in-progress'",
        [profile_id],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

fn too_many_active() -> StoreError {
    StoreError::Input(format!(
        "{MAX_ACTIVE_GOALS} goals are in progress already, a handful to keep in mind; pause one, mark it achieved or let it go first (`recap goals review GOAL --status ...`)"
    ))
}

fn add_step(tx: &Transaction<'_>, goal_id: &str, text: &str, at: &str) -> StoreResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let position: i64 = tx.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM goal_steps WHERE goal_id = ?1",
        [goal_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO goal_steps (id, goal_id, position, text, created_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, 'open')",
        params![id, goal_id, position, text, at],
    )?;
    event(
        tx,
        goal_id,
        at,
        EventKind::StepAdded,
        Some(&id),
        Some(StepState::Open.as_str()),
        None,
        None,
        None,
    )?;
    Ok(id)
}

fn input(m: String) -> StoreError {
    StoreError::Input(m)
}

/// Checks the words of a new goal and its steps, before anything is stored.
pub fn check_new(new: &NewGoal) -> StoreResult<(String, Dimension, Vec<String>)> {
    let text = check_text("a goal", &new.text).map_err(input)?;
    let dimension = new.dimension.ok_or_else(|| {
        input(format!(
            "a goal needs a dimension: one of {}",
            crate::plan::words::dimension_list()
        ))
    })?;
    let steps = new
        .steps
        .iter()
        .map(|s| check_text("a step", s).map_err(input))
        .collect::<StoreResult<Vec<_>>>()?;
    if steps.len() > MAX_OPEN_STEPS {
        return Err(input(format!(
            "a goal starts with at most {MAX_OPEN_STEPS} steps; {} were given",
            steps.len()
        )));
    }
    if let Some(source) = &new.source {
        crate::plan::model::check_source_words(&source.words).map_err(input)?;
    }
    if let Some(due) = new.due {
        check_due(due).map_err(input)?;
    }
    Ok((text, dimension, steps))
}

/// A target day recap keeps: from 1900 to 9999.
pub fn check_due(due: NaiveDate) -> Result<(), String> {
    let first = crate::import::limits::first_day();
    if due < first || due.format("%Y").to_string().len() != 4 {
        return Err(format!(
            "{} is not a target day recap keeps (from {} on)",
            due.format("%Y-%m-%d"),
            first.format("%Y-%m-%d")
        ));
    }
    Ok(())
}

impl Store {
    /// Sets a goal (in progress) with its first steps. At most
    /// `MAX_ACTIVE_GOALS` are in progress at once.
    pub fn add_goal(
        &self,
        profile_id: i64,
        new: &NewGoal,
        now: DateTime<Utc>,
    ) -> StoreResult<Goal> {
        let (text, dimension, steps) = check_new(new)?;
        let id = uuid::Uuid::new_v4().to_string();
        let at = timestamp(now);
        self.write(|tx| {
            if active_count(tx, profile_id)? >= MAX_ACTIVE_GOALS {
                return Err(too_many_active());
            }
            let from = source_columns(new.source.as_ref());
            tx.execute(
                &format!(
                    "INSERT INTO goals ({GOAL_COLUMNS})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'in-progress', ?13, ?13)"
                ),
                params![
                    id,
                    profile_id,
                    text,
                    dimension.as_str(),
                    from[0],
                    from[1],
                    from[2],
                    from[3],
                    from[4],
                    from[5],
                    from[6],
                    new.due.map(|d| d.format("%Y-%m-%d").to_string()),
                    at
                ],
            )?;
            event(
                tx,
                &id,
                &at,
                EventKind::Created,
                None,
                Some(GoalStatus::InProgress.as_str()),
                None,
                None,
                None,
            )?;
            for step in &steps {
                add_step(tx, &id, step, &at)?;
            }
            Ok(())
        })?;
        self.require_goal(&id)
    }

    /// A goal by its whole id.
    pub fn goal(&self, id: &str) -> StoreResult<Option<Goal>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {GOAL_COLUMNS} FROM goals WHERE id = ?1"),
                [id],
                goal_row,
            )
            .optional()?;
        raw.map(|r| build(&self.conn, r)).transpose()
    }

    fn require_goal(&self, id: &str) -> StoreResult<Goal> {
        self.goal(id)?
            .ok_or_else(|| StoreError::Input(format!("no goal has the id {id}")))
    }

    /// A profile's goals: in progress first, then paused, achieved and let
    /// go; each group oldest first.
    pub fn goals(&self, profile_id: i64) -> StoreResult<Vec<Goal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {GOAL_COLUMNS} FROM goals WHERE profile_id = ?1
             ORDER BY CASE status WHEN 'in-progress' THEN 0 WHEN 'paused' THEN 1
                                  WHEN 'achieved' THEN 2 ELSE 3 END,
                      created_at, id"
        ))?;
        let raws = stmt
            .query_map([profile_id], goal_row)?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter().map(|r| build(&self.conn, r)).collect()
    }

    /// A profile's goals in progress.
    pub fn active_goals(&self, profile_id: i64) -> StoreResult<Vec<Goal>> {
        Ok(self
            .goals(profile_id)?
            .into_iter()
            .filter(|g| g.status.is_active())
            .collect())
    }

    /// Adds a step to a goal in progress or paused.
    pub fn add_goal_step(
        &self,
        goal_id: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Goal> {
        let text = check_text("a step", text).map_err(input)?;
        let goal = self.require_goal(goal_id)?;
        if matches!(goal.status, GoalStatus::Achieved | GoalStatus::LetGo) {
            return Err(input(format!(
                "this goal is {}; set it in progress again first (`recap goals review {} --status in-progress`)",
                goal.status.words(),
                goal.short_id()
            )));
        }
        if goal.open_steps() >= MAX_OPEN_STEPS {
            return Err(input(format!(
                "this goal has {MAX_OPEN_STEPS} steps still open; review one as done or let it go first"
            )));
        }
        let at = timestamp(now);
        self.write(|tx| {
            add_step(tx, goal_id, &text, &at)?;
            tx.execute(
                "UPDATE goals SET updated_at = ?1 WHERE id = ?2",
                params![at, goal_id],
            )?;
            Ok(())
        })?;
        self.require_goal(goal_id)
    }

    /// Changes a goal's status, keeping the one before and the note. The
    /// same status again is kept as a review with its note.
    pub fn set_goal_status(
        &self,
        goal_id: &str,
        status: GoalStatus,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Goal> {
        let note = note.map(check_note).transpose().map_err(input)?.flatten();
        let goal = self.require_goal(goal_id)?;
        let at = timestamp(now);
        self.write(|tx| {
            if status.is_active()
                && !goal.status.is_active()
                && active_count(tx, goal.profile_id)? >= MAX_ACTIVE_GOALS
            {
                return Err(too_many_active());
            }
            event(
                tx,
                goal_id,
                &at,
                EventKind::Status,
                None,
                Some(status.as_str()),
                Some(goal.status.as_str()),
                note.as_deref(),
                None,
            )?;
            tx.execute(
                "UPDATE goals SET status = ?1, updated_at = ?2 WHERE id = ?3",
                params![status.as_str(), at, goal_id],
            )?;
            Ok(())
        })?;
        self.require_goal(goal_id)
    }

    /// Changes a goal's words, keeping the words before.
    pub fn edit_goal(&self, goal_id: &str, text: &str, now: DateTime<Utc>) -> StoreResult<Goal> {
        let text = check_text("a goal", text).map_err(input)?;
        let goal = self.require_goal(goal_id)?;
        if goal.text == text {
            return Ok(goal);
        }
        let at = timestamp(now);
        self.write(|tx| {
            event(
                tx,
                goal_id,
                &at,
                EventKind::Edited,
                None,
                None,
                Some(&goal.text),
                None,
                None,
            )?;
            tx.execute(
                "UPDATE goals SET text = ?1, updated_at = ?2 WHERE id = ?3",
                params![text, at, goal_id],
            )?;
            Ok(())
        })?;
        self.require_goal(goal_id)
    }

    /// Stores a check-in's review of steps (or a review on its own, with no
    /// check-in), all or nothing: each step takes its new state and the
    /// history keeps the state before and the check-in.
    pub fn review_steps(
        &self,
        session_id: Option<&str>,
        reviews: &[StepReview],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if reviews.is_empty() {
            return Ok(());
        }
        let at = timestamp(now);
        self.write(|tx| {
            for r in reviews {
                if r.state == StepState::Open {
                    return Err(input(
                        "a review says done, in progress, not this week or let go".into(),
                    ));
                }
                let before: Option<String> = tx
                    .query_row(
                        "SELECT state FROM goal_steps WHERE id = ?1 AND goal_id = ?2",
                        params![r.step_id, r.goal_id],
                        |row| row.get(0),
                    )
                    .optional()?;
                let Some(before) = before else {
                    return Err(input(format!(
                        "no step {} in goal {}",
                        r.step_id, r.goal_id
                    )));
                };
                event(
                    tx,
                    &r.goal_id,
                    &at,
                    EventKind::StepReviewed,
                    Some(&r.step_id),
                    Some(r.state.as_str()),
                    Some(&before),
                    None,
                    session_id,
                )?;
                tx.execute(
                    "UPDATE goal_steps SET state = ?1 WHERE id = ?2",
                    params![r.state.as_str(), r.step_id],
                )?;
                tx.execute(
                    "UPDATE goals SET updated_at = ?1 WHERE id = ?2",
                    params![at, r.goal_id],
                )?;
            }
            Ok(())
        })
    }

    /// The step reviews stored with a check-in.
    pub fn session_step_reviews(&self, session_id: &str) -> StoreResult<Vec<StepReview>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT goal_id, step_id, status FROM goal_events
             WHERE session_id = ?1 AND kind = 'step-reviewed' ORDER BY id",
        )?;
        let rows = stmt
            .query_map([session_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(goal_id, step, state)| {
                Some(StepReview {
                    goal_id,
                    step_id: step?,
                    state: StepState::parse(&state?)?,
                })
            })
            .collect())
    }

    /// A goal's history, oldest first.
    pub fn goal_history(&self, goal_id: &str) -> StoreResult<Vec<Event>> {
        events_of(&self.conn, goal_id, None)?
            .into_iter()
            .map(|e| {
                Ok(Event {
                    at: parse_timestamp(&e.at)?,
                    kind: e.kind,
                    step_id: e.step_id,
                    status: e.status,
                    before: e.before,
                    note: e.note,
                    session_id: e.session_id,
                })
            })
            .collect()
    }

    /// The goal whose id is `typed` or starts with it (8+ characters).
    pub fn resolve_goal(&self, typed: &str, profile_id: Option<i64>) -> StoreResult<Goal> {
        let id = self.resolve_goal_id(typed, profile_id)?;
        self.require_goal(&id)
    }

    /// The goals the filter selects (a profile's; with `since`, those
    /// changed from then on or still in progress), oldest first, with their
    /// steps and history. A review's link to a check-in outside the filter
    /// is left out.
    pub fn dump_goals(&self, filter: &DumpFilter) -> StoreResult<Vec<DumpGoal>> {
        let since = filter.since.map(timestamp);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {}, p.uuid FROM goals g JOIN profiles p ON p.id = g.profile_id
             WHERE (?1 IS NULL OR g.profile_id = ?1)
               AND (?2 IS NULL OR g.updated_at >= ?2 OR g.status = 'in-progress')
             ORDER BY g.created_at, g.id",
            GOAL_COLUMNS
                .split(", ")
                .map(|c| format!("g.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let rows = stmt
            .query_map(params![filter.profile_id, since], |r| {
                Ok((goal_row(r)?, r.get::<_, String>(15)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(raw, uuid)| {
                let steps = steps_of(&self.conn, &raw.id)?
                    .into_iter()
                    .map(|s| DumpGoalStep {
                        id: s.id,
                        text: s.text,
                        created_at: timestamp(s.created_at),
                        state: s.state,
                    })
                    .collect();
                Ok(DumpGoal {
                    history: events_of(&self.conn, &raw.id, Some(filter))?,
                    steps,
                    profile_uuid: uuid,
                    text: raw.text.clone(),
                    dimension: Dimension::parse(&raw.dimension)
                        .ok_or_else(|| unknown("dimension", &raw.dimension))?,
                    from: source_of(&raw.from)?,
                    due: raw.due.clone(),
                    status: GoalStatus::parse(&raw.status)
                        .ok_or_else(|| unknown("status", &raw.status))?,
                    created_at: raw.created_at.clone(),
                    updated_at: raw.updated_at.clone(),
                    id: raw.id,
                })
            })
            .collect()
    }
}

/// A goal's events as stored; with a filter, links to check-ins the filter
/// leaves out are dropped.
fn events_of(
    conn: &rusqlite::Connection,
    goal_id: &str,
    filter: Option<&DumpFilter>,
) -> StoreResult<Vec<DumpGoalEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.at, e.kind, e.step_id, e.status, e.before, e.note,
                CASE WHEN ?2 = 0 OR ?3 IS NULL
                       OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id
                                  AND COALESCE(s.completed_at, s.started_at) >= ?3)
                     THEN e.session_id END
         FROM goal_events e WHERE e.goal_id = ?1 ORDER BY e.at, e.id",
    )?;
    let since = filter.and_then(|f| f.since).map(timestamp);
    let rows = stmt
        .query_map(params![goal_id, filter.is_some(), since], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(at, kind, step_id, status, before, note, session_id)| {
            Ok(DumpGoalEvent {
                kind: EventKind::parse(&kind).ok_or_else(|| unknown("change", &kind))?,
                at,
                step_id,
                status,
                before,
                note,
                session_id,
            })
        })
        .collect()
}

/// Adds the file's goals that this database lacks (matched by id; one
/// already here must belong to the profile the file says). A review's
/// check-in must be in the database by now and belong to the goal's
/// profile.
pub(super) fn import_goals(
    tx: &Transaction<'_>,
    goals: &[DumpGoal],
    profile_id: &dyn Fn(&str) -> StoreResult<Option<i64>>,
    summary: &mut ImportSummary,
) -> StoreResult<()> {
    for (i, g) in goals.iter().enumerate() {
        let at = format!("goals[{i}]");
        let claimed = profile_id(&g.profile_uuid)?;
        let stored: Option<i64> = tx
            .query_row("SELECT profile_id FROM goals WHERE id = ?1", [&g.id], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(stored) = stored {
            crate::import::owners::existing(&at, "goal", &g.id, claimed, stored)?;
            summary.goals_present += 1;
            continue;
        }
        let Some(pid) = claimed else {
            return Err(Refused::new(
                at,
                format!(
                    "profile {} is neither in the file nor in this database",
                    g.profile_uuid
                ),
            )
            .into());
        };
        let taken: HashSet<String> = {
            let mut stmt = tx.prepare_cached("SELECT id FROM goal_steps WHERE id = ?1")?;
            let mut found = HashSet::new();
            for s in &g.steps {
                if stmt.exists([&s.id])? {
                    found.insert(s.id.clone());
                }
            }
            found
        };
        if let Some(id) = taken.iter().next() {
            return Err(Refused::new(
                format!("{at}.steps"),
                format!("step {id} is already here in another goal"),
            )
            .into());
        }
        let from = source_columns(g.from.as_ref());
        tx.execute(
            &format!(
                "INSERT INTO goals ({GOAL_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
            ),
            params![
                g.id,
                pid,
                g.text,
                g.dimension.as_str(),
                from[0],
                from[1],
                from[2],
                from[3],
                from[4],
                from[5],
                from[6],
                g.due,
                g.status.as_str(),
                g.created_at,
                g.updated_at
            ],
        )?;
        for (position, s) in g.steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO goal_steps (id, goal_id, position, text, created_at, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    s.id,
                    g.id,
                    i64::try_from(position + 1).unwrap_or(i64::MAX),
                    s.text,
                    s.created_at,
                    s.state.as_str()
                ],
            )?;
        }
        let mut owners: HashMap<&str, Option<i64>> = HashMap::new();
        for (j, e) in g.history.iter().enumerate() {
            if let Some(session) = e.session_id.as_deref() {
                let owner = match owners.get(session) {
                    Some(o) => *o,
                    None => {
                        let o: Option<i64> = tx
                            .prepare_cached("SELECT profile_id FROM sessions WHERE id = ?1")?
                            .query_row([session], |r| r.get(0))
                            .optional()?;
                        owners.insert(session, o);
                        o
                    }
                };
                crate::import::owners::note_session(
                    &format!("{at}.history[{j}]"),
                    session,
                    pid,
                    owner,
                )?;
            }
            event(
                tx,
                &g.id,
                &e.at,
                e.kind,
                e.step_id.as_deref(),
                e.status.as_deref(),
                e.before.as_deref(),
                e.note.as_deref(),
                e.session_id.as_deref(),
            )?;
        }
        summary.goals_added += 1;
    }
    Ok(())
}
