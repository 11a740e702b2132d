//! Keys that work on every screen, after the screen's own: back, hide,
//! support, help and quit (letters where the screen takes no text, function
//! keys where it does), and Ctrl-C, Ctrl-Z and F3, which always work. A screen
//! that binds one of these keys itself keeps it.

use crossterm::event::KeyCode;

use super::screen::{Binding, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Global {
    Back,
    Hide,
    Support,
    Help,
    Quit,
    QuitNow,
    Suspend,
}

const BACK: Binding<Global> = Binding {
    keys: &[Key::Press(KeyCode::Esc)],
    show: "Esc",
    label: "back",
    help: "back one level (never leaves recap)",
    action: Global::Back,
};

/// Where letters are commands.
pub static LETTERS: &[Binding<Global>] = &[
    BACK,
    Binding {
        keys: &[Key::Char('x'), Key::Press(KeyCode::F(3))],
        show: "x",
        label: "hide",
        help: "hide the screen at once (also F3); any key brings it back",
        action: Global::Hide,
    },
    Binding {
        keys: &[Key::Char('s'), Key::Press(KeyCode::F(2))],
        show: "s",
        label: "support",
        help: "support contacts (also F2)",
        action: Global::Support,
    },
    Binding {
        keys: &[Key::Char('?'), Key::Press(KeyCode::F(1))],
        show: "?",
        label: "help",
        help: "these keys (also F1)",
        action: Global::Help,
    },
    Binding {
        keys: &[Key::Char('q')],
        show: "q",
        label: "quit",
        help: "leave recap (every answer is already saved)",
        action: Global::Quit,
    },
];

/// Where letters are text (a free-text answer, a note, a name).
pub static TYPING: &[Binding<Global>] = &[
    BACK,
    Binding {
        keys: &[Key::Press(KeyCode::F(3))],
        show: "F3",
        label: "hide",
        help: "hide the screen at once; any key brings it back",
        action: Global::Hide,
    },
    Binding {
        keys: &[Key::Press(KeyCode::F(2))],
        show: "F2",
        label: "support",
        help: "support contacts",
        action: Global::Support,
    },
    Binding {
        keys: &[Key::Press(KeyCode::F(1))],
        show: "F1",
        label: "help",
        help: "these keys",
        action: Global::Help,
    },
];

/// Always, before anything else (listed in help only).
pub static ALWAYS: &[Binding<Global>] = &[
    Binding {
        keys: &[Key::Ctrl('c'), Key::Ctrl('\\'), Key::Ctrl('4')],
        show: "Ctrl-C",
        label: "",
        help: "leave at once, also Ctrl-\\ (what you typed is saved first)",
        action: Global::QuitNow,
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        show: "Ctrl-Z",
        label: "",
        help: "pause (type fg in the shell to come back)",
        action: Global::Suspend,
    },
    // F3 hides the screen even under a dialog (listed with x above).
    Binding {
        keys: &[Key::Press(KeyCode::F(3))],
        show: "F3",
        label: "",
        help: "",
        action: Global::Hide,
    },
];

/// Every row of these tables (for the check that each is in the footer or
/// help, and the README's keys).
pub fn every_key() -> Vec<super::screen::Shown> {
    super::screen::shown_of(LETTERS.iter().chain(TYPING).chain(ALWAYS))
}
