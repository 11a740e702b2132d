//! Dialogs drawn over a screen, each a small screen of its own (state,
//! binding table, update, view) whose keys show on its last line and in the
//! key bar while it is open: yes/no confirmations (`confirm`), the offer to
//! continue an unfinished check-in (`resume`), "alone or with a counselor?"
//! (`counselor`) and calm messages, with a key to undo what was just done
//! where that can be (`notice`), and a name to type before what cannot be
//! undone (`type_name`). A `Nav` from a dialog closes it first;
//! `Nav::Dialog` replaces it.

pub mod confirm;
pub mod counselor;
pub mod notice;
pub mod resume;
pub mod type_name;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::text::Line;

use super::context::Context;
use super::screen::Page;
use super::widgets::chrome::{self, footer_keys};

/// Draws a dialog's box with the keys of `page` (the dialog itself).
pub fn draw(
    f: &mut Frame,
    ctx: &Context,
    page: &dyn Page,
    title: &str,
    lines: Vec<Line<'static>>,
    width: u16,
) {
    let keys = page.keys(ctx);
    chrome::dialog(f, ctx.theme, title, lines, &footer_keys(&keys), width);
}

/// The words a yes/no dialog gives its two answers, e.g. ("delete", "keep").
pub type Answers = (&'static str, &'static str);

/// The footer word of a dialog's key: `Some(true)` is the yes answer's word,
/// `Some(false)` the no answer's, any other key keeps its binding's `own` label.
pub fn answer_label(answer: Option<bool>, (yes, no): Answers, own: &'static str) -> &'static str {
    match answer {
        Some(true) => yes,
        Some(false) => no,
        None => own,
    }
}
