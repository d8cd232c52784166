// The story's text fields by the names comments, suggestions and diffs use
// (crates/core/src/review/fields.rs): "headline", "headline.seo",
// "caption:<picture id>"... and the labels a desk reads.
import type { Story } from "../bindings/Story";

const LABELS: Record<string, string> = {
  "": "Body",
  body: "Body",
  kicker: "Kicker",
  headline: "Headline",
  "headline.seo": "SEO headline",
  "headline.social": "Social headline",
  "headline.print": "Print headline",
  standfirst: "Standfirst",
  meta_description: "Meta description",
  "dateline.place": "Dateline place",
  "dateline.date": "Dateline date",
  publish_at: "Publication time",
  section: "Section",
  tags: "Tags",
  focus_keyphrase: "Focus keyphrase",
};

const PICTURE_PARTS: Record<string, string> = {
  caption: "Caption",
  credit: "Credit",
  alt_text: "Alt text",
  rights: "Rights",
};

function pictureField(field: string): { part: string; id: string } | null {
  const colon = field.indexOf(":");
  if (colon < 0) return null;
  const part = field.slice(0, colon);
  return part in PICTURE_PARTS ? { part, id: field.slice(colon + 1) } : null;
}

/** Whether a comment's field is the body ("" is, for the core, too). */
export function isBody(field: string): boolean {
  return field === "body" || field === "";
}

/** "Headline", "Caption of picture 2". */
export function fieldLabel(story: Story, field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const picture = pictureField(field);
  if (picture) {
    const index = story.media.findIndex((m) => m.id === picture.id);
    const what = PICTURE_PARTS[picture.part] ?? picture.part;
    return index < 0 ? `${what} of a removed picture` : `${what} of picture ${index + 1}`;
  }
  return field;
}

/** The field's current text; null for a name the story does not have. */
export function fieldValue(story: Story, field: string): string | null {
  switch (field) {
    case "":
    case "body":
      return story.body;
    case "kicker":
      return story.kicker;
    case "headline":
      return story.headline;
    case "headline.seo":
      return story.headlines.seo;
    case "headline.social":
      return story.headlines.social;
    case "headline.print":
      return story.headlines.print;
    case "standfirst":
      return story.standfirst;
    case "meta_description":
      return story.meta_description;
    case "dateline.place":
      return story.dateline.place;
    case "dateline.date":
      return story.dateline.date ?? "";
    case "publish_at":
      return story.publish_at ?? "";
    case "section":
      return story.section;
    case "tags":
      return story.tags.join(", ");
    case "focus_keyphrase":
      return story.focus_keyphrase;
  }
  const picture = pictureField(field);
  const media = picture && story.media.find((m) => m.id === picture.id);
  if (!picture || !media) return null;
  switch (picture.part) {
    case "caption":
      return media.caption;
    case "credit":
      return media.credit;
    case "alt_text":
      return media.alt_text;
    case "rights":
      return media.rights;
  }
  return null;
}
