//! The guided walk-through on the network screen: `network::review::ReviewFlow`
//! driven by keys. Each entry in turn (keep, change, remove; a change asks
//! every question of its kind, Enter keeping an answer), then new entries
//! until the person has none. The keys become the same words the line mode
//! reads; every change is stored before the next question.

use ratatui_textarea::TextArea;

use crate::network::model::Entry;
use crate::network::review::{Ask, Prompt, ReviewFlow};
use crate::tui::widgets::editor::{line_input, text_of};

/// What the keys do at the current prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Keep, change or remove an entry.
    Decide,
    /// A name is typed (a change's new name, or a new entry).
    Name,
    /// A new entry's name, or Enter to finish.
    More,
    /// A choice by number, y/n or "-", Enter keeping (or skipping) it.
    Choose(Ask),
    Done,
}

pub struct Walk {
    pub flow: ReviewFlow,
    /// A name being typed.
    pub name: TextArea<'static>,
    /// Why the last answer was not taken.
    pub error: Option<String>,
}

impl Walk {
    pub fn new(entries: Vec<Entry>) -> Walk {
        Walk {
            flow: ReviewFlow::new(entries),
            name: line_input(" Name ", ""),
            error: None,
        }
    }

    pub fn input(&self) -> Input {
        match self.flow.prompt() {
            Prompt::Decide { .. } => Input::Decide,
            Prompt::Ask { ask: Ask::Name, .. } => Input::Name,
            Prompt::Ask { ask, .. } => Input::Choose(ask),
            Prompt::More { .. } => Input::More,
            Prompt::Done => Input::Done,
        }
    }

    /// Whether the prompt is about a change to an entry already there
    /// (Enter keeps an answer) rather than a new one.
    pub fn changing(&self) -> bool {
        matches!(
            self.flow.prompt(),
            Prompt::Ask {
                before: Some(_),
                ..
            }
        )
    }

    pub fn typed(&self) -> String {
        text_of(&self.name).replace('\n', " ")
    }

    /// Clears the name typed (after it was taken).
    pub fn clear_name(&mut self) {
        self.name = line_input(" Name ", "");
    }
}
