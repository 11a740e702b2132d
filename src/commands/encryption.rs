//! `recap encrypt`, `recap decrypt` and `recap change-passphrase`: the
//! database written anew (encrypted, plain, or under a new passphrase) and
//! swapped in whole, or left exactly as it was.

use std::path::Path;

use super::{Context, passphrase};
use crate::error::{Error, Result};
use crate::store::{Passphrase, Store};

fn existing(ctx: &Context) -> Result<()> {
    if ctx.paths.db.exists() {
        return Ok(());
    }
    Err(Error::Input(format!(
        "there is no database at {} yet; it can be encrypted once it exists (after a first check-in)",
        ctx.paths.db.display()
    )))
}

/// Opens the swapped-in file with its new key, to be sure it reads.
fn reopen(ctx: &Context, key: Option<&Passphrase>) -> Result<()> {
    Store::open_existing_keyed(&ctx.paths.db, key)?;
    Ok(())
}

pub fn encrypt(ctx: &Context, keep_plain: Option<&Path>, new_file: Option<&Path>) -> Result<()> {
    existing(ctx)?;
    if crate::store::cipher::is_encrypted(&ctx.paths.db) {
        return Err(Error::Input(format!(
            "{} is already encrypted (or is not a recap database); to change its passphrase use `recap change-passphrase`",
            ctx.paths.db.display()
        )));
    }
    let store = ctx.store()?;
    store.require_writable()?;
    let file = new_file.or(ctx.global.passphrase_file.as_deref());
    let key = passphrase::new(file)?;
    if let Some(copy) = keep_plain {
        store.backup_to(copy, false)?;
    }
    store.rewrite(Some(&key))?;
    reopen(ctx, Some(&key))?;
    say!(
        "Encrypted {} with your passphrase (SQLCipher).",
        ctx.paths.db.display()
    );
    say!("{}", crate::strings::ENCRYPTED_KEEP_SAFE);
    say!("{}", crate::strings::ENCRYPTED_WHAT_IS_PLAIN);
    if let Some(copy) = keep_plain {
        say!(
            "The unencrypted original is at {} (readable only by you); delete it once you no longer need it.",
            copy.display()
        );
    }
    Ok(())
}

pub fn decrypt(ctx: &Context) -> Result<()> {
    existing(ctx)?;
    let store = ctx.store()?;
    if !store.is_encrypted() {
        return Err(Error::Input(format!(
            "{} is not encrypted; nothing to do",
            ctx.paths.db.display()
        )));
    }
    store.rewrite(None)?;
    reopen(ctx, None)?;
    say!(
        "Decrypted {}: it is a plain SQLite file again, protected only by its permissions (readable only by you).",
        ctx.paths.db.display()
    );
    say!(
        "Backups made while it was encrypted stay encrypted with the passphrase they were made with."
    );
    Ok(())
}

pub fn change_passphrase(ctx: &Context, new_file: Option<&Path>) -> Result<()> {
    existing(ctx)?;
    let store = ctx.store()?;
    let Some(old) = ctx.key.borrow().clone().filter(|_| store.is_encrypted()) else {
        return Err(Error::Input(format!(
            "{} is not encrypted; use `recap encrypt` to give it a passphrase",
            ctx.paths.db.display()
        )));
    };
    store.require_writable()?;
    let key = passphrase::new(new_file)?;
    if key.same_as(&old) {
        return Err(Error::Input(
            "the new passphrase is the same as the current one; nothing was changed".into(),
        ));
    }
    store.rewrite(Some(&key))?;
    reopen(ctx, Some(&key))?;
    say!("Changed the passphrase of {}.", ctx.paths.db.display());
    say!("Backups made before keep the passphrase they were made with.");
    Ok(())
}
