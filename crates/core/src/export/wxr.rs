//! WordPress eXtended RSS (WXR 1.2), the file WordPress's importer reads: each
//! story a draft post, each picture an attachment with its caption and alt text,
//! the hero its featured image.
//!
//! Written by hand, element by element, so any number of stories stream into
//! one file without being held in memory: [`WxrWriter::new`], then
//! [`WxrWriter::write_story`] for each story, then [`WxrWriter::finish`].

use std::io::Write;

use chrono::{DateTime, Utc};

use super::{picture_file_name, slug, ExportError, ExportOptions};
use crate::render::{body_html, escape_html};
use crate::Story;

/// The site the file says it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub title: String,
    /// The site's address; WordPress prefixes it to attachment URLs that start
    /// with `/`.
    pub site_url: String,
    pub language: String,
}

impl Default for Channel {
    fn default() -> Self {
        Self {
            title: "Dateline export".to_owned(),
            site_url: String::new(),
            language: "en".to_owned(),
        }
    }
}

/// Writes a WXR file story by story.
pub struct WxrWriter<W: Write> {
    out: W,
    next_id: u64,
}

impl<W: Write> WxrWriter<W> {
    /// Starts the file: the XML declaration, namespaces and channel header.
    pub fn new(mut out: W, channel: &Channel) -> Result<Self, ExportError> {
        let site = xml_escape(channel.site_url.trim());
        write!(
            out,
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<!-- A WordPress eXtended RSS file written by Dateline, for Tools > Import > WordPress. -->\n",
                "<rss version=\"2.0\"\n",
                "\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n",
                "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n",
                "\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n",
                "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n",
                "\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n",
                ">\n<channel>\n",
                "\t<title>{title}</title>\n",
                "\t<link>{site}</link>\n",
                "\t<description></description>\n",
                "\t<language>{lang}</language>\n",
                "\t<wp:wxr_version>1.2</wp:wxr_version>\n",
                "\t<wp:base_site_url>{site}</wp:base_site_url>\n",
                "\t<wp:base_blog_url>{site}</wp:base_blog_url>\n",
                "\t<generator>Dateline</generator>\n",
            ),
            title = xml_escape(&channel.title),
            site = site,
            lang = xml_escape(&channel.language),
        )?;
        Ok(Self { out, next_id: 1 })
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Writes one story as a draft post, then its pictures as attachments.
    pub fn write_story(
        &mut self,
        story: &Story,
        opts: &ExportOptions<'_>,
    ) -> Result<(), ExportError> {
        let story = &*crate::render::for_export(story);
        let post_id = self.take_id();
        // Pictures without a file have nothing for WordPress to fetch.
        let pictures: Vec<(usize, u64, String)> = (0..story.media.len())
            .filter_map(|i| Some((i, opts.picture_url(story, i)?)))
            .map(|(i, url)| (i, self.take_id(), url))
            .collect();
        let when = story.publish_at.unwrap_or(story.created_at);
        let slug = slug(story);
        let out = &mut self.out;

        out.write_all(b"\t<item>\n")?;
        element(out, "title", &cdata(&escape_html(&story.headline)))?;
        element(out, "pubDate", &when.to_rfc2822())?;
        let creator = story
            .bylines
            .iter()
            .map(|b| b.name.trim())
            .find(|n| !n.is_empty())
            .unwrap_or("dateline");
        element(out, "dc:creator", &cdata(creator))?;
        writeln!(
            out,
            "\t\t<guid isPermaLink=\"false\">urn:uuid:{}</guid>",
            story.id
        )?;
        element(out, "description", "")?;
        element(
            out,
            "content:encoded",
            &cdata(&post_content(story, opts, &pictures)),
        )?;
        element(
            out,
            "excerpt:encoded",
            &cdata(&escape_html(&story.standfirst)),
        )?;
        post_fields(
            out,
            post_id,
            when,
            story.updated_at,
            &slug,
            "draft",
            0,
            "post",
        )?;
        if !story.section.trim().is_empty() {
            category(out, "category", &story.section)?;
        }
        for tag in story.tags.iter().filter(|t| !t.trim().is_empty()) {
            category(out, "post_tag", tag)?;
        }
        if let Some((_, id, _)) = pictures.iter().find(|(i, _, _)| story.media[*i].hero) {
            meta(out, "_thumbnail_id", &id.to_string())?;
        }
        // Yoast SEO's fields, the ones most WordPress newsrooms fill.
        for (key, value) in [
            ("_yoast_wpseo_title", &story.headlines.seo),
            ("_yoast_wpseo_metadesc", &story.meta_description),
            ("_yoast_wpseo_focuskw", &story.focus_keyphrase),
            ("dateline_kicker", &story.kicker),
            ("dateline_headline_social", &story.headlines.social),
            ("dateline_headline_print", &story.headlines.print),
            ("dateline_place", &story.dateline.place),
        ] {
            if !value.trim().is_empty() {
                meta(out, key, value)?;
            }
        }
        for byline in story.bylines.iter().filter(|b| !b.name.trim().is_empty()) {
            let text = if byline.role.trim().is_empty() {
                byline.name.trim().to_owned()
            } else {
                format!("{}, {}", byline.name.trim(), byline.role.trim())
            };
            meta(out, "dateline_byline", &text)?;
        }
        meta(out, "dateline_id", &story.id.to_string())?;
        out.write_all(b"\t</item>\n")?;

        for (index, id, url) in &pictures {
            let media = &story.media[*index];
            let name = picture_file_name(story, *index).unwrap_or_default();
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            out.write_all(b"\t<item>\n")?;
            element(out, "title", &cdata(stem))?;
            element(out, "pubDate", &when.to_rfc2822())?;
            element(out, "dc:creator", &cdata(creator))?;
            writeln!(
                out,
                "\t\t<guid isPermaLink=\"false\">urn:uuid:{}</guid>",
                media.id
            )?;
            element(out, "description", "")?;
            let mut about = Vec::new();
            if !media.credit.trim().is_empty() {
                about.push(format!("Credit: {}", media.credit.trim()));
            }
            if !media.rights.trim().is_empty() {
                about.push(format!("Rights: {}", media.rights.trim()));
            }
            element(
                out,
                "content:encoded",
                &cdata(&escape_html(&about.join("\n"))),
            )?;
            // WordPress keeps an attachment's caption in its excerpt.
            element(out, "excerpt:encoded", &cdata(&escape_html(&media.caption)))?;
            post_fields(
                out,
                *id,
                when,
                story.updated_at,
                stem,
                "inherit",
                post_id,
                "attachment",
            )?;
            element(out, "wp:attachment_url", &cdata(url))?;
            if !media.alt_text.trim().is_empty() {
                meta(out, "_wp_attachment_image_alt", &media.alt_text)?;
            }
            if !media.credit.trim().is_empty() {
                meta(out, "dateline_credit", &media.credit)?;
            }
            out.write_all(b"\t</item>\n")?;
        }
        Ok(())
    }

    /// Closes the file and hands back the writer, flushed.
    pub fn finish(mut self) -> Result<W, ExportError> {
        self.out.write_all(b"</channel>\n</rss>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Many stories in one WXR file, in memory.
pub fn to_wxr<'s>(
    stories: impl IntoIterator<Item = &'s Story>,
    channel: &Channel,
    opts: &ExportOptions<'_>,
) -> Result<Vec<u8>, ExportError> {
    let mut writer = WxrWriter::new(Vec::new(), channel)?;
    for story in stories {
        writer.write_story(story, opts)?;
    }
    writer.finish()
}

/// The post's HTML: the body, the further pictures, the related links.
fn post_content(
    story: &Story,
    opts: &ExportOptions<'_>,
    pictures: &[(usize, u64, String)],
) -> String {
    let mut html = body_html(story, &opts.dateline_separator);
    let figures: Vec<(usize, String)> = pictures
        .iter()
        .filter(|(index, _, _)| !story.media[*index].hero)
        .map(|(index, _, url)| (*index, url.clone()))
        .collect();
    html.push_str(&super::cms::figures_and_related(story, &figures));
    html
}

#[allow(clippy::too_many_arguments)]
fn post_fields(
    out: &mut impl Write,
    id: u64,
    when: DateTime<Utc>,
    modified: DateTime<Utc>,
    name: &str,
    status: &str,
    parent: u64,
    kind: &str,
) -> Result<(), ExportError> {
    let date = |t: DateTime<Utc>| t.format("%Y-%m-%d %H:%M:%S").to_string();
    element(out, "wp:post_id", &id.to_string())?;
    element(out, "wp:post_date", &cdata(&date(when)))?;
    element(out, "wp:post_date_gmt", &cdata(&date(when)))?;
    element(out, "wp:post_modified", &cdata(&date(modified)))?;
    element(out, "wp:post_modified_gmt", &cdata(&date(modified)))?;
    element(out, "wp:comment_status", &cdata("closed"))?;
    element(out, "wp:ping_status", &cdata("closed"))?;
    element(out, "wp:post_name", &cdata(name))?;
    element(out, "wp:status", &cdata(status))?;
    element(out, "wp:post_parent", &parent.to_string())?;
    element(out, "wp:menu_order", "0")?;
    element(out, "wp:post_type", &cdata(kind))?;
    element(out, "wp:post_password", &cdata(""))?;
    element(out, "wp:is_sticky", "0")?;
    Ok(())
}

/// `<name>content</name>`; `content` is already escaped or CDATA.
fn element(out: &mut impl Write, name: &str, content: &str) -> Result<(), ExportError> {
    writeln!(out, "\t\t<{name}>{content}</{name}>")?;
    Ok(())
}

fn category(out: &mut impl Write, domain: &str, name: &str) -> Result<(), ExportError> {
    writeln!(
        out,
        "\t\t<category domain=\"{domain}\" nicename=\"{}\">{}</category>",
        xml_escape(&slug::slugify(name)),
        cdata(&escape_html(name.trim()))
    )?;
    Ok(())
}

fn meta(out: &mut impl Write, key: &str, value: &str) -> Result<(), ExportError> {
    writeln!(
        out,
        "\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{}</wp:meta_key>\n\t\t\t<wp:meta_value>{}</wp:meta_value>\n\t\t</wp:postmeta>",
        cdata(key),
        cdata(value)
    )?;
    Ok(())
}

/// Characters XML 1.0 cannot hold at all, not even escaped: C0 controls other
/// than tab and line ends, and U+FFFE/U+FFFF. They are dropped.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text as a CDATA section; a `]]>` inside is split across two sections.
pub fn cdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 12);
    out.push_str("<![CDATA[");
    for c in text.chars().filter(|&c| xml_char(c)) {
        out.push(c);
        if c == '>' && out.ends_with("]]>") {
            out.truncate(out.len() - 1);
            out.push_str("]]><![CDATA[>");
        }
    }
    out.push_str("]]>");
    out
}

/// Text escaped for XML content or a quoted attribute.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| xml_char(c)) {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_cannot_be_closed_early() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(
            cdata("]]>]]>"),
            "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>"
        );
        assert_eq!(cdata("x\u{0}\u{1}y\u{FFFF}"), "<![CDATA[xy]]>");
        let doc = format!("<r>{}</r>", cdata("a]]>b]]]>c"));
        let parsed =
            roxmltree::Document::parse(&doc).map(|d| d.root_element().text().map(str::to_owned));
        assert_eq!(parsed.ok().flatten().as_deref(), Some("a]]>b]]]>c"));
    }

    #[test]
    fn empty_file_is_well_formed() {
        let bytes = to_wxr([], &Channel::default(), &ExportOptions::default()).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert!(roxmltree::Document::parse(&text).is_ok(), "{text}");
    }
}
