//! The Task Scheduler commands (Windows): printed for the person to run,
//! never run by recap.

use super::at::When;
use super::job::Job;

/// The task's name.
pub const TASK: &str = "recap due";

/// `schtasks /Create ...`: runs `recap due --notify` at `at`.
pub fn create(job: &Job, at: &When) -> String {
    let schedule = match at.day {
        None => "/SC DAILY".to_string(),
        Some(d) => format!(
            "/SC WEEKLY /D {}",
            super::at::day_name(d)[..3].to_uppercase()
        ),
    };
    let command: Vec<String> = job.words().into_iter().map(quote).collect();
    format!(
        "schtasks /Create /TN \"{TASK}\" {schedule} /ST {:02}:{:02} /TR \"{}\" /F",
        at.hour,
        at.minute,
        command.join(" ").replace('"', "\\\"")
    )
}

/// `schtasks /Query ...`
pub fn query() -> String {
    format!("schtasks /Query /TN \"{TASK}\"")
}

/// `schtasks /Delete ...`
pub fn delete() -> String {
    format!("schtasks /Delete /TN \"{TASK}\" /F")
}

/// A word in a Windows command line: in double quotes when it holds a space.
fn quote(word: &str) -> String {
    if word.is_empty() || word.contains([' ', '\t', '&', '^', '|', '<', '>', '(', ')']) {
        format!("\"{word}\"")
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::job::Job;
    use chrono::Weekday;

    #[test]
    fn task_scheduler_commands() {
        let job = Job {
            program: r"C:\Program Files\recap\recap.exe".into(),
            args: vec!["due".into(), "--notify".into()],
            env: Vec::new(),
        };
        let at = When {
            day: Some(Weekday::Sun),
            hour: 18,
            minute: 0,
        };
        assert_eq!(
            create(&job, &at),
            r#"schtasks /Create /TN "recap due" /SC WEEKLY /D SUN /ST 18:00 /TR "\"C:\Program Files\recap\recap.exe\" due --notify" /F"#
        );
        assert_eq!(
            create(&job, &When::default()),
            r#"schtasks /Create /TN "recap due" /SC DAILY /ST 18:00 /TR "\"C:\Program Files\recap\recap.exe\" due --notify" /F"#
        );
        assert_eq!(delete(), r#"schtasks /Delete /TN "recap due" /F"#);
    }
}
