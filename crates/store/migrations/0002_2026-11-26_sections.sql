-- The sections a library uses, and the list filtered by one, read from an
-- index rather than by scanning every story (bodies included) each time the
-- library list is refreshed.
CREATE INDEX stories_by_section ON stories (section, updated_at DESC);
