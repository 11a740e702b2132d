//! The lock screen of an encrypted database: before anything else when the
//! app starts, and again after `[privacy] lock_after_minutes` without a key
//! (the screens underneath, an answer in progress included, are kept). It
//! draws nothing about the person; the passphrase shows as one `*` per
//! character; F2 support and F3 hide work, Ctrl-C leaves, Ctrl-Z pauses.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use zeroize::Zeroizing;

use super::theme::Theme;
use super::widgets::chrome;
use crate::config::Support;
use crate::store::Passphrase;
use crate::strings;

/// What a key on the lock screen asks for.
#[derive(Debug)]
pub enum Unlock {
    Stay,
    /// Enter with something typed: try it.
    Try(Passphrase),
    /// Ctrl-C: leave recap.
    Quit,
    /// Ctrl-Z: pause.
    Suspend,
}

/// The lock screen's state: what is typed (wiped when dropped), whether the
/// last try was wrong, and its two overlays.
#[derive(Debug, Default)]
pub struct Lock {
    typed: Zeroizing<String>,
    wrong: bool,
    /// Locked after a while without a key (not at the start).
    again: bool,
    /// The privacy screen is up (F3).
    pub hidden: bool,
    /// The support contacts are shown (F2).
    pub support: bool,
}

/// The keys shown under the lock screen.
const KEYS: &[(&str, &str)] = &[
    ("Enter", "unlock"),
    ("F2", "support"),
    ("F3", "hide"),
    ("Ctrl-C", "quit"),
];

impl Lock {
    /// A lock screen; `again` after a while without a key.
    pub fn new(again: bool) -> Lock {
        Lock {
            again,
            ..Lock::default()
        }
    }

    /// How many characters are typed (shown as `*`).
    pub fn typed_len(&self) -> usize {
        self.typed.chars().count()
    }

    /// The passphrase tried did not open the file.
    pub fn wrong(&mut self) {
        self.wrong = true;
    }

    pub fn key(&mut self, key: KeyEvent) -> Unlock {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c' | '\\' | '4') if ctrl => return Unlock::Quit,
            KeyCode::Char('z') if ctrl => return Unlock::Suspend,
            _ => {}
        }
        if std::mem::take(&mut self.hidden) || std::mem::take(&mut self.support) {
            return Unlock::Stay;
        }
        match key.code {
            KeyCode::F(3) => self.hidden = true,
            KeyCode::F(2) => self.support = true,
            KeyCode::Enter if !self.typed.is_empty() => {
                let typed = std::mem::take(&mut self.typed);
                if let Ok(key) = Passphrase::new(typed) {
                    return Unlock::Try(key);
                }
            }
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Esc => self.typed.clear(),
            KeyCode::Char(c)
                if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() =>
            {
                self.typed.push(c);
                self.wrong = false;
            }
            _ => {}
        }
        Unlock::Stay
    }

    /// A paste: its first line is typed.
    pub fn paste(&mut self, text: &str) {
        if self.hidden || self.support {
            return;
        }
        let line = text.lines().next().unwrap_or_default();
        self.typed.extend(line.chars().filter(|c| !c.is_control()));
        self.wrong = false;
    }

    /// Draws the lock screen (or its privacy screen, or the support
    /// contacts over it). Nothing about the person.
    pub fn view(&self, f: &mut Frame, theme: Theme, support: &Support) {
        if self.hidden {
            chrome::privacy(f, theme);
            return;
        }
        let (body, _) = chrome::frame(f, theme, (strings::LOCKED_TITLE, ""), "", KEYS);
        let text = if self.again {
            strings::LOCKED_AGAIN_TEXT
        } else {
            strings::LOCKED_TEXT
        };
        let stars = "*".repeat(self.typed_len().min(usize::from(body.width / 2)));
        let mut lines = vec![
            Line::raw(text),
            Line::raw(""),
            Line::styled(format!("Passphrase: {stars}_"), theme.accent()),
        ];
        if self.wrong {
            lines.push(Line::raw(""));
            lines.push(Line::raw(strings::LOCKED_WRONG));
        }
        let box_ = chrome::centered(body, 64, lines.len() as u16 + 2);
        let [inner] = Layout::vertical([Constraint::Min(1)]).areas(box_);
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        if self.support {
            chrome::dialog(
                f,
                theme,
                strings::SUPPORT_TITLE,
                super::screens::support::lines_for(support, theme),
                &[("any key", "close")],
                70,
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn press(lock: &mut Lock, code: KeyCode) -> Unlock {
        lock.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn draw(lock: &Lock) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| lock.view(f, Theme::new(false), &Support::default()))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..24)
            .map(|y| {
                (0..80)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn typed_characters_show_as_stars_and_enter_tries_them() {
        let mut lock = Lock::new(false);
        for c in "open sesame".chars() {
            assert!(matches!(press(&mut lock, KeyCode::Char(c)), Unlock::Stay));
        }
        let screen = draw(&lock);
        assert!(screen.contains("Passphrase: ***********_"), "{screen}");
        assert!(!screen.contains("sesame"), "{screen}");
        assert!(screen.contains("F2 support"), "{screen}");
        match press(&mut lock, KeyCode::Enter) {
            Unlock::Try(key) => assert_eq!(key.text_for_tests(), "open sesame"),
            other => panic!("{other:?}"),
        }
        assert_eq!(lock.typed_len(), 0);
        lock.wrong();
        assert!(draw(&lock).contains(strings::LOCKED_WRONG));
    }

    #[test]
    fn f2_shows_support_f3_hides_and_any_key_comes_back() {
        let mut lock = Lock::new(true);
        press(&mut lock, KeyCode::F(2));
        assert!(draw(&lock).contains(strings::SUPPORT_TITLE));
        press(&mut lock, KeyCode::Char('a'));
        assert_eq!(lock.typed_len(), 0, "the key closing support is not typed");
        press(&mut lock, KeyCode::F(3));
        let hidden = draw(&lock);
        assert!(hidden.contains(strings::HIDDEN_SCREEN), "{hidden}");
        assert!(!hidden.contains("Passphrase"), "{hidden}");
        press(&mut lock, KeyCode::Char('a'));
        assert!(draw(&lock).contains("recap locked itself"));
        assert!(matches!(
            lock.key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Unlock::Quit
        ));
    }
}
