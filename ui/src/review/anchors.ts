// Comments on words: the anchor a new comment gets (W3C TextQuoteSelector
// and TextPositionSelector, as the core keeps them), and where an anchor's
// words are in a text the window holds now. The core re-anchors every
// comment on save; between saves the editor maps its highlights through the
// edits, and these find the words again when a fresh list of comments comes.
import type { Anchor } from "../bindings/Anchor";
import { firstChars, lastChars, utf16Offset, utf8Length } from "./text";

/** Characters of context kept each side of the quoted words. */
export const CONTEXT_CHARS = 32;

/** The anchor of `text.slice(from, to)` (UTF-16 offsets) in `field`. */
export function makeAnchor(field: string, text: string, from: number, to: number): Anchor {
  const start = Math.max(0, Math.min(from, to, text.length));
  const end = Math.min(text.length, Math.max(from, to));
  const startByte = utf8Length(text, 0, start);
  return {
    field,
    exact: text.slice(start, end),
    prefix: lastChars(text.slice(Math.max(0, start - CONTEXT_CHARS * 2), start), CONTEXT_CHARS),
    suffix: firstChars(text.slice(end, end + CONTEXT_CHARS * 2), CONTEXT_CHARS),
    start: startByte,
    end: startByte + utf8Length(text, start, end),
    removed: false,
  };
}

/** How many characters two strings share at their ends (a) / starts (b). */
function sharedEnd(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where the anchor's words are in `text` (UTF-16), or null when they are
 * gone. Its byte range first; else the occurrence of its words whose context
 * fits best, then the nearest to where they were.
 */
export function locateAnchor(anchor: Anchor, text: string): { from: number; to: number } | null {
  const from = utf16Offset(text, anchor.start);
  const to = utf16Offset(text, anchor.end);
  if (anchor.exact === "") return !anchor.removed && from < to ? { from, to } : null;
  if (text.slice(from, to) === anchor.exact) return { from, to };
  let best: { from: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(anchor.exact); at >= 0; at = text.indexOf(anchor.exact, at + 1)) {
    const score =
      sharedEnd(text.slice(Math.max(0, at - anchor.prefix.length * 2), at), anchor.prefix) +
      sharedStart(text.slice(at + anchor.exact.length, at + anchor.exact.length + anchor.suffix.length * 2), anchor.suffix);
    const distance = Math.abs(at - from);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { from: at, score, distance };
  }
  return best ? { from: best.from, to: best.from + anchor.exact.length } : null;
}
