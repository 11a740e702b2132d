//! The launchd agent (macOS): a property list written to
//! `~/Library/LaunchAgents/`, loaded with `launchctl`.

use super::at::When;
use super::job::Job;

/// The agent's label, and its file name with `.plist`.
pub const LABEL: &str = "local.recap.due";
/// The comment in every file recap writes here (`status` and `remove`
/// know recap's own file by it).
pub const MARK: &str =
    "<!-- Written by `recap remind install`; `recap remind remove` removes it. -->";

/// The property list: runs `recap due --notify` at `at` (launchd runs a
/// missed time when the Mac wakes).
pub fn plist(job: &Job, at: &When) -> String {
    let mut text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
{MARK}
<plist version="1.0">
<dict>
    <key>Label</key>
    <string>{LABEL}</string>
    <key>ProgramArguments</key>
    <array>
"#
    );
    for word in job.words() {
        text.push_str(&format!("        <string>{}</string>\n", escape(word)));
    }
    text.push_str("    </array>\n");
    if !job.env.is_empty() {
        text.push_str("    <key>EnvironmentVariables</key>\n    <dict>\n");
        for (name, value) in &job.env {
            text.push_str(&format!(
                "        <key>{}</key>\n        <string>{}</string>\n",
                escape(name),
                escape(value)
            ));
        }
        text.push_str("    </dict>\n");
    }
    text.push_str("    <key>StartCalendarInterval</key>\n    <dict>\n");
    if let Some(day) = at.day {
        text.push_str(&format!(
            "        <key>Weekday</key>\n        <integer>{}</integer>\n",
            day.num_days_from_sunday()
        ));
    }
    text.push_str(&format!(
        "        <key>Hour</key>\n        <integer>{}</integer>\n        <key>Minute</key>\n        <integer>{}</integer>\n",
        at.hour, at.minute
    ));
    text.push_str("    </dict>\n</dict>\n</plist>\n");
    text
}

/// Text inside an XML element.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::job::example;
    use chrono::Weekday;

    #[test]
    fn agent_weekly() {
        let at = When {
            day: Some(Weekday::Sun),
            hour: 18,
            minute: 0,
        };
        insta::assert_snapshot!("launchd_weekly", plist(&example(None, None), &at));
    }

    #[test]
    fn agent_daily_with_another_database() {
        insta::assert_snapshot!(
            "launchd_daily_other_db",
            plist(
                &example(
                    Some("/Users/sam/R&D <clients>.db"),
                    Some("/Users/sam/recap")
                ),
                &When::default()
            )
        );
    }

    #[test]
    fn the_agent_is_well_formed_xml() {
        let text = plist(
            &example(Some("/Users/sam/R&D <clients>.db"), Some("/x")),
            &When::default(),
        );
        let body = text.replace(
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n",
            "",
        );
        let doc = roxmltree::Document::parse(&body).expect("well-formed");
        let strings: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("string"))
            .filter_map(|n| n.text())
            .collect();
        assert!(
            strings.contains(&"/Users/sam/R&D <clients>.db"),
            "{strings:?}"
        );
    }
}
