// Small pure helpers: labels, times and list edits the panels share.
import type { Status } from "../bindings/Status";

export const STATUSES: readonly Status[] = ["draft", "in_review", "ready", "exported", "spiked"];

const LABELS: Record<Status, string> = {
  draft: "Draft",
  in_review: "In review",
  ready: "Ready",
  exported: "Exported",
  spiked: "Spiked",
};

export function statusLabel(status: Status): string {
  return LABELS[status];
}

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

// One formatter of each kind for the whole window, made on first use.
// `Date.toLocale*String` builds a fresh ICU formatter on every call, and a
// list of 200 rows made 600 of them: tens of megabytes the web view held on to.
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const dayMonth = once(() => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" }));
const dayMonthYear = once(() => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" }));
const clock = once(() => new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", second: "2-digit" }));
const dateAndClock = once(
  () => new Intl.DateTimeFormat(undefined, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" }),
);
const numbers = once(() => new Intl.NumberFormat());

/** "just now", "5 min ago", "3 h ago", then a date. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (Number.isNaN(seconds)) return "";
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const sameYear = then.getFullYear() === now.getFullYear();
  return (sameYear ? dayMonth() : dayMonthYear()).format(then);
}

/** A local time of day, as "14:05:09". */
export function timeOfDay(d: Date): string {
  return clock().format(d);
}

/** A full local date and time, for tooltips and the revisions list. */
export function fullTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateAndClock().format(d);
}

/** The list with item `from` moved by `delta` places (clamped). */
export function moved<T>(items: readonly T[], from: number, delta: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, from + delta));
  const out = items.slice();
  if (from < 0 || from >= items.length || to === from) return out;
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/** Tags typed as "a, b ,c" → ["a", "b", "c"], without empties or repeats. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** The UTF-8 byte offset of a UTF-16 position: the core anchors notes in bytes. */
export function byteOffset(text: string, position: number): number {
  return new TextEncoder().encode(text.slice(0, position)).length;
}

/** `publish_at` (RFC 3339, UTC) as a datetime-local input value, in local time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input value (local time) as RFC 3339 UTC, or null. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** "1 min read" from a minute count (0 for an empty body). */
export function readingText(minutes: number): string {
  return minutes === 0 ? "0 min read" : `${minutes} min read`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${numbers().format(n)} ${n === 1 ? one : many}`;
}

const REASONS: Record<string, string> = {
  create: "Created",
  save: "Saved",
  autosave: "Autosaved",
  status: "Status changed",
  restore: "Restored",
  receive: "Received",
  merge: "Merged",
  send: "Sent",
  accept: "Suggestions accepted",
  reject: "Suggestions rejected",
};

/** Why a revision was kept, as a list shows it ("Autosaved"). */
export function revisionReason(reason: string): string {
  return REASONS[reason] ?? (reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : "Saved");
}
