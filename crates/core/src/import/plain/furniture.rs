//! Lines that belong to the page, not the story: share buttons, comment forms,
//! "4 min read", advertising slots; and the labels that frame parts of a story
//! (a kicker, a "Related" heading, a breadcrumb trail, a tags list).

use super::text::{ends_sentence, fold, is_all_caps, key, strip_any_ci, word_count};

/// Whole lines of page furniture, as [`key`] gives them.
const FURNITURE: &[&str] = &[
    "ad",
    "add a comment",
    "advertisement",
    "advertising",
    "article continues below",
    "article continues below this ad",
    "article continues after advertisement",
    "audio",
    "back to top",
    "bookmark",
    "cancel reply",
    "close",
    "comment",
    "comments",
    "continue reading",
    "continue reading below",
    "copied",
    "copy link",
    "copy link to clipboard",
    "e-mail",
    "email",
    "email address",
    "enlarge",
    "enlarge this image",
    "expand",
    "facebook",
    "flipboard",
    "follow",
    "follow us",
    "gift article",
    "gift this article",
    "give this article",
    "hide caption",
    "hide comments",
    "home",
    "image",
    "join the conversation",
    "join the discussion",
    "just now",
    "last updated",
    "leave a comment",
    "leave a reply",
    "link copied",
    "linkedin",
    "listen",
    "listen to article",
    "listen to this article",
    "listen to this story",
    "load comments",
    "loading",
    "log in",
    "login",
    "mail",
    "menu",
    "messenger",
    "more",
    "most popular",
    "most read",
    "most viewed",
    "name",
    "newsletter",
    "next",
    "paid content",
    "photo",
    "pinterest",
    "play",
    "play video",
    "post a comment",
    "post comment",
    "posted",
    "previous",
    "print",
    "print this page",
    "promoted",
    "published",
    "read full article",
    "reddit",
    "register",
    "reply",
    "report an error",
    "report a correction",
    "save",
    "save article",
    "save for later",
    "saved",
    "scroll to continue",
    "scroll to continue with content",
    "search",
    "share",
    "share article",
    "share story",
    "share this",
    "share this article",
    "share this page",
    "share this post",
    "share this story",
    "show caption",
    "show comments",
    "sign in",
    "sign up",
    "skip advertisement",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "sponsored",
    "sponsored content",
    "story continues below",
    "story continues below advertisement",
    "submit",
    "subscribe",
    "subscribe now",
    "suggest a correction",
    "telegram",
    "toggle caption",
    "top",
    "trending",
    "trending now",
    "tweet",
    "twitter",
    "updated",
    "video",
    "view comments",
    "website",
    "whatsapp",
    "x",
    "\u{3b4}",
];

/// Beginnings of furniture lines, as [`key`] gives them.
const FURNITURE_PREFIXES: &[&str] = &[
    "your email address will not be published",
    "required fields are marked",
    "save my name, email",
    "sign up for ",
    "sign up to ",
    "subscribe to ",
    "subscribe for ",
    "follow us on ",
    "share this ",
    "share on ",
    "click here to ",
    "tap here to ",
    "listen to this article ",
    "copyright ",
    "\u{a9}",
    "(c) 20",
    "we use cookies",
    "already a subscriber",
    "already have an account",
    "to continue reading",
    "download the app",
    "download our app",
    "get the app",
    "advertisement - ",
    "story continues below",
    "article continues below",
    "enable javascript",
    "your browser does not support",
    "comments (",
];

/// Whether a line is page furniture. `k` is the line's [`key`].
pub(super) fn is_furniture_key(k: &str) -> bool {
    if k.is_empty() {
        return false;
    }
    if FURNITURE.contains(&k)
        || FURNITURE_PREFIXES.iter().any(|p| k.starts_with(p))
        || k.contains("all rights reserved")
    {
        return true;
    }
    // "12 comments", "1.2k shares": counters beside buttons; "2 hours ago": the
    // page's clock, which means nothing once pasted.
    let mut words = k.split(' ');
    let count = |n: &str| {
        n.chars().next().is_some_and(|c| c.is_ascii_digit())
            && n.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | 'k' | 'm'))
    };
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(n), Some(what), None, None) => {
            count(n)
                && matches!(
                    what,
                    "comment" | "comments" | "share" | "shares" | "replies" | "views" | "reads"
                )
        }
        (Some(n), Some(unit), Some("ago"), None) => {
            (count(n) || matches!(n, "a" | "an"))
                && matches!(
                    unit.trim_end_matches('s'),
                    "sec"
                        | "second"
                        | "min"
                        | "minute"
                        | "hr"
                        | "hour"
                        | "day"
                        | "week"
                        | "h"
                        | "m"
                        | "d"
                )
        }
        _ => false,
    }
}

pub(super) fn is_furniture(line: &str) -> bool {
    line.len() <= 200 && is_furniture_key(&key(line))
}

/// A line with no letters or digits: "* * *" is a section break, any other
/// ("|", a lone bullet, an emoji) is decoration.
pub(super) fn is_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && marks.iter().all(|c| {
            matches!(
                c,
                '*' | '-'
                    | '_'
                    | '~'
                    | '='
                    | '#'
                    | '\u{2022}'
                    | '\u{25C6}'
                    | '\u{25C7}'
                    | '\u{b7}'
                    | '\u{2014}'
                    | '\u{2013}'
            )
        })
}

/// "4 min read", "4-minute read", "Reading time: 4 minutes", "Less than a minute read".
pub(super) fn is_read_time(line: &str) -> bool {
    if line.len() > 60 {
        return false;
    }
    let k = key(line);
    let (labelled, rest) = match strip_any_ci(
        &k,
        &[
            "estimated reading time",
            "estimated read time",
            "reading time",
            "read time",
            "time to read",
        ],
    ) {
        Some((_, rest)) => (true, rest.trim_start_matches([':', ' ', '-'])),
        None => (false, k.as_str()),
    };
    if rest.starts_with("less than a minute") || rest.starts_with("< 1 min") {
        return labelled || rest.ends_with("read");
    }
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    let (number, unit_and_more) = match tokens.split_first() {
        Some((first, more)) => {
            let digits_end = first
                .char_indices()
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(first.len(), |(i, _)| i);
            let (n, glued) = first.split_at(digits_end);
            if glued.is_empty() {
                (n, more.to_vec())
            } else {
                let mut v = vec![glued];
                v.extend_from_slice(more);
                (n, v)
            }
        }
        None => return false,
    };
    if number.is_empty() || number.len() > 3 {
        return false;
    }
    match unit_and_more.as_slice() {
        [unit] => labelled && matches!(*unit, "min" | "mins" | "minute" | "minutes" | "m"),
        [unit, "read" | "reading"] | [unit, "read", "time"] => {
            matches!(*unit, "min" | "mins" | "minute" | "minutes" | "m")
        }
        _ => false,
    }
}

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
            w.chars().next().is_some_and(char::is_uppercase)
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
    fn furniture() {
        for line in [
            "Share this article",
            "ADVERTISEMENT",
            "Post a comment",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "12 Comments",
            "\u{a9} 2025 Example Media. All rights reserved.",
            "Subscribe",
            "Listen to this article \u{b7} 5:32 min",
            "2 hours ago",
            "Published",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Share prices fell sharply on Tuesday.",
            "Comments were made.",
            "Xavier",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn read_time() {
        for line in [
            "4 min read",
            "4 Min Read",
            "12 minute read",
            "4-minute read",
            "4min read",
            "Reading time: 4 minutes",
            "Less than a minute read",
        ] {
            assert!(is_read_time(line), "{line}");
        }
        for line in ["4 minutes", "Read the 4 minutes", "4 min read later today"] {
            assert!(!is_read_time(line), "{line}");
        }
    }

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
            breadcrumb("News \u{203A} World \u{203A} Asia").as_deref(),
            Some("Asia")
        );
        assert_eq!(breadcrumb("Fire crews arrive / residents leave"), None);
    }
}
