//! Picture captions and credits: "[IC: X/@handle]", "(Photo: Jane Doe/Reuters)",
//! "Photograph: Jane Doe", "Credit: ...", "AFP via Getty Images", "Image caption, ...".

use super::text::{ends_sentence, strip_any_ci, word_count};

/// What a line says about a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum MediaLine {
    /// A caption with its credit on the same line.
    Captioned { caption: String, credit: String },
    /// A credit alone ("Photo: Jane Doe/Reuters"), for the caption above it.
    Credit(String),
    /// A caption labelled as one ("Image caption, ...").
    Caption(String),
}

/// Credit labels whose word is dropped: the credit field says what it is.
const CREDIT_LABELS: &[&str] = &[
    "ic:",
    "image credit:",
    "image credits:",
    "photo credit:",
    "photo credits:",
    "picture credit:",
    "photograph credit:",
    "image source:",
    "image source,",
    "photographs:",
    "photograph:",
    "photos:",
    "photo:",
    "pictures:",
    "picture:",
    "image:",
    "pic:",
    "credits:",
    "credit:",
    // "Credit...Jane Doe for The Ledger", as some broadsheets print it.
    "credit...",
    "credit\u{2026}",
    "photography by ",
    "photographs by ",
    "photo courtesy of ",
    "photograph by ",
    "photo by ",
    "picture by ",
    "image by ",
];

/// Credit labels kept in the credit, because they say the picture is not a photo.
const KEPT_LABELS: &[&str] = &[
    "illustration:",
    "illustration by ",
    "graphic:",
    "graphics:",
    "video:",
    "courtesy of ",
];

const CAPTION_LABELS: &[&str] = &[
    "image caption,",
    "image caption:",
    "media caption,",
    "caption:",
];

/// Words of picture agencies and sources that make an unlabelled credit.
const AGENCIES: &[&str] = &[
    "afp",
    "alamy",
    "anadolu",
    "ansa",
    "ap",
    "bloomberg",
    "dpa",
    "efe",
    "epa",
    "getty",
    "handout",
    "imago",
    "istock",
    "kyodo",
    "nurphoto",
    "reuters",
    "shutterstock",
    "sipa",
    "sopa",
    "tass",
    "unsplash",
    "xinhua",
    "yonhap",
    "zuma",
];

/// Reads a caption or credit line. `header` allows unlabelled agency credits
/// ("Getty Images"), which in the body could be a sentence's last words.
pub(super) fn parse(line: &str, header: bool) -> Option<MediaLine> {
    let line = line.trim();
    if line.len() > 2 * crate::MAX_CAPTION {
        return None;
    }
    if let Some((_, rest)) = strip_any_ci(line, CAPTION_LABELS) {
        let rest = rest.trim();
        return Some(match trailing_credit(rest, header) {
            Some((caption, credit)) => MediaLine::Captioned { caption, credit },
            None => MediaLine::Caption(caption_ok(rest)?.to_owned()),
        });
    }
    // "(Photo: Jane Doe)" or "[IC: X/@handle]" on a line of its own.
    if let Some(("", inner)) = trailing_bracket(line).map(|(before, inner)| (before.trim(), inner))
    {
        let credit = match leading_label(inner) {
            Some((credit, _)) => Some(credit),
            None if header && is_agency_credit(inner) => Some(inner.trim().to_owned()),
            None => None,
        };
        return credit.and_then(|c| credit_ok(&c)).map(MediaLine::Credit);
    }
    if let Some((credit, rest)) = leading_label(line) {
        if let Some((caption, trailing)) = trailing_credit(rest, header) {
            return Some(MediaLine::Captioned {
                caption,
                credit: trailing,
            });
        }
        if let Some(credit) = credit_ok(&credit) {
            return Some(MediaLine::Credit(credit));
        }
        // "Photo: A crowd outside the court on Tuesday." labels a caption.
        return caption_ok(rest).map(|c| MediaLine::Caption(c.to_owned()));
    }
    if let Some((caption, credit)) = trailing_credit(line, header) {
        return Some(MediaLine::Captioned { caption, credit });
    }
    if header && is_agency_credit(line) {
        return credit_ok(line).map(MediaLine::Credit);
    }
    None
}

/// A credit label at the start: the credit as stored, and the text after the label.
fn leading_label(s: &str) -> Option<(String, &str)> {
    if let Some((_, rest)) = strip_any_ci(s, CREDIT_LABELS) {
        return Some((rest.trim().to_owned(), rest.trim()));
    }
    let (label, rest) = strip_any_ci(s, KEPT_LABELS)?;
    let written = s.get(..label.len()).unwrap_or(label);
    Some((
        format!("{}{}", written.trim_end(), spaced(rest)),
        rest.trim(),
    ))
}

fn spaced(rest: &str) -> String {
    format!(" {}", rest.trim())
}

/// A caption followed by its credit on one line: "... Kabul. [IC: X/@handle]",
/// "... Kabul (Photo: Jane Doe)", "... Kabul. Photo: Jane Doe/Reuters", and in
/// the header "... Kabul. AFP via Getty Images".
fn trailing_credit(s: &str, header: bool) -> Option<(String, String)> {
    let s = s.trim_end();
    if let Some((before, inner)) = trailing_bracket(s) {
        let credit = match leading_label(inner) {
            Some((credit, _)) => Some(credit),
            None if header && is_agency_credit(inner) => Some(inner.trim().to_owned()),
            None => None,
        };
        if let (Some(credit), Some(caption)) =
            (credit.and_then(|c| credit_ok(&c)), caption_ok(before))
        {
            return Some((caption.to_owned(), credit));
        }
    }
    // A label inside the line, written as a label (capitalised, after a space).
    const INLINE: &[&str] = &[
        " Photo:",
        " PHOTO:",
        " Photograph:",
        " Photo credit:",
        " Image:",
        " Image credit:",
        " Picture:",
        " Pic:",
        " Credit:",
        " IC:",
        " Illustration:",
    ];
    let found = if s.contains(':') {
        INLINE
            .iter()
            .filter_map(|label| s.rfind(label).map(|pos| (pos, *label)))
            .max_by_key(|(pos, _)| *pos)
    } else {
        None
    };
    if let Some((pos, _)) = found {
        let before = s.get(..pos)?;
        let after = s.get(pos + 1..)?;
        if let (Some((credit, _)), Some(caption)) = (leading_label(after), caption_ok(before)) {
            if let Some(credit) = credit_ok(&credit) {
                return Some((caption.to_owned(), credit));
            }
        }
    }
    if header {
        let cut = [". ", " | "]
            .iter()
            .filter_map(|sep| s.rfind(sep).map(|pos| (pos, sep.len())))
            .max_by_key(|(pos, _)| *pos);
        if let Some((pos, len)) = cut {
            let caption = s.get(..pos + usize::from(len == 2))?;
            let credit = s.get(pos + len..)?;
            if is_agency_credit(credit) {
                if let (Some(caption), Some(credit)) = (caption_ok(caption), credit_ok(credit)) {
                    return Some((caption.to_owned(), credit));
                }
            }
        }
    }
    None
}

/// The text before a closing bracket at the end of `s`, and what is inside it.
fn trailing_bracket(s: &str) -> Option<(&str, &str)> {
    let close = s.chars().last()?;
    let open = match close {
        ']' => '[',
        ')' => '(',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let inner = s.get(i + open.len_utf8()..s.len() - close.len_utf8())?;
                return Some((s.get(..i)?, inner));
            }
        }
    }
    None
}

/// Whether a paragraph is short enough to be the caption of a credit under it.
pub(super) fn caption_sized(s: &str) -> bool {
    caption_ok(s).is_some() && word_count(s) <= 60
}

fn caption_ok(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()
        && s.chars().any(char::is_alphanumeric)
        && word_count(s) <= 80
        && s.chars().count() <= crate::MAX_CAPTION)
        .then_some(s)
}

/// A credit is a name or two, never a sentence.
fn credit_ok(s: &str) -> Option<String> {
    let written = s.trim();
    // "Jane Doe/Reuters." may carry a stray stop; a longer line ending in one is
    // a sentence.
    if ends_sentence(written) && word_count(written) > 5 {
        return None;
    }
    let s = written.trim_end_matches('.').trim();
    let sentence_inside = s.contains(". ") && word_count(s) > 6;
    (!s.is_empty()
        && s.chars().any(char::is_alphanumeric)
        && word_count(s) <= 12
        && s.chars().count() <= 120
        && !sentence_inside
        && !ends_sentence(s))
    .then(|| s.to_owned())
}

/// "AFP via Getty Images", "Jane Doe/Reuters", "AP Photo/Jane Doe": a short
/// run of capitalised words naming a picture agency.
fn is_agency_credit(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || word_count(s) > 8 || ends_sentence(s) {
        return false;
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let shaped = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| !c.is_lowercase())
            || matches!(
                *w,
                "via" | "for" | "and" | "of" | "images" | "photo" | "dpa"
            )
    });
    shaped
        && words.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            AGENCIES.contains(&w.as_str()) || w.split('-').any(|part| AGENCIES.contains(&part))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captioned(caption: &str, credit: &str) -> Option<MediaLine> {
        Some(MediaLine::Captioned {
            caption: caption.to_owned(),
            credit: credit.to_owned(),
        })
    }

    #[test]
    fn captions_with_credits() {
        assert_eq!(
            parse(
                "Two ministers meet in the capital. [IC: X/@Example_Min]",
                false
            ),
            captioned("Two ministers meet in the capital.", "X/@Example_Min")
        );
        assert_eq!(
            parse("Crews clear the quay (Photo: Hanna Berg/Reuters)", false),
            captioned("Crews clear the quay", "Hanna Berg/Reuters")
        );
        assert_eq!(
            parse("Crews clear the quay. Photograph: Hanna Berg", false),
            captioned("Crews clear the quay.", "Hanna Berg")
        );
        assert_eq!(
            parse("Crews clear the quay. AFP via Getty Images", true),
            captioned("Crews clear the quay.", "AFP via Getty Images")
        );
        assert_eq!(
            parse("Crews clear the quay. Illustration: Sam Vale", false),
            captioned("Crews clear the quay.", "Illustration: Sam Vale")
        );
        assert_eq!(
            parse("Crews clear the quay. AFP via Getty Images", false),
            None,
            "an unlabelled credit needs the header"
        );
    }

    #[test]
    fn credits_and_captions_alone() {
        assert_eq!(
            parse("Photo: Jane Doe/Reuters", false),
            Some(MediaLine::Credit("Jane Doe/Reuters".into()))
        );
        assert_eq!(
            parse("Credit: City Council handout", false),
            Some(MediaLine::Credit("City Council handout".into()))
        );
        assert_eq!(
            parse("Getty Images", true),
            Some(MediaLine::Credit("Getty Images".into()))
        );
        assert_eq!(
            parse("(Photo: Jane Doe)", false),
            Some(MediaLine::Credit("Jane Doe".into()))
        );
        assert_eq!(
            parse("Credit...Fiona MacAskill for The Ledger", false),
            Some(MediaLine::Credit("Fiona MacAskill for The Ledger".into()))
        );
        assert_eq!(
            parse("Photography by Lars Engstr\u{f6}m", false),
            Some(MediaLine::Credit("Lars Engstr\u{f6}m".into()))
        );
        assert_eq!(
            parse("[IC: X/@handle]", false),
            Some(MediaLine::Credit("X/@handle".into()))
        );
        assert_eq!(parse("(AFP via Getty Images)", false), None);
        assert_eq!(parse("(the second time this month)", true), None);
        assert_eq!(
            parse("Image caption, Crews work through the night", false),
            Some(MediaLine::Caption("Crews work through the night".into()))
        );
        assert_eq!(
            parse(
                "Photo: Crews work through the night to clear the quay before dawn.",
                false
            ),
            Some(MediaLine::Caption(
                "Crews work through the night to clear the quay before dawn.".into()
            ))
        );
    }

    #[test]
    fn sentences_are_not_credits() {
        for line in [
            "The minister told Reuters he would stay.",
            "The council met on Tuesday (the second time this month).",
            "Officials said the photo was taken in March.",
            "He spoke to AFP.",
        ] {
            assert_eq!(parse(line, true), None, "{line}");
        }
    }
}
