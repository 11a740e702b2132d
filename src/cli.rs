//! The command-line surface (clap derive). Parsing only: `commands` does the work.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use crate::trends::window::Window;

#[derive(Debug, Parser)]
#[command(
    name = "recap",
    version,
    about = "Recovery-capital check-ins in the terminal: private, local, with trends.",
    long_about = "recap walks you through short recovery questionnaires one question at a time, \
stores every answer in a local SQLite file the moment you give it, and shows how things \
change over weeks and months. Nothing leaves your machine.\n\n\
Run `recap` with no command to open the app. `recap paths` shows where your data lives."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// The database file [default: recap.db in your data folder; see `recap paths`]
    #[arg(long, global = true, env = "RECAP_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Work with this profile (a person; counselors keep one per client)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// No colours (also when NO_COLOR is set to any non-empty value)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Line-by-line text instead of the full-screen app (screen readers, pipes)
    #[arg(long, global = true)]
    pub plain: bool,
    /// Read the passphrase of an encrypted database from the first line of FILE
    /// [default: asked on the terminal]
    #[arg(
        long,
        global = true,
        env = "RECAP_PASSPHRASE_FILE",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start or resume a check-in
    #[command(name = "check-in")]
    CheckIn {
        /// Questionnaire id (see `recap questionnaires list`)
        id: Option<String>,
    },
    /// Enter a completed paper form or a quick check-in from a script
    Record(RecordArgs),
    /// Show scores over time (charts, or a table with --plain / --json)
    Trends(TrendsArgs),
    /// List, show and validate questionnaires
    #[command(subcommand)]
    Questionnaires(QuestionnairesCommand),
    /// List, add, rename, archive, bring back and delete profiles
    #[command(subcommand)]
    Profiles(ProfilesCommand),
    /// Export answers and scores (CSV, complete JSON, or FHIR R4)
    #[command(
        long_about = "Export answers and scores (CSV, complete JSON, or FHIR R4).\n\n\
Every profile is exported unless --profile names one. --format json is complete and \
lossless (profiles with their client ids, questionnaire texts, every check-in \
including unfinished ones and those in the trash, answers with their corrections, \
shared notes with their author and history) and can be read back with `recap import`; \
private notes (and deleted ones) are added only with --with-private-notes. --format csv writes one row per answer of each completed \
check-in outside the trash, or with --scores one row per score, for \
spreadsheets and statistics tools; the answer columns are profile, session_id, \
completed_at, questionnaire_id, questionnaire_version, item_id, item_text, value, \
label, text, client_id, with_counselor, completed_at_utc, completed_at_local, and the \
score columns profile, session_id, completed_at, questionnaire_id, \
questionnaire_version, score_id, score_label, value, band, with_counselor, client_id, \
completed_at_utc, completed_at_local, questionnaire_kind, notice. In CSV, completed_at is \
the time in the person's zone with its offset, completed_at_utc the same instant in UTC and \
completed_at_local the wall-clock time there without an offset; questionnaire_kind is \
validated or reflective, and notice is the questionnaire's notice (for a reflective \
check-in, that it is not a clinical measure); a text cell that begins with =, +, -, @, a tab or a \
carriage return is written with a leading ' so that a spreadsheet shows it as \
text and never runs it as a formula; numbers are written as they are, and the \
JSON export keeps every text exactly. With --network the CSV has one \
row per recovery-network entry per review, and the network columns are profile, \
review_id, review_date, walked_through, entry_id, name, kind, support, closeness, \
belonging, contact, role_model, available, reachable, uses, updated_at (a question \
not asked of an entry's kind is an empty cell). With --goals the CSV is the goals table: \
one row per step of each goal (a goal without steps: one row with empty step cells), \
columns profile, goal_id, goal, dimension, status, due, from, created_at, updated_at, \
steps_done, steps_total, step_id, step, step_state, step_added_at. --format fhir writes a FHIR R4 Bundle (Patient with \
the client id as identifier, Practitioner for the counselor named in config.toml, \
Questionnaire, QuestionnaireResponse per completed check-in outside the trash, with \
status amended when an answer was corrected, and an Observation per score derived \
from it, and one QuestionnaireResponse per recovery-network review with a repeating \
group per entry, and one Goal per goal of the recovery plan; every resource labelled restricted, substance-use information, 42 CFR \
Part 2) for health-record systems; shared notes are added as Communication \
resources only with --with-notes. Its canonical URLs are under \
https://recap.invalid/fhir. Exports hold health information: keep them private."
    )]
    Export(ExportArgs),
    /// Import a JSON export (adds only what is not already there)
    #[command(
        long_about = "Import a JSON export (adds only what is not already there).\n\n\
The whole file is checked first and imported in one transaction: on any problem \
nothing is imported, and the message says where in the file the problem is. \
Profiles, check-ins and notes are matched by their ids, questionnaire versions by \
their text, so importing the same file twice adds nothing, and what is already \
here is kept as it is. A new profile whose name is taken by a different profile \
is imported as \"NAME (imported)\"; rename it with `recap profiles rename`. \
A profile with the client id of a profile here is merged into it, and --into NAME \
merges the file's one profile (a client's own export) into the profile NAME. \
A file cannot change recap's own questionnaires (their text must be one recap \
published), give a note to another profile's check-in, or hold dates before 1900 \
or in the future, or names and texts past recap's limits (a profile name 80 \
characters, a free-text answer 20,000, a note 100,000, a questionnaire text 1 MB); \
ids are compared in one spelling (lower-case UUIDs, without urn:uuid:)."
    )]
    Import {
        /// A file written by `recap export --format json`
        file: PathBuf,
        /// Merge the file's one profile into this profile (a client's own export)
        #[arg(long, value_name = "NAME")]
        into: Option<String>,
    },
    /// Write a report for one profile (Markdown or self-contained HTML)
    #[command(
        long_about = "Write a report for one profile (Markdown or self-contained HTML).\n\n\
The report has the latest score of each questionnaire with its band and change \
(since the previous check-in and since the first in the period; a reliable-change \
verdict only where the questionnaire gives a sourced figure), trend charts (HTML) or \
tables of values (Markdown), the latest answers, the shared notes of the period \
(private notes only with --with-private-notes), and each questionnaire's citation and \
terms. --summary writes one page to hand over: the latest scores with what they mean, \
their change, and the shared notes. The program and counselor from config.toml head \
the report; --signature adds a line to sign. The HTML file needs nothing from the \
network and prints on A4 or Letter. Reports hold health information: keep them \
private."
    )]
    Report(ReportArgs),
    /// Copy the database to a file, safely, even while recap is open
    Backup {
        /// Where to write the copy (readable only by you; never recap's database)
        file: PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Show where recap keeps its data and configuration
    Paths,
    /// List a profile's check-ins, newest first (also unfinished, set aside and deleted ones)
    #[command(
        long_about = "List a profile's check-ins, newest first: id, questionnaire, date, \
status (completed, in progress, set aside, deleted), the headline score and whether it \
was done with a counselor, with any corrected answers below it. Wherever recap takes a \
check-in id, the first 8 or more characters of it are enough when no other check-in \
starts the same way. --json prints an array of objects with id, questionnaire, date, \
status and more."
    )]
    History(HistoryArgs),
    /// Move a check-in to the trash (it can be restored; `recap trash empty` erases)
    #[command(long_about = "Move a check-in to the trash.\n\n\
A check-in in the trash leaves home, trends, reports and the CSV and FHIR exports at \
once; the complete JSON export keeps it, marked as deleted, so nothing is lost in a \
round trip. Bring it back with `recap trash restore ID`; only `recap trash empty` \
erases it. On a terminal recap asks first; scripts confirm with --yes.")]
    Delete {
        /// The check-in's id, or its first 8 or more characters (see `recap history`)
        checkin: String,
        /// Do not ask (needed when there is no terminal to ask on)
        #[arg(long)]
        yes: bool,
    },
    /// The trash: list, restore, or erase deleted check-ins
    #[command(subcommand)]
    Trash(TrashCommand),
    /// Correct one answer of a completed check-in, keeping the original and the reason
    #[command(
        long_about = "Correct one answer of a completed check-in (a form typed wrongly, say).\n\n\
The value is checked like `recap record` checks it, against the questionnaire text the \
check-in was answered with; leave it empty (\"\") to clear an optional item. Scores \
follow at once. The value before, the time and the reason are kept: `recap history` \
and reports show them, the JSON export carries them, and the FHIR export marks the \
response as amended."
    )]
    Amend(AmendArgs),
    /// Notes: list, add, edit and delete a profile's notes
    #[command(subcommand)]
    Notes(NotesCommand),
    /// What is due: each questionnaire's last check-in and when it is due next (no scores)
    #[command(
        long_about = "What is due: each questionnaire with the day it was last done, \
the day it is due and whether it is due now, on your calendar (the day a check-in was done \
where you were then, today where you are now). A questionnaire never done is due at once. \
--json prints an array of objects with id, title, every_days, last_done (null when never), \
due_on (null when never done or without an interval) and due (true or false), and profile \
with --all-profiles. --all-profiles lists every active profile: names and dates only, never \
a score or an answer. A questionnaire switched off for a profile (`recap profiles set NAME \
--skip ID`) is left out. --notify shows the desktop notification \"A recap check-in is due\" \
when something is, and nothing else; without a notification service it says so on \
standard error and exits 0. Nothing is ever created: without data, nothing is due."
    )]
    Due(DueArgs),
    /// Reminders: a schedule of your own that runs `recap due --notify` (no root needed)
    #[command(subcommand)]
    Remind(RemindCommand),
    /// Your recovery network: the people, groups, and places and services around you
    #[command(
        subcommand,
        long_about = "Your recovery network: the people, groups, and places and services around \
you, as you see them. For each entry you say whether time with it supports the goals you \
have chosen (whatever your pathway), and for people and groups how close they are, how \
often you are in touch and whether you look to them as an example of the life you want; \
for groups also how much you feel part of them; for places and services whether they are \
near you, whether you can get there and whether you use them.\n\n\
Names are yours to choose: initials are fine (at most 80 characters). Every change is kept \
in a dated review (today's, made when needed), so earlier reviews are never rewritten; \
walk through the whole network every 4 weeks or so with `recap network review` (set \
`[network] review_days` in config.toml). The counts shown are your own answers added up, \
not a score. Everything stays in recap's database on this computer."
    )]
    Network(NetworkCommand),
    /// Your plan: goals in your own words, with small steps
    #[command(
        subcommand,
        long_about = "Your plan: a handful of goals in your own words, each linked to one of \
SAMHSA's four dimensions of recovery (health, home, purpose, community), with a few small \
steps and an optional target day. Goals are yours, whatever pathway you have chosen \
(abstinence, moderation, harm reduction). At most 5 goals are in progress at once and at \
most 5 steps of a goal are open at once. A goal is never deleted: it can be paused, \
achieved or let go, and `recap goals history GOAL` shows every change. Steps are \
reviewed at the end of the weekly check-in in the app. GOAL is a goal's id or its first \
8 or more characters (`recap goals list` shows them)."
    )]
    Goals(GoalsCommand),
    /// The caseload: every active profile's last check-in, what is due, changes and support messages
    #[command(
        long_about = "The caseload, for the counselor's eyes only: for every active \
profile, its client id, the last check-in, what is due, the latest headline scores with \
their direction, reliable changes, the support messages that fired since the last \
session (the latest check-in done with a counselor) and the date of the last note. \
It lists every client: never show it with a client in the room."
    )]
    Caseload(CaseloadArgs),
    /// Prepare a session with one client: what happened since the last session
    #[command(
        long_about = "Prepare a session with one client (--profile NAME): since the \
last session (the latest check-in done with a counselor), the check-ins done, what \
changed (reliable changes, the answers that moved most), the support messages that \
fired, and the last note."
    )]
    Prep(PrepArgs),
    /// Encrypt the database with a passphrase (SQLCipher)
    #[command(
        long_about = "Encrypt the database with a passphrase (SQLCipher: AES-256, the key \
derived from the passphrase). The whole file is written anew, encrypted, beside the \
original, checked, and then put in its place; the unencrypted original is kept only \
with --keep-plain FILE. The passphrase is asked twice on the terminal, or read from the \
first line of --new-passphrase-file FILE (or --passphrase-file FILE). From then on every \
command needs it (asked on the terminal, or --passphrase-file / RECAP_PASSPHRASE_FILE). \
Backups are encrypted with the same passphrase; exports and reports are plain files. \
A forgotten passphrase cannot be recovered."
    )]
    Encrypt {
        /// Keep the unencrypted original at FILE (delete it when you no longer need it)
        #[arg(long, value_name = "FILE")]
        keep_plain: Option<PathBuf>,
        /// Read the new passphrase from the first line of FILE
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Remove the encryption: the database becomes a plain SQLite file again
    Decrypt,
    /// Change the passphrase of an encrypted database
    #[command(name = "change-passphrase")]
    ChangePassphrase {
        /// Read the new passphrase from the first line of FILE [default: asked twice]
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Print JSON for machines
    #[arg(long)]
    pub json: bool,
    /// Every active profile (names and dates only)
    #[arg(long)]
    pub all_profiles: bool,
    /// Show a desktop notification when something is due (and print nothing)
    #[arg(long, conflicts_with = "json")]
    pub notify: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchedulerArg {
    /// systemd on Linux (cron without it), launchd on macOS, Task Scheduler on Windows
    Auto,
    /// A systemd user timer and service in $XDG_CONFIG_HOME/systemd/user
    Systemd,
    /// A line in your crontab (added only when you confirm, or with --yes)
    Cron,
    /// A launchd agent in ~/Library/LaunchAgents
    Launchd,
    /// Task Scheduler (the commands are printed for you to run)
    TaskScheduler,
}

#[derive(Debug, Subcommand)]
pub enum RemindCommand {
    /// Set up the reminder (again: changes only what differs)
    #[command(
        long_about = "Set up a reminder: a schedule of your own (never root) that runs \
`recap due --notify` with the absolute path of this recap, and --db when you use another \
database. When a check-in is due, a notification says \"A recap check-in is due\" and \
nothing else, so it is safe on a lock screen. Linux: a systemd user timer in \
$XDG_CONFIG_HOME/systemd/user, switched on with `systemctl --user` (without systemd: a \
crontab line, shown, and added only when you confirm or with --yes). macOS: a launchd \
agent in ~/Library/LaunchAgents. Windows: the Task Scheduler command is printed. \
--dry-run prints exactly what would be written and where, and changes nothing."
    )]
    Install {
        /// When: a time every day ("18:00") or on one day a week ("Sun 18:00") [default: every day at 18:00]
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Print what would be written and where; change nothing
        #[arg(long)]
        dry_run: bool,
        /// Remind about every active profile (else the one chosen with --profile, or the only one)
        #[arg(long)]
        all_profiles: bool,
        /// Which scheduler
        #[arg(long, value_enum, default_value_t = SchedulerArg::Auto)]
        scheduler: SchedulerArg,
        /// Add the crontab line without asking
        #[arg(long)]
        yes: bool,
    },
    /// Show the reminder that is set up, if any
    Status {
        /// Which scheduler to look at
        #[arg(long, value_enum, default_value_t = SchedulerArg::Auto)]
        scheduler: SchedulerArg,
    },
    /// Take the reminder away: everything `install` wrote
    Remove {
        /// Print what would be removed; change nothing
        #[arg(long)]
        dry_run: bool,
        /// Which scheduler to take it away from
        #[arg(long, value_enum, default_value_t = SchedulerArg::Auto)]
        scheduler: SchedulerArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum GoalsCommand {
    /// Set a goal in your own words, with its dimension and first steps
    Add(GoalsAddArgs),
    /// List your goals with their steps (in progress first)
    List {
        /// Print JSON for machines
        #[arg(long)]
        json: bool,
    },
    /// Add a small step to a goal
    Step {
        /// The goal's id (8 or more characters of it)
        goal: String,
        /// The step, in your own words
        text: String,
    },
    /// Say where a goal stands: achieved, in progress, paused or let go
    Review {
        /// The goal's id (8 or more characters of it)
        goal: String,
        /// Where it stands now
        #[arg(long, value_enum)]
        status: GoalStatusArg,
        /// A few words to keep with it
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Every change to a goal, oldest first
    History {
        /// The goal's id (8 or more characters of it)
        goal: String,
    },
}

/// One of SAMHSA's four dimensions of recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DimensionArg {
    Health,
    Home,
    Purpose,
    Community,
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoalStatusArg {
    Achieved,
    InProgress,
    Paused,
    LetGo,
}

#[derive(Debug, Args)]
pub struct GoalsAddArgs {
    /// The goal, in your own words (one line, at most 200 characters)
    pub text: String,
    /// The dimension it belongs to
    #[arg(long, value_enum)]
    pub dimension: DimensionArg,
    /// A small step towards it (repeat for more, at most 5)
    #[arg(long = "step", value_name = "TEXT")]
    pub steps: Vec<String>,
    /// A target day, if you want one
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Add a person, group, or place or service (initials are fine)
    Add(NetworkAddArgs),
    /// Change an entry's answers (only those given change)
    Edit(NetworkEditArgs),
    /// Take an entry out of your network (earlier reviews keep it)
    Remove {
        /// The entry's name
        name: String,
    },
    /// Show your network now, its counts, what changed and when a review is due
    List {
        /// Print JSON for machines
        #[arg(long)]
        json: bool,
    },
    /// Walk through your network: keep, change or remove each entry, then add new ones
    #[command(
        long_about = "Walk through your network one entry at a time: keep it (k or \
Enter), change it (c: each question again, Enter keeps an answer) or remove it (r); then add \
new entries until you press Enter on an empty name. Each change is saved at once; q stops \
and keeps the changes made so far. Works line by line on a terminal, a screen reader or a \
pipe (one answer per line)."
    )]
    Review,
}

/// The kind of a network entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkKind {
    Person,
    Group,
    /// A place or service
    #[value(alias = "service")]
    Place,
}

/// Whether time with an entry supports the goals you have chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkSupport {
    Supportive,
    Mixed,
    Unsupportive,
}

/// How often you are in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkContact {
    Weekly,
    Monthly,
    Rarely,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

/// The answers beyond kind and support (each only for the kinds it names).
#[derive(Debug, Args, Default)]
pub struct NetworkAnswers {
    /// People and groups: how close, from 1 (not close) to 5 (very close)
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub close: Option<u8>,
    /// Groups: how much you feel part of it, from 1 (not at all) to 5 (very much)
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub belong: Option<u8>,
    /// People and groups: how often you are in touch
    #[arg(long, value_enum)]
    pub contact: Option<NetworkContact>,
    /// People and groups: you look to them as an example of the life you want (--role-model=no undoes it)
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "yes", value_name = "yes|no")]
    pub role_model: Option<YesNo>,
    /// Places and services: it is available near you (--available=no undoes it)
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "yes", value_name = "yes|no")]
    pub available: Option<YesNo>,
    /// Places and services: you can get there (--reachable=no undoes it)
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "yes", value_name = "yes|no")]
    pub reachable: Option<YesNo>,
    /// Places and services: you use it (--use=no undoes it)
    #[arg(long = "use", value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "yes", value_name = "yes|no")]
    pub uses: Option<YesNo>,
}

#[derive(Debug, Args)]
pub struct NetworkAddArgs {
    /// Its name: initials are fine (at most 80 characters)
    pub name: String,
    /// What it is
    #[arg(long, value_enum)]
    pub kind: NetworkKind,
    /// Does time with it support the goals you have chosen?
    #[arg(long, value_enum)]
    pub support: NetworkSupport,
    #[command(flatten)]
    pub answers: NetworkAnswers,
}

#[derive(Debug, Args)]
pub struct NetworkEditArgs {
    /// The entry's name now
    pub name: String,
    /// A new name (initials are fine)
    #[arg(long, value_name = "NAME")]
    pub rename: Option<String>,
    /// What it is (answers that no longer apply are cleared)
    #[arg(long, value_enum)]
    pub kind: Option<NetworkKind>,
    /// Does time with it support the goals you have chosen?
    #[arg(long, value_enum)]
    pub support: Option<NetworkSupport>,
    #[command(flatten)]
    pub answers: NetworkAnswers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaseloadSort {
    /// What is due first (longest overdue first), then the rest by name
    Due,
    /// Reliable declines and support messages first, then the rest by name
    Decline,
    /// By name
    Name,
}

#[derive(Debug, Args)]
pub struct CaseloadArgs {
    /// Print JSON for machines
    #[arg(long)]
    pub json: bool,
    /// The order of the rows
    #[arg(long, value_enum, default_value_t = CaseloadSort::Due)]
    pub sort: CaseloadSort,
}

#[derive(Debug, Args)]
pub struct PrepArgs {
    /// Print JSON for machines
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this questionnaire
    pub id: Option<String>,
    /// Print JSON for machines
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TrashCommand {
    /// List the check-ins in the trash (one profile's with --profile, else everyone's)
    List {
        /// Print JSON for machines
        #[arg(long)]
        json: bool,
    },
    /// Bring back a check-in from the trash, or a set-aside one (it becomes unfinished again)
    Restore {
        /// The check-in's id, or its first 8 or more characters
        checkin: String,
    },
    /// Erase the check-ins in the trash for good (one profile's with --profile, else everyone's)
    Empty {
        /// Do not ask (needed when there is no terminal to ask on)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct AmendArgs {
    /// The check-in's id, or its first 8 or more characters (see `recap history`)
    pub checkin: String,
    /// The item's id (see `recap questionnaires show ID`)
    pub item: String,
    /// The correct answer, as `recap record` takes it ("" clears an optional item)
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// Why the answer changes (kept with it, shown in history and reports)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// List the profile's notes, newest first
    List {
        /// Print JSON for machines
        #[arg(long)]
        json: bool,
    },
    /// Add a note (TEXT, or - to read it from standard input)
    Add {
        /// Tie the note to a check-in (its id, or its first 8 or more characters)
        #[arg(long, value_name = "CHECKIN")]
        about: Option<String>,
        /// Shared: it may go into reports and exports [default for a person's own notes]
        #[arg(long, conflicts_with = "private")]
        shared: bool,
        /// Private: kept out of reports and exports [default for a counselor's notes,
        /// see [counselor] in config.toml]
        #[arg(long)]
        private: bool,
        /// The note, or - to read it from standard input
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Replace a note's text (TEXT, or - to read it from standard input), or make it shared or private
    #[command(group(ArgGroup::new("change").required(true).multiple(true).args(["text", "shared", "private"])))]
    Edit {
        /// The note's id, or its first 8 or more characters (see `recap notes list`)
        id: String,
        /// Make it shared (reports and exports)
        #[arg(long, conflicts_with = "private")]
        shared: bool,
        /// Make it private
        #[arg(long)]
        private: bool,
        /// The new text, or - to read it from standard input (the text before is kept in its history)
        #[arg(allow_hyphen_values = true)]
        text: Option<String>,
    },
    /// Delete a note
    Delete {
        /// The note's id, or its first 8 or more characters
        id: String,
        /// Do not ask (needed when there is no terminal to ask on)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Questionnaire id
    pub id: String,
    /// Answers in item order, comma separated; leave optional items empty
    /// (6,,4). Each is the number shown beside an answer (its stored value)
    /// or the answer's words
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub answers: Option<String>,
    /// One item's answer by its id: the number, the answer's words, or free
    /// text (commas allowed); repeatable, e.g. --answer reflection="a, b"
    #[arg(long = "answer", value_name = "ITEM=VALUE", allow_hyphen_values = true)]
    pub answer: Vec<String>,
    /// Read the answers from a file, one line per item in order (- reads
    /// standard input)
    #[arg(long, value_name = "FILE", conflicts_with = "answers")]
    pub answers_file: Option<PathBuf>,
    /// The day the form was filled in, in your time zone (from 1900-01-01,
    /// not after today) [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// The check-in was done together with a counselor
    #[arg(long)]
    pub with_counselor: bool,
    /// Check and score, but store nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print a machine-readable result
    #[arg(long)]
    pub json: bool,
    /// Record even when this questionnaire was already completed that day
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// Questionnaire id [default: all with data]
    pub id: Option<String>,
    /// Print JSON for machines
    #[arg(long)]
    pub json: bool,
    /// Time window
    #[arg(long, value_enum, default_value_t = Window::All)]
    pub window: Window,
}

/// `--window 4w|3m|1y|all`: the one `Window` of `trends::window`, named
/// by its `code`.
impl ValueEnum for Window {
    fn value_variants<'a>() -> &'a [Self] {
        &[Window::Weeks4, Window::Months3, Window::Year1, Window::All]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}

#[derive(Debug, Subcommand)]
pub enum QuestionnairesCommand {
    /// List the questionnaires recap knows (bundled and your own files)
    List,
    /// Show a questionnaire's items, scales, scoring and citation
    Show {
        /// Questionnaire id
        id: String,
    },
    /// Check questionnaire files and report every problem
    Validate {
        /// The files to check
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// List profiles
    List {
        /// Include archived profiles
        #[arg(long)]
        all: bool,
    },
    /// Add a profile (a name, or initials; optionally an agency's client id)
    Add {
        name: String,
        /// An agency's id for the person (e.g. a medical record number)
        #[arg(long, value_name = "ID")]
        client_id: Option<String>,
    },
    /// Rename a profile
    Rename { old: String, new: String },
    /// Archive a profile (kept, but hidden from lists)
    Archive { name: String },
    /// Bring back an archived profile
    Unarchive { name: String },
    /// Set a profile's client id, or switch questionnaires off or on (never due, no
    /// reminders); with nothing to change, shows the settings
    Set {
        name: String,
        /// An agency's id for the person (e.g. a medical record number)
        #[arg(long, value_name = "ID", conflicts_with = "no_client_id")]
        client_id: Option<String>,
        /// Remove the profile's client id
        #[arg(long)]
        no_client_id: bool,
        /// Switch this questionnaire off: it is never due for this profile (repeatable)
        #[arg(long, value_name = "ID")]
        skip: Vec<String>,
        /// Switch it back on (repeatable)
        #[arg(long, value_name = "ID")]
        unskip: Vec<String>,
    },
    /// Delete a profile and everything of it, for good (export it first to keep a copy)
    Delete {
        name: String,
        /// Do not ask (needed when there is no terminal to type the name on)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Fhir,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// CSV only: one row per score instead of one row per answer
    #[arg(long)]
    pub scores: bool,
    /// CSV only: one row per recovery-network entry per review instead of
    /// one row per answer
    #[arg(long, conflicts_with = "scores")]
    pub network: bool,
    /// CSV only: the goals table, one row per step of each goal (a goal
    /// without steps: one row)
    #[arg(long, conflicts_with_all = ["scores", "network"])]
    pub goals: bool,
    /// Only sessions completed (or, unfinished ones, started) on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Write to this file instead of standard output. It is made readable
    /// only by you and appears only once the export is complete. A pipe or
    /// device (such as /dev/stdout) receives the bytes directly. Never
    /// recap's database
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --out: replace the file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// JSON: include private notes too, and deleted ones with their history
    #[arg(long)]
    pub with_private_notes: bool,
    /// FHIR: include shared notes as Communication resources
    #[arg(long)]
    pub with_notes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ReportFormat,
    /// Start of the period: check-ins completed and notes written on or after this day [default: everything]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Write to this file instead of standard output. It is made readable
    /// only by you and appears only once the report is complete. A pipe or
    /// device (such as /dev/stdout) receives the bytes directly. Never
    /// recap's database
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --out: replace the file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// One page to hand over: latest scores with their meaning, change, shared notes
    #[arg(long)]
    pub summary: bool,
    /// End with a line to sign (the counselor's name from config.toml under it)
    #[arg(long)]
    pub signature: bool,
    /// Include private notes too
    #[arg(long)]
    pub with_private_notes: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
