//! Draws the form: where a goal set from a suggestion comes from, the
//! goal's words, the four dimensions (the chosen one marked), the step, and
//! why it was not saved.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Field, Form, Making};
use crate::plan::Dimension;
use crate::tui::context::Context;

pub fn render(f: &mut Frame, form: &Form, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = crate::tui::render::readable(area.inner(Margin::new(2, 1)));
    let mut intro = Vec::new();
    match &form.making {
        Making::Goal { source } => {
            intro.push(Line::raw(
                "A goal is yours: say it your way, on whatever pathway you have chosen.",
            ));
            if let Some(s) = source {
                intro.push(Line::styled(format!("From: {}", s.words), theme.muted()));
            }
        }
        Making::Step { goal_text, .. } => {
            intro.push(Line::styled(format!("Goal: {goal_text}"), theme.title()));
        }
        Making::Words { .. } => {
            intro.push(Line::raw(
                "Say it your way; the words before are kept in the goal's history.",
            ));
        }
    }
    let intro_h = 3;
    let goal = matches!(form.making, Making::Goal { .. });
    let words = matches!(form.making, Making::Words { .. });
    let [top, text_area, dim_area, step_area, hint_area] = Layout::vertical([
        Constraint::Length(intro_h),
        Constraint::Length(if goal || words { 3 } else { 0 }),
        Constraint::Length(if goal { 3 } else { 0 }),
        Constraint::Length(if words { 0 } else { 3 }),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(intro).wrap(Wrap { trim: false }), top);
    if words {
        f.render_widget(&form.text, text_area);
    }
    if goal {
        f.render_widget(&form.text, text_area);
        let focus = form.focus == Field::Dimension;
        let mut spans = vec![Span::styled(
            "Dimension: ",
            if focus { theme.title() } else { Style::new() },
        )];
        for (n, d) in Dimension::ALL.iter().enumerate() {
            let on = form.dimension == Some(*d);
            let word = format!(" {} {} ", n + 1, d.label());
            spans.push(if on {
                Span::styled(format!("[{}]", word.trim()), theme.selected())
            } else {
                Span::raw(word)
            });
        }
        let mut lines = vec![Line::from(spans)];
        lines.push(Line::styled(
            if focus {
                "← → or 1-4 choose"
            } else {
                "Tab here to choose"
            },
            theme.muted(),
        ));
        f.render_widget(Paragraph::new(lines), dim_area.inner(Margin::new(1, 0)));
    }
    if !words {
        f.render_widget(&form.step, step_area);
    }
    if let Some(hint) = &form.hint {
        f.render_widget(
            Paragraph::new(Line::styled(hint.clone(), theme.accent())).wrap(Wrap { trim: false }),
            hint_area,
        );
    }
}
