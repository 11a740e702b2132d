//! The trends screen's state: which questionnaire, score view and time
//! window; the chart data and check-in rows derived from them (rebuilt on
//! every switch, never while drawing); marks for comparing; and the detail
//! views stacked on top (one check-in's answers, a comparison, one item's
//! history).

use chrono::NaiveDateTime;

use crate::instrument::ScoreDef;
use crate::trends::compare::{AnswerRow, ItemChange, ItemPoint, Movement};
use crate::trends::rows::{ScoreCell, SessionRow};
use crate::trends::series::{ChartData, Trend, View};
use crate::trends::window::Window;
use crate::tui::widgets::bars::BarRow;

/// Latest versus previous for each subscale.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub latest: Option<NaiveDateTime>,
    pub previous: Option<NaiveDateTime>,
    pub rows: Vec<BarRow>,
}

/// One check-in's scores and answers.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub session_id: String,
    pub local: NaiveDateTime,
    pub with_counselor: bool,
    pub scores: Vec<(ScoreDef, ScoreCell)>,
    pub answers: Vec<AnswerRow>,
    /// The highlighted answer (Enter shows that item's history).
    pub cursor: usize,
    /// Its corrected answers, oldest first, in words ("Question 3 amended
    /// 24 Nov 2026: was 4 (…), now 2 (…), reason: typo"), and their items.
    pub amendments: Vec<String>,
    pub amended: Vec<String>,
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub session_id: String,
    pub local: NaiveDateTime,
    pub with_counselor: bool,
}

/// A line of the comparison list: a group heading or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareLine {
    Heading(Movement, usize),
    /// Index into `changes`.
    Item(usize),
}

/// One score of two compared check-ins: older value, newer value, change.
pub type ComparedScore = (
    ScoreDef,
    Option<f64>,
    Option<f64>,
    Option<crate::outcome::Since>,
);

/// Two check-ins compared item by item.
#[derive(Debug, Clone)]
pub struct CompareView {
    pub older: Side,
    pub newer: Side,
    /// Each score with its older and newer value, and the change between
    /// them (from the result model).
    pub scores: Vec<ComparedScore>,
    pub changes: Vec<ItemChange>,
    /// Grouped: rose, fell, stayed, then the rest.
    pub lines: Vec<CompareLine>,
    /// Index into `lines`, always on an item.
    pub cursor: usize,
}

/// One item's answers across the check-ins in the window.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub item_id: String,
    /// 1-based position and how many items there are.
    pub number: usize,
    pub total: usize,
    pub text: String,
    /// Oldest first.
    pub history: Vec<ItemPoint>,
    /// For items answered with numbers.
    pub chart: Option<ChartData>,
}

/// A view shown over the chart; Esc goes back to the one below.
#[derive(Debug, Clone)]
pub enum Detail {
    Session(Box<SessionView>),
    Compare(Box<CompareView>),
    Item(Box<ItemView>),
}

#[derive(Debug, Clone)]
pub struct Trends {
    /// The questionnaires Tab pages through.
    pub ids: Vec<String>,
    pub current: usize,
    /// The current questionnaire's history.
    pub trend: Option<Trend>,
    pub views: Vec<View>,
    pub view: usize,
    pub window: Window,
    /// Show latest-versus-previous bars instead of the line chart.
    pub show_overview: bool,
    /// Derived from the above when anything switches.
    pub chart: ChartData,
    /// The check-ins in the window, newest first.
    pub rows: Vec<SessionRow>,
    pub overview: Option<Overview>,
    /// The highlighted row.
    pub selected: usize,
    /// Session ids marked for comparing (at most two).
    pub marked: Vec<String>,
    pub stack: Vec<Detail>,
    /// The plan's goals with their progress, shown beside their dimension.
    pub goals: Vec<crate::trends::goals::GoalTrend>,
}

impl Trends {
    pub fn new(ids: Vec<String>, current: usize, window: Window) -> Trends {
        Trends {
            ids,
            current,
            trend: None,
            views: Vec::new(),
            view: 0,
            window,
            show_overview: false,
            chart: ChartData {
                series: Vec::new(),
                x_bounds: [0.0, 1.0],
                y_bounds: [0.0, 1.0],
                decimals: 0,
                refs: Vec::new(),
            },
            rows: Vec::new(),
            overview: None,
            selected: 0,
            marked: Vec::new(),
            stack: Vec::new(),
            goals: Vec::new(),
        }
    }

    /// The id of the questionnaire shown.
    pub fn questionnaire_id(&self) -> Option<&str> {
        self.ids.get(self.current).map(String::as_str)
    }

    pub fn current_view(&self) -> Option<&View> {
        self.views.get(self.view)
    }

    /// Whether there is anything to show at all (any check-in, any window).
    pub fn has_data(&self) -> bool {
        self.trend.as_ref().is_some_and(|t| !t.points.is_empty())
    }
}
