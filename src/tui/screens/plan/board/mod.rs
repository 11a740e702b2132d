//! The plan: the person's goals (in progress first, each with its
//! dimension, progress and next step; the highlighted one with all its
//! steps and what it came from), then the strengths and needs the latest
//! check-ins and the network suggest, each with where it comes from. From
//! here a goal is set (from a suggestion or not), a step added, a goal
//! paused, resumed, marked achieved or let go (never deleted), its words
//! changed (the words before kept), and the
//! steps reviewed.

mod view;

#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::error::Result;
use crate::plan::{Goal, GoalStatus, Side, Suggestion, Suggestions, words};
use crate::store::StoreError;
use crate::tui::context::Context;
use crate::tui::screen::{Binding, Key, Nav, Screen, moves, step};

use super::form::Form;
use super::steps::{Steps, Then};

/// A row that can be highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Goal(usize),
    Suggestion(Side, usize),
}

pub struct Plan {
    pub goals: Vec<Goal>,
    pub suggestions: Suggestions,
    pub selected: usize,
    /// The check-in the plan was opened from (reviews are stored with it).
    pub session_id: Option<String>,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move,
    NewGoal,
    FromSuggestion,
    AddStep,
    Words,
    Pause,
    Resume,
    Achieved,
    LetGo,
    Review,
}

static BINDINGS: &[Binding<Action>] = &[
    moves(
        "",
        "move between goals and suggestions (also j k)",
        Action::Move,
    ),
    Binding {
        keys: &[Key::Press(KeyCode::Enter)],
        show: "Enter",
        label: "set as goal",
        help: "set a goal from the highlighted suggestion",
        action: Action::FromSuggestion,
    },
    Binding {
        keys: &[Key::Char('a')],
        show: "a",
        label: "goal",
        help: "set a new goal of your own",
        action: Action::NewGoal,
    },
    Binding {
        keys: &[Key::Press(KeyCode::Enter), Key::Char('+')],
        show: "Enter",
        label: "add step",
        help: "add a small step to the highlighted goal (also +)",
        action: Action::AddStep,
    },
    Binding {
        keys: &[Key::Char('e')],
        show: "e",
        label: "",
        help: "change the highlighted goal's words (kept in its history)",
        action: Action::Words,
    },
    Binding {
        keys: &[Key::Char('z')],
        show: "z",
        label: "pause",
        help: "pause the highlighted goal (its history is kept)",
        action: Action::Pause,
    },
    Binding {
        keys: &[Key::Char('z')],
        show: "z",
        label: "resume",
        help: "set the highlighted goal in progress again",
        action: Action::Resume,
    },
    Binding {
        keys: &[Key::Char('v')],
        show: "v",
        label: "",
        help: "mark the highlighted goal achieved",
        action: Action::Achieved,
    },
    Binding {
        keys: &[Key::Char('l')],
        show: "l",
        label: "",
        help: "let the highlighted goal go (it stays in the history)",
        action: Action::LetGo,
    },
    Binding {
        keys: &[Key::Char('r')],
        show: "r",
        label: "review steps",
        help: "review the open steps one by one",
        action: Action::Review,
    },
];

impl Plan {
    /// The plan of the person open; `session_id`: the check-in it is opened
    /// from.
    pub fn open(ctx: &Context, session_id: Option<String>) -> Result<Plan> {
        let mut plan = Plan {
            goals: Vec::new(),
            suggestions: Suggestions::default(),
            selected: 0,
            session_id,
            hint: None,
        };
        plan.reload(ctx)?;
        Ok(plan)
    }

    fn reload(&mut self, ctx: &Context) -> Result<()> {
        self.goals = ctx.store.goals(ctx.profile.id)?;
        self.suggestions =
            crate::plan::gather::suggestions(&ctx.store, ctx.profile.id, &ctx.support)?;
        self.selected = self.selected.min(self.rows().len().saturating_sub(1));
        Ok(())
    }

    /// Every row that can be highlighted, in the order shown.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = (0..self.goals.len()).map(Row::Goal).collect();
        rows.extend(
            (0..self.suggestions.strengths.len()).map(|i| Row::Suggestion(Side::Strength, i)),
        );
        rows.extend((0..self.suggestions.needs.len()).map(|i| Row::Suggestion(Side::Need, i)));
        rows
    }

    pub fn row(&self) -> Option<Row> {
        self.rows().get(self.selected).copied()
    }

    pub fn goal(&self) -> Option<&Goal> {
        match self.row()? {
            Row::Goal(i) => self.goals.get(i),
            Row::Suggestion(..) => None,
        }
    }

    pub fn suggestion(&self) -> Option<&Suggestion> {
        match self.row()? {
            Row::Suggestion(Side::Strength, i) => self.suggestions.strengths.get(i),
            Row::Suggestion(Side::Need, i) => self.suggestions.needs.get(i),
            Row::Goal(_) => None,
        }
    }

    fn has_open_steps(&self) -> bool {
        crate::plan::review::Review::new(&self.goals).is_some()
    }

    fn set_status(&mut self, ctx: &Context, status: GoalStatus) -> Result<()> {
        let Some(goal) = self.goal() else {
            return Ok(());
        };
        let id = goal.id.clone();
        match ctx.store.set_goal_status(&id, status, None, ctx.now) {
            Ok(g) => {
                self.hint = Some(format!(
                    "\u{201c}{}\u{201d} is {} now.",
                    g.text,
                    status.words()
                ));
            }
            Err(StoreError::Input(m)) => self.hint = Some(m),
            Err(e) => return Err(e.into()),
        }
        self.reload(ctx)?;
        if let Some(i) = self.goals.iter().position(|g| g.id == id) {
            self.selected = i;
        }
        Ok(())
    }
}

impl Screen for Plan {
    type Action = Action;

    fn bindings(&self, _ctx: &Context) -> Vec<&'static Binding<Action>> {
        let goal = self.goal();
        let status = goal.map(|g| g.status);
        let on_suggestion = self.suggestion().is_some();
        let open = self.has_open_steps();
        BINDINGS
            .iter()
            .filter(|b| match b.action {
                Action::Move => self.rows().len() > 1,
                Action::NewGoal => true,
                Action::FromSuggestion => on_suggestion,
                Action::AddStep => {
                    status.is_some_and(|s| matches!(s, GoalStatus::InProgress | GoalStatus::Paused))
                }
                Action::Words => goal.is_some(),
                Action::Pause => status == Some(GoalStatus::InProgress),
                Action::Resume => status.is_some_and(|s| s != GoalStatus::InProgress),
                Action::Achieved => status.is_some_and(|s| s != GoalStatus::Achieved),
                Action::LetGo => status.is_some_and(|s| s != GoalStatus::LetGo),
                Action::Review => open,
            })
            .collect()
    }

    fn update(&mut self, action: Action, key: KeyEvent, ctx: &mut Context) -> Result<Nav> {
        self.hint = None;
        match action {
            Action::Move => {
                let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
                self.selected = step(self.selected, self.rows().len(), up, 1);
            }
            Action::NewGoal => return Ok(Nav::Push(Box::new(Form::goal(None, None)))),
            Action::FromSuggestion => {
                if let Some(s) = self.suggestion() {
                    return Ok(Nav::Push(Box::new(Form::goal(
                        Some(s.source.clone()),
                        s.dimension,
                    ))));
                }
            }
            Action::AddStep => {
                if let Some(g) = self.goal() {
                    return Ok(Nav::Push(Box::new(Form::step(
                        g.id.clone(),
                        g.text.clone(),
                    ))));
                }
            }
            Action::Words => {
                if let Some(g) = self.goal() {
                    return Ok(Nav::Push(Box::new(Form::words(g.id.clone(), &g.text))));
                }
            }
            Action::Pause => self.set_status(ctx, GoalStatus::Paused)?,
            Action::Resume => self.set_status(ctx, GoalStatus::InProgress)?,
            Action::Achieved => self.set_status(ctx, GoalStatus::Achieved)?,
            Action::LetGo => self.set_status(ctx, GoalStatus::LetGo)?,
            Action::Review => {
                if let Some(review) = crate::plan::review::Review::new(&self.goals) {
                    return Ok(Nav::Push(Box::new(Steps::new(
                        review,
                        self.session_id.clone(),
                        Then::Back,
                    ))));
                }
            }
        }
        Ok(Nav::Stay)
    }

    fn title(&self, _ctx: &Context) -> String {
        words::TITLE.to_string()
    }

    fn view(&self, f: &mut Frame, area: Rect, ctx: &Context) {
        view::render(f, self, area, ctx);
    }

    fn refresh(&mut self, ctx: &mut Context) -> Result<()> {
        let before = self.goals.len();
        self.reload(ctx)?;
        if self.goals.len() > before {
            // A goal was just set: highlight it.
            let newest = self
                .goals
                .iter()
                .enumerate()
                .max_by_key(|(_, g)| g.created_at)
                .map(|(i, _)| i);
            self.selected = newest.unwrap_or(0);
            self.hint =
                Some("Goal set. Its steps come up at the end of your weekly check-in.".into());
        }
        Ok(())
    }
}

/// Every row of this screen's binding tables (for the check that each is in
/// the footer and in help, and the README's keys).
pub fn every_key() -> Vec<crate::tui::screen::Shown> {
    crate::tui::screen::shown_of(BINDINGS)
}
