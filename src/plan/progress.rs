//! A goal's progress over time, replayed from its history: after each day
//! with a change, how many of its steps (not let go) were done, and its
//! status then. Pure: trends show it beside the linked dimension's scores.

use chrono::{DateTime, Utc};

use super::model::{Event, EventKind, GoalStatus, StepState};

/// Where a goal stood after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub at: DateTime<Utc>,
    pub done: usize,
    pub total: usize,
    pub status: GoalStatus,
}

/// The goal's progress after each change, oldest first (changes at the
/// same moment give one point).
pub fn progress(events: &[Event]) -> Vec<Progress> {
    let mut states: Vec<(String, StepState)> = Vec::new();
    let mut status = GoalStatus::InProgress;
    let mut out: Vec<Progress> = Vec::new();
    for e in events {
        match e.kind {
            EventKind::Created | EventKind::Edited => {}
            EventKind::Status => {
                if let Some(s) = e.status.as_deref().and_then(GoalStatus::parse) {
                    status = s;
                }
            }
            EventKind::StepAdded => {
                if let Some(id) = &e.step_id {
                    states.push((id.clone(), StepState::Open));
                }
            }
            EventKind::StepReviewed => {
                let new = e.status.as_deref().and_then(StepState::parse);
                if let (Some(id), Some(new)) = (&e.step_id, new)
                    && let Some(s) = states.iter_mut().find(|(s, _)| s == id)
                {
                    s.1 = new;
                }
            }
        }
        let point = Progress {
            at: e.at,
            done: states.iter().filter(|s| s.1 == StepState::Done).count(),
            total: states.iter().filter(|s| s.1 != StepState::LetGo).count(),
            status,
        };
        match out.last_mut() {
            Some(last) if last.at == e.at => *last = point,
            _ => out.push(point),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn event(d: u32, kind: EventKind, step: Option<&str>, status: Option<&str>) -> Event {
        Event {
            at: Utc
                .with_ymd_and_hms(2026, 11, d, 12, 0, 0)
                .single()
                .unwrap(),
            kind,
            step_id: step.map(str::to_string),
            status: status.map(str::to_string),
            before: None,
            note: None,
            session_id: None,
        }
    }

    #[test]
    fn progress_is_replayed_from_the_history() {
        let events = [
            event(1, EventKind::Created, None, Some("in-progress")),
            event(1, EventKind::StepAdded, Some("a"), Some("open")),
            event(1, EventKind::StepAdded, Some("b"), Some("open")),
            event(8, EventKind::StepReviewed, Some("a"), Some("done")),
            event(8, EventKind::StepReviewed, Some("b"), Some("not-this-week")),
            event(15, EventKind::StepReviewed, Some("b"), Some("let-go")),
            event(16, EventKind::Status, None, Some("achieved")),
        ];
        let p: Vec<_> = progress(&events)
            .iter()
            .map(|p| (p.done, p.total, p.status))
            .collect();
        assert_eq!(
            p,
            [
                (0, 2, GoalStatus::InProgress),
                (1, 2, GoalStatus::InProgress),
                (1, 1, GoalStatus::InProgress),
                (1, 1, GoalStatus::Achieved)
            ]
        );
    }
}
