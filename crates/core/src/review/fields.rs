//! The story's text fields by name, as comments, suggestions, diffs and the
//! merge address them: `kicker`, `headline`, `headline.seo`,
//! `headline.social`, `headline.print`, `standfirst`, `meta_description`,
//! `dateline.place`, `dateline.date`, `publish_at`, `section`, `tags`
//! (comma-separated), `focus_keyphrase`, `body`, and per picture
//! `caption:<id>`, `credit:<id>`, `alt_text:<id>`, `rights:<id>`.
//!
//! The names `dateline set` takes for the same fields (`headlines.seo`...,
//! see [`crate::SETTABLE`]) are read as well, and `""` is the body (comments
//! from before anchors named their field). Dates read and write as
//! `2025-12-30`, the publication time as RFC 3339 (`2025-12-30T09:00:00Z`).

use std::borrow::Cow;

use chrono::SecondsFormat;
use uuid::Uuid;

use crate::{Media, ModelError, Story};

/// The story's own fields (pictures aside), by name and label, in the order a
/// form shows them.
pub const STORY_FIELDS: &[(&str, &str)] = &[
    ("kicker", "Kicker"),
    ("headline", "Headline"),
    ("headline.seo", "SEO headline"),
    ("headline.social", "Social headline"),
    ("headline.print", "Print headline"),
    ("standfirst", "Standfirst"),
    ("meta_description", "Meta description"),
    ("dateline.place", "Dateline place"),
    ("dateline.date", "Dateline date"),
    ("publish_at", "Publication time"),
    ("embargo_until", "Embargo"),
    ("section", "Section"),
    ("tags", "Tags"),
    ("focus_keyphrase", "Focus keyphrase"),
    ("body", "Body"),
];

/// Each picture's text fields, by the name before `:<id>` and label.
pub const PICTURE_FIELDS: &[(&str, &str)] = &[
    ("caption", "Caption"),
    ("credit", "Credit"),
    ("alt_text", "Alt text"),
    ("rights", "Rights"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PictureField {
    Caption,
    Credit,
    AltText,
    Rights,
}

impl PictureField {
    fn of(media: &Media, which: PictureField) -> &str {
        match which {
            PictureField::Caption => &media.caption,
            PictureField::Credit => &media.credit,
            PictureField::AltText => &media.alt_text,
            PictureField::Rights => &media.rights,
        }
    }

    fn of_mut(media: &mut Media, which: PictureField) -> &mut String {
        match which {
            PictureField::Caption => &mut media.caption,
            PictureField::Credit => &mut media.credit,
            PictureField::AltText => &mut media.alt_text,
            PictureField::Rights => &mut media.rights,
        }
    }

    fn label(self) -> &'static str {
        match self {
            PictureField::Caption => "Caption",
            PictureField::Credit => "Credit",
            PictureField::AltText => "Alt text",
            PictureField::Rights => "Rights",
        }
    }
}

/// A field name, understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Kicker,
    Headline,
    Seo,
    Social,
    Print,
    Standfirst,
    MetaDescription,
    Place,
    Date,
    PublishAt,
    EmbargoUntil,
    Section,
    Tags,
    FocusKeyphrase,
    Body,
    Picture(PictureField, Uuid),
}

fn parse(field: &str) -> Option<Field> {
    Some(match field {
        "kicker" => Field::Kicker,
        "headline" => Field::Headline,
        "headline.seo" | "headlines.seo" => Field::Seo,
        "headline.social" | "headlines.social" => Field::Social,
        "headline.print" | "headlines.print" => Field::Print,
        "standfirst" => Field::Standfirst,
        "meta_description" => Field::MetaDescription,
        "dateline.place" => Field::Place,
        "dateline.date" => Field::Date,
        "publish_at" => Field::PublishAt,
        "embargo_until" | "embargo" => Field::EmbargoUntil,
        "section" => Field::Section,
        "tags" => Field::Tags,
        "focus_keyphrase" => Field::FocusKeyphrase,
        "body" | "" => Field::Body,
        other => {
            let (kind, id) = other.split_once(':')?;
            let which = match kind {
                "caption" => PictureField::Caption,
                "credit" => PictureField::Credit,
                "alt_text" => PictureField::AltText,
                "rights" => PictureField::Rights,
                _ => return None,
            };
            Field::Picture(which, Uuid::parse_str(id.trim()).ok()?)
        }
    })
}

/// The name of a picture's field: `caption:<id>`.
pub fn picture_field(kind: &str, id: Uuid) -> String {
    format!("{kind}:{id}")
}

/// Every named field of `story` with a label a desk reads ("Headline",
/// "Caption of picture 2"), in the order a form shows them.
pub fn names(story: &Story) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = STORY_FIELDS
        .iter()
        .map(|(name, label)| ((*name).to_owned(), (*label).to_owned()))
        .collect();
    for (i, media) in story.media.iter().enumerate() {
        for (kind, label) in PICTURE_FIELDS {
            out.push((
                picture_field(kind, media.id),
                format!("{label} of picture {}", i + 1),
            ));
        }
    }
    out
}

/// A time as the fields give it: RFC 3339, or empty.
fn moment(t: Option<chrono::DateTime<chrono::Utc>>) -> Cow<'static, str> {
    Cow::Owned(
        t.map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            .unwrap_or_default(),
    )
}

/// The field's text, borrowed where the story holds it as text: what
/// [`get`] gives, without a copy of the body for every comment on it.
pub fn text<'a>(story: &'a Story, field: &str) -> Option<Cow<'a, str>> {
    let text: &str = match parse(field)? {
        Field::Kicker => &story.kicker,
        Field::Headline => &story.headline,
        Field::Seo => &story.headlines.seo,
        Field::Social => &story.headlines.social,
        Field::Print => &story.headlines.print,
        Field::Standfirst => &story.standfirst,
        Field::MetaDescription => &story.meta_description,
        Field::Place => &story.dateline.place,
        Field::Section => &story.section,
        Field::FocusKeyphrase => &story.focus_keyphrase,
        Field::Body => &story.body,
        Field::Picture(which, id) => {
            PictureField::of(story.media.iter().find(|m| m.id == id)?, which)
        }
        Field::Date => {
            return Some(Cow::Owned(
                story
                    .dateline
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ))
        }
        Field::PublishAt => return Some(moment(story.publish_at)),
        Field::EmbargoUntil => return Some(moment(story.embargo_until)),
        Field::Tags => return Some(Cow::Owned(story.tags.join(", "))),
    };
    Some(Cow::Borrowed(text))
}

/// The field's text, `None` for a name the story does not have.
pub fn get(story: &Story, field: &str) -> Option<String> {
    text(story, field).map(Cow::into_owned)
}

/// Sets the field; `Err` with a sentence for an unknown name or a value the
/// field cannot hold (a date that is not one).
///
/// The value is taken as it is: no cleaning and no validation, which are the
/// caller's (see [`Story::set_field`] for the checked way in).
pub fn set(story: &mut Story, field: &str, value: &str) -> Result<(), crate::ModelError> {
    let Some(parsed) = parse(field) else {
        return Err(ModelError::UnknownField {
            field: field.to_owned(),
            known: STORY_FIELDS
                .iter()
                .map(|(name, _)| *name)
                .chain(["caption:<picture id>", "credit:<picture id>"])
                .chain(["alt_text:<picture id>", "rights:<picture id>"])
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let text = value.to_owned();
    match parsed {
        Field::Kicker => story.kicker = text,
        Field::Headline => story.headline = text,
        Field::Seo => story.headlines.seo = text,
        Field::Social => story.headlines.social = text,
        Field::Print => story.headlines.print = text,
        Field::Standfirst => story.standfirst = text,
        Field::MetaDescription => story.meta_description = text,
        Field::Place => story.dateline.place = text,
        Field::Section => story.section = text,
        Field::FocusKeyphrase => story.focus_keyphrase = text,
        Field::Body => story.body = text,
        Field::Date => story.dateline.date = crate::parse_date(field, value)?,
        Field::PublishAt => story.publish_at = crate::parse_moment(field, value)?,
        Field::EmbargoUntil => story.embargo_until = crate::parse_moment(field, value)?,
        Field::Tags => story.tags = split_tags(value),
        Field::Picture(which, id) => {
            let Some(media) = story.media.iter_mut().find(|m| m.id == id) else {
                return Err(ModelError::BadValue {
                    field: field.to_owned(),
                    message: "the story has no picture with this id".into(),
                });
            };
            *PictureField::of_mut(media, which) = text;
        }
    }
    Ok(())
}

pub use crate::text::split_tags;

/// The label of a field for a person ("Headline", "Caption of picture 2").
pub fn label(story: &Story, field: &str) -> String {
    match parse(field) {
        Some(Field::Picture(which, id)) => match story.media.iter().position(|m| m.id == id) {
            Some(i) => format!("{} of picture {}", which.label(), i + 1),
            None => format!("{} of a removed picture", which.label()),
        },
        Some(parsed) => STORY_FIELDS
            .iter()
            .find(|(name, _)| parse(name) == Some(parsed))
            .map(|(_, label)| (*label).to_owned())
            .unwrap_or_else(|| field.to_owned()),
        None => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Media;

    fn story() -> Story {
        let mut s = Story::new("Council approves the crossing");
        s.media.push(Media::default());
        s.media.push(Media {
            caption: "The river at dawn".into(),
            ..Media::default()
        });
        s
    }

    #[test]
    fn every_name_round_trips() {
        let mut s = story();
        for (i, (name, _)) in names(&s.clone()).iter().enumerate() {
            let value = match name.as_str() {
                "dateline.date" => "2025-12-30".to_owned(),
                "publish_at" | "embargo_until" => "2025-12-30T09:00:00Z".to_owned(),
                "tags" => format!("tag {i}, other"),
                _ => format!("value {i} – ملف 🎉"),
            };
            set(&mut s, name, &value).unwrap();
            assert_eq!(get(&s, name).as_deref(), Some(value.as_str()), "{name}");
        }
        assert_eq!(s.tags, ["tag 12", "other"]);
        assert_eq!(s.headlines.seo, "value 2 – ملف 🎉");
        assert!(s.media[1].rights.starts_with("value 22"));
    }

    #[test]
    fn names_and_labels_read_as_a_form() {
        let s = story();
        let all = names(&s);
        assert_eq!(all.len(), STORY_FIELDS.len() + 8);
        assert_eq!(all[0], ("kicker".to_owned(), "Kicker".to_owned()));
        let caption = picture_field("caption", s.media[1].id);
        assert_eq!(label(&s, &caption), "Caption of picture 2");
        assert_eq!(label(&s, "headline.seo"), "SEO headline");
        assert_eq!(label(&s, "headlines.seo"), "SEO headline");
        assert_eq!(label(&s, ""), "Body");
        assert_eq!(label(&s, "colour"), "colour");
        let gone = picture_field("credit", Uuid::nil());
        assert_eq!(label(&s, &gone), "Credit of a removed picture");
        assert_eq!(
            get(&s, &caption).as_deref(),
            Some("The river at dawn"),
            "picture fields read"
        );
    }

    #[test]
    fn tags_dates_and_times() {
        let mut s = story();
        set(&mut s, "tags", " politics, ,diplomacy ,").unwrap();
        assert_eq!(s.tags, ["politics", "diplomacy"]);
        assert_eq!(get(&s, "tags").as_deref(), Some("politics, diplomacy"));
        assert_eq!(get(&s, "dateline.date").as_deref(), Some(""));
        set(&mut s, "publish_at", "2025-12-30T10:00:00+01:00").unwrap();
        assert_eq!(
            get(&s, "publish_at").as_deref(),
            Some("2025-12-30T09:00:00Z")
        );
        set(&mut s, "publish_at", "").unwrap();
        assert_eq!(s.publish_at, None);
    }

    #[test]
    fn unknown_names_and_bad_values_are_refused() {
        let mut s = story();
        let before = s.clone();
        let err = set(&mut s, "colour", "red").unwrap_err().to_string();
        assert!(err.starts_with("colour is not a part"), "{err}");
        assert!(err.contains("caption:<picture id>"), "{err}");
        let err = set(&mut s, "dateline.date", "30/12/2025").unwrap_err();
        assert!(err.to_string().contains("is not a date"), "{err}");
        let gone = picture_field("caption", Uuid::nil());
        assert!(set(&mut s, &gone, "x").is_err());
        assert!(get(&s, &gone).is_none());
        assert!(get(&s, "caption:not-an-id").is_none());
        assert_eq!(s, before);
    }

    #[test]
    fn text_borrows_what_the_story_holds() {
        let mut s = story();
        s.body = "Words.".into();
        assert!(matches!(text(&s, "body"), Some(Cow::Borrowed("Words."))));
        assert!(matches!(text(&s, ""), Some(Cow::Borrowed("Words."))));
        assert!(matches!(text(&s, "tags"), Some(Cow::Owned(_))));
    }
}
