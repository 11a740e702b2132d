//! The short review of steps at the end of a check-in, as a state machine
//! (no UI, no SQL): the open steps of the goals in progress, one at a time,
//! each answered done / in progress / not this week / let go, or skipped.
//! What it yields is stored with the check-in (`Store::review_steps`).

use crate::store::StepReview;

use super::model::{Goal, StepState};

/// One step to ask about.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub goal_id: String,
    pub goal_text: String,
    pub step_id: String,
    pub step_text: String,
    pub state_before: StepState,
}

/// The review in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub asked: Vec<Asked>,
    pub answers: Vec<Option<StepState>>,
    pub at: usize,
}

impl Review {
    /// The open steps of the goals in progress, goal by goal; None when
    /// there is nothing to review.
    pub fn new(goals: &[Goal]) -> Option<Review> {
        let asked: Vec<Asked> = goals
            .iter()
            .filter(|g| g.status.is_active())
            .flat_map(|g| {
                g.steps
                    .iter()
                    .filter(|s| s.state.is_open())
                    .map(move |s| Asked {
                        goal_id: g.id.clone(),
                        goal_text: g.text.clone(),
                        step_id: s.id.clone(),
                        step_text: s.text.clone(),
                        state_before: s.state,
                    })
            })
            .collect();
        if asked.is_empty() {
            return None;
        }
        Some(Review {
            answers: vec![None; asked.len()],
            asked,
            at: 0,
        })
    }

    pub fn current(&self) -> Option<&Asked> {
        self.asked.get(self.at)
    }

    pub fn is_done(&self) -> bool {
        self.at >= self.asked.len()
    }

    /// Answers the step shown and moves on.
    pub fn answer(&mut self, state: StepState) {
        if state != StepState::Open
            && let Some(a) = self.answers.get_mut(self.at)
        {
            *a = Some(state);
            self.at += 1;
        }
    }

    /// Leaves the step shown as it is and moves on.
    pub fn skip(&mut self) {
        if self.at < self.asked.len() {
            self.at += 1;
        }
    }

    /// Back to the step before.
    pub fn back(&mut self) {
        self.at = self.at.saturating_sub(1);
    }

    /// What to store: the steps answered.
    pub fn reviews(&self) -> Vec<StepReview> {
        self.asked
            .iter()
            .zip(&self.answers)
            .filter_map(|(a, s)| {
                Some(StepReview {
                    goal_id: a.goal_id.clone(),
                    step_id: a.step_id.clone(),
                    state: (*s)?,
                })
            })
            .collect()
    }
}
