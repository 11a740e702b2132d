//! `recap caseload [--json] [--sort due|decline|name]` and `recap prep
//! [--profile NAME] [--json]`: the counselor's private overview of every
//! client, and one client's session preparation (`caseload`).

use chrono::Utc;

use super::Context;
use crate::caseload::{self, ClientRow, Direction, FiredSince, ScoreChange, SortBy, prep};
use crate::cli::{CaseloadArgs, CaseloadSort, PrepArgs};
use crate::error::{Error, Result};
use crate::instrument::score::format_value;
use crate::outcome::text::{first_sentence, format_diff};
use crate::strings;
use crate::timefmt::{Lived, Zone};

fn print_json(value: &serde_json::Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
    super::write_data(&format!("{text}\n"))
}

fn date(t: impl Into<Lived>) -> String {
    Zone::Local.short_date(t)
}

pub fn caseload(ctx: &Context, args: &CaseloadArgs) -> Result<()> {
    let catalog = ctx.catalog();
    let Some(store) = ctx.existing_store()? else {
        if args.json {
            return print_json(&serde_json::Value::Array(Vec::new()));
        }
        say!("{}", strings::NO_PROFILES_YET);
        return Ok(());
    };
    let order = match args.sort {
        CaseloadSort::Due => SortBy::Due,
        CaseloadSort::Decline => SortBy::Decline,
        CaseloadSort::Name => SortBy::Name,
    };
    let support = ctx.config().support;
    let rows = caseload::caseload(&store, &catalog, &support, Utc::now(), order)?;
    if args.json {
        return print_json(&caseload::json::caseload(&rows, Zone::Local));
    }
    if rows.is_empty() {
        say!("{}", strings::NO_PROFILES_YET);
        return Ok(());
    }
    say!(
        "{}",
        strings::caseload_heading(rows.len(), order == SortBy::Decline)
    );
    for row in &rows {
        say!("");
        client_lines(row)?;
    }
    Ok(())
}

fn client_lines(r: &ClientRow) -> Result<()> {
    match &r.client_id {
        Some(id) => say!("{}  [{id}]", r.name),
        None => say!("{}", r.name),
    }
    let mut when = vec![match r.last_check_in {
        Some(t) => format!("last check-in {}", date(t)),
        None => "no check-in yet".to_string(),
    }];
    if let Some(t) = r.last_session {
        when.push(format!("last session {}", date(t)));
    }
    if let Some(t) = r.last_note {
        when.push(format!("last note {}", date(t)));
    }
    say!("  {}", strings::capitalised(&when.join("; ")));
    if !r.due.is_empty() {
        let due: Vec<String> = r
            .due
            .iter()
            .map(|d| match d.days_overdue {
                None => format!("{} (never done)", d.title),
                Some(0) => format!("{} (due today)", d.title),
                Some(n) => format!(
                    "{} ({})",
                    d.title,
                    strings::count(n as usize, "day overdue", "days overdue")
                ),
            })
            .collect();
        say!("  Due: {}", due.join(", "));
    }
    for h in &r.headlines {
        let value = h
            .value
            .map_or_else(|| "-".to_string(), |v| format_value(v, h.decimals));
        let band = h
            .band
            .as_deref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default();
        let change = h
            .change
            .as_ref()
            .map(|c| {
                let verdict = c
                    .verdict
                    .map(|v| format!(", {}", v.words()))
                    .unwrap_or_default();
                let direction = h
                    .direction
                    .map(|d| format!(", {}", direction_words(d)))
                    .unwrap_or_default();
                format!(
                    "; {} since the time before{direction}{verdict}",
                    format_diff(c.diff, h.decimals)
                )
            })
            .unwrap_or_default();
        say!("  {} {}: {value}{band}{change}", h.title, h.label);
    }
    for c in &r.reliable_changes {
        say!("  {}", change_line(c));
    }
    if !r.safety.is_empty() {
        say!(
            "  {}:",
            strings::count(r.safety.len(), "support message", "support messages")
                + " since the last session"
        );
        for f in &r.safety {
            say!("    {}", fired_line(f));
        }
    }
    Ok(())
}

fn direction_words(d: Direction) -> &'static str {
    match d {
        Direction::Better => "better",
        Direction::Worse => "worse",
        Direction::Same => "the same",
    }
}

fn change_line(c: &ScoreChange) -> String {
    let verdict = c
        .verdict
        .map(|v| format!(" ({})", v.words()))
        .unwrap_or_default();
    format!(
        "{} {}: {} -> {} ({}){verdict}",
        c.title,
        c.label,
        format_value(c.from, c.decimals),
        format_value(c.to, c.decimals),
        format_diff(c.diff, c.decimals)
    )
}

fn fired_line(f: &FiredSince) -> String {
    let repeated = if f.message.repeated {
        " (also at the check-in before)"
    } else {
        ""
    };
    format!(
        "{}, {}: {}{repeated}",
        f.title,
        date(f.at),
        first_sentence(&f.message.message)
    )
}

pub fn prep(ctx: &Context, args: &PrepArgs) -> Result<()> {
    let Some((store, profile)) = ctx.reading()? else {
        return Err(Error::Input(format!(
            "there is no data at {} yet, so no session to prepare",
            ctx.paths.db.display()
        )));
    };
    let support = ctx.config().support;
    let p = prep::prep(&store, &profile, &support)?;
    if args.json {
        return print_json(&caseload::json::prep(&p, Zone::Local));
    }
    match &p.client_id {
        Some(id) => say!("Preparing a session with {} [{id}]", p.name),
        None => say!("Preparing a session with {}", p.name),
    }
    match p.last_session {
        Some(t) => say!("Since the last session ({}):", date(t)),
        None => say!("No check-in was done with a counselor yet; everything so far:"),
    }
    say!("");
    if p.check_ins.is_empty() {
        say!("No check-ins since then.");
    } else {
        say!(
            "{}:",
            strings::count(p.check_ins.len(), "check-in", "check-ins")
        );
        for c in &p.check_ins {
            let with = if c.with_counselor {
                " (with a counselor)"
            } else {
                ""
            };
            say!("  {} {}{with}", date(c.at), c.title);
        }
    }
    if !p.changes.is_empty() {
        say!("");
        say!("What changed:");
        for c in &p.changes {
            say!("  {}", change_line(c));
        }
    }
    if !p.moved.is_empty() {
        say!("");
        say!("Answers that moved most:");
        for m in &p.moved {
            say!(
                "  {} \u{201c}{}\u{201d}: {} -> {}",
                m.title,
                m.change.text.trim(),
                m.change.older_label,
                m.change.newer_label
            );
        }
    }
    if !p.safety.is_empty() {
        say!("");
        say!("Support messages that fired:");
        for f in &p.safety {
            say!("  {}", fired_line(f));
        }
    }
    if !p.network.is_empty() {
        say!("");
        say!("Recovery network:");
        for c in &p.network {
            say!("  {}", c.describe());
        }
    }
    say!("");
    match &p.last_note {
        Some(n) => {
            say!(
                "Last note ({}, {}):",
                date(n.created_at),
                n.visibility.as_str()
            );
            for line in n.body.lines() {
                say!("  {line}");
            }
        }
        None => say!("No notes yet."),
    }
    Ok(())
}
