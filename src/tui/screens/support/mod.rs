//! The support contacts in force (config.toml's, or the built-in ones with
//! a note for people outside the US), over any screen. Any key closes it.

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::text::Line;

use crate::strings;
use crate::tui::context::Context;
use crate::tui::widgets::chrome;

pub fn lines(ctx: &Context) -> Vec<Line<'static>> {
    lines_for(&ctx.support, ctx.theme)
}

/// The contacts' lines without the app (also for the lock screen).
pub fn lines_for(
    support: &crate::config::Support,
    theme: crate::tui::theme::Theme,
) -> Vec<Line<'static>> {
    let built_in = support.is_default;
    let intro = if built_in {
        strings::SUPPORT_INTRO
    } else {
        strings::SUPPORT_INTRO_OWN
    };
    let mut lines = vec![Line::raw(intro), Line::raw("")];
    for c in &support.contacts {
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
