// Stories and publishing targets for the UI tests, in the shape the Rust
// commands send.
import type { Story } from "../bindings/Story";
import type { StorySummary } from "../bindings/StorySummary";
import type { Target } from "../bindings/Target";

/** A WordPress site, its secret in the keyring, posting drafts. */
export function target(overrides: Partial<Target> = {}): Target {
  return {
    id: "0190a7e0-0000-7000-8000-0000000000f1",
    name: "Harbour News",
    kind: "wordpress",
    url: "https://news.example",
    user: "ama",
    secret: { kind: "keyring" },
    default_status: "draft",
    categories: {},
    tags: {},
    ...overrides,
  };
}

export function story(overrides: Partial<Story> = {}): Story {
  return {
    id: "0190a7e0-0000-7000-8000-000000000001",
    status: "draft",
    kicker: "Transport",
    headline: "Ferries return to Portmere harbour",
    headlines: { seo: "", social: "", print: "" },
    standfirst: "The crossing reopens after a winter of repairs.",
    meta_description: "",
    bylines: [],
    dateline: { place: "Portmere", date: null },
    publish_at: null,
    embargo_until: null,
    section: "Local",
    tags: [],
    focus_keyphrase: "",
    body: "Boats left the harbour at dawn.",
    media: [],
    related: [],
    notes: [],
    suggestions: [],
    corrections: [],
    version: 1,
    created_at: "2025-12-30T09:00:00Z",
    updated_at: "2025-12-30T09:00:00Z",
    ...overrides,
  };
}

export function summary(s: Story): StorySummary {
  return {
    id: s.id,
    status: s.status,
    kicker: s.kicker,
    headline: s.headline,
    section: s.section,
    word_count: 6,
    version: s.version,
    updated_at: s.updated_at,
    review: "",
    sent_to: [],
    queued: 0,
  };
}
