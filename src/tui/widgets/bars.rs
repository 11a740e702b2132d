//! Latest-versus-previous bars for subscales (e.g. Health, Home, Purpose,
//! Community): two text bars per score, solid for the latest and shaded for
//! the one before, each with its number, so they read without colour.

use ratatui::text::{Line, Span};

use crate::instrument::score::format_value;
use crate::tui::theme::Theme;

/// The fill of the latest check-in's bar.
pub const LATEST: char = '█';
/// The fill of the previous check-in's bar.
pub const PREVIOUS: char = '░';

/// One score's pair of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub latest: Option<f64>,
    pub previous: Option<f64>,
    /// Latest minus previous, as the result model gives it.
    pub change: Option<f64>,
    pub min: f64,
    pub max: f64,
    pub decimals: u32,
}

/// How many of `width` cells a value fills on its range (at least one for
/// any value above the minimum).
pub fn filled(value: f64, min: f64, max: f64, width: u16) -> u16 {
    let span = (max - min).max(f64::EPSILON);
    let t = ((value - min) / span).clamp(0.0, 1.0);
    let cells = (t * f64::from(width)).round() as u16;
    if cells == 0 && value > min { 1 } else { cells }
}

/// Two lines per score, a blank line between scores when `spaced`, and a
/// scale line at the end. `width` is the whole width available.
pub fn bar_lines(rows: &[BarRow], width: u16, spaced: bool, theme: Theme) -> Vec<Line<'static>> {
    let label_w = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(8) as u16
        + 2;
    // Room after the bar for " 100  +25".
    let bar_w = width.saturating_sub(label_w + 11).max(4);
    let mut out = Vec::new();
    for (n, r) in rows.iter().enumerate() {
        if spaced && n > 0 {
            out.push(Line::raw(""));
        }
        let bar = |value: Option<f64>, fill: char, first: bool| -> Line<'static> {
            let name = if first {
                r.label.clone()
            } else {
                String::new()
            };
            let mut spans = vec![Span::styled(
                format!("{name:<w$}", w = usize::from(label_w)),
                if first { theme.title() } else { theme.muted() },
            )];
            match value {
                Some(v) => {
                    let cells = filled(v, r.min, r.max, bar_w);
                    let style = if first {
                        theme.series(n)
                    } else {
                        theme.muted()
                    };
                    spans.push(Span::styled(
                        std::iter::repeat_n(fill, usize::from(cells)).collect::<String>(),
                        style,
                    ));
                    let pad = usize::from(bar_w - cells.min(bar_w));
                    spans.push(Span::raw(" ".repeat(pad)));
                    spans.push(Span::styled(
                        format!(" {:>3}", format_value(v, r.decimals)),
                        if first { theme.accent() } else { theme.muted() },
                    ));
                    if first && let Some(diff) = r.change {
                        spans.push(Span::raw(format!(
                            "  {}",
                            crate::outcome::text::format_diff(diff, r.decimals)
                        )));
                    }
                }
                None => spans.push(Span::styled(
                    crate::strings::BARS_NOT_SCORED.to_string(),
                    theme.muted(),
                )),
            }
            Line::from(spans)
        };
        out.push(bar(r.latest, LATEST, true));
        out.push(bar(r.previous, PREVIOUS, false));
    }
    // The scale: the range's ends under the bars.
    if let Some(r) = rows.first() {
        let lo = format_value(r.min, r.decimals);
        let hi = format_value(r.max, r.decimals);
        let gap = usize::from(bar_w).saturating_sub(lo.len() + hi.len());
        out.push(Line::styled(
            format!(
                "{:w$}{lo}{}{hi}",
                "",
                " ".repeat(gap),
                w = usize::from(label_w)
            ),
            theme.muted(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn fills_in_proportion_to_the_range() {
        assert_eq!(filled(0.0, 0.0, 100.0, 40), 0);
        assert_eq!(filled(100.0, 0.0, 100.0, 40), 40);
        assert_eq!(filled(75.0, 0.0, 100.0, 40), 30);
        assert_eq!(filled(0.5, 0.0, 100.0, 40), 1);
        assert_eq!(filled(150.0, 0.0, 100.0, 40), 40);
    }

    #[test]
    fn latest_and_previous_read_without_colour() {
        let rows = vec![
            BarRow {
                label: "Health".into(),
                latest: Some(75.0),
                previous: Some(50.0),
                change: Some(25.0),
                min: 0.0,
                max: 100.0,
                decimals: 0,
            },
            BarRow {
                label: "Home".into(),
                latest: None,
                previous: Some(25.0),
                change: None,
                min: 0.0,
                max: 100.0,
                decimals: 0,
            },
        ];
        let lines = text(&bar_lines(&rows, 60, false, Theme::new(false)));
        // 60 wide: labels 10, numbers 11, bars 39 cells.
        assert_eq!(lines.len(), 5);
        assert!(lines[0].starts_with("Health    ████"), "{:?}", lines[0]);
        assert_eq!(lines[0].matches('█').count(), 29); // 75% of 39 = 29.25
        assert!(lines[0].ends_with("  75  +25"), "{:?}", lines[0]);
        assert_eq!(lines[1].matches('░').count(), 20); // 50% of 39 = 19.5 -> 20
        assert!(lines[1].ends_with("  50"), "{:?}", lines[1]);
        assert!(
            lines[2].starts_with("Home      not scored"),
            "{:?}",
            lines[2]
        );
        assert!(lines[4].trim_start().starts_with('0') && lines[4].ends_with("100"));
    }
}
