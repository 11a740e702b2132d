//! Long histories read only what they show: a report built from the score
//! cache (re-reading only the check-ins whose support rules can fire) says
//! what the report built from every check-in's answers said; the trends
//! screen on a long history shows the newest rows and pages to the oldest;
//! thinned chart series keep every bucket's first, last, lowest and
//! highest point.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::screen::{draw, press};
use crossterm::event::KeyCode;
use recap::config::Support;
use recap::instrument::{AnswerValue, Answers, Catalog};
use recap::outcome::{Done, Point};
use recap::report::{self, ReportOptions};
use recap::store::{SessionQuery, Store};
use recap::timefmt::Zone;
use recap::trends::window::Window;
use recap::tui::app::App;
use recap::tui::theme::Theme;
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn last_day() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn record(
    store: &Store,
    catalog: &Catalog,
    profile_id: i64,
    id: &str,
    values: &[i64],
    at: DateTime<Utc>,
    with_counselor: bool,
) -> String {
    let loaded = catalog.get(id).unwrap();
    let answers: Answers = loaded
        .instrument
        .items
        .iter()
        .zip(values)
        .map(|(i, v)| (i.id.clone(), AnswerValue::Number(*v)))
        .collect();
    store
        .record_session(profile_id, loaded, &answers, at, with_counselor)
        .unwrap()
        .id
}

/// `days` days of WHO-5 (twice on some days; values that sometimes fire
/// its support rules, by an answer or by the total), the weekly
/// dimensions check-in (its "safe place" rule firing now and then) and
/// BARC-10 every week, for "Sam"; one WHO-5 check-in that fired is in the
/// trash; "Alex" has check-ins of their own that fire every time.
fn long_history(dir: &TempDir, days: i64) -> (Store, i64) {
    let store = Store::open(&dir.path().join("recap.db")).unwrap();
    let catalog = Catalog::bundled();
    let sam = store.add_profile("Sam", now()).unwrap();
    let alex = store.add_profile("Alex", now()).unwrap();
    let mut trashed = None;
    for d in 0..days {
        let at = last_day() - Duration::days(days - 1 - d);
        let v = d % 6;
        let who = [v, (v + 2) % 6, 3 + d % 3, 5 - v % 2, 2 + d % 4];
        let id = record(&store, &catalog, sam.id, "who-5", &who, at, d % 3 == 0);
        if d == 10 {
            trashed = Some(id);
        }
        if d % 9 == 0 {
            let low = [1, 0, 1, 1, 2];
            record(
                &store,
                &catalog,
                sam.id,
                "who-5",
                &low,
                at + Duration::hours(3),
                false,
            );
        }
        if d % 7 == 0 {
            let w = d / 7;
            let barc = [1 + w % 6, 4, 3, 6, 2, 1 + w % 5, 4, 5, 6, 1 + w % 4];
            record(&store, &catalog, sam.id, "barc-10", &barc, at, false);
            let items = catalog
                .get("samhsa-dimensions")
                .unwrap()
                .instrument
                .items
                .len();
            let dims: Vec<i64> = (0..items as i64).map(|i| (i + d / 7) % 5).collect();
            record(
                &store,
                &catalog,
                sam.id,
                "samhsa-dimensions",
                &dims,
                at,
                d % 2 == 0,
            );
        }
    }
    store.trash_session(&trashed.unwrap(), now()).unwrap();
    for d in 0..5 {
        let at = last_day() - Duration::days(d * 10);
        record(
            &store,
            &catalog,
            alex.id,
            "who-5",
            &[0, 0, 0, 0, 0],
            at,
            false,
        );
    }
    (store, sam.id)
}

fn options(since: Option<DateTime<Utc>>) -> ReportOptions {
    ReportOptions {
        since,
        now: now(),
        zone: Zone::Utc,
        support: Support::default(),
    }
}

/// (when, questionnaire, message, trigger) of every support message, as
/// the report used to find them: every check-in of the period read whole
/// and given its outcome.
type Fired = (DateTime<Utc>, String, String, String);

fn fired_the_old_way(store: &Store, profile_id: i64, since: Option<DateTime<Utc>>) -> Vec<Fired> {
    let query = SessionQuery {
        from: since,
        ..SessionQuery::default()
    };
    let mut all = Vec::new();
    for s in store.sessions(profile_id, &query).unwrap() {
        let d = store.session_detail(&s.id).unwrap().unwrap();
        let at = d.session.completed_at.unwrap();
        let done = Done {
            instrument: &d.instrument,
            answers: &d.answers,
            scoring: &d.scoring,
            session_id: Some(&d.session.id),
            completed_at: at,
            with_counselor: d.session.with_counselor,
        };
        let none: &[Point] = &[];
        for m in recap::outcome::build(&done, none, 0, &Support::default()).safety {
            all.push((
                at,
                d.instrument.short_title.clone(),
                m.message,
                format!("{:?}", m.trigger),
            ));
        }
    }
    all.sort();
    all
}

fn check_report_matches_the_old_way(store: &Store, profile_id: i64, since: Option<DateTime<Utc>>) {
    let catalog = Catalog::bundled();
    let profile = store.profile_by_id(profile_id).unwrap().unwrap();
    let r = report::build(store, &catalog, &profile, &options(since)).unwrap();

    let mut fired: Vec<Fired> = r
        .support_messages
        .iter()
        .map(|m| {
            (
                m.completed_at,
                m.questionnaire.clone(),
                m.safety.message.clone(),
                format!("{:?}", m.safety.trigger),
            )
        })
        .collect();
    // Oldest first, as printed.
    assert!(fired.windows(2).all(|w| w[0].0 <= w[1].0));
    fired.sort();
    let expected = fired_the_old_way(store, profile_id, since);
    assert!(expected.len() > 20, "{} messages", expected.len());
    assert_eq!(fired, expected);

    // Every check-in of the period, with the scores its answers give.
    let query = SessionQuery {
        from: since,
        ..SessionQuery::default()
    };
    let sessions = store.sessions(profile_id, &query).unwrap();
    assert_eq!(r.check_ins(), sessions.len());
    for q in &r.questionnaires {
        let mine: Vec<_> = sessions
            .iter()
            .filter(|s| s.questionnaire_id == q.id)
            .collect();
        assert_eq!(q.sessions.len(), mine.len(), "{}", q.id);
        for (row, s) in q.sessions.iter().zip(&mine) {
            assert_eq!(row.session_id, s.id);
            let d = store.session_detail(&s.id).unwrap().unwrap();
            let values: Vec<Option<f64>> = q
                .scores
                .iter()
                .map(|sc| d.scoring.get(&sc.id).and_then(|x| x.value))
                .collect();
            assert_eq!(row.values, values, "{} {}", q.id, s.id);
            assert!(q.versions.contains(&s.questionnaire_version));
        }
        // The latest check-in's answers are shown whole.
        let latest = store
            .session_detail(&mine.last().unwrap().id)
            .unwrap()
            .unwrap();
        assert_eq!(q.latest_answers.len(), latest.instrument.items.len());
    }
}

#[test]
fn a_long_historys_report_says_what_reading_every_check_in_said() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sam) = long_history(&dir, 420);
    check_report_matches_the_old_way(&store, sam, None);
    check_report_matches_the_old_way(&store, sam, Some(last_day() - Duration::days(100)));
}

fn app_on(store: Store, profile: recap::store::Profile) -> App {
    App::new(
        store,
        Catalog::bundled(),
        Support::default(),
        profile,
        Theme::new(false),
        Zone::Utc,
        now(),
    )
    .unwrap()
}

fn day(t: DateTime<Utc>) -> String {
    t.format("%-d %b %Y").to_string()
}

/// The selected row of a drawn trends screen.
fn selected(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains('›'))
        .unwrap_or_else(|| panic!("no selected row in\n{screen}"))
        .to_string()
}

#[test]
fn the_trends_screen_shows_the_newest_rows_and_pages_to_the_oldest() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sam) = long_history(&dir, 420);
    let query = SessionQuery {
        questionnaire_id: Some("barc-10".into()),
        ..SessionQuery::default()
    };
    let barc = store.sessions(sam, &query).unwrap();
    let score_of = |id: &str| {
        let d = store.session_detail(id).unwrap().unwrap();
        let v = d.scoring.get("total").unwrap().value.unwrap();
        format!("{v:.0}")
    };
    let (first, last) = (barc.first().unwrap(), barc.last().unwrap());
    let (oldest, newest) = (
        day(first.completed_at.unwrap()),
        day(last.completed_at.unwrap()),
    );
    let (oldest_score, newest_score) = (score_of(&first.id), score_of(&last.id));
    let profile = store.profile_by_id(sam).unwrap().unwrap();
    let mut app = app_on(store, profile);
    app.close_dialog();
    app.open_trends(Some("barc-10"), Window::All).unwrap();

    // The newest check-in first, selected, with its score from the result model.
    let screen = draw(&app, 80, 24);
    let row = selected(&screen);
    assert!(row.contains(&newest), "{row}\n{screen}");
    assert!(row.contains(&newest_score), "{row}\n{screen}");
    assert!(!screen.contains(&oldest), "{screen}");

    // Page by page down to the oldest, which is the last row.
    let pages = barc.len().div_ceil(10);
    for _ in 0..pages {
        press(&mut app, KeyCode::PageDown);
    }
    let screen = draw(&app, 80, 24);
    let row = selected(&screen);
    assert!(row.contains(&oldest), "{row}\n{screen}");
    assert!(row.contains(&oldest_score), "{row}\n{screen}");
    // The first check-in of the period shown has no change to show.
    assert!(!row.contains('+'), "{row}");
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&draw(&app, 80, 24)), row);

    // And back to the newest.
    press(&mut app, KeyCode::Home);
    let row = selected(&draw(&app, 80, 24));
    assert!(row.contains(&newest), "{row}");
}

#[test]
fn thinned_series_keep_every_buckets_first_last_lowest_and_highest() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sam) = long_history(&dir, 420);
    let query = SessionQuery::default();
    let points: Vec<(f64, f64)> = store
        .score_series(sam, "who-5", &query)
        .unwrap()
        .iter()
        .filter_map(|p| {
            let x = p.completed_at.timestamp() as f64 / 86_400.0;
            p.value("total").map(|v| (x, v))
        })
        .collect();
    assert!(points.len() > 400);
    let bounds = [points[0].0, points.last().unwrap().0];
    for buckets in [7, 30, 61] {
        let thinned = recap::trends::thin::thin(&points, bounds, buckets);
        assert!(thinned.len() <= buckets * 4, "{} kept", thinned.len());
        assert!(thinned.len() < points.len());
        // Every kept point is a real check-in, in time order.
        assert!(thinned.iter().all(|p| points.contains(p)));
        assert!(thinned.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(thinned.first(), points.first());
        assert_eq!(thinned.last(), points.last());
        let bucket = |x: f64| {
            (((x - bounds[0]) / (bounds[1] - bounds[0]) * buckets as f64) as usize).min(buckets - 1)
        };
        for b in 0..buckets {
            let all: Vec<&(f64, f64)> = points.iter().filter(|p| bucket(p.0) == b).collect();
            let kept: Vec<&(f64, f64)> = thinned.iter().filter(|p| bucket(p.0) == b).collect();
            if all.is_empty() {
                continue;
            }
            assert_eq!(kept.first(), all.first(), "bucket {b} of {buckets}");
            assert_eq!(kept.last(), all.last(), "bucket {b} of {buckets}");
            let lo = |v: &[&(f64, f64)]| v.iter().map(|p| p.1).fold(f64::MAX, f64::min);
            let hi = |v: &[&(f64, f64)]| v.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            assert_eq!(lo(&kept), lo(&all), "bucket {b}");
            assert_eq!(hi(&kept), hi(&all), "bucket {b}");
        }
    }
}

/// Home's summary as it was made from every check-in: the latest headline
/// value, the change since the last scored one before it, the last 24
/// headline values.
fn summary_the_old_way(
    store: &Store,
    profile_id: i64,
    id: &str,
) -> (Option<f64>, Option<recap::outcome::Since>, Vec<f64>, bool) {
    let catalog = Catalog::bundled();
    let instrument = &catalog.get(id).unwrap().instrument;
    let all =
        recap::outcome::points(store, profile_id, instrument, &SessionQuery::default()).unwrap();
    let k = recap::trends::series::primary_index(instrument).unwrap();
    let values: Vec<f64> = all.iter().filter_map(|p| p.values[k]).collect();
    let recent = values[values.len().saturating_sub(24)..].to_vec();
    let Some((last, earlier)) = all.split_last() else {
        return (None, None, recent, false);
    };
    let o =
        recap::outcome::score_outcome(&instrument.scores[k], k, last.values[k], None, earlier, 0);
    (o.value, o.since_previous, recent, true)
}

#[test]
fn home_reads_the_latest_check_ins_and_says_what_reading_all_of_them_said() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sam) = long_history(&dir, 400);
    let catalog = Catalog::bundled();
    // A second person whose latest 80 WHO-5 check-ins are unscored (two
    // answers each): the sparkline and the change reach back past them.
    let kim = store.add_profile("Kim", now()).unwrap().id;
    for d in 0..200 {
        let at = last_day() - Duration::days(199 - d);
        let values: &[i64] = if d < 120 {
            &[d % 6, 3, 4, 2, 5]
        } else {
            &[1, 2]
        };
        record(&store, &catalog, kim, "who-5", values, at, false);
    }
    for (person, expect_fallback) in [(sam, false), (kim, true)] {
        let summaries =
            recap::trends::summary::summaries_in(&store, &catalog, person, Zone::Utc, now())
                .unwrap();
        for s in &summaries {
            let (latest, change, recent, done) =
                summary_the_old_way(&store, person, &s.questionnaire_id);
            assert_eq!(s.latest, latest, "{}", s.questionnaire_id);
            assert_eq!(s.change, change, "{}", s.questionnaire_id);
            assert_eq!(s.recent, recent, "{}", s.questionnaire_id);
            assert_eq!(s.done, done, "{}", s.questionnaire_id);
        }
        let who = summaries
            .iter()
            .find(|s| s.questionnaire_id == "who-5")
            .unwrap();
        assert_eq!(who.recent.len(), 24);
        if expect_fallback {
            assert_eq!(who.latest, None);
            assert!(who.change.is_none());
        } else {
            assert!(who.latest.is_some() && who.change.is_some());
        }
    }
}
