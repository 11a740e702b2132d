//! Boxes drawn over a screen: help (the keys of the current screen), support
//! contacts, leave / set-aside confirmations and the offer to resume.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use crate::store::error::Temporary;
use crate::strings;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::widgets::chrome::dialog;

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let keys: Vec<(&str, &str)> = match &app.screen {
        Screen::Home(_) => vec![
            ("↑ ↓ / j k", "move between check-ins"),
            ("Enter", "start or continue the selected check-in"),
            ("d", "set aside the selected unfinished check-in"),
            ("n", "notes"),
            ("p", "people (profiles)"),
            ("r", "write this person's report (HTML)"),
            ("t", "scores over time for the selected check-in"),
        ],
        Screen::CheckIn(_) => vec![
            ("↑ ↓ / j k", "move between options"),
            ("0-9", "choose the answer with that number"),
            ("Enter / Space", "choose the highlighted option"),
            ("b / ←", "back to the previous question"),
            ("n / →", "skip (optional questions only)"),
            ("Tab", "save free text and go on"),
            ("Shift-Tab", "back, from a free-text question"),
        ],
        Screen::Results(_) => vec![
            ("↑ ↓", "scroll"),
            ("Enter / h", "back to home"),
            ("t", "scores over time"),
            ("n", "write a note about this check-in"),
        ],
        Screen::Profiles(_) => vec![
            ("↑ ↓ / j k", "move between people"),
            ("Enter", "open this person's check-ins"),
            ("a", "add a person"),
            ("r", "rename"),
            ("d", "archive (check-ins are kept)"),
        ],
        Screen::Notes(_) => vec![
            ("↑ ↓ / j k", "move between notes"),
            ("a", "write a new note"),
            ("Enter / e", "change the note"),
            ("d", "delete the note (asks first)"),
            ("Tab", "save, while writing"),
            ("Esc", "stop writing (asks to save)"),
            ("h", "back to home"),
        ],
        Screen::Trends(state) => crate::tui::screens::trends::help_keys(state),
    };
    let mut lines: Vec<Line<'static>> = keys
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:<14}"), theme.accent()),
                Span::raw(what.to_string()),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    // On the trends screen Esc goes back rather than leaving.
    let leave_keys = if matches!(app.screen, Screen::Trends(_)) {
        "q"
    } else {
        "q / Esc"
    };
    for (k, what) in [
        ("s / F2", "support contacts"),
        ("? / F1", "this help"),
        (leave_keys, "leave (answers are always saved)"),
        ("x / F3", "hide the screen at once"),
        ("Ctrl-C", "leave at once"),
        ("Ctrl-Z", "pause (type fg in the shell to come back)"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{k:<14}"), theme.accent()),
            Span::raw(what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::ANY_KEY_TO_CLOSE, theme.muted()));
    lines
}

fn support_lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let built_in = app.support.is_default;
    let intro = if built_in {
        strings::SUPPORT_INTRO
    } else {
        strings::SUPPORT_INTRO_OWN
    };
    let mut lines = vec![Line::raw(intro), Line::raw("")];
    for c in &app.support.contacts {
        lines.push(Line::styled(c.name.clone(), theme.accent()));
        lines.push(Line::raw(format!("  {}", c.detail)));
    }
    lines.push(Line::raw(""));
    let hint = if built_in {
        strings::SUPPORT_CONFIG_HINT
    } else {
        strings::SUPPORT_OWN_HINT
    };
    lines.push(Line::styled(hint, theme.muted()));
    lines.push(Line::styled(strings::ANY_KEY_TO_CLOSE, theme.muted()));
    lines
}

/// The answer on screen could not be written yet: what happened, and the
/// two ways on (try again, or leave knowing it is not saved).
pub fn not_saved(f: &mut Frame, app: &App, problem: Temporary) {
    let theme = app.theme;
    dialog(
        f,
        theme,
        strings::NOT_SAVED_TITLE,
        vec![
            Line::raw(strings::answer_not_saved(problem)),
            Line::raw(""),
            Line::from(vec![
                Span::styled("r", theme.accent()),
                Span::raw(" try again   "),
                Span::styled("q", theme.accent()),
                Span::raw(" leave (this answer is not saved)"),
            ]),
        ],
        64,
    );
}

pub fn render(f: &mut Frame, app: &App, overlay: &Overlay) {
    let theme = app.theme;
    match overlay {
        Overlay::Notice { title, text } => dialog(
            f,
            theme,
            title,
            vec![
                Line::raw(text.clone()),
                Line::raw(""),
                Line::styled(strings::ANY_KEY_TO_CLOSE, theme.muted()),
            ],
            64,
        ),
        Overlay::Help => dialog(f, theme, strings::HELP_TITLE, help_lines(app), 64),
        Overlay::Support => dialog(f, theme, strings::SUPPORT_TITLE, support_lines(app), 70),
        Overlay::ConfirmQuit => dialog(
            f,
            theme,
            strings::LEAVE_TITLE,
            vec![
                Line::raw(if app.unsaved_answer().is_some() {
                    strings::LEAVE_UNSAVED
                } else {
                    strings::LEAVE_SAVED
                }),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", theme.accent()),
                    Span::raw(" leave   "),
                    Span::styled("n", theme.accent()),
                    Span::raw(" keep going"),
                ]),
            ],
            60,
        ),
        Overlay::ConfirmDiscard { title, .. } => dialog(
            f,
            theme,
            strings::DISCARD_TITLE,
            vec![
                Line::raw(strings::discard_question(title)),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", theme.accent()),
                    Span::raw(" set it aside   "),
                    Span::styled("n", theme.accent()),
                    Span::raw(" keep it"),
                ]),
            ],
            60,
        ),
        Overlay::WithCounselor { with_counselor, .. } => {
            let option = |on: bool, text: &'static str| {
                let marker = if on { "› (●) " } else { "  ( ) " };
                Line::styled(
                    format!("{marker}{text}"),
                    if on {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                )
            };
            dialog(
                f,
                theme,
                strings::COUNSELOR_TITLE,
                vec![
                    Line::raw(strings::COUNSELOR_QUESTION),
                    Line::raw(""),
                    option(!*with_counselor, strings::ALONE_OPTION),
                    option(*with_counselor, strings::COUNSELOR_OPTION),
                    Line::raw(""),
                    Line::styled("Enter confirm   Esc cancel", theme.muted()),
                ],
                60,
            )
        }
        Overlay::Resume {
            title,
            answered,
            total,
            ..
        } => dialog(
            f,
            theme,
            strings::RESUME_TITLE,
            vec![
                Line::raw(strings::resume_question(title, *answered, *total)),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("Enter", theme.accent()),
                    Span::raw(" continue   "),
                    Span::styled("l", theme.accent()),
                    Span::raw(" later   "),
                    Span::styled("d", theme.accent()),
                    Span::raw(" set aside"),
                ]),
            ],
            60,
        ),
    }
}
