//! Full-text search (`stories_fts`): kicker, headlines, standfirst, body and
//! captions, ranked by BM25 with headline words weighing most.
//!
//! Ranking every match of a word that half the library contains costs a few
//! microseconds a story: 0.2 s over 100,000 stories, too slow to search as you
//! type. So ranking looks at the newest [`RANK_WINDOW`] matching stories; a
//! word rarer than that is ranked over all its matches. On a news desk the
//! stories written last are the ones searched for most.

use dateline_core::{Story, StorySummary};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::convert::{summary_from_row, SUMMARY_COLUMNS, SUMMARY_JOIN};
use crate::error::Result;
use crate::Library;

/// One stretch of a snippet; `hit` marks the words that matched.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// A story found by a search, with where the words matched.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub story: StorySummary,
    pub snippet: Vec<SnippetPart>,
    /// BM25 score: lower is better.
    pub score: f64,
}

/// How many of the newest matching stories are ranked.
pub const RANK_WINDOW: usize = 2_000;

const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

pub(crate) fn index(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    let key: i64 = tx
        .prepare_cached("SELECT rowid_key FROM stories WHERE id = ?1")?
        .query_row([story.id.to_string()], |r| r.get(0))?;
    unindex(tx, key)?;
    let headlines = [
        story.headline.as_str(),
        &story.headlines.seo,
        &story.headlines.social,
        &story.headlines.print,
    ]
    .iter()
    .filter(|h| !h.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("\n");
    let captions = story
        .media
        .iter()
        .flat_map(|m| [m.caption.as_str(), m.credit.as_str(), m.alt_text.as_str()])
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    tx.prepare_cached(
        "INSERT INTO stories_fts (rowid, kicker, headlines, standfirst, body, captions) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        key,
        story.kicker,
        headlines,
        story.standfirst,
        story.body,
        captions
    ])?;
    Ok(())
}

pub(crate) fn unindex(tx: &Transaction<'_>, key: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM stories_fts WHERE rowid = ?1")?
        .execute([key])?;
    Ok(())
}

/// Turns what a person typed into FTS5 queries that cannot be syntax errors:
/// every word must match. The first query takes the words as typed; the second,
/// tried when the first finds too few, also takes the last word as the start of
/// a longer one (search as you type). `None` when nothing searchable was typed.
pub fn to_fts_query(typed: &str) -> Option<(String, Option<String>)> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return None;
    }
    let exact = words.join(" ");
    let still_typing = typed.ends_with(|c: char| c.is_alphanumeric());
    Some((exact.clone(), still_typing.then(|| format!("{exact}*"))))
}

fn parse_snippet(text: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in text.chars() {
        if c == OPEN || c == CLOSE {
            if !current.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut current),
                    hit,
                });
            }
            hit = c == OPEN;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(SnippetPart { text: current, hit });
    }
    parts
}

impl Library {
    /// The best `limit` stories for what was typed, with snippets.
    pub fn search(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some((exact, prefix)) = to_fts_query(typed) else {
            return Ok(Vec::new());
        };
        let limit = limit.max(1);
        let mut hits = self.search_query(&exact, limit)?;
        // Matching a prefix is slower (FTS5 merges every term it starts), so it
        // only fills in when the words as typed find too few.
        if let Some(prefix) = prefix.filter(|_| hits.len() < limit) {
            for hit in self.search_query(&prefix, limit)? {
                if hits.len() >= limit {
                    break;
                }
                if !hits.iter().any(|h| h.story.id == hit.story.id) {
                    hits.push(hit);
                }
            }
        }
        Ok(hits)
    }

    fn search_query(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        // Walking the matches newest first is cheap: it finds where the window
        // of stories to rank begins.
        let floor: i64 = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?1 \
                 ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            )?
            .query_row(params![query, RANK_WINDOW as i64 - 1], |r| r.get(0))
            .optional()?
            .unwrap_or(i64::MIN);
        // ORDER BY rank lets FTS5 sort by itself and build snippets for the
        // returned rows only.
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, \
             snippet(stories_fts, -1, char(2), char(3), '…', 16) AS snip, rank \
             FROM stories_fts JOIN stories s ON s.rowid_key = stories_fts.rowid {SUMMARY_JOIN} \
             WHERE stories_fts MATCH ?1 AND stories_fts.rowid >= ?2 \
             AND rank MATCH 'bm25(4.0, 10.0, 3.0, 1.0, 2.0)' \
             ORDER BY rank LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![query, floor, limit as i64], |r| {
                Ok(SearchHit {
                    story: summary_from_row(r)?,
                    snippet: parse_snippet(&r.get::<_, String>("snip")?),
                    score: r.get("rank")?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_safe_query() {
        let (exact, prefix) = to_fts_query("kabul eng").unwrap();
        assert_eq!(exact, "\"kabul\" \"eng\"");
        assert_eq!(prefix.as_deref(), Some("\"kabul\" \"eng\"*"));
        assert_eq!(
            to_fts_query("\"AND OR (").unwrap(),
            ("\"AND\" \"OR\"".to_owned(), None)
        );
        assert_eq!(to_fts_query("  ---  "), None);
    }

    #[test]
    fn snippet_marks_hits() {
        let parts = parse_snippet("a \u{2}b\u{3} c");
        assert_eq!(parts.len(), 3);
        assert!(parts[1].hit && parts[1].text == "b");
    }
}
