// The words the CMS dialogs and panels show: kinds of site, where a secret is
// kept, how far a push has got, and one line for each way a push can end.
// Pure, so they are tested on their own.
import type { CmsKind } from "../bindings/CmsKind";
import type { OutboxEntry } from "../bindings/OutboxEntry";
import type { PostStatus } from "../bindings/PostStatus";
import type { PushOutcome } from "../bindings/PushOutcome";
import type { PushProgress } from "../bindings/PushProgress";
import type { SecretPlace } from "../bindings/SecretPlace";
import { plural } from "../logic/format";

/** Every kind of site, in the order the form offers them. A `Record` over the
 * generated union, so a kind added in Rust fails to compile until named. */
const KINDS: Record<CmsKind, { label: string; secret: string; where: string; sections: string }> = {
  wordpress: {
    label: "WordPress",
    sections: "categories",
    secret: "Application password",
    where: "In WordPress: Users → Profile → Application Passwords.",
  },
  ghost: {
    label: "Ghost",
    sections: "tags",
    secret: "Admin API key",
    where: "In Ghost: Settings → Integrations → Add custom integration, then copy its Admin API key.",
  },
};

export const CMS_KINDS = Object.keys(KINDS) as CmsKind[];

export function isCmsKind(value: string): value is CmsKind {
  return Object.hasOwn(KINDS, value);
}

/** "WordPress", "Ghost". */
export function kindLabel(kind: CmsKind): string {
  return KINDS[kind].label;
}

/** What the site calls the secret: "Application password", "Admin API key". */
export function secretLabel(kind: CmsKind): string {
  return KINDS[kind].secret;
}

/** Where on the site the secret is made. */
export function secretHint(kind: CmsKind): string {
  return KINDS[kind].where;
}

/** What the site makes of Dateline's sections: "Sections → categories"
 * (WordPress), "Sections → tags" (Ghost). */
export function sectionsLabel(kind: CmsKind): string {
  return `Sections → ${KINDS[kind].sections}`;
}

const STATUSES: Record<PostStatus, string> = {
  draft: "Draft",
  publish: "Published",
  schedule: "Scheduled for the story's publish time",
};

export const POST_STATUSES = Object.keys(STATUSES) as PostStatus[];

export function isPostStatus(value: string): value is PostStatus {
  return Object.hasOwn(STATUSES, value);
}

export function postStatusLabel(status: PostStatus): string {
  return STATUSES[status];
}

/** Where a target's secret is: "keyring", "this session only", "$WP_SECRET". */
export function secretPlaceText(place: SecretPlace): string {
  switch (place.kind) {
    case "keyring":
      return "keyring";
    case "session":
      return "this session only";
    case "env":
      return `$${place.var}`;
  }
}

/** "Story 1 of 3 — Uploading picture 2 of 3". `done` counts the stories
 * finished, so the one in hand is the next. */
export function progressText(p: PushProgress): string {
  const n = Math.min(p.done + 1, Math.max(p.total, 1));
  return `Story ${n} of ${p.total} — ${p.stage}`;
}

/** A sentence without its last full stop, to go inside another. */
function clause(text: string): string {
  return text.trim().replace(/\.+$/, "");
}

/** One line for a push's end, without the post's link (shown beside it). */
export function outcomeText(o: PushOutcome): string {
  switch (o.outcome) {
    case "sent": {
      const how = o.created ? "" : " (its post updated)";
      const pictures = o.pictures_uploaded > 0 ? `, ${plural(o.pictures_uploaded, "picture")} uploaded` : "";
      return `Sent to ${o.target}${how}${pictures}`;
    }
    case "queued":
      return `Queued: ${clause(o.reason)}. It goes when the site answers.`;
    case "conflict":
      return o.sentence;
    case "kept":
      return `Kept the version on ${o.target}; nothing was sent.`;
    case "failed":
      return `Not sent to ${o.target}: ${clause(o.error)}.`;
  }
}

/** The sentence for a toast: "Sent to Harbour News: https://…" (the core's own words). */
export function outcomeSentence(o: PushOutcome, headline = ""): string {
  const story = headline ? `“${headline}”: ` : "";
  if (o.outcome === "sent") return `${story}${o.created ? "Sent to" : "Updated on"} ${o.target}: ${o.url}`;
  return `${story}${outcomeText(o)}`;
}

/** "2 sent, 1 queued": how a round of pushes ended, for the status line. */
export function outcomesSummary(outcomes: readonly PushOutcome[]): string {
  if (outcomes.length === 0) return "Nothing was sent.";
  const count = (kind: PushOutcome["outcome"]) => outcomes.filter((o) => o.outcome === kind).length;
  const parts = [
    count("sent") && `${count("sent")} sent`,
    count("queued") && `${count("queued")} queued`,
    count("conflict") && `${count("conflict")} changed on the site`,
    count("kept") && `${count("kept")} kept as on the site`,
    count("failed") && `${count("failed")} not sent`,
  ].filter(Boolean);
  return `${parts.join(", ")}.`;
}

/** "14:05", local time. */
export function hoursMinutes(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** When an outbox entry goes next: "next try at 14:05", or held for "Send now". */
export function nextTryText(entry: Pick<OutboxEntry, "held" | "next_attempt_at">): string {
  return entry.held ? "held: it waits for Send now" : `next try at ${hoursMinutes(entry.next_attempt_at)}`;
}
