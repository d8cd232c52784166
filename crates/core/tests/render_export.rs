//! The rendered article and every export format for the fixture stories:
//! what each shows, what none ever carries (internal notes), and snapshots.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod story_fixtures;

use dateline_core::export::{self, html::data_uri, ExportOptions, Format};
use dateline_core::render::{render_article, RenderOptions};
use dateline_core::Story;
use story_fixtures::{full, hostile, media_bytes, minimal, SECRET};

fn inline(media: &dateline_core::Media) -> Option<String> {
    data_uri(media, media_bytes(media)?)
}

fn preview(story: &Story) -> String {
    let opts = RenderOptions {
        image_src: &inline,
        ..RenderOptions::default()
    };
    render_article(story, &opts).expect("the template renders")
}

fn options(base: Option<&str>) -> ExportOptions<'static> {
    ExportOptions {
        media_bytes: &media_bytes,
        media_base_url: base.map(str::to_owned),
        ..ExportOptions::default()
    }
}

fn exported(story: &Story, format: Format, base: Option<&str>) -> String {
    let out = export::export(story, format, &options(base)).expect("export works");
    String::from_utf8(out.bytes).expect("exports are UTF-8")
}

/// The stylesheet is the same in every page; snapshots show the page around it.
fn without_css(page: &str) -> String {
    match (page.find("<style>"), page.find("</style>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}<style>/* article.css */{}", &page[..start], &page[end..])
        }
        _ => page.to_owned(),
    }
}

const BASE: &str = "https://cdn.news.example/pictures";

#[test]
fn snapshots_of_every_output() {
    for (name, story, base) in [
        ("full", full(), Some(BASE)),
        ("minimal", minimal(), None),
        ("hostile", hostile(), None),
    ] {
        insta::assert_snapshot!(format!("{name}_preview"), without_css(&preview(&story)));
        for format in Format::ALL {
            let text = exported(&story, format, base);
            let text = if format == Format::Html {
                without_css(&text)
            } else {
                text
            };
            insta::assert_snapshot!(format!("{name}_{}", format.as_str()), text);
        }
    }
}

#[test]
fn internal_notes_never_leave() {
    for story in [full(), minimal(), hostile()] {
        assert!(!preview(&story).contains(SECRET));
        for format in Format::ALL {
            for base in [None, Some(BASE)] {
                let text = exported(&story, format, base);
                assert!(!text.contains(SECRET), "{format} carries a note");
                assert!(
                    !text.contains("Night editor"),
                    "{format} names a note's author"
                );
                assert!(!text.contains("editor_note") && !text.contains("ednote"));
            }
        }
    }
}

/// A body with every kind of CriticMarkup: suggestions signed and not, a
/// merge conflict, a highlight with its comment and a comment on its own.
const MARKED_UP: &str = "Intro {++added words++}{>>Ada Reyes | 2026-12-02T10:04:00Z<<} and \
    {--removed words--} then {~~old figure~>new figure~~}{>>Ben | 2026-12-02T10:04:00Z | conflict<<} \
    and {==highlighted words==}{>>why these?<<} and {>>a lone remark<<}.\n\n\
    A second paragraph {++with more++} and an unclosed {++ brace.";

/// CriticMarkup markers as text, as HTML escapes them and as JSON might.
const MARKERS: &[&str] = &[
    "{++",
    "{--",
    "{~~",
    "~>",
    "{>>",
    "<<}",
    "{==",
    "~&gt;",
    "{&gt;&gt;",
    "&lt;&lt;}",
    "~\\u003e",
    "\\u003c\\u003c}",
];

fn marker_free(text: &str) -> bool {
    // The unclosed "{++ brace" is text, not markup: it may stay.
    let text = text.replace("{++ brace", "");
    MARKERS.iter().all(|m| !text.contains(m))
}

#[test]
fn no_critic_markup_leaves_in_any_output() {
    let mut story = full();
    story.body = MARKED_UP.into();
    let page = preview(&story);
    assert!(marker_free(&page), "{page}");
    assert!(page.contains("removed words") && page.contains("old figure"));
    assert!(page.contains("highlighted words"));
    for hidden in [
        "added words",
        "new figure",
        "why these",
        "lone remark",
        "Ada Reyes",
    ] {
        assert!(!page.contains(hidden), "{hidden} in the preview");
    }
    for format in Format::ALL {
        for base in [None, Some(BASE)] {
            let text = exported(&story, format, base);
            assert!(marker_free(&text), "{format} carries markup:\n{text}");
            assert!(!text.contains("lone remark"), "{format} carries a comment");
            assert!(!text.contains("added words"), "{format} takes a suggestion");
        }
    }
    let fragment = dateline_core::render::render_body_html(MARKED_UP);
    assert!(marker_free(&fragment), "{fragment}");
}

#[test]
fn the_preview_can_show_every_suggestion_taken() {
    use dateline_core::render::render_article_with_suggestions;
    use dateline_core::review::{critic, Decision};
    let mut story = full();
    story.body = MARKED_UP.into();
    let opts = RenderOptions::default();
    let taken = render_article_with_suggestions(&story, &opts, Decision::Accept).unwrap();
    // The app's way: the body decided first, then the usual render.
    let mut decided = story.clone();
    decided.body = critic::resolve_all(&story.body, Decision::Accept).into_owned();
    let page = render_article(&decided, &opts).unwrap();
    assert_eq!(page, taken.html);
    assert!(marker_free(&page), "{page}");
    assert!(page.contains("added words") && page.contains("new figure"));
    assert!(page.contains("with more") && page.contains("highlighted words"));
    assert!(!page.contains("removed words") && !page.contains("old figure"));
    assert!(!page.contains("lone remark"));
}

#[test]
fn the_preview_shows_every_part_of_the_page() {
    let page = preview(&full());
    for part in [
        "<!DOCTYPE html>",
        "<html lang=\"en\">",
        "<title>Skarra ferry strike ends: sailings resume, fares unchanged</title>",
        "<p class=\"kicker\" dir=\"auto\">Transport</p>",
        "<h1 class=\"headline\" dir=\"auto\">Skarra ferries sail again as 19-day strike ends</h1>",
        "<p class=\"standfirst\" dir=\"auto\">Crews win a fifth deckhand",
        " dir=\"auto\" href=\"https://news.example/staff/maja-lindqvist\" rel=\"author noopener noreferrer\">Maja Lindqvist</a><span class=\"role\" dir=\"auto\">Transport correspondent</span>",
        "<span class=\"author\" dir=\"auto\">Pedro Alves</span><span class=\"role\" dir=\"auto\">Photographer</span>",
        "<time datetime=\"2026-02-11T09:30:00+00:00\">February 11, 2026</time>",
        "<span class=\"reading-time\">2 min read</span>",
        "<figure class=\"picture hero\">\n<img src=\"data:image/png;base64,iVBOR",
        "<span class=\"caption\" dir=\"auto\">Commuters board the first sailing from the north quay.</span> <span class=\"credit\" dir=\"auto\">Pedro Alves/News Desk</span>",
        "<p><span class=\"dateline\">HALVIK –</span> Passenger ferries returned",
        "<h2 id=\"what-changes-for-passengers\">What changes for passengers</h2>",
        "<blockquote>\n<p>The crews were never asking for more money.",
        "<del>Both sides</del>",
        "<th style=\"text-align:right\">Sailings a day</th>",
        "“We queued in the dark and nobody complained,”",
        "the cost – roughly 1.2 million crowns –",
        "<a href=\"https://skarra-line.example/news\" rel=\"noopener noreferrer\">Skarra Line</a>",
        "<div class=\"footnotes\">",
        "<span class=\"caption\" dir=\"auto\">Union and operator negotiators leave the harbour office.</span>",
        "<h2 id=\"related-heading\">Related</h2>",
        "Skarra ferry crews walk out over staffing</a>",
        "<p dir=\"auto\">The strike began after a deckhand was injured in a January storm.</p>",
    ] {
        assert!(page.contains(part), "missing {part:?} in\n{page}");
    }
    assert_eq!(page.matches("<figure").count(), 2);
    assert_eq!(page.matches("<h1").count(), 1, "one h1: the headline");
    // The preview carries no export metadata.
    assert!(!page.contains("og:title") && !page.contains("ld+json"));
    // The hero comes before the body, the other picture after it.
    let hero = page
        .find("<figure class=\"picture hero\">")
        .unwrap_or(usize::MAX);
    let body = page
        .find("<div class=\"story-body\" dir=\"auto\">")
        .unwrap_or(0);
    let second = page.find("harbour office.</span>").unwrap_or(0);
    assert!(hero < body && body < second);
}

#[test]
fn the_minimal_page_has_no_empty_parts() {
    let page = without_css(&preview(&minimal()));
    assert!(page
        .contains("<h1 class=\"headline\" dir=\"auto\">Library opens on Sundays from April</h1>"));
    assert!(page.contains("<p>The central library will open"));
    for absent in [
        "kicker",
        "standfirst",
        "bylines",
        "<figure",
        "Related",
        "dateline",
        "<time",
    ] {
        assert!(!page.contains(absent), "{absent} shown for a minimal story");
    }
    assert!(page.contains("1 min read"));
}

#[test]
fn the_html_export_is_the_preview_plus_metadata() {
    let story = full();
    let page = exported(&story, Format::Html, Some(BASE));
    let preview = preview(&story);
    // Same article: the body of the page is identical.
    let article = |p: &str| p[p.find("<body>").unwrap_or(0)..].to_owned();
    assert_eq!(article(&page), article(&preview));
    for part in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\" content=\"The Skarra ferries are back — here is what changes\">",
        "<meta property=\"og:image\" content=\"https://cdn.news.example/pictures/skarra-ferries-sail-again-as-19-day-strike-ends-1.png\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta property=\"article:published_time\" content=\"2026-02-11T09:30:00+00:00\">",
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"",
    ] {
        assert!(page.contains(part), "missing {part:?}");
    }
    let start = page
        .find("application/ld+json\">")
        .map(|i| i + 21)
        .unwrap_or(0);
    let end = page[start..]
        .find("</script>")
        .map(|i| i + start)
        .unwrap_or(0);
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON-LD parses");
    assert_eq!(ld["dateline"], "HALVIK");
    assert_eq!(ld["author"][0]["name"], "Maja Lindqvist");
    assert_eq!(ld["datePublished"], "2026-02-11T09:30:00+00:00");
    // No network needed to show it: both pictures are inlined.
    assert_eq!(page.matches("src=\"data:image/png;base64,").count(), 2);
}

#[test]
fn markdown_names_pictures_written_beside_it() {
    let story = full();
    let out = export::export(&story, Format::Markdown, &options(None)).expect("export");
    let names: Vec<_> = out
        .pictures
        .iter()
        .map(|p| (p.file_name.as_str(), p.media_index))
        .collect();
    assert_eq!(
        names,
        [
            ("skarra-ferries-sail-again-as-19-day-strike-ends-1.png", 0),
            ("skarra-ferries-sail-again-as-19-day-strike-ends-2.png", 1)
        ]
    );
    let text = String::from_utf8(out.bytes).unwrap_or_default();
    let back = dateline_core::frontmatter::from_markdown(&text).expect("reads back");
    assert_eq!(
        back.image_sources,
        names.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(back.story.headline, story.headline);
    assert_eq!(back.story.media[0].credit, story.media[0].credit);
}

#[test]
fn wxr_holds_many_stories_in_order() {
    use dateline_core::export::wxr::{to_wxr, Channel};
    let stories = [full(), minimal(), hostile()];
    let bytes = to_wxr(&stories, &Channel::default(), &options(Some(BASE))).expect("wxr");
    let text = String::from_utf8(bytes).unwrap_or_default();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    // Three posts; the full story's two pictures and the hostile story's one
    // picture with a file (its other one has no stored file name to fetch... it
    // does have one, so two).
    let wp = "http://wordpress.org/export/1.2/";
    let kinds: Vec<String> = items
        .iter()
        .filter_map(|i| i.children().find(|c| c.has_tag_name((wp, "post_type"))))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    assert_eq!(
        kinds,
        [
            "post",
            "attachment",
            "attachment",
            "post",
            "post",
            "attachment",
            "attachment"
        ]
    );
    let ids: Vec<u64> = items
        .iter()
        .filter_map(|i| i.children().find(|c| c.has_tag_name((wp, "post_id"))))
        .filter_map(|n| n.text()?.parse().ok())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7], "ids are unique across stories");
    for item in &items {
        let status = item
            .children()
            .find(|c| c.has_tag_name((wp, "status")))
            .and_then(|n| n.text());
        assert!(matches!(status, Some("draft" | "inherit")), "{status:?}");
    }
    let alt = doc
        .descendants()
        .filter(|n| n.has_tag_name((wp, "meta_key")))
        .filter(|n| n.text() == Some("_wp_attachment_image_alt"))
        .count();
    assert_eq!(alt, 4);
}
