// Suggestions in the body as CriticMarkup, read the way the core reads them
// (crates/core/src/review/critic.rs):
//
//   {++added++}  {--deleted--}  {~~old~>new~~}  {==highlight==}  {>>comment<<}
//
// A comment right after a suggestion is its signature: "author | time" or
// "author | time | remark"; the remark "conflict" marks a merge conflict
// (this side's words replaced by the other side's). Markup does not nest:
// each mark ends at its first closing marker, and markup that is not closed
// (or a substitution without "~>") is plain text. Suggestions are numbered
// from 0 in the order they appear: the core decides them by that ordinal.
//
// Everything here is in UTF-16 offsets (the editor's); suggestions also carry
// the UTF-8 byte range the core reports, for comparison.
import type { BodySuggestion } from "../bindings/BodySuggestion";
import type { SuggestionKind } from "../bindings/SuggestionKind";
import { ByteCounter } from "./text";

export type CriticKind = SuggestionKind | "highlight" | "comment";

/** A stretch of the text, in UTF-16 offsets. */
export interface Span {
  from: number;
  to: number;
}

/** The comment signing a suggestion. */
export interface CriticSignature extends Span {
  /** What is between `{>>` and `<<}`. */
  text: string;
  author: string;
  /** RFC 3339, or null when the signature has no readable time. */
  at: string | null;
  remark: string;
}

export interface CriticToken extends Span {
  kind: CriticKind;
  /** The words taken out (delete, replace), highlighted or commented. */
  old: Span | null;
  /** The words put in (insert, replace). */
  new: Span | null;
  signature: CriticSignature | null;
  /** Where the mark ends, its signature included. */
  end: number;
}

/** A body suggestion as the core reports it, plus its place in UTF-16. */
export interface CriticSuggestion extends BodySuggestion {
  /** The markup, signature included (UTF-16). */
  from: number;
  to: number;
  token: CriticToken;
}

const OPENERS: Record<string, CriticKind> = {
  "{++": "insert",
  "{--": "delete",
  "{~~": "replace",
  "{==": "highlight",
  "{>>": "comment",
};

const CLOSERS: Record<CriticKind, string> = {
  insert: "++}",
  delete: "--}",
  replace: "~~}",
  highlight: "==}",
  comment: "<<}",
};

export const SUGGESTION_KINDS: readonly CriticKind[] = ["insert", "delete", "replace"];

export function isSuggestion(token: CriticToken): token is CriticToken & { kind: SuggestionKind } {
  return token.kind === "insert" || token.kind === "delete" || token.kind === "replace";
}

/** Reads one mark starting at `at`, or null when there is none there. */
function readMark(text: string, at: number): CriticToken | null {
  const kind = OPENERS[text.slice(at, at + 3)];
  if (!kind) return null;
  const body = at + 3;
  if (kind === "replace") {
    const arrow = text.indexOf("~>", body);
    if (arrow < 0) return null;
    const close = text.indexOf("~~}", arrow + 2);
    // "{~~a~~}" is not a substitution: its closer comes before any arrow.
    const early = text.indexOf("~~}", body);
    if (close < 0 || (early >= 0 && early < arrow)) return null;
    return { kind, from: at, to: close + 3, end: close + 3, old: { from: body, to: arrow }, new: { from: arrow + 2, to: close }, signature: null };
  }
  const close = text.indexOf(CLOSERS[kind], body);
  if (close < 0) return null;
  const content = { from: body, to: close };
  return {
    kind,
    from: at,
    to: close + 3,
    end: close + 3,
    old: kind === "insert" ? null : content,
    new: kind === "insert" ? content : null,
    signature: null,
  };
}

/** RFC 3339 as chrono reads it: seconds required, any offset. */
const TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const isTime = (text: string) => TIME.test(text) && !Number.isNaN(Date.parse(text.replace(" ", "T")));

/** "author | time | remark" → its parts, as the core reads them (the text
 * is split at the first two "|"). A comment of another shape is a remark by
 * nobody in particular. */
export function parseSignature(text: string): { author: string; at: string | null; remark: string } {
  const first = text.indexOf("|");
  if (first < 0) return { author: "", at: null, remark: text.trim() };
  const second = text.indexOf("|", first + 1);
  const author = text.slice(0, first).trim();
  const at = (second < 0 ? text.slice(first + 1) : text.slice(first + 1, second)).trim();
  const remark = second < 0 ? "" : text.slice(second + 1).trim();
  if (isTime(at)) return { author, at, remark };
  return { author, at: null, remark: second < 0 ? at : `${at} | ${remark}` };
}

/** The remark that marks a merge conflict. */
export const CONFLICT_REMARK = "conflict";

/** Every mark of `text` in order; a suggestion's signature rides on it. */
export function parseCritic(text: string): CriticToken[] {
  const tokens: CriticToken[] = [];
  let i = text.indexOf("{");
  while (i >= 0) {
    const token = readMark(text, i);
    if (!token) {
      i = text.indexOf("{", i + 1);
      continue;
    }
    if (isSuggestion(token)) {
      const sig = readMark(text, token.to);
      if (sig?.kind === "comment" && sig.old) {
        const raw = text.slice(sig.old.from, sig.old.to);
        token.signature = { from: sig.from, to: sig.to, text: raw, ...parseSignature(raw) };
        token.end = sig.to;
      }
    }
    tokens.push(token);
    i = text.indexOf("{", token.end);
  }
  return tokens;
}

/** Whether the text holds any markup at all (cheap). */
export function hasMarkup(text: string): boolean {
  return /\{(\+\+|--|~~|==|>>)/.test(text);
}

export function spanText(text: string, span: Span | null): string {
  return span ? text.slice(span.from, span.to) : "";
}

/** The body's suggestions in order, numbered as the core numbers them. */
export function bodySuggestions(text: string): CriticSuggestion[] {
  if (!hasMarkup(text)) return [];
  const bytes = new ByteCounter(text);
  const out: CriticSuggestion[] = [];
  for (const token of parseCritic(text)) {
    if (!isSuggestion(token)) continue;
    const sig = token.signature;
    const remark = sig?.remark ?? "";
    out.push({
      ordinal: out.length,
      kind: token.kind,
      old: spanText(text, token.old),
      new: spanText(text, token.new),
      author: sig?.author ?? "",
      at: sig?.at ?? null,
      remark,
      conflict: remark === CONFLICT_REMARK,
      start: bytes.bytesAt(token.from),
      end: bytes.bytesAt(token.end),
      from: token.from,
      to: token.end,
      token,
    });
  }
  return out;
}

/** `text` made safe to stand in a signature: one line, without the
 * comment's closing marker or (in the author) the field separator. */
function signaturePart(text: string, separator: boolean): string {
  let out = text.replace(/[\n\r\t]/g, " ");
  if (separator) out = out.replace(/\|/g, "/");
  while (out.includes("<<}")) out = out.replace(/<<\}/g, "<< }");
  return out.trim();
}

/** The signature comment for a suggestion by `author` at `at`, written as
 * the core writes it. */
export function signature(author: string, at: string, remark = ""): string {
  const note = signaturePart(remark, false);
  return `{>>${signaturePart(author, true)} | ${at}${note ? ` | ${note}` : ""}<<}`;
}

/** `text` changed as little as can be so that it can stand inside markup
 * whose content must not hold `markers`: a zero-width space goes inside each
 * marker found ("C++}" → "C+\u200b+}"), as the core does it. */
export function breakMarkers(text: string, markers: readonly string[]): string {
  let out = text;
  for (const marker of markers) {
    const broken = `${marker.slice(0, 1)}\u200b${marker.slice(1)}`;
    while (out.includes(marker)) out = out.split(marker).join(broken);
  }
  return out;
}

/**
 * The text with every suggestion decided the same way and comments and
 * highlights taken out: what accepting or rejecting everything leaves.
 */
export function resolveAll(text: string, decision: "accept" | "reject"): string {
  if (!hasMarkup(text)) return text;
  let out = "";
  let at = 0;
  for (const token of parseCritic(text)) {
    out += text.slice(at, token.from);
    if (token.kind === "highlight") out += spanText(text, token.old);
    else if (token.kind !== "comment") out += spanText(text, decision === "accept" ? token.new : token.old);
    at = token.end;
  }
  return out + text.slice(at);
}
