//! Home: what is due first, in words; each questionnaire with when it was last done, whether it is due,
//! the latest headline score with its band, change and a sparkline, plus any
//! unfinished check-in to continue; the goals in progress with their next
//! step; the way to notes, people, trends, the recovery network, the plan and
//! the report. In a client session (`Context::pinned`): the session's
//! preparation and "end session" instead of people.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::error::Result;
use crate::store::{Session, StoreResult};
use crate::strings;
use crate::trends::Summary;
use crate::trends::window::Window;
use crate::tui::context::Context;
use crate::tui::dialogs::confirm::Confirm;
use crate::tui::dialogs::resume::set_aside;
use crate::tui::screen::{Binding, ENTER, Key, Nav, Screen, moves, step};
use crate::tui::screens::{checkin, network, notes, people, plan, prep, trends};

/// An unfinished check-in offered for resuming.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub session: Session,
    pub title: String,
    pub answered: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub summaries: Vec<Summary>,
    pub unfinished: Vec<Unfinished>,
    /// Index into unfinished rows first, then questionnaire rows.
    pub selected: usize,
    /// A one-line message, e.g. where a report was written.
    pub notice: Option<String>,
    /// The goals in progress, each with its next step.
    pub goals: Vec<crate::plan::Goal>,
    /// The recovery-network walk-through, once walked through at least once.
    pub network: Option<crate::due::DueItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    Start,
    Continue,
    SetAside,
    Trends,
    Notes,
    People,
    Report,
    Prep,
    EndSession,
    Network,
    Plan,
}

static BINDINGS: &[Binding<Action>] = &[
    moves("", "move between check-ins (also j k)", Action::Move),
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "start",
        help: "start the highlighted check-in",
        action: Action::Start,
    },
    Binding {
        keys: ENTER,
        show: "Enter",
        label: "continue",
        help: "continue the highlighted unfinished check-in",
        action: Action::Continue,
    },
    Binding {
        keys: &[Key::Char('d')],
        show: "d",
        label: "set aside",
        help: "set aside the highlighted unfinished check-in (asks first)",
        action: Action::SetAside,
    },
    Binding {
        keys: &[Key::Char('t')],
        show: "t",
        label: "trends",
        help: "scores over time for the highlighted check-in",
        action: Action::Trends,
    },
    Binding {
        keys: &[Key::Char('n')],
        show: "n",
        label: "notes",
        help: "notes",
        action: Action::Notes,
    },
    Binding {
        keys: &[Key::Char('p')],
        show: "p",
        label: "people",
        help: "people: switch, add, rename, archive",
        action: Action::People,
    },
    Binding {
        keys: &[Key::Char('m')],
        show: "m",
        label: "network",
        help: "your recovery network: the map, changes and reviews",
        action: Action::Network,
    },
    Binding {
        keys: &[Key::Char('r')],
        show: "r",
        label: "report",
        help: "write this person's report (HTML, readable only by you)",
        action: Action::Report,
    },
    Binding {
        keys: &[Key::Char('b')],
        show: "b",
        label: "prep",
        help: "before the session: what changed since the last one",
        action: Action::Prep,
    },
    Binding {
        keys: &[Key::Char('e')],
        show: "e",
        label: "end session",
        help: "end this session (asks first): back to the picker",
        action: Action::EndSession,
    },
    plan::plan_key(Action::Plan),
];

impl Home {
    /// Reads what home shows from the store.
    pub fn load(ctx: &Context) -> StoreResult<Home> {
        let summaries = crate::trends::summaries_in(
            &ctx.store,
            &ctx.catalog,
            ctx.profile.id,
            ctx.zone,
            ctx.now,
        )?;
        let mut unfinished = Vec::new();
        for session in ctx.store.unfinished_sessions(ctx.profile.id)? {
            let instrument = ctx.store.snapshot_instrument(&session.snapshot_hash)?;
            let answered = ctx.store.answers(&session.id)?.len();
            unfinished.push(Unfinished {
                title: instrument.short_title.clone(),
                total: instrument.items.len(),
                answered,
                session,
            });
        }
        Ok(Home {
            summaries,
            unfinished,
            selected: 0,
            notice: None,
            goals: ctx.store.active_goals(ctx.profile.id)?,
            network: crate::due::network_review(
                &ctx.store,
                ctx.profile.id,
                ctx.network_review_days,
                ctx.zone,
                ctx.now,
            )?,
        })
    }

    /// What is due, in words, in catalog order, then the network
    /// walk-through: "WHO-5 is due since 3 Dec", as `recap due` says.
    pub fn due_lines(&self) -> Vec<String> {
        self.summaries
            .iter()
            .map(|s| &s.schedule)
            .chain(self.network.as_ref())
            .filter_map(crate::due::words::due_now)
            .collect()
    }

    pub fn rows(&self) -> usize {
        self.unfinished.len() + self.summaries.len()
    }

    fn selected_unfinished(&self) -> Option<&Unfinished> {
        self.unfinished.get(self.selected)
    }

    /// The questionnaire of the highlighted row, for the detail below.
    pub fn selected_instrument_id(&self) -> Option<String> {
        self.selected_questionnaire()
    }

    fn selected_summary(&self) -> Option<&Summary> {
        self.selected
            .checked_sub(self.unfinished.len())
            .and_then(|i| self.summaries.get(i))
    }

    /// The questionnaire of the highlighted row.
    fn selected_questionnaire(&self) -> Option<String> {
        match self.selected_unfinished() {
            Some(u) => Some(u.session.questionnaire_id.clone()),
            None => self.selected_summary().map(|s| s.questionnaire_id.clone()),
        }
    }
}

/// Writes the person's HTML report into `reports/` beside the database (a
/// private folder) and returns its path.
pub fn write_report(ctx: &Context) -> Result<std::path::PathBuf> {
    let dir = ctx.store.path().parent().map_or_else(
        || std::path::PathBuf::from("reports"),
        |p| p.join("reports"),
    );
    crate::paths::create_private_dir(&dir)?;
    let day = ctx.zone.at(ctx.now).date_naive();
    let format = crate::report::Format::Html;
    let path = crate::report::default_path(&dir, &ctx.profile, day, format)?;
    let options = crate::report::ReportOptions {
        since: None,
        now: ctx.now,
        zone: ctx.zone,
        support: ctx.support.clone(),
    };
    Ok(crate::report::write_report_with(
        &ctx.store,
        &ctx.catalog,
        &ctx.profile,
        &options,
        format,
        Some(&path),
        false,
    )?)
}

impl Screen for Home {
    type Action = Action;

    fn bindings(&self, ctx: &Context) -> Vec<&'static Binding<Action>> {
        let on_unfinished = self.selected_unfinished().is_some();
        let on_summary = self.selected_summary().is_some();
        BINDINGS
            .iter()
            .filter(|b| match b.action {
                Action::Start => on_summary,
                Action::Continue | Action::SetAside => on_unfinished,
                // In a client session no key leads to anyone else.
                Action::People => !ctx.pinned,
                Action::Prep | Action::EndSession => ctx.pinned,
                _ => true,
            })
            .collect()
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        Ok(match action {
            Action::Move => {
                let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
                self.selected = step(self.selected, self.rows(), up, 1);
                Nav::Stay
            }
            Action::Start => match self.selected_summary() {
                Some(s) => checkin::start(ctx, &s.questionnaire_id.clone())?,
                None => Nav::Stay,
            },
            Action::Continue => match self.selected_unfinished() {
                Some(u) => Nav::Push(checkin::open(ctx, &u.session.id)?),
                None => Nav::Stay,
            },
            Action::SetAside => match self.selected_unfinished() {
                Some(u) => Nav::Dialog(Box::new(set_aside(u.session.id.clone(), &u.title))),
                None => Nav::Stay,
            },
            Action::Trends => {
                let id = self.selected_questionnaire();
                Nav::Push(Box::new(trends::Trends::open(
                    ctx,
                    id.as_deref(),
                    Window::default(),
                )?))
            }
            Action::Notes => Nav::Push(Box::new(notes::Notes::open(ctx, None)?)),
            Action::People if !ctx.pinned => Nav::Push(Box::new(people::People::load(ctx)?)),
            Action::People => Nav::Stay,
            Action::Prep => Nav::Push(Box::new(prep::Prep::open(ctx)?)),
            Action::EndSession => Nav::Dialog(Box::new(Confirm::new(
                strings::END_SESSION_TITLE,
                strings::END_SESSION_QUESTION.to_string(),
                ("end it", "keep going"),
                |_| Ok(Nav::EndSession),
            ))),
            Action::Network => Nav::Push(Box::new(network::Network::open(ctx)?)),
            Action::Plan => Nav::Push(Box::new(crate::tui::screens::plan::Plan::open(ctx, None)?)),
            Action::Report => {
                self.notice = Some(match write_report(ctx) {
                    Ok(path) if ctx.store.is_encrypted() => format!(
                        "{} {}",
                        strings::report_written(&path.display().to_string()),
                        strings::PLAIN_OUTPUT
                    ),
                    Ok(path) => strings::report_written(&path.display().to_string()),
                    Err(e) => strings::report_failed(&e.to_string()),
                });
                Nav::Stay
            }
        })
    }

    fn title(&self, _ctx: &Context) -> String {
        String::new()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        // The same questionnaire stays highlighted: its unfinished check-in
        // if there is one now, else its row.
        let id = self.selected_questionnaire();
        let notice = self.notice.take();
        *self = Home::load(ctx)?;
        self.notice = notice;
        let unfinished = self
            .unfinished
            .iter()
            .position(|u| Some(&u.session.questionnaire_id) == id.as_ref());
        let summary = self
            .summaries
            .iter()
            .position(|s| Some(&s.questionnaire_id) == id.as_ref())
            .map(|i| i + self.unfinished.len());
        self.selected = unfinished.or(summary).unwrap_or(0);
        Ok(())
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
