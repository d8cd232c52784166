-- A target's tag mapping, beside its section mapping (`categories`): Dateline's tag ->
-- the name the site knows it by. An empty name leaves that tag out of the post.
ALTER TABLE cms_targets ADD COLUMN tag_map TEXT NOT NULL DEFAULT '{}';  -- JSON object
