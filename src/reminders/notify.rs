//! The desktop notification: always the same one line, safe on a lock
//! screen (no name, no questionnaire, no score). Linux and BSD reach the
//! notification service over the session bus (pure Rust, no libdbus);
//! macOS and Windows use their own.

/// Everything a notification says.
pub const TEXT: &str = "A recap check-in is due";

/// The notification recap shows: the one line as its summary, nothing else.
fn notification() -> notify_rust::Notification {
    let mut n = notify_rust::Notification::new();
    n.appname("recap").summary(TEXT);
    n
}

/// Shows the notification; the error says why it could not be shown (no
/// session bus, no notification service).
pub fn show() -> Result<(), String> {
    notification().show().map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pinned here as well as over a real session bus in `tests/due.rs`
    /// (which needs `dbus-daemon`): the words a lock screen may show.
    #[test]
    fn the_notification_says_one_fixed_line_and_nothing_else() {
        assert_eq!(TEXT, "A recap check-in is due");
        let n = notification();
        assert_eq!(n.appname, "recap");
        assert_eq!(n.summary, TEXT);
        assert_eq!(n.subtitle, None);
        assert_eq!(n.body, "");
        assert_eq!(n.icon, "");
        assert!(n.actions.is_empty());
        #[cfg(all(unix, not(target_os = "macos")))]
        assert!(n.hints.is_empty());
    }
}
