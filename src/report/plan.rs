//! The report's plan section: the goals of the period (changed in it or
//! still in progress), each with its dimension, status, target day, what it
//! came from, its steps and what happened in the period (reviews of steps,
//! changes of status with their notes). Written only when there are goals.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::Report;
use crate::plan::{Event, EventKind, Goal, GoalStatus, StepState, words};
use crate::store::{Profile, Store, StoreResult};
use crate::timefmt::Zone;

/// One goal and what happened to it in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanGoal {
    pub goal: Goal,
    pub events: Vec<Event>,
}

/// The goals of the period, in progress first.
pub fn build(
    store: &Store,
    profile: &Profile,
    since: Option<DateTime<Utc>>,
) -> StoreResult<Vec<PlanGoal>> {
    store
        .goals(profile.id)?
        .into_iter()
        .filter(|g| g.status.is_active() || since.is_none_or(|s| g.updated_at >= s))
        .map(|goal| {
            let events = store
                .goal_history(&goal.id)?
                .into_iter()
                .filter(|e| since.is_none_or(|s| e.at >= s))
                .filter(|e| matches!(e.kind, EventKind::Status | EventKind::StepReviewed))
                .collect();
            Ok(PlanGoal { goal, events })
        })
        .collect()
}

/// What happened, in words: "8 Dec 2026: Walk on Monday — done".
pub fn event_line(goal: &Goal, e: &Event, zone: Zone) -> String {
    let day = zone.short_date(e.at);
    match e.kind {
        EventKind::StepReviewed => {
            let step = goal
                .steps
                .iter()
                .find(|s| Some(&s.id) == e.step_id.as_ref())
                .map_or("a step", |s| s.text.as_str());
            let state = e
                .status
                .as_deref()
                .and_then(StepState::parse)
                .map_or("", StepState::words);
            format!("{day}: step \u{201c}{step}\u{201d}: {state}")
        }
        _ => {
            let status = e
                .status
                .as_deref()
                .and_then(GoalStatus::parse)
                .map_or("", GoalStatus::words);
            match &e.note {
                Some(n) => format!("{day}: {status} ({n})"),
                None => format!("{day}: {status}"),
            }
        }
    }
}

fn facts(g: &Goal) -> String {
    let (done, all) = g.progress();
    format!(
        "{} · {}",
        words::goal_facts(g.dimension, g.status, g.due),
        words::progress(done, all)
    )
}

pub fn markdown(out: &mut String, report: &Report) {
    use super::markdown::escape_inline;
    if report.plan.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", escape_inline(words::TITLE));
    for p in &report.plan {
        let g = &p.goal;
        let _ = writeln!(out, "### {}\n", escape_inline(&g.text));
        let _ = writeln!(out, "{}\n", escape_inline(&facts(g)));
        if let Some(from) = &g.source {
            let _ = writeln!(out, "From: {}\n", escape_inline(&from.words));
        }
        for s in &g.steps {
            let _ = writeln!(
                out,
                "- {} ({})",
                escape_inline(&s.text),
                escape_inline(s.state.words())
            );
        }
        if !g.steps.is_empty() {
            out.push('\n');
        }
        if !p.events.is_empty() {
            let _ = writeln!(out, "{}\n", escape_inline(IN_PERIOD));
            for e in &p.events {
                let _ = writeln!(out, "- {}", escape_inline(&event_line(g, e, report.zone)));
            }
            out.push('\n');
        }
    }
}

/// The heading of a goal's events in the period.
pub const IN_PERIOD: &str = "In this period:";

pub fn html(out: &mut String, report: &Report) {
    use super::html::escape;
    if report.plan.is_empty() {
        return;
    }
    let _ = write!(
        out,
        r#"<section class="plan" id="plan"><h2>{}</h2>"#,
        escape(words::TITLE)
    );
    for p in &report.plan {
        let g = &p.goal;
        let _ = write!(
            out,
            "<h3>{}</h3><p>{}</p>",
            escape(&g.text),
            escape(&facts(g))
        );
        if let Some(from) = &g.source {
            let _ = write!(out, "<p>From: {}</p>", escape(&from.words));
        }
        if !g.steps.is_empty() {
            out.push_str("<ul>");
            for s in &g.steps {
                let _ = write!(
                    out,
                    "<li>{} ({})</li>",
                    escape(&s.text),
                    escape(s.state.words())
                );
            }
            out.push_str("</ul>");
        }
        if !p.events.is_empty() {
            let _ = write!(out, "<p>{}</p><ul>", escape(IN_PERIOD));
            for e in &p.events {
                let _ = write!(out, "<li>{}</li>", escape(&event_line(g, e, report.zone)));
            }
            out.push_str("</ul>");
        }
    }
    out.push_str("</section>\n");
}
