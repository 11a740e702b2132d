//! Every screen and dialog at 80x24, in colour and with NO_COLOR: its keys
//! (from its binding table) are all in the key bar and all in help, whole;
//! its last line of content is visible; no text is cut. And the keys that
//! hold everywhere: Esc goes back one level and never quits, q quits (from
//! any screen where letters are commands), Ctrl-C always leaves.
#![allow(clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::screen::{Key, Shown};
use super::screens::help;
use super::tables::every_table;
use super::testing::{
    Fixture, add_goal, assert_no_colour, block_writes, buffer, finish_weekly, fixture, keys, noon,
    now, press, record_here, stored_notes, text,
};
use super::widgets::text::width;
use crate::trends::window::Window;

/// A state of the app worth drawing, and the last words of its content.
struct Scene {
    name: &'static str,
    setup: fn(&mut Fixture),
    /// Text that must be visible (the last line of the content).
    last: &'static str,
    /// Start from a file with check-ins.
    history: bool,
}

fn scenes() -> Vec<Scene> {
    vec![
        Scene {
            name: "home, nothing yet",
            setup: |_| {},
            last: "change over time.",
            history: false,
        },
        Scene {
            name: "home with check-ins, WHO-5 highlighted",
            setup: |f| keys(&mut f.app, "jj"),
            last: "higher numbers mean better well-being.",
            history: true,
        },
        Scene {
            name: "home with an unfinished check-in",
            setup: |f| keys(&mut f.app, "j\r\r\r45\x1b"),
            last: "more recovery capital.",
            history: true,
        },
        Scene {
            name: "resume dialog",
            setup: |f| {
                keys(&mut f.app, "j\r\r\r45\x1b");
                let p = f.app.ctx.profile.clone();
                f.app.open_profile(p).unwrap();
            },
            last: "off?",
            history: true,
        },
        Scene {
            name: "set aside dialog",
            setup: |f| {
                keys(&mut f.app, "j\r\r\r45\x1b");
                let p = f.app.ctx.profile.clone();
                f.app.open_profile(p).unwrap();
                keys(&mut f.app, "d");
            },
            last: "again.",
            history: true,
        },
        Scene {
            name: "counselor dialog",
            setup: |f| keys(&mut f.app, "j\r"),
            last: "With a counselor",
            history: true,
        },
        Scene {
            name: "check-in instructions",
            setup: |f| keys(&mut f.app, "\r"),
            last: "Press Enter to begin.",
            history: false,
        },
        Scene {
            name: "choice question",
            setup: |f| keys(&mut f.app, "j\r\r"),
            last: "6  Strongly agree",
            history: false,
        },
        Scene {
            name: "free-text question",
            setup: |f| keys(&mut f.app, "\r\r4444444444444words"),
            last: "words",
            history: false,
        },
        Scene {
            name: "answer not saved",
            setup: |f| {
                keys(&mut f.app, "j\r\r");
                let lock = block_writes(f);
                keys(&mut f.app, "4");
                drop(lock);
            },
            last: "press r to try again.",
            history: false,
        },
        Scene {
            name: "leave with an answer not saved",
            setup: |f| {
                keys(&mut f.app, "j\r\r");
                let lock = block_writes(f);
                keys(&mut f.app, "4q");
                drop(lock);
            },
            last: "continue from that question.",
            history: false,
        },
        Scene {
            name: "review of ten answers",
            setup: |f| keys(&mut f.app, "j\r\r6545654565"),
            last: "Submit these answers",
            history: false,
        },
        Scene {
            name: "review scrolled to a long written answer",
            setup: |f| {
                keys(&mut f.app, "\r\r4444444444444");
                keys(&mut f.app, &"a long reflection ".repeat(12));
                keys(&mut f.app, "the end\t");
                keys(&mut f.app, "k");
            },
            last: "the end\"",
            history: false,
        },
        Scene {
            name: "results",
            setup: |f| keys(&mut f.app, "j\r\r6545654565\r"),
            last: "recap counts 47 as at or above.",
            history: false,
        },
        Scene {
            name: "results with a support message, scrolled to the end",
            setup: |f| {
                keys(&mut f.app, "jj\r\r00000\r");
                for _ in 0..8 {
                    press(&mut f.app, KeyCode::PageDown);
                }
            },
            last: "answer is its score: higher numbers mean better well-being.",
            history: false,
        },
        Scene {
            name: "trends chart",
            setup: |f| keys(&mut f.app, "jt"),
            last: "17 Nov 2026",
            history: true,
        },
        Scene {
            name: "trends with nothing yet",
            setup: |f| keys(&mut f.app, "t"),
            last: "another questionnaire.",
            history: false,
        },
        Scene {
            name: "trends, one check-in's answers",
            setup: |f| keys(&mut f.app, "jt\r"),
            last: "Recovery capital: 48",
            history: true,
        },
        Scene {
            name: "trends, two compared",
            setup: |f| keys(&mut f.app, "jt j "),
            last: "Rose",
            history: true,
        },
        Scene {
            name: "trends, one question over time",
            setup: |f| keys(&mut f.app, "jt\r\r"),
            last: "3 Nov 2026",
            history: true,
        },
        Scene {
            name: "notes, none yet",
            setup: |f| keys(&mut f.app, "n"),
            last: "notes stay on this computer.",
            history: false,
        },
        Scene {
            name: "note editor",
            setup: |f| keys(&mut f.app, "naA note."),
            last: "A note.",
            history: false,
        },
        Scene {
            name: "notes list",
            setup: |f| keys(&mut f.app, "naA note.\x1b"),
            last: "The note is saved.",
            history: false,
        },
        Scene {
            name: "delete a note",
            setup: |f| keys(&mut f.app, "naA note.\x1bd"),
            last: "It cannot be brought back.",
            history: false,
        },
        Scene {
            name: "people, finding",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                keys(&mut f.app, "p");
            },
            last: "listed until then.",
            history: true,
        },
        Scene {
            name: "people, found",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                f.app.ctx.store.add_profile("Samir", now()).unwrap();
                keys(&mut f.app, "psa");
            },
            last: "Samir",
            history: true,
        },
        Scene {
            name: "people, everyone",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                keys(&mut f.app, "p\t");
            },
            last: "Sam",
            history: true,
        },
        Scene {
            name: "people, archived shown",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                f.app.ctx.store.archive_profile("Sam", now()).unwrap();
                keys(&mut f.app, "p\tvj");
            },
            last: "archived",
            history: true,
        },
        Scene {
            name: "open a person",
            setup: |f| keys(&mut f.app, "p\t\r"),
            last: "Open Me?",
            history: false,
        },
        Scene {
            name: "adding a person",
            setup: |f| keys(&mut f.app, "p\taJordan"),
            last: "Jordan",
            history: false,
        },
        Scene {
            name: "archive a person",
            setup: |f| keys(&mut f.app, "p\td"),
            last: "them back).",
            history: false,
        },
        Scene {
            name: "delete a person",
            setup: |f| keys(&mut f.app, "p\tXM"),
            last: "> M",
            history: true,
        },
        Scene {
            name: "caseload",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                keys(&mut f.app, "p\tc");
            },
            last: "Sam",
            history: true,
        },
        Scene {
            name: "home in a client session",
            setup: |f| f.app.pin(),
            last: "change over time.",
            history: true,
        },
        Scene {
            name: "end a session",
            setup: |f| {
                f.app.pin();
                keys(&mut f.app, "e");
            },
            last: "nothing of this session is shown there.",
            history: true,
        },
        Scene {
            name: "before the session",
            setup: |f| {
                f.app.pin();
                keys(&mut f.app, "b");
            },
            last: "Support messages",
            history: true,
        },
        Scene {
            name: "notes, private and shared",
            setup: |f| {
                f.app.ctx.note_author = Some("Dana Reyes".into());
                f.app.ctx.notes_default = crate::store::Visibility::Private;
                keys(&mut f.app, "naA note.\x1b");
            },
            last: "The note is saved.",
            history: false,
        },
        Scene {
            name: "network, nothing yet",
            setup: |f| keys(&mut f.app, "m"),
            last: "pathway.",
            history: false,
        },
        Scene {
            name: "network map",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "m");
            },
            last: "not supportive",
            history: false,
        },
        Scene {
            name: "network, adding an entry",
            setup: |f| keys(&mut f.app, "maJo\t"),
            last: "1 person   2 group   3 place or service",
            history: false,
        },
        Scene {
            name: "network walk-through",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrc\r");
            },
            last: "Now: person. Enter keeps it.",
            history: false,
        },
        Scene {
            name: "network over time",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mt");
            },
            last: "Walked through",
            history: false,
        },
        Scene {
            name: "network, remove an entry",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "md");
            },
            last: "you can add it again.",
            history: false,
        },
        Scene {
            name: "correct an answer",
            setup: |f| keys(&mut f.app, "jt\ra"),
            last: "6  Strongly agree",
            history: true,
        },
        Scene {
            name: "correct an answer: the reason",
            setup: |f| keys(&mut f.app, "jt\ra\rtypo"),
            last: "with this check-in.",
            history: true,
        },
        Scene {
            name: "help on home",
            setup: |f| keys(&mut f.app, "?"),
            last: "pause (type fg in the shell to come back)",
            history: false,
        },
        Scene {
            name: "help on trends",
            setup: |f| keys(&mut f.app, "jt?"),
            last: "pause (type fg in the shell to come back)",
            history: true,
        },
        Scene {
            name: "help while writing",
            setup: |f| {
                keys(&mut f.app, "\r\r4444444444444");
                press(&mut f.app, KeyCode::F(1));
            },
            last: "pause (type fg in the shell to come back)",
            history: false,
        },
        Scene {
            name: "plan",
            setup: |f| {
                plan_goal(f);
                keys(&mut f.app, "g");
            },
            last: "nothing is deleted",
            history: true,
        },
        Scene {
            name: "plan, on a suggestion",
            setup: |f| {
                plan_goal(f);
                keys(&mut f.app, "gj");
            },
            last: "yours to set, on whatever pathway you have chosen.",
            history: true,
        },
        Scene {
            name: "new goal",
            setup: |f| keys(&mut f.app, "ga"),
            last: "Tab here to choose",
            history: true,
        },
        Scene {
            name: "review of steps",
            setup: |f| {
                plan_goal(f);
                keys(&mut f.app, "gr1");
            },
            last: "So far",
            history: true,
        },
        Scene {
            name: "plan, adding a step",
            setup: |f| {
                plan_goal(f);
                keys(&mut f.app, "g+Buy laces");
            },
            last: "Buy laces",
            history: true,
        },
        Scene {
            name: "plan, a goal's new words",
            setup: |f| {
                plan_goal(f);
                keys(&mut f.app, "ge and the river");
            },
            last: "and the river",
            history: true,
        },
        Scene {
            name: "rename a person",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                keys(&mut f.app, "p\tr");
            },
            last: "Me",
            history: true,
        },
        Scene {
            name: "privacy screen",
            setup: |f| keys(&mut f.app, "jtx"),
            last: "Press any key to continue.",
            history: true,
        },
        Scene {
            name: "an optional question without number keys",
            setup: |f| {
                own_questionnaire(f);
            },
            last: "Half an hour",
            history: false,
        },
        Scene {
            name: "a number question",
            setup: |f| {
                own_questionnaire(f);
                keys(&mut f.app, "n3");
            },
            last: "then Enter.",
            history: false,
        },
        Scene {
            name: "review, not submitted yet",
            setup: |f| {
                keys(&mut f.app, "j\r\r6545654565");
                let lock = block_writes(f);
                keys(&mut f.app, "\r");
                drop(lock);
            },
            last: "press r to try again.",
            history: false,
        },
        Scene {
            name: "trends, latest against previous as bars",
            setup: |f| {
                for (day, v) in [(10, 2), (17, 3)] {
                    let mut values = vec![Some(v); 12];
                    values.push(None);
                    record_here(f, "samhsa-dimensions", &values, noon(day, 11));
                }
                keys(&mut f.app, "t");
            },
            last: "10 Nov 2026 50",
            history: false,
        },
        Scene {
            name: "trends, nothing in the period",
            setup: |f| {
                record_here(f, "who-5", &[Some(3); 5], noon(3, 2));
                f.app.open_trends(Some("who-5"), Window::Weeks4).unwrap();
            },
            last: "(minimal detectable change).",
            history: false,
        },
        Scene {
            name: "the picker, everyone",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                f.app.show_profiles().unwrap();
                keys(&mut f.app, "\t");
            },
            last: "never          Weekly check-in, BARC-10, WHO-5",
            history: true,
        },
        Scene {
            name: "caseload, by what is due",
            setup: |f| {
                f.app.ctx.store.add_profile("Sam", now()).unwrap();
                keys(&mut f.app, "p\tco");
            },
            last: "done)",
            history: true,
        },
        Scene {
            name: "network walk-through, keep or change",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mr");
            },
            last: "Keep it as it is, change it, or remove it?",
            history: false,
        },
        Scene {
            name: "network walk-through, the name",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrc");
            },
            last: "Now: Sam. Enter keeps it.",
            history: false,
        },
        Scene {
            name: "network walk-through, closeness",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrc\r\r1");
            },
            last: "Now: 4/5. Enter keeps it.",
            history: false,
        },
        Scene {
            name: "network walk-through, yes or no",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrc\r\r14\r");
            },
            last: "Now: no. Enter keeps it.",
            history: false,
        },
        Scene {
            name: "network walk-through, anyone new?",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrkkk");
            },
            last: "to finish.",
            history: false,
        },
        Scene {
            name: "network walk-through, a new name",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrkkkJo");
            },
            last: "│Jo",
            history: false,
        },
        Scene {
            name: "network walk-through, a new entry's closeness",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mrkkkJo\r11");
            },
            last: "Enter leaves it unanswered.",
            history: false,
        },
        Scene {
            name: "network, adding an entry: closeness",
            setup: |f| keys(&mut f.app, "maJo\t\t\t"),
            last: "1 to 5; - leaves it unanswered",
            history: false,
        },
        Scene {
            name: "network, adding an entry: yes or no",
            setup: |f| keys(&mut f.app, "maJo\t\t\t\t\t"),
            last: "y yes   n no",
            history: false,
        },
        Scene {
            name: "network, an entry removed",
            setup: |f| {
                add_network(f);
                keys(&mut f.app, "mdy");
            },
            last: "Press u to undo.",
            history: false,
        },
        Scene {
            name: "plan, a goal paused",
            setup: |f| {
                plan_goal(f);
                keys(&mut f.app, "gz");
            },
            last: "(and 5 more answers like these in your latest check-ins)",
            history: true,
        },
        Scene {
            name: "review of steps after a weekly check-in",
            setup: |f| {
                plan_goal(f);
                finish_weekly(f, "4444444444444");
            },
            last: "4  let go",
            history: false,
        },
        Scene {
            name: "support",
            setup: |f| keys(&mut f.app, "s"),
            last: "Outside the US?",
            history: false,
        },
        Scene {
            name: "a notice",
            setup: |f| {
                f.app
                    .show_notice("Cannot pause here", crate::strings::CANNOT_SUSPEND)
            },
            last: "stay saved.",
            history: false,
        },
    ]
}

/// Three entries in this person's recovery network.
fn add_network(f: &mut Fixture) {
    use crate::network::{Change, Entry, Kind, Support};
    let pid = f.app.ctx.profile.id;
    for (name, kind, support) in [
        ("Sam", Kind::Person, Support::Supportive),
        ("Peer group", Kind::Group, Support::Mixed),
        ("Clinic", Kind::Place, Support::Unsupportive),
    ] {
        let mut e = Entry::new(name, kind, support).unwrap();
        if kind != Kind::Place {
            e.closeness = Some(4);
        }
        f.app
            .ctx
            .store
            .network_change(pid, now(), &Change::Add(e))
            .unwrap();
    }
}

/// A questionnaire of the person's own: an optional question whose answers
/// are not single digits, then an optional number; its check-in begun.
fn own_questionnaire(f: &mut Fixture) {
    let dir = f.dir.path().join("questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("walks.toml"), OWN_QUESTIONNAIRE).unwrap();
    f.app.ctx.catalog = crate::instrument::Catalog::load(Some(&dir));
    let problems = &f.app.ctx.catalog.problems;
    assert!(problems.is_empty(), "{problems:?}");
    f.app.check_in("walks").unwrap();
}

const OWN_QUESTIONNAIRE: &str = r#"
id = "walks"
version = 1
title = "Walks"
kind = "reflective"

[scales.minutes]
options = [
  { value = 10, label = "Ten minutes" },
  { value = 30, label = "Half an hour" },
]

[[items]]
id = "minutes"
type = "choice"
scale = "minutes"
required = false
text = "How long was your longest walk?"

[[items]]
id = "days"
type = "number"
min = 0
max = 7
required = false
text = "On how many days did you walk?"
"#;

/// A goal in progress with two steps.
fn plan_goal(f: &mut Fixture) {
    add_goal(f, "Walk in the park", &["Find my shoes", "Walk on Monday"]);
}

/// The key bar: the last lines of the screen, up to the body.
fn footer(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)..].join("\n")
}

/// Draws the scene and checks it; the keys checked in its key bar and help.
fn check(scene: &Scene, color: bool) -> Vec<Shown> {
    let mut f = fixture(color, scene.history);
    (scene.setup)(&mut f);
    let name = format!(
        "{} ({})",
        scene.name,
        if color { "colour" } else { "NO_COLOR" }
    );
    let buf = buffer(&f.app, 80, 24);
    let screen = text(&buf);
    if !color {
        assert_no_colour(&buf, &name);
    }
    assert!(
        screen.contains(scene.last),
        "{name}: {:?} is not visible:\n{screen}",
        scene.last
    );
    // Every key with a label is in the key bar, whole.
    let bar = footer(&screen);
    let keys = f.app.keys();
    if f.app.overlay.is_none() {
        for k in keys.iter().filter(|k| !k.label.is_empty()) {
            let shown = format!("{} {}", k.show, k.label);
            assert!(
                bar.contains(&shown),
                "{name}: {shown:?} not in the key bar:\n{screen}"
            );
        }
    }
    // A dialog shows its keys in its own box too (above the key bar).
    if let Some(dialog) = f.app.dialog_page() {
        let body: Vec<&str> = screen.lines().collect();
        let body = body[..body.len() - 2].join("\n");
        for k in dialog
            .keys(&f.app.ctx)
            .iter()
            .filter(|k| !k.label.is_empty())
        {
            let shown = format!("{} {}", k.show, k.label);
            assert!(
                body.contains(&shown),
                "{name}: {shown:?} not in the dialog:\n{screen}"
            );
        }
    }
    // Nothing runs past the right edge: no line of the screen is cut.
    for line in screen.lines() {
        assert!(width(line) <= 80, "{name}: {line}");
    }
    if f.app.hidden {
        // Nothing about the person shows, and no key bar: any key.
        assert!(keys.is_empty(), "{name}: {keys:?}");
        assert_eq!(screen.split_whitespace().count(), 5, "{name}:\n{screen}");
        return Vec::new();
    }
    // Help lists every key in force (a dialog's too), each on one whole line.
    if f.app.overlay.is_some() {
        return Vec::new();
    }
    help_lists_every_key(&mut f.app, &name, &keys);
    keys
}

fn help_lists_every_key(app: &mut App, name: &str, keys: &[Shown]) {
    let rows = help::rows(app);
    app.overlay = Some(crate::tui::app::Overlay::Help);
    let screen = text(&buffer(app, 80, 24));
    app.overlay = None;
    for k in keys.iter().filter(|k| !k.help.is_empty()) {
        assert!(
            rows.contains(&(k.show, k.help)),
            "{name}: {k:?} not in help"
        );
    }
    for (show, help) in rows {
        // Two keys may do the same (Enter and - both leave a question
        // unanswered): each has its own line with its key.
        assert!(
            screen.lines().any(|l| l.contains(help) && l.contains(show)),
            "{name}: help line {show:?} {help:?} not shown whole:\n{screen}"
        );
    }
    // Taller than the screen, it scrolls: "any other key close".
    assert!(
        screen.contains("any key close") || screen.contains("↑↓ more  any other key close"),
        "{name}:\n{screen}"
    );
}

#[test]
fn every_row_of_every_binding_table_is_in_the_footer_and_in_help() {
    // The rows checked in some scene's key bar (those with a label) and
    // help (all), and the keys that always work (in help on every screen).
    let mut seen: Vec<Shown> = App::always_keys();
    for scene in scenes() {
        seen.extend(check(&scene, false));
    }
    let mut missing = Vec::new();
    for (table, rows) in every_table() {
        for row in &rows {
            if row.help.is_empty() {
                // Another way to a key listed in a row of its own (F3
                // under a dialog): never in the footer, its keys in help.
                assert!(row.label.is_empty(), "{table}: {row:?}");
                for k in row.keys {
                    assert!(
                        rows.iter()
                            .any(|o| !o.help.is_empty() && o.keys.contains(k)),
                        "{table}: {k:?} of {row:?} is in no help line"
                    );
                }
                continue;
            }
            let shown = seen.iter().any(|s| {
                (s.keys, s.show, s.help) == (row.keys, row.show, row.help)
                    && (row.label.is_empty() || !s.label.is_empty())
            });
            if !shown {
                missing.push(format!(
                    "{table}: {} {:?} ({})",
                    row.show, row.label, row.help
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rows in no scene's key bar and help (add a scene):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_screen_and_dialog_fits_80x24_with_its_keys_in_colour_and_without() {
    for scene in scenes() {
        check(&scene, true);
        check(&scene, false);
    }
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn esc_goes_back_one_level_and_never_quits() {
    let mut f = fixture(true, true);
    // Home -> trends -> a check-in's answers -> one question: back, back, back.
    keys(&mut f.app, "jt\r\r");
    for _ in 0..10 {
        press(&mut f.app, KeyCode::Esc);
        assert!(!f.app.quit);
    }
    assert_eq!(f.app.depth(), 1);
    assert!(text(&buffer(&f.app, 80, 24)).contains("Choose a check-in"));
    // From the middle of a check-in: home, with the check-in waiting there.
    // (BARC-10 is still highlighted; this person once had a counselor.)
    keys(&mut f.app, "\r\r\r4");
    press(&mut f.app, KeyCode::Esc);
    assert!(!f.app.quit);
    assert!(text(&buffer(&f.app, 80, 24)).contains("1 of 10 answered"));
}

#[test]
fn q_quits_from_home_and_ctrl_c_from_anywhere() {
    let mut f = fixture(true, false);
    keys(&mut f.app, "q");
    assert!(f.app.quit);
    assert!(f.app.farewell.is_none());
    // Ctrl-C while typing a note: the words are saved, then recap leaves.
    let mut f = fixture(true, false);
    keys(&mut f.app, "naunfinished thought");
    f.app.key(ctrl('c')).unwrap();
    assert!(f.app.quit);
    let notes = stored_notes(&f.app);
    assert_eq!(notes[0].body, "unfinished thought");
    // q while typing is a letter.
    let mut f = fixture(true, false);
    keys(&mut f.app, "naq");
    assert!(!f.app.quit);
}

#[test]
fn every_footer_key_works() {
    // Each labelled key of each scene does something: the screen, the
    // dialog, an overlay or the state changes, or the app leaves.
    for scene in scenes() {
        let mut probe = fixture(false, scene.history);
        (scene.setup)(&mut probe);
        buffer(&probe.app, 80, 24);
        let shown = probe.app.keys();
        for k in shown.iter().filter(|k| !k.label.is_empty()) {
            // One of the binding's keys (e.g. ↓ of ↑↓) changes what shows.
            let works = k.keys.iter().any(|key| {
                let event = match *key {
                    Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                    Key::Press(code) => KeyEvent::new(code, KeyModifiers::NONE),
                    Key::Ctrl(c) => ctrl(c),
                };
                let mut f = fixture(false, scene.history);
                (scene.setup)(&mut f);
                buffer(&f.app, 80, 24);
                let before = text(&buffer(&f.app, 80, 24));
                f.app.key(event).unwrap();
                f.app.quit || before != text(&buffer(&f.app, 80, 24))
            });
            assert!(
                works,
                "{}: {} {} changed nothing",
                scene.name, k.show, k.label
            );
        }
    }
}
