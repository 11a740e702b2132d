//! Profiles: create, list, rename, archive and bring back, delete; the
//! default profile (created by the first write, never by a read).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::error::{StoreError, StoreResult};
use super::names;
use super::types::Profile;
use super::{Store, parse_timestamp, timestamp};

/// The profile created on first run.
pub const DEFAULT_PROFILE: &str = "Me";

const COLUMNS: &str = "id, uuid, name, created_at, archived_at, counselor_default, client_id";

type RawProfile = (
    i64,
    String,
    String,
    String,
    Option<String>,
    bool,
    Option<String>,
);

fn from_row(r: &Row<'_>) -> rusqlite::Result<RawProfile> {
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

fn build(raw: RawProfile) -> StoreResult<Profile> {
    let (id, uuid, name, created, archived, counselor_default, client_id) = raw;
    Ok(Profile {
        id,
        uuid,
        name,
        created_at: parse_timestamp(&created)?,
        archived_at: archived.as_deref().map(parse_timestamp).transpose()?,
        counselor_default,
        client_id,
    })
}

/// The client id as stored, or why it cannot be one (`names`).
pub(super) fn check_client_id(id: &str) -> StoreResult<String> {
    names::check_client_id(id).map_err(StoreError::Input)
}

/// Refuses a client id another profile (any but `except`) has, without
/// naming that profile.
pub(super) fn refuse_client_id_clash(
    tx: &rusqlite::Transaction<'_>,
    client_id: &str,
    except: Option<i64>,
) -> StoreResult<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT id FROM profiles WHERE client_id = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![client_id, except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::Input(format!(
            "another profile already has the client id {client_id:?}; each client id belongs to one profile"
        ))),
        None => Ok(()),
    }
}

/// The name as stored (trimmed, NFC), or why it cannot be one (`names`).
pub(super) fn check_name(name: &str) -> StoreResult<String> {
    names::check(name).map_err(StoreError::Input)
}

/// Refuses `name` when it is, or looks like, the name of another profile
/// (any but `except`), naming that profile.
pub(super) fn refuse_clash(
    tx: &rusqlite::Transaction<'_>,
    name: &str,
    except: Option<i64>,
) -> StoreResult<()> {
    match clash(tx, name, except)? {
        Some(c) => Err(StoreError::Input(c.message(name))),
        None => Ok(()),
    }
}

/// How `name` clashes with the name of another profile (any but `except`).
pub(super) fn clash(
    tx: &rusqlite::Transaction<'_>,
    name: &str,
    except: Option<i64>,
) -> StoreResult<Option<names::Clash>> {
    let mut stmt = tx.prepare("SELECT name FROM profiles WHERE id IS NOT ?1")?;
    let existing = stmt
        .query_map([except], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names::clash(name, existing.iter().map(String::as_str)))
}

impl Store {
    /// Whether a check-in of `profile` could be done with a counselor, so
    /// "alone or with a counselor?" is worth asking: several people use this
    /// file, or this person has done one with a counselor.
    pub fn counselor_plausible(&self, profile: &Profile) -> StoreResult<bool> {
        if profile.counselor_default || self.profiles(false)?.len() > 1 {
            return Ok(true);
        }
        Ok(self
            .sessions(profile.id, &super::SessionQuery::default())?
            .iter()
            .any(|s| s.with_counselor))
    }

    /// Profiles by name; archived ones only when asked.
    pub fn profiles(&self, include_archived: bool) -> StoreResult<Vec<Profile>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM profiles {} ORDER BY name COLLATE NOCASE",
            if include_archived {
                ""
            } else {
                "WHERE archived_at IS NULL"
            }
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], from_row)?;
        rows.map(|r| build(r?)).collect()
    }

    pub fn profile_by_name(&self, name: &str) -> StoreResult<Option<Profile>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE name = ?1"),
                [names::normalise(name)],
                from_row,
            )
            .optional()?;
        raw.map(build).transpose()
    }

    pub fn profile_by_id(&self, id: i64) -> StoreResult<Option<Profile>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?;
        raw.map(build).transpose()
    }

    /// The profile with this client id (compared without regard to case).
    pub fn profile_by_client_id(&self, client_id: &str) -> StoreResult<Option<Profile>> {
        let raw = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE client_id = ?1 COLLATE NOCASE"),
                [client_id.trim()],
                from_row,
            )
            .optional()?;
        raw.map(build).transpose()
    }

    /// The named profile, or an error that names no other profile (someone
    /// else may see the screen) and says how to list them.
    pub fn require_profile(&self, name: &str) -> StoreResult<Profile> {
        self.profile_by_name(name)?
            .ok_or_else(|| StoreError::Input(crate::strings::no_such_profile(name)))
    }

    pub fn add_profile(&self, name: &str, now: DateTime<Utc>) -> StoreResult<Profile> {
        self.add_profile_with(name, None, now)
    }

    /// Adds a profile, optionally with a client id (refused when another
    /// profile has it).
    pub fn add_profile_with(
        &self,
        name: &str,
        client_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Profile> {
        let name = check_name(name)?;
        let client_id = client_id.map(check_client_id).transpose()?;
        self.write(|tx| {
            refuse_clash(tx, &name, None)?;
            if let Some(id) = &client_id {
                refuse_client_id_clash(tx, id, None)?;
            }
            tx.execute(
                "INSERT INTO profiles (uuid, name, created_at, client_id) VALUES (?1, ?2, ?3, ?4)",
                params![
                    uuid::Uuid::new_v4().to_string(),
                    name,
                    timestamp(now),
                    client_id
                ],
            )?;
            Ok(())
        })?;
        self.require_profile(&name)
    }

    /// Gives a profile a client id, or takes it away (`None`).
    pub fn set_client_id(&self, name: &str, client_id: Option<&str>) -> StoreResult<Profile> {
        let profile = self.require_profile(name)?;
        let client_id = client_id.map(check_client_id).transpose()?;
        self.write(|tx| {
            if let Some(id) = &client_id {
                refuse_client_id_clash(tx, id, Some(profile.id))?;
            }
            tx.execute(
                "UPDATE profiles SET client_id = ?1 WHERE id = ?2",
                params![client_id, profile.id],
            )?;
            Ok(())
        })?;
        self.require_profile(&profile.name)
    }

    pub fn rename_profile(&self, old: &str, new: &str) -> StoreResult<Profile> {
        let new = check_name(new)?;
        let profile = self.require_profile(old)?;
        self.write(|tx| {
            refuse_clash(tx, &new, Some(profile.id))?;
            tx.execute(
                "UPDATE profiles SET name = ?1 WHERE id = ?2",
                params![new, profile.id],
            )?;
            Ok(())
        })?;
        self.require_profile(&new)
    }

    pub fn archive_profile(&self, name: &str, now: DateTime<Utc>) -> StoreResult<Profile> {
        let profile = self.require_profile(name)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE profiles SET archived_at = ?1 WHERE id = ?2 AND archived_at IS NULL",
                params![timestamp(now), profile.id],
            )?;
            Ok(())
        })?;
        self.require_profile(name)
    }

    pub fn unarchive_profile(&self, name: &str) -> StoreResult<Profile> {
        let profile = self.require_profile(name)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE profiles SET archived_at = NULL WHERE id = ?1",
                [profile.id],
            )?;
            Ok(())
        })?;
        self.require_profile(name)
    }

    /// Deletes a profile with all its sessions, answers and notes.
    pub fn delete_profile(&self, name: &str) -> StoreResult<()> {
        let profile = self.require_profile(name)?;
        self.write(|tx| {
            tx.execute("DELETE FROM profiles WHERE id = ?1", [profile.id])?;
            Ok(())
        })
    }

    pub fn set_counselor_default(&self, profile_id: i64, with_counselor: bool) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE profiles SET counselor_default = ?1 WHERE id = ?2",
                params![with_counselor, profile_id],
            )?;
            Ok(())
        })
    }

    /// The profile to use when none is named: the only active one; on first
    /// run the default profile is created. With several, the person must choose.
    pub fn default_profile(&self, now: DateTime<Utc>) -> StoreResult<Profile> {
        // One read, so that a profile another process adds meanwhile cannot
        // make "none active" and "none at all" disagree.
        let all = self.profiles(true)?;
        if all.is_empty() {
            // Another process may create it at the same moment: insert only
            // while there is still no profile at all, then look again.
            self.write(|tx| {
                tx.execute(
                    "INSERT INTO profiles (uuid, name, created_at)
                     SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM profiles)",
                    params![
                        uuid::Uuid::new_v4().to_string(),
                        DEFAULT_PROFILE,
                        timestamp(now)
                    ],
                )?;
                Ok(())
            })?;
            return self.default_profile(now);
        }
        only_active(&all)
    }

    /// The named profile, or the default one (created on first run: for
    /// commands that write).
    pub fn resolve_profile(&self, name: Option<&str>, now: DateTime<Utc>) -> StoreResult<Profile> {
        match name {
            Some(n) => self.require_profile(n),
            None => self.default_profile(now),
        }
    }

    /// The named profile, or the only active one, without creating any:
    /// for commands that only read. `None` when there are no profiles yet.
    pub fn find_profile(&self, name: Option<&str>) -> StoreResult<Option<Profile>> {
        match name {
            Some(n) => self.require_profile(n).map(Some),
            None => {
                let all = self.profiles(true)?;
                if all.is_empty() {
                    Ok(None)
                } else {
                    only_active(&all).map(Some)
                }
            }
        }
    }

    /// How many check-ins (the trash included) and notes a profile has:
    /// what deleting it would erase.
    pub fn profile_usage(&self, profile_id: i64) -> StoreResult<(usize, usize)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM sessions WHERE profile_id = ?1),
                    (SELECT count(*) FROM notes WHERE profile_id = ?1)",
            [profile_id],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
        )?)
    }
}

/// The one active profile among `all` (not empty), or why there is none to
/// pick without a name.
fn only_active(all: &[Profile]) -> StoreResult<Profile> {
    let active: Vec<&Profile> = all.iter().filter(|p| p.archived_at.is_none()).collect();
    match active.as_slice() {
        [only] => Ok((*only).clone()),
        [] => Err(StoreError::Input(
            "every profile is archived; bring one back with `recap profiles unarchive NAME` or add one with `recap profiles add NAME`".into(),
        )),
        _ => Err(StoreError::Input(crate::strings::SEVERAL_PROFILES.into())),
    }
}
