//! The backend the full-screen app draws through: crossterm's, with every
//! cell passed through `termtext::clean_cell` on its way out, so no text
//! (questionnaires, names, notes, contacts) can put a control character or
//! a bidi override on the terminal, whatever widget drew it.

use std::borrow::Cow;
use std::io::Stdout;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::termtext;

/// `CrosstermBackend` with cleaned cells.
pub struct CleanBackend<B = CrosstermBackend<Stdout>> {
    inner: B,
}

impl<B: Backend> CleanBackend<B> {
    pub fn new(inner: B) -> CleanBackend<B> {
        CleanBackend { inner }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }
}

/// The cell itself, or a copy showing U+FFFD where its symbol was unsafe.
fn cleaned(cell: &Cell) -> Cow<'_, Cell> {
    match termtext::clean_cell(cell.symbol()) {
        Cow::Borrowed(_) => Cow::Borrowed(cell),
        Cow::Owned(symbol) => {
            let mut copy = cell.clone();
            copy.set_symbol(&symbol);
            Cow::Owned(copy)
        }
    }
}

impl<B: Backend> Backend for CleanBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> =
            content.map(|(x, y, cell)| (x, y, cleaned(cell))).collect();
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    use super::*;

    #[test]
    fn unsafe_cells_reach_the_backend_as_replacement() {
        let mut terminal = Terminal::new(CleanBackend::new(TestBackend::new(12, 1))).unwrap();
        let mut buffer = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 12, 1));
        // Cells set directly (as a widget could) bypass ratatui's own filter.
        buffer[(0, 0)].set_symbol("\x1b");
        buffer[(1, 0)].set_symbol("\u{9b}");
        buffer[(2, 0)].set_symbol("\u{202E}");
        buffer[(3, 0)].set_symbol("ok");
        let cells: Vec<(u16, u16, &Cell)> = (0..4).map(|x| (x, 0, &buffer[(x, 0)])).collect();
        terminal.backend_mut().draw(cells.into_iter()).unwrap();
        let shown = terminal.backend().inner().buffer().clone();
        for x in 0..3 {
            assert_eq!(shown[(x, 0)].symbol(), "\u{FFFD}");
        }
        assert_eq!(shown[(3, 0)].symbol(), "ok");
        terminal
            .draw(|f| f.render_widget(Paragraph::new("a\u{1b}]0;t\u{7}b"), f.area()))
            .unwrap();
        let line: String = (0..12)
            .map(|x| {
                terminal.backend().inner().buffer()[(x, 0)]
                    .symbol()
                    .to_string()
            })
            .collect();
        assert!(!line.contains('\x1b') && !line.contains('\x07'), "{line:?}");
    }
}
