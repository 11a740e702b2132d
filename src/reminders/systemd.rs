//! The systemd user timer and service (Linux): texts written to
//! `$XDG_CONFIG_HOME/systemd/user/`, quoted by systemd's own rules.

use super::at::When;
use super::job::Job;

/// The timer's file name.
pub const TIMER: &str = "recap-due.timer";
/// The service's file name.
pub const SERVICE: &str = "recap-due.service";
/// The first line of every file recap writes here: how `status` and
/// `remove` know a file is recap's own.
pub const MARK: &str = "# Written by `recap remind install`; `recap remind remove` removes it.";

/// The `OnCalendar=` value: "Sun *-*-* 18:00:00", or "*-*-* 18:00:00" daily.
pub fn on_calendar(at: &When) -> String {
    let time = format!("*-*-* {:02}:{:02}:00", at.hour, at.minute);
    match at.day {
        None => time,
        Some(d) => format!("{} {time}", &super::at::day_name(d)[..3]),
    }
}

/// The timer unit: runs the service at `at`, and at the next start when
/// the computer was off then (`Persistent=true`).
pub fn timer(at: &When) -> String {
    format!(
        "{MARK}
[Unit]
Description=recap: look for a check-in that is due, {}

[Timer]
OnCalendar={}
Persistent=true
Unit={SERVICE}

[Install]
WantedBy=timers.target
",
        at.words(),
        on_calendar(at)
    )
}

/// The service unit: runs `recap due --notify` once.
pub fn service(job: &Job) -> String {
    let mut text = format!(
        "{MARK}
[Unit]
Description=recap: a reminder when a check-in is due

[Service]
Type=oneshot
"
    );
    for (name, value) in &job.env {
        text.push_str(&format!(
            "Environment={}\n",
            quote(&format!("{name}={value}"), false)
        ));
    }
    let words: Vec<String> = std::iter::once(quote_always(&job.program, true))
        .chain(job.args.iter().map(|a| quote(a, true)))
        .collect();
    text.push_str(&format!("ExecStart={}\n", words.join(" ")));
    text
}

/// A word as systemd reads it: bare when it has only plain characters,
/// else in double quotes. `%` is doubled (specifiers) and, in a command
/// line, `$` too (variables).
fn quote(word: &str, command: bool) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=+,@".contains(c));
    if plain {
        word.to_string()
    } else {
        quote_always(word, command)
    }
}

fn quote_always(word: &str, command: bool) -> String {
    let mut out = String::from("\"");
    for c in word.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '%' => out.push_str("%%"),
            '$' if command => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::job::example;
    use chrono::Weekday;

    fn sunday() -> When {
        When {
            day: Some(Weekday::Sun),
            hour: 18,
            minute: 0,
        }
    }

    #[test]
    fn timer_weekly_and_daily() {
        insta::assert_snapshot!("systemd_timer_weekly", timer(&sunday()));
        insta::assert_snapshot!("systemd_timer_daily", timer(&When::default()));
    }

    #[test]
    fn service_for_the_default_database() {
        insta::assert_snapshot!("systemd_service", service(&example(None, None)));
    }

    #[test]
    fn service_for_another_database_and_configuration() {
        insta::assert_snapshot!(
            "systemd_service_other_db",
            service(&example(
                Some("/home/sam/Client files/100% \"sure\" $HOME.db"),
                Some("/home/sam/recap config")
            ))
        );
    }

    #[test]
    fn words_are_quoted_by_systemd_s_rules() {
        assert_eq!(quote("due", true), "due");
        assert_eq!(quote("/a b", true), "\"/a b\"");
        assert_eq!(quote("50%", true), "\"50%%\"");
        assert_eq!(quote("$HOME", true), "\"$$HOME\"");
        assert_eq!(quote("$HOME", false), "\"$HOME\"");
        assert_eq!(quote("a\\\"b", true), "\"a\\\\\\\"b\"");
        assert_eq!(quote("", true), "\"\"");
        assert_eq!(on_calendar(&sunday()), "Sun *-*-* 18:00:00");
        assert_eq!(on_calendar(&When::default()), "*-*-* 18:00:00");
    }
}
