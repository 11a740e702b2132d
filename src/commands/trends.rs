//! `recap trends [ID] [--window 4w|3m|1y|all] [--plain | --json]`: charts in
//! the full-screen app, or the same data as text tables (scripts, screen
//! readers, pipes) or JSON. Without an id: every questionnaire with data,
//! the recovery network's counts per review, and each goal's progress beside
//! its dimension's scores.

use std::io::{IsTerminal, Write};

use chrono::Utc;

use super::Context;
use crate::cli::TrendsArgs;
use crate::error::{Error, Result};
use crate::instrument::Catalog;
use crate::store::Store;
use crate::strings;
use crate::timefmt::Zone;
use crate::trends::series::{self, with_data};
use crate::trends::table;
use crate::trends::window::Window;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn run(ctx: &Context, args: TrendsArgs) -> Result<()> {
    let window = args.window;
    if args.json || ctx.global.plain || !std::io::stdout().is_terminal() || !crate::tui::usable() {
        text(ctx, &args, window)
    } else {
        run_tui(ctx, args.id.as_deref(), window)
    }
}

/// Refuses an id that is neither a known questionnaire nor one with data.
fn check_known(store: &Store, catalog: &Catalog, profile_id: i64, id: &str) -> Result<()> {
    if catalog.get(id).is_some()
        || with_data(store, catalog, profile_id)?
            .iter()
            .any(|d| d == id)
    {
        Ok(())
    } else {
        Err(Error::Input(format!(
            "no questionnaire with id {id:?}; known: {}",
            catalog.ids().join(", ")
        )))
    }
}

fn text(ctx: &Context, args: &TrendsArgs, window: Window) -> Result<()> {
    let catalog = ctx.catalog();
    let now = Utc::now();
    // Nothing stored yet: say so, and create nothing.
    let Some((store, profile)) = ctx.reading()? else {
        if args.json {
            let mut value = serde_json::json!({
                "profile": null,
                "window": window.code(),
                "questionnaires": [],
            });
            if args.id.is_none() {
                value["network"] =
                    crate::trends::network::json(&[], window, Utc::now().naive_local());
            }
            let text = serde_json::to_string_pretty(&value)
                .map_err(|e| Error::Runtime(format!("cannot write JSON: {e}")))?;
            return print(&format!("{text}\n"));
        }
        return print(&format!("{}\n", strings::NO_TRENDS_DATA));
    };
    let zone = Zone::Local;
    let local_now = zone.at(now).naive_local();
    let ids = match &args.id {
        Some(id) => {
            check_known(&store, &catalog, profile.id, id)?;
            vec![id.clone()]
        }
        None => with_data(&store, &catalog, profile.id)?,
    };
    let mut trends = Vec::new();
    for id in &ids {
        if let Some(t) = series::load(&store, &catalog, profile.id, id, zone)? {
            trends.push(t);
        }
    }
    // The recovery network's counts per review, with every questionnaire
    // (not when one questionnaire is asked for).
    let reviews = match &args.id {
        None => store.network_reviews(profile.id)?,
        Some(_) => Vec::new(),
    };
    // The plan: each goal's progress beside its dimension's scores (with
    // every questionnaire, not when one is asked for).
    let goals = match &args.id {
        None => crate::trends::goals::load(&store, &catalog, profile.id)?,
        Some(_) => Vec::new(),
    };
    if args.json {
        // Written as it is made: one questionnaire's rows at a time.
        let network = args
            .id
            .is_none()
            .then(|| crate::trends::network::json(&reviews, window, local_now));
        let goals = (!goals.is_empty())
            .then(|| crate::trends::goals::json(&goals, window, local_now, zone));
        let mut out = crate::termtext::data_stdout();
        // Many small writes: into memory first, then out in large blocks.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut out);
        let written = table::write_json(
            &mut buffered,
            &profile.name,
            window,
            local_now,
            &trends,
            network.as_ref(),
            goals.as_ref(),
        )
        .map_err(std::io::Error::from)
        .and_then(|()| buffered.write_all(b"\n"))
        .and_then(|()| buffered.flush());
        drop(buffered);
        let written = written.and_then(|()| out.finish());
        return match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::Runtime(format!("cannot write JSON: {e}"))),
            Ok(()) => Ok(()),
        };
    }
    if trends.is_empty() && reviews.is_empty() && goals.is_empty() {
        return print(&format!("{}\n", strings::NO_TRENDS_DATA));
    }
    let mut blocks: Vec<String> = trends
        .iter()
        .map(|t| table::plain(t, window, local_now))
        .collect();
    if !reviews.is_empty() {
        blocks.push(crate::trends::network::plain(&reviews, window, local_now));
    }
    if !goals.is_empty() {
        blocks.push(crate::trends::goals::plain(&goals, window, local_now, zone));
    }
    print(&blocks.join("\n"))
}

/// Writes to standard output (cleaned when it is a terminal, as every text
/// here is); a reader that stops early (`| head`) is fine.
fn print(text: &str) -> Result<()> {
    let mut out = crate::termtext::data_stdout();
    match out.write_all(text.as_bytes()).and_then(|()| out.finish()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Opens the full-screen app on the trends screen.
pub fn run_tui(ctx: &Context, questionnaire: Option<&str>, window: Window) -> Result<()> {
    let catalog = Catalog::load_cached(
        Some(&ctx.paths.questionnaires_dir()),
        &ctx.paths.questionnaire_cache(),
    );
    let config = ctx.config();
    let now = Utc::now();
    let Some((store, profile)) = ctx.reading()? else {
        say!("{}", strings::NO_TRENDS_DATA);
        return Ok(());
    };
    if let Some(id) = questionnaire {
        check_known(&store, &catalog, profile.id, id)?;
    }
    let mut app = App::new(
        store,
        catalog,
        config.support.clone(),
        profile,
        Theme::new(ctx.color()),
        Zone::Local,
        now,
    )?;
    super::checkin::set_from_config(&mut app, ctx, config);
    if ctx.global.profile.is_some() {
        app.pin();
    }
    app.close_dialog();
    app.open_trends(questionnaire, window)?;
    if let Some(farewell) = crate::tui::run(app)? {
        say!("{farewell}");
    }
    Ok(())
}
