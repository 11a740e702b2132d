//! `recap report [--profile NAME] [--since DATE] --format md|html [--out FILE]
//! [--summary] [--signature] [--with-private-notes]`

use chrono::Utc;

use super::Context;
use super::export::start_of_day;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Result;
use crate::files::PrivateOutput;
use crate::report::{self, Format, Handover, ReportOptions, words};
use crate::timefmt::Zone;

pub fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    if let Some(path) = &args.out {
        // Refuse a wrong destination before any work.
        crate::files::destination(path, &ctx.paths.db, args.force)?;
    }
    let catalog = ctx.catalog();
    let now = Utc::now();
    // Nothing stored yet: say so (standard output may be the report's
    // destination), write nothing and create nothing.
    let Some((store, profile)) = ctx.reading()? else {
        crate::termtext::eprint_line(&words::no_database(&ctx.paths.db.display().to_string()));
        return Ok(());
    };
    let config = ctx.config();
    let options = ReportOptions {
        since: args.since.map(start_of_day),
        now,
        zone: Zone::Local,
        support: config.support.clone(),
    };
    let handover = Handover {
        summary: args.summary,
        signature: args.signature,
        with_private_notes: args.with_private_notes,
        ..Handover::from_config(config.counselor.as_ref())
    };
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    // Every check-in of the period is read: one read transaction, a larger
    // page cache.
    store.prepare_for_reading()?;
    let built =
        store.reading(|| report::build_with(&store, &catalog, &profile, &options, &handover))?;
    match &args.out {
        Some(path) => {
            // A signal stops the writing and removes the unfinished file.
            crate::files::interrupt::watch();
            let mut output = PrivateOutput::create(path, &ctx.paths.db, args.force)?;
            report::render(&built, format, output.writer())?;
            let stream = output.is_stream();
            output.commit()?;
            if !stream {
                say!("{}", words::written_to(&path.display().to_string()));
                if store.is_encrypted() {
                    say!("{}", crate::strings::PLAIN_OUTPUT);
                }
            }
        }
        None => {
            // Exact bytes into a pipe or file; cleaned on a terminal.
            let mut out = crate::termtext::data_stdout();
            let written = report::render(&built, format, &mut out)
                .and_then(|()| out.finish().map_err(Into::into));
            match written {
                Err(e) if e.is_broken_pipe() => {}
                other => other?,
            }
        }
    }
    Ok(())
}
