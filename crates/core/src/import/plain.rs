//! Pasted plain text to a structured draft: a web page or a wire story copied as
//! text, read into kicker, headline, standfirst, bylines, date, dateline, picture
//! caption and credit, a Markdown body with subheads, related links and tags.
//!
//! The reading goes down the lines once, in three parts:
//!
//! 1. before the headline: page furniture, a section breadcrumb, the kicker;
//! 2. the header under the headline: the standfirst, bylines, dates, "4 min read",
//!    the lead picture's caption and credit, the headline printed again. It ends
//!    where the first paragraph opens with a dateline, or after the last header
//!    line met before the body's paragraphs run on;
//! 3. the body: paragraphs, subheads, "Related" and tag lists, pictures further
//!    down, and furniture dropped wherever it appears.
//!
//! Every guess is one a reporter can undo in the editor, so the rule throughout
//! is that words that may be the story's own are kept somewhere: only lines that
//! are plainly page furniture, dates, reading times or labels are dropped.

mod byline;
mod dateline;
mod dates;
mod furniture;
mod markdown;
mod media;
mod text;

use chrono::{Datelike, Days, NaiveDate};

use crate::{
    Byline, Media, RelatedLink, Story, MAX_HEADLINE, MAX_LIST, MAX_SHORT_FIELD, MAX_STANDFIRST,
};
use dates::{DateRole, FoundDate};
use media::MediaLine;

/// Reads text pasted from a web page or wire feed into a draft. Total: any text
/// gives a story, perhaps with an empty headline when the paste has no line
/// short enough to be one.
pub fn parse_pasted(text: &str) -> Story {
    let lines = prepare(text);
    let mut reader = Reader::new(&lines);
    let header_start = reader.before_headline();
    let header_end = reader.header_end(header_start);
    reader.header(header_start, header_end);
    let first_body_para = reader.paras.len();
    reader.body(header_end);
    reader.finish(first_body_para)
}

/// One non-blank line of the paste.
#[derive(Debug)]
struct Line {
    /// Trimmed, with runs of whitespace made one space and invisible characters
    /// (zero-width spaces, soft hyphens) removed.
    text: String,
    /// A blank line comes before it: it starts a block.
    blank_before: bool,
    /// It was indented: in hard-wrapped wire copy, the start of a paragraph.
    indented: bool,
    /// It carries on the line above: prose hard-wrapped to a width.
    cont: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Header,
    Body,
}

/// What one line is, judged on its own.
enum Kind {
    Furniture,
    /// "* * *": a section break in the body.
    Break,
    Meta(Meta),
    Media(MediaLine),
    RelatedHeading,
    RelatedInline(String),
    TagsHeading,
    TagsInline(Vec<String>),
    Text,
}

/// Bylines, dates and a reading time found on one line ("By Jane Doe | 30 Dec 2025").
#[derive(Default)]
struct Meta {
    bylines: Vec<Byline>,
    dates: Vec<FoundDate>,
    place: Option<String>,
    read_time: bool,
}

impl Meta {
    /// Only an unlabelled date: in the body that may be the story's own line
    /// (a live page's timestamp), so it is kept as text there.
    fn is_bare_date(&self) -> bool {
        self.bylines.is_empty()
            && !self.read_time
            && self.dates.iter().all(|d| d.role == DateRole::Plain)
    }
}

/// A block of the body before it becomes Markdown.
enum Para {
    Text(String),
    Break,
}

/// Judges one line on its own. In the header an unlabelled agency name
/// ("Getty Images") is a picture credit; in the body it may end a sentence.
fn classify(line: &str, zone: Zone) -> Kind {
    if !line.chars().any(char::is_alphanumeric) {
        return if furniture::is_break(line) {
            Kind::Break
        } else {
            Kind::Furniture
        };
    }
    // Furniture, headings and labels are short; long lines are the story's own.
    if line.len() <= 200 {
        let k = text::key(line);
        if furniture::is_furniture_key(&k) {
            return Kind::Furniture;
        }
        if furniture::is_related_heading(&k) {
            return Kind::RelatedHeading;
        }
        if furniture::is_tags_heading(&k) {
            return Kind::TagsHeading;
        }
    }
    if let Some(title) = furniture::related_inline(line) {
        return Kind::RelatedInline(title.to_owned());
    }
    if let Some(tags) = furniture::tags_inline(line) {
        return Kind::TagsInline(tags);
    }
    if let Some(kind) = parts(line) {
        return kind;
    }
    if let Some(m) = media::parse(line, zone == Zone::Header) {
        return Kind::Media(m);
    }
    Kind::Text
}

/// A line of header facts, perhaps several set side by side: "By Jane Doe |
/// Updated: 30 Dec 2025 · 4 min read". Every part must be one, or the line is text.
fn parts(line: &str) -> Option<Kind> {
    if line.len() > 200 {
        return None;
    }
    let mut meta = Meta::default();
    let mut names = Vec::new();
    let mut furniture_parts = 0;
    for part in line
        .split(['|', '\u{b7}', '\u{2022}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if furniture::is_read_time(part) {
            meta.read_time = true;
        } else if let Some(date) = dates::parse_date_line(part) {
            meta.dates.push(date);
        } else if let Some(found) = byline::parse(part) {
            meta.bylines.extend(found.bylines);
            meta.place = meta.place.or(found.place);
        } else if part.len() < line.len() && furniture::is_furniture(part) {
            // (The whole line was looked up as furniture already.)
            furniture_parts += 1;
        } else if byline::is_name(part) && (2..=4).contains(&text::word_count(part)) {
            // "Jane Doe | 30 Dec 2025": a name beside a date is a byline.
            names.push(part);
        } else {
            return None;
        }
    }
    if !names.is_empty() {
        if meta.dates.is_empty() {
            return None;
        }
        meta.bylines.extend(names.into_iter().map(|name| Byline {
            name: name.to_owned(),
            role: String::new(),
            url: None,
        }));
    }
    if meta.read_time || !meta.dates.is_empty() || !meta.bylines.is_empty() {
        Some(Kind::Meta(meta))
    } else if furniture_parts > 0 {
        Some(Kind::Furniture)
    } else {
        None
    }
}

/// Where the text of a plain header line went, so a wrapped line can follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Nothing,
    Standfirst,
    Extra,
}

struct Reader<'a> {
    lines: &'a [Line],
    story: Story,
    /// The headline as [`text::key`] gives it, to spot it printed again.
    headline_key: String,
    dates: Vec<FoundDate>,
    /// "By Jane Doe in Kabul": the place, for a story with no dateline.
    byline_place: Option<String>,
    paras: Vec<Para>,
    /// The line that gave the last paragraph: a wrapped line joins it, a credit
    /// line under it makes it a caption.
    last_para_line: Option<usize>,
    last_media_line: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(lines: &'a [Line]) -> Self {
        Self {
            lines,
            story: Story::default(),
            headline_key: String::new(),
            dates: Vec::new(),
            byline_place: None,
            paras: Vec::new(),
            last_para_line: None,
            last_media_line: None,
        }
    }

    /// Reads up to and including the headline; gives the index after it.
    fn before_headline(&mut self) -> usize {
        let lines = self.lines;
        let text_follows = |i: usize| {
            lines
                .iter()
                .skip(i + 1)
                .take(6)
                .any(|l| matches!(classify(&l.text, Zone::Header), Kind::Text))
        };
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            let text = line.text.as_str();
            // A known label such as "Comment" is furniture further down; above the
            // headline it is the kicker.
            if self.story.kicker.is_empty() {
                if let Some(kicker) = furniture::known_kicker(text).filter(|_| text_follows(i)) {
                    self.story.kicker = kicker;
                    i += 1;
                    continue;
                }
            }
            match classify(text, Zone::Header) {
                Kind::Furniture | Kind::Break => {
                    i += 1;
                    continue;
                }
                Kind::Meta(meta) => {
                    self.absorb(meta);
                    i += 1;
                    continue;
                }
                Kind::Media(m) => {
                    self.add_media(i, text, m, None, Zone::Header);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if self.story.kicker.is_empty() {
                if let Some(kicker) = furniture::kicker(text).filter(|_| text_follows(i)) {
                    self.story.kicker = kicker;
                    i += 1;
                    continue;
                }
            }
            if self.story.kicker.is_empty() {
                let long_line_follows = lines
                    .iter()
                    .skip(i + 1)
                    .find(|l| !matches!(classify(&l.text, Zone::Header), Kind::Furniture))
                    .is_some_and(|l| {
                        // Headlines rarely end with a full stop; first paragraphs do.
                        (4..=25).contains(&text::word_count(&l.text))
                            && !l.text.ends_with('.')
                            && text_follows(i + 1)
                    });
                if let Some(label) = furniture::section_label(text).filter(|_| long_line_follows) {
                    self.story.kicker = label;
                    i += 1;
                    continue;
                }
            }
            if self.story.section.is_empty() {
                if let Some(section) = furniture::breadcrumb(text).filter(|_| text_follows(i)) {
                    if section.chars().count() <= MAX_SHORT_FIELD {
                        self.story.section = section;
                        i += 1;
                        continue;
                    }
                }
            }
            let (kicker, headline) = match furniture::inline_kicker(text) {
                Some((kicker, headline)) if self.story.kicker.is_empty() => {
                    (Some(kicker), headline)
                }
                _ => (None, text),
            };
            if headline.chars().count() > MAX_HEADLINE {
                // A paragraph, not a headline: the paste starts with the body.
                return i;
            }
            if let Some(kicker) = kicker {
                self.story.kicker = kicker;
            }
            self.story.headline = headline.to_owned();
            self.headline_key = text::key(headline);
            return i + 1;
        }
        i
    }

    fn is_headline_again(&self, text: &str) -> bool {
        !self.headline_key.is_empty()
            && text.len() <= self.story.headline.len() * 2 + 8
            && text::key(text) == self.headline_key
    }

    /// Finds where the header ends: at a paragraph opening with a dateline, or
    /// after the last header line (byline, date, picture, reading time, the
    /// headline again) met before three plain paragraphs in a row.
    fn header_end(&self, start: usize) -> usize {
        let mut plain_run = 0;
        let mut last_header_line = None;
        for (j, line) in self.lines.iter().enumerate().skip(start).take(40) {
            if line.cont {
                continue;
            }
            if self.is_headline_again(&line.text) {
                last_header_line = Some(j);
                plain_run = 0;
                continue;
            }
            match classify(&line.text, Zone::Header) {
                Kind::Meta(_) | Kind::Media(_) => {
                    last_header_line = Some(j);
                    plain_run = 0;
                }
                Kind::RelatedHeading | Kind::TagsHeading => break,
                Kind::Furniture | Kind::Break | Kind::RelatedInline(_) | Kind::TagsInline(_) => {}
                Kind::Text => {
                    if dateline::split(&line.text).is_some() {
                        return j;
                    }
                    plain_run += 1;
                    if plain_run >= 3 {
                        break;
                    }
                }
            }
        }
        last_header_line.map_or(start, |j| j + 1)
    }

    /// Reads the header lines: the first plain line is the standfirst; a plain
    /// line over a credit is a caption; other plain lines open the body.
    fn header(&mut self, start: usize, end: usize) {
        let lines = self.lines;
        let mut extras: Vec<(usize, String)> = Vec::new();
        let mut target = Target::Nothing;
        let mut plain_seen = false;
        // Bylines, dates or pictures already read under the headline.
        let mut facts_seen = false;
        for (j, line) in lines.iter().enumerate().take(end).skip(start) {
            if line.cont && target != Target::Nothing {
                match target {
                    Target::Standfirst => append(&mut self.story.standfirst, &line.text),
                    Target::Extra => {
                        if let Some(last) = extras.last_mut() {
                            append(&mut last.1, &line.text);
                            last.0 = j;
                        }
                    }
                    Target::Nothing => {}
                }
                continue;
            }
            target = Target::Nothing;
            if self.is_headline_again(&line.text) {
                continue;
            }
            match classify(&line.text, Zone::Header) {
                Kind::Furniture | Kind::Break => continue,
                Kind::Meta(meta) => self.absorb(meta),
                Kind::Media(m) => {
                    // A credit right under a plain line: that line was the caption.
                    let caption_above = match (&m, extras.last()) {
                        (MediaLine::Credit(_), Some((k, _)))
                            if k + 1 == j && !self.caption_follows(j) =>
                        {
                            extras.pop().map(|(_, text)| text)
                        }
                        _ => None,
                    };
                    self.add_media(j, &line.text, m, caption_above, Zone::Header);
                }
                Kind::RelatedInline(title) => self.add_related(j, title),
                Kind::TagsInline(tags) => self.add_tags(&tags),
                Kind::RelatedHeading | Kind::TagsHeading | Kind::Text => {
                    // Over a credit, a line is a caption, unless it sits where the
                    // standfirst does: straight under the headline, apart from the credit.
                    let caption = lines.get(j + 1).is_some_and(|next| {
                        (facts_seen || !next.blank_before)
                            && matches!(
                                classify(&next.text, Zone::Header),
                                Kind::Media(MediaLine::Credit(_))
                            )
                    });
                    if !plain_seen
                        && !caption
                        && self.story.standfirst.is_empty()
                        && standfirst_ok(&line.text)
                    {
                        self.story.standfirst = line.text.clone();
                        target = Target::Standfirst;
                    } else {
                        extras.push((j, line.text.clone()));
                        target = Target::Extra;
                    }
                    plain_seen |= !caption;
                    continue;
                }
            }
            facts_seen = true;
        }
        if self.story.standfirst.chars().count() > MAX_STANDFIRST {
            let long = std::mem::take(&mut self.story.standfirst);
            extras.insert(0, (start, long));
        }
        for (j, text) in extras {
            self.paras.push(Para::Text(text));
            self.last_para_line = Some(j);
        }
    }

    fn body(&mut self, start: usize) {
        let lines = self.lines;
        let mut j = start;
        while let Some(line) = lines.get(j) {
            let follows_para = j > 0 && self.last_para_line == Some(j - 1);
            if line.cont && follows_para {
                if let Some(Para::Text(last)) = self.paras.last_mut() {
                    append(last, &line.text);
                    self.last_para_line = Some(j);
                    j += 1;
                    continue;
                }
            }
            if self.is_headline_again(&line.text) {
                j += 1;
                continue;
            }
            match classify(&line.text, Zone::Body) {
                Kind::Furniture => {}
                Kind::Break => self.paras.push(Para::Break),
                Kind::Meta(meta) if meta.is_bare_date() => self.push_text(j, &line.text),
                Kind::Meta(meta) => self.absorb(meta),
                Kind::Media(m) => {
                    let caption_above = match (&m, self.paras.last()) {
                        (MediaLine::Credit(_), Some(Para::Text(above)))
                            if follows_para
                                && media::caption_sized(above)
                                && !self.caption_follows(j) =>
                        {
                            match self.paras.pop() {
                                Some(Para::Text(above)) => Some(above),
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    if caption_above.is_some() {
                        self.last_para_line = None;
                    }
                    self.add_media(j, &line.text, m, caption_above, Zone::Body);
                }
                Kind::RelatedHeading => {
                    j = self.related_list(j + 1);
                    continue;
                }
                Kind::TagsHeading => {
                    j = self.tags_list(j + 1);
                    continue;
                }
                Kind::RelatedInline(title) => self.add_related(j, title),
                Kind::TagsInline(tags) => self.add_tags(&tags),
                Kind::Text => self.push_text(j, &line.text),
            }
            j += 1;
        }
    }

    /// Whether a labelled caption comes next ("Image source, ..." then "Image
    /// caption, ..."): then a credit belongs to it, not to the line above.
    fn caption_follows(&self, j: usize) -> bool {
        self.lines.get(j + 1).is_some_and(|next| {
            matches!(
                classify(&next.text, Zone::Body),
                Kind::Media(MediaLine::Caption(_))
            )
        })
    }

    fn push_text(&mut self, j: usize, text: &str) {
        self.paras.push(Para::Text(text.to_owned()));
        self.last_para_line = Some(j);
    }

    /// Reads the titles under a "Related" heading; gives the index after them.
    /// A list set as one block ends with it; a list of blank-separated lines ends
    /// at the first line too long to be a title.
    fn related_list(&mut self, from: usize) -> usize {
        let lines = self.lines;
        let mut j = from;
        let mut items = 0;
        let mut one_block = None;
        while let Some(line) = lines.get(j) {
            if items > 0 {
                let block = *one_block.get_or_insert(!line.blank_before);
                if block && line.blank_before {
                    break;
                }
            }
            let text = line.text.as_str();
            if text::is_url(text) {
                match self.story.related.last_mut() {
                    Some(last) if items > 0 && last.url.is_empty() => {
                        last.url = text.to_owned();
                        j += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            // A date printed under a title, perhaps without a year and after a
            // "Published" label ("3 January").
            let date_label = matches!(text::key(text).as_str(), "published" | "updated" | "posted");
            if date_label || dates::parse_month_day(text).is_some() {
                j += 1;
                continue;
            }
            match classify(text, Zone::Body) {
                Kind::Meta(meta) if meta.bylines.is_empty() => {}
                Kind::Furniture
                | Kind::Break
                | Kind::RelatedHeading
                | Kind::TagsHeading
                | Kind::TagsInline(_) => break,
                Kind::RelatedInline(title) if self.story.related.len() < MAX_LIST => {
                    self.add_related(j, title);
                    items += 1;
                }
                _ => {
                    let max_words = if one_block == Some(false) { 30 } else { 45 };
                    let title_like = text.chars().count() <= MAX_HEADLINE
                        && text::word_count(text) <= max_words
                        && !text.ends_with(':')
                        && dateline::split(text).is_none()
                        && self.story.related.len() < MAX_LIST;
                    if !title_like {
                        break;
                    }
                    self.add_related(j, text.to_owned());
                    items += 1;
                }
            }
            j += 1;
        }
        j
    }

    /// Reads the topics under a "Tags" heading; gives the index after them. A
    /// short line followed by a paragraph is a subhead, not a topic.
    fn tags_list(&mut self, from: usize) -> usize {
        let lines = self.lines;
        let mut j = from;
        while let Some(line) = lines.get(j) {
            let before_paragraph = lines
                .get(j + 1)
                .is_some_and(|next| text::word_count(&next.text) > 12);
            if before_paragraph || !matches!(classify(&line.text, Zone::Body), Kind::Text) {
                break;
            }
            let topics: Vec<String> = line
                .text
                .split([',', ';', '|', '\u{b7}', '\u{2022}'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
            if topics.is_empty()
                || !topics.iter().all(|t| furniture::is_tag(t))
                || self.story.tags.len() + topics.len() > MAX_LIST
            {
                break;
            }
            self.add_tags(&topics);
            j += 1;
        }
        j
    }

    fn absorb(&mut self, meta: Meta) {
        for byline in meta.bylines {
            let known = self.story.bylines.iter().any(|b| b.name == byline.name);
            let fits = byline.name.chars().count() <= MAX_SHORT_FIELD
                && byline.role.chars().count() <= MAX_SHORT_FIELD;
            if !known && fits && self.story.bylines.len() < MAX_LIST {
                self.story.bylines.push(byline);
            }
        }
        self.dates.extend(meta.dates);
        if self.byline_place.is_none() {
            self.byline_place = meta.place;
        }
    }

    fn add_media(
        &mut self,
        j: usize,
        line: &str,
        m: MediaLine,
        caption_above: Option<String>,
        zone: Zone,
    ) {
        let adjacent = j > 0 && self.last_media_line == Some(j - 1);
        self.last_media_line = Some(j);
        let media = &mut self.story.media;
        match m {
            MediaLine::Credit(credit) if caption_above.is_none() && adjacent => {
                if let Some(last) = media.last_mut().filter(|m| m.credit.is_empty()) {
                    last.credit = credit;
                    return;
                }
                self.new_media(j, line, caption_above.unwrap_or_default(), credit, zone);
            }
            MediaLine::Credit(credit) => {
                self.new_media(j, line, caption_above.unwrap_or_default(), credit, zone);
            }
            MediaLine::Caption(caption) => {
                if adjacent {
                    if let Some(last) = media.last_mut().filter(|m| m.caption.is_empty()) {
                        last.caption = caption;
                        return;
                    }
                }
                self.new_media(j, line, caption, String::new(), zone);
            }
            MediaLine::Captioned { caption, credit } => {
                self.new_media(j, line, caption, credit, zone);
            }
        }
    }

    fn new_media(&mut self, j: usize, line: &str, caption: String, credit: String, zone: Zone) {
        if self.story.media.len() >= MAX_LIST {
            // A paste with hundreds of pictures: keep the words as text.
            self.push_text(j, line);
            return;
        }
        // The first picture in the header is the lead picture.
        let hero = zone == Zone::Header && !self.story.media.iter().any(|m| m.hero);
        self.story.media.push(Media {
            caption,
            credit,
            hero,
            ..Media::default()
        });
    }

    fn add_related(&mut self, j: usize, title: String) {
        if self.story.related.len() >= MAX_LIST {
            self.push_text(j, &title);
            return;
        }
        self.story.related.push(RelatedLink {
            title,
            url: String::new(),
            summary: String::new(),
        });
    }

    fn add_tags(&mut self, tags: &[String]) {
        for tag in tags {
            if self.story.tags.len() < MAX_LIST && !self.story.tags.contains(tag) {
                self.story.tags.push(tag.clone());
            }
        }
    }

    /// Dates, the dateline and the Markdown body, from what was read.
    fn finish(mut self, first_body_para: usize) -> Story {
        let find = |role| self.dates.iter().find(|d| d.role == role);
        let published = find(DateRole::Published)
            .or_else(|| find(DateRole::Plain))
            .or_else(|| self.dates.first())
            .copied();
        if let Some(date) = published {
            self.story.publish_at = Some(date.at);
            self.story.dateline.date = Some(date.local_date);
        }
        if let Some(Para::Text(first)) = self.paras.get_mut(first_body_para) {
            if let Some(found) = dateline::split(first) {
                if found.place.chars().count() <= MAX_SHORT_FIELD {
                    let rest = found.rest.to_owned();
                    self.story.dateline.place = found.place;
                    if let Some((month, day, year)) = found.day {
                        let anchor = published.map(|d| d.local_date);
                        let today = self.story.created_at.date_naive();
                        if let Some(date) = resolve_day(month, day, year, anchor.unwrap_or(today)) {
                            self.story.dateline.date = Some(date);
                        }
                    }
                    if let Some(agency) = found.agency {
                        // The wire service is the story's source: credit it.
                        if !self.story.bylines.iter().any(|b| b.name == agency)
                            && self.story.bylines.len() < MAX_LIST
                        {
                            self.story.bylines.push(Byline {
                                name: agency,
                                role: "Agency".into(),
                                url: None,
                            });
                        }
                    }
                    *first = rest;
                }
            }
        }
        if self.story.dateline.place.is_empty() {
            if let Some(place) = self.byline_place.take() {
                self.story.dateline.place = place;
            }
        }
        self.story.body = render(&self.paras);
        self.story
    }
}

fn standfirst_ok(text: &str) -> bool {
    // A line of two or three words under a headline is a name or a label.
    (4..=60).contains(&text::word_count(text))
        && text.chars().count() <= MAX_STANDFIRST
        && !text.ends_with(':')
        && dateline::split(text).is_none()
}

/// The year of a dateline printed without one ("Dec 30"): the publication
/// date's, or last year's when that would put the dateline well after it (a
/// story filed Dec 30 and published Jan 2).
fn resolve_day(month: u32, day: u32, year: Option<i32>, anchor: NaiveDate) -> Option<NaiveDate> {
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let same_year = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
    if same_year > anchor.checked_add_days(Days::new(31))? {
        NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
    } else {
        Some(same_year)
    }
}

/// Joins a hard-wrapped line to the text before it; a word broken at a hyphen
/// ("well-" / "known") is joined without a space.
fn append(to: &mut String, line: &str) {
    let hyphenated = to.ends_with('-')
        && to.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && text::starts_lower(line);
    if !hyphenated && !to.is_empty() {
        to.push(' ');
    }
    to.push_str(line);
}

/// The body as Markdown: paragraphs apart by a blank line, subheads as `## `,
/// list items kept together.
fn render(paras: &[Para]) -> String {
    let texts: Vec<Option<&str>> = paras
        .iter()
        .map(|p| match p {
            Para::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let candidate: Vec<bool> = texts
        .iter()
        .map(|t| t.is_some_and(markdown::is_subhead))
        .collect();
    // A subhead stands between paragraphs; short lines in a row are a list.
    let plain_at = |k: Option<usize>| {
        k.and_then(|k| texts.get(k).copied().flatten().map(|_| !candidate[k]))
            .unwrap_or(false)
    };
    let mut out = String::new();
    let mut last_was_item = false;
    for (k, para) in paras.iter().enumerate() {
        let (block, item) = match (para, texts[k]) {
            (Para::Break, _) => ("* * *".to_owned(), false),
            (Para::Text(_), None) => continue,
            (Para::Text(_), Some(t)) => {
                let before_ok =
                    k > 0 && (plain_at(k.checked_sub(1)) || matches!(paras[k - 1], Para::Break));
                if candidate[k] && before_ok && plain_at(Some(k + 1)) {
                    (markdown::heading(t), false)
                } else {
                    (markdown::paragraph(t), markdown::list_item(t).is_some())
                }
            }
        };
        if !out.is_empty() {
            out.push_str(if item && last_was_item { "\n" } else { "\n\n" });
        }
        out.push_str(&block);
        last_was_item = item;
    }
    out
}

/// Splits the paste into lines, taking "\r\n", "\r" and the Unicode line and
/// paragraph separators as line ends.
fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) {
            out.push(text.get(start..i).unwrap_or_default());
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(k, '\n')) = chars.peek() {
                    chars.next();
                    end = k + 1;
                }
            }
            start = end;
        }
    }
    out.push(text.get(start..).unwrap_or_default());
    out
}

fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        let invisible = matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}');
        if invisible || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

fn prepare(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank = true;
    for raw in split_lines(text) {
        let clean = clean_line(raw);
        if clean.is_empty() {
            blank = true;
            continue;
        }
        lines.push(Line {
            text: clean,
            blank_before: blank,
            indented: raw.starts_with(char::is_whitespace),
            cont: false,
        });
        blank = false;
    }
    let mut start = 0;
    while start < lines.len() {
        let len = lines
            .iter()
            .skip(start + 1)
            .take_while(|l| !l.blank_before)
            .count()
            + 1;
        if let Some(block) = lines.get_mut(start..start + len) {
            mark_wrapped(block);
        }
        start += len;
    }
    lines
}

/// Marks the lines of a block that carry on the line above, when the block is
/// prose hard-wrapped to a width (wire copy, e-mail): a line broke there because
/// the next word would not fit. A list of short titles breaks anywhere, so the
/// block must also show a sentence running on into a line that starts in lower case.
fn mark_wrapped(block: &mut [Line]) {
    if block.len() < 2 {
        return;
    }
    let lens: Vec<usize> = block.iter().map(|l| l.text.chars().count()).collect();
    let width = lens.iter().copied().max().unwrap_or(0);
    if !(40..=120).contains(&width) {
        return;
    }
    let all_indented = block.iter().skip(1).all(|l| l.indented);
    let mut joins = vec![false; block.len()];
    let mut forced = 0;
    let mut lower = 0;
    for k in 1..block.len() {
        let next = &block[k];
        let first_word = next.text.split(' ').next().map_or(0, |w| w.chars().count());
        // Tolerance of a few characters: collapsed double spaces shorten lines.
        let broke_for_width = lens[k - 1] + 1 + first_word + 3 >= width;
        let new_paragraph = next.indented && !all_indented;
        if broke_for_width && !new_paragraph {
            joins[k] = true;
            forced += 1;
            if text::starts_lower(&next.text) {
                lower += 1;
            }
        }
    }
    let pairs = block.len() - 1;
    if forced * 2 < pairs || lower == 0 {
        return;
    }
    for (line, join) in block.iter_mut().zip(joins) {
        line.cont = join;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn line_ends_of_every_kind() {
        assert_eq!(
            split_lines("a\r\nb\rc\nd\u{2028}e"),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(split_lines(""), [""]);
        assert_eq!(clean_line("  a\u{200B}b \t c\u{00A0}d  "), "ab c d");
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let text = "The port authority said on Wednesday that night shipping\n\
                    would stop until the crane was removed, and that pilots\n\
                    had been told.\n\
                    \x20  A second paragraph starts here after an indent and\n\
                    runs on.";
        let lines = prepare(text);
        let cont: Vec<bool> = lines.iter().map(|l| l.cont).collect();
        assert_eq!(cont, [false, true, true, false, true]);
        let list = "Council approves new budget for the harbour wall\n\
                    Minister resigns over leaked memo on housing policy\n\
                    Storm closes schools across the northern districts";
        assert!(
            prepare(list).iter().all(|l| !l.cont),
            "titles are not wrapped prose"
        );
    }

    #[test]
    fn dateline_day_gets_a_year() {
        let jan2 = NaiveDate::from_ymd_opt(2026, 1, 2);
        let got = jan2.and_then(|a| resolve_day(12, 30, None, a));
        assert_eq!(got, NaiveDate::from_ymd_opt(2025, 12, 30));
        let dec31 = NaiveDate::from_ymd_opt(2025, 12, 31);
        let got = dec31.and_then(|a| resolve_day(12, 30, None, a));
        assert_eq!(got, NaiveDate::from_ymd_opt(2025, 12, 30));
    }

    fn captions(story: &Story) -> Vec<(&str, &str, bool)> {
        story
            .media
            .iter()
            .map(|m| (m.caption.as_str(), m.credit.as_str(), m.hero))
            .collect()
    }

    #[test]
    fn a_section_name_over_the_headline_is_its_kicker() {
        let story = parse_pasted(
            "Politics\n\nCouncil approves the river crossing\n\nThe vote ends years of \
             argument.\n\nBy Ann Lee\n\nThe council met on Tuesday.",
        );
        assert_eq!(story.kicker, "Politics");
        assert_eq!(story.headline, "Council approves the river crossing");
        assert_eq!(story.standfirst, "The vote ends years of argument.");
        let story =
            parse_pasted("Khalilzad Resigns\n\nThe envoy quit on Tuesday.\n\nHe gave no reason.");
        assert_eq!(
            story.kicker, "",
            "a short headline over its first paragraph"
        );
        assert_eq!(story.headline, "Khalilzad Resigns");
    }

    #[test]
    fn a_picture_in_the_body_takes_the_line_above_as_caption() {
        let story = parse_pasted(
            "Harbour plan approved\n\nThe council met on Tuesday.\n\nIt voted for the plan.\n\n\
             The old wall at high tide.\nPhoto: Jane Doe/Reuters\n\nWork starts in May.",
        );
        assert_eq!(
            captions(&story),
            [("The old wall at high tide.", "Jane Doe/Reuters", false)]
        );
        assert_eq!(
            story.body,
            "The council met on Tuesday.\n\nIt voted for the plan.\n\nWork starts in May."
        );
    }

    #[test]
    fn a_credit_printed_before_its_caption() {
        let story = parse_pasted(
            "Harbour wall to be rebuilt\n\nImage source, Getty Images\n\n\
             Image caption, The wall after the storm\n\nThe council said on Monday it would \
             rebuild the wall.",
        );
        assert_eq!(
            captions(&story),
            [("The wall after the storm", "Getty Images", true)]
        );
        assert_eq!(
            story.body,
            "The council said on Monday it would rebuild the wall."
        );
    }

    #[test]
    fn a_byline_place_stands_in_for_a_missing_dateline() {
        let story = parse_pasted(
            "Harbour wall to be rebuilt\n\nBy Ann Lee in Lerwick\n\nThe council said it would.",
        );
        assert_eq!(story.bylines.len(), 1);
        assert_eq!(story.bylines[0].name, "Ann Lee");
        assert_eq!(story.dateline.place, "Lerwick");
    }

    #[test]
    fn a_wire_day_without_a_year_takes_the_story_year() {
        let story = parse_pasted(
            "Markets rally into the new year\n\nJanuary 2, 2026\n\n\
             LONDON, Dec 31 (Reuters) - Shares rose on the last day of trading.",
        );
        assert_eq!(story.dateline.place, "LONDON");
        assert_eq!(story.dateline.date, NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(
            story.publish_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-01-02T00:00:00+00:00")
        );
        assert_eq!(story.body, "Shares rose on the last day of trading.");
    }

    #[test]
    fn timestamps_and_short_lines_in_a_row_are_not_subheads() {
        let story = parse_pasted(
            "Storm hits the coast\n\nThe warning came early.\n\n10:15\n\nSchools closed.\n\n\
             Ferries\nTrains\nBuses\n\nAll were cancelled by noon.",
        );
        assert!(!story.body.contains("## "), "{}", story.body);
    }

    #[test]
    fn markup_in_the_paste_stays_text() {
        let story = parse_pasted(
            "Council row\n\nThe leader wrote <b>no</b> on the form.\n\n# 1 priority, \
             she said, is *housing*.\n\n2025. A hard year.",
        );
        assert_eq!(
            story.body,
            "The leader wrote \\<b>no\\</b> on the form.\n\n\\# 1 priority, she said, is \
             \\*housing\\*.\n\n2025\\. A hard year."
        );
        assert_eq!(
            crate::words::count_words(&story.body),
            17,
            "no word is read as markup"
        );
    }

    #[test]
    fn a_paste_without_a_headline_line_keeps_its_text() {
        let long = "word ".repeat(80);
        let story = parse_pasted(&format!("{long}\n\nA second paragraph."));
        assert_eq!(story.headline, "");
        assert!(story.body.starts_with("word word"));
        assert!(story.body.ends_with("A second paragraph."));
        assert_eq!(parse_pasted("").headline, "");
        assert_eq!(parse_pasted("\n \n\t").body, "");
    }

    /// Every field a reader or editor sees, as one text to search.
    fn story_text(story: &Story) -> String {
        let mut out = vec![
            story.kicker.clone(),
            story.headline.clone(),
            story.standfirst.clone(),
            story.section.clone(),
            story.body.clone(),
            story.dateline.place.clone(),
        ];
        out.extend(story.tags.iter().cloned());
        for b in &story.bylines {
            out.extend([b.name.clone(), b.role.clone()]);
        }
        for m in &story.media {
            out.extend([m.caption.clone(), m.credit.clone()]);
        }
        for r in &story.related {
            out.extend([r.title.clone(), r.url.clone()]);
        }
        out.join("\n").to_lowercase()
    }

    /// Words that only label a part ("By", "Photo:", "Read more:") and go when
    /// the part is filed in its field.
    const LABEL_WORDS: &[&str] = &[
        "by",
        "written",
        "words",
        "story",
        "reporting",
        "reported",
        "posted",
        "author",
        "authors",
        "byline",
        "photo",
        "photos",
        "photograph",
        "photographs",
        "picture",
        "pictures",
        "pic",
        "image",
        "credit",
        "credits",
        "ic",
        "source",
        "caption",
        "media",
        "courtesy",
        "of",
        "read",
        "more",
        "also",
        "related",
        "see",
        "tags",
        "topics",
        "filed",
        "under",
        "keywords",
        "tagged",
        "in",
        "and",
    ];

    /// Lines the reader drops whole, by what they are on their own: furniture,
    /// breaks, list headings, dates, bylines and reading times (filed as
    /// fields), breadcrumbs.
    fn dropped_whole(line: &str) -> bool {
        matches!(
            classify(line, Zone::Header),
            Kind::Furniture
                | Kind::Break
                | Kind::RelatedHeading
                | Kind::TagsHeading
                | Kind::Meta(_)
        ) || furniture::breadcrumb(line).is_some()
    }

    fn alnum_runs(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }

    fn lost_words(text: &str) -> Vec<String> {
        let story = parse_pasted(text);
        let hay = story_text(&story);
        let dated = story.publish_at.is_some() || story.dateline.date.is_some();
        let mut lost = Vec::new();
        for raw in split_lines(text) {
            let line = clean_line(raw);
            if line.is_empty() || dropped_whole(&line) {
                continue;
            }
            for word in alnum_runs(&line) {
                let lower = word.to_lowercase();
                let label = LABEL_WORDS.contains(&lower.as_str());
                // A dateline's "Dec 30" is filed as the dateline's date.
                let date_word = dated
                    && (word.chars().all(|c| c.is_ascii_digit())
                        || dates::month(word).is_some()
                        || dates::is_weekday(word));
                if !label && !date_word && !hay.contains(&lower) {
                    lost.push(format!("{word:?} of {line:?}"));
                }
            }
        }
        lost
    }

    /// Lines of every kind the reader tells apart, to be shuffled into pastes.
    fn tricky_line() -> impl Strategy<Value = String> {
        let fixed = prop::sample::select(vec![
            "Newsflash:",
            "EXCLUSIVE",
            "Analysis",
            "Breaking: Council approves the river crossing",
            "News \u{203a} World",
            "4 min read",
            "By Jane Doe",
            "By Jane Doe, Staff reporter",
            "By Tuesday, officials had left.",
            "Updated: 30 Dec 2025, 10:32 GMT",
            "December 30, 2025",
            "Jane Doe | 30 Dec 2025",
            "A ship in the harbour. [IC: X/@handle]",
            "Photo: Jane Doe/Reuters",
            "Getty Images",
            "Image caption, Crews at work",
            "KABUL \u{2014} The envoy arrived on Tuesday.",
            "LONDON, Dec 3 (Reuters) - Prices rose.",
            "Kabul \u{2013} ",
            "The Security Gap",
            "What happens next?",
            "Related Articles",
            "Read more: Port strike ends",
            "Topics",
            "Tags: Ports, Weather",
            "https://example.com/a",
            "\u{2022} A list item",
            "1. A numbered item",
            "# not a heading",
            "* * *",
            "<script>alert(1)</script>",
            "Share this article",
            "Advertisement",
            "Post a comment",
            "\u{a9} 2025 Example. All rights reserved.",
            "\u{201c}We will stay,\u{201d} she said.",
            "",
            "   indented line of text that runs on for a while, as wire copy does",
            "lower-case carry-on of the line above it",
        ])
        .prop_map(str::to_owned);
        prop_oneof![
            3 => fixed,
            1 => "[A-Za-z][a-z]{0,8}( [a-z]{1,8}){0,12}[.?:]?",
            1 => "\\PC{0,40}",
        ]
    }

    fn paste() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            (
                prop::collection::vec(tricky_line(), 0..30),
                prop::sample::select(vec!["\n", "\n\n", "\r\n", "\n \n"]),
            )
                .prop_map(|(lines, sep)| lines.join(sep)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Total, and every word of a line that is not dropped whole as furniture
        /// or filed as a date, byline or reading time ends up in some field.
        #[test]
        fn words_are_kept_unless_furniture(text in paste()) {
            let story = parse_pasted(&text);
            if !story.headline.trim().is_empty() {
                prop_assert!(story.validate().is_ok(), "{:?}", story.validate());
            }
            let lost = lost_words(&text);
            prop_assert!(lost.is_empty(), "lost {:?}\nfrom {:?}", lost, text);
        }
    }
}
