//! Carries out actions: changes state and writes to the store (through
//! `recording::apply` for check-in answers). The only code that does either.

use ratatui_textarea::TextArea;

use super::action::Action;
use super::app::{App, CheckInState, Overlay, Pending, ResultsState, Screen};
use crate::checkin::{CheckIn, Effect, Step, answer_input};
use crate::error::{Error, Result};
use crate::instrument::{AnswerValue, Response};
use crate::recording;
use crate::strings;

fn editor_with(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut editor = TextArea::new(lines);
    editor.set_block(
        ratatui::widgets::Block::bordered()
            .border_type(ratatui::widgets::BorderType::Rounded)
            .title(strings::EDITOR_TITLE),
    );
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(ratatui::style::Style::new());
    editor.set_placeholder_text(strings::EDITOR_PLACEHOLDER);
    editor
}

/// Prepares the per-item widgets (cursor, number, editor) for the current step.
fn sync_item_state(state: &mut CheckInState) {
    state.hint = None;
    state.number.clear();
    let Some(item) = state.machine.current_item().cloned() else {
        // Review: put the cursor on "Submit".
        if matches!(state.machine.step(), Step::Review) {
            state.cursor = state.machine.instrument().items.len();
        }
        return;
    };
    let current = state.machine.answers().get(&item.id).cloned();
    match (&item.response, current) {
        (Response::Text, Some(AnswerValue::Text(t))) => state.editor = editor_with(&t),
        (Response::Text, _) => state.editor = editor_with(""),
        (Response::Number { .. }, Some(AnswerValue::Number(n))) => state.number = n.to_string(),
        (_, Some(AnswerValue::Number(n))) => {
            state.cursor = item
                .options()
                .iter()
                .position(|o| o.value == n)
                .unwrap_or(0);
        }
        _ => state.cursor = 0,
    }
}

impl App {
    fn open_check_in(&mut self, session_id: String) -> Result<()> {
        let session = self
            .store
            .session(&session_id)?
            .ok_or_else(|| Error::Runtime(format!("session {session_id} was not found")))?;
        let instrument = (*self.store.snapshot_instrument(&session.snapshot_hash)?).clone();
        let answers = self.store.answers(&session_id)?;
        let title = instrument.short_title.clone();
        let machine = CheckIn::new(instrument, answers);
        let mut state = CheckInState {
            session_id,
            title,
            machine,
            cursor: 0,
            number: String::new(),
            editor: editor_with(""),
            hint: None,
            pending: None,
        };
        sync_item_state(&mut state);
        self.screen = Screen::CheckIn(Box::new(state));
        Ok(())
    }

    /// Asks whether the check-in is done alone or with a counselor; the
    /// session starts once that is answered (`start_check_in`).
    fn ask_counselor(&mut self, questionnaire_id: &str) -> Result<()> {
        if self.catalog.get(questionnaire_id).is_none() {
            return Err(Error::Input(format!(
                "no questionnaire {questionnaire_id:?}"
            )));
        }
        self.overlay = Some(Overlay::WithCounselor {
            questionnaire_id: questionnaire_id.to_string(),
            with_counselor: self.profile.counselor_default,
        });
        Ok(())
    }

    /// Starts a new session; the answer to "with a counselor?" becomes the profile's default.
    pub(super) fn start_check_in(
        &mut self,
        questionnaire_id: &str,
        with_counselor: bool,
    ) -> Result<()> {
        let loaded = self
            .catalog
            .get(questionnaire_id)
            .ok_or_else(|| Error::Input(format!("no questionnaire {questionnaire_id:?}")))?;
        if with_counselor != self.profile.counselor_default {
            self.store
                .set_counselor_default(self.profile.id, with_counselor)?;
            self.profile.counselor_default = with_counselor;
        }
        let session =
            self.store
                .start_session(self.profile.id, loaded, with_counselor, self.now)?;
        self.open_check_in(session.id)
    }

    /// Opens the check-in for a questionnaire: resumes its unfinished session if there is one.
    pub fn check_in(&mut self, questionnaire_id: &str) -> Result<()> {
        let unfinished = self.store.unfinished_sessions(self.profile.id)?;
        match unfinished
            .into_iter()
            .find(|s| s.questionnaire_id == questionnaire_id)
        {
            Some(s) => self.open_check_in(s.id),
            None => self.ask_counselor(questionnaire_id),
        }
    }

    pub fn go_home(&mut self) -> Result<()> {
        self.screen = Screen::Home(self.load_home()?);
        Ok(())
    }

    /// Shows the results screen of a completed check-in: its outcome
    /// (`outcome::for_session`) as lines.
    pub fn show_results(&mut self, session_id: &str) -> Result<()> {
        let outcome = crate::outcome::for_session(&self.store, session_id, &self.support)?
            .ok_or_else(|| Error::Runtime(format!("session {session_id} was not found")))?;
        self.screen = Screen::Results(Box::new(ResultsState {
            session_id: session_id.to_string(),
            lines: crate::outcome::text::lines(&outcome),
            outcome,
            scroll: 0,
        }));
        Ok(())
    }

    /// Writes `effects[from..]` of an action whose outcome is `after`; the
    /// check-in moves on (to results after submit) only once all are
    /// written. A temporary failure keeps the answer in `pending` and the
    /// screen on its question; any other failure ends the app as before.
    fn commit(&mut self, after: CheckIn, effects: Vec<Effect>, from: usize) -> Result<()> {
        let Screen::CheckIn(state) = &self.screen else {
            return Ok(());
        };
        let session_id = state.session_id.clone();
        let mut written = from;
        let mut failure = None;
        for effect in effects.iter().skip(from) {
            match recording::apply(&self.store, &session_id, effect, self.now) {
                Ok(()) => written += 1,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let Screen::CheckIn(state) = &mut self.screen else {
            return Ok(());
        };
        if let Some(e) = failure {
            let Some(problem) = e.temporary() else {
                return Err(e.into());
            };
            state.hint = None;
            state.pending = Some(Pending {
                after,
                effects,
                written,
                problem,
            });
            return Ok(());
        }
        state.pending = None;
        state.machine = after;
        if effects.iter().any(|e| matches!(e, Effect::Complete { .. })) {
            return self.show_results(&session_id);
        }
        sync_item_state(state);
        Ok(())
    }

    /// Runs the machine action `f` on a copy; the copy becomes the check-in
    /// once its effects are written. A refusal becomes a calm hint.
    fn drive(
        &mut self,
        f: impl FnOnce(&mut CheckIn) -> std::result::Result<Vec<Effect>, crate::checkin::CheckInError>,
    ) -> Result<()> {
        let Screen::CheckIn(state) = &mut self.screen else {
            return Ok(());
        };
        if state.pending.is_some() {
            // Nothing new until the kept answer is written.
            return Ok(());
        }
        let mut after = state.machine.clone();
        match f(&mut after) {
            Ok(effects) => self.commit(after, effects, 0),
            Err(e) => {
                state.hint = Some(e.to_string());
                Ok(())
            }
        }
    }

    /// Tries again to write the answer kept after a temporary failure.
    fn retry(&mut self) -> Result<()> {
        let Screen::CheckIn(state) = &mut self.screen else {
            return Ok(());
        };
        match state.pending.take() {
            Some(p) => self.commit(p.after, p.effects, p.written),
            None => Ok(()),
        }
    }

    /// Carries out one action. A change that could not be saved for a
    /// temporary reason (another recap writing, a full disk) leaves the
    /// screen as it was, with a message; nothing typed is lost.
    pub fn update(&mut self, action: Action) -> Result<()> {
        match self.carry_out(action) {
            Err(Error::Temporary(kind)) => {
                self.overlay = Some(Overlay::Notice {
                    title: strings::NOT_SAVED_TITLE.to_string(),
                    text: strings::change_not_saved(kind),
                });
                Ok(())
            }
            other => other,
        }
    }

    fn carry_out(&mut self, action: Action) -> Result<()> {
        match action {
            Action::ForceQuit | Action::QuitConfirmed => {
                if self.in_check_in() {
                    self.farewell = Some(self.leaving_farewell().to_string());
                }
                self.quit = true;
            }
            Action::Quit => {
                if self.in_check_in() {
                    self.overlay = Some(Overlay::ConfirmQuit);
                } else {
                    self.quit = true;
                }
            }
            Action::CloseOverlay => self.overlay = None,
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Support => self.overlay = Some(Overlay::Support),
            Action::Home => self.go_home()?,
            Action::Resume => {
                if let Some(Overlay::Resume { session_id, .. }) = self.overlay.take() {
                    self.open_check_in(session_id)?;
                }
            }
            Action::Discard => {
                let target = match (&self.overlay, &self.screen) {
                    (
                        Some(Overlay::Resume {
                            session_id, title, ..
                        }),
                        _,
                    ) => Some((session_id.clone(), title.clone())),
                    (None, Screen::Home(home)) => home
                        .unfinished
                        .get(home.selected)
                        .map(|u| (u.session.id.clone(), u.title.clone())),
                    _ => None,
                };
                if let Some((session_id, title)) = target {
                    self.overlay = Some(Overlay::ConfirmDiscard { session_id, title });
                }
            }
            Action::DiscardConfirmed => {
                if let Some(Overlay::ConfirmDiscard { session_id, .. }) = self.overlay.take() {
                    self.store.discard_session(&session_id)?;
                    self.go_home()?;
                }
            }
            Action::Up | Action::Down => self.move_cursor(action == Action::Up),
            Action::Activate => self.activate()?,
            Action::Begin => self.drive(CheckIn::begin)?,
            Action::Choose(key) => {
                if let Screen::CheckIn(state) = &mut self.screen
                    && let Some(item) = state.machine.current_item().cloned()
                {
                    match answer_input::option_for_key(&item, key) {
                        Some(index) => {
                            state.cursor = index;
                            self.drive(|m| m.answer(AnswerValue::Number(key)))?;
                        }
                        None => {
                            let range = answer_input::keys_choose(&item)
                                .then(|| item.value_range())
                                .flatten();
                            state.hint = Some(strings::choose_between(range));
                        }
                    }
                }
            }
            Action::Digit(d) => {
                if let Screen::CheckIn(state) = &mut self.screen {
                    if state.number.len() < 9 {
                        state.number.push(d);
                    }
                    state.hint = None;
                }
            }
            Action::Backspace => {
                if let Screen::CheckIn(state) = &mut self.screen {
                    state.number.pop();
                }
            }
            Action::Skip => self.drive(|m| m.skip())?,
            Action::Back => {
                self.drive(CheckIn::back)?;
            }
            Action::SaveText => {
                if let Screen::CheckIn(state) = &mut self.screen {
                    let text = state.editor.lines().join("\n");
                    self.drive(|m| m.answer(AnswerValue::Text(text)))?;
                }
            }
            Action::Edit(key) => match &mut self.screen {
                Screen::CheckIn(state) => {
                    state.editor.input(key);
                }
                _ => self.edit_people(key),
            },
            Action::Hide => self.hidden = true,
            Action::Unhide => self.hidden = false,
            Action::Counselor(with) => {
                if let Some(Overlay::WithCounselor {
                    questionnaire_id, ..
                }) = self.overlay.take()
                {
                    self.start_check_in(&questionnaire_id, with)?;
                }
            }
            Action::Profiles => self.show_profiles()?,
            Action::Report => {
                let message = match self.write_report() {
                    Ok(path) => strings::report_written(&path.display().to_string()),
                    Err(e) => strings::report_failed(&e.to_string()),
                };
                if let Screen::Home(home) = &mut self.screen {
                    home.notice = Some(message);
                }
            }
            Action::Notes => self.show_notes(None)?,
            Action::NoteOnSession => {
                let session = match &self.screen {
                    Screen::Results(r) => Some(r.session_id.clone()),
                    Screen::Trends(t) => match t.stack.last() {
                        Some(super::trends::Detail::Session(v)) => Some(v.session_id.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(session) = session {
                    self.show_notes(Some(session))?;
                }
            }
            Action::Add
            | Action::Rename
            | Action::Remove
            | Action::Confirm
            | Action::Cancel
            | Action::Save => {
                self.update_people(action)?;
            }
            Action::OpenTrends => self.open_trends_here()?,
            Action::Trend(a) => self.trend_action(a)?,
            Action::Retry => self.retry()?,
            // The event loop suspends: it owns the terminal.
            Action::Suspend => {}
        }
        Ok(())
    }

    fn move_cursor(&mut self, up: bool) {
        if let Some(Overlay::WithCounselor { with_counselor, .. }) = &mut self.overlay {
            *with_counselor = !*with_counselor;
            return;
        }
        match &mut self.screen {
            Screen::Profiles(p) => p.selected = step(p.selected, p.rows.len(), up),
            Screen::Notes(n) => n.selected = step(n.selected, n.notes.len(), up),
            Screen::Home(home) => {
                let rows = home.rows();
                if rows > 0 {
                    home.selected = if up {
                        home.selected.saturating_sub(1)
                    } else {
                        (home.selected + 1).min(rows - 1)
                    };
                }
            }
            Screen::Results(results) => {
                results.scroll = if up {
                    results.scroll.saturating_sub(1)
                } else {
                    results
                        .scroll
                        .saturating_add(1)
                        .min(results.lines.len() as u16)
                };
            }
            Screen::Trends(_) => {}
            Screen::CheckIn(state) => {
                let item = state.machine.current_item().cloned();
                match item.as_ref().map(|i| &i.response) {
                    Some(Response::Number { min, max, .. }) => {
                        let current = state.number.parse::<i64>().ok();
                        let next = match current {
                            None => *min,
                            Some(v) if up => (v + 1).min(*max),
                            Some(v) => (v - 1).max(*min),
                        };
                        state.number = next.to_string();
                    }
                    Some(_) => {
                        let count = item.map_or(0, |i| i.options().len());
                        if count > 0 {
                            state.cursor = if up {
                                state.cursor.saturating_sub(1)
                            } else {
                                (state.cursor + 1).min(count - 1)
                            };
                        }
                    }
                    None => {
                        // Review: items plus the Submit row.
                        let rows = state.machine.instrument().items.len() + 1;
                        state.cursor = if up {
                            state.cursor.saturating_sub(1)
                        } else {
                            (state.cursor + 1).min(rows - 1)
                        };
                    }
                }
            }
        }
    }

    fn activate(&mut self) -> Result<()> {
        match &mut self.screen {
            Screen::Profiles(_) | Screen::Notes(_) => self.activate_people(),
            Screen::Home(home) => {
                let selected = home.selected;
                if let Some(u) = home.unfinished.get(selected) {
                    let id = u.session.id.clone();
                    return self.open_check_in(id);
                }
                let index = selected - home.unfinished.len();
                if let Some(summary) = home.summaries.get(index) {
                    let id = summary.questionnaire_id.clone();
                    return self.check_in(&id);
                }
                Ok(())
            }
            Screen::Results(_) => self.go_home(),
            Screen::Trends(_) => Ok(()),
            Screen::CheckIn(state) => match state.machine.step() {
                Step::Review | Step::Submitted => {
                    let cursor = state.cursor;
                    if cursor >= state.machine.instrument().items.len() {
                        self.drive(|m| m.submit())
                    } else {
                        self.drive(|m| m.edit(cursor))
                    }
                }
                Step::Intro => self.drive(CheckIn::begin),
                Step::Item(_) => {
                    let item = state.machine.current_item().cloned();
                    match item.map(|i| (i.options(), i.response)) {
                        Some((_, Response::Number { .. })) => {
                            if state.number.is_empty() {
                                state.hint = Some(strings::TYPE_A_NUMBER.to_string());
                                return Ok(());
                            }
                            match state.number.parse::<i64>() {
                                Ok(v) => self.drive(|m| m.answer(AnswerValue::Number(v))),
                                Err(_) => {
                                    state.hint = Some(strings::TYPE_A_NUMBER.to_string());
                                    Ok(())
                                }
                            }
                        }
                        Some((options, _)) => match options.get(state.cursor) {
                            Some(o) => {
                                let value = o.value;
                                self.drive(|m| m.answer(AnswerValue::Number(value)))
                            }
                            None => Ok(()),
                        },
                        None => Ok(()),
                    }
                }
            },
        }
    }
}

impl App {
    /// Writes the current profile's HTML report into `reports/` beside the
    /// database (a private folder) and returns its path.
    pub fn write_report(&self) -> Result<std::path::PathBuf> {
        let dir = self.store.path().parent().map_or_else(
            || std::path::PathBuf::from("reports"),
            |p| p.join("reports"),
        );
        crate::paths::create_private_dir(&dir)?;
        let day = self.zone.at(self.now).date_naive();
        let format = crate::report::Format::Html;
        let path = crate::report::default_path(&dir, &self.profile.name, day, format)?;
        let options = crate::report::ReportOptions {
            since: None,
            now: self.now,
            zone: self.zone,
            support: self.support.clone(),
        };
        Ok(crate::report::write_report_with(
            &self.store,
            &self.catalog,
            &self.profile,
            &options,
            format,
            Some(&path),
            false,
        )?)
    }
}

/// Moves a list cursor one row, staying inside `0..rows`.
pub(super) fn step(selected: usize, rows: usize, up: bool) -> usize {
    if rows == 0 {
        0
    } else if up {
        selected.saturating_sub(1)
    } else {
        (selected + 1).min(rows - 1)
    }
}
