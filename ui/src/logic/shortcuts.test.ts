import { describe, expect, it } from "vitest";
import { commandFor, SHORTCUTS, type KeyLike } from "./shortcuts";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("shortcuts", () => {
  it("maps the usual keys", () => {
    expect(commandFor(key("n", { ctrlKey: true }), false, false)).toBe("new");
    expect(commandFor(key("s", { ctrlKey: true }), true, true)).toBe("save");
    expect(commandFor(key("k", { ctrlKey: true }), true, true)).toBe("find");
    expect(commandFor(key("P", { ctrlKey: true }), false, false)).toBe("preview");
    expect(commandFor(key("e", { metaKey: true }), false, false)).toBe("export");
    expect(commandFor(key("F1"), true, true)).toBe("help");
    expect(commandFor(key("H", { ctrlKey: true, shiftKey: true }), false, false)).toBe("revisions");
  });

  it("maps the review keys, in text and in the body too", () => {
    expect(commandFor(key("E", { ctrlKey: true, shiftKey: true }), true, true)).toBe("suggest");
    expect(commandFor(key("S", { ctrlKey: true, shiftKey: true }), false, false)).toBe("send");
    expect(commandFor(key("O", { metaKey: true, shiftKey: true }), false, false)).toBe("receive");
    expect(commandFor(key("m", { ctrlKey: true, altKey: true }), true, true)).toBe("comment");
    expect(commandFor(key("M", { ctrlKey: true, altKey: true, shiftKey: true }), true, true)).toBeNull();
    expect(commandFor(key("n", { ctrlKey: true, altKey: true }), false, false)).toBeNull();
  });

  it("sends to the CMS with Ctrl+Shift+P, leaving Ctrl+P to the preview", () => {
    expect(commandFor(key("P", { ctrlKey: true, shiftKey: true }), false, false)).toBe("push");
    expect(commandFor(key("p", { metaKey: true, shiftKey: true }), true, true)).toBe("push");
    expect(commandFor(key("p", { ctrlKey: true }), false, false)).toBe("preview");
    expect(SHORTCUTS.filter((s) => s.keys === "Ctrl+Shift+P").map((s) => s.command)).toEqual(["push"]);
    // No key is listed twice.
    const keys = SHORTCUTS.map((s) => s.keys);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("leaves Ctrl+F to the body editor and ? to text fields", () => {
    expect(commandFor(key("f", { ctrlKey: true }), true, true)).toBeNull();
    expect(commandFor(key("f", { ctrlKey: true }), false, false)).toBe("find");
    expect(commandFor(key("?"), true, false)).toBeNull();
    expect(commandFor(key("?"), false, false)).toBe("help");
    expect(commandFor(key("x"), false, false)).toBeNull();
  });

  it("moves between the panes with Alt+1 to Alt+4, from anywhere", () => {
    expect(commandFor(key("1", { altKey: true }), false, false)).toBe("go-library");
    expect(commandFor(key("2", { altKey: true }), true, true)).toBe("go-body");
    expect(commandFor(key("3", { altKey: true }), true, false)).toBe("go-preview");
    // A layout where Alt+4 types another character: the key's place counts.
    expect(commandFor(key("¢", { altKey: true, code: "Digit4" }), true, true)).toBe("go-details");
    expect(commandFor(key("5", { altKey: true }), false, false)).toBeNull();
    expect(commandFor(key("1", { altKey: true, shiftKey: true }), false, false)).toBeNull();
  });

  it("lists every command in the help", () => {
    const listed = new Set(SHORTCUTS.map((s) => s.command));
    for (const c of ["new", "save", "find", "preview", "export", "help", "send", "receive", "suggest", "comment", "go-library", "go-body", "go-preview", "go-details", "push"] as const) expect(listed.has(c)).toBe(true);
  });
});
