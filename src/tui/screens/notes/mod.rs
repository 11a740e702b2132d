//! Notes on the current person, newest first, each saying which check-in
//! it is about; a multi-line editor that writes the note while it is typed
//! (`tui::draft`), and a confirmation before deleting. A note written here
//! carries the counselor's name from config.toml and starts private or
//! shared as config.toml says (`Context::note_meta`); `v` switches it.

mod view;

#[cfg(test)]
mod tests;

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::error::{Error, Result};
use crate::store::error::Temporary;
use crate::store::{Note, StoreError, Visibility};
use crate::strings;
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::draft::Draft;
use crate::tui::screen::{Binding, Key, Nav, Screen, moves, pasted_text, step};
use crate::tui::widgets::editor::{editor, text_of};

/// Writing or changing one note.
pub struct Editor {
    /// The note once it is stored (a new note is stored with its first words).
    pub note_id: Option<String>,
    /// The note was there before this editor opened.
    existed: bool,
    pub session_id: Option<String>,
    pub area: TextArea<'static>,
    /// The words last written.
    saved: String,
    draft: Draft,
}

pub struct Notes {
    pub notes: Vec<Note>,
    /// What each note is about, e.g. "about BARC-10 of 17 Nov 2026".
    pub about: Vec<Option<String>>,
    pub selected: usize,
    pub editor: Option<Editor>,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Open,
    Add,
    Delete,
    Share,
    Private,
    Done,
    Edit(KeyEvent),
}

static LIST: &[Binding<Action>] = &[
    moves("", "move between notes (also j k)", Action::Move),
    Binding {
        keys: &[Key::Char('a')],
        show: "a",
        label: "add",
        help: "write a new note",
        action: Action::Add,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Char('e')],
        show: "Enter",
        label: "edit",
        help: "change the highlighted note (also e)",
        action: Action::Open,
    },
    Binding {
        keys: &[Key::Char('d'), Key::Press(KeyCode::Delete)],
        show: "d",
        label: "delete",
        help: "delete the highlighted note (asks first)",
        action: Action::Delete,
    },
    Binding {
        keys: &[Key::Char('v')],
        show: "v",
        label: "share",
        help: "make this note shared: it goes into reports and exports",
        action: Action::Share,
    },
    Binding {
        keys: &[Key::Char('v')],
        show: "v",
        label: "make private",
        help: "make this note private: out of reports and exports",
        action: Action::Private,
    },
];

static WRITING: &[Binding<Action>] = &[Binding {
    keys: &[Key::Press(KeyCode::Esc), Key::Press(KeyCode::Tab)],
    show: "Esc",
    label: "done",
    help: "stop writing (the note is saved as you type; also Tab)",
    action: Action::Done,
}];

/// n on a check-in (its results, its answers): a note about it.
pub const fn note_key<A>(action: A) -> Binding<A> {
    Binding {
        keys: &[Key::Char('n')],
        show: "n",
        label: "note",
        help: "write a note about this check-in",
        action,
    }
}

fn note_editor(note_id: Option<String>, session_id: Option<String>, text: &str) -> Editor {
    let title = if session_id.is_some() {
        strings::NOTE_ON_SESSION_TITLE
    } else {
        strings::NOTE_TITLE
    };
    Editor {
        existed: note_id.is_some(),
        note_id,
        session_id,
        area: editor(title, text, strings::NOTE_PLACEHOLDER),
        saved: text.to_string(),
        draft: Draft::default(),
    }
}

/// "about BARC-10 of 17 Nov 2026" for a note on a check-in.
fn about(ctx: &Context, note: &Note) -> Result<Option<String>> {
    let Some(id) = &note.session_id else {
        return Ok(None);
    };
    Ok(ctx.store.session(id)?.map(|s| {
        let title = ctx
            .catalog
            .get(&s.questionnaire_id)
            .map_or(s.questionnaire_id.clone(), |l| {
                l.instrument.short_title.clone()
            });
        strings::note_about(&title, &ctx.zone.short_date(s.lived()))
    }))
}

impl Notes {
    /// The notes of this person; with `session_id`, straight into a new
    /// note about that check-in.
    pub fn open(ctx: &Context, session_id: Option<String>) -> Result<Notes> {
        let mut notes = Notes {
            notes: Vec::new(),
            about: Vec::new(),
            selected: 0,
            editor: session_id.map(|s| note_editor(None, Some(s), "")),
            hint: None,
        };
        notes.reload(ctx)?;
        Ok(notes)
    }

    fn reload(&mut self, ctx: &Context) -> Result<()> {
        self.notes = ctx.store.notes(ctx.profile.id)?;
        self.about = self
            .notes
            .iter()
            .map(|n| about(ctx, n))
            .collect::<Result<_>>()?;
        self.selected = self.selected.min(self.notes.len().saturating_sub(1));
        Ok(())
    }

    /// Writes the editor's words if they changed (a new note is stored
    /// with its first words).
    fn keep(&mut self, ctx: &Context) -> Result<()> {
        let Some(ed) = &mut self.editor else {
            return Ok(());
        };
        let body = text_of(&ed.area);
        if body.trim().is_empty() || body == ed.saved {
            ed.draft.written();
            return Ok(());
        }
        let written = match &ed.note_id {
            Some(id) => ctx
                .store
                .update_note_as(id, &body, ctx.note_author.as_deref(), ctx.now)
                .map(|_| ()),
            None => ctx
                .store
                .add_note_as(
                    ctx.profile.id,
                    ed.session_id.as_deref(),
                    &body,
                    &ctx.note_meta(),
                    ctx.now,
                )
                .map(|n| ed.note_id = Some(n.id)),
        };
        match written {
            Ok(()) => {
                ed.saved = body;
                ed.draft.written();
            }
            Err(e) => match e.temporary() {
                Some(kind) => ed.draft.failed(kind),
                None => match e {
                    // Too long: say so; the words stay in the editor.
                    StoreError::Input(message) => {
                        ed.draft.written();
                        self.hint = Some(message);
                    }
                    e => return Err(e.into()),
                },
            },
        }
        Ok(())
    }

    /// Stops writing: the words are written (an empty new note is not kept).
    fn done(&mut self, ctx: &Context) -> Result<()> {
        if let Some(ed) = &mut self.editor {
            ed.draft.touch(true);
        }
        self.keep(ctx)?;
        if let Some(kind) = Screen::unsaved(self) {
            return Err(Error::Temporary(kind));
        }
        let Some(ed) = self.editor.take() else {
            return Ok(());
        };
        let empty = text_of(&ed.area).trim().is_empty();
        self.hint = Some(
            match (&ed.note_id, empty, ed.existed) {
                (None, _, _) => strings::NOTE_NOT_KEPT_EMPTY,
                (Some(id), true, false) => {
                    ctx.store
                        .delete_note_as(id, ctx.note_author.as_deref(), ctx.now)?;
                    strings::NOTE_NOT_KEPT_EMPTY
                }
                (Some(_), true, true) => strings::NOTE_EMPTY_KEPT_OLD,
                (Some(_), false, _) => strings::NOTE_SAVED,
            }
            .to_string(),
        );
        self.reload(ctx)?;
        if let Some(id) = &ed.note_id {
            self.selected = self.notes.iter().position(|n| &n.id == id).unwrap_or(0);
        }
        Ok(())
    }

    fn delete(&self) -> Option<Nav> {
        let note = self.notes.get(self.selected)?;
        let id = note.id.clone();
        Some(Nav::Dialog(Box::new(Confirm::new(
            strings::NOTE_DELETE_TITLE,
            strings::NOTE_DELETE_QUESTION.to_string(),
            ("delete", "keep"),
            move |ctx| {
                ctx.store
                    .delete_note_as(&id, ctx.note_author.as_deref(), ctx.now)?;
                let mut notes = Notes::open(ctx, None)?;
                notes.hint = Some(strings::NOTE_DELETED.to_string());
                Ok(Nav::Replace(Box::new(notes)))
            },
        ))))
    }
}

impl Screen for Notes {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        if self.editor.is_some() {
            return WRITING.iter().collect();
        }
        let visibility = self.notes.get(self.selected).map(|n| n.visibility);
        LIST.iter()
            .filter(|b| match b.action {
                Action::Open | Action::Delete => !self.notes.is_empty(),
                Action::Share => visibility == Some(Visibility::Private),
                Action::Private => visibility == Some(Visibility::Shared),
                _ => true,
            })
            .collect()
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        self.editor.is_some().then_some(Action::Edit(key))
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Move => {
                let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
                self.selected = step(self.selected, self.notes.len(), up, 1);
            }
            Action::Open => {
                if let Some(note) = self.notes.get(self.selected) {
                    self.editor = Some(note_editor(
                        Some(note.id.clone()),
                        note.session_id.clone(),
                        &note.body,
                    ));
                    self.hint = None;
                }
            }
            Action::Add => {
                self.editor = Some(note_editor(None, None, ""));
                self.hint = None;
            }
            Action::Delete => return Ok(self.delete().unwrap_or(Nav::Stay)),
            Action::Share | Action::Private => {
                if let Some(note) = self.notes.get(self.selected) {
                    let visibility = if action == Action::Share {
                        Visibility::Shared
                    } else {
                        Visibility::Private
                    };
                    let id = note.id.clone();
                    ctx.store.set_note_visibility(
                        &id,
                        visibility,
                        ctx.note_author.as_deref(),
                        ctx.now,
                    )?;
                    self.reload(ctx)?;
                    self.hint = Some(strings::capitalised(strings::note_kept(visibility)) + ".");
                }
            }
            Action::Done => self.done(ctx)?,
            Action::Edit(key) => {
                if let Some(ed) = &mut self.editor
                    && ed.area.input(key)
                {
                    ed.draft.touch(key.code == KeyCode::Enter);
                }
            }
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::NOTES_HEADER.to_string()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn typing(&self) -> bool {
        self.editor.is_some()
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        if let Some(ed) = &mut self.editor {
            ed.area.insert_str(pasted_text(text));
            ed.draft.touch(true);
        }
        Ok(Nav::Stay)
    }

    fn tick(&mut self, ctx: &mut Context) -> Result<()> {
        if self
            .editor
            .as_ref()
            .is_some_and(|e| e.draft.due(Instant::now()))
        {
            self.keep(ctx)?;
        }
        Ok(())
    }

    fn flush(&mut self, ctx: &mut Context) -> Result<()> {
        if let Some(ed) = &mut self.editor {
            ed.draft.touch(true);
        }
        self.keep(ctx)?;
        match Screen::unsaved(self) {
            Some(kind) => Err(Error::Temporary(kind)),
            None => Ok(()),
        }
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        self.reload(ctx)
    }

    fn unsaved(&self) -> Option<Temporary> {
        self.editor
            .as_ref()
            .and_then(|e| e.draft.problem.map(|(kind, _)| kind))
    }
}

#[cfg(test)]
impl Notes {
    /// Puts words into the open editor as if typed.
    pub fn type_words(&mut self, text: &str) {
        if let Some(ed) = &mut self.editor {
            ed.area.insert_str(text);
            ed.draft.touch(false);
        }
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(LIST.iter().chain(WRITING))
}
