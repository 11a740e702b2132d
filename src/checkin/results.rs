//! A finished check-in as lines of text: each score with its range, band and
//! source, change since last time and since the first check-in, safety
//! messages in full followed by the support contacts, and the notice of a
//! reflective questionnaire. Used by the plain mode and the commands.

use crate::config::Support;
use crate::instrument::change::change;
use crate::instrument::model::ScoreDef;
use crate::instrument::score::{ScoreResult, format_value, round_to};
use crate::instrument::{Instrument, Kind, Scoring};
use crate::strings;

/// The earlier scores to compare with. Pass `first` only when it is a
/// different session from `previous` (otherwise the same line shows twice).
#[derive(Debug, Clone, Copy, Default)]
pub struct Earlier<'a> {
    pub previous: Option<&'a Scoring>,
    pub first: Option<&'a Scoring>,
}

/// A signed difference with the score's decimals: "+8", "-2.5", "0".
pub fn format_diff(diff: f64, decimals: u32) -> String {
    let rounded = round_to(diff, decimals);
    if rounded == 0.0 {
        format_value(0.0, decimals)
    } else if rounded > 0.0 {
        format!("+{}", format_value(rounded, decimals))
    } else {
        format_value(rounded, decimals)
    }
}

/// The change line for one score against an earlier scoring, if both have a
/// value. The reliable-change verdict appears only when the score has a
/// sourced change rule; otherwise the plain difference.
pub fn change_line(
    def: &ScoreDef,
    now: f64,
    earlier: Option<&Scoring>,
    since: &str,
) -> Option<String> {
    let then = earlier?.get(&def.id)?.value?;
    let c = change(def, then, now);
    Some(strings::change_line(
        since,
        &format_diff(c.diff, def.decimals),
        c.verdict.map(|v| v.words()),
    ))
}

/// The lines for one score (first line unindented, details indented).
pub fn score_lines(
    def: Option<&ScoreDef>,
    result: &ScoreResult,
    earlier: Earlier<'_>,
) -> Vec<String> {
    let decimals = def.map_or(0, |d| d.decimals);
    let Some(value) = result.value else {
        if !result.missing_scores.is_empty() {
            return vec![strings::not_scored_parts(
                &result.label,
                &result.missing_scores,
            )];
        }
        return vec![strings::not_scored(&result.label, result.missing)];
    };
    let mut lines = Vec::new();
    let value_text = format_value(value, decimals);
    match def {
        Some(d) => lines.push(strings::score_line(
            &result.label,
            &value_text,
            &format_value(d.min, decimals),
            &format_value(d.max, decimals),
        )),
        None => lines.push(format!("{}: {value_text}", result.label)),
    }
    if let Some(band) = &result.band {
        lines.push(strings::band_line(&band.label, band.meaning.as_deref()));
        lines.push(strings::source_line(&band.source));
    }
    if result.missing > 0 {
        let total = result.answered + result.missing;
        lines.push(if result.prorated {
            strings::estimated_from(result.answered, total)
        } else {
            strings::based_on(result.answered, total)
        });
    }
    if let Some(d) = def {
        lines.extend(change_line(d, value, earlier.previous, strings::SINCE_LAST));
        lines.extend(change_line(d, value, earlier.first, strings::SINCE_FIRST));
    }
    lines
}

/// Everything shown after a check-in is submitted, one line per entry
/// (empty strings are blank lines).
pub fn result_lines(
    instrument: &Instrument,
    scoring: &Scoring,
    earlier: Earlier<'_>,
    support: &Support,
) -> Vec<String> {
    let mut lines = vec![strings::results_heading(&instrument.title)];
    if scoring.scores.is_empty() {
        lines.push(strings::NO_SCORES.to_string());
    }
    for result in &scoring.scores {
        lines.extend(score_lines(
            instrument.score_def(&result.id),
            result,
            earlier,
        ));
    }
    if instrument.kind == Kind::Reflective {
        let notice = instrument
            .notice
            .as_deref()
            .unwrap_or(strings::REFLECTIVE_NOTICE);
        lines.push(String::new());
        lines.push(strings::notice_line(notice.trim()));
    }
    if !scoring.safety.is_empty() {
        for message in &scoring.safety {
            lines.push(String::new());
            lines.push(message.trim().to_string());
        }
        lines.push(String::new());
        lines.extend(strings::support_lines(support));
    }
    lines
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::config::{Contact, Support};
    use crate::instrument::load::parse_str;
    use crate::instrument::{AnswerValue, Answers, Catalog, score};

    fn bundled(id: &str) -> Instrument {
        Catalog::bundled().get(id).unwrap().instrument.clone()
    }

    fn numbers(instrument: &Instrument, values: &[i64]) -> Answers {
        instrument
            .items
            .iter()
            .zip(values)
            .map(|(item, v)| (item.id.clone(), AnswerValue::Number(*v)))
            .collect()
    }

    fn support() -> Support {
        Support {
            contacts: vec![Contact::new("Helpline", "Call 123")],
            is_default: false,
        }
    }

    #[test]
    fn diff_formatting() {
        assert_eq!(format_diff(8.0, 0), "+8");
        assert_eq!(format_diff(-2.5, 1), "-2.5");
        assert_eq!(format_diff(0.0, 0), "0");
        assert_eq!(format_diff(-0.004, 2), "0.00");
        assert_eq!(format_diff(-0.4, 0), "0");
    }

    #[test]
    fn who5_with_band_source_and_reliable_change() {
        let i = bundled("who-5");
        let now = score(&i, &numbers(&i, &[4, 3, 3, 3, 3])); // 16 x 4 = 64
        let prev = score(&i, &numbers(&i, &[3, 3, 3, 3, 2])); // 56
        let first = score(&i, &numbers(&i, &[2, 2, 2, 2, 2])); // 40
        let lines = result_lines(
            &i,
            &now,
            Earlier {
                previous: Some(&prev),
                first: Some(&first),
            },
            &support(),
        );
        assert_eq!(
            lines,
            vec![
                "Your results: WHO-5 Well-Being Index",
                "Well-being: 64 (possible range 0 to 100)",
                "  Above 50: Above the threshold for poor well-being.",
                "  Source: Topp et al. 2015, Psychother Psychosom 84:167-176 (above 50).",
                "  Since last time: +8 (no reliable change)",
                "  Since your first check-in: +24 (reliable improvement)",
            ]
        );
    }

    #[test]
    fn who5_low_score_shows_safety_message_then_contacts() {
        let i = bundled("who-5");
        let now = score(&i, &numbers(&i, &[1, 1, 1, 1, 1])); // 20
        let prev = score(&i, &numbers(&i, &[4, 4, 4, 4, 4])); // 80
        let lines = result_lines(
            &i,
            &now,
            Earlier {
                previous: Some(&prev),
                first: None,
            },
            &support(),
        );
        assert_eq!(
            lines,
            vec![
                "Your results: WHO-5 Well-Being Index",
                "Well-being: 20 (possible range 0 to 100)",
                "  28 or below: A range often seen in people going through depression. It is not a diagnosis; talking with a doctor or counselor about how you have been feeling is a good next step.",
                "  Source: Topp et al. 2015, Psychother Psychosom 84:167-176 (28 or less: a range associated with likely depression).",
                "  Since last time: -60 (reliable decline)",
                "",
                "Your answers suggest the last two weeks have been really hard. You do not have to carry this alone: talking with a doctor, counselor or someone you trust can help, and support lines are open any time.",
                "",
                "You answered \"Some of the time\" or \"At no time\" to at least one statement. The WHO-5's 1998 scoring guide suggests following this up, whatever your total score: talking it over with a doctor or counselor can help. It is not a diagnosis, and you do not have to wait for things to get worse to reach out.",
                "",
                "If you would like to talk with someone, support is available:",
                "  Helpline: Call 123",
            ]
        );
    }

    #[test]
    fn barc10_without_change_rule_shows_plain_difference() {
        let i = bundled("barc-10");
        let now = score(&i, &numbers(&i, &[5; 10])); // 50
        let prev = score(&i, &numbers(&i, &[4; 10])); // 40
        let lines = result_lines(
            &i,
            &now,
            Earlier {
                previous: Some(&prev),
                first: Some(&prev),
            },
            &support(),
        );
        assert_eq!(
            lines,
            vec![
                "Your results: Brief Assessment of Recovery Capital (BARC-10)",
                "Recovery capital: 50 (possible range 10 to 60)",
                "  47 or above: At or above 47. In the validation study, the cutoff of 47 was derived for sustained remission, defined as more than 12 months' abstinence, in one sample of 123 people. It describes that group; it is not a prediction for one person.",
                "  Source: Vilsaint et al. 2017, Drug and Alcohol Dependence 177:71-76: cutoff 47 from an ROC analysis for sustained remission (more than 12 months' abstinence) in one independent sample, N = 123 (abstract). Whether 47 itself counts is not stated; recap counts 47 as at or above.",
                "  Since last time: +10",
                "  Since your first check-in: +10",
            ]
        );
    }

    #[test]
    fn missing_answers_are_not_scored_and_earlier_unscored_is_skipped() {
        let i = bundled("barc-10");
        let now = score(&i, &numbers(&i, &[5; 8]));
        let earlier_unscored = score(&i, &numbers(&i, &[5; 9]));
        let lines = result_lines(
            &i,
            &now,
            Earlier {
                previous: Some(&earlier_unscored),
                first: None,
            },
            &support(),
        );
        assert_eq!(
            lines,
            vec![
                "Your results: Brief Assessment of Recovery Capital (BARC-10)",
                "Recovery capital: not scored: 2 answers missing",
            ]
        );
        let one = score(&i, &numbers(&i, &[5; 9]));
        let lines = result_lines(&i, &one, Earlier::default(), &support());
        assert_eq!(lines[1], "Recovery capital: not scored: 1 answer missing");
    }

    #[test]
    fn reflective_questionnaire_shows_notice_and_partial_answers() {
        let i = bundled("samhsa-dimensions");
        let mut answers = numbers(&i, &[4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1]);
        answers.remove("health-mind");
        answers.insert("reflection".into(), AnswerValue::Text("ok".into()));
        let now = score(&i, &answers);
        let prev = score(&i, &numbers(&i, &[2; 13]));
        let lines = result_lines(
            &i,
            &now,
            Earlier {
                previous: Some(&prev),
                first: None,
            },
            &support(),
        );
        assert_eq!(
            lines,
            vec![
                "Your results: Weekly check-in: Health, Home, Purpose, Community",
                "Health: 100 (possible range 0 to 100)",
                "  Based on 2 of 3 answers.",
                "  Since last time: +50",
                "Home: 75 (possible range 0 to 100)",
                "  Since last time: +25",
                "Purpose: 50 (possible range 0 to 100)",
                "  Since last time: 0",
                "Community: 25 (possible range 0 to 100)",
                "  Since last time: -25",
                // The mean of the four dimensions: (100 + 75 + 50 + 25) / 4 = 62.5 -> 63.
                "Overall: 63 (possible range 0 to 100)",
                "  Since last time: +13",
                "",
                "Please note: This check-in was written for recap as a reflection tool. It is not a validated clinical measure and has no clinical cutoffs; use it to notice change over time.",
            ]
        );
    }

    #[test]
    fn prorated_sum_and_default_contacts_note() {
        let text = r#"
id = "t"
version = 1
title = "T"
kind = "reflective"
[[items]]
id = "a"
type = "yes_no"
text = "A?"
[[items]]
id = "b"
type = "yes_no"
text = "B?"
[[scores]]
id = "s"
label = "Sum"
method = "sum"
items = ["a", "b"]
range = [0, 2]
max_missing = 1
[[safety]]
item = "a"
equals = 0
message = "First message."
[[safety]]
item = "a"
at_most = 0
message = "Second message."
"#;
        let i = parse_str("t.toml", text).unwrap();
        let mut answers = Answers::new();
        answers.insert("a".into(), AnswerValue::Number(0));
        let now = score(&i, &answers);
        let lines = result_lines(&i, &now, Earlier::default(), &Support::default());
        assert_eq!(
            lines,
            vec![
                "Your results: T",
                "Sum: 0 (possible range 0 to 2)",
                "  Estimated from 1 of 2 answers.",
                "",
                "Please note: This is a reflection tool, not a clinical measure; use it to notice change over time.",
                "",
                "First message.",
                "",
                "Second message.",
                "",
                "If you would like to talk with someone, support is available:",
                "  988 Suicide & Crisis Lifeline: Call or text 988, chat at 988lifeline.org",
                "  SAMHSA National Helpline: 1-800-662-4357 (1-800-662-HELP), free and confidential, 24/7, in English and Spanish; TTY 1-800-487-4889",
                "  Immediate danger: Call 911",
                "Outside the United States? You can list your own local support lines in config.toml in recap's configuration folder (run `recap paths` to find it), under [[support.contacts]].",
            ]
        );
    }

    #[test]
    fn no_scores() {
        let text = "id = \"t\"\nversion = 1\ntitle = \"T\"\nkind = \"validated\"\n[[items]]\nid = \"a\"\ntype = \"text\"\ntext = \"Say\"\n";
        let i = parse_str("t.toml", text).unwrap();
        let now = score(&i, &Answers::new());
        assert_eq!(
            result_lines(&i, &now, Earlier::default(), &support()),
            vec![
                "Your results: T",
                "This questionnaire has no scores; your answers are saved."
            ]
        );
    }
}
