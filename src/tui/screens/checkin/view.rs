//! Draws the check-in: the instructions, or one question with a progress
//! bar and its answers (the current choice marked by a symbol as well as
//! colour), and a box when an answer could not be written yet.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::CheckIn;
use crate::checkin::Step;
use crate::instrument::{AnswerValue, Item, Response};
use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::wrap;

pub fn render(f: &mut Frame, s: &CheckIn, area: Rect, ctx: &Context) {
    let area = crate::tui::render::readable(area.inner(ratatui::layout::Margin::new(2, 1)));
    match s.run.machine.step() {
        Step::Intro => intro(f, s, area, ctx),
        _ => question(f, s, area, ctx),
    }
    if let Some(p) = &s.run.pending {
        let theme = ctx.theme;
        chrome::dialog(
            f,
            theme,
            strings::NOT_SAVED_TITLE,
            vec![Line::raw(strings::answer_not_saved(p.problem))],
            &[
                ("r", "try again"),
                ("q", "leave (this answer is not saved)"),
            ],
            64,
        );
    }
}

fn intro(f: &mut Frame, s: &CheckIn, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let i = s.run.machine.instrument();
    let mut lines = vec![Line::styled(i.title.clone(), theme.title()), Line::raw("")];
    for text in [Some(&i.description), i.instructions.as_ref()]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
    {
        lines.push(Line::raw(text.trim().to_string()));
        lines.push(Line::raw(""));
    }
    if let Some(n) = &i.notice {
        lines.push(Line::styled(n.clone(), theme.muted()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::raw(strings::intro_footer(i.items.len())));
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings::PRESS_ENTER_TO_BEGIN, theme.accent()));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn progress(f: &mut Frame, s: &CheckIn, area: Rect, ctx: &Context) {
    let (position, total) = s.run.machine.progress();
    let [label, bar] =
        Layout::horizontal([Constraint::Length(20), Constraint::Min(10)]).areas(area);
    f.render_widget(
        Paragraph::new(Span::styled(
            strings::question_heading(position, total),
            ctx.theme.accent(),
        )),
        label,
    );
    let width = bar.width as usize;
    let done = (position.saturating_sub(1) * width)
        .checked_div(total)
        .unwrap_or(0);
    let line = Line::from(vec![
        Span::styled("█".repeat(done), ctx.theme.gauge()),
        Span::styled("░".repeat(width - done), ctx.theme.muted()),
    ]);
    f.render_widget(Paragraph::new(line), bar);
}

fn question(f: &mut Frame, s: &CheckIn, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let Some(item) = s.run.machine.current_item() else {
        return;
    };
    let columns = usize::from(area.width);
    let mut text = Vec::new();
    if let Some(domain) = item.domains.first() {
        let label = s.run.machine.instrument().domain_label(domain);
        text.push(Line::styled(label.to_string(), theme.muted()));
    }
    if let Some(stem) = &s.run.machine.instrument().stem {
        text.extend(
            wrap(&strings::stem_line(stem), columns)
                .into_iter()
                .map(Line::raw),
        );
    }
    text.extend(
        wrap(&item.text, columns)
            .into_iter()
            .map(|l| Line::styled(l, theme.title())),
    );
    if !item.required && !strings::says_optional(&item.text) {
        text.push(Line::styled(strings::OPTIONAL_ITEM, theme.muted()));
    }
    let [top, _, text_area, _, answer_area, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(text.len() as u16),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);
    progress(f, s, top, ctx);
    f.render_widget(Paragraph::new(text), text_area);

    let saved = s.run.machine.answers().get(&item.id);
    match &item.response {
        Response::Text => f.render_widget(&s.editor, answer_area),
        Response::Number { min, max, unit } => {
            let unit = unit.clone().unwrap_or_default();
            let shown = if s.number.is_empty() {
                "_".to_string()
            } else {
                s.number.clone()
            };
            let lines = vec![
                Line::from(vec![
                    Span::raw("Your answer: "),
                    Span::styled(format!("[ {shown} ]"), theme.selected()),
                    Span::raw(format!(" {unit}")),
                ]),
                Line::raw(""),
                Line::styled(strings::number_help(*min, *max), theme.muted()),
            ];
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }),
                answer_area,
            );
        }
        _ => options(f, s, item, saved, answer_area, ctx),
    }
    let status = if let Some(hint) = &s.hint {
        Some(Line::styled(hint.clone(), theme.accent()))
    } else if let Some((kind, _)) = s.draft.problem {
        Some(Line::styled(strings::words_not_saved(kind), theme.accent()))
    } else if item.response == Response::Text {
        (saved.is_some() && !s.draft.dirty())
            .then(|| Line::styled(strings::WORDS_SAVED, theme.muted()))
    } else {
        saved.map(|_| Line::styled(strings::ANSWER_SAVED, theme.muted()))
    };
    if let Some(line) = status {
        f.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), hint_area);
    }
}

fn options(
    f: &mut Frame,
    s: &CheckIn,
    item: &Item,
    saved: Option<&AnswerValue>,
    area: Rect,
    ctx: &Context,
) {
    let theme = ctx.theme;
    let lines: Vec<Line> = item
        .options()
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let chosen = saved.and_then(AnswerValue::as_number) == Some(o.value);
            let cursor = if i == s.cursor { "›" } else { " " };
            let mark = if chosen { "(●)" } else { "( )" };
            // The number shown is the value stored (and the key to press).
            let text = format!("{cursor} {mark} {}  {}", o.value, o.label);
            let style = if i == s.cursor {
                theme.selected()
            } else {
                Style::new()
            };
            Line::styled(text, style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}
