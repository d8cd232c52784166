//! The body as plain text, read off the sanitised HTML so that the text is
//! exactly what a reader of the page sees: nothing the sanitiser removed, and
//! everything raw HTML in the body still shows.
//!
//! This reads only the sanitiser's own output, where every attribute is quoted
//! and every `<`, `>` and `&` in text is a character reference; it is not a
//! general HTML parser.

/// Elements that stand apart from the text around them.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "section",
    "div",
    "figure",
    "figcaption",
    "details",
    "summary",
    "hr",
];

/// Elements that start a line of their own.
const LINES: &[&str] = &["li", "tr", "dt", "dd", "caption"];

enum Open {
    /// A footnote mark, shown as `[1]`.
    Note,
    /// A footnote's own number, shown as `[1] ` before its text.
    NoteLabel,
    Other,
}

/// Plain text of sanitised HTML: blocks apart by a blank line, list items and
/// table rows on their own lines, table cells apart by a tab.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text(&mut out, rest, pre > 0);
            break;
        };
        text(&mut out, &rest[..lt], pre > 0);
        rest = &rest[lt..];
        let end = super::sanitize::tag_end(rest);
        let tag = &rest[1..end.saturating_sub(1).max(1)];
        rest = &rest[end..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            match stack.pop() {
                Some(Open::Note) => out.push(']'),
                Some(Open::NoteLabel) => out.push_str("] "),
                _ => {}
            }
            match name.as_str() {
                "pre" => pre = pre.saturating_sub(1),
                "td" | "th" => out.push('\t'),
                _ => {}
            }
            if BLOCKS.contains(&name.as_str()) {
                block_break(&mut out);
            }
            continue;
        }
        let name_len = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        let class = |wanted: &str| tag.contains(&format!("class=\"{wanted}\""));
        if BLOCKS.contains(&name.as_str()) {
            // A footnote's text runs on from its number.
            if !out.ends_with("] ") {
                block_break(&mut out);
            }
        } else if LINES.contains(&name.as_str()) {
            line_break(&mut out);
        }
        match name.as_str() {
            "br" => out.push('\n'),
            "pre" => pre += 1,
            _ => {}
        }
        // Void elements never close.
        if matches!(name.as_str(), "br" | "hr" | "img" | "wbr" | "col") {
            continue;
        }
        stack.push(if name == "sup" && class("footnote-reference") {
            out.push('[');
            Open::Note
        } else if name == "sup" && class("footnote-definition-label") {
            out.push('[');
            Open::NoteLabel
        } else {
            Open::Other
        });
    }
    let mut clean = String::with_capacity(out.len());
    for line in out.trim_end().split('\n') {
        clean.push_str(line.trim_end_matches('\t'));
        clean.push('\n');
    }
    clean.truncate(clean.trim_end().len());
    clean.trim_start_matches('\n').to_owned()
}

fn text(out: &mut String, raw: &str, pre: bool) {
    if raw.is_empty() {
        return;
    }
    // Line ends between blocks are the HTML writer's layout, not the story's.
    if !pre && raw.trim().is_empty() && raw.contains('\n') {
        return;
    }
    let decoded = decode(raw);
    if pre {
        out.push_str(&decoded);
    } else {
        // A line end inside a paragraph is a soft break: a space to a reader.
        out.push_str(&decoded.replace('\n', " "));
    }
}

fn decode(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|semi| {
            let c = match &rest[1..semi] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "nbsp" => Some('\u{a0}'),
                e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn block_break(out: &mut String) {
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::Body;
    use crate::render::sanitize;

    fn plain(md: &str, dateline: Option<&str>) -> String {
        html_to_text(&sanitize(&Body::parse(md, dateline).raw_html()))
    }

    #[test]
    fn blocks_lines_and_cells() {
        assert_eq!(
            plain(
                "## Head\n\nOne *two*\nthree &amp; <b>four</b>.\n\n- a\n- b\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\n```\nx  <y>\n  z\n```",
                Some("PARIS –"),
            ),
            "Head\n\nPARIS – One two three & four.\n\na\nb\n\nh\ti\n1\t2\n\nx  <y>\n  z"
        );
    }

    #[test]
    fn footnotes_are_numbered_as_the_page_shows_them() {
        assert_eq!(
            plain("Claim.[^src]\n\n[^src]: The source.\n\nMore.", None),
            "Claim.[1]\n\nMore.\n\n[1] The source."
        );
    }

    #[test]
    fn raw_html_shows_what_the_page_shows() {
        assert_eq!(
            plain(
                "<script>alert(1)</script><p onclick=x>Kept &lt;text&gt;</p>\n\nNext",
                None
            ),
            "Kept <text>\n\nNext"
        );
    }
}
