//! `recap questionnaires list | show ID | validate FILE...`

use std::fmt::Write as _;

use super::Context;
use crate::cli::QuestionnairesCommand;
use crate::error::{Error, Result};
use crate::instrument::load::parse_file;
use crate::instrument::model::{ChangeRule, Condition, Method, SafetyTarget, ScoreDef};
use crate::instrument::{Instrument, Response};

pub fn run(ctx: &Context, cmd: QuestionnairesCommand) -> Result<()> {
    match cmd {
        QuestionnairesCommand::List => {
            let catalog = ctx.catalog();
            say!(
                "{:<20} {:>3}  {:<10} {:>5}  {:<9} {:<28} SOURCE",
                "ID",
                "VER",
                "KIND",
                "ITEMS",
                "DUE",
                "TITLE"
            );
            for entry in catalog.iter() {
                let i = &entry.instrument;
                let due = i
                    .due_days
                    .map_or_else(|| "-".to_string(), |d| format!("{d} days"));
                say!(
                    "{:<20} {:>3}  {:<10} {:>5}  {:<9} {:<28} {}",
                    i.id,
                    i.version,
                    i.kind.as_str(),
                    i.items.len(),
                    due,
                    i.short_title,
                    entry.origin.describe()
                );
            }
            Ok(())
        }
        QuestionnairesCommand::Show { id } => {
            let catalog = ctx.catalog();
            let entry = catalog.get(&id).ok_or_else(|| {
                Error::Input(format!(
                    "no questionnaire with id {id:?}; known: {}",
                    catalog.ids().join(", ")
                ))
            })?;
            super::write_out(format_args!("{}", describe(&entry.instrument)))?;
            Ok(())
        }
        QuestionnairesCommand::Validate { files } => {
            let mut errors = Vec::new();
            for file in &files {
                match parse_file(file) {
                    Ok((i, _)) => say!(
                        "ok: {} ({} version {}, {} items)",
                        file.display(),
                        i.id,
                        i.version,
                        i.items.len()
                    ),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            if errors.is_empty() {
                Ok(())
            } else {
                Err(Error::Questionnaire(errors))
            }
        }
    }
}

/// A full text description of a questionnaire: answers and their values,
/// items, scoring with bands and sources, support messages, citation.
pub fn describe(i: &Instrument) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} version {})", i.title, i.id, i.version);
    let _ = writeln!(
        out,
        "Kind: {}",
        if i.kind == crate::instrument::Kind::Validated {
            "validated instrument"
        } else {
            "reflective check-in (not a clinical measure)"
        }
    );
    if let Some(d) = i.due_days {
        let _ = writeln!(out, "Due: every {d} days");
    }
    if !i.description.is_empty() {
        let _ = writeln!(out, "\n{}", i.description);
    }
    if let Some(n) = &i.notice {
        let _ = writeln!(out, "\n{n}");
    }
    if let Some(ins) = &i.instructions {
        let _ = writeln!(out, "\nInstructions: {ins}");
    }
    if let Some(stem) = &i.stem {
        let _ = writeln!(out, "Shown with every item: {stem}");
    }
    describe_answers(&mut out, i);
    let _ = writeln!(out, "\nItems:");
    for (n, item) in i.items.iter().enumerate() {
        let kind = match &item.response {
            Response::Choice { scale, .. } => format!("choice ({scale})"),
            Response::YesNo => "yes/no (1 = Yes, 0 = No)".into(),
            Response::Number { min, max, unit } => format!(
                "number {min}-{max}{}",
                unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
            ),
            Response::Text => "free text".into(),
        };
        let mut flags = vec![
            kind,
            if item.required {
                "required".into()
            } else {
                "optional".into()
            },
        ];
        if item.reverse {
            flags.push("reverse scored".into());
        }
        if !item.domains.is_empty() {
            flags.push(format!(
                "domain: {}",
                item.domains
                    .iter()
                    .map(|d| i.domain_label(d))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let _ = writeln!(
            out,
            "  {:>2}. [{}] {}\n      {}",
            n + 1,
            item.id,
            item.text,
            flags.join("; ")
        );
    }
    if !i.scores.is_empty() {
        let _ = writeln!(out, "\nScores:");
    }
    for s in &i.scores {
        describe_score(&mut out, i, s);
    }
    if !i.safety.is_empty() {
        let _ = writeln!(out, "\nSupport messages (shown with the support contacts):");
        for r in &i.safety {
            let target = match &r.target {
                SafetyTarget::Item(x) => format!("item {x}"),
                SafetyTarget::AnyItem(xs) => format!("any of the items {}", xs.join(", ")),
                SafetyTarget::Score(x) => format!("score {x}"),
            };
            let cond = match r.condition {
                Condition::AtMost(v) => format!("at most {v}"),
                Condition::AtLeast(v) => format!("at least {v}"),
                Condition::Equals(v) => format!("equal to {v}"),
            };
            // For answers, the options the condition covers, in words.
            let first = match &r.target {
                SafetyTarget::Item(x) => i.item(x),
                SafetyTarget::AnyItem(xs) => xs.first().and_then(|x| i.item(x)),
                SafetyTarget::Score(_) => None,
            };
            let words: Vec<String> = first
                .map(|item| item.options())
                .unwrap_or_default()
                .iter()
                .filter(|o| r.condition.holds(o.value as f64))
                .map(|o| format!("{} = {}", o.value, o.label))
                .collect();
            let words = if words.is_empty() {
                String::new()
            } else {
                format!(" ({})", words.join(", "))
            };
            let _ = writeln!(
                out,
                "  when {target} is {cond}{words}: {}",
                r.message.replace('\n', " ")
            );
            if let Some(pair) = &r.with_counselor {
                let _ = writeln!(out, "    with a counselor: {}", pair.replace('\n', " "));
            }
        }
    }
    if let Some(c) = &i.citation {
        let _ = writeln!(out, "\nSource: {c}");
    }
    if let Some(t) = &i.terms {
        let _ = writeln!(out, "Terms: {t}");
    }
    out
}

/// Each scale's values and labels, one per line: the number shown is the
/// value stored, pressed, typed and given to `recap record`.
fn describe_answers(out: &mut String, i: &Instrument) {
    if i.scales.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nAnswers: the number beside each answer is the value that is stored and scored. \
Press it during a check-in, type it (or the answer's words) in plain mode, or give it \
to `recap record` (--answers, --answer ITEM=VALUE or --answers-file)."
    );
    for (name, scale) in &i.scales {
        let used: Vec<String> = i
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| matches!(&item.response, Response::Choice { scale, .. } if scale == name))
            .map(|(n, _)| (n + 1).to_string())
            .collect();
        let used = match used.len() {
            0 => "no items".to_string(),
            1 => format!("item {}", used.join("")),
            _ => format!("items {}", used.join(", ")),
        };
        let _ = writeln!(out, "  {name} ({used}):");
        for o in &scale.options {
            let _ = writeln!(out, "    {} = {}", o.value, o.label);
        }
        if scale.options.iter().any(|o| !(0..=9).contains(&o.value)) {
            let _ = writeln!(
                out,
                "    (values past 0-9: in the full-screen check-in, choose with the arrow keys and Enter)"
            );
        }
    }
}

fn describe_score(out: &mut String, i: &Instrument, s: &ScoreDef) {
    let mut how = match s.method {
        Method::MeanOfScores => format!(
            "mean of the scores {}",
            s.scores
                .iter()
                .map(|id| i.score_def(id).map_or(id.as_str(), |d| d.label.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        method => format!("{} of {} items", method.as_str(), s.items.len()),
    };
    if (s.multiply - 1.0).abs() > f64::EPSILON || s.add.abs() > f64::EPSILON {
        let _ = write!(how, ", x {}", s.multiply);
        if s.add.abs() > f64::EPSILON {
            let _ = write!(how, " + {}", s.add);
        }
    }
    let _ = writeln!(
        out,
        "  {} [{}]: {how}; range {}-{}; {} is better",
        s.label,
        s.id,
        s.min,
        s.max,
        if s.higher_is_better {
            "higher"
        } else {
            "lower"
        }
    );
    let missing = match s.method {
        Method::MeanOfScores => format!(
            "given only when all {} of these scores have a value",
            s.scores.len()
        ),
        _ if s.max_missing == 0 => "every item must be answered".to_string(),
        method => format!(
            "up to {} may be skipped ({})",
            s.max_missing,
            if method == Method::Sum {
                "sum prorated"
            } else {
                "mean of the rest"
            }
        ),
    };
    let _ = writeln!(out, "      missing answers: {missing}");
    if s.bands.is_empty() {
        let _ = writeln!(out, "      bands: none (the number is shown on its own)");
    }
    for b in &s.bands {
        let _ = writeln!(
            out,
            "      {}-{}: {}{}",
            b.min,
            b.max,
            b.label,
            b.meaning
                .as_ref()
                .map(|m| format!(". {m}"))
                .unwrap_or_default()
        );
        let _ = writeln!(out, "          source: {}", b.source);
    }
    match &s.change {
        Some(ChangeRule::Reliability {
            reliability,
            sd,
            source,
        }) => {
            let _ = writeln!(
                out,
                "      reliable change: r = {reliability}, SD = {sd}\n          source: {source}"
            );
        }
        Some(ChangeRule::Mdc { mdc, source }) => {
            let _ = writeln!(
                out,
                "      reliable change: minimal detectable change {mdc}\n          source: {source}"
            );
        }
        None => {
            let _ = writeln!(
                out,
                "      change: the plain difference only (no sourced reliable-change figure)"
            );
        }
    }
}
