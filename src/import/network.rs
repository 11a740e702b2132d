//! What an imported file may say about recovery-network reviews: ids in
//! their one spelling, unique reviews, times recap writes (from 1900, not
//! ahead of the clock) with the day and offset they claim, and entries that
//! keep the network's rules (names, kinds, 1-5 answers, unique ids and
//! names). Names are stored as the name policy spells them.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Refused, check_time_on, ids};
use crate::network::model;
use crate::store::{Dump, parse_timestamp};

/// Respells ids and names, then checks every review.
pub(super) fn admit(dump: &mut Cow<'_, Dump>, now: DateTime<Utc>) -> Result<(), Refused> {
    respell(dump)?;
    let mut seen = HashSet::new();
    for (i, r) in dump.network_reviews.iter().enumerate() {
        let at = format!("network_reviews[{i}]");
        if !seen.insert(r.id.as_str()) {
            return Err(Refused::new(
                at,
                format!("network review {} appears twice", r.id),
            ));
        }
        let Some(offset) = crate::timefmt::parse_offset(&r.utc_offset) else {
            return Err(Refused::new(
                format!("{at}.utc_offset"),
                format!(
                    "{:?} is not a UTC offset (e.g. +13:00 or -08:00)",
                    r.utc_offset
                ),
            ));
        };
        check_time_on(&at, "started_at", &r.started_at, Some(offset), now)?;
        check_time_on(&at, "updated_at", &r.updated_at, Some(offset), now)?;
        if r.updated_at < r.started_at {
            return Err(Refused::new(
                format!("{at}.updated_at"),
                "a review cannot be changed before it began",
            ));
        }
        let day = NaiveDate::parse_from_str(&r.local_date, "%Y-%m-%d")
            .ok()
            .filter(|d| d.format("%Y-%m-%d").to_string() == r.local_date);
        let began = parse_timestamp(&r.started_at)
            .map(|t| t.with_timezone(&offset).date_naive())
            .ok();
        if day.is_none() || day != began {
            return Err(Refused::new(
                format!("{at}.local_date"),
                format!(
                    "{:?} is not the day of started_at at {} ({}); the date shown must be the day the review began",
                    r.local_date,
                    r.utc_offset,
                    began.map_or_else(|| "unknown".into(), |d| d.format("%Y-%m-%d").to_string())
                ),
            ));
        }
        model::check_all(&r.entries)
            .map_err(|(j, e)| Refused::new(format!("{at}.entries[{j}]"), e.to_string()))?;
    }
    Ok(())
}

/// One spelling for review, profile and entry ids (lower-case UUIDs) and
/// names as recap stores them (trimmed, NFC). Copies the dump only when
/// something changes.
fn respell(dump: &mut Cow<'_, Dump>) -> Result<(), Refused> {
    let uuid = |at: &str, field: &str, value: &str| -> Result<Option<String>, Refused> {
        match ids::uuid(value) {
            Some(normal) if normal == value => Ok(None),
            Some(normal) => Ok(Some(normal)),
            None => Err(Refused::new(
                format!("{at}.{field}"),
                format!("{value:?} is not a UUID"),
            )),
        }
    };
    for i in 0..dump.network_reviews.len() {
        let at = format!("network_reviews[{i}]");
        if let Some(v) = uuid(&at, "id", &dump.network_reviews[i].id)? {
            dump.to_mut().network_reviews[i].id = v;
        }
        if let Some(v) = uuid(&at, "profile_uuid", &dump.network_reviews[i].profile_uuid)? {
            dump.to_mut().network_reviews[i].profile_uuid = v;
        }
        for j in 0..dump.network_reviews[i].entries.len() {
            let at = format!("{at}.entries[{j}]");
            let entry = &dump.network_reviews[i].entries[j];
            if let Some(v) = uuid(&at, "id", &entry.id)? {
                dump.to_mut().network_reviews[i].entries[j].id = v;
            }
            let name = &dump.network_reviews[i].entries[j].name;
            if let Ok(normal) = model::check_name(name)
                && normal != *name
            {
                dump.to_mut().network_reviews[i].entries[j].name = normal;
            }
        }
    }
    Ok(())
}
