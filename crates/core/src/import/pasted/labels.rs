//! The labels that frame parts of a story: a kicker over the headline, a
//! section breadcrumb, the heading of a "Related" list or a tags list, and a
//! blog's filing line.

use super::furniture::is_furniture;
use super::text::{
    ends_sentence, fold, is_all_caps, key, starts_capital, strip_any_ci, word_count,
};

/// Headings of a list of links to other stories.
const RELATED_HEADINGS: &[&str] = &[
    "also read",
    "don't miss",
    "further reading",
    "more on this",
    "more on this story",
    "more on this topic",
    "more stories",
    "read also",
    "read more",
    "read more about",
    "read next",
    "recommended",
    "recommended for you",
    "recommended stories",
    "related",
    "related articles",
    "related content",
    "related coverage",
    "related links",
    "related news",
    "related posts",
    "related reading",
    "related stories",
    "see also",
    "up next",
    "what to read next",
    "you may also like",
    "you may be interested in",
    "you might also like",
    "you might be interested in",
    // Arabic "read also", written with and without its final tanween.
    "\u{627}\u{642}\u{631}\u{623} \u{623}\u{64a}\u{636}\u{627}",
    "\u{627}\u{642}\u{631}\u{623} \u{623}\u{64a}\u{636}\u{627}\u{64b}",
    "\u{627}\u{642}\u{631}\u{627} \u{627}\u{64a}\u{636}\u{627}",
];

pub(super) fn is_related_heading(k: &str) -> bool {
    RELATED_HEADINGS.contains(&k) || (k.starts_with("more from ") && word_count(k) <= 5)
}

/// Headings of a list of topics, which become the story's tags.
const TAGS_HEADINGS: &[&str] = &[
    "explore more on these topics",
    "filed under",
    "keywords",
    "more about",
    "more on these topics",
    "related topics",
    "tags",
    "topics",
];

pub(super) fn is_tags_heading(k: &str) -> bool {
    TAGS_HEADINGS.contains(&k)
}

/// "Read more: Title of another story" on one line: the title.
pub(super) fn related_inline(line: &str) -> Option<&str> {
    let (_, rest) = strip_any_ci(
        line,
        &[
            "read more:",
            "read more -",
            "read more \u{2013}",
            "read more |",
            "also read:",
            "read also:",
            "related:",
            "see also:",
        ],
    )?;
    let title = rest.trim();
    (!title.is_empty() && title.chars().count() <= crate::MAX_HEADLINE).then_some(title)
}

/// "Tags: diplomacy, Afghanistan" on one line.
pub(super) fn tags_inline(line: &str) -> Option<Vec<String>> {
    let (_, rest) = strip_any_ci(
        line,
        &["tags:", "topics:", "filed under:", "keywords:", "tagged:"],
    )?;
    let tags: Vec<String> = rest
        .split([',', ';', '|', '\u{b7}', '\u{2022}'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    (!tags.is_empty() && tags.iter().all(|t| is_tag(t))).then_some(tags)
}

/// A blog's filing line under a post: "Posted in Local News, Council | Tagged
/// bridges, River Tern". The categories are the site's; the tags after
/// "Tagged" are the story's topics. Gives the tags, perhaps none.
pub(super) fn filed_in(line: &str) -> Option<Vec<String>> {
    if line.len() > 300 {
        return None;
    }
    let (_, rest) = strip_any_ci(line, &["posted in ", "filed in "])?;
    let mut parts = rest.split(" | ");
    let categories = parts.next()?;
    if !categories.split(',').map(str::trim).all(is_tag) {
        return None;
    }
    let mut tags = Vec::new();
    for part in parts {
        let (_, topics) = strip_any_ci(part.trim(), &["tagged ", "tags: ", "tagged: "])?;
        for topic in topics.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            if !is_tag(topic) {
                return None;
            }
            tags.push(topic.to_owned());
        }
    }
    Some(tags)
}

/// A blog's category printed under a related post's title: In "Local News".
pub(super) fn is_category_label(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("In ") else {
        return false;
    };
    let quoted = rest.starts_with(super::text::is_quote_mark)
        && rest.ends_with(super::text::is_quote_mark)
        && rest.chars().count() >= 3;
    quoted && word_count(rest) <= 6
}

/// One topic in a tags list: a few words, not a sentence.
pub(super) fn is_tag(t: &str) -> bool {
    !t.is_empty()
        && word_count(t) <= 5
        && t.chars().count() <= 60
        && !ends_sentence(t)
        && !t.ends_with(':')
}

/// Labels a desk puts above a headline.
const KICKER_LABELS: &[&str] = &[
    "analysis",
    "breaking",
    "breaking news",
    "column",
    "comment",
    "developing",
    "developing story",
    "editorial",
    "exclusive",
    "explained",
    "explainer",
    "fact check",
    "fact-check",
    "factcheck",
    "feature",
    "first person",
    "in depth",
    "in pictures",
    "in-depth",
    "insight",
    "interview",
    "investigation",
    "just in",
    "live",
    "live updates",
    "long read",
    "news analysis",
    "newsflash",
    "newsletter",
    "obituary",
    "opinion",
    "perspective",
    "profile",
    "q&a",
    "review",
    "special report",
    "the long read",
    "update",
];

/// One of the known labels, with its decoration (a trailing colon) removed.
pub(super) fn known_kicker(line: &str) -> Option<String> {
    let k = key(line);
    KICKER_LABELS
        .contains(&k.as_str())
        .then(|| strip_decoration(line))
}

fn strip_decoration(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', '|', ' ', '\u{2014}', '\u{2013}', '-'])
        .trim()
        .to_owned()
}

/// A line on its own above a headline that reads as a label: a known one, a
/// short line ending with a colon ("Newsflash:"), or a short line in capitals.
pub(super) fn kicker(line: &str) -> Option<String> {
    if let Some(k) = known_kicker(line) {
        return Some(k);
    }
    let words = word_count(line);
    if words == 0 || words > 4 || line.chars().count() > 40 {
        return None;
    }
    let trimmed = line.trim_end();
    let labelled = trimmed.ends_with(':');
    let capitals = is_all_caps(trimmed) && !ends_sentence(trimmed);
    if !(labelled || capitals) || is_furniture(line) {
        return None;
    }
    let k = strip_decoration(line);
    (!k.is_empty()).then_some(k)
}

/// A section name printed above a headline as its label ("Politics", "Middle
/// East"): one or two capitalised words. Only a kicker when a longer headline
/// follows, which the caller checks.
pub(super) fn section_label(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let shaped = (1..=2).contains(&words.len())
        && line.chars().count() <= 25
        && words.iter().all(|w| {
            starts_capital(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '&' | '\''))
        });
    (shaped && !is_furniture(line)).then(|| line.trim().to_owned())
}

/// A label at the front of the headline's own line: "EXCLUSIVE: Minister quits",
/// "Analysis | Why the vote matters". Gives the label and the headline.
pub(super) fn inline_kicker(line: &str) -> Option<(String, &str)> {
    let (label, rest) = [": ", " | ", " \u{2014} "]
        .iter()
        .filter_map(|sep| line.split_once(sep))
        .min_by_key(|(label, _)| label.len())?;
    let label = label.trim();
    let known = KICKER_LABELS.contains(&fold(label).as_str());
    let capitals = is_all_caps(label) && word_count(label) <= 3 && label.chars().count() <= 30;
    let rest = rest.trim();
    ((known || capitals) && word_count(rest) >= 3).then(|| (label.to_owned(), rest))
}

/// "News › World › Asia": the site's section trail above a headline. Gives the
/// last section named.
pub(super) fn breadcrumb(line: &str) -> Option<String> {
    if line.len() > 120 {
        return None;
    }
    let sep = [" \u{203A} ", " > ", " \u{bb} ", " / "]
        .into_iter()
        .find(|s| line.contains(s))?;
    let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
    let crumb = |p: &&str| {
        !p.is_empty()
            && word_count(p) <= 3
            && p.chars().next().is_some_and(|c| c.is_uppercase())
            && !ends_sentence(p)
    };
    if parts.len() < 2 || !parts.iter().all(crumb) {
        return None;
    }
    parts.last().map(|s| (*s).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kickers() {
        assert_eq!(kicker("Newsflash:").as_deref(), Some("Newsflash"));
        assert_eq!(kicker("EXCLUSIVE").as_deref(), Some("EXCLUSIVE"));
        assert_eq!(kicker("Analysis").as_deref(), Some("Analysis"));
        assert_eq!(kicker("Breaking:").as_deref(), Some("Breaking"));
        assert_eq!(kicker("ADVERTISEMENT"), None);
        assert_eq!(section_label("Middle East").as_deref(), Some("Middle East"));
        assert_eq!(section_label("Share"), None);
        assert_eq!(section_label("Khalilzad resigns"), None);
        assert_eq!(section_label("Council approves bridge"), None);
        assert_eq!(kicker("Council approves the bridge"), None);
        assert_eq!(kicker("He said:  and then he left the room"), None);
        assert_eq!(
            inline_kicker("EXCLUSIVE: Minister quits over memo"),
            Some(("EXCLUSIVE".to_owned(), "Minister quits over memo"))
        );
        assert_eq!(
            inline_kicker("Breaking: Council approves the crossing"),
            Some(("Breaking".to_owned(), "Council approves the crossing"))
        );
        assert_eq!(
            inline_kicker("Kabul Engagement: Diplomacy or Status Quo?"),
            None
        );
    }

    #[test]
    fn headings_and_crumbs() {
        assert!(is_related_heading(&key("Related Articles")));
        assert!(is_related_heading(&key("READ MORE:")));
        assert!(is_related_heading(&key("More on this story")));
        assert!(!is_related_heading(&key(
            "Related to this, the minister said"
        )));
        assert_eq!(
            related_inline("Read more: Port strike ends"),
            Some("Port strike ends")
        );
        assert_eq!(
            tags_inline("Tags: Shipping, Rotterdam"),
            Some(vec!["Shipping".to_owned(), "Rotterdam".to_owned()])
        );
        assert_eq!(
            filed_in("Posted in Local News, Council | Tagged bridges, River Tern"),
            Some(vec!["bridges".to_owned(), "River Tern".to_owned()])
        );
        assert_eq!(filed_in("Posted in Community"), Some(Vec::new()));
        assert_eq!(
            filed_in("Posted in haste, the letter never said why."),
            None
        );
        assert_eq!(
            breadcrumb("News \u{203A} World \u{203A} Asia").as_deref(),
            Some("Asia")
        );
        assert_eq!(breadcrumb("Fire crews arrive / residents leave"), None);
    }
}
