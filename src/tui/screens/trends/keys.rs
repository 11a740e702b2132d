//! The trends screen's keys: the chart with its check-ins (or the empty
//! states), a check-in's answers, a comparison and one question's history.

use crossterm::event::KeyCode;

use crate::tui::screen::{Binding, ENTER, Key, bind, moves, pages};

use Action::{NextQuestionnaire as Next, PreviousQuestionnaire as Previous};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Tab / →: the next questionnaire; Shift-Tab / ←: the previous.
    NextQuestionnaire,
    PreviousQuestionnaire,
    /// c: the next score view (e.g. all dimensions, overall, each dimension).
    NextView,
    /// w: 4 weeks, 3 months, 1 year, all time.
    NextWindow,
    /// d: latest-versus-previous bars for the subscales.
    ToggleOverview,
    /// Up or down a row (the key says which).
    Move,
    /// PageUp / PageDown: ten rows at a time.
    Page,
    /// Home / End: the first or last row.
    Ends,
    /// Enter: open the highlighted check-in or item (or start a first check-in).
    Open,
    /// Space: mark the highlighted check-in for comparing.
    Mark,
    /// Esc / Backspace / h: the view below, or back to the screen before.
    Back,
    /// In an item's history: the previous or next item (the key says which).
    OtherItem,
    PreviousItem,
    NextItem,
    /// n: a note about the check-in shown.
    Note,
    /// D: move the check-in shown to the trash (asks first; u undoes).
    Delete,
    /// a: correct the highlighted answer (with a reason; the original is kept).
    Amend,
}

const MOVE: Binding<Action> = moves("move", "move between rows (also j k)", Action::Move);

const PAGE: Binding<Action> = pages("ten rows at a time", Action::Page);

const HOME_END: &[Key] = &[Key::Press(KeyCode::Home), Key::Press(KeyCode::End)];
const ESC_BS_H: &[Key] = &[
    Key::Press(KeyCode::Esc),
    Key::Press(KeyCode::Backspace),
    Key::Char('h'),
];
const TAB_RIGHT_L: &[Key] = &[
    Key::Press(KeyCode::Tab),
    Key::Press(KeyCode::Right),
    Key::Char('l'),
];
const BACKTAB_LEFT: &[Key] = &[Key::Press(KeyCode::BackTab), Key::Press(KeyCode::Left)];

// One binding a line: this table reads best as a table.
type B = Binding<Action>;
#[rustfmt::skip]
const ENDS: B = bind(HOME_END, ("Home End", ""), "the first or the last row", Action::Ends);
#[rustfmt::skip]
const BACK: B = bind(ESC_BS_H, ("Esc", "back"), "back one level (also Backspace, h)", Action::Back);
#[rustfmt::skip]
const NEXT: B = bind(TAB_RIGHT_L, ("Tab", ""), "the next questionnaire (also →, l)", Next);
#[rustfmt::skip]
const PREVIOUS: B = bind(BACKTAB_LEFT, ("Shift-Tab", ""), "the previous questionnaire (also ←)", Previous);
#[rustfmt::skip]
const VIEW: B = bind(&[Key::Char('c')], ("c", ""), "the next score or subscale", Action::NextView);
#[rustfmt::skip]
const WINDOW: B = bind(&[Key::Char('w')], ("w", ""), "the period: 4 weeks, 3 months, 1 year, all", Action::NextWindow);

/// The chart and the check-ins under it.
pub static MAIN: &[Binding<Action>] = &[
    MOVE,
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "open",
        help: "the answers of the highlighted check-in",
        action: Action::Open,
    },
    Binding {
        keys: &[Key::Char(' ')],
        show: "Space",
        label: "compare",
        help: "mark two check-ins to compare them",
        action: Action::Mark,
    },
    Binding {
        keys: &[Key::Char('d')],
        show: "d",
        label: "bars",
        help: "latest against previous as bars, and back",
        action: Action::ToggleOverview,
    },
    NEXT,
    PREVIOUS,
    VIEW,
    WINDOW,
    PAGE,
    ENDS,
    BACK,
];

/// Nothing recorded yet for this questionnaire.
pub static EMPTY: &[Binding<Action>] = &[
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "check in now",
        help: "do a first check-in of this questionnaire",
        action: Action::Open,
    },
    Binding {
        label: "next questionnaire",
        ..NEXT
    },
    PREVIOUS,
    BACK,
];

/// Check-ins exist, but none in the period chosen.
pub static WINDOW_EMPTY: &[Binding<Action>] = &[
    Binding {
        label: "longer period",
        ..WINDOW
    },
    Binding {
        label: "next questionnaire",
        ..NEXT
    },
    PREVIOUS,
    VIEW,
    BACK,
];

/// One check-in's answers, or two compared.
pub static DETAIL: &[Binding<Action>] = &[
    MOVE,
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "over time",
        help: "the highlighted question over time",
        action: Action::Open,
    },
    crate::tui::screens::notes::note_key(Action::Note),
    Binding {
        keys: &[Key::Char('a')],
        show: "a",
        label: "amend",
        help: "correct the highlighted answer (with a reason, kept)",
        action: Action::Amend,
    },
    Binding {
        keys: &[Key::Char('D')],
        show: "D",
        label: "delete",
        help: "move this check-in to the trash (asks first; u undoes it)",
        action: Action::Delete,
    },
    PAGE,
    ENDS,
    BACK,
];

/// One question's answers over time.
pub static ITEM: &[Binding<Action>] = &[
    Binding {
        keys: &[
            Key::Press(KeyCode::Left),
            Key::Press(KeyCode::Right),
            Key::Press(KeyCode::BackTab),
            Key::Press(KeyCode::Tab),
        ],
        show: "←→",
        label: "other question",
        help: "the previous or next question (also Shift-Tab, Tab)",
        action: Action::OtherItem,
    },
    BACK,
];

/// No questionnaires at all.
pub static BACK_ONLY: &[Binding<Action>] = &[BACK];

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(
        MAIN.iter()
            .chain(EMPTY)
            .chain(WINDOW_EMPTY)
            .chain(DETAIL)
            .chain(ITEM)
            .chain(BACK_ONLY),
    )
}
