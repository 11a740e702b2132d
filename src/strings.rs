//! All person-facing wording for check-ins, results and support contacts, in
//! one place, so it can be reviewed (calm, person-first, never judging) and
//! later translated. The TUI, the plain line mode and the commands share it.

use crate::config::{Contact, Support};
use crate::store::error::Temporary;

// ---------------------------------------------------------------------------
// Saving and resuming
// ---------------------------------------------------------------------------

/// Said whenever a check-in stops before it is submitted.
pub const SAVED_SO_FAR: &str = "Your answers so far are saved.";

/// The command that carries on with an unfinished check-in.
pub fn resume_command(instrument_id: &str) -> String {
    format!("recap check-in {instrument_id}")
}

/// How to carry on later, e.g. after `q` or the end of input.
pub fn resume_hint(command: &str) -> String {
    format!("You can carry on any time with: {command}")
}

/// Shown when an unfinished check-in is picked up again.
pub fn welcome_back(position: usize, total: usize) -> String {
    if position == 0 || position > total {
        "Welcome back. Your earlier answers are kept.".to_string()
    } else {
        format!("Welcome back. Your earlier answers are kept; carrying on at question {position}.")
    }
}

/// Shown when a resumed check-in has every question answered.
pub const WELCOME_BACK_REVIEW: &str =
    "Welcome back. Your earlier answers are kept; here they are for a last look.";

// ---------------------------------------------------------------------------
// Check-in problems (CheckInError)
// ---------------------------------------------------------------------------

/// A value outside what the question accepts; `allowed` comes from
/// `Item::check_value`, e.g. "a whole number from 0 to 7".
pub fn not_allowed(allowed: &str) -> String {
    format!("That answer is not one of the choices here. Please give {allowed}.")
}

/// A free-text answer past the length recap keeps (`max` characters).
pub fn too_long(length: usize, max: usize) -> String {
    format!(
        "This answer is {length} characters long; recap keeps up to {max} characters for one answer. Please shorten it."
    )
}

pub const NEEDS_TEXT: &str = "This question is answered in your own words rather than a number.";

pub const NEEDS_NUMBER: &str = "This question is answered with one of its choices or a number.";

pub const REQUIRED: &str = "This question is needed for the score, so it cannot be skipped. Please choose the answer that fits best.";

/// Submitting while required questions (1-based numbers) have no answer.
pub fn unanswered(numbers: &[usize]) -> String {
    let list = join_and(&numbers.iter().map(ToString::to_string).collect::<Vec<_>>());
    if numbers.len() == 1 {
        format!("Question {list} still needs an answer before you can finish. {SAVED_SO_FAR}")
    } else {
        format!("Questions {list} still need an answer before you can finish. {SAVED_SO_FAR}")
    }
}

pub fn no_such_question(number: usize, total: usize) -> String {
    format!("There is no question {number}; the questions are numbered 1 to {total}.")
}

pub const AT_START: &str = "This is the start of the check-in; there is nothing before it.";

pub const NOT_NOW: &str = "That is not possible at this point of the check-in.";

pub const ALREADY_SUBMITTED: &str = "This check-in is already finished and saved.";

// ---------------------------------------------------------------------------
// Asking questions (plain line mode; the TUI may reuse the same words)
// ---------------------------------------------------------------------------

pub fn question_heading(position: usize, total: usize) -> String {
    format!("Question {position} of {total}")
}

/// Marks a question that may be left unanswered.
pub const OPTIONAL: &str = "(optional)";

/// One numbered option, e.g. "  1) Strongly disagree".
/// A questionnaire's stem shown above each item's text (e.g. the time
/// frame), ending in a colon unless it already ends in punctuation.
pub fn stem_line(stem: &str) -> String {
    let stem = stem.trim();
    if stem.ends_with([':', ',', '.', '?', '…']) {
        stem.to_string()
    } else {
        format!("{stem}:")
    }
}

pub fn option_line(number: i64, label: &str) -> String {
    format!("  {number}) {label}")
}

/// The answer already given to the current question.
pub fn answer_so_far(label: &str) -> String {
    format!("Your answer so far: {label}")
}

/// Shown at the start of the plain mode.
pub const SUPPORT_KEY_HINT: &str = "Type h at any question to see support contacts.";

/// What a question accepts and which keys work, as one sentence.
pub struct PromptHint<'a> {
    /// How to answer, e.g. "a number from 1 to 6".
    pub answer: &'a str,
    /// An answer is already stored (Enter keeps it).
    pub has_answer: bool,
    /// The question may be skipped.
    pub optional: bool,
    /// There is somewhere to go back to.
    pub can_go_back: bool,
}

pub fn prompt_hint(h: &PromptHint<'_>) -> String {
    let mut parts = vec![format!("Type {}", h.answer)];
    if h.has_answer {
        parts.push("press Enter to keep your answer".to_string());
        if h.optional {
            parts.push("type - to clear it".to_string());
        }
    } else if h.optional {
        parts.push("press Enter to skip".to_string());
    }
    if h.can_go_back {
        parts.push("b to go back".to_string());
    }
    parts.push("q to stop".to_string());
    format!("{}.", join_or(&parts))
}

/// How to answer a choice question: the number shown beside an answer is
/// its value, from `low` to `high`.
pub fn answer_choice(low: i64, high: i64) -> String {
    format!("the number beside your answer ({low} to {high})")
}

/// How to answer a number question.
pub fn answer_number(min: i64, max: i64, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("a whole number from {min} to {max} ({u})"),
        None => format!("a whole number from {min} to {max}"),
    }
}

pub const ANSWER_TEXT: &str = "your answer";

/// The prompt marker after a hint.
pub const PROMPT: &str = "> ";

/// Input that is not an answer, an option number or a key.
pub const NOT_A_CHOICE: &str = "That is not one of the choices.";

/// A number outside the range of a number question.
pub const OUT_OF_RANGE: &str = "That number is outside the range for this question.";

pub const NEEDS_AN_ANSWER: &str = "This question needs an answer.";

/// Input that cannot be cleared because the question is needed.
pub const CANNOT_CLEAR: &str = "This question is needed for the score, so its answer cannot be cleared; you can change it instead.";

// ---------------------------------------------------------------------------
// Review and submit
// ---------------------------------------------------------------------------

pub const REVIEW_HEADING: &str = "Your answers";

pub const NO_ANSWER_YET: &str = "(no answer yet)";

pub const SKIPPED: &str = "(skipped)";

/// One line of the review: question number, question, answer.
pub fn review_line(number: usize, question: &str, answer: &str) -> String {
    format!("  {number}) {question}\n     {answer}")
}

pub fn review_hint(total: usize) -> String {
    format!(
        "Press Enter to finish and see your results, or type a question number from 1 to {total} to change that answer (b to go back, q to stop)."
    )
}

pub const REVIEW_NOT_A_CHOICE: &str = "That is not a question number.";

// ---------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------

pub fn results_heading(title: &str) -> String {
    format!("Your results: {title}")
}

/// A score with its possible range, e.g. "Well-being: 64 (possible range 0 to 100)".
pub fn score_line(label: &str, value: &str, min: &str, max: &str) -> String {
    format!("{label}: {value} (possible range {min} to {max})")
}

/// A score that could not be worked out.
pub fn not_scored(label: &str, missing: usize) -> String {
    format!(
        "{label}: not scored: {} missing",
        count(missing, "answer", "answers")
    )
}

/// A mean of other scores that could not be worked out, e.g. "Overall: not
/// scored: Health has no score".
pub fn not_scored_parts(label: &str, parts: &[String]) -> String {
    let (names, verb) = match parts {
        [one] => (one.clone(), "has"),
        _ => (join_and(parts), "have"),
    };
    format!("{label}: not scored: {names} {verb} no score")
}

/// A sum estimated from the answered items (missing-answer rule).
pub fn estimated_from(answered: usize, total: usize) -> String {
    format!("  Estimated from {answered} of {total} answers.")
}

/// A mean worked out from fewer than all its items.
pub fn based_on(answered: usize, total: usize) -> String {
    format!("  Based on {answered} of {total} answers.")
}

/// The band a score falls in, with what it means where the file says.
pub fn band_line(label: &str, meaning: Option<&str>) -> String {
    format!("  {}", label_with_meaning(label, meaning))
}

/// A band's label and what it means, the label said once: "Below 47.
/// In the validation study..." rather than "Below 47: Below 47. In...".
pub fn label_with_meaning(label: &str, meaning: Option<&str>) -> String {
    match meaning.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) if m.starts_with(label.trim()) => m.to_string(),
        Some(m) => format!("{label}: {m}"),
        None => label.to_string(),
    }
}

pub fn source_line(source: &str) -> String {
    format!("  Source: {source}")
}

/// Change since the previous completed check-in.
pub const SINCE_LAST: &str = "Since last time";

/// Change since the first completed check-in.
pub const SINCE_FIRST: &str = "Since your first check-in";

/// e.g. "  Since last time: +8 (no reliable change)".
pub fn change_line(since: &str, diff: &str, verdict: Option<&str>) -> String {
    match verdict {
        Some(v) => format!("  {since}: {diff} ({v})"),
        None => format!("  {since}: {diff}"),
    }
}

/// Shown under the results of a reflective (non-clinical) questionnaire
/// without a notice of its own.
pub const REFLECTIVE_NOTICE: &str =
    "This is a reflection tool, not a clinical measure; use it to notice change over time.";

pub fn notice_line(notice: &str) -> String {
    format!("Please note: {notice}")
}

pub const NO_SCORES: &str = "This questionnaire has no scores; your answers are saved.";

// ---------------------------------------------------------------------------
// Support contacts
// ---------------------------------------------------------------------------

pub const SUPPORT_HEADING: &str = "If you would like to talk with someone, support is available:";

/// After the first sentence of a support message that fired at the last
/// check-in too.
pub const REPEATED_MESSAGE: &str = "(As at the last check-in; the full message is below.)";

/// Above the full text of support messages shown shortened.
pub const FULL_MESSAGES_HEADING: &str = "The support messages in full:";

pub fn contact_line(contact: &Contact) -> String {
    format!("  {}: {}", contact.name, contact.detail)
}

/// Under the built-in contacts on a screen with a support message: a fact,
/// never a how-to (how to set other contacts is on the support screen).
pub const CONTACTS_IN_THE_US: &str = "These services are in the United States.";

/// Shown under the built-in (United States) contacts where there is room
/// for how-to (the support screen, reports), never with a support message.
pub const CONTACTS_ELSEWHERE: &str = "Outside the United States? You can list your own local support lines in config.toml in recap's configuration folder (run `recap paths` to find it), under [[support.contacts]].";

/// The heading, one line per contact, and the note for people outside the
/// United States only when the built-in contacts are in use.
pub fn contact_lines(contacts: &[Contact], built_in: bool) -> Vec<String> {
    let mut lines = vec![SUPPORT_HEADING.to_string()];
    lines.extend(contacts.iter().map(contact_line));
    if built_in {
        lines.push(CONTACTS_ELSEWHERE.to_string());
    }
    lines
}

/// `contact_lines` for the contacts in force.
pub fn support_lines(support: &Support) -> Vec<String> {
    contact_lines(&support.contacts, support.is_default)
}

/// Said on standard error (and in the full-screen app) when config.toml
/// could not be used.
pub const CONFIG_NOT_USED: &str =
    "config.toml could not be used, so the built-in support contacts are shown until it is fixed.";

/// The full-screen app's line about a config.toml that could not be used.
pub fn config_warning(problem: &str) -> String {
    format!("{CONFIG_NOT_USED} {problem}")
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/// "1 answer", "2 answers".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_and(parts: &[String]) -> String {
    join_with(parts, "and")
}

/// "a", "a or b", "a, b or c".
pub fn join_or(parts: &[String]) -> String {
    join_with(parts, "or")
}

fn join_with(parts: &[String], word: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

// ---- The full-screen app -------------------------------------------------

/// Printed after leaving the app in the middle of a check-in.
pub const ANSWERS_SAVED_FAREWELL: &str =
    "Your answers so far are saved. Run `recap` again to continue where you left off.";

/// A number key that is no answer's number; `None` when this question's
/// numbers are not single digits (arrows and Enter only).
pub fn choose_between(range: Option<(i64, i64)>) -> String {
    match range {
        Some((low, high)) => format!(
            "Press the number beside an answer ({low} to {high}), or move with the arrow keys and press Enter."
        ),
        None => "Move to an answer with the arrow keys and press Enter.".to_string(),
    }
}

pub const TYPE_A_NUMBER: &str = "Type a whole number (or use the arrow keys), then press Enter.";

pub fn intro_footer(items: usize) -> String {
    format!(
        "{items} questions, one at a time. Each answer is saved the moment you give it, so you can stop at any point and continue later."
    )
}

pub const PRESS_ENTER_TO_BEGIN: &str = "Press Enter to begin.";
pub const OPTIONAL_ITEM: &str = "(optional: you can skip this one)";

/// The question's own words already say it may be skipped: "(optional)"
/// is not added a second time.
pub fn says_optional(question: &str) -> bool {
    question.to_lowercase().contains("(optional")
}
pub const ANSWER_SAVED: &str = "✓ Your answer is saved. Choose again to change it.";
pub const NOT_ANSWERED_REQUIRED: &str = "not answered yet";
pub const REVIEW_TITLE: &str = "Review your answers";
pub const REVIEW_HELP: &str =
    "Choose a question to change its answer, or submit when you are ready.";
pub const SUBMIT_ROW: &str = "✓ Submit these answers";
pub const ANY_KEY_TO_CLOSE: &str = "Press any key to close.";
pub const HELP_TITLE: &str = "Keys";
/// Home's help about reminders: the commands, typed in a shell, each line
/// at most 72 columns (the help box at 80 columns).
pub const HELP_REMINDERS: &[&str] = &[
    "Reminders, typed in a shell (more in the README):",
    "recap due                what is due now, and when each is next due",
    "recap remind install     a notice at 18:00 daily, only when one is due",
    "  --at \"Sun 18:00\"       another time. Also recap remind status / remove",
    "recap profiles set NAME --skip ID  no reminders for that questionnaire",
];
pub const SUPPORT_TITLE: &str = "Support";
/// Above the built-in contacts (which are free and confidential).
pub const SUPPORT_INTRO: &str =
    "You can reach out at any time. These services are free and confidential:";
/// Above contacts from config.toml: nothing is claimed about them.
pub const SUPPORT_INTRO_OWN: &str = "You can reach out at any time:";
/// Under the built-in contacts only.
pub const SUPPORT_CONFIG_HINT: &str =
    "Outside the US? Put your own contacts in config.toml (see `recap paths`).";
/// Under contacts from config.toml.
pub const SUPPORT_OWN_HINT: &str = "These contacts come from your config.toml.";
pub const LEAVE_TITLE: &str = "Leave recap?";
pub const LEAVE_SAVED: &str =
    "Your answers so far are saved. Next time, recap will offer to continue where you left off.";
pub const LEAVE_UNSAVED: &str = "Your last answer is not saved yet; the answers before it are. Leave anyway? Next time, recap will offer to continue from that question.";
pub const DISCARD_TITLE: &str = "Set this check-in aside?";

/// "Weekly check-in" stays as it is; "BARC-10" becomes "BARC-10 check-in".
pub fn check_in_name(title: &str) -> String {
    if title.to_lowercase().ends_with("check-in") {
        title.to_string()
    } else {
        format!("{title} check-in")
    }
}

pub fn discard_question(title: &str) -> String {
    format!(
        "Set aside the unfinished {}? Its answers stay in your data file, but it will not be offered again.",
        check_in_name(title)
    )
}

pub const RESUME_TITLE: &str = "Welcome back";

pub fn resume_question(title: &str, answered: usize, total: usize) -> String {
    format!(
        "You have an unfinished {} ({answered} of {total} answered). Would you like to continue where you left off?",
        check_in_name(title)
    )
}

pub const EDITOR_TITLE: &str = " Your words (Enter: new line) ";
pub const EDITOR_PLACEHOLDER: &str = "Type here, or press Tab to skip.";
/// Under an editor once its words are written.
pub const WORDS_SAVED: &str = "✓ Your words are saved as you type.";

/// Typed words could not be written yet; they stay on screen.
pub fn words_not_saved(kind: Temporary) -> String {
    format!(
        "Not saved yet: {}. recap keeps trying.",
        temporary_cause(kind)
    )
}

/// A paste on a question answered by choosing.
pub const PASTE_NOT_AN_ANSWER: &str =
    "Pasted text does not choose an answer here; press the number beside one.";

pub fn number_help(min: i64, max: i64) -> String {
    format!("A whole number from {min} to {max}. Type it, or use ↑↓, then Enter.")
}

/// Leaving while a change (not an answer) is not written yet.
pub const LEAVE_UNSAVED_CHANGE: &str =
    "Something you typed is not saved yet. Leave anyway? It will be lost.";

pub const HOME_WELCOME: &str =
    "Welcome. Choose a check-in to begin; every answer is saved as you go.";
pub const HOME_GREETING: &str = "Choose a check-in. Every answer is saved as you go.";
pub const UNFINISHED_HEADING: &str = "Unfinished check-in";

/// A row of an unfinished check-in on home.
pub fn unfinished_row(title: &str, answered: usize, total: usize, started: &str) -> String {
    format!("{title} · {answered} of {total} answered · started {started}")
}

pub fn skipped_files(n: usize) -> String {
    format!(
        "{n} questionnaire file(s) could not be read and were skipped; `recap questionnaires list` shows why."
    )
}

/// Shown on the results and review screens while text is out of sight.
pub const MORE_BELOW_KEYS: &str = "↓ more (↓ or PgDn)";

// ---- Profiles, notes and privacy -----------------------------------------

pub const NAME_INPUT_TITLE: &str = " Name (Enter to save, Esc to cancel) ";
pub const NOTE_TITLE: &str = " Note (Enter: new line) ";
pub const NOTE_ON_SESSION_TITLE: &str = " Note about this check-in (Enter: new line) ";
pub const NOTE_PLACEHOLDER: &str = "Type your note; it is saved as you type.";
pub const NOTE_SAVED: &str = "The note is saved.";
pub const NOTE_DELETED: &str = "The note is deleted.";
pub const NOTE_NOT_KEPT_EMPTY: &str = "An empty note is not kept.";
pub const NOTE_EMPTY_KEPT_OLD: &str =
    "An empty note is not saved; the note keeps its last words. Press d to delete it.";
pub const NOTE_DELETE_TITLE: &str = "Delete this note?";
pub const NOTE_DELETE_QUESTION: &str = "Delete this note? It cannot be brought back.";
pub const NOTES_HEADER: &str = "notes";
pub const PEOPLE_HEADER: &str = "people";

pub fn notes_heading(name: &str) -> String {
    format!("Notes · {name}")
}

/// What a note on a check-in is about, e.g. "about BARC-10 of 17 Nov 2026".
pub fn note_about(title: &str, date: &str) -> String {
    format!("about {title} of {date}")
}
pub const NO_NOTES: &str = "No notes yet. Press a to write one; notes stay on this computer.";
/// Starting a questionnaire already completed today (the app asks first).
pub const ALREADY_DONE_TODAY_TITLE: &str = "Already done today";

pub fn already_done_today(title: &str) -> String {
    format!("{title} was already completed today. Start another one anyway?")
}

/// The recovery-network review in `recap due`.
pub const NETWORK_REVIEW_TITLE: &str = "Recovery network review";

pub const PROFILES_TITLE: &str = "Who is checking in?";
pub const PROFILES_HELP: &str =
    "Choose a person. Scores are not shown here, so the next person sees nothing of the last.";
pub const ARCHIVE_TITLE: &str = "Archive this person?";

pub fn archive_question(name: &str) -> String {
    format!(
        "Archive {name}? They are hidden from this list; their check-ins are kept (`recap profiles unarchive` brings them back)."
    )
}
pub const NEVER: &str = "never";
pub const NOTHING_DUE: &str = "nothing due";
pub const HIDDEN_SCREEN: &str = "Press any key to continue.";
pub const COUNSELOR_TITLE: &str = "Before you begin";
pub const COUNSELOR_QUESTION: &str = "Is this check-in done alone, or together with a counselor?";
pub const ALONE_OPTION: &str = "a  Alone";
pub const COUNSELOR_OPTION: &str = "c  With a counselor";

/// Plain mode's prompt for the question above; Enter keeps the usual answer.
pub fn counselor_prompt(with_counselor: bool) -> String {
    let usual = if with_counselor {
        "with a counselor"
    } else {
        "alone"
    };
    format!("Type a or c (Enter: {usual}, q to leave): ")
}

pub const COUNSELOR_NOT_A_CHOICE: &str =
    "Please type a (alone) or c (with a counselor), or press Enter.";

pub fn archived(name: &str) -> String {
    format!("{name} is archived; `recap profiles list --all` still shows it.")
}

/// Several active profiles and none named. Names no one and counts no one
/// (a client may see the screen): says how to list them.
pub const SEVERAL_PROFILES: &str = "there is more than one profile; choose one with --profile NAME (`recap profiles list` lists them)";

/// No profile with that name. Names no other profile.
pub fn no_such_profile(name: &str) -> String {
    format!(
        "no profile named {name:?}; `recap profiles list` lists them, and `recap profiles add NAME` adds one"
    )
}

/// Above the caseload: it names every client.
pub fn caseload_heading(clients: usize, by_decline: bool) -> String {
    let order = if by_decline {
        "declines and support messages first"
    } else {
        "what is due first"
    };
    format!(
        "Caseload: {} ({order}). It names every client: keep it off a screen a client can see.",
        count(clients, "client", "clients")
    )
}

// ---- The app with clients: the session lock, the picker, the caseload,
// ---- the session's preparation.

pub const END_SESSION_TITLE: &str = "End this session?";
pub const END_SESSION_QUESTION: &str = "The picker comes back and shows no one until a name is typed; nothing of this session is shown there.";
pub const FIND_INPUT_TITLE: &str = " Find: name, initials or client id ";
pub const FIND_HELP: &str = "Type at least two letters of a name, the initials or a client id. No one is listed until then.";
pub const FIND_NO_MATCH: &str =
    "No one matches. Keep typing, or Ctrl-N adds a person with this name.";
pub const LIST_REMINDER: &str =
    "Everyone on this file is listed: others in the room may see this screen.";
pub const PLAIN_FIND_PROMPT: &str = "Type two or more letters of a name, the initials or a client id (list: everyone, q to leave): ";
pub const PLAIN_FIND_TOO_SHORT: &str = "Please type at least two letters.";
pub const PLAIN_FIND_NONE: &str = "No one matches; try other letters.";
pub const ARCHIVED_MARK: &str = "archived";
pub const OPEN_TITLE: &str = "Open this person?";

pub fn open_question(name: &str) -> String {
    format!("Open {name}?")
}

pub fn unarchived(name: &str) -> String {
    format!("{name} is back in the list.")
}

pub const DELETE_PERSON_TITLE: &str = "Delete this person for good?";

/// What deleting a profile erases, and how to confirm it.
pub fn delete_person_question(name: &str, check_ins: usize, notes: usize) -> String {
    format!(
        "This erases {name} with {} (the trash included) and {}, for good. `recap export --format json --profile NAME` keeps a copy first. To delete, type the name exactly:",
        count(check_ins, "check-in", "check-ins"),
        count(notes, "note", "notes")
    )
}

pub const DELETE_NAME_DIFFERS: &str = "That is not the name; nothing was deleted.";

pub fn deleted_person(name: &str) -> String {
    format!("{name} and everything of theirs is deleted.")
}

pub const CASELOAD_HEADER: &str = "caseload";
pub const NO_CLIENTS: &str = "No one is on this file yet.";
pub const PREP_HEADER: &str = "before the session";
pub const PREP_FOR_YOU: &str = "For you, not the client: it includes private notes.";

/// The text with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a note is kept, after it is added or changed.
pub fn note_kept(visibility: crate::store::Visibility) -> &'static str {
    match visibility {
        crate::store::Visibility::Private => {
            "private: kept out of reports and exports unless --with-private-notes"
        }
        crate::store::Visibility::Shared => "shared: it goes into reports and exports",
    }
}

pub fn report_written(path: &str) -> String {
    format!("Report written to {path} (readable only by you).")
}

pub fn report_failed(why: &str) -> String {
    format!("The report could not be written: {why}")
}

// ---------------------------------------------------------------------------
// Trends: charts, the check-ins under them, change, comparisons
// ---------------------------------------------------------------------------

pub const WINDOW_4W: &str = "last 4 weeks";
pub const WINDOW_3M: &str = "last 3 months";
pub const WINDOW_1Y: &str = "last year";
pub const WINDOW_ALL: &str = "all time";

/// How change is judged where the file gives a reliability and SD.
pub fn rule_rci(label: &str, reliability: f64, sd: f64) -> String {
    format!(
        "{label}: a change counts as reliable when the Reliable Change Index is beyond ±1.96 (reliability {reliability}, SD {sd}; Jacobson & Truax 1991)."
    )
}

/// How change is judged where the file gives a minimal detectable change.
pub fn rule_mdc(label: &str, mdc: f64) -> String {
    format!(
        "{label}: a change of {mdc} points or more counts as reliable (minimal detectable change)."
    )
}

/// Where the file gives no sourced figure for reliable change.
pub fn rule_none(label: &str) -> String {
    format!(
        "{label}: no published figure for reliable change, so changes are shown as plain differences, without a verdict."
    )
}

pub fn rule_source_line(source: &str) -> String {
    format!("Source: {source}")
}

pub const MOVED_ROSE: &str = "Rose";
pub const MOVED_FELL: &str = "Fell";
pub const MOVED_STAYED: &str = "Stayed the same";
pub const MOVED_REWORDED: &str = "Written answers that differ";
pub const MOVED_ONLY_ONCE: &str = "Answered only once";
pub const MOVED_SKIPPED: &str = "Skipped both times";

pub fn plain_heading(short_title: &str, title: &str) -> String {
    if title.is_empty() {
        short_title.to_string()
    } else if title.starts_with(short_title) {
        title.to_string()
    } else {
        format!("{short_title}: {title}")
    }
}

pub fn trends_none_yet(short_title: &str, id: &str) -> String {
    format!("Nothing recorded for {short_title} yet. Start with: recap check-in {id}")
}

pub fn trends_none_in_window(window: &str) -> String {
    format!("No check-ins in the {window}.")
}

/// e.g. "Recovery capital (possible range 10 to 60, higher is better), all time: 2 check-ins"
pub fn plain_score_heading(
    label: &str,
    min: &str,
    max: &str,
    higher_is_better: bool,
    window: &str,
    check_ins: usize,
) -> String {
    let better = if higher_is_better {
        "higher is better"
    } else {
        "lower is better"
    };
    format!(
        "{label} (possible range {min} to {max}, {better}), {window}: {}",
        count(check_ins, "check-in", "check-ins")
    )
}

pub fn plain_columns(with_band: bool) -> Vec<String> {
    let mut c = vec!["date", "score"];
    if with_band {
        c.push("band");
    }
    c.extend(["since previous", "since first", "with counselor"]);
    c.into_iter().map(str::to_string).collect()
}

pub fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

/// The legend entry for the reference lines at band edges.
pub const CHART_BAND_EDGES: &str = "band edges";

/// A bar for a score that could not be worked out.
pub const BARS_NOT_SCORED: &str = "not scored";

pub const VIEW_ALL_DIMENSIONS: &str = "All dimensions";
pub const VIEW_ALL_SUBSCALES: &str = "All subscales";

/// The series name in an item's history chart.
pub const ITEM_SERIES: &str = "Answer";

pub const CHECK_IN_NOT_FOUND: &str = "That check-in could not be read from the data file.";

/// The header of the trends screen.
pub const TRENDS_TITLE: &str = "Trends";

/// Shown when there are no questionnaires at all.
pub const TRENDS_NO_QUESTIONNAIRES: &str = "There are no questionnaires to show.";

/// The empty state of a questionnaire never done.
pub fn trends_empty(short_title: &str) -> Vec<String> {
    vec![
        format!("Nothing recorded for {short_title} yet."),
        String::new(),
        "Once you have done one, your scores will be drawn here over time, with the band edges of the questionnaire and what changed since the time before.".to_string(),
        String::new(),
        format!("Press Enter to do your first {} now, or Tab to look at another questionnaire.", check_in_name(short_title)),
    ]
}

/// Nothing inside the chosen window, but there are older check-ins.
pub fn trends_window_empty(window: &str, latest: &str) -> String {
    format!(
        "No check-ins in the {window}; the latest was on {latest}. Press w to look further back."
    )
}

/// The short form of a change rule on the trends screen.
pub fn rule_short_rci(reliability: f64, sd: f64) -> String {
    format!("Reliable change: Reliable Change Index beyond ±1.96 (r = {reliability}, SD = {sd}).")
}

pub fn rule_short_mdc(mdc: f64) -> String {
    format!("Reliable change: {mdc} points or more (minimal detectable change).")
}

pub const RULE_SHORT_NONE: &str =
    "No published figure for reliable change: plain differences, no verdict.";

/// "Latest (17 Nov 2026)"
pub fn latest_on(date: &str) -> String {
    format!("Latest ({date})")
}

pub const SINCE_PREVIOUS_SHORT: &str = "since previous";
pub const SINCE_FIRST_SHORT: &str = "since first";

pub const FIRST_CHECK_IN_NOTE: &str = "Change is shown from the next check-in on.";

/// The title line's parts: each switch with its key.
pub fn trends_count(n: usize) -> String {
    count(n, "check-in", "check-ins")
}

/// Shown on the title line while one check-in is marked for comparing.
pub const ONE_MARKED: &str = "✓ 1 of 2 marked";

pub const COL_DATE: &str = "Date";
pub const COL_SCORE: &str = "Score";
pub const COL_BAND: &str = "Band";
pub const COL_CHANGE: &str = "Change";
pub const COL_VERDICT: &str = "Verdict";
pub const COL_COUNSELOR: &str = "Counselor";
pub const COL_QUESTION: &str = "Question";
pub const COL_ANSWER: &str = "Answer";
pub const COL_VALUE: &str = "Value";

pub const WITH_COUNSELOR: &str = "with a counselor";

/// The heading of one check-in's answers.
pub fn session_heading(short_title: &str, date: &str, with_counselor: bool) -> String {
    if with_counselor {
        format!("{short_title} on {date}, {WITH_COUNSELOR}")
    } else {
        format!("{short_title} on {date}")
    }
}

pub fn compare_heading(short_title: &str, older: &str, newer: &str) -> String {
    format!("{short_title}: comparing {older} with {newer}")
}

pub fn item_heading(number: usize, total: usize, short_title: &str, window: &str) -> String {
    if number == 0 {
        format!("{short_title} · an earlier question · {window}")
    } else {
        format!("{short_title} · question {number} of {total} · {window}")
    }
}

/// The row of an item's values, oldest first.
pub const ITEM_VALUES: &str = "Answers, oldest to newest:";

pub const ITEM_NOT_IN_WINDOW: &str = "No answers to this question in this period.";

/// Shown above latest-versus-previous bars.
pub fn bars_legend(latest: Option<&str>, previous: Option<&str>) -> (String, String) {
    (
        match latest {
            Some(d) => format!("latest ({d})"),
            None => "latest: none yet".to_string(),
        },
        match previous {
            Some(d) => format!("previous ({d})"),
            None => "previous: none yet".to_string(),
        },
    )
}

/// Shown on the table's header row when rows are scrolled out of sight.
pub const MORE_ABOVE: &str = "↑ more";
pub const MORE_BELOW: &str = "↓ more";
pub const MORE_BOTH: &str = "↑↓ more";
pub const NO_TRENDS_DATA: &str =
    "No check-ins yet, so there is nothing to chart. Start one with: recap check-in";

// ---- Nothing stored yet, the trash, notes ------------------------------------

pub const NO_CHECKINS_YET: &str = "No check-ins yet. Start one with: recap check-in";
pub const NO_PROFILES_YET: &str = "No profiles yet. The profile \"Me\" is made with your first check-in, or add one with: recap profiles add NAME";
pub const NO_NOTES_YET: &str = "No notes yet. Add one with: recap notes add TEXT";
/// The TUI's question before moving a check-in to the trash.
/// Correcting one answer from a check-in's detail (trends).
pub const AMEND_TITLE: &str = "Correct an answer";
pub fn amend_question(number: usize, text: &str) -> String {
    format!("Question {number}: {text}")
}
pub fn amend_was(answer: &str) -> String {
    format!("Answered: {answer}")
}
pub const AMEND_PICK: &str = "The correct answer:";
pub const AMEND_TYPE: &str = "The correct answer (type it):";
pub const AMEND_NO_ANSWER: &str = "(no answer)";
pub const AMEND_REASON: &str =
    "Why is it changed? The reason is kept with the change, e.g. \"typo on the paper form\".";
pub const AMEND_KEPT: &str =
    "The original answer, when it was changed and why are kept and shown with this check-in.";
pub const AMEND_NEED_REASON: &str = "Please give a reason; it is kept with the change.";
pub const AMEND_DONE_TITLE: &str = "Answer corrected";
pub fn amend_done(number: usize, was: &str, now: &str) -> String {
    format!(
        "Question {number} now reads {now}; it was {was}. The scores use the corrected answer; the original and your reason are kept."
    )
}
/// "Question 3 amended 24 Nov 2026: was 4 (…), now 2 (…), reason: typo".
pub fn amended_line(number: usize, when: &str, was: &str, now: &str, reason: &str) -> String {
    format!("Question {number} amended {when}: was {was}, now {now}, reason: {reason}")
}
pub const AMENDED_MARK: &str = ", amended";

pub const TRASH_ASK_TITLE: &str = "Move this check-in to the trash?";
pub fn trash_ask(title: &str, when: &str) -> String {
    format!(
        "The {title} check-in of {when} leaves home, trends, reports and exports. \
         It stays in the trash until you restore it or empty the trash."
    )
}
pub const TRASH_DONE_TITLE: &str = "Moved to the trash";
pub const TRASH_DONE: &str = "The check-in is in the trash. Press u to bring it back.";
/// Home's banner when the database file may only be read.
pub const READ_ONLY_BANNER: &str = "This file can only be read: nothing you do here will be saved.";
pub const TRASH_IS_EMPTY: &str = "The trash is empty.";
pub const NOTHING_CHANGED: &str = "Nothing was changed.";

/// `recap export` before anything is stored.
pub fn nothing_to_export(path: &str) -> String {
    format!("Nothing to export yet: there is no data at {path}. No file was written.")
}

// ---- Temporary failures and suspending -------------------------------------

/// What happened, in a few words (used in every sentence below).
fn temporary_cause(kind: Temporary) -> &'static str {
    match kind {
        Temporary::Busy => "another recap is writing to the file",
        Temporary::DiskFull => "the disk is full",
        Temporary::WriteFailed => "the file could not be written (the disk may be full or gone)",
    }
}

/// A command line failed for a temporary reason (exit code 1).
pub fn temporary_failure(kind: Temporary) -> String {
    match kind {
        Temporary::Busy => {
            "the database is busy (another recap is writing to it); nothing was changed, try again in a moment".into()
        }
        _ => format!(
            "{}; nothing was changed. Free some space, then try again",
            temporary_cause(kind)
        ),
    }
}

/// `recap record` gave up waiting (exit code 1).
pub fn record_not_saved(kind: Temporary) -> String {
    match kind {
        Temporary::Busy => {
            "the database is busy (another recap is writing to it); nothing was recorded, try again"
                .into()
        }
        _ => format!(
            "{}; nothing was recorded. Free some space, then try again",
            temporary_cause(kind)
        ),
    }
}

pub const NOT_SAVED_TITLE: &str = "Not saved yet";

/// A check-in answer could not be written; it is kept on screen.
pub fn answer_not_saved(kind: Temporary) -> String {
    let then = match kind {
        Temporary::Busy => "press r to try again",
        _ => "free some space, then press r to try again",
    };
    format!(
        "Your answer could not be saved yet: {}. It is kept here; {then}.",
        temporary_cause(kind)
    )
}

/// Another change (a note, a name) could not be written; what was typed stays.
pub fn change_not_saved(kind: Temporary) -> String {
    format!(
        "This change could not be saved yet: {}. Nothing you typed is lost; try again in a moment.",
        temporary_cause(kind)
    )
}

/// Printed after leaving while the last answer could not be written.
pub const LAST_ANSWER_NOT_SAVED_FAREWELL: &str = "Your last answer could not be saved; the answers before it are. Run `recap` again to continue from that question.";

pub const CANNOT_SUSPEND_TITLE: &str = "Cannot pause here";
pub const CANNOT_SUSPEND: &str = "recap cannot be paused here: it was not started from a shell that can bring it back (with `fg`). Press q to leave instead; your saved answers stay saved.";

// ---------------------------------------------------------------------------
// Private files
// ---------------------------------------------------------------------------

/// Said when the database or one of its logs could be read by others and
/// was made private on opening (`was`: the permission bits before).
pub fn made_private(path: &str, was: u32) -> String {
    format!("made {path} readable only by you (it was {was:04o})")
}

// ---- Encryption ----

pub const ENCRYPTED_KEEP_SAFE: &str = "Keep the passphrase somewhere safe: it cannot be recovered, and without it nobody, you included, can read this file.";
pub const ENCRYPTED_WHAT_IS_PLAIN: &str = "Backups and upgrade copies are encrypted with the same passphrase; exports and reports are plain files (readable only by you).";
/// After an export or report written from an encrypted database.
pub const PLAIN_OUTPUT: &str = "This file is not encrypted (the database is): keep it private, and delete it when it has served its purpose.";
pub const LOCKED_TITLE: &str = "recap is locked";
pub const LOCKED_TEXT: &str = "Your check-ins are encrypted. Type the passphrase and press Enter.";
pub const LOCKED_AGAIN_TEXT: &str = "recap locked itself after a while without a key. Type the passphrase and press Enter; everything you were doing is kept.";
pub const LOCKED_WRONG: &str = "That passphrase does not open this file. Try again.";
pub const LOCKED_CHECKING: &str = "Checking the passphrase...";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_label_is_said_once() {
        assert_eq!(
            label_with_meaning("Below 47", Some("Below 47. In the study...")),
            "Below 47. In the study..."
        );
        assert_eq!(
            label_with_meaning("47 or above", Some("At or above 47.")),
            "47 or above: At or above 47."
        );
        assert_eq!(label_with_meaning("High", Some("  ")), "High");
        assert_eq!(label_with_meaning("High", None), "High");
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(join_and(&[]), "");
        assert_eq!(join_and(&["3".into()]), "3");
        assert_eq!(join_and(&["3".into(), "7".into()]), "3 and 7");
        assert_eq!(join_or(&["a".into(), "b".into(), "c".into()]), "a, b or c");
    }

    #[test]
    fn unanswered_agrees_in_number() {
        assert_eq!(
            unanswered(&[3]),
            "Question 3 still needs an answer before you can finish. Your answers so far are saved."
        );
        assert_eq!(
            unanswered(&[2, 3, 7]),
            "Questions 2, 3 and 7 still need an answer before you can finish. Your answers so far are saved."
        );
    }

    #[test]
    fn prompt_hint_mentions_only_what_is_possible() {
        let h = PromptHint {
            answer: "a number from 1 to 6",
            has_answer: false,
            optional: false,
            can_go_back: false,
        };
        assert_eq!(prompt_hint(&h), "Type a number from 1 to 6 or q to stop.");
        let h = PromptHint {
            optional: true,
            can_go_back: true,
            ..h
        };
        assert_eq!(
            prompt_hint(&h),
            "Type a number from 1 to 6, press Enter to skip, b to go back or q to stop."
        );
        let h = PromptHint {
            has_answer: true,
            ..h
        };
        assert_eq!(
            prompt_hint(&h),
            "Type a number from 1 to 6, press Enter to keep your answer, type - to clear it, b to go back or q to stop."
        );
    }

    #[test]
    fn no_judging_words() {
        let all = [
            SAVED_SO_FAR,
            NEEDS_TEXT,
            NEEDS_NUMBER,
            REQUIRED,
            AT_START,
            NOT_NOW,
            ALREADY_SUBMITTED,
            NOT_A_CHOICE,
            OUT_OF_RANGE,
            NEEDS_AN_ANSWER,
            CANNOT_CLEAR,
            REFLECTIVE_NOTICE,
            SUPPORT_HEADING,
            CONTACTS_ELSEWHERE,
            NO_SCORES,
        ];
        for s in all {
            let lower = s.to_lowercase();
            for word in ["fail", "bad", "wrong", "invalid", "error", "illegal"] {
                assert!(!lower.contains(word), "{s:?} contains {word:?}");
            }
        }
    }
}
