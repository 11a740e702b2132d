//! Word wrapping that keeps a line's indentation on its continuation lines.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_keep_the_indent() {
        let wrapped = wrap_indented("  one two three four five six", 14);
        assert_eq!(wrapped, vec!["  one two", "  three four", "  five six"]);
        assert_eq!(wrap_indented("", 10), vec![String::new()]);
    }
}
