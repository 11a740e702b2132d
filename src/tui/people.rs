//! Counselor features of the app: the profile picker (add, rename, archive,
//! switch), notes (write, edit, delete) and their updates.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::app::{App, NoteEditor, NotesState, ProfilesMode, ProfilesState, Screen};
use crate::error::Result;
use crate::strings;

fn single_line(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.set_cursor_line_style(ratatui::style::Style::new());
    input.set_block(ratatui::widgets::Block::bordered().title(strings::NAME_INPUT_TITLE));
    input
}

fn note_editor(note_id: Option<String>, session_id: Option<String>, text: &str) -> NoteEditor {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut editor = TextArea::new(lines);
    editor.set_cursor_line_style(ratatui::style::Style::new());
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor.set_block(
        ratatui::widgets::Block::bordered()
            .border_type(ratatui::widgets::BorderType::Rounded)
            .title(if session_id.is_some() {
                strings::NOTE_ON_SESSION_TITLE
            } else {
                strings::NOTE_TITLE
            }),
    );
    NoteEditor {
        note_id,
        session_id,
        editor,
        original: text.to_string(),
        confirm_leave: false,
    }
}

impl App {
    /// The profile picker.
    pub fn show_profiles(&mut self) -> Result<()> {
        let rows = self.load_profiles()?;
        let selected = rows
            .iter()
            .position(|r| r.profile.id == self.profile.id)
            .unwrap_or(0);
        self.overlay = None;
        self.screen = Screen::Profiles(Box::new(ProfilesState {
            rows,
            selected,
            mode: ProfilesMode::List,
            input: single_line(""),
            hint: None,
        }));
        Ok(())
    }

    /// The notes of the current profile; with `session`, straight into a new note about it.
    pub fn show_notes(&mut self, session: Option<String>) -> Result<()> {
        let notes = self.store.notes(self.profile.id)?;
        let editor = session.map(|s| note_editor(None, Some(s), ""));
        self.screen = Screen::Notes(Box::new(NotesState {
            notes,
            selected: 0,
            editor,
            confirm_delete: false,
            hint: None,
        }));
        Ok(())
    }

    pub(super) fn edit_people(&mut self, key: KeyEvent) {
        match &mut self.screen {
            Screen::Profiles(p) => {
                // One line only: Enter saves (handled as an action), never a new line.
                p.input.input(key);
                p.hint = None;
            }
            Screen::Notes(n) => {
                if let Some(editor) = &mut n.editor {
                    editor.editor.input(key);
                }
            }
            _ => {}
        }
    }

    pub(super) fn activate_people(&mut self) -> Result<()> {
        match &mut self.screen {
            Screen::Profiles(p) => {
                if let Some(row) = p.rows.get(p.selected) {
                    let profile = row.profile.clone();
                    self.open_profile(profile)?;
                }
            }
            Screen::Notes(n) => {
                if let Some(note) = n.notes.get(n.selected) {
                    n.editor = Some(note_editor(
                        Some(note.id.clone()),
                        note.session_id.clone(),
                        &note.body,
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn update_people(&mut self, action: Action) -> Result<()> {
        let now = self.now;
        match &mut self.screen {
            Screen::Profiles(p) => match (p.mode, action) {
                (ProfilesMode::List, Action::Add) => {
                    p.mode = ProfilesMode::Add;
                    p.input = single_line("");
                }
                (ProfilesMode::List, Action::Rename) => {
                    if let Some(row) = p.rows.get(p.selected) {
                        p.input = single_line(&row.profile.name);
                        p.mode = ProfilesMode::Rename;
                    }
                }
                (ProfilesMode::List, Action::Remove) if !p.rows.is_empty() => {
                    p.mode = ProfilesMode::ConfirmArchive
                }
                (ProfilesMode::ConfirmArchive, Action::Confirm) => {
                    if let Some(row) = p.rows.get(p.selected) {
                        let name = row.profile.name.clone();
                        let archived_current = row.profile.id == self.profile.id;
                        self.store.archive_profile(&name, now)?;
                        self.show_profiles()?;
                        if let Screen::Profiles(p) = &mut self.screen {
                            p.hint = Some(strings::archived(&name));
                            if archived_current {
                                p.selected = 0;
                            }
                        }
                    }
                }
                (ProfilesMode::Add | ProfilesMode::Rename, Action::Save) => {
                    let name = p.input.lines().join(" ").trim().to_string();
                    let result = match p.mode {
                        ProfilesMode::Add => self.store.add_profile(&name, now),
                        _ => match p.rows.get(p.selected) {
                            Some(row) => {
                                self.store.rename_profile(&row.profile.name.clone(), &name)
                            }
                            None => return Ok(()),
                        },
                    };
                    match result {
                        Ok(saved) => {
                            if saved.id == self.profile.id {
                                self.profile = saved.clone();
                            }
                            self.show_profiles()?;
                            if let Screen::Profiles(p) = &mut self.screen {
                                p.selected = p
                                    .rows
                                    .iter()
                                    .position(|r| r.profile.id == saved.id)
                                    .unwrap_or(0);
                            }
                        }
                        // A clash or an empty name: say so and let the person correct it.
                        Err(crate::store::StoreError::Input(message)) => p.hint = Some(message),
                        Err(e) => return Err(e.into()),
                    }
                }
                (_, Action::Cancel) => {
                    p.mode = ProfilesMode::List;
                    p.hint = None;
                }
                _ => {}
            },
            Screen::Notes(n) => match action {
                Action::Add => n.editor = Some(note_editor(None, None, "")),
                Action::Remove if n.editor.is_none() && !n.notes.is_empty() => {
                    n.confirm_delete = true
                }
                Action::Confirm if n.confirm_delete => {
                    if let Some(note) = n.notes.get(n.selected) {
                        self.store.delete_note(&note.id)?;
                        let selected = n.selected;
                        self.show_notes(None)?;
                        if let Screen::Notes(n) = &mut self.screen {
                            n.selected = selected.min(n.notes.len().saturating_sub(1));
                            n.hint = Some(strings::NOTE_DELETED.to_string());
                        }
                    }
                }
                // "Leave without saving?" answered no: discard the changes.
                Action::Confirm => {
                    n.editor = None;
                    n.hint = Some(strings::NOTE_NOT_SAVED.to_string());
                }
                Action::Save => {
                    let Some(editor) = &n.editor else {
                        return Ok(());
                    };
                    let body = editor.editor.lines().join("\n");
                    if body.trim().is_empty() {
                        n.editor = None;
                        return Ok(());
                    }
                    let saved = match &editor.note_id {
                        Some(id) => self.store.update_note(id, &body, now)?,
                        None => self.store.add_note(
                            self.profile.id,
                            editor.session_id.as_deref(),
                            &body,
                            now,
                        )?,
                    };
                    self.show_notes(None)?;
                    if let Screen::Notes(n) = &mut self.screen {
                        n.selected = n.notes.iter().position(|x| x.id == saved.id).unwrap_or(0);
                        n.hint = Some(strings::NOTE_SAVED.to_string());
                    }
                }
                Action::Cancel => match &mut n.editor {
                    Some(editor) if editor.confirm_leave => editor.confirm_leave = false,
                    Some(editor) if editor.editor.lines().join("\n") != editor.original => {
                        editor.confirm_leave = true
                    }
                    Some(_) => n.editor = None,
                    None => n.confirm_delete = false,
                },
                _ => {}
            },
            _ => {}
        }
        Ok(())
    }
}
