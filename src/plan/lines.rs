//! The review of steps line by line (plain mode: screen readers, pipes):
//! after a weekly check-in's results, each open step of the goals in
//! progress, answered 1 done, 2 in progress, 3 not this week, 4 let go, or
//! Enter to leave it as it is; q or the end of input stops. Each answer is
//! handed to `keep` (which stores it with the check-in) before the next.

use std::io::{BufRead, Write};

use super::model::StepState;
use super::review::Review;
use super::words;
use crate::error::Error;
use crate::store::StepReview;

/// The prompt under each step.
pub const PROMPT: &str =
    "1 done, 2 in progress, 3 not this week, 4 let go; Enter leaves it as it is:";

/// Asks about every step of `review`.
pub fn review_lines<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    review: &mut Review,
    keep: &mut dyn FnMut(StepReview) -> Result<(), Error>,
) -> Result<(), Error> {
    writeln!(out)?;
    writeln!(out, "{}", words::REVIEW_TITLE)?;
    writeln!(out, "{}", words::REVIEW_INTRO)?;
    let total = review.asked.len();
    while let Some(asked) = review.current().cloned() {
        writeln!(out)?;
        writeln!(out, "Goal: {}", asked.goal_text)?;
        writeln!(
            out,
            "Step {} of {total}: {}",
            review.at + 1,
            asked.step_text
        )?;
        loop {
            writeln!(out, "{PROMPT}")?;
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let state = match line.trim() {
                "" => {
                    review.skip();
                    break;
                }
                "q" | "Q" => return Ok(()),
                "1" => StepState::Done,
                "2" => StepState::InProgress,
                "3" => StepState::NotThisWeek,
                "4" => StepState::LetGo,
                _ => continue,
            };
            review.answer(state);
            keep(StepReview {
                goal_id: asked.goal_id.clone(),
                step_id: asked.step_id.clone(),
                state,
            })?;
            writeln!(out, "Kept: {}.", state.words())?;
            break;
        }
    }
    Ok(())
}
