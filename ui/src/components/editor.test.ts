import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEditor } from "./editor";

const press = (target: HTMLElement, key: string, mods: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...mods });
  target.dispatchEvent(event);
  return event;
};

describe("the body editor and the keyboard", () => {
  beforeEach(() => {
    // CodeMirror measures text through ranges, which jsdom cannot lay out.
    Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] });
    Range.prototype.getBoundingClientRect = () => new DOMRect();
  });
  afterEach(() => document.body.replaceChildren());

  it("lets Tab and Shift+Tab move the keyboard on, never typing", () => {
    const host = document.createElement("div");
    document.body.appendChild(host);
    const editor = createEditor(host, () => undefined);
    editor.load("Boats left at dawn.");
    editor.focus();
    const tab = press(editor.view.contentDOM, "Tab");
    const back = press(editor.view.contentDOM, "Tab", { shiftKey: true });
    // Not handled by the editor: the web view moves the focus as anywhere else.
    expect(tab.defaultPrevented).toBe(false);
    expect(back.defaultPrevented).toBe(false);
    expect(editor.text()).toBe("Boats left at dawn.");
    // The text itself is a keyboard stop, so its scrolling box is reachable.
    expect(editor.view.contentDOM.getAttribute("tabindex")).toBe("0");
    expect(editor.view.contentDOM.getAttribute("aria-label")).toBe("Story body");
  });

  it("indents with Ctrl+] and outdents with Ctrl+[", () => {
    const host = document.createElement("div");
    document.body.appendChild(host);
    const changes: string[] = [];
    const editor = createEditor(host, (text) => changes.push(text));
    editor.load("Boats left at dawn.");
    editor.focus();
    expect(press(editor.view.contentDOM, "]", { ctrlKey: true }).defaultPrevented).toBe(true);
    expect(editor.text()).toMatch(/^\s+Boats left at dawn\.$/);
    press(editor.view.contentDOM, "[", { ctrlKey: true });
    expect(editor.text()).toBe("Boats left at dawn.");
    expect(changes).toHaveLength(2);
  });
});
