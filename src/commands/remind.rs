//! `recap remind install [--at WHEN] [--dry-run] | status | remove`: a
//! schedule of the person's own that runs `recap due --notify`
//! (`reminders`). Prints each step as it is done.

use super::Context;
use super::confirm::{can_ask, confirm};
use crate::cli::{RemindCommand, SchedulerArg};
use crate::error::{Error, Result};
use crate::reminders::install::{self, Install};
use crate::reminders::{Job, JobSpec, Places, Scheduler, When};

fn print(line: String) {
    // A closed output is no reason to stop half-way through a change.
    let _ = super::write_out(format_args!("{line}\n"));
}

fn chosen(arg: SchedulerArg) -> Option<Scheduler> {
    match arg {
        SchedulerArg::Auto => None,
        SchedulerArg::Systemd => Some(Scheduler::Systemd),
        SchedulerArg::Cron => Some(Scheduler::Cron),
        SchedulerArg::Launchd => Some(Scheduler::Launchd),
        SchedulerArg::TaskScheduler => Some(Scheduler::TaskScheduler),
    }
}

pub fn run(ctx: &Context, cmd: RemindCommand) -> Result<()> {
    let places = Places::from_env();
    match cmd {
        RemindCommand::Install {
            at,
            dry_run,
            all_profiles,
            scheduler,
            yes,
        } => {
            let when = match at {
                Some(text) => When::parse(&text).map_err(Error::Input)?,
                None => When::default(),
            };
            let job = job(ctx, all_profiles)?;
            let scheduler = chosen(scheduler).unwrap_or_else(Scheduler::detect);
            let mut ask = |what: &str| -> Result<bool> {
                if yes {
                    Ok(true)
                } else if can_ask() {
                    confirm(what, "Add this line to your crontab?", false)
                } else {
                    Ok(false)
                }
            };
            let on = install::install(
                scheduler,
                &places,
                &Install {
                    job: &job,
                    at: when,
                    dry_run,
                },
                &mut ask,
                &mut print,
            )?;
            if dry_run {
                say!("Nothing was changed (--dry-run).");
            } else if on {
                say!(
                    "Reminders are on: {}, recap looks at what is due and, when something is, shows \"{}\". `recap remind status` shows them; `recap remind remove` takes them away.",
                    when.words(),
                    crate::reminders::notify::TEXT
                );
            }
        }
        RemindCommand::Status { scheduler } => {
            let all = chosen(scheduler).map_or_else(Scheduler::all_here, |s| vec![s]);
            if !install::status(&all, &places, &mut print)? {
                say!("No reminder is set up. `recap remind install` sets one up.");
            }
        }
        RemindCommand::Remove { dry_run, scheduler } => {
            let all = chosen(scheduler).map_or_else(Scheduler::all_here, |s| vec![s]);
            if !install::remove(&all, &places, dry_run, &mut print)? {
                say!("There was no reminder to take away; nothing was changed.");
            } else if dry_run {
                say!("Nothing was changed (--dry-run).");
            } else {
                say!("The reminder is taken away.");
            }
        }
    }
    Ok(())
}

/// What the schedule runs: this recap by its absolute path, with the
/// database when it is not the default one, the profile chosen, and the
/// configuration folder when one is set.
fn job(ctx: &Context, all_profiles: bool) -> Result<Job> {
    if all_profiles && ctx.global.profile.is_some() {
        return Err(Error::Input(
            "--all-profiles reminds about every profile: leave out --profile, or --all-profiles"
                .into(),
        ));
    }
    let mut profile = ctx.global.profile.clone();
    // When there is data, the reminder must know whose check-ins it is about.
    if let Some(store) = ctx.existing_store()? {
        match &profile {
            Some(name) => profile = Some(store.require_profile(name)?.name),
            None if !all_profiles => {
                let active = store.profiles(false)?;
                // Names no one (a client may see the screen).
                if active.len() > 1 {
                    return Err(Error::Input(
                        "there is more than one profile; choose whose check-ins to be reminded of with --profile NAME (`recap profiles list` lists them), or --all-profiles"
                            .into(),
                    ));
                }
            }
            None => {}
        }
    }
    let default_db = crate::paths::Paths::resolve(None).ok().map(|p| p.db);
    let db = (default_db.as_ref() != Some(&ctx.paths.db)).then(|| ctx.paths.db.clone());
    let program = std::env::current_exe()
        .map_err(|e| Error::Runtime(format!("cannot find where this recap is installed: {e}")))?;
    Job::new(&JobSpec {
        program,
        db,
        profile,
        all_profiles,
        config_dir: std::env::var_os("RECAP_CONFIG_DIR")
            .filter(|v| !v.is_empty())
            .map(Into::into),
    })
    .map_err(Error::Input)
}
