-- Editors review offline: who this library's person is, comments that keep
-- their words (a W3C Web Annotation quote) and their conversation,
-- suggestions for fields other than the body, who made each revision, and
-- the link between a story and the copy sent to (or received from) another
-- library, with the version both sides last shared.

CREATE TABLE library_meta (
    key   TEXT PRIMARY KEY,                          -- library_id, person_name, person_initials, package.*
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Old notes keep their range; their quote is taken from it on the next save.
ALTER TABLE notes ADD COLUMN field TEXT NOT NULL DEFAULT 'body';
ALTER TABLE notes ADD COLUMN exact TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notes ADD COLUMN replies TEXT NOT NULL DEFAULT '[]';   -- JSON list of replies
ALTER TABLE notes ADD COLUMN resolved_by TEXT;
ALTER TABLE notes ADD COLUMN resolved_at TEXT;                      -- RFC 3339

-- Proposed values for fields other than the body (the body carries its own
-- suggestions inline, as CriticMarkup).
CREATE TABLE suggestions (
    id         TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    field      TEXT NOT NULL,
    original   TEXT NOT NULL DEFAULT '',
    proposed   TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    conflict   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX suggestions_by_story ON suggestions (story_id, position);

-- Who made the revision: the library's person at the time.
ALTER TABLE revisions ADD COLUMN author TEXT NOT NULL DEFAULT '';

-- A story sent for review or received from another library. No foreign key:
-- the row outlives the story's deletion (deleted = 1) so that a package of
-- it opened later is known for what it is.
CREATE TABLE story_links (
    story_id     TEXT PRIMARY KEY,
    role         TEXT NOT NULL,                      -- sent | received
    peer_name    TEXT NOT NULL DEFAULT '',           -- who sent it to us; '' when nobody has yet
    home_library TEXT NOT NULL DEFAULT '',           -- library_id it was first sent from
    base         TEXT NOT NULL,                      -- JSON of the story both sides share
    last_kind    TEXT NOT NULL DEFAULT '',           -- review | return: the last package received
    updated_at   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
) STRICT;
