//! Keeping comments on their words (W3C Web Annotation TextQuoteSelector and
//! TextPositionSelector).
//!
//! An anchor carries its words (`exact`), up to [`CONTEXT`] characters of text
//! each side of them and their byte range. After an edit the range is tried
//! first; when the words are no longer there, every occurrence of them is
//! scored by how much of the context still surrounds it, ties going to the
//! one nearest the old place.

use crate::{Anchor, Story};

use super::fields;

/// Characters of context an anchor keeps each side of its words.
pub const CONTEXT: usize = 32;

/// `i` clamped to `text` and moved back to a character boundary.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `i` clamped to `text` and moved on to a character boundary.
fn ceil(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to [`CONTEXT`] characters ending at `start` (a boundary).
fn before(text: &str, start: usize) -> &str {
    let head = &text[..start];
    let from = head
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    &head[from..]
}

/// Up to [`CONTEXT`] characters starting at `end` (a boundary).
fn after(text: &str, end: usize) -> &str {
    let tail = &text[end..];
    let to = tail
        .char_indices()
        .nth(CONTEXT)
        .map_or(tail.len(), |(i, _)| i);
    &tail[..to]
}

/// An anchor for `text[start..end]` of `field` (byte offsets, clamped and
/// moved to char boundaries), with up to 32 characters of context each side.
pub fn quote(field: &str, text: &str, start: usize, end: usize) -> Anchor {
    let (lo, hi) = (start.min(end), start.max(end));
    let start = floor(text, lo);
    let end = ceil(text, hi).max(start);
    Anchor {
        field: field.to_owned(),
        exact: text[start..end].to_owned(),
        prefix: before(text, start).to_owned(),
        suffix: after(text, end).to_owned(),
        start,
        end,
        removed: false,
    }
}

/// How many bytes at the end of `a` and `b` are the same.
fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes at the start of `a` and `b` are the same.
fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The same anchor at `start` of `text`, its context read again.
fn placed(anchor: &Anchor, text: &str, start: usize) -> Anchor {
    let end = start + anchor.exact.len();
    Anchor {
        field: anchor.field.clone(),
        exact: anchor.exact.clone(),
        prefix: before(text, start).to_owned(),
        suffix: after(text, end).to_owned(),
        start,
        end,
        removed: false,
    }
}

/// How far either side of its old place an anchor is looked for first.
const NEAR: usize = 512;

/// The best occurrence of the anchor's words in `text[lo..hi]` (boundaries),
/// overlapping ones included ("aa" twice in "aaa"): the most context, then
/// the nearest to the old place. `(score, distance, start)`.
fn best_in(anchor: &Anchor, text: &str, lo: usize, hi: usize) -> Option<(usize, usize, usize)> {
    let exact = anchor.exact.as_str();
    let window = &text[lo..hi];
    let step = exact.chars().next().map_or(1, char::len_utf8);
    let mut best: Option<(usize, usize, usize)> = None;
    let mut from = 0;
    while let Some(k) = window.get(from..).and_then(|rest| rest.find(exact)) {
        let pos = lo + from + k;
        let score = common_suffix(&anchor.prefix, &text[..pos])
            + common_prefix(&anchor.suffix, &text[pos + exact.len()..]);
        let distance = pos.abs_diff(anchor.start);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, pos));
        }
        from = from + k + step;
    }
    best
}

/// The anchor found again in `text` after an edit: kept where the quote still
/// is; else the occurrence of `exact` whose context and position fit best;
/// else marked `removed` (position clamped), never dropped. A removed anchor
/// whose words come back is found again. An anchor with an empty `exact` and
/// a valid range (from before anchors carried their quote) takes its quote
/// from the range.
pub fn reanchor(anchor: &Anchor, text: &str) -> Anchor {
    let exact = anchor.exact.as_str();
    if exact.is_empty() {
        let valid = anchor.start <= anchor.end && text.get(anchor.start..anchor.end).is_some();
        if valid {
            return quote(&anchor.field, text, anchor.start, anchor.end);
        }
        let start = floor(text, anchor.start);
        return Anchor {
            start,
            end: floor(text, anchor.end).max(start),
            removed: false,
            ..anchor.clone()
        };
    }
    if !anchor.removed && text.get(anchor.start..anchor.end) == Some(exact) {
        return placed(anchor, text, anchor.start);
    }
    // Near the old place first: an occurrence there with all its context is
    // the one a search of the whole text would choose, since any other has
    // as much context at best and starts more than `NEAR - 4` bytes away
    // (the 4 for moving the window's ends to character boundaries).
    let lo = floor(text, anchor.start.saturating_sub(NEAR));
    let hi = ceil(text, anchor.start.saturating_add(exact.len() + NEAR));
    let perfect = anchor.prefix.len() + anchor.suffix.len();
    let best = match best_in(anchor, text, lo, hi) {
        Some(near) if near.0 == perfect && near.1 + 4 <= NEAR => Some(near),
        _ => best_in(anchor, text, 0, text.len()),
    };
    match best {
        Some((_, _, start)) => placed(anchor, text, start),
        None => {
            let start = floor(text, anchor.start);
            Anchor {
                start,
                end: floor(text, anchor.end).max(start),
                removed: true,
                ..anchor.clone()
            }
        }
    }
}

/// Re-anchors every comment of the story against its field's current text.
/// `true` when any anchor changed.
///
/// A comment on a field the story no longer has (a deleted picture's
/// caption) is marked `removed`. The field `""` is the body.
pub fn reanchor_story(story: &mut Story) -> bool {
    let mut updates = Vec::new();
    for (i, note) in story.notes.iter().enumerate() {
        let Some(anchor) = &note.anchor else {
            continue;
        };
        let next = match fields::text(story, &anchor.field) {
            Some(text) => reanchor(anchor, &text),
            None => Anchor {
                removed: true,
                ..anchor.clone()
            },
        };
        if next != *anchor {
            updates.push((i, next));
        }
    }
    let changed = !updates.is_empty();
    for (i, anchor) in updates {
        if let Some(note) = story.notes.get_mut(i) {
            note.anchor = Some(anchor);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Media, Note};

    const TEXT: &str = "The council voted on Tuesday. The council will meet again in May.";

    #[test]
    fn quote_takes_context_in_characters() {
        let text = "مرحبا بكم في المدينة 🌍 the council voted";
        let start = text.find("the").unwrap();
        let a = quote("body", text, start, start + 3);
        assert_eq!(a.exact, "the");
        assert_eq!(a.prefix.chars().count(), 23);
        assert_eq!(a.suffix, " council voted");
        // Offsets inside a character move out to its edges.
        let globe = text.find('🌍').unwrap();
        let a = quote("body", text, globe + 1, globe + 2);
        assert_eq!(a.exact, "🌍");
        // Long context is cut at 32 characters, not bytes.
        let long = format!("{}X{}", "é".repeat(40), "ü".repeat(40));
        let x = long.find('X').unwrap();
        let a = quote("headline", &long, x, x + 1);
        assert_eq!(a.prefix, "é".repeat(32));
        assert_eq!(a.suffix, "ü".repeat(32));
        assert_eq!(a.field, "headline");
        // Out of range and reversed offsets are clamped.
        let a = quote("body", "short", 9, 2);
        assert_eq!((a.start, a.end, a.exact.as_str()), (2, 5, "ort"));
    }

    #[test]
    fn follows_its_words_through_edits() {
        let second = TEXT.rfind("The council").unwrap();
        let a = quote("body", TEXT, second, second + 11);
        let edited = format!("Breaking: {TEXT}");
        let b = reanchor(&a, &edited);
        assert_eq!(&edited[b.start..b.end], "The council");
        assert_eq!(b.start, second + 10, "the second one, by its context");
        assert!(!b.removed);
        // Context wins over distance: the first occurrence moved far away.
        let first = quote("body", TEXT, 0, 11);
        let moved = format!("{}{TEXT}", "x ".repeat(200));
        let b = reanchor(&first, &moved);
        assert_eq!(b.start, 400);
    }

    #[test]
    fn removed_words_are_marked_and_found_again() {
        let at = TEXT.find("Tuesday").unwrap();
        let a = quote("body", TEXT, at, at + 7);
        let gone = TEXT.replace("Tuesday", "Monday");
        let b = reanchor(&a, &gone);
        assert!(b.removed);
        assert_eq!(b.exact, "Tuesday");
        assert!(b.end <= gone.len());
        let c = reanchor(&b, "Short");
        assert!(c.removed && c.start <= 5 && c.end <= 5);
        let back = reanchor(&c, TEXT);
        assert!(!back.removed);
        assert_eq!(&TEXT[back.start..back.end], "Tuesday");
    }

    #[test]
    fn removed_anchor_is_not_kept_by_the_fast_path() {
        let mut a = quote("body", "abc def", 4, 7);
        a.removed = true;
        let b = reanchor(&a, "abc def");
        assert!(!b.removed);
    }

    #[test]
    fn old_anchors_take_their_quote_from_the_range() {
        let old = Anchor {
            start: 4,
            end: 11,
            ..Anchor::default()
        };
        let a = reanchor(&old, TEXT);
        assert_eq!(a.exact, "council");
        assert!(!a.removed);
        let bad = Anchor {
            start: 500,
            end: 600,
            ..Anchor::default()
        };
        let a = reanchor(&bad, "é");
        assert_eq!((a.start, a.end, a.removed), (2, 2, false));
        let inside = Anchor {
            start: 1,
            end: 2,
            ..Anchor::default()
        };
        let a = reanchor(&inside, "é");
        assert_eq!((a.start, a.end), (0, 2));
    }

    #[test]
    fn reanchors_a_story() {
        let mut s = Story::new("Council votes");
        s.body = TEXT.into();
        s.media.push(Media {
            caption: "The river".into(),
            ..Media::default()
        });
        let caption = fields::picture_field("caption", s.media[0].id);
        let on = |field: &str, text: &str, start, end| Note {
            anchor: Some(quote(field, text, start, end)),
            ..Note::default()
        };
        s.notes.push(on("body", TEXT, 4, 11));
        s.notes.push(on("", TEXT, 4, 11));
        s.notes.push(on("headline", "Council votes", 0, 7));
        s.notes.push(on(&caption, "The river", 4, 9));
        s.notes.push(Note::default());
        assert!(!reanchor_story(&mut s), "nothing moved");
        s.body = format!("Today: {TEXT}");
        s.headline = "The council votes".into();
        s.media.clear();
        assert!(reanchor_story(&mut s));
        let anchors: Vec<Anchor> = s.notes.iter().filter_map(|n| n.anchor.clone()).collect();
        assert_eq!(&s.body[anchors[0].start..anchors[0].end], "council");
        assert_eq!(anchors[1].start, anchors[0].start);
        assert!(anchors[2].removed, "headline lost the capital");
        assert!(anchors[3].removed, "the picture is gone");
    }

    #[test]
    fn looking_near_first_finds_what_a_full_search_finds() {
        let text = "the pier and the market and the pier, مرحبا. ".repeat(60);
        for (i, at) in (0..text.len()).step_by(97).enumerate() {
            let start = floor(&text, at);
            let a = quote("body", &text, start, start + 3 + i % 9);
            for (edit_at, edit) in [(0, "x"), (start / 2, "yy "), (start, "z"), (start, "")] {
                let mut edited = text.clone();
                edited.insert_str(floor(&edited, edit_at), edit);
                if edited.get(a.start..a.end) == Some(a.exact.as_str()) {
                    continue; // kept in place, no search
                }
                let got = reanchor(&a, &edited);
                let want = best_in(&a, &edited, 0, edited.len()).map(|b| b.2);
                assert_eq!(Some(got.start), want, "{a:?} after {edit:?} at {edit_at}");
            }
        }
    }

    #[test]
    fn a_hundred_comments_after_a_keystroke_is_quick() {
        let body = TEXT.repeat(100);
        let mut s = Story::new("H");
        s.body = body.clone();
        for i in 0..100 {
            let at = body.len() * i / 100;
            let at = floor(&body, at);
            s.notes.push(Note {
                anchor: Some(quote("body", &body, at, floor(&body, at + 12))),
                ..Note::default()
            });
        }
        s.body.insert(0, 'x');
        reanchor_story(&mut s);
        for n in &s.notes {
            let a = n.anchor.clone().unwrap_or_default();
            assert!(!a.removed);
            assert_eq!(s.body[a.start..a.end], a.exact);
        }
    }
}
