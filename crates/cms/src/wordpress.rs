//! WordPress through its REST API (`/wp-json/wp/v2`), with an application
//! password (Basic auth). Sites without pretty permalinks answer at
//! `?rest_route=`; both are found.

use std::sync::OnceLock;

use base64::Engine;
use dateline_store::{RemoteMedia, Target};
use serde_json::{json, Value};

use crate::error::{CmsError, Result};
use crate::http::{multipart, query_escape, Http, Method, Reply};
use crate::secret::redact;
use crate::site::{Outgoing, Picture, RemoteState, RemoteStatus, Site, SiteCheck};

pub struct WordPress {
    http: Http,
    site: String,
    url: String,
    user: String,
    secret: String,
    auth: String,
    /// `https://site/wp-json` or `https://site/?rest_route=`, found once.
    base: OnceLock<String>,
    /// Whether posts take Yoast SEO's title and description through the
    /// REST API (a site registers them for it); read once.
    seo_fields: OnceLock<bool>,
}

/// Yoast SEO's post meta for the SEO title and the meta description.
const YOAST_TITLE: &str = "_yoast_wpseo_title";
const YOAST_DESCRIPTION: &str = "_yoast_wpseo_metadesc";

/// Statuses a post Dateline made may have.
const ANY_STATUS: &str = "draft,pending,private,future,publish";

impl WordPress {
    pub fn new(target: &Target, secret: &str) -> Result<WordPress> {
        let auth =
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", target.user, secret));
        Ok(WordPress {
            http: Http::new(&target.name),
            site: target.name.clone(),
            url: target.url.clone(),
            user: target.user.clone(),
            secret: secret.to_owned(),
            auth: format!("Basic {auth}"),
            base: OnceLock::new(),
            seo_fields: OnceLock::new(),
        })
    }

    /// Where the REST API answers.
    fn base(&self) -> Result<&str> {
        if let Some(base) = self.base.get() {
            return Ok(base);
        }
        let mut last = None;
        for base in [
            format!("{}/wp-json", self.url),
            format!("{}/?rest_route=", self.url),
        ] {
            let reply = self
                .http
                .send(Method::Get, &format!("{base}/"), &[], None)?;
            if let Some(value) = reply.json() {
                if is_wordpress(&value) {
                    return Ok(self.base.get_or_init(|| base));
                }
                if let Some(code) = value.get("code").and_then(Value::as_str) {
                    if code.contains("disabled") || code == "rest_cannot_access" {
                        return Err(CmsError::Refused(format!(
                            "{} is WordPress, but its REST API is turned off ({code}); ask the site's admin to allow it",
                            self.url
                        )));
                    }
                }
            }
            if reply.status >= 500 {
                return Err(self.fault(&reply));
            }
            if (300..400).contains(&reply.status) {
                if let Some(to) = &reply.location {
                    return Err(CmsError::Refused(format!(
                        "{} sends visitors on to {to}; use that address for the target",
                        self.url
                    )));
                }
            }
            last = Some(reply.status);
        }
        Err(CmsError::Refused(format!(
            "{} does not look like a WordPress site: it has no REST API at /wp-json/ (HTTP {})",
            self.url,
            last.unwrap_or_default()
        )))
    }

    /// The URL of `route` (`/wp/v2/posts`) with `query`.
    fn api(&self, route: &str, query: &[(&str, &str)]) -> Result<String> {
        let base = self.base()?;
        let mut url = format!("{base}{route}");
        let mut sep = if base.contains('?') { '&' } else { '?' };
        for (k, v) in query {
            url.push(sep);
            url.push_str(k);
            url.push('=');
            url.push_str(&query_escape(v));
            sep = '&';
        }
        Ok(url)
    }

    fn call(&self, method: Method, url: &str, body: Option<&Value>) -> Result<Reply> {
        let headers = vec![("Authorization", self.auth.clone())];
        self.http.send_json(method, url, headers, body)
    }

    /// The reply's JSON when it is a success, else the sentence for its error.
    fn expect(&self, reply: Reply, doing: &str) -> Result<Value> {
        reply.expect(&self.site, "WordPress", doing, |r| self.refusal(r, doing))
    }

    fn fault(&self, reply: &Reply) -> CmsError {
        CmsError::ServerFault {
            site: self.site.clone(),
            status: reply.status,
            detail: message_of(reply).map(|(_, m)| m).unwrap_or_default(),
        }
    }

    fn refusal(&self, reply: &Reply, doing: &str) -> CmsError {
        if reply.status >= 500 {
            return self.fault(reply);
        }
        let (code, message) = message_of(reply).unwrap_or_default();
        // WordPress answers a wrong application password as if none was
        // given: every refusal of an unknown caller is a 401.
        let sentence = match code.as_str() {
            _ if reply.status == 401 => format!(
                "WordPress at {} refused the user name or application password for {:?} (check both in the target's settings; a server that drops the Authorization header does the same)",
                self.url, self.user
            ),
            "incorrect_password" | "invalid_username" | "invalid_email" | "application_passwords_disabled" => format!(
                "WordPress at {} refused the user name or application password for {:?} (check both in the target's settings)",
                self.url, self.user
            ),
            c if c.starts_with("rest_cannot") || c == "rest_forbidden" => format!(
                "{:?} may not do that on {} ({doing}): {}; ask the site's admin for an Editor's rights",
                self.user, self.url, plain(&message)
            ),
            _ => format!(
                "WordPress at {} refused {doing} (HTTP {}{}){}",
                self.url,
                reply.status,
                if code.is_empty() { String::new() } else { format!(", {code}") },
                if message.is_empty() { String::new() } else { format!(": {}", plain(&message)) }
            ),
        };
        CmsError::Refused(redact(&sentence, &self.secret))
    }

    fn state(value: &Value) -> RemoteState {
        RemoteState {
            id: value.get("id").map(id_text).unwrap_or_default(),
            url: text(value, "link"),
            slug: text(value, "slug"),
            modified: stamp(value),
            status: text(value, "status"),
        }
    }

    /// The id of the term `name` in `taxonomy` (categories, tags), made if missing.
    fn term(&self, taxonomy: &str, name: &str) -> Result<Option<u64>> {
        let url = self.api(
            &format!("/wp/v2/{taxonomy}"),
            &[("search", name), ("per_page", "100"), ("context", "edit")],
        )?;
        let found = self.expect(self.call(Method::Get, &url, None)?, "reading its terms")?;
        if let Some(list) = found.as_array() {
            if let Some(term) = list
                .iter()
                .find(|t| text(t, "name").eq_ignore_ascii_case(name))
            {
                return Ok(term.get("id").and_then(Value::as_u64));
            }
        }
        let url = self.api(&format!("/wp/v2/{taxonomy}"), &[])?;
        let reply = self.call(Method::Post, &url, Some(&json!({ "name": name })))?;
        if !reply.ok() {
            // Made meanwhile by someone else: WordPress names the one there.
            if let Some(id) = reply
                .json()
                .and_then(|v| v.pointer("/data/term_id").and_then(Value::as_u64))
            {
                return Ok(Some(id));
            }
        }
        let made = self.expect(reply, "adding a category or tag")?;
        Ok(made.get("id").and_then(Value::as_u64))
    }

    /// Whether the site's posts take Yoast's fields: its post schema
    /// (WordPress answers `_method=OPTIONS` with it) lists them under `meta`.
    fn seo_fields(&self) -> Result<bool> {
        if let Some(known) = self.seo_fields.get() {
            return Ok(*known);
        }
        let url = self.api(
            "/wp/v2/posts",
            &[("_method", "OPTIONS"), ("context", "edit")],
        )?;
        let reply = self.call(Method::Get, &url, None)?;
        let exposed = reply.ok()
            && reply.json().is_some_and(|schema| {
                let meta = schema.pointer("/schema/properties/meta/properties");
                [YOAST_TITLE, YOAST_DESCRIPTION]
                    .iter()
                    .all(|key| meta.and_then(|m| m.get(key)).is_some())
            });
        Ok(*self.seo_fields.get_or_init(|| exposed))
    }

    fn payload(&self, out: &Outgoing) -> Result<Value> {
        let post = &out.post;
        let mut body = json!({
            "title": post.title,
            "excerpt": if post.excerpt.is_empty() { &post.meta_description } else { &post.excerpt },
            "content": post.html,
            "slug": post.slug,
            "featured_media": out.featured.as_ref().and_then(|(m, _)| m.remote_id.parse::<u64>().ok()).unwrap_or(0),
        });
        match out.status {
            RemoteStatus::Draft => body["status"] = json!("draft"),
            RemoteStatus::Publish => body["status"] = json!("publish"),
            RemoteStatus::Schedule(at) => {
                body["status"] = json!("future");
                body["date_gmt"] = json!(at.format("%Y-%m-%dT%H:%M:%S").to_string());
            }
        }
        if let Some(author) = out.authors.first() {
            if let Ok(id) = author.parse::<u64>() {
                body["author"] = json!(id);
            }
        }
        if !post.section.is_empty() {
            if let Some(id) = self.term("categories", &post.section)? {
                body["categories"] = json!([id]);
            }
        }
        let mut tags = Vec::new();
        for tag in &post.tags {
            if let Some(id) = self.term("tags", tag)? {
                tags.push(id);
            }
        }
        body["tags"] = json!(tags);
        // Yoast's fields where the site takes them; else the excerpt carries
        // the meta description when there is no standfirst.
        if self.seo_fields()? {
            body["meta"] = json!({
                YOAST_TITLE: post.meta_title,
                YOAST_DESCRIPTION: post.meta_description,
            });
        }
        Ok(body)
    }
}

/// A post's stamp: WordPress's `modified_gmt` (to the second) and a digest
/// of what a person edits, so that a change made in the same second as
/// Dateline's own is still seen.
fn stamp(value: &Value) -> String {
    let parts = [
        "/title/raw",
        "/content/raw",
        "/excerpt/raw",
        "/status",
        "/slug",
    ]
    .map(|pointer| {
        value
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    });
    crate::site::stamp(&text(value, "modified_gmt"), parts)
}

fn is_wordpress(value: &Value) -> bool {
    value
        .get("namespaces")
        .and_then(Value::as_array)
        .is_some_and(|ns| ns.iter().any(|n| n.as_str() == Some("wp/v2")))
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn id_text(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

/// WordPress's error `code` and `message`.
fn message_of(reply: &Reply) -> Option<(String, String)> {
    let value = reply.json()?;
    Some((text(&value, "code"), text(&value, "message")))
}

/// A message without its HTML tags.
fn plain(message: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in message.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

impl Site for WordPress {
    fn check(&self) -> Result<SiteCheck> {
        let index = self
            .http
            .send(Method::Get, &format!("{}/", self.base()?), &[], None)?
            .json()
            .unwrap_or_default();
        let site_name = text(&index, "name");
        let url = self.api("/wp/v2/users/me", &[("context", "edit")])?;
        let me = self.expect(self.call(Method::Get, &url, None)?, "signing in")?;
        let caps = me.get("capabilities").cloned().unwrap_or_default();
        let can = |cap: &str| caps.get(cap).and_then(Value::as_bool).unwrap_or(false);
        if !can("edit_posts") {
            return Err(CmsError::Refused(format!(
                "{:?} may not write posts on {}; ask the site's admin for an Author's or Editor's rights",
                self.user, self.url
            )));
        }
        let mut sentence = format!(
            "Connected to {} as {}",
            if site_name.is_empty() {
                &self.url
            } else {
                &site_name
            },
            text(&me, "name")
        );
        if !can("upload_files") {
            sentence.push_str("; this user may not upload pictures, so stories go without them");
        } else if !can("publish_posts") {
            sentence.push_str("; this user may send drafts but not publish");
        }
        sentence.push('.');
        Ok(SiteCheck {
            sentence,
            site_name,
        })
    }

    fn upload(&self, picture: &Picture) -> Result<RemoteMedia> {
        let (kind, body) = multipart(
            &[
                ("alt_text", &picture.alt_text),
                ("caption", &picture.caption),
            ],
            "file",
            &picture.file_name,
            &picture.mime,
            &picture.bytes,
        );
        let url = self.api("/wp/v2/media", &[])?;
        let reply = self.http.send(
            Method::Post,
            &url,
            &[("Authorization", self.auth.clone()), ("Content-Type", kind)],
            Some(&body),
        )?;
        let made = self.expect(reply, "a picture")?;
        Ok(RemoteMedia {
            remote_id: made.get("id").map(id_text).unwrap_or_default(),
            url: text(&made, "source_url"),
            described: picture.description(),
        })
    }

    fn describe(&self, media: &RemoteMedia, picture: &Picture) -> Result<()> {
        let url = self.api(&format!("/wp/v2/media/{}", media.remote_id), &[])?;
        let body = json!({ "alt_text": picture.alt_text, "caption": picture.caption });
        self.expect(
            self.call(Method::Post, &url, Some(&body))?,
            "a picture's caption",
        )?;
        Ok(())
    }

    fn authors(&self, names: &[String]) -> Result<Option<Vec<String>>> {
        if names.len() != 1 {
            // A post has one author: several bylines go in the body.
            return Ok(None);
        }
        let url = self.api(
            "/wp/v2/users",
            &[
                ("search", &names[0]),
                ("context", "edit"),
                ("per_page", "100"),
            ],
        )?;
        let reply = self.call(Method::Get, &url, None)?;
        if !reply.ok() {
            // Not allowed to list users: the byline goes in the body.
            return Ok(None);
        }
        let users = reply.json().unwrap_or_default();
        Ok(users
            .as_array()
            .and_then(|list| {
                list.iter()
                    .find(|u| text(u, "name").trim().eq_ignore_ascii_case(names[0].trim()))
            })
            .and_then(|u| u.get("id"))
            .map(|id| vec![id_text(id)]))
    }

    fn find(&self, slug: &str, story_id: &str) -> Result<Option<RemoteState>> {
        let url = self.api(
            "/wp/v2/posts",
            &[("slug", slug), ("status", ANY_STATUS), ("context", "edit")],
        )?;
        let found = self.expect(self.call(Method::Get, &url, None)?, "looking for the post")?;
        let mark = format!("dateline:story {story_id}");
        Ok(found.as_array().and_then(|list| {
            list.iter()
                .find(|p| {
                    p.pointer("/content/raw")
                        .and_then(Value::as_str)
                        .is_some_and(|raw| raw.contains(&mark))
                })
                .map(Self::state)
        }))
    }

    fn read(&self, id: &str) -> Result<Option<RemoteState>> {
        let url = self.api(&format!("/wp/v2/posts/{id}"), &[("context", "edit")])?;
        let reply = self.call(Method::Get, &url, None)?;
        if reply.status == 404 || reply.status == 410 {
            return Ok(None);
        }
        let value = self.expect(reply, "reading the post")?;
        if text(&value, "status") == "trash" {
            return Ok(None);
        }
        Ok(Some(Self::state(&value)))
    }

    fn create(&self, out: &Outgoing) -> Result<RemoteState> {
        let body = self.payload(out)?;
        let url = self.api("/wp/v2/posts", &[])?;
        let made = self.expect(self.call(Method::Post, &url, Some(&body))?, "the post")?;
        Ok(Self::state(&made))
    }

    fn update(&self, id: &str, out: &Outgoing, _modified: &str) -> Result<RemoteState> {
        let body = self.payload(out)?;
        let url = self.api(&format!("/wp/v2/posts/{id}"), &[])?;
        let made = self.expect(
            self.call(Method::Post, &url, Some(&body))?,
            "the post's update",
        )?;
        Ok(Self::state(&made))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_lose_their_tags() {
        assert_eq!(plain("<strong>Error:</strong> no"), "Error: no");
    }

    #[test]
    fn wordpress_is_known_by_its_namespace() {
        assert!(is_wordpress(
            &json!({"namespaces": ["oembed/1.0", "wp/v2"]})
        ));
        assert!(!is_wordpress(&json!({"name": "something else"})));
    }
}
