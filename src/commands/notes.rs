//! `recap notes list [--json] | add [--about CHECKIN] TEXT|- | edit ID
//! TEXT|- | delete ID [--yes]`: a profile's notes from the command line.

use chrono::Utc;
use serde_json::json;

use super::Context;
use super::confirm::{confirm, text_argument};
use super::history::{describe, local_time, short_id};
use crate::cli::NotesCommand;
use crate::error::{Error, Result};
use crate::store::{Profile, Store};
use crate::strings;

pub fn run(ctx: &Context, cmd: NotesCommand) -> Result<()> {
    match cmd {
        NotesCommand::List { json } => list(ctx, json),
        NotesCommand::Add { about, text } => add(ctx, about.as_deref(), &text),
        NotesCommand::Edit { id, text } => edit(ctx, &id, &text),
        NotesCommand::Delete { id, yes } => delete(ctx, &id, yes),
    }
}

fn list(ctx: &Context, as_json: bool) -> Result<()> {
    let Some((store, profile)) = ctx.reading()? else {
        if as_json {
            return super::write_data("[]\n");
        }
        say!("{}", strings::NO_NOTES_YET);
        return Ok(());
    };
    let notes = store.notes(profile.id)?;
    if as_json {
        let entries: Vec<_> = notes
            .iter()
            .map(|n| {
                json!({
                    "id": n.id,
                    "created_at": crate::store::timestamp(n.created_at),
                    "updated_at": crate::store::timestamp(n.updated_at),
                    "about": n.session_id,
                    "body": n.body,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&entries)
            .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
        return super::write_data(&format!("{text}\n"));
    }
    if notes.is_empty() {
        say!("{}", strings::NO_NOTES_YET);
        return Ok(());
    }
    say!("Notes of {}, newest first:", profile.name);
    for n in &notes {
        let mut heading = format!("{}  {}", short_id(&n.id), local_time(n.created_at));
        if n.updated_at != n.created_at {
            heading.push_str(&format!("  (edited {})", local_time(n.updated_at)));
        }
        if let Some(session) = n
            .session_id
            .as_deref()
            .map(|id| store.session(id))
            .transpose()?
            .flatten()
        {
            heading.push_str(&format!("  about {}", describe(&store, &session)));
        }
        say!("{heading}");
        for line in n.body.lines() {
            say!("    {line}");
        }
    }
    Ok(())
}

/// The database and profile to write a note for (created on first use).
fn writing(ctx: &Context) -> Result<(Store, Profile)> {
    let store = ctx.writable_store()?;
    let profile = store.resolve_profile(ctx.global.profile.as_deref(), Utc::now())?;
    Ok((store, profile))
}

/// The database and profile of existing notes (nothing is created).
fn existing(ctx: &Context) -> Result<(Store, Profile)> {
    let (store, profile) = ctx.reading()?.ok_or_else(|| {
        Error::Input(format!(
            "there is no data at {} yet, so no note to change",
            ctx.paths.db.display()
        ))
    })?;
    store.require_writable()?;
    Ok((store, profile))
}

fn add(ctx: &Context, about: Option<&str>, text: &str) -> Result<()> {
    let body = text_argument(text)?;
    if body.trim().is_empty() {
        return Err(Error::Input(
            "a note cannot be empty; nothing was changed".into(),
        ));
    }
    let (store, profile) = writing(ctx)?;
    let session = about
        .map(|typed| store.resolve_checkin(typed, Some(profile.id)))
        .transpose()?;
    let note = store.add_note(
        profile.id,
        session.as_ref().map(|s| s.id.as_str()),
        &body,
        Utc::now(),
    )?;
    match &session {
        Some(s) => say!(
            "Added note {} for {} about {}.",
            short_id(&note.id),
            profile.name,
            describe(&store, s)
        ),
        None => say!("Added note {} for {}.", short_id(&note.id), profile.name),
    }
    Ok(())
}

fn edit(ctx: &Context, id: &str, text: &str) -> Result<()> {
    let body = text_argument(text)?;
    let (store, profile) = existing(ctx)?;
    let note = store.resolve_note(id, Some(profile.id))?;
    store.update_note(&note.id, &body, Utc::now())?;
    say!("Changed note {}.", short_id(&note.id));
    Ok(())
}

fn delete(ctx: &Context, id: &str, yes: bool) -> Result<()> {
    let (store, profile) = existing(ctx)?;
    let note = store.resolve_note(id, Some(profile.id))?;
    let first_line = note.body.lines().next().unwrap_or_default();
    let preview: String = first_line.chars().take(60).collect();
    let what = format!(
        "the note {} of {} (\u{201c}{preview}{}\u{201d})",
        short_id(&note.id),
        local_time(note.created_at),
        if preview.len() < note.body.trim_end().len() {
            "…"
        } else {
            ""
        }
    );
    if !confirm(
        &format!("delete {what}"),
        &format!("Delete {what} for good?"),
        yes,
    )? {
        say!("{}", strings::NOTHING_CHANGED);
        return Ok(());
    }
    store.delete_note(&note.id)?;
    say!("Deleted note {}.", short_id(&note.id));
    Ok(())
}
