//! Questionnaires switched off per profile: never due for that profile.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::error::StoreResult;
use super::{Store, timestamp};

impl Store {
    /// Switches a questionnaire off (`skip`) or back on for a profile.
    /// Returns whether anything changed.
    pub fn skip_questionnaire(
        &self,
        profile_id: i64,
        questionnaire_id: &str,
        skip: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        self.write(|tx| {
            let changed = if skip {
                tx.execute(
                    "INSERT INTO skipped_questionnaires (profile_id, questionnaire_id, skipped_at)
                     VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    params![profile_id, questionnaire_id, timestamp(now)],
                )?
            } else {
                tx.execute(
                    "DELETE FROM skipped_questionnaires
                     WHERE profile_id = ?1 AND questionnaire_id = ?2",
                    params![profile_id, questionnaire_id],
                )?
            };
            Ok(changed > 0)
        })
    }

    /// The ids of the questionnaires switched off for a profile, sorted.
    pub fn skipped_questionnaires(&self, profile_id: i64) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT questionnaire_id FROM skipped_questionnaires
             WHERE profile_id = ?1 ORDER BY questionnaire_id",
        )?;
        let rows = stmt.query_map([profile_id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }
}
