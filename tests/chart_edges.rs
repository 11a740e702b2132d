//! Charts never mislead: the real trends screen, drawn on ratatui's
//! TestBackend at 80x24 and 160x45 (and sizes between), with one check-in
//! one step either side of each band edge. Reading the buffer: the edge's
//! line is on the row labelled with the published figure (50 and 28 for
//! WHO-5, 47 for BARC-10), the check-in's marker is strictly on its band's
//! side of it (the bands say which side the edge value itself is on), and
//! every band is named beside its own rows, the lowest too. The four weekly
//! dimensions are four small charts, each with its marker, even when all
//! four have the same value.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recap::config::Support;
use recap::instrument::{AnswerValue, Answers, Catalog};
use recap::store::Store;
use recap::timefmt::Zone;
use recap::trends::Window;
use recap::tui::app::App;
use recap::tui::render::render;
use recap::tui::theme::Theme;

const SIZES: [(u16, u16); 5] = [(80, 24), (160, 45), (80, 30), (100, 28), (120, 40)];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .single()
        .expect("date")
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: App,
}

/// A profile with one check-in per answer list (a week apart, the last a
/// week ago), with the trends screen open on `id`.
fn fixture(id: &str, checkins: &[Vec<i64>]) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("recap.db")).expect("open");
    let catalog = Catalog::bundled();
    let profile = store.default_profile(now()).expect("profile");
    let loaded = catalog.get(id).expect("questionnaire");
    let n = checkins.len() as i64;
    for (i, values) in checkins.iter().enumerate() {
        let numeric = loaded
            .instrument
            .items
            .iter()
            .filter(|i| i.value_range().is_some());
        let answers: Answers = numeric
            .zip(values)
            .map(|(item, v)| (item.id.clone(), AnswerValue::Number(*v)))
            .collect();
        let when = now() - Duration::weeks(n - i as i64);
        store
            .record_session(profile.id, loaded, &answers, when, false)
            .expect("record");
    }
    let mut app = App::new(
        store,
        catalog,
        Support::default(),
        profile,
        Theme::new(false),
        Zone::Utc,
        now(),
    )
    .expect("app");
    app.open_trends(Some(id), Window::All).expect("open trends");
    Fixture { _dir: dir, app }
}

fn lines(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| render(f, app)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The chart's plot rows: after the legend line, up to the date axis.
fn plot(screen: &[String]) -> (usize, usize) {
    let legend = screen
        .iter()
        .position(|l| l.contains("── "))
        .expect("legend line");
    let axis = screen
        .iter()
        .skip(legend)
        .position(|l| l.contains('└'))
        .expect("date axis")
        + legend;
    (legend + 1, axis)
}

/// The row of the edge line labelled `figure`.
fn edge_row(screen: &[String], figure: &str) -> usize {
    let (top, bottom) = plot(screen);
    let found: Vec<usize> = (top..bottom)
        .filter(|r| {
            let l = screen[*r].trim_start();
            l.starts_with(&format!("{figure}│")) && l.contains("╌╌╌")
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one edge labelled {figure}:\n{}",
        screen.join("\n")
    );
    found[0]
}

/// The rows holding `marker` inside the plot.
fn marker_rows(screen: &[String], marker: char) -> Vec<usize> {
    let (top, bottom) = plot(screen);
    (top..bottom)
        .filter(|r| screen[*r].contains(marker))
        .collect()
}

/// The row a band is named on, to the right of the plot.
fn band_row(screen: &[String], label: &str) -> usize {
    let (top, bottom) = plot(screen);
    let found: Vec<usize> = (top..bottom)
        .filter(|r| screen[*r].trim_end().ends_with(&format!(" {label}")))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "band {label:?} named once:\n{}",
        screen.join("\n")
    );
    found[0]
}

/// WHO-5 answers (0-5 each) summing to `raw`, for a score of `raw * 4`.
fn who5(raw: i64) -> Vec<i64> {
    (0..5).map(|i| raw / 5 + i64::from(i < raw % 5)).collect()
}

/// BARC-10 answers (1-6 each) summing to `total`.
fn barc(total: i64) -> Vec<i64> {
    (0..10)
        .map(|i| total / 10 + i64::from(i < total % 10))
        .collect()
}

/// Which side of an edge a score must be drawn on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Above,
    Below,
}

fn check(id: &str, answers: Vec<i64>, score: i64, edge: &str, side: Side) {
    let f = fixture(id, &[answers]);
    for (w, h) in SIZES {
        let screen = lines(&f.app, w, h);
        let all = screen.join("\n");
        // The screen is about the score we meant to draw.
        assert!(
            screen
                .iter()
                .any(|l| l.contains("17 Nov 2026") && l.contains(&format!(" {score} "))),
            "{id} {score} at {w}x{h}:\n{all}"
        );
        let edge = edge_row(&screen, edge);
        let rows = marker_rows(&screen, '●');
        assert_eq!(rows.len(), 1, "{id} {score} at {w}x{h}: one marker\n{all}");
        let marker = rows[0];
        match side {
            Side::Above => assert!(
                marker < edge,
                "{id} {score} above its edge at {w}x{h}:\n{all}"
            ),
            Side::Below => assert!(
                marker > edge,
                "{id} {score} below its edge at {w}x{h}:\n{all}"
            ),
        }
    }
}

#[test]
fn who5_around_50() {
    // "29 to 50" holds 50 itself; "Above 50" starts at 51.
    check("who-5", who5(12), 48, "50", Side::Below);
    check("who-5", who5(13), 52, "50", Side::Above);
}

#[test]
fn who5_around_28() {
    // "28 or below" holds 28 itself.
    check("who-5", who5(6), 24, "28", Side::Below);
    check("who-5", who5(7), 28, "28", Side::Below);
    check("who-5", who5(8), 32, "28", Side::Above);
    // 32 is under the 50 line too.
    check("who-5", who5(8), 32, "50", Side::Below);
}

#[test]
fn barc10_around_47() {
    // "47 or above" holds 47 itself.
    check("barc-10", barc(46), 46, "47", Side::Below);
    check("barc-10", barc(47), 47, "47", Side::Above);
    check("barc-10", barc(48), 48, "47", Side::Above);
}

#[test]
fn every_band_is_named_inside_its_rows_and_edges_show_the_published_figures() {
    let f = fixture("who-5", &[who5(10), who5(13)]);
    for (w, h) in SIZES {
        let screen = lines(&f.app, w, h);
        let all = screen.join("\n");
        let (e50, e28) = (edge_row(&screen, "50"), edge_row(&screen, "28"));
        assert!(e50 < e28, "{w}x{h}:\n{all}");
        assert!(band_row(&screen, "Above 50") < e50, "{w}x{h}:\n{all}");
        let middle = band_row(&screen, "29 to 50");
        assert!(middle > e50 && middle < e28, "{w}x{h}:\n{all}");
        assert!(band_row(&screen, "28 or below") > e28, "{w}x{h}:\n{all}");
        // Not the first values of the bands above.
        for wrong in ["51│", "29│"] {
            assert!(!all.contains(wrong), "{w}x{h}: {wrong}\n{all}");
        }
        // 40 in the middle band, 52 above the top edge.
        let rows = marker_rows(&screen, '●');
        assert_eq!(rows.len(), 2, "{w}x{h}:\n{all}");
        assert!(
            rows[0] < e50 && rows[1] > e50 && rows[1] < e28,
            "{w}x{h}:\n{all}"
        );
    }
    let f = fixture("barc-10", &[barc(30)]);
    for (w, h) in SIZES {
        let screen = lines(&f.app, w, h);
        let e = edge_row(&screen, "47");
        assert!(band_row(&screen, "47 or above") < e);
        assert!(band_row(&screen, "Below 47") > e);
    }
}

#[test]
fn tall_charts_label_the_y_axis_every_few_rows() {
    let f = fixture("who-5", &[who5(10), who5(13)]);
    let screen = lines(&f.app, 160, 45);
    let (top, bottom) = plot(&screen);
    let labelled: Vec<usize> = (top..bottom)
        .filter(|r| {
            let l = screen[*r].trim_start();
            l.split('│')
                .next()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .collect();
    assert!(labelled.len() >= 6, "{labelled:?}\n{}", screen.join("\n"));
    let widest = labelled.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    assert!(widest <= 5, "{labelled:?}\n{}", screen.join("\n"));
}

#[test]
fn four_dimensions_are_four_small_charts_and_equal_values_all_show() {
    // Every answer "Somewhat true": all four dimensions score the same.
    let f = fixture("samhsa-dimensions", &[vec![1; 13], vec![2; 13]]);
    for (w, h) in SIZES {
        let screen = lines(&f.app, w, h);
        let all = screen.join("\n");
        for (marker, name) in [
            ('●', "Health"),
            ('■', "Home"),
            ('▲', "Purpose"),
            ('◆', "Community"),
        ] {
            let legend: Vec<&String> = screen
                .iter()
                .filter(|l| l.contains(&format!("{marker} ")) && l.contains(name))
                .collect();
            assert_eq!(
                legend.len(),
                1,
                "{name} has its own chart at {w}x{h}:\n{all}"
            );
            let marks: usize = screen
                .iter()
                .filter(|l| !l.contains(name))
                .map(|l| l.matches(marker).count())
                .sum();
            assert_eq!(marks, 2, "{name}: both check-ins marked at {w}x{h}:\n{all}");
        }
        // Two rows of two charts at 80 columns and more, each with its own range.
        assert_eq!(all.matches("100│").count(), 4, "{w}x{h}:\n{all}");
        // The key bar is still there.
        assert!(
            screen[usize::from(h) - 1].contains("? help"),
            "{w}x{h}:\n{all}"
        );
    }
}
