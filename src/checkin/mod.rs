//! The check-in state machine: one questionnaire asked item by item, with no
//! knowledge of terminals or SQL. Every action returns the effects the caller
//! must apply to the store before going on, so each answer is durable the
//! moment it is given. The TUI, the plain line mode and `record` all drive it.

pub mod answer_input;

use std::fmt;

use crate::instrument::{AnswerValue, Answers, Instrument, Item, Response, Scoring, score};
use crate::strings;

/// Where a check-in is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The questionnaire's instructions, before the first question.
    Intro,
    /// Asking the item at this index (0-based, file order).
    Item(usize),
    /// All questions seen: a last look before submitting.
    Review,
    /// Submitted and scored; nothing more to do.
    Submitted,
}

/// What the caller must do, in order, before the next action.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Store (insert or replace) the answer to an item.
    SaveAnswer { item_id: String, value: AnswerValue },
    /// Remove a stored answer (an optional item was skipped or cleared).
    ClearAnswer { item_id: String },
    /// Mark the session complete with these scores.
    Complete { scoring: Scoring },
}

/// Why an action was not taken. The state is unchanged when one is returned.
/// `Display` gives a calm, person-facing sentence from `strings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInError {
    /// The number is not accepted by the item; `allowed` says what is, in the
    /// words of `Item::check_value`.
    NotAllowed { allowed: String },
    /// A number was given to a free-text item.
    NeedsText,
    /// Free text longer than `max` characters (`import::limits`).
    TooLong { length: usize, max: usize },
    /// Text was given to a choice, yes/no or number item.
    NeedsNumber,
    /// A required item cannot be skipped or left empty.
    Required,
    /// Submitting while these required items (0-based indexes) have no answer.
    Unanswered(Vec<usize>),
    /// `edit` with an index past the last item.
    NoSuchItem { index: usize, total: usize },
    /// `back` at the very start.
    AtStart,
    /// The action does not apply to the current step.
    NotNow,
    /// The check-in was already submitted.
    AlreadySubmitted,
}

impl fmt::Display for CheckInError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckInError::NotAllowed { allowed } => f.write_str(&strings::not_allowed(allowed)),
            CheckInError::NeedsText => f.write_str(strings::NEEDS_TEXT),
            CheckInError::TooLong { length, max } => f.write_str(&strings::too_long(*length, *max)),
            CheckInError::NeedsNumber => f.write_str(strings::NEEDS_NUMBER),
            CheckInError::Required => f.write_str(strings::REQUIRED),
            CheckInError::Unanswered(indexes) => {
                let numbers: Vec<usize> = indexes.iter().map(|i| i + 1).collect();
                f.write_str(&strings::unanswered(&numbers))
            }
            CheckInError::NoSuchItem { index, total } => {
                f.write_str(&strings::no_such_question(index.saturating_add(1), *total))
            }
            CheckInError::AtStart => f.write_str(strings::AT_START),
            CheckInError::NotNow => f.write_str(strings::NOT_NOW),
            CheckInError::AlreadySubmitted => f.write_str(strings::ALREADY_SUBMITTED),
        }
    }
}

impl std::error::Error for CheckInError {}

impl From<CheckInError> for crate::error::Error {
    fn from(e: CheckInError) -> Self {
        crate::error::Error::Input(e.to_string())
    }
}

/// Checks one answer against its item and normalises it: numbers must be
/// allowed by the item, text is trimmed. `Ok(None)` means "no answer" (empty
/// text on an optional item); empty text on a required item is `Required`.
/// `record` can use this to check answers without walking a check-in.
pub fn check_answer(item: &Item, value: AnswerValue) -> Result<Option<AnswerValue>, CheckInError> {
    match (&item.response, value) {
        (Response::Text, AnswerValue::Text(text)) => {
            let text = text.trim();
            if text.is_empty() {
                if item.required {
                    Err(CheckInError::Required)
                } else {
                    Ok(None)
                }
            } else if crate::import::limits::text_answer(text).is_err() {
                Err(CheckInError::TooLong {
                    length: text.chars().count(),
                    max: crate::import::limits::MAX_TEXT_ANSWER_CHARS,
                })
            } else {
                Ok(Some(AnswerValue::Text(text.to_string())))
            }
        }
        (Response::Text, AnswerValue::Number(_)) => Err(CheckInError::NeedsText),
        (_, AnswerValue::Text(_)) => Err(CheckInError::NeedsNumber),
        (_, AnswerValue::Number(n)) => item
            .check_value(n)
            .map(|()| Some(AnswerValue::Number(n)))
            .map_err(|allowed| CheckInError::NotAllowed { allowed }),
    }
}

/// One check-in in progress. Cloning is cheap enough to take a snapshot
/// before an action and restore it if applying the effects fails.
#[derive(Debug, Clone)]
pub struct CheckIn {
    instrument: Instrument,
    answers: Answers,
    step: Step,
    /// The current item was opened with `edit` from the review: answering,
    /// skipping or going back returns to the review.
    editing_from_review: bool,
    scoring: Option<Scoring>,
}

impl CheckIn {
    /// Starts a check-in, or resumes one with the answers already stored.
    ///
    /// Fresh (no answers): at `Intro` when the questionnaire has instructions,
    /// otherwise at the first item. Resumed: at the first unanswered required
    /// item; if there is none, at the first unanswered item after the last
    /// answered one (a trailing optional reflection not reached yet); otherwise
    /// at `Review`.
    pub fn new(instrument: Instrument, answers: Answers) -> CheckIn {
        let step = if answers.is_empty() {
            if instrument.instructions.is_some() {
                Step::Intro
            } else {
                first_step(&instrument)
            }
        } else {
            resume_step(&instrument, &answers)
        };
        CheckIn {
            instrument,
            answers,
            step,
            editing_from_review: false,
            scoring: None,
        }
    }

    pub fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    pub fn step(&self) -> Step {
        self.step
    }

    /// The item being asked, if any.
    pub fn current_item(&self) -> Option<&Item> {
        match self.step {
            Step::Item(i) => self.instrument.items.get(i),
            _ => None,
        }
    }

    /// Index of the item being asked, if any.
    pub fn current_index(&self) -> Option<usize> {
        match self.step {
            Step::Item(i) => Some(i),
            _ => None,
        }
    }

    /// (position, total): position is the 1-based item number; 0 at `Intro`,
    /// `total` at `Review` and `Submitted`.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.instrument.items.len();
        let position = match self.step {
            Step::Intro => 0,
            Step::Item(i) => i + 1,
            Step::Review | Step::Submitted => total,
        };
        (position, total)
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn answer_for(&self, item_id: &str) -> Option<&AnswerValue> {
        self.answers.get(item_id)
    }

    /// The current item was opened from the review with `edit`.
    pub fn is_editing_from_review(&self) -> bool {
        self.editing_from_review
    }

    /// Whether `back` would move somewhere.
    pub fn can_go_back(&self) -> bool {
        match self.step {
            Step::Intro | Step::Submitted => false,
            Step::Item(0) => self.editing_from_review || self.instrument.instructions.is_some(),
            Step::Item(_) | Step::Review => true,
        }
    }

    /// Required items (0-based indexes) that have no answer yet.
    pub fn unanswered_required(&self) -> Vec<usize> {
        self.instrument
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.required && !self.answers.contains_key(&item.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// The scores, once submitted.
    pub fn scoring(&self) -> Option<&Scoring> {
        self.scoring.as_ref()
    }

    /// From the instructions to the first item.
    pub fn begin(&mut self) -> Result<Vec<Effect>, CheckInError> {
        self.not_submitted()?;
        if self.step != Step::Intro {
            return Err(CheckInError::NotNow);
        }
        self.step = first_step(&self.instrument);
        Ok(Vec::new())
    }

    /// Answers the current item and moves on: to the next item, or to the
    /// review after the last item or when editing from the review. Giving the
    /// answer that is already stored moves on without an effect. Empty text on
    /// an optional item is a skip.
    pub fn answer(&mut self, value: AnswerValue) -> Result<Vec<Effect>, CheckInError> {
        let (index, item) = self.asking()?;
        let effects = match check_answer(item, value)? {
            None => self.clear(index),
            Some(value) => {
                let item_id = item.id.clone();
                if self.answers.get(&item_id) == Some(&value) {
                    Vec::new()
                } else {
                    self.answers.insert(item_id.clone(), value.clone());
                    vec![Effect::SaveAnswer { item_id, value }]
                }
            }
        };
        self.advance(index);
        Ok(effects)
    }

    /// Keeps words typed into the current free-text item as its answer
    /// without moving on, so they are saved while typing: empty text clears
    /// the answer (required or not; `answer` still insists later). Returns
    /// the effects of the change, none when nothing changed.
    pub fn draft(&mut self, text: &str) -> Result<Vec<Effect>, CheckInError> {
        let (index, item) = self.asking()?;
        if item.response != Response::Text {
            return Err(CheckInError::NeedsNumber);
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Ok(self.clear(index));
        }
        let Some(value) = check_answer(item, AnswerValue::Text(trimmed.to_string()))? else {
            return Ok(self.clear(index));
        };
        let item_id = item.id.clone();
        if self.answers.get(&item_id) == Some(&value) {
            return Ok(Vec::new());
        }
        self.answers.insert(item_id.clone(), value.clone());
        Ok(vec![Effect::SaveAnswer { item_id, value }])
    }

    /// Leaves the current (optional) item unanswered, clearing any stored
    /// answer, and moves on as `answer` does.
    pub fn skip(&mut self) -> Result<Vec<Effect>, CheckInError> {
        let (index, item) = self.asking()?;
        if item.required {
            return Err(CheckInError::Required);
        }
        let effects = self.clear(index);
        self.advance(index);
        Ok(effects)
    }

    /// One step back: to the previous item (or the instructions), from the
    /// review to the last item, and from an item opened with `edit` back to
    /// the review, with nothing changed.
    pub fn back(&mut self) -> Result<Vec<Effect>, CheckInError> {
        self.not_submitted()?;
        self.step = match self.step {
            Step::Item(_) if self.editing_from_review => {
                self.editing_from_review = false;
                Step::Review
            }
            Step::Item(0) if self.instrument.instructions.is_some() => Step::Intro,
            Step::Item(0) | Step::Intro => return Err(CheckInError::AtStart),
            Step::Item(i) => Step::Item(i - 1),
            Step::Review => match self.instrument.items.len() {
                0 => return Err(CheckInError::AtStart),
                n => Step::Item(n - 1),
            },
            Step::Submitted => return Err(CheckInError::AlreadySubmitted),
        };
        Ok(Vec::new())
    }

    /// From the review, opens an item (0-based) to change its answer; the
    /// next answer, skip or back returns to the review.
    pub fn edit(&mut self, index: usize) -> Result<Vec<Effect>, CheckInError> {
        self.not_submitted()?;
        if self.step != Step::Review {
            return Err(CheckInError::NotNow);
        }
        let total = self.instrument.items.len();
        if index >= total {
            return Err(CheckInError::NoSuchItem { index, total });
        }
        self.step = Step::Item(index);
        self.editing_from_review = true;
        Ok(Vec::new())
    }

    /// Finishes the check-in: refused with the unanswered required items,
    /// otherwise scores the answers and returns `Complete`. Allowed from any
    /// step before `Submitted`, so `record` can submit a full set at once.
    pub fn submit(&mut self) -> Result<Vec<Effect>, CheckInError> {
        self.not_submitted()?;
        let missing = self.unanswered_required();
        if !missing.is_empty() {
            return Err(CheckInError::Unanswered(missing));
        }
        let scoring = score(&self.instrument, &self.answers);
        self.scoring = Some(scoring.clone());
        self.step = Step::Submitted;
        self.editing_from_review = false;
        Ok(vec![Effect::Complete { scoring }])
    }

    fn not_submitted(&self) -> Result<(), CheckInError> {
        if self.step == Step::Submitted {
            Err(CheckInError::AlreadySubmitted)
        } else {
            Ok(())
        }
    }

    fn asking(&self) -> Result<(usize, &Item), CheckInError> {
        self.not_submitted()?;
        match self.step {
            Step::Item(i) => self
                .instrument
                .items
                .get(i)
                .map(|item| (i, item))
                .ok_or(CheckInError::NotNow),
            _ => Err(CheckInError::NotNow),
        }
    }

    fn clear(&mut self, index: usize) -> Vec<Effect> {
        let Some(item) = self.instrument.items.get(index) else {
            return Vec::new();
        };
        match self.answers.remove(&item.id) {
            Some(_) => vec![Effect::ClearAnswer {
                item_id: item.id.clone(),
            }],
            None => Vec::new(),
        }
    }

    fn advance(&mut self, index: usize) {
        let next = index + 1;
        self.step = if self.editing_from_review || next >= self.instrument.items.len() {
            Step::Review
        } else {
            Step::Item(next)
        };
        self.editing_from_review = false;
    }
}

fn first_step(instrument: &Instrument) -> Step {
    if instrument.items.is_empty() {
        Step::Review
    } else {
        Step::Item(0)
    }
}

fn resume_step(instrument: &Instrument, answers: &Answers) -> Step {
    let items = &instrument.items;
    if let Some(i) = items
        .iter()
        .position(|item| item.required && !answers.contains_key(&item.id))
    {
        return Step::Item(i);
    }
    let after_last = items
        .iter()
        .rposition(|item| answers.contains_key(&item.id))
        .map_or(0, |i| i + 1);
    match items[after_last.min(items.len())..]
        .iter()
        .position(|item| !answers.contains_key(&item.id))
    {
        Some(offset) => Step::Item(after_last + offset),
        None => Step::Review,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests;
