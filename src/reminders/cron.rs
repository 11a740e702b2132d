//! The crontab line (where there is no systemd): the line, and a crontab's
//! text with it added or taken out. recap's line ends with a mark, so it is
//! found again and nothing else is touched.

use super::at::When;
use super::job::Job;

/// The comment that ends recap's line.
pub const MARK: &str = "# recap remind";

/// `M H * * D 'program' args # recap remind` (D: 0 is Sunday, `*` every day).
pub fn line(job: &Job, at: &When) -> String {
    let day = at
        .day
        .map_or("*".to_string(), |d| d.num_days_from_sunday().to_string());
    let env: Vec<String> = job
        .env
        .iter()
        .map(|(n, v)| format!("{n}={}", quote(v)))
        .collect();
    let words: Vec<String> = job.words().into_iter().map(quote).collect();
    let command = env.into_iter().chain(words).collect::<Vec<_>>().join(" ");
    format!("{} {} * * {day} {command} {MARK}", at.minute, at.hour)
}

/// A word for sh: bare when plain, else in single quotes; `%` escaped, as
/// cron turns a bare one into a line break.
fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=+,@".contains(c));
    let quoted = if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    };
    quoted.replace('%', r"\%")
}

/// Whether a crontab line is recap's.
pub fn is_ours(line: &str) -> bool {
    line.trim_end().ends_with(MARK)
}

/// `crontab` with recap's line (any earlier one replaced) at the end.
pub fn with_line(crontab: &str, line: &str) -> String {
    let mut out = without_line(crontab);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
    out
}

/// `crontab` without recap's line; everything else as it was.
pub fn without_line(crontab: &str) -> String {
    crontab
        .split_inclusive('\n')
        .filter(|l| !is_ours(l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::job::example;
    use chrono::Weekday;

    #[test]
    fn crontab_lines() {
        let sunday = When {
            day: Some(Weekday::Sun),
            hour: 18,
            minute: 0,
        };
        insta::assert_snapshot!("cron_weekly", line(&example(None, None), &sunday));
        insta::assert_snapshot!(
            "cron_daily_other_db",
            line(
                &example(
                    Some("/home/sam/Sam's 100% files/recap.db"),
                    Some("/home/sam/recap")
                ),
                &When {
                    day: None,
                    hour: 7,
                    minute: 30
                }
            )
        );
    }

    #[test]
    fn adding_and_taking_out_the_line_leaves_the_rest_alone() {
        let mine = "MAILTO=sam\n0 3 * * * backup.sh\n";
        let ours = line(&example(None, None), &When::default());
        let added = with_line(mine, &ours);
        assert_eq!(added, format!("{mine}{ours}\n"));
        // Installing again replaces it: still one line.
        let again = with_line(&added, &ours);
        assert_eq!(again, added);
        assert_eq!(without_line(&again), mine);
        // A crontab without a final line break, and an empty one.
        assert_eq!(
            with_line("0 3 * * * backup.sh", &ours),
            format!("0 3 * * * backup.sh\n{ours}\n")
        );
        assert_eq!(with_line("", &ours), format!("{ours}\n"));
        assert_eq!(without_line(&format!("{ours}\n")), "");
    }
}
