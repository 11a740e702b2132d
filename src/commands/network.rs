//! `recap network add NAME --kind K --support S [answers] | edit NAME
//! [--rename N] [answers] | remove NAME | list [--json] | review`: the
//! recovery network from the command line. Every change goes into today's
//! dated review (made when needed); bad values are refused (exit 2) before
//! anything is opened or stored.

use chrono::{NaiveDate, Utc};
use serde_json::{Value, json};

use super::Context;
use crate::cli::{
    NetworkAddArgs, NetworkAnswers, NetworkCommand, NetworkContact, NetworkEditArgs, NetworkKind,
    NetworkSupport, YesNo,
};
use crate::error::{Error, Result};
use crate::network::changes::{EntryChange, changes};
use crate::network::layout::{MapItem, Ring, grouped, marker};
use crate::network::lines::{ReviewEnd, run_lines};
use crate::network::review::ReviewFlow;
use crate::network::{
    Change, Contact, Entry, Kind, Measures, Patch, Review, Support, due, measures, model, words,
};
use crate::store::{Profile, Store};

pub fn run(ctx: &Context, cmd: NetworkCommand) -> Result<()> {
    match cmd {
        NetworkCommand::Add(args) => add(ctx, &args),
        NetworkCommand::Edit(args) => edit(ctx, &args),
        NetworkCommand::Remove { name } => remove(ctx, &name),
        NetworkCommand::List { json } => list(ctx, json),
        NetworkCommand::Review => review(ctx),
    }
}

fn kind(k: NetworkKind) -> Kind {
    match k {
        NetworkKind::Person => Kind::Person,
        NetworkKind::Group => Kind::Group,
        NetworkKind::Place => Kind::Place,
    }
}

fn support(s: NetworkSupport) -> Support {
    match s {
        NetworkSupport::Supportive => Support::Supportive,
        NetworkSupport::Mixed => Support::Mixed,
        NetworkSupport::Unsupportive => Support::Unsupportive,
    }
}

fn contact(c: NetworkContact) -> Contact {
    match c {
        NetworkContact::Weekly => Contact::Weekly,
        NetworkContact::Monthly => Contact::Monthly,
        NetworkContact::Rarely => Contact::Rarely,
    }
}

fn yes(v: YesNo) -> bool {
    v == YesNo::Yes
}

/// The answers given on the command line, as a patch.
fn patch(answers: &NetworkAnswers) -> Patch {
    Patch {
        closeness: answers.close,
        belonging: answers.belong,
        contact: answers.contact.map(contact),
        role_model: answers.role_model.map(yes),
        available: answers.available.map(yes),
        reachable: answers.reachable.map(yes),
        uses: answers.uses.map(yes),
        ..Patch::default()
    }
}

/// A refusal: the message, and that nothing was stored.
fn refused(e: impl std::fmt::Display) -> Error {
    Error::Input(format!("{e}; nothing was changed"))
}

/// A change the store refused (a name already there): said with "nothing
/// was changed"; other failures as they are.
fn stored<T>(result: crate::store::StoreResult<T>) -> Result<T> {
    result.map_err(|e| match e {
        crate::store::StoreError::Input(m) => refused(m),
        other => other.into(),
    })
}

/// The database and profile to change (created on first use).
fn writing(ctx: &Context) -> Result<(Store, Profile)> {
    let store = ctx.writable_store()?;
    let profile = store.resolve_profile(ctx.global.profile.as_deref(), Utc::now())?;
    Ok((store, profile))
}

/// The database, profile and latest review of an existing network
/// (nothing is created).
fn existing(ctx: &Context) -> Result<(Store, Profile, Review)> {
    let none = || {
        Error::Input(format!(
            "there is no recovery network at {} yet, so nothing to change; add an entry with `recap network add`",
            ctx.paths.db.display()
        ))
    };
    let (store, profile) = ctx.reading()?.ok_or_else(none)?;
    store.require_writable()?;
    let review = store.latest_network_review(profile.id)?.ok_or_else(none)?;
    Ok((store, profile, review))
}

fn find<'a>(review: &'a Review, name: &str) -> Result<&'a Entry> {
    model::find(&review.entries, name).ok_or_else(|| {
        refused(format!(
            "there is no {:?} in the recovery network (see `recap network list`)",
            crate::termtext::clean_line(name)
        ))
    })
}

fn add(ctx: &Context, args: &NetworkAddArgs) -> Result<()> {
    // Everything the arguments alone can show, before the database is opened.
    let fresh = Entry::new(&args.name, kind(args.kind), support(args.support)).map_err(refused)?;
    let (entry, _) = patch(&args.answers).applied(&fresh).map_err(refused)?;
    let (store, profile) = writing(ctx)?;
    let review = stored(store.network_change(profile.id, Utc::now(), &Change::Add(entry.clone())))?;
    say!(
        "Added to the recovery network of {} (review of {}): {}.",
        profile.name,
        review.date.format("%Y-%m-%d"),
        words::entry_line(&entry)
    );
    say!("{}", counts_line(&review.measures()));
    Ok(())
}

fn edit(ctx: &Context, args: &NetworkEditArgs) -> Result<()> {
    let mut p = patch(&args.answers);
    p.name = args.rename.clone();
    p.kind = args.kind.map(kind);
    p.support = args.support.map(support);
    if p.is_empty() {
        return Err(Error::Input(
            "nothing to change: give a new answer, e.g. --support supportive, --close 4 or --rename NAME; nothing was changed".into(),
        ));
    }
    if let Some(name) = &p.name {
        model::check_name(name).map_err(refused)?;
    }
    let (store, _, review) = existing(ctx)?;
    let before = find(&review, &args.name)?.clone();
    let (after, _) = p.applied(&before).map_err(refused)?;
    if after == before {
        say!(
            "{} already has these answers; nothing was changed.",
            before.name
        );
        return Ok(());
    }
    let review =
        stored(store.network_change(review.profile_id, Utc::now(), &Change::Update(after)))?;
    let now = review
        .entries
        .iter()
        .find(|e| e.id == before.id)
        .cloned()
        .unwrap_or(before.clone());
    say!(
        "{} (review of {}).",
        EntryChange::Changed {
            what: crate::network::changes::differences(&before, &now),
            before,
            after: now,
        }
        .describe(),
        review.date.format("%Y-%m-%d")
    );
    Ok(())
}

fn remove(ctx: &Context, name: &str) -> Result<()> {
    let (store, _, review) = existing(ctx)?;
    let entry = find(&review, name)?.clone();
    let review = stored(store.network_change(
        review.profile_id,
        Utc::now(),
        &Change::Remove(entry.id.clone()),
    ))?;
    say!(
        "Removed {} from the recovery network (review of {}); earlier reviews keep it.",
        entry.name,
        review.date.format("%Y-%m-%d")
    );
    say!("{}", counts_line(&review.measures()));
    Ok(())
}

/// "5 entries: 3 supportive of your goals, 1 mixed, 1 not supportive."
fn counts_line(m: &Measures) -> String {
    format!(
        "Now {} {}: {} supportive of your goals, {} mixed, {} not supportive.",
        m.total,
        if m.total == 1 { "entry" } else { "entries" },
        m.supportive,
        m.mixed,
        m.unsupportive
    )
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// What changed in the latest review since the one before it.
fn latest_changes(reviews: &[Review]) -> Vec<EntryChange> {
    match reviews {
        [.., before, latest] => changes(&before.entries, &latest.entries),
        [only] => changes(&[], &only.entries),
        [] => Vec::new(),
    }
}

fn change_json(c: &EntryChange) -> Value {
    match c {
        EntryChange::Added(e) => json!({"change": "added", "name": e.name, "entry": e}),
        EntryChange::Removed(e) => json!({"change": "removed", "name": e.name, "entry": e}),
        EntryChange::Changed { after, what, .. } => json!({
            "change": "changed",
            "name": after.name,
            "entry": after,
            "what": what.iter().map(|(w, b, a)| json!({"what": w, "before": b, "after": a})).collect::<Vec<_>>(),
        }),
    }
}

fn list(ctx: &Context, as_json: bool) -> Result<()> {
    let config = ctx.config();
    let days = config.network.review_days;
    let today = crate::timefmt::today(Utc::now());
    let found = match ctx.reading()? {
        Some((store, profile)) => {
            let reviews = store.network_reviews(profile.id)?;
            Some((profile, reviews))
        }
        None => None,
    };
    let (profile, reviews) = match found {
        Some((p, r)) => (Some(p), r),
        None => (None, Vec::new()),
    };
    let latest = reviews.last();
    let entries: &[Entry] = latest.map_or(&[], |r| &r.entries);
    let m = measures(entries);
    let last = crate::network::last_walked_through(&reviews);
    let next = due::next_due(last, days);
    if as_json {
        let value = json!({
            "profile": profile.as_ref().map(|p| p.name.clone()),
            "review": latest.map(|r| json!({"id": r.id, "date": day(r.date), "walked_through": r.walked_through})),
            "entries": entries,
            "summary": m,
            "changes_since_previous_review": latest_changes(&reviews).iter().map(change_json).collect::<Vec<_>>(),
            "review_days": days,
            "last_walked_through": last.map(day),
            "next_review_due": next.map(day),
            "review_due": due::is_due(last, days, today),
        });
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
        return super::write_data(&format!("{text}\n"));
    }
    let (Some(profile), Some(latest)) = (profile, latest) else {
        say!("{}", words::EMPTY);
        return Ok(());
    };
    say!(
        "{} of {}, as of the review of {}:",
        words::TITLE,
        profile.name,
        day(latest.date)
    );
    if entries.is_empty() {
        say!("  No entries now.");
    }
    let items = MapItem::all(entries);
    for group in grouped(&items) {
        say!("");
        say!("{}", ring_title(group.ring));
        for i in group.items {
            let e = &entries[i];
            say!("  {} {}", marker(e.kind, e.support), words::entry_line(e));
        }
    }
    say!("");
    say!("Key: {}", crate::network::layout::LEGEND);
    say!("");
    say!("{}", words::COUNTS_NOTE);
    for row in m.rows() {
        if row.key == "supportive" {
            say!("  {:<50} {}", row.label, m.share_text());
        } else {
            say!("  {:<50} {}", row.label, row.value);
        }
    }
    let changed = latest_changes(&reviews);
    if reviews.len() > 1 {
        say!("");
        if changed.is_empty() {
            say!("No changes since the review before this one.");
        } else {
            say!(
                "Since the review of {}:",
                day(reviews[reviews.len() - 2].date)
            );
            for c in &changed {
                say!("  {}", c.describe());
            }
        }
    }
    say!("");
    say!("{}", words::due_line(last, next, today));
    Ok(())
}

fn ring_title(ring: Ring) -> &'static str {
    ring.title()
}

fn review(ctx: &Context) -> Result<()> {
    let days = ctx.config().network.review_days;
    let (store, profile) = writing(ctx)?;
    let start = store
        .latest_network_review(profile.id)?
        .map(|r| r.entries)
        .unwrap_or_default();
    let mut flow = ReviewFlow::new(start);
    let stdin = std::io::stdin();
    let end = {
        let mut apply = |change: &Change| -> Result<()> {
            store.network_change(profile.id, Utc::now(), change)?;
            Ok(())
        };
        // Entry names are the person's own words: cleaned for the terminal.
        let mut out = crate::termtext::text_stdout();
        let end = run_lines(stdin.lock(), &mut out, &mut flow, &mut apply)?;
        out.finish()?;
        end
    };
    if end == ReviewEnd::Stopped {
        return Ok(());
    }
    let review = store.network_walked_through(profile.id, Utc::now())?;
    let m = review.measures();
    say!("");
    say!(
        "Review of {} saved for {}: {} {}.",
        day(review.date),
        profile.name,
        flow.changes(),
        if flow.changes() == 1 {
            "change"
        } else {
            "changes"
        }
    );
    say!("{}", counts_line(&m));
    say!(
        "{}",
        words::due_line(
            Some(review.date),
            due::next_due(Some(review.date), days),
            review.date
        )
    );
    Ok(())
}
