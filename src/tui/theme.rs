//! Colours and emphasis. With NO_COLOR / --no-color every style falls back to
//! bold, reverse video or plain text, so meaning never depends on colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn pick(self, colored: Style, mono: Style) -> Style {
        if self.color { colored } else { mono }
    }

    /// Screen titles and headings.
    pub fn title(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The chosen option / selected row (always marked by a symbol too).
    pub fn selected(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// Secondary text: hints, dates, sources.
    pub fn muted(self) -> Style {
        self.pick(Style::new().fg(Color::Gray), Style::new())
    }

    /// Emphasis for numbers and key names.
    pub fn accent(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Support messages: calm, noticeable, not alarming.
    pub fn support(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Borders of boxes.
    pub fn border(self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    /// Progress bar fill.
    pub fn gauge(self) -> Style {
        self.pick(Style::new().fg(Color::Cyan), Style::new())
    }

    /// Series styles for charts, told apart by marker as well as colour.
    pub fn series(self, index: usize) -> Style {
        const COLORS: [Color; 6] = [
            Color::Cyan,
            Color::Yellow,
            Color::Green,
            Color::Magenta,
            Color::Blue,
            Color::Red,
        ];
        self.pick(Style::new().fg(COLORS[index % COLORS.len()]), Style::new())
    }
}
