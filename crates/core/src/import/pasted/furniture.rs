//! Lines that belong to the page, not the story: share buttons, comment forms,
//! "4 min read", advertising slots, sign-up prompts, the headings of the site's
//! own story lists, and section breaks.

use super::text::{fold, key, strip_any_ci, word_count};

/// Whole lines of page furniture, as [`key`] gives them.
const FURNITURE: &[&str] = &[
    "ad",
    "add a comment",
    "advertisement",
    "advertising",
    "article continues after advertisement",
    "article continues below this ad",
    "article continues below",
    "audio",
    "back to top",
    "bookmark",
    "cancel reply",
    "close",
    "comment",
    "comments are closed",
    "comments",
    "continue reading below",
    "continue reading",
    "copied",
    "copy link to clipboard",
    "copy link",
    "e-mail",
    "email address",
    "email",
    "enlarge this image",
    "enlarge",
    "enter your email address",
    "enter your email",
    "expand",
    "facebook",
    "flipboard",
    "follow us",
    "follow",
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
    "key events",
    "last updated",
    "learn more",
    "leave a comment",
    "leave a reply",
    "like loading",
    "like this",
    "link copied",
    "linkedin",
    "listen to article",
    "listen to this article",
    "listen to this story",
    "listen",
    "load comments",
    "loading",
    "log in",
    "login",
    "mail",
    "menu",
    "messenger",
    "more",
    "name",
    "newsletter",
    "next",
    "paid content",
    "photo",
    "pinterest",
    "play video",
    "play",
    "post a comment",
    "post comment",
    "posted",
    "previous",
    "print this page",
    "print",
    "promoted",
    "published",
    "read full article",
    "reddit",
    "register",
    "reply",
    "report a correction",
    "report an error",
    "reuse this content",
    "save article",
    "save for later",
    "save",
    "saved",
    "scroll to continue with content",
    "scroll to continue",
    "search",
    "share article",
    "share full article",
    "share story",
    "share this article",
    "share this page",
    "share this post",
    "share this story",
    "share this",
    "share",
    "show caption",
    "show comments",
    "show key events only",
    "sign in",
    "sign up",
    "site index",
    "skip advertisement",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "sponsored content",
    "sponsored",
    "story continues below advertisement",
    "story continues below",
    "submit",
    "subscribe now",
    "subscribe",
    "suggest a correction",
    "telegram",
    "toggle caption",
    "top",
    "tweet",
    "twitter",
    "updated",
    "video",
    "view comments",
    "website",
    "whatsapp",
    "x",
    "\u{3b4}",
    // Arabic: "share", "share the article", "the comments", "comments".
    "\u{634}\u{627}\u{631}\u{643}",
    "\u{634}\u{627}\u{631}\u{643} \u{627}\u{644}\u{645}\u{642}\u{627}\u{644}",
    "\u{627}\u{644}\u{62a}\u{639}\u{644}\u{64a}\u{642}\u{627}\u{62a}",
    "\u{62a}\u{639}\u{644}\u{64a}\u{642}\u{627}\u{62a}",
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
    "please turn on javascript",
    "your browser does not support",
    "comments (",
    "enter your email",
    "proudly powered by",
    "privacy notice",
    // Print-edition and issue notes: "A version of this article appears in
    // print on ...", "This article appears in the March issue of ...".
    "a version of this article appears",
    "this article appears in",
    "this article appeared in",
];

/// The words of share and follow buttons. A line made only of them ("Facebook
/// Twitter Email", "Copy link copied") is a button bar however it is ordered.
const BUTTON_WORDS: &[&str] = &[
    "bluesky",
    "copied",
    "copy",
    "e-mail",
    "email",
    "facebook",
    "flipboard",
    "link",
    "linkedin",
    "mail",
    "mastodon",
    "messenger",
    "pinterest",
    "print",
    "reddit",
    "share",
    "sms",
    "telegram",
    "threads",
    "tweet",
    "twitter",
    "whatsapp",
    "x",
];

/// Headings of the site's own lists of other stories ("Most read", "Trending"):
/// unlike a "Related" list, their titles say nothing about this story.
const PAGE_LIST_HEADINGS: &[&str] = &[
    "editor's picks",
    "latest news",
    "latest stories",
    "most commented",
    "most popular",
    "most read",
    "most shared",
    "most viewed",
    "most watched",
    "popular now",
    "top stories",
    "trending",
    "trending now",
    "trending stories",
    "what's popular",
];

pub(super) fn is_page_list_heading(k: &str) -> bool {
    PAGE_LIST_HEADINGS.contains(&k)
}

/// Whether a line is page furniture. `k` is the line's [`key`].
pub(super) fn is_furniture_key(k: &str) -> bool {
    if k.is_empty() {
        return false;
    }
    if FURNITURE.contains(&k)
        || FURNITURE_PREFIXES.iter().any(|p| k.starts_with(p))
        || k.contains("all rights reserved")
        || is_page_list_heading(k)
    {
        return true;
    }
    let words: Vec<&str> = k.split(' ').collect();
    if words.len() >= 2
        && words
            .iter()
            .all(|w| BUTTON_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
    {
        return true;
    }
    // "12 comments", "1.2k shares": counters beside buttons; "2 hours ago": the
    // page's clock, which means nothing once pasted. Either may follow a verb
    // or label ("Read 214 comments", "Updated 14 minutes ago").
    let counted = match words.as_slice() {
        [first, rest @ ..]
            if matches!(
                *first,
                "read" | "view" | "see" | "show" | "updated" | "posted"
            ) =>
        {
            rest
        }
        _ => words.as_slice(),
    };
    let mut words = counted.iter().copied();
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
    line.len() <= 200 && (is_post_link(line) || is_furniture_key(&key(line)))
}

/// "← Older post", "Newer post →": a blog's links to the posts either side.
pub(super) fn is_post_link(line: &str) -> bool {
    let line = line.trim();
    (line.starts_with('\u{2190}') || line.ends_with('\u{2192}')) && word_count(line) <= 16
}

/// A prompt addressed to the reader to sign up or subscribe ("You're reading
/// our weekly newsletter. Sign up to get it in your inbox"): the page selling
/// itself, not the story. It must speak to the reader (a "you", or a sentence
/// opening with the call), name what the page sells (a newsletter, an inbox,
/// "here") and quote no one, so a story about a sign-up scheme ("Residents can
/// sign up for alerts, the council said") stays.
pub(super) fn is_promo(line: &str) -> bool {
    if line.len() > 400 || line.chars().any(super::text::is_quote_mark) {
        return false;
    }
    let folded = fold(line);
    let calls = ["sign up", "sign-up", "subscribe"];
    if !calls.iter().any(|c| folded.contains(c)) {
        return false;
    }
    let to_reader = folded
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| matches!(w, "you" | "your" | "you're" | "you've"));
    let opens_with_call = folded
        .split_inclusive(['.', '?', '!'])
        .map(str::trim_start)
        .any(|sentence| {
            ["sign up", "subscribe", "forward ", "enter your"]
                .iter()
                .any(|c| sentence.starts_with(c))
        });
    let sells = [
        "newsletter",
        "inbox",
        "email",
        "e-mail",
        "magazine",
        "subscription",
        "here",
    ]
    .iter()
    .any(|w| folded.contains(w));
    (to_reader || opens_with_call) && sells
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
            "Updated 14 minutes ago",
            "Read 214 Comments",
            "Facebook Twitter Email",
            "Copy Link copied",
            "\u{2190} Parking plan for Church Street delayed again",
            "Spring fair returns to the market square \u{2192}",
            "Most read",
            "A version of this article appears in print on Nov. 13, 2025, Section D, Page 4.",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Share prices fell sharply on Tuesday.",
            "Comments were made.",
            "Xavier",
            "Read 214 pages of the report",
            "Email and Facebook were down for an hour.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn promos() {
        for line in [
            "You're reading The Harbour Letter, our free weekly newsletter. Sign up to get it in your inbox.",
            "Enjoying the letter? Forward it to a friend, or sign up here if someone sent it to you.",
            "This issue is free. Subscribe to the magazine.",
        ] {
            assert!(is_promo(line), "{line}");
        }
        for line in [
            "Residents can sign up for flood alerts by text message, the council said.",
            "\u{201C}Sign up now,\u{201D} the posters in the station told you.",
            "The union said members would subscribe to the new pension plan.",
            "If you want to help, sign up at the library on Saturday, she said.",
        ] {
            assert!(!is_promo(line), "{line}");
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
}
