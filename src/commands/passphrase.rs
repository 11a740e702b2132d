//! Where a passphrase comes from: the first line of `--passphrase-file FILE`
//! (or `RECAP_PASSPHRASE_FILE`), or a masked prompt on the terminal (asked
//! twice when one is set). Never from an argument or an environment
//! variable's value; held in memory that is wiped when dropped.

use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::store::Passphrase;

/// The most recap reads from a passphrase file.
const FILE_LIMIT: u64 = 64 * 1024;

pub use crate::store::cipher::WRONG_DELAY;

/// Whether a passphrase can be asked for: standard input is a terminal.
pub fn terminal() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdin())
}

/// Says on standard error when others may read the passphrase file.
fn warn_if_shared(file: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(file).is_ok_and(|m| m.permissions().mode() & 0o077 != 0) {
            crate::termtext::eprint_line(&format!(
                "recap: others can read the passphrase file {}; make it private (chmod 600)",
                file.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// The first line of `file` (without its line ending).
pub fn from_file(file: &Path) -> Result<Zeroizing<String>> {
    warn_if_shared(file);
    let bytes = crate::files::read::read_bounded(file, FILE_LIMIT)
        .map(Zeroizing::new)
        .map_err(|e| {
            Error::Input(format!(
                "cannot use the passphrase file {}: {e}",
                file.display()
            ))
        })?;
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    let text = std::str::from_utf8(first).map_err(|_| {
        Error::Input(format!(
            "the passphrase file {} is not UTF-8 text",
            file.display()
        ))
    })?;
    Ok(Zeroizing::new(text.to_string()))
}

/// Asks on the terminal without showing what is typed (a `*` per character).
pub fn prompt(text: &str) -> Result<Zeroizing<String>> {
    let config = rpassword::ConfigBuilder::new()
        .password_feedback_mask('*')
        .build();
    rpassword::prompt_password_with_config(crate::termtext::clean(text), config)
        .map(Zeroizing::new)
        .map_err(|e| Error::Runtime(format!("cannot read the passphrase from the terminal: {e}")))
}

/// The passphrase of an existing encrypted file: from the file given, or
/// asked on the terminal; `None` when neither is possible (the store then
/// refuses the file with a message saying how to give it).
pub fn current(file: Option<&Path>, db: &Path) -> Result<Option<Passphrase>> {
    let text = match file {
        Some(file) => from_file(file)?,
        None if terminal() => prompt(&format!("Passphrase for {}: ", db.display()))?,
        None => return Ok(None),
    };
    Ok(Some(Passphrase::new(text)?))
}

/// A new passphrase to set: from the file given, or asked twice on the
/// terminal (the two must match).
pub fn new(file: Option<&Path>) -> Result<Passphrase> {
    if let Some(file) = file {
        return Ok(Passphrase::new_to_set(from_file(file)?)?);
    }
    if !terminal() {
        return Err(Error::Input(
            "a new passphrase is needed: give it in a file with --new-passphrase-file FILE (first line), or run this on a terminal to type it".into(),
        ));
    }
    let first = Passphrase::new_to_set(prompt("New passphrase: ")?)?;
    let second = Passphrase::new(prompt("The same passphrase again: ")?)?;
    if !first.same_as(&second) {
        return Err(Error::Input(
            "the two passphrases differ; nothing was changed. Try again".into(),
        ));
    }
    Ok(first)
}
