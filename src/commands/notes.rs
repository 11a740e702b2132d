//! `recap notes list [--json] | add [--about CHECKIN] [--shared|--private]
//! TEXT|- | edit ID [--shared|--private] [TEXT|-] | delete ID [--yes]`: a
//! profile's notes from the command line, private or shared, with their
//! author (the counselor in config.toml) and history.

use chrono::Utc;
use serde_json::json;

use super::Context;
use super::confirm::{confirm, text_argument};
use super::history::{describe, local_time, short_id};
use crate::cli::NotesCommand;
use crate::error::{Error, Result};
use crate::store::{Profile, Store, Visibility};
use crate::strings;

pub fn run(ctx: &Context, cmd: NotesCommand) -> Result<()> {
    match cmd {
        NotesCommand::List { json } => list(ctx, json),
        NotesCommand::Add {
            about,
            shared,
            private,
            text,
        } => add(ctx, about.as_deref(), chosen(shared, private), &text),
        NotesCommand::Edit {
            id,
            shared,
            private,
            text,
        } => edit(ctx, &id, chosen(shared, private), text.as_deref()),
        NotesCommand::Delete { id, yes } => delete(ctx, &id, yes),
    }
}

/// The visibility asked for with --shared / --private, if any.
fn chosen(shared: bool, private: bool) -> Option<Visibility> {
    match (shared, private) {
        (true, _) => Some(Visibility::Shared),
        (_, true) => Some(Visibility::Private),
        _ => None,
    }
}

/// "private" / "shared", and the author when known.
fn marks(n: &crate::store::Note) -> String {
    match &n.author {
        Some(a) => format!("{}, by {a}", n.visibility.as_str()),
        None => n.visibility.as_str().to_string(),
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
        let mut entries = Vec::with_capacity(notes.len());
        for n in &notes {
            let history: Vec<_> = store
                .note_history(&n.id)?
                .into_iter()
                .map(|h| {
                    json!({
                        "kind": h.kind.as_str(),
                        "changed_at": crate::store::timestamp(h.changed_at),
                        "changed_by": h.changed_by,
                        "body_before": h.body_before,
                        "visibility_before": h.visibility_before.as_str(),
                    })
                })
                .collect();
            entries.push(json!({
                "id": n.id,
                "created_at": crate::store::timestamp(n.created_at),
                "updated_at": crate::store::timestamp(n.updated_at),
                "about": n.session_id,
                "visibility": n.visibility.as_str(),
                "author": n.author,
                "history": history,
                "body": n.body,
            }));
        }
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
        let mut heading = format!(
            "{}  {}  ({})",
            short_id(&n.id),
            local_time(n.created_at),
            marks(n)
        );
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

fn add(ctx: &Context, about: Option<&str>, asked: Option<Visibility>, text: &str) -> Result<()> {
    let body = text_argument(text)?;
    if body.trim().is_empty() {
        return Err(Error::Input(
            "a note cannot be empty; nothing was changed".into(),
        ));
    }
    let config = ctx.config();
    let meta = crate::store::NoteMeta {
        visibility: asked.unwrap_or_else(|| config.notes_default()),
        author: config.counselor_name().map(str::to_string),
    };
    let (store, profile) = writing(ctx)?;
    let session = about
        .map(|typed| store.resolve_checkin(typed, Some(profile.id)))
        .transpose()?;
    let note = store.add_note_as(
        profile.id,
        session.as_ref().map(|s| s.id.as_str()),
        &body,
        &meta,
        Utc::now(),
    )?;
    let kept = strings::note_kept(note.visibility);
    match &session {
        Some(s) => say!(
            "Added note {} for {} about {} ({kept}).",
            short_id(&note.id),
            profile.name,
            describe(&store, s)
        ),
        None => say!(
            "Added note {} for {} ({kept}).",
            short_id(&note.id),
            profile.name
        ),
    }
    Ok(())
}

fn edit(ctx: &Context, id: &str, asked: Option<Visibility>, text: Option<&str>) -> Result<()> {
    let body = text.map(text_argument).transpose()?;
    let config = ctx.config();
    let by = config.counselor_name();
    let (store, profile) = existing(ctx)?;
    let note = store.resolve_note(id, Some(profile.id))?;
    let now = Utc::now();
    if let Some(body) = &body {
        store.update_note_as(&note.id, body, by, now)?;
        say!(
            "Changed note {}; the text before is kept in its history.",
            short_id(&note.id)
        );
    }
    if let Some(visibility) = asked {
        let changed = store.set_note_visibility(&note.id, visibility, by, now)?;
        say!(
            "Note {} is {}.",
            short_id(&note.id),
            strings::note_kept(changed.visibility)
        );
    }
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
        &format!(
            "Delete {what}? It leaves lists, reports and exports; its deletion is kept in its history."
        ),
        yes,
    )? {
        say!("{}", strings::NOTHING_CHANGED);
        return Ok(());
    }
    let config = ctx.config();
    store.delete_note_as(&note.id, config.counselor_name(), Utc::now())?;
    say!("Deleted note {}.", short_id(&note.id));
    Ok(())
}
