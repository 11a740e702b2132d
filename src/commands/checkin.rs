//! `recap` (the full-screen app) and `recap check-in [ID]` in either the
//! full-screen app or the line-by-line `--plain` mode (also where there is
//! no usable terminal, e.g. `TERM=dumb`). Both offer the same profile
//! picker when several people use the file and none is named.

use std::io::{BufRead, Write};

use chrono::Utc;

use super::Context;
use crate::checkin::CheckIn;
use crate::error::{Error, Result};
use crate::instrument::Catalog;
use crate::plain::{PlainOptions, run_plain};
use crate::store::{Profile, Store};
use crate::timefmt::Zone;
use crate::tui::app::App;
use crate::tui::theme::Theme;

fn known(catalog: &Catalog, id: &str) -> Result<()> {
    match catalog.get(id) {
        Some(_) => Ok(()),
        None => Err(Error::Input(format!(
            "no questionnaire with id {id:?}; known: {}",
            catalog.ids().join(", ")
        ))),
    }
}

/// Whether "alone or with a counselor?" may be asked (config.toml's
/// `[check_in] ask_with_counselor`; a file that cannot be read was already
/// reported by `Context::config`).
fn ask_with_counselor(ctx: &Context) -> bool {
    crate::config::Config::load(&ctx.paths.config_file()).map_or(true, |c| c.ask_with_counselor)
}

/// What the full-screen app takes from config.toml: the warning when it
/// could not be used, whether to ask about a counselor, how the picker
/// opens, and how notes written there start and whose they are.
pub fn set_from_config(app: &mut App, ctx: &Context, config: super::ConfigInUse) {
    app.ctx.notes_default = config.notes_default();
    app.ctx.note_author = config.counselor_name().map(str::to_string);
    app.ctx.picker = config.picker;
    app.ctx.config_warning = config.warning;
    app.ctx.ask_counselor = ask_with_counselor(ctx);
}

/// Opens the full-screen app, optionally straight into a check-in; the
/// line-by-line mode where the terminal cannot show it.
pub fn run_tui(ctx: &Context, questionnaire: Option<&str>) -> Result<()> {
    if !crate::tui::usable() {
        return run_plain_mode(ctx, questionnaire);
    }
    let catalog = Catalog::load_cached(
        Some(&ctx.paths.questionnaires_dir()),
        &ctx.paths.questionnaire_cache(),
    );
    if let Some(id) = questionnaire {
        known(&catalog, id)?;
    }
    let config = ctx.config();
    let theme = Theme::new(ctx.color());
    let db = &ctx.paths.db;
    // An encrypted file and no passphrase file: the lock screen first.
    if crate::store::cipher::is_encrypted(db) && ctx.global.passphrase_file.is_none() {
        let support = config.support.clone();
        let farewell = crate::tui::run_after_unlock(
            theme,
            &support,
            |key| match Store::open_keyed(db, Some(key)) {
                Ok(store) => Ok(Some(store)),
                Err(crate::store::StoreError::WrongPassphrase(_)) => Ok(None),
                Err(e) => Err(e.into()),
            },
            |store| build_app(ctx, store, catalog, config, questionnaire),
        )?;
        if let Some(farewell) = farewell {
            say!("{farewell}");
        }
        return Ok(());
    }
    let store = ctx.store()?;
    let app = build_app(ctx, store, catalog, config, questionnaire)?;
    if let Some(farewell) = crate::tui::run(app)? {
        say!("{farewell}");
    }
    Ok(())
}

/// The app on the person's home (or the picker, or straight into a check-in).
fn build_app(
    ctx: &Context,
    store: Store,
    catalog: Catalog,
    config: super::ConfigInUse,
    questionnaire: Option<&str>,
) -> Result<App> {
    let now = Utc::now();
    // Several people and none named: open on the picker (it shows no scores).
    let active = store.profiles(false)?;
    let picker = ctx.global.profile.is_none() && active.len() > 1;
    let profile = match (&ctx.global.profile, active.first()) {
        (None, Some(first)) if picker => {
            if questionnaire.is_some() {
                return Err(Error::Input(crate::strings::SEVERAL_PROFILES.into()));
            }
            first.clone()
        }
        (name, _) => store.resolve_profile(name.as_deref(), now)?,
    };
    let mut app = App::new(
        store,
        catalog,
        config.support.clone(),
        profile,
        Theme::new(ctx.color()),
        Zone::Local,
        now,
    )?;
    app.ctx.network_review_days = config.network.review_days;
    app.lock_after = config.lock_after;
    set_from_config(&mut app, ctx, config);
    if picker {
        app.show_profiles()?;
    } else if ctx.global.profile.is_some() {
        // Started for one client: pinned to them until the session is ended.
        app.pin();
    }
    if let Some(id) = questionnaire {
        app.check_in(id)?;
    }
    Ok(app)
}

/// Asks which questionnaire to do, unfinished ones first.
fn choose<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    store: &Store,
    catalog: &Catalog,
    profile: &Profile,
) -> Result<Option<String>> {
    let unfinished = store.unfinished_sessions(profile.id)?;
    let mut choices: Vec<(String, String)> = Vec::new();
    for s in &unfinished {
        let title = catalog
            .get(&s.questionnaire_id)
            .map_or(s.questionnaire_id.clone(), |l| {
                l.instrument.short_title.clone()
            });
        let answered = store.answers(&s.id)?.len();
        choices.push((
            s.questionnaire_id.clone(),
            format!("{title} (unfinished, {answered} answered: continue it)"),
        ));
    }
    for l in catalog.iter() {
        if !unfinished
            .iter()
            .any(|s| s.questionnaire_id == l.instrument.id)
        {
            choices.push((l.instrument.id.clone(), l.instrument.title.clone()));
        }
    }
    writeln!(out, "Which check-in would you like to do?")?;
    for (i, (_, label)) in choices.iter().enumerate() {
        writeln!(out, "  {}) {label}", i + 1)?;
    }
    Ok(ask_number(input, out, choices.len())?
        .and_then(|i| choices.get(i).map(|(id, _)| id.clone())))
}

/// Asks for a number from 1 to `count` until one is typed; the 0-based
/// index, or None on q or the end of input (which ends the prompt's line).
fn ask_number<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    count: usize,
) -> Result<Option<usize>> {
    loop {
        write!(out, "Type a number (q to leave): ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(None);
        }
        let line = line.trim();
        if line.eq_ignore_ascii_case("q") {
            return Ok(None);
        }
        match line.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
            Some(i) if i < count => return Ok(Some(i)),
            _ => writeln!(out, "Please type a number from 1 to {count}.")?,
        }
    }
}

/// Asks who is checking in, as the full-screen picker does: by default
/// the person types two or more letters of a name, the initials or a client
/// id and only those who match are listed (`caseload::find`); "list" (or
/// `picker = "list"` in config.toml) lists everyone with their last
/// check-in and what is due, never a score (`trends::people`).
fn pick_person<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    store: &Store,
    catalog: &Catalog,
    list_all: bool,
) -> Result<Option<Profile>> {
    let rows = crate::trends::people::people(store, catalog, Utc::now())?;
    writeln!(out, "{}", crate::strings::PROFILES_TITLE)?;
    if list_all {
        return list_people(input, out, &rows);
    }
    let profiles: Vec<Profile> = rows.iter().map(|r| r.profile.clone()).collect();
    loop {
        write!(out, "{}", crate::strings::PLAIN_FIND_PROMPT)?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(None);
        }
        let typed = line.trim();
        if typed.eq_ignore_ascii_case("q") {
            return Ok(None);
        }
        if typed.eq_ignore_ascii_case("list") {
            writeln!(out, "{}", crate::strings::LIST_REMINDER)?;
            return list_people(input, out, &rows);
        }
        if typed.chars().count() < crate::caseload::find::MIN_TYPED {
            writeln!(out, "{}", crate::strings::PLAIN_FIND_TOO_SHORT)?;
            continue;
        }
        let found = crate::caseload::find::find(&profiles, typed);
        if found.is_empty() {
            writeln!(out, "{}", crate::strings::PLAIN_FIND_NONE)?;
            continue;
        }
        for (i, p) in found.iter().enumerate() {
            match &p.client_id {
                Some(id) => writeln!(out, "  {}) {}  [{id}]", i + 1, p.name)?,
                None => writeln!(out, "  {}) {}", i + 1, p.name)?,
            }
        }
        return Ok(
            ask_number(input, out, found.len())?.and_then(|i| found.get(i).map(|p| (*p).clone()))
        );
    }
}

/// Everyone, with their last check-in and what is due; asks for a number.
fn list_people<R: BufRead, W: Write>(
    input: &mut R,
    out: &mut W,
    rows: &[crate::trends::people::PersonRow],
) -> Result<Option<Profile>> {
    let zone = Zone::Local;
    for (i, row) in rows.iter().enumerate() {
        let last = row
            .last_check_in
            .map_or_else(|| crate::strings::NEVER.to_string(), |t| zone.short_date(t));
        let due = if row.due.is_empty() {
            crate::strings::NOTHING_DUE.to_string()
        } else {
            format!("due: {}", row.due.join(", "))
        };
        writeln!(
            out,
            "  {}) {} (last check-in {last}; {due})",
            i + 1,
            row.profile.name
        )?;
    }
    Ok(ask_number(input, out, rows.len())?.and_then(|i| rows.get(i).map(|r| r.profile.clone())))
}

/// The line-by-line check-in on standard input and output.
pub fn run_plain_mode(ctx: &Context, questionnaire: Option<&str>) -> Result<()> {
    let catalog = ctx.catalog();
    if let Some(id) = questionnaire {
        known(&catalog, id)?;
    }
    let config = ctx.config();
    let store = ctx.store()?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    // Text for people: cleaned for the terminal (`termtext`).
    let mut out = crate::termtext::text_stdout();
    // Several people and none named: the line-mode app offers the same picker
    // as the full-screen one; a scripted `check-in ID` from a pipe is told to
    // name the person instead (it never prints everyone's name unasked).
    let several = ctx.global.profile.is_none() && store.profiles(false)?.len() > 1;
    if several && questionnaire.is_some() && !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(Error::Input(crate::strings::SEVERAL_PROFILES.into()));
    }
    let profile = if several {
        let list_all = config.picker == crate::config::Picker::List;
        match pick_person(&mut input, &mut out, &store, &catalog, list_all)? {
            Some(p) => p,
            None => return Ok(()),
        }
    } else {
        store.resolve_profile(ctx.global.profile.as_deref(), Utc::now())?
    };
    let id = match questionnaire {
        Some(id) => id.to_string(),
        None => match choose(&mut input, &mut out, &store, &catalog, &profile)? {
            Some(id) => id,
            None => return Ok(()),
        },
    };
    let unfinished = store
        .unfinished_sessions(profile.id)?
        .into_iter()
        .find(|s| s.questionnaire_id == id);
    let session = match unfinished {
        Some(s) => s,
        None => {
            let loaded = catalog
                .get(&id)
                .ok_or_else(|| Error::Input(format!("no questionnaire with id {id:?}")))?;
            // A person at a terminal is asked where a counselor is
            // plausible, as in the full-screen app; a script keeps the
            // profile's usual answer.
            let ask = std::io::IsTerminal::is_terminal(&std::io::stdin())
                && ask_with_counselor(ctx)
                && store.counselor_plausible(&profile)?;
            let with_counselor = if ask {
                match crate::plain::ask_with_counselor(
                    &mut input,
                    &mut out,
                    profile.counselor_default,
                )? {
                    Some(with) => with,
                    None => return Ok(()),
                }
            } else {
                profile.counselor_default
            };
            if with_counselor != profile.counselor_default {
                store.set_counselor_default(profile.id, with_counselor)?;
            }
            store.start_session(profile.id, loaded, with_counselor, Utc::now())?
        }
    };
    let instrument = (*store.snapshot_instrument(&session.snapshot_hash)?).clone();
    let answers = store.answers(&session.id)?;
    let mut machine = CheckIn::new(instrument, answers);
    let results = |_: &CheckIn| -> Result<crate::outcome::Outcome> {
        crate::outcome::for_session(&store, &session.id, &config.support)?
            .ok_or_else(|| Error::Runtime(crate::strings::CHECK_IN_NOT_FOUND.into()))
    };
    let options = PlainOptions {
        resume_command: crate::strings::resume_command(&id),
        support: &config.support,
        results: &results,
    };
    let mut apply = |effect: &crate::checkin::Effect| -> Result<()> {
        Ok(crate::recording::apply(
            &store,
            &session.id,
            effect,
            Utc::now(),
        )?)
    };
    let ended = run_plain(&mut input, &mut out, &mut machine, &mut apply, &options)?;
    // A weekly check-in ends with the review of steps (after its results,
    // so any support message comes first).
    if matches!(ended, crate::plain::PlainOutcome::Submitted(_))
        && machine.instrument().due_days.is_some_and(|d| d <= 7)
        && let Some(mut review) = crate::plan::review::Review::new(&store.active_goals(profile.id)?)
    {
        let mut keep = |r: crate::store::StepReview| -> Result<()> {
            Ok(store.review_steps(Some(&session.id), &[r], Utc::now())?)
        };
        crate::plan::lines::review_lines(&mut input, &mut out, &mut review, &mut keep)?;
    }
    Ok(())
}
