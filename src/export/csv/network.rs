//! `export --format csv --network`: one row per entry per recovery-network
//! review (a review with no entries gives no row), ordered by profile, then
//! review, then the entry's place in the review. Answers a kind is not
//! asked are empty cells; yes/no answers are `true`/`false`.

use std::io::Write;

use super::{Cell, write_row};
use crate::export::ExportResult;
use crate::network::{Entry, Field};
use crate::store::{DumpFilter, Store};

/// The header of the network export.
pub const NETWORK_COLUMNS: [&str; 16] = [
    "profile",
    "review_id",
    "review_date",
    "walked_through",
    "entry_id",
    "name",
    "kind",
    "support",
    "closeness",
    "belonging",
    "contact",
    "role_model",
    "available",
    "reachable",
    "uses",
    "updated_at",
];

fn flag(e: &Entry, field: Field, value: bool) -> &'static str {
    match (field.applies_to(e.kind), value) {
        (false, _) => "",
        (true, true) => "true",
        (true, false) => "false",
    }
}

/// Writes the rows of the reviews `filter` selects.
pub fn write_network<W: Write>(store: &Store, filter: &DumpFilter, out: W) -> ExportResult<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(NETWORK_COLUMNS)?;
    for profile in store.profiles(true)? {
        if filter.profile_id.is_some_and(|id| id != profile.id) {
            continue;
        }
        for review in store.network_reviews(profile.id)? {
            if filter.since.is_some_and(|s| review.started_at < s) {
                continue;
            }
            let date = review.date.format("%Y-%m-%d").to_string();
            let walked = if review.walked_through {
                "true"
            } else {
                "false"
            };
            let updated = crate::timefmt::Zone::Local.timestamp(crate::timefmt::Lived::new(
                review.updated_at,
                Some(review.utc_offset),
            ));
            for e in &review.entries {
                let closeness = e.closeness.map(|v| v.to_string()).unwrap_or_default();
                let belonging = e.belonging.map(|v| v.to_string()).unwrap_or_default();
                write_row(
                    &mut w,
                    &[
                        Cell::Text(&profile.name),
                        Cell::Text(&review.id),
                        Cell::Text(&date),
                        Cell::Value(walked),
                        Cell::Text(&e.id),
                        Cell::Text(&e.name),
                        Cell::Text(e.kind.as_str()),
                        Cell::Text(e.support.as_str()),
                        Cell::Value(&closeness),
                        Cell::Value(&belonging),
                        Cell::Text(e.contact.map(|c| c.as_str()).unwrap_or_default()),
                        Cell::Value(flag(e, Field::RoleModel, e.role_model)),
                        Cell::Value(flag(e, Field::Available, e.available)),
                        Cell::Value(flag(e, Field::Reachable, e.reachable)),
                        Cell::Value(flag(e, Field::Uses, e.uses)),
                        Cell::Text(&updated),
                    ],
                )?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
