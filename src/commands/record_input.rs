//! Where `recap record` reads its answers from: `--answers`, `--answer
//! ITEM=VALUE` and `--answers-file FILE` (or `-` for standard input), handed
//! to `checkin::answer_input` to be understood and checked.

use std::io::Read as _;
use std::path::Path;

use crate::checkin::answer_input::{Sources, collect};
use crate::cli::RecordArgs;
use crate::error::{Error, Result};
use crate::files::read::{TEXT_FILE_LIMIT, describe_limit, read_bounded};
use crate::instrument::{Answers, Instrument};

/// The answers given on the command line, checked against `instrument`.
/// Nothing is stored when any is wrong: every problem is listed.
pub fn answers(instrument: &Instrument, args: &RecordArgs) -> Result<Answers> {
    let file_text = match &args.answers_file {
        Some(path) => Some(read_answers_file(path)?),
        None => None,
    };
    let sources = Sources {
        list: args.answers.as_deref(),
        lines: file_text.as_deref(),
        each: &args.answer,
    };
    collect(instrument, &sources)
        .map_err(|p| Error::Input(format!("nothing was stored:\n{}", p.join("\n"))))
}

/// Reads an answers file (or standard input for `-`): a regular file of at
/// most 1 MB, in UTF-8.
fn read_answers_file(path: &Path) -> Result<String> {
    let limit = TEXT_FILE_LIMIT;
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| {
                Error::Runtime(format!("cannot read the answers from standard input: {e}"))
            })?;
        if bytes.len() as u64 > limit {
            return Err(Error::Input(format!(
                "the answers on standard input are longer than {}",
                describe_limit(limit)
            )));
        }
        bytes
    } else {
        read_bounded(path, limit).map_err(|e| {
            Error::Input(format!(
                "{}: {}",
                path.display(),
                match e {
                    crate::files::read::ReadError::TooLarge { limit } =>
                        format!("the answers file is larger than {}", describe_limit(limit)),
                    other => other.to_string(),
                }
            ))
        })?
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Input(format!(
            "{}: the answers are not UTF-8 text",
            if path.as_os_str() == "-" {
                "standard input".to_string()
            } else {
                path.display().to_string()
            }
        ))
    })?;
    // A byte-order mark some editors write is not part of the first answer.
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}
