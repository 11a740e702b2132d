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
