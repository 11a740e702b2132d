//! The recovery network in SQL: dated reviews and their entries. A change
//! goes into the profile's review of that day (made, when there is none, as
//! a copy of the latest review), so earlier reviews are never rewritten.
//! Also the network's part of the JSON dump and of imports.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::error::{StoreError, StoreResult};
use super::sessions::stored_offset;
use super::{DumpFilter, ImportSummary, Store, parse_timestamp, timestamp};
use crate::import::Refused;
use crate::network::Review;
use crate::network::model::{self, Change, Contact, Entry, Kind, Support};
use crate::timefmt::{self, InZone};

/// One review in the JSON export: the whole network that day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DumpNetworkReview {
    pub id: String,
    pub profile_uuid: String,
    /// The day in the person's zone ("2026-11-20").
    pub local_date: String,
    /// Their zone's UTC offset then ("+13:00").
    pub utc_offset: String,
    pub started_at: String,
    pub updated_at: String,
    pub walked_through: bool,
    pub entries: Vec<Entry>,
}

const REVIEW_COLUMNS: &str =
    "r.id, r.profile_id, r.local_date, r.utc_offset, r.started_at, r.updated_at, r.walked_through";

const ENTRY_COLUMNS: &str = "entry_id, name, kind, support, closeness, belonging, contact, role_model, available, reachable, uses";

type RawReview = (String, i64, String, i64, String, String, bool);

fn review_row(r: &Row<'_>) -> rusqlite::Result<RawReview> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn bad(what: &str, value: &str) -> StoreError {
    StoreError::Snapshot(format!("a network entry has an unknown {what} {value:?}"))
}

fn entry_row(r: &Row<'_>) -> rusqlite::Result<Result<Entry, StoreError>> {
    let kind: String = r.get(2)?;
    let support: String = r.get(3)?;
    let contact: Option<String> = r.get(6)?;
    let build = || -> Result<Entry, StoreError> {
        Ok(Entry {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: Kind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
            support: Support::parse(&support).ok_or_else(|| bad("support", &support))?,
            closeness: r.get(4)?,
            belonging: r.get(5)?,
            contact: contact
                .as_deref()
                .map(|c| Contact::parse(c).ok_or_else(|| bad("contact", c)))
                .transpose()?,
            role_model: r.get(7)?,
            available: r.get(8)?,
            reachable: r.get(9)?,
            uses: r.get(10)?,
        })
    };
    Ok(build())
}

fn entries_of(conn: &rusqlite::Connection, review_id: &str) -> StoreResult<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM network_entries WHERE review_id = ?1 ORDER BY position, entry_id"
    ))?;
    let rows = stmt.query_map([review_id], entry_row)?;
    rows.map(|r| r?).collect()
}

fn build(conn: &rusqlite::Connection, raw: RawReview) -> StoreResult<Review> {
    let (id, profile_id, date, offset, started, updated, walked) = raw;
    let entries = entries_of(conn, &id)?;
    Ok(Review {
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|e| StoreError::Snapshot(format!("bad review date {date:?}: {e}")))?,
        utc_offset: stored_offset(Some(offset))?
            .ok_or_else(|| StoreError::Snapshot(format!("bad UTC offset {offset}")))?,
        started_at: parse_timestamp(&started)?,
        updated_at: parse_timestamp(&updated)?,
        walked_through: walked,
        profile_id,
        entries,
        id,
    })
}

fn write_entries(tx: &Transaction<'_>, review_id: &str, entries: &[Entry]) -> StoreResult<()> {
    tx.execute(
        "DELETE FROM network_entries WHERE review_id = ?1",
        [review_id],
    )?;
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO network_entries (review_id, position, {ENTRY_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    ))?;
    for (position, e) in entries.iter().enumerate() {
        insert.execute(params![
            review_id,
            position as i64,
            e.id,
            e.name,
            e.kind.as_str(),
            e.support.as_str(),
            e.closeness,
            e.belonging,
            e.contact.map(Contact::as_str),
            e.role_model,
            e.available,
            e.reachable,
            e.uses
        ])?;
    }
    Ok(())
}

/// The id of the profile's review on `day` (the latest made that day), or
/// a new one holding a copy of the latest review's entries.
fn review_of_day(
    tx: &Transaction<'_>,
    profile_id: i64,
    at: DateTime<FixedOffset>,
) -> StoreResult<(String, Vec<Entry>)> {
    let day = at.date_naive().format("%Y-%m-%d").to_string();
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM network_reviews WHERE profile_id = ?1 AND local_date = ?2
             ORDER BY started_at DESC, id DESC LIMIT 1",
            params![profile_id, day],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        let entries = entries_of(tx, &id)?;
        return Ok((id, entries));
    }
    let latest: Option<String> = tx
        .query_row(
            "SELECT id FROM network_reviews WHERE profile_id = ?1
             ORDER BY started_at DESC, id DESC LIMIT 1",
            [profile_id],
            |r| r.get(0),
        )
        .optional()?;
    let entries = match &latest {
        Some(id) => entries_of(tx, id)?,
        None => Vec::new(),
    };
    let id = uuid::Uuid::new_v4().to_string();
    let now = timestamp(at.with_timezone(&Utc));
    tx.execute(
        "INSERT INTO network_reviews (id, profile_id, local_date, utc_offset, started_at, updated_at, walked_through)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, 0)",
        params![
            id,
            profile_id,
            day,
            timefmt::offset_seconds(*at.offset()),
            now
        ],
    )?;
    write_entries(tx, &id, &entries)?;
    Ok((id, entries))
}

impl Store {
    /// A profile's network reviews, oldest first.
    pub fn network_reviews(&self, profile_id: i64) -> StoreResult<Vec<Review>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {REVIEW_COLUMNS} FROM network_reviews r WHERE r.profile_id = ?1
             ORDER BY r.started_at, r.id"
        ))?;
        let raws = stmt
            .query_map([profile_id], review_row)?
            .collect::<Result<Vec<_>, _>>()?;
        raws.into_iter().map(|raw| build(&self.conn, raw)).collect()
    }

    /// The profile's latest review (its network now), if any.
    pub fn latest_network_review(&self, profile_id: i64) -> StoreResult<Option<Review>> {
        let raw = self
            .conn
            .query_row(
                &format!(
                    "SELECT {REVIEW_COLUMNS} FROM network_reviews r WHERE r.profile_id = ?1
                     ORDER BY r.started_at DESC, r.id DESC LIMIT 1"
                ),
                [profile_id],
                review_row,
            )
            .optional()?;
        raw.map(|raw| build(&self.conn, raw)).transpose()
    }

    fn network_review(&self, id: &str) -> StoreResult<Review> {
        let raw = self.conn.query_row(
            &format!("SELECT {REVIEW_COLUMNS} FROM network_reviews r WHERE r.id = ?1"),
            [id],
            review_row,
        )?;
        build(&self.conn, raw)
    }

    /// Records one change in the profile's review of the day of `at`
    /// (made when needed from the latest review), in one transaction; a
    /// change the network's rules refuse changes nothing.
    pub fn network_change(
        &self,
        profile_id: i64,
        at: impl InZone,
        change: &Change,
    ) -> StoreResult<Review> {
        let at = at.in_zone();
        crate::import::limits::not_too_early_on(at).map_err(StoreError::Input)?;
        let id = self.write(|tx| {
            let (id, mut entries) = review_of_day(tx, profile_id, at)?;
            model::apply(&mut entries, change).map_err(|e| StoreError::Input(e.to_string()))?;
            write_entries(tx, &id, &entries)?;
            tx.execute(
                "UPDATE network_reviews SET updated_at = ?1 WHERE id = ?2",
                params![timestamp(at.with_timezone(&Utc)), id],
            )?;
            Ok(id)
        })?;
        self.network_review(&id)
    }

    /// Marks the profile's review of the day of `at` as walked through
    /// (made from the latest review when there was no change that day).
    pub fn network_walked_through(&self, profile_id: i64, at: impl InZone) -> StoreResult<Review> {
        let at = at.in_zone();
        crate::import::limits::not_too_early_on(at).map_err(StoreError::Input)?;
        let id = self.write(|tx| {
            let (id, _) = review_of_day(tx, profile_id, at)?;
            tx.execute(
                "UPDATE network_reviews SET walked_through = 1, updated_at = ?1 WHERE id = ?2",
                params![timestamp(at.with_timezone(&Utc)), id],
            )?;
            Ok(id)
        })?;
        self.network_review(&id)
    }

    /// The reviews the filter selects (a profile's; those begun from `since`
    /// on), oldest first, for the JSON export.
    pub fn dump_network_reviews(&self, filter: &DumpFilter) -> StoreResult<Vec<DumpNetworkReview>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {REVIEW_COLUMNS}, p.uuid FROM network_reviews r JOIN profiles p ON p.id = r.profile_id
             WHERE (?1 IS NULL OR r.profile_id = ?1) AND (?2 IS NULL OR r.started_at >= ?2)
             ORDER BY r.started_at, r.id"
        ))?;
        let rows = stmt
            .query_map(
                params![filter.profile_id, filter.since.map(timestamp)],
                |r| Ok((review_row(r)?, r.get::<_, String>(7)?)),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|((id, _, date, offset, started, updated, walked), uuid)| {
                let offset = stored_offset(Some(offset))?
                    .ok_or_else(|| StoreError::Snapshot(format!("bad UTC offset {offset}")))?;
                Ok(DumpNetworkReview {
                    entries: entries_of(&self.conn, &id)?,
                    id,
                    profile_uuid: uuid,
                    local_date: date,
                    utc_offset: timefmt::offset_text(offset),
                    started_at: started,
                    updated_at: updated,
                    walked_through: walked,
                })
            })
            .collect()
    }
}

/// Adds the file's reviews that this database lacks (matched by id; one
/// already here must belong to the profile the file says). `profile_id`
/// finds a profile's local id by its uuid (the file's profiles are in the
/// database by now).
pub(super) fn import_reviews(
    tx: &Transaction<'_>,
    reviews: &[DumpNetworkReview],
    profile_id: &dyn Fn(&str) -> StoreResult<Option<i64>>,
    summary: &mut ImportSummary,
) -> StoreResult<()> {
    for (i, r) in reviews.iter().enumerate() {
        let at = format!("network_reviews[{i}]");
        let claimed = profile_id(&r.profile_uuid)?;
        let stored: Option<i64> = tx
            .query_row(
                "SELECT profile_id FROM network_reviews WHERE id = ?1",
                [&r.id],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(stored) = stored {
            crate::import::owners::existing(&at, "network review", &r.id, claimed, stored)?;
            summary.network_reviews_present += 1;
            continue;
        }
        let Some(pid) = claimed else {
            return Err(Refused::new(
                at,
                format!(
                    "profile {} is neither in the file nor in this database",
                    r.profile_uuid
                ),
            )
            .into());
        };
        let offset = timefmt::parse_offset(&r.utc_offset)
            .ok_or_else(|| Refused::new(format!("{at}.utc_offset"), "not a UTC offset"))?;
        tx.execute(
            "INSERT INTO network_reviews (id, profile_id, local_date, utc_offset, started_at, updated_at, walked_through)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.id,
                pid,
                r.local_date,
                timefmt::offset_seconds(offset),
                r.started_at,
                r.updated_at,
                r.walked_through
            ],
        )?;
        write_entries(tx, &r.id, &r.entries)?;
        summary.network_reviews_added += 1;
    }
    Ok(())
}
