//! The paste as lines: split at every kind of line end, cleaned of invisible
//! characters, with hard-wrapped prose (wire copy, e-mail) marked so the reader
//! can join it back into paragraphs.

use super::text;

/// One non-blank line of the paste.
#[derive(Debug)]
pub(super) struct Line {
    /// Trimmed, with runs of whitespace made one space and invisible characters
    /// (zero-width spaces, soft hyphens) removed.
    pub text: String,
    /// A blank line comes before it: it starts a block.
    pub blank_before: bool,
    /// It was indented: in hard-wrapped wire copy, the start of a paragraph.
    pub indented: bool,
    /// It carries on the line above: prose hard-wrapped to a width.
    pub cont: bool,
}

/// The paste's non-blank lines, cleaned, with wrapped lines marked.
pub(super) fn prepare(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank = true;
    for raw in split_lines(text) {
        let clean = clean_line(raw);
        if clean.is_empty() {
            blank = true;
            continue;
        }
        lines.push(Line {
            text: clean,
            blank_before: blank,
            indented: raw.starts_with(char::is_whitespace),
            cont: false,
        });
        blank = false;
    }
    let mut start = 0;
    while start < lines.len() {
        let len = lines
            .iter()
            .skip(start + 1)
            .take_while(|l| !l.blank_before)
            .count()
            + 1;
        if let Some(block) = lines.get_mut(start..start + len) {
            mark_wrapped(block);
        }
        start += len;
    }
    lines
}

/// Splits the paste into lines, taking "\r\n", "\r" and the Unicode line and
/// paragraph separators as line ends.
pub(super) fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) {
            out.push(text.get(start..i).unwrap_or_default());
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(k, '\n')) = chars.peek() {
                    chars.next();
                    end = k + 1;
                }
            }
            start = end;
        }
    }
    out.push(text.get(start..).unwrap_or_default());
    out
}

/// Trims a line, makes runs of whitespace one space and drops invisible
/// characters (zero-width spaces, soft hyphens, control characters).
pub(super) fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        let invisible = matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}');
        if invisible || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Marks the lines of a block that carry on the line above, when the block is
/// prose hard-wrapped to a width (wire copy, e-mail): a line broke there because
/// the next word would not fit. A list of short titles breaks anywhere, so the
/// block must also show a sentence running on into a line that starts in lower case.
fn mark_wrapped(block: &mut [Line]) {
    if block.len() < 2 {
        return;
    }
    let lens: Vec<usize> = block.iter().map(|l| l.text.chars().count()).collect();
    let width = lens.iter().copied().max().unwrap_or(0);
    if !(40..=120).contains(&width) {
        return;
    }
    let all_indented = block.iter().skip(1).all(|l| l.indented);
    let mut joins = vec![false; block.len()];
    let mut forced = 0;
    let mut lower = 0;
    for k in 1..block.len() {
        let next = &block[k];
        let first_word = next.text.split(' ').next().map_or(0, |w| w.chars().count());
        // Tolerance of a few characters: collapsed double spaces shorten lines.
        let broke_for_width = lens[k - 1] + 1 + first_word + 3 >= width;
        let new_paragraph = next.indented && !all_indented;
        if broke_for_width && !new_paragraph {
            joins[k] = true;
            forced += 1;
            if text::starts_lower(&next.text) {
                lower += 1;
            }
        }
    }
    let pairs = block.len() - 1;
    if forced * 2 < pairs || lower == 0 {
        return;
    }
    for (line, join) in block.iter_mut().zip(joins) {
        line.cont = join;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_of_every_kind() {
        assert_eq!(
            split_lines("a\r\nb\rc\nd\u{2028}e"),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(split_lines(""), [""]);
        assert_eq!(clean_line("  a\u{200B}b \t c\u{00A0}d  "), "ab c d");
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let text = "The port authority said on Wednesday that night shipping\n\
                    would stop until the crane was removed, and that pilots\n\
                    had been told.\n\
                    \x20  A second paragraph starts here after an indent and\n\
                    runs on.";
        let lines = prepare(text);
        let cont: Vec<bool> = lines.iter().map(|l| l.cont).collect();
        assert_eq!(cont, [false, true, true, false, true]);
        let list = "Council approves new budget for the harbour wall\n\
                    Minister resigns over leaked memo on housing policy\n\
                    Storm closes schools across the northern districts";
        assert!(
            prepare(list).iter().all(|l| !l.cont),
            "titles are not wrapped prose"
        );
    }
}
