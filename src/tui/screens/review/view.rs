//! Draws the review: each question and its whole answer, wrapped, the
//! highlighted one kept in sight, with "more" marks where rows are out of
//! sight.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Review;
use crate::instrument::{AnswerValue, Item};
use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::wrap;

fn answer_text(item: &Item, value: Option<&AnswerValue>) -> String {
    match value {
        None if item.required => strings::NOT_ANSWERED_REQUIRED.to_string(),
        None => strings::SKIPPED.to_string(),
        Some(AnswerValue::Number(n)) => item.label_for(*n),
        Some(AnswerValue::Text(t)) => format!("\"{t}\""),
    }
}

/// The lines of one row: "› 1. question" wrapped, then "→ answer" wrapped.
fn row_lines(n: usize, item: &Item, answer: &str, on: bool, width: usize) -> Vec<String> {
    let marker = if on { "›" } else { " " };
    let lead = format!("{marker} {n:>2}. ");
    let indent = " ".repeat(lead.chars().count());
    let room = width.saturating_sub(indent.len()).max(10);
    let mut lines = Vec::new();
    for (i, l) in wrap(&item.text, room).into_iter().enumerate() {
        lines.push(format!("{}{l}", if i == 0 { &lead } else { &indent }));
    }
    let answer_lead = format!("{indent}→ ");
    let answer_room = room.saturating_sub(2).max(8);
    for (i, paragraph) in answer.split('\n').enumerate() {
        for (j, l) in wrap(paragraph, answer_room).into_iter().enumerate() {
            let lead = if i == 0 && j == 0 {
                answer_lead.clone()
            } else {
                format!("{indent}  ")
            };
            lines.push(format!("{lead}{l}"));
        }
    }
    lines
}

pub fn render(f: &mut Frame, s: &Review, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = crate::tui::render::readable(area.inner(Margin::new(2, 1)));
    let instrument = s.run.machine.instrument();
    let [title, list, hint_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(if s.hint.is_some() { 2 } else { 0 }),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(strings::REVIEW_TITLE, theme.title()),
            Line::raw(strings::REVIEW_HELP),
        ]),
        title,
    );

    // Every row's lines, and where each starts.
    let width = usize::from(list.width);
    let mut lines: Vec<Line> = Vec::new();
    let mut starts = Vec::new();
    for (i, item) in instrument.items.iter().enumerate() {
        starts.push(lines.len());
        let on = i == s.cursor;
        let style = if on { theme.selected() } else { Style::new() };
        let answer = answer_text(item, s.run.machine.answers().get(&item.id));
        for l in row_lines(i + 1, item, &answer, on, width) {
            lines.push(Line::styled(l, style));
        }
    }
    starts.push(lines.len());
    let on = s.cursor >= instrument.items.len();
    let submit = format!("{} {}", if on { "›" } else { " " }, strings::SUBMIT_ROW);
    lines.push(Line::styled(
        submit,
        if on { theme.selected() } else { theme.accent() },
    ));
    starts.push(lines.len());

    // Scroll so the highlighted row is whole and in sight.
    let visible = usize::from(list.height);
    let cursor = s.cursor.min(starts.len() - 2);
    let (first, end) = (starts[cursor], starts[cursor + 1]);
    let top = if end > visible {
        (end - visible).min(first)
    } else {
        0
    };
    let below = lines.len() > top + visible;
    f.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), list);
    chrome::more_mark(f, theme, (top > 0, below), title);
    if let Some(hint) = &s.hint {
        f.render_widget(
            Paragraph::new(Line::styled(hint.clone(), theme.accent())).wrap(Wrap { trim: true }),
            hint_area,
        );
    }
    if let Some(p) = &s.run.pending {
        chrome::dialog(
            f,
            theme,
            strings::NOT_SAVED_TITLE,
            vec![Line::raw(strings::answer_not_saved(p.problem))],
            &[
                ("r", "try again"),
                ("q", "leave (this check-in is not saved)"),
            ],
            64,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_answers_wrap_whole_under_their_question() {
        let item = crate::instrument::load::parse_str("t.toml", crate::checkin::tests::TEST_TOML)
            .expect("parse")
            .items[3]
            .clone();
        let answer = "\"a long answer that goes on and on, well past the width of one line\"";
        let lines = row_lines(4, &item, answer, true, 40);
        let all = lines
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            all.contains("goes on and on, well past the width of one line\""),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
    }
}
