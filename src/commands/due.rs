//! `recap due [--json] [--all-profiles] [--notify]`: what is due for the
//! current profile or every active one, on the person's calendar. Names,
//! titles and dates only, never a score or an answer; reads only, and
//! creates nothing.

use chrono::Utc;
use serde::Serialize;

use super::Context;
use crate::cli::DueArgs;
use crate::due::{DueItem, words};
use crate::error::{Error, Result};
use crate::timefmt::Zone;

/// One profile's list.
struct ProfileDue {
    name: String,
    items: Vec<DueItem>,
}

pub fn run(ctx: &Context, args: &DueArgs) -> Result<()> {
    if args.all_profiles && ctx.global.profile.is_some() {
        return Err(Error::Input(
            "--all-profiles lists every profile: leave out --profile, or --all-profiles".into(),
        ));
    }
    let catalog = ctx.catalog();
    let now = Utc::now();
    // Reading creates nothing: no file, no default profile.
    let Some(store) = ctx.existing_store()? else {
        return no_data(ctx, args);
    };
    let profiles = if args.all_profiles {
        store.profiles(false)?
    } else {
        store
            .find_profile(ctx.global.profile.as_deref())?
            .into_iter()
            .collect()
    };
    if profiles.is_empty() {
        return no_data(ctx, args);
    }
    let review_days = ctx.config().network.review_days;
    let mut lists = Vec::new();
    for p in profiles {
        let mut items = crate::due::for_profile(&store, &catalog, p.id, Zone::Local, now)?;
        items.extend(crate::due::network_review(
            &store,
            p.id,
            review_days,
            Zone::Local,
            now,
        )?);
        lists.push(ProfileDue {
            items,
            name: p.name,
        });
    }
    if args.notify {
        notify(&lists);
        Ok(())
    } else if args.json {
        json(&lists, args.all_profiles)
    } else {
        text(&lists, args.all_profiles)
    }
}

fn no_data(ctx: &Context, args: &DueArgs) -> Result<()> {
    if args.notify {
        return Ok(());
    }
    let message = format!(
        "There is no data yet at {}, so nothing is due. `recap` starts a first check-in.",
        ctx.paths.db.display()
    );
    if args.json {
        crate::termtext::eprint_line(&format!("recap: {message}"));
        return super::write_data("[]\n");
    }
    say!("{message}");
    Ok(())
}

/// The notification when anything is due; without a notification service,
/// one line on standard error (and still exit 0: a schedule has no one to
/// tell otherwise).
fn notify(lists: &[ProfileDue]) {
    if !lists.iter().flat_map(|l| &l.items).any(DueItem::is_due) {
        return;
    }
    if let Err(why) = crate::reminders::notify::show() {
        crate::termtext::eprint_line(&format!(
            "recap: a check-in is due, but no desktop notification could be shown (no notification service here: {why})"
        ));
    }
}

#[derive(Serialize)]
struct Row<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a str>,
    id: &'a str,
    title: &'a str,
    every_days: Option<u32>,
    last_done: Option<String>,
    due_on: Option<String>,
    due: bool,
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn json(lists: &[ProfileDue], with_profile: bool) -> Result<()> {
    let rows: Vec<Row<'_>> = lists
        .iter()
        .flat_map(|l| l.items.iter().map(move |i| (l, i)))
        .filter(|(_, i)| !i.switched_off)
        .map(|(l, i)| Row {
            profile: with_profile.then_some(l.name.as_str()),
            id: &i.questionnaire_id,
            title: &i.title,
            every_days: i.every_days,
            last_done: i.last_done.map(iso),
            due_on: i.due_on().map(iso),
            due: i.is_due(),
        })
        .collect();
    let text = serde_json::to_string_pretty(&rows)
        .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
    super::write_data(&format!("{text}\n"))
}

/// The order of the text list: due first (the longest overdue first, then
/// those never done), then what comes next by date, then the rest.
fn urgency(i: &DueItem) -> (u8, Option<chrono::NaiveDate>) {
    match (i.is_due(), i.due_on()) {
        (true, Some(on)) => (0, Some(on)),
        (true, None) => (1, None),
        (false, Some(on)) => (2, Some(on)),
        (false, None) => (3, None),
    }
}

fn text(lists: &[ProfileDue], with_profile: bool) -> Result<()> {
    let indent = if with_profile { "  " } else { "" };
    for (n, list) in lists.iter().enumerate() {
        if with_profile {
            if n > 0 {
                say!("");
            }
            say!("{}", list.name);
        }
        let mut shown: Vec<&DueItem> = list.items.iter().filter(|i| !i.switched_off).collect();
        shown.sort_by_key(|i| urgency(i));
        let width = shown
            .iter()
            .map(|i| i.title.chars().count())
            .max()
            .unwrap_or(0);
        let when_width = shown
            .iter()
            .map(|i| words::short(i).chars().count())
            .max()
            .unwrap_or(0);
        for i in &shown {
            let last = i
                .last_done
                .map(|d| format!("last done {}", words::day(d, i.today)))
                .unwrap_or_default();
            let line = format!(
                "{indent}{:width$}  {:when_width$}  {last}",
                i.title,
                words::short(i)
            );
            say!("{}", line.trim_end());
        }
        if !shown.iter().any(|i| i.is_due()) {
            say!("{indent}Nothing is due.");
        }
        let off: Vec<&str> = list
            .items
            .iter()
            .filter(|i| i.switched_off)
            .map(|i| i.title.as_str())
            .collect();
        if !off.is_empty() {
            say!("{indent}Switched off: {}", off.join(", "));
        }
    }
    Ok(())
}
