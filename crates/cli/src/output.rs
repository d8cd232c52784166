//! Everything the command prints passes through here: text made safe for a
//! terminal, warnings on stderr, and standard output that knows when its
//! reader has gone.

use std::borrow::Cow;
use std::io::{self, Write};

/// Where a piece of text sits in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Part of one line (a headline in a list, an error): a newline in it is
    /// shown, not obeyed, so one story stays one line.
    Line,
    /// Running text (a story's body): newlines are obeyed.
    Block,
}

/// Text as a terminal should show it. A library written by an older build,
/// or an id typed with escapes in it, may hold control characters; printed
/// raw, ESC and its friends would retitle the window, clear the screen or
/// hide text. Each is shown instead in caret notation (`^[` for ESC, `^?`
/// for DEL, as `cat -v` and `less` show them), and a C1 control as
/// `\u{9b}`. Tabs stay (they only move the cursor forward); newlines stay in
/// a [`Layout::Block`].
pub fn visible(text: &str, layout: Layout) -> Cow<'_, str> {
    let keep = |c: char| c == '\t' || (c == '\n' && layout == Layout::Block);
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if keep(c) || !c.is_control() => shown.push(c),
            '\u{7f}' => shown.push_str("^?"),
            c if (c as u32) < 0x20 => {
                shown.push('^');
                // The caret letter is the control's code plus 0x40: ESC (0x1b) is `^[`.
                shown.push(char::from(c as u8 + 0x40));
            }
            c => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(shown)
}

/// One line of output: [`visible`] with [`Layout::Line`].
pub fn line(text: &str) -> Cow<'_, str> {
    visible(text, Layout::Line)
}

/// A warning or error on stderr, prefixed with the command's name. A stderr
/// that cannot be written is ignored: there is nowhere left to say so, and
/// the exit code still tells.
pub fn warn(message: &str) {
    let first = message.lines().next().unwrap_or_default();
    let _ = writeln!(io::stderr().lock(), "dateline: {}", line(first));
}

/// Standard output that remembers when its reader went away. Unix tools end
/// quietly when `| head` stops reading; Rust ignores SIGPIPE, so the write
/// fails instead, and `main` turns that failure into a quiet exit.
pub struct Stdout<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Stdout<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            closed: false,
        }
    }

    /// Whether a write found the reader gone.
    pub fn closed(&self) -> bool {
        self.closed
    }

    fn note<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                self.closed = true;
            }
        }
        result
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.note(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(
            line("T \u{1b}]0;X\u{7}\u{1b}[2J"),
            "T ^[]0;X^G^[[2J",
            "the window title and screen are left alone"
        );
        assert_eq!(line("a\u{7f}b\u{9b}c\rd"), "a^?b\\u{9b}c^Md");
        assert_eq!(line("one\ntwo\tcols"), "one^Jtwo\tcols");
        assert_eq!(visible("one\ntwo\tcols", Layout::Block), "one\ntwo\tcols");
        assert_eq!(visible("\u{0}\u{1f}", Layout::Block), "^@^_");
        assert!(matches!(line("Kabul – é 東京"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_closed_pipe_is_remembered() {
        struct Gone;
        impl Write for Gone {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = Stdout::new(Gone);
        assert!(!out.closed());
        assert!(writeln!(out, "x").is_err());
        assert!(out.closed());
    }
}
