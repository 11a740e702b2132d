//! Draws the notes: the editor while writing (with whether the words are
//! saved), else the list with each note's date, whether it is private or
//! shared, its author, what it is about and its first words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Notes;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::text::shorten;

pub fn render(f: &mut Frame, s: &Notes, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = area.inner(Margin::new(2, 1));
    if let Some(ed) = &s.editor {
        let [box_area, status] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        f.render_widget(&ed.area, box_area);
        let line = match (ed.draft.problem, &s.hint) {
            (Some((kind, _)), _) => Line::styled(strings::words_not_saved(kind), theme.accent()),
            (None, Some(hint)) => Line::styled(hint.clone(), theme.accent()),
            (None, None) if ed.note_id.is_some() && !ed.draft.dirty() => {
                Line::styled(strings::WORDS_SAVED, theme.muted())
            }
            _ => Line::raw(""),
        };
        f.render_widget(Paragraph::new(line), status);
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
            shorten(
                &strings::notes_heading(&ctx.profile.name),
                usize::from(title.width),
            ),
            theme.title(),
        )),
        title,
    );
    if s.notes.is_empty() {
        f.render_widget(
            Paragraph::new(strings::NO_NOTES).wrap(Wrap { trim: true }),
            list,
        );
    } else {
        let width = usize::from(list.width);
        let visible = usize::from(list.height) / 2;
        let first = s.selected.saturating_sub(visible.saturating_sub(1));
        let mut lines = Vec::new();
        for (i, note) in s.notes.iter().enumerate().skip(first).take(visible) {
            let selected = i == s.selected;
            let marker = if selected { "›" } else { " " };
            let about = s
                .about
                .get(i)
                .cloned()
                .flatten()
                .map(|a| format!(" · {a}"))
                .unwrap_or_default();
            let style = if selected {
                theme.selected()
            } else {
                theme.accent()
            };
            let author = note
                .author
                .as_deref()
                .map(|a| format!(" · {a}"))
                .unwrap_or_default();
            let head = format!(
                "{marker} {} · {}{author}{about}",
                ctx.zone.short_date(note.created_at),
                note.visibility.as_str()
            );
            lines.push(Line::styled(shorten(&head, width), style));
            let body = note.body.replace('\n', " ");
            lines.push(Line::raw(format!(
                "    {}",
                shorten(&body, width.saturating_sub(4))
            )));
        }
        f.render_widget(Paragraph::new(lines), list);
    }
    if let Some(m) = &s.hint {
        f.render_widget(
            Paragraph::new(Line::styled(m.clone(), theme.accent())).wrap(Wrap { trim: true }),
            hint,
        );
    }
}
