//! Reports for one profile: a typed `Report` built from the store (every number through the one scoring function, every band, change and support message from the result model in `outcome`), written as Markdown or as one self-contained HTML file with SVG charts. Support messages that fired in the period come first, with the contacts in force.
//!
//! What goes in to be handed over (`Handover`): only shared notes unless
//! private ones are asked for; the program and counselor from config.toml
//! in the header; an optional signature line; `summary` for one page
//! (latest scores with what they mean, change, shared notes).
//!
//! Where reports go: `recap report --out FILE` writes FILE; without `--out`
//! the command prints to standard output. `write_report` (for the TUI) writes
//! the given path, or by default `recap-report-LABEL-YYYY-MM-DD.html` (or
//! `.md`) in the current folder, LABEL being the client id or the initials,
//! never the full name, adding `-2`, `-3`, ... rather than replacing an
//! existing file. Files are made readable only by their owner
//! (0600 on Unix) and appear only once complete (`PrivateOutput`).

pub mod corrections;
pub mod html;
pub mod markdown;
pub mod network;
pub mod network_svg;
pub mod plan;
pub mod summary;
pub mod svg;
pub mod words;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::config::Support;
use crate::export::{ExportError, ExportResult};
use crate::files::PrivateOutput;
use crate::instrument::model::{ChangeRule, Condition, SafetyTarget};
use crate::instrument::{AnswerValue, Catalog, Instrument, Kind};
use crate::outcome::{Contacts, Done, Point, SafetyMessage, ScoreOutcome};
use crate::store::{Profile, SessionDetail, Store, StoreError, StoreResult};
use crate::timefmt::{Lived, Zone};

/// The two report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// What goes into a report besides the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Only check-ins completed (and notes written) at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// The moment the report is written (shown as "Written").
    pub now: DateTime<Utc>,
    /// How dates are shown.
    pub zone: Zone,
    /// The contacts in force, listed after any support message.
    pub support: Support,
}

/// What a report carries besides the check-ins: for handing over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handover {
    /// One page: the latest scores with their meaning and change, the
    /// support messages once each, the shared notes.
    pub summary: bool,
    /// End with a line to sign.
    pub signature: bool,
    /// Private notes too (marked so).
    pub with_private_notes: bool,
    /// The program or agency, for the header (`[counselor] program`).
    pub program: Option<String>,
    /// The counselor, for the header and under the signature line.
    pub counselor: Option<String>,
}

impl Handover {
    /// The header and signature names from config.toml's `[counselor]`.
    pub fn from_config(counselor: Option<&crate::config::Counselor>) -> Handover {
        Handover {
            program: counselor.and_then(|c| c.program.clone()),
            counselor: counselor.and_then(|c| c.name.clone()),
            ..Handover::default()
        }
    }
}

/// Everything a report says, ready to be written in either format.
#[derive(Debug, Clone)]
pub struct Report {
    pub profile: String,
    pub client_id: Option<String>,
    /// The program, counselor, signature and summary choices.
    pub handover: Handover,
    pub since: Option<DateTime<Utc>>,
    pub written: DateTime<Utc>,
    pub zone: Zone,
    /// Support messages that fired at check-ins in the period, oldest
    /// first: shown before everything else.
    pub support_messages: Vec<FiredMessage>,
    /// The contacts in force, shown with the support messages.
    pub contacts: Contacts,
    /// Questionnaires with completed check-ins in the period, in catalog order.
    pub questionnaires: Vec<QuestionnaireReport>,
    /// Notes written in the period, oldest first.
    pub notes: Vec<NoteEntry>,
    /// Answers amended in the period's check-ins, oldest first.
    pub corrections: Vec<corrections::Correction>,
    /// The recovery network (None without a review).
    pub network: Option<network::NetworkSection>,
    /// The recovery plan: goals changed in the period or in progress.
    pub plan: Vec<plan::PlanGoal>,
}

impl Report {
    /// The first completed check-in in the period.
    pub fn first(&self) -> Option<Lived> {
        self.questionnaires
            .iter()
            .filter_map(|q| q.sessions.first().map(SessionRow::lived))
            .min_by_key(|l| l.at)
    }

    /// The last completed check-in in the period.
    pub fn last(&self) -> Option<Lived> {
        self.questionnaires
            .iter()
            .filter_map(|q| q.sessions.last().map(SessionRow::lived))
            .max_by_key(|l| l.at)
    }

    /// How many completed check-ins the report covers.
    pub fn check_ins(&self) -> usize {
        self.questionnaires.iter().map(|q| q.sessions.len()).sum()
    }

    /// The period line, in words.
    pub fn period(&self) -> String {
        let date = |t: Lived| self.zone.short_date(t);
        words::period(
            self.since.map(Lived::from).map(date).as_deref(),
            self.first().map(date).as_deref(),
            self.last().map(date).as_deref(),
        )
    }

    /// "Tuesday 3 November 2026"
    pub fn written_date(&self) -> String {
        self.zone.long_date(self.written)
    }

    /// A date in the person's zone.
    pub fn date(&self, t: impl Into<Lived>) -> String {
        self.zone.short_date(t)
    }
}

/// A support message that fired at a check-in in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct FiredMessage {
    pub completed_at: DateTime<Utc>,
    pub questionnaire: String,
    pub safety: SafetyMessage,
}

/// One questionnaire's part of the report.
#[derive(Debug, Clone)]
pub struct QuestionnaireReport {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// The versions used in the period, oldest first.
    pub versions: Vec<u32>,
    pub kind: Kind,
    pub citation: Option<String>,
    pub terms: Option<String>,
    /// The questionnaire's notice; for a reflective one without its own,
    /// the general reflective notice.
    pub notice: Option<String>,
    /// The latest version's scores.
    pub scores: Vec<ScoreReport>,
    /// Completed check-ins in the period, oldest first.
    pub sessions: Vec<SessionRow>,
    /// The latest check-in's answers, in item order.
    pub latest_answers: Vec<AnswerRow>,
}

impl QuestionnaireReport {
    /// The headline score's index: `total` or `overall` if present, else the first.
    pub fn primary(&self) -> Option<usize> {
        self.scores
            .iter()
            .position(|s| s.id == "total" || s.id == "overall")
            .or(if self.scores.is_empty() {
                None
            } else {
                Some(0)
            })
    }

    /// Groups of scores drawn on one chart: scores sharing the headline
    /// score's range together (headline first), any others on their own.
    pub fn chart_groups(&self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut order: Vec<usize> = (0..self.scores.len()).collect();
        if let Some(p) = self.primary() {
            order.retain(|&i| i != p);
            order.insert(0, p);
        }
        for i in order {
            let range = (self.scores[i].min, self.scores[i].max);
            match groups.iter_mut().find(|g| {
                g.first()
                    .is_some_and(|&j| (self.scores[j].min, self.scores[j].max) == range)
            }) {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        groups
    }
}

/// One score of a questionnaire: the latest check-in's score as the result
/// model gives it, and what the charts need.
#[derive(Debug, Clone)]
pub struct ScoreReport {
    pub id: String,
    pub label: String,
    pub decimals: u32,
    pub min: f64,
    pub max: f64,
    pub higher_is_better: bool,
    /// The latest check-in's score: value, band, change since the previous
    /// check-in and since the first in the period.
    pub latest: ScoreOutcome,
    /// The edges between bands, at their published figures.
    pub edges: Vec<crate::trends::edges::RefLine>,
    pub change_rule: Option<ChangeRule>,
}

/// One completed check-in: when, and its values (aligned with `scores`).
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub session_id: String,
    pub completed_at: DateTime<Utc>,
    /// The UTC offset of the person's zone then (None: not recorded).
    pub utc_offset: Option<FixedOffset>,
    pub with_counselor: bool,
    pub values: Vec<Option<f64>>,
}

impl SessionRow {
    /// When it was completed, in the person's zone.
    pub fn lived(&self) -> Lived {
        Lived::new(self.completed_at, self.utc_offset)
    }
}

/// One item of the latest check-in.
#[derive(Debug, Clone)]
pub struct AnswerRow {
    pub number: usize,
    pub item_id: String,
    pub text: String,
    pub answer: Shown,
}

/// How one answer is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A choice, yes/no or number answer: its label and stored value.
    Value {
        label: String,
        value: i64,
    },
    /// The person's own words.
    Text(String),
    Skipped,
}

/// A note written in the period.
#[derive(Debug, Clone)]
pub struct NoteEntry {
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub body: String,
    /// Private notes appear only when asked for, marked so.
    pub visibility: crate::store::Visibility,
    pub author: Option<String>,
    /// The check-in it belongs to: (questionnaire short title, completed or started at).
    pub about: Option<(String, Lived)>,
}

fn trimmed(text: Option<&String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Builds the report for one profile from the store (shared notes only, no
/// header from config.toml: see `build_with`).
pub fn build(
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
    options: &ReportOptions,
) -> StoreResult<Report> {
    build_with(store, catalog, profile, options, &Handover::default())
}

/// Builds the report for one profile, to be handed over as `handover` says.
pub fn build_with(
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
    options: &ReportOptions,
    handover: &Handover,
) -> StoreResult<Report> {
    // Completed check-ins of the period, oldest first, from the score cache
    // (never their answers), grouped by questionnaire: each group keeps its
    // check-ins' scores and only its latest check-in whole. A check-in is
    // read whole and given its outcome only when a support rule of its
    // questionnaire text can fire on it (`may_fire`), so the messages
    // still come from the result model, and a long history costs one
    // range of the cache plus the few check-ins that printed something.
    let mut rules = SupportRules::default();
    let mut groups: Vec<Group> = Vec::new();
    for id in store.scored_questionnaires(profile.id)? {
        let mut group = Group::new(id.clone());
        store.each_period_point(profile.id, &id, options.since, |p| {
            let instrument = store.snapshot_instrument(&p.snapshot_hash)?;
            rules.read(
                store,
                profile.id,
                options.since,
                (&id, &p.snapshot_hash),
                &instrument,
            )?;
            if rules.may_fire(&instrument, &p.point) {
                let detail = read_detail(store, &p.point.session_id)?;
                for safety in session_outcome(&detail, &[], &options.support).safety {
                    group.messages.push(FiredMessage {
                        completed_at: completed(&detail),
                        questionnaire: detail.instrument.short_title.clone(),
                        safety,
                    });
                }
            }
            group.add(p.point, instrument.version);
            Ok(())
        })?;
        groups.push(group);
    }
    for g in &mut groups {
        if let Some(last) = g.points.last() {
            g.latest = Some(read_detail(store, &last.session_id)?);
        }
    }
    let catalog_ids = catalog.ids();
    groups.sort_by_key(|g| {
        (
            catalog_ids
                .iter()
                .position(|c| *c == g.id)
                .unwrap_or(usize::MAX),
            g.id.clone(),
        )
    });
    let mut support_messages: Vec<FiredMessage> = Vec::new();
    for g in &mut groups {
        support_messages.append(&mut g.messages);
    }
    let questionnaires = groups
        .into_iter()
        .filter_map(|g| questionnaire_report(g, &options.support))
        .collect();
    support_messages.sort_by_key(|m| m.completed_at);

    let mut notes = Vec::new();
    for note in store.notes(profile.id)? {
        if options.since.is_some_and(|since| note.created_at < since) {
            continue;
        }
        if note.visibility == crate::store::Visibility::Private && !handover.with_private_notes {
            continue;
        }
        let about = match note.session_id.as_deref() {
            Some(id) => match store.session(id)? {
                Some(s) if s.deleted_at.is_none() => {
                    let title = store
                        .snapshot_instrument(&s.snapshot_hash)
                        .map(|i| i.short_title.clone())
                        .unwrap_or_else(|_| s.questionnaire_id.clone());
                    Some((title, s.lived()))
                }
                _ => None,
            },
            None => None,
        };
        notes.push(NoteEntry {
            created_at: note.created_at,
            updated_at: note.updated_at,
            body: note.body,
            visibility: note.visibility,
            author: note.author,
            about,
        });
    }
    notes.sort_by_key(|n| n.created_at);

    Ok(Report {
        profile: profile.name.clone(),
        client_id: profile.client_id.clone(),
        handover: handover.clone(),
        since: options.since,
        written: options.now,
        zone: options.zone,
        support_messages,
        contacts: Contacts {
            contacts: options.support.contacts.clone(),
            built_in: options.support.is_default,
        },
        questionnaires,
        notes,
        corrections: corrections::build(store, profile, options.since)?,
        network: network::build(store, profile, options.since)?,
        plan: plan::build(store, profile, options.since)?,
    })
}

fn completed(d: &SessionDetail) -> DateTime<Utc> {
    d.session.completed_at.unwrap_or(d.session.started_at)
}

/// A session's outcome, compared with `earlier` (aligned with its own
/// questionnaire's scores).
fn session_outcome(
    d: &SessionDetail,
    earlier: &[Point],
    support: &Support,
) -> crate::outcome::Outcome {
    let done = Done {
        instrument: &d.instrument,
        answers: &d.answers,
        scoring: &d.scoring,
        session_id: Some(&d.session.id),
        completed_at: completed(d),
        with_counselor: d.session.with_counselor,
    };
    crate::outcome::build(&done, earlier, 0, support)
}

/// One questionnaire's check-ins in a report, gathered one at a time.
struct Group {
    id: String,
    /// Every score id met, in the order met; `points` hold values by it.
    score_ids: Vec<String>,
    points: Vec<GroupPoint>,
    versions: BTreeSet<u32>,
    /// The latest check-in, whole.
    latest: Option<SessionDetail>,
    messages: Vec<FiredMessage>,
}

struct GroupPoint {
    session_id: String,
    at: DateTime<Utc>,
    utc_offset: Option<FixedOffset>,
    with_counselor: bool,
    /// By `Group::score_ids`.
    values: Vec<Option<f64>>,
}

impl Group {
    fn new(id: String) -> Group {
        Group {
            id,
            score_ids: Vec::new(),
            points: Vec::new(),
            versions: BTreeSet::new(),
            latest: None,
            messages: Vec::new(),
        }
    }

    /// Adds the next check-in (oldest first), done with `version` of the
    /// questionnaire.
    fn add(&mut self, p: crate::store::SeriesPoint, version: u32) {
        let mut values = vec![None; self.score_ids.len()];
        for (id, value) in p.scores {
            let k = match self.score_ids.iter().position(|known| *known == id) {
                Some(k) => k,
                None => {
                    self.score_ids.push(id);
                    values.push(None);
                    self.score_ids.len() - 1
                }
            };
            values[k] = value;
        }
        self.versions.insert(version);
        self.points.push(GroupPoint {
            session_id: p.session_id,
            at: p.completed_at,
            utc_offset: p.utc_offset,
            with_counselor: p.with_counselor,
            values,
        });
    }
}

/// A stored check-in, whole (answers and scoring).
fn read_detail(store: &Store, session_id: &str) -> StoreResult<SessionDetail> {
    store
        .session_detail(session_id)?
        .ok_or_else(|| StoreError::Snapshot(format!("session {session_id} could not be read")))
}

/// Which check-ins of a period a support rule can fire on: those whose
/// cached score meets a score rule, and those with an answer meeting an
/// item rule (found in SQL). Only these are scored again for their
/// messages; the rest cannot have shown one.
#[derive(Default)]
struct SupportRules {
    /// The questionnaire texts whose item rules were looked up.
    read: std::collections::HashSet<String>,
    by_answer: std::collections::HashSet<String>,
}

impl SupportRules {
    /// Looks up the check-ins of the period of `questionnaire_id` done with
    /// its text `hash` (once per text) whose answers meet one of its item rules.
    fn read(
        &mut self,
        store: &Store,
        profile_id: i64,
        since: Option<DateTime<Utc>>,
        (questionnaire_id, hash): (&str, &str),
        instrument: &Instrument,
    ) -> StoreResult<()> {
        if !self.read.insert(hash.to_string()) {
            return Ok(());
        }
        let item_rules: Vec<(&[String], Condition)> = instrument
            .safety
            .iter()
            .filter_map(|rule| match &rule.target {
                SafetyTarget::Item(id) => Some((std::slice::from_ref(id), rule.condition)),
                SafetyTarget::AnyItem(ids) => Some((ids.as_slice(), rule.condition)),
                SafetyTarget::Score(_) => None,
            })
            .collect();
        let mut items: Vec<&str> = item_rules
            .iter()
            .flat_map(|(ids, _)| ids.iter().map(String::as_str))
            .collect();
        items.sort_unstable();
        items.dedup();
        if items.is_empty() {
            return Ok(());
        }
        let by_answer = &mut self.by_answer;
        store.each_answer_to(
            profile_id,
            (questionnaire_id, hash),
            since,
            &items,
            |session, item, value| {
                let meets = item_rules.iter().any(|(ids, condition)| {
                    ids.iter().any(|id| id == item) && condition.holds(value as f64)
                });
                if meets && !by_answer.contains(session) {
                    by_answer.insert(session.to_string());
                }
            },
        )
    }

    fn may_fire(&self, instrument: &Instrument, p: &crate::store::SeriesPoint) -> bool {
        self.by_answer.contains(&p.session_id)
            || instrument.safety.iter().any(|rule| match &rule.target {
                SafetyTarget::Score(id) => p.value(id).is_some_and(|v| rule.condition.holds(v)),
                _ => false,
            })
    }
}

fn questionnaire_report(group: Group, support: &Support) -> Option<QuestionnaireReport> {
    let Group {
        score_ids,
        points: group_points,
        versions,
        latest,
        ..
    } = group;
    let latest = latest?;
    let before = group_points.len().saturating_sub(1);
    let instrument = &latest.instrument;
    // Every check-in in the period, with the latest version's scores
    // (moved, not copied: a long history is held once).
    let columns: Vec<Option<usize>> = instrument
        .scores
        .iter()
        .map(|def| score_ids.iter().position(|id| *id == def.id))
        .collect();
    let points: Vec<Point> = group_points
        .into_iter()
        .map(|p| Point {
            session_id: p.session_id,
            at: p.at,
            utc_offset: p.utc_offset,
            with_counselor: p.with_counselor,
            values: columns
                .iter()
                .map(|k| k.and_then(|k| p.values.get(k).copied().flatten()))
                .collect(),
        })
        .collect();
    let outcome = session_outcome(&latest, &points[..before], support);
    let sessions: Vec<SessionRow> = points
        .into_iter()
        .map(|p| SessionRow {
            session_id: p.session_id,
            completed_at: p.at,
            utc_offset: p.utc_offset,
            with_counselor: p.with_counselor,
            values: p.values,
        })
        .collect();
    let scores = instrument
        .scores
        .iter()
        .zip(outcome.scores)
        .map(|(def, latest)| ScoreReport {
            id: def.id.clone(),
            label: def.label.clone(),
            decimals: def.decimals,
            min: def.min,
            max: def.max,
            higher_is_better: def.higher_is_better,
            latest,
            edges: crate::trends::edges::edges(def),
            change_rule: def.change.clone(),
        })
        .collect();
    let latest_answers = instrument
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| AnswerRow {
            number: i + 1,
            item_id: item.id.clone(),
            text: item.text.clone(),
            answer: match latest.answers.get(&item.id) {
                Some(AnswerValue::Number(n)) => Shown::Value {
                    label: item.label_for(*n),
                    value: *n,
                },
                Some(AnswerValue::Text(t)) if !t.trim().is_empty() => Shown::Text(t.clone()),
                Some(AnswerValue::Text(_)) | None => Shown::Skipped,
            },
        })
        .collect();
    let notice = outcome.questionnaire.notice;
    Some(QuestionnaireReport {
        id: instrument.id.clone(),
        title: instrument.title.clone(),
        short_title: instrument.short_title.clone(),
        versions: versions.into_iter().collect(),
        kind: instrument.kind,
        citation: trimmed(instrument.citation.as_ref()),
        terms: trimmed(instrument.terms.as_ref()),
        notice,
        scores,
        sessions,
        latest_answers,
    })
}

/// Writes a report in the chosen format (the one-page summary when the
/// handover asks for it).
pub fn render(report: &Report, format: Format, out: &mut impl Write) -> ExportResult<()> {
    match (format, report.handover.summary) {
        (Format::Markdown, false) => markdown::write(report, out)?,
        (Format::Html, false) => html::write(report, out)?,
        (Format::Markdown, true) => out.write_all(summary::markdown(report).as_bytes())?,
        (Format::Html, true) => out.write_all(summary::html(report).as_bytes())?,
    }
    Ok(())
}

/// What names the person in a report's file name: the client id, or the
/// initials of the name; never the full name (a file name is seen in
/// folders, mail attachments and print queues).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLabel(String);

impl FileLabel {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&Profile> for FileLabel {
    fn from(p: &Profile) -> FileLabel {
        FileLabel(p.label())
    }
}

/// A bare name: its initials.
impl From<&str> for FileLabel {
    fn from(name: &str) -> FileLabel {
        FileLabel(crate::store::names::initials(name))
    }
}

impl From<&String> for FileLabel {
    fn from(name: &String) -> FileLabel {
        FileLabel::from(name.as_str())
    }
}

/// A file name safe on every system: `recap-report-LABEL-YYYY-MM-DD.EXT`,
/// with the label (`FileLabel`: client id or initials) reduced to
/// lowercase letters, digits and hyphens.
pub fn file_name(label: &FileLabel, day: NaiveDate, format: Format, attempt: u32) -> String {
    let mut slug = String::new();
    for c in label.as_str().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "profile" } else { slug };
    let suffix = if attempt > 1 {
        format!("-{attempt}")
    } else {
        String::new()
    };
    format!(
        "recap-report-{slug}-{}{suffix}.{}",
        day.format("%Y-%m-%d"),
        format.extension()
    )
}

/// The default place for a report: `file_name` in `dir`, never an existing
/// file. `who` is a profile (client id or initials) or a name (initials).
pub fn default_path(
    dir: &Path,
    who: impl Into<FileLabel>,
    day: NaiveDate,
    format: Format,
) -> ExportResult<PathBuf> {
    let label = who.into();
    (1..=999)
        .map(|attempt| dir.join(file_name(&label, day, format, attempt)))
        .find(|p| !p.exists())
        .ok_or_else(|| {
            ExportError::Input(format!(
                "too many reports named {} in {}; choose a file name",
                label.as_str(),
                dir.display()
            ))
        })
}

/// Builds and writes a report to `path` (or, with `None`, to `default_path`
/// in the current folder) as a private file; returns where it was written.
/// Never onto the database or its logs; an existing file only with `force`.
pub fn write_report_with(
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
    options: &ReportOptions,
    format: Format,
    path: Option<&Path>,
    force: bool,
) -> ExportResult<PathBuf> {
    write_handover(
        store,
        catalog,
        profile,
        options,
        &Handover::default(),
        format,
        path,
        force,
    )
}

/// `write_report_with`, handed over as `handover` says (summary, header,
/// signature, private notes).
#[allow(clippy::too_many_arguments)]
pub fn write_handover(
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
    options: &ReportOptions,
    handover: &Handover,
    format: Format,
    path: Option<&Path>,
    force: bool,
) -> ExportResult<PathBuf> {
    let report = build_with(store, catalog, profile, options, handover)?;
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => {
            let dir = std::env::current_dir()?;
            let day = options.zone.at(options.now).date_naive();
            default_path(&dir, profile, day, format)?
        }
    };
    let mut output = PrivateOutput::create(&path, store.path(), force)?;
    render(&report, format, output.writer())?;
    output.commit()?;
    Ok(path)
}

/// `write_report_with` for now, in the local time zone: what the TUI calls.
#[allow(clippy::too_many_arguments)]
pub fn write_report(
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
    support: &Support,
    since: Option<DateTime<Utc>>,
    format: Format,
    path: Option<&Path>,
    force: bool,
) -> ExportResult<PathBuf> {
    let options = ReportOptions {
        since,
        now: Utc::now(),
        zone: Zone::Local,
        support: support.clone(),
    };
    write_report_with(store, catalog, profile, &options, format, path, force)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn label(text: &str) -> FileLabel {
        FileLabel(text.to_string())
    }

    #[test]
    fn file_names_are_safe() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(
            file_name(&label("MRN-00123"), day, Format::Html, 1),
            "recap-report-mrn-00123-2026-11-03.html"
        );
        assert_eq!(
            file_name(&label("../../etc/passwd"), day, Format::Markdown, 2),
            "recap-report-etc-passwd-2026-11-03-2.md"
        );
        assert_eq!(
            file_name(&label("<script>&"), day, Format::Html, 1),
            "recap-report-script-2026-11-03.html"
        );
        assert_eq!(
            file_name(&label("Зоя"), day, Format::Html, 1),
            "recap-report-profile-2026-11-03.html"
        );
    }

    #[test]
    fn file_names_never_carry_the_full_name() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(
            file_name(&FileLabel::from("Client Alvarez"), day, Format::Html, 1),
            "recap-report-ca-2026-11-03.html"
        );
    }

    #[test]
    fn default_path_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let first = default_path(dir.path(), "Me", day, Format::Html).unwrap();
        std::fs::write(&first, "x").unwrap();
        let second = default_path(dir.path(), "Me", day, Format::Html).unwrap();
        assert_ne!(first, second);
        assert!(second.ends_with("recap-report-m-2026-11-03-2.html"));
    }
}
