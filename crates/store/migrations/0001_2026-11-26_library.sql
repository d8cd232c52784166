-- The first library schema: stories and their parts, media stored once by hash,
-- revisions, the status history and a full-text index.

CREATE TABLE stories (
    rowid_key        INTEGER PRIMARY KEY,            -- stable integer key for FTS
    id               TEXT NOT NULL UNIQUE,           -- UUID v7
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL,
    kicker           TEXT NOT NULL DEFAULT '',
    headline         TEXT NOT NULL,
    headline_seo     TEXT NOT NULL DEFAULT '',
    headline_social  TEXT NOT NULL DEFAULT '',
    headline_print   TEXT NOT NULL DEFAULT '',
    standfirst       TEXT NOT NULL DEFAULT '',
    meta_description TEXT NOT NULL DEFAULT '',
    bylines          TEXT NOT NULL DEFAULT '[]',     -- JSON list of bylines
    dateline_place   TEXT NOT NULL DEFAULT '',
    dateline_date    TEXT,                           -- YYYY-MM-DD
    publish_at       TEXT,                           -- RFC 3339
    section          TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '[]',     -- JSON list of strings
    focus_keyphrase  TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL DEFAULT '',
    word_count       INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

-- The library list: most recently updated first, optionally by status.
CREATE INDEX stories_by_updated ON stories (updated_at DESC);
CREATE INDEX stories_by_status ON stories (status, updated_at DESC);

-- File bytes, kept once however many stories use them.
CREATE TABLE blobs (
    hash  TEXT PRIMARY KEY,                          -- SHA-256, hex
    size  INTEGER NOT NULL,
    bytes BLOB NOT NULL
) STRICT;

CREATE TABLE media (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    blob_hash  TEXT REFERENCES blobs (hash),         -- NULL: the file is missing
    file_name  TEXT NOT NULL DEFAULT '',
    mime       TEXT NOT NULL DEFAULT '',
    caption    TEXT NOT NULL DEFAULT '',
    credit     TEXT NOT NULL DEFAULT '',
    alt_text   TEXT NOT NULL DEFAULT '',
    rights     TEXT NOT NULL DEFAULT '',
    hero       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX media_by_story ON media (story_id, position);
CREATE INDEX media_by_blob ON media (blob_hash);

CREATE TABLE related_links (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    url      TEXT NOT NULL DEFAULT '',
    summary  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (story_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE notes (
    id           TEXT PRIMARY KEY,
    story_id     TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    author       TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    anchor_start INTEGER,
    anchor_end   INTEGER,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_story ON notes (story_id, position);

-- Snapshots of a story (JSON of the whole model, media by hash), newest last.
CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    reason     TEXT NOT NULL,                        -- save | autosave | restore | import
    origin     TEXT NOT NULL,                        -- window | cli | import | background
    created_at TEXT NOT NULL,
    snapshot   TEXT NOT NULL
) STRICT;
CREATE INDEX revisions_by_story ON revisions (story_id, id);

CREATE TABLE status_history (
    id         INTEGER PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status  TEXT NOT NULL,
    origin     TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX status_history_by_story ON status_history (story_id, id);

-- Full-text search over what a desk searches by; rowid = stories.rowid_key.
CREATE VIRTUAL TABLE stories_fts USING fts5 (
    kicker, headlines, standfirst, body, captions,
    tokenize = 'unicode61 remove_diacritics 2'
);
