//! `recap delete CHECKIN [--yes]` and `recap trash list [--json] | restore
//! CHECKIN | empty [--yes]`: check-ins go to the trash and come back; only
//! emptying the trash erases. `trash restore` also brings back a set-aside
//! check-in, unfinished again.

use chrono::Utc;
use serde_json::json;

use super::Context;
use super::confirm::confirm;
use super::history::{describe, local_date, local_time, short_id};
use crate::cli::TrashCommand;
use crate::error::{Error, Result};
use crate::store::{Restored, Store};
use crate::strings;

/// The profile `--profile` names (its id), if any: check-in ids are looked
/// up in it only.
fn scope(ctx: &Context, store: &Store) -> Result<Option<i64>> {
    match ctx.global.profile.as_deref() {
        Some(name) => Ok(Some(store.require_profile(name)?.id)),
        None => Ok(None),
    }
}

/// An existing database to change, or the plain fact that there is none
/// (nothing is created).
fn existing_writable(ctx: &Context, what: &str) -> Result<Store> {
    let store = ctx.existing_store()?.ok_or_else(|| {
        Error::Input(format!(
            "there is no data at {} yet, so no check-in to {what}",
            ctx.paths.db.display()
        ))
    })?;
    store.require_writable()?;
    Ok(store)
}

pub fn delete(ctx: &Context, checkin: &str, yes: bool) -> Result<()> {
    let store = existing_writable(ctx, "delete")?;
    let session = store.resolve_checkin(checkin, scope(ctx, &store)?)?;
    if session.deleted_at.is_some() {
        return Err(Error::Input(format!(
            "{} is already in the trash",
            describe(&store, &session)
        )));
    }
    let what = describe(&store, &session);
    if !confirm(
        &format!("move {what} to the trash"),
        &format!("Move {what} to the trash?"),
        yes,
    )? {
        say!("{}", strings::NOTHING_CHANGED);
        return Ok(());
    }
    store.trash_session(&session.id, Utc::now())?;
    say!(
        "Moved {what} to the trash. Bring it back with: recap trash restore {}",
        short_id(&session.id)
    );
    Ok(())
}

pub fn trash(ctx: &Context, cmd: TrashCommand) -> Result<()> {
    match cmd {
        TrashCommand::List { json } => list(ctx, json),
        TrashCommand::Restore { checkin } => restore(ctx, &checkin),
        TrashCommand::Empty { yes } => empty(ctx, yes),
    }
}

fn list(ctx: &Context, as_json: bool) -> Result<()> {
    let Some(store) = ctx.existing_store()? else {
        if as_json {
            return super::write_data("[]\n");
        }
        say!("{}", strings::TRASH_IS_EMPTY);
        return Ok(());
    };
    let trashed = store.trashed_sessions(scope(ctx, &store)?)?;
    let profile_name = |id: i64| -> Result<String> {
        Ok(store.profile_by_id(id)?.map(|p| p.name).unwrap_or_default())
    };
    if as_json {
        let mut entries = Vec::new();
        for s in &trashed {
            let title = store
                .snapshot_instrument(&s.snapshot_hash)
                .map(|i| i.short_title.clone())
                .unwrap_or_else(|_| s.questionnaire_id.clone());
            entries.push(json!({
                "id": s.id,
                "profile": profile_name(s.profile_id)?,
                "questionnaire": s.questionnaire_id,
                "title": title,
                "date": local_date(s.when()),
                "status": s.state().words(),
                "restores_as": s.status.words(),
                "deleted_at": s.deleted_at.map(crate::store::timestamp),
            }));
        }
        let text = serde_json::to_string_pretty(&entries)
            .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
        return super::write_data(&format!("{text}\n"));
    }
    if trashed.is_empty() {
        say!("{}", strings::TRASH_IS_EMPTY);
        return Ok(());
    }
    say!("In the trash, most recently deleted first:");
    for s in &trashed {
        let title = store
            .snapshot_instrument(&s.snapshot_hash)
            .map(|i| i.short_title.clone())
            .unwrap_or_else(|_| s.questionnaire_id.clone());
        let before = s.status.words();
        say!(
            "{}  {}  {title}  {before}  deleted {}  ({})",
            short_id(&s.id),
            local_time(s.when()),
            s.deleted_at.map(local_time).unwrap_or_default(),
            profile_name(s.profile_id)?
        );
    }
    say!("Restore one with: recap trash restore ID. Erase them for good with: recap trash empty");
    Ok(())
}

fn restore(ctx: &Context, checkin: &str) -> Result<()> {
    let store = existing_writable(ctx, "restore")?;
    let session = store.resolve_checkin(checkin, scope(ctx, &store)?)?;
    let (session, how) = store.restore_session(&session.id)?;
    let what = describe(&store, &session);
    match how {
        Restored::FromTrash => say!(
            "Restored {what}: it is {} again and back in your history, trends and reports.",
            session.state().words()
        ),
        Restored::Resumable => say!(
            "Restored {what}: it is unfinished again. Resume it with: recap check-in {}",
            session.questionnaire_id
        ),
    }
    Ok(())
}

fn empty(ctx: &Context, yes: bool) -> Result<()> {
    let Some(store) = ctx.existing_store()? else {
        say!("{}", strings::TRASH_IS_EMPTY);
        return Ok(());
    };
    let scope = scope(ctx, &store)?;
    let count = store.trashed_sessions(scope)?.len();
    if count == 0 {
        say!("{}", strings::TRASH_IS_EMPTY);
        return Ok(());
    }
    store.require_writable()?;
    let what = strings::count(count, "check-in", "check-ins");
    if !confirm(
        &format!("erase {what} in the trash for good"),
        &format!("Erase {what} in the trash for good? This cannot be undone."),
        yes,
    )? {
        say!("{}", strings::NOTHING_CHANGED);
        return Ok(());
    }
    let erased = store.empty_trash(scope)?;
    say!(
        "Erased {} for good.",
        strings::count(erased, "check-in", "check-ins")
    );
    Ok(())
}
