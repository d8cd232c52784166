//! Suggestions in the body as CriticMarkup: `{++added++}`, `{--deleted--}`,
//! `{~~old~>new~~}`, `{==highlight==}` and `{>>comment<<}`.
//!
//! Who made a suggestion and when rides in a comment right after it:
//! `{++words++}{>>Ada Reyes | 2026-12-02T10:04:00Z<<}`, optionally with a
//! remark: `{>>Ada Reyes | 2026-12-02T10:04:00Z | check the figure<<}`. A
//! merge conflict is a substitution of this side's words by the other side's,
//! its remark `conflict`.
//!
//! The reading is deliberately plain: markup opens at `{++`, `{--`, `{~~`,
//! `{>>` or `{==` and ends at the first closing marker of its kind (`++}`,
//! `--}`, `~~}`, `<<}`, `==}`); markup does not nest, and markup that never
//! closes (or a substitution without `~>`) is text. Every marker is ASCII,
//! so every position found is a character boundary of any UTF-8 body. The
//! scan is linear in the length of the body, whatever it holds.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

/// What a body suggestion does.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    Insert,
    Delete,
    Replace,
}

/// One suggestion found in the body.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodySuggestion {
    /// Its place among the body's suggestions, from 0: how a decision names it.
    pub ordinal: usize,
    pub kind: SuggestionKind,
    /// The words taken out (delete, replace).
    pub old: String,
    /// The words put in (insert, replace).
    pub new: String,
    pub author: String,
    pub at: Option<DateTime<Utc>>,
    pub remark: String,
    /// Left by a merge where both sides changed these words.
    pub conflict: bool,
    /// Byte range of the markup in the body, its signature comment included.
    pub start: usize,
    pub end: usize,
}

/// Accept (apply the change) or reject (keep the text as it was).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    Reject,
}

/// The remark that marks a merge conflict.
pub const CONFLICT_REMARK: &str = "conflict";

/// What a piece of markup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Insert,
    Delete,
    Replace,
    Comment,
    Highlight,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Insert,
        Kind::Delete,
        Kind::Replace,
        Kind::Comment,
        Kind::Highlight,
    ];

    fn index(self) -> usize {
        match self {
            Kind::Insert => 0,
            Kind::Delete => 1,
            Kind::Replace => 2,
            Kind::Comment => 3,
            Kind::Highlight => 4,
        }
    }

    fn closing(self) -> &'static str {
        match self {
            Kind::Insert => "++}",
            Kind::Delete => "--}",
            Kind::Replace => "~~}",
            Kind::Comment => "<<}",
            Kind::Highlight => "==}",
        }
    }

    fn is_suggestion(self) -> bool {
        matches!(self, Kind::Insert | Kind::Delete | Kind::Replace)
    }
}

/// One piece of markup: where it is and where its parts are (byte ranges of
/// the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub kind: Kind,
    /// From the opening `{` to the end of the closing marker, the signature
    /// comment of a suggestion included.
    pub range: Range<usize>,
    /// The text inside: the old words of a deletion or substitution, the new
    /// words of an insertion, the text of a comment or highlight.
    pub first: Range<usize>,
    /// The new words of a substitution (empty otherwise).
    pub second: Range<usize>,
    /// The text of the signature comment of a suggestion.
    pub signature: Option<Range<usize>>,
}

impl Span {
    /// What the span leaves in the body once decided. Comments leave
    /// nothing; a highlight leaves its words.
    fn decided<'a>(&self, body: &'a str, decision: Decision) -> &'a str {
        let first = &body[self.first.clone()];
        match (self.kind, decision) {
            (Kind::Insert, Decision::Accept) | (Kind::Delete, Decision::Reject) => first,
            (Kind::Insert, Decision::Reject) | (Kind::Delete, Decision::Accept) => "",
            (Kind::Replace, Decision::Accept) => &body[self.second.clone()],
            (Kind::Replace, Decision::Reject) => first,
            (Kind::Comment, _) => "",
            (Kind::Highlight, _) => first,
        }
    }
}

/// The markup that opens at byte `i`, if any.
fn opening(bytes: &[u8], i: usize) -> Option<Kind> {
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    match (bytes.get(i + 1)?, bytes.get(i + 2)?) {
        (b'+', b'+') => Some(Kind::Insert),
        (b'-', b'-') => Some(Kind::Delete),
        (b'~', b'~') => Some(Kind::Replace),
        (b'>', b'>') => Some(Kind::Comment),
        (b'=', b'=') => Some(Kind::Highlight),
        _ => None,
    }
}

/// Finds a marker from positions that only grow, remembering the last
/// answer, so that many unclosed openings cost one pass, not one each.
struct Finder {
    needle: &'static str,
    /// The last search started here...
    from: usize,
    /// ...and found the marker here (`None`: nowhere after `from`).
    found: Option<usize>,
    searched: bool,
}

impl Finder {
    fn new(needle: &'static str) -> Self {
        Self {
            needle,
            from: 0,
            found: None,
            searched: false,
        }
    }

    /// The first occurrence of the marker at or after `at`.
    fn find(&mut self, body: &str, at: usize) -> Option<usize> {
        let cached = self.searched
            && at >= self.from
            && match self.found {
                None => true,
                Some(pos) => at <= pos,
            };
        if !cached {
            self.from = at;
            self.found = body
                .get(at..)
                .and_then(|rest| rest.find(self.needle))
                .map(|k| at + k);
            self.searched = true;
        }
        self.found
    }
}

/// Every piece of markup in the body, in order.
pub(crate) fn spans(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if !has_markup(body) {
        return out;
    }
    let bytes = body.as_bytes();
    let mut closings = Kind::ALL.map(|k| Finder::new(k.closing()));
    let mut arrow = Finder::new("~>");
    let mut i = 0;
    while let Some(k) = body.get(i..).and_then(|rest| rest.find('{')) {
        let at = i + k;
        let Some(kind) = opening(bytes, at) else {
            i = at + 1;
            continue;
        };
        let content = at + 3;
        let Some(close) = closings[kind.index()].find(body, content) else {
            i = at + 1;
            continue;
        };
        let (first, second) = if kind == Kind::Replace {
            match arrow.find(body, content) {
                Some(a) if a + 2 <= close => (content..a, a + 2..close),
                _ => {
                    i = at + 1;
                    continue;
                }
            }
        } else {
            (content..close, close..close)
        };
        let mut end = close + 3;
        let mut signature = None;
        if kind.is_suggestion() && opening(bytes, end) == Some(Kind::Comment) {
            if let Some(c) = closings[Kind::Comment.index()].find(body, end + 3) {
                signature = Some(end + 3..c);
                end = c + 3;
            }
        }
        out.push(Span {
            kind,
            range: at..end,
            first,
            second,
            signature,
        });
        i = end;
    }
    out
}

/// Who signed a suggestion, read from its comment: `author | time` or
/// `author | time | remark`; a comment of another shape is its remark.
fn read_signature(text: &str) -> (String, Option<DateTime<Utc>>, String) {
    let time = |t: &str| {
        DateTime::parse_from_rfc3339(t)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    };
    let parts: Vec<&str> = text.splitn(3, '|').map(str::trim).collect();
    match parts.as_slice() {
        [author, at] => match time(at) {
            Some(at) => ((*author).to_owned(), Some(at), String::new()),
            None => ((*author).to_owned(), None, (*at).to_owned()),
        },
        [author, at, remark] => match time(at) {
            Some(at) => ((*author).to_owned(), Some(at), (*remark).to_owned()),
            None => ((*author).to_owned(), None, format!("{at} | {remark}")),
        },
        _ => (String::new(), None, text.trim().to_owned()),
    }
}

fn suggestion(body: &str, ordinal: usize, span: &Span) -> Option<BodySuggestion> {
    let kind = match span.kind {
        Kind::Insert => SuggestionKind::Insert,
        Kind::Delete => SuggestionKind::Delete,
        Kind::Replace => SuggestionKind::Replace,
        Kind::Comment | Kind::Highlight => return None,
    };
    let first = body[span.first.clone()].to_owned();
    let (old, new) = match kind {
        SuggestionKind::Insert => (String::new(), first),
        SuggestionKind::Delete => (first, String::new()),
        SuggestionKind::Replace => (first, body[span.second.clone()].to_owned()),
    };
    let (author, at, remark) = span
        .signature
        .clone()
        .map(|s| read_signature(&body[s]))
        .unwrap_or_default();
    Some(BodySuggestion {
        ordinal,
        kind,
        old,
        new,
        conflict: remark == CONFLICT_REMARK,
        author,
        at,
        remark,
        start: span.range.start,
        end: span.range.end,
    })
}

/// The body's suggestions in order. Unclosed or malformed markup is text.
pub fn suggestions(body: &str) -> Vec<BodySuggestion> {
    spans(body)
        .iter()
        .filter(|s| s.kind.is_suggestion())
        .enumerate()
        .filter_map(|(ordinal, span)| suggestion(body, ordinal, span))
        .collect()
}

/// How many suggestions the body holds, and how many of them are conflicts
/// left by a merge.
pub fn count(body: &str) -> (usize, usize) {
    let all = suggestions(body);
    let conflicts = all.iter().filter(|s| s.conflict).count();
    (all.len(), conflicts)
}

/// Whether the body holds any CriticMarkup at all (cheap).
pub fn has_markup(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(k) = body.get(i..).and_then(|rest| rest.find('{')) {
        let at = i + k;
        if opening(bytes, at).is_some() {
            return true;
        }
        i = at + 1;
    }
    false
}

/// The body with one suggestion decided (by ordinal); `None` when there is no
/// such suggestion.
pub fn decide(body: &str, ordinal: usize, decision: Decision) -> Option<String> {
    let spans = spans(body);
    let span = spans
        .iter()
        .filter(|s| s.kind.is_suggestion())
        .nth(ordinal)?;
    let kept = span.decided(body, decision);
    let mut out = String::with_capacity(body.len());
    out.push_str(&body[..span.range.start]);
    out.push_str(kept);
    out.push_str(&body[span.range.end..]);
    Some(out)
}

/// Deciding can join the pieces of text around markup into what reads as new
/// markup (`{{++++}++x++}` leaves `{++x++}`); that is decided again, at most
/// this many times.
const MAX_PASSES: usize = 16;

/// The body with every suggestion decided the same way, comments and
/// highlights removed: plain text for the preview and every export.
///
/// Borrowed when the body holds no markup. What is left holds no markup
/// either, so deciding again changes nothing.
pub fn resolve_all(body: &str, decision: Decision) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(body);
    for _ in 0..MAX_PASSES {
        let spans = spans(&text);
        if spans.is_empty() {
            break;
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for span in &spans {
            out.push_str(&text[last..span.range.start]);
            out.push_str(span.decided(&text, decision));
            last = span.range.end;
        }
        out.push_str(&text[last..]);
        text = Cow::Owned(out);
    }
    text
}

/// `text` made safe to stand in a signature: on one line, without the
/// comment's closing marker or the field separator (in `author`).
fn signature_part(text: &str, separator: bool) -> String {
    let mut out: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '|' if separator => '/',
            c => c,
        })
        .collect();
    while out.contains("<<}") {
        out = out.replace("<<}", "<< }");
    }
    out.trim().to_owned()
}

/// The signature comment for a suggestion made by `author` at `at`.
pub fn signature(author: &str, at: DateTime<Utc>, remark: &str) -> String {
    let mut out = format!(
        "{{>>{} | {}",
        signature_part(author, true),
        at.to_rfc3339_opts(SecondsFormat::Secs, true)
    );
    let remark = signature_part(remark, false);
    if !remark.is_empty() {
        out.push_str(" | ");
        out.push_str(&remark);
    }
    out.push_str("<<}");
    out
}

/// `text` changed as little as can be so that it can stand inside markup
/// whose content must not hold `markers`: a zero-width space is put inside
/// each marker found. Plain text very rarely needs it (`C++}`).
pub(crate) fn break_markers<'a>(text: &'a str, markers: &[&str]) -> Cow<'a, str> {
    if !markers.iter().any(|m| text.contains(m)) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_owned();
    for marker in markers {
        let mut broken = String::with_capacity(marker.len() + 3);
        let mut chars = marker.chars();
        if let Some(c) = chars.next() {
            broken.push(c);
        }
        broken.push('\u{200b}');
        broken.extend(chars);
        while out.contains(marker) {
            out = out.replace(marker, &broken);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 10, 4, 0).unwrap()
    }

    #[test]
    fn reads_every_kind_with_positions() {
        let body = "A {++new++}{>>Ada Reyes | 2026-12-02T10:04:00Z<<} and {--old--} \
                    and {~~this~>that~~}{>>Ben | 2026-12-02T10:04:00Z | check<<} \
                    {==lit==}{>>note<<} {>>alone<<}.";
        let all = suggestions(body);
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].kind, SuggestionKind::Insert);
        assert_eq!((all[0].old.as_str(), all[0].new.as_str()), ("", "new"));
        assert_eq!(all[0].author, "Ada Reyes");
        assert_eq!(all[0].at, Some(at()));
        assert_eq!(
            &body[all[0].start..all[0].end],
            "{++new++}{>>Ada Reyes | 2026-12-02T10:04:00Z<<}"
        );
        assert_eq!(all[1].kind, SuggestionKind::Delete);
        assert_eq!(all[1].old, "old");
        assert_eq!(all[1].author, "");
        assert_eq!(all[1].at, None);
        assert_eq!(&body[all[1].start..all[1].end], "{--old--}");
        assert_eq!(all[2].kind, SuggestionKind::Replace);
        assert_eq!((all[2].old.as_str(), all[2].new.as_str()), ("this", "that"));
        assert_eq!(all[2].remark, "check");
        assert!(!all[2].conflict);
        assert_eq!(all.iter().map(|s| s.ordinal).collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn utf8_positions_are_byte_offsets_on_boundaries() {
        let body = "مرحبا {++بالعالم 🌍++}{>>سارة | 2026-12-02T10:04:00Z<<} 👩‍👩‍👧 {~~é~>è~~} end";
        let all = suggestions(body);
        assert_eq!(all.len(), 2);
        for s in &all {
            assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
        }
        assert_eq!(all[0].new, "بالعالم 🌍");
        assert_eq!(all[0].author, "سارة");
        assert_eq!(&body[all[1].start..all[1].end], "{~~é~>è~~}");
        assert_eq!(
            resolve_all(body, Decision::Accept),
            "مرحبا بالعالم 🌍 👩‍👩‍👧 è end"
        );
        assert_eq!(resolve_all(body, Decision::Reject), "مرحبا  👩‍👩‍👧 é end");
    }

    #[test]
    fn malformed_markup_is_text() {
        for body in [
            "an {++unclosed insertion",
            "a {~~substitution without arrow~~} here",
            "{+ + not markup +}",
            "{--",
            "{",
            "trailing {~",
            "closing only ++} and --} and ~> and <<}",
            "{~~ arrow after the end ~~} ~>",
        ] {
            assert!(suggestions(body).is_empty(), "{body}");
            assert_eq!(resolve_all(body, Decision::Accept), body);
            assert_eq!(resolve_all(body, Decision::Reject), body);
        }
        // An unclosed opening does not stop what follows from being read.
        let body = "{++ open {--gone--} end";
        assert_eq!(resolve_all(body, Decision::Accept), "{++ open  end");
        // No nesting: the first closing marker ends the markup.
        let body = "{++a {++b++} c++}";
        assert_eq!(resolve_all(body, Decision::Reject), " c++}");
    }

    #[test]
    fn many_unclosed_openings_cost_one_pass() {
        let body = "{~~a~~} {++x ".repeat(20_000);
        let start = std::time::Instant::now();
        assert!(suggestions(&body).is_empty());
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn decide_one_at_a_time() {
        let sig = signature("Ada", at(), "");
        let body = format!("The {{++big ++}}{sig}dog {{--really --}}ran {{~~fast~>slowly~~}}.");
        let cases = [
            (
                0,
                Decision::Accept,
                "The big dog {--really --}ran {~~fast~>slowly~~}.",
            ),
            (
                0,
                Decision::Reject,
                "The dog {--really --}ran {~~fast~>slowly~~}.",
            ),
            (
                1,
                Decision::Accept,
                "The {++big ++}SIGdog ran {~~fast~>slowly~~}.",
            ),
            (
                1,
                Decision::Reject,
                "The {++big ++}SIGdog really ran {~~fast~>slowly~~}.",
            ),
            (
                2,
                Decision::Accept,
                "The {++big ++}SIGdog {--really --}ran slowly.",
            ),
            (
                2,
                Decision::Reject,
                "The {++big ++}SIGdog {--really --}ran fast.",
            ),
        ];
        for (ordinal, decision, want) in cases {
            let want = want.replace("SIG", &sig);
            assert_eq!(decide(&body, ordinal, decision), Some(want));
        }
        assert_eq!(decide(&body, 3, Decision::Accept), None);
        assert_eq!(decide("no markup", 0, Decision::Accept), None);
    }

    #[test]
    fn resolve_all_removes_comments_and_highlights() {
        let body = "A {==marked==}{>>why?<<} word{>> aside <<}. {++More.++}";
        assert_eq!(resolve_all(body, Decision::Accept), "A marked word. More.");
        assert_eq!(resolve_all(body, Decision::Reject), "A marked word. ");
        assert!(matches!(
            resolve_all("Plain {text} only.", Decision::Accept),
            Cow::Borrowed(_)
        ));
        // Text that reads as markup once decided is decided too.
        let tricky = "{{++++}++x++}";
        assert_eq!(resolve_all(tricky, Decision::Accept), "x");
        for d in [Decision::Accept, Decision::Reject] {
            let once = resolve_all(tricky, d).into_owned();
            assert_eq!(resolve_all(&once, d), once);
        }
    }

    #[test]
    fn has_markup_is_exact_about_openings() {
        assert!(!has_markup("{ } {+ {- {~ {> {= }"));
        for open in ["{++", "{--", "{~~", "{>>", "{=="] {
            assert!(has_markup(&format!("text {open}")), "{open}");
        }
    }

    #[test]
    fn signatures_read_back() {
        let sig = signature("Ada | Reyes\n", at(), "conflict");
        assert_eq!(sig, "{>>Ada / Reyes | 2026-12-02T10:04:00Z | conflict<<}");
        let body = format!("{{~~a~>b~~}}{sig}");
        let s = &suggestions(&body)[0];
        assert!(s.conflict);
        assert_eq!(s.author, "Ada / Reyes");
        assert_eq!(s.end, body.len());
        let sneaky = signature("x<<}", at(), "a <<} b");
        let body = format!("{{++a++}}{sneaky} tail");
        let s = &suggestions(&body)[0];
        assert_eq!(&body[s.end..], " tail");
        assert_eq!(s.remark, "a << } b");
        // A comment of another shape after a suggestion is its remark.
        let s = &suggestions("{++a++}{>>please check<<}")[0];
        assert_eq!((s.author.as_str(), s.remark.as_str()), ("", "please check"));
        assert_eq!(count("{++a++}{>>please check<<}"), (1, 0));
    }

    #[test]
    fn broken_markers_stay_text() {
        let text = break_markers("C++} and a~>b", &["++}", "~>"]);
        assert!(!text.contains("++}") && !text.contains("~>"));
        assert_eq!(text.replace('\u{200b}', ""), "C++} and a~>b");
        assert!(matches!(break_markers("plain", &["++}"]), Cow::Borrowed(_)));
    }
}
