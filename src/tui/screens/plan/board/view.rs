//! Draws the plan: goals first (the highlighted one with its steps and
//! where it came from), then the suggestions on both sides with where each
//! comes from; the list scrolls to keep the highlighted row in sight.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Plan, Row};
use crate::plan::{Side, words};
use crate::tui::context::Context;
use crate::tui::widgets::text::wrap;

pub fn render(f: &mut Frame, plan: &Plan, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = crate::tui::render::readable(area.inner(Margin::new(2, 0)));
    let width = usize::from(area.width).max(10);
    let row = plan.row();
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0usize;
    // Pieces of one row: the first gets the marker.
    let push = |lines: &mut Vec<Line>, text: &str, on: bool, indent: usize, style: Style| {
        for (j, piece) in wrap(text, width.saturating_sub(2 + indent))
            .iter()
            .enumerate()
        {
            let marker = if on && j == 0 { "› " } else { "  " };
            let pad = " ".repeat(indent);
            let style = if on { theme.selected() } else { style };
            lines.push(Line::styled(format!("{marker}{pad}{piece}"), style));
        }
    };
    if let Some(hint) = &plan.hint {
        lines.push(Line::styled(hint.clone(), theme.accent()));
    }
    lines.push(Line::styled(words::GOALS, theme.title()));
    if plan.goals.is_empty() {
        push(&mut lines, words::NO_GOALS, false, 0, theme.muted());
    }
    for (i, g) in plan.goals.iter().enumerate() {
        let on = row == Some(Row::Goal(i));
        if on {
            selected_line = lines.len();
        }
        push(&mut lines, &g.text, on, 0, Style::new());
        let (done, all) = g.progress();
        let mut facts = format!(
            "{} · {}",
            words::goal_facts(g.dimension, g.status, g.due),
            words::progress(done, all)
        );
        if !on
            && g.status.is_active()
            && let Some(next) = g.next_step()
        {
            facts.push_str(&format!(" · next: {}", next.text));
        }
        push(&mut lines, &facts, false, 2, theme.muted());
        if on {
            if let Some(from) = &g.source {
                push(
                    &mut lines,
                    &format!("From: {}", from.words),
                    false,
                    2,
                    theme.muted(),
                );
            }
            for s in &g.steps {
                push(
                    &mut lines,
                    &words::step_line(&s.text, s.state),
                    false,
                    2,
                    Style::new(),
                );
            }
            push(&mut lines, words::GOAL_KEYS, false, 2, theme.muted());
        }
    }
    lines.push(Line::raw(""));
    if plan.suggestions.is_empty() {
        push(&mut lines, words::NO_SUGGESTIONS, false, 0, theme.muted());
    } else {
        push(&mut lines, words::SUGGESTIONS_NOTE, false, 0, theme.muted());
        for (side, title, list, more) in [
            (
                Side::Strength,
                words::STRENGTHS,
                &plan.suggestions.strengths,
                plan.suggestions.more_strengths,
            ),
            (
                Side::Need,
                words::NEEDS,
                &plan.suggestions.needs,
                plan.suggestions.more_needs,
            ),
        ] {
            if list.is_empty() {
                continue;
            }
            lines.push(Line::styled(title, theme.title()));
            for (i, s) in list.iter().enumerate() {
                let on = row == Some(Row::Suggestion(side, i));
                if on {
                    selected_line = lines.len();
                }
                let dim = s
                    .dimension
                    .map(|d| format!(" [{}]", d.label()))
                    .unwrap_or_default();
                push(
                    &mut lines,
                    &format!("{}{dim}", s.words()),
                    on,
                    0,
                    Style::new(),
                );
            }
            if more > 0 {
                push(
                    &mut lines,
                    &format!(
                        "(and {more} more {} like these in your latest check-ins)",
                        if more == 1 { "answer" } else { "answers" }
                    ),
                    false,
                    0,
                    theme.muted(),
                );
            }
        }
    }
    // Keep the highlighted row (and a few lines under it) in sight.
    let height = usize::from(area.height);
    let top = (selected_line + 4).saturating_sub(height);
    let top = u16::try_from(top).unwrap_or(u16::MAX);
    f.render_widget(Paragraph::new(lines).scroll((top, 0)), area);
}
