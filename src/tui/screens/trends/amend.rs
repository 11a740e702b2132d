//! Correcting one answer of a check-in from its detail view (`a`): the
//! question and its answer, the correct answer chosen from what the
//! question allows (or typed, for a written answer), then a reason. It is
//! stored with `Store::amend_answer`, which keeps the original answer, the
//! time and the reason and works the scores out again through the cache.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::commands::amend::parse_value;
use crate::error::Result;
use crate::instrument::model::{Item, Response};
use crate::instrument::{AnswerValue, Instrument};
use crate::report::corrections;
use crate::store::StoreError;
use crate::strings;
use crate::tui::context::Context;
use crate::tui::dialogs::notice::Notice;
use crate::tui::screen::{Binding, DIGITS, ENTER, ESC, Key, Nav, Screen, bind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Value,
    Reason,
}

pub struct Amend {
    session_id: String,
    /// The question as the check-in's own questionnaire text has it.
    item: Item,
    number: usize,
    question: String,
    was: String,
    /// The answers the question allows (empty: typed).
    choices: Vec<(Option<AnswerValue>, String)>,
    choice: usize,
    /// A typed answer, and the reason.
    typed: String,
    reason: String,
    stage: Stage,
    error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Digit,
    Next,
    Save,
    Back,
    Cancel,
    Type(KeyEvent),
}

const ARROWS: &[Key] = &[
    Key::Press(KeyCode::Up),
    Key::Press(KeyCode::Down),
    Key::Press(KeyCode::Left),
    Key::Press(KeyCode::Right),
];

type B = Binding<Action>;
#[rustfmt::skip]
static MOVE: B = bind(ARROWS, ("↑↓", "choose"), "the previous or next answer (also ←→)", Action::Move);
#[rustfmt::skip]
static DIGIT: B = bind(DIGITS, ("0-9", ""), "the answer with this number", Action::Digit);
#[rustfmt::skip]
static NEXT: B = bind(ENTER, ("Enter", "next"), "take this answer, then give a reason", Action::Next);
#[rustfmt::skip]
static SAVE: B = bind(ENTER, ("Enter", "save"), "save the correction", Action::Save);
#[rustfmt::skip]
static BACK: B = bind(&[Key::Press(KeyCode::BackTab)], ("Shift-Tab", ""), "back to the answer", Action::Back);
#[rustfmt::skip]
static CANCEL: B = bind(ESC, ("Esc", "cancel"), "leave without changing anything", Action::Cancel);

/// How an answer reads: "4 (Most of the time)", a written answer in quotes,
/// or "no answer" (as the report's corrections say it).
fn shown(item: &Item, value: Option<&AnswerValue>) -> String {
    match value {
        None => "no answer".into(),
        Some(AnswerValue::Text(t)) => format!("\u{201c}{t}\u{201d}"),
        Some(AnswerValue::Number(n)) => {
            let label = item.label_for(*n);
            if label == n.to_string() {
                label
            } else {
                format!("{n} ({label})")
            }
        }
    }
}

impl Amend {
    /// The dialog for `item` of the check-in `session_id` (answered `now`).
    pub fn new(
        session_id: &str,
        instrument: &Instrument,
        item: &Item,
        now: Option<&AnswerValue>,
    ) -> Amend {
        let number = instrument.item_index(&item.id).map_or(0, |i| i + 1);
        let mut choices: Vec<(Option<AnswerValue>, String)> = match &item.response {
            Response::Choice { .. } | Response::YesNo => item
                .options()
                .into_iter()
                .map(|o| {
                    (
                        Some(AnswerValue::Number(o.value)),
                        format!("{}  {}", o.value, o.label),
                    )
                })
                .collect(),
            Response::Number { min, max, .. } if max - min <= 100 => (*min..=*max)
                .map(|v| (Some(AnswerValue::Number(v)), item.label_for(v)))
                .collect(),
            _ => Vec::new(),
        };
        if !choices.is_empty() && !item.required {
            choices.push((None, strings::AMEND_NO_ANSWER.into()));
        }
        let choice = choices
            .iter()
            .position(|(v, _)| v.as_ref() == now)
            .unwrap_or(0);
        let typed = match now {
            Some(AnswerValue::Text(t)) => t.clone(),
            Some(AnswerValue::Number(n)) if choices.is_empty() => n.to_string(),
            _ => String::new(),
        };
        Amend {
            session_id: session_id.to_string(),
            item: item.clone(),
            number,
            question: item.text.clone(),
            was: shown(item, now),
            choices,
            choice,
            typed,
            reason: String::new(),
            stage: Stage::Value,
            error: None,
        }
    }

    /// The answer chosen or typed, or why it is not allowed.
    fn value(&self) -> std::result::Result<(Option<AnswerValue>, String), String> {
        if let Some((v, _)) = self.choices.get(self.choice) {
            return Ok((v.clone(), shown(&self.item, v.as_ref())));
        }
        let v = parse_value(&self.item, &self.typed).map_err(|e| e.to_string())?;
        Ok((v.clone(), shown(&self.item, v.as_ref())))
    }

    fn save(&mut self, ctx: &mut Context) -> Result<Nav> {
        if self.reason.trim().is_empty() {
            self.error = Some(strings::AMEND_NEED_REASON.into());
            return Ok(Nav::Stay);
        }
        let (value, now) = match self.value() {
            Ok(v) => v,
            Err(m) => {
                self.error = Some(m);
                self.stage = Stage::Value;
                return Ok(Nav::Stay);
            }
        };
        match ctx.store.amend_answer(
            &self.session_id,
            &self.item.id,
            value.as_ref(),
            &self.reason,
            ctx.now,
        ) {
            Ok(_) => Ok(Nav::Dialog(Box::new(Notice::new(
                strings::AMEND_DONE_TITLE,
                strings::amend_done(self.number, &self.was, &now),
            )))),
            Err(StoreError::Input(m)) => {
                self.error = Some(m);
                Ok(Nav::Stay)
            }
            Err(e) => Err(e.into()),
        }
    }
}

impl Screen for Amend {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        match self.stage {
            Stage::Value if self.choices.is_empty() => vec![&NEXT, &CANCEL],
            Stage::Value => vec![&MOVE, &DIGIT, &NEXT, &CANCEL],
            Stage::Reason => vec![&SAVE, &BACK, &CANCEL],
        }
    }

    fn fallback(&self, key: KeyEvent) -> Option<Action> {
        Screen::typing(self).then_some(Action::Type(key))
    }

    fn typing(&self) -> bool {
        self.stage == Stage::Reason || self.choices.is_empty()
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        match action {
            Action::Move => {
                let n = self.choices.len().max(1);
                let up = matches!(key.code, KeyCode::Up | KeyCode::Left);
                self.choice = if up {
                    (self.choice + n - 1) % n
                } else {
                    (self.choice + 1) % n
                };
                self.error = None;
            }
            Action::Digit => {
                if let KeyCode::Char(c) = key.code {
                    let wanted = c.to_digit(10).map(i64::from);
                    match self
                        .choices
                        .iter()
                        .position(|(v, _)| matches!((v, wanted), (Some(AnswerValue::Number(n)), Some(w)) if *n == w))
                    {
                        Some(i) => {
                            self.choice = i;
                            self.error = None;
                        }
                        None => self.error = Some(format!("There is no answer {c} here.")),
                    }
                }
            }
            Action::Next => match self.value() {
                Ok(_) => {
                    self.stage = Stage::Reason;
                    self.error = None;
                }
                Err(m) => self.error = Some(m),
            },
            Action::Save => return self.save(ctx),
            Action::Back => {
                self.stage = Stage::Value;
                self.error = None;
            }
            Action::Cancel => return Ok(Nav::Close),
            Action::Type(key) => {
                let target = if self.stage == Stage::Reason {
                    &mut self.reason
                } else {
                    &mut self.typed
                };
                match key.code {
                    KeyCode::Char(c) if !crate::termtext::is_control(c) => target.push(c),
                    KeyCode::Backspace => {
                        target.pop();
                    }
                    _ => {}
                }
                self.error = None;
            }
        }
        Ok(Nav::Stay)
    }

    fn paste(&mut self, text: &str, _ctx: &mut Context) -> Result<Nav> {
        if Screen::typing(self) {
            let text = crate::tui::screen::pasted_text(text).replace('\n', " ");
            if self.stage == Stage::Reason {
                self.reason.push_str(&text);
            } else {
                self.typed.push_str(&text);
            }
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        strings::AMEND_TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, _area: Rect, ctx: &Context) {
        let theme = ctx.theme;
        let mut lines = vec![
            Line::styled(
                strings::amend_question(self.number, &self.question),
                theme.accent(),
            ),
            Line::raw(strings::amend_was(&self.was)),
            Line::raw(""),
        ];
        match self.stage {
            Stage::Value if self.choices.is_empty() => {
                lines.push(Line::raw(strings::AMEND_TYPE));
                lines.push(Line::styled(format!("> {}▏", self.typed), theme.selected()));
            }
            Stage::Value => {
                lines.push(Line::raw(strings::AMEND_PICK));
                for (i, (_, label)) in self.choices.iter().enumerate() {
                    let on = i == self.choice;
                    let text = format!("{} {label}", if on { "›" } else { " " });
                    lines.push(if on {
                        Line::styled(text, theme.selected())
                    } else {
                        Line::raw(text)
                    });
                }
            }
            Stage::Reason => {
                let now = self.value().map(|(_, s)| s).unwrap_or_default();
                lines.push(Line::raw(format!("New answer: {now}")));
                lines.push(Line::raw(strings::AMEND_REASON));
                lines.push(Line::styled(
                    format!("> {}▏", self.reason),
                    theme.selected(),
                ));
                lines.push(Line::styled(strings::AMEND_KEPT, theme.muted()));
            }
        }
        if let Some(e) = &self.error {
            lines.push(Line::styled(e.clone(), theme.accent()));
        }
        crate::tui::dialogs::draw(f, ctx, self, strings::AMEND_TITLE, lines, 72);
    }
}

/// A stored amendment in words, for the check-in's detail view.
pub fn line(
    zone: crate::timefmt::Zone,
    instrument: &Instrument,
    check_in: chrono::DateTime<chrono::Utc>,
    a: &crate::store::Amendment,
) -> String {
    let c = corrections::correction(instrument, check_in, a);
    strings::amended_line(
        c.question.0,
        &zone.short_date(a.amended_at),
        &c.was,
        &c.now,
        c.reason.trim(),
    )
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of([&MOVE, &DIGIT, &NEXT, &SAVE, &BACK, &CANCEL])
}
