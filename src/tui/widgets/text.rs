//! Text fitting: word wrapping that keeps a line's indentation, and
//! shortening with "…" (never a word cut without saying so).

use textwrap::core::display_width;

/// Wraps `line` to `width` columns; continuation lines get the same leading
/// spaces as the first.
pub fn wrap_indented(line: &str, width: usize) -> Vec<String> {
    if line.trim().is_empty() {
        return vec![String::new()];
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let options = textwrap::Options::new(width.max(indent.len() + 8)).subsequent_indent(&indent);
    textwrap::wrap(line, options)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// Text wrapped into lines of at most `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    display_width(text)
}

/// `text` in at most `max` columns: whole, or cut with "…" at the end.
pub fn shorten(text: &str, max: usize) -> String {
    if display_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_keep_the_indent() {
        let wrapped = wrap_indented("  one two three four five six", 14);
        assert_eq!(wrapped, vec!["  one two", "  three four", "  five six"]);
        assert_eq!(wrap_indented("", 10), vec![String::new()]);
    }

    #[test]
    fn shortening_says_so_with_an_ellipsis() {
        assert_eq!(shorten("Alex", 10), "Alex");
        assert_eq!(shorten("Alexandra Maria Rivera", 10), "Alexandra…");
        assert_eq!(shorten("Alex Rivera Lopez", 12), "Alex Rivera…");
        assert!(width(&shorten("日本語の名前です", 7)) <= 7);
    }
}
