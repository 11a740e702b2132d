//! The preparation as lines (built once, in the zone shown), and drawing
//! them from the line scrolled to; each shortened to the width.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Kind, Prep};
use crate::caseload::prep::Prep as Preparation;
use crate::caseload::{FiredSince, ScoreChange};
use crate::instrument::score::format_value;
use crate::outcome::text::{first_sentence, format_diff};
use crate::strings;
use crate::timefmt::Zone;
use crate::tui::context::Context;
use crate::tui::widgets::chrome::more_mark;
use crate::tui::widgets::text::{shorten, wrap};

/// Where a note's text is wrapped (the screen is at least 80 wide).
const NOTE_WIDTH: usize = 70;

pub fn render(f: &mut Frame, s: &Prep, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = area.inner(Margin::new(2, 1));
    let width = usize::from(area.width);
    s.height.set(usize::from(area.height));
    let lines: Vec<Line> = s
        .lines
        .iter()
        .skip(s.scroll)
        .take(usize::from(area.height))
        .map(|(kind, text)| {
            let style = match kind {
                Kind::Heading => theme.title(),
                Kind::Text => Style::new(),
                Kind::Muted => theme.muted(),
                Kind::Support => theme.support(),
            };
            Line::styled(shorten(text, width), style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
    let above = s.scroll > 0;
    let below = s.scroll + usize::from(area.height) < s.lines.len();
    let first = Rect { height: 1, ..area };
    more_mark(f, theme, (above, below), first);
}

fn change_line(c: &ScoreChange) -> String {
    let verdict = c
        .verdict
        .map(|v| format!(", {}", v.words()))
        .unwrap_or_default();
    format!(
        "  {} {}: {} → {} ({}{verdict})",
        c.title,
        c.label,
        format_value(c.from, c.decimals),
        format_value(c.to, c.decimals),
        format_diff(c.diff, c.decimals)
    )
}

fn fired_line(f: &FiredSince, zone: Zone) -> String {
    let repeated = if f.message.repeated {
        " (also at the check-in before)"
    } else {
        ""
    };
    format!(
        "  {}, {}: {}{repeated}",
        f.title,
        zone.short_date(f.at),
        first_sentence(&f.message.message)
    )
}

/// Everything to look at before the session, line by line.
pub fn lines(p: &Preparation, zone: Zone) -> Vec<(Kind, String)> {
    let mut out = Vec::new();
    let mut push = |kind, text: String| out.push((kind, text));
    let who = match &p.client_id {
        Some(id) => format!("{}  [{id}]", p.name),
        None => p.name.clone(),
    };
    push(Kind::Heading, format!("Before the session with {who}"));
    push(Kind::Muted, strings::PREP_FOR_YOU.to_string());
    push(
        Kind::Text,
        match p.last_session {
            Some(t) => format!("Since the last session ({}):", zone.short_date(t)),
            None => "No check-in was done with a counselor yet; everything so far:".to_string(),
        },
    );
    push(Kind::Text, String::new());
    if p.check_ins.is_empty() {
        push(Kind::Heading, "No check-ins since then".to_string());
    } else {
        push(
            Kind::Heading,
            strings::capitalised(&strings::count(p.check_ins.len(), "check-in", "check-ins")),
        );
        for c in &p.check_ins {
            let with = if c.with_counselor {
                " (with a counselor)"
            } else {
                ""
            };
            push(
                Kind::Text,
                format!("  {} {}{with}", zone.short_date(c.at), c.title),
            );
        }
    }
    let reliable: Vec<&ScoreChange> = p.reliable().collect();
    push(Kind::Text, String::new());
    push(Kind::Heading, "Reliable changes".to_string());
    if reliable.is_empty() {
        push(Kind::Muted, "  None".to_string());
    }
    for c in reliable {
        push(Kind::Text, change_line(c));
    }
    let others: Vec<&ScoreChange> = p.changes.iter().filter(|c| !c.is_reliable()).collect();
    if !others.is_empty() {
        push(Kind::Text, String::new());
        push(Kind::Heading, "Other scores".to_string());
        for c in others {
            push(Kind::Text, change_line(c));
        }
    }
    if !p.moved.is_empty() {
        push(Kind::Text, String::new());
        push(Kind::Heading, "Answers that moved most".to_string());
        for m in &p.moved {
            push(
                Kind::Text,
                format!(
                    "  {} \u{201c}{}\u{201d}: {} → {}",
                    m.title,
                    m.change.text.trim(),
                    m.change.older_label,
                    m.change.newer_label
                ),
            );
        }
    }
    push(Kind::Text, String::new());
    push(Kind::Heading, "Support messages".to_string());
    if p.safety.is_empty() {
        push(Kind::Muted, "  None fired".to_string());
    }
    for f in &p.safety {
        push(Kind::Support, fired_line(f, zone));
    }
    if !p.network.is_empty() {
        push(Kind::Text, String::new());
        push(Kind::Heading, "Recovery network".to_string());
        for c in &p.network {
            push(Kind::Text, format!("  {}", c.describe()));
        }
    }
    push(Kind::Text, String::new());
    match &p.last_note {
        Some(n) => {
            push(
                Kind::Heading,
                format!(
                    "Last note ({}, {})",
                    zone.short_date(n.created_at),
                    n.visibility.as_str()
                ),
            );
            for line in n.body.lines() {
                for part in wrap(line, NOTE_WIDTH) {
                    push(Kind::Text, format!("  {part}"));
                }
            }
        }
        None => push(Kind::Muted, "No notes yet.".to_string()),
    }
    out
}
