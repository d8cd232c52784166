//! Full-text search (`stories_fts`): kicker, headlines, standfirst, body and
//! captions, ranked by BM25 with headline words weighing most.

use dateline_core::{Story, StorySummary};
use rusqlite::{params, Transaction};
use serde::Serialize;

use crate::error::Result;
use crate::stories::{summary_from_row, SUMMARY_COLUMNS};
use crate::Library;

/// One stretch of a snippet; `hit` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// A story found by a search, with where the words matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub story: StorySummary,
    pub snippet: Vec<SnippetPart>,
    /// BM25 score: lower is better.
    pub score: f64,
}

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

/// Turns what a person typed into an FTS5 query that cannot be a syntax error:
/// every word must match, the last one as a prefix (search as you type).
pub fn to_fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    let last_is_whole = typed.ends_with(|c: char| !c.is_alphanumeric());
    let mut query = words.join(" ");
    if query.is_empty() {
        return None;
    }
    if !last_is_whole {
        query.push('*');
    }
    Some(query)
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
        let Some(query) = to_fts_query(typed) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, \
             snippet(stories_fts, -1, char(2), char(3), '…', 16), \
             bm25(stories_fts, 4.0, 10.0, 3.0, 1.0, 2.0) AS score \
             FROM stories_fts JOIN stories s ON s.rowid_key = stories_fts.rowid \
             WHERE stories_fts MATCH ?1 ORDER BY score LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![query, limit.max(1) as i64], |r| {
                Ok(SearchHit {
                    story: summary_from_row(r)?,
                    snippet: parse_snippet(&r.get::<_, String>(8)?),
                    score: r.get(9)?,
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
        assert_eq!(
            to_fts_query("kabul eng").as_deref(),
            Some("\"kabul\" \"eng\"*")
        );
        assert_eq!(
            to_fts_query("\"AND OR (").as_deref(),
            Some("\"AND\" \"OR\"")
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
