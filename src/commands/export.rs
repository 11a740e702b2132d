//! `recap export --format csv|json|fhir [--scores | --network | --goals] [--since DATE] [--out FILE]`
//!
//! `--format fhir` writes a FHIR R4 Bundle of completed check-ins (see `export::fhir`).

use std::io::Write;

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};

use super::Context;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::{ExportResult, csv, fhir, json};
use crate::files::PrivateOutput;
use crate::store::{DumpFilter, Store};

/// The first instant of a calendar day in the local time zone.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

fn write_to(
    store: &Store,
    args: &ExportArgs,
    filter: &DumpFilter,
    fhir_options: &fhir::Options,
    out: &mut impl Write,
) -> ExportResult<()> {
    // Writers make many small writes (JSON's indentation one level at a
    // time): into memory first, then out in large blocks.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    match (args.format, args.scores) {
        (ExportFormat::Csv, _) if args.goals => csv::write_goals(store, filter, &mut out),
        (ExportFormat::Csv, _) if args.network => csv::write_network(store, filter, &mut out),
        (ExportFormat::Csv, false) => csv::write_answers(store, filter, &mut out),
        (ExportFormat::Csv, true) => csv::write_scores(store, filter, &mut out),
        (ExportFormat::Fhir, _) => {
            fhir::write_with(store, filter, fhir_options, Utc::now(), &mut out)
        }
        (ExportFormat::Json, _) => json::write(store, filter, &mut out),
    }?;
    out.flush()?;
    Ok(())
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    if args.network && args.format != ExportFormat::Csv {
        return Err(Error::Input(
            "--network works with --format csv only; the JSON and FHIR exports always include the recovery network"
                .into(),
        ));
    }
    if args.goals && args.format != ExportFormat::Csv {
        return Err(Error::Input(
            "--goals works with --format csv only; the JSON and FHIR exports always include the plan"
                .into(),
        ));
    }
    if args.scores && args.format != ExportFormat::Csv {
        return Err(Error::Input(
            "--scores works with --format csv only; the JSON and FHIR exports have no score rows"
                .into(),
        ));
    }
    if args.with_notes && args.format != ExportFormat::Fhir {
        return Err(Error::Input(
            "--with-notes works with --format fhir only; the JSON export always carries the shared notes, and the CSV export has no notes"
                .into(),
        ));
    }
    if args.with_private_notes && args.format != ExportFormat::Json {
        return Err(Error::Input(
            "--with-private-notes works with --format json only; the FHIR export carries shared notes only (--with-notes), and the CSV export has no notes"
                .into(),
        ));
    }
    if let Some(path) = &args.out {
        // Refuse a wrong destination before any work.
        crate::files::destination(path, &ctx.paths.db, args.force)?;
    }
    // Nothing stored yet: say so on standard error (standard output may be
    // the export's destination), write nothing and create nothing.
    let Some(store) = ctx.existing_store()? else {
        crate::termtext::eprint_line(&crate::strings::nothing_to_export(
            &ctx.paths.db.display().to_string(),
        ));
        return Ok(());
    };
    // Much of the file is read (and sorted).
    store.prepare_for_reading()?;
    let profile_id = match ctx.global.profile.as_deref() {
        Some(name) => Some(store.require_profile(name)?.id),
        None => None,
    };
    let filter = DumpFilter {
        profile_id,
        since: args.since.map(start_of_day),
        shared_notes_only: !args.with_private_notes,
    };
    let config = ctx.config();
    let fhir_options = fhir::Options {
        counselor: config.counselor.clone(),
        notes: args.with_notes,
    };
    match &args.out {
        Some(path) => {
            // A signal stops the writing and removes the unfinished file.
            crate::files::interrupt::watch();
            let mut output = PrivateOutput::create(path, &ctx.paths.db, args.force)?;
            write_to(&store, &args, &filter, &fhir_options, output.writer())?;
            let stream = output.is_stream();
            output.commit()?;
            if !stream {
                say!("Exported to {} (readable only by you).", path.display());
                if store.is_encrypted() {
                    say!("{}", crate::strings::PLAIN_OUTPUT);
                }
            }
        }
        None => {
            // Exact bytes into a pipe or file; cleaned on a terminal.
            let mut out = crate::termtext::data_stdout();
            let written = write_to(&store, &args, &filter, &fhir_options, &mut out)
                .and_then(|()| out.finish().map_err(Into::into));
            match written {
                Err(e) if e.is_broken_pipe() => {}
                other => other?,
            }
        }
    }
    Ok(())
}
