//! Sending a story to a site: its pictures first (each once per site), then
//! the post, created the first time and updated after that. The library is
//! locked only to read and to record, never while the network is waited on.
//! A push the site cannot take now goes to the outbox.

use std::sync::Mutex;

use chrono::Utc;
use dateline_core::export::cms::{post, Post, PostOptions};
use dateline_core::{Status, Story, StoryId};
use dateline_store::{Library, PostStatus, RemoteMedia, RemotePost, Target};
use serde::Serialize;

use crate::error::{CmsError, CmsErrorKind, Result};
use crate::secret::Secrets;
use crate::site::{connect, Outgoing, Picture, RemoteState, RemoteStatus, Site};

/// What to do when the post changed on the site since it was last sent.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnConflict {
    /// Stop, and say so (the default).
    #[default]
    Ask,
    /// Send this version over the site's.
    Overwrite,
    /// Leave the site's version; send nothing.
    KeepSite,
}

/// How one push ended.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PushOutcome {
    /// The site has the story: `url` is the post's address.
    Sent {
        story: StoryId,
        target: String,
        url: String,
        remote_id: String,
        /// `false` when an existing post was updated.
        created: bool,
        pictures_uploaded: usize,
    },
    /// The site could not be reached: the push waits in the outbox.
    Queued {
        story: StoryId,
        target: String,
        reason: String,
    },
    /// The post was changed on the site: overwrite or keep?
    Conflict {
        story: StoryId,
        target: String,
        sentence: String,
    },
    /// The site's version was kept; nothing was sent.
    Kept { story: StoryId, target: String },
    /// The site refused, or the story cannot go as it is.
    Failed {
        story: StoryId,
        target: String,
        kind: CmsErrorKind,
        error: String,
    },
}

impl PushOutcome {
    /// One line for a person: "Sent to Harbour News: https://…".
    pub fn sentence(&self) -> String {
        match self {
            PushOutcome::Sent {
                target,
                url,
                created,
                ..
            } => format!(
                "{} {target}: {url}",
                if *created { "Sent to" } else { "Updated on" }
            ),
            PushOutcome::Queued { target, reason, .. } => {
                format!("Queued for {target}: {reason}; it goes when the site answers")
            }
            PushOutcome::Conflict { sentence, .. } => sentence.clone(),
            PushOutcome::Kept { target, .. } => format!("Kept the version on {target}"),
            PushOutcome::Failed { target, error, .. } => format!("Not sent to {target}: {error}"),
        }
    }
}

/// Where a push of several stories stands, for a progress bar.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PushProgress {
    pub done: usize,
    pub total: usize,
    pub story: StoryId,
    pub target: String,
    /// "Uploading picture 2 of 3", "Sending the post".
    pub stage: String,
}

/// Whatever holds the library: a push locks it only to read and to record.
/// The command line's is a plain mutex; the app's waits for the library to
/// open.
pub trait Desk: Sync {
    fn with_library<T>(&self, f: impl FnOnce(&mut Library) -> Result<T>) -> Result<T>;
}

impl Desk for Mutex<Library> {
    fn with_library<T>(&self, f: impl FnOnce(&mut Library) -> Result<T>) -> Result<T> {
        let mut guard = self.lock().map_err(|_| {
            CmsError::NotSendable(
                "the library is unusable after an earlier fault; restart Dateline".into(),
            )
        })?;
        f(&mut guard)
    }
}

fn locked<T>(lib: &impl Desk, f: impl FnOnce(&mut Library) -> Result<T>) -> Result<T> {
    lib.with_library(f)
}

/// What a push needs from the library, read under one lock.
struct Plan {
    target: Target,
    story: Story,
    record: Option<RemotePost>,
    /// (media index, picture, what the site already has of it)
    pictures: Vec<(usize, Picture, Option<RemoteMedia>)>,
}

fn plan(lib: &mut Library, story: StoryId, target: &str) -> Result<Plan> {
    let target = lib.target(target)?;
    let story = lib.get_story(story)?;
    let record = lib.remote_post(story.id, target.id)?;
    let mut pictures = Vec::new();
    for (index, media) in story.media.iter().enumerate() {
        let Some(file) = &media.file else { continue };
        let known = lib.remote_media(target.id, &file.hash)?;
        let bytes = if known.is_some() {
            Vec::new()
        } else {
            lib.media_bytes(&file.hash)?
        };
        let caption = [media.caption.trim(), media.credit.trim()]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        pictures.push((
            index,
            Picture {
                hash: file.hash.clone(),
                file_name: dateline_core::export::picture_file_name(&story, index)
                    .unwrap_or_else(|| file.file_name.clone()),
                mime: file.mime.clone(),
                bytes,
                alt_text: media.alt_text.trim().to_owned(),
                caption,
            },
            known,
        ));
    }
    Ok(Plan {
        target,
        story,
        record,
        pictures,
    })
}

/// The status the post gets on the site.
fn remote_status(target: &Target, story: &Story) -> Result<RemoteStatus> {
    let wants = target.default_status;
    if wants != PostStatus::Draft && !matches!(story.status, Status::Ready | Status::Exported) {
        return Err(CmsError::NotSendable(format!(
            "{} publishes what it is sent, and this story is not Ready yet; mark it Ready first, or send it to a target that makes drafts",
            target.name
        )));
    }
    let now = Utc::now();
    let status = match wants {
        PostStatus::Draft => RemoteStatus::Draft,
        PostStatus::Publish => RemoteStatus::Publish,
        PostStatus::Schedule => match story.publish_at {
            Some(at) if at > now => RemoteStatus::Schedule(at),
            Some(_) => RemoteStatus::Publish,
            None => RemoteStatus::Draft,
        },
    };
    // An embargo holds publication back: scheduled for its end at the
    // earliest, and a draft stays a draft.
    Ok(match (status, story.embargo_until) {
        (RemoteStatus::Publish, Some(until)) if until > now => RemoteStatus::Schedule(until),
        (RemoteStatus::Schedule(at), Some(until)) if until > at => RemoteStatus::Schedule(until),
        (status, _) => status,
    })
}

/// Sends `story` to the target named `target` (name or id). Never fails as
/// a call: how it went is the outcome, and a site that cannot be reached
/// queues the push in the outbox.
pub fn push(
    lib: &impl Desk,
    secrets: &Secrets,
    story: StoryId,
    target: &str,
    on_conflict: OnConflict,
    progress: &dyn Fn(&str),
) -> PushOutcome {
    let mut target_name = target.to_owned();
    let mut target_id = None;
    let result = (|| -> Result<PushOutcome> {
        let plan = locked(lib, |l| plan(l, story, target))?;
        target_name = plan.target.name.clone();
        target_id = Some(plan.target.id);
        if plan.story.status == Status::Spiked {
            return Err(CmsError::NotSendable(
                "the story is spiked; move it back to Draft to send it".into(),
            ));
        }
        let status = remote_status(&plan.target, &plan.story)?;
        let secret = secrets.get(&plan.target)?;
        let site = connect(&plan.target, &secret)?;
        send(lib, &*site, plan, status, on_conflict, progress)
    })();
    match result {
        Ok(outcome) => outcome,
        Err(e) if e.is_transient() && target_id.is_some() => {
            let reason = e.to_string();
            let queued = target_id.map(|t| locked(lib, |l| Ok(l.queue_push(story, t, &reason)?)));
            match queued {
                Some(Err(store)) => failed(story, &target_name, &store),
                _ => PushOutcome::Queued {
                    story,
                    target: target_name,
                    reason,
                },
            }
        }
        Err(e) => {
            if let Some(t) = target_id {
                let _ = locked(lib, |l| Ok(l.outbox_hold(story, t, &e.to_string())?));
            }
            match e {
                CmsError::Conflict { .. } => PushOutcome::Conflict {
                    story,
                    target: target_name,
                    sentence: e.to_string(),
                },
                e => failed(story, &target_name, &e),
            }
        }
    }
}

fn failed(story: StoryId, target: &str, e: &CmsError) -> PushOutcome {
    PushOutcome::Failed {
        story,
        target: target.to_owned(),
        kind: e.kind(),
        error: e.to_string(),
    }
}

fn send(
    lib: &impl Desk,
    site: &dyn Site,
    plan: Plan,
    status: RemoteStatus,
    on_conflict: OnConflict,
    progress: &dyn Fn(&str),
) -> Result<PushOutcome> {
    let Plan {
        target,
        story,
        record,
        pictures,
    } = plan;
    let mut urls: Vec<Option<String>> = vec![None; story.media.len()];
    let mut featured = None;
    let mut uploaded = 0;
    let total = pictures.iter().filter(|(_, _, k)| k.is_none()).count();
    for (index, picture, known) in pictures {
        let media = match known {
            Some(known) => {
                if known.described != picture.description() {
                    site.describe(&known, &picture)?;
                    let media = RemoteMedia {
                        described: picture.description(),
                        ..known
                    };
                    locked(lib, |l| {
                        Ok(l.record_media(target.id, &picture.hash, &media)?)
                    })?;
                    media
                } else {
                    known
                }
            }
            None => {
                uploaded += 1;
                progress(&format!("Uploading picture {uploaded} of {total}"));
                let media = site.upload(&picture)?;
                locked(lib, |l| {
                    Ok(l.record_media(target.id, &picture.hash, &media)?)
                })?;
                media
            }
        };
        urls[index] = Some(media.url.clone());
        if story.media[index].hero && featured.is_none() {
            featured = Some((
                media,
                Picture {
                    bytes: Vec::new(),
                    ..picture
                },
            ));
        }
    }
    progress("Sending the post");
    let names: Vec<String> = story
        .bylines
        .iter()
        .map(|b| b.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let authors = site.authors(&names)?;
    let picture_url = |i: usize| urls.get(i).cloned().flatten();
    let mut post = post(
        &story,
        &PostOptions {
            picture_url: &picture_url,
            byline_in_body: authors.is_none(),
            ..PostOptions::default()
        },
    );
    map_names(&target, &mut post);
    let out = Outgoing {
        post,
        status,
        featured,
        authors: authors.unwrap_or_default(),
        story_id: story.id.to_string(),
    };
    let (state, created): (RemoteState, bool) = match &record {
        Some(record) => match site.read(&record.remote_id)? {
            // Deleted on the site: a new post.
            None => (site.create(&out)?, true),
            Some(now) => {
                if !record.remote_modified.is_empty() && now.modified != record.remote_modified {
                    match on_conflict {
                        OnConflict::Ask => {
                            return Err(CmsError::Conflict {
                                site: target.name.clone(),
                                // The site's time, without the digest beside it.
                                modified: now
                                    .modified
                                    .split(' ')
                                    .next()
                                    .unwrap_or_default()
                                    .to_owned(),
                            });
                        }
                        OnConflict::KeepSite => {
                            locked(lib, |l| Ok(l.outbox_remove(story.id, target.id)?))?;
                            return Ok(PushOutcome::Kept {
                                story: story.id,
                                target: target.name,
                            });
                        }
                        OnConflict::Overwrite => {}
                    }
                }
                (site.update(&now.id, &out, &now.modified)?, false)
            }
        },
        // Never recorded: a push cut off after the site made the post
        // finds it by its slug and mark instead of making a second one.
        None => match site.find(&out.post.slug, &out.story_id)? {
            Some(found) => (site.update(&found.id, &out, &found.modified)?, false),
            None => (site.create(&out)?, true),
        },
    };
    let remote = RemotePost {
        remote_id: state.id.clone(),
        url: state.url.clone(),
        slug: state.slug.clone(),
        remote_modified: state.modified.clone(),
        remote_status: state.status.clone(),
        pushed_version: story.version,
        pushed_at: Utc::now(),
    };
    locked(lib, |l| Ok(l.record_push(story.id, target.id, &remote)?))?;
    Ok(PushOutcome::Sent {
        story: story.id,
        target: target.name,
        url: state.url,
        remote_id: state.id,
        created,
        pictures_uploaded: uploaded,
    })
}

/// The section and tags as the target's mapping names them on the site; a
/// name mapped to nothing is left out, and a tag the mapping makes the same
/// as another goes once.
fn map_names(target: &Target, post: &mut Post) {
    post.section = target.site_section(&post.section);
    let mut tags: Vec<String> = Vec::new();
    for tag in &post.tags {
        let tag = target.site_tag(tag);
        if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    post.tags = tags;
}

/// Sends several stories to one target, one after another; a failed story
/// never stops the others. `progress` hears of each step.
pub fn push_many(
    lib: &impl Desk,
    secrets: &Secrets,
    stories: &[StoryId],
    target: &str,
    on_conflict: OnConflict,
    progress: &dyn Fn(&PushProgress),
) -> Vec<PushOutcome> {
    let total = stories.len();
    stories
        .iter()
        .enumerate()
        .map(|(done, &story)| {
            let step = |stage: &str| {
                progress(&PushProgress {
                    done,
                    total,
                    story,
                    target: target.to_owned(),
                    stage: stage.to_owned(),
                })
            };
            push(lib, secrets, story, target, on_conflict, &step)
        })
        .collect()
}

/// Sends what waits in the outbox: the pushes whose time has come, or with
/// `all` every one ("Send now"). A site that cannot be reached is not tried
/// again in the same round. Each push sends the story as it is now.
pub fn send_outbox(
    lib: &impl Desk,
    secrets: &Secrets,
    all: bool,
    progress: &dyn Fn(&PushProgress),
) -> Result<Vec<PushOutcome>> {
    let due = locked(lib, |l| Ok(l.outbox_due(Utc::now(), all)?))?;
    let total = due.len();
    let mut unreachable = std::collections::HashSet::new();
    let mut outcomes = Vec::new();
    for (done, entry) in due.into_iter().enumerate() {
        if unreachable.contains(&entry.target_id) {
            continue;
        }
        let target = entry.target_id.to_string();
        let step = |stage: &str| {
            progress(&PushProgress {
                done,
                total,
                story: entry.story,
                target: entry.target.clone(),
                stage: stage.to_owned(),
            })
        };
        let outcome = push(lib, secrets, entry.story, &target, OnConflict::Ask, &step);
        if matches!(outcome, PushOutcome::Queued { .. }) {
            unreachable.insert(entry.target_id);
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Checks a target's address and secret: "Test connection".
pub fn test_target(lib: &impl Desk, secrets: &Secrets, target: &str) -> Result<crate::SiteCheck> {
    let target = locked(lib, |l| Ok(l.target(target)?))?;
    let secret = secrets.get(&target)?;
    connect(&target, &secret)?.check()
}

/// Checks an address and secret before a target is saved.
pub fn test_site(target: &Target, secret: &str) -> Result<crate::SiteCheck> {
    connect(target, secret)?.check()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_store::{CmsKind, SecretPlace};

    fn target(status: PostStatus) -> Target {
        Target {
            id: uuid::Uuid::now_v7(),
            name: "Site".into(),
            kind: CmsKind::WordPress,
            url: "https://news.example".into(),
            user: "desk".into(),
            secret: SecretPlace::Session,
            default_status: status,
            categories: Default::default(),
            tags: Default::default(),
        }
    }

    #[test]
    fn an_embargo_holds_publication_back() {
        let soon = Utc::now() + chrono::Duration::hours(2);
        let later = Utc::now() + chrono::Duration::hours(5);
        let mut story = Story::new("Budget");
        story.status = Status::Ready;
        let status = |t: PostStatus, s: &Story| remote_status(&target(t), s).unwrap();
        assert_eq!(status(PostStatus::Publish, &story), RemoteStatus::Publish);
        story.embargo_until = Some(soon);
        assert_eq!(
            status(PostStatus::Publish, &story),
            RemoteStatus::Schedule(soon)
        );
        assert_eq!(status(PostStatus::Draft, &story), RemoteStatus::Draft);
        story.publish_at = Some(later);
        assert_eq!(
            status(PostStatus::Schedule, &story),
            RemoteStatus::Schedule(later)
        );
        story.embargo_until = Some(later + chrono::Duration::hours(1));
        assert_eq!(
            status(PostStatus::Schedule, &story),
            RemoteStatus::Schedule(later + chrono::Duration::hours(1))
        );
        story.embargo_until = Some(Utc::now() - chrono::Duration::hours(1));
        story.publish_at = None;
        assert_eq!(
            status(PostStatus::Publish, &story),
            RemoteStatus::Publish,
            "an embargo past"
        );
    }

    #[test]
    fn a_site_that_publishes_takes_only_ready_stories() {
        let story = Story::new("Draft");
        let err = remote_status(&target(PostStatus::Publish), &story).unwrap_err();
        assert!(err.to_string().contains("not Ready yet"), "{err}");
        assert_eq!(
            remote_status(&target(PostStatus::Draft), &story).unwrap(),
            RemoteStatus::Draft
        );
    }

    #[test]
    fn sections_and_tags_take_the_sites_names() {
        let mut site = target(PostStatus::Draft);
        site.categories = [("World".to_owned(), "International".to_owned())].into();
        site.tags = [
            ("ukraine".to_owned(), "Ukraine war".to_owned()),
            ("war".to_owned(), "ukraine WAR".to_owned()),
            ("internal".to_owned(), String::new()),
        ]
        .into();
        let mut story = Story::new("Talks");
        story.section = "world".into();
        story.tags = vec![
            "Ukraine".into(),
            "war".into(),
            "internal".into(),
            "diplomacy".into(),
        ];
        let mut out = post(&story, &PostOptions::default());
        map_names(&site, &mut out);
        assert_eq!(out.section, "International", "any case");
        assert_eq!(
            out.tags,
            ["Ukraine war", "diplomacy"],
            "a tag left out, two made one"
        );
        site.categories = [("World".to_owned(), String::new())].into();
        let mut out = post(&story, &PostOptions::default());
        map_names(&site, &mut out);
        assert_eq!(out.section, "", "a section left out");
    }
}
