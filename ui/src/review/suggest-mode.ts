// "Suggest changes" in the body: a transaction filter that turns what is
// typed into CriticMarkup instead of changing the text.
//
//   typing            → {++words++}{>>Ada Reyes | 2026-12-02T10:04:00Z<<}
//   deleting          → {--words--}{>>…<<}
//   replacing words   → {~~old~>new~~}{>>…<<}
//
// Typing on inside (or right after) one's own insertion, or in the new words
// of one's own substitution, extends it; deleting inside one's own insertion
// really deletes; deleting next to one's own deletion extends it. Text inside
// someone else's mark is never edited: typing there goes after the mark, and
// deleting there only moves the cursor past it. The filter rewrites the
// transaction itself, so undo takes a suggestion back in one step.
import { ChangeSet, EditorSelection, EditorState, Transaction, type Extension, type TransactionSpec } from "@codemirror/state";
import { breakMarkers, parseCritic, signature, spanText, type CriticToken } from "./critic";
import { nowStamp } from "./text";

export interface SuggestOptions {
  /** Who signs the suggestions. */
  author: string;
  /** The time to sign with (tests pass a fixed one). */
  now?: () => string;
}

/** One replacement of the original document, and where the cursor goes in
 * its inserted text (null: not here). `plain` when it is the edit as made. */
interface Edit {
  from: number;
  to: number;
  insert: string;
  cursor: number | null;
  plain?: boolean;
}

interface Plan {
  edits: Edit[];
  /** A cursor position in the original document when nothing is edited. */
  move?: number;
}

interface Context {
  doc: string;
  tokens: CriticToken[];
  author: string;
  stamp: () => string;
}

/** The words of a new mark, kept from closing it early. */
const insWords = (text: string) => breakMarkers(text, ["++}"]);
const delWords = (text: string) => breakMarkers(text, ["--}"]);
const oldWords = (text: string) => breakMarkers(text, ["~>", "~~}"]);
const newWords = (text: string) => breakMarkers(text, ["~~}"]);

const isOwn = (cx: Context, t: CriticToken) => t.kind !== "highlight" && t.kind !== "comment" && t.signature?.author === cx.author;

/** Own insertions and substitutions: marks whose new words may be edited. */
const ownNew = (cx: Context) => cx.tokens.filter((t) => t.new && (t.kind === "insert" || t.kind === "replace") && isOwn(cx, t));

const signatureText = (cx: Context, t: CriticToken) => (t.signature ? cx.doc.slice(t.signature.from, t.signature.to) : cx.stamp());

/** The mark with `pos` strictly inside it (its signature included). */
const containing = (cx: Context, pos: number) => cx.tokens.find((t) => t.from < pos && pos < t.end);

/** `text` put over `from..to` inside the words of `t` (one's own), rewriting the
 * words when together they would read as the mark's closer. */
function extend(cx: Context, t: CriticToken, from: number, to: number, text: string, plain: boolean): Edit {
  const words = t.new;
  if (!words) return { from, to, insert: text, cursor: text.length, plain };
  const before = cx.doc.slice(words.from, from);
  const after = cx.doc.slice(to, words.to);
  const safe = t.kind === "insert" ? insWords : newWords;
  const joined = before + text + after;
  const fixed = safe(joined);
  if (fixed === joined) return { from, to, insert: text, cursor: text.length, plain };
  const head = safe(before + text);
  return { from: words.from, to: words.to, insert: fixed, cursor: fixed.startsWith(head) ? head.length : fixed.length - after.length };
}

function planInsert(cx: Context, pos: number, text: string): Plan {
  for (const t of ownNew(cx)) {
    const words = t.new;
    if (!words) continue;
    if (words.from <= pos && pos <= words.to) return { edits: [extend(cx, t, pos, pos, text, true)] };
    // Right before or right after one's own insertion: extend it.
    if (pos === t.end || (pos === t.from && t.kind === "insert")) {
      const at = pos === t.end ? words.to : words.from;
      return { edits: [extend(cx, t, at, at, text, false)] };
    }
  }
  const at = containing(cx, pos)?.end ?? pos;
  const words = insWords(text);
  return { edits: [{ from: at, to: at, insert: `{++${words}++}${cx.stamp()}`, cursor: 3 + words.length }] };
}

/** The UTF-16 start of the character that ends at `pos`. */
function charBefore(doc: string, pos: number): number {
  const c = doc.charCodeAt(pos - 1);
  return c >= 0xdc00 && c <= 0xdfff && pos >= 2 ? pos - 2 : pos - 1;
}

function planDelete(cx: Context, from: number, to: number, backward: boolean): Plan {
  // Inside one's own new words: really delete.
  for (const t of ownNew(cx)) {
    const words = t.new;
    if (!words || from < words.from || to > words.to) continue;
    if (from === words.from && to === words.to) {
      if (t.kind === "insert") return { edits: [{ from: t.from, to: t.end, insert: "", cursor: 0 }] };
      const insert = `{--${delWords(spanText(cx.doc, t.old))}--}${signatureText(cx, t)}`;
      return { edits: [{ from: t.from, to: t.end, insert, cursor: backward ? 0 : insert.length }] };
    }
    return { edits: [{ from, to, insert: "", cursor: 0, plain: true }] };
  }
  // Backspace just after one's own insertion takes its last character.
  if (backward) {
    const t = ownNew(cx).find((m) => m.new !== null && m.new.to > m.new.from && m.new.to <= from && to <= m.end);
    if (t?.new) {
      const plan = planDelete(cx, charBefore(cx.doc, t.new.to), t.new.to, true);
      return { ...plan, edits: plan.edits.map((e) => ({ ...e, plain: false })) };
    }
  }

  const pieces: Edit[] = [];
  const plain: { from: number; to: number }[] = [];
  let pos = from;
  const overlapping = cx.tokens.filter((t) => t.end > from && t.from < to);
  for (const t of overlapping) {
    if (pos < t.from) plain.push({ from: pos, to: Math.min(t.from, to) });
    if (t.kind === "insert" && isOwn(cx, t)) {
      if (from <= t.from && t.end <= to) pieces.push({ from: t.from, to: t.end, insert: "", cursor: null });
      else if (t.new) {
        const s = Math.max(from, t.new.from);
        const e = Math.min(to, t.new.to);
        if (s < e) pieces.push({ from: s, to: e, insert: "", cursor: null });
      }
    }
    pos = Math.max(pos, t.end);
  }
  if (pos < to) plain.push({ from: pos, to });

  const only = plain[0];
  if (plain.length === 1 && pieces.length === 0 && only) {
    // One stretch of plain text: join it to one's own deletions beside it.
    const left = cx.tokens.find((t) => t.kind === "delete" && isOwn(cx, t) && t.end === only.from);
    const right = cx.tokens.find((t) => t.kind === "delete" && isOwn(cx, t) && t.from === only.to);
    const words = spanText(cx.doc, left?.old ?? null) + cx.doc.slice(only.from, only.to) + spanText(cx.doc, right?.old ?? null);
    const sig = left ? signatureText(cx, left) : right ? signatureText(cx, right) : cx.stamp();
    const insert = `{--${delWords(words)}--}${sig}`;
    return { edits: [{ from: left?.from ?? only.from, to: right?.end ?? only.to, insert, cursor: backward ? 0 : insert.length }] };
  }
  for (const p of plain) pieces.push({ from: p.from, to: p.to, insert: `{--${delWords(cx.doc.slice(p.from, p.to))}--}${cx.stamp()}`, cursor: null });
  if (pieces.length === 0) {
    // Only someone's markup was in the way: step over it.
    const first = overlapping[0];
    const last = overlapping[overlapping.length - 1];
    return { edits: [], move: backward ? Math.min(from, first?.from ?? from) : Math.max(to, last?.end ?? to) };
  }
  pieces.sort((a, b) => a.from - b.from);
  const target = backward ? pieces[0] : pieces[pieces.length - 1];
  if (target) target.cursor = backward ? 0 : target.insert.length;
  return { edits: pieces };
}

function planReplace(cx: Context, from: number, to: number, text: string): Plan {
  for (const t of ownNew(cx)) {
    if (t.new && t.new.from <= from && to <= t.new.to) return { edits: [extend(cx, t, from, to, text, true)] };
  }
  if (!cx.tokens.some((t) => t.end > from && t.from < to)) {
    const old = oldWords(cx.doc.slice(from, to));
    const words = newWords(text);
    return { edits: [{ from, to, insert: `{~~${old}~>${words}~~}${cx.stamp()}`, cursor: 5 + old.length + words.length }] };
  }
  // The selection crosses marks: delete what may be deleted, insert after it.
  const deleted = planDelete(cx, from, to, false);
  const at = containing(cx, to)?.end ?? to;
  const words = insWords(text);
  const insert = `{++${words}++}${cx.stamp()}`;
  const edits: Edit[] = deleted.edits.map((e) => ({ ...e, cursor: null }));
  const touching = edits.find((e) => e.to === at);
  if (touching) {
    touching.cursor = touching.insert.length + 3 + words.length;
    touching.insert += insert;
  } else {
    edits.push({ from: at, to: at, insert, cursor: 3 + words.length });
  }
  return { edits };
}

/** The transaction as a suggestion, or unchanged when it is not an edit made
 * by typing, deleting, pasting or dropping. */
export function suggestTransaction(tr: Transaction, options: SuggestOptions): Transaction | TransactionSpec {
  if (!tr.docChanged) return tr;
  const event = tr.annotation(Transaction.userEvent);
  if (!event || !(tr.isUserEvent("input") || tr.isUserEvent("delete") || tr.isUserEvent("move"))) return tr;
  const doc = tr.startState.doc.toString();
  let stamp: string | null = null;
  const cx: Context = {
    doc,
    tokens: parseCritic(doc),
    author: options.author,
    stamp: () => (stamp ??= signature(options.author, (options.now ?? nowStamp)())),
  };
  const backward = tr.isUserEvent("delete.backward");
  const edits: Edit[] = [];
  const moves: number[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    const text = inserted.toString();
    const plan = text === "" ? planDelete(cx, fromA, toA, backward) : fromA === toA ? planInsert(cx, fromA, text) : planReplace(cx, fromA, toA, text);
    edits.push(...plan.edits);
    if (plan.move !== undefined) moves.push(plan.move);
  });
  if (moves.length === 0 && edits.every((e) => e.plain)) return tr;

  // Several cursors can ask for overlapping rewrites: the first one wins.
  edits.sort((a, b) => a.from - b.from || a.to - b.to);
  const kept: Edit[] = [];
  for (const e of edits) {
    const previous = kept[kept.length - 1];
    if (previous && e.from < previous.to) continue;
    kept.push(e);
  }
  const changes = ChangeSet.of(
    kept.map(({ from, to, insert }) => ({ from, to, insert })),
    doc.length,
  );
  const cursors = [
    ...kept.flatMap((e) => (e.cursor === null ? [] : [changes.mapPos(e.from, -1) + e.cursor])),
    ...moves.map((m) => changes.mapPos(m, 1)),
  ];
  return {
    changes,
    selection: cursors.length ? EditorSelection.create(cursors.map((c) => EditorSelection.cursor(c))) : undefined,
    effects: tr.effects,
    scrollIntoView: tr.scrollIntoView,
    annotations: Transaction.userEvent.of(event),
  };
}

/** The filter, signing as `options.author`. Reconfigure it (a Compartment) to
 * turn suggesting on and off or to change who signs. */
export function suggestMode(options: SuggestOptions): Extension {
  return EditorState.transactionFilter.of((tr) => suggestTransaction(tr, options));
}
