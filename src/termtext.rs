//! Text bound for a terminal: the one definition of the characters that must
//! never reach one raw (control characters, which can move the cursor, clear
//! the screen, set the title or write the clipboard; bidi overrides, which
//! reorder what is shown), and the functions and writers that make text safe.
//! Every string recap writes to standard output or standard error passes
//! through here; the full-screen app, the reports and questionnaire loading
//! use the same definition.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

/// Shown in place of a control character.
pub const REPLACEMENT: char = '\u{FFFD}';

/// A control character: C0 (U+0000-U+001F), DEL (U+007F) or C1 (U+0080-U+009F).
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// A character that changes the direction text is shown in: embeddings and
/// overrides (U+202A-U+202E), isolates (U+2066-U+2069), and the
/// left-to-right, right-to-left and Arabic letter marks.
pub fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Either kind: a character that must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    is_control(c) || is_bidi(c)
}

/// An unsafe character other than a newline or tab (what `clean` changes).
pub fn is_unsafe_in_text(c: char) -> bool {
    is_unsafe(c) && c != '\n' && c != '\t'
}

/// The code point written out, e.g. `U+001B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// How a bidi character is shown: visibly, e.g. `<U+202E>`.
pub fn visible(c: char) -> String {
    format!("<{}>", code_point(c))
}

/// Text for a terminal, keeping its lines and tabs: `\r\n` becomes `\n`,
/// other control characters become U+FFFD, bidi characters are shown as
/// `<U+202E>`. Borrowed when there is nothing to change.
pub fn clean(text: &str) -> Cow<'_, str> {
    rewrite(text, false)
}

/// Text for one line of a terminal: as `clean`, and line breaks and tabs
/// become spaces (for names, titles, labels and table cells).
pub fn clean_line(text: &str) -> Cow<'_, str> {
    rewrite(text, true)
}

/// One cell of the full-screen app: a symbol with any unsafe character is
/// drawn as U+FFFD, so a cell never changes width.
pub fn clean_cell(symbol: &str) -> Cow<'_, str> {
    if symbol.chars().any(is_unsafe) {
        Cow::Owned(REPLACEMENT.to_string())
    } else {
        Cow::Borrowed(symbol)
    }
}

/// The first unsafe character and its byte offset; `multiline` allows
/// newlines, tabs and `\r\n`. Used to refuse such text where it is read.
pub fn first_unsafe(text: &str, multiline: bool) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let allowed = match c {
            '\n' | '\t' => multiline,
            '\r' => multiline && chars.peek().is_some_and(|(_, next)| *next == '\n'),
            c => !is_unsafe(c),
        };
        if !allowed {
            return Some((at, c));
        }
    }
    None
}

fn rewrite(text: &str, one_line: bool) -> Cow<'_, str> {
    let needs =
        |c: char| (is_unsafe(c) && !(c == '\n' || c == '\t')) || (one_line && c.is_control());
    let Some(first) = text.find(needs) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {} // the '\n' follows
            '\n' | '\t' | '\r' if one_line => out.push(' '),
            '\n' | '\t' => out.push(c),
            c if is_control(c) => out.push(REPLACEMENT),
            c if is_bidi(c) => out.push_str(&visible(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer that cleans text (as `clean`) on its way to `inner`, or passes
/// bytes through unchanged. Text split across writes is handled: an
/// incomplete UTF-8 sequence waits for the rest; bytes that are not UTF-8
/// become U+FFFD.
pub struct TermWriter<W: Write> {
    inner: W,
    cleaning: bool,
    pending: Vec<u8>,
}

impl<W: Write> TermWriter<W> {
    /// Always cleans: for text meant for people (messages, plain mode).
    pub fn new(inner: W) -> TermWriter<W> {
        TermWriter {
            inner,
            cleaning: true,
            pending: Vec::new(),
        }
    }

    /// Passes bytes through unchanged when `cleaning` is false.
    pub fn cleaning_if(inner: W, cleaning: bool) -> TermWriter<W> {
        TermWriter {
            inner,
            cleaning,
            pending: Vec::new(),
        }
    }

    /// Writes what is still pending (an incomplete character becomes U+FFFD)
    /// and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.pending.clear();
            self.inner.write_all(REPLACEMENT.to_string().as_bytes())?;
        }
        self.inner.flush()
    }

    fn drain(&mut self) -> io::Result<()> {
        let mut start = 0;
        loop {
            let rest = &self.pending[start..];
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.inner.write_all(clean(text).as_bytes())?;
                    self.pending.clear();
                    return Ok(());
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    let text = std::str::from_utf8(&rest[..good]).unwrap_or_default();
                    self.inner.write_all(clean(text).as_bytes())?;
                    match e.error_len() {
                        Some(bad) => {
                            self.inner.write_all(REPLACEMENT.to_string().as_bytes())?;
                            start += good + bad;
                        }
                        None => {
                            // An incomplete character at the end: keep it.
                            self.pending.drain(..start + good);
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

impl<W: Write> Write for TermWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.cleaning {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        self.drain()?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Standard output for data (CSV, JSON, FHIR, reports): cleaned when it is
/// a terminal, exact bytes when it is a pipe or a file.
pub fn data_stdout() -> TermWriter<io::BufWriter<io::StdoutLock<'static>>> {
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    TermWriter::cleaning_if(io::BufWriter::new(stdout.lock()), terminal)
}

/// Standard output for text meant for people: always cleaned.
pub fn text_stdout() -> TermWriter<io::StdoutLock<'static>> {
    TermWriter::new(io::stdout().lock())
}

/// Writes one message to standard error, cleaned, e.g. `recap: ...`.
pub fn eprint_line(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", clean(line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(clean("Hello, wörld\n\tok"), Cow::Borrowed(_)));
        assert!(matches!(clean_line("Hello"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        let osc = "a\x1b]0;title\x07b\x1b]52;c;aGk=\x07c\x1b[2Jd";
        let out = clean(osc);
        assert!(!out.contains('\x1b') && !out.contains('\x07'));
        assert_eq!(
            out,
            "a\u{FFFD}]0;title\u{FFFD}b\u{FFFD}]52;c;aGk=\u{FFFD}c\u{FFFD}[2Jd"
        );
    }

    #[test]
    fn c1_and_del_are_replaced() {
        assert_eq!(
            clean("x\u{9b}2Jy\u{7f}z\u{85}"),
            "x\u{FFFD}2Jy\u{FFFD}z\u{FFFD}"
        );
    }

    #[test]
    fn bidi_is_shown_visibly() {
        assert_eq!(
            clean("abc\u{202E}fed\u{2066}x\u{2069}\u{200F}\u{061C}"),
            "abc<U+202E>fed<U+2066>x<U+2069><U+200F><U+061C>"
        );
    }

    #[test]
    fn lines_and_tabs_kept_or_flattened() {
        assert_eq!(clean("a\r\nb\tc\rd"), "a\nb\tc\u{FFFD}d");
        assert_eq!(clean_line("a\r\nb\tc\nd\re"), "a b c d e");
        assert_eq!(clean_line("a\x1bb"), "a\u{FFFD}b");
    }

    #[test]
    fn cleaning_is_idempotent() {
        let once = clean("\x1b[31m\u{202E}x\u{9b}").into_owned();
        assert_eq!(clean(&once), once);
    }

    #[test]
    fn cells_keep_their_width() {
        assert_eq!(clean_cell("\u{202E}"), "\u{FFFD}");
        assert_eq!(clean_cell("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn first_unsafe_finds_position() {
        assert_eq!(first_unsafe("ab\ncd", true), None);
        assert_eq!(first_unsafe("ab\ncd", false), Some((2, '\n')));
        assert_eq!(first_unsafe("a\r\nb", true), None);
        assert_eq!(first_unsafe("a\rb", true), Some((1, '\r')));
        assert_eq!(first_unsafe("é\u{9b}", true), Some((2, '\u{9b}')));
        assert_eq!(first_unsafe("x\u{2067}", true), Some((1, '\u{2067}')));
    }

    #[test]
    fn writer_cleans_across_split_writes() {
        let mut w = TermWriter::new(Vec::new());
        // U+009B is C2 9B in UTF-8: split between two writes.
        w.write_all(b"a\xc2").unwrap();
        w.write_all(b"\x9b2J\x1b]0;t\x07 \xff end").unwrap();
        w.finish().unwrap();
        let out = String::from_utf8(w.inner).unwrap();
        assert_eq!(out, "a\u{FFFD}2J\u{FFFD}]0;t\u{FFFD} \u{FFFD} end");
    }

    #[test]
    fn writer_passes_bytes_through_when_not_cleaning() {
        let mut w = TermWriter::cleaning_if(Vec::new(), false);
        w.write_all(b"a\x1b[2J\xc2\x9b").unwrap();
        w.finish().unwrap();
        assert_eq!(w.inner, b"a\x1b[2J\xc2\x9b");
    }

    #[test]
    fn writer_keeps_an_incomplete_tail_until_finish() {
        let mut w = TermWriter::new(Vec::new());
        w.write_all(b"ok \xe2\x80").unwrap();
        assert_eq!(w.inner, b"ok ");
        w.finish().unwrap();
        assert_eq!(String::from_utf8(w.inner).unwrap(), "ok \u{FFFD}");
    }
}
