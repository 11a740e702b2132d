//! `recap goals add TEXT --dimension D [--step TEXT]... [--due DATE] | list
//! [--json] | step GOAL TEXT | review GOAL --status S [--note TEXT] |
//! history GOAL`: the recovery plan from the command line. Bad values are
//! refused (exit 2) before anything is stored.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::Context;
use crate::cli::{DimensionArg, GoalStatusArg, GoalsAddArgs, GoalsCommand};
use crate::error::{Error, Result};
use crate::plan::{Dimension, EventKind, Goal, GoalStatus, StepState, Suggestions, words};
use crate::store::{NewGoal, Store, StoreError, StoreResult};
use crate::timefmt::Zone;

pub fn run(ctx: &Context, cmd: GoalsCommand) -> Result<()> {
    match cmd {
        GoalsCommand::Add(args) => add(ctx, &args),
        GoalsCommand::List { json } => list(ctx, json),
        GoalsCommand::Step { goal, text } => step(ctx, &goal, &text),
        GoalsCommand::Review { goal, status, note } => {
            review(ctx, &goal, goal_status(status), note.as_deref())
        }
        GoalsCommand::History { goal } => history(ctx, &goal),
    }
}

pub fn dimension(d: DimensionArg) -> Dimension {
    match d {
        DimensionArg::Health => Dimension::Health,
        DimensionArg::Home => Dimension::Home,
        DimensionArg::Purpose => Dimension::Purpose,
        DimensionArg::Community => Dimension::Community,
    }
}

fn goal_status(s: GoalStatusArg) -> GoalStatus {
    match s {
        GoalStatusArg::Achieved => GoalStatus::Achieved,
        GoalStatusArg::InProgress => GoalStatus::InProgress,
        GoalStatusArg::Paused => GoalStatus::Paused,
        GoalStatusArg::LetGo => GoalStatus::LetGo,
    }
}

/// A change the store refused: said with "nothing was changed".
fn stored<T>(result: StoreResult<T>) -> Result<T> {
    result.map_err(|e| match e {
        StoreError::Input(m) => Error::Input(format!("{m}; nothing was changed")),
        other => other.into(),
    })
}

fn when(t: DateTime<Utc>) -> String {
    Zone::Local.at(t).format("%-d %b %Y %H:%M").to_string()
}

fn add(ctx: &Context, args: &GoalsAddArgs) -> Result<()> {
    let new = NewGoal {
        text: args.text.clone(),
        dimension: Some(dimension(args.dimension)),
        steps: args.steps.clone(),
        due: args.due,
        source: None,
    };
    // Checked before the database is opened: bad words store nothing.
    stored(crate::store::goals_check(&new))?;
    let store = ctx.writable_store()?;
    let profile = store.resolve_profile(ctx.global.profile.as_deref(), Utc::now())?;
    let goal = stored(store.add_goal(profile.id, &new, Utc::now()))?;
    say!(
        "Goal set for {}: {} {} ({}).",
        profile.name,
        goal.short_id(),
        goal.text,
        goal.dimension.label()
    );
    for s in &goal.steps {
        say!("  {}", words::step_line(&s.text, s.state));
    }
    say!(
        "Its steps come up at the end of your weekly check-in; `recap goals step {}` adds one.",
        goal.short_id()
    );
    Ok(())
}

/// The goal a person named, in the profile given with --profile (any
/// profile without it).
fn find(ctx: &Context) -> Result<Option<(Store, Option<i64>)>> {
    let Some(store) = ctx.existing_store()? else {
        return Ok(None);
    };
    let profile = match ctx.global.profile.as_deref() {
        Some(name) => Some(store.require_profile(name)?.id),
        None => None,
    };
    Ok(Some((store, profile)))
}

fn no_goals(ctx: &Context) -> Error {
    Error::Input(format!(
        "there are no goals at {} yet; set one with `recap goals add`",
        ctx.paths.db.display()
    ))
}

fn step(ctx: &Context, typed: &str, text: &str) -> Result<()> {
    crate::plan::model::check_text("a step", text)
        .map_err(|m| Error::Input(format!("{m}; nothing was changed")))?;
    let (store, profile) = find(ctx)?.ok_or_else(|| no_goals(ctx))?;
    store.require_writable()?;
    let goal = stored(store.resolve_goal(typed, profile))?;
    let goal = stored(store.add_goal_step(&goal.id, text, Utc::now()))?;
    say!("Step added to {} {}:", goal.short_id(), goal.text);
    for s in &goal.steps {
        say!("  {}", words::step_line(&s.text, s.state));
    }
    Ok(())
}

fn review(ctx: &Context, typed: &str, status: GoalStatus, note: Option<&str>) -> Result<()> {
    if let Some(n) = note {
        crate::plan::model::check_note(n)
            .map_err(|m| Error::Input(format!("{m}; nothing was changed")))?;
    }
    let (store, profile) = find(ctx)?.ok_or_else(|| no_goals(ctx))?;
    store.require_writable()?;
    let goal = stored(store.resolve_goal(typed, profile))?;
    let before = goal.status;
    let goal = stored(store.set_goal_status(&goal.id, status, note, Utc::now()))?;
    if before == status {
        say!(
            "{} {} stays {}; your note is kept.",
            goal.short_id(),
            goal.text,
            status.words()
        );
    } else {
        say!(
            "{} {}: {} (was {}).",
            goal.short_id(),
            goal.text,
            status.words(),
            before.words()
        );
    }
    Ok(())
}

fn history(ctx: &Context, typed: &str) -> Result<()> {
    let (store, profile) = find(ctx)?.ok_or_else(|| no_goals(ctx))?;
    let goal = stored(store.resolve_goal(typed, profile))?;
    say!("Goal {}: {}", goal.short_id(), goal.text);
    say!(
        "  {}",
        words::goal_facts(goal.dimension, goal.status, goal.due)
    );
    if let Some(from) = &goal.source {
        say!("  From: {}", from.words);
    }
    let step_text = |id: Option<&str>| {
        goal.steps
            .iter()
            .find(|s| Some(s.id.as_str()) == id)
            .map_or_else(|| "a step".to_string(), |s| format!("{:?}", s.text))
    };
    let status_words = |s: Option<&str>| {
        s.and_then(GoalStatus::parse)
            .map_or("", GoalStatus::words)
            .to_string()
    };
    let state_words = |s: Option<&str>| {
        s.and_then(StepState::parse)
            .map_or("", StepState::words)
            .to_string()
    };
    for e in store.goal_history(&goal.id)? {
        let what = match e.kind {
            EventKind::Created => "set, in progress".to_string(),
            EventKind::Status => {
                let change = if e.status == e.before {
                    format!("reviewed: still {}", status_words(e.status.as_deref()))
                } else {
                    format!(
                        "{} (was {})",
                        status_words(e.status.as_deref()),
                        status_words(e.before.as_deref())
                    )
                };
                match &e.note {
                    Some(n) => format!("{change}; note: {n}"),
                    None => change,
                }
            }
            EventKind::Edited => format!(
                "words changed (before: {:?})",
                e.before.as_deref().unwrap_or_default()
            ),
            EventKind::StepAdded => format!("step added: {}", step_text(e.step_id.as_deref())),
            EventKind::StepReviewed => {
                let at_checkin = e
                    .session_id
                    .as_deref()
                    .map(|s| format!(", at check-in {}", s.get(..8).unwrap_or(s)))
                    .unwrap_or_default();
                format!(
                    "step {}: {} (was {}){at_checkin}",
                    step_text(e.step_id.as_deref()),
                    state_words(e.status.as_deref()),
                    state_words(e.before.as_deref())
                )
            }
        };
        say!("  {}  {what}", when(e.at));
    }
    Ok(())
}

/// A goal as JSON (`goals list --json`).
pub fn goal_json(goal: &Goal) -> Value {
    json!({
        "id": goal.id,
        "text": goal.text,
        "dimension": goal.dimension.as_str(),
        "status": goal.status.as_str(),
        "due": goal.due.map(|d| d.format("%Y-%m-%d").to_string()),
        "from": goal.source,
        "created_at": crate::store::timestamp(goal.created_at),
        "updated_at": crate::store::timestamp(goal.updated_at),
        "next_step": goal.next_step().map(|s| s.text.clone()),
        "steps": goal.steps.iter().map(|s| json!({
            "id": s.id,
            "text": s.text,
            "state": s.state.as_str(),
            "created_at": crate::store::timestamp(s.created_at),
        })).collect::<Vec<_>>(),
    })
}

fn list(ctx: &Context, as_json: bool) -> Result<()> {
    let reading = ctx.reading()?;
    let (goals, suggestions, name) = match &reading {
        Some((store, profile)) => (
            store.goals(profile.id)?,
            if as_json {
                Suggestions::default()
            } else {
                crate::plan::gather::suggestions(store, profile.id, &ctx.config().support)?
            },
            Some(profile.name.clone()),
        ),
        None => (Vec::new(), Suggestions::default(), None),
    };
    if as_json {
        let array: Vec<Value> = goals.iter().map(goal_json).collect();
        let mut text =
            serde_json::to_string_pretty(&array).map_err(|e| Error::Runtime(e.to_string()))?;
        text.push('\n');
        return super::write_data(&text);
    }
    match &name {
        Some(n) => say!("{} ({n})", words::GOALS),
        None => say!("{}", words::GOALS),
    }
    if goals.is_empty() {
        say!("  {}", words::NO_GOALS);
    }
    for g in &goals {
        let (done, all) = g.progress();
        say!("");
        say!("  {}  {}", g.short_id(), g.text);
        say!(
            "            {} · {}",
            words::goal_facts(g.dimension, g.status, g.due),
            words::progress(done, all)
        );
        if let Some(from) = &g.source {
            say!("            From: {}", from.words);
        }
        for s in &g.steps {
            say!("            {}", words::step_line(&s.text, s.state));
        }
    }
    say!("");
    print_suggestions(&suggestions)?;
    Ok(())
}

/// The strengths and needs, with where each comes from.
fn print_suggestions(s: &Suggestions) -> Result<()> {
    if s.is_empty() {
        say!("{}", words::NO_SUGGESTIONS);
        return Ok(());
    }
    say!("{}", words::SUGGESTIONS_NOTE);
    for (title, list, more) in [
        (words::STRENGTHS, &s.strengths, s.more_strengths),
        (words::NEEDS, &s.needs, s.more_needs),
    ] {
        if list.is_empty() {
            continue;
        }
        say!("{title}:");
        for item in list {
            let dim = item
                .dimension
                .map(|d| format!(" [{}]", d.label()))
                .unwrap_or_default();
            say!("  - {}{dim}", item.words());
        }
        if more > 0 {
            say!(
                "  (and {more} more {} like these in your latest check-ins)",
                if more == 1 { "answer" } else { "answers" }
            );
        }
    }
    Ok(())
}
