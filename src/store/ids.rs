//! Finding a check-in, a note or a goal by what a person types: its whole id or a
//! unique prefix of at least `MIN_PREFIX` characters.

use rusqlite::params;

use super::error::{StoreError, StoreResult};
use super::types::{Note, Session};
use super::{Store, sessions};

/// The shortest prefix of an id that is accepted.
pub const MIN_PREFIX: usize = 8;

/// What kind of record an id names, for the two tables that have them.
#[derive(Clone, Copy)]
enum Kind {
    CheckIn,
    Note,
    Goal,
}

impl Kind {
    /// Where its ids are (a deleted note is not found).
    fn table(self) -> &'static str {
        match self {
            Kind::CheckIn => "sessions",
            Kind::Note => "(SELECT id, profile_id FROM notes WHERE deleted_at IS NULL)",
            Kind::Goal => "goals",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Kind::CheckIn => "check-in",
            Kind::Note => "note",
            Kind::Goal => "goal",
        }
    }

    fn lister(self) -> &'static str {
        match self {
            Kind::CheckIn => "recap history",
            Kind::Note => "recap notes list",
            Kind::Goal => "recap goals list",
        }
    }
}

/// The typed text in the ids' one spelling (lower case), or why it cannot
/// be the start of an id.
fn prefix(kind: Kind, typed: &str) -> StoreResult<String> {
    let text = typed.trim().to_ascii_lowercase();
    if !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') || text.is_empty() {
        return Err(StoreError::Input(format!(
            "{typed:?} is not a {} id; `{}` shows them",
            kind.words(),
            kind.lister()
        )));
    }
    if text.chars().count() < MIN_PREFIX {
        return Err(StoreError::Input(format!(
            "{typed:?} is too short to find a {}: give at least {MIN_PREFIX} characters of its id (`{}` shows them)",
            kind.words(),
            kind.lister()
        )));
    }
    Ok(text)
}

impl Store {
    /// The ids starting with `text` (at most `limit`), optionally of one
    /// profile only. Ids hold only hex digits and hyphens, all before "g".
    fn ids_starting(
        &self,
        kind: Kind,
        text: &str,
        profile_id: Option<i64>,
    ) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id FROM {} WHERE id >= ?1 AND id < ?1 || 'g'
               AND (?2 IS NULL OR profile_id = ?2)
             ORDER BY id LIMIT 3",
            kind.table()
        ))?;
        let rows = stmt.query_map(params![text, profile_id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn resolve(&self, kind: Kind, typed: &str, profile_id: Option<i64>) -> StoreResult<String> {
        let text = prefix(kind, typed)?;
        let found = self.ids_starting(kind, &text, profile_id)?;
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => {
                let elsewhere =
                    profile_id.is_some() && !self.ids_starting(kind, &text, None)?.is_empty();
                Err(StoreError::Input(if elsewhere {
                    format!(
                        "the {} {typed} belongs to another profile; name it with --profile",
                        kind.words()
                    )
                } else {
                    format!(
                        "no {} has an id starting with {typed}; `{}` shows them",
                        kind.words(),
                        kind.lister()
                    )
                }))
            }
            many => Err(StoreError::Input(format!(
                "{typed} is the start of more than one {} id ({}{}); give more characters",
                kind.words(),
                many.iter()
                    .take(2)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                if many.len() > 2 { ", ..." } else { "" }
            ))),
        }
    }

    /// The check-in whose id is `typed` or starts with it (at least 8
    /// characters, one match), in any status, in the trash too. With a
    /// profile, only that profile's check-ins are looked at. Unknown,
    /// ambiguous or too short: `StoreError::Input` saying which.
    pub fn resolve_checkin(&self, typed: &str, profile_id: Option<i64>) -> StoreResult<Session> {
        let id = self.resolve(Kind::CheckIn, typed, profile_id)?;
        let raw = self.conn.query_row(
            &format!("SELECT {} FROM sessions WHERE id = ?1", sessions::COLUMNS),
            [&id],
            sessions::from_row,
        )?;
        sessions::build(raw)
    }

    /// The id of the goal whose id is `typed` or starts with it, as
    /// `resolve_checkin`.
    pub(super) fn resolve_goal_id(
        &self,
        typed: &str,
        profile_id: Option<i64>,
    ) -> StoreResult<String> {
        self.resolve(Kind::Goal, typed, profile_id)
    }

    /// The note whose id is `typed` or starts with it, as `resolve_checkin`.
    pub fn resolve_note(&self, typed: &str, profile_id: Option<i64>) -> StoreResult<Note> {
        let id = self.resolve(Kind::Note, typed, profile_id)?;
        self.note(&id)?
            .ok_or_else(|| StoreError::Input(format!("no note has the id {id}")))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_checked_before_any_lookup() {
        assert_eq!(
            prefix(Kind::CheckIn, " 5F0C2B1E-8d ").unwrap(),
            "5f0c2b1e-8d"
        );
        let short = prefix(Kind::CheckIn, "5f0c2b1").unwrap_err().to_string();
        assert!(short.contains("at least 8 characters"), "{short}");
        let odd = prefix(Kind::Note, "5f0c2b1e%").unwrap_err().to_string();
        assert!(odd.contains("not a note id"), "{odd}");
        assert!(prefix(Kind::Note, "").is_err());
    }
}
