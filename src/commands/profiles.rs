//! `recap profiles list | add NAME | rename OLD NEW | archive NAME`

use chrono::Utc;

use super::Context;
use crate::cli::ProfilesCommand;
use crate::error::Result;

pub fn run(ctx: &Context, cmd: ProfilesCommand) -> Result<()> {
    let store = ctx.store()?;
    let now = Utc::now();
    match cmd {
        ProfilesCommand::List { all } => {
            // First run: make sure the default profile exists before listing.
            if store.profiles(true)?.is_empty() {
                store.default_profile(now)?;
            }
            for p in store.profiles(all)? {
                let created = p
                    .created_at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d");
                match p.archived_at {
                    Some(_) => say!("{}  (added {created}, archived)", p.name),
                    None => say!("{}  (added {created})", p.name),
                }
            }
        }
        ProfilesCommand::Add { name } => {
            let p = store.add_profile(&name, now)?;
            say!("Added profile {:?}.", p.name);
        }
        ProfilesCommand::Rename { old, new } => {
            let p = store.rename_profile(&old, &new)?;
            say!("Renamed {old:?} to {:?}.", p.name);
        }
        ProfilesCommand::Archive { name } => {
            let p = store.archive_profile(&name, now)?;
            say!(
                "Archived {:?}. Its check-ins are kept; `recap profiles list --all` shows it.",
                p.name
            );
        }
    }
    Ok(())
}
