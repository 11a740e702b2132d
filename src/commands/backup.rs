//! `recap backup FILE [--force]`

use std::path::Path;

use super::Context;
use crate::error::{Error, Result};

pub fn run(ctx: &Context, file: &Path, force: bool) -> Result<()> {
    if !ctx.paths.db.exists() {
        return Err(Error::Input(format!(
            "there is no database at {} yet, so nothing to back up",
            ctx.paths.db.display()
        )));
    }
    let store = ctx.store()?;
    // From here a signal stops the copy and removes it (after any
    // passphrase prompt, which a signal still ends at once).
    crate::files::interrupt::watch();
    let kind = store.backup_to(file, force)?;
    if kind == crate::files::Destination::Stream {
        return Ok(());
    }
    say!(
        "Backed up {} to {}.",
        ctx.paths.db.display(),
        file.display()
    );
    Ok(())
}
