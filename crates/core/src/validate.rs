//! Hard limits checked whenever a story is saved. These are not the desk's style
//! budgets (a 70-character SEO headline is advice); they keep a library sane.

use crate::{ModelError, Story};

pub const MAX_KICKER: usize = 80;
pub const MAX_HEADLINE: usize = 300;
pub const MAX_STANDFIRST: usize = 1_000;
pub const MAX_META_DESCRIPTION: usize = 600;
pub const MAX_SHORT_FIELD: usize = 200;
pub const MAX_CAPTION: usize = 2_000;
pub const MAX_URL: usize = 2_048;
pub const MAX_NOTE: usize = 10_000;
/// A body of about 150,000 words; a 20 MB paste is refused, not truncated.
pub const MAX_BODY_BYTES: usize = 1_000_000;
pub const MAX_LIST: usize = 200;

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn limit(field: &str, value: &str, max: usize) -> Result<(), ModelError> {
    // Byte length bounds the character count from above: skip counting when short.
    if value.len() > max && chars(value) > max {
        return Err(ModelError::TooLong {
            field: field.to_owned(),
            len: chars(value),
            max,
        });
    }
    Ok(())
}

fn list<T>(field: &str, items: &[T]) -> Result<(), ModelError> {
    if items.len() > MAX_LIST {
        return Err(ModelError::TooMany {
            field: field.to_owned(),
            len: items.len(),
            max: MAX_LIST,
        });
    }
    Ok(())
}

/// Checks that `url` is an absolute http(s) link with a host.
pub fn check_url(field: &str, url: &str) -> Result<(), ModelError> {
    let bad = |reason| ModelError::BadUrl {
        field: field.to_owned(),
        url: url.to_owned(),
        reason,
    };
    limit(field, url, MAX_URL)?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains spaces or control characters"));
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return Err(bad("only http:// and https:// links are allowed"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(bad("it has no host name"));
    }
    Ok(())
}

impl Story {
    /// Every hard rule at the model's edge; the first broken one is returned.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.headline.trim().is_empty() {
            return Err(ModelError::Required {
                field: "headline".into(),
            });
        }
        limit("kicker", &self.kicker, MAX_KICKER)?;
        limit("headline", &self.headline, MAX_HEADLINE)?;
        limit("headlines.seo", &self.headlines.seo, MAX_HEADLINE)?;
        limit("headlines.social", &self.headlines.social, MAX_HEADLINE)?;
        limit("headlines.print", &self.headlines.print, MAX_HEADLINE)?;
        limit("standfirst", &self.standfirst, MAX_STANDFIRST)?;
        limit(
            "meta_description",
            &self.meta_description,
            MAX_META_DESCRIPTION,
        )?;
        limit("section", &self.section, MAX_SHORT_FIELD)?;
        limit("focus_keyphrase", &self.focus_keyphrase, MAX_SHORT_FIELD)?;
        limit("dateline.place", &self.dateline.place, MAX_SHORT_FIELD)?;
        if self.body.len() > MAX_BODY_BYTES {
            return Err(ModelError::BadValue {
                field: "body".into(),
                message: format!(
                    "the text is {:.1} MB; the limit is {} MB",
                    self.body.len() as f64 / 1e6,
                    MAX_BODY_BYTES / 1_000_000
                ),
            });
        }
        list("tags", &self.tags)?;
        for (i, tag) in self.tags.iter().enumerate() {
            limit(&format!("tags[{i}]"), tag, MAX_SHORT_FIELD)?;
        }
        list("bylines", &self.bylines)?;
        for (i, b) in self.bylines.iter().enumerate() {
            if b.name.trim().is_empty() {
                return Err(ModelError::Required {
                    field: format!("bylines[{i}].name"),
                });
            }
            limit(&format!("bylines[{i}].name"), &b.name, MAX_SHORT_FIELD)?;
            limit(&format!("bylines[{i}].role"), &b.role, MAX_SHORT_FIELD)?;
            if let Some(url) = b.url.as_deref().filter(|u| !u.is_empty()) {
                check_url(&format!("bylines[{i}].url"), url)?;
            }
        }
        list("media", &self.media)?;
        for (i, m) in self.media.iter().enumerate() {
            limit(&format!("media[{i}].caption"), &m.caption, MAX_CAPTION)?;
            limit(&format!("media[{i}].credit"), &m.credit, MAX_SHORT_FIELD)?;
            limit(&format!("media[{i}].alt_text"), &m.alt_text, MAX_CAPTION)?;
            limit(&format!("media[{i}].rights"), &m.rights, MAX_CAPTION)?;
        }
        if self.media.iter().filter(|m| m.hero).count() > 1 {
            return Err(ModelError::BadValue {
                field: "media".into(),
                message: "only one picture can be the hero".into(),
            });
        }
        list("related", &self.related)?;
        for (i, r) in self.related.iter().enumerate() {
            if r.title.trim().is_empty() {
                return Err(ModelError::Required {
                    field: format!("related[{i}].title"),
                });
            }
            limit(&format!("related[{i}].title"), &r.title, MAX_HEADLINE)?;
            limit(&format!("related[{i}].summary"), &r.summary, MAX_STANDFIRST)?;
            if !r.url.is_empty() {
                check_url(&format!("related[{i}].url"), &r.url)?;
            }
        }
        list("notes", &self.notes)?;
        list("suggestions", &self.suggestions)?;
        for (i, n) in self.notes.iter().enumerate() {
            limit(&format!("notes[{i}].text"), &n.text, MAX_NOTE)?;
            for (j, reply) in n.replies.iter().enumerate() {
                limit(
                    &format!("notes[{i}].replies[{j}].text"),
                    &reply.text,
                    MAX_NOTE,
                )?;
            }
            if let Some(a) = &n.anchor {
                if a.start > a.end {
                    return Err(ModelError::BadValue {
                        field: format!("notes[{i}].anchor"),
                        message: "the range ends before it starts".into(),
                    });
                }
            }
        }
        Ok(())
    }

    /// What stops this story from being marked Ready, in the desk's words.
    /// Empty when nothing does.
    pub fn ready_blockers(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.body.trim().is_empty() {
            out.push("the body is empty".to_owned());
        }
        for (i, m) in self.media.iter().enumerate() {
            let n = i + 1;
            if m.alt_text.trim().is_empty() {
                out.push(format!("picture {n} has no alt text"));
            }
            if m.credit.trim().is_empty() {
                out.push(format!("picture {n} has no credit"));
            }
            if m.file.is_none() {
                out.push(format!("picture {n} has no file"));
            }
        }
        for (i, r) in self.related.iter().enumerate() {
            if r.url.is_empty() {
                out.push(format!("related link {} has no URL", i + 1));
            }
        }
        let (in_body, body_conflicts) = crate::review::critic::count(&self.body);
        let field_conflicts = self.suggestions.iter().filter(|s| s.conflict).count();
        let conflicts = body_conflicts + field_conflicts;
        let open = in_body + self.suggestions.len() - conflicts;
        match open {
            0 => {}
            1 => out.push("1 suggestion is open".to_owned()),
            n => out.push(format!("{n} suggestions are open")),
        }
        match conflicts {
            0 => {}
            1 => out.push("1 conflict from a merge is unresolved".to_owned()),
            n => out.push(format!("{n} conflicts from a merge are unresolved")),
        }
        out
    }

    /// Moves the story to `to` if the workflow and its content allow it.
    pub fn transition(&mut self, to: crate::Status) -> Result<(), ModelError> {
        let refuse = |why: String| ModelError::Transition {
            from: self.status.label(),
            to: to.label(),
            why,
        };
        if let Some(why) = self.status.refusal(to) {
            return Err(refuse(why.to_owned()));
        }
        if to == crate::Status::Ready {
            let blockers = self.ready_blockers();
            if !blockers.is_empty() {
                return Err(refuse(blockers.join("; ")));
            }
        }
        self.status = to;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Media, RelatedLink, Status};

    #[test]
    fn headline_is_required() {
        let err = Story::new("  ").validate().unwrap_err();
        assert_eq!(err.to_string(), "headline is required");
    }

    #[test]
    fn related_links_must_be_web_links() {
        let mut s = Story::new("A headline");
        s.related.push(RelatedLink {
            title: "Bad".into(),
            url: "javascript:alert(1)".into(),
            summary: String::new(),
        });
        let err = s.validate().unwrap_err();
        assert!(err.to_string().starts_with("related[0].url:"), "{err}");
        for bad in [
            "data:text/html,x",
            "ftp://x.example",
            "https://",
            "http:// x.example",
        ] {
            assert!(check_url("u", bad).is_err(), "{bad}");
        }
        for good in [
            "https://example.com",
            "HTTP://Example.com/a?b#c",
            "https://u@x.example:8080/",
        ] {
            assert!(check_url("u", good).is_ok(), "{good}");
        }
    }

    #[test]
    fn lengths_name_the_field() {
        let mut s = Story::new("A headline");
        s.kicker = "k".repeat(MAX_KICKER + 1);
        assert_eq!(
            s.validate().unwrap_err().to_string(),
            format!(
                "kicker is {} characters long; the limit is {MAX_KICKER}",
                MAX_KICKER + 1
            )
        );
        s.kicker = "é".repeat(MAX_KICKER);
        assert!(s.validate().is_ok(), "characters, not bytes");
    }

    #[test]
    fn huge_body_is_refused_clearly() {
        let mut s = Story::new("Big");
        s.body = "word ".repeat(4_000_000);
        assert_eq!(
            s.validate().unwrap_err().to_string(),
            "body: the text is 20.0 MB; the limit is 1 MB"
        );
    }

    #[test]
    fn ready_needs_suggestions_decided() {
        let mut s = Story::new("A headline");
        s.body =
            "Some {++new ++}words {~~here~>there~~}{>>Ben | 2026-12-02T10:04:00Z | conflict<<}."
                .into();
        assert_eq!(
            s.ready_blockers(),
            [
                "1 suggestion is open",
                "1 conflict from a merge is unresolved"
            ]
        );
        s.suggestions.push(crate::Suggestion {
            field: "headline".into(),
            ..Default::default()
        });
        s.suggestions.push(crate::Suggestion {
            field: "kicker".into(),
            conflict: true,
            ..Default::default()
        });
        assert_eq!(
            s.ready_blockers(),
            [
                "2 suggestions are open",
                "2 conflicts from a merge are unresolved"
            ]
        );
        s.transition(Status::InReview).unwrap();
        let err = s.transition(Status::Ready).unwrap_err().to_string();
        assert!(err.contains("2 suggestions are open"), "{err}");
        s.body = "Some words.".into();
        s.suggestions.clear();
        assert!(s.ready_blockers().is_empty());
    }

    #[test]
    fn ready_needs_credits_and_alt_text() {
        let mut s = Story::new("A headline");
        s.body = "Some words.".into();
        s.media.push(Media::default());
        s.transition(Status::InReview).unwrap();
        let err = s.transition(Status::Ready).unwrap_err().to_string();
        assert!(err.contains("picture 1 has no alt text"), "{err}");
        assert!(err.contains("picture 1 has no credit"), "{err}");
        assert_eq!(s.status, Status::InReview, "a refused move changes nothing");
    }
}
