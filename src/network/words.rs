//! The network's wording in one place: how an entry and its answers are
//! described, the questions a review asks, and the labels every surface
//! shares. Calm and respectful of every pathway: "supportive" always means
//! supportive of the goals the person has chosen.

use super::model::{Contact, Entry, Field, Kind, Support};

/// The section title on every surface.
pub const TITLE: &str = "Your recovery network";

/// What the network is, in one sentence.
pub const ABOUT: &str = "The people, groups, and places and services around you, as you see them. \"Supportive\" means supportive of the goals you have chosen, whatever your pathway.";

/// Said with the derived measures wherever they are shown.
pub const COUNTS_NOTE: &str =
    "Counts of your own answers, not a score: there is no good or bad number.";

/// Said when there is no entry yet.
pub const EMPTY: &str = "Your recovery network has no entries yet. Add one with `recap network add NAME --kind person|group|place --support supportive|mixed|unsupportive`, or walk through it with `recap network review`.";

/// Support in words for tables: "supportive", "mixed", "not supportive".
pub fn support(s: Support) -> &'static str {
    match s {
        Support::Supportive => "supportive",
        Support::Mixed => "mixed",
        Support::Unsupportive => "not supportive",
    }
}

pub fn contact(c: Contact) -> &'static str {
    match c {
        Contact::Weekly => "weekly",
        Contact::Monthly => "monthly",
        Contact::Rarely => "rarely",
    }
}

/// The answers beyond kind and support, in words: "close 4, weekly, role
/// model" or "available, can get there, used".
pub fn details(e: &Entry) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = e.closeness {
        out.push(format!("close {c}/5"));
    }
    if let Some(b) = e.belonging {
        out.push(format!("part of it {b}/5"));
    }
    if let Some(c) = e.contact {
        out.push(format!("in touch {}", contact(c)));
    }
    if e.role_model {
        out.push("role model".into());
    }
    if e.kind == Kind::Place {
        out.push(
            if e.available {
                "available"
            } else {
                "not available"
            }
            .into(),
        );
        out.push(
            if e.reachable {
                "can get there"
            } else {
                "cannot get there"
            }
            .into(),
        );
        out.push(if e.uses { "used" } else { "not used" }.into());
    }
    out
}

/// One line about an entry: "Sam: person, supportive, close 4/5, role model".
pub fn entry_line(e: &Entry) -> String {
    let mut parts = vec![e.kind.words().to_string(), support(e.support).to_string()];
    parts.extend(details(e));
    format!("{}: {}", e.name, parts.join(", "))
}

/// A field's answer in words (for changes): "4/5", "weekly", "yes", "-".
pub fn field_value(e: &Entry, field: Field) -> String {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    match field {
        Field::Closeness => e.closeness.map_or("-".into(), |v| format!("{v}/5")),
        Field::Belonging => e.belonging.map_or("-".into(), |v| format!("{v}/5")),
        Field::Contact => e.contact.map_or("-".into(), |c| contact(c).to_string()),
        Field::RoleModel => yes_no(e.role_model),
        Field::Available => yes_no(e.available),
        Field::Reachable => yes_no(e.reachable),
        Field::Uses => yes_no(e.uses),
    }
}

/// A field's short name for changes and tables.
pub fn field_label(field: Field) -> &'static str {
    match field {
        Field::Closeness => "closeness",
        Field::Belonging => "feeling part of it",
        Field::Contact => "in touch",
        Field::RoleModel => "role model",
        Field::Available => "available",
        Field::Reachable => "can get there",
        Field::Uses => "used",
    }
}

/// When the next walk-through is due, in words.
pub fn due_line(
    last: Option<chrono::NaiveDate>,
    next: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> String {
    match (last, next) {
        (None, _) | (_, None) => "You have not walked through the whole network yet; `recap network review` does it, one entry at a time.".into(),
        (Some(last), Some(next)) if next <= today => format!(
            "Last walked through on {}; the next walk-through is due (since {}): `recap network review`.",
            last.format("%Y-%m-%d"),
            next.format("%Y-%m-%d")
        ),
        (Some(last), Some(next)) => format!(
            "Last walked through on {}; the next walk-through is due on {}.",
            last.format("%Y-%m-%d"),
            next.format("%Y-%m-%d")
        ),
    }
}
