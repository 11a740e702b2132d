//! The caseload and a session preparation as JSON (`--json`): dates as RFC
//! 3339 in each check-in's own zone, changes with their verdict codes.

use serde_json::{Value, json};

use super::prep::Prep;
use super::since::{FiredSince, ItemMove, ScoreChange};
use super::{ClientRow, Headline};
use crate::timefmt::{Lived, Zone};

fn at(zone: Zone, t: Option<Lived>) -> Value {
    t.map_or(Value::Null, |t| Value::from(zone.timestamp(t)))
}

fn change(zone: Zone, c: &ScoreChange) -> Value {
    json!({
        "questionnaire": c.questionnaire_id,
        "title": c.title,
        "score": c.score_id,
        "label": c.label,
        "from": c.from,
        "from_at": zone.timestamp(c.from_at),
        "to": c.to,
        "to_at": zone.timestamp(c.to_at),
        "diff": c.diff,
        "verdict": c.verdict.map(|v| v.code()),
        "direction": c.direction.code(),
    })
}

fn fired(zone: Zone, f: &FiredSince) -> Value {
    json!({
        "questionnaire": f.questionnaire_id,
        "title": f.title,
        "session_id": f.session_id,
        "at": zone.timestamp(f.at),
        "message": f.message.message,
        "repeated": f.message.repeated,
        "trigger": f.message.trigger,
    })
}

fn headline(zone: Zone, h: &Headline) -> Value {
    json!({
        "questionnaire": h.questionnaire_id,
        "title": h.title,
        "label": h.label,
        "value": h.value,
        "band": h.band,
        "at": zone.timestamp(h.at),
        "change": h.change.as_ref().map(|c| c.diff),
        "verdict": h.change.as_ref().and_then(|c| c.verdict).map(|v| v.code()),
        "direction": h.direction.map(|d| d.code()),
    })
}

fn moved(m: &ItemMove) -> Value {
    json!({
        "questionnaire": m.questionnaire_id,
        "title": m.title,
        "item": m.change.item_id,
        "text": m.change.text,
        "from": m.change.older_label,
        "to": m.change.newer_label,
        "delta": m.change.delta,
    })
}

/// The caseload: one object per client.
pub fn caseload(rows: &[ClientRow], zone: Zone) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "profile": r.name,
                    "client_id": r.client_id,
                    "last_check_in": at(zone, r.last_check_in),
                    "last_session": at(zone, r.last_session),
                    "due": r.due.iter().map(|d| json!({
                        "questionnaire": d.questionnaire_id,
                        "title": d.title,
                        "due_days": d.due_days,
                        "last_done": at(zone, d.last_done),
                        "never_done": d.last_done.is_none(),
                        "days_overdue": d.days_overdue,
                    })).collect::<Vec<_>>(),
                    "scores": r.headlines.iter().map(|h| headline(zone, h)).collect::<Vec<_>>(),
                    "reliable_changes": r.reliable_changes.iter().map(|c| change(zone, c)).collect::<Vec<_>>(),
                    "declines": r.declines(),
                    "safety": r.safety.iter().map(|f| fired(zone, f)).collect::<Vec<_>>(),
                    "last_note": r.last_note.map(|t| zone.timestamp(t)),
                })
            })
            .collect(),
    )
}

/// One client's session preparation.
pub fn prep(p: &Prep, zone: Zone) -> Value {
    json!({
        "profile": p.name,
        "client_id": p.client_id,
        "last_session": at(zone, p.last_session),
        "check_ins": p.check_ins.iter().map(|c| json!({
            "session_id": c.session_id,
            "questionnaire": c.questionnaire_id,
            "title": c.title,
            "at": zone.timestamp(c.at),
            "with_counselor": c.with_counselor,
        })).collect::<Vec<_>>(),
        "changes": p.changes.iter().map(|c| change(zone, c)).collect::<Vec<_>>(),
        "reliable_changes": p.reliable().map(|c| change(zone, c)).collect::<Vec<_>>(),
        "moved": p.moved.iter().map(moved).collect::<Vec<_>>(),
        "safety": p.safety.iter().map(|f| fired(zone, f)).collect::<Vec<_>>(),
        "network_changes": p.network.iter().map(|c| json!({
            "change": c.verb(),
            "name": c.name(),
            "text": c.describe(),
        })).collect::<Vec<_>>(),
        "last_note": p.last_note.as_ref().map(|n| json!({
            "id": n.id,
            "created_at": zone.timestamp(n.created_at),
            "visibility": n.visibility.as_str(),
            "author": n.author,
            "body": n.body,
        })),
    })
}
