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

// ---- The network screen (TUI) ----

/// The screen's header after "recap · NAME · ".
pub const SCREEN_TITLE: &str = "Recovery network";

/// The screen with no entry yet.
pub const SCREEN_EMPTY: &str = "Your recovery network has no entries yet. Press a to add someone or something (initials are fine), or r to walk through it step by step. It stays on this computer.";

/// Where the file can only be read.
pub const SCREEN_READ_ONLY: &str =
    "This file can only be read, so the network cannot be changed here.";

/// "as of the review of 24 Nov 2026".
pub fn as_of(date: &str) -> String {
    format!("as of the review of {date}")
}

/// "5 entries: 3 supportive of your goals (60%), 1 mixed, 1 not supportive."
pub fn counts(m: &super::Measures) -> String {
    let share = m
        .supportive_share
        .map(|s| format!(" ({}%)", (s * 100.0).round()))
        .unwrap_or_default();
    format!(
        "{} {}: {} supportive of your goals{share}, {} mixed, {} not supportive.",
        m.total,
        if m.total == 1 { "entry" } else { "entries" },
        m.supportive,
        m.mixed,
        m.unsupportive
    )
}

/// The key to the map's symbols on one line of the screen.
pub const SCREEN_LEGEND: &str = "\u{25CF} person  \u{25C6} group  \u{25A0} place/service   + supportive  ~ mixed  \u{2212} not supportive";

/// The form's titles.
pub const FORM_ADD: &str = "Add to your network";
pub const FORM_EDIT: &str = "Change an entry";
pub const FORM_NAME_HINT: &str = "Initials are fine.";

/// Said when a form is saved.
pub fn added(name: &str) -> String {
    format!("{name} is added to your network (today's review).")
}
pub fn changed(name: &str) -> String {
    format!("{name} is changed (today's review; earlier reviews keep what it was).")
}
pub fn unchanged(name: &str) -> String {
    format!("{name} already had these answers; nothing was changed.")
}

/// Removing an entry.
pub const REMOVE_TITLE: &str = "Remove from your network?";
pub fn remove_ask(name: &str) -> String {
    format!(
        "{name} leaves your network from today's review on. Earlier reviews keep it, and you can add it again."
    )
}
pub const REMOVED_TITLE: &str = "Removed";
pub fn removed(name: &str) -> String {
    format!("{name} is removed from today's review. Press u to undo.")
}

/// The guided walk-through in the screen.
pub const WALK_TITLE: &str = "Walking through your network";
pub fn walk_position(number: usize, total: usize) -> String {
    format!("Entry {number} of {total}")
}
pub const WALK_DECIDE: &str = "Keep it as it is, change it, or remove it?";
pub fn walk_more(first: bool) -> &'static str {
    if first {
        "Add someone or something to your network? Type a name (initials are fine), or press Enter to finish."
    } else {
        "Add anyone or anything else? Type a name (initials are fine), or press Enter to finish."
    }
}
pub fn walk_now(value: &str) -> String {
    format!("Now: {value}. Enter keeps it.")
}
pub const WALK_SKIP: &str = "Enter leaves it unanswered.";
pub fn walk_stopped(changes: usize) -> String {
    match changes {
        0 => "Stopped. Nothing was changed.".into(),
        1 => {
            "Stopped. The 1 change made is kept; press r to walk through it again any time.".into()
        }
        n => format!(
            "Stopped. The {n} changes made are kept; press r to walk through it again any time."
        ),
    }
}
pub fn walk_saved(date: &str, changes: usize) -> String {
    format!(
        "Review of {date} saved: {changes} {}.",
        if changes == 1 { "change" } else { "changes" }
    )
}

/// When the next walk-through is due, for the screen.
pub fn screen_due_line(
    last: Option<chrono::NaiveDate>,
    next: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> String {
    let day = |d: chrono::NaiveDate| d.format("%-d %b %Y").to_string();
    match (last, next) {
        (Some(last), Some(next)) if next <= today => format!(
            "Walked through on {}; the next walk-through is due (since {}): press r.",
            day(last),
            day(next)
        ),
        (Some(last), Some(next)) => format!(
            "Walked through on {}; the next walk-through is due on {}.",
            day(last),
            day(next)
        ),
        _ => "Not walked through yet: r goes through it one entry at a time.".into(),
    }
}

/// The counts over time.
pub const OVER_TIME_TITLE: &str = "Your recovery network over time";
pub const OVER_TIME_EMPTY: &str =
    "No network reviews yet. Each day you change the network is kept as a review.";
pub fn over_time_shown(shown: usize, total: usize) -> String {
    format!(
        "The latest {shown} of {total} reviews; a wider window shows more. Trend: the latest reviews, oldest first."
    )
}
pub const SHARE_LABEL: &str = "Supportive share";
pub const WALKED_LABEL: &str = "Walked through";
