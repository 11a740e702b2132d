//! What a person presses or types becomes the value stored: the number shown
//! beside an option is its stored value, and the same number (or the
//! option's words) is what the keys, plain mode and `recap record` accept.

use std::collections::BTreeMap;

use super::{CheckInError, check_answer};
use crate::instrument::{AnswerValue, Answers, Instrument, Item, Response};

/// Whether number keys choose options on this item: every option's value is
/// one digit (0-9), so the key pressed is the value shown and stored. Other
/// scales are chosen with the arrow keys and Enter.
pub fn keys_choose(item: &Item) -> bool {
    let options = item.options();
    !options.is_empty() && options.iter().all(|o| (0..=9).contains(&o.value))
}

/// The option (its position in `item.options()`) that number key `key`
/// chooses: the one whose value is `key`. `None` when no option has that
/// value, or when values are not all single digits.
pub fn option_for_key(item: &Item, key: i64) -> Option<usize> {
    if !keys_choose(item) {
        return None;
    }
    item.options().iter().position(|o| o.value == key)
}

/// Compares an answer's words with what was typed: case, and spaces around
/// and between words, do not matter.
fn same_words(label: &str, typed: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(label) == norm(typed)
}

/// Reads one typed answer. Choice and yes/no items: the value shown beside
/// an option, or the option's words in any case. Number items: a whole
/// number. Text items: the text. `None` when it is none of these (a number
/// no option has is `None` too; a number item's range is checked later by
/// `check_answer`).
pub fn read_answer(item: &Item, text: &str) -> Option<AnswerValue> {
    let trimmed = text.trim();
    match &item.response {
        Response::Text => Some(AnswerValue::Text(text.to_string())),
        Response::Number { .. } => trimmed.parse::<i64>().ok().map(AnswerValue::Number),
        Response::Choice { .. } | Response::YesNo => {
            let options = item.options();
            let chosen = match trimmed.parse::<i64>() {
                Ok(v) => options.iter().find(|o| o.value == v),
                Err(_) => options.iter().find(|o| same_words(&o.label, trimmed)),
            };
            chosen.map(|o| AnswerValue::Number(o.value))
        }
    }
}

/// Where `record` found its answers. Each source is optional; at least one
/// must be given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// `--answers 6,5,,4`: one field per item in order.
    pub list: Option<&'a str>,
    /// `--answers-file`: one line per item in order.
    pub lines: Option<&'a str>,
    /// `--answer ITEM=VALUE`, any number, for single items.
    pub each: &'a [String],
}

/// What `record` says when no answers were given at all.
pub const NO_ANSWERS: &str = "give the answers with --answers LIST (comma separated, in item order), \
--answer ITEM=VALUE (repeatable) or --answers-file FILE (one line per item, - for standard input)";

/// Turns every source into answers, checking each against its item. Every
/// problem is reported, not only the first; nothing is returned unless all
/// are right.
pub fn collect(instrument: &Instrument, sources: &Sources<'_>) -> Result<Answers, Vec<String>> {
    let items = &instrument.items;
    let mut problems = Vec::new();
    // Positional answers: (text, where it came from).
    let mut given: Vec<Option<(String, &str)>> = vec![None; items.len()];
    let positional = match (sources.list, sources.lines) {
        (Some(_), Some(_)) => {
            return Err(vec![
                "give the answers either with --answers or with --answers-file, not both".into(),
            ]);
        }
        (Some(list), None) => Some((list.split(',').collect::<Vec<_>>(), "--answers")),
        (None, Some(text)) => Some((text.lines().collect::<Vec<_>>(), "--answers-file")),
        (None, None) => None,
    };
    if positional.is_none() && sources.each.is_empty() {
        return Err(vec![NO_ANSWERS.to_string()]);
    }
    if let Some((fields, source)) = positional {
        if fields.len() != items.len() {
            let unit = if source == "--answers" {
                "answers were given; give one per item in order, leaving optional ones empty (e.g. 6,,4). \
For text that holds commas use --answer ITEM=TEXT or --answers-file"
            } else {
                "lines were given; give one line per item in order, leaving optional ones empty"
            };
            return Err(vec![format!(
                "{} has {} items but {} {unit}",
                instrument.id,
                items.len(),
                fields.len(),
            )]);
        }
        for (slot, field) in given.iter_mut().zip(fields) {
            if !field.trim().is_empty() {
                *slot = Some((field.to_string(), source));
            }
        }
    }
    let mut each: BTreeMap<usize, String> = BTreeMap::new();
    for pair in sources.each {
        let Some((id, value)) = pair.split_once('=') else {
            problems.push(format!(
                "--answer {pair:?}: write it as ITEM=VALUE, e.g. --answer {}=...",
                items.first().map_or("ITEM", |i| i.id.as_str())
            ));
            continue;
        };
        let id = id.trim();
        let Some(index) = instrument.item_index(id) else {
            let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
            problems.push(format!(
                "--answer {id}=...: {} has no item {id:?}; its items are {}",
                instrument.id,
                ids.join(", ")
            ));
            continue;
        };
        if each.insert(index, value.to_string()).is_some() {
            problems.push(format!("item {id}: given twice with --answer"));
        } else if let Some((_, source)) = given.get(index).and_then(Option::as_ref) {
            problems.push(format!(
                "item {id}: given both in {source} and with --answer; leave it empty in {source}"
            ));
        }
    }
    let mut answers = Answers::new();
    for (index, item) in items.iter().enumerate() {
        let field = match each.get(&index) {
            Some(value) => Some(value.as_str()),
            None => given
                .get(index)
                .and_then(Option::as_ref)
                .map(|(f, _)| f.as_str()),
        };
        let field = field.map(str::trim).filter(|f| !f.is_empty());
        let Some(field) = field else {
            if item.required {
                problems.push(format!("item {}: an answer is required", item.id));
            }
            continue;
        };
        let checked = read_answer(item, field)
            .ok_or(None)
            .and_then(|v| check_answer(item, v).map_err(Some));
        match checked {
            Ok(Some(value)) => {
                answers.insert(item.id.clone(), value);
            }
            Ok(None) => {}
            Err(None | Some(CheckInError::NotAllowed { .. })) => {
                let allowed = item.check_value(i64::MIN).err().unwrap_or_default();
                let words = if item.options().is_empty() {
                    ""
                } else {
                    ", by number or by its words"
                };
                problems.push(format!(
                    "item {}: {field:?} is not allowed; allowed: {allowed}{words}",
                    item.id
                ));
            }
            Err(Some(e)) => problems.push(format!("item {}: {e}", item.id)),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::instrument::Catalog;

    fn bundled(id: &str) -> Instrument {
        Catalog::bundled().get(id).unwrap().instrument.clone()
    }

    #[test]
    fn keys_choose_by_value_on_single_digit_scales() {
        let who = bundled("who-5");
        let w1 = &who.items[0];
        assert!(keys_choose(w1));
        // WHO-5 lists 5 (All of the time) first and 0 (At no time) last.
        assert_eq!(option_for_key(w1, 5), Some(0));
        assert_eq!(option_for_key(w1, 0), Some(5));
        assert_eq!(option_for_key(w1, 6), None);
        let barc = bundled("barc-10");
        assert_eq!(option_for_key(&barc.items[0], 0), None);
        assert_eq!(option_for_key(&barc.items[0], 6), Some(5));
    }

    #[test]
    fn typed_answers_are_values_or_words() {
        let who = bundled("who-5");
        let w1 = &who.items[0];
        assert_eq!(read_answer(w1, " 1 "), Some(AnswerValue::Number(1)));
        assert_eq!(read_answer(w1, "at  NO time"), Some(AnswerValue::Number(0)));
        assert_eq!(read_answer(w1, "6"), None);
        assert_eq!(read_answer(w1, "sometimes"), None);
    }

    #[test]
    fn collect_reports_every_problem() {
        let who = bundled("who-5");
        let each = [
            "w1=5".to_string(),
            "w9=1".into(),
            "w2".into(),
            "w1=4".into(),
        ];
        let problems = collect(
            &who,
            &Sources {
                list: None,
                lines: None,
                each: &each,
            },
        )
        .unwrap_err();
        let all = problems.join("\n");
        assert!(all.contains("no item \"w9\""), "{all}");
        assert!(all.contains("ITEM=VALUE"), "{all}");
        assert!(all.contains("w1: given twice"), "{all}");
        assert!(all.contains("w3: an answer is required"), "{all}");
    }
}
