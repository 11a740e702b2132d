//! One spelling per id: UUIDs lower-case and hyphenated without `urn:uuid:`, content hashes lower-case hex, so re-importing never duplicates.

use std::borrow::Cow;

use super::Refused;
use crate::store::Dump;

/// The one spelling of a UUID (`urn:uuid:`, braces, upper case and a missing
/// hyphenation are accepted), or `None` when `value` is not a UUID.
pub fn uuid(value: &str) -> Option<String> {
    let bare = match value.get(..9) {
        Some(prefix) if prefix.eq_ignore_ascii_case("urn:uuid:") => &value[9..],
        _ => value,
    };
    if bare.contains(':') {
        return None;
    }
    uuid::Uuid::parse_str(bare)
        .ok()
        .map(|u| u.hyphenated().to_string())
}

/// `Some(new spelling)` when `value` needs one; refused when it is no UUID.
fn respell(at: &str, field: &str, value: &str) -> Result<Option<String>, Refused> {
    match uuid(value) {
        Some(normal) if normal == value => Ok(None),
        Some(normal) => Ok(Some(normal)),
        None => Err(Refused::new(
            format!("{at}.{field}"),
            format!("{value:?} is not a UUID"),
        )),
    }
}

fn hash(value: &str) -> Option<String> {
    value
        .bytes()
        .any(|b| b.is_ascii_uppercase())
        .then(|| value.to_ascii_lowercase())
}

/// Rewrites every id and reference in `dump` to its one spelling. The dump
/// is copied only when something needs rewriting.
pub fn normalise(dump: &mut Cow<'_, Dump>) -> Result<(), Refused> {
    for i in 0..dump.profiles.len() {
        let at = format!("profiles[{i}]");
        if let Some(v) = respell(&at, "uuid", &dump.profiles[i].uuid)? {
            dump.to_mut().profiles[i].uuid = v;
        }
    }
    for i in 0..dump.snapshots.len() {
        if let Some(v) = hash(&dump.snapshots[i].hash) {
            dump.to_mut().snapshots[i].hash = v;
        }
    }
    for i in 0..dump.sessions.len() {
        let at = format!("sessions[{i}]");
        if let Some(v) = respell(&at, "id", &dump.sessions[i].id)? {
            dump.to_mut().sessions[i].id = v;
        }
        if let Some(v) = respell(&at, "profile_uuid", &dump.sessions[i].profile_uuid)? {
            dump.to_mut().sessions[i].profile_uuid = v;
        }
        if let Some(v) = hash(&dump.sessions[i].snapshot_hash) {
            dump.to_mut().sessions[i].snapshot_hash = v;
        }
    }
    for i in 0..dump.notes.len() {
        let at = format!("notes[{i}]");
        if let Some(v) = respell(&at, "id", &dump.notes[i].id)? {
            dump.to_mut().notes[i].id = v;
        }
        if let Some(v) = respell(&at, "profile_uuid", &dump.notes[i].profile_uuid)? {
            dump.to_mut().notes[i].profile_uuid = v;
        }
        if let Some(session) = &dump.notes[i].session_id
            && let Some(v) = respell(&at, "session_id", session)?
        {
            dump.to_mut().notes[i].session_id = Some(v);
        }
    }
    Ok(())
}

/// Profile `i` of a streamed file in its one spelling (uuid; the name as
/// the name policy spells it).
pub fn respell_profile(i: usize, p: &mut crate::store::DumpProfile) -> Result<(), Refused> {
    if let Some(v) = respell(&format!("profiles[{i}]"), "uuid", &p.uuid)? {
        p.uuid = v;
    }
    let name = crate::store::names::normalise(&p.name);
    if name != p.name {
        p.name = name;
    }
    Ok(())
}

/// A streamed snapshot's hash in lower case.
pub fn respell_snapshot(s: &mut crate::store::DumpSnapshot) {
    if let Some(v) = hash(&s.hash) {
        s.hash = v;
    }
}

/// Session `i` of a streamed file with its ids in their one spelling.
pub fn respell_session(i: usize, s: &mut crate::store::DumpSession) -> Result<(), Refused> {
    let at = format!("sessions[{i}]");
    if let Some(v) = respell(&at, "id", &s.id)? {
        s.id = v;
    }
    if let Some(v) = respell(&at, "profile_uuid", &s.profile_uuid)? {
        s.profile_uuid = v;
    }
    if let Some(v) = hash(&s.snapshot_hash) {
        s.snapshot_hash = v;
    }
    Ok(())
}

/// Note `i` of a streamed file with its ids in their one spelling.
pub fn respell_note(i: usize, n: &mut crate::store::DumpNote) -> Result<(), Refused> {
    let at = format!("notes[{i}]");
    if let Some(v) = respell(&at, "id", &n.id)? {
        n.id = v;
    }
    if let Some(v) = respell(&at, "profile_uuid", &n.profile_uuid)? {
        n.profile_uuid = v;
    }
    if let Some(session) = &n.session_id
        && let Some(v) = respell(&at, "session_id", session)?
    {
        n.session_id = Some(v);
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_uuid_becomes_one() {
        let one = "0f8fad5b-d9cb-469f-a165-70867728950e";
        for spelling in [
            one,
            "0F8FAD5B-D9CB-469F-A165-70867728950E",
            "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
            "URN:UUID:0F8FAD5B-D9CB-469F-A165-70867728950E",
            "{0f8fad5b-d9cb-469f-a165-70867728950e}",
            "0f8fad5bd9cb469fa16570867728950e",
        ] {
            assert_eq!(uuid(spelling).as_deref(), Some(one), "{spelling}");
        }
        for not in [
            "",
            "urn:uuid:",
            "0f8fad5b",
            "not-a-uuid",
            "urn:uuid:urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
        ] {
            assert_eq!(uuid(not), None, "{not}");
        }
    }

    #[test]
    fn a_dump_already_in_one_spelling_is_not_copied() {
        let dump = Dump::default();
        let mut cow = Cow::Borrowed(&dump);
        normalise(&mut cow).unwrap();
        assert!(matches!(cow, Cow::Borrowed(_)));
    }
}
