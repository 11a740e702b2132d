//! The contract every screen and dialog keeps. A screen owns its state and
//! one binding table (`Binding`: keys, the screen's own action, the footer
//! label and the help line); the footer, the `?` help and the key lookup are
//! all built from that table, so they cannot disagree. `update` carries an
//! action out (writing through `ctx.store`) and answers with a `Nav` for the
//! app's routing; `view` draws from state only.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::context::Context;
use crate::error::Result;
use crate::store::error::Temporary;

/// One key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character (with or without Shift).
    Char(char),
    /// A named key (Enter, arrows, F-keys, Tab ...), without Ctrl or Alt.
    Press(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
}

impl Key {
    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl_alt = event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Char(c) => !ctrl_alt && event.code == KeyCode::Char(c),
            Key::Press(code) => !ctrl_alt && event.code == code,
            Key::Ctrl(c) => {
                event.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(event.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
        }
    }
}

/// Enter, Space and the digits: choosing an answer.
pub const CHOOSE: &[Key] = &[
    Key::Press(KeyCode::Enter),
    Key::Char(' '),
    Key::Char('0'),
    Key::Char('1'),
    Key::Char('2'),
    Key::Char('3'),
    Key::Char('4'),
    Key::Char('5'),
    Key::Char('6'),
    Key::Char('7'),
    Key::Char('8'),
    Key::Char('9'),
];

/// The digits 0 to 9, for bindings that take the number typed.
pub const DIGITS: &[Key] = CHOOSE.split_at(2).1;

/// Up and down (arrows and j k).
pub const UP: &[Key] = &[Key::Press(KeyCode::Up), Key::Char('k')];
pub const DOWN: &[Key] = &[Key::Press(KeyCode::Down), Key::Char('j')];
pub const UP_DOWN: &[Key] = &[
    Key::Press(KeyCode::Up),
    Key::Press(KeyCode::Down),
    Key::Char('k'),
    Key::Char('j'),
];
pub const ENTER: &[Key] = &[Key::Press(KeyCode::Enter)];
pub const ESC: &[Key] = &[Key::Press(KeyCode::Esc)];

/// A binding in one line (for tables of many short rows).
pub const fn bind<A>(
    keys: &'static [Key],
    (show, label): (&'static str, &'static str),
    help: &'static str,
    action: A,
) -> Binding<A> {
    Binding {
        keys,
        show,
        label,
        help,
        action,
    }
}

/// ↑↓ (and j k): up or down a row; the key says which.
pub const fn moves<A>(label: &'static str, help: &'static str, action: A) -> Binding<A> {
    Binding {
        keys: UP_DOWN,
        show: "↑↓",
        label,
        help,
        action,
    }
}

/// PageUp / PageDown: a screenful (or ten rows) at a time; help only.
pub const fn pages<A>(help: &'static str, action: A) -> Binding<A> {
    Binding {
        keys: &[Key::Press(KeyCode::PageUp), Key::Press(KeyCode::PageDown)],
        show: "PgUp PgDn",
        label: "",
        help,
        action,
    }
}

/// One row of a binding table.
#[derive(Debug)]
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help, e.g. "Enter", "↑↓".
    pub show: &'static str,
    /// The footer's word(s); empty: listed in help only.
    pub label: &'static str,
    /// The help line.
    pub help: &'static str,
    pub action: A,
}

impl<A> Binding<A> {
    pub fn matches(&self, event: &KeyEvent) -> bool {
        self.keys.iter().any(|k| k.matches(event))
    }

    pub fn shown(&self) -> Shown {
        Shown {
            keys: self.keys,
            show: self.show,
            label: self.label,
            help: self.help,
        }
    }
}

/// Rows of binding tables as the footer and help see them.
pub fn shown_of<'a, A: 'static>(rows: impl IntoIterator<Item = &'a Binding<A>>) -> Vec<Shown> {
    rows.into_iter().map(Binding::shown).collect()
}

/// A binding as the footer and help see it (its action left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub keys: &'static [Key],
    pub show: &'static str,
    pub label: &'static str,
    pub help: &'static str,
}

/// What the app does after a key: the routing between screens.
pub enum Nav {
    Stay,
    /// One level back (the screen below, refreshed).
    Back,
    /// Back to the home screen at the bottom (refreshed).
    Home,
    /// A screen on top of this one.
    Push(Box<dyn Page>),
    /// This screen replaced (a check-in's question, review and results).
    Replace(Box<dyn Page>),
    /// A new bottom screen (the picker).
    Reset(Box<dyn Page>),
    /// Another person's home, with the offer to resume their check-in
    /// (outside a client session only).
    Person(crate::store::Profile),
    /// Ends the client session: the picker, naming no one, comes back.
    EndSession,
    /// A dialog over the screen; its keys come first.
    Dialog(Box<dyn Page>),
    /// Closes the dialog.
    Close,
    /// A calm message in a dialog (any key closes it).
    Notice {
        title: String,
        text: String,
    },
    Help,
    Support,
    Hide,
    /// Ctrl-Z: give the terminal back to the shell.
    Suspend,
    /// Leave recap (asks first only when something unsaved would be lost).
    Quit,
    /// Leave now (Ctrl-C, or "leave" confirmed).
    QuitNow,
}

/// A screen: its own state, actions and binding table.
pub trait Screen: 'static {
    type Action: Copy + 'static;

    /// The bindings that apply now (a filter of the screen's static tables).
    fn bindings(&self, ctx: &Context) -> Vec<&'static Binding<Self::Action>>;

    /// A key no binding takes: text editors turn it into typing.
    fn fallback(&self, _key: KeyEvent) -> Option<Self::Action> {
        None
    }

    /// Carries out an action (`key` is the key that chose it, e.g. a digit).
    fn update(&mut self, action: Self::Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav>;

    /// The header's words after "recap · ".
    fn title(&self, ctx: &Context) -> String;

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context);

    /// Letters are text here (only function keys, Tab and Esc are commands).
    fn typing(&self) -> bool {
        false
    }

    /// The header leaves out whose data is open (the profile picker).
    fn anonymous(&self) -> bool {
        false
    }

    /// A bracketed paste; ignored unless the screen takes text.
    fn paste(&mut self, _text: &str, _ctx: &mut Context) -> Result<Nav> {
        Ok(Nav::Stay)
    }

    /// Called often: saves typed words after a short pause.
    fn tick(&mut self, _ctx: &mut Context) -> Result<()> {
        Ok(())
    }

    /// Saves typed words now (before leaving the screen or recap).
    fn flush(&mut self, _ctx: &mut Context) -> Result<()> {
        Ok(())
    }

    /// Reads the store again after coming back to this screen.
    fn refresh(&mut self, _ctx: &mut Context) -> Result<()> {
        Ok(())
    }

    /// Why something on this screen is not saved yet, if it is not.
    fn unsaved(&self) -> Option<Temporary> {
        None
    }

    /// The footer label of a binding (dialogs may word it their own way).
    fn label(&self, binding: &Binding<Self::Action>) -> &'static str {
        binding.label
    }
}

/// A screen with its action type erased, as the app holds it.
pub trait Page: Any {
    fn keys(&self, ctx: &Context) -> Vec<Shown>;
    /// None: no binding of this screen takes the key.
    fn key(&mut self, key: KeyEvent, ctx: &mut Context) -> Result<Option<Nav>>;
    /// A key no binding (the screen's or a global one) takes: typing.
    fn typed(&mut self, key: KeyEvent, ctx: &mut Context) -> Result<Option<Nav>>;
    fn title(&self, ctx: &Context) -> String;
    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context);
    fn typing(&self) -> bool;
    fn anonymous(&self) -> bool;
    fn paste(&mut self, text: &str, ctx: &mut Context) -> Result<Nav>;
    fn tick(&mut self, ctx: &mut Context) -> Result<()>;
    fn flush(&mut self, ctx: &mut Context) -> Result<()>;
    fn refresh(&mut self, ctx: &mut Context) -> Result<()>;
    fn unsaved(&self) -> Option<Temporary>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<S: Screen> Page for S {
    fn keys(&self, ctx: &Context) -> Vec<Shown> {
        self.bindings(ctx)
            .into_iter()
            .map(|b| Shown {
                label: self.label(b),
                ..b.shown()
            })
            .collect()
    }

    fn key(&mut self, key: KeyEvent, ctx: &mut Context) -> Result<Option<Nav>> {
        let action = self
            .bindings(ctx)
            .into_iter()
            .find(|b| b.matches(&key))
            .map(|b| b.action);
        match action {
            Some(action) => self.update(action, key, ctx).map(Some),
            None => Ok(None),
        }
    }

    fn typed(&mut self, key: KeyEvent, ctx: &mut Context) -> Result<Option<Nav>> {
        match self.fallback(key) {
            Some(action) => self.update(action, key, ctx).map(Some),
            None => Ok(None),
        }
    }

    fn title(&self, ctx: &Context) -> String {
        Screen::title(self, ctx)
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        Screen::view(self, f, area, ctx)
    }

    fn typing(&self) -> bool {
        Screen::typing(self)
    }

    fn anonymous(&self) -> bool {
        Screen::anonymous(self)
    }

    fn paste(&mut self, text: &str, ctx: &mut Context) -> Result<Nav> {
        Screen::paste(self, text, ctx)
    }

    fn tick(&mut self, ctx: &mut Context) -> Result<()> {
        Screen::tick(self, ctx)
    }

    fn flush(&mut self, ctx: &mut Context) -> Result<()> {
        Screen::flush(self, ctx)
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        Screen::refresh(self, ctx)
    }

    fn unsaved(&self) -> Option<Temporary> {
        Screen::unsaved(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Moves a list cursor one row (or `by` rows), staying inside `0..rows`.
pub fn step(selected: usize, rows: usize, up: bool, by: usize) -> usize {
    if rows == 0 {
        0
    } else if up {
        selected.saturating_sub(by)
    } else {
        selected.saturating_add(by).min(rows - 1)
    }
}

/// Pasted text as typed text: line ends as "\n", tabs as spaces, no other
/// control characters.
pub fn pasted_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ")
        .chars()
        .filter(|c| *c == '\n' || !crate::termtext::is_unsafe_in_text(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_with_shift_but_not_with_ctrl() {
        let plain = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        let shifted = KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        let ctrl = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(Key::Char('q').matches(&plain));
        assert!(Key::Char('Q').matches(&shifted));
        assert!(!Key::Char('c').matches(&ctrl));
        assert!(Key::Ctrl('c').matches(&ctrl));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert!(Key::Press(KeyCode::BackTab).matches(&back_tab));
    }

    #[test]
    fn steps_stop_at_the_ends() {
        assert_eq!(step(0, 3, true, 1), 0);
        assert_eq!(step(2, 3, false, 1), 2);
        assert_eq!(step(1, 3, false, 1), 2);
        assert_eq!(step(0, 0, false, 1), 0);
        assert_eq!(step(3, 521, true, 10), 0);
        assert_eq!(step(3, 521, false, 10), 13);
        assert_eq!(step(3, 521, false, usize::MAX), 520);
    }

    #[test]
    fn pasted_text_keeps_lines_and_drops_controls() {
        assert_eq!(pasted_text("a\r\nb\rc\td\u{1b}[31m"), "a\nb\nc d[31m");
    }
}
