//! Stories for the render and export tests and benchmarks: a full one with every
//! part, a minimal one, a hostile one, and a long one. The news is invented.
//! Ids and timestamps are fixed so snapshots do not move.

#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use dateline_core::{
    Byline, Correction, CorrectionKind, Dateline, HeadlineVariants, Media, MediaFile, Note,
    RelatedLink, Status, Story, StoryId,
};
use uuid::Uuid;

/// Words that must never leave the app: every fixture's notes carry them.
pub const SECRET: &str = "NOTE-SECRET";

/// A 1×1 blue PNG.
pub const BLUE_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x90, 0x8b, 0x5a, 0x00,
    0x00, 0x01, 0xb2, 0x01, 0x19, 0xff, 0xad, 0xa7, 0x98, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A 1×1 amber PNG.
pub const AMBER_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x38, 0x51, 0xa1, 0x01,
    0x00, 0x03, 0x74, 0x01, 0x69, 0xf5, 0x07, 0x03, 0x7b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The library's bytes for a fixture picture, found by its hash.
pub fn media_bytes(media: &Media) -> Option<Vec<u8>> {
    match media.file.as_ref()?.hash.as_str() {
        "blue" => Some(BLUE_PNG.to_vec()),
        "amber" => Some(AMBER_PNG.to_vec()),
        _ => None,
    }
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0194_0000_0000_7000_8000_0000_0000_0000 | n)
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or_default()
}

fn png(hash: &str, name: &str) -> Option<MediaFile> {
    Some(MediaFile {
        hash: hash.into(),
        file_name: name.into(),
        mime: "image/png".into(),
        size: 69,
    })
}

fn note(n: u128, text: &str) -> Note {
    Note {
        id: id(0x900 + n),
        author: "Night editor".into(),
        text: format!("{SECRET}: {text}"),
        anchor: None,
        created_at: at(2026, 2, 11, 6, 0),
        replies: Vec::new(),
        resolved: None,
    }
}

const FULL_BODY: &str = r#"Passenger ferries returned to the water on Wednesday morning, ending a 19-day stoppage that had cut the island of Skarra off from the mainland except by the weekly supply barge.

The first boat left the north quay at 6:40, some twenty minutes late, carrying about 140 commuters and a pallet of post that had piled up in the sorting office. "We queued in the dark and nobody complained," said Ilse Maren, a nurse who has been sleeping at the hospital in Halvik since the strike began. The operator, [Skarra Line](https://skarra-line.example/news), said the timetable would be back to normal by Friday.[^timetable]

## What changes for passengers

The agreement reached late on Tuesday keeps fares where they were, but changes how the crossings are run:

- two extra sailings at the evening peak, from March
- a crew of five on every boat, up from four
- season tickets extended by 19 days at no charge

> The crews were never asking for more money. They were asking not to be alone on deck in a winter gale.

That was how the union's regional organiser, Tomas Grell, put it outside the harbour office, where the talks had run for eleven hours. ~~Both sides~~ The operator declined to comment on the staffing figures.

## The money

| Route | Sailings a day | From March |
|:------|---------------:|-----------:|
| Halvik – Skarra | 14 | 16 |
| Skarra – Oster Point | 6 | 6 |

The regional council, which subsidises the route, will pay for the fifth crew member for the first year. Councillors are due to vote on the cost -- roughly 1.2 million crowns -- at their next meeting.

[^timetable]: The Friday timetable still lists the 22:10 sailing, which runs only in summer.
"#;

/// Every part of a story, with two pictures, three related links and notes
/// that must never appear.
pub fn full() -> Story {
    Story {
        id: StoryId(id(1)),
        status: Status::Ready,
        kicker: "Transport".into(),
        headline: "Skarra ferries sail again as 19-day strike ends".into(),
        headlines: HeadlineVariants {
            seo: "Skarra ferry strike ends: sailings resume, fares unchanged".into(),
            social: "The Skarra ferries are back — here is what changes".into(),
            print: "Ferries back after strike".into(),
        },
        standfirst: "Crews win a fifth deckhand on every boat; the council pays for the first year"
            .into(),
        meta_description: "Ferries between Halvik and Skarra resumed on Wednesday after a 19-day strike. Fares stay the same; crews grow from four to five."
            .into(),
        bylines: vec![
            Byline {
                name: "Maja Lindqvist".into(),
                role: "Transport correspondent".into(),
                url: Some("https://news.example/staff/maja-lindqvist".into()),
            },
            Byline {
                name: "Pedro Alves".into(),
                role: "Photographer".into(),
                url: None,
            },
        ],
        dateline: Dateline {
            place: "Halvik".into(),
            date: None,
        },
        publish_at: Some(at(2026, 2, 11, 9, 30)),
        embargo_until: Some(at(2026, 2, 11, 9, 0)),
        section: "Regional".into(),
        tags: vec!["ferries".into(), "strikes".into(), "Skarra".into()],
        focus_keyphrase: "Skarra ferry strike".into(),
        body: FULL_BODY.into(),
        media: vec![
            Media {
                id: id(0x101),
                file: png("blue", "north-quay.png"),
                caption: "Commuters board the first sailing from the north quay.".into(),
                credit: "Pedro Alves/News Desk".into(),
                alt_text: "A queue of people in winter coats walking up a ferry ramp at dawn"
                    .into(),
                rights: "Staff photo".into(),
                hero: true,
            },
            Media {
                id: id(0x102),
                file: png("amber", "harbour-office.png"),
                caption: "Union and operator negotiators leave the harbour office.".into(),
                credit: "Pedro Alves/News Desk".into(),
                alt_text: "Four people in coats walking out of a low brick building".into(),
                rights: String::new(),
                hero: false,
            },
        ],
        related: vec![
            RelatedLink {
                title: "Skarra ferry crews walk out over staffing".into(),
                url: "https://news.example/2026/01/skarra-ferry-strike".into(),
                summary: "The strike began after a deckhand was injured in a January storm."
                    .into(),
            },
            RelatedLink {
                title: "Council weighs new subsidy for island routes".into(),
                url: "https://news.example/2025/11/island-route-subsidy".into(),
                summary: "Three routes lose money every winter.".into(),
            },
            RelatedLink {
                title: "Opinion: an island needs its boats".into(),
                url: "https://news.example/opinion/island-boats".into(),
                summary: String::new(),
            },
        ],
        notes: vec![
            note(1, "check the 1.2 million figure with the council press office"),
            note(2, "Grell quote was on the phone, not outside the office"),
        ],
        suggestions: Vec::new(),
        corrections: vec![Correction {
            kind: CorrectionKind::Correction,
            text: "An earlier version gave the strike's length as 18 days; it lasted 19.".into(),
            at: at(2026, 2, 12, 10, 0),
        }],
        version: 7,
        created_at: at(2026, 2, 10, 21, 15),
        updated_at: at(2026, 2, 11, 8, 55),
    }
}

/// A headline and one paragraph.
pub fn minimal() -> Story {
    Story {
        id: StoryId(id(2)),
        headline: "Library opens on Sundays from April".into(),
        body: "The central library will open from noon to five on Sundays, starting in April."
            .into(),
        created_at: at(2026, 3, 2, 10, 0),
        updated_at: at(2026, 3, 2, 10, 5),
        ..Story::default()
    }
}

/// Text a reader must see exactly as typed: right-to-left scripts, CJK,
/// emoji with zero-width joiners, combining marks, a bidi override.
pub const ODD_UNICODE: &str = "مرحبا بالعالم · שלום עולם · 你好，世界 · 東京 · 👩\u{200D}👩\u{200D}👧\u{200D}👦 🏳\u{FE0F}\u{200D}🌈 · e\u{301}te\u{301} · \u{200F}\u{202E}override\u{202C}";

const HOSTILE_BODY: &str = r#"<script>alert('body')</script><p onclick="alert(1)">Plain words stay.</p>

<iframe src="https://evil.example/frame"></iframe><object data="evil.swf"></object><embed src="evil.swf"><form action="https://evil.example"><input name="q"><button formaction="javascript:alert(2)">go</button></form>

A [script link](javascript:alert(3)), a [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==), a [vb link](vbscript:msgbox), an autolink <javascript:alert(5)> and an ![image](javascript:alert(6)).

<img src="x" onerror="alert(7)"><img src="data:image/svg+xml,<svg onload=alert(8)>"><svg><script>alert(9)</script></svg><math><mi xlink:href="javascript:alert(10)">m</mi></math>

<a href=" JaVaScRiPt:alert(11)">spaced</a> <a href="jav&#x09;ascript:alert(12)">tabbed</a> <style>body{display:none}</style><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">

## <span onmouseover="alert(13)">Subhead</span> {#evil" onclick="alert(14)}

{ODD}

[^x]: <script>alert(15)</script>Footnote [bad](javascript:alert(16)).
"#;

/// Script tags, event handlers, `javascript:`/`data:` links and frames in every
/// field and the body, with odd Unicode around them.
pub fn hostile() -> Story {
    let evil = |field: &str| {
        format!("<script>alert('{field}')</script><img src=x onerror=alert(1)> ]]> {ODD_UNICODE}")
    };
    Story {
        id: StoryId(id(3)),
        status: Status::InReview,
        kicker: "<b onmouseover=alert(1)>K</b> ]]> \u{202E}".into(),
        headline: evil("headline"),
        headlines: HeadlineVariants {
            seo: "</title><script>alert('seo')</script>".into(),
            social: "\"><svg onload=alert('social')>".into(),
            print: "<iframe src=javascript:alert('print')>".into(),
        },
        standfirst: evil("standfirst"),
        meta_description: "\" onfocus=\"alert('meta')\" autofocus=\"".into(),
        bylines: vec![Byline {
            name: "<a href=javascript:alert('by')>Eve</a> 李".into(),
            role: "\"><script>alert('role')</script>".into(),
            url: Some("javascript:alert('byline url')".into()),
        }],
        dateline: Dateline {
            place: "<i>Tel Aviv</i> تل أبيب".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 5),
        },
        publish_at: Some(at(2026, 1, 5, 12, 0)),
        embargo_until: None,
        section: "</script><script>alert('section')</script>".into(),
        tags: vec![
            "<script>tag</script>".into(),
            "data:text/html,<b>".into(),
            "東京".into(),
        ],
        focus_keyphrase: "<svg/onload=alert('kw')>".into(),
        body: HOSTILE_BODY.replace("{ODD}", ODD_UNICODE),
        media: vec![
            Media {
                id: id(0x301),
                file: png("blue", "<script>.png"),
                caption: evil("caption"),
                credit: "<a href=\"javascript:alert('credit')\">X</a>/@handle".into(),
                alt_text: "\" onerror=\"alert('alt')".into(),
                rights: "]]><script>alert('rights')</script>".into(),
                hero: true,
            },
            Media {
                id: id(0x302),
                file: Some(MediaFile {
                    hash: "missing".into(),
                    file_name: "../../../etc/passwd".into(),
                    mime: "text/html".into(),
                    size: 10,
                }),
                caption: "Second <iframe srcdoc='<script>alert(1)</script>'>".into(),
                credit: ODD_UNICODE.into(),
                alt_text: ODD_UNICODE.into(),
                rights: String::new(),
                hero: false,
            },
        ],
        related: vec![
            RelatedLink {
                title: "<script>alert('related')</script>".into(),
                url: "javascript:alert('related url')".into(),
                summary: evil("summary"),
            },
            RelatedLink {
                title: "Data link".into(),
                url: "data:text/html,<script>alert(1)</script>".into(),
                summary: String::new(),
            },
        ],
        notes: vec![note(3, "<script>alert('note')</script>")],
        suggestions: Vec::new(),
        corrections: vec![Correction {
            kind: CorrectionKind::Update,
            text: evil("correction"),
            at: at(2026, 1, 6, 9, 0),
        }],
        version: 2,
        created_at: at(2026, 1, 5, 11, 0),
        updated_at: at(2026, 1, 5, 11, 30),
    }
}

const LONG_PARAGRAPHS: &[&str] = &[
    "The harbour board met for six hours on Monday and came out with a plan that nobody in the room had expected at the start of the day. Under it, the old grain pier will be rebuilt as a public walkway, the fish market will move two hundred metres east, and the ferries will share a single berth for the first time since the 1970s.",
    "Engineers had warned for years that the pier's timber piles were rotting faster than they could be replaced. A survey last autumn found that a third of them had lost more than half of their strength, and the board closed the outer end to vehicles in December.",
    "\"We could have patched it again,\" said the board's chair, Annika Solberg. \"But every patch has bought us less time than the one before, and the people who fish from it, walk on it and work on it deserve something that lasts.\"",
    "The cost, put at 48 million crowns over four years, will be split between the port, the regional council and a national fund for coastal infrastructure. The council's share still needs a vote, which is expected in May.",
    "Not everyone is pleased. Traders at the fish market, which has stood on the same cobbled square since 1911, say the new site is further from the car park and exposed to the north wind. Several of them walked out of the public session in protest.",
    "Board members said they would look again at the layout of the new market hall, including a covered walkway to the car park, before the final designs are published in the summer.",
];

/// About 1,250 words with subheads, a quote and a list, for the benchmarks.
pub fn long() -> Story {
    let mut body = String::new();
    let mut words = 0;
    for (i, p) in LONG_PARAGRAPHS.iter().cycle().enumerate() {
        if words >= 1_250 {
            break;
        }
        if i % LONG_PARAGRAPHS.len() == 0 {
            let part = i / LONG_PARAGRAPHS.len() + 1;
            body.push_str(&format!("## Part {part}: the pier and the market\n\n"));
        }
        if i % LONG_PARAGRAPHS.len() == 3 {
            body.push_str("> Every patch has bought us less time than the one before.\n\n");
            body.push_str("- the pier\n- the market\n- the berth\n\n");
        }
        body.push_str(p);
        body.push_str("\n\n");
        words = dateline_core::words::count_words(&body);
    }
    let mut story = full();
    story.id = StoryId(id(4));
    story.body = body;
    story
}
