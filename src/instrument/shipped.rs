//! Every questionnaire text recap has ever shipped, by id, version and SHA-256: the texts an import may call bundled.
//!
//! A snapshot whose id is bundled and whose version is one recap has used for
//! it must be one of these texts, byte for byte. Changing a bundled file's
//! wording therefore means a new version number and a new line here (a unit
//! test fails until both are done); old lines stay, so old exports import.

use super::load::content_hash;

/// One shipped text: the questionnaire id and version written inside it, and
/// the SHA-256 of the whole file (`content_hash`, as snapshots are hashed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shipped {
    pub id: &'static str,
    pub version: u32,
    pub sha256: &'static str,
}

/// All of them, oldest first within each questionnaire. Taken from the
/// history of `questionnaires/` (`git log --all -- questionnaires/`).
pub const SHIPPED: &[Shipped] = &[
    Shipped {
        id: "barc-10",
        version: 1,
        sha256: "f2149dd56ffc30f403302261e6f59ba2273342e0677735cb41d8635922bd2701",
    },
    // The first weekly check-in, where only the reflection could be skipped.
    Shipped {
        id: "samhsa-dimensions",
        version: 1,
        sha256: "58862c6a43c35c8db74e55ad71fd02456763830f056fdd5e4c74ba13ccc8acbc",
    },
    // Every question may be skipped (the version number was not raised then).
    Shipped {
        id: "samhsa-dimensions",
        version: 1,
        sha256: "2ad7071b56b3e68bd7512f5d93e053ccfad889d88a47c42cc9aba7def20d0d04",
    },
    Shipped {
        id: "who-5",
        version: 1,
        sha256: "9ce65c754a299cdf6b5754530001552fa129fd8626b14c7f84b9ab2bc27a3827",
    },
    // Version 2 of each: BARC-10's instructions marked as recap's own and its
    // cutoff explained; the weekly check-in's Overall as the mean of the four
    // dimensions and its safe-place rule at "Not at all true"; WHO-5 marked
    // as an electronic adaptation, with its time frame on every item, a note
    // on any answer of 0 or 1, and its sources in full; band edges at their
    // published figures (WHO-5 28 and 50, BARC-10 47).
    Shipped {
        id: "barc-10",
        version: 2,
        sha256: "96a43d8076cd87c4ccb4378d6d198b7df90e753b33316fe03d79ee6c027a7798",
    },
    Shipped {
        id: "samhsa-dimensions",
        version: 2,
        sha256: "2d0029b9fbb965b96626990fbdf961fc54b01234a9f3a0c718fc8ae532e7a1e7",
    },
    Shipped {
        id: "who-5",
        version: 2,
        sha256: "e6bec57340e68706ab3f011e87dbb1cdd38e04107bf9eae87e88eab0239870cf",
    },
    // Version 3 of the two with support messages: each message has its
    // wording for a check-in done together with a counselor.
    Shipped {
        id: "samhsa-dimensions",
        version: 3,
        sha256: "855eaf01ca207f95cffb074693ddc6360a32399675ed64068a75386ce872f272",
    },
    Shipped {
        id: "who-5",
        version: 3,
        sha256: "bc380f3e0e13eb5a9c57258fcd6b7d6e9b52d88f987ba63cf94686f14426ac68",
    },
];

/// What a questionnaire text may be called, given its id, version and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// One of the texts recap shipped.
    Shipped,
    /// Not a bundled questionnaire's id, or a version above every shipped
    /// one (a person's own replacement): a questionnaire of their own.
    Own,
    /// A bundled id at a version recap has used, with a text recap never
    /// shipped.
    Unpublished,
}

/// The standing of a text that says it is `id` version `version` and hashes
/// to `sha256` (lower-case hex).
pub fn standing(id: &str, version: u32, sha256: &str) -> Standing {
    let mut latest = None;
    for s in SHIPPED.iter().filter(|s| s.id == id) {
        if s.version == version && s.sha256 == sha256 {
            return Standing::Shipped;
        }
        latest = latest.max(Some(s.version));
    }
    match latest {
        Some(latest) if version <= latest => Standing::Unpublished,
        _ => Standing::Own,
    }
}

/// The standing of a whole text (its hash computed here).
pub fn standing_of_text(id: &str, version: u32, text: &str) -> Standing {
    standing(id, version, &content_hash(text))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::instrument::load::{BUNDLED, parse_str};

    #[test]
    fn every_bundled_text_is_listed() {
        for (name, text) in BUNDLED {
            let instrument = parse_str(name, text).unwrap();
            let hash = content_hash(text);
            assert_eq!(
                standing(&instrument.id, instrument.version, &hash),
                Standing::Shipped,
                "questionnaires/{name} ({} version {}) has a text recap never shipped \
                 (sha256 {hash}). When bundled wording changes, raise `version` in the \
                 file and add {{ id: {:?}, version: <new version>, sha256: <its hash> }} \
                 to SHIPPED in src/instrument/shipped.rs; keep the old lines so old \
                 exports still import.",
                instrument.id,
                instrument.version,
                instrument.id,
            );
        }
    }

    #[test]
    fn each_line_is_a_well_formed_hash_and_listed_once() {
        for (i, s) in SHIPPED.iter().enumerate() {
            assert_eq!(s.sha256.len(), 64, "{s:?}");
            assert!(
                s.sha256
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
                "{s:?}"
            );
            assert!(
                !SHIPPED[..i].iter().any(|o| o.sha256 == s.sha256),
                "listed twice: {s:?}"
            );
        }
    }

    /// The first weekly check-in text (before every question could be
    /// skipped), as it was shipped: sessions answered with it still import.
    /// Changed wording means a new version: one text per (id, version). The
    /// one exception, from before this rule, is allowed by name; a new line
    /// under an existing version fails here.
    #[test]
    fn one_text_per_version_except_the_first_weekly_check_in() {
        const KNOWN_EXCEPTIONS: &[(&str, u32, usize)] = &[("samhsa-dimensions", 1, 2)];
        let mut texts: std::collections::BTreeMap<(&str, u32), usize> = Default::default();
        for s in SHIPPED {
            *texts.entry((s.id, s.version)).or_default() += 1;
        }
        for ((id, version), count) in texts {
            let allowed = KNOWN_EXCEPTIONS
                .iter()
                .find(|(i, v, _)| *i == id && *v == version)
                .map_or(1, |(_, _, n)| *n);
            assert_eq!(
                count, allowed,
                "{id} version {version} has {count} shipped texts; a changed text needs \
                 a new version number (raise `version` in questionnaires/{id}.toml)"
            );
        }
    }

    #[test]
    fn an_older_shipped_text_is_still_recognised() {
        let old = include_str!("../../tests/fixtures/shipped/samhsa-dimensions-1-first.toml");
        assert_eq!(
            standing_of_text("samhsa-dimensions", 1, old),
            Standing::Shipped,
            "the first shipped text no longer hashes to a listed value"
        );
        let current = BUNDLED
            .iter()
            .find(|(name, _)| *name == "samhsa-dimensions.toml")
            .unwrap()
            .1;
        assert_ne!(old, current);
    }

    #[test]
    fn changed_wording_at_a_shipped_version_is_unpublished_and_own_ids_are_own() {
        let (_, who5) = BUNDLED.iter().find(|(n, _)| *n == "who-5.toml").unwrap();
        let forged = who5.replace("cheerful", "gloomy");
        assert_eq!(standing_of_text("who-5", 1, &forged), Standing::Unpublished);
        assert_eq!(standing_of_text("who-5", 0, who5), Standing::Unpublished);
        let above = SHIPPED
            .iter()
            .filter(|s| s.id == "who-5")
            .map(|s| s.version)
            .max()
            .unwrap()
            + 1;
        assert_eq!(standing_of_text("who-5", above, &forged), Standing::Own);
        assert_eq!(standing_of_text("my-own", 1, &forged), Standing::Own);
    }
}
