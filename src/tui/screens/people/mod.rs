//! The profile picker: each person with their last check-in and what is
//! due, never their scores (`trends::people`). Open, add, rename and
//! archive from here.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::error::Result;
use crate::strings;
use crate::trends::people::{PersonRow, people};
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::screen::{Binding, ENTER, ESC, Key, Nav, Screen, moves, pasted_text, step};
use crate::tui::widgets::editor::{line_input, text_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    List,
    Add,
    Rename,
}

pub struct People {
    pub rows: Vec<PersonRow>,
    pub selected: usize,
    pub mode: Mode,
    /// The name being typed (add / rename).
    pub input: TextArea<'static>,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Open,
    Move,
    Add,
    Rename,
    Archive,
    Save,
    Cancel,
    Edit(KeyEvent),
}

static LIST: &[Binding<Action>] = &[
    moves("", "move between people (also j k)", Action::Move),
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "open",
        help: "open this person's check-ins",
        action: Action::Open,
    },
    Binding {
        keys: &[Key::Char('a')],
        show: "a",
        label: "add",
        help: "add a person",
        action: Action::Add,
    },
    Binding {
        keys: &[Key::Char('r')],
        show: "r",
        label: "rename",
        help: "rename the highlighted person",
        action: Action::Rename,
    },
    Binding {
        keys: &[Key::Char('d'), Key::Press(KeyCode::Delete)],
        show: "d",
        label: "archive",
        help: "archive this person (asks first; check-ins are kept)",
        action: Action::Archive,
    },
];

static TYPING: &[Binding<Action>] = &[
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Press(KeyCode::Tab)],
        show: "Enter",
        label: "save",
        help: "save the name (also Tab)",
        action: Action::Save,
    },
    Binding {
        keys: ESC,
        show: "Esc",
        label: "cancel",
        help: "stop without saving the name",
        action: Action::Cancel,
    },
];

impl People {
    pub fn load(ctx: &Context) -> Result<People> {
        let rows = people(&ctx.store, &ctx.catalog, ctx.now)?;
        let selected = rows
            .iter()
            .position(|r| r.profile.id == ctx.profile.id)
            .unwrap_or(0);
        Ok(People {
            rows,
            selected,
            mode: Mode::List,
            input: line_input(strings::NAME_INPUT_TITLE, ""),
            hint: None,
        })
    }

    fn name(&self) -> String {
        text_of(&self.input).replace('\n', " ").trim().to_string()
    }

    fn save(&mut self, ctx: &mut Context) -> Result<Nav> {
        let name = self.name();
        let result = match (self.mode, self.rows.get(self.selected)) {
            (Mode::Add, _) => ctx.store.add_profile(&name, ctx.now),
            (Mode::Rename, Some(row)) => ctx.store.rename_profile(&row.profile.name.clone(), &name),
            _ => return Ok(Nav::Stay),
        };
        match result {
            Ok(saved) => {
                if saved.id == ctx.profile.id {
                    ctx.profile = saved.clone();
                }
                *self = People::load(ctx)?;
                self.selected = self
                    .rows
                    .iter()
                    .position(|r| r.profile.id == saved.id)
                    .unwrap_or(0);
            }
            // A clash or an empty name: say so and let the person correct it.
            Err(crate::store::StoreError::Input(message)) => self.hint = Some(message),
            Err(e) => return Err(e.into()),
        }
        Ok(Nav::Stay)
    }

    fn archive(&self) -> Option<Nav> {
        let row = self.rows.get(self.selected)?;
        let name = row.profile.name.clone();
        let id = row.profile.id;
        Some(Nav::Dialog(Box::new(Confirm::new(
            strings::ARCHIVE_TITLE,
            strings::archive_question(&name),
            ("archive", "keep"),
            move |ctx| {
                ctx.store.archive_profile(&name, ctx.now)?;
                let mut picker = People::load(ctx)?;
                picker.hint = Some(strings::archived(&name));
                // The person whose data was open is gone: the picker is all there is.
                Ok(if id == ctx.profile.id {
                    picker.selected = 0;
                    Nav::Reset(Box::new(picker))
                } else {
                    Nav::Replace(Box::new(picker))
                })
            },
        ))))
    }
}

impl Screen for People {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        match self.mode {
            Mode::List => LIST
                .iter()
                .filter(|b| {
                    !matches!(b.action, Action::Open | Action::Rename | Action::Archive)
                        || !self.rows.is_empty()
                })
                .collect(),
            Mode::Add | Mode::Rename => TYPING.iter().collect(),
        }
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        (self.mode != Mode::List).then_some(Action::Edit(key))
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Move => {
                let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
                self.selected = step(self.selected, self.rows.len(), up, 1);
            }
            Action::Open => {
                if let Some(row) = self.rows.get(self.selected) {
                    return Ok(Nav::Person(row.profile.clone()));
                }
            }
            Action::Add => {
                self.mode = Mode::Add;
                self.input = line_input(strings::NAME_INPUT_TITLE, "");
                self.hint = None;
            }
            Action::Rename => {
                if let Some(row) = self.rows.get(self.selected) {
                    self.input = line_input(strings::NAME_INPUT_TITLE, &row.profile.name);
                    self.mode = Mode::Rename;
                    self.hint = None;
                }
            }
            Action::Archive => return Ok(self.archive().unwrap_or(Nav::Stay)),
            Action::Save => return self.save(ctx),
            Action::Cancel => {
                self.mode = Mode::List;
                self.hint = None;
            }
            Action::Edit(key) => {
                // One line only: Enter saves, never a new line.
                self.input.input(key);
                self.hint = None;
            }
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::PEOPLE_HEADER.to_string()
    }

    fn anonymous(&self) -> bool {
        true
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn typing(&self) -> bool {
        self.mode != Mode::List
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        if Screen::typing(self) {
            self.input.insert_str(pasted_text(text).replace('\n', " "));
        }
        Ok(Nav::Stay)
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        let (selected, hint) = (self.selected, self.hint.take());
        *self = People::load(ctx)?;
        self.selected = selected.min(self.rows.len().saturating_sub(1));
        self.hint = hint;
        Ok(())
    }
}
