//! Typed words are durable: a free-text answer or a note is written while
//! it is typed, after a short pause and at the end of every line, so a
//! killed process or a closed terminal loses at most the last moment of
//! typing. `Draft` only keeps time; the screen that owns the words writes
//! them when `due` says so.

use std::time::{Duration, Instant};

use crate::store::error::Temporary;

/// How long typing pauses before the words are written.
pub const PAUSE: Duration = Duration::from_millis(700);
/// After a failed write (another recap writing, a full disk), the next try.
const RETRY: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The last change not written yet.
    changed: Option<Instant>,
    /// A line was ended since the last write.
    line_ended: bool,
    /// The last write failed: why, and when.
    pub problem: Option<(Temporary, Instant)>,
}

impl Draft {
    /// The words changed now (`line_end`: Enter was pressed).
    pub fn touch(&mut self, line_end: bool) {
        self.changed = Some(Instant::now());
        self.line_ended |= line_end;
    }

    /// Something typed is not written yet.
    pub fn dirty(&self) -> bool {
        self.changed.is_some()
    }

    /// Time to write: typing paused, or a line ended (not too soon after a failure).
    pub fn due(&self, now: Instant) -> bool {
        let Some(changed) = self.changed else {
            return false;
        };
        if let Some((_, at)) = self.problem
            && now.duration_since(at) < RETRY
        {
            return false;
        }
        self.line_ended || now.duration_since(changed) >= PAUSE
    }

    pub fn written(&mut self) {
        *self = Draft::default();
    }

    pub fn failed(&mut self, kind: Temporary) {
        self.problem = Some((kind, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_after_a_pause_or_at_a_line_end() {
        let mut d = Draft::default();
        assert!(!d.due(Instant::now()));
        d.touch(false);
        assert!(d.dirty());
        assert!(!d.due(Instant::now()));
        assert!(d.due(Instant::now() + PAUSE));
        d.touch(true);
        assert!(d.due(Instant::now()));
        d.failed(Temporary::Busy);
        assert!(!d.due(Instant::now()), "not again at once after a failure");
        assert!(d.due(Instant::now() + RETRY));
        d.written();
        assert!(!d.dirty() && d.problem.is_none());
    }
}
