//! A question answered by typing a name exactly, before something that
//! cannot be undone (deleting a person and everything of theirs): Enter
//! does it only when the name typed is the name (`names::normalise`), Esc
//! keeps everything. What it does is a closure, as in `confirm`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::error::Result;
use crate::store::names::normalise;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen, bind, pasted_text};

type OnMatch = Box<dyn FnOnce(&mut Context) -> Result<Nav>>;

pub struct TypeName {
    pub title: &'static str,
    pub text: String,
    /// The name to type.
    expected: String,
    /// What is typed so far.
    pub typed: String,
    /// The words for the two answers, e.g. "delete" and "keep".
    pub answers: super::Answers,
    /// The name typed differs (after Enter).
    pub differs: bool,
    on_match: Option<OnMatch>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Yes,
    No,
    Erase,
    Type(char),
}

static BINDINGS: &[Binding<Action>] = &[
    bind(
        &[Key::Press(KeyCode::Enter)],
        ("Enter", "yes"),
        "do it, when the name typed is the name",
        Action::Yes,
    ),
    bind(
        &[Key::Press(KeyCode::Esc)],
        ("Esc", "no"),
        "keep everything",
        Action::No,
    ),
    bind(
        &[Key::Press(KeyCode::Backspace)],
        ("Backspace", ""),
        "erase the last letter typed",
        Action::Erase,
    ),
];

impl TypeName {
    pub fn new(
        title: &'static str,
        text: String,
        expected: String,
        answers: super::Answers,
        on_match: impl FnOnce(&mut Context) -> Result<Nav> + 'static,
    ) -> TypeName {
        TypeName {
            title,
            text,
            expected,
            typed: String::new(),
            answers,
            differs: false,
            on_match: Some(Box::new(on_match)),
        }
    }
}

impl Screen for TypeName {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS.iter().collect()
    }

    fn label(&self, binding: &Binding<Action>) -> &'static str {
        let answer = match binding.action {
            Action::Yes => Some(true),
            Action::No => Some(false),
            _ => None,
        };
        super::answer_label(answer, self.answers, binding.label)
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        let command = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if !command && !crate::termtext::is_unsafe_in_text(c) => {
                Some(Action::Type(c))
            }
            _ => None,
        }
    }

    fn typing(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, _key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Yes if normalise(&self.typed) == normalise(&self.expected) => {
                match self.on_match.take() {
                    Some(on_match) => on_match(ctx),
                    None => Ok(Nav::Close),
                }
            }
            Action::Yes => {
                self.differs = true;
                Ok(Nav::Stay)
            }
            Action::No => Ok(Nav::Close),
            Action::Erase => {
                self.typed.pop();
                self.differs = false;
                Ok(Nav::Stay)
            }
            Action::Type(c) => {
                self.typed.push(c);
                self.differs = false;
                Ok(Nav::Stay)
            }
        }
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        self.typed.push_str(&pasted_text(text).replace('\n', " "));
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        self.title.to_string()
    }

    fn view(&self, f: &mut Frame, _area: Rect, ctx: &Context) {
        let mut lines = vec![
            Line::raw(self.text.clone()),
            Line::raw(""),
            Line::styled(format!("> {}▏", self.typed), ctx.theme.accent()),
        ];
        if self.differs {
            lines.push(Line::raw(strings::DELETE_NAME_DIFFERS));
        }
        super::draw(f, ctx, self, self.title, lines, 64);
    }
}

/// Every row of this dialog's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
