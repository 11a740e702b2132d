//! The support contacts in force (config.toml's, or the built-in ones with
//! a note for people outside the US), over any screen. Any key closes it.

use ratatui::Frame;
use ratatui::text::Line;

use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::chrome;

pub fn lines(ctx: &Context) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let built_in = ctx.support.is_default;
    let intro = if built_in {
        strings::SUPPORT_INTRO
    } else {
        strings::SUPPORT_INTRO_OWN
    };
    let mut lines = vec![Line::raw(intro), Line::raw("")];
    for c in &ctx.support.contacts {
        lines.push(Line::styled(c.name.clone(), theme.accent()));
        lines.push(Line::raw(format!("  {}", c.detail)));
    }
    lines.push(Line::raw(""));
    let hint = if built_in {
        strings::SUPPORT_CONFIG_HINT
    } else {
        strings::SUPPORT_OWN_HINT
    };
    lines.push(Line::styled(hint, theme.muted()));
    lines
}

pub fn render(f: &mut Frame, ctx: &Context) {
    chrome::dialog(
        f,
        ctx.theme,
        strings::SUPPORT_TITLE,
        lines(ctx),
        &[("any key", "close")],
        70,
    );
}
