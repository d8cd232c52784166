//! The body's blocks as Markdown: pasted text must render as the words it is, so
//! characters Markdown would read as markup are escaped, bulleted and numbered
//! lines become Markdown lists, and lines that stand as subheads become headings.

use super::subheads::is_subhead;

/// A block of the body before it becomes Markdown.
pub(super) enum Para {
    Text(String),
    Break,
}

/// The body as Markdown: paragraphs apart by a blank line, subheads as `## `,
/// list items kept together.
pub(super) fn render(paras: &[Para]) -> String {
    let texts: Vec<Option<&str>> = paras
        .iter()
        .map(|p| match p {
            Para::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let candidate: Vec<bool> = texts.iter().map(|t| t.is_some_and(is_subhead)).collect();
    // A subhead stands between paragraphs; short lines in a row are a list.
    let plain_at = |k: Option<usize>| {
        k.and_then(|k| texts.get(k).copied().flatten().map(|_| !candidate[k]))
            .unwrap_or(false)
    };
    let mut out = String::new();
    let mut last_was_item = false;
    for (k, para) in paras.iter().enumerate() {
        let (block, item) = match (para, texts[k]) {
            (Para::Break, _) => ("* * *".to_owned(), false),
            (Para::Text(_), None) => continue,
            (Para::Text(_), Some(t)) => {
                let before_ok =
                    k > 0 && (plain_at(k.checked_sub(1)) || matches!(paras[k - 1], Para::Break));
                if candidate[k] && before_ok && plain_at(Some(k + 1)) {
                    (heading(t), false)
                } else {
                    (paragraph(t), list_item(t).is_some())
                }
            }
        };
        if !out.is_empty() {
            out.push_str(if item && last_was_item { "\n" } else { "\n\n" });
        }
        out.push_str(&block);
        last_was_item = item;
    }
    out
}

/// Bullets web pages and word processors paste in front of list items.
const BULLETS: &[char] = &[
    '\u{2022}', '\u{25AA}', '\u{25E6}', '\u{2023}', '\u{25CF}', '\u{25A0}', '\u{25CB}', '\u{2043}',
];

/// A list item's Markdown marker and its text: "• a", "- a", "1. a".
pub(super) fn list_item(s: &str) -> Option<(String, &str)> {
    let first = s.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = s.get(first.len_utf8()..)?.trim_start();
        return (!rest.is_empty()).then(|| ("-".to_owned(), rest));
    }
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            let rest = rest.trim_start();
            return (!rest.is_empty()).then(|| ("-".to_owned(), rest));
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = s.get(digits..)?;
        for close in [". ", ") "] {
            if let Some(rest) = after.strip_prefix(close) {
                let rest = rest.trim_start();
                let number = s.get(..digits)?;
                return (!rest.is_empty()).then(|| (format!("{number}{}", &close[..1]), rest));
            }
        }
    }
    None
}

/// A paragraph of pasted text as a Markdown block.
pub(super) fn paragraph(s: &str) -> String {
    if let Some((marker, rest)) = list_item(s) {
        return format!("{marker} {}", inline(rest, true));
    }
    inline(s, true)
}

/// A subhead as a Markdown heading.
pub(super) fn heading(s: &str) -> String {
    let mut text = inline(s, false);
    // A closing run of # would be read as the heading's closing sequence.
    if text.ends_with('#') {
        text.insert(text.len() - 1, '\\');
    }
    format!("## {text}")
}

/// Escapes what CommonMark would take as markup. `block_start` also escapes
/// what only counts at the start of a block (headings, quotes, lists, link
/// reference definitions).
fn inline(s: &str, block_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    if block_start {
        if let Some('#' | '>' | '+' | '-' | '~') = chars.first() {
            out.push('\\');
        }
        // "2025. The year began" would start an ordered list.
        let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0
            && matches!(chars.get(digits), Some('.' | ')'))
            && matches!(chars.get(digits + 1), None | Some(' '))
        {
            out.extend(&chars[..digits]);
            out.push('\\');
            return push_rest(out, &chars[digits..], digits);
        }
    }
    push_rest(out, &chars, 0)
}

fn push_rest(mut out: String, chars: &[char], offset: usize) -> String {
    let alnum = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' => true,
            // Inside a word ("snake_case") an underscore is not emphasis.
            '_' => !(alnum(prev) && alnum(Some(i + 1))),
            '<' => next.is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?')),
            '[' => i + offset == 0 || prev.and_then(|p| chars.get(p)) == Some(&'!'),
            ']' => matches!(next, Some('(' | '[' | ':')),
            '&' => {
                let run = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count();
                run > 0 && chars.get(i + 1 + run) == Some(&';')
            }
            '~' => next == Some('~'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(paragraph("2025. The year began"), "2025\\. The year began");
        assert_eq!(
            paragraph("Use *stars* and `ticks`"),
            "Use \\*stars\\* and \\`ticks\\`"
        );
        assert_eq!(
            paragraph("snake_case and _emph_"),
            "snake_case and \\_emph\\_"
        );
        assert_eq!(paragraph("a <b>bold</b> move"), "a \\<b>bold\\</b> move");
        assert_eq!(
            paragraph("[x]: https://a.example"),
            "\\[x\\]: https://a.example"
        );
        assert_eq!(
            paragraph("see [x](y) and ![i](j)"),
            "see [x\\](y) and !\\[i\\](j)"
        );
        assert_eq!(paragraph("AT&amp;T"), "AT\\&amp;T");
        assert_eq!(paragraph("x < 5 & y"), "x < 5 & y");
    }

    #[test]
    fn lists() {
        assert_eq!(paragraph("\u{2022} First point"), "- First point");
        assert_eq!(paragraph("1. First point"), "1. First point");
        assert_eq!(paragraph("- First point"), "- First point");
        assert_eq!(heading("Top #"), "## Top \\#");
    }
}
