//! The plan's wording in one place: calm, the person's own, suggestions
//! never verdicts, every pathway (abstinence, moderation, harm reduction)
//! the person's to choose.

use super::model::{Dimension, GoalStatus, StepState};

pub const TITLE: &str = "Your plan";
pub const STRENGTHS: &str = "What seems to be going well";
pub const NEEDS: &str = "What you may want to work on";
/// Said once above the suggestions, on every surface that lists them.
pub const SUGGESTIONS_NOTE: &str = "Suggestions from your latest answers, yours to take or leave; goals are yours to set, on whatever pathway you have chosen.";
pub const NO_SUGGESTIONS: &str =
    "Nothing to suggest yet: suggestions come from your check-ins and your recovery network.";
pub const GOALS: &str = "Your goals";
pub const NO_GOALS: &str =
    "No goals yet. A goal is yours, in your own words, with a few small steps.";
/// Under the highlighted goal on the plan screen.
pub const GOAL_KEYS: &str =
    "e words · z pause or resume · v achieved · l let go · nothing is deleted";
pub const REVIEW_TITLE: &str = "Your steps this week";
pub const REVIEW_INTRO: &str =
    "How did each step go? Every answer is fine; a step can wait or be let go.";

/// "health, home, purpose or community".
pub fn dimension_list() -> String {
    let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
    names.join(", ")
}

/// "in-progress, paused, achieved, let-go" (as typed).
pub fn status_list() -> String {
    let names: Vec<&str> = GoalStatus::ALL.iter().map(|s| s.as_str()).collect();
    names.join(", ")
}

/// "3 of 5 steps done".
pub fn progress(done: usize, all: usize) -> String {
    if all == 0 {
        "no steps yet".into()
    } else {
        format!(
            "{done} of {} done",
            crate::strings::count(all, "step", "steps")
        )
    }
}

/// A line of a step: "[x] Call Sam (done)".
pub fn step_line(text: &str, state: StepState) -> String {
    format!("{} {text} ({})", state.mark(), state.words())
}

/// A line of a goal: "Health · in progress · due 2026-12-24".
pub fn goal_facts(
    dimension: Dimension,
    status: GoalStatus,
    due: Option<chrono::NaiveDate>,
) -> String {
    let mut parts = vec![dimension.label().to_string(), status.words().to_string()];
    if let Some(d) = due {
        parts.push(format!("target {}", d.format("%-d %b %Y")));
    }
    parts.join(" · ")
}
