//! The check-in's keys: the instructions, a choice, number or free-text
//! question, and an answer waiting to be written.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::screen::{Binding, CHOOSE, DIGITS, ENTER, Key, moves};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Begin,
    /// Up or down (the key says which).
    Move,
    /// The number key typed: the answer whose number that is.
    Choose,
    /// Enter: the highlighted option, or the number typed.
    Select,
    /// A digit of a number answer.
    Digit,
    Erase,
    /// The previous question.
    Previous,
    Skip,
    /// Free text: save and go on.
    SaveText,
    /// Any other key, into the text editor.
    Edit(KeyEvent),
    /// Write the answer that could not be saved yet.
    Retry,
    /// Esc: back to home; the check-in waits there.
    Leave,
}

/// Esc on every step (and on the review): the check-in waits on home.
pub const fn to_home<A>(action: A) -> Binding<A> {
    Binding {
        keys: &[Key::Press(KeyCode::Esc)],
        show: "Esc",
        label: "home",
        help: "back to home; the check-in waits there, every answer saved",
        action,
    }
}

/// b, ← and Backspace: the question before (on the review, the last one).
pub const fn previous<A>(action: A) -> Binding<A> {
    Binding {
        keys: &[
            Key::Char('b'),
            Key::Press(KeyCode::Left),
            Key::Press(KeyCode::Backspace),
        ],
        show: "b",
        label: "back",
        help: "the question before (also ← and Backspace)",
        action,
    }
}

const LEAVE: Binding<Action> = to_home(Action::Leave);

pub static INTRO: &[Binding<Action>] = &[
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "begin",
        help: "begin with the first question",
        action: Action::Begin,
    },
    LEAVE,
];

const PREVIOUS: Binding<Action> = previous(Action::Previous);

const SKIP: Binding<Action> = Binding {
    keys: &[Key::Char('n'), Key::Press(KeyCode::Right)],
    show: "n",
    label: "skip",
    help: "skip this question (optional ones only; also →)",
    action: Action::Skip,
};

/// A choice or yes/no question.
pub static CHOICE: &[Binding<Action>] = &[
    moves("move", "move between the answers (also j k)", Action::Move),
    Binding {
        keys: CHOOSE,
        show: "Enter/0-9",
        label: "choose",
        help: "choose: the highlighted answer, or the number pressed",
        action: Action::Choose,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Char(' ')],
        show: "Enter",
        label: "choose",
        help: "choose the highlighted answer (also Space)",
        action: Action::Select,
    },
    PREVIOUS,
    SKIP,
    LEAVE,
];

/// A number question.
pub static NUMBER: &[Binding<Action>] = &[
    Binding {
        keys: DIGITS,
        show: "0-9",
        label: "type",
        help: "type the number",
        action: Action::Digit,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Backspace)],
        show: "Backspace",
        label: "",
        help: "rub out the last digit",
        action: Action::Erase,
    },
    moves("", "one more or one less", Action::Move),
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "save",
        help: "save the number and go on",
        action: Action::Select,
    },
    Binding {
        keys: &[Key::Char('b'), Key::Press(KeyCode::Left)],
        help: "the question before (also ←)",
        ..PREVIOUS
    },
    SKIP,
    LEAVE,
];

/// A free-text question: letters are text.
pub static TEXT: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Press(KeyCode::Tab)],
        show: "Tab",
        label: "save and go on",
        help: "go on (your words are saved as you type)",
        action: Action::SaveText,
    },
    Binding {
        keys: &[Key::Press(KeyCode::BackTab)],
        show: "Shift-Tab",
        label: "back",
        help: "the previous question",
        action: Action::Previous,
    },
    LEAVE,
];

/// An answer could not be written yet.
pub static PENDING: &[Binding<Action>] = &[Binding {
    keys: &[Key::Char('r'), Key::Char('R'), Key::Press(KeyCode::Enter)],
    show: "r",
    label: "try again",
    help: "write the answer again",
    action: Action::Retry,
}];

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(
        INTRO
            .iter()
            .chain(CHOICE)
            .chain(NUMBER)
            .chain(TEXT)
            .chain(PENDING),
    )
}
