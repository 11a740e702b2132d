//! What a key means on the trends screen and its detail views. Keys not
//! listed here (s support, ? help, q quit, Ctrl-C) keep their meaning
//! everywhere and are left to the app's own key handling.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Detail, TrendsState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendAction {
    /// Tab / →: the next questionnaire.
    NextQuestionnaire,
    /// Shift-Tab / ←: the previous questionnaire.
    PreviousQuestionnaire,
    /// c: the next score view (e.g. all dimensions, overall, each dimension).
    NextView,
    /// w: 4 weeks, 3 months, 1 year, all time.
    NextWindow,
    /// d: latest-versus-previous bars for the subscales.
    ToggleOverview,
    Up,
    Down,
    /// PageUp / PageDown: ten rows at a time; Home / End: first or last row.
    PageUp,
    PageDown,
    First,
    Last,
    /// Enter: open the highlighted check-in or item (or start a first check-in).
    Open,
    /// Space: mark the highlighted check-in for comparing.
    Mark,
    /// Esc / Backspace / h: the view below, or home.
    Back,
    /// In an item's history: the previous or next item.
    PreviousItem,
    NextItem,
}

/// The action for `key`, or None to let the app's own keys apply.
pub fn action_for(state: &TrendsState, key: KeyEvent) -> Option<TrendAction> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    let common = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(TrendAction::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(TrendAction::Down),
        KeyCode::PageUp => Some(TrendAction::PageUp),
        KeyCode::PageDown => Some(TrendAction::PageDown),
        KeyCode::Home => Some(TrendAction::First),
        KeyCode::End => Some(TrendAction::Last),
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Char('h') => Some(TrendAction::Back),
        _ => None,
    };
    match state.stack.last() {
        None => common.or(match key.code {
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => {
                Some(TrendAction::NextQuestionnaire)
            }
            KeyCode::BackTab | KeyCode::Left => Some(TrendAction::PreviousQuestionnaire),
            KeyCode::Char('c') => Some(TrendAction::NextView),
            KeyCode::Char('w') => Some(TrendAction::NextWindow),
            KeyCode::Char('d') if state.overview.is_some() => Some(TrendAction::ToggleOverview),
            KeyCode::Enter => Some(TrendAction::Open),
            KeyCode::Char(' ') => Some(TrendAction::Mark),
            _ => None,
        }),
        Some(Detail::Session(_) | Detail::Compare(_)) => common.or(match key.code {
            KeyCode::Enter => Some(TrendAction::Open),
            _ => None,
        }),
        Some(Detail::Item(_)) => common.or(match key.code {
            KeyCode::Left | KeyCode::BackTab => Some(TrendAction::PreviousItem),
            KeyCode::Right | KeyCode::Tab => Some(TrendAction::NextItem),
            _ => None,
        }),
    }
}
