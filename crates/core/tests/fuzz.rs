//! Property-based fuzzing of everything that reads text from outside or
//! writes a file: pasted-text import, Markdown import (front matter and body),
//! the rendered page and every export format. Inputs are built to be hostile:
//! deep nesting, raw HTML and scripts, Markdown syntax soup, right-to-left
//! text, emoji with joiners, control characters and long lines.
//!
//! Each case checks that nothing panics, that the time stays within a
//! generous per-byte budget (so nothing is worse than linear), that every
//! output parses (HTML by a strict tag-balance reader, WXR as XML, ninjs and
//! ANS as JSON, the Markdown export by importing it back), that no output can
//! run anything (no `<script>` but the JSON-LD block, no `on…=` attribute, no
//! `javascript:`/`vbscript:`/`data:` link) or holds a control character, and
//! that the story's words are still there once control characters are
//! cleaned.
//!
//! Runs on stable Rust with `proptest`, from a fixed seed so that a run can
//! be repeated.
//!
//! - `DATELINE_FUZZ_CASES=N`: cases per target (default 192, which keeps this
//!   file to about half a minute in a debug `cargo test` on two cores). For a long run:
//!   `DATELINE_FUZZ_CASES=20000 cargo test --release -p dateline-core --test fuzz`.
//! - `DATELINE_FUZZ_RANDOM=1`: a fresh random seed instead of the fixed one.
//!
//! Each target prints how many cases ran and how long they took.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod oracle;

use oracle::{decode, URL_ATTRIBUTES};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use dateline_core::export::{self, ExportOptions, Format};
use dateline_core::import::import_bytes;
use dateline_core::render::{render_article, RenderOptions};
use dateline_core::text::clean;
use dateline_core::{Byline, Dateline, HeadlineVariants, Media, MediaFile, RelatedLink, Story};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("DATELINE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(192)
}

/// Runs `test` on `cases()` values of `strategy` and prints the count and
/// time; a failure is shrunk to a small input and reported with it.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases: cases(),
        // A failing input is printed, not written into the source tree.
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let rng = if std::env::var_os("DATELINE_FUZZ_RANDOM").is_some() {
        TestRng::from_seed(RngAlgorithm::ChaCha, &rand_seed())
    } else {
        TestRng::deterministic_rng(RngAlgorithm::ChaCha)
    };
    // Shrinking fails a case hundreds of times; the default hook would print
    // every one. The failure that counts is reported below, with its input.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut runner = TestRunner::new_with_rng(config, rng);
    let count = AtomicUsize::new(0);
    let start = Instant::now();
    let result = runner.run(&strategy, |value| {
        count.fetch_add(1, Ordering::Relaxed);
        test(value);
        Ok(())
    });
    eprintln!(
        "fuzz {name}: {} cases in {:.1?}",
        count.load(Ordering::Relaxed),
        start.elapsed()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, input)) => {
            // Printed as well as raised: the quiet hook above hides panics.
            eprintln!("fuzz {name} failed: {reason}\nminimal failing input: {input:#?}");
            panic!("fuzz {name} failed: {reason}");
        }
        Err(e) => {
            eprintln!("fuzz {name} failed: {e}");
            panic!("fuzz {name} failed: {e}");
        }
    }
}

/// A seed from the clock, for `DATELINE_FUZZ_RANDOM`.
fn rand_seed() -> [u8; 32] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    eprintln!("fuzz seed: {nanos}");
    let mut seed = [0u8; 32];
    seed[..16].copy_from_slice(&nanos.to_le_bytes());
    seed
}

/// The time a case may take: generous, but linear in its input, so a
/// quadratic path shows on the larger inputs.
fn budget(input_bytes: usize) -> Duration {
    let per_byte = if cfg!(debug_assertions) { 100 } else { 20 };
    Duration::from_secs(2) + Duration::from_micros(per_byte * input_bytes as u64)
}

// ---------------------------------------------------------------------------
// Strategies

const MARKDOWN_SOUP: &[&str] = &[
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    "# ",
    "## ",
    "###### ",
    "```",
    "```rust\n",
    "~~~",
    "---",
    "***",
    "___",
    "===",
    "| a | b |\n|---|:-:|\n",
    "|",
    "[^a]",
    "[^a]: note ",
    "[x](",
    ")",
    "](javascript:alert(1))",
    "](https://ok.example/a)",
    "<https://a.example>",
    "<javascript:alert(1)>",
    "![alt](x.png)",
    "[ref]: https://r.example",
    "[ref]",
    "`",
    "``",
    "*",
    "**",
    "_",
    "~~",
    "\\",
    "{#id}",
    "&amp;",
    "&#0;",
    "&#x1F600;",
    "&bogus;",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "  \n",
];

const HTML_SOUP: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<b title=\"t\">",
    "</b>",
    "<i>",
    "<span>",
    "</span>",
    "<ul><li>",
    "</li>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<blockquote>",
    "<script>alert(1)</script>",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"https://ok.example\">ok</a>",
    "<a href=' jav&#x09;ascript:alert(1)'>",
    "<svg onload=alert(1)><title>",
    "</svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">",
    "<!--",
    "-->",
    "<!-- c -->",
    "<style>",
    "</style>",
    "<iframe src=x>",
    "<textarea>",
    "</textarea>",
    "<template>",
    "<object data=x>",
    "<form action=x><input>",
    "<meta http-equiv=refresh content=0>",
    "<base href=x>",
    "<applet>",
    "<select><option>",
    "<plaintext>",
    "]]>",
    "<![CDATA[",
    "<?php ?>",
    "</>",
    "<div title='a>b'>",
    "<p onclick=\"x()\">",
    "<a href=\"data:text/html,x\">",
    "<br/>",
    "<x-custom a=b>",
    "</ul>",
    "<h1 id=\"related-heading\">",
    "<",
];

const ODD_TEXT: &[&str] = &[
    "مرحبا بالعالم",
    "שלום עולם",
    "你好，世界",
    "\u{202E}override\u{202C}",
    "\u{200F}",
    "\u{200B}",
    "👩\u{200D}👩\u{200D}👧\u{200D}👦",
    "🏳\u{FE0F}\u{200D}🌈",
    "e\u{301}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{A0}",
    "\u{FFFD}",
    "\u{FFFF}",
    "\u{10FFFF}",
];

fn control() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0').to_string()),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap_or('\0').to_string()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
    ]
}

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(list).prop_map(str::to_owned)
}

/// Structure that nests deeply: hundreds to thousands of levels.
fn deep() -> impl Strategy<Value = String> {
    (1usize..3_000, 0usize..6).prop_map(|(n, kind)| match kind {
        0 => format!("{}deep", "- ".repeat(n)),
        1 => format!("{}deep", "> ".repeat(n)),
        2 => format!("{}deep", "<div>".repeat(n)),
        3 => (0..n.min(800))
            .map(|i| format!("<b title=\"{i}\">"))
            .collect::<String>(),
        4 => (0..n.min(300))
            .map(|i| format!("{}- level {i}\n", "  ".repeat(i % 60)))
            .collect(),
        _ => "<div><applet></div>".repeat(n / 2),
    })
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Za-z]{1,10}( [a-z]{1,8}){0,6}[.,!?]? ",
        4 => pick(MARKDOWN_SOUP),
        4 => pick(HTML_SOUP),
        2 => pick(ODD_TEXT),
        2 => control(),
        1 => deep(),
        1 => (1usize..6_000).prop_map(|n| "long".repeat(n / 4 + 1)),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Hostile text of up to `max` pieces.
fn hostile(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..max).prop_map(|p| p.concat())
}

/// Short hostile text for a one-line field.
fn field() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[A-Za-z]{1,10}",
            1 => Just(" ".to_owned()),
            1 => pick(HTML_SOUP),
            1 => pick(ODD_TEXT),
            1 => control(),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..8,
    )
    .prop_map(|p| p.concat())
}

/// A headline with at least one plain word in it, to look for afterwards.
fn headline() -> impl Strategy<Value = String> {
    (field(), "[A-Za-z]{3,12}", field()).prop_map(|(a, word, b)| format!("{a} {word} {b}"))
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://news.example/a".to_owned()),
        Just("javascript:alert(1)".to_owned()),
        Just("data:text/html,<script>alert(1)</script>".to_owned()),
        Just(String::new()),
        field().prop_map(|f| format!("https://news.example/{f}")),
    ]
}

/// Words put first in every body: nothing after them can swallow them, so
/// every output must show each one.
const SENTINEL: &str = "Sentinel words stay visible";

fn story() -> impl Strategy<Value = Story> {
    let texts = (
        headline(),
        field(),
        field(),
        field(),
        field(),
        field(),
        field(),
    );
    let lists = (
        proptest::collection::vec((field(), field(), url()), 0..3),
        proptest::collection::vec((field(), field(), field(), any::<bool>()), 0..3),
        proptest::collection::vec((field(), url(), field()), 0..3),
        proptest::collection::vec(field(), 0..4),
    );
    (texts, lists, hostile(40), field(), field()).prop_map(
        |(
            (headline, kicker, standfirst, seo, social, place, section),
            lists,
            body,
            meta,
            print,
        )| {
            let (bylines, media, related, tags) = lists;
            let mut story = Story::new(headline);
            story.kicker = kicker;
            story.standfirst = standfirst;
            story.headlines = HeadlineVariants { seo, social, print };
            story.meta_description = meta;
            story.dateline = Dateline {
                place,
                date: chrono::NaiveDate::from_ymd_opt(2026, 2, 11),
            };
            story.section = section;
            story.tags = tags;
            story.publish_at = Utc.with_ymd_and_hms(2026, 2, 11, 9, 30, 0).single();
            story.body = format!("{SENTINEL}\n\n{body}");
            story.bylines = bylines
                .into_iter()
                .map(|(name, role, url)| Byline {
                    name: format!("N{name}"),
                    role,
                    url: Some(url),
                })
                .collect();
            let mut hero = true;
            story.media = media
                .into_iter()
                .map(|(caption, credit, alt_text, has_file)| {
                    let m = Media {
                        file: has_file.then(|| MediaFile {
                            hash: "blue".into(),
                            file_name: format!("{caption}.png"),
                            mime: "image/png".into(),
                            size: 69,
                        }),
                        caption,
                        credit,
                        alt_text,
                        rights: "Editorial use only".into(),
                        hero,
                        ..Media::default()
                    };
                    hero = false;
                    m
                })
                .collect();
            story.related = related
                .into_iter()
                .map(|(title, url, summary)| RelatedLink {
                    title: format!("R{title}"),
                    url,
                    summary,
                })
                .collect();
            story
        },
    )
}

// ---------------------------------------------------------------------------
// Checks

/// A 1×1 PNG for every picture with a file, so `data:` URIs are made.
fn picture_bytes(media: &Media) -> Option<Vec<u8>> {
    media.file.as_ref().map(|_| {
        vec![
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
            0x44, 0x52,
        ]
    })
}

fn export_options() -> ExportOptions<'static> {
    ExportOptions {
        media_bytes: &picture_bytes,
        media_base_url: Some("https://cdn.news.example/p/".into()),
        ..ExportOptions::default()
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

const FORBIDDEN: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "svg", "math", "base", "link", "template", "noscript", "style",
];

/// Reads `html` strictly, as our writers write it: every attribute quoted,
/// every element closed in order (void elements aside), no `<` in text.
/// Panics with the place where it is not so, or where anything could run.
/// `page` allows the one JSON-LD script and the page's own style and meta.
fn check_html(html: &str, page: bool, what: &str) {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let mut scripts = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i += html[i..]
                .find("-->")
                .unwrap_or_else(|| html_error(html, what, lt, "an open comment"))
                + 3;
            continue;
        }
        if html[i..].starts_with("!DOCTYPE html>") {
            i += 14;
            continue;
        }
        let closing = html[i..].starts_with('/');
        if closing {
            i += 1;
        }
        let name_len = html[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - i);
        if name_len == 0 {
            html_error(html, what, lt, "a bare <");
        }
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            match b.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                    i += 2;
                    break;
                }
                None => html_error(html, what, lt, "a tag cut off"),
                _ => {}
            }
            let start = i;
            while i < b.len() && !b" =>/".contains(&b[i]) {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            if attr.is_empty() {
                html_error(html, what, i, "a stray character in a tag");
            }
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                if b.get(i + 1) != Some(&b'"') {
                    html_error(html, what, i, "an unquoted attribute");
                }
                let end = html[i + 2..]
                    .find('"')
                    .unwrap_or_else(|| html_error(html, what, i, "an open quote"));
                value = decode(&html[i + 2..i + 2 + end]);
                i += 2 + end + 1;
            }
            attrs.push((attr, value));
        }
        if closing {
            match stack.pop() {
                Some(open) if open == name => continue,
                other => html_error(html, what, lt, &format!("</{name}> closes {other:?}")),
            }
        }
        let attr = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
        for (a, v) in &attrs {
            if a.starts_with("on") {
                html_error(html, what, lt, &format!("an event handler {a}"));
            }
            if URL_ATTRIBUTES.contains(&a.as_str()) {
                let squeezed: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "file:"] {
                    if squeezed.starts_with(scheme) {
                        html_error(html, what, lt, &format!("{a}={v:?}"));
                    }
                }
                if squeezed.starts_with("data:")
                    && !(name == "img" && a == "src" && squeezed.starts_with("data:image/"))
                {
                    html_error(html, what, lt, &format!("{a}={v:?}"));
                }
            }
        }
        match name.as_str() {
            "script" => {
                if !page || attr("type") != Some("application/ld+json") {
                    html_error(html, what, lt, "a script that runs");
                }
                scripts += 1;
                let end = html[i..]
                    .find("</script>")
                    .unwrap_or_else(|| html_error(html, what, lt, "an open script"));
                let json = &html[i..i + end];
                serde_json::from_str::<Value>(json)
                    .unwrap_or_else(|e| panic!("{what}: the JSON-LD does not parse: {e}\n{json}"));
                i += end + "</script>".len();
                continue;
            }
            "style" if page => {
                i += html[i..]
                    .find("</style>")
                    .unwrap_or_else(|| html_error(html, what, lt, "an open style"))
                    + 8;
                continue;
            }
            "meta" => {
                if let Some(equiv) = attr("http-equiv") {
                    if !page || equiv != "Content-Security-Policy" {
                        html_error(html, what, lt, &format!("meta http-equiv={equiv}"));
                    }
                }
            }
            n if FORBIDDEN.contains(&n) => html_error(html, what, lt, &format!("<{n}>")),
            _ => {}
        }
        if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    if !stack.is_empty() {
        panic!("{what}: left open: {stack:?}");
    }
    if scripts > 1 {
        panic!("{what}: {scripts} scripts");
    }
    if let Some(gt) = html.find('\0') {
        html_error(html, what, gt, "a NUL");
    }
}

fn html_error(html: &str, what: &str, at: usize, why: &str) -> ! {
    let at = at.min(html.len());
    let from = html[..at]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    let to = html[at..]
        .char_indices()
        .nth(60)
        .map_or(html.len(), |(i, _)| at + i);
    panic!("{what}: {why} at byte {at}: …{}…", &html[from..to])
}

/// The text of `html` a reader sees, roughly: tags out, references decoded.
fn visible(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    decode(&out)
}

fn assert_no_controls(text: &str, what: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\t' && c != '\n')
    {
        panic!("{what}: control character U+{:04X}", c as u32);
    }
}

fn json_strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// The fields of an ANS element a consumer sets as HTML (a code element's
/// content is code, shown as text).
fn ans_html<'a>(element: &'a Value, out: &mut Vec<&'a str>) {
    let field = |key: &str| element[key].as_str();
    let each = |key: &str, out: &mut Vec<&'a str>| {
        for e in element[key].as_array().into_iter().flatten() {
            ans_html(e, out);
        }
    };
    match element["type"].as_str().unwrap_or_default() {
        "text" | "header" | "raw_html" => out.extend(field("content")),
        "image" => out.extend(field("caption")),
        "quote" => each("content_elements", out),
        "list" | "link_list" => each("items", out),
        "interstitial_link" => {
            out.extend(field("content"));
            ans_html(&element["description"], out);
        }
        _ => {}
    }
}

/// Words of `text` as a reader counts them: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every check on one story's page and exports; `sentinel` is text the body
/// starts with, which every output must show.
fn check_outputs(story: &Story, input_bytes: usize, sentinel: Option<&str>) {
    let shows = |text: &str| sentinel.is_none_or(|s| text.contains(s));
    let start = Instant::now();
    let headline = clean(&story.headline).into_owned();
    let xml_headline: String = headline
        .chars()
        .filter(|&c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();

    let page = render_article(story, &RenderOptions::default()).expect("the page renders");
    assert_no_controls(&page, "preview");
    check_html(&page, true, "preview");
    let h1 = page
        .split_once("<h1 class=\"headline\" dir=\"auto\">")
        .and_then(|(_, rest)| rest.split_once("</h1>"))
        .map(|(h, _)| decode(h))
        .unwrap_or_default();
    if !headline.trim().is_empty() {
        assert_eq!(h1, headline.trim(), "the page's headline");
    }
    assert!(shows(&visible(&page)), "the body's first words");

    let opts = export_options();
    for format in Format::ALL {
        let out = export::export(story, format, &opts)
            .unwrap_or_else(|e| panic!("{format} export failed: {e}"));
        let text = String::from_utf8(out.bytes).expect("exports are UTF-8");
        let what = format!("{format} export");
        assert_no_controls(&text, &what);
        match format {
            Format::Html => {
                check_html(&text, true, &what);
                assert!(shows(&visible(&text)), "{what}: body lost");
            }
            Format::Markdown => {
                let back = dateline_core::frontmatter::from_markdown(&text)
                    .unwrap_or_else(|e| {
                        panic!("the Markdown export does not read back: {e}\n{text}")
                    })
                    .story;
                assert_eq!(back.headline, headline, "headline through Markdown");
                assert!(shows(&back.body), "body through Markdown");
            }
            Format::Ninjs => {
                let doc: Value = serde_json::from_str(&text).expect("ninjs is JSON");
                let mut all = Vec::new();
                json_strings(&doc, &mut all);
                all.iter().for_each(|s| assert_no_controls(s, &what));
                assert_eq!(
                    doc["headlines"][0]["value"],
                    headline.as_str(),
                    "ninjs headline"
                );
                let html = doc["bodies"][0]["value"].as_str().unwrap_or_default();
                check_html(html, false, "ninjs HTML body");
                let plain = doc["bodies"][1]["value"].as_str().unwrap_or_default();
                assert!(shows(plain), "ninjs plain body: {plain:?}");
            }
            Format::Ans => {
                let doc: Value = serde_json::from_str(&text).expect("ANS is JSON");
                let mut all = Vec::new();
                json_strings(&doc, &mut all);
                all.iter().for_each(|s| assert_no_controls(s, &what));
                let basic = doc["headlines"]["basic"].as_str().unwrap_or_default();
                assert_eq!(decode(basic), headline, "ANS headline");
                let mut html = vec![basic];
                for key in ["subheadlines", "description"] {
                    html.extend(doc[key]["basic"].as_str());
                }
                for element in doc["content_elements"].as_array().into_iter().flatten() {
                    ans_html(element, &mut html);
                }
                ans_html(&doc["promo_items"]["basic"], &mut html);
                for field in &html {
                    check_html(field, false, "an ANS HTML field");
                }
                let body: String = html.iter().map(|h| visible(h)).collect();
                assert!(shows(&body), "ANS body");
            }
            Format::Wxr => {
                let doc = roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("WXR is not XML: {e}\n{text}"));
                let post = doc
                    .descendants()
                    .find(|n| n.has_tag_name("item"))
                    .expect("a post");
                let child = |name: roxmltree::ExpandedName| {
                    post.children()
                        .find(|c| c.tag_name() == name)
                        .and_then(|c| c.text())
                        .unwrap_or_default()
                        .to_owned()
                };
                let title = child("title".into());
                assert_eq!(decode(&title), xml_headline, "WXR title");
                let content = child(("http://purl.org/rss/1.0/modules/content/", "encoded").into());
                check_html(&content, false, "WXR content");
                assert!(shows(&visible(&content)), "WXR body");
            }
        }
    }
    // The headline's words, cleaned, in the plain-text ninjs headline.
    let doc = export::ninjs::to_ninjs(story, &opts);
    let shown = doc["headlines"][0]["value"].as_str().unwrap_or_default();
    for word in words(&headline) {
        assert!(shown.contains(&word), "{word:?} lost from the headline");
    }
    let took = start.elapsed();
    assert!(
        took <= budget(input_bytes),
        "{took:?} for {input_bytes} bytes of input"
    );
}

/// The YAML of a value: JSON's string syntax is valid YAML.
fn yaml(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

// ---------------------------------------------------------------------------
// Targets

#[test]
fn fuzz_pasted_text_import() {
    fuzz("pasted text import", hostile(60), |text| {
        let start = Instant::now();
        let imported = import_bytes("pasted.txt", text.as_bytes());
        if let Ok(imported) = imported {
            imported.story.validate().expect("an import is valid");
            check_outputs(&imported.story, text.len(), None);
        }
        assert!(start.elapsed() <= budget(text.len()) * 2);
    });
}

#[test]
fn fuzz_markdown_import() {
    let input = (
        headline(),
        field(),
        proptest::collection::vec(field(), 0..4),
        hostile(40),
        any::<bool>(),
    );
    fuzz(
        "Markdown import",
        input,
        |(title, kicker, tags, body, quoted)| {
            let value = |t: &str| if quoted { yaml(t) } else { t.to_owned() };
            let tags: Vec<String> = tags.iter().map(|t| yaml(t)).collect();
            let text = format!(
                "---\ntitle: {}\nkicker: {}\ntags: [{}]\n---\n{SENTINEL}\n\n{body}",
                value(&title),
                value(&kicker),
                tags.join(", ")
            );
            let start = Instant::now();
            if let Ok(imported) = import_bytes("story.md", text.as_bytes()) {
                imported.story.validate().expect("an import is valid");
                check_outputs(&imported.story, text.len(), Some(SENTINEL));
            }
            assert!(start.elapsed() <= budget(text.len()) * 2);
        },
    );
}

#[test]
fn fuzz_render_and_every_export() {
    fuzz("render and every export", story(), |story| {
        let size = serde_json::to_string(&story).map(|s| s.len()).unwrap_or(0);
        check_outputs(&story, size, Some(SENTINEL));
    });
}

/// Stories whose text skipped every cleaning on the way in (as a library
/// file written by an older version could hold) still leave clean.
#[test]
fn fuzz_unclean_stories_leave_clean() {
    let input = (story(), proptest::collection::vec(control(), 1..20));
    fuzz("unclean stories", input, |(mut story, controls)| {
        let noise = controls.concat();
        story.headline = format!("{noise}{}{noise}", story.headline);
        story.body = format!("{}{noise}", story.body);
        for m in &mut story.media {
            m.caption.push_str(&noise);
        }
        for r in &mut story.related {
            r.title.insert_str(0, &noise);
        }
        let size = serde_json::to_string(&story).map(|s| s.len()).unwrap_or(0);
        check_outputs(&story, size, Some(SENTINEL));
    });
}

/// What an import made, cleaned again: it must not change (issue
/// "Hardening" #8: every way in cleans text the same way).
fn assert_import_is_clean(name: &str, text: &str) {
    if let Ok(imported) = import_bytes(name, text.as_bytes()) {
        let mut story = imported.story;
        let before = story.clone();
        story.clean_text();
        assert_eq!(story, before, "the import left text to clean");
    }
}

#[test]
fn fuzz_pasted_imports_come_out_clean() {
    fuzz("pasted imports come out clean", hostile(40), |paste| {
        assert_import_is_clean("pasted.txt", &paste);
    });
}

/// Front matter and body as read today keep control characters: the
/// Markdown importer is to apply `Story::clean_text` (its owner's change).
#[test]
fn fuzz_markdown_imports_come_out_clean() {
    let input = (headline(), field(), hostile(30));
    fuzz(
        "Markdown imports come out clean",
        input,
        |(title, kicker, body)| {
            let text = format!(
                "---\ntitle: {}\nkicker: {}\n---\n{body}",
                yaml(&title),
                yaml(&kicker)
            );
            assert_import_is_clean("story.md", &text);
        },
    );
}
