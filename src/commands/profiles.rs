//! `recap profiles list | add NAME [--client-id ID] | set NAME --client-id
//! ID|--no-client-id | rename OLD NEW | archive NAME | unarchive NAME |
//! delete NAME [--yes]`

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
        ProfilesCommand::Set {
            name,
            client_id,
            no_client_id: _,
        } => {
            let p = ctx
                .writable_store()?
                .set_client_id(&name, client_id.as_deref())?;
            match &p.client_id {
                Some(id) => say!("{:?} now has the client id {id}.", p.name),
                None => say!("{:?} has no client id now.", p.name),
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
        ProfilesCommand::Delete { name, yes } => delete(ctx, &name, yes)?,
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
