//! Turns a parsed questionnaire file into an `Instrument`, collecting every
//! problem (with the byte span it refers to) instead of stopping at the first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use super::file::{RawItemType, RawMethod, RawQuestionnaire};
use super::model::{
    Band, ChangeRule, Condition, Domain, Instrument, Item, Method, Response, SafetyRule,
    SafetyTarget, Scale, ScaleOption, ScoreDef,
};

/// One thing wrong in a file, at a byte span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.0.push(Problem {
            span,
            message: message.into(),
        });
    }
}

/// TOML allows `nan` and `inf`; no number in a questionnaire may be either.
fn not_finite(values: &[Option<f64>]) -> bool {
    values.iter().flatten().any(|v| !v.is_finite())
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Checks everything that TOML types alone cannot: references, uniqueness,
/// ranges, bands and rules.
pub fn validate(raw: RawQuestionnaire) -> Result<Instrument, Vec<Problem>> {
    let mut p = Problems(Vec::new());

    if !valid_id(raw.id.get_ref()) {
        p.add(
            raw.id.span(),
            format!(
                "questionnaire id {:?} must be 1-64 characters of a-z, 0-9, '-' or '_'",
                raw.id.get_ref()
            ),
        );
    }
    if *raw.version.get_ref() == 0 {
        p.add(raw.version.span(), "version must be 1 or more");
    }
    if raw.title.get_ref().trim().is_empty() {
        p.add(raw.title.span(), "title must not be empty");
    }
    if let Some(d) = &raw.due_days
        && *d.get_ref() == 0
    {
        p.add(
            d.span(),
            "due_days must be 1 or more (leave it out if the questionnaire is never due)",
        );
    }

    // Domains.
    let mut domains = Vec::new();
    let mut domain_ids = BTreeSet::new();
    for d in &raw.domains {
        if !valid_id(d.id.get_ref()) {
            p.add(
                d.id.span(),
                format!(
                    "domain id {:?} must be 1-64 characters of a-z, 0-9, '-' or '_'",
                    d.id.get_ref()
                ),
            );
        }
        if !domain_ids.insert(d.id.get_ref().clone()) {
            p.add(
                d.id.span(),
                format!("duplicate domain id {:?}", d.id.get_ref()),
            );
        }
        domains.push(Domain {
            id: d.id.get_ref().clone(),
            label: d.label.clone(),
        });
    }

    // Scales.
    let mut scales = BTreeMap::new();
    for (name, scale) in &raw.scales {
        let opts = scale.options.get_ref();
        if opts.is_empty() {
            p.add(
                scale.options.span(),
                format!("scale {name:?} has no options"),
            );
        }
        let mut seen = BTreeSet::new();
        for o in opts {
            if !seen.insert(*o.value.get_ref()) {
                p.add(
                    o.value.span(),
                    format!("scale {name:?} has the value {} twice", o.value.get_ref()),
                );
            }
        }
        scales.insert(
            name.clone(),
            Scale {
                options: opts
                    .iter()
                    .map(|o| ScaleOption {
                        value: *o.value.get_ref(),
                        label: o.label.clone(),
                    })
                    .collect(),
            },
        );
    }

    // Items.
    let mut items: Vec<Item> = Vec::new();
    let mut item_ids = BTreeSet::new();
    if raw.items.get_ref().is_empty() {
        p.add(raw.items.span(), "a questionnaire needs at least one item");
    }
    for spanned in raw.items.get_ref() {
        let it = spanned.get_ref();
        let id = it.id.get_ref();
        if !valid_id(id) {
            p.add(
                it.id.span(),
                format!("item id {id:?} must be 1-64 characters of a-z, 0-9, '-' or '_'"),
            );
        }
        if !item_ids.insert(id.clone()) {
            p.add(it.id.span(), format!("duplicate item id {id:?}"));
        }
        if it.text.get_ref().trim().is_empty() {
            p.add(it.text.span(), format!("item {id:?} has empty text"));
        }
        let kind = *it.kind.get_ref();
        if kind != RawItemType::Choice
            && let Some(s) = &it.scale
        {
            p.add(
                s.span(),
                format!("item {id:?}: only choice items take a scale"),
            );
        }
        if kind != RawItemType::Number {
            for bound in [&it.min, &it.max].into_iter().flatten() {
                p.add(
                    bound.span(),
                    format!("item {id:?}: only number items take min and max"),
                );
            }
        }
        let response = match kind {
            RawItemType::Choice => {
                match &it.scale {
                    None => {
                        p.add(spanned.span(), format!("item {id:?} is a choice item but names no scale (add scale = \"...\")"));
                        None
                    }
                    Some(s) => match scales.get(s.get_ref()) {
                        None => {
                            let known: Vec<&str> = scales.keys().map(String::as_str).collect();
                            p.add(
                                s.span(),
                                format!(
                                    "item {id:?} uses unknown scale {:?} (defined scales: {})",
                                    s.get_ref(),
                                    if known.is_empty() {
                                        "none".to_string()
                                    } else {
                                        known.join(", ")
                                    }
                                ),
                            );
                            None
                        }
                        Some(scale) => Some(Response::Choice {
                            scale: s.get_ref().clone(),
                            options: scale.options.clone(),
                        }),
                    },
                }
            }
            RawItemType::YesNo => Some(Response::YesNo),
            RawItemType::Text => Some(Response::Text),
            RawItemType::Number => match (&it.min, &it.max) {
                (Some(min), Some(max)) => {
                    if min.get_ref() > max.get_ref() {
                        p.add(
                            max.span(),
                            format!(
                                "item {id:?}: max {} is below min {}",
                                max.get_ref(),
                                min.get_ref()
                            ),
                        );
                    }
                    Some(Response::Number {
                        min: *min.get_ref(),
                        max: *max.get_ref(),
                        unit: it.unit.clone(),
                    })
                }
                _ => {
                    p.add(
                        spanned.span(),
                        format!("item {id:?} is a number item and needs both min and max"),
                    );
                    None
                }
            },
        };
        let reverse = it.reverse.as_ref().is_some_and(|r| *r.get_ref());
        if reverse
            && kind == RawItemType::Text
            && let Some(r) = &it.reverse
        {
            p.add(
                r.span(),
                format!(
                    "item {id:?}: reverse scoring needs a numeric item, but this is a text item"
                ),
            );
        }
        for d in &it.domains {
            if !domain_ids.contains(d.get_ref()) {
                p.add(
                    d.span(),
                    format!(
                        "item {id:?} names unknown domain {:?} (declare it under [[domains]])",
                        d.get_ref()
                    ),
                );
            }
        }
        if let Some(response) = response {
            items.push(Item {
                id: id.clone(),
                text: it.text.get_ref().trim().to_string(),
                required: it.required.unwrap_or(kind != RawItemType::Text),
                reverse,
                domains: it.domains.iter().map(|d| d.get_ref().clone()).collect(),
                response,
            });
        }
    }

    // Items by id, for the references below (first of any duplicates).
    let mut item_index: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        item_index.entry(item.id.as_str()).or_insert(i);
    }
    let find_item = |id: &str| item_index.get(id).and_then(|&i| items.get(i));

    // Scores. Every id first, so a `mean_of_scores` may name a score that is
    // defined after it.
    let declared_scores: BTreeSet<&str> = raw
        .scores
        .iter()
        .map(|s| s.get_ref().id.get_ref().as_str())
        .collect();
    let mut scores = Vec::new();
    let mut score_ids = BTreeSet::new();
    // For `mean_of_scores`: (index in `scores`, span of its list, span of its range).
    let mut of_scores: Vec<(usize, Range<usize>, Range<usize>)> = Vec::new();
    for spanned in &raw.scores {
        let s = spanned.get_ref();
        let sid = s.id.get_ref();
        if !valid_id(sid) {
            p.add(
                s.id.span(),
                format!("score id {sid:?} must be 1-64 characters of a-z, 0-9, '-' or '_'"),
            );
        }
        if !score_ids.insert(sid.clone()) {
            p.add(s.id.span(), format!("duplicate score id {sid:?}"));
        }
        let method = match s.method.get_ref() {
            RawMethod::Sum => Method::Sum,
            RawMethod::Mean => Method::Mean,
            RawMethod::MeanOfScores => Method::MeanOfScores,
        };
        let empty = Vec::new();
        let item_refs = s.items.as_ref().map_or(&empty, |l| l.get_ref());
        let score_refs = s.scores.as_ref().map_or(&empty, |l| l.get_ref());
        // What the score is made of: items, or (for mean_of_scores) scores.
        let parts = if method == Method::MeanOfScores {
            if let Some(items) = &s.items {
                p.add(
                    items.span(),
                    format!(
                        "score {sid:?}: a mean_of_scores score lists scores = [...], not items"
                    ),
                );
            }
            match &s.scores {
                None => p.add(
                    s.method.span(),
                    format!(
                        "score {sid:?}: mean_of_scores needs scores = [...], the ids of the scores to average"
                    ),
                ),
                Some(list) if list.get_ref().is_empty() => {
                    p.add(list.span(), format!("score {sid:?} lists no scores"));
                }
                Some(_) => {}
            }
            let mut listed = BTreeSet::new();
            for score_ref in score_refs {
                let other = score_ref.get_ref();
                if !listed.insert(other.clone()) {
                    p.add(
                        score_ref.span(),
                        format!("score {sid:?} lists score {other:?} twice"),
                    );
                } else if other == sid {
                    p.add(
                        score_ref.span(),
                        format!("score {sid:?} cannot include itself"),
                    );
                } else if !declared_scores.contains(other.as_str()) {
                    let known: Vec<&str> = declared_scores
                        .iter()
                        .copied()
                        .filter(|id| id != sid)
                        .collect();
                    p.add(
                        score_ref.span(),
                        format!(
                            "score {sid:?} uses unknown score {other:?} (scores in this file: {})",
                            if known.is_empty() {
                                "none".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                    );
                }
            }
            if let Some(m) = &s.max_missing
                && *m.get_ref() != 0
            {
                p.add(
                    m.span(),
                    format!(
                        "score {sid:?}: a mean_of_scores score is given only when every listed score has a value; leave out max_missing"
                    ),
                );
            }
            score_refs.len()
        } else {
            if let Some(list) = &s.scores {
                p.add(
                    list.span(),
                    format!(
                        "score {sid:?}: only a mean_of_scores score takes scores = [...]; a {} lists items",
                        method.as_str()
                    ),
                );
            }
            match &s.items {
                None => p.add(
                    spanned.span(),
                    format!(
                        "score {sid:?}: a {} score needs items = [...]",
                        method.as_str()
                    ),
                ),
                Some(list) if list.get_ref().is_empty() => {
                    p.add(list.span(), format!("score {sid:?} lists no items"));
                }
                Some(_) => {}
            }
            item_refs.len()
        };
        let mut ranges = Vec::new();
        let mut listed = BTreeSet::new();
        // Items of a mean of scores are reported above; not checked here.
        let scored_items = if method == Method::MeanOfScores {
            &empty
        } else {
            item_refs
        };
        for item_ref in scored_items {
            if !listed.insert(item_ref.get_ref().clone()) {
                p.add(
                    item_ref.span(),
                    format!("score {sid:?} lists item {:?} twice", item_ref.get_ref()),
                );
            }
            match find_item(item_ref.get_ref()) {
                Some(item) => match item.value_range() {
                    Some(r) => ranges.push(r),
                    // A choice item whose scale has no options: reported on the scale.
                    None if item.is_numeric() => {}
                    None => p.add(
                        item_ref.span(),
                        format!(
                            "score {sid:?} uses item {:?}, a text item that cannot be scored",
                            item_ref.get_ref()
                        ),
                    ),
                },
                None if item_ids.contains(item_ref.get_ref()) => {} // reported on the item
                None => p.add(
                    item_ref.span(),
                    format!("score {sid:?} uses unknown item {:?}", item_ref.get_ref()),
                ),
            }
        }
        let multiply = s.multiply.unwrap_or(1.0);
        let add = s.add.unwrap_or(0.0);
        let decimals = s.decimals.unwrap_or(0);
        if decimals > 4 {
            p.add(
                spanned.span(),
                format!("score {sid:?}: decimals must be 0-4"),
            );
        }
        let [min, max] = *s.range.get_ref();
        if not_finite(&[Some(min), Some(max)]) {
            p.add(
                s.range.span(),
                format!("score {sid:?}: range must be two finite numbers (not nan or inf)"),
            );
        }
        if not_finite(&[s.multiply, s.add]) {
            p.add(
                spanned.span(),
                format!("score {sid:?}: multiply and add must be finite numbers (not nan or inf)"),
            );
        }
        let finite = !not_finite(&[Some(min), Some(max), s.multiply, s.add]);
        if finite && !ranges.is_empty() && ranges.len() == parts {
            let lo: f64 = ranges.iter().map(|r| r.0 as f64).sum();
            let hi: f64 = ranges.iter().map(|r| r.1 as f64).sum();
            let n = ranges.len() as f64;
            let (lo, hi) = match method {
                Method::Sum => (lo, hi),
                Method::Mean | Method::MeanOfScores => (lo / n, hi / n),
            };
            check_range(
                &mut p,
                sid,
                s.range.span(),
                [min, max],
                [lo, hi],
                (multiply, add),
                "items",
            );
        }
        let max_missing = s.max_missing.as_ref().map_or(0, |m| *m.get_ref());
        if method != Method::MeanOfScores
            && let Some(m) = &s.max_missing
            && *m.get_ref() >= parts.max(1)
        {
            p.add(
                m.span(),
                format!(
                    "score {sid:?}: max_missing must be less than the number of items ({parts})"
                ),
            );
        }
        // Bands: in order, no gaps, no overlaps, covering the whole range.
        let step = 10f64.powi(-(decimals.min(4) as i32));
        let mut bands = Vec::new();
        for (i, b) in s.bands.iter().enumerate() {
            let band = b.get_ref();
            if not_finite(&[Some(band.min), Some(band.max)]) {
                p.add(
                    b.span(),
                    format!(
                        "score {sid:?}: band {:?} needs finite min and max (not nan or inf)",
                        band.label
                    ),
                );
            }
            if band.min > band.max {
                p.add(
                    b.span(),
                    format!(
                        "score {sid:?}: band {:?} has min {} above max {}",
                        band.label, band.min, band.max
                    ),
                );
            }
            if band.source.trim().is_empty() {
                p.add(
                    b.span(),
                    format!("score {sid:?}: band {:?} needs a source", band.label),
                );
            }
            if i == 0 && (band.min - min).abs() > 1e-9 {
                p.add(b.span(), format!("score {sid:?}: the first band starts at {} but the score starts at {min} (gap)", band.min));
            }
            if let Some(prev) = s.bands.get(i.wrapping_sub(1)).filter(|_| i > 0) {
                let prev = prev.get_ref();
                let expected = prev.max + step;
                if band.min < expected - 1e-9 {
                    p.add(b.span(), format!("score {sid:?}: band {:?} starts at {}, overlapping band {:?} which ends at {}", band.label, band.min, prev.label, prev.max));
                } else if band.min > expected + 1e-9 {
                    p.add(b.span(), format!("score {sid:?}: gap between band {:?} (ends at {}) and band {:?} (starts at {}); the next band should start at {}", prev.label, prev.max, band.label, band.min, round_to(expected, decimals)));
                }
            }
            if let Some(edge) = band.edge {
                let below = s.bands.get(i.wrapping_sub(1)).filter(|_| i > 0);
                match below.map(|b| b.get_ref()) {
                    None => p.add(
                        b.span(),
                        format!(
                            "score {sid:?}: band {:?} is the lowest, so it has no edge below it; remove edge",
                            band.label
                        ),
                    ),
                    Some(prev) if !(edge.is_finite() && prev.max - 1e-9 <= edge && edge <= band.min + 1e-9) => p.add(
                        b.span(),
                        format!(
                            "score {sid:?}: band {:?} has edge {edge}, which must lie between the end of band {:?} ({}) and its own start ({})",
                            band.label, prev.label, prev.max, band.min
                        ),
                    ),
                    Some(_) => {}
                }
            }
            if i + 1 == s.bands.len() && (band.max - max).abs() > 1e-9 {
                p.add(
                    b.span(),
                    format!(
                        "score {sid:?}: the last band ends at {} but the score ends at {max} (gap)",
                        band.max
                    ),
                );
            }
            bands.push(Band {
                min: band.min,
                max: band.max,
                label: band.label.clone(),
                meaning: band.meaning.clone(),
                source: band.source.clone(),
                edge: band.edge,
            });
        }
        let change = s.change.as_ref().and_then(|c| {
            let ch = c.get_ref();
            if not_finite(&[ch.reliability, ch.sd, ch.mdc]) {
                p.add(c.span(), format!("score {sid:?}: change figures must be finite numbers (not nan or inf)"));
                return None;
            }
            match (ch.reliability, ch.sd, ch.mdc) {
                (Some(r), Some(sd), None) if (0.0..1.0).contains(&r) && sd > 0.0 => {
                    Some(ChangeRule::Reliability { reliability: r, sd, source: ch.source.clone() })
                }
                (None, None, Some(mdc)) if mdc > 0.0 => Some(ChangeRule::Mdc { mdc, source: ch.source.clone() }),
                _ => {
                    p.add(c.span(), format!("score {sid:?}: change needs either reliability (0 to below 1) and sd (above 0), or mdc (above 0), each with a source"));
                    None
                }
            }
        });
        if method == Method::MeanOfScores {
            let list_span = s
                .scores
                .as_ref()
                .map_or_else(|| s.method.span(), |l| l.span());
            of_scores.push((scores.len(), list_span, s.range.span()));
        }
        scores.push(ScoreDef {
            id: sid.clone(),
            label: s.label.clone(),
            method,
            items: item_refs.iter().map(|i| i.get_ref().clone()).collect(),
            scores: score_refs.iter().map(|i| i.get_ref().clone()).collect(),
            multiply,
            add,
            min,
            max,
            decimals,
            higher_is_better: s.higher_is_better.unwrap_or(true),
            max_missing: if method == Method::MeanOfScores {
                0
            } else {
                max_missing
            },
            bands,
            change,
        });
    }
    // Scores made of scores: no cycles, and a range that matches their parts.
    for (index, list_span, range_span) in &of_scores {
        let Some(def) = scores.get(*index) else {
            continue;
        };
        if let Some(cycle) = cycle_from(&scores, &def.id) {
            p.add(
                list_span.clone(),
                format!(
                    "score {:?} depends on itself through other scores ({}); a score cannot be part of its own mean",
                    def.id,
                    cycle.join(" -> ")
                ),
            );
            continue;
        }
        let parts: Vec<&ScoreDef> = def
            .scores
            .iter()
            .filter_map(|id| scores.iter().find(|s| &s.id == id))
            .collect();
        let finite = parts.iter().all(|s| s.min.is_finite() && s.max.is_finite())
            && def.min.is_finite()
            && def.max.is_finite()
            && def.multiply.is_finite()
            && def.add.is_finite();
        if finite && !parts.is_empty() && parts.len() == def.scores.len() {
            let n = parts.len() as f64;
            let lo = parts.iter().map(|s| s.min).sum::<f64>() / n;
            let hi = parts.iter().map(|s| s.max).sum::<f64>() / n;
            check_range(
                &mut p,
                &def.id,
                range_span.clone(),
                [def.min, def.max],
                [lo, hi],
                (def.multiply, def.add),
                "scores",
            );
        }
    }

    // Safety rules.
    let mut safety = Vec::new();
    for spanned in &raw.safety {
        let r = spanned.get_ref();
        let mut check_item = |i: &toml::Spanned<String>| match find_item(i.get_ref()) {
            Some(it) if !it.is_numeric() => p.add(
                i.span(),
                format!(
                    "safety rule on item {:?}: a text item has no value to compare",
                    i.get_ref()
                ),
            ),
            Some(_) => {}
            None => p.add(
                i.span(),
                format!("safety rule names unknown item {:?}", i.get_ref()),
            ),
        };
        let target = match (&r.item, &r.items, &r.score) {
            (Some(i), None, None) => {
                check_item(i);
                Some(SafetyTarget::Item(i.get_ref().clone()))
            }
            (None, Some(list), None) => {
                for i in list.get_ref() {
                    check_item(i);
                }
                if list.get_ref().is_empty() {
                    p.add(list.span(), "a safety rule's items list is empty");
                }
                Some(SafetyTarget::AnyItem(
                    list.get_ref().iter().map(|i| i.get_ref().clone()).collect(),
                ))
            }
            (None, None, Some(s)) => {
                if !score_ids.contains(s.get_ref()) {
                    p.add(
                        s.span(),
                        format!("safety rule names unknown score {:?}", s.get_ref()),
                    );
                }
                Some(SafetyTarget::Score(s.get_ref().clone()))
            }
            _ => {
                p.add(
                    spanned.span(),
                    "a safety rule needs exactly one of item = \"...\", items = [...] or score = \"...\"",
                );
                None
            }
        };
        if not_finite(&[r.at_most, r.at_least, r.equals]) {
            p.add(
                spanned.span(),
                "a safety rule's threshold must be a finite number (not nan or inf)",
            );
        }
        let condition = match (r.at_most, r.at_least, r.equals) {
            (Some(v), None, None) => Some(Condition::AtMost(v)),
            (None, Some(v), None) => Some(Condition::AtLeast(v)),
            (None, None, Some(v)) => Some(Condition::Equals(v)),
            _ => {
                p.add(
                    spanned.span(),
                    "a safety rule needs exactly one of at_most, at_least or equals",
                );
                None
            }
        };
        if r.message.trim().is_empty() {
            p.add(spanned.span(), "a safety rule needs a message");
        }
        if let Some(pair) = &r.with_counselor
            && pair.get_ref().trim().is_empty()
        {
            p.add(
                pair.span(),
                "a safety rule's with_counselor message is empty; write one or leave it out",
            );
        }
        if let (Some(target), Some(condition)) = (target, condition) {
            safety.push(SafetyRule {
                target,
                condition,
                message: r.message.trim().to_string(),
                with_counselor: r
                    .with_counselor
                    .as_ref()
                    .map(|m| m.get_ref().trim().to_string()),
            });
        }
    }
    if let Some(stem) = &raw.stem
        && stem.get_ref().trim().is_empty()
    {
        p.add(
            stem.span(),
            "stem must not be empty (leave it out if items need none)",
        );
    }
    if !p.0.is_empty() {
        return Err(p.0);
    }
    let title = raw.title.get_ref().trim().to_string();
    Ok(Instrument {
        id: raw.id.into_inner(),
        version: raw.version.into_inner(),
        short_title: raw.short_title.unwrap_or_else(|| title.clone()),
        title,
        description: raw.description.unwrap_or_default().trim().to_string(),
        instructions: raw
            .instructions
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        kind: raw.kind,
        due_days: raw.due_days.map(|d| d.into_inner()),
        citation: raw.citation.map(|s| s.trim().to_string()),
        terms: raw.terms.map(|s| s.trim().to_string()),
        notice: raw.notice.map(|s| s.trim().to_string()),
        stem: raw
            .stem
            .map(|s| s.into_inner().trim().to_string())
            .filter(|s| !s.is_empty()),
        domains,
        scales,
        items,
        scores,
        safety,
    })
}

/// Checks a score's declared `range` against what its parts give (`lo`, `hi`
/// before `multiply` and `add`).
fn check_range(
    p: &mut Problems,
    sid: &str,
    span: Range<usize>,
    [min, max]: [f64; 2],
    [lo, hi]: [f64; 2],
    (multiply, add): (f64, f64),
    parts: &str,
) {
    let (a, b) = (lo * multiply + add, hi * multiply + add);
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    if (lo - min).abs() > 1e-6 || (hi - max).abs() > 1e-6 {
        p.add(
            span,
            format!("score {sid:?}: range [{min}, {max}] does not match its {parts}, which give [{lo}, {hi}]"),
        );
    }
}

/// A path from `start` back to itself through `mean_of_scores` parts, if
/// there is one (e.g. `["a", "b", "a"]`). Direct self-reference is reported
/// where it is written, so it is not followed here.
fn cycle_from(scores: &[ScoreDef], start: &str) -> Option<Vec<String>> {
    fn walk(scores: &[ScoreDef], start: &str, at: &str, path: &mut Vec<String>) -> bool {
        let Some(def) = scores.iter().find(|s| s.id == at) else {
            return false;
        };
        for next in &def.scores {
            if next == at {
                continue;
            }
            if next == start {
                path.push(next.clone());
                return true;
            }
            // Each score at most once on a path: a cycle not through `start`
            // is reported from its own scores.
            if path.contains(next) || path.len() > scores.len() {
                continue;
            }
            path.push(next.clone());
            if walk(scores, start, next, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(scores, start, start, &mut path).then_some(path)
}

fn round_to(v: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (v * f).round() / f
}
