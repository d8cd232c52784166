//! Ghost through its Admin API, with an Admin API key (`id:secret`): a
//! short-lived HS256 token for each request.

use base64::Engine;
use chrono::Utc;
use dateline_store::{RemoteMedia, Target};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::error::{CmsError, Result};
use crate::http::{multipart, query_escape, Http, Method, Reply};
use crate::secret::redact;
use crate::site::{Outgoing, Picture, RemoteState, RemoteStatus, Site, SiteCheck};

/// Ghost's limits on the fields Dateline fills (characters).
const MAX_EXCERPT: usize = 300;
const MAX_META_TITLE: usize = 300;
const MAX_META_DESCRIPTION: usize = 500;
const MAX_ALT: usize = 191;

pub struct Ghost {
    http: Http,
    site: String,
    url: String,
    key_id: String,
    key: Vec<u8>,
    secret: String,
}

impl Ghost {
    pub fn new(target: &Target, secret: &str) -> Result<Ghost> {
        let bad = || {
            CmsError::Refused(format!(
                "the key of {} is not a Ghost Admin API key (it looks like id:secret, from Settings → Integrations)",
                target.name
            ))
        };
        let (id, hex) = secret.trim().split_once(':').ok_or_else(bad)?;
        let key = decode_hex(hex).ok_or_else(bad)?;
        if id.is_empty() || key.is_empty() {
            return Err(bad());
        }
        Ok(Ghost {
            http: Http::new(&target.name),
            site: target.name.clone(),
            url: target.url.clone(),
            key_id: id.to_owned(),
            key,
            secret: secret.to_owned(),
        })
    }

    /// A token good for five minutes.
    fn token(&self) -> Result<String> {
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let now = Utc::now().timestamp();
        let header = json!({ "alg": "HS256", "typ": "JWT", "kid": self.key_id });
        let claims = json!({ "iat": now, "exp": now + 300, "aud": "/admin/" });
        let signing = format!(
            "{}.{}",
            b64.encode(header.to_string()),
            b64.encode(claims.to_string())
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key)
            .map_err(|_| CmsError::Refused("the Admin API key's secret is unusable".into()))?;
        mac.update(signing.as_bytes());
        let signature = b64.encode(mac.finalize().into_bytes());
        Ok(format!("{signing}.{signature}"))
    }

    fn api(&self, path: &str) -> String {
        format!("{}/ghost/api/admin{path}", self.url)
    }

    fn call(&self, method: Method, url: &str, body: Option<&Value>) -> Result<Reply> {
        let headers = vec![("Authorization", format!("Ghost {}", self.token()?))];
        self.http.send_json(method, url, headers, body)
    }

    /// The reply's JSON when it is a success, else the sentence for its error.
    fn expect(&self, reply: Reply, doing: &str) -> Result<Value> {
        reply.expect(&self.site, "Ghost", doing, |r| self.refusal(r, doing))
    }

    fn refusal(&self, reply: &Reply, doing: &str) -> CmsError {
        let (kind, message) = error_of(reply).unwrap_or_default();
        if reply.status >= 500 {
            return CmsError::ServerFault {
                site: self.site.clone(),
                status: reply.status,
                detail: message,
            };
        }
        let sentence = match (reply.status, kind.as_str()) {
            (401, _) | (_, "UnauthorizedError") => format!(
                "Ghost at {} refused the Admin API key (check it in Settings → Integrations)",
                self.url
            ),
            (403, _) | (_, "NoPermissionError") => format!(
                "the Admin API key may not do that on {} ({doing}): {message}",
                self.url
            ),
            (404, _) if message.is_empty() => format!(
                "{} does not look like a Ghost site: it has no Admin API at /ghost/api/admin/",
                self.url
            ),
            _ => format!(
                "Ghost at {} refused {doing} (HTTP {}{}){}",
                self.url,
                reply.status,
                if kind.is_empty() {
                    String::new()
                } else {
                    format!(", {kind}")
                },
                if message.is_empty() {
                    String::new()
                } else {
                    format!(": {message}")
                }
            ),
        };
        CmsError::Refused(redact(&sentence, &self.secret))
    }

    fn state(value: &Value) -> RemoteState {
        let post = value.pointer("/posts/0").unwrap_or(value);
        RemoteState {
            id: text(post, "id"),
            url: text(post, "url"),
            slug: text(post, "slug"),
            modified: stamp(post),
            status: text(post, "status"),
        }
    }

    fn payload(&self, out: &Outgoing, updated_at: Option<&str>) -> Value {
        let post = &out.post;
        let mut tags: Vec<Value> = Vec::new();
        if !post.section.is_empty() {
            tags.push(json!({ "name": post.section }));
        }
        for tag in &post.tags {
            if !tag.eq_ignore_ascii_case(&post.section) {
                tags.push(json!({ "name": tag }));
            }
        }
        let mut body = json!({
            "title": post.title,
            // An HTML card keeps the body element for element (Ghost's own
            // conversion drops classes, asides and the kicker's paragraph).
            "html": format!("<!--kg-card-begin: html-->\n{}\n<!--kg-card-end: html-->", post.html),
            "slug": post.slug,
            "custom_excerpt": clip(&post.excerpt, MAX_EXCERPT),
            "meta_title": clip(&post.meta_title, MAX_META_TITLE),
            "meta_description": clip(&post.meta_description, MAX_META_DESCRIPTION),
            "tags": tags,
            "codeinjection_head": format!("<meta name=\"dateline:story\" content=\"{}\">", out.story_id),
        });
        match &out.featured {
            Some((media, picture)) => {
                body["feature_image"] = json!(media.url);
                body["feature_image_alt"] = json!(clip(&picture.alt_text, MAX_ALT));
                body["feature_image_caption"] = json!(escape(&picture.caption));
            }
            None => body["feature_image"] = Value::Null,
        }
        match out.status {
            RemoteStatus::Draft => body["status"] = json!("draft"),
            RemoteStatus::Publish => body["status"] = json!("published"),
            RemoteStatus::Schedule(at) => {
                body["status"] = json!("scheduled");
                body["published_at"] = json!(at.to_rfc3339());
            }
        }
        if !out.authors.is_empty() {
            body["authors"] =
                Value::Array(out.authors.iter().map(|id| json!({ "id": id })).collect());
        }
        if let Some(at) = updated_at {
            body["updated_at"] = json!(self::updated_at(at));
        }
        json!({ "posts": [body] })
    }
}

/// A post's stamp: Ghost's `updated_at` (to the second) and a digest of
/// what a person edits, so that a change made in the same second as
/// Dateline's own is still seen. The `updated_at` a PUT must carry is the
/// part before the space.
fn stamp(post: &Value) -> String {
    let parts = [
        "title",
        "lexical",
        "custom_excerpt",
        "status",
        "slug",
        "feature_image",
    ]
    .map(|key| post.get(key).map(Value::to_string).unwrap_or_default());
    crate::site::stamp(&text(post, "updated_at"), parts)
}

/// The `updated_at` part of a [`stamp`].
fn updated_at(stamp: &str) -> &str {
    stamp.split(' ').next().unwrap_or(stamp)
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Ghost's error type and message.
fn error_of(reply: &Reply) -> Option<(String, String)> {
    let value = reply.json()?;
    let first = value.pointer("/errors/0")?;
    Some((text(first, "type"), text(first, "message")))
}

impl Site for Ghost {
    fn check(&self) -> Result<SiteCheck> {
        let reply = self
            .http
            .send(Method::Get, &self.api("/site/"), &[], None)?;
        let site = reply.json().and_then(|v| v.get("site").cloned());
        let Some(site) = site.filter(|_| reply.ok()) else {
            if reply.status >= 500 {
                return Err(self.refusal(&reply, "a visit"));
            }
            return Err(CmsError::Refused(format!(
                "{} does not look like a Ghost site: it has no Admin API at /ghost/api/admin/ (HTTP {})",
                self.url, reply.status
            )));
        };
        let site_name = text(&site, "title");
        let url = self.api("/posts/?limit=1&fields=id");
        self.expect(self.call(Method::Get, &url, None)?, "signing in")?;
        let version = text(&site, "version");
        Ok(SiteCheck {
            sentence: format!(
                "Connected to {}{} with its Admin API key.",
                if site_name.is_empty() {
                    &self.url
                } else {
                    &site_name
                },
                if version.is_empty() {
                    String::new()
                } else {
                    format!(" (Ghost {version})")
                }
            ),
            site_name,
        })
    }

    fn upload(&self, picture: &Picture) -> Result<RemoteMedia> {
        let (kind, body) = multipart(
            &[("purpose", "image"), ("ref", &picture.hash)],
            "file",
            &picture.file_name,
            &picture.mime,
            &picture.bytes,
        );
        let reply = self.http.send(
            Method::Post,
            &self.api("/images/upload/"),
            &[
                ("Authorization", format!("Ghost {}", self.token()?)),
                ("Content-Type", kind),
            ],
            Some(&body),
        )?;
        let made = self.expect(reply, "a picture")?;
        let url = made
            .pointer("/images/0/url")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Ok(RemoteMedia {
            remote_id: String::new(),
            url,
            described: picture.description(),
        })
    }

    fn describe(&self, _media: &RemoteMedia, _picture: &Picture) -> Result<()> {
        // Ghost keeps alt text and captions in the post, sent with it.
        Ok(())
    }

    fn authors(&self, names: &[String]) -> Result<Option<Vec<String>>> {
        if names.is_empty() {
            return Ok(None);
        }
        let reply = self.call(
            Method::Get,
            &self.api("/users/?limit=all&fields=id,name"),
            None,
        )?;
        if !reply.ok() {
            return Ok(None);
        }
        let users = reply.json().unwrap_or_default();
        let users = users
            .get("users")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let ids: Option<Vec<String>> = names
            .iter()
            .map(|name| {
                users
                    .iter()
                    .find(|u| text(u, "name").trim().eq_ignore_ascii_case(name.trim()))
                    .map(|u| text(u, "id"))
            })
            .collect();
        Ok(ids)
    }

    fn find(&self, slug: &str, story_id: &str) -> Result<Option<RemoteState>> {
        let filter = query_escape(&format!("slug:'{slug}'"));
        let url = self.api(&format!("/posts/?filter={filter}&limit=5&formats=lexical"));
        let found = self.expect(self.call(Method::Get, &url, None)?, "looking for the post")?;
        let posts = found
            .get("posts")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        Ok(posts
            .iter()
            .find(|p| text(p, "codeinjection_head").contains(story_id))
            .map(Self::state))
    }

    fn read(&self, id: &str) -> Result<Option<RemoteState>> {
        let reply = self.call(
            Method::Get,
            &self.api(&format!("/posts/{id}/?formats=lexical")),
            None,
        )?;
        if reply.status == 404 {
            return Ok(None);
        }
        Ok(Some(Self::state(&self.expect(reply, "reading the post")?)))
    }

    fn create(&self, out: &Outgoing) -> Result<RemoteState> {
        let body = self.payload(out, None);
        let reply = self.call(
            Method::Post,
            &self.api("/posts/?source=html&formats=lexical"),
            Some(&body),
        )?;
        Ok(Self::state(&self.expect(reply, "the post")?))
    }

    fn update(&self, id: &str, out: &Outgoing, modified: &str) -> Result<RemoteState> {
        let body = self.payload(out, Some(modified));
        let reply = self.call(
            Method::Put,
            &self.api(&format!("/posts/{id}/?source=html&formats=lexical")),
            Some(&body),
        )?;
        if reply.status == 409
            || error_of(&reply).is_some_and(|(kind, _)| kind == "UpdateCollisionError")
        {
            return Err(CmsError::Conflict {
                site: self.site.clone(),
                modified: updated_at(modified).to_owned(),
            });
        }
        Ok(Self::state(&self.expect(reply, "the post's update")?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_store::{CmsKind, PostStatus, SecretPlace};

    fn target() -> Target {
        Target {
            id: uuid::Uuid::now_v7(),
            name: "Ghost site".into(),
            kind: CmsKind::Ghost,
            url: "http://127.0.0.1:2368".into(),
            user: String::new(),
            secret: SecretPlace::Session,
            default_status: PostStatus::Draft,
            categories: Default::default(),
            tags: Default::default(),
        }
    }

    #[test]
    fn tokens_are_signed_with_the_decoded_secret() {
        let ghost = Ghost::new(&target(), "6489:00ff10").unwrap();
        let token = ghost.token().unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header: Value = serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["kid"], "6489");
        assert_eq!(header["alg"], "HS256");
        let claims: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["aud"], "/admin/");
        let lifetime = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
        assert!(lifetime > 0 && lifetime <= 300);
        let mut mac = Hmac::<Sha256>::new_from_slice(&[0x00, 0xff, 0x10]).unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        assert_eq!(
            b64.decode(parts[2]).unwrap(),
            mac.finalize().into_bytes().to_vec()
        );
    }

    #[test]
    fn keys_that_are_not_admin_keys_are_named() {
        for key in ["nocolon", "id:xyz", ":00ff", "id:0"] {
            let err = Ghost::new(&target(), key)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("not a Ghost Admin API key"), "{key}: {err}");
            assert!(
                !err.contains(key) || key.len() < 4,
                "the key is not repeated"
            );
        }
    }

    #[test]
    fn long_fields_are_clipped_to_ghosts_limits() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
