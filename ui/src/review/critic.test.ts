import { describe, expect, it } from "vitest";
import { bodySuggestions, breakMarkers, hasMarkup, parseCritic, parseSignature, resolveAll, signature } from "./critic";

const SIG = "{>>Ada Reyes | 2026-12-02T10:04:00Z<<}";
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("CriticMarkup", () => {
  it("reads the five marks and their words", () => {
    const text = "a {++b++} c {--d--} e {~~f~>g~~} h {==i==} j {>>k<<} l";
    const tokens = parseCritic(text);
    expect(tokens.map((t) => t.kind)).toEqual(["insert", "delete", "replace", "highlight", "comment"]);
    const words = tokens.map((t) => [t.old && text.slice(t.old.from, t.old.to), t.new && text.slice(t.new.from, t.new.to)]);
    expect(words).toEqual([
      [null, "b"],
      ["d", null],
      ["f", "g"],
      ["i", null],
      ["k", null],
    ]);
    expect(tokens.map((t) => text.slice(t.from, t.end))).toEqual(["{++b++}", "{--d--}", "{~~f~>g~~}", "{==i==}", "{>>k<<}"]);
  });

  it("takes the comment right after a suggestion as its signature", () => {
    const text = `Boats{++ and ferries++}${SIG} left {--early--}{>>Ben | 2026-12-01T08:00:00Z | check the time<<}.`;
    const found = bodySuggestions(text);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ ordinal: 0, kind: "insert", new: " and ferries", old: "", author: "Ada Reyes", at: "2026-12-02T10:04:00Z", remark: "", conflict: false });
    expect(found[1]).toMatchObject({ ordinal: 1, kind: "delete", old: "early", author: "Ben", remark: "check the time" });
    expect(text.slice(found[0]?.from, found[0]?.to)).toBe(`{++ and ferries++}${SIG}`);
    // Standalone comments are not signatures, and a space breaks the tie.
    const loose = parseCritic(`{++a++} ${SIG}`);
    expect(loose.map((t) => t.kind)).toEqual(["insert", "comment"]);
    expect(loose[0]?.signature).toBeNull();
  });

  it("reads signatures with and without a time or remark", () => {
    expect(parseSignature("Ada Reyes | 2026-12-02T10:04:00Z")).toEqual({ author: "Ada Reyes", at: "2026-12-02T10:04:00Z", remark: "" });
    // Split at the first two "|", as the core reads them.
    expect(parseSignature("Ada | 2026-12-02T10:04:00Z | a|b")).toEqual({ author: "Ada", at: "2026-12-02T10:04:00Z", remark: "a|b" });
    expect(parseSignature("Ada | 2026-12-02T11:04:00+01:00")).toMatchObject({ at: "2026-12-02T11:04:00+01:00" });
    expect(parseSignature("Ada | 2026-12-02T10:04Z")).toEqual({ author: "Ada", at: null, remark: "2026-12-02T10:04Z" });
    expect(parseSignature("Ada | soon | check")).toEqual({ author: "Ada", at: null, remark: "soon | check" });
    expect(parseSignature("Ada | not a time")).toEqual({ author: "Ada", at: null, remark: "not a time" });
    expect(parseSignature(" is this right? ")).toEqual({ author: "", at: null, remark: "is this right?" });
    expect(signature("Ada Reyes", "2026-12-02T10:04:00Z")).toBe(SIG);
    expect(signature("Ada", "2026-12-02T10:04:00Z", "conflict")).toBe("{>>Ada | 2026-12-02T10:04:00Z | conflict<<}");
    // Names cannot break the signature: one line, no "|", no closer.
    expect(signature(" A|B\n<<} ", "2026-12-02T10:04:00Z", "x\ty")).toBe("{>>A/B << } | 2026-12-02T10:04:00Z | x y<<}");
  });

  it("breaks markers inside words as the core does", () => {
    expect(breakMarkers("C++} and a~>b", ["++}", "~>"])).toBe("C+\u200b+} and a~\u200b>b");
    expect(breakMarkers("+++}", ["++}"])).toBe("++\u200b+}");
    expect(breakMarkers("plain", ["++}"])).toBe("plain");
  });

  it("marks merge conflicts", () => {
    const text = `The toll is {~~£4~>£5~~}{>>Ben Okafor | 2026-12-03T09:00:00Z | conflict<<}.`;
    const [conflict] = bodySuggestions(text);
    expect(conflict).toMatchObject({ kind: "replace", old: "£4", new: "£5", author: "Ben Okafor", conflict: true });
    // Only the exact remark is a conflict.
    expect(bodySuggestions("{~~a~>b~~}{>>Ben | 2026-12-03T09:00:00Z | Conflict<<}")[0]?.conflict).toBe(false);
  });

  it("leaves unclosed and malformed markup as text", () => {
    expect(parseCritic("a {++b c")).toEqual([]);
    expect(parseCritic("{~~old new~~}")).toEqual([]);
    expect(parseCritic("{~~a~~}~>b~~}")).toEqual([]);
    expect(parseCritic("{+ + } {- -} { ++ x ++ }")).toEqual([]);
    expect(hasMarkup("plain {text}")).toBe(false);
    // After a broken opener, later marks are still read.
    const text = "{++ oops {--x--}";
    const tokens = parseCritic(text);
    expect(tokens.map((t) => [t.kind, text.slice(t.from, t.end)])).toEqual([["delete", "{--x--}"]]);
  });

  it("does not nest: a mark ends at its first closer", () => {
    const tokens = parseCritic("{++a {++b++} c++}");
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.to).toBe("{++a {++b++}".length);
  });

  it("reads empty marks and marks across lines", () => {
    const text = `{++++}{--a\n\nb--}${SIG}`;
    const found = bodySuggestions(text);
    expect(found.map((s) => [s.kind, s.new, s.old])).toEqual([
      ["insert", "", ""],
      ["delete", "", "a\n\nb"],
    ]);
  });

  it("numbers suggestions from 0, skipping highlights and comments", () => {
    const text = `{==x==}{>>note<<} {++a++}${SIG} {>>aside<<} {--b--} {~~c~>d~~}`;
    expect(bodySuggestions(text).map((s) => [s.ordinal, s.kind])).toEqual([
      [0, "insert"],
      [1, "delete"],
      [2, "replace"],
    ]);
  });

  it("reports byte ranges as the core does, and UTF-16 ranges for the editor", () => {
    const before = "Café 😀 — “quoted” ";
    const mark = `{~~naïve~>née~~}${SIG}`;
    const text = `${before}${mark} après`;
    const [s] = bodySuggestions(text);
    expect(s?.from).toBe(before.length);
    expect(s?.to).toBe(before.length + mark.length);
    expect(s?.start).toBe(bytes(before));
    expect(s?.end).toBe(bytes(before) + bytes(mark));
    expect(s?.start).not.toBe(s?.from);
    expect(s).toMatchObject({ old: "naïve", new: "née" });
    // A second suggestion after more non-ASCII text is counted on.
    const two = `${text} 日本 {++語++}`;
    const second = bodySuggestions(two)[1];
    expect(second?.start).toBe(bytes(two.slice(0, two.indexOf("{++語"))));
    expect(second?.end).toBe(bytes(two));
  });

  it("resolves everything one way", () => {
    const text = `a{++ b++}${SIG} c{-- d--} {~~e~>f~~} {==g==}{>>h<<}`;
    expect(resolveAll(text, "accept")).toBe("a b c f g");
    expect(resolveAll(text, "reject")).toBe("a c d e g");
  });
});
