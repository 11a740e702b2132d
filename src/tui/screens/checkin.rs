//! The check-in: instructions first, then one question per screen with its
//! options (the current choice marked by a symbol as well as colour), a
//! progress bar, and a review of every answer before submitting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::checkin::{Step, answer_input};
use crate::instrument::{AnswerValue, Item, Response};
use crate::strings;
use crate::tui::app::{App, CheckInState};

/// Keys every check-in step shares, after its own.
const COMMON: [(&str, &str); 4] = [
    ("x", "hide"),
    ("s", "support"),
    ("?", "help"),
    ("q", "leave"),
];

/// The keys shown for the current step.
pub fn keys(state: &CheckInState) -> Vec<(&'static str, &'static str)> {
    if state.pending.is_some() {
        return vec![
            ("r", "try again"),
            ("s", "support"),
            ("?", "help"),
            ("q", "leave"),
        ];
    }
    let mut keys = match state.machine.step() {
        Step::Intro => vec![("Enter", "begin")],
        Step::Review | Step::Submitted => vec![
            ("↑↓", "choose"),
            ("Enter", "change / submit"),
            ("b", "back"),
        ],
        Step::Item(_) => {
            let item = state.machine.current_item();
            let mut keys = match item.map(|i| &i.response) {
                // Letters are text here, so only function keys.
                Some(Response::Text) => {
                    return vec![
                        ("Tab", "save and go on"),
                        ("Shift-Tab", "back"),
                        ("F3", "hide"),
                        ("F2", "support"),
                        ("F1", "help"),
                        ("Esc", "leave"),
                    ];
                }
                Some(Response::Number { .. }) => {
                    vec![("0-9", "type"), ("Enter", "save"), ("b", "back")]
                }
                // The number keys choose by the number shown (the value).
                Some(_) if item.is_some_and(answer_input::keys_choose) => {
                    vec![("↑↓", "move"), ("Enter/number", "choose"), ("b", "back")]
                }
                _ => vec![("↑↓", "move"), ("Enter", "choose"), ("b", "back")],
            };
            if item.is_some_and(|i| !i.required) {
                keys.push(("n", "skip"));
            }
            keys
        }
    };
    keys.extend(COMMON);
    keys
}

pub fn render(f: &mut Frame, app: &App, state: &CheckInState, area: Rect) {
    match state.machine.step() {
        Step::Intro => intro(f, app, state, area),
        Step::Item(_) => question(f, app, state, area),
        Step::Review | Step::Submitted => review(f, app, state, area),
    }
}

fn intro(f: &mut Frame, app: &App, state: &CheckInState, area: Rect) {
    let theme = app.theme;
    let i = state.machine.instrument();
    let mut lines = vec![Line::styled(i.title.clone(), theme.title()), Line::raw("")];
    if !i.description.is_empty() {
        lines.push(Line::raw(i.description.clone()));
        lines.push(Line::raw(""));
    }
    if let Some(ins) = &i.instructions {
        lines.push(Line::raw(ins.clone()));
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

fn progress(f: &mut Frame, app: &App, state: &CheckInState, area: Rect) {
    let (position, total) = state.machine.progress();
    let [label, bar] =
        Layout::horizontal([Constraint::Length(20), Constraint::Min(10)]).areas(area);
    f.render_widget(
        Paragraph::new(Span::styled(
            strings::question_heading(position, total),
            app.theme.accent(),
        )),
        label,
    );
    let width = bar.width as usize;
    let done = (position.saturating_sub(1) * width)
        .checked_div(total)
        .unwrap_or(0);
    let line = Line::from(vec![
        Span::styled("█".repeat(done), app.theme.gauge()),
        Span::styled("░".repeat(width - done), app.theme.muted()),
    ]);
    f.render_widget(Paragraph::new(line), bar);
}

fn question(f: &mut Frame, app: &App, state: &CheckInState, area: Rect) {
    let theme = app.theme;
    let Some(item) = state.machine.current_item() else {
        return;
    };
    let stem = state.machine.instrument().stem.as_deref();
    let text_height = wrapped_height(&item.text, area.width)
        + stem.map_or(0, |s| wrapped_height(s, area.width))
        + u16::from(!item.required)
        + u16::from(!item.domains.is_empty());
    let [top, _, text_area, _, answer_area, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(text_height),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);
    progress(f, app, state, top);
    let mut text = vec![Line::styled(item.text.clone(), theme.title())];
    if let Some(stem) = stem {
        text.insert(0, Line::raw(strings::stem_line(stem)));
    }
    if let Some(domain) = item.domains.first() {
        text.insert(
            0,
            Line::styled(
                state.machine.instrument().domain_label(domain).to_string(),
                theme.muted(),
            ),
        );
    }
    if !item.required {
        text.push(Line::styled(strings::OPTIONAL_ITEM, theme.muted()));
    }
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), text_area);

    let saved = state.machine.answers().get(&item.id);
    match &item.response {
        Response::Text => {
            f.render_widget(&state.editor, answer_area);
        }
        Response::Number { min, max, unit } => {
            let unit = unit.clone().unwrap_or_default();
            let shown = if state.number.is_empty() {
                "_".to_string()
            } else {
                state.number.clone()
            };
            let lines = vec![
                Line::from(vec![
                    Span::raw("Your answer: "),
                    Span::styled(format!("[ {shown} ]"), theme.selected()),
                    Span::raw(format!(" {unit}")),
                ]),
                Line::raw(""),
                Line::styled(
                    format!("A whole number from {min} to {max}. Type it, or use ↑↓, then Enter."),
                    theme.muted(),
                ),
            ];
            f.render_widget(Paragraph::new(lines), answer_area);
        }
        _ => options(f, app, state, item, saved, answer_area),
    }
    if let Some(hint) = &state.hint {
        f.render_widget(
            Paragraph::new(Line::styled(hint.clone(), theme.accent())).wrap(Wrap { trim: true }),
            hint_area,
        );
    } else if saved.is_some() {
        f.render_widget(
            Paragraph::new(Line::styled(strings::ANSWER_SAVED, theme.muted())),
            hint_area,
        );
    }
}

fn options(
    f: &mut Frame,
    app: &App,
    state: &CheckInState,
    item: &Item,
    saved: Option<&AnswerValue>,
    area: Rect,
) {
    let theme = app.theme;
    let lines: Vec<Line> = item
        .options()
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let chosen = saved.and_then(AnswerValue::as_number) == Some(o.value);
            let cursor = if i == state.cursor { "›" } else { " " };
            let mark = if chosen { "(●)" } else { "( )" };
            // The number shown is the value stored (and the key to press).
            let text = format!("{cursor} {mark} {}  {}", o.value, o.label);
            let style = if i == state.cursor {
                theme.selected()
            } else {
                Style::new()
            };
            Line::styled(text, style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = width.max(1) as usize;
    let mut lines = 0u16;
    for paragraph in text.split('\n') {
        let mut current = 0usize;
        let mut count = 1u16;
        for word in paragraph.split_whitespace() {
            let w = word.chars().count();
            if current == 0 {
                current = w;
            } else if current + 1 + w <= width {
                current += 1 + w;
            } else {
                count += 1;
                current = w;
            }
        }
        lines += count;
    }
    lines.max(1)
}

fn answer_text(item: &Item, value: Option<&AnswerValue>) -> String {
    match value {
        None if item.required => strings::NOT_ANSWERED_REQUIRED.to_string(),
        None => strings::SKIPPED.to_string(),
        Some(AnswerValue::Number(n)) => item.label_for(*n),
        Some(AnswerValue::Text(t)) => format!("\"{}\"", t.replace('\n', " ")),
    }
}

fn review(f: &mut Frame, app: &App, state: &CheckInState, area: Rect) {
    let theme = app.theme;
    let instrument = state.machine.instrument();
    let [title, list, hint_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(strings::REVIEW_TITLE, theme.title()),
            Line::raw(strings::REVIEW_HELP),
        ]),
        title,
    );

    let rows = instrument.items.len() + 1;
    let visible = list.height as usize;
    let first = state
        .cursor
        .saturating_sub(visible.saturating_sub(1))
        .min(rows.saturating_sub(visible));
    let width = list.width as usize;
    let answers: Vec<String> = instrument
        .items
        .iter()
        .map(|item| answer_text(item, state.machine.answers().get(&item.id)))
        .collect();
    let answer_width = answers
        .iter()
        .map(|a| a.chars().count())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let mut lines = Vec::new();
    for (i, item) in instrument
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
    {
        let cursor = if i == state.cursor { "›" } else { " " };
        let mut answer: String = answers[i].chars().take(answer_width).collect();
        if answers[i].chars().count() > answer_width {
            answer.pop();
            answer.push('…');
        }
        let prefix = format!("{cursor} {:>2}. ", i + 1);
        let room = width
            .saturating_sub(prefix.chars().count() + answer_width + 3)
            .max(8);
        let mut text: String = item.text.chars().take(room).collect();
        if item.text.chars().count() > room {
            text.pop();
            text.push('…');
        }
        let line = format!("{prefix}{text:<room$} · {answer}");
        let style = if i == state.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(line, style));
    }
    if first + visible > instrument.items.len() {
        let on = state.cursor == instrument.items.len();
        let text = format!("{} {}", if on { "›" } else { " " }, strings::SUBMIT_ROW);
        lines.push(Line::styled(
            text,
            if on { theme.selected() } else { theme.accent() },
        ));
    }
    f.render_widget(Paragraph::new(lines), list);
    if let Some(hint) = &state.hint {
        f.render_widget(
            Paragraph::new(Line::styled(hint.clone(), theme.accent())).wrap(Wrap { trim: true }),
            hint_area,
        );
    }
}
