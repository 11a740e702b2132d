//! Stopping a file write cleanly: outside the full-screen app, SIGINT,
//! SIGTERM and SIGHUP during a backup, export or report only raise a flag;
//! the copy and the writers check it, stop, and their temporary file is
//! removed before recap exits with 128 + the signal's number.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The signal received while watching (0: none).
fn received_flag() -> &'static Arc<AtomicUsize> {
    static FLAG: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    FLAG.get_or_init(|| Arc::new(AtomicUsize::new(0)))
}

/// From now until the process ends, SIGINT, SIGTERM and SIGHUP are recorded
/// instead of ending recap at once. Called by the commands that write a
/// file, after any passphrase prompt (which a signal should still end).
pub fn watch() {
    static WATCHING: Mutex<bool> = Mutex::new(false);
    let Ok(mut watching) = WATCHING.lock() else {
        return;
    };
    if *watching {
        return;
    }
    *watching = true;
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        if let Ok(number) = usize::try_from(signal) {
            // Without the flag the signal keeps its default: recap ends, and
            // the next write to the same name removes what it left.
            let _ = signal_hook::flag::register_usize(signal, received_flag().clone(), number);
        }
    }
}

/// The signal that asked recap to stop, if one came while watching.
pub fn received() -> Option<i32> {
    match received_flag().load(Ordering::SeqCst) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// `Err` once a signal asked recap to stop: the copy goes no further.
pub fn check() -> super::FilesResult<()> {
    match received() {
        None => Ok(()),
        Some(_) => Err(super::FilesError::Stopped),
    }
}

/// A writer that stops at the first write after a signal.
#[derive(Debug)]
pub struct Stoppable<W> {
    inner: W,
    flag: Arc<AtomicUsize>,
}

impl<W> Stoppable<W> {
    /// Stops on the signals `watch` records.
    pub fn new(inner: W) -> Stoppable<W> {
        Stoppable {
            inner,
            flag: received_flag().clone(),
        }
    }

    /// The writer inside.
    pub fn into_inner(self) -> W {
        self.inner
    }

    fn check(&self) -> std::io::Result<()> {
        match self.flag.load(Ordering::SeqCst) {
            0 => Ok(()),
            _ => Err(std::io::Error::other(super::error::STOPPED)),
        }
    }
}

impl<W: Write> Write for Stoppable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.check()?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.check()?;
        self.inner.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_stoppable_writer_writes_until_a_signal_is_recorded() {
        let flag = Arc::new(AtomicUsize::new(0));
        let mut out = Stoppable {
            inner: Vec::new(),
            flag: flag.clone(),
        };
        out.write_all(b"abc").unwrap();
        flag.store(2, Ordering::SeqCst);
        let err = out.write_all(b"def").unwrap_err();
        assert_eq!(err.to_string(), super::super::error::STOPPED);
        assert!(out.flush().is_err());
        assert_eq!(out.into_inner(), b"abc");
    }
}
