//! Setting a goal (its words, its dimension, a first small step), adding a
//! step to a goal or changing a goal's words (the words before are kept), in the person's own words. A goal set from a
//! suggestion keeps where the suggestion came from. Tab moves between the
//! fields; ← → (or 1-4) choose the dimension; Enter saves; Esc leaves
//! without saving.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::error::Result;
use crate::plan::{Dimension, Source};
use crate::store::{NewGoal, StoreError};
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen, pasted_text};
use crate::tui::widgets::editor::{line_input, text_of};

/// What the form makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Making {
    /// A new goal, from a suggestion or the person's own idea.
    Goal { source: Option<Source> },
    /// A step of this goal.
    Step { goal_id: String, goal_text: String },
    /// New words for this goal (the words before are kept in its history).
    Words { goal_id: String },
}

/// The fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Dimension,
    Step,
}

pub struct Form {
    pub making: Making,
    pub text: TextArea<'static>,
    pub dimension: Option<Dimension>,
    pub step: TextArea<'static>,
    pub focus: Field,
    /// Why it was not saved.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Next,
    Save,
    Edit(KeyEvent),
}

static BINDINGS: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Press(KeyCode::Tab), Key::Press(KeyCode::BackTab)],
        show: "Tab",
        label: "next field",
        help: "the next field (Shift-Tab: the one before)",
        action: Action::Next,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Enter)],
        show: "Enter",
        label: "save",
        help: "save; Esc leaves without saving",
        action: Action::Save,
    },
];

pub const GOAL_TITLE: &str = " Your goal, in your own words ";
pub const STEP_TITLE: &str = " A small step (optional) ";
pub const ONLY_STEP_TITLE: &str = " A small step, in your own words ";

impl Form {
    /// A new goal; from a suggestion, its dimension is chosen already.
    pub fn goal(source: Option<Source>, dimension: Option<Dimension>) -> Form {
        Form {
            making: Making::Goal { source },
            text: line_input(GOAL_TITLE, ""),
            dimension,
            step: line_input(STEP_TITLE, ""),
            focus: Field::Text,
            hint: None,
        }
        .show_focus()
    }

    /// New words for a goal, starting from its words now.
    pub fn words(goal_id: String, text: &str) -> Form {
        Form {
            making: Making::Words { goal_id },
            text: line_input(GOAL_TITLE, text),
            dimension: None,
            step: line_input(STEP_TITLE, ""),
            focus: Field::Text,
            hint: None,
        }
        .show_focus()
    }

    /// A new step of a goal.
    pub fn step(goal_id: String, goal_text: String) -> Form {
        Form {
            making: Making::Step { goal_id, goal_text },
            text: line_input(GOAL_TITLE, ""),
            dimension: None,
            step: line_input(ONLY_STEP_TITLE, ""),
            focus: Field::Step,
            hint: None,
        }
        .show_focus()
    }

    /// Only the focused text field shows its cursor.
    fn show_focus(mut self) -> Form {
        self.mark_focus();
        self
    }

    fn mark_focus(&mut self) {
        use ratatui::style::{Modifier, Style};
        let on = Style::new().add_modifier(Modifier::REVERSED);
        let off = Style::new();
        self.text
            .set_cursor_style(if self.focus == Field::Text { on } else { off });
        self.step
            .set_cursor_style(if self.focus == Field::Step { on } else { off });
    }

    fn fields(&self) -> &'static [Field] {
        match self.making {
            Making::Goal { .. } => &[Field::Text, Field::Dimension, Field::Step],
            Making::Step { .. } => &[Field::Step],
            Making::Words { .. } => &[Field::Text],
        }
    }

    fn save(&mut self, ctx: &Context) -> Result<Nav> {
        let written = match &self.making {
            Making::Goal { source } => {
                let step = text_of(&self.step);
                let new = NewGoal {
                    text: text_of(&self.text),
                    dimension: self.dimension,
                    steps: if step.trim().is_empty() {
                        Vec::new()
                    } else {
                        vec![step]
                    },
                    due: None,
                    source: source.clone(),
                };
                ctx.store
                    .add_goal(ctx.profile.id, &new, ctx.now)
                    .map(|_| ())
            }
            Making::Step { goal_id, .. } => ctx
                .store
                .add_goal_step(goal_id, &text_of(&self.step), ctx.now)
                .map(|_| ()),
            Making::Words { goal_id } => ctx
                .store
                .edit_goal(goal_id, &text_of(&self.text), ctx.now)
                .map(|_| ()),
        };
        match written {
            Ok(()) => Ok(Nav::Back),
            Err(StoreError::Input(m)) => {
                self.hint = Some(m);
                Ok(Nav::Stay)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn choose(&mut self, key: KeyEvent) {
        let all = Dimension::ALL;
        let at = self
            .dimension
            .and_then(|d| all.iter().position(|x| *x == d));
        self.dimension = match key.code {
            KeyCode::Right | KeyCode::Down => Some(all[at.map_or(0, |i| (i + 1) % all.len())]),
            KeyCode::Left | KeyCode::Up => {
                Some(all[at.map_or(all.len() - 1, |i| (i + all.len() - 1) % all.len())])
            }
            KeyCode::Char(c @ '1'..='4') => {
                let i = c as usize - '1' as usize;
                all.get(i).copied().or(self.dimension)
            }
            _ => self.dimension,
        };
    }
}

impl Screen for Form {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        BINDINGS
            .iter()
            .filter(|b| b.action != Action::Next || self.fields().len() > 1)
            .collect()
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        Some(Action::Edit(key))
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Next => {
                let fields = self.fields();
                let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
                let next = if key.code == KeyCode::BackTab {
                    (at + fields.len() - 1) % fields.len()
                } else {
                    (at + 1) % fields.len()
                };
                self.focus = fields[next];
                self.mark_focus();
            }
            Action::Save => return self.save(ctx),
            Action::Edit(key) => match self.focus {
                Field::Text => {
                    self.text.input(key);
                }
                Field::Step => {
                    self.step.input(key);
                }
                Field::Dimension => self.choose(key),
            },
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        match &self.making {
            Making::Goal { .. } => "New goal".into(),
            Making::Step { .. } => "New step".into(),
            Making::Words { .. } => "The goal's words".into(),
        }
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn typing(&self) -> bool {
        true
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        let one_line = pasted_text(text).replace('\n', " ");
        match self.focus {
            Field::Text => {
                self.text.insert_str(one_line);
            }
            Field::Step => {
                self.step.insert_str(one_line);
            }
            Field::Dimension => {}
        }
        Ok(Nav::Stay)
    }
}

#[cfg(test)]
impl Form {
    /// Puts words into the focused field as if typed.
    pub fn type_words(&mut self, text: &str) {
        match self.focus {
            Field::Text => {
                self.text.insert_str(text);
            }
            Field::Step => {
                self.step.insert_str(text);
            }
            Field::Dimension => {}
        }
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
