//! `recap amend CHECKIN ITEM VALUE --reason TEXT`: one answer of a
//! completed check-in corrected, the original and the reason kept.

use chrono::Utc;

use super::Context;
use super::history::{amendment_words, describe, headline};
use crate::cli::AmendArgs;
use crate::error::{Error, Result};
use crate::instrument::model::Item;
use crate::instrument::score::format_value;
use crate::instrument::{AnswerValue, Response};

/// VALUE as `recap record` reads one field for this item: empty is no
/// answer, a text item takes the text, any other a whole number it allows.
pub fn parse_value(item: &Item, field: &str) -> Result<Option<AnswerValue>> {
    let field = field.trim();
    if field.is_empty() {
        return Ok(None);
    }
    if matches!(item.response, Response::Text) {
        return Ok(Some(AnswerValue::Text(field.to_string())));
    }
    let checked = field
        .parse::<i64>()
        .map_err(|_| String::new())
        .and_then(|v| item.check_value(v).map(|()| v));
    checked.map(|v| Some(AnswerValue::Number(v))).map_err(|_| {
        let allowed = item.check_value(i64::MIN).err().unwrap_or_default();
        Error::Input(format!(
            "item {}: {field:?} is not allowed; allowed: {allowed}. Nothing was changed",
            item.id
        ))
    })
}

pub fn run(ctx: &Context, args: &AmendArgs) -> Result<()> {
    let store = ctx.existing_store()?.ok_or_else(|| {
        Error::Input(format!(
            "there is no data at {} yet, so no check-in to amend",
            ctx.paths.db.display()
        ))
    })?;
    store.require_writable()?;
    let scope = match ctx.global.profile.as_deref() {
        Some(name) => Some(store.require_profile(name)?.id),
        None => None,
    };
    let session = store.resolve_checkin(&args.checkin, scope)?;
    let instrument = store.snapshot_instrument(&session.snapshot_hash)?;
    let item = instrument.item(&args.item).ok_or_else(|| {
        Error::Input(format!(
            "{} has no item {:?}; its items are {}",
            instrument.short_title,
            args.item,
            instrument
                .items
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let value = parse_value(item, &args.value)?;
    let before = crate::instrument::score(&instrument, &store.answers(&session.id)?);
    let amendment = store.amend_answer(
        &session.id,
        &item.id,
        value.as_ref(),
        &args.reason,
        Utc::now(),
    )?;
    let after = crate::instrument::score(&instrument, &store.answers(&session.id)?);
    say!("Amended {}:", describe(&store, &session));
    say!("  {}", amendment_words(&instrument, &amendment));
    if let (Some(was), Some(now)) = (headline(&before), headline(&after)) {
        let decimals = instrument.score_def(&now.id).map_or(0, |d| d.decimals);
        let show =
            |v: Option<f64>| v.map_or_else(|| "not scored".into(), |v| format_value(v, decimals));
        let band = now
            .band
            .as_ref()
            .map(|b| format!(" ({})", b.label))
            .unwrap_or_default();
        say!(
            "  {}: {} before, {} now{band}",
            now.label,
            show(was.value),
            show(now.value)
        );
    }
    for message in &after.safety {
        say!("\n{message}");
    }
    Ok(())
}
