//! The desktop notification: always the same one line, safe on a lock
//! screen (no name, no questionnaire, no score). Linux and BSD reach the
//! notification service over the session bus (pure Rust, no libdbus);
//! macOS and Windows use their own.

/// Everything a notification says.
pub const TEXT: &str = "A recap check-in is due";

/// Shows the notification; the error says why it could not be shown (no
/// session bus, no notification service).
pub fn show() -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("recap")
        .summary(TEXT)
        .show()
        .map(|_| ())
        .map_err(|e| e.to_string())
}
