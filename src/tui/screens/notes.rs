//! Notes on the current profile, newest first, with a multi-line editor for
//! writing and changing them and a confirmation before deleting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::strings;
use crate::tui::app::{App, NotesState};

pub fn keys(state: &NotesState) -> Vec<(&'static str, &'static str)> {
    match (&state.editor, state.confirm_delete) {
        (Some(e), _) if e.confirm_leave => {
            vec![("y", "save"), ("n", "discard"), ("Esc", "keep writing")]
        }
        (Some(_), _) => vec![
            ("Tab", "save"),
            ("Esc", "leave"),
            ("F3", "hide"),
            ("F2", "support"),
            ("F1", "help"),
        ],
        (None, true) => vec![("y", "delete"), ("n", "keep")],
        (None, false) => vec![
            ("a", "add"),
            ("Enter", "edit"),
            ("d", "delete"),
            ("h", "home"),
            ("x", "hide"),
            ("s", "support"),
            ("?", "help"),
            ("q", "quit"),
        ],
    }
}

pub fn render(f: &mut Frame, app: &App, state: &NotesState, area: Rect) {
    let theme = app.theme;
    if let Some(editor) = &state.editor {
        let [box_area, hint] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        f.render_widget(&editor.editor, box_area);
        if editor.confirm_leave {
            f.render_widget(
                Paragraph::new(Line::styled(strings::NOTE_LEAVE_QUESTION, theme.accent())),
                hint,
            );
        }
        return;
    }
    let [title, list, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(
            format!("Notes · {}", app.profile.name),
            theme.title(),
        )),
        title,
    );
    if state.notes.is_empty() {
        f.render_widget(
            Paragraph::new(strings::NO_NOTES).wrap(Wrap { trim: true }),
            list,
        );
    } else {
        let width = list.width as usize;
        let visible = list.height as usize / 2;
        let first = state.selected.saturating_sub(visible.saturating_sub(1));
        let mut lines = Vec::new();
        for (i, note) in state.notes.iter().enumerate().skip(first).take(visible) {
            let selected = i == state.selected;
            let marker = if selected { "›" } else { " " };
            let about = if note.session_id.is_some() {
                " · about a check-in"
            } else {
                ""
            };
            let style = if selected {
                theme.selected()
            } else {
                theme.accent()
            };
            lines.push(Line::styled(
                format!("{marker} {}{about}", app.zone.short_date(note.created_at)),
                style,
            ));
            let body = note.body.replace('\n', " ");
            let mut shown: String = body.chars().take(width.saturating_sub(4)).collect();
            if body.chars().count() > width.saturating_sub(4) {
                shown.pop();
                shown.push('…');
            }
            lines.push(Line::raw(format!("    {shown}")));
        }
        f.render_widget(Paragraph::new(lines), list);
    }
    let message = if state.confirm_delete {
        Some(strings::NOTE_DELETE_QUESTION.to_string())
    } else {
        state.hint.clone()
    };
    if let Some(m) = message {
        f.render_widget(
            Paragraph::new(Line::styled(m, theme.accent())).wrap(Wrap { trim: true }),
            hint,
        );
    }
}
