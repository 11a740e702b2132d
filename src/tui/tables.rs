//! Every binding table of every screen and dialog, and the keys that work
//! everywhere, in one list: the test that each row is in the footer (or
//! help only) and in `?` help walks it, and so does the README's key check.

use crossterm::event::KeyCode;

use super::screen::{Key, Shown};
use super::{dialogs, global, screens};

/// Each screen's or dialog's name and every row of its tables.
pub fn every_table() -> Vec<(&'static str, Vec<Shown>)> {
    use screens::{caseload, checkin, home, network, notes, people, plan, prep, results, review};
    vec![
        ("everywhere", global::every_key()),
        ("home", home::every_key()),
        ("check-in", checkin::keys::every_key()),
        ("review", review::every_key()),
        ("results", results::every_key()),
        ("trends", screens::trends::every_key()),
        ("notes", notes::every_key()),
        ("people", people::every_key()),
        ("caseload", caseload::every_key()),
        ("prep", prep::every_key()),
        ("network", network::every_key()),
        ("plan", plan::board::every_key()),
        ("plan form", plan::form::every_key()),
        ("review of steps", plan::steps::every_key()),
        ("confirm dialog", dialogs::confirm::every_key()),
        ("counselor dialog", dialogs::counselor::every_key()),
        ("notice dialog", dialogs::notice::every_key()),
        ("resume dialog", dialogs::resume::every_key()),
        ("type-the-name dialog", dialogs::type_name::every_key()),
    ]
}

/// A key as the README and help write it: "Enter", "↑", "Shift-Tab", "d",
/// "Space", "Ctrl-N", "F2".
pub fn key_name(key: Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Press(code) => match code {
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            // Named the same on every platform.
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            other => other.to_string(),
        },
    }
}

/// The names of every key a table binds for `screen` (see `every_table`).
pub fn key_names(screen: &str) -> Vec<String> {
    every_table()
        .into_iter()
        .filter(|(name, _)| *name == screen)
        .flat_map(|(_, rows)| rows)
        .flat_map(|row| row.keys.iter().map(|k| key_name(*k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_named_as_the_readme_writes_them() {
        assert_eq!(key_name(Key::Press(KeyCode::Enter)), "Enter");
        assert_eq!(key_name(Key::Press(KeyCode::Esc)), "Esc");
        assert_eq!(key_name(Key::Press(KeyCode::Tab)), "Tab");
        assert_eq!(key_name(Key::Press(KeyCode::Backspace)), "Backspace");
        assert_eq!(key_name(Key::Press(KeyCode::Home)), "Home");
        assert_eq!(key_name(Key::Press(KeyCode::BackTab)), "Shift-Tab");
        assert_eq!(key_name(Key::Ctrl('n')), "Ctrl-N");
        assert_eq!(key_name(Key::Char(' ')), "Space");
        assert!(key_names("home").contains(&"g".to_string()));
        assert!(key_names("everywhere").contains(&"Ctrl-\\".to_string()));
    }
}
