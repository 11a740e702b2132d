//! Draws the results: lines styled by what they are (never by comparing
//! their text), wrapped with their indentation, scrolled, with "↓ more"
//! while lines are below and "↑ more" while lines are above.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Results;
use crate::outcome::text::Kind;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::text::wrap_indented;

pub fn render(f: &mut Frame, s: &Results, area: Rect, ctx: &Context) {
    let theme = ctx.theme;
    let area = crate::tui::render::readable(area.inner(Margin::new(2, 1)));
    let width = usize::from(area.width);
    let mut lines = Vec::new();
    for l in &s.lines {
        let style = match l.kind {
            Kind::Heading => theme.title(),
            Kind::Safety => theme.support(),
            Kind::Support | Kind::Score | Kind::Detail | Kind::Notice | Kind::Blank => Style::new(),
        };
        for piece in wrap_indented(&l.text, width) {
            lines.push(Line::styled(piece, style));
        }
    }
    if let Some(next) = &s.next_due {
        lines.push(Line::raw(""));
        for piece in wrap_indented(next, width) {
            lines.push(Line::styled(piece, theme.accent()));
        }
    }
    if let Some(warning) = &ctx.config_warning {
        lines.push(Line::raw(""));
        for piece in wrap_indented(warning, width) {
            lines.push(Line::styled(piece, theme.muted()));
        }
    }
    // When it does not all fit, the last row says where the rest is.
    let total = lines.len() as u16;
    let fits = total <= area.height;
    let text_h = if fits {
        area.height
    } else {
        area.height.saturating_sub(1)
    };
    let max = total.saturating_sub(text_h);
    s.set_max_scroll(max);
    let top = s.scroll.min(max);
    let text_area = Rect {
        height: text_h,
        ..area
    };
    f.render_widget(Paragraph::new(lines).scroll((top, 0)), text_area);
    let more = match (top > 0, top < max) {
        (true, true) => Some(strings::MORE_BOTH),
        (true, false) => Some(strings::MORE_ABOVE),
        (false, true) => Some(strings::MORE_BELOW_KEYS),
        (false, false) => None,
    };
    if let Some(more) = more {
        let w = more.chars().count() as u16;
        let at = Rect::new(
            area.right().saturating_sub(w),
            area.bottom().saturating_sub(1),
            w,
            1,
        );
        f.render_widget(Paragraph::new(Line::styled(more, theme.accent())), at);
    }
}
