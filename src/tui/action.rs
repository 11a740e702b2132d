//! What a key means on the current screen. `action_for` reads state only;
//! `update` (update.rs) carries the action out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Overlay, ProfilesMode, Screen};
use crate::checkin::Step;
use crate::instrument::Response;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// q / Esc: leave (asks first during a check-in).
    Quit,
    /// Ctrl-C: leave at once (every answer is already saved).
    ForceQuit,
    /// Yes in the "leave?" dialog.
    QuitConfirmed,
    CloseOverlay,
    Help,
    Support,
    Up,
    Down,
    /// Enter on the current row or option.
    Activate,
    /// Back to the home screen.
    Home,
    /// Set aside the selected unfinished check-in (asks first).
    Discard,
    DiscardConfirmed,
    /// Continue the unfinished check-in offered at start.
    Resume,
    /// Intro -> first question.
    Begin,
    /// Choose the option whose value (the number shown) is this (number keys).
    Choose(i64),
    Digit(char),
    Backspace,
    Skip,
    Back,
    /// Save the free text and go on.
    SaveText,
    /// Any other key for the text editor.
    Edit(KeyEvent),
    /// Blank the screen at once (privacy); any key brings it back.
    Hide,
    Unhide,
    /// Alone (false) or with a counselor (true), at the start of a check-in.
    Counselor(bool),
    /// Open the profile picker / the notes of this profile.
    Profiles,
    Notes,
    /// Profiles and notes: add, rename, archive / delete, save, cancel.
    Add,
    Rename,
    Remove,
    Confirm,
    Cancel,
    /// Save the note or name being typed.
    Save,
    /// Write a note about the session on screen.
    NoteOnSession,
    /// Write this profile's report (HTML) into the reports folder.
    Report,
    /// t: the trends of the highlighted (or just finished) questionnaire.
    OpenTrends,
    /// A key on the trends screen.
    Trend(super::trends::TrendAction),
    /// r / Enter: write the answer that could not be saved yet.
    Retry,
    /// Ctrl-Z: give the terminal back to the shell until `fg` (the event
    /// loop does this; it needs the terminal).
    Suspend,
}

/// Ctrl-C, or Ctrl-\ (quit, as the terminal would do outside raw mode).
fn ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(
            key.code,
            KeyCode::Char('c') | KeyCode::Char('C') | KeyCode::Char('\\') | KeyCode::Char('4')
        )
}

fn ctrl_z(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z') | KeyCode::Char('Z'))
}

/// Whether keys are going into a text field (letters are text, not commands).
pub fn typing(app: &App) -> bool {
    match &app.screen {
        Screen::CheckIn(c) => {
            matches!(c.machine.step(), Step::Item(_))
                && matches!(
                    c.machine.current_item().map(|i| &i.response),
                    Some(Response::Text)
                )
        }
        Screen::Notes(n) => n.editor.is_some(),
        Screen::Profiles(p) => matches!(p.mode, ProfilesMode::Add | ProfilesMode::Rename),
        _ => false,
    }
}

/// The action a key stands for here, or None when it means nothing here.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if ctrl_c(&key) {
        return Some(Action::ForceQuit);
    }
    if ctrl_z(&key) {
        return Some(Action::Suspend);
    }
    if app.hidden {
        return Some(Action::Unhide);
    }
    if key.code == KeyCode::F(3) {
        return Some(Action::Hide);
    }
    if let Some(overlay) = &app.overlay {
        return match overlay {
            Overlay::Notice { .. } => Some(Action::CloseOverlay),
            Overlay::Help | Overlay::Support => match key.code {
                KeyCode::Char('q') if !app.in_check_in() => Some(Action::Quit),
                _ => Some(Action::CloseOverlay),
            },
            Overlay::ConfirmQuit => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter | KeyCode::Char('q') => {
                    Some(Action::QuitConfirmed)
                }
                KeyCode::Char('s') => Some(Action::Support),
                _ => Some(Action::CloseOverlay),
            },
            Overlay::ConfirmDiscard { .. } => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::DiscardConfirmed),
                _ => Some(Action::CloseOverlay),
            },
            Overlay::WithCounselor { with_counselor, .. } => match key.code {
                KeyCode::Char('a') => Some(Action::Counselor(false)),
                KeyCode::Char('c') => Some(Action::Counselor(true)),
                KeyCode::Enter => Some(Action::Counselor(*with_counselor)),
                KeyCode::Up | KeyCode::Down | KeyCode::Char('j') | KeyCode::Char('k') => {
                    Some(Action::Down)
                }
                KeyCode::Char('x') => Some(Action::Hide),
                _ => Some(Action::CloseOverlay),
            },
            Overlay::Resume { .. } => match key.code {
                KeyCode::Enter | KeyCode::Char('c') => Some(Action::Resume),
                KeyCode::Char('d') => Some(Action::Discard),
                KeyCode::Char('q') => Some(Action::Quit),
                KeyCode::Char('s') => Some(Action::Support),
                KeyCode::Char('?') => Some(Action::Help),
                _ => Some(Action::CloseOverlay),
            },
        };
    }
    // An answer waits to be written: try again, or leave (nothing else, so
    // the kept answer cannot be changed or passed by mistake).
    if let Screen::CheckIn(c) = &app.screen
        && c.pending.is_some()
    {
        return match key.code {
            KeyCode::Char('r') | KeyCode::Char('R') | KeyCode::Enter => Some(Action::Retry),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
            KeyCode::Char('s') | KeyCode::F(2) => Some(Action::Support),
            KeyCode::Char('x') => Some(Action::Hide),
            _ => None,
        };
    }
    if let Screen::Trends(state) = &app.screen
        && matches!(state.stack.last(), Some(super::trends::Detail::Session(_)))
        && key.code == KeyCode::Char('n')
    {
        return Some(Action::NoteOnSession);
    }
    if let Screen::Trends(state) = &app.screen
        && let Some(a) = super::trends::keys::action_for(state, key)
    {
        return Some(Action::Trend(a));
    }
    // Keys that work the same on every screen (but not while typing text).
    let typing = typing(app);
    let editing_text = matches!(&app.screen, Screen::Notes(n) if n.editor.is_some())
        || matches!(&app.screen, Screen::Profiles(p) if matches!(p.mode, ProfilesMode::Add | ProfilesMode::Rename));
    match key.code {
        KeyCode::F(1) => return Some(Action::Help),
        KeyCode::F(2) => return Some(Action::Support),
        KeyCode::Esc if editing_text => return Some(Action::Cancel),
        KeyCode::Esc => return Some(Action::Quit),
        KeyCode::Char('x') if !typing => return Some(Action::Hide),
        KeyCode::Char('?') if !typing => return Some(Action::Help),
        KeyCode::Char('s') if !typing => return Some(Action::Support),
        KeyCode::Char('q') if !typing => return Some(Action::Quit),
        _ => {}
    }
    match &app.screen {
        Screen::Home(_) => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Activate),
            KeyCode::Char('d') => Some(Action::Discard),
            KeyCode::Char('n') => Some(Action::Notes),
            KeyCode::Char('p') => Some(Action::Profiles),
            KeyCode::Char('r') => Some(Action::Report),
            KeyCode::Char('t') => Some(Action::OpenTrends),
            _ => None,
        },
        Screen::Profiles(p) => match p.mode {
            ProfilesMode::Add | ProfilesMode::Rename => match key.code {
                KeyCode::Enter | KeyCode::Tab => Some(Action::Save),
                _ => Some(Action::Edit(key)),
            },
            ProfilesMode::ConfirmArchive => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Confirm),
                _ => Some(Action::Cancel),
            },
            ProfilesMode::List => match key.code {
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                KeyCode::Enter => Some(Action::Activate),
                KeyCode::Char('a') => Some(Action::Add),
                KeyCode::Char('r') => Some(Action::Rename),
                KeyCode::Char('d') | KeyCode::Delete => Some(Action::Remove),
                KeyCode::Char('h') => Some(Action::Home),
                _ => None,
            },
        },
        Screen::Notes(n) => match (&n.editor, n.confirm_delete) {
            (Some(editor), _) if editor.confirm_leave => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Save),
                KeyCode::Char('n') | KeyCode::Char('N') => Some(Action::Confirm),
                _ => Some(Action::Cancel),
            },
            (Some(_), _) => match key.code {
                KeyCode::Tab => Some(Action::Save),
                _ => Some(Action::Edit(key)),
            },
            (None, true) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Confirm),
                _ => Some(Action::Cancel),
            },
            (None, false) => match key.code {
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                KeyCode::Enter | KeyCode::Char('e') => Some(Action::Activate),
                KeyCode::Char('a') => Some(Action::Add),
                KeyCode::Char('d') | KeyCode::Delete => Some(Action::Remove),
                KeyCode::Char('h') => Some(Action::Home),
                _ => None,
            },
        },
        Screen::Results(_) => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter | KeyCode::Char('h') => Some(Action::Home),
            KeyCode::Char('n') => Some(Action::NoteOnSession),
            KeyCode::Char('t') => Some(Action::OpenTrends),
            _ => None,
        },
        Screen::Trends(_) => None,
        Screen::CheckIn(c) => match c.machine.step() {
            Step::Intro => match key.code {
                KeyCode::Enter => Some(Action::Begin),
                _ => None,
            },
            Step::Review | Step::Submitted => match key.code {
                KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                KeyCode::Enter => Some(Action::Activate),
                KeyCode::Char('b') | KeyCode::Left | KeyCode::Backspace => Some(Action::Back),
                _ => None,
            },
            Step::Item(_) => {
                let response = c.machine.current_item().map(|i| i.response.clone());
                match response {
                    Some(Response::Text) => match key.code {
                        KeyCode::Tab => Some(Action::SaveText),
                        KeyCode::BackTab => Some(Action::Back),
                        _ => Some(Action::Edit(key)),
                    },
                    Some(Response::Number { .. }) => match key.code {
                        KeyCode::Char(d) if d.is_ascii_digit() => Some(Action::Digit(d)),
                        KeyCode::Backspace => Some(Action::Backspace),
                        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                        KeyCode::Enter => Some(Action::Activate),
                        KeyCode::Char('b') | KeyCode::Left => Some(Action::Back),
                        KeyCode::Char('n') | KeyCode::Right => Some(Action::Skip),
                        _ => None,
                    },
                    _ => match key.code {
                        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
                        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
                        KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Activate),
                        KeyCode::Char(d) if d.is_ascii_digit() => {
                            d.to_digit(10).map(|v| Action::Choose(i64::from(v)))
                        }
                        KeyCode::Char('b') | KeyCode::Left | KeyCode::Backspace => {
                            Some(Action::Back)
                        }
                        KeyCode::Char('n') | KeyCode::Right => Some(Action::Skip),
                        _ => None,
                    },
                }
            }
        },
    }
}
