//! Draws the review of steps: the goal, the step with how many there are,
//! the four answers with their keys, and the answers given so far.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Steps;
use crate::plan::StepState;
use crate::plan::words;
use crate::tui::context::Context;

pub fn render(f: &mut Frame, s: &Steps, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = crate::tui::render::readable(area.inner(Margin::new(2, 1)));
    let mut lines = vec![Line::raw(words::REVIEW_INTRO), Line::raw("")];
    let total = s.review.asked.len();
    if let Some(a) = s.review.current() {
        lines.push(Line::styled(
            format!("Goal: {}", a.goal_text),
            theme.title(),
        ));
        lines.push(Line::raw(format!(
            "Step {} of {total}: {}",
            s.review.at + 1,
            a.step_text
        )));
        lines.push(Line::styled(
            format!("Last time: {}", a.state_before.words()),
            theme.muted(),
        ));
        lines.push(Line::raw(""));
        let chosen = s.review.answers.get(s.review.at).copied().flatten();
        for (n, state) in StepState::REVIEW.iter().enumerate() {
            let mark = if chosen == Some(*state) { "›" } else { " " };
            let line = format!("{mark} {}  {}", n + 1, state.words());
            lines.push(if chosen == Some(*state) {
                Line::styled(line, theme.selected())
            } else {
                Line::raw(line)
            });
        }
    }
    let answered: Vec<String> = s
        .review
        .asked
        .iter()
        .zip(&s.review.answers)
        .filter_map(|(a, st)| Some(format!("{}: {}", a.step_text, (*st)?.words())))
        .collect();
    if !answered.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("So far", theme.title()));
        lines.extend(answered.into_iter().map(|l| Line::raw(format!("  {l}"))));
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
