//! `export --format csv --goals`: the goals table, one row per step of each
//! goal (a goal without steps: one row with empty step cells), ordered by
//! profile, then the goal's place in the profile's list (in progress first),
//! then the step's order. With `--since`, goals changed from then on or
//! still in progress.

use std::io::Write;

use super::{Cell, write_row};
use crate::export::ExportResult;
use crate::store::{DumpFilter, Store, timestamp};

/// The header of the goals table.
pub const GOAL_COLUMNS: [&str; 15] = [
    "profile",
    "goal_id",
    "goal",
    "dimension",
    "status",
    "due",
    "from",
    "created_at",
    "updated_at",
    "steps_done",
    "steps_total",
    "step_id",
    "step",
    "step_state",
    "step_added_at",
];

/// Writes the goals `filter` selects.
pub fn write_goals<W: Write>(store: &Store, filter: &DumpFilter, out: W) -> ExportResult<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(GOAL_COLUMNS)?;
    for profile in store.profiles(true)? {
        if filter.profile_id.is_some_and(|id| id != profile.id) {
            continue;
        }
        for goal in store.goals(profile.id)? {
            if filter
                .since
                .is_some_and(|s| goal.updated_at < s && !goal.status.is_active())
            {
                continue;
            }
            let (done, all) = goal.progress();
            let (done, all) = (done.to_string(), all.to_string());
            let due = goal
                .due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let from = goal
                .source
                .as_ref()
                .map(|s| s.words.as_str())
                .unwrap_or_default();
            let created = timestamp(goal.created_at);
            let updated = timestamp(goal.updated_at);
            let head = [
                Cell::Text(&profile.name),
                Cell::Text(&goal.id),
                Cell::Text(&goal.text),
                Cell::Text(goal.dimension.as_str()),
                Cell::Text(goal.status.as_str()),
                Cell::Value(&due),
                Cell::Text(from),
                Cell::Text(&created),
                Cell::Text(&updated),
                Cell::Value(&done),
                Cell::Value(&all),
            ];
            if goal.steps.is_empty() {
                let mut row: Vec<Cell<'_>> = head.to_vec();
                row.extend([Cell::Value(""); 4]);
                write_row(&mut w, &row)?;
            }
            for s in &goal.steps {
                let added = timestamp(s.created_at);
                let mut row: Vec<Cell<'_>> = head.to_vec();
                row.extend([
                    Cell::Text(&s.id),
                    Cell::Text(&s.text),
                    Cell::Text(s.state.as_str()),
                    Cell::Text(&added),
                ]);
                write_row(&mut w, &row)?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
