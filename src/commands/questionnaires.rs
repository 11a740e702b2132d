//! `recap questionnaires list | show ID | validate FILE...`

use std::fmt::Write as _;

use super::Context;
use crate::cli::QuestionnairesCommand;
use crate::error::{Error, Result};
use crate::instrument::load::parse_file;
use crate::instrument::model::{ChangeRule, Condition, Method, SafetyTarget};
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

/// A full text description of a questionnaire: items, scales, scoring, sources.
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
    if !i.scales.is_empty() {
        let _ = writeln!(out, "\nScales:");
        for (name, scale) in &i.scales {
            let opts: Vec<String> = scale
                .options
                .iter()
                .map(|o| format!("{} = {}", o.value, o.label))
                .collect();
            let _ = writeln!(out, "  {name}: {}", opts.join(", "));
        }
    }
    let _ = writeln!(out, "\nItems:");
    for (n, item) in i.items.iter().enumerate() {
        let kind = match &item.response {
            Response::Choice { scale, .. } => format!("choice ({scale})"),
            Response::YesNo => "yes/no".into(),
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
        let method = match s.method {
            Method::Sum => "sum",
            Method::Mean => "mean",
        };
        let mut how = format!("{method} of {} items", s.items.len());
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
        let _ = writeln!(
            out,
            "      missing answers: {}",
            if s.max_missing == 0 {
                "every item must be answered".to_string()
            } else {
                format!(
                    "up to {} may be skipped ({})",
                    s.max_missing,
                    if s.method == Method::Sum {
                        "sum prorated"
                    } else {
                        "mean of the rest"
                    }
                )
            }
        );
        for b in &s.bands {
            let _ = writeln!(
                out,
                "      {}-{}: {} (source: {})",
                b.min, b.max, b.label, b.source
            );
        }
        match &s.change {
            Some(ChangeRule::Reliability {
                reliability,
                sd,
                source,
            }) => {
                let _ = writeln!(
                    out,
                    "      reliable change: r = {reliability}, SD = {sd} (source: {source})"
                );
            }
            Some(ChangeRule::Mdc { mdc, source }) => {
                let _ = writeln!(
                    out,
                    "      reliable change: minimal detectable change {mdc} (source: {source})"
                );
            }
            None => {}
        }
    }
    if !i.safety.is_empty() {
        let _ = writeln!(out, "\nSupport messages:");
        for r in &i.safety {
            let target = match &r.target {
                SafetyTarget::Item(x) => format!("item {x}"),
                SafetyTarget::Score(x) => format!("score {x}"),
            };
            let cond = match r.condition {
                Condition::AtMost(v) => format!("at most {v}"),
                Condition::AtLeast(v) => format!("at least {v}"),
                Condition::Equals(v) => format!("equal to {v}"),
            };
            let _ = writeln!(
                out,
                "  when {target} is {cond}: {}",
                r.message.replace('\n', " ")
            );
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
