//! Tables as every screen draws them: column names styled as headings, one
//! space between columns, and the highlighted row in the selection colours.

use ratatui::layout::Constraint;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};

use crate::tui::theme::Theme;

/// A table of these columns (name, width) over these rows.
pub fn table(
    theme: Theme,
    columns: Vec<(String, Constraint)>,
    rows: Vec<Row<'static>>,
) -> Table<'static> {
    let widths: Vec<Constraint> = columns.iter().map(|(_, w)| *w).collect();
    let header = Row::new(
        columns
            .into_iter()
            .map(|(name, _)| Cell::from(Span::styled(name, theme.title()))),
    );
    Table::new(rows, widths).header(header).column_spacing(1)
}

/// The row in the selection colours where it is the highlighted one.
pub fn highlight(row: Row<'static>, on: bool, theme: Theme) -> Row<'static> {
    if on { row.style(theme.selected()) } else { row }
}

/// Columns of fixed widths.
pub fn fixed(columns: Vec<(String, u16)>) -> Vec<(String, Constraint)> {
    columns
        .into_iter()
        .map(|(n, w)| (n, Constraint::Length(w)))
        .collect()
}
