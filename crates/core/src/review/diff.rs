//! Word-level differences between two texts and two versions of a story.
//!
//! Text is cut into tokens: words (letters and digits, with the combining
//! marks and joiners that belong to them), runs of white space, and every
//! other character on its own. Tokens are compared with Myers' algorithm
//! (the `similar` crate), which gives up looking for the smallest difference
//! after [`DEADLINE`] and settles for a larger one, so that no pair of texts
//! takes long.

use std::ops::Range;
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::algorithms::{myers, Capture, Replace};
use similar::DiffOp;

use crate::Story;

use super::fields;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Equal,
    Insert,
    Delete,
}

/// A run of text that is the same, added or taken out.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// The differences in one field.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: String,
    pub label: String,
    pub parts: Vec<DiffPart>,
}

/// How long one comparison may look for the smallest difference.
pub const DEADLINE: Duration = Duration::from_millis(500);

/// The three kinds of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_alphanumeric()
        || matches!(c,
            // Combining marks, joiners and variation selectors stay in their
            // word: Latin and Cyrillic accents, Hebrew and Arabic points, the
            // vowel signs and viramas of the Indic scripts (their dandas
            // are punctuation) and of Thai.
            '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5bd}'
            | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}'
            | '\u{900}'..='\u{963}' | '\u{966}'..='\u{dff}' | '\u{e31}'..='\u{e4e}'
            | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}'
            | '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}')
    {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

/// The class and length of the character at byte `i` (a boundary) of
/// `text`; ASCII without decoding.
fn class_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        let kind = if b.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            Class::Space
        } else {
            Class::Other
        };
        return Some((kind, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((class(c), c.len_utf8()))
}

/// The byte ranges of `text`'s tokens, in order, covering it all. Each of
/// `atomic` (sorted ranges on character boundaries, not overlapping) is one
/// token however many words it holds.
pub(crate) fn token_ranges(text: &str, atomic: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    let mut i = 0;
    let mut next = 0;
    while i < text.len() {
        while atomic.get(next).is_some_and(|s| s.start < i) {
            next += 1;
        }
        if let Some(span) = atomic.get(next).filter(|s| s.start == i && s.end > i) {
            out.push(i..span.end);
            i = span.end;
            next += 1;
            continue;
        }
        let limit = atomic.get(next).map_or(text.len(), |s| s.start);
        let Some((kind, len)) = class_at(text, i) else {
            break;
        };
        let mut j = i + len;
        if kind != Class::Other {
            while j < limit {
                match class_at(text, j) {
                    Some((k, len)) if k == kind => j += len,
                    _ => break,
                }
            }
        }
        out.push(i..j);
        i = j;
    }
    out
}

/// The tokens of `text` (see [`token_ranges`]).
pub fn tokens(text: &str) -> Vec<&str> {
    token_ranges(text, &[])
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// The edit script from `old` to `new`, Myers with [`DEADLINE`], in order.
///
/// `similar::capture_diff_slices` is not used: its compaction step (2.7.0)
/// can hand back operations out of order, with indices that do not follow
/// each other ("delete old 3..5 at new 5, equal old 5 = new 3"), which a
/// three-way merge cannot use. The plain Myers script always follows on.
pub(crate) fn diff_ops<T: PartialEq>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    let mut hook = Replace::new(Capture::new());
    let done = myers::diff_deadline(
        &mut hook,
        old,
        0..old.len(),
        new,
        0..new.len(),
        Instant::now().checked_add(DEADLINE),
    );
    match done {
        Ok(()) => hook.into_inner().into_ops(),
        Err(never) => match never {},
    }
}

/// The text of tokens `from..from + len`.
pub(crate) fn span_text<'a>(
    text: &'a str,
    bounds: &[Range<usize>],
    from: usize,
    len: usize,
) -> &'a str {
    if len == 0 {
        return "";
    }
    match (bounds.get(from), bounds.get(from + len - 1)) {
        (Some(a), Some(b)) => &text[a.start..b.end],
        _ => "",
    }
}

/// Collects parts, joining neighbours of one kind; a change is written as
/// what was taken out, then what was put in.
#[derive(Default)]
struct Parts {
    out: Vec<DiffPart>,
    deleted: String,
    inserted: String,
}

impl Parts {
    fn in_change(&self) -> bool {
        !self.deleted.is_empty() || !self.inserted.is_empty()
    }

    fn flush(&mut self) {
        for (kind, text) in [
            (DiffKind::Delete, std::mem::take(&mut self.deleted)),
            (DiffKind::Insert, std::mem::take(&mut self.inserted)),
        ] {
            if !text.is_empty() {
                self.out.push(DiffPart { kind, text });
            }
        }
    }

    fn equal(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.flush();
        match self.out.last_mut() {
            Some(last) if last.kind == DiffKind::Equal => last.text.push_str(text),
            _ => self.out.push(DiffPart {
                kind: DiffKind::Equal,
                text: text.to_owned(),
            }),
        }
    }
}

/// `old` to `new` word by word (whitespace and punctuation are their own
/// tokens), adjacent runs of one kind joined. Concatenating the equal and
/// delete parts gives `old`; equal and insert give `new`.
///
/// A single space (no line break) between two changes is shown inside the
/// change, taken out and put back, so that "the cat sat" to "the dog ran"
/// reads as one change of "cat sat" to "dog ran".
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![DiffPart {
                kind: DiffKind::Equal,
                text: old.to_owned(),
            }]
        };
    }
    let old_bounds = token_ranges(old, &[]);
    let new_bounds = token_ranges(new, &[]);
    let old_tokens: Vec<&str> = old_bounds.iter().map(|r| &old[r.clone()]).collect();
    let new_tokens: Vec<&str> = new_bounds.iter().map(|r| &new[r.clone()]).collect();
    let ops = diff_ops(&old_tokens, &new_tokens);
    let mut parts = Parts::default();
    for (k, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let text = span_text(old, &old_bounds, old_index, len);
                let between_changes = parts.in_change()
                    && len == 1
                    && !matches!(ops.get(k + 1), None | Some(DiffOp::Equal { .. }))
                    && text.chars().all(|c| c.is_whitespace() && c != '\n');
                if between_changes {
                    parts.deleted.push_str(text);
                    parts.inserted.push_str(text);
                } else {
                    parts.equal(text);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => parts
                .deleted
                .push_str(span_text(old, &old_bounds, old_index, old_len)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => parts
                .inserted
                .push_str(span_text(new, &new_bounds, new_index, new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                parts
                    .deleted
                    .push_str(span_text(old, &old_bounds, old_index, old_len));
                parts
                    .inserted
                    .push_str(span_text(new, &new_bounds, new_index, new_len));
            }
        }
    }
    parts.flush();
    parts.out
}

/// The story's lists as text for a diff: `(field, label, text)`.
fn list_fields(story: &Story) -> [(&'static str, &'static str, String); 3] {
    let bylines = story
        .bylines
        .iter()
        .map(|b| {
            if b.role.is_empty() {
                b.name.clone()
            } else {
                format!("{}, {}", b.name, b.role)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let related = story
        .related
        .iter()
        .flat_map(|r| [r.title.as_str(), r.url.as_str()])
        .collect::<Vec<_>>()
        .join("\n");
    let comments = story
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    [
        ("bylines", "Bylines", bylines),
        ("related", "Related links", related),
        ("comments", "Comments", comments),
    ]
}

/// Every field that differs between two versions of a story (pictures,
/// related links, tags, bylines and comments by their text), in form order.
///
/// Fields are named as in [`fields`]; the lists are `bylines` (a line
/// "name, role" each), `related` (a line for the title and one for the
/// address of each link) and `comments` (the text of each). A picture only
/// one version has is compared with nothing.
pub fn story_diff(old: &Story, new: &Story) -> Vec<FieldDiff> {
    let mut all = fields::names(new);
    for (name, label) in fields::names(old) {
        if !all.iter().any(|(n, _)| *n == name) {
            all.push((name, label));
        }
    }
    let mut out = Vec::new();
    let mut compare = |field: &str, label: &str, a: &str, b: &str| {
        if a != b {
            out.push(FieldDiff {
                field: field.to_owned(),
                label: label.to_owned(),
                parts: word_diff(a, b),
            });
        }
    };
    for (name, label) in &all {
        let a = fields::text(old, name).unwrap_or_default();
        let b = fields::text(new, name).unwrap_or_default();
        compare(name, label, &a, &b);
    }
    for ((name, label, a), (_, _, b)) in list_fields(old).iter().zip(list_fields(new).iter()) {
        compare(name, label, a, b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::critic;
    use crate::{Byline, Media, Note};

    fn rebuilt(parts: &[DiffPart], keep: DiffKind) -> String {
        parts
            .iter()
            .filter(|p| p.kind == DiffKind::Equal || p.kind == keep)
            .map(|p| p.text.as_str())
            .collect()
    }

    fn shown(parts: &[DiffPart]) -> String {
        parts
            .iter()
            .map(|p| match p.kind {
                DiffKind::Equal => p.text.clone(),
                DiffKind::Insert => format!("[+{}]", p.text),
                DiffKind::Delete => format!("[-{}]", p.text),
            })
            .collect()
    }

    #[test]
    fn tokens_are_words_spaces_and_single_marks() {
        assert_eq!(
            tokens("Hello,  world!! 7–2 café"),
            ["Hello", ",", "  ", "world", "!", "!", " ", "7", "–", "2", " ", "café"]
        );
        assert_eq!(tokens("مرحبًا بكم"), ["مرحبًا", " ", "بكم"]);
        assert_eq!(tokens("नमस्ते दुनिया।"), ["नमस्ते", " ", "दुनिया", "।"]);
        assert_eq!(tokens("ภาษาไทย ดี"), ["ภาษาไทย", " ", "ดี"]);
        assert_eq!(tokens("a\n\nb"), ["a", "\n\n", "b"]);
        assert_eq!(tokens("👍🏽x"), ["👍", "🏽", "x"]);
        assert!(tokens("").is_empty());
    }

    #[test]
    fn atomic_ranges_stay_whole() {
        let text = "a {++b c++} d";
        let spans: Vec<Range<usize>> = critic::spans(text).into_iter().map(|s| s.range).collect();
        assert_eq!((spans.len(), spans[0].start, spans[0].end), (1, 2, 11));
        let got: Vec<&str> = token_ranges(text, &spans)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["a", " ", "{++b c++}", " ", "d"]);
    }

    #[test]
    fn word_diff_reads_as_words() {
        let parts = word_diff("The cat sat on the mat.", "The dog ran on the mat!");
        assert_eq!(shown(&parts), "The [-cat sat][+dog ran] on the mat[-.][+!]");
        let parts = word_diff("", "new");
        assert_eq!(shown(&parts), "[+new]");
        assert!(word_diff("", "").is_empty());
        assert_eq!(shown(&word_diff("same", "same")), "same");
    }

    #[test]
    fn word_diff_rebuilds_both_texts() {
        for (old, new) in [
            ("a b c", "a x c"),
            ("مرحبا بكم في المدينة", "مرحبا بكم في القرية الجميلة"),
            ("emoji 👩‍👩‍👧 here", "emoji 👩‍👩‍👦 there"),
            ("one\n\ntwo", "one two\n\nthree"),
            ("x", ""),
        ] {
            let parts = word_diff(old, new);
            assert_eq!(rebuilt(&parts, DiffKind::Delete), old);
            assert_eq!(rebuilt(&parts, DiffKind::Insert), new);
            for pair in parts.windows(2) {
                assert_ne!(pair[0].kind, pair[1].kind, "{parts:?}");
            }
        }
    }

    #[test]
    fn story_diff_names_what_changed() {
        let mut old = Story::new("Council votes");
        old.body = "The council voted.".into();
        old.media.push(Media {
            caption: "River".into(),
            ..Media::default()
        });
        let mut new = old.clone();
        new.headline = "Council votes again".into();
        new.tags = vec!["politics".into()];
        new.bylines.push(Byline {
            name: "Ana".into(),
            role: "Staff".into(),
            url: None,
        });
        new.notes.push(Note {
            text: "Check this".into(),
            ..Note::default()
        });
        new.media.remove(0);
        new.media.push(Media {
            caption: "Bridge".into(),
            ..Media::default()
        });
        let diff = story_diff(&old, &new);
        let labels: Vec<&str> = diff.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Headline",
                "Tags",
                "Caption of picture 1",
                "Caption of picture 1",
                "Bylines",
                "Comments"
            ]
        );
        assert_eq!(shown(&diff[0].parts), "Council votes[+ again]");
        assert_eq!(shown(&diff[2].parts), "[+Bridge]");
        assert_eq!(shown(&diff[3].parts), "[-River]");
        assert_eq!(shown(&diff[4].parts), "[+Ana, Staff]");
        assert!(story_diff(&old, &old).is_empty());
    }
}
