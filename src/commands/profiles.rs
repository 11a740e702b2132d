//! `recap profiles list | add NAME [--client-id ID] | rename OLD NEW |
//! archive NAME | unarchive NAME | set NAME [--client-id ID|--no-client-id]
//! [--skip ID] [--unskip ID] | delete NAME [--yes]`

use chrono::Utc;

use super::Context;
use super::confirm::{can_ask, confirm_typed};
use crate::cli::ProfilesCommand;
use crate::error::Result;
use crate::strings;

pub fn run(ctx: &Context, cmd: ProfilesCommand) -> Result<()> {
    let now = Utc::now();
    match cmd {
        ProfilesCommand::List { all } => {
            // Reading creates nothing: no file, no default profile.
            let Some(store) = ctx.existing_store()? else {
                say!("{}", strings::NO_PROFILES_YET);
                return Ok(());
            };
            let profiles = store.profiles(all)?;
            if store.profiles(true)?.is_empty() {
                say!("{}", strings::NO_PROFILES_YET);
            }
            for p in profiles {
                let created = p
                    .created_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d");
                let client = p
                    .client_id
                    .as_deref()
                    .map(|id| format!("client id {id}, "))
                    .unwrap_or_default();
                match p.archived_at {
                    Some(_) => say!("{}  ({client}added {created}, archived)", p.name),
                    None => say!("{}  ({client}added {created})", p.name),
                }
            }
        }
        ProfilesCommand::Add { name, client_id } => {
            let p = ctx
                .writable_store()?
                .add_profile_with(&name, client_id.as_deref(), now)?;
            match &p.client_id {
                Some(id) => say!("Added profile {:?} with client id {id}.", p.name),
                None => say!("Added profile {:?}.", p.name),
            }
        }
        ProfilesCommand::Rename { old, new } => {
            let p = ctx.writable_store()?.rename_profile(&old, &new)?;
            say!("Renamed {old:?} to {:?}.", p.name);
        }
        ProfilesCommand::Archive { name } => {
            let p = ctx.writable_store()?.archive_profile(&name, now)?;
            say!(
                "Archived {:?}. Its check-ins are kept; `recap profiles list --all` shows it, and `recap profiles unarchive` brings it back.",
                p.name
            );
        }
        ProfilesCommand::Unarchive { name } => {
            let store = ctx.writable_store()?;
            if store.require_profile(&name)?.archived_at.is_none() {
                say!("{name:?} is not archived; nothing was changed.");
                return Ok(());
            }
            let p = store.unarchive_profile(&name)?;
            say!("Brought back {:?}: it shows in lists again.", p.name);
        }
        ProfilesCommand::Set {
            name,
            client_id,
            no_client_id,
            skip,
            unskip,
        } => {
            if client_id.is_some() || no_client_id {
                let p = ctx
                    .writable_store()?
                    .set_client_id(&name, client_id.as_deref())?;
                match &p.client_id {
                    Some(id) => say!("{:?} now has the client id {id}.", p.name),
                    None => say!("{:?} has no client id now.", p.name),
                }
                if skip.is_empty() && unskip.is_empty() {
                    return Ok(());
                }
            }
            set(ctx, &name, &skip, &unskip, now)?
        }
        ProfilesCommand::Delete { name, yes } => delete(ctx, &name, yes)?,
    }
    Ok(())
}

/// Switches questionnaires off (`--skip`: never due for this profile, left
/// out of `recap due` and reminders) or back on; with neither, shows which
/// are off. Every id is checked before anything changes.
fn set(
    ctx: &Context,
    name: &str,
    skip: &[String],
    unskip: &[String],
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    let catalog = ctx.catalog();
    if skip.is_empty() && unskip.is_empty() {
        let Some((store, profile)) = ctx
            .existing_store()?
            .map(|s| s.require_profile(name).map(|p| (s, p)))
            .transpose()?
        else {
            say!("{}", strings::NO_PROFILES_YET);
            return Ok(());
        };
        let off = store.skipped_questionnaires(profile.id)?;
        if off.is_empty() {
            say!(
                "Nothing is switched off for {:?}: every questionnaire can be due. `recap profiles set NAME --skip ID` switches one off.",
                profile.name
            );
        } else {
            say!("Switched off for {:?}: {}", profile.name, off.join(", "));
        }
        return Ok(());
    }
    if let Some(both) = skip.iter().find(|id| unskip.contains(id)) {
        return Err(crate::error::Error::Input(format!(
            "{both:?} is both in --skip and --unskip; give it once"
        )));
    }
    let store = ctx.writable_store()?;
    let profile = store.require_profile(name)?;
    let off = store.skipped_questionnaires(profile.id)?;
    let unknown = |id: &&String| catalog.get(id).is_none() && !off.contains(id);
    if let Some(id) = skip.iter().chain(unskip).find(unknown) {
        return Err(crate::error::Error::Input(format!(
            "no questionnaire with id {id:?}; known: {}",
            catalog.ids().join(", ")
        )));
    }
    let title = |id: &str| {
        catalog
            .get(id)
            .map_or(id.to_string(), |l| l.instrument.short_title.clone())
    };
    for id in skip {
        if store.skip_questionnaire(profile.id, id, true, now)? {
            say!(
                "Switched {} off for {:?}: it is never due, and reminders leave it out.",
                title(id),
                profile.name
            );
        } else {
            say!(
                "{} was already switched off for {:?}.",
                title(id),
                profile.name
            );
        }
    }
    for id in unskip {
        if store.skip_questionnaire(profile.id, id, false, now)? {
            say!("Switched {} back on for {:?}.", title(id), profile.name);
        } else {
            say!("{} was not switched off for {:?}.", title(id), profile.name);
        }
    }
    Ok(())
}

fn delete(ctx: &Context, name: &str, yes: bool) -> Result<()> {
    let store = ctx.existing_store()?.ok_or_else(|| {
        crate::error::Error::Input(format!(
            "there is no data at {} yet, so no profile to delete",
            ctx.paths.db.display()
        ))
    })?;
    store.require_writable()?;
    let profile = store.require_profile(name)?;
    let (checkins, notes) = store.profile_usage(profile.id)?;
    let everything = format!(
        "{} and {}",
        strings::count(checkins, "check-in", "check-ins"),
        strings::count(notes, "note", "notes")
    );
    let export = format!(
        "To keep a copy first: recap export --format json --profile {:?} --out FILE",
        profile.name
    );
    if !yes && can_ask() {
        crate::termtext::eprint_line(&format!(
            "This erases the profile {:?} and everything of it ({everything}), for good.\n{export}",
            profile.name
        ));
    }
    let what = format!(
        "delete the profile {:?} and everything of it ({everything}) for good; to keep a copy, export it first (recap export --format json --profile {:?} --out FILE)",
        profile.name, profile.name
    );
    if !confirm_typed(&what, &profile.name, yes)? {
        say!("The name did not match; nothing was changed.");
        return Ok(());
    }
    store.delete_profile(&profile.name)?;
    say!("Deleted the profile {:?} with {everything}.", profile.name);
    Ok(())
}
