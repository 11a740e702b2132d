//! The user's `config.toml`: support contacts (replacing the built-in United
//! States ones), how often a recovery-network review is due (`[network]
//! review_days`, 28 by default) and the counselor's `[counselor]` table
//! (name, program, whether notes start private, the system of client ids),
//! and `[privacy] lock_after_minutes` (an encrypted database's app locks
//! itself after that long without a key; 10 by default, 0 never).
//! A missing file means defaults; a bad one (including control
//! characters in any text, a FIFO or device, or more than 1 MB) is reported
//! as `file:line:col: message` where there is a position, never a panic.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::files::read::{ReadError, TEXT_FILE_LIMIT, read_bounded};
use crate::instrument::load::line_col;

/// One way to reach support, e.g. "988 Suicide & Crisis Lifeline" /
/// "Call or text 988, chat at 988lifeline.org".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub detail: String,
}

impl Contact {
    pub fn new(name: impl Into<String>, detail: impl Into<String>) -> Contact {
        Contact {
            name: name.into(),
            detail: detail.into(),
        }
    }
}

/// The support contacts shown with safety messages and on request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    pub contacts: Vec<Contact>,
    /// The built-in United States contacts are in use (no `[[support.contacts]]`
    /// in the config); a note then tells people elsewhere how to set their own.
    pub is_default: bool,
}

impl Default for Support {
    fn default() -> Support {
        Support {
            contacts: default_contacts(),
            is_default: true,
        }
    }
}

/// The built-in contacts (United States), from INSTRUMENTS.md.
pub fn default_contacts() -> Vec<Contact> {
    vec![
        Contact::new(
            "988 Suicide & Crisis Lifeline",
            "Call or text 988, chat at 988lifeline.org",
        ),
        Contact::new(
            "SAMHSA National Helpline",
            "1-800-662-4357 (1-800-662-HELP), free and confidential, 24/7, in English and Spanish; TTY 1-800-487-4889",
        ),
        Contact::new("Immediate danger", "Call 911"),
    ]
}

/// Everything read from `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub support: Support,
    pub network: NetworkConfig,
    /// The `[counselor]` table; None when there is none (a person keeping
    /// their own check-ins).
    pub counselor: Option<Counselor>,
    /// `[check_in] ask_with_counselor = false`: never ask "alone or with a
    /// counselor?" (it is asked only where a counselor is plausible).
    pub ask_with_counselor: bool,
    /// `picker = "list"`: the app's picker lists everyone at once (a solo
    /// user's household); by default one types to find a person.
    pub picker: Picker,
    /// `[privacy] lock_after_minutes`: with an encrypted database, the app
    /// locks itself after this long without a key (`None`: never).
    pub lock_after: Option<std::time::Duration>,
}

/// How the app's picker opens: typing to find a person (nobody is listed
/// until two characters are typed), or everyone listed at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Picker {
    #[default]
    Find,
    List,
}

/// The app of an encrypted database locks after this long without a key.
pub const DEFAULT_LOCK_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);
/// The longest `lock_after_minutes` may be (a day).
const MAX_LOCK_MINUTES: f64 = 24.0 * 60.0;

impl Default for Config {
    fn default() -> Config {
        Config {
            support: Support::default(),
            network: NetworkConfig::default(),
            counselor: None,
            ask_with_counselor: true,
            picker: Picker::Find,
            lock_after: Some(DEFAULT_LOCK_AFTER),
        }
    }
}

/// The `[counselor]` table: who keeps these records and for which program.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counselor {
    /// The counselor's name: the author of their notes, the Practitioner in
    /// FHIR exports, the report header.
    pub name: Option<String>,
    /// The program or agency, for the report header.
    pub program: Option<String>,
    /// Whether new notes are private or shared (`notes_default`); private
    /// when not given.
    pub notes_default: Option<crate::store::Visibility>,
    /// The URI naming where client ids come from (FHIR `identifier.system`),
    /// e.g. the agency's record system.
    pub client_id_system: Option<String>,
}

impl Config {
    /// How a new note starts: the counselor's `notes_default` (private
    /// unless it says shared); a person's own notes are shared.
    pub fn notes_default(&self) -> crate::store::Visibility {
        match &self.counselor {
            Some(c) => c.notes_default.unwrap_or(crate::store::Visibility::Private),
            None => crate::store::Visibility::Shared,
        }
    }

    /// The counselor's name, if config.toml gives one.
    pub fn counselor_name(&self) -> Option<&str> {
        self.counselor.as_ref().and_then(|c| c.name.as_deref())
    }
}

/// `[network]`: days between recovery-network reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkConfig {
    pub review_days: u32,
}

impl Default for NetworkConfig {
    fn default() -> NetworkConfig {
        NetworkConfig {
            review_days: crate::network::due::DEFAULT_REVIEW_DAYS,
        }
    }
}

/// The longest gap between network reviews `review_days` may ask for.
pub const MAX_REVIEW_DAYS: i64 = 366;

/// A problem in the config file, with its position (1-based; 0 when the file
/// could not be read at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<ConfigError> for crate::error::Error {
    fn from(e: ConfigError) -> Self {
        crate::error::Error::Input(e.to_string())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    picker: Option<Spanned<String>>,
    #[serde(default)]
    support: Option<RawSupport>,
    #[serde(default)]
    network: Option<RawNetwork>,
    counselor: Option<RawCounselor>,
    check_in: Option<RawCheckIn>,
    privacy: Option<RawPrivacy>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    #[serde(default)]
    lock_after_minutes: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetwork {
    #[serde(default)]
    review_days: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounselor {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    program: Option<Spanned<String>>,
    #[serde(default)]
    notes_default: Option<Spanned<String>>,
    #[serde(default)]
    client_id_system: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckIn {
    #[serde(default)]
    ask_with_counselor: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSupport {
    #[serde(default)]
    contacts: Option<Spanned<Vec<Spanned<RawContact>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: Spanned<String>,
    detail: Spanned<String>,
}

impl Config {
    /// Reads the config file; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let bytes = match read_bounded(path, TEXT_FILE_LIMIT) {
            Ok(b) => b,
            Err(ReadError::Missing) => return Ok(Config::default()),
            Err(e) => {
                return Err(ConfigError {
                    file,
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                });
            }
        };
        match std::str::from_utf8(&bytes) {
            Ok(text) => Config::parse(&file, text),
            Err(e) => {
                let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
                let (line, column) = line_col(&good, good.len());
                Err(ConfigError {
                    file,
                    line,
                    column,
                    message: "the file is not valid UTF-8 text; save it as UTF-8".into(),
                })
            }
        }
    }

    /// Parses config text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            ConfigError {
                file: file.to_string(),
                line,
                column,
                message,
            }
        };
        // Support contacts are shown in the terminal: no control characters.
        if let Some(problem) = crate::instrument::chars::problems(text).into_iter().next() {
            return Err(at(problem.span.start, problem.message));
        }
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(
                offset,
                crate::instrument::load::plain_type_names(e.message()),
            )
        })?;
        let ask_with_counselor = raw
            .check_in
            .and_then(|c| c.ask_with_counselor)
            .unwrap_or(true);
        let mut network = NetworkConfig::default();
        if let Some(days) = raw.network.and_then(|n| n.review_days) {
            let value = *days.get_ref();
            if !(1..=MAX_REVIEW_DAYS).contains(&value) {
                return Err(at(
                    days.span().start,
                    format!(
                        "network.review_days is {value}; give the days between network reviews, from 1 to {MAX_REVIEW_DAYS}"
                    ),
                ));
            }
            network.review_days = value as u32;
        }
        let counselor = raw.counselor.map(|c| counselor(c, &at)).transpose()?;
        let picker = match raw.picker {
            None => Picker::Find,
            Some(v) => match v.get_ref().trim() {
                "find" => Picker::Find,
                "list" => Picker::List,
                other => {
                    return Err(at(
                        v.span().start,
                        format!("picker is {other:?}; it can be \"find\" or \"list\""),
                    ));
                }
            },
        };
        let mut lock_after = Some(DEFAULT_LOCK_AFTER);
        if let Some(minutes) = raw.privacy.and_then(|p| p.lock_after_minutes) {
            let value = *minutes.get_ref();
            if !(0.0..=MAX_LOCK_MINUTES).contains(&value) {
                return Err(at(
                    minutes.span().start,
                    format!(
                        "privacy.lock_after_minutes is {value}; give the minutes without a key after which the app locks, from 0 (never) to {MAX_LOCK_MINUTES}"
                    ),
                ));
            }
            lock_after = (value > 0.0).then(|| std::time::Duration::from_secs_f64(value * 60.0));
        }
        let Some(contacts) = raw.support.and_then(|s| s.contacts) else {
            return Ok(Config {
                support: Support::default(),
                network,
                counselor,
                ask_with_counselor,
                picker,
                lock_after,
            });
        };
        let span = contacts.span();
        let contacts = contacts.into_inner();
        if contacts.is_empty() {
            return Err(at(
                span.start,
                "support.contacts is empty; list at least one contact, or remove it to use the built-in ones".into(),
            ));
        }
        let mut out = Vec::with_capacity(contacts.len());
        for contact in contacts {
            let contact = contact.into_inner();
            for (field, value) in [("name", &contact.name), ("detail", &contact.detail)] {
                if value.get_ref().trim().is_empty() {
                    return Err(at(
                        value.span().start,
                        format!("a support contact's {field} is empty"),
                    ));
                }
            }
            out.push(Contact::new(
                contact.name.get_ref().trim(),
                contact.detail.get_ref().trim(),
            ));
        }
        Ok(Config {
            support: Support {
                contacts: out,
                is_default: false,
            },
            network,
            counselor,
            ask_with_counselor,
            picker,
            lock_after,
        })
    }
}

/// The `[counselor]` table, checked: texts not empty, `notes_default`
/// "private" or "shared", `client_id_system` a URI without spaces.
fn counselor(
    raw: RawCounselor,
    at: &dyn Fn(usize, String) -> ConfigError,
) -> Result<Counselor, ConfigError> {
    let text = |field: &str, value: Option<Spanned<String>>| match value {
        None => Ok(None),
        Some(v) if v.get_ref().trim().is_empty() => Err(at(
            v.span().start,
            format!("counselor.{field} is empty; give a value or remove the line"),
        )),
        Some(v) => Ok(Some(v.get_ref().trim().to_string())),
    };
    let notes_default = match raw.notes_default {
        None => None,
        Some(v) => Some(
            crate::store::Visibility::parse(v.get_ref().trim()).ok_or_else(|| {
                at(
                    v.span().start,
                    format!(
                        "counselor.notes_default is {:?}; it can be \"private\" or \"shared\"",
                        v.get_ref()
                    ),
                )
            })?,
        ),
    };
    let system_span = raw.client_id_system.as_ref().map(|v| v.span().start);
    let client_id_system = text("client_id_system", raw.client_id_system)?;
    if let (Some(system), Some(start)) = (&client_id_system, system_span)
        && (system.chars().any(char::is_whitespace) || !system.contains(':'))
    {
        return Err(at(
            start,
            format!(
                "counselor.client_id_system is {system:?}; it must be a URI without spaces, such as \"urn:oid:1.2.3\" or \"https://agency.example/clients\""
            ),
        ));
    }
    Ok(Counselor {
        name: text("name", raw.name)?,
        program: text("program", raw.program)?,
        notes_default,
        client_id_system,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Config::parse("config.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn the_lock_time_is_ten_minutes_unless_set_and_0_turns_it_off() {
        let minutes = |text: &str| Config::parse("config.toml", text).map(|c| c.lock_after);
        assert_eq!(minutes(""), Ok(Some(DEFAULT_LOCK_AFTER)));
        assert_eq!(
            minutes("[privacy]\nlock_after_minutes = 2\n"),
            Ok(Some(std::time::Duration::from_secs(120)))
        );
        assert_eq!(
            minutes("[privacy]\nlock_after_minutes = 0.05\n"),
            Ok(Some(std::time::Duration::from_secs(3)))
        );
        assert_eq!(minutes("[privacy]\nlock_after_minutes = 0\n"), Ok(None));
        assert!(
            err("[privacy]\nlock_after_minutes = -1\n").starts_with("config.toml:2:"),
            "{}",
            err("[privacy]\nlock_after_minutes = -1\n")
        );
    }

    #[test]
    fn empty_text_gives_defaults() {
        let c = Config::parse("config.toml", "").unwrap();
        assert_eq!(c, Config::default());
        assert!(c.support.is_default);
        assert_eq!(c.support.contacts.len(), 3);
        assert_eq!(c.support.contacts[0].name, "988 Suicide & Crisis Lifeline");
        assert!(c.support.contacts[1].detail.contains("1-800-662-4357"));
        assert!(c.support.contacts[1].detail.contains("TTY 1-800-487-4889"));
        assert!(c.support.contacts[1].detail.contains("English and Spanish"));
        assert_eq!(c.support.contacts[2].detail, "Call 911");
    }

    #[test]
    fn the_picker_finds_by_default_and_can_list() {
        assert_eq!(Config::default().picker, Picker::Find);
        let c = Config::parse("config.toml", "picker = \"list\"\n").unwrap();
        assert_eq!(c.picker, Picker::List);
        assert_eq!(
            err("picker = \"all\"\n"),
            "config.toml:1:10: picker is \"all\"; it can be \"find\" or \"list\""
        );
    }

    #[test]
    fn network_review_days_default_to_four_weeks_and_are_checked() {
        assert_eq!(Config::default().network.review_days, 28);
        let c = Config::parse("config.toml", "[network]\nreview_days = 14\n").unwrap();
        assert_eq!(c.network.review_days, 14);
        assert!(c.support.is_default);
        assert_eq!(
            err("[network]\nreview_days = 0\n"),
            "config.toml:2:15: network.review_days is 0; give the days between network reviews, from 1 to 366"
        );
        assert!(err("[network]\nreview_days = \"x\"\n").starts_with("config.toml:2:15:"));
        assert!(err("[network]\nevery = 3\n").contains("unknown field `every`"));
    }

    #[test]
    fn the_counselor_table() {
        let c = Config::parse("config.toml", "").unwrap();
        assert_eq!(c.notes_default(), crate::store::Visibility::Shared);
        let c = Config::parse(
            "config.toml",
            "[counselor]\nname = \" Dana Reyes \"\nprogram = \"Harbor Outpatient\"\nclient_id_system = \"urn:oid:2.16.840.1.113883.3.1\"\n",
        )
        .unwrap();
        let counselor = c.counselor.clone().unwrap();
        assert_eq!(counselor.name.as_deref(), Some("Dana Reyes"));
        assert_eq!(counselor.program.as_deref(), Some("Harbor Outpatient"));
        assert_eq!(c.notes_default(), crate::store::Visibility::Private);
        assert!(c.support.is_default);
        let c = Config::parse("config.toml", "[counselor]\nnotes_default = \"shared\"\n").unwrap();
        assert_eq!(c.notes_default(), crate::store::Visibility::Shared);
        assert_eq!(
            err("[counselor]\nnotes_default = \"secret\"\n"),
            "config.toml:2:17: counselor.notes_default is \"secret\"; it can be \"private\" or \"shared\""
        );
        assert!(
            err("[counselor]\nname = \" \"\n")
                .starts_with("config.toml:2:8: counselor.name is empty")
        );
        assert!(err("[counselor]\nclient_id_system = \"my list\"\n").contains("URI"));
    }

    #[test]
    fn the_counselor_question_can_be_turned_off() {
        assert!(Config::parse("config.toml", "").unwrap().ask_with_counselor);
        let off = "[check_in]\nask_with_counselor = false\n";
        let c = Config::parse("config.toml", off).unwrap();
        assert!(!c.ask_with_counselor);
        assert!(c.support.is_default);
        assert!(err("[check_in]\nask = 1\n").contains("config.toml:2:1"));
    }

    #[test]
    fn support_table_without_contacts_gives_defaults() {
        let c = Config::parse("config.toml", "[support]\n").unwrap();
        assert!(c.support.is_default);
    }

    #[test]
    fn contacts_replace_the_defaults() {
        let text = r#"
[[support.contacts]]
name = "Samaritans"
detail = "Call 116 123, free, any time"

[[support.contacts]]
name = " Emergency "
detail = "Call 999"
"#;
        let c = Config::parse("config.toml", text).unwrap();
        assert_eq!(
            c.support,
            Support {
                contacts: vec![
                    Contact::new("Samaritans", "Call 116 123, free, any time"),
                    Contact::new("Emergency", "Call 999"),
                ],
                is_default: false,
            }
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let e = err("[support]\ncolour = \"red\"\n");
        assert!(
            e.starts_with("config.toml:2:1: unknown field `colour`"),
            "{e}"
        );
        let e = err("theme = \"dark\"\n");
        assert!(
            e.starts_with("config.toml:1:1: unknown field `theme`"),
            "{e}"
        );
        let e = err("[[support.contacts]]\nname = \"A\"\ndetail = \"B\"\nphone = \"1\"\n");
        assert!(
            e.starts_with("config.toml:4:1: unknown field `phone`"),
            "{e}"
        );
    }

    #[test]
    fn missing_field_and_syntax_errors_have_positions() {
        let e = err("[[support.contacts]]\nname = \"A\"\n");
        assert!(e.starts_with("config.toml:1:1:"), "{e}");
        assert!(e.contains("missing field `detail`"), "{e}");
        let e = err("[support\n");
        assert!(e.starts_with("config.toml:1:"), "{e}");
        let e = err("[[support.contacts]]\nname = 5\ndetail = \"x\"\n");
        assert!(e.starts_with("config.toml:2:8:"), "{e}");
    }

    #[test]
    fn empty_values_are_errors() {
        assert_eq!(
            err("[[support.contacts]]\nname = \"A\"\ndetail = \"  \"\n"),
            "config.toml:3:10: a support contact's detail is empty"
        );
        assert_eq!(
            err("[support]\ncontacts = []\n"),
            "config.toml:2:12: support.contacts is empty; list at least one contact, or remove it to use the built-in ones"
        );
    }

    #[test]
    fn load_missing_file_gives_defaults_and_bad_file_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());

        std::fs::write(
            &path,
            "[[support.contacts]]\nname = \"A\"\ndetail = \"B\"\n",
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.support.contacts, vec![Contact::new("A", "B")]);

        std::fs::write(&path, "x = 1\n").unwrap();
        let e = Config::load(&path).unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(
            e.to_string()
                .starts_with(&format!("{}:1:1:", path.display()))
        );

        std::fs::write(&path, b"# ok\n\xff\n").unwrap();
        let e = Config::load(&path).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.contains("UTF-8"));

        let as_error: crate::error::Error = e.into();
        assert_eq!(as_error.exit_code(), 2);
    }

    #[test]
    fn unreadable_path_is_an_error_without_position() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: reading it fails.
        let e = Config::load(dir.path()).unwrap_err();
        assert_eq!(e.line, 0);
        assert!(e.to_string().contains("cannot read the file"), "{e}");
    }
}
