//! Who owns what after an import, decided from what the database holds: a record already here keeps its profile, and a note's check-in belongs to the note's profile.

use super::Refused;

/// A check-in or note the database already has: the file must name the same
/// profile for it. `claimed` is the local id the file's profile maps to
/// (`None` when that profile is nowhere), `stored` the one it has here.
pub fn existing(
    at: &str,
    what: &str,
    id: &str,
    claimed: Option<i64>,
    stored: i64,
) -> Result<(), Refused> {
    if claimed == Some(stored) {
        Ok(())
    } else {
        Err(Refused::new(
            format!("{at}.profile_uuid"),
            format!("{what} {id} is already in this database and belongs to another profile there"),
        ))
    }
}

/// A note about a check-in: `note_profile` is the local profile the note
/// will have, `session_profile` the one its check-in has in the database
/// (after this import's own check-ins were added), `None` when there is no
/// such check-in.
pub fn note_session(
    at: &str,
    session: &str,
    note_profile: i64,
    session_profile: Option<i64>,
) -> Result<(), Refused> {
    match session_profile {
        None => Err(Refused::new(
            format!("{at}.session_id"),
            format!("session {session} is neither in the file nor in this database"),
        )),
        Some(owner) if owner != note_profile => Err(Refused::new(
            format!("{at}.session_id"),
            format!("session {session} belongs to another profile"),
        )),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn owners_must_match_what_is_stored() {
        assert!(existing("sessions[0]", "check-in", "x", Some(3), 3).is_ok());
        assert!(existing("sessions[0]", "check-in", "x", Some(4), 3).is_err());
        assert!(existing("sessions[0]", "check-in", "x", None, 3).is_err());
        assert!(note_session("notes[0]", "s", 1, Some(1)).is_ok());
        let err = note_session("notes[2]", "s", 1, Some(2))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("notes[2].session_id: session s belongs to another profile"),
            "{err}"
        );
        assert!(err.ends_with("nothing was imported"), "{err}");
        assert!(note_session("notes[0]", "s", 1, None).is_err());
    }
}
