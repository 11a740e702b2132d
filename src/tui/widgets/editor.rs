//! The text editor used for free-text answers, notes and names: a bordered
//! `TextArea` that wraps at words and holds the given text.

use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType};
use ratatui_textarea::{TextArea, WrapMode};

/// A multi-line editor titled `title`, holding `text`.
pub fn editor(title: &'static str, text: &str, placeholder: &'static str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut editor = TextArea::new(lines);
    editor.set_block(
        Block::bordered()
            .border_type(BorderType::Rounded)
            .title(title),
    );
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(Style::new());
    editor.set_placeholder_text(placeholder);
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}

/// A one-line input titled `title` (names).
pub fn line_input(title: &'static str, text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.set_cursor_line_style(Style::new());
    input.set_block(Block::bordered().title(title));
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input
}

/// The editor's text, lines joined with "\n".
pub fn text_of(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}
