import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import type { Note } from "../bindings/Note";
import { makeAnchor, locateAnchor } from "./anchors";
import { commentField, commentRangeOf, commentRanges, setCommentRanges } from "./comment-marks";
import { criticMarks, marksAt } from "./critic-marks";
import { SelectionMemory, trackFieldSelection } from "./selection";
import { initialsOf, nowStamp, utf16Offset, utf8Length } from "./text";

const bytes = (s: string) => new TextEncoder().encode(s).length;

function note(overrides: Partial<Note> = {}): Note {
  return { id: "n1", author: "Ada Reyes", text: "Check this", anchor: null, created_at: "2026-12-02T10:04:00Z", replies: [], resolved: null, ...overrides };
}

describe("offsets", () => {
  it("count UTF-8 bytes as the core does, surrogate pairs included", () => {
    for (const text of ["", "abc", "café", "日本語", "🐟 fish", "a\u{10FFFF}b", "lone \ud800 surrogate"]) {
      expect(utf8Length(text)).toBe(bytes(text));
    }
    expect(utf8Length("a😀b", 1, 3)).toBe(4);
  });

  it("turn bytes back into UTF-16 positions", () => {
    const text = "Café 😀 déjà";
    for (let i = 0; i <= text.length; i++) {
      const c = text.charCodeAt(i - 1);
      if (c >= 0xd800 && c <= 0xdbff) continue; // not a character boundary
      expect(utf16Offset(text, bytes(text.slice(0, i)))).toBe(i);
    }
    expect(utf16Offset(text, 10_000)).toBe(text.length);
    expect(utf16Offset(text, -3)).toBe(0);
  });

  it("make initials and signature times", () => {
    expect(initialsOf("Ada Reyes")).toBe("AR");
    expect(initialsOf("  ada  ")).toBe("A");
    expect(initialsOf("Ana María de la Ó")).toBe("AÓ");
    expect(initialsOf("")).toBe("?");
    expect(nowStamp(new Date("2026-12-02T10:04:00.123Z"))).toBe("2026-12-02T10:04:00Z");
  });
});

describe("comment anchors", () => {
  it("quote the words with up to 32 characters each side, in bytes", () => {
    const text = `${"x".repeat(40)} Café “harbour” 😀 reopened ${"y".repeat(40)}`;
    const from = text.indexOf("“harbour”");
    const to = from + "“harbour”".length;
    const anchor = makeAnchor("body", text, from, to);
    expect(anchor.exact).toBe("“harbour”");
    expect(Array.from(anchor.prefix)).toHaveLength(32);
    expect(anchor.prefix.endsWith("Café ")).toBe(true);
    expect(Array.from(anchor.suffix)).toHaveLength(32);
    expect(anchor.suffix.startsWith(" 😀 reopened")).toBe(true);
    expect(anchor.start).toBe(bytes(text.slice(0, from)));
    expect(anchor.end).toBe(bytes(text.slice(0, to)));
    expect(anchor.removed).toBe(false);
    const short = makeAnchor("headline", "Ferries return", 0, 7);
    expect(short).toMatchObject({ field: "headline", exact: "Ferries", prefix: "", suffix: " return", start: 0, end: 7 });
  });

  it("are found where they were, or by their words and context after edits", () => {
    const text = "The toll rose. The toll fell. The toll rose again.";
    const at = text.lastIndexOf("toll");
    const anchor = makeAnchor("body", text, at, at + 4);
    expect(locateAnchor(anchor, text)).toEqual({ from: at, to: at + 4 });
    // Text added before the words: the bytes point elsewhere, the context finds them.
    const edited = `Café news. ${text}`;
    expect(locateAnchor(anchor, edited)).toEqual({ from: edited.lastIndexOf("toll"), to: edited.lastIndexOf("toll") + 4 });
    expect(locateAnchor(anchor, "Nothing about it.")).toBeNull();
    expect(locateAnchor({ ...anchor, exact: "" }, text)).toEqual({ from: at, to: at + 4 });
  });

  it("are kept on their words in the editor as the text changes", () => {
    const text = "Boats left the harbour at dawn.";
    const from = text.indexOf("harbour");
    const notes = [note({ anchor: makeAnchor("body", text, from, from + 7) })];
    // Resolved, removed and other fields' comments are not highlighted.
    notes.push(note({ id: "n2", resolved: { by: "Ben", at: "2026-12-02T11:00:00Z" }, anchor: makeAnchor("body", text, 0, 5) }));
    notes.push(note({ id: "n3", anchor: { ...makeAnchor("body", text, 0, 5), removed: true } }));
    notes.push(note({ id: "n4", anchor: makeAnchor("headline", "Boats", 0, 5) }));
    notes.push(note({ id: "n5" }));
    expect(commentRanges(notes, text)).toEqual([{ id: "n1", from, to: from + 7 }]);

    let state = EditorState.create({ doc: text, extensions: [commentField] });
    state = state.update({ effects: setCommentRanges.of(commentRanges(notes, text)) }).state;
    expect(commentRangeOf(state, "n1")).toEqual({ from, to: from + 7 });
    state = state.update({ changes: { from: 0, insert: "Two 🐟 " } }).state;
    const moved = commentRangeOf(state, "n1");
    expect(moved && state.doc.sliceString(moved.from, moved.to)).toBe("harbour");
    // Deleting the words takes the highlight away.
    const at = state.doc.toString().indexOf("harbour");
    state = state.update({ changes: { from: at, to: at + 7 } }).state;
    expect(commentRangeOf(state, "n1")).toBeNull();
  });
});

describe("suggestion marks in the editor", () => {
  it("decorate insertions, deletions, markers and signatures", () => {
    const doc = "a{++b++}{>>Ada Reyes | 2026-12-02T10:04:00Z<<} {--c--} {~~d~>e~~}{>>Ben | 2026-12-02T10:04:00Z | conflict<<}";
    const state = EditorState.create({ doc, extensions: [criticMarks()] });
    const at = (s: string) => doc.indexOf(s);
    expect(marksAt(state, at("b++"), at("b++") + 1)).toContain("cm-critic-ins");
    expect(marksAt(state, at("{++"), at("{++") + 1)).toContain("cm-critic-syntax");
    expect(marksAt(state, at("c--"), at("c--") + 1)).toContain("cm-critic-del");
    expect(marksAt(state, at("d~>"), at("d~>") + 1)).toEqual(expect.arrayContaining(["cm-critic-del", "cm-critic-conflict"]));
    expect(marksAt(state, at("e~~"), at("e~~") + 1)).toContain("cm-critic-ins");
    expect(marksAt(state, at("{>>Ada") + 2, at("{>>Ada") + 3)).toContain("widget");
    const plain = EditorState.create({ doc: "no marks {here}", extensions: [criticMarks()] });
    expect(marksAt(plain, 0, plain.doc.length)).toEqual([]);
  });
});

describe("the words a comment is about", () => {
  it("are the last words selected in a field, found again if the text moved", () => {
    const memory = new SelectionMemory();
    const input = document.createElement("textarea");
    input.value = "Ferries return to Portmere";
    trackFieldSelection(memory, input, "headline");
    input.setSelectionRange(8, 14);
    input.dispatchEvent(new Event("select"));
    expect(memory.current()).toMatchObject({ field: "headline", from: 8, to: 14 });
    input.value = "The ferries return to Portmere";
    const anchor = memory.take();
    expect(anchor).toMatchObject({ field: "headline", exact: "return", start: 12, end: 18 });
    // Taken: the next comment is about the whole story unless words are selected again.
    expect(memory.take()).toBeNull();
  });

  it("are let go when the selection is emptied where they were", () => {
    const memory = new SelectionMemory();
    const input = document.createElement("input");
    input.value = "Boats at dawn";
    trackFieldSelection(memory, input, "kicker");
    input.setSelectionRange(0, 5);
    input.dispatchEvent(new Event("mouseup"));
    expect(memory.current()?.from).toBe(0);
    input.setSelectionRange(3, 3);
    input.dispatchEvent(new Event("mouseup"));
    expect(memory.current()).toBeNull();
  });
});
