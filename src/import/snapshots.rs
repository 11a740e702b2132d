//! Questionnaire texts in an import: within size, matching their hash and their own id and version, never an unpublished text of a bundled questionnaire; answers that fit them.

use super::Refused;
use super::limits;
use crate::instrument::load::{content_hash, parse_str};
use crate::instrument::shipped::{Standing, standing};
use crate::instrument::{AnswerValue, Instrument};
use crate::store::{DumpAnswer, DumpSnapshot};

/// Parses questionnaire text kept with check-ins; `at` names it in messages.
pub fn parse(at: &str, source: &str) -> Result<Instrument, Refused> {
    parse_str(at, source).map_err(|errors| {
        Refused::new(
            at,
            format!(
                "the questionnaire text does not load: {}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
    })
}

/// Everything a snapshot in a file claims, checked; its questionnaire.
pub fn admit(at: &str, s: &DumpSnapshot) -> Result<Instrument, Refused> {
    limits::snapshot_text(&s.source).map_err(|m| Refused::new(format!("{at}.source"), m))?;
    if content_hash(&s.source) != s.hash {
        return Err(Refused::new(
            at,
            format!(
                "the questionnaire text does not match its hash {} (was it edited?)",
                s.hash
            ),
        ));
    }
    if standing(&s.questionnaire_id, s.version, &s.hash) == Standing::Unpublished {
        return Err(unpublished(at, &s.questionnaire_id, s.version));
    }
    let instrument = parse(at, &s.source)?;
    if instrument.id != s.questionnaire_id || instrument.version != s.version {
        return Err(Refused::new(
            at,
            format!(
                "the text is {} version {}, but the snapshot says {} version {}",
                instrument.id, instrument.version, s.questionnaire_id, s.version
            ),
        ));
    }
    Ok(instrument)
}

fn unpublished(at: &str, id: &str, version: u32) -> Refused {
    Refused::new(
        at,
        format!(
            "this {id} version {version} text does not match any published version of the bundled questionnaire {id}; \
             recap's own questionnaires cannot be changed by an import (a changed copy needs its own id, or a version above recap's)"
        ),
    )
}

/// An answer must name an item of the questionnaire and have a value that
/// item allows (a number, or text within the length limit).
pub fn answer_fits(instrument: &Instrument, answer: &DumpAnswer) -> Result<(), String> {
    value_fits(instrument, &answer.item_id, &answer.value)
}

/// `value` must be one that item `item_id` of the questionnaire allows.
pub fn value_fits(
    instrument: &Instrument,
    item_id: &str,
    value: &AnswerValue,
) -> Result<(), String> {
    let Some(item) = instrument.item(item_id) else {
        return Err(format!(
            "{} version {} has no item {:?}",
            instrument.id, instrument.version, item_id
        ));
    };
    match (value, item.is_numeric()) {
        (AnswerValue::Number(n), true) => item.check_value(*n).map_err(|allowed| {
            format!(
                "{n} is not allowed for item {}; allowed: {allowed}",
                item.id
            )
        }),
        (AnswerValue::Text(t), false) => limits::text_answer(t),
        (AnswerValue::Text(_), true) => Err(format!("item {} takes a number, not text", item.id)),
        (AnswerValue::Number(_), false) => {
            Err(format!("item {} takes text, not a number", item.id))
        }
    }
}
