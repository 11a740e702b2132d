//! Asking before a change that is hard to undo: on a terminal the person
//! answers; scripts say `--yes`; with neither, nothing is changed (exit 2).
//! Also reading a text argument that may be `-` (standard input).

use std::io::{BufRead, IsTerminal, Read, Write};

use crate::error::{Error, Result};

/// Whether there is a person to ask: standard input and error are a terminal.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The refusal when there is no one to ask and no `--yes`; `what` is what
/// would be done ("move ... to the trash").
fn refused(what: &str) -> Error {
    Error::Input(format!(
        "to {what}, add --yes (there is no terminal to ask on); nothing was changed"
    ))
}

/// One line typed on the terminal, after `prompt` on standard error.
fn ask(prompt: &str) -> Result<String> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{}", crate::termtext::clean(prompt));
    let _ = err.flush();
    drop(err);
    let mut line = String::new();
    std::io::stdin().lock().take(4096).read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// Whether to go ahead: yes with `--yes`; on a terminal `question` is
/// asked (y/N); without one, refused (exit 2) saying `what` (the action,
/// "move ... to the trash") needs `--yes`.
pub fn confirm(what: &str, question: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !can_ask() {
        return Err(refused(what));
    }
    let answer = ask(&format!("{question} [y/N] "))?.to_lowercase();
    Ok(answer == "y" || answer == "yes")
}

/// Like `confirm`, but the person types `expected` (a profile's name) to
/// go ahead.
pub fn confirm_typed(what: &str, expected: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !can_ask() {
        return Err(refused(what));
    }
    let typed = ask(&format!("Type the name ({expected}) to confirm: "))?;
    Ok(crate::store::names::normalise(&typed) == expected)
}

/// The text of a note: the argument itself, or with `-` all of standard
/// input (at most a little more than the longest note, so the limit is
/// reported rather than memory filled). One final line ending is dropped.
pub fn text_argument(text: &str) -> Result<String> {
    if text != "-" {
        return Ok(text.to_string());
    }
    let most = crate::import::limits::MAX_NOTE_CHARS as u64 * 4 + 4;
    let mut bytes = Vec::new();
    std::io::stdin().lock().take(most).read_to_end(&mut bytes)?;
    let mut text = String::from_utf8(bytes).map_err(|_| {
        Error::Input("standard input is not UTF-8 text; nothing was changed".into())
    })?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}
