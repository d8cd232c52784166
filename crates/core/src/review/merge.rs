//! The three-way merge of a story: base (the version both sides shared),
//! mine (this library's) and theirs (the package's). Each field on its own,
//! the body by paragraph and then by word; comments and suggestions united.
//! Where both sides changed the same words, mine stays in place and theirs is
//! kept beside it as a conflict (a body substitution signed `conflict`, or a
//! field [`crate::Suggestion`] with `conflict: true`): nothing is lost.
//!
//! The body is merged as diff3 does: each side is compared with the base
//! (Myers), and the changes of the two sides are laid side by side. Changes
//! to different places are both taken, in base order; changes that overlap
//! are a conflict unless they are the same. This is done with paragraphs
//! (blocks between blank lines) as the units, then again with words inside
//! the paragraphs both sides changed; between words, changes that only touch
//! (words put in right against words the other side rewrote) are a conflict
//! too, since splicing them would make a sentence neither side wrote. A piece of CriticMarkup is
//! one unit at both levels, so that a merge never cuts a suggestion apart.
//!
//! In the body, a conflict reads `{~~mine~>theirs~~}{>>Their Author | time |
//! conflict<<}`: rejecting it keeps mine, accepting it takes theirs. Where one
//! side left nothing, it is `{++theirs++}` (they added words where mine took
//! some out) or `{--mine--}` (they took out words mine changed).
//!
//! Markup does not nest, so where the words both sides changed hold
//! suggestions already, theirs are offered as they would read accepted, and
//! mine stay as they are with their words offered after them as an
//! insertion. Words mine already proposes (a conflict merged before) are not
//! offered again, and a field conflict already recorded is not recorded
//! twice: merging the same package again adds nothing. In the rare text that
//! holds a closing marker itself (`C++}`), a zero-width space is put inside
//! the marker so that the conflict around it still reads right.

use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;
use similar::DiffOp;
use uuid::Uuid;

use crate::{Media, Note, Story, Suggestion};

use super::critic::{self, Decision, CONFLICT_REMARK};
use super::diff::{diff_ops, span_text, token_ranges};
use super::fields::{self, PICTURE_FIELDS, STORY_FIELDS};

/// What a merge did, for the person who asked for it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Labels of the fields that took the other side's changes.
    pub merged: Vec<String>,
    /// Labels of the fields with a conflict.
    pub conflicts: Vec<String>,
    pub comments_added: usize,
    pub suggestions_added: usize,
}

/// The merged story (mine's id, version and timestamps, its comments
/// re-anchored) and what the merge did.
#[derive(Debug, Clone)]
pub struct Merged {
    pub story: Story,
    pub report: MergeReport,
}

/// A change one side made: the base's units `base` became the side's units
/// `side`.
#[derive(Debug, Clone)]
struct Hunk {
    base: Range<usize>,
    side: Range<usize>,
}

/// The changes from `base` to `side`, neighbouring edits joined.
fn hunks<T: PartialEq>(base: &[T], side: &[T]) -> Vec<Hunk> {
    let mut out: Vec<Hunk> = Vec::new();
    for op in diff_ops(base, side) {
        let (b, s) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        match out.last_mut() {
            Some(last) if last.base.end == b.start && last.side.end == s.start => {
                last.base.end = b.end;
                last.side.end = s.end;
            }
            _ => out.push(Hunk { base: b, side: s }),
        }
    }
    out
}

/// One stretch of a three-way merge, as ranges of units of each text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Chunk {
    /// Neither side changed these units of the base.
    Base(Range<usize>),
    /// Mine changed them (or both did, the same way).
    Mine(Range<usize>),
    /// Only theirs changed them.
    Theirs(Range<usize>),
    /// Both changed them, differently.
    Conflict {
        base: Range<usize>,
        mine: Range<usize>,
        theirs: Range<usize>,
    },
}

/// How close two changes must be to be one stretch of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach<'a> {
    /// Sharing a unit (or both inserting at one place): paragraphs, where a
    /// blank line always lies between two paragraphs' changes.
    Overlap,
    /// Sharing a unit, touching, or apart only by the base units marked
    /// `true` (spaces between words): words, where one side's words put in
    /// against words the other side rewrote would otherwise be spliced into
    /// a sentence neither wrote ("late this week night").
    Touch(&'a [bool]),
}

/// Whether a change of the base's `h` falls in a group of changes covering
/// `lo..hi`.
fn overlaps(lo: usize, hi: usize, h: &Range<usize>, reach: Reach<'_>) -> bool {
    match reach {
        Reach::Touch(glue) => {
            let mut reach_end = hi;
            while reach_end < h.start && glue.get(reach_end).copied().unwrap_or(false) {
                reach_end += 1;
            }
            h.start <= reach_end && lo <= h.end
        }
        Reach::Overlap => {
            (h.start < hi && lo < h.end) || (h.is_empty() && lo == hi && h.start == lo)
        }
    }
}

/// The side's units for base units `lo..hi`, given the side's changes in
/// that stretch (outside them the side is the base, unit for unit).
fn side_range(hunks: &[Hunk], lo: usize, hi: usize) -> Option<Range<usize>> {
    let first = hunks.first()?;
    let last = hunks.last()?;
    let start = first.side.start.saturating_sub(first.base.start - lo);
    let end = last.side.end + (hi - last.base.end);
    Some(start..end)
}

/// The three-way merge of unit sequences.
fn diff3<T: PartialEq>(base: &[T], mine: &[T], theirs: &[T], reach: Reach<'_>) -> Vec<Chunk> {
    let ours = hunks(base, mine);
    let other = hunks(base, theirs);
    let (mut i, mut j, mut done) = (0, 0, 0);
    let mut out = Vec::new();
    loop {
        let mine_first = match (ours.get(i), other.get(j)) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(m), Some(t)) => (m.base.start, m.base.end) <= (t.base.start, t.base.end),
        };
        let (i0, j0) = (i, j);
        let first = if mine_first { &ours[i] } else { &other[j] };
        let (lo, mut hi) = (first.base.start, first.base.end);
        if mine_first {
            i += 1;
        } else {
            j += 1;
        }
        loop {
            let mut grew = false;
            while let Some(h) = ours.get(i).filter(|h| overlaps(lo, hi, &h.base, reach)) {
                hi = hi.max(h.base.end);
                i += 1;
                grew = true;
            }
            while let Some(h) = other.get(j).filter(|h| overlaps(lo, hi, &h.base, reach)) {
                hi = hi.max(h.base.end);
                j += 1;
                grew = true;
            }
            if !grew {
                break;
            }
        }
        if lo > done {
            out.push(Chunk::Base(done..lo));
        }
        match (
            side_range(&ours[i0..i], lo, hi),
            side_range(&other[j0..j], lo, hi),
        ) {
            (Some(m), None) => out.push(Chunk::Mine(m)),
            (None, Some(t)) => out.push(Chunk::Theirs(t)),
            (Some(m), Some(t)) => {
                if mine.get(m.clone()) == theirs.get(t.clone()) {
                    out.push(Chunk::Mine(m));
                } else {
                    out.push(Chunk::Conflict {
                        base: lo..hi,
                        mine: m,
                        theirs: t,
                    });
                }
            }
            (None, None) => {}
        }
        done = done.max(hi);
    }
    if done < base.len() {
        out.push(Chunk::Base(done..base.len()));
    }
    out
}

/// Byte ranges of the markup in `text`, each to be one unit.
fn markup(text: &str) -> Vec<Range<usize>> {
    critic::spans(text).into_iter().map(|s| s.range).collect()
}

/// The body's paragraphs and the blank lines between them, as byte ranges
/// covering it all. A line break inside markup does not end a paragraph.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let spans = markup(text);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i, mut s) = (0, 0, 0);
    while i < bytes.len() {
        while spans.get(s).is_some_and(|r| r.end <= i) {
            s += 1;
        }
        if let Some(r) = spans.get(s).filter(|r| r.start <= i) {
            i = r.end;
            continue;
        }
        if bytes[i] == b'\n' {
            let mut last = i;
            let mut k = i + 1;
            loop {
                let mut m = k;
                while m < bytes.len() && matches!(bytes[m], b' ' | b'\t' | b'\r') {
                    m += 1;
                }
                if bytes.get(m) == Some(&b'\n') {
                    last = m;
                    k = m + 1;
                } else {
                    break;
                }
            }
            if last > i {
                if start < i {
                    out.push(start..i);
                }
                out.push(i..last + 1);
                start = last + 1;
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

/// A text cut into units, and the units' text.
struct Units<'a> {
    text: &'a str,
    bounds: Vec<Range<usize>>,
    units: Vec<&'a str>,
}

impl<'a> Units<'a> {
    fn new(text: &'a str, bounds: Vec<Range<usize>>) -> Self {
        let units = bounds.iter().map(|r| &text[r.clone()]).collect();
        Self {
            text,
            bounds,
            units,
        }
    }

    fn paragraphs(text: &'a str) -> Self {
        Self::new(text, paragraph_ranges(text))
    }

    fn words(text: &'a str) -> Self {
        Self::new(text, token_ranges(text, &markup(text)))
    }

    fn slice(&self, r: &Range<usize>) -> &'a str {
        span_text(self.text, &self.bounds, r.start, r.len())
    }
}

/// What merging one text did.
#[derive(Debug, Default, Clone, Copy)]
struct Outcome {
    took_theirs: bool,
    conflict: bool,
}

impl Outcome {
    fn add(&mut self, other: Outcome) {
        self.took_theirs |= other.took_theirs;
        self.conflict |= other.conflict;
    }
}

/// Writes a conflict between `mine` and `theirs` (the words each side has
/// where both changed the base's), signed with `signature`.
fn conflict(out: &mut String, mine: &str, theirs: &str, signature: &str) -> Outcome {
    let none = Outcome::default();
    let found = Outcome {
        took_theirs: false,
        conflict: true,
    };
    let mine_markup = !markup(mine).is_empty();
    // Their words as they propose them: markup does not nest.
    let theirs = critic::resolve_all(theirs, Decision::Accept);
    if mine_markup {
        out.push_str(mine);
        // Mine already proposes their words (a conflict merged before).
        if critic::resolve_all(mine, Decision::Accept) == theirs || theirs.is_empty() {
            return none;
        }
        push_markup(out, "{++", &theirs, "++}", &["++}"], signature);
        return found;
    }
    match (mine.is_empty(), theirs.is_empty()) {
        (true, true) => return none,
        (true, false) => push_markup(out, "{++", &theirs, "++}", &["++}"], signature),
        (false, true) => push_markup(out, "{--", mine, "--}", &["--}"], signature),
        (false, false) => {
            out.push_str("{~~");
            out.push_str(&critic::break_markers(mine, &["~>", "~~}"]));
            out.push_str("~>");
            out.push_str(&critic::break_markers(&theirs, &["~~}"]));
            out.push_str("~~}");
            out.push_str(signature);
        }
    }
    found
}

fn push_markup(
    out: &mut String,
    open: &str,
    text: &str,
    close: &str,
    markers: &[&str],
    signature: &str,
) {
    out.push_str(open);
    out.push_str(&critic::break_markers(text, markers));
    out.push_str(close);
    out.push_str(signature);
}

/// Merges a stretch both sides changed, word by word.
fn merge_words(out: &mut String, base: &str, mine: &str, theirs: &str, sig: &str) -> Outcome {
    let (b, m, t) = (Units::words(base), Units::words(mine), Units::words(theirs));
    let spaces: Vec<bool> = b
        .units
        .iter()
        .map(|u| !u.is_empty() && u.chars().all(char::is_whitespace))
        .collect();
    let mut outcome = Outcome::default();
    for chunk in diff3(&b.units, &m.units, &t.units, Reach::Touch(&spaces)) {
        match chunk {
            Chunk::Base(r) => out.push_str(b.slice(&r)),
            Chunk::Mine(r) => out.push_str(m.slice(&r)),
            Chunk::Theirs(r) => {
                out.push_str(t.slice(&r));
                outcome.took_theirs = true;
            }
            Chunk::Conflict { mine, theirs, .. } => {
                outcome.add(conflict(out, m.slice(&mine), t.slice(&theirs), sig));
            }
        }
    }
    outcome
}

/// The three-way merge of a body, by paragraph and then by word.
fn merge_body(base: &str, mine: &str, theirs: &str, sig: &str) -> (String, Outcome) {
    if theirs == base || theirs == mine {
        return (mine.to_owned(), Outcome::default());
    }
    if mine == base {
        let took = Outcome {
            took_theirs: true,
            conflict: false,
        };
        return (theirs.to_owned(), took);
    }
    let (b, m, t) = (
        Units::paragraphs(base),
        Units::paragraphs(mine),
        Units::paragraphs(theirs),
    );
    let mut out = String::with_capacity(mine.len().max(theirs.len()) + 64);
    let mut outcome = Outcome::default();
    for chunk in diff3(&b.units, &m.units, &t.units, Reach::Overlap) {
        match chunk {
            Chunk::Base(r) => out.push_str(b.slice(&r)),
            Chunk::Mine(r) => out.push_str(m.slice(&r)),
            Chunk::Theirs(r) => {
                out.push_str(t.slice(&r));
                outcome.took_theirs = true;
            }
            Chunk::Conflict { base, mine, theirs } => {
                outcome.add(merge_words(
                    &mut out,
                    b.slice(&base),
                    m.slice(&mine),
                    t.slice(&theirs),
                    sig,
                ));
            }
        }
    }
    (out, outcome)
}

/// Which side a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Mine,
    Theirs,
    Conflict,
}

fn pick<T: PartialEq + ?Sized>(base: &T, mine: &T, theirs: &T) -> Pick {
    if theirs == base || theirs == mine {
        Pick::Mine
    } else if mine == base {
        Pick::Theirs
    } else {
        Pick::Conflict
    }
}

/// A list merged: one side's changes taken whole; when both changed it,
/// mine, less what theirs took out (and mine kept as it was), plus what
/// theirs added. `true` when theirs changed the result.
fn merge_list<T: PartialEq + Clone>(base: &[T], mine: &[T], theirs: &[T]) -> (Vec<T>, bool) {
    match pick(base, mine, theirs) {
        Pick::Mine => (mine.to_vec(), false),
        Pick::Theirs => (theirs.to_vec(), true),
        Pick::Conflict => {
            let mut out: Vec<T> = mine
                .iter()
                // What theirs took out (it was in the base) goes.
                .filter(|x| !base.contains(x) || theirs.contains(x))
                .cloned()
                .collect();
            for x in theirs {
                if !mine.contains(x) && !base.contains(x) && !out.contains(x) {
                    out.push(x.clone());
                }
            }
            (out, true)
        }
    }
}

/// What the merge found, by field name, labelled once the story is whole.
#[derive(Default)]
struct Found {
    merged: Vec<String>,
    conflicts: Vec<String>,
    /// Field conflicts to record as suggestions: (field, mine, theirs).
    pending: Vec<(String, String, String)>,
}

impl Found {
    fn scalar(&mut self, field: &str, base: &str, mine: &str, theirs: &str) -> Pick {
        let picked = pick(base, mine, theirs);
        match picked {
            Pick::Mine => {}
            Pick::Theirs => self.merged.push(field.to_owned()),
            Pick::Conflict => {
                self.conflicts.push(field.to_owned());
                self.pending
                    .push((field.to_owned(), mine.to_owned(), theirs.to_owned()));
            }
        }
        picked
    }
}

/// A picture's text field by the name before `:<id>`.
fn picture_text<'a>(media: &'a Media, kind: &str) -> &'a str {
    match kind {
        "caption" => &media.caption,
        "credit" => &media.credit,
        "alt_text" => &media.alt_text,
        _ => &media.rights,
    }
}

fn picture_text_mut<'a>(media: &'a mut Media, kind: &str) -> &'a mut String {
    match kind {
        "caption" => &mut media.caption,
        "credit" => &mut media.credit,
        "alt_text" => &mut media.alt_text,
        _ => &mut media.rights,
    }
}

fn find(list: &[Media], id: Uuid) -> Option<&Media> {
    list.iter().find(|m| m.id == id)
}

/// A picture both sides have: each text field merged on its own, the hero
/// mark and the file taken from the side that changed them.
fn merge_picture(base: Option<&Media>, mine: &Media, theirs: &Media, found: &mut Found) -> Media {
    let mut out = mine.clone();
    for (kind, _) in PICTURE_FIELDS {
        let name = fields::picture_field(kind, mine.id);
        let b = base.map_or("", |b| picture_text(b, kind));
        let t = picture_text(theirs, kind);
        if found.scalar(&name, b, picture_text(mine, kind), t) == Pick::Theirs {
            *picture_text_mut(&mut out, kind) = t.to_owned();
        }
    }
    let base_hero = base.is_some_and(|b| b.hero);
    if mine.hero == base_hero && theirs.hero != base_hero {
        out.hero = theirs.hero;
    }
    let base_file = base.and_then(|b| b.file.as_ref());
    if mine.file.as_ref() == base_file && theirs.file.as_ref() != base_file {
        out.file = theirs.file.clone();
    }
    out
}

/// The pictures merged by id.
fn merge_media(base: &Story, mine: &Story, theirs: &Story, found: &mut Found) -> Vec<Media> {
    let mut out = Vec::new();
    let mut whole_merged = Vec::new();
    let mut whole_conflicts = Vec::new();
    for (n, m) in mine.media.iter().enumerate() {
        let b = find(&base.media, m.id);
        match (b, find(&theirs.media, m.id)) {
            (Some(b), None) => {
                if m == b {
                    whole_merged.push(format!("Picture {}", n + 1));
                } else {
                    // They took out a picture mine changed: kept.
                    whole_conflicts.push(m.id);
                    out.push(m.clone());
                }
            }
            (_, Some(t)) => out.push(merge_picture(b, m, t, found)),
            (None, None) => out.push(m.clone()),
        }
    }
    for t in &theirs.media {
        if find(&mine.media, t.id).is_some() {
            continue;
        }
        match find(&base.media, t.id) {
            Some(b) if b == t => {}
            Some(_) => {
                // Mine took out a picture they changed: kept.
                whole_conflicts.push(t.id);
                out.push(t.clone());
            }
            None => {
                out.push(t.clone());
                whole_merged.push(format!("Picture {}", out.len()));
            }
        }
    }
    if out.iter().filter(|m| m.hero).count() > 1 {
        for m in &mut out {
            m.hero = find(&mine.media, m.id).is_some_and(|mine| mine.hero);
        }
    }
    found.merged.extend(whole_merged);
    for id in whole_conflicts {
        if let Some(i) = out.iter().position(|m| m.id == id) {
            found.conflicts.push(format!("Picture {}", i + 1));
        }
    }
    out
}

/// A comment both sides have: replies united, resolved if either side
/// resolved it, the text and anchor of the side that changed them (mine when
/// both did).
fn merge_note(base: Option<&Note>, mine: &Note, theirs: &Note) -> Note {
    let mut out = mine.clone();
    for reply in &theirs.replies {
        if !out.replies.iter().any(|r| r.id == reply.id) {
            out.replies.push(reply.clone());
        }
    }
    out.replies.sort_by_key(|r| r.created_at);
    out.resolved = mine.resolved.clone().or_else(|| theirs.resolved.clone());
    if let Some(base) = base {
        if mine.text == base.text {
            out.text = theirs.text.clone();
        }
        if mine.anchor == base.anchor {
            out.anchor = theirs.anchor.clone();
        }
    }
    out
}

/// Items with ids united: kept from mine, in mine's order, then theirs' new
/// ones; an item one side took out (it is in the base) and the other left as
/// it was is gone. `both` merges an item both sides have. Returns the list
/// and how many items came from theirs.
fn unite<T: Clone + PartialEq>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> Uuid,
    both: impl Fn(Option<&T>, &T, &T) -> T,
) -> (Vec<T>, usize) {
    let by_id = |list: &'_ [T], key: Uuid| list.iter().find(|x| id(x) == key).cloned();
    let mut out = Vec::new();
    let mut added = 0;
    for m in mine {
        let b = by_id(base, id(m));
        match (b, by_id(theirs, id(m))) {
            (Some(b), None) if *m == b => {}
            (b, Some(t)) => out.push(both(b.as_ref(), m, &t)),
            _ => out.push(m.clone()),
        }
    }
    for t in theirs {
        if by_id(mine, id(t)).is_some() {
            continue;
        }
        match by_id(base, id(t)) {
            Some(b) if b == *t => {}
            _ => {
                out.push(t.clone());
                added += 1;
            }
        }
    }
    (out, added)
}

/// How many suggestions of `merged` (a body) mine's body did not have; the
/// merge's own conflicts are not counted.
fn body_suggestions_added(mine: &str, merged: &str) -> usize {
    if !critic::has_markup(merged) {
        return 0;
    }
    let key =
        |s: &critic::BodySuggestion| (s.kind, s.old.clone(), s.new.clone(), s.author.clone(), s.at);
    let mut had: Vec<_> = critic::suggestions(mine).iter().map(key).collect();
    let mut added = 0;
    for s in critic::suggestions(merged) {
        if let Some(i) = had.iter().position(|k| *k == key(&s)) {
            had.swap_remove(i);
        } else if !s.conflict {
            added += 1;
        }
    }
    added
}

/// Merges `theirs` into `mine`. The result keeps mine's id, version and
/// timestamps. Conflicts are signed by `their_author` at `at`.
pub fn merge_stories(
    base: &Story,
    mine: &Story,
    theirs: &Story,
    their_author: &str,
    at: DateTime<Utc>,
) -> Merged {
    let mut story = mine.clone();
    let mut found = Found::default();
    let mut body_added = 0;
    let mut labels_merged = Vec::new();
    for (name, _) in STORY_FIELDS {
        match *name {
            "body" => {
                let sig = critic::signature(their_author, at, CONFLICT_REMARK);
                let (body, outcome) = merge_body(&base.body, &mine.body, &theirs.body, &sig);
                if outcome.took_theirs {
                    found.merged.push((*name).to_owned());
                }
                if outcome.conflict {
                    found.conflicts.push((*name).to_owned());
                }
                body_added = body_suggestions_added(&mine.body, &body);
                story.body = body;
            }
            "tags" => {
                let (tags, theirs_changed) = merge_list(&base.tags, &mine.tags, &theirs.tags);
                if theirs_changed {
                    found.merged.push((*name).to_owned());
                }
                story.tags = tags;
            }
            _ => {
                let text = |s: &Story| fields::get(s, name).unwrap_or_default();
                let (b, m, t) = (text(base), text(mine), text(theirs));
                if found.scalar(name, &b, &m, &t) == Pick::Theirs
                    && fields::set(&mut story, name, &t).is_err()
                {
                    // A value that does not read back (it cannot happen
                    // with values from `get`) stays a conflict.
                    found.merged.retain(|f| f != name);
                    found.conflicts.push((*name).to_owned());
                    found.pending.push(((*name).to_owned(), m, t));
                }
            }
        }
    }
    if mine.status == base.status && theirs.status != base.status {
        story.status = theirs.status;
        labels_merged.push("Status".to_owned());
    }
    let (bylines, changed) = merge_list(&base.bylines, &mine.bylines, &theirs.bylines);
    story.bylines = bylines;
    if changed {
        labels_merged.push("Bylines".to_owned());
    }
    let (related, changed) = merge_list(&base.related, &mine.related, &theirs.related);
    story.related = related;
    if changed {
        labels_merged.push("Related links".to_owned());
    }
    let (corrections, changed) =
        merge_list(&base.corrections, &mine.corrections, &theirs.corrections);
    story.corrections = corrections;
    if changed {
        labels_merged.push("Corrections".to_owned());
    }
    story.media = merge_media(base, mine, theirs, &mut found);

    let (notes, comments_added) = unite(
        &base.notes,
        &mine.notes,
        &theirs.notes,
        |n| n.id,
        merge_note,
    );
    story.notes = notes;
    let (suggestions, suggestions_added) = unite(
        &base.suggestions,
        &mine.suggestions,
        &theirs.suggestions,
        |s| s.id,
        |b, m, t| match b {
            Some(b) if m == b => t.clone(),
            _ => m.clone(),
        },
    );
    story.suggestions = suggestions;
    for (field, original, proposed) in std::mem::take(&mut found.pending) {
        let known = story.suggestions.iter().any(|s| {
            s.conflict && s.field == field && s.original == original && s.proposed == proposed
        });
        if !known {
            story.suggestions.push(Suggestion {
                id: Uuid::now_v7(),
                field,
                original,
                proposed,
                author: their_author.to_owned(),
                created_at: at,
                conflict: true,
            });
        }
    }

    let label = |name: &String| {
        if name.starts_with("Picture ") {
            name.clone()
        } else {
            fields::label(&story, name)
        }
    };
    let mut report = MergeReport {
        merged: found.merged.iter().map(label).collect(),
        conflicts: found.conflicts.iter().map(label).collect(),
        comments_added,
        suggestions_added: suggestions_added + body_added,
    };
    report.merged.extend(labels_merged);
    dedup(&mut report.merged);
    dedup(&mut report.conflicts);
    super::anchor::reanchor_story(&mut story);
    Merged { story, report }
}

/// Drops repeated labels, keeping the first of each.
fn dedup(labels: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    labels.retain(|l| seen.insert(l.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Anchor, Byline, Reply, Signature, Status};
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 10, 4, 0).unwrap()
    }

    fn sig() -> String {
        critic::signature("Ben", at(), CONFLICT_REMARK)
    }

    fn body(base: &str, mine: &str, theirs: &str) -> (String, Outcome) {
        merge_body(base, mine, theirs, &sig())
    }

    fn story(body: &str) -> Story {
        let mut s = Story::new("Council votes");
        s.body = body.into();
        s
    }

    #[test]
    fn diff3_takes_both_sides_and_finds_conflicts() {
        let base = ["a", "b", "c", "d"];
        let o = Reach::Overlap;
        let chunks = diff3(&base, &["a", "x", "c", "d"], &["a", "b", "c", "y"], o);
        assert_eq!(
            chunks,
            [
                Chunk::Base(0..1),
                Chunk::Mine(1..2),
                Chunk::Base(2..3),
                Chunk::Theirs(3..4)
            ]
        );
        let chunks = diff3(&base, &["a", "x", "c", "d"], &["a", "y", "c", "d"], o);
        assert!(chunks.contains(&Chunk::Conflict {
            base: 1..2,
            mine: 1..2,
            theirs: 1..2
        }));
        let same = diff3(&base, &["a", "x", "c", "d"], &["a", "x", "c", "d"], o);
        assert!(same.iter().all(|c| !matches!(c, Chunk::Conflict { .. })));
        // Between paragraphs, an insertion right before words the other side
        // changed is no conflict; between words it is.
        let (mine, theirs) = (["a", "n", "b", "c", "d"], ["a", "z", "c", "d"]);
        let touching = diff3(&base, &mine, &theirs, Reach::Touch(&[]));
        assert_eq!(
            touching,
            [
                Chunk::Base(0..1),
                Chunk::Conflict {
                    base: 1..2,
                    mine: 1..3,
                    theirs: 1..2
                },
                Chunk::Base(2..4)
            ]
        );
        // Words apart by a space only are one stretch too.
        let words = ["on", " ", "Monday"];
        let spaced = diff3(
            &words,
            &["this", " ", "week"],
            &["late", " ", "on", " ", "Monday", " ", "night"],
            Reach::Touch(&[false, true, false]),
        );
        assert_eq!(
            spaced,
            [Chunk::Conflict {
                base: 0..3,
                mine: 0..3,
                theirs: 0..7
            }]
        );
        let chunks = diff3(&base, &mine, &theirs, o);
        assert_eq!(
            chunks,
            [
                Chunk::Base(0..1),
                Chunk::Mine(1..2),
                Chunk::Theirs(1..2),
                Chunk::Base(2..4)
            ]
        );
        // Insertions at one place are a conflict unless the same.
        let chunks = diff3(
            &base,
            &["a", "m", "b", "c", "d"],
            &["a", "t", "b", "c", "d"],
            o,
        );
        assert!(chunks.contains(&Chunk::Conflict {
            base: 1..1,
            mine: 1..2,
            theirs: 1..2
        }));
    }

    #[test]
    fn paragraphs_split_on_blank_lines_outside_markup() {
        let text = "One\ntwo\n\n  \nThree {++x\n\ny++} end\n\nFour\n";
        let parts: Vec<&str> = paragraph_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            parts,
            [
                "One\ntwo",
                "\n\n  \n",
                "Three {++x\n\ny++} end",
                "\n\n",
                "Four\n"
            ]
        );
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn edits_to_different_paragraphs_both_land() {
        let base = "The council met.\n\nThe vote was close.\n\nIt ends in May.";
        let mine = "The council met on Monday.\n\nThe vote was close.\n\nIt ends in May.";
        let theirs = "The council met.\n\nThe vote was close.\n\nIt ends in June.";
        let (merged, outcome) = body(base, mine, theirs);
        assert_eq!(
            merged,
            "The council met on Monday.\n\nThe vote was close.\n\nIt ends in June."
        );
        assert!(outcome.took_theirs && !outcome.conflict);
    }

    #[test]
    fn edits_to_different_words_of_one_paragraph_both_land() {
        let base = "The council voted on Tuesday to rebuild the pier.";
        let mine = "The city council voted on Tuesday to rebuild the pier.";
        let theirs = "The council voted on Monday to rebuild the old pier.";
        let (merged, outcome) = body(base, mine, theirs);
        assert_eq!(
            merged,
            "The city council voted on Monday to rebuild the old pier."
        );
        assert!(!outcome.conflict);
    }

    #[test]
    fn a_paragraph_joined_by_one_side_still_takes_the_others_words() {
        // Found by the property tests: an out-of-order edit script once
        // doubled "market" here.
        let (merged, outcome) = body(
            "voted voted\n\nferry market",
            "pier voted\n\nferry market",
            "voted voted east market",
        );
        assert_eq!(merged, "pier voted east market");
        assert!(!outcome.conflict);
    }

    #[test]
    fn the_same_change_is_taken_once() {
        let base = "A b c.\n\nD e f.";
        let mine = "A b c!\n\nD e f. G.";
        let theirs = "A b c!\n\nD e f.";
        assert_eq!(body(base, mine, theirs).0, mine);
        let (merged, outcome) = body(base, "A x c.\n\nD e f.", "A x c.\n\nD e g.");
        assert_eq!(merged, "A x c.\n\nD e g.");
        assert!(!outcome.conflict);
    }

    #[test]
    fn conflicts_keep_mine_and_offer_theirs() {
        let base = "The vote was 7 to 2.";
        let (merged, outcome) = body(base, "The vote was 6 to 3.", "The vote was 8 to 1.");
        assert!(outcome.conflict);
        let s = sig();
        assert_eq!(
            merged,
            format!("The vote was {{~~6~>8~~}}{s} to {{~~3~>1~~}}{s}."),
            "one conflict for each word both changed"
        );
        assert_eq!(
            critic::resolve_all(&merged, Decision::Reject),
            "The vote was 6 to 3."
        );
        assert_eq!(
            critic::resolve_all(&merged, Decision::Accept),
            "The vote was 8 to 1."
        );
        let found = critic::suggestions(&merged);
        assert!(found[0].conflict);
        assert_eq!(found[0].author, "Ben");
        // Mine took the words out, theirs changed them: theirs is offered.
        let (merged, _) = body(
            "Keep this. Drop that.",
            "Keep this.",
            "Keep this. Drop those.",
        );
        assert_eq!(critic::resolve_all(&merged, Decision::Reject), "Keep this.");
        assert_eq!(
            critic::resolve_all(&merged, Decision::Accept),
            "Keep this. Drop those."
        );
        // Theirs took them out, mine changed them: mine is kept, theirs offered.
        let (merged, _) = body(
            "Keep this. Drop that.",
            "Keep this. Drop these.",
            "Keep this.",
        );
        assert_eq!(
            critic::resolve_all(&merged, Decision::Reject),
            "Keep this. Drop these."
        );
        assert_eq!(critic::resolve_all(&merged, Decision::Accept), "Keep this.");
    }

    #[test]
    fn merging_twice_adds_no_second_conflict() {
        let base = story("The vote was 7 to 2.");
        let mine = story("The vote was 6 to 3.");
        let theirs = story("The vote was 8 to 1.");
        let once = merge_stories(&base, &mine, &theirs, "Ben", at());
        let twice = merge_stories(&base, &once.story, &theirs, "Ben", at());
        assert_eq!(twice.story.body, once.story.body);
        assert!(twice.report.conflicts.is_empty(), "{:?}", twice.report);
    }

    #[test]
    fn utf8_bodies_merge_on_character_boundaries() {
        let base = "مرحبا بكم في المدينة 🌍 اليوم";
        let mine = "مرحبا بكم في القرية 🌍 اليوم";
        let theirs = "مرحبا بكم في البلدة 🌍 غدا";
        let (merged, outcome) = body(base, mine, theirs);
        assert!(outcome.conflict);
        assert_eq!(
            critic::resolve_all(&merged, Decision::Reject),
            "مرحبا بكم في القرية 🌍 غدا"
        );
        assert_eq!(
            critic::resolve_all(&merged, Decision::Accept),
            "مرحبا بكم في البلدة 🌍 غدا"
        );
    }

    #[test]
    fn their_suggestions_come_through_whole() {
        let base = "One two three.\n\nFour five six.";
        let mine = "One two three.\n\nFour five six seven.";
        let theirs = format!(
            "One {{~~two~>2~~}}{} three.\n\nFour five six.",
            critic::signature("Ada", at(), "")
        );
        let (merged, outcome) = body(base, mine, &theirs);
        assert!(!outcome.conflict);
        assert_eq!(critic::suggestions(&merged).len(), 1);
        assert!(merged.ends_with("Four five six seven."));
    }

    #[test]
    fn markers_in_conflicting_words_do_not_break_the_markup() {
        let (merged, _) = body("x a y", "x C++} ~> y", "x b~~} y");
        let found = critic::suggestions(&merged);
        assert_eq!(found.len(), 1, "{merged}");
        let plain = critic::resolve_all(&merged, Decision::Reject).replace('\u{200b}', "");
        assert_eq!(plain, "x C++} ~> y");
    }

    #[test]
    fn fields_merge_or_conflict() {
        let mut base = story("Body.");
        base.standfirst = "Old deck".into();
        base.kicker = "News".into();
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.headline = "Council votes yes".into();
        theirs.headline = "Council votes no".into();
        theirs.standfirst = "New deck".into();
        theirs.dateline.date = chrono::NaiveDate::from_ymd_opt(2025, 12, 30);
        mine.kicker = "Analysis".into();
        let merged = merge_stories(&base, &mine, &theirs, "Ben", at());
        let s = &merged.story;
        assert_eq!(s.headline, "Council votes yes");
        assert_eq!(s.standfirst, "New deck");
        assert_eq!(s.kicker, "Analysis");
        assert_eq!(s.dateline.date, theirs.dateline.date);
        assert_eq!(merged.report.merged, ["Standfirst", "Dateline date"]);
        assert_eq!(merged.report.conflicts, ["Headline"]);
        assert_eq!(s.suggestions.len(), 1);
        let c = &s.suggestions[0];
        assert!(c.conflict);
        assert_eq!(
            (c.field.as_str(), c.original.as_str(), c.proposed.as_str()),
            ("headline", "Council votes yes", "Council votes no")
        );
        assert_eq!((c.author.as_str(), c.created_at), ("Ben", at()));
        assert_eq!(s.id, mine.id);
        assert_eq!(s.version, mine.version);
        // No second suggestion for the same conflict.
        let again = merge_stories(&base, s, &theirs, "Ben", at());
        assert_eq!(again.story.suggestions.len(), 1);
    }

    #[test]
    fn status_and_lists() {
        let mut base = story("Body.");
        base.tags = vec!["a".into(), "b".into(), "c".into()];
        let mut mine = base.clone();
        let mut theirs = base.clone();
        theirs.status = Status::InReview;
        mine.tags = vec!["a".into(), "b".into(), "c".into(), "m".into()];
        theirs.tags = vec!["a".into(), "c".into(), "t".into()];
        theirs.bylines.push(Byline {
            name: "Ana".into(),
            ..Byline::default()
        });
        let merged = merge_stories(&base, &mine, &theirs, "Ben", at());
        assert_eq!(merged.story.status, Status::InReview);
        assert_eq!(merged.story.tags, ["a", "c", "m", "t"]);
        assert_eq!(merged.story.bylines.len(), 1);
        assert_eq!(merged.report.merged, ["Tags", "Status", "Bylines"]);
        mine.status = Status::Ready;
        let merged = merge_stories(&base, &mine, &theirs, "Ben", at());
        assert_eq!(merged.story.status, Status::Ready);
    }

    #[test]
    fn pictures_by_id() {
        let mut base = story("Body.");
        let kept = Media {
            caption: "River".into(),
            credit: "Ana".into(),
            ..Media::default()
        };
        let dropped = Media {
            caption: "Pier".into(),
            ..Media::default()
        };
        base.media = vec![kept.clone(), dropped.clone()];
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.media[0].caption = "The river".into();
        theirs.media[0].credit = "Ana Lima".into();
        theirs.media[0].alt_text = "Boats".into();
        mine.media[0].alt_text = "Ships".into();
        theirs.media.remove(1);
        let added = Media {
            caption: "Bridge".into(),
            hero: true,
            ..Media::default()
        };
        theirs.media.push(added.clone());
        mine.media[0].hero = true;
        let merged = merge_stories(&base, &mine, &theirs, "Ben", at());
        let media = &merged.story.media;
        assert_eq!(media.len(), 2);
        assert_eq!(media[0].caption, "The river");
        assert_eq!(media[0].credit, "Ana Lima");
        assert_eq!(media[0].alt_text, "Ships");
        assert_eq!(media[1].id, added.id);
        assert_eq!(media.iter().filter(|m| m.hero).count(), 1);
        assert!(media[0].hero, "mine's hero stays");
        assert!(merged
            .report
            .merged
            .contains(&"Credit of picture 1".to_owned()));
        assert!(merged.report.merged.contains(&"Picture 2".to_owned()));
        assert_eq!(merged.report.conflicts, ["Alt text of picture 1"]);
        let c = &merged.story.suggestions[0];
        assert_eq!(c.field, format!("alt_text:{}", kept.id));
        assert_eq!(c.proposed, "Boats");
        // Taken out by one side and changed by the other: kept.
        let mut mine2 = base.clone();
        mine2.media[1].caption = "The pier".into();
        let merged = merge_stories(&base, &mine2, &theirs, "Ben", at());
        assert!(merged.story.media.iter().any(|m| m.id == dropped.id));
        assert_eq!(merged.report.conflicts, ["Picture 2"]);
    }

    #[test]
    fn comments_and_suggestions_are_united() {
        let mut base = story("The council voted on Tuesday.");
        let shared = Note {
            text: "Which Tuesday?".into(),
            anchor: Some(super::super::anchor::quote("body", &base.body, 21, 28)),
            ..Note::default()
        };
        let gone = Note {
            text: "Old remark".into(),
            ..Note::default()
        };
        let old_suggestion = Suggestion {
            field: "headline".into(),
            proposed: "Council says yes".into(),
            ..Suggestion::default()
        };
        base.notes = vec![shared.clone(), gone.clone()];
        base.suggestions = vec![old_suggestion.clone()];
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.body = "Today the council voted on Tuesday.".into();
        mine.notes[0].replies.push(Reply {
            text: "The 4th".into(),
            created_at: at(),
            ..Reply::default()
        });
        theirs.notes[0].replies.push(Reply {
            text: "Earlier".into(),
            created_at: at() - chrono::Duration::hours(1),
            ..Reply::default()
        });
        theirs.notes[0].resolved = Some(Signature {
            by: "Ben".into(),
            at: at(),
        });
        theirs.notes[0].text = "Which Tuesday is it?".into();
        theirs.notes.remove(1);
        theirs.notes.push(Note {
            text: "New from Ben".into(),
            ..Note::default()
        });
        mine.suggestions.clear(); // decided here
        theirs.suggestions.push(Suggestion {
            field: "kicker".into(),
            proposed: "Politics".into(),
            ..Suggestion::default()
        });
        let merged = merge_stories(&base, &mine, &theirs, "Ben", at());
        let notes = &merged.story.notes;
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].text, "Which Tuesday is it?");
        let replies: Vec<&str> = notes[0].replies.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(replies, ["Earlier", "The 4th"]);
        assert!(notes[0].resolved.is_some());
        assert_eq!(notes[1].text, "New from Ben");
        let anchor: Anchor = notes[0].anchor.clone().unwrap();
        assert_eq!(&merged.story.body[anchor.start..anchor.end], "Tuesday");
        assert_eq!(merged.story.suggestions.len(), 1);
        assert_eq!(merged.story.suggestions[0].field, "kicker");
        assert_eq!(merged.report.comments_added, 1);
        assert_eq!(merged.report.suggestions_added, 1);
    }
}
