//! What is due for one profile: each questionnaire of the catalog with the
//! day it was last done (on the person's calendar), the day it is due and
//! whether it is due now. A questionnaire switched off for the profile
//! (`recap profiles set NAME --skip ID`) is never due.

use chrono::{DateTime, NaiveDate, Utc};

use super::calendar::{self, Due};
use crate::instrument::{Catalog, Instrument};
use crate::store::{Store, StoreResult};
use crate::timefmt::{Lived, Zone};

/// One questionnaire's schedule for one profile, on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub questionnaire_id: String,
    /// The short title ("WHO-5").
    pub title: String,
    /// The questionnaire's interval in days (`due_days`), if it has one.
    pub every_days: Option<u32>,
    /// Switched off for this profile: never due.
    pub switched_off: bool,
    /// The day it was last completed, in the person's zone then.
    pub last_done: Option<NaiveDate>,
    /// Today, in the person's zone now.
    pub today: NaiveDate,
}

impl DueItem {
    /// The interval that applies: none when switched off.
    pub fn interval(&self) -> Option<u32> {
        if self.switched_off {
            None
        } else {
            self.every_days
        }
    }

    /// The day it is due next; `None` when it was never done (then it is
    /// due now, if it has an interval), has no interval or is switched off.
    pub fn due_on(&self) -> Option<NaiveDate> {
        calendar::due_on(self.interval(), self.last_done)
    }

    /// Where it stands today (`NoSchedule` when switched off and done before).
    pub fn state(&self) -> Due {
        calendar::state(self.interval(), self.last_done, self.today)
    }

    /// Due now: it has an interval here, and it was never done or the
    /// interval has passed.
    pub fn is_due(&self) -> bool {
        calendar::is_due(self.interval(), self.last_done, self.today)
    }
}

/// One questionnaire's schedule, from the last time it was completed (in
/// its own zone; `zone` for a check-in stored without one) and today.
pub fn item(
    instrument: &Instrument,
    last: Option<Lived>,
    switched_off: bool,
    zone: Zone,
    now: DateTime<Utc>,
) -> DueItem {
    DueItem {
        questionnaire_id: instrument.id.clone(),
        title: instrument.short_title.clone(),
        every_days: instrument.due_days,
        switched_off,
        last_done: last.map(|l| calendar::day_done(zone, l)),
        today: calendar::today(zone, now),
    }
}

/// Every questionnaire of the catalog for a profile, in catalog order,
/// switched-off ones included (marked).
pub fn for_profile(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    zone: Zone,
    now: DateTime<Utc>,
) -> StoreResult<Vec<DueItem>> {
    let last = store.last_completed(profile_id)?;
    let off = store.skipped_questionnaires(profile_id)?;
    Ok(catalog
        .iter()
        .map(|loaded| {
            let id = &loaded.instrument.id;
            let done = last.iter().find(|(q, _)| q == id).map(|(_, l)| *l);
            item(&loaded.instrument, done, off.contains(id), zone, now)
        })
        .collect())
}

/// The id `recap due` gives the recovery-network review.
pub const NETWORK_REVIEW_ID: &str = "network";

/// The recovery-network review as a due item, once the person has walked
/// through their network at least once (starting one is up to them): due
/// `review_days` after the last walk-through.
pub fn network_review(
    store: &Store,
    profile_id: i64,
    review_days: u32,
    zone: Zone,
    now: DateTime<Utc>,
) -> StoreResult<Option<DueItem>> {
    let last = store
        .network_reviews(profile_id)?
        .into_iter()
        .filter(|r| r.walked_through)
        .map(|r| r.date)
        .max();
    Ok(last.map(|day| DueItem {
        questionnaire_id: NETWORK_REVIEW_ID.into(),
        title: crate::strings::NETWORK_REVIEW_TITLE.into(),
        every_days: Some(review_days),
        switched_off: false,
        last_done: Some(day),
        today: calendar::today(zone, now),
    }))
}

/// The short titles of what is due for a profile now (the people picker).
pub fn due_titles(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    zone: Zone,
    now: DateTime<Utc>,
) -> StoreResult<Vec<String>> {
    Ok(for_profile(store, catalog, profile_id, zone, now)?
        .into_iter()
        .filter(DueItem::is_due)
        .map(|i| i.title)
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::instrument::AnswerValue;
    use chrono::{FixedOffset, TimeZone};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_profile_s_schedule_from_the_store_with_a_questionnaire_switched_off() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("recap.db")).unwrap();
        let catalog = Catalog::bundled();
        let who5 = catalog.get("who-5").unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let p = store.add_profile("Sam", start).unwrap();
        // WHO-5 done at 23:30 on 10 November in Auckland (10:30 UTC).
        let auckland = FixedOffset::east_opt(13 * 3600).unwrap();
        let done = auckland.with_ymd_and_hms(2026, 11, 10, 23, 30, 0).unwrap();
        let answers = who5
            .instrument
            .items
            .iter()
            .map(|i| (i.id.clone(), AnswerValue::Number(3)))
            .collect();
        store
            .record_session(p.id, who5, &answers, done, false)
            .unwrap();
        store
            .skip_questionnaire(p.id, "barc-10", true, start)
            .unwrap();
        let now = auckland
            .with_ymd_and_hms(2026, 11, 24, 0, 5, 0)
            .unwrap()
            .with_timezone(&Utc);
        let items = for_profile(&store, &catalog, p.id, Zone::Local, now).unwrap();
        let who = items
            .iter()
            .find(|i| i.questionnaire_id == "who-5")
            .unwrap();
        assert_eq!(who.last_done, Some(d(11, 10)));
        assert_eq!(who.due_on(), Some(d(11, 24)));
        let barc = items
            .iter()
            .find(|i| i.questionnaire_id == "barc-10")
            .unwrap();
        assert!(barc.switched_off);
        assert!(!barc.is_due());
        assert_eq!(barc.due_on(), None);
        let weekly = items
            .iter()
            .find(|i| i.questionnaire_id == "samhsa-dimensions")
            .unwrap();
        assert_eq!(weekly.state(), Due::NeverDone);
        assert!(weekly.is_due());
        // Today depends on this computer's zone; in UTC it is the 23rd,
        // one day before WHO-5 is due.
        let utc = for_profile(&store, &catalog, p.id, Zone::Utc, now).unwrap();
        let who = utc.iter().find(|i| i.questionnaire_id == "who-5").unwrap();
        assert_eq!(who.today, d(11, 23));
        assert_eq!(who.state(), Due::NotYet { in_days: 1 });
        assert_eq!(
            due_titles(&store, &catalog, p.id, Zone::Utc, now).unwrap(),
            ["Weekly check-in"]
        );
        // Switched back on, it is due (never done).
        store
            .skip_questionnaire(p.id, "barc-10", false, start)
            .unwrap();
        assert!(
            for_profile(&store, &catalog, p.id, Zone::Utc, now)
                .unwrap()
                .iter()
                .any(|i| i.questionnaire_id == "barc-10" && i.is_due())
        );
    }
}
