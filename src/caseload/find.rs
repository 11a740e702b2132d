//! Finding a client by what is typed, for a picker that does not show the
//! caseload: nothing until at least `MIN_TYPED` characters, then the
//! profiles whose name contains them, whose initials start with them, or
//! whose client id contains them (all without regard to case).

use crate::store::Profile;
use crate::store::names::{initials, normalise};

/// How many characters must be typed before any profile is shown.
pub const MIN_TYPED: usize = 2;

/// The profiles that match `typed`, in the order given; none while fewer
/// than `MIN_TYPED` characters are typed.
pub fn find<'a>(profiles: &'a [Profile], typed: &str) -> Vec<&'a Profile> {
    let typed = normalise(typed).to_lowercase();
    if typed.chars().count() < MIN_TYPED {
        return Vec::new();
    }
    let compact: String = typed.chars().filter(|c| c.is_alphanumeric()).collect();
    profiles
        .iter()
        .filter(|p| {
            normalise(&p.name).to_lowercase().contains(&typed)
                || (!compact.is_empty() && initials(&p.name).to_lowercase().starts_with(&compact))
                || p.client_id
                    .as_deref()
                    .is_some_and(|id| id.to_lowercase().contains(&typed))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn profile(name: &str, client_id: Option<&str>) -> Profile {
        Profile {
            id: 0,
            uuid: String::new(),
            name: name.into(),
            created_at: chrono::Utc::now(),
            archived_at: None,
            counselor_default: false,
            client_id: client_id.map(str::to_string),
        }
    }

    #[test]
    fn nothing_before_two_characters_then_name_initials_or_client_id() {
        let all = [
            profile("Ana Lopez", Some("MRN-0042")),
            profile("Ben Okafor", None),
            profile("Alba Lind", None),
        ];
        let names = |typed: &str| -> Vec<&str> {
            find(&all, typed).iter().map(|p| p.name.as_str()).collect()
        };
        assert!(names("").is_empty());
        assert!(names("a").is_empty(), "one letter shows no one");
        assert_eq!(names("lop"), ["Ana Lopez"]);
        assert_eq!(names("AL"), ["Ana Lopez", "Alba Lind"]);
        assert_eq!(names("a.l."), ["Ana Lopez", "Alba Lind"]);
        assert_eq!(names("0042"), ["Ana Lopez"]);
        assert_eq!(names("bo"), ["Ben Okafor"]);
        assert!(names("zz").is_empty());
    }
}
