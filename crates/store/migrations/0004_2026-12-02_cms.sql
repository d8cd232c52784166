-- Corrections and updates to a published story (JSON list of {kind, text,
-- at}), and the time before which it must not be published.
ALTER TABLE stories ADD COLUMN corrections TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stories ADD COLUMN embargo_until TEXT;                  -- RFC 3339, or NULL

-- Sending stories to a CMS: the sites a library sends to, which post each
-- story became on each site, which pictures each site already holds, and the
-- pushes waiting for a site to answer. No secret is ever kept here: a target
-- says where its secret is (the system keyring, this session's memory, or an
-- environment variable named at each use).

CREATE TABLE cms_targets (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind           TEXT NOT NULL,                    -- wordpress | ghost
    url            TEXT NOT NULL,                    -- the site's address, no trailing slash
    user           TEXT NOT NULL DEFAULT '',         -- WordPress user name; '' for Ghost
    secret         TEXT NOT NULL,                    -- keyring | session | env:VAR
    default_status TEXT NOT NULL DEFAULT 'draft',    -- draft | publish | schedule
    categories     TEXT NOT NULL DEFAULT '{}',       -- JSON: Dateline section -> site category
    created_at     TEXT NOT NULL
) STRICT;

-- The post a story became on a target. Written only once the site has
-- answered; a push cut off before that finds its post again by its slug and
-- the story id Dateline writes into it.
CREATE TABLE cms_posts (
    story_id        TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    target_id       TEXT NOT NULL REFERENCES cms_targets (id) ON DELETE CASCADE,
    remote_id       TEXT NOT NULL,
    url             TEXT NOT NULL DEFAULT '',
    slug            TEXT NOT NULL DEFAULT '',
    remote_modified TEXT NOT NULL DEFAULT '',        -- the site's own stamp, as it gave it
    remote_status   TEXT NOT NULL DEFAULT '',
    pushed_version  INTEGER NOT NULL,
    pushed_at       TEXT NOT NULL,
    PRIMARY KEY (story_id, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX cms_posts_by_target ON cms_posts (target_id);

-- A picture already on a site, by the hash of its bytes: uploaded once per
-- target, whatever story uses it.
CREATE TABLE cms_media (
    target_id  TEXT NOT NULL REFERENCES cms_targets (id) ON DELETE CASCADE,
    hash       TEXT NOT NULL,
    remote_id  TEXT NOT NULL DEFAULT '',             -- '' where the site gives none (Ghost)
    url        TEXT NOT NULL,
    described  TEXT NOT NULL DEFAULT '',             -- the alt text and caption last sent
    PRIMARY KEY (target_id, hash)
) STRICT, WITHOUT ROWID;

-- Pushes waiting for their site: one a story and target, always sending the
-- story as it is when the site answers.
CREATE TABLE cms_outbox (
    id              INTEGER PRIMARY KEY,
    story_id        TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    target_id       TEXT NOT NULL REFERENCES cms_targets (id) ON DELETE CASCADE,
    queued_at       TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at TEXT NOT NULL,
    held            INTEGER NOT NULL DEFAULT 0,      -- 1: retries used up; waits for "Send now"
    UNIQUE (story_id, target_id)
) STRICT;
