//! What Dateline asks of a CMS, whichever it is.

use chrono::{DateTime, Utc};
use dateline_core::export::cms::Post;
use dateline_store::{CmsKind, RemoteMedia, Target};

use crate::error::Result;
use crate::{ghost::Ghost, wordpress::WordPress};

/// A picture to put on a site.
#[derive(Debug, Clone)]
pub struct Picture {
    pub hash: String,
    pub file_name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
    pub alt_text: String,
    /// The caption and credit together, as the site shows them.
    pub caption: String,
}

impl Picture {
    /// What was last said about a picture, to know when to say it again.
    pub fn description(&self) -> String {
        format!("{}\u{1f}{}", self.alt_text, self.caption)
    }
}

/// The status a post is given on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteStatus {
    Draft,
    Publish,
    /// Published by the site at that time.
    Schedule(DateTime<Utc>),
}

/// Everything sent for a post.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub post: Post,
    pub status: RemoteStatus,
    /// The hero picture, uploaded.
    pub featured: Option<(RemoteMedia, Picture)>,
    /// The site's user ids for the bylines, when every byline is one.
    pub authors: Vec<String>,
    /// The story's id, the mark a cut-off push finds its post by.
    pub story_id: String,
}

/// A post as the site has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteState {
    pub id: String,
    pub url: String,
    pub slug: String,
    /// WordPress `modified_gmt`, Ghost `updated_at`.
    pub modified: String,
    pub status: String,
}

/// What "Test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SiteCheck {
    /// One sentence: "Connected to Harbour News (WordPress 6.1) as Ama Mensah."
    pub sentence: String,
    pub site_name: String,
}

/// A CMS, spoken to over its API.
pub trait Site {
    /// Checks the address and the credentials.
    fn check(&self) -> Result<SiteCheck>;
    /// Uploads a picture; gives its id and address on the site.
    fn upload(&self, picture: &Picture) -> Result<RemoteMedia>;
    /// Updates the alt text and caption of a picture already there.
    fn describe(&self, media: &RemoteMedia, picture: &Picture) -> Result<()>;
    /// The site's user ids of these names, or `None` when one is not a user.
    fn authors(&self, names: &[String]) -> Result<Option<Vec<String>>>;
    /// The post Dateline made for `story_id`, found by its slug and mark.
    fn find(&self, slug: &str, story_id: &str) -> Result<Option<RemoteState>>;
    /// The post as it is now; `None` when it was deleted.
    fn read(&self, id: &str) -> Result<Option<RemoteState>>;
    fn create(&self, out: &Outgoing) -> Result<RemoteState>;
    /// Updates the post; `modified` is its stamp as last read.
    fn update(&self, id: &str, out: &Outgoing, modified: &str) -> Result<RemoteState>;
}

/// The client for `target`, with its secret.
pub fn connect(target: &Target, secret: &str) -> Result<Box<dyn Site>> {
    Ok(match target.kind {
        CmsKind::WordPress => Box::new(WordPress::new(target, secret)?),
        CmsKind::Ghost => Box::new(Ghost::new(target, secret)?),
    })
}

/// A post's stamp: the site's own time of its last change, and a digest of
/// `parts` (what a person edits), so that a change made in the same second
/// as Dateline's own is still seen. The site's time is the part before the
/// space.
pub(crate) fn stamp(time: &str, parts: impl IntoIterator<Item = String>) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
        hash.update([0x1f]);
    }
    let digest: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{time} {digest}")
}
