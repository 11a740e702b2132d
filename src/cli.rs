//! The command-line surface (clap derive). Parsing only: `commands` does the work.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

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
lossless (profiles, questionnaire texts, every check-in including unfinished ones \
and those in the trash, answers with their corrections, notes) and can be read back \
with `recap import`. --format csv writes one row per answer of each completed \
check-in outside the trash, or with --scores one row per score, for \
spreadsheets and statistics tools; the answer columns are profile, session_id, \
completed_at, questionnaire_id, questionnaire_version, item_id, item_text, value, \
label, text, and the score columns profile, session_id, completed_at, \
questionnaire_id, questionnaire_version, score_id, score_label, value, band, \
with_counselor. In CSV, a text cell that begins with =, +, -, @, a tab or a \
carriage return is written with a leading ' so that a spreadsheet shows it as \
text and never runs it as a formula; numbers are written as they are, and the \
JSON export keeps every text exactly. --format fhir writes a FHIR R4 Bundle (Patient, \
Questionnaire, QuestionnaireResponse per completed check-in outside the trash, with \
status amended when an answer was corrected) for health-record systems; its canonical URLs are under https://recap.invalid/fhir. Exports hold \
health information: keep them private."
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
A file cannot change recap's own questionnaires (their text must be one recap \
published), give a note to another profile's check-in, or hold dates before 1900 \
or in the future, or names and texts past recap's limits (a profile name 80 \
characters, a free-text answer 20,000, a note 100,000, a questionnaire text 1 MB); \
ids are compared in one spelling (lower-case UUIDs, without urn:uuid:)."
    )]
    Import {
        /// A file written by `recap export --format json`
        file: PathBuf,
    },
    /// Write a report for one profile (Markdown or self-contained HTML)
    #[command(
        long_about = "Write a report for one profile (Markdown or self-contained HTML).\n\n\
The report has the latest score of each questionnaire with its band and change \
(since the previous check-in and since the first in the period; a reliable-change \
verdict only where the questionnaire gives a sourced figure), trend charts (HTML) or \
tables of values (Markdown), the latest answers, the notes of the period, and each \
questionnaire's citation and terms. The HTML file needs nothing from the network and \
prints on A4 or Letter. Reports hold health information: keep them private."
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
        /// The note, or - to read it from standard input
        #[arg(allow_hyphen_values = true)]
        text: String,
    },
    /// Replace a note's text (TEXT, or - to read it from standard input)
    Edit {
        /// The note's id, or its first 8 or more characters (see `recap notes list`)
        id: String,
        /// The new text, or - to read it from standard input
        #[arg(allow_hyphen_values = true)]
        text: String,
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
    /// Add a profile
    Add { name: String },
    /// Rename a profile
    Rename { old: String, new: String },
    /// Archive a profile (kept, but hidden from lists)
    Archive { name: String },
    /// Bring back an archived profile
    Unarchive { name: String },
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
