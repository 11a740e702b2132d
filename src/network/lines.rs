//! The network review line by line (terminals, screen readers, pipes): the
//! `ReviewFlow`'s prompts as plain text, one answer per line. Every change
//! goes to `apply` (which stores it) before the next prompt; `q` stops with
//! the changes so far kept. All text passes through `termtext`.

use std::io::{BufRead, Read, Write};

use super::review::{Ask, Prompt, ReviewFlow};
use super::words;
use crate::error::Error;
use crate::termtext::TermWriter;

/// How a line-mode review ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewEnd {
    /// Every entry was walked through and the person had no more to add.
    Finished,
    /// Stopped with `q` or at the end of input before the last entry.
    Stopped,
}

/// The longest answer line read (a name is at most 80 characters).
const MAX_LINE: u64 = 4096;

/// Runs a review line by line until it is finished or the person stops.
pub fn run_lines<R: BufRead, W: Write>(
    mut input: R,
    output: W,
    flow: &mut ReviewFlow,
    apply: &mut dyn FnMut(&super::model::Change) -> Result<(), Error>,
) -> Result<ReviewEnd, Error> {
    let mut out = TermWriter::new(output);
    let total = flow.current().len();
    writeln!(out, "{}", words::TITLE)?;
    writeln!(out, "{}", words::ABOUT)?;
    if total > 0 {
        writeln!(
            out,
            "{total} {} to walk through. For each: k keeps it (or Enter), c changes it, r removes it; q stops (changes so far are kept).",
            if total == 1 { "entry" } else { "entries" }
        )?;
    }
    loop {
        // What to show, and whether "q" means stop here (not where a name is typed).
        let q_stops = match flow.prompt() {
            Prompt::Done => {
                out.finish()?;
                return Ok(ReviewEnd::Finished);
            }
            Prompt::Decide {
                entry,
                number,
                total,
            } => {
                writeln!(out, "\n{number} of {total}: {}", words::entry_line(entry))?;
                write!(out, "Keep, change or remove? [k/c/r] > ")?;
                true
            }
            Prompt::Ask { ask, draft, before } => {
                writeln!(out, "{}", ask.question(&draft.name))?;
                let options = ask.options();
                if !options.is_empty() {
                    let list: Vec<String> =
                        options.iter().map(|(k, l)| format!("{k} {l}")).collect();
                    writeln!(out, "  {}", list.join("   "))?;
                }
                match (before, ask) {
                    (Some(_), Ask::Name) => write!(out, "(Enter keeps it) > ")?,
                    (Some(_), _) => write!(out, "(now {}; Enter keeps it) > ", now(draft, ask))?,
                    (None, Ask::Kind | Ask::Support) => write!(out, "> ")?,
                    (None, _) => write!(out, "(Enter skips it) > ")?,
                }
                ask != Ask::Name
            }
            Prompt::More { added } => {
                let another = if added > 0 || total > 0 {
                    "anyone or anything else"
                } else {
                    "someone or something"
                };
                writeln!(
                    out,
                    "\nAdd {another} to your network? Type a name (initials are fine), or press Enter to finish."
                )?;
                write!(out, "> ")?;
                false
            }
        };
        out.flush()?;
        let mut raw = String::new();
        let read = (&mut input).take(MAX_LINE).read_line(&mut raw)?;
        if read == 0 {
            writeln!(out)?;
            // Input ended where the person would have finished: finished.
            if matches!(flow.prompt(), Prompt::More { .. }) {
                flow.answer("").map_err(Error::Input)?;
                continue;
            }
            writeln!(out, "{}", stopped(flow.changes()))?;
            out.finish()?;
            return Ok(ReviewEnd::Stopped);
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        if q_stops && line.trim().eq_ignore_ascii_case("q") {
            writeln!(out, "{}", stopped(flow.changes()))?;
            out.finish()?;
            return Ok(ReviewEnd::Stopped);
        }
        match flow.answer(line) {
            Ok(Some(change)) => apply(&change)?,
            Ok(None) => {}
            Err(message) => writeln!(out, "{message}")?,
        }
    }
}

/// The current answer, in words, for "(now ...)".
fn now(e: &super::model::Entry, ask: Ask) -> String {
    match ask {
        Ask::Name => e.name.clone(),
        Ask::Kind => e.kind.words().into(),
        Ask::Support => words::support(e.support).into(),
        Ask::Field(field) => words::field_value(e, field),
    }
}

fn stopped(changes: usize) -> String {
    match changes {
        0 => "Stopped. Nothing was changed.".into(),
        1 => "Stopped. The 1 change made is kept; walk through the rest any time with `recap network review`.".into(),
        n => format!("Stopped. The {n} changes made are kept; walk through the rest any time with `recap network review`."),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::network::model::{Change, Entry, Kind, Support};

    fn run(entries: Vec<Entry>, input: &str) -> (ReviewEnd, Vec<Change>, String) {
        let mut flow = ReviewFlow::new(entries);
        let mut out = Vec::new();
        let mut changes = Vec::new();
        let end = run_lines(input.as_bytes(), &mut out, &mut flow, &mut |c| {
            changes.push(c.clone());
            Ok(())
        })
        .unwrap();
        (end, changes, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_piped_review_walks_through_and_ends_at_the_end_of_input() {
        let sam = Entry::new("Sam", Kind::Person, Support::Mixed).unwrap();
        let (end, changes, text) = run(vec![sam], "k\nAna\n1\n1\n5\nw\ny\n");
        assert_eq!(end, ReviewEnd::Finished);
        assert_eq!(changes.len(), 1);
        assert!(text.contains("1 of 1: Sam: person, mixed"), "{text}");
        assert!(text.contains("Does time with Ana support the goals you have chosen?"));
    }

    #[test]
    fn q_stops_and_unclear_answers_are_asked_again() {
        let sam = Entry::new("Sam", Kind::Person, Support::Mixed).unwrap();
        // "q" where a name is typed is a name: the new entry "q" is then
        // left unfinished when input ends, and the removal is kept.
        let (end, changes, text) = run(vec![sam.clone()], "maybe\nr\nq\n");
        assert_eq!(end, ReviewEnd::Stopped);
        assert!(text.contains("Please answer k to keep it"), "{text}");
        assert!(text.contains("Is q a person"), "{text}");
        assert_eq!(changes, [Change::Remove(sam.id.clone())]);
        assert!(text.contains("The 1 change made is kept"), "{text}");
        let (end, changes, text) = run(vec![sam], "c\nq\n");
        assert_eq!(end, ReviewEnd::Stopped);
        assert!(changes.is_empty());
        assert!(text.contains("Stopped. Nothing was changed."), "{text}");
    }

    #[test]
    fn names_are_shown_cleaned() {
        let mut e = Entry::new("Sam", Kind::Person, Support::Mixed).unwrap();
        // A name read from an older file, shown harmlessly.
        e.name = "S\u{1b}]0;x\u{7}".into();
        let (_, _, text) = run(vec![e], "k\n");
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }
}
