//! One small HTTP client for both CMSs: requests with bytes in and bytes
//! out, the system's TLS, bounded times, no redirects followed (a site that
//! moved is named, not followed with a password), and transport failures
//! turned into [`CmsError`] sentences.

use std::time::Duration;

use ureq::tls::{RootCerts, TlsConfig, TlsProvider};

use crate::error::{CmsError, Result};

/// The largest answer read from a site.
const MAX_REPLY: u64 = 32 * 1024 * 1024;

/// A site's answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Reply {
    /// The JSON of a successful answer; else `refusal` says why not, and an
    /// answer that is not JSON is named as coming from something that is not
    /// `cms`.
    pub fn expect(
        self,
        site: &str,
        cms: &str,
        doing: &str,
        refusal: impl FnOnce(&Reply) -> CmsError,
    ) -> Result<serde_json::Value> {
        if !self.ok() {
            return Err(refusal(&self));
        }
        self.json().ok_or_else(|| {
            CmsError::Refused(format!(
                "{site} answered {doing} with something that is not {cms}'s JSON"
            ))
        })
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A request's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// The client, named after the site it talks to (for its sentences).
pub struct Http {
    agent: ureq::Agent,
    site: String,
}

impl Http {
    pub fn new(site: &str) -> Http {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .user_agent(concat!("Dateline/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                TlsConfig::builder()
                    .provider(TlsProvider::NativeTls)
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build();
        Http {
            agent: config.into(),
            site: site.to_owned(),
        }
    }

    /// Sends `body` as JSON (when there is one) with `headers`.
    pub fn send_json(
        &self,
        method: Method,
        url: &str,
        mut headers: Vec<(&str, String)>,
        body: Option<&serde_json::Value>,
    ) -> Result<Reply> {
        let bytes = body.map(|b| b.to_string().into_bytes());
        if bytes.is_some() {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        self.send(method, url, &headers, bytes.as_deref())
    }

    /// Sends one request. Any answer is `Ok` (the caller reads its status);
    /// a failure to get one is an error.
    pub fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, String)],
        body: Option<&[u8]>,
    ) -> Result<Reply> {
        let outcome = match method {
            Method::Get => {
                let mut req = self.agent.get(url);
                for (k, v) in headers {
                    req = req.header(*k, v.as_str());
                }
                req.call()
            }
            Method::Post | Method::Put => {
                let mut req = if method == Method::Post {
                    self.agent.post(url)
                } else {
                    self.agent.put(url)
                };
                for (k, v) in headers {
                    req = req.header(*k, v.as_str());
                }
                req.send(body.unwrap_or_default())
            }
        };
        let mut response = outcome.map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_REPLY)
            .read_to_vec()
            .map_err(|e| self.transport_error(e))?;
        Ok(Reply {
            status,
            body,
            location,
        })
    }

    fn transport_error(&self, e: ureq::Error) -> CmsError {
        let site = self.site.clone();
        match e {
            ureq::Error::Tls(detail) => CmsError::Tls {
                site,
                detail: detail.to_owned(),
            },
            ureq::Error::NativeTls(detail) => CmsError::Tls {
                site,
                detail: detail.to_string(),
            },
            ureq::Error::HostNotFound => CmsError::Offline {
                site,
                detail: "its name was not found: no network, or a wrong address".into(),
            },
            ureq::Error::ConnectionFailed => CmsError::Offline {
                site,
                detail: "the connection was refused or there is no network".into(),
            },
            ureq::Error::Timeout(_) => CmsError::Offline {
                site,
                detail: "it did not answer in time".into(),
            },
            ureq::Error::Io(io) => CmsError::Offline {
                site,
                detail: io.to_string(),
            },
            ureq::Error::BadUri(uri) => {
                CmsError::Refused(format!("{uri:?} is not a usable address"))
            }
            ureq::Error::BodyExceedsLimit(_) => CmsError::Refused(format!(
                "{site} answered with more than {} MB; is the address right?",
                MAX_REPLY / 1024 / 1024
            )),
            other => CmsError::Offline {
                site,
                detail: other.to_string(),
            },
        }
    }
}

/// A `multipart/form-data` body: fields, then one file.
pub fn multipart(
    fields: &[(&str, &str)],
    file_field: &str,
    file_name: &str,
    mime: &str,
    bytes: &[u8],
) -> (String, Vec<u8>) {
    let boundary = format!("dateline-{}", uuid::Uuid::now_v7().simple());
    let mut body = Vec::with_capacity(bytes.len() + 512);
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{value}\r\n",
                quoted(name)
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {mime}\r\n\r\n",
            quoted(file_field),
            quoted(file_name)
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A value safe inside a quoted header parameter.
fn quoted(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '\\' | '\r' | '\n' => '_',
            c => c,
        })
        .collect()
}

/// `text` escaped for a URL's query.
pub fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_bodies_hold_fields_and_the_file() {
        let (kind, body) = multipart(
            &[("purpose", "image")],
            "file",
            "a\"b.png",
            "image/png",
            b"PNG",
        );
        let text = String::from_utf8_lossy(&body);
        let boundary = kind.split("boundary=").nth(1).unwrap_or_default();
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.contains("name=\"purpose\"\r\n\r\nimage\r\n"));
        assert!(text.contains("filename=\"a_b.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    }

    #[test]
    fn queries_are_escaped() {
        assert_eq!(query_escape("a b&c/é"), "a%20b%26c%2F%C3%A9");
    }

    #[test]
    fn a_closed_port_is_offline_not_refused() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(9);
        let err = Http::new("Test site")
            .send(Method::Get, &format!("http://127.0.0.1:{port}/"), &[], None)
            .unwrap_err();
        assert!(err.is_transient(), "{err}");
        assert!(
            err.to_string()
                .starts_with("Test site could not be reached"),
            "{err}"
        );
    }
}
