//! The profile name policy, in one place (add, rename, the full-screen app
//! and import all use it): names are trimmed and NFC-normalised, 1 to 80
//! characters on one line, without control or bidi characters; a name that
//! would look like an existing one (differing only by case, invisible
//! characters or confusable letters, by the Unicode confusable skeleton of
//! UTS #39) is refused, naming the existing profile.

use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

use crate::termtext;

/// The longest profile name, in characters.
pub const MAX_CHARS: usize = 80;

/// A name as stored and looked up: trimmed and in NFC.
pub fn normalise(name: &str) -> String {
    name.trim().nfc().collect()
}

/// The normalised name, or why it cannot be a profile name.
pub fn check(name: &str) -> Result<String, String> {
    let name = normalise(name);
    if name.is_empty() {
        return Err("a profile name cannot be empty".into());
    }
    if name.chars().count() > MAX_CHARS {
        return Err(format!(
            "a profile name must be at most {MAX_CHARS} characters, on one line"
        ));
    }
    if let Some(c) = name.chars().find(|c| termtext::is_control(*c)) {
        return Err(format!(
            "a profile name cannot hold control characters such as line breaks or escapes (it holds {})",
            termtext::code_point(c)
        ));
    }
    if let Some(c) = name.chars().find(|c| termtext::is_bidi(*c)) {
        return Err(format!(
            "a profile name cannot hold bidi control characters, which change the order text is shown in (it holds {})",
            termtext::code_point(c)
        ));
    }
    if key(&name).trim().is_empty() {
        return Err("a profile name needs at least one visible character".into());
    }
    Ok(name)
}

/// Names with the same key look alike: the confusable skeleton (which also
/// drops default-ignorable characters such as zero-width spaces and
/// variation selectors), lower-cased, and skeletoned again.
pub fn key(name: &str) -> String {
    let first: String = skeleton(&normalise(name)).collect();
    skeleton(&first.to_lowercase()).collect()
}

/// The longest client id, in characters.
pub const MAX_CLIENT_ID_CHARS: usize = 64;

/// A client id as stored (trimmed), or why it cannot be one: 1 to 64 ASCII
/// letters, digits and `-`, `_`, `.`, `:`, `/`, `#` (an agency's record
/// number, e.g. `MRN-00123`), so it is the same on every screen, in file
/// names and in a FHIR identifier.
pub fn check_client_id(id: &str) -> Result<String, String> {
    let id = id.trim();
    if id.is_empty() {
        return Err("a client id cannot be empty".into());
    }
    if id.chars().count() > MAX_CLIENT_ID_CHARS {
        return Err(format!(
            "a client id must be at most {MAX_CLIENT_ID_CHARS} characters"
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_.:/#".contains(*c)))
    {
        return Err(format!(
            "a client id may hold only letters A-Z, digits and - _ . : / # (it holds {})",
            termtext::code_point(c)
        ));
    }
    Ok(id.to_string())
}

/// The initials of a name, upper case: "Client A" -> "CA", "ana-maria
/// lopez" -> "AML". Used instead of the name where others may see it.
pub fn initials(name: &str) -> String {
    let mut out = String::new();
    let mut at_start = true;
    for c in normalise(name).chars() {
        if c.is_alphanumeric() {
            if at_start {
                out.extend(c.to_uppercase());
            }
            at_start = false;
        } else {
            at_start = true;
        }
    }
    if out.is_empty() { "?".into() } else { out }
}

/// How `name` clashes with an existing name, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// The same name, perhaps in other upper/lower case.
    Same(String),
    /// A different string that looks the same.
    LooksLike(String),
}

impl Clash {
    /// The sentence shown when a name is refused.
    pub fn message(&self, name: &str) -> String {
        let shown = |n: &str| format!("{:?}", termtext::clean_line(n));
        match self {
            Clash::Same(existing) => {
                format!("a profile named {} already exists", shown(existing))
            }
            Clash::LooksLike(existing) => format!(
                "{} would look like the existing profile {} (they differ only in upper/lower case, invisible characters or look-alike letters); choose a clearly different name",
                shown(name),
                shown(existing)
            ),
        }
    }
}

/// The first of `existing` that `name` would be confused with.
pub fn clash<'a>(name: &str, existing: impl IntoIterator<Item = &'a str>) -> Option<Clash> {
    let name = normalise(name);
    let wanted = key(&name);
    let lower = name.to_lowercase();
    existing.into_iter().find_map(|other| {
        if normalise(other).to_lowercase() == lower {
            Some(Clash::Same(other.to_string()))
        } else if key(other) == wanted {
            Some(Clash::LooksLike(other.to_string()))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_client_ids() {
        assert_eq!(initials("Client A"), "CA");
        assert_eq!(initials("ana-maria lopez"), "AML");
        assert_eq!(initials("  "), "?");
        assert_eq!(check_client_id(" MRN-00123 ").unwrap(), "MRN-00123");
        assert!(check_client_id("").is_err());
        assert!(check_client_id("a b").unwrap_err().contains("U+0020"));
        assert!(check_client_id(&"1".repeat(65)).is_err());
        assert!(check_client_id("a\x1bb").is_err());
    }

    #[test]
    fn names_are_nfc() {
        // "é" as e + combining acute becomes one character.
        assert_eq!(check("  Ame\u{301}lie ").unwrap(), "Am\u{e9}lie");
    }

    #[test]
    fn refuses_controls_bidi_long_and_invisible_names() {
        assert!(check("").is_err());
        assert!(check("a\x1b[2Jb").unwrap_err().contains("U+001B"));
        assert!(check("a\u{9b}b").unwrap_err().contains("U+009B"));
        assert!(check("a\nb").is_err());
        assert!(check("Ana\u{202E}").unwrap_err().contains("bidi"));
        assert!(check("\u{200B}\u{FE0F}").unwrap_err().contains("visible"));
        assert!(check(&"x".repeat(80)).is_ok());
        assert!(check(&"x".repeat(81)).is_err());
    }

    #[test]
    fn look_alikes_clash() {
        let existing = ["Ana", "Ben"];
        let cases = [
            "Аna",         // Cyrillic A
            "An\u{200B}a", // zero-width space
            "Ana\u{FE0F}", // variation selector
            "An\u{2060}a", // word joiner
            "Anа",         // Cyrillic a
            "Ana\u{AD}",   // soft hyphen
        ];
        for name in cases {
            assert_eq!(
                clash(name, existing),
                Some(Clash::LooksLike("Ana".into())),
                "{name:?}"
            );
        }
        assert_eq!(clash("ANA", existing), Some(Clash::Same("Ana".into())));
        assert_eq!(
            clash("Ane\u{301}", ["Ané"]),
            Some(Clash::Same("Ané".into()))
        );
        assert_eq!(clash("BEN", existing), Some(Clash::Same("Ben".into())));
        assert_eq!(clash("Anna", existing), None);
        assert_eq!(
            clash("Bill", ["BiII"]),
            Some(Clash::LooksLike("BiII".into()))
        );
    }

    #[test]
    fn the_message_names_the_existing_profile_safely() {
        let m = Clash::LooksLike("Ana".into()).message("Аna");
        assert!(m.contains("\"Ana\"") && m.contains("look like"), "{m}");
    }
}
