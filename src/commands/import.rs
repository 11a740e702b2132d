//! `recap import FILE [--into NAME]`: adds what a JSON export holds and this database lacks, all at once or not at all; a client's own export can be merged into their profile here (by client id, or `--into`).

use std::path::Path;

use super::Context;
use crate::error::{Error, Result};
use crate::export::{ExportError, json};
use crate::store::{ImportOptions, Store, StoreError};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(ctx: &Context, file: &Path, into: Option<&str>) -> Result<()> {
    // A file from a newer recap, or no export at all, is refused before the
    // database is touched; the rest is checked as it is read.
    json::check_header(file)?;
    let refused = |e: ExportError| -> Error {
        match e {
            ExportError::Store(StoreError::Input(m)) => {
                Error::Input(format!("{}: {m}", file.display()))
            }
            other => other.into(),
        }
    };
    let summary = match into {
        // Into a profile here: the database and the profile must exist.
        Some(name) => {
            let store = ctx.existing_store()?.ok_or_else(|| {
                Error::Input(format!(
                    "there is no data at {} yet, so no profile to import into",
                    ctx.paths.db.display()
                ))
            })?;
            store.require_writable()?;
            let options = ImportOptions {
                into: Some(store.require_profile(name)?.id),
            };
            json::import_file(&store, file, &options).map_err(refused)?
        }
        None => {
            // Into a new database, which appears only when the import
            // succeeds: a refused file leaves nothing behind.
            let options = ImportOptions::default();
            let mut failed = None;
            let created = Store::create_with(&ctx.paths.db, |store| {
                json::import_file(store, file, &options).map_err(|e| {
                    failed = Some(e);
                    StoreError::Input(String::new())
                })
            });
            if let Some(e) = failed {
                return Err(refused(e));
            }
            match created? {
                Some(summary) => summary,
                None => {
                    json::import_file(&ctx.writable_store()?, file, &options).map_err(refused)?
                }
            }
        }
    };
    if summary.is_empty() {
        say!(
            "Nothing to import from {}: everything in it is already here.",
            file.display()
        );
        return Ok(());
    }
    say!(
        "Imported from {}: {}, {} ({}), {}, {}.",
        file.display(),
        count(summary.profiles_added, "profile", "profiles"),
        count(summary.sessions_added, "check-in", "check-ins"),
        count(summary.answers_added, "answer", "answers"),
        count(summary.notes_added, "note", "notes"),
        count(
            summary.snapshots_added,
            "questionnaire version",
            "questionnaire versions"
        ),
    );
    if summary.network_reviews_added + summary.network_reviews_present > 0 {
        say!(
            "Recovery network: {} added, {} already here.",
            count(summary.network_reviews_added, "review", "reviews"),
            summary.network_reviews_present
        );
    }
    if summary.goals_added + summary.goals_present > 0 {
        say!(
            "Plan: {} added, {} already here.",
            count(summary.goals_added, "goal", "goals"),
            summary.goals_present
        );
    }
    let present = summary.profiles_present + summary.sessions_present + summary.notes_present;
    if present > 0 {
        say!(
            "Already here and kept as they are: {}, {}, {}.",
            count(summary.profiles_present, "profile", "profiles"),
            count(summary.sessions_present, "check-in", "check-ins"),
            count(summary.notes_present, "note", "notes"),
        );
    }
    for (from, to) in &summary.merged {
        say!("The profile {from:?} of the file was merged into {to:?}.");
    }
    for (from, to) in &summary.renamed {
        say!("A different profile is already named {from:?}; the imported one is named {to:?}.");
    }
    Ok(())
}
