//! The line-by-line check-in (for screen readers, pipes and scripts): plain
//! text only, no alternate screen, cursor movement or colour codes. Drives the
//! `checkin` state machine and hands every effect to the caller before the
//! next prompt.

use std::io::{BufRead, Write};

use crate::checkin::{CheckIn, CheckInError, Effect, Step, answer_input};
use crate::config::Support;
use crate::error::Error;
use crate::instrument::{AnswerValue, Item, Response, Scoring};
use crate::outcome::Outcome;
use crate::strings;
use crate::termtext::TermWriter;

/// Works out the results of a submitted check-in (after its effects are
/// applied): `outcome::for_session` on the stored session.
pub type Results<'a> = &'a dyn Fn(&CheckIn) -> Result<Outcome, Error>;

/// What the plain mode needs besides the check-in itself.
#[derive(Clone)]
pub struct PlainOptions<'a> {
    /// Shown when the person stops, e.g. `strings::resume_command(id)`.
    pub resume_command: String,
    /// Listed on `h` (the results carry their own).
    pub support: &'a Support,
    /// The results shown once the check-in is submitted.
    pub results: Results<'a>,
}

/// How a plain check-in ended.
#[derive(Debug, Clone, PartialEq)]
pub enum PlainOutcome {
    /// Submitted and scored (the `Complete` effect was applied).
    Submitted(Scoring),
    /// Stopped with `q` or at the end of input; the answers given are kept.
    Stopped,
}

/// One line of input, understood.
enum Line {
    /// End of input.
    Eof,
    Stop,
    Back,
    Help,
    Empty,
    Other(String),
}

struct Session<'a, R, W: Write> {
    input: R,
    /// Everything shown passes through `termtext` (questionnaire text,
    /// contacts and answers may come from shared files).
    out: TermWriter<W>,
    apply: &'a mut dyn FnMut(&Effect) -> Result<(), Error>,
    options: &'a PlainOptions<'a>,
}

/// Runs a check-in line by line until it is submitted or the person stops.
/// Every effect goes to `apply` (which writes the store) before the next
/// prompt; an `apply` error ends the run with that error.
pub fn run_plain<R: BufRead, W: Write>(
    input: R,
    output: W,
    checkin: &mut CheckIn,
    apply: &mut dyn FnMut(&Effect) -> Result<(), Error>,
    options: &PlainOptions<'_>,
) -> Result<PlainOutcome, Error> {
    let mut s = Session {
        input,
        out: TermWriter::new(output),
        apply,
        options,
    };
    s.run(checkin)
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    fn run(&mut self, checkin: &mut CheckIn) -> Result<PlainOutcome, Error> {
        let instrument = checkin.instrument();
        writeln!(self.out, "{}", instrument.title)?;
        if let Some(instructions) = &instrument.instructions {
            writeln!(self.out, "{}", instructions.trim())?;
        }
        writeln!(self.out, "{}", strings::SUPPORT_KEY_HINT)?;
        if !checkin.answers().is_empty() {
            match checkin.step() {
                Step::Item(_) => {
                    let (position, total) = checkin.progress();
                    writeln!(self.out, "{}", strings::welcome_back(position, total))?;
                }
                Step::Review => writeln!(self.out, "{}", strings::WELCOME_BACK_REVIEW)?,
                Step::Intro | Step::Submitted => {}
            }
        }
        loop {
            let next = match checkin.step() {
                Step::Intro => {
                    checkin.begin()?;
                    None
                }
                Step::Item(_) => self.ask_item(checkin)?,
                Step::Review => self.review(checkin)?,
                Step::Submitted => {
                    let scoring = checkin.scoring().cloned().unwrap_or_default();
                    Some(PlainOutcome::Submitted(scoring))
                }
            };
            if let Some(outcome) = next {
                self.out.flush()?;
                return Ok(outcome);
            }
        }
    }

    fn read(&mut self) -> Result<Line, Error> {
        self.out.write_all(strings::PROMPT.as_bytes())?;
        self.out.flush()?;
        let mut raw = String::new();
        if self.input.read_line(&mut raw)? == 0 {
            // Keep the transcript tidy when input ends without a newline.
            writeln!(self.out)?;
            return Ok(Line::Eof);
        }
        let line = raw.trim_end_matches(['\n', '\r']);
        Ok(match line.trim().to_lowercase().as_str() {
            "q" => Line::Stop,
            "b" => Line::Back,
            "h" => Line::Help,
            "" => Line::Empty,
            _ => Line::Other(line.to_string()),
        })
    }

    fn apply_all(&mut self, effects: &[Effect]) -> Result<(), Error> {
        for effect in effects {
            (self.apply)(effect)?;
        }
        Ok(())
    }

    fn stop(&mut self) -> Result<Option<PlainOutcome>, Error> {
        writeln!(
            self.out,
            "\n{} {}",
            strings::SAVED_SO_FAR,
            strings::resume_hint(&self.options.resume_command)
        )?;
        Ok(Some(PlainOutcome::Stopped))
    }

    fn support(&mut self) -> Result<(), Error> {
        for line in strings::support_lines(self.options.support) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    /// Asks the current item until it is answered, skipped, left with `b`,
    /// or the person stops.
    fn ask_item(&mut self, checkin: &mut CheckIn) -> Result<Option<PlainOutcome>, Error> {
        let Some(item) = checkin.current_item().cloned() else {
            return Ok(None);
        };
        let (position, total) = checkin.progress();
        let current = checkin.answer_for(&item.id).cloned();
        // Going back from question 1 would only repeat the instructions.
        let can_go_back =
            checkin.can_go_back() && (position > 1 || checkin.is_editing_from_review());

        let heading = strings::question_heading(position, total);
        if item.required || strings::says_optional(&item.text) {
            writeln!(self.out, "\n{heading}")?;
        } else {
            writeln!(self.out, "\n{heading} {}", strings::OPTIONAL)?;
        }
        if let Some(stem) = &checkin.instrument().stem {
            writeln!(self.out, "{}", strings::stem_line(stem))?;
        }
        writeln!(self.out, "{}", item.text)?;
        // The number shown is the value stored, and what is typed.
        let options = item.options();
        for option in &options {
            writeln!(
                self.out,
                "{}",
                strings::option_line(option.value, &option.label)
            )?;
        }
        if let Some(value) = &current {
            writeln!(
                self.out,
                "{}",
                strings::answer_so_far(&answer_label(&item, value))
            )?;
        }
        let how = match &item.response {
            Response::Choice { .. } | Response::YesNo => {
                let (low, high) = item.value_range().unwrap_or((0, 0));
                strings::answer_choice(low, high)
            }
            Response::Number { min, max, unit } => {
                strings::answer_number(*min, *max, unit.as_deref())
            }
            Response::Text => strings::ANSWER_TEXT.to_string(),
        };
        let hint = strings::prompt_hint(&strings::PromptHint {
            answer: &how,
            has_answer: current.is_some(),
            optional: !item.required,
            can_go_back,
        });
        writeln!(self.out, "{hint}")?;

        loop {
            let result = match self.read()? {
                Line::Eof | Line::Stop => return self.stop(),
                Line::Help => {
                    self.support()?;
                    writeln!(self.out, "{hint}")?;
                    continue;
                }
                Line::Back if can_go_back => checkin.back(),
                Line::Back => Err(CheckInError::AtStart),
                Line::Empty => match &current {
                    Some(value) => checkin.answer(value.clone()),
                    None if !item.required => checkin.skip(),
                    None => {
                        writeln!(self.out, "{} {hint}", strings::NEEDS_AN_ANSWER)?;
                        continue;
                    }
                },
                Line::Other(text) if text.trim() == "-" && !item.required => checkin.skip(),
                Line::Other(text) if text.trim() == "-" && current.is_some() => {
                    writeln!(self.out, "{} {hint}", strings::CANNOT_CLEAR)?;
                    continue;
                }
                Line::Other(text) => match answer_input::read_answer(&item, &text) {
                    Some(value) => checkin.answer(value),
                    None => {
                        writeln!(self.out, "{} {hint}", strings::NOT_A_CHOICE)?;
                        continue;
                    }
                },
            };
            match result {
                Ok(effects) => {
                    self.apply_all(&effects)?;
                    return Ok(None);
                }
                // The hint already says what is accepted.
                Err(CheckInError::NotAllowed { .. }) => {
                    writeln!(self.out, "{} {hint}", strings::OUT_OF_RANGE)?;
                }
                Err(e) => writeln!(self.out, "{e} {hint}")?,
            }
        }
    }

    /// Shows every answer and asks to submit or change one.
    fn review(&mut self, checkin: &mut CheckIn) -> Result<Option<PlainOutcome>, Error> {
        let instrument = checkin.instrument();
        let total = instrument.items.len();
        writeln!(self.out, "\n{}", strings::REVIEW_HEADING)?;
        for (n, item) in instrument.items.iter().enumerate() {
            let answer = match checkin.answer_for(&item.id) {
                Some(value) => answer_label(item, value),
                None if item.required => strings::NO_ANSWER_YET.to_string(),
                None => strings::SKIPPED.to_string(),
            };
            writeln!(
                self.out,
                "{}",
                strings::review_line(n + 1, &item.text, &answer)
            )?;
        }
        let hint = strings::review_hint(total);
        writeln!(self.out, "{hint}")?;
        loop {
            let result = match self.read()? {
                Line::Eof | Line::Stop => return self.stop(),
                Line::Help => {
                    self.support()?;
                    writeln!(self.out, "{hint}")?;
                    continue;
                }
                Line::Back => checkin.back(),
                Line::Empty => checkin.submit(),
                Line::Other(text) => {
                    let text = text.trim().to_lowercase();
                    if text == "y" || text == "yes" {
                        checkin.submit()
                    } else if let Ok(n) = text.parse::<usize>() {
                        match n.checked_sub(1) {
                            Some(index) => checkin.edit(index),
                            None => {
                                let message = strings::no_such_question(0, total);
                                writeln!(self.out, "{message} {hint}")?;
                                continue;
                            }
                        }
                    } else {
                        writeln!(self.out, "{} {hint}", strings::REVIEW_NOT_A_CHOICE)?;
                        continue;
                    }
                }
            };
            match result {
                Ok(effects) => {
                    self.apply_all(&effects)?;
                    if checkin.scoring().is_some() {
                        writeln!(self.out)?;
                        let outcome = (self.options.results)(checkin)?;
                        for line in crate::outcome::text::lines(&outcome) {
                            writeln!(self.out, "{}", line.text)?;
                        }
                    }
                    return Ok(None);
                }
                Err(e) => writeln!(self.out, "{e} {hint}")?,
            }
        }
    }
}

/// Asks, before a new check-in starts, whether it is done alone or
/// together with a counselor, as the full-screen app does: `a` or `c`,
/// Enter keeps `default` (the profile's usual answer). `None` when input
/// ends or the person types `q`.
pub fn ask_with_counselor<R: BufRead, W: Write>(
    input: &mut R,
    output: W,
    default: bool,
) -> Result<Option<bool>, Error> {
    let mut out = TermWriter::new(output);
    writeln!(out, "{}", strings::COUNSELOR_QUESTION)?;
    writeln!(out, "  {}", strings::ALONE_OPTION)?;
    writeln!(out, "  {}", strings::COUNSELOR_OPTION)?;
    loop {
        write!(out, "{}", strings::counselor_prompt(default))?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(None);
        }
        match line.trim().to_lowercase().as_str() {
            "" => return Ok(Some(default)),
            "a" | "alone" => return Ok(Some(false)),
            "c" | "counselor" | "with a counselor" => return Ok(Some(true)),
            "q" => return Ok(None),
            _ => writeln!(out, "{}", strings::COUNSELOR_NOT_A_CHOICE)?,
        }
    }
}

/// The words shown for a stored answer: the option label, the number with
/// its unit, or the text.
fn answer_label(item: &Item, value: &AnswerValue) -> String {
    match value {
        AnswerValue::Number(n) => item.label_for(*n),
        AnswerValue::Text(t) => t.clone(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
