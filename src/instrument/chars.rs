//! Refuses characters that must not reach a terminal (see `termtext`) in
//! every key and string of a TOML file people write or share: questionnaires
//! and `config.toml`. Each one found is a problem at the position of its key
//! or value, so `validate` names `file:line:col`.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::validate::Problem;
use crate::termtext;

/// Keys whose text may run over several lines (and hold tabs).
pub const MULTILINE_KEYS: &[&str] = &[
    "description",
    "instructions",
    "notice",
    "citation",
    "terms",
    "message",
    "with_counselor",
    "meaning",
    "source",
    "detail",
];

/// Nesting deeper than this is not walked (no file recap reads nests that far;
/// the shape check reports it).
const MAX_DEPTH: usize = 32;

/// Every key and string in `text` holding a control character, a bidi
/// control, or (outside `MULTILINE_KEYS`) a line break. Text that does not
/// parse as TOML gives no problems here: the parser reports it.
pub fn problems(text: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    if let Ok(table) = DeTable::parse(text) {
        walk_table(table.get_ref(), 0, &mut found);
    }
    found
}

fn walk_table(table: &DeTable<'_>, depth: usize, found: &mut Vec<Problem>) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        check(found, key.span(), name, &format!("the key {name:?}"), false);
        walk_value(name, value, depth + 1, found);
    }
}

fn walk_value(key: &str, value: &Spanned<DeValue<'_>>, depth: usize, found: &mut Vec<Problem>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value.get_ref() {
        DeValue::String(s) => check(
            found,
            value.span(),
            s,
            &format!("the value of {key:?}"),
            MULTILINE_KEYS.contains(&key),
        ),
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(key, item, depth + 1, found);
            }
        }
        DeValue::Table(t) => walk_table(t, depth + 1, found),
        _ => {}
    }
}

fn check(found: &mut Vec<Problem>, span: Range<usize>, text: &str, what: &str, multiline: bool) {
    let Some((_, c)) = termtext::first_unsafe(text, multiline) else {
        return;
    };
    let message = match c {
        '\n' | '\r' | '\t' => format!("{what} must be on one line (it holds a line break or tab)"),
        c if termtext::is_bidi(c) => format!(
            "{what} holds the bidi control character {}, which changes the order text is shown in; remove it",
            termtext::code_point(c)
        ),
        c => format!(
            "{what} holds the control character {}, which a terminal could act on; remove it",
            termtext::code_point(c)
        ),
    };
    found.push(Problem { span, message });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_escapes_in_keys_values_and_arrays() {
        let text = "title = \"a\\u001b]0;x\\u0007\"\n\
                    description = \"\"\"\nline one\nline two\n\"\"\"\n\
                    [scales]\n\"s\\u009b\" = { options = [{ value = 1, label = \"\\u202eok\" }] }\n";
        let found = problems(text);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        let title = found
            .iter()
            .find(|p| p.message.contains("\"title\""))
            .expect("title reported");
        assert!(title.message.contains("U+001B"), "{}", title.message);
        assert_eq!(title.span.start, 8);
        assert!(
            messages
                .iter()
                .any(|m| m.contains("U+009B") && m.contains("key"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("U+202E") && m.contains("bidi"))
        );
    }

    #[test]
    fn line_breaks_only_where_text_may_run_over_lines() {
        assert!(problems("instructions = \"a\\nb\\tc\"\n").is_empty());
        let found = problems("title = \"a\\nb\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("one line"));
    }

    #[test]
    fn text_that_does_not_parse_is_left_to_the_parser() {
        assert!(problems("title = \"unclosed\n").is_empty());
    }
}
